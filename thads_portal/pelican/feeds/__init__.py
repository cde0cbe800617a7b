"""Atom and RSS feeds (feedgen): all news, each news category, all notices, each notice
type and each unit. Ids and links are absolute (PORTAL_URL), also in preview builds.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from thads_portal.domain import urls
from thads_portal.domain.documents import newest_first
from thads_portal.domain.notices import NOTICE_TYPES
from thads_portal.pelican.render_plan import FileJob, plan

from .writer import FeedEntry, write_feeds


def _news_entry(article, base_url: str) -> FeedEntry:
    return FeedEntry(
        url=f"{base_url}/{article.url}",
        title=article.title,
        published=article.date,
        updated=getattr(article, "modified", None) or article.date,
        summary=article.record.summary,
        content_html=article.content,
        author=str(getattr(article, "author", "")),
        categories=[str(article.category)],
    )


def _notice_entry(notice, base_url: str) -> FeedEntry:
    record, facts = notice.record, notice.view.facts
    summary = " ".join(
        filter(None, [record.summary] + [f"{label}: {value}." for label, value in facts.key_facts])
    )
    return FeedEntry(
        url=f"{base_url}/{notice.url}",
        title=notice.title,
        published=notice.date,
        updated=getattr(notice, "modified", None) or notice.date,
        summary=summary,
        content_html=notice.content,
        author=facts.unit_name,
        categories=[NOTICE_TYPES[record.notice_type], *record.asset_category_labels],
    )


def _write_all(generator, writer) -> None:
    output = Path(writer.output_path)
    plan(writer, FileJob("feeds", output, lambda root: _write_feeds(generator, root)))  # on any core


def _write_feeds(generator, output: Path) -> None:
    settings = generator.settings
    site, units = settings["SITE"], settings["UNITS"]
    base_url = settings["PORTAL_URL"]
    limit = settings.get("FEED_MAX_ITEMS", 30)

    def stream(kind, slug, title, page, entries):
        write_feeds(
            output,
            urls.feed(kind, slug),
            title=f"{title} – {site.short_name}",
            subtitle=f"{title} của {site.name}",
            page_url=f"{base_url}/{page}",
            base_url=base_url,
            site=site,
            entries=entries[:limit],
        )

    news = [_news_entry(article, base_url) for article in generator.articles]
    stream("news", "", "Tin tức", settings["NEWS_URL"], news)
    for category, articles in generator.categories:
        entries = [_news_entry(article, base_url) for article in articles]
        stream("category", category.slug, category.name, category.url, entries)

    notices = newest_first(generator.context.get("notices", []))
    entries = [(notice, _notice_entry(notice, base_url)) for notice in notices]
    stream("notices", "", "Thông báo", settings["NOTICES_URL"], [e for _, e in entries])
    for type_id, type_slug in settings["NOTICE_TYPE_SLUGS"].items():
        chosen = [e for n, e in entries if n.record.notice_type == type_id]
        page = settings["NOTICE_TYPE_URL"].format(slug=type_slug)
        stream("notice_type", type_slug, NOTICE_TYPES[type_id], page, chosen)
    for unit_id, unit in units.items():
        chosen = [e for n, e in entries if n.record.unit == unit_id]
        if chosen:
            page = settings["NOTICE_UNIT_URL"].format(slug=unit_id)
            stream("unit", unit_id, f"Thông báo của {unit.name}", page, chosen)


def register() -> None:
    signals.article_writer_finalized.connect(_write_all)
