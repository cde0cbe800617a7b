"""The publishing engine of the civil judgment enforcement agencies' portals.

Layers: `domain` (documents, notices, rules, checks; no Pelican import), `pelican` (the
plugins and default settings), `theme`, `cli` (the `thads` command), `data` (legal rules
shipped with each version).
"""

from pathlib import Path

__version__ = "1.2.1"

# Data shipped with the engine (legal rules, the province table); a site's data/ adds to it.
ENGINE_DATA = Path(__file__).parent / "data"
THEME = Path(__file__).parent / "theme"
