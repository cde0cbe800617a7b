"""News posts: newer/older neighbours and related posts for every published post."""

from __future__ import annotations

from pelican import signals


def related_posts(article, articles: list, limit: int) -> list:
    """Posts sharing tags (weighted double) or the category, most related and newest first."""
    tags = {tag.slug for tag in getattr(article, "tags", [])}
    scored = []
    for other in articles:
        if other is article:
            continue
        score = 2 * len(tags & {tag.slug for tag in getattr(other, "tags", [])})
        score += other.category == article.category
        if score:
            scored.append((-score, -other.date.timestamp(), other.source_path, other))
    scored.sort(key=lambda entry: entry[:3])
    return [entry[-1] for entry in scored[:limit]]


def _link_posts(generator) -> None:
    articles = generator.articles  # newest first
    limit = generator.settings.get("RELATED_POSTS", 4)
    for index, article in enumerate(articles):
        article.newer = articles[index - 1] if index > 0 else None
        article.older = articles[index + 1] if index + 1 < len(articles) else None
        article.related = related_posts(article, articles, limit)
    for draft in generator.drafts:
        draft.newer = draft.older = None
        draft.related = []


def register() -> None:
    signals.article_generator_finalized.connect(_link_posts)
