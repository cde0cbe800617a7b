"""The one guarded use of Pelican's private parts (`thads_portal.pelican.pelican_private`):
it matches the installed Pelican, and what it replaces gives what Pelican's own code gives."""

from __future__ import annotations

import datetime as dt
import random

from pelican.generators import ArticlesGenerator
from pelican.readers import Readers
from pelican.settings import read_settings

from thads_portal.pelican import pelican_private
from thads_portal.pelican.pelican_private import pelican_period_archives, period_archives

SETTINGS = {
    "YEAR_ARCHIVE_SAVE_AS": "tin-tuc/{date:%Y}/index.html",
    "YEAR_ARCHIVE_URL": "tin-tuc/{date:%Y}/",
    "MONTH_ARCHIVE_SAVE_AS": "tin-tuc/{date:%Y}/{date:%m}/index.html",
    "MONTH_ARCHIVE_URL": "tin-tuc/{date:%Y}/{date:%m}/",
    "DAY_ARCHIVE_SAVE_AS": "tin-tuc/{date:%Y}/{date:%m}/{date:%d}/index.html",
    "DAY_ARCHIVE_URL": "tin-tuc/{date:%Y}/{date:%m}/{date:%d}/",
}


class Post:
    """Compared by identity, as Pelican's articles are."""

    def __init__(self, date: dt.datetime) -> None:
        self.date = date


def test_the_installed_pelican_is_supported_and_its_private_parts_have_the_shape_relied_on():
    # Fails on a Pelican release that changed them: pelican_private.py must be brought up
    # to date (or the speed-up dropped) before that release is supported.
    assert pelican_private.problems() == []
    assert pelican_private.apply() is True  # as the news plugin does
    assert ArticlesGenerator._build_period_archives is period_archives


def test_a_changed_private_part_is_named_and_not_replaced(monkeypatch):
    monkeypatch.setattr(pelican_private, "pelican_period_archives", lambda self, dates, settings: {})
    assert pelican_private.problems() == [
        "ArticlesGenerator._build_period_archives takes ['self', 'dates', 'settings']"
    ]
    monkeypatch.setattr(pelican_private, "version", lambda name: "4.13.0")
    assert "Pelican 4.13.0 is not among the supported versions ('4.12',)" in pelican_private.problems()
    monkeypatch.setattr(ArticlesGenerator, "_build_period_archives", "untouched")
    assert pelican_private.apply() is False
    assert ArticlesGenerator._build_period_archives == "untouched"


def test_the_reader_cache_is_emptied_once_pelican_has_saved_it(tmp_path):
    settings = read_settings(override={"CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True})
    readers = Readers(settings, cache_name="Readers-test")
    source = tmp_path / "bai.md"
    source.write_text("x")
    readers.cache_data(str(source), ("<p>x</p>", {}))
    assert readers.get_cached_data(str(source)) == ("<p>x</p>", {})
    pelican_private.release_reader_cache(readers)
    assert readers.get_cached_data(str(source)) is None
    assert readers._cache == {}


def test_a_reader_cache_nothing_was_added_to_is_not_saved_again(tmp_path):
    settings = read_settings(override={"CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True})
    readers = Readers(settings, cache_name="Readers-test")
    pelican_private.skip_saving_unchanged_cache(readers)
    readers.save_cache()
    assert not (tmp_path / "Readers-test").exists()
    Readers(settings, cache_name="Readers-test").save_cache()  # another build's is saved
    assert (tmp_path / "Readers-test").exists()


def test_each_period_holds_the_posts_pelican_puts_there_in_the_order_of_the_posts():
    rng = random.Random(7)
    start = dt.datetime(2023, 1, 1, 8, 0)
    # Several posts share a day (and a moment): periods must not mix them up.
    posts = [
        Post(start + dt.timedelta(days=rng.randrange(3 * 365), hours=rng.choice([0, 0, 3])))
        for _ in range(400)
    ]
    by_date = sorted(posts, key=lambda post: post.date, reverse=True)
    listed = list(posts)
    rng.shuffle(listed)  # an order other than the dates', to tell whose order is kept

    ours = period_archives(None, by_date, listed, SETTINGS)
    pelicans = pelican_period_archives(None, by_date, listed, SETTINGS)

    assert set(ours) == {"year", "month", "day"} == set(pelicans)
    for granularity in pelicans:
        assert len(ours[granularity]) == len(pelicans[granularity]) > 1
        for mine, theirs in zip(ours[granularity], pelicans[granularity], strict=True):
            assert mine.keys() == theirs.keys()
            assert [id(post) for post in mine["articles"]] == [id(post) for post in theirs["articles"]]
            assert {k: v for k, v in mine.items() if k != "articles"} == {
                k: v for k, v in theirs.items() if k != "articles"
            }
    assert sum(len(year["articles"]) for year in ours["year"]) == len(posts)


def test_a_granularity_without_pages_has_no_archives():
    posts = [Post(dt.datetime(2026, 11, day)) for day in (3, 3, 20)]
    settings = {**SETTINGS, "DAY_ARCHIVE_SAVE_AS": ""}
    ours = period_archives(None, posts[::-1], posts, settings)
    assert set(ours) == {"year", "month"}
    assert ours["month"][0]["articles"] == posts
