"""Notice pages, listings, statuses, calendar and hostile text, in real builds."""

from __future__ import annotations

from pathlib import Path

import feedparser
from conftest import run_build
from icalendar import Calendar

ROUND_TWO = "thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/"


def test_notice_page_leads_with_summary_box(site):
    soup = site.html(ROUND_TWO)
    box = soup.select_one("section.summary-box")
    text = box.get_text(" ", strip=True)
    assert "1.539.000.000 đồng" in text
    assert "Một tỷ năm trăm ba mươi chín triệu đồng" in text
    for label in (
        "Tiền đặt trước",
        "Xem tài sản",
        "Đăng ký tham gia",
        "Thời gian, địa điểm đấu giá",
        "Tổ chức đấu giá",
    ):
        assert label in text
    assert box.select_one("[data-notice-status]").get_text() == "Đang nhận hồ sơ"
    chain = [a["href"] for a in soup.select("section.chain a")]
    assert "/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-1/" in chain
    assert soup.select_one("a[href$='/lich.ics']")
    assert soup.select_one("section.attachments a[href$='.pdf']").find_next("span").get_text().endswith("KB)")


def test_every_status_appears_in_the_sample(site):
    statuses = set()
    for page in (site.output / "thong-bao").glob("*/index.html"):
        badge = site.html(page.relative_to(site.output).as_posix()).select_one(
            ".summary-box [data-notice-status]"
        )
        if badge:
            statuses.add(badge["class"][1])
    assert statuses == {
        f"status-{s}" for s in ("upcoming", "open", "closed", "ended", "cancelled", "postponed")
    }


def test_listings_exist_and_advertise_feeds_and_calendar(site):
    for path in (
        "thong-bao/",
        "thong-bao/loai/dau-gia-tai-san/",
        "thong-bao/loai/lua-chon-to-chuc-tham-dinh-gia/",
        "thong-bao/don-vi/khu-vuc-1/",
        "thong-bao/tai-san/quyen-su-dung-dat/",
        "thong-bao/sap-dau-gia/",
    ):
        soup = site.html(path)
        assert soup.select("article.notice-card"), path
        assert soup.find("link", rel="alternate", type="application/atom+xml"), path
        assert soup.find("link", rel="alternate", type="text/calendar"), path


def test_upcoming_auctions_are_ordered_by_auction_date(site):
    soup = site.html("thong-bao/sap-dau-gia/")
    dates = [dd.get_text() for dd in soup.select("article.notice-card dl div:nth-of-type(2) dd")]
    keys = [(d[-4:], d[-7:-5], d[-10:-8], d[:5]) for d in dates]
    assert keys == sorted(keys) and len(keys) >= 3


