"""Legal rules as dated data, and working-day arithmetic across Tết."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from conftest import ROOT

from thads_portal import ENGINE_DATA
from thads_portal.domain.data import load_list
from thads_portal.domain.notices import Notice
from thads_portal.domain.rules import Rule, check_notice
from thads_portal.domain.workdays import days_between, is_working_day, working_days_between

RULES, RULE_PROBLEMS = load_list(ENGINE_DATA / "legal_rules.yml", Rule, ROOT)


def auction(**changes) -> Notice:
    fields = {
        "title": "Bán đấu giá xe ô tô",
        "date": "2026-11-02 08:00",
        "notice_type": "auction",
        "unit": "khu-vuc-1",
        "asset_kind": "movable",
        "asset_category": "vehicle",
        "assets": [{"name": "Xe ô tô"}],
        "starting_price": 500_000_000,
        "vat": "excluded",
        "deposit": 50_000_000,
        "dossier_fee": 200_000,
        "viewing": {"from": "2026-11-09 08:00", "to": "2026-11-10 16:00"},
        "registration": {"from": "2026-11-03 08:00", "to": "2026-11-16 17:00"},
        "auction": {"at": "2026-11-19 09:00", "place": "Hội trường", "form": "oral", "method": "ascending"},
        "auctioneer": {"name": "Công ty Đấu giá"},
    }
    fields.update(changes)
    return Notice.model_validate(fields)


def rule(**changes) -> Rule:
    fields = {
        "id": "deposit_range",
        "title": "t",
        "basis": "b",
        "check": "deposit_range",
        "applies_to": {"notice_type": "auction"},
        "valid_from": "2017-07-01",
        "params": {"min_percent": 5, "max_percent": 20},
    }
    fields.update(changes)
    return Rule.model_validate(fields)


def test_tet_2026_is_not_working_time():
    # Tết Bính Ngọ (17/02/2026): the break is Monday 16/02 to Friday 20/02, between weekends.
    days = [dt.date(2026, 2, 12) + dt.timedelta(days=n) for n in range(13)]
    working = [day for day in days if is_working_day(day)]
    assert [f"{day:%d/%m}" for day in working] == ["12/02", "13/02", "23/02", "24/02"]
    # Published Thursday 12/02: only 13/02 and 23/02 lie between it and 24/02.
    assert working_days_between(dt.date(2026, 2, 12), dt.date(2026, 2, 24)) == 2
    assert working_days_between(dt.date(2026, 2, 13), dt.date(2026, 2, 23)) == 0
    # 7 working days after 12/02: 13/02, 23/02 to 27/02, 02/03; the auction is 03/03 at the earliest.
    assert working_days_between(dt.date(2026, 2, 12), dt.date(2026, 3, 2)) == 6
    assert working_days_between(dt.date(2026, 2, 12), dt.date(2026, 3, 3)) == 7
    assert working_days_between(dt.date(2026, 2, 2), dt.date(2026, 2, 6)) == 3


def test_make_up_saturday_is_a_working_day():
    # Saturday 22/08/2026 is worked in exchange for Monday 31/08/2026 (holidays: weekend_workdays).
    assert is_working_day(dt.date(2026, 8, 22))
    assert not is_working_day(dt.date(2026, 8, 31))
    assert not is_working_day(dt.date(2026, 8, 29))  # an ordinary Saturday
    assert working_days_between(dt.date(2026, 8, 20), dt.date(2026, 8, 25)) == 3  # 21, 22 and 24/08


def test_weekend_and_national_day_are_skipped():
    assert not is_working_day(dt.date(2026, 9, 2))
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert working_days_between(dt.date(2026, 11, 20), dt.date(2026, 11, 30)) == 4


def test_deposit_outside_range_is_a_finding():
    assert check_notice(auction(deposit=10_000_000), [rule()])[0].field == "deposit"
    assert check_notice(auction(deposit=50_000_000), [rule()]) == []


def test_legal_exception_accepts_a_finding():
    notice = auction(deposit=10_000_000, legal_exceptions={"deposit_range": "Theo quyết định số 12/QĐ"})
    assert check_notice(notice, [rule()]) == []


def test_rule_applies_from_its_first_day():
    old = rule(id="deposit_old", valid_to="2026-11-01", params={"min_percent": 5, "max_percent": 20})
    new = rule(id="deposit_new", valid_from="2026-11-02", params={"min_percent": 15, "max_percent": 20})
    on_change_day = check_notice(auction(date="2026-11-02 08:00"), [old, new])
    assert [finding.rule.id for finding in on_change_day] == ["deposit_new"]
    day_before = auction(
        date="2026-11-01 08:00",
        registration={"from": "2026-11-02 08:00", "to": "2026-11-16 17:00"},
    )
    assert check_notice(day_before, [old, new]) == []


def test_movable_posting_period_counts_working_days():
    posting = rule(
        id="posting",
        check="posting_period",
        applies_to={"asset_kind": "movable"},
        params={"days": 7, "day_kind": "working"},
    )
    late = auction(
        date="2026-11-12 08:00",
        registration={"from": "2026-11-12 09:00", "to": "2026-11-16 17:00"},
        viewing={"from": "2026-11-13 08:00", "to": "2026-11-16 16:00"},
    )
    assert [f.field for f in check_notice(late, [posting])] == ["auction.at"]
    assert check_notice(auction(), [posting]) == []


def test_reauction_price_cut_at_most_ten_percent():
    reauction = rule(id="cut", check="reauction_price", params={"max_reduction_percent": 10})
    first = auction(round=1)
    assert check_notice(auction(round=2, starting_price=450_000_000), [reauction], first, cross=True) == []
    too_low = check_notice(auction(round=2, starting_price=449_000_000), [reauction], first, cross=True)
    assert too_low and too_low[0].field == "starting_price"


def selection(notice_type: str, **changes) -> Notice:
    fields = {
        "title": "Lựa chọn tổ chức",
        "date": "2026-11-02 08:00",
        "notice_type": notice_type,
        "unit": "khu-vuc-1",
        "asset_kind": "movable",
        "asset_category": "vehicle",
        "assets": [{"name": "Xe ô tô"}],
        "application": {"from": "2026-11-02 08:00", "to": "2026-11-04 17:00"},  # 1 working day
        "criteria": ["Có tên trong danh sách của Bộ Tư pháp"],
    }
    fields.update(changes)
    return Notice.model_validate(fields)


def test_shipped_rules_load_and_their_versions_do_not_overlap():
    assert RULES and not RULE_PROBLEMS
    versions = defaultdict(list)
    for item in RULES:
        versions[item.id].append(item)
    for same in versions.values():
        same.sort(key=lambda r: r.valid_from)
        for earlier, later in zip(same, same[1:], strict=False):
            assert earlier.valid_to is not None and earlier.valid_to < later.valid_from, earlier.id
            assert earlier.check == later.check and earlier.applies_to == later.applies_to


def test_no_rule_cites_a_law_before_it_took_effect():
    in_force = {"37/2024/QH15": dt.date(2025, 1, 1), "106/2025/QH15": dt.date(2026, 7, 1)}
    for item in RULES:
        for law, start in in_force.items():
            if law in item.basis:
                assert item.valid_from >= start, (item.id, item.valid_from)


def test_selection_rule_applies_to_auctioneer_selection_only():
    valuer = check_notice(selection("valuer_selection"), RULES)
    assert valuer == []
    auctioneer = check_notice(selection("auctioneer_selection"), RULES)
    assert [(f.rule.id, f.field) for f in auctioneer] == [("selection_notice_period", "application.to")]
    assert "hiện chỉ có 1 ngày làm việc" in auctioneer[0].message


def test_calendar_days_lie_strictly_between_publication_and_auction():
    assert days_between(dt.date(2026, 12, 1), dt.date(2026, 12, 16)) == 14
    assert days_between(dt.date(2026, 12, 1), dt.date(2026, 12, 17)) == 15

    def land(auction_day: int) -> Notice:
        return auction(
            date="2026-12-01 08:00",
            asset_kind="real_estate",
            asset_category="land",
            viewing={"from": "2026-12-08 08:00", "to": "2026-12-09 16:00"},
            registration={"from": "2026-12-02 08:00", "to": "2026-12-10 17:00"},
            auction={
                "at": f"2026-12-{auction_day} 09:00",
                "place": "Hội trường",
                "form": "oral",
                "method": "ascending",
            },
        )

    too_early = check_notice(land(16), RULES)
    assert [f.rule.id for f in too_early] == ["posting_period_real_estate"]
    assert "hiện chỉ có 14 ngày" in too_early[0].message
    assert check_notice(land(17), RULES) == []


@pytest.mark.parametrize(
    ("registration_end", "ok"), [("2026-11-16 17:00", True), ("2026-11-17 17:00", False)]
)
def test_registration_closes_two_full_days_before_the_auction(registration_end, ok):
    notice = auction(registration={"from": "2026-11-03 08:00", "to": registration_end})  # auction 19/11
    findings = [f.rule.id for f in check_notice(notice, RULES)]
    assert findings == ([] if ok else ["registration_closing"])


def test_notice_published_on_the_day_the_2024_amendment_applies_gets_its_basis():
    def short_notice(published: dt.date) -> Notice:
        at = published + dt.timedelta(days=8)
        return auction(
            date=f"{published} 08:00",
            viewing={"from": f"{published} 09:00", "to": f"{published + dt.timedelta(days=1)} 16:00"},
            registration={"from": f"{published} 09:00", "to": f"{published + dt.timedelta(days=5)} 17:00"},
            auction={"at": f"{at} 09:00", "place": "Hội trường", "form": "oral", "method": "ascending"},
        )

    # Eight calendar days with a weekend and New Year's Day: too few working days either way.
    on_change_day = check_notice(short_notice(dt.date(2025, 1, 1)), RULES)
    day_before = check_notice(short_notice(dt.date(2024, 12, 31)), RULES)
    assert [f.rule.id for f in on_change_day] == [f.rule.id for f in day_before] == ["posting_period_movable"]
    assert "37/2024/QH15" in on_change_day[0].rule.basis
    assert "37/2024/QH15" not in day_before[0].rule.basis
