"""Notice listings show what a reader can still act on first, and a filter link's count is
the number of notices the link leads to."""

from __future__ import annotations

import re

ORDER = {"open": 0, "upcoming": 1, "closed": 2}


def _statuses(build, path: str) -> list[str]:
    page = build.html(path)
    return [
        next(c for c in card.select_one(".status")["class"] if c.startswith("status-"))[len("status-") :]
        for card in page.select(".card-list .notice-card")
    ]


def test_listings_start_with_open_and_upcoming_notices(site):
    for path in ("thong-bao/", "thong-bao/loai/dau-gia/", "thong-bao/don-vi/khu-vuc-3/"):
        if not (site.output / path / "index.html").is_file():
            continue
        statuses = _statuses(site, path)
        assert statuses, path
        ranks = [ORDER.get(status, 3) for status in statuses]
        assert ranks == sorted(ranks), (path, statuses)
    first = _statuses(site, "thong-bao/")
    assert first[0] == "open" and "ended" in first


def _count(text: str) -> int:
    return int(re.search(r"\((\d+)\)\s*$", text).group(1))


def test_filter_counts_match_the_pages_they_link_to(site):
    for listing in ("thong-bao/", "thong-bao/sap-dau-gia/"):
        links = site.html(listing).select(".subnav a")
        counted = [link for link in links if re.search(r"\(\d+\)\s*$", link.get_text())]
        assert counted, listing
        for link in counted:
            target = link["href"].lstrip("/")
            pages = [target]
            page = site.html(target)
            while (following := page.select_one("a[rel=next]")) is not None:
                pages.append(following["href"].lstrip("/"))
                page = site.html(pages[-1])
            shown = sum(len(site.html(p).select(".card-list .notice-card")) for p in pages)
            assert shown == _count(link.get_text()), (listing, link.get_text(), target)
    for link in site.html("thong-bao/sap-dau-gia/").select(".subnav a"):
        if re.search(r"\(\d+\)\s*$", link.get_text()) and "/tai-san/" in link["href"]:
            raise AssertionError(f"an asset link on the upcoming page leads to all notices: {link['href']}")
