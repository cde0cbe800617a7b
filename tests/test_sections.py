"""The sections the law asks for, in the built sample site: organization and contacts (also
in English), legal documents, procedures, debtors (and their removal), statistics."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html
import io
import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET

import brotli
import pytest
from conftest import SITE, TODAY, run_build

from thads_portal.domain import data
from thads_portal.domain.sections import period_end, ratio, reporting_year_of, reporting_year_start
from thads_portal.domain.text import fold
from thads_portal.pelican.precompress import compress_tree

DEBTORS = "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/"
REMOVED = ("Vy Văn Quang", "Nông Văn Toản")  # removed_on 02/09/2026 and 10/11/2026
LEAVING = "Triệu Thị Lan"  # removed_on 15/12/2026
SVG = "{http://www.w3.org/2000/svg}"
# Letters only Vietnamese uses (ă â đ ê ô ơ ư) and any combining tone mark, after NFD.
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u036f]")


def crumbs(page) -> list[str]:
    return [li.get_text(strip=True) for li in page.select(".breadcrumbs li")]


# --- Organization and contacts, in Vietnamese and English ---------------------------------
def test_organization_and_contact_pages_in_two_languages(site):
    about = site.html("gioi-thieu/")
    assert about.html["lang"] == "vi"
    assert "Ban lãnh đạo" in about.get_text() and "Nông Quốc Khánh" in about.get_text()
    units = about.select(".unit-card h3")
    assert any("khu vực 1" in unit.get_text() for unit in units)
    assert about.select_one('a[hreflang="en"][href="/en/about/"]')
    english = site.html("en/about/")
    assert english.html["lang"] == "en"
    assert english.h1.get_text() == "About us"
    assert "Leadership" in english.get_text() and "Office hours" in english.get_text()
    assert english.select_one('link[rel="alternate"][hreflang="vi"]')["href"].endswith("/gioi-thieu/")
    contact = site.html("en/contact/")
    assert contact.html["lang"] == "en" and "Citizen reception" in contact.get_text()
    assert contact.select_one('a[href^="tel:"]') and contact.select_one('a[href^="mailto:"]')
    assert "Lịch tiếp công dân" in site.html("lien-he/").get_text()


def _untagged_vietnamese(main) -> list[str]:
    """Texts with Vietnamese letters that no lang="vi" element around them marks."""
    found = []
    for text in main.find_all(string=True):
        if not VIETNAMESE.search(unicodedata.normalize("NFD", text)):
            continue
        lang = next((el.get("lang") for el in text.parents if el.get("lang")), None)
        if lang != "vi":
            found.append(text.strip())
    return found


@pytest.mark.parametrize("path", ["en/about/", "en/contact/"])
def test_english_pages_mark_every_vietnamese_text(site, path):
    page = site.html(path)
    main = page.select_one("main")
    assert _untagged_vietnamese(main) == []
    assert crumbs(page)[0] == "Home" and page.select_one(".breadcrumbs")["aria-label"] == "Breadcrumb"
    assert page.select_one(".skip-link").get_text() == "Skip to main content"
    headings = [h.get_text(strip=True) for h in main.select("h2, h3")]
    assert "Regional Civil Judgment Enforcement Office No. 1 – Lang Son" in headings
    assert "Provincial agency and regional offices" in headings
    assert "7:30–11:30 and 13:30–16:30, Monday to Friday" in main.get_text()
    # The Vietnamese names stay, marked, beside the English ones.
    assert main.select_one('[lang="vi"]').get_text()


def test_english_contact_uses_the_agency_name_and_cards(site):
    main = site.html("en/contact/").select_one("main")
    assert (
        main.select_one("#agency-contact").get_text()
        == "Civil Judgment Enforcement Agency of Lang Son Province"
    )
    assert not main.select("table")  # contact officials as cards: no table wider than a phone
    assert len(main.select(".person-card")) == 4


# --- Legal documents ------------------------------------------------------------------------
def test_legal_documents_listing_filters_and_pages(site):
    listing = site.html("van-ban/")
    rows = listing.select("table.documents tbody tr")
    assert len(rows) == 17
    decrees = site.html("van-ban/loai/nghi-dinh/").select("table.documents tbody tr")
    assert decrees and all("Nghị định" in row.get_text() for row in decrees)
    year = site.html("van-ban/nam/2015/").select("table.documents tbody tr")
    assert year and all("/2015" in row.select("td")[2].get_text() for row in year)
    issuer = site.html("van-ban/co-quan/quoc-hoi/").select("table.documents tbody tr")
    assert issuer and all("Quốc hội" in row.get_text() for row in issuer)
    page = site.html("van-ban/nghi-dinh-62-2015-nd-cp/")
    facts = page.select_one(".summary-box").get_text(" ", strip=True)
    assert "62/2015/NĐ-CP" in facts and "18/07/2015" in facts and "Hết hiệu lực" in facts
    sample = site.html("van-ban/ke-hoach-112-kh-thads-2026-ngay-phap-luat/")
    link = sample.select_one(".download a")
    assert (site.output / link["href"].lstrip("/")).is_file() and "KB" in link.get_text()
    assert "Còn hiệu lực" in sample.get_text()
    current = site.html("van-ban/luat-thi-hanh-an-dan-su-2025/").select_one(".summary-box").get_text()
    assert "106/2025/QH15" in current and "Còn hiệu lực" in current


@pytest.mark.parametrize(
    "path, current, trail",
    [
        ("van-ban/", "/van-ban/", ["Trang chủ", "Văn bản"]),
        ("van-ban/loai/luat/", "/van-ban/loai/luat/", ["Trang chủ", "Văn bản", "Luật"]),
        ("van-ban/nam/2015/", "/van-ban/nam/2015/", ["Trang chủ", "Văn bản", "Năm 2015"]),
        ("van-ban/co-quan/quoc-hoi/", "/van-ban/co-quan/quoc-hoi/", ["Trang chủ", "Văn bản", "Quốc hội"]),
    ],
)
def test_the_current_filter_and_breadcrumb_follow_the_page(site, path, current, trail):
    """Pelican's write_file keeps `url` for itself: the generators pass `current_url`."""
    page = site.html(path)
    marked = page.select('nav.subnav a[aria-current="page"]')
    assert [a["href"] for a in marked] == [current]
    assert crumbs(page) == trail
    assert page.select(".breadcrumbs li")[-1].get("aria-current") == "page"


