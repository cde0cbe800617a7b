"""Settings of the published site: pelicanconf.py's, without drafts and scheduled posts,
with absolute feed links. Gzip and Brotli copies are added to each release by `thads publish`."""

from pathlib import Path

from thads_portal.pelican.settings import publish_settings

globals().update(publish_settings(Path(__file__).parent / "pelicanconf.py"))
