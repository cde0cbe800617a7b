"""News posts: newer/older neighbours and related posts for every published post."""

from __future__ import annotations

from collections import defaultdict

from pelican import signals

from portal.documents import newest_first

# Related posts are looked for among the posts nearest in time in each shared tag or
# category: linear in the number of posts, and recent context is the relevant one.
WINDOW = 40


def _keys(article) -> tuple[frozenset, str]:
    """Tag slugs and category slug (compared as strings: Pelican's own equality of tags
    and categories slugifies both sides on every comparison)."""
    return frozenset(tag.slug for tag in getattr(article, "tags", [])), article.category.slug


def _groups(keys: tuple[frozenset, str]) -> list[str]:
    tags, category = keys
    return [f"tag:{tag}" for tag in sorted(tags)] + [f"category:{category}"]


def related_posts(article, members: dict[str, list], positions: dict, keys: dict, limit: int) -> list:
    """Posts sharing tags (weighted double) or the category, most related, then nearest."""
    tags, category = keys[id(article)]
    candidates = {}
    for group in _groups(keys[id(article)]):
        posts = members[group]
        here = positions[(group, id(article))]
        for other in posts[max(0, here - WINDOW) : here + WINDOW + 1]:
            if other is not article:
                candidates[id(other)] = other
    scored = []
    for other in candidates.values():
        other_tags, other_category = keys[id(other)]
        score = 2 * len(tags & other_tags) + (other_category == category)
        distance = abs((other.date - article.date).total_seconds())
        scored.append((-score, distance, other.source_path, other))
    scored.sort(key=lambda entry: entry[:3])
    return [entry[-1] for entry in scored[:limit]]


def _order(generator) -> None:
    generator.articles[:] = newest_first(generator.articles)  # before tags and archives are made


def _link_posts(generator) -> None:
    articles = generator.articles  # newest first
    limit = generator.settings.get("RELATED_POSTS", 4)
    keys = {id(article): _keys(article) for article in articles}
    members: dict[str, list] = defaultdict(list)
    positions = {}
    for article in articles:
        for group in _groups(keys[id(article)]):
            positions[(group, id(article))] = len(members[group])
            members[group].append(article)
    for index, article in enumerate(articles):
        article.newer = articles[index - 1] if index > 0 else None
        article.older = articles[index + 1] if index + 1 < len(articles) else None
        article.related = related_posts(article, members, positions, keys, limit)
    for draft in generator.drafts:
        draft.newer = draft.older = None
        draft.related = []


def register() -> None:
    signals.article_generator_pretaxonomy.connect(_order)
    signals.article_generator_finalized.connect(_link_posts)
