"""The build on every core: content files are read, and pages rendered, by this process
and forked children together. Output is the same as with one process (a test builds the
sample both ways and compares every byte).

Setting: PORTAL_BUILD_WORKERS (default: the number of cores; 1 does everything here).
"""

from __future__ import annotations

from pelican import signals

from .reading import prefetch
from .rendering import QueueingWriter, RenderQueueGenerator, run_later

__all__ = ["run_later"]


def _get_writer(pelican):
    return QueueingWriter


def _append_renderer(generators: list) -> None:
    generators.append(RenderQueueGenerator())


def _release_reader_cache(generator) -> None:
    """Pelican has saved its reader cache by now; what it holds (every file's content and
    metadata, a second copy in warm builds) is not read again in this build."""
    generator.readers._cache.clear()


def register() -> None:
    signals.article_generator_init.connect(prefetch)
    signals.article_generator_finalized.connect(_release_reader_cache)
    signals.get_writer.connect(_get_writer)
    signals.all_generators_finalized.connect(_append_renderer)