def test_section_pages_know_their_own_address(site):
    assert crumbs(site.html("thong-ke/2021/")) == ["Trang chủ", "Thống kê", "Năm 2021"]
    assert crumbs(site.html(f"{DEBTORS}khu-vuc-1/"))[-1] == "Phòng THADS khu vực 1"
    assert crumbs(site.html(f"{DEBTORS}toan-tinh/"))[-1] == "Toàn tỉnh"


def test_document_titles_name_the_type_once(site):
    law = site.html("van-ban/luat-thi-hanh-an-dan-su-2008/")
    assert law.h1.get_text() == "Luật Thi hành án dân sự số 26/2008/QH12"
    letter = site.html("van-ban/cong-van-1186-thads-nv-2026-ra-soat-phan-loai-an/").h1.get_text()
    assert letter.startswith("Công văn số 1186/THADS-NV về việc rà soát")
    types = data.load(SITE / "data")[0].legal_documents.types.values()
    rows = site.html("van-ban/").select("table.documents tbody tr")
    for text in [row.select("td")[1].get_text(" ", strip=True) for row in rows] + [letter]:
        assert not any(re.search(rf"\b{label}\s+(số \S+ )?{label}\b", text) for label in types), text
        assert "Luật số" not in text and ": Luật" not in text, text


