"""The site model (`thads_portal.domain.site_model`): each notice's view is worked out once
from the documents, the data and one moment, and the built pages, feeds, calendar, open
data and search index show what the views say."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import feedparser
from test_rules import auction

from thads_portal.domain.clock import VIETNAM
from thads_portal.domain.data import Unit
from thads_portal.domain.site_model import build_site_model, notice_view

UNITS = {
    "khu-vuc-1": Unit(
        id="khu-vuc-1",
        name="Thi hành án dân sự khu vực 1",
        short_name="Khu vực 1",
        kind="regional",
        address="Số 1",
        valid_from=dt.date(2025, 7, 1),
    )
}


@dataclasses.dataclass
class Source:
    slug: str
    record: object
    title: str = "Bán đấu giá xe ô tô"
    url: str = ""

    @property
    def date(self) -> dt.datetime:
        return self.record.date


def _at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=VIETNAM)


def test_views_hold_status_unit_chain_and_formatted_facts():
    first = Source("lan-1", auction(date="2026-11-02 08:00"))
    second = Source("lan-2", auction(date="2026-11-05 08:00", previous="lan-1", announcement=2))
    other_round = Source("vong-2", auction(date="2026-11-20 08:00", previous="lan-2", round=2))
    sizes = {}
    model = build_site_model([other_round, second, first], [], UNITS, _at(10), sizes)

    view = model.by_slug["lan-1"]
    assert (view.status, view.status_label) == ("open", "Đang nhận hồ sơ")
    assert view.unit is UNITS["khu-vuc-1"]
    assert view.chain == ("lan-1", "lan-2", "vong-2")
    assert view.auction_notices == ("lan-1", "lan-2")  # one auction: the first round's notices
    assert view.superseded and not model.by_slug["lan-2"].superseded
    assert model.by_slug["vong-2"].auction_notices == ("vong-2",)
    assert model.by_slug["lan-2"].previous == "lan-1"
    facts = view.facts
    assert facts.starting_price == "500.000.000 đồng"
    assert facts.deadline == "17:00 ngày 16/11/2026"
    assert facts.deadline_clock == "17:00 16/11/2026"
    assert facts.unit_name == "Thi hành án dân sự khu vực 1"
    assert facts.key_facts[:3] == (
        ("Loại", "Đấu giá tài sản"),
        ("Giá khởi điểm", "500.000.000 đồng"),
        ("Tiền đặt trước", "50.000.000 đồng"),
    )
    # The superseded announcement is not an open auction; the current ones are.
    assert [v.slug for v in model.open_auctions] == ["vong-2", "lan-2"]
    assert model.asset_counts == {"vehicle": 3}


def test_one_moment_gives_every_status_and_a_later_one_moves_them_on():
    source = Source("xe", auction())
    statuses = {
        day: build_site_model([source], [], UNITS, _at(day), {}).by_slug["xe"].status
        for day in (1, 10, 17, 25)
    }
    assert statuses == {1: "upcoming", 10: "open", 17: "closed", 25: "ended"}


def test_a_view_made_alone_is_the_view_of_the_model():
    source = Source("xe", auction())
    alone = notice_view(source, UNITS, _at(10), {})
    assert alone == build_site_model([source], [], UNITS, _at(10), {}).by_slug["xe"]


def test_attachment_sizes_come_from_the_sizes_taken_once():
    source = Source("xe", auction(attachments=[{"file": "files/a.pdf", "title": "Quy chế"}]))
    view = notice_view(source, UNITS, _at(10), {"files/a.pdf": 3 * 1024 * 1024})
    assert view.facts.attachment_sizes == {"files/a.pdf": "3,0 MB"}
    assert notice_view(source, UNITS, _at(10), {}).facts.attachment_sizes == {}


def test_every_output_shows_the_status_and_facts_of_the_views(site):
    """The published build: notice pages, the open data, the feed and the calendar say what
    each notice's view says (the view is the one source)."""
    data = json.loads((site.output / "du-lieu" / "thong-bao.json").read_text(encoding="utf-8"))
    by_slug = {notice["slug"]: notice for notice in data["notices"]}
    feed = feedparser.parse((site.output / "feeds" / "thong-bao.atom.xml").read_bytes())
    summaries = {entry.link: entry.summary for entry in feed.entries}
    checked = 0
    for slug, notice in by_slug.items():
        page = site.html(notice["url"].split("/", 3)[3] + "index.html")
        badge = page.select_one("[data-notice-status]")
        assert badge.get_text(strip=True) == notice["status_label"], slug
        if notice["url"] in summaries and notice.get("starting_price"):
            amount = f"{notice['starting_price']:,}".replace(",", ".")
            assert f"Giá khởi điểm: {amount} đồng." in summaries[notice["url"]]
            checked += 1
    assert checked >= 5
    calendar = (site.output / "thong-bao" / "lich-dau-gia.ics").read_text(encoding="utf-8")
    assert "kết thúc lúc" in calendar
