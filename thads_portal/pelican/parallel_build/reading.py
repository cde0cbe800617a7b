"""Content files read on every core, before Pelican's own reading loop: each worker runs
the reader on its share of the files and the results go into Pelican's in-memory reader
cache, where `Readers.read_file` finds them. A file that fails is left out, so that Pelican
reads it again itself and reports it as usual."""

from __future__ import annotations

import os
from collections.abc import Callable

from pelican.readers import _filter_discardable_metadata
from pelican.utils import file_suffix

from .workers import in_parallel, worker_count

FILES_PER_WORKER = 40  # a fork costs milliseconds; reading 40 files much more


class _Stamps:
    """Each content file's stamp (its modification time), taken once: Pelican takes it
    again on each look-up and store of its generator's cache and its reader cache (40,000
    `stat` calls at 10,000 documents, on the one core the others wait for)."""

    def __init__(self, stamp: Callable[[str], object]) -> None:
        self.stamp, self.known = stamp, {}

    def __call__(self, path: str):
        if path not in self.known:
            self.known[path] = self.stamp(path)
        return self.known[path]


def prefetch(generator) -> None:
    readers = generator.readers
    settings = generator.settings
    if readers._filestamp_func is not None:
        readers._filestamp_func = generator._filestamp_func = _Stamps(readers._filestamp_func)
    paths = [
        os.path.abspath(os.path.join(generator.path, name))
        for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    ]
    # Left to Pelican: files already in the cache (warm builds) and formats without a reader.
    paths = [
        path
        for path in paths
        if file_suffix(path) in readers.readers
        and (path not in readers._cache or readers.get_cached_data(path, (None, None))[0] is None)
    ]
    if not paths:
        # Nothing is read again: the reader cache Pelican saves after reading would be the
        # one it loaded (43 MB at 10,000 documents, a second of the warm build).
        readers.save_cache = _nothing_to_save
    reader_of = readers.readers
    stamp_of = readers._get_file_stamp

    def read(path: str) -> tuple | None:
        stamp = stamp_of(path)  # before reading: a file saved meanwhile is read again next time
        try:
            content, metadata = reader_of[file_suffix(path)].read(path)
        except Exception:
            return None  # Pelican reads it again and reports it
        return stamp, (content, _filter_discardable_metadata(metadata))

    workers = worker_count(settings, len(paths), FILES_PER_WORKER)
    if workers < 2:
        return
    for path, read_file in zip(paths, in_parallel(paths, read, workers), strict=True):
        if read_file is not None:
            # Pelican's own entry format; cache_data() would store nothing with caching off.
            readers._cache[path] = read_file
            if isinstance(readers._filestamp_func, _Stamps):
                readers._filestamp_func.known[path] = read_file[0]


def end_reading(generator) -> None:
    """Pelican has saved its reader cache by now; what it holds (every file's content and
    metadata, a second copy in warm builds) is not read again in this build. Stamps are
    taken afresh from now on: the preview server reads edited files with these readers."""
    generator.readers._cache.clear()
    for cacher in (generator, generator.readers):
        if isinstance(cacher._filestamp_func, _Stamps):
            cacher._filestamp_func = cacher._filestamp_func.stamp


def _nothing_to_save() -> None:
    pass
