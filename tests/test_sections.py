"""The sections the law asks for, in the built sample site: organization and contacts (also
in English), legal documents, procedures, debtors (and their removal), statistics."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, run_build

from portal.sections import period_end, ratio, reporting_year_of, reporting_year_start

DEBTORS = "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/"
REMOVED = ("Vy Văn Quang", "Nông Văn Toản")  # removed_on 02/09/2026 and 10/11/2026
LEAVING = "Triệu Thị Lan"  # removed_on 15/12/2026


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


def test_legal_documents_listing_filters_and_pages(site):
    listing = site.html("van-ban/")
    rows = listing.select("table.documents tbody tr")
    assert len(rows) == 16
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
    assert page.select_one('a[href^="https://dichvucong.gov.vn"]')


def test_debtor_lists_are_noindex_and_leave_the_sitemap(site):
    page = site.html(f"{DEBTORS}khu-vuc-1/")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    names = [h2.get_text() for h2 in page.select(".debtor-name")]
    assert "Hoàng Văn Thắng" in names and LEAVING in names
    assert not set(REMOVED) & set(names)
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert DEBTORS not in sitemap


def _texts(output):
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix not in {".png", ".jpg", ".webp", ".pdf", ".gz", ".br"}:
            yield path, path.read_bytes().decode("utf-8", errors="replace")


def test_removed_debtors_are_nowhere_in_the_output(site):
    for path, text in _texts(site.output):
        for name in REMOVED:
            assert name not in text, (name, path)


def test_a_debtor_disappears_on_its_removal_date(tmp_path):
    before = run_build(ROOT, tmp_path / "before", "publishconf.py", today="2026-12-14")
    after = run_build(ROOT, tmp_path / "after", "publishconf.py", today="2026-12-15")
    assert before.returncode == 0 and after.returncode == 0, after.stderr
    assert any(LEAVING in text for _, text in _texts(before.output))
    for path, text in _texts(after.output):
        assert LEAVING not in text, path


def test_statistics_arithmetic_and_reporting_year():
    assert ratio(3788, 4354) == 87.0
    assert ratio(1481, 2685) == 55.16
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


def test_statistics_pages_charts_and_csv(site):
    page = site.html("thong-ke/2021/")
    total = page.select_one("table.statistics tr.total").get_text(" ", strip=True)
    assert "87,00%" in total and "43,63%" in total and "83,00%" in total
    # Parsed from the file as XML: an HTML parser would lower-case "viewBox".
    raw = (site.output / "thong-ke/2021/index.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg.*?</svg>", raw, re.S)
    assert len(charts) == len(page.select("svg.chart")) >= 1
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox")
        assert root.find("{http://www.w3.org/2000/svg}title").text
        assert "style" not in str(chart)
    link = page.select_one('a[type="text/csv"]')
    data = (site.output / link["href"].lstrip("/")).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    province = next(r for r in rows if r["ma_don_vi"] == "toan-tinh" and r["ky_thang"] == "12")
    assert (province["viec_xong"], province["viec_co_dieu_kien"], province["ty_le_viec"]) == (
        "3788",
        "4354",
        "87.00",
    )
    units = [r for r in rows if r["ky_thang"] == "12" and r["ma_don_vi"] != "toan-tinh"]
    assert sum(int(r["viec_xong"]) for r in units) == 3788
    assert "Năm 2026" in site.html("thong-ke/").get_text()


@pytest.mark.parametrize(
    "path",
    ["gioi-thieu/", "van-ban/", "thu-tuc-hanh-chinh/", DEBTORS, "thong-ke/", "lien-he/", "tim-kiem/"],
)
def test_every_section_is_in_the_menu_and_on_the_home_page(site, path):
    home = site.html("")
    assert home.select_one(f'nav.site-nav a[href="/{path}"]'), path
    assert home.select_one(f'main a[href="/{path}"]') or home.select_one(f'main form[action="/{path}"]'), path
