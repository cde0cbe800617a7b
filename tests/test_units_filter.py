"""The unit filters of the notice listings and of the search page: units in service first,
former units apart under their heading, Vietnamese alphabetical order, a renamed unit once
(counting the notices of all its names), and counts that match the pages linked to."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import SITE

from thads_portal.domain.data import unit_chains
from thads_portal.domain.text import collation_key

UNITS = {u["id"]: u for u in yaml.safe_load((SITE / "data/units.yml").read_text(encoding="utf-8"))}
LISTINGS = ["thong-bao/", "thong-bao/sap-dau-gia/", "thong-bao/don-vi/thads-lang-son/"]
COUNT = re.compile(r"\((\d+)\)\s*$")


def is_current(unit_id: str) -> bool:
    return "valid_to" not in UNITS[unit_id]  # the sample's reference day is after every end


def unit_id(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def unit_block(site, page: str) -> tuple[list, list, str | None]:
    """(links before the former units' heading, links after it, that heading's text)."""
    soup = site.html(page)
    title = next(h for h in soup.select(".filter-panel h2") if h.get_text(strip=True) == "Theo đơn vị")
    current, former, heading = [], [], None
    for element in title.find_next_siblings():
        if element.name in ("h2",):
            break
        if element.name in ("h3", "h4", "p") and heading is None:
            heading = element.get_text(" ", strip=True)
        for link in element.select("a[href]") if element.name == "ul" else []:
            (former if heading else current).append(link)
    return current, former, heading


def label(link) -> str:
    return COUNT.sub("", link.get_text(" ", strip=True)).strip()


@pytest.mark.parametrize("page", LISTINGS)
def test_current_units_first_former_units_under_their_heading(site, page):
    current, former, heading = unit_block(site, page)
    assert current and former
    assert all(is_current(unit_id(a["href"])) for a in current), [label(a) for a in current]
    assert not any(is_current(unit_id(a["href"])) for a in former), [label(a) for a in former]
    assert heading and heading.startswith("Đơn vị cũ (trước 01/07/2025")


def test_regional_offices_name_the_areas_they_cover(site):
    current, _, _ = unit_block(site, "thong-bao/")
    by_id = {unit_id(a["href"]): label(a) for a in current}
    for region in ("khu-vuc-1", "khu-vuc-5"):
        for area in UNITS[region]["area"].split(", "):
            assert area in by_id[region]


def test_vietnamese_alphabetical_order(site):
    current, former, _ = unit_block(site, "thong-bao/")
    for group in (current, former):
        labels = [label(a) for a in group]
        assert labels == sorted(labels, key=collation_key)
    names = [label(a) for a in former]
    bac_son = next(i for i, n in enumerate(names) if "Bắc Sơn" in n)
    binh_gia = next(i for i, n in enumerate(names) if "Bình Gia" in n)
    assert bac_son < binh_gia


def test_collation_key():
    words = ["Bình Gia", "Đình Lập", "Bắc Sơn", "ăn", "ân", "an", "Dương", "khu vực 10", "khu vực 2"]
    assert sorted(words, key=collation_key) == [
        "an", "ăn", "ân", "Bắc Sơn", "Bình Gia", "Dương", "Đình Lập", "khu vực 2", "khu vực 10"
    ]  # fmt: skip
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=collation_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]


def test_a_renamed_unit_is_one_entry(site):
    assert unit_chains({k: _model(v) for k, v in UNITS.items()})["cuc-thads-lang-son"] == "thads-lang-son"
    current, former, _ = unit_block(site, "thong-bao/")
    ids = [unit_id(a["href"]) for a in current + former]
    assert len(ids) == len(set(ids))
    assert "thads-lang-son" in ids and "cuc-thads-lang-son" not in ids
    # District branches merged into regional offices are not renamings: they stay.
    assert "chi-cuc-bac-son" in ids


def _model(raw: dict):
    from thads_portal.domain.data import Unit

    return Unit(**raw)


def notices_on(site, page: str) -> int:
    """Notices of a listing, over all its pages."""
    total, path = 0, page
    while path:
        soup = site.html(path.lstrip("/"))
        total += len(soup.select(".card-list .notice-card"))
        following = soup.select_one("a[rel=next]")
        path = following["href"] if following else None
    return total


@pytest.mark.parametrize("page", LISTINGS)
def test_each_count_is_what_its_link_shows(site, page):
    current, former, _ = unit_block(site, page)
    for link in current + former:
        count = int(COUNT.search(link.get_text(" ", strip=True)).group(1))
        assert count == notices_on(site, link["href"]), link["href"]


def test_search_unit_facet_in_the_build_order(site):
    """The search facet offers the listing's entries in the listing's order, the former units
    under the same heading; the order the browser uses is the index's (meta.json)."""
    current, former, heading = unit_block(site, "thong-bao/")
    soup = site.html("tim-kiem/")
    fieldset = soup.select_one("fieldset[data-facet=unit]")
    values = [box["value"] for box in fieldset.select("input[name=unit]")]
    assert values == [unit_id(a["href"]) for a in current + former]
    group = fieldset.select_one(".facet-group")
    assert group and group.get_text(strip=True) == heading
    first_former = fieldset.select("input[name=unit]")[len(current)]
    assert first_former.find_previous(class_="facet-group") is group
    index = Path(soup.select_one("#search-form")["data-index"].split("//", 1)[-1].split("/", 1)[-1])
    meta = json.loads((site.output / index / "meta.json").read_text(encoding="utf-8"))
    assert [entry[0] for entry in meta["labels"]["units"]] == values


def test_search_facet_counts_match_the_listing(browser_page, site):
    current, former, _ = unit_block(site, "thong-bao/")
    page = browser_page.open("/tim-kiem/")
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
    for link in current + former:
        expected = COUNT.search(link.get_text(" ", strip=True)).group(0)
        shown = page.text_content(f"[data-facet-count='unit:{unit_id(link['href'])}']")
        assert shown == expected, link["href"]


def test_a_link_with_a_renamed_units_old_id_still_filters(browser_page, site):
    """`unit=` is a contract: a shared link naming "Cục THADS tỉnh" by its old id filters by
    the entry that now stands for it."""
    fieldset = site.html("tim-kiem/").select_one("fieldset[data-facet=unit]")
    box = fieldset.select_one("input[data-aliases]")
    assert box is not None and "cuc-thads-lang-son" in box["data-aliases"].split()
    page = browser_page.open("/tim-kiem/?unit=cuc-thads-lang-son")
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
    assert page.is_checked(f"input[name=unit][value='{box['value']}']")
    old = browser_page.page.locator("#search-results .search-result").count()
    page = browser_page.open(f"/tim-kiem/?unit={box['value']}")
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
    assert old == browser_page.page.locator("#search-results .search-result").count() > 0
