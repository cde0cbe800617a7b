"""Settings for the published site: no drafts, no scheduled posts, absolute feed links."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402,F403

PORTAL_PREVIEW = False
# Absolute address from data/site.yml (set by the portal_site plugin).
del PORTAL_URL  # noqa: F821
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
# Gzip and Brotli copies for nginx are added to each release by scripts/publish (the
# precompress plugin can also do it in the build: PORTAL_PRECOMPRESS = True).
