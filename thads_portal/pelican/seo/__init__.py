"""sitemap.xml and robots.txt, from what the build actually wrote.

Pages marked noindex (previews, the debtor list, the 404 page) stay out of the sitemap.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

from thads_portal.domain import urls

_written: dict[str, str] = {}
EXCLUDED_PREFIXES = ("ban-nhap/", urls.ADMIN_PATH)


def _reset(pelican) -> None:
    _written.clear()


def _record(path: str, context: dict) -> None:
    output_file = context.get("output_file", "")
    if not output_file.endswith(".html") or context.get("noindex") or output_file == "404.html":
        return
    if output_file.startswith(EXCLUDED_PREFIXES) or context.get("redirect_to"):
        return
    content = context.get("article") or context.get("page") or context.get("notice")
    moment = getattr(content, "modified", None) or getattr(content, "date", None)
    _written[urls.page_path(output_file)] = moment.date().isoformat() if moment else ""


def _write(pelican) -> None:
    base_url = pelican.settings["PORTAL_URL"]
    output = Path(pelican.output_path)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in sorted(_written):
        lastmod = f"<lastmod>{_written[path]}</lastmod>" if _written[path] else ""
        lines.append(f"<url><loc>{escape(f'{base_url}/{path}')}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    (output / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    disallow = "".join(f"Disallow: /{prefix}\n" for prefix in EXCLUDED_PREFIXES)
    (output / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n{disallow}\nSitemap: {base_url}/sitemap.xml\n", encoding="utf-8"
    )


def register() -> None:
    signals.get_generators.connect(_reset)
    signals.content_written.connect(_record)
    signals.finalized.connect(_write)