def test_calendar_parses_back(site):
    calendar = Calendar.from_ical((site.output / "thong-bao/lich-dau-gia.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert events and all(str(event["url"]).startswith("https://") for event in events)
    single = Calendar.from_ical((site.output / ROUND_TWO / "lich.ics").read_bytes())
    summaries = [str(event["summary"]) for event in single.walk("VEVENT")]
    assert any(summary.startswith("Đấu giá:") for summary in summaries)


HOSTILE = '<script>alert(1)</script> "quoted" ]]> & <img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped_everywhere(project: Path, tmp_path):
    source = project / "content/notices/2026/ban-dau-gia-nha-dat-xa-huu-lung-lan-2.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("title:", f"title: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\nold_title:", 1)
    text = text.replace("old_title:", "#", 1)
    text += f"\n{HOSTILE}\n"
    source.write_text(text, encoding="utf-8")
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode == 0, build.stderr
    page = (build.output / ROUND_TWO / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # title, breadcrumbs, body
    for feed in ("feeds/thong-bao.atom.xml", "feeds/thong-bao.rss.xml"):
        parsed = feedparser.parse((build.output / feed).read_bytes())
        assert not parsed.bozo
        entry = next(e for e in parsed.entries if e.link.endswith(ROUND_TWO))
        assert entry.title.startswith("<script>alert(1)</script>")
    calendar = Calendar.from_ical((build.output / ROUND_TWO / "lich.ics").read_bytes())
    assert any(HOSTILE in str(event["summary"]) for event in calendar.walk("VEVENT"))
    import json

    records = json.loads((build.output / "du-lieu/thong-bao.json").read_text(encoding="utf-8"))["notices"]
    assert any(record["title"] == HOSTILE for record in records)


def test_broken_notice_names_file_and_fields(project: Path, tmp_path):
    source = project / "content/notices/2026/ban-dau-gia-nha-dat-xa-huu-lung-lan-2.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("unit: khu-vuc-4", "unit: chi-cuc-huu-lung").replace(
        "deposit: 230000000", "deposit: 10000000"
    )
    source.write_text(text, encoding="utf-8")
    build = run_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "ban-dau-gia-nha-dat-xa-huu-lung-lan-2.md" in build.stderr
    assert "unit: đơn vị 'chi-cuc-huu-lung' chỉ hoạt động" in build.stderr
    assert "deposit: tiền đặt trước phải từ 5% đến 20%" in build.stderr


def test_open_data_validates_against_its_schema(site):
    import csv
    import json

    import jsonschema

    data = json.loads((site.output / "du-lieu/thong-bao.json").read_text(encoding="utf-8"))
    schema = json.loads((site.output / "du-lieu/thong-bao.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(data)
    pages = (site.output / "thong-bao").glob("*/index.html")
    published = {p.parent.name for p in pages if "summary-box" in p.read_text(encoding="utf-8")}
    assert {notice["slug"] for notice in data["notices"]} == published
    assert all(
        notice["url"].startswith("https://thads-langson.example.gov.vn/thong-bao/")
        for notice in data["notices"]
    )
    broken = json.loads(json.dumps(data))
    broken["notices"][0]["starting_price"] = "một tỷ"
    broken["notices"][1]["notice_type"] = "lottery"
    assert len(list(validator.iter_errors(broken))) == 2
    with open(site.output / "du-lieu/thong-bao.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(data["notices"]) and {"url", "status", "starting_price"} <= set(rows[0])
    assert site.html("du-lieu/").select("a[href='/du-lieu/thong-bao.json']")


NOTICES_2026 = "content/notices/2026"


def _edit(project: Path, name: str, *replacements: tuple[str, str]) -> None:
    source = project / NOTICES_2026 / f"{name}.md"
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, (name, old)
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")


def test_cross_file_rules_still_run_on_files_with_their_own_errors(project: Path, tmp_path):
    # Round 1 has its own error; round 2 has its own error and cuts the price by 20 %.
    _edit(project, "ban-dau-gia-nha-dat-xa-huu-lung-lan-1", ("deposit: 240000000", "deposit: 1000000"))
    _edit(
        project,
        "ban-dau-gia-nha-dat-xa-huu-lung-lan-2",
        ("deposit: 230000000", "deposit: 1000000"),
        ("starting_price: 1539000000", "starting_price: 1296000000"),
    )
    build = run_build(project, tmp_path / "out")
    assert build.returncode != 0
    round_two = [line for line in build.stderr.splitlines() if "huu-lung-lan-2.md" in line]
    assert any("deposit:" in line for line in round_two), build.stderr
    assert any("starting_price:" in line and "10%" in line for line in round_two), build.stderr
    assert not any("không có thông báo nào" in line for line in round_two), build.stderr
    assert any("huu-lung-lan-1.md" in line and "deposit:" in line for line in build.stderr.splitlines())


STATUS_OVER_TIME = {
    "2026-10-31": "upcoming",  # published, registration opens on 02/11
    "2026-11-25": "open",
    "2026-11-29": "closed",  # registration ended on 27/11, auction on 02/12
    "2026-12-03": "ended",
}


def test_status_moves_with_the_build_day(tmp_path):
    from conftest import ROOT

    seen = {}
    for today in STATUS_OVER_TIME:
        build = run_build(ROOT, tmp_path / today, "publishconf.py", today=today)
        assert build.returncode == 0, build.stderr
        badge = build.html(ROUND_TWO).select_one(".summary-box [data-notice-status]")
        seen[today] = badge["class"][1].removeprefix("status-")
    assert seen == STATUS_OVER_TIME


DRAFT_NOTICE = """---
title: "Thông báo bán đấu giá xe ô tô tải (bản nháp chưa duyệt)"
date: 2026-11-20 08:00
status: draft
summary: "Bản nháp."
notice_type: auctioneer_selection
unit: khu-vuc-1
asset_kind: movable
asset_category: vehicle
assets:
  - name: "Xe ô tô tải nháp"
application: {from: 2026-11-20 08:00, to: 2026-12-10 17:00, place: "Trụ sở", method: "Nộp trực tiếp"}
criteria: ["Có đủ điều kiện"]
---
Nội dung nháp RIENGTUNHAP.
"""


def test_draft_and_scheduled_notices_never_reach_public_output(project: Path, tmp_path):
    (project / NOTICES_2026 / "ban-nhap-xe-tai.md").write_text(DRAFT_NOTICE, encoding="utf-8")
    scheduled = DRAFT_NOTICE.replace("status: draft\n", "").replace("2026-11-20 08:00", "2026-11-28 08:00", 1)
    scheduled = scheduled.replace("RIENGTUNHAP", "RIENGTUHENGIO").replace("bản nháp chưa duyệt", "hẹn giờ")
    (project / NOTICES_2026 / "hen-gio-xe-tai.md").write_text(scheduled, encoding="utf-8")
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode == 0, build.stderr
    for path in sorted(build.output.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".txt"}:
            text = path.read_text(encoding="utf-8-sig")
            for marker in ("RIENGTUNHAP", "RIENGTUHENGIO", "ban-nhap-xe-tai", "hen-gio-xe-tai"):
                assert marker not in text, (path, marker)
    # The same files are in the preview, which shows them with their banner.
    preview = run_build(project, tmp_path / "preview")
    assert preview.returncode == 0, preview.stderr
    assert "RIENGTUNHAP" in (preview.output / "ban-nhap/thong-bao/ban-nhap-xe-tai/index.html").read_text(
        encoding="utf-8"
    )
