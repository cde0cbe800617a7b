"""Content files read on every core, before Pelican's own reading loop: each worker reads
its share of the files as that loop does (`Readers.read_file`, into an `Article`), and the
articles go into Pelican's generator cache, where the loop takes them as read already (and
what the reader returned into its reader cache, saved with caching on). A file that fails
is left out, so that Pelican reads it again itself and reports it as usual."""

from __future__ import annotations

import os
from collections.abc import Callable

from pelican import signals
from pelican.contents import Article, SkipStub
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
    names = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    files = [(name, os.path.abspath(os.path.join(generator.path, name))) for name in names]
    # Left to Pelican: files already in the cache (warm builds) and formats without a reader.
    files = [
        (name, path)
        for name, path in files
        if file_suffix(path) in readers.readers
        and (path not in readers._cache or readers.get_cached_data(path, (None, None))[0] is None)
    ]
    if not files:
        # Nothing is read again: the reader cache Pelican saves after reading would be the
        # one it loaded (43 MB at 10,000 documents, a second of the warm build).
        readers.save_cache = _nothing_to_save
    stamp_of = readers._get_file_stamp

    def read(file: tuple[str, str]) -> tuple | None:
        """The file read as Pelican's reading loop reads it, into its content object."""
        name, path = file
        stamp = stamp_of(path)  # before reading: a file saved meanwhile is read again next time
        try:
            article = readers.read_file(
                base_path=generator.path,
                path=name,
                content_class=Article,
                context=generator.context,
                preread_signal=signals.article_generator_preread,
                preread_sender=generator,
                context_signal=signals.article_generator_context,
                context_sender=generator,
            )
        except Exception:
            return None  # Pelican reads it again and reports it
        if isinstance(article, SkipStub) or not article.is_valid():
            return None
        article._context = article.settings = None  # the whole site: this process's are put back
        return stamp, readers._cache.get(path), article

    workers = worker_count(settings, len(files), FILES_PER_WORKER)
    if workers < 2 or generator._cache_data_policy:
        return  # with Pelican's generator caching layer, its cache is saved: left to Pelican
    for (name, path), result in zip(files, in_parallel(files, read, workers), strict=True):
        if result is None:
            continue
        stamp, read_file, article = result
        article._context, article.settings = generator.context, settings
        # Pelican's reading loop takes what its generator cache has as read already.
        generator._cache[name] = (stamp, article)
        if read_file is not None:  # the reader cache's entry, saved with caching on
            readers._cache[path] = read_file
        if isinstance(readers._filestamp_func, _Stamps):
            readers._filestamp_func.known[path] = stamp
            readers._filestamp_func.known[os.path.join(generator.path, name)] = stamp
        signals.content_object_init.send(article)  # sent in the child: here for this process


def end_reading(generator) -> None:
    """Pelican has saved its reader cache by now; what it holds (every file's content and
    metadata, a second copy in warm builds) is not read again in this build. Stamps are
    taken afresh from now on: the preview server reads edited files with these readers."""
    generator.readers._cache.clear()
    if not generator._cache_data_policy:
        generator._cache.clear()
    for cacher in (generator, generator.readers):
        if isinstance(cacher._filestamp_func, _Stamps):
            cacher._filestamp_func = cacher._filestamp_func.stamp


def _nothing_to_save() -> None:
    pass
