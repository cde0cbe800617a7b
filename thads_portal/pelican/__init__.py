"""The Pelican layer: one plugin a package, the default settings and the ordered registry
(settings.py). Everything here reads the domain; nothing in the domain imports this."""
