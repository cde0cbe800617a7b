"""Related posts are those sharing the most tags (2 points each) and the category (1 point),
then the nearest in time, among the posts near each post in each of its tags and its
category; newer and older are the neighbours in the newest-first list."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from thads_portal.pelican.news import WINDOW, _link_posts


class Term:
    def __init__(self, slug: str) -> None:
        self.slug = slug


def _posts(count: int, seed: int) -> list:
    rng = random.Random(seed)
    tags, categories = [Term(f"the-{n}") for n in range(8)], [Term(f"muc-{n}") for n in range(3)]
    start = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    posts = [
        SimpleNamespace(
            source_path=f"content/news/tin-{n:04d}.md",
            date=start + dt.timedelta(hours=rng.randrange(4 * 365 * 24)),
            tags=rng.sample(tags, rng.randrange(0, 4)),
            category=rng.choice(categories),
        )
        for n in range(count)
    ]
    return sorted(posts, key=lambda post: post.date, reverse=True)


def _expected(posts: list, index: int, limit: int) -> list:
    """The rule written out plainly, post by post."""
    post = posts[index]
    groups = [("tag", tag.slug) for tag in post.tags] + [("category", post.category.slug)]

    def members(group):
        kind, slug = group
        if kind == "tag":
            return [other for other in posts if slug in {tag.slug for tag in other.tags}]
        return [other for other in posts if other.category.slug == slug]

    near = []
    for group in groups:
        listed = members(group)
        here = listed.index(post)
        near += listed[max(0, here - WINDOW) : here + WINDOW + 1]
    candidates = {id(other): other for other in near if other is not post}.values()

    def rank(other):
        shared = {tag.slug for tag in post.tags} & {tag.slug for tag in other.tags}
        score = 2 * len(shared) + (other.category.slug == post.category.slug)
        return (-score, abs((other.date - post.date).total_seconds()), other.source_path)

    return sorted(candidates, key=rank)[:limit]


def test_related_posts_follow_the_rule_and_neighbours_the_order():
    posts = _posts(300, seed=3)
    _link_posts(SimpleNamespace(articles=posts, settings={"RELATED_POSTS": 4}, drafts=[]))
    for index in range(0, len(posts), 7):
        assert [p.source_path for p in posts[index].related] == [
            p.source_path for p in _expected(posts, index, 4)
        ]
    assert posts[0].newer is None and posts[0].older is posts[1]
    assert posts[-1].older is None and posts[-1].newer is posts[-2]
    assert all(len(post.related) == 4 for post in posts)
