"""Theme assets with content-hashed names, so servers can cache them for a year.

Templates write `{{ 'theme/css/site.css' | asset }}` and get `theme/css/site.<hash>.css`;
the hashed copy is written beside the original when the build finishes.
"""

from __future__ import annotations

import hashlib
import shutil
from functools import cache
from pathlib import Path

from pelican import signals

THEME_PREFIX = "theme/"


@cache
def _hashed_name(theme_static: str, path: str) -> str:
    source = Path(theme_static) / path[len(THEME_PREFIX) :]
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{digest}.{suffix}"


class AssetFilter:
    """`{{ 'theme/css/site.css' | asset }}`; a class, not a closure, so that settings stay
    picklable for Pelican's content cache."""

    def __init__(self, theme_static: str, used: set[str]) -> None:
        self.theme_static, self.used = theme_static, used

    def __call__(self, path: str) -> str:
        self.used.add(path)
        return _hashed_name(self.theme_static, path)


def _install_filter(pelican) -> None:
    theme_static = str(Path(pelican.settings["THEME"]) / "static")
    _hashed_name.cache_clear()
    used: set[str] = set()
    pelican.settings.setdefault("JINJA_FILTERS", {})["asset"] = AssetFilter(theme_static, used)
    pelican.settings["_ASSETS_USED"] = used


def _write_hashed(pelican) -> None:
    output = Path(pelican.output_path)
    theme_static = str(Path(pelican.settings["THEME"]) / "static")
    for path in sorted(pelican.settings.get("_ASSETS_USED", ())):
        shutil.copyfile(output / path, output / _hashed_name(theme_static, path))


def register() -> None:
    signals.initialized.connect(_install_filter)
    signals.finalized.connect(_write_hashed)
