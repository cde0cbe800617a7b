"""Gzip and Brotli copies of every text file of the published site, written beside it
(`page.html.gz`, `page.html.br`), so the web server sends them without compressing on
each request. Enabled by PORTAL_PRECOMPRESS (publish builds)."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
from pelican import signals

from thads_portal.pelican.config import portal_config

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".ics", ".svg", ".map"}
MIN_BYTES = 256
# Brotli 7 is ~40 times faster than 11 for ~8 % more bytes: a 10,000-page publish stays quick.
BROTLI_QUALITY = 7


def compress_file(path: Path) -> None:
    data = path.read_bytes()
    # mtime=0: the same input gives the same bytes (reproducible releases).
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=BROTLI_QUALITY))


def compressed_with_it(path: Path) -> bool:
    """Whether the file came with its compressed copies, written after it: the vendored
    editing interface, compressed once when it was fetched (scripts/fetch-vendor), instead
    of 6 MB of scripts compressed again by every publish build."""
    siblings = [path.with_name(path.name + suffix) for suffix in (".gz", ".br")]
    moment = path.stat().st_mtime_ns
    return all(s.is_file() and s.stat().st_mtime_ns >= moment for s in siblings)


def compress_tree(root: Path) -> int:
    count = 0
    for path in sorted(root.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file() or path.stat().st_size < MIN_BYTES:
            continue
        if not compressed_with_it(path):
            compress_file(path)
        count += 1
    return count


def _finalized(pelican) -> None:
    if portal_config(pelican.settings).portal_precompress:
        compress_tree(Path(pelican.output_path))


def register() -> None:
    signals.finalized.connect(_finalized)