def test_every_document_has_a_file_a_link_or_says_it_has_none(site):
    for row in site.html("van-ban/").select("table.documents tbody tr"):
        page = site.html(row.a["href"].lstrip("/"))
        files = page.select(".download a")
        missing = page.select_one(".no-file")
        assert files or (missing and "Chưa có tệp đính kèm" in missing.get_text()), row.a["href"]
        if missing:
            assert missing.select_one('a[href="https://vbpl.vn"]')


def test_filters_combine_with_javascript_and_say_so_without(site, browser, site_url):
    listing = site.html("van-ban/")
    form = listing.select_one("form[data-combined-for='documents-table']")
    assert form.has_attr("hidden") and {s["name"] for s in form.select("select")} == {
        "type",
        "issuer",
        "year",
    }
    assert "Mỗi liên kết lọc mở một danh sách riêng" in listing.select_one(".filter-note").get_text()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{site_url}/van-ban/?type=luat&year=2025")
    visible = page.locator("#documents-table tbody tr:not([hidden])")
    assert visible.count() == 1 and "106/2025/QH15" in visible.inner_text()
    page.select_option("#loc-year", "")
    assert visible.count() == 7 and page.url.endswith("/van-ban/?type=luat")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


# --- Procedures -----------------------------------------------------------------------------
def test_procedures_have_the_standard_parts(site):
    listing = site.html("thu-tuc-hanh-chinh/")
    links = listing.select(".procedure-list a")
    assert len(links) == 5
    page = site.html(links[0]["href"].lstrip("/"))
    headings = [h2.get_text() for h2 in page.select("article h2")]
    assert headings == [
        "Trình tự thực hiện",
        "Cách thức thực hiện",
        "Thành phần, số lượng hồ sơ",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
        "Đối tượng thực hiện",
        "Kết quả thực hiện",
        "Căn cứ pháp lý",
    ]
    search = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html"
    assert page.select_one(f'a[href="{search}"]')
    assert "bản mẫu" in page.select_one(".callout").get_text()


def test_procedures_cite_the_law_in_force_and_mark_the_old_one(site):
    for link in site.html("thu-tuc-hanh-chinh/").select(".procedure-list a"):
        items = site.html(link["href"].lstrip("/")).select(".legal-basis li")
        statuses = []
        for item in items:
            if not item.a:
                continue
            document = site.html(item.a["href"].lstrip("/")).select_one(".legal-status").get_text()
            statuses.append(document)
            if document == "Hết hiệu lực":
                assert "áp dụng trước ngày 01/07/2026" in item.get_text(), item.get_text()
            else:
                assert "hết hiệu lực" not in item.get_text()
        assert statuses[0] == "Còn hiệu lực", link["href"]
        assert "Luật Thi hành án dân sự số 106/2025/QH15" in items[0].get_text()
        assert statuses == sorted(statuses, key=lambda s: s == "Hết hiệu lực")


def test_a_legal_basis_must_be_a_listed_document(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SITE / "data", folder)
    path = folder / "procedures" / "xac-nhan-ket-qua-thi-hanh-an.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("thong-tu-04-2023-tt-btp", "thong-tu-99"), "utf-8"
    )
    portal, problems = data.load(folder)
    assert portal is None
    assert any("'thong-tu-99'" in p.message and p.field == "legal_basis" for p in problems)


# --- Debtors --------------------------------------------------------------------------------
def test_debtor_lists_are_noindex_and_leave_the_sitemap(site):
    page = site.html(f"{DEBTORS}khu-vuc-1/")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    names = [h2.get_text() for h2 in page.select(".debtor-name")]
    assert "Hoàng Văn Thắng" in names and LEAVING in names
    assert not set(REMOVED) & set(names)
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert DEBTORS not in sitemap


