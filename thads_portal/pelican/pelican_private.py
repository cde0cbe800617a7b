"""The one module that touches private parts of Pelican. Everything else in the engine uses
Pelican's public API: settings, signals, generators' and readers' public methods, the
writer's `write_file`, `pelican.utils` and `pelican.paginator`.

Supported Pelican versions: `SUPPORTED` (the latest 4.x release, 4.12, when this was
written). On any other version, or where the private part changed shape, nothing here is
applied: the build runs on Pelican's own code (correct, slower), and
`tests/test_pelican_private.py` fails, naming what changed.

What is touched, and why no public way serves:
- `ArticlesGenerator._build_period_archives(self, sorted_articles, articles, settings)`:
  Pelican's year and month archives ask `post in dates` of every post for every period
  (0.9 s at 5,000 posts over 5 years). Pelican has no signal between making the periods and
  using them; building them ourselves would copy the method. The replacement calls
  Pelican's own with no posts (it still makes every period, its address and its `dates`)
  and puts each post in its periods in one pass, in the order of `articles`, as Pelican does.
- `Readers._cache` (a dict, `pelican.cache.FileDataCacher`): emptied once Pelican has read
  every file and saved it (`release_reader_cache`). In a build with the content cache on,
  it holds every file's content and metadata a second time for the rest of the build (about
  70 MB of the peak at 10,000 documents); Pelican offers no public way to drop it.
- `FileDataCacher.save_cache(self)`, on one `Readers` instance: not run when every file
  came from the cache (`skip_saving_unchanged_cache`). Pelican saves the reader cache after
  reading whether or not anything changed; pickling it again took a second of a warm build
  and ~60 MB of its peak at 10,000 documents, to write the file it had just loaded.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from pelican.cache import FileDataCacher
from pelican.generators import ArticlesGenerator

SUPPORTED = ("4.12",)  # major.minor
PERIOD_ARCHIVES_PARAMETERS = ["self", "sorted_articles", "articles", "settings"]

pelican_period_archives = getattr(ArticlesGenerator, "_build_period_archives", None)


def problems() -> list[str]:
    """What no longer matches on the installed Pelican (empty where all does)."""
    found = []
    installed = version("pelican")
    if ".".join(installed.split(".")[:2]) not in SUPPORTED:
        found.append(f"Pelican {installed} is not among the supported versions {SUPPORTED}")
    if pelican_period_archives is None:
        found.append("ArticlesGenerator._build_period_archives is gone")
    else:
        parameters = list(inspect.signature(pelican_period_archives).parameters)
        if parameters != PERIOD_ARCHIVES_PARAMETERS:
            found.append(f"ArticlesGenerator._build_period_archives takes {parameters}")
    if "self._cache = " not in inspect.getsource(FileDataCacher.__init__):
        found.append("FileDataCacher keeps its data elsewhere than _cache")
    if list(inspect.signature(FileDataCacher.save_cache).parameters) != ["self"]:
        found.append("FileDataCacher.save_cache takes arguments")
    return found


def _nothing_to_save() -> None:
    pass


def skip_saving_unchanged_cache(readers) -> None:
    """Pelican's loop will read no file anew: its reader cache is not saved again."""
    if not problems():
        readers.save_cache = _nothing_to_save


def release_reader_cache(readers) -> None:
    """Drops what Pelican's reader cache holds (it has been saved by now), where the
    installed Pelican is one this module supports."""
    cache = vars(readers).get("_cache")
    if isinstance(cache, dict) and not problems():
        cache.clear()


def period_archives(generator, sorted_articles: list, articles: list, settings: dict) -> dict:
    """Pelican's period archives, their posts found in one pass."""
    archives = pelican_period_archives(generator, sorted_articles, [], settings)
    for periods in archives.values():
        period_of = {id(post): period for period in periods for post in period["dates"]}
        for period in periods:
            period["articles"] = []
        for post in articles:  # in the order of `articles`, as Pelican's
            period_of[id(post)]["articles"].append(post)
    return archives


def apply() -> bool:
    """Applies what is listed above where the installed Pelican matches; whether it did."""
    if problems():
        return False
    ArticlesGenerator._build_period_archives = period_archives
    return True
