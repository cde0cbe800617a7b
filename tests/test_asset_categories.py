"""A notice has every asset category its assets have (land sold with a house is land and
house), and every listing, count, search filter, feed and the open data agree on them."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import feedparser
from conftest import make_project
from test_check import _check_project, _notice_copy
from test_search import found, open_data, result_links, search, show_all

from thads_portal.domain.notices import ASSET_CATEGORIES
from thads_portal.domain.text import fold

# The page with the asset links → the address of each asset category's listing.
ASSET_LINKS = {"thong-bao/": "/thong-bao/tai-san/", "thong-bao/sap-dau-gia/": "/thong-bao/sap-dau-gia/"}


def sells_land(notice: dict) -> bool:
    return any("quyen su dung dat" in fold(asset["name"]).lower() for asset in notice["assets"])


def sells_land_and_house(notice: dict) -> bool:
    return any(re.search(r"quyen su dung dat.* va nha o", fold(a["name"]).lower()) for a in notice["assets"])


def listed(site, path: str) -> list[str]:
    """The notices a listing shows, over all its pages."""
    links, page = [], site.html(path)
    while True:
        links += [a["href"] for a in page.select(".card-list .notice-card .card-title a")]
        following = page.select_one("a[rel=next]")
        if following is None:
            return links
        page = site.html(following["href"].lstrip("/"))


def test_land_search_finds_every_open_notice_selling_land(browser_page, site):
    notices = open_data(site)
    expected = {urlsplit(n["url"]).path for n in notices if n["status"] == "open" and sells_land(n)}
    with_house = {
        urlsplit(n["url"]).path for n in notices if n["status"] == "open" and sells_land_and_house(n)
    }
    assert len(with_house) >= 3 and with_house < expected
    page = search(browser_page.open("/tim-kiem/"), "?q=dau+gia+dat&status=open&asset=land")
    assert set(result_links(show_all(page))) == expected
    assert found(page) == len(expected)
    # The count beside "land" is what ticking it shows; a house with land counts under both.
    assert page.text_content("[data-facet-count='asset:land']") == f"({len(expected)})"
    houses = {
        urlsplit(n["url"]).path for n in notices if n["status"] == "open" and "nhà ở" in str(n["assets"])
    }
    page = search(page, "?q=dau+gia+dat&status=open&asset=house")
    assert set(result_links(show_all(page))) >= houses >= with_house


def test_each_asset_listing_shows_every_notice_of_its_category_and_counts_them(site):
    notices = {urlsplit(n["url"]).path: n for n in open_data(site)}
    for page, prefix in ASSET_LINKS.items():
        among = set(listed(site, page))  # all notices, or the upcoming auctions
        links = [
            a
            for a in site.html(page).select(".subnav a")
            if a["href"].startswith(prefix) and a["href"] != prefix
        ]
        assert {a["href"] for a in links} >= {f"{prefix}quyen-su-dung-dat/", f"{prefix}nha-o-cong-trinh/"}
        for link in links:
            [category] = [c for c, label in ASSET_CATEGORIES.items() if link.get_text().startswith(label)]
            shown = listed(site, link["href"].lstrip("/"))
            want = {url for url in among if category in notices[url].get("asset_categories", ())}
            assert len(shown) == len(set(shown)) and set(shown) == want, link["href"]
            assert link.get_text().endswith(f"({len(shown)})"), (page, link.get_text(), len(shown))
    land = set(listed(site, "thong-bao/tai-san/quyen-su-dung-dat/"))
    assert {url for url, n in notices.items() if sells_land(n)} <= land
    houses = set(listed(site, "thong-bao/tai-san/nha-o-cong-trinh/"))
    assert {url for url, n in notices.items() if sells_land_and_house(n)} <= land & houses


def test_feed_entries_carry_every_asset_category(site):
    notices = {n["url"]: n for n in open_data(site)}
    for path in ("feeds/thong-bao.atom.xml", "feeds/thong-bao.rss.xml"):
        parsed = feedparser.parse((site.output / path).read_bytes())
        assert parsed.entries
        both = 0
        for entry in parsed.entries:
            notice = notices[entry.link]
            terms = {tag.term for tag in entry.get("tags", [])}
            assert {ASSET_CATEGORIES[c] for c in notice["asset_categories"]} <= terms, (path, entry.link)
            both += sells_land_and_house(notice)
            if sells_land_and_house(notice):
                assert {"Quyền sử dụng đất", "Nhà ở, công trình xây dựng"} <= terms, entry.link
        assert both >= 3, path


def test_open_data_lists_every_asset_category(site):
    notices = open_data(site)
    for notice in notices:
        categories = notice["asset_categories"]
        assert categories and categories[0] == notice["asset_category"]
        assert len(set(categories)) == len(categories)
        if sells_land_and_house(notice):
            assert {"land", "house"} <= set(categories), notice["slug"]
    # Written as a list in front matter (sample: the Hồ Sơn factory), both are kept.
    [ho_son] = [n for n in notices if n["slug"] == "lua-chon-to-chuc-dau-gia-nha-xuong-xa-ho-son"]
    assert ho_son["asset_categories"] == ["land", "house"]
    text = (site.output / "du-lieu/thong-bao.csv").read_text(encoding="utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    for notice in notices:
        row = rows[notice["slug"]]
        assert row["asset_category"] == notice["asset_category"]
        assert row["asset_categories"] == " | ".join(notice["asset_categories"])
        assert row["asset_category_labels"] == " | ".join(
            ASSET_CATEGORIES[c] for c in notice["asset_categories"]
        )


def test_the_notice_page_names_every_category(site):
    [notice] = [n for n in open_data(site) if n["slug"] == "ban-dau-gia-nha-dat-xa-binh-gia"]
    assert notice["asset_categories"] == ["house", "land"]
    summary = site.html(urlsplit(notice["url"]).path.lstrip("/")).select_one(".summary-box").get_text(" ")
    assert "Nhà ở, công trình xây dựng; Quyền sử dụng đất" in summary


def test_a_list_of_categories_is_checked_against_the_asset_kind(tmp_path):
    project = make_project(tmp_path / "project")
    good = _notice_copy(project, "nha-va-dat", {8: "asset_category: [house, land]"})
    bad = _notice_copy(project, "nha-va-xe", {8: "asset_category: [house, vehicle]"})
    wrong = _notice_copy(project, "loai-sai", {8: "asset_category: [house, farm]"})
    problems = _check_project(project)
    assert not [p for p in problems if p[0] == good and p[3] == "error"], problems
    assert (
        bad,
        7,
        "asset_kind",
        "error",
        "tài sản loại 'vehicle' là 'movable', không phải 'real_estate'",
    ) in problems
    [(_, line, field, severity, message)] = [p for p in problems if p[0] == wrong and p[3] == "error"]
    assert (line, field, severity) == (8, "asset_category.1", "error")
    assert message.startswith("giá trị 'farm' không hợp lệ; chọn một trong: 'land'"), message
