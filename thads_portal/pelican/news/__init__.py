"""News posts: newer/older neighbours and related posts for every published post."""

from __future__ import annotations

from collections import defaultdict

from pelican import signals

from thads_portal.domain.documents import newest_first
from thads_portal.pelican import pelican_private
from thads_portal.pelican.config import portal_config

# Related posts are looked for among the posts nearest in time in each shared tag or
# category: linear in the number of posts, and recent context is the relevant one.
WINDOW = 40


class _Posts:
    """What ranking needs of each post, by its index in the newest-first list: its tags as
    bits of one integer (a shared tag is a bit of `a & b`), its category's slug, its moment
    in seconds and its source path (the last tie-break), and, for each tag and the category,
    that group's list of posts and the post's place in it. Compared as plain values: Pelican's
    own equality of tags and categories slugifies both sides on every comparison."""

    def __init__(self, posts: list) -> None:
        bit_of: dict[str, int] = {}
        self.tags, self.categories, self.moments, self.sources = [], [], [], []
        self.places: list[list[tuple[list[int], int]]] = []
        members: dict[str, list[int]] = defaultdict(list)
        for index, post in enumerate(posts):
            slugs = sorted({tag.slug for tag in getattr(post, "tags", [])})
            bits = 0
            for slug in slugs:
                bits |= 1 << bit_of.setdefault(slug, len(bit_of))
            category = post.category.slug
            self.tags.append(bits)
            self.categories.append(category)
            self.moments.append(post.date.timestamp())
            self.sources.append(post.source_path)
            places = []
            for group in [f"tag:{slug}" for slug in slugs] + [f"category:{category}"]:
                places.append((members[group], len(members[group])))
                members[group].append(index)
            self.places.append(places)

    def related(self, index: int, limit: int) -> list[int]:
        """Posts sharing tags (weighted double) or the category, most related, then nearest."""
        candidates: set[int] = set()
        for group, here in self.places[index]:
            candidates.update(group[max(0, here - WINDOW) : here + WINDOW + 1])
        candidates.discard(index)
        tags, category, moment = self.tags[index], self.categories[index], self.moments[index]
        ranked = sorted(
            (
                -(2 * (tags & self.tags[other]).bit_count() + (self.categories[other] == category)),
                abs(self.moments[other] - moment),
                self.sources[other],
                other,
            )
            for other in candidates
        )
        return [entry[-1] for entry in ranked[:limit]]


class _Members(list):
    """A tag's, category's or author's posts, with a set of them beside: Pelican's output
    step asks `post in posts` of every post for each of them (a second, at 5,000 posts).
    The lists are not changed once the context is made."""

    def __init__(self, posts) -> None:
        super().__init__(posts)
        self._ids = {id(post) for post in self}

    def __contains__(self, post) -> bool:
        return id(post) in self._ids


def _index_members(generator) -> None:
    generator.tags = {tag: _Members(posts) for tag, posts in generator.tags.items()}
    generator.categories = [(category, _Members(posts)) for category, posts in generator.categories]
    generator.authors = [(author, _Members(posts)) for author, posts in generator.authors]
    generator.context["tags"] = list(generator.tags.items())
    generator.context["categories"], generator.context["authors"] = generator.categories, generator.authors


def _order(generator) -> None:
    generator.articles[:] = newest_first(generator.articles)  # before tags and archives are made


def _link_posts(generator) -> None:
    articles = generator.articles  # newest first
    limit = portal_config(generator.settings).related_posts
    posts = _Posts(articles)
    for index, article in enumerate(articles):
        article.newer = articles[index - 1] if index > 0 else None
        article.older = articles[index + 1] if index + 1 < len(articles) else None
        article.related = [articles[other] for other in posts.related(index, limit)]
    for draft in generator.drafts:
        draft.newer = draft.older = None
        draft.related = []


def register() -> None:
    pelican_private.apply()  # year and month archives in one pass
    signals.article_generator_pretaxonomy.connect(_order)
    signals.article_generator_finalized.connect(_link_posts)
    signals.article_generator_finalized.connect(_index_members)
