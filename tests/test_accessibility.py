"""axe-core in Chromium on one page of every template (WCAG 2.1 A and AA: no violations),
and keyboard-only use of the menu and the search filters."""

from __future__ import annotations

import pytest
from conftest import ROOT

AXE = ROOT / "tests" / "vendor" / "axe-4.14.1" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "index": "/",
    "news": "/tin-tuc/",
    "article": "/tin-tuc/ap-dung-chu-ky-so-trong-phat-hanh-van-ban-thi-hanh-an/",
    "category": "/chuyen-muc/chi-dao-dieu-hanh/",
    "categories": "/chuyen-muc/",
    "tag": "/the/cai-cach-hanh-chinh/",
    "tags": "/the/",
    "archives": "/tin-tuc/luu-tru/",
    "period_archives": "/tin-tuc/2026/11/",
    "notice": "/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/",
    "notices": "/thong-bao/",
    "upcoming": "/thong-bao/sap-dau-gia/",
    "open_data": "/du-lieu/",
    "search": "/tim-kiem/?q=dat&type=auction",
    "organization": "/gioi-thieu/",
    "organization_en": "/en/about/",
    "contact": "/lien-he/",
    "legal_documents": "/van-ban/",
    "legal_document": "/van-ban/nghi-dinh-62-2015-nd-cp/",
    "procedures": "/thu-tuc-hanh-chinh/",
    "procedure": "/thu-tuc-hanh-chinh/yeu-cau-thi-hanh-an-dan-su/",
    "debtors": "/nguoi-phai-thi-hanh-an-chua-co-dieu-kien/",
    "debtor_list": "/nguoi-phai-thi-hanh-an-chua-co-dieu-kien/khu-vuc-1/",
    "statistics": "/thong-ke/",
    "statistics_year": "/thong-ke/2026/",
    "notfound": "/404.html",
}


@pytest.mark.parametrize("template", sorted(PAGES))
def test_no_wcag_violations(browser_page, template):
    assert AXE.is_file(), "run `make system-deps` (scripts/fetch-vendor) to fetch axe-core"
    page = browser_page.open(PAGES[template])
    if template == "search":
        page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in result["violations"]
    ]
    assert violations == [], violations
    assert result["passes"], "axe ran no rule"


def test_menu_is_usable_with_the_keyboard(browser_page):
    page = browser_page.open("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page = browser_page.open("/")
    labels = []
    for _ in range(25):
        page.keyboard.press("Tab")
        labels.append(page.evaluate("document.activeElement.textContent.trim()"))
        if labels[-1] == "Thống kê":
            break
    assert "Thông báo" in labels and labels[-1] == "Thống kê"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/thong-ke/")


def test_search_filters_are_usable_with_the_keyboard(browser_page):
    page = browser_page.open("/tim-kiem/")
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
    page.focus("#search-q")
    page.keyboard.type("dat")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "type":
            break
    assert page.evaluate("document.activeElement.value") == "news"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "auction"
    page.keyboard.press("Space")
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('type').includes('auction')")
    assert page.is_checked("input[name=type][value=auction]")