def test_every_current_unit_has_a_list_or_says_it_has_none(site):
    portal = data.load(SITE / "data")[0]
    today = dt.date.fromisoformat(TODAY)
    index = site.html(DEBTORS).select(".debtor-units li")
    by_name = {(li.a.get_text() if li.a else li.get_text().split(":")[0]): li for li in index}
    for unit in (unit for unit in portal.units.values() if unit.valid_on(today)):
        li = by_name[unit.name]
        if unit.id in portal.debtors:
            assert li.a["href"] == f"/{DEBTORS}{unit.id}/"
        else:
            assert "Chưa có danh sách." in li.get_text() and not li.a
    assert any(not li.a for li in index)  # the sample leaves one unit without a file


def test_province_wide_list_has_every_listed_debtor(site):
    page = site.html(f"{DEBTORS}toan-tinh/")
    names = [h2.get_text() for h2 in page.select(".debtor-name")]
    per_unit = [
        h2.get_text()
        for a in site.html(DEBTORS).select(".debtor-units a")
        for h2 in site.html(a["href"].lstrip("/")).select(".debtor-name")
    ]
    assert sorted(names) == sorted(per_unit) and len(names) > 20
    assert page.select_one("[data-filter-for='debtor-list'] input#debtor-name")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def _debtor(name: str):
    """The entry and the texts that belong to it alone (a reason or an obligation worded like
    another entry's is not a trace of this one)."""
    portal = data.load(SITE / "data")[0]
    entries = [d for rows in portal.debtors.values() for d in rows]
    debtor = next(d for d in entries if d.name == name)
    fields = ("name", "judgment", "enforcement_decision", "obligation")
    return [
        getattr(debtor, f)
        for f in fields
        if not any(getattr(other, f) == getattr(debtor, f) for other in entries if other is not debtor)
    ]


def _forms(value: str) -> set[str]:
    """Every way a text can be written into a page: NFC, NFD, HTML- and JSON-escaped."""
    forms = set()
    for text in (unicodedata.normalize("NFC", value), unicodedata.normalize("NFD", value)):
        forms |= {text, html.escape(text), json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}
    return forms


def _traces(output, values: list[str]) -> list[tuple[str, str]]:
    """(file, what) for every trace of the texts, in the files and inside their .gz and .br."""
    folded = [fold(v).casefold() for v in values]
    found = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix in {".png", ".jpg", ".jpeg", ".webp", ".pdf", ".ico"}:
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        elif path.suffix == ".br":
            raw = brotli.decompress(raw)
        text = raw.decode("utf-8", errors="replace")
        plain = fold(html.unescape(text)).casefold()
        for value, folded_value in zip(values, folded, strict=True):
            if any(form in text for form in _forms(value)) or folded_value in plain:
                found.append((str(path.relative_to(output)), value[:30]))
    return found


@pytest.fixture(scope="module")
def compressed(site, tmp_path_factory):
    """The published site with its .gz and .br copies, as thads publish writes them."""
    copy = tmp_path_factory.mktemp("compressed") / "site"
    shutil.copytree(site.output, copy)
    assert compress_tree(copy) > 100
    return copy


@pytest.mark.parametrize("name", REMOVED)
def test_removed_debtors_are_nowhere_in_the_output(compressed, name):
    values = _debtor(name)
    assert name in values and len(values) >= 3
    assert _traces(compressed, values) == []


def test_the_trace_search_finds_a_listed_debtor_everywhere_it_is(compressed):
    files = {path for path, _ in _traces(compressed, _debtor(LEAVING))}
    page = f"{DEBTORS}khu-vuc-1/index.html"
    assert {page, f"{page}.gz", f"{page}.br", f"{DEBTORS}toan-tinh/index.html"} <= files


def test_a_debtor_disappears_on_its_removal_date(tmp_path):
    before = run_build(SITE, tmp_path / "before", "publishconf.py", today="2026-12-14")
    after = run_build(SITE, tmp_path / "after", "publishconf.py", today="2026-12-15")
    assert before.returncode == 0 and after.returncode == 0, after.stderr
    leaving = _debtor(LEAVING)
    assert _traces(before.output, leaving)
    compress_tree(after.output)
    assert _traces(after.output, leaving) == []


