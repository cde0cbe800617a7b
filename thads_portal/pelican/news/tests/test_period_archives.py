"""The year, month and day archives hold the posts Pelican's own code puts there, in the
same order."""

from __future__ import annotations

import datetime as dt
import random

from thads_portal.pelican.news import _pelican_period_archives, _period_archives

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

    ours = _period_archives(None, by_date, listed, SETTINGS)
    pelicans = _pelican_period_archives(None, by_date, listed, SETTINGS)

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
    ours = _period_archives(None, posts[::-1], posts, settings)
    assert set(ours) == {"year", "month"}
    assert ours["month"][0]["articles"] == posts
