"""The portal's domain: site data, units, news posts, notices, legal rules.

Every plugin and every script imports from here, so that the build, `thads check`
and the scaffolding tools agree on one model. This package is not a Pelican plugin.
"""