# --- Statistics -----------------------------------------------------------------------------
def test_statistics_arithmetic_and_reporting_year():
    assert ratio(3788, 4354) == 87.0
    assert ratio(1481, 2685) == 55.16
    assert ratio(729, 800) == 91.13 and ratio(3645, 4000) == 91.13  # halves round up, as in Excel
    assert ratio(1, 8) == 12.5 and ratio(2, 3) == 66.67
    assert ratio(5, 0) is None
    assert reporting_year_start(2021) == dt.date(2020, 10, 1)
    assert [period_end(2021, months) for months in (3, 6, 10, 12)] == [
        dt.date(2020, 12, 31),
        dt.date(2021, 3, 31),
        dt.date(2021, 7, 31),
        dt.date(2021, 9, 30),
    ]
    assert reporting_year_of(dt.date(2020, 9, 30)) == 2020
    assert reporting_year_of(dt.date(2020, 10, 1)) == 2021


def test_sample_figures_agree_with_the_seed():
    years = data.load(SITE / "data")[0].statistics
    year, half = years[2021].periods[0].province, years[2022].periods[0].province
    assert (year.cases_ratio, year.money_ratio) == (87.0, 43.63)
    assert year.money_completed > 140e9 and year.money_enforceable > 320e9
    # "hơn 100/350 tỷ đồng, đạt 27,25%"
    assert (half.cases_completed, half.cases_enforceable, half.cases_ratio) == (1481, 2685, 55.16)
    assert half.money_completed > 100e9 and half.money_enforceable > 350e9 and half.money_ratio == 27.25
    for number, cases, money in ((2021, 88.85, 61.10), (2022, 52.64, 16.45)):
        huu_lung = next(u for u in years[number].periods[0].units if u.unit == "chi-cuc-huu-lung")
        assert (huu_lung.cases_ratio, huu_lung.money_ratio) == (cases, money)
    for year in years.values():
        for period in year.periods:
            for field in ("cases_completed", "money_enforceable", "money_completed", "money_total"):
                assert sum(getattr(u, field) for u in period.units) == getattr(period.province, field)


def test_statistics_tables_show_received_figures_and_sample_rows(site):
    page = site.html("thong-ke/2021/")
    cases, money = page.select("#ky-12 ~ .table-wrap table.statistics")
    assert [th.get_text() for th in cases.select("thead th")][:4] == [
        "Đơn vị",
        "Thụ lý",
        "Có điều kiện",
        "Thi hành xong",
    ]
    total = cases.select_one("tr.total").get_text(" ", strip=True)
    assert "5.612" in total and "87,00%" in total and "83,00%" in total and "vượt 4,00 điểm" in total
    assert "508,44" in money.select_one("tr.total").get_text() and "43,63%" in money.get_text()
    for table in (cases, money):
        assert all(row.select_one(".sample-badge") for row in table.select("tbody tr"))
        assert all(td.get("data-label") for td in table.select("tbody td"))


def _svg(chart):
    root = ET.fromstring(chart)
    width = float(root.get("viewBox").split()[2])
    return root, width


