"""Content files read on every core, before Pelican's own reading loop: each worker runs
the reader on its share of the files and the results go into Pelican's in-memory reader
cache, where `Readers.read_file` finds them. A file that fails is left out, so that Pelican
reads it again itself and reports it as usual."""

from __future__ import annotations

import os

from pelican.readers import _filter_discardable_metadata
from pelican.utils import file_suffix

from .workers import in_parallel, worker_count

FILES_PER_WORKER = 40  # a fork costs milliseconds; reading 40 files much more


def prefetch(generator) -> None:
    readers = generator.readers
    settings = generator.settings
    paths = [
        os.path.abspath(os.path.join(generator.path, name))
        for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    ]
    # Left to Pelican: files already in the cache (warm builds) and formats without a reader.
    paths = [
        path
        for path in paths
        if file_suffix(path) in readers.readers and readers.get_cached_data(path, (None, None))[0] is None
    ]
    if not paths:
        # Nothing is read again: the reader cache Pelican saves after reading would be the
        # one it loaded (43 MB at 10,000 documents, a second of the warm build).
        readers.save_cache = _nothing_to_save
    reader_of = readers.readers

    def read(path: str) -> tuple | None:
        try:
            content, metadata = reader_of[file_suffix(path)].read(path)
        except Exception:
            return None  # Pelican reads it again and reports it
        return content, _filter_discardable_metadata(metadata)

    workers = worker_count(settings, len(paths), FILES_PER_WORKER)
    if workers < 2:
        return
    for path, read_file in zip(paths, in_parallel(paths, read, workers), strict=True):
        if read_file is not None:
            # Pelican's own entry format; cache_data() would store nothing with caching off.
            readers._cache[path] = (readers._get_file_stamp(path), read_file)


def _nothing_to_save() -> None:
    pass
