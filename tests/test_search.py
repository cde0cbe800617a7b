"""The search page driven in headless Chromium over the built sample site."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from conftest import BrowserPage, run_build, served

from thads_portal.domain.text import fold


def search(page, query_string: str = ""):
    page.goto(page.url.split("/tim-kiem/")[0] + "/tim-kiem/" + query_string)
    return settled(page)


def settled(page):
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
    return page


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(
        "#search-results a[href]", "links => links.map(a => a.getAttribute('href'))"
    )


def result_titles(page) -> list[str]:
    return page.eval_on_selector_all("#search-results h2", "nodes => nodes.map(n => n.textContent)")


def found(page) -> int:
    return int(page.get_attribute("#search-count", "data-count"))


def show_all(page):
    """Presses "Xem thêm" until every result is listed."""
    while page.is_visible("#search-more"):
        shown = page.locator("#search-results li").count()
        page.click("#search-more")
        page.wait_for_function(
            "n => document.querySelectorAll('#search-results li').length > n"
            " && document.getElementById('search-results').getAttribute('aria-busy') === 'false'",
            arg=shown,
            timeout=10_000,
        )
    return page


def open_data(site) -> list[dict]:
    return json.loads((site.output / "du-lieu/thong-bao.json").read_text(encoding="utf-8"))["notices"]


def type_into(page, text: str) -> None:
    page.fill("#search-q", "")
    page.type("#search-q", text, delay=15)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=text, timeout=5000)
    settled(page)


def test_accent_free_query_finds_accented_notices(browser_page, site):
    page = search(browser_page.open("/tim-kiem/"), "?q=dau+gia+dat+dong+kinh")
    titles = result_titles(page)
    assert titles, "no results"
    assert "Thông báo bán đấu giá quyền sử dụng đất tại phường Đông Kinh" in titles
    # Every result's page has every word, folded ("kinh" is typed last: a prefix).
    for link in result_links(page):
        text = fold(site.html(link.lstrip("/")).select_one("main").get_text(" ")).lower()
        page_words = set(re.findall(r"\w+", text))
        assert {"dau", "gia", "dat", "dong"} <= page_words, link
        assert any(word.startswith("kinh") for word in page_words), link


def test_d_and_case_and_decomposed_input_match_alike(browser_page):
    page = browser_page.open("/tim-kiem/")
    counts = {}
    for query in ("dong dang", "ĐỒNG ĐĂNG", unicodedata.normalize("NFD", "Đồng Đăng"), "đồng đăng"):
        type_into(settled(page), query)
        counts[query] = found(page)
    assert len(set(counts.values())) == 1, counts
    assert next(iter(counts.values())) >= 3
    type_into(page, "dat")
    assert any("đất" in title for title in result_titles(page))


def test_exact_diacritics_rank_first(browser_page, site):
    page = show_all(search(browser_page.open("/tim-kiem/"), "?q=%C4%91%E1%BA%A1t"))  # "đạt"
    links = result_links(page)
    assert len(links) == found(page)
    assert len(links) >= 3

    def has_exact(link: str) -> bool:
        text = (site.output / link.lstrip("/") / "index.html").read_text(encoding="utf-8")
        return re.search(r"(?<!\w)đạt(?!\w)", text.lower()) is not None

    flags = [has_exact(link) for link in links]
    assert True in flags and False in flags, flags  # "dat" also finds "đất", "Đạt" ...
    assert flags == sorted(flags, reverse=True), flags


def test_type_filter_counts_and_results(browser_page, site):
    page = show_all(search(browser_page.open("/tim-kiem/"), "?type=auction"))
    expected = [n for n in open_data(site) if n["notice_type"] == "auction"]
    assert found(page) == len(expected)
    assert all(
        badge == "Đấu giá tài sản"
        for badge in page.eval_on_selector_all(
            "#search-results .badge", "nodes => nodes.map(n => n.textContent)"
        )
    )
    label = page.text_content("[data-facet-count='type:auction']")
    assert label == f"({len(expected)})"
    assert page.is_checked("input[name=type][value=auction]")


def test_combined_filters_match_the_open_data(browser_page, site):
    notices = open_data(site)
    expected = {
        urlsplit(n["url"]).path
        for n in notices
        if n["notice_type"] == "auction"
        and {"land", "house"} & set(n["asset_categories"])
        and n["status"] in ("open", "upcoming")
        and n["starting_price"] >= 500_000_000
    }
    assert expected
    page = search(
        browser_page.open("/tim-kiem/"),
        "?type=auction&asset=land&asset=house&status=open&status=upcoming&min_price=500000000",
    )
    assert set(result_links(show_all(page))) == expected
    assert found(page) == len(expected)


def test_url_round_trip_and_back_button(browser_page):
    page = search(browser_page.open("/tim-kiem/"), "?q=may&unit=khu-vuc-5")
    assert page.input_value("#search-q") == "may"
    assert page.is_checked("input[name=unit][value=khu-vuc-5]")
    before = found(page)
    page.check("input[name=asset][value=machinery]")
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('asset').includes('machinery')")
    settled(page)
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["may"], "unit": ["khu-vuc-5"], "asset": ["machinery"]}
    assert found(page) <= before
    page.select_option("select[name=sort]", "auction")
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'auction'")
    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).get('sort')")
    settled(page)
    assert page.input_value("select[name=sort]") == ""
    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).getAll('asset').length")
    settled(page)
    assert not page.is_checked("input[name=asset][value=machinery]")
    assert found(page) == before
    page.go_forward()
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('asset').includes('machinery')")
    settled(page)
    assert page.is_checked("input[name=asset][value=machinery]")


def test_typing_updates_the_url(browser_page):
    page = settled(browser_page.open("/tim-kiem/"))
    type_into(page, "xe tai")
    assert "q=xe+tai" in page.url
    assert found(page) >= 1


def test_empty_result_suggests_removing_filters(browser_page):
    page = search(browser_page.open("/tim-kiem/"), "?q=komatsu&asset=land")
    assert found(page) == 0
    assert page.is_visible("#search-empty")
    page.click("#search-empty-clear")
    page.wait_for_function("() => !location.search.includes('asset=')")
    settled(page)
    assert found(page) >= 1
    assert "q=komatsu" in page.url and "asset=" not in page.url


def test_results_show_price_dates_and_status(browser_page):
    page = search(browser_page.open("/tim-kiem/"), "?q=huu+lung+lan+2&type=auction")
    first = page.locator("#search-results li").first
    text = first.inner_text()
    assert "1.539.000.000 đồng" in text
    assert "09:00 ngày 02/12/2026" in text
    assert first.locator(".status").inner_text() == "Đang nhận hồ sơ"


HOSTILE = "<img src=x onerror=alert(1)> Xe ô tô <b>đặc biệt</b>"


def test_hostile_titles_are_shown_as_text(project: Path, tmp_path, browser):
    source = next(p for p in (project / "content/notices/2026").glob("*.md") if "Honda Wave" in p.read_text())
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: '{HOSTILE}'", text, count=1, flags=re.M)
    source.write_text(text, encoding="utf-8")
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode == 0, build.stderr
    with served(build.output) as base:
        opened = BrowserPage(browser, base)
        page = search(opened.open("/tim-kiem/"), "?q=dac+biet")
        assert HOSTILE in result_titles(page)
        assert page.locator("#search-results img").count() == 0
        assert page.locator("#search-results b").count() == 0
        opened.close()
    assert not opened.dialogs and not opened.errors


def test_without_javascript_the_page_points_to_the_listings(browser, site_url):
    opened = BrowserPage(browser, site_url, javascript=False)
    page = opened.open("/tim-kiem/?q=dat")
    assert not page.is_visible("#search-form")
    message = page.locator("noscript, .callout").first.inner_text()
    assert "cần JavaScript" in message
    page.get_by_role("link", name="Tất cả thông báo").click()
    assert page.url.endswith("/thong-bao/")
    assert page.locator("article.notice-card").count() >= 10
    page.go_back()
    for name, url in (("Văn bản", "/van-ban/"), ("Thủ tục hành chính", "/thu-tuc-hanh-chinh/")):
        link = page.locator("noscript a, .callout a").filter(has_text=name).first
        assert link.get_attribute("href").endswith(url)
    opened.close()


def test_header_search_form_leads_to_results(browser_page):
    page = browser_page.open("/")
    page.fill("#header-q", "komatsu")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=komatsu")
    settled(page)
    assert found(page) >= 2


def test_legal_documents_and_procedures_are_searchable(browser_page):
    page = search(browser_page.open("/tim-kiem/"), "?q=nghi+dinh+62%2F2015&type=legal_document")
    assert any("62/2015/NĐ-CP" in title for title in result_titles(page))
    assert all(link.startswith("/van-ban/") for link in result_links(page))
    page = search(page, "?q=yeu+cau+thi+hanh+an&type=procedure")
    assert "/thu-tuc-hanh-chinh/yeu-cau-thi-hanh-an-dan-su/" in result_links(page)


def test_debtor_list_filters_by_name_without_diacritics(browser_page):
    page = browser_page.open("/nguoi-phai-thi-hanh-an-chua-co-dieu-kien/khu-vuc-1/")
    total = page.locator(".debtor-list > li").count()
    page.fill("#debtor-name", "hoang van thang")
    visible = page.locator(".debtor-list > li:not([hidden])")
    assert visible.count() == 1 and visible.locator("h2").inner_text() == "Hoàng Văn Thắng"
    assert page.inner_text("[data-filter-count]") == f"Đang hiện 1/{total} người"
    page.fill("#debtor-name", "")
    assert page.locator(".debtor-list > li:not([hidden])").count() == total


def test_only_notices_have_a_status_and_counts_match_the_open_data(browser_page, site):
    page = search(browser_page.open("/tim-kiem/"))
    notices = open_data(site)
    for status in ("upcoming", "open", "closed", "ended", "cancelled", "postponed"):
        expected = sum(1 for n in notices if n["status"] == status)
        assert page.text_content(f"[data-facet-count='status:{status}']") == f"({expected})", status
    page = show_all(search(page, "?status=ended"))
    assert found(page) == sum(1 for n in notices if n["status"] == "ended")
    assert all(link.startswith("/thong-bao/") for link in result_links(page))
    page = show_all(search(page, "?type=legal_document&type=procedure"))
    cards = page.locator("#search-results li")
    assert cards.count() >= 2
    assert page.locator("#search-results .status").count() == 0
    assert "Đã kết thúc" not in page.inner_text("#search-results")
    procedure = cards.filter(has=page.locator("a[href^='/thu-tuc-hanh-chinh/']")).first
    assert "Ngày đăng" not in procedure.inner_text() and "2000" not in procedure.inner_text()


def test_a_failed_index_file_shows_an_error_and_a_retry_recovers(browser_page):
    page = search(browser_page.open("/tim-kiem/"), "?q=dat")
    assert found(page) >= 1
    page.route("**/t/kom.json", lambda route: route.fulfill(status=503, body="Service Unavailable"))
    type_into(page, "komatsu")
    assert page.locator("#search-results li").count() == 0
    assert page.get_attribute("#search-count", "data-count") is None
    assert page.text_content("#search-count") == "Không tải được kết quả tìm kiếm."
    assert page.is_visible("#search-error") and not page.is_visible("#search-empty")
    page.unroute("**/t/kom.json")
    page.click("#search-retry")
    settled(page)
    assert found(page) >= 2 and not page.is_visible("#search-error")
    assert any("Komatsu" in title for title in result_titles(page))
    # The browser logs the failed requests; nothing else went wrong.
    assert all("503" in error for error in browser_page.errors), browser_page.errors
    browser_page.errors.clear()


def test_typing_before_the_index_has_loaded(browser_page):
    page = browser_page.page
    held = []
    page.route("**/facets.json", lambda route: held.append(route))
    page.goto(browser_page.base + "/tim-kiem/", wait_until="domcontentloaded")
    page.wait_for_function("() => !document.getElementById('search-form').hidden")
    page.type("#search-q", "komatsu", delay=15)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'komatsu'")
    page.wait_for_timeout(200)
    assert page.get_attribute("#search-results", "aria-busy") == "true"
    for route in held:
        route.continue_()
    settled(page)
    assert found(page) >= 2  # and no error (checked by the fixture)


def test_back_after_typing_fast_returns_to_the_previous_search(browser_page):
    page = browser_page.open("/")
    page = search(page, "?type=auction")
    before = found(page)
    page.click("#search-q")
    page.keyboard.type("xe tai", delay=15)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'xe tai'")
    settled(page)
    assert found(page) < before
    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).get('q')")
    settled(page)
    assert "/tim-kiem/" in page.url and parse_qs(urlsplit(page.url).query) == {"type": ["auction"]}
    assert page.input_value("#search-q") == "" and page.is_checked("input[name=type][value=auction]")
    assert found(page) == before
    page.go_forward()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'xe tai'")
    settled(page)
    assert page.input_value("#search-q") == "xe tai"


def test_a_word_being_typed_keeps_its_results(browser_page):
    page = settled(browser_page.open("/tim-kiem/"))
    counts = {}
    for typed in ("dau g", "dau gia d", "dau gia dat c", "dau gia dat cao l", "ko"):
        type_into(page, typed)
        counts[typed] = found(page)
    assert all(counts.values()), counts
    assert any("Komatsu" in title for title in result_titles(page))  # "ko": a 2-letter prefix
    type_into(page, "dau gia dat")
    assert counts["dau gia dat c"] <= found(page)  # the fragment narrows, as a prefix


def test_unknown_filter_values_and_negative_prices_are_ignored(browser_page):
    page = search(browser_page.open("/tim-kiem/"))
    total = found(page)
    for query in ("?type=bogus", "?status=nope&asset=", "?max_price=-5", "?min_price=-1000&sort=bogus"):
        assert found(search(page, query)) == total, query
    page = search(page, "?type=bogus&type=auction")
    assert page.is_checked("input[name=type][value=auction]")
    assert found(page) == int(page.text_content("[data-facet-count='type:auction']").strip("()"))


def statuses_shown(page) -> list[str]:
    return page.eval_on_selector_all(
        "#search-results li",
        "items => items.map(li => (li.querySelector('.status') || {}).textContent || '')",
    )


def test_results_while_retyping_are_those_of_a_fresh_search(browser_page):
    # Result cards still in the results are kept between keystrokes: none may go stale.
    page = settled(browser_page.open("/tim-kiem/"))
    for typed in ("dau gia", "xe", "dau gia dat", "dau", "quyen su dung dat"):
        type_into(page, typed)
        kept = (result_links(page), statuses_shown(page), found(page))
        fresh = browser_page.context.new_page()  # cards built anew
        fresh.goto(page.url)
        settled(fresh)
        assert kept == (result_links(fresh), statuses_shown(fresh), found(fresh)), typed
        assert len(set(kept[0])) == len(kept[0]), typed
        fresh.close()


def test_more_button_shows_the_next_results(browser_page):
    page = search(browser_page.open("/tim-kiem/"), "?sort=date")
    total = found(page)
    first = result_links(page)
    assert total > len(first) == 10 and page.is_visible("#search-more")
    page.click("#search-more")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 10")
    settled(page)
    both = result_links(page)
    assert both[:10] == first and len(both) == min(total, 20) and len(set(both)) == len(both)
    assert len(set(result_links(show_all(page)))) == total


def local_day(moment: str) -> str:
    """The day in Vietnam (YYYY-MM-DD) of an ISO time of the open data (given at +07:00)."""
    assert moment.endswith("+07:00"), moment
    return moment[:10]


def shown_days(page) -> list[str]:
    """The "Ngày đăng" of every result card, as YYYY-MM-DD ("" for a card without one)."""
    texts = page.eval_on_selector_all(
        "#search-results li",
        """items => items.map(li => {
          const row = [...li.querySelectorAll('.result-facts div')].find(d => d.querySelector('dt').textContent === 'Ngày đăng');
          return row ? row.querySelector('dd').textContent : '';
        })""",
    )
    return ["-".join(reversed(text.split("/"))) if text else "" for text in texts]


def test_auction_date_filter_narrows_and_survives_reload(browser_page, site):
    notices = open_data(site)
    start, end = "2026-11-26", "2026-12-03"
    expected = {
        urlsplit(n["url"]).path
        for n in notices
        if n["auction"] and start <= local_day(n["auction"]["at"]) <= end
    }
    assert expected and len(expected) < sum(1 for n in notices if n["auction"])
    page = search(browser_page.open("/tim-kiem/"))
    total = found(page)
    page.fill("input[name=auction_from]", start)
    page.wait_for_function("() => new URLSearchParams(location.search).get('auction_from') === '2026-11-26'")
    settled(page)
    page.fill("input[name=auction_to]", end)
    page.wait_for_function("() => new URLSearchParams(location.search).get('auction_to') === '2026-12-03'")
    settled(page)
    # Records without an auction date (news, documents, selection notices) are left out.
    assert set(result_links(show_all(page))) == expected and found(page) == len(expected) < total
    assert parse_qs(urlsplit(page.url).query) == {"auction_from": [start], "auction_to": [end]}
    page.reload()
    settled(page)
    assert page.input_value("input[name=auction_from]") == start
    assert page.input_value("input[name=auction_to]") == end
    assert set(result_links(show_all(page))) == expected
    # One end only, combined with the other filters; the count of a type is taken with it.
    page = show_all(search(page, "?type=auction&auction_from=2026-12-10"))
    later = {
        urlsplit(n["url"]).path
        for n in notices
        if n["auction"] and local_day(n["auction"]["at"]) >= "2026-12-10"
    }
    assert set(result_links(page)) == later
    assert page.text_content("[data-facet-count='type:auction']") == f"({len(later)})"
    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('auction_to') === '2026-12-03'")
    settled(page)
    assert page.input_value("input[name=auction_to]") == end and found(page) == len(expected)
    page.click("#search-clear")
    page.wait_for_function("() => !location.search.includes('auction_')")
    settled(page)
    assert found(page) == total and page.input_value("input[name=auction_from]") == ""


def test_posted_date_filter_narrows_and_survives_reload(browser_page, site):
    notices = open_data(site)
    start, end = "2026-11-05", "2026-11-20"
    expected = {
        urlsplit(n["url"]).path
        for n in notices
        if n["notice_type"] == "auction" and start <= local_day(n["date"]) <= end
    }
    assert expected
    query = f"?type=auction&posted_from={start}&posted_to={end}"
    page = show_all(search(browser_page.open("/tim-kiem/"), query))
    assert set(result_links(page)) == expected and found(page) == len(expected)
    page.reload()
    settled(page)
    assert page.input_value("input[name=posted_from]") == start
    assert page.input_value("input[name=posted_to]") == end
    assert set(result_links(show_all(page))) == expected
    # Every kind of record (news too) by its publication day, ends included; none without one.
    page = show_all(search(page, f"?posted_from={start}&posted_to={end}"))
    days = shown_days(page)
    assert len(days) == found(page) > len(expected)
    assert all(start <= d <= end for d in days), days
    assert start in days and end in days
    assert any(link.startswith("/tin-tuc/") for link in result_links(page))
    # Not a day: ignored.
    assert found(search(page, "?posted_from=2026-02-30&posted_to=hom-nay")) == found(search(page))


def price_note(page, name: str = "min_price") -> str:
    return page.text_content(f"#{name}-read")


def test_price_in_words_from_the_url_filters_and_shows_the_amount(browser_page, site):
    notices = open_data(site)
    page = search(browser_page.open("/tim-kiem/"), "?type=auction&min_price=1%20t%E1%BB%B7")  # "1 tỷ"
    expected = {
        urlsplit(n["url"]).path
        for n in notices
        if n["notice_type"] == "auction" and n["starting_price"] >= 1_000_000_000
    }
    assert expected and len(expected) < sum(1 for n in notices if n["notice_type"] == "auction")
    assert set(result_links(show_all(page))) == expected
    assert page.input_value("input[name=min_price]") == "1 tỷ"
    assert price_note(page) == "= 1.000.000.000 đồng"
    assert page.get_attribute("#min_price-read", "aria-live") == "polite"
    # The digits a shared link holds filter alike.
    assert set(result_links(show_all(search(page, "?type=auction&min_price=1000000000")))) == expected


def test_prices_typed_as_people_say_them(browser_page, site):
    page = search(browser_page.open("/tim-kiem/"), "?type=auction")
    total = found(page)
    cases = {
        "1,5 tỷ": 1_500_000_000,
        "1,5 ty": 1_500_000_000,
        "2 tỉ": 2_000_000_000,
        "2 tỷ đồng": 2_000_000_000,
        "500 triệu": 500_000_000,
        "500 triệu đ": 500_000_000,
        "1 tỷ 200 triệu": 1_200_000_000,
        "1.000.000.000": 1_000_000_000,
        "1.000.000.000 đ": 1_000_000_000,
        "850 nghìn": 850_000,
        "850 ngàn đồng": 850_000,
    }
    for typed, amount in cases.items():
        page.fill("input[name=min_price]", typed)
        page.press("input[name=min_price]", "Enter")
        page.wait_for_function(
            "v => new URLSearchParams(location.search).get('min_price') === v", arg=str(amount)
        )
        settled(page)
        shown = f"{amount:,}".replace(",", ".")
        assert price_note(page) == f"= {shown} đồng", typed
        assert page.input_value("input[name=min_price]") == typed  # left as typed
    expected = sum(
        1 for n in open_data(site) if n["notice_type"] == "auction" and n["starting_price"] >= 850_000
    )
    assert found(page) == expected
    # 1,5 tỷ as a bound: what the open data says.
    page = show_all(search(page, "?type=auction&max_price=1%2C5+t%E1%BB%B7"))
    assert price_note(page, "max_price") == "= 1.500.000.000 đồng"
    cheap = {
        urlsplit(n["url"]).path
        for n in open_data(site)
        if n["notice_type"] == "auction" and 0 < n["starting_price"] <= 1_500_000_000
    }
    assert set(result_links(page)) == cheap
    # Garbage: said so, beside the field, and no filter.
    page = search(page, "?type=auction")
    for garbage in ("một tỷ", "1 tỷ abc", "tỷ", "đồng", "-5 triệu"):
        page.fill("input[name=min_price]", garbage)
        page.press("input[name=min_price]", "Enter")
        page.wait_for_function(
            "() => document.getElementById('min_price-read').textContent.startsWith('Không hiểu giá này')"
        )
        settled(page)
        assert "min_price" not in parse_qs(urlsplit(page.url).query), garbage
        assert found(page) == total, garbage
    page = search(page, "?type=auction&min_price=kh%C3%B4ng+bi%E1%BA%BFt")  # "không biết"
    assert price_note(page).startswith("Không hiểu giá này") and found(page) == total