def test_statistics_pages_charts_and_csv(site):
    page = site.html("thong-ke/2021/")
    # Parsed from the file as XML: an HTML parser would lower-case "viewBox".
    raw = (site.output / "thong-ke/2021/index.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg.*?</svg>", raw, re.S)
    assert len(charts) == len(page.select("svg.chart")) >= 1
    for chart in charts:
        root, _ = _svg(chart)
        assert root.tag == f"{SVG}svg" and root.get("viewBox")
        assert root.find(f"{SVG}title").text
        assert "style" not in str(chart)
    link = page.select_one('a[type="text/csv"]')
    data_csv = (site.output / link["href"].lstrip("/")).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data_csv)))
    province = next(r for r in rows if r["ma_don_vi"] == "toan-tinh" and r["ky_thang"] == "12")
    assert (province["viec_xong"], province["viec_co_dieu_kien"], province["ty_le_viec"]) == (
        "3788",
        "4354",
        "87.00",
    )
    assert (province["chi_tieu_viec"], province["chi_tieu_tien"], province["so_lieu_mau"]) == (
        "83.00",
        "41.10",
        "co",
    )
    assert (province["tu_ngay"], province["den_ngay"]) == ("01/10/2020", "30/09/2021")
    units = [r for r in rows if r["ky_thang"] == "12" and r["ma_don_vi"] != "toan-tinh"]
    assert sum(int(r["viec_xong"]) for r in units) == 3788
    assert all(r["so_lieu_mau"] == "co" for r in units)
    for row in rows:
        for column in ("ty_le_viec", "chi_tieu_viec", "ty_le_tien", "chi_tieu_tien"):
            assert re.fullmatch(r"(\d+\.\d\d)?", row[column]), (column, row[column])
    assert "Năm 2026" in site.html("thong-ke/").get_text()


def test_charts_read_on_a_phone_and_labels_stay_clear(site):
    """At 358 CSS px (a 390 px phone) text is at least 11 px; no text starts left of the
    chart; value labels sit after the target line of their bar, never under it."""
    for path in ("thong-ke/", "thong-ke/2021/", "thong-ke/2026/"):
        raw = (site.output / path / "index.html").read_text(encoding="utf-8")
        for chart in re.findall(r"<svg.*?</svg>", raw, re.S):
            root, width = _svg(chart)
            base = float(root.get("font-size"))
            lines = [
                (float(ln.get("x1")), float(ln.get("y1")), float(ln.get("y2")))
                for ln in root.iter(f"{SVG}line")
                if ln.get("stroke-width") == "3"
            ]
            for text in root.iter(f"{SVG}text"):
                size, x, y = float(text.get("font-size") or base), float(text.get("x")), float(text.get("y"))
                label = "".join(text.itertext())
                assert size * 358 / width >= 11, (path, label)
                length = len(label) * 0.55 * size  # average width of a sans-serif letter
                start = x - length / 2 if text.get("text-anchor") == "middle" else x
                assert start >= 0 and start + length <= width, (path, label)
                if label.endswith("%") and text.get("text-anchor") is None:
                    covering = [lx for lx, y1, y2 in lines if y1 <= y - 6 <= y2 and lx >= x - 1]
                    assert not covering, (path, label)


def test_part_year_charts_say_the_line_is_the_full_year_target(site):
    page = site.html("thong-ke/2026/")
    for months in (3, 6, 10):
        section = page.select_one(f"#ky-{months}").parent
        assert "Chỉ tiêu cả năm" in section.select_one("svg").get_text()
        assert "chỉ tiêu cả năm" in section.select_one("figcaption").get_text()
        assert "vượt" not in section.get_text() and "thấp hơn" not in section.get_text()
    twelve = page.select_one("#ky-12").parent
    assert "Chỉ tiêu cả năm" not in twelve.select_one("svg").get_text()


def test_statistics_usable_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    for path in ("/thong-ke/", "/thong-ke/2021/", "/van-ban/"):
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        overflow = page.evaluate(
            "[...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length"
        )
        assert overflow == 0, path
        smallest = page.evaluate(
            """() => Math.min(99, ...[...document.querySelectorAll('svg.chart')].flatMap(svg => {
                 const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
               }))"""
        )
        assert smallest >= 11, (path, smallest)
    context.close()


@pytest.mark.parametrize(
    "path",
    ["gioi-thieu/", "van-ban/", "thu-tuc-hanh-chinh/", DEBTORS, "thong-ke/", "lien-he/", "tim-kiem/"],
)
def test_every_section_is_in_the_menu_and_on_the_home_page(site, path):
    home = site.html("")
    assert home.select_one(f'nav.site-nav a[href="/{path}"]'), path
    assert home.select_one(f'main a[href="/{path}"]') or home.select_one(f'main form[action="/{path}"]'), path
