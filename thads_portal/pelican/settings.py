"""A site's Pelican settings: the engine's defaults with the site's own folders.

A site's pelicanconf.py is two lines:

    from pathlib import Path
    from thads_portal.pelican.settings import site_settings
    globals().update(site_settings(Path(__file__).parent))

and may change any setting after that. Templates in the site's `templates/` folder replace
the engine theme's templates of the same name (a partial included by others too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.settings import get_settings_from_file

from thads_portal import THEME

from . import defaults

# Pelican runs plugins' `register()` and signal handlers in this order.
PLUGINS = [
    # Content read and pages rendered on every core. First: at all_generators_finalized it
    # fixes every document's address before the strict build's checks read them all.
    "parallel_build",
    # Before the readers: turns every warning into an error and checks all documents at once.
    "strict_build",
    # Loads data/ into the context that the readers and generators below use.
    "portal_site",
    "yaml_frontmatter",
    # Decides what is published (drafts, scheduled posts) before any listing is made.
    "publication",
    "news",
    "notices",
    # Feeds, SEO and search read the notices and news the generators above finished.
    "feeds",
    "seo",
    "search",
    "images",
    "legal_documents",
    "procedures",
    "debtors",
    "enforcement_statistics",
    "redirects",
    # The editing interface at /quan-tri/ (its configuration made from the content models).
    "admin",
    # After every page is written: hashes the static files the pages name.
    "assets",
    "precompress",  # last: compresses what the others wrote at `finalized`, hashed assets too
]
PLUGIN_PACKAGE = "thads_portal.pelican"
# A site's own templates, searched before the engine's theme.
SITE_TEMPLATES = "templates"


def site_settings(root: str | Path) -> dict[str, Any]:
    """Every setting of the site in `root`, for the preview (drafts shown, local address)."""
    root = Path(root).absolute()
    settings = {name: value for name, value in vars(defaults).items() if name.isupper()}
    settings.update(
        PATH=str(root / "content"),
        THEME=str(THEME),
        THEME_TEMPLATES_OVERRIDES=[str(root / SITE_TEMPLATES)] if (root / SITE_TEMPLATES).is_dir() else [],
        PORTAL_DATA_PATH=str(root / "data"),
        PORTAL_IMAGE_CACHE=str(root / "cache" / "images"),
        PLUGINS=[f"{PLUGIN_PACKAGE}.{name}" for name in PLUGINS],
    )
    return settings


def publish_settings(preview_file: str | Path) -> dict[str, Any]:
    """The preview settings file's settings (with the site's own changes), for the public
    release: no drafts or scheduled posts; the absolute address comes from data/site.yml."""
    settings = {k: v for k, v in get_settings_from_file(str(preview_file)).items() if k.isupper()}
    settings.pop("PORTAL_URL", None)
    settings.update(PORTAL_PREVIEW=False, DRAFT_URL="", DRAFT_SAVE_AS="")
    settings.update(DRAFT_PAGE_URL="", DRAFT_PAGE_SAVE_AS="")
    return settings
