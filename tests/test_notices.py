"""Notice pages, listings, statuses, calendar and hostile text, in real builds."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SITE, BrowserPage, run_build
from icalendar import Calendar

from thads_portal.domain.clock import VIETNAM
from thads_portal.domain.formatting import at_place, money_in_words
from thads_portal.domain.notices import STATUS_STEPS, STATUSES, status_from

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


def _events(path: Path) -> list:
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def test_calendar_parses_back(site):
    calendar = Calendar.from_ical((site.output / "thong-bao/lich-dau-gia.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert events and all(str(event["url"]).startswith("https://") for event in events)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    single = Calendar.from_ical((site.output / ROUND_TWO / "lich.ics").read_bytes())
    assert single.walk("VTIMEZONE")
    summaries = [str(event["summary"]) for event in single.walk("VEVENT")]
    assert any(summary.startswith("Đấu giá:") for summary in summaries)


def test_calendar_bytes_are_those_icalendar_writes(site):
    # Events are serialized once and the calendar put together from the parts: the result
    # must be what icalendar writes for the whole calendar.
    for path in (site.output / "thong-bao/lich-dau-gia.ics", site.output / ROUND_TWO / "lich.ics"):
        written = path.read_bytes()
        assert Calendar.from_ical(written).to_ical() == written, path


TAM_THANH = "thong-bao/ban-dau-gia-nha-dat-phuong-tam-thanh/"
TAM_THANH_2 = "thong-bao/ban-dau-gia-nha-dat-phuong-tam-thanh-thong-bao-lan-2/"
CANCELLED = "thong-bao/ban-dau-gia-nha-dat-xa-van-quan/"
POSTPONED = "thong-bao/ban-dau-gia-may-ui-komatsu-xa-na-duong/"


def test_one_calendar_event_per_auction(site):
    events = _events(site.output / "thong-bao/lich-dau-gia.ics")
    uids = [str(event["uid"]) for event in events]
    assert len(uids) == len(set(uids))
    # Announcements 1 and 2 of the Tam Thanh auction: one auction event, one deadline.
    tam_thanh = [event for event in events if "phuong-tam-thanh" in str(event["url"])]
    assert sorted(str(event["summary"]).split(":")[0] for event in tam_thanh) == [
        "Hạn đăng ký đấu giá",
        "Đấu giá",
    ]
    assert {
        str(event["url"]).removeprefix("https://thads-langson.example.gov.vn/") for event in tam_thanh
    } == {TAM_THANH_2}
    # Both announcements' own files describe the same event; the later one wins.
    first, second = (
        _events(site.output / TAM_THANH / "lich.ics"),
        _events(site.output / TAM_THANH_2 / "lich.ics"),
    )
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]
    assert all(int(b["sequence"]) > int(a["sequence"]) for a, b in zip(first, second, strict=True))
    upcoming = [a["href"] for a in site.html("thong-bao/sap-dau-gia/").select("article.notice-card h2 a")]
    assert upcoming.count(f"/{TAM_THANH_2}") == 1 and f"/{TAM_THANH}" not in upcoming
    assert site.html(TAM_THANH).select_one(f"a[href='/{TAM_THANH_2}lich.ics']")


@pytest.mark.parametrize(("page", "status"), [(CANCELLED, "CANCELLED"), (POSTPONED, "TENTATIVE")])
def test_cancelled_and_postponed_auctions_leave_the_calendar(site, page, status):
    feed_urls = {str(e["url"]) for e in _events(site.output / "thong-bao/lich-dau-gia.ics")}
    assert not any(url.endswith(page) for url in feed_urls)
    assert {str(event["status"]) for event in _events(site.output / page / "lich.ics")} == {status}
    soup = site.html(page)
    assert not soup.select("a[href$='lich.ics']") and not soup.find("link", type="text/calendar")


def test_places_say_tai_once(site):
    assert at_place("Tại nơi có tài sản, khối 4") == "tại nơi có tài sản, khối 4"
    assert at_place("Hội trường") == "tại Hội trường" and at_place("") == ""
    for page in (site.output / "thong-bao").glob("*/index.html"):
        text = page.read_text(encoding="utf-8").casefold()
        assert "tại tại" not in text, page


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (1_045_000_000, "Một tỷ không trăm bốn mươi lăm triệu đồng"),
        (1_005_000_000, "Một tỷ không trăm linh năm triệu đồng"),
        (1_250_000_000, "Một tỷ hai trăm năm mươi triệu đồng"),
        (1_000_000_001, "Một tỷ không trăm linh một đồng"),
        (3_000_500_000, "Ba tỷ năm trăm nghìn đồng"),
        (2_015_000, "Hai triệu không trăm mười lăm nghìn đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (21_000_000, "Hai mươi mốt triệu đồng"),
        (1_500_000_000_000, "Một nghìn năm trăm tỷ đồng"),
        (0, "Không đồng"),
    ],
)
def test_amounts_in_words_follow_official_style(amount, words):
    assert money_in_words(amount) == words


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

    seen = {}
    for today in STATUS_OVER_TIME:
        build = run_build(SITE, tmp_path / today, "publishconf.py", today=today)
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


HOSTILE = "<script>alert(1)</script> \"quoted\" 'single' ]]> & <img src=x onerror=alert(1)>"
PDF = "files/thong-bao/2026/tb-dau-gia-dat-phuong-ky-lua.pdf"


def _notice_file(project: Path, name: str, fields: dict, body: str = "Nội dung.") -> None:
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    (project / NOTICES_2026 / f"{name}.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def _shared_fields(text: str, title: str, notice_type: str) -> dict:
    """The fields every notice type has, published 20/11/2026."""
    return {
        "title": f"{text} {title}",
        "date": "2026-11-20 08:00",
        "summary": text,
        "notice_type": notice_type,
        "unit": "khu-vuc-1",
        "asset_kind": "movable",
        "asset_category": "vehicle",
    }


def _auction_fields(text: str) -> dict:
    """An auction whose every string field holds `text`."""
    return {
        **_shared_fields(text, "đấu giá", "auction"),
        "assets": [{key: text for key in ("name", "quantity", "quality", "location", "papers")}],
        "starting_price": 500000000,
        "vat": "excluded",
        "deposit": 50000000,
        "dossier_fee": 200000,
        "viewing": {"from": "2026-12-01 08:00", "to": "2026-12-02 16:00", "place": text},
        "registration": {
            "from": "2026-11-21 08:00",
            "to": "2026-12-04 17:00",
            "place": text,
            "conditions": text,
        },
        "auction": {"at": "2026-12-09 09:00", "place": text, "form": "oral", "method": "ascending"},
        "auctioneer": {"name": text, "address": text},
        "round": 1,
        "announcement": 1,
        "status_reason": text,
        "attachments": [{"file": PDF, "title": text}],
        "national_portal_url": f"https://dgts.moj.gov.vn/?q={text}",
        "legal_exceptions": {"deposit_range": text},
    }


def _selection_fields(text: str) -> dict:
    return {
        **_shared_fields(text, "lựa chọn", "auctioneer_selection"),
        "assets": [{"name": text, "location": text}],
        "application": {"from": "2026-11-20 08:00", "to": "2026-12-04 17:00", "place": text, "method": text},
        "criteria": [text, text],
    }


def test_hostile_text_in_every_field_is_escaped_everywhere(project: Path, tmp_path):
    _notice_file(project, "doc-hai-dau-gia", _auction_fields(HOSTILE), HOSTILE)
    _notice_file(project, "doc-hai-lua-chon", _selection_fields(HOSTILE), HOSTILE)
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode == 0, build.stderr
    for path in build.output.rglob("*"):
        if path.suffix in {".html", ".xml"}:  # calendars are plain text, parsed below
            raw = path.read_text(encoding="utf-8")
            assert "<script>alert" not in raw and "<img src=x" not in raw, path
    # Pages: every field shown as text, the link kept whole.
    for slug, fields in (("doc-hai-dau-gia", 17), ("doc-hai-lua-chon", 7)):
        soup = build.html(f"thong-bao/{slug}/")
        assert soup.get_text().count(HOSTILE) >= fields, slug
        assert soup.find("meta", attrs={"name": "description"})["content"] == HOSTILE
    link = build.html("thong-bao/doc-hai-dau-gia/").find("a", rel="external")
    assert link["href"] == f"https://dgts.moj.gov.vn/?q={HOSTILE}"
    # Feeds: Atom summaries are text; RSS descriptions are HTML whose text is the summary.
    for kind in ("atom", "rss"):
        parsed = feedparser.parse((build.output / f"feeds/thong-bao.{kind}.xml").read_bytes())
        assert not parsed.bozo
        entry = next(e for e in parsed.entries if e.link.endswith("/doc-hai-dau-gia/"))
        assert entry.title == f"{HOSTILE} đấu giá"
        text = entry.summary
        if kind == "rss":
            assert entry.summary_detail.type == "text/html"
            summary = BeautifulSoup(entry.summary, "html.parser")
            assert not summary.find(["script", "img"])
            text = summary.get_text()
        else:
            assert entry.summary_detail.type == "text/plain"
        assert text.startswith(HOSTILE) and f"Địa điểm đấu giá: {HOSTILE}" in text, kind
    # Calendars parse back to the same text.
    for path in ("thong-bao/doc-hai-dau-gia/lich.ics", "thong-bao/lich-dau-gia.ics"):
        auction = next(
            e for e in _events(build.output / path) if str(e["summary"]) == f"Đấu giá: {HOSTILE} đấu giá"
        )
        assert str(auction["location"]) == HOSTILE
    # Open data: the same strings, valid against the schema.
    records = {
        r["slug"]: r for r in json.loads((build.output / "du-lieu/thong-bao.json").read_text())["notices"]
    }
    auction, chosen = records["doc-hai-dau-gia"], records["doc-hai-lua-chon"]
    assert auction["assets"][0] == {
        key: HOSTILE for key in ("name", "quantity", "quality", "location", "papers")
    }
    assert auction["legal_exceptions"] == {"deposit_range": HOSTILE}
    assert auction["attachments"][0]["title"] == HOSTILE and auction["registration"]["conditions"] == HOSTILE
    assert chosen["criteria"] == [HOSTILE, HOSTILE] and chosen["application"]["method"] == HOSTILE


def test_one_run_reports_every_problem_of_a_file(project: Path, tmp_path):
    fields = _auction_fields("Xe ô tô")
    del fields["legal_exceptions"]
    fields["deposit"] = "năm mươi triệu"  # a type error ...
    fields["registration"]["to"] = "2026-12-09 10:00"  # ... and registration ending after the auction
    _notice_file(project, "loi-kieu-va-thu-tu", fields)
    second = _auction_fields("Xe ô tô")
    second["round"] = 2  # a re-auction that names no earlier round
    _notice_file(project, "vong-2-khong-previous", second)
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode != 0
    first = [line for line in build.stderr.splitlines() if "loi-kieu-va-thu-tu.md" in line]
    assert any("deposit:" in line for line in first), build.stderr
    assert any("registration.to: hạn đăng ký phải kết thúc trước thời điểm đấu giá" in line for line in first)
    round_two = [line for line in build.stderr.splitlines() if "vong-2-khong-previous.md" in line]
    assert any("previous: thông báo đấu giá lần 2" in line and "'previous'" in line for line in round_two)


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_every_sample_notice_prints_on_one_a4_page(browser, site, site_url):
    opened = BrowserPage(browser, site_url)
    pages = {}
    for index in sorted((site.output / "thong-bao").glob("*/index.html")):
        if "summary-box" in index.read_text(encoding="utf-8"):
            opened.open(f"/thong-bao/{index.parent.name}/")
            pages[index.parent.name] = _pdf_pages(opened.page.pdf(format="A4"))
    opened.close()
    assert len(pages) >= 30
    assert {slug: count for slug, count in pages.items() if count != 1} == {}


def test_chain_statuses_are_corrected_in_the_browser(browser, site_url):
    opened = BrowserPage(browser, site_url)
    opened.page.clock.set_fixed_time("2026-12-01T10:00:00+07:00")  # registration closed 27/11
    page = opened.open(f"/{ROUND_TWO}")
    badge = page.locator(".summary-box [data-notice-status]").inner_text()
    chain = page.locator("section.chain li").all_inner_texts()
    opened.close()
    assert badge == "Đã hết hạn đăng ký"
    this_one = next(item for item in chain if "(thông báo này)" in item)
    assert "Đã hết hạn đăng ký" in this_one and "Đang nhận hồ sơ" not in this_one
    assert any("Đã kết thúc" in item for item in chain if item != this_one)


def test_the_browser_applies_the_status_rule_of_the_domain(browser_page):
    """site.js has no rule of its own: it applies the table the build embeds from
    STATUS_STEPS, and agrees with `Notice.status_on` at every moment around each boundary."""
    page = browser_page.open("/thong-bao/")
    opens = dt.datetime(2026, 12, 1, 7, 30, tzinfo=VIETNAM)
    deadline = dt.datetime(2026, 12, 10, 17, 0, tzinfo=VIETNAM)
    auction = dt.datetime(2026, 12, 15, 9, 0, tzinfo=VIETNAM)
    second = dt.timedelta(seconds=1)
    moments = [m + d for m in (opens, deadline, auction) for d in (-second, dt.timedelta(0), second)]
    cases = [
        (present, override, now)
        for present in (
            {"opens", "deadline", "auction_at"},
            {"deadline", "auction_at"},
            {"auction_at"},
            set(),
        )
        for override in (None, "cancelled")
        for now in moments
    ]
    fields = {"opens": opens, "deadline": deadline, "auction_at": auction}
    attribute = {field: attr for _, field, attr, _ in STATUS_STEPS}

    def millis(moment):
        return int(moment.timestamp() * 1000)

    browser_cases = [
        [
            {attribute[f]: millis(fields[f]) if f in present else 0 for f in fields},
            override or "",
            millis(now),
        ]
        for present, override, now in cases
    ]
    found = page.evaluate(
        "cases => cases.map(c => window.portalStatus.statusOf(c[0], c[1], c[2]))", browser_cases
    )
    expected = [
        status_from({f: fields[f] if f in present else None for f in fields}, override, now)
        for present, override, now in cases
    ]
    assert found == expected
    assert set(expected) == {"upcoming", "open", "closed", "ended", "cancelled"}
    assert page.evaluate("window.portalStatus.labels") == STATUSES
