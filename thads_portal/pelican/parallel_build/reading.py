"""Content files read on every core, before Pelican's own reading loop: each worker calls
the reader's `read(path)` on its share of the files, and the reader then answers Pelican's
loop with those results (one call each) instead of reading the file again. Only public
parts of Pelican are used: the generator's `get_files`, the `readers` it holds and their
`read`, `get_cached_data` (`pelican_private` empties the reader cache once it is saved, and
does not save it again when no file was read anew).
A file that fails, or that changed since it was read, is read
again by Pelican's loop, which reports it as usual."""

from __future__ import annotations

import os

from pelican.utils import file_suffix

from thads_portal.pelican import pelican_private

from .workers import in_parallel, worker_count

FILES_PER_WORKER = 40  # a fork costs milliseconds; reading 40 files much more


class _Prefetched:
    """Stands for one reader's `read` while Pelican's loop runs: each file's result once,
    if the file has not changed since."""

    def __init__(self, read, results: dict[str, tuple]) -> None:
        self.read, self.results = read, results

    def __call__(self, path: str):
        found = self.results.pop(path, None)
        if found is not None:
            stamp, result = found
            if _stamp(path) == stamp:
                return result
        return self.read(path)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _picklable(metadata: dict) -> dict:
    """Without the bare `object()` markers Pelican's metadata processors return for values
    to drop (Pelican drops them too, by identity, which a copy from another process loses)."""
    return {name: value for name, value in metadata.items() if type(value) is not object}


def prefetch(generator) -> None:
    readers, settings = generator.readers, generator.settings
    paths = [
        os.path.abspath(os.path.join(generator.path, name))
        for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    ]
    # Left to Pelican: formats without a reader and files its reader cache holds (warm
    # builds; a cold one has no cache to ask, and asking takes a stat per file).
    cached = readers.get_cached_data if settings.get("LOAD_CONTENT_CACHE") else lambda path, default: default
    paths = [path for path in paths if file_suffix(path) in readers.readers and cached(path, None) is None]
    if not paths:
        pelican_private.skip_saving_unchanged_cache(readers)
    workers = worker_count(settings, len(paths), FILES_PER_WORKER)
    if workers < 2:
        return

    def read(path: str) -> tuple | None:
        stamp = _stamp(path)  # before reading: a file saved meanwhile is read again
        try:
            content, metadata = readers.readers[file_suffix(path)].read(path)
        except Exception:
            return None  # Pelican reads it again and reports it
        return stamp, (content, _picklable(metadata))

    results: dict[str, dict[str, tuple]] = {}
    for path, found in zip(paths, in_parallel(paths, read, workers), strict=True):
        if found is not None:
            results.setdefault(file_suffix(path), {})[path] = found
    for suffix, found in results.items():
        reader = readers.readers[suffix]
        reader.read = _Prefetched(reader.read, found)  # on this instance, for this build


def end_reading(generator) -> None:
    """Pelican's loop is done and its reader cache saved: what that cache holds is not read
    again in this build (`pelican_private`), and the readers read files themselves again
    (the preview server reads edited files with them)."""
    pelican_private.release_reader_cache(generator.readers)
    for reader in generator.readers.readers.values():
        if isinstance(vars(reader).get("read"), _Prefetched):
            del reader.read
