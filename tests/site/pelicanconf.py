"""Build settings of the Lạng Sơn site (preview): the engine's, with this site's folders.
Province facts live in data/; a setting changed here follows the call."""

from pathlib import Path

from thads_portal.pelican.settings import site_settings

globals().update(site_settings(Path(__file__).parent))
