"""/tim-kiem/ on a phone: the filters fold away as on the notice listings, and a ticked
filter answers where the reader is: the number of results beside the filters (read out
politely) and a link down to the results."""

from __future__ import annotations

import pytest
from test_layout import DESKTOP, PHONE, open_page
from test_search import found, settled, show_all


def in_view(page, selector: str, viewport: dict) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def note(page) -> str:
    return page.inner_text("#search-found").strip()


@pytest.fixture()
def phone(browser, site_url):
    opened = open_page(browser, site_url, PHONE)
    yield opened
    opened.close()
    assert not opened.errors, opened.errors


def test_the_count_beside_the_filters_follows_a_ticked_filter_on_a_phone(phone):
    page = settled(phone.open("/tim-kiem/"))
    panel = page.locator("#search-filters")
    assert not panel.evaluate("d => d.open"), "the filters fold away on a phone"
    # In the first screen before anything is ticked: how many there are, and the way to them.
    assert in_view(page, "#search-found", PHONE) and in_view(page, "#search-jump", PHONE)
    assert note(page) == f"{found(page)} kết quả"
    assert page.get_attribute("#search-found", "aria-live") == "polite"

    panel.locator("summary").click()
    page.check("input[name=asset][value=land]")
    page.wait_for_function("new URLSearchParams(location.search).getAll('asset').includes('land')")
    page.wait_for_function(
        "() => document.getElementById('search-found').textContent.trim()"
        " === document.getElementById('search-count').dataset.count + ' kết quả'"
    )
    settled(page)
    total = found(page)
    assert total > 0
    # The answer is on the screen where the box was ticked, though the results are far below.
    assert in_view(page, "input[name=asset][value=land]", PHONE)
    assert in_view(page, "#search-found", PHONE) and in_view(page, "#search-jump", PHONE)
    assert page.locator("#search-found").is_visible() and note(page) == f"{total} kết quả"
    assert page.locator("#search-results li").first.bounding_box()["y"] > PHONE["height"]

    page.click("#search-jump")
    page.wait_for_function("() => document.activeElement === document.getElementById('search-count')")
    assert in_view(page, "#search-count", PHONE)
    first = page.locator("#search-results li").first.bounding_box()
    assert 0 <= first["y"] < PHONE["height"]
    assert "#" not in page.url  # the address keeps the search, not a jump
    # The number said beside the filters is the number of results listed.
    assert page.locator("#search-results li").count() == min(total, 10)
    assert show_all(page).locator("#search-results li").count() == total

    # Unticked again: the count follows.
    page.locator("#search-filters > summary").scroll_into_view_if_needed()
    page.uncheck("input[name=asset][value=land]")
    page.wait_for_function("() => !new URLSearchParams(location.search).getAll('asset').length")
    settled(page)
    page.wait_for_function(
        "n => document.getElementById('search-found').textContent.trim() === n + ' kết quả'", arg=found(page)
    )
    assert found(page) > total


def test_no_results_are_said_beside_the_filters(phone):
    page = settled(phone.open("/tim-kiem/?q=khongcotukhoanay"))
    assert found(page) == 0 and note(page) == "Không có kết quả"


def test_the_filters_are_open_with_the_count_on_wide_screens(browser, site_url):
    opened = open_page(browser, site_url, DESKTOP)
    try:
        page = settled(opened.open("/tim-kiem/?asset=land"))
        page.wait_for_function("document.getElementById('search-filters').open")
        assert page.locator("input[name=asset][value=land]").is_visible()
        assert page.locator("#search-found").is_visible() and note(page) == f"{found(page)} kết quả"
        assert not opened.errors, opened.errors
    finally:
        opened.close()
