"""Layout in Chromium on the published sample: no page scrolls sideways on a 320 px phone,
open auctions and the first notice are in a phone's first screen, the notice filters fold
away on phones, and the main menu is one line at 1280 px."""

from __future__ import annotations

import re

import pytest
from conftest import BrowserPage

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def first(selector: str, listing: str):
    """The address of the first link matching `selector` on the built page `listing`."""

    def find(site) -> str:
        link = site.html(listing.lstrip("/")).select_one(selector)
        assert link, (listing, selector)
        return link["href"]

    return find


def redirect_stub(site) -> str:
    return (site.output / "_redirects.map").read_text(encoding="utf-8").split()[0]


# One built page of every template (page.html through organization and contact, which extend
# it), found in the built site where the sample decides which pages exist.
TEMPLATES = {
    "index": "/",
    "news": "/tin-tuc/",
    "news_page_2": first("nav.pagination a[href^='/tin-tuc/trang-']", "/tin-tuc/"),
    "article": first("article.card h2 a", "/tin-tuc/"),
    "categories": "/chuyen-muc/",
    "category": first("main a[href^='/chuyen-muc/'][href$='/']:not([href='/chuyen-muc/'])", "/chuyen-muc/"),
    "tags": "/the/",
    "tag": first("main a[href^='/the/']:not([href='/the/'])", "/the/"),
    "archives": "/tin-tuc/luu-tru/",
    "period_archives": first("main a[href^='/tin-tuc/20']", "/tin-tuc/luu-tru/"),
    "notices": "/thong-bao/",
    "notices_by_type": first(".subnav a[href^='/thong-bao/loai/']", "/thong-bao/"),
    "notices_upcoming": "/thong-bao/sap-dau-gia/",
    "notice": first(".notice-card .card-title a", "/thong-bao/"),
    "legal_documents": "/van-ban/",
    "legal_documents_by_type": first(".subnav a[href^='/van-ban/loai/']", "/van-ban/"),
    "legal_document": first("#documents-table tbody a", "/van-ban/"),
    "procedures": "/thu-tuc-hanh-chinh/",
    "procedure": first(".procedure-list a", "/thu-tuc-hanh-chinh/"),
    "debtors": "/nguoi-phai-thi-hanh-an-chua-co-dieu-kien/",
    "debtor_list": first(
        "main a[href^='/nguoi-phai-thi-hanh-an-chua-co-dieu-kien/']:not([href$='-kien/'])",
        "/nguoi-phai-thi-hanh-an-chua-co-dieu-kien/",
    ),
    "statistics": "/thong-ke/",
    "statistics_year": first("main a[href^='/thong-ke/20']", "/thong-ke/"),
    "open_data": "/du-lieu/",
    "organization": "/gioi-thieu/",
    "organization_en": "/en/about/",
    "contact": "/lien-he/",
    "contact_en": "/en/contact/",
    "search": "/tim-kiem/",
    "search_results": "/tim-kiem/?q=dat",
    "notfound": "/404.html",
    "redirect": redirect_stub,
}


def address(site, template: str) -> str:
    found = TEMPLATES[template]
    path = found(site) if callable(found) else found
    assert (site.output / path.split("?")[0].lstrip("/")).exists(), path
    return path


def open_page(browser, site_url, viewport: dict, javascript: bool = True) -> BrowserPage:
    opened = BrowserPage(browser, site_url, javascript)
    opened.page.set_viewport_size(viewport)
    return opened


def overflowing(page, width: int) -> list[str]:
    """The outermost elements that stick out past the right edge (for the failure message)."""
    return page.evaluate(
        """w => [...document.body.querySelectorAll('*')]
             .filter(e => e.getBoundingClientRect().right > w + 0.5)
             .filter(e => { let p = e.parentElement; while (p) { const o = getComputedStyle(p).overflowX;
                            if (o !== 'visible') return false; p = p.parentElement; } return true; })
             .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}px`)""",
        width,
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_no_page_scrolls_sideways_at_320_px(browser, site, site_url, template, javascript):
    path = address(site, template)
    opened = open_page(browser, site_url, {"width": 320, "height": 640}, javascript)
    page = opened.page
    if template == "redirect":
        # The stub leaves at once (meta refresh): measure it as it is, without leaving.
        def without_refresh(route):
            response = route.fetch()
            body = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", response.text())
            route.fulfill(response=response, body=body)

        page.route(re.compile(r".*/$"), without_refresh)
    try:
        response = page.goto(site_url + path)
        assert response.ok, path
        if template.startswith("search") and javascript:
            page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
        if template == "redirect":
            assert "Trang đã chuyển" in page.inner_text("h1")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width, overflowing(page, 320))
        assert not opened.errors, opened.errors
    finally:
        opened.close()


