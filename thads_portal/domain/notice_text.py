"""The key facts of a notice in Vietnamese, shared by pages, feeds, calendar and search."""

from __future__ import annotations

from .formatting import format_datetime, format_money
from .notices import NOTICE_TYPE_SHORT, Notice


def notice_facts(notice: Notice, units: dict) -> list[tuple[str, str]]:
    """(label, value) pairs, most important first; empty values left out."""
    facts = [("Loại", NOTICE_TYPE_SHORT[notice.notice_type])]
    if notice.starting_price is not None:
        facts.append(("Giá khởi điểm", format_money(notice.starting_price)))
    if notice.deposit is not None:
        facts.append(("Tiền đặt trước", format_money(notice.deposit)))
    if notice.deadline:
        label = "Hạn đăng ký" if notice.is_auction else "Hạn nộp hồ sơ"
        facts.append((label, format_datetime(notice.deadline)))
    if notice.auction:
        facts.append(("Thời gian đấu giá", format_datetime(notice.auction.at)))
        facts.append(("Địa điểm đấu giá", notice.auction.place))
    unit = units.get(notice.unit)
    if unit:
        facts.append(("Đơn vị", unit.name))
    return [(label, value) for label, value in facts if value]
