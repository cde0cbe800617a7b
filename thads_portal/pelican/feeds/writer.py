"""One Atom and one RSS file for a stream of entries, with absolute links and ids."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from feedgen.feed import FeedGenerator

# Root-relative links in post bodies would resolve against the feed reader, not the site.
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


@dataclass
class FeedEntry:
    url: str  # absolute
    title: str
    published: dt.datetime
    updated: dt.datetime
    summary: str  # plain text
    content_html: str = ""
    author: str = ""
    categories: list[str] = field(default_factory=list)


def absolutize(html: str, base_url: str) -> str:
    return _ROOT_RELATIVE.sub(rf"\1{base_url}/", html)


def write_feeds(
    output: Path,
    paths: dict[str, str],
    *,
    title: str,
    subtitle: str,
    page_url: str,
    base_url: str,
    site,
    entries: list[FeedEntry],
) -> None:
    """Write `paths["atom"]` and `paths["rss"]` below `output` for the newest entries."""
    generator = FeedGenerator()
    generator.id(page_url)
    generator.title(title)
    generator.subtitle(subtitle)
    generator.language("vi")
    generator.author({"name": site.name, "email": site.email})
    generator.logo(f"{base_url}/{site.emblem}")
    # No build clock in feeds: the newest entry dates the feed, so rebuilds are identical.
    newest = max((entry.updated for entry in entries), default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    generator.updated(newest)
    generator.lastBuildDate(newest)
    for entry in entries:
        item = generator.add_entry(order="append")
        item.id(entry.url)
        item.guid(entry.url, permalink=True)
        item.title(entry.title)
        item.link(href=entry.url)
        item.published(entry.published)
        item.updated(entry.updated)
        item.summary(entry.summary)  # Atom <summary> is text: escaped once, as XML
        # Readers take an RSS <description> as HTML: escape the text for HTML first.
        item.description(html.escape(entry.summary, quote=False))
        if entry.content_html:
            # Escaped, not CDATA: a body containing "]]>" must not break the feed.
            item.content(absolutize(entry.content_html, base_url), type="html")
        item.author({"name": entry.author or site.name, "email": site.email})
        for category in entry.categories:
            item.category(term=category)
    for kind in ("atom", "rss"):
        target = output / paths[kind]
        target.parent.mkdir(parents=True, exist_ok=True)
        self_link = f"{base_url}/{paths[kind]}"
        # feedgen takes the last link as the RSS <channel><link>: the web page.
        generator.link(
            [{"href": self_link, "rel": "self"}, {"href": page_url, "rel": "alternate"}],
            replace=True,
        )
        render = generator.atom_str if kind == "atom" else generator.rss_str
        target.write_bytes(render(pretty=True))