def top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def test_open_auctions_are_in_the_first_screen_of_a_phone(browser, site, site_url):
    assert site.html("").select(".home-notices .notice-card"), "the sample has open or upcoming auctions"
    opened = open_page(browser, site_url, PHONE)
    try:
        page = opened.open("/")
        assert top(page, ".home-notices .notice-card") < PHONE["height"]
        # One search box on a phone: the header's; the home page's own box is for wide screens.
        assert page.locator("form[role=search]:visible").count() == 1
        # The auctions come before the news, in reading order too.
        order = page.evaluate("[...document.querySelectorAll('.home-grid > section')].map(s => s.className)")
        assert order.index("home-notices") < order.index("home-news")
        page.screenshot(path="/tmp/layout-home-360.png")
    finally:
        opened.close()


def test_home_keeps_news_and_auctions_side_by_side_on_wide_screens(browser, site_url):
    opened = open_page(browser, site_url, DESKTOP)
    try:
        page = opened.open("/")
        news = page.locator(".home-news").bounding_box()
        auctions = page.locator(".home-notices").bounding_box()
        assert news["x"] + news["width"] <= auctions["x"] and abs(news["y"] - auctions["y"]) < 2
        assert top(page, ".home-notices .notice-card") < DESKTOP["height"]
        page.screenshot(path="/tmp/layout-home-1280.png")
    finally:
        opened.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_notice_filters_fold_away_on_a_phone(browser, site_url, javascript):
    opened = open_page(browser, site_url, PHONE, javascript)
    try:
        page = opened.open("/thong-bao/")
        assert top(page, "main .notice-card") < PHONE["height"]
        panel = page.locator("details.filter-panel")
        assert not panel.evaluate("d => d.open")
        assert page.locator(".filter-panel nav.subnav a").first.is_hidden()
        panel.locator("summary").click()
        assert page.locator(".filter-panel nav.subnav a").first.is_visible()
        page.screenshot(path=f"/tmp/layout-notices-360-{'js' if javascript else 'nojs'}.png")
    finally:
        opened.close()


def test_notice_filters_are_open_on_wide_screens(browser, site_url):
    opened = open_page(browser, site_url, DESKTOP)
    try:
        page = opened.open("/thong-bao/")
        page.wait_for_function("document.querySelector('details.filter-panel').open")
        links = page.locator(".filter-panel nav.subnav a")
        assert links.count() > 10 and links.first.is_visible() and links.last.is_visible()
        page.screenshot(path="/tmp/layout-notices-1280.png")
    finally:
        opened.close()


def test_legal_documents_offer_one_way_to_filter(browser, site_url):
    for javascript in (True, False):
        opened = open_page(browser, site_url, {"width": 320, "height": 640}, javascript)
        try:
            page = opened.open("/van-ban/")
            selects = page.locator("form.combined-filter select:visible")
            links = page.locator("nav.subnav a:visible")
            if javascript:
                assert selects.count() == 3 and links.count() == 0
                assert page.locator(".result-count:visible, .filter-note:visible").count() == 0
            else:
                assert selects.count() == 0 and links.count() > 5
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
        finally:
            opened.close()


@pytest.mark.parametrize("path", ["/", "/thong-bao/", "/thu-tuc-hanh-chinh/"])
def test_main_menu_is_one_line_at_1280_px(browser, site_url, path):
    opened = open_page(browser, site_url, DESKTOP)
    try:
        page = opened.open(path)
        tops = page.evaluate(
            "[...document.querySelectorAll('.site-nav > .container > ul > li')].map(li => li.offsetTop)"
        )
        assert len(tops) >= 10 and len(set(tops)) == 1, tops
        if path == "/thong-bao/":
            page.screenshot(path="/tmp/layout-menu-1280.png")
    finally:
        opened.close()
