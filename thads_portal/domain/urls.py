"""Addresses the portal publishes besides Pelican's own (feeds, listings)."""

from __future__ import annotations

# The editing interface (the admin plugin writes it; the preview, `thads edit`, robots.txt
# and the sitemap know it by this address).
ADMIN_PATH = "quan-tri/"

FEED_BASES = {
    "news": "feeds/tin-tuc",
    "category": "feeds/chuyen-muc/{slug}",
    "notices": "feeds/thong-bao",
    "notice_type": "feeds/thong-bao/loai/{slug}",
    "unit": "feeds/thong-bao/don-vi/{slug}",
}


def feed(kind: str, slug: str = "") -> dict[str, str]:
    """Paths (below the site root) of the Atom and RSS feeds of one stream."""
    base = FEED_BASES[kind].format(slug=slug)
    return {"atom": f"{base}.atom.xml", "rss": f"{base}.rss.xml"}


def page_path(output_file: str) -> str:
    """The address of a written file: "tin-tuc/x/index.html" → "tin-tuc/x/"."""
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def menu_item(output_file: str, menu: list[dict]) -> str | None:
    """The address of the menu entry a written file belongs to: the home page's (""), or
    the first whose address starts the file's; None for a file under none of them."""
    for item in menu:
        if output_file.startswith(item["url"]) if item["url"] else output_file == "index.html":
            return item["url"]
    return None
