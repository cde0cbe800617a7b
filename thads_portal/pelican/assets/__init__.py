"""Theme assets with content-hashed names, so servers can cache them for a year.

Templates write `{{ 'theme/css/site.css' | asset }}` and get `theme/css/site.<hash>.css`;
a hashed copy of every theme stylesheet and script is written when the build finishes.
"""

from __future__ import annotations

import hashlib
import shutil
from functools import cache
from pathlib import Path

from jinja2 import pass_context
from pelican import signals

THEME_PREFIX = "theme/"
HASHED_SUFFIXES = (".css", ".js")


@cache
def _hashed_name(theme: str, path: str) -> str:
    source = Path(theme) / "static" / path[len(THEME_PREFIX) :]
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{digest}.{suffix}"


@pass_context
def asset(context, path: str) -> str:
    """Takes the template context so that Jinja never folds it into a compiled template
    (compiled templates are cached; the hash must follow the file, not the template)."""
    return _hashed_name(context["THEME"], path)  # no Path made per call: thousands of pages


def _install_filter(pelican) -> None:
    _hashed_name.cache_clear()
    pelican.settings.setdefault("JINJA_FILTERS", {})["asset"] = asset


def _write_hashed(pelican) -> None:
    output = Path(pelican.output_path)
    theme = pelican.settings["THEME"]
    theme_static = Path(theme) / "static"
    for source in sorted(theme_static.rglob("*")):
        if source.suffix in HASHED_SUFFIXES and source.is_file():
            path = THEME_PREFIX + source.relative_to(theme_static).as_posix()
            shutil.copyfile(output / path, output / _hashed_name(theme, path))


def register() -> None:
    signals.initialized.connect(_install_filter)
    signals.finalized.connect(_write_hashed)
