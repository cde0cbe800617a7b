"""Legal rules as dated data, and working-day arithmetic across Tết."""

from __future__ import annotations

import datetime as dt

from portal.notices import Notice
from portal.rules import Rule, check_notice
from portal.workdays import is_working_day, working_days_between


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
    # Tết Bính Ngọ: 17/02/2026; the official break covers the days around it.
    assert not is_working_day(dt.date(2026, 2, 17))
    assert not is_working_day(dt.date(2026, 2, 18))
    assert is_working_day(dt.date(2026, 2, 10))
    # 7 working days after 12/02/2026 end well after Tết, not on 24/02.
    assert working_days_between(dt.date(2026, 2, 12), dt.date(2026, 2, 24)) < 7
    assert working_days_between(dt.date(2026, 2, 2), dt.date(2026, 2, 6)) == 3


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
