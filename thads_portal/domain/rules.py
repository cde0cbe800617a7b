"""Legal checks of notices, driven by `data/legal_rules.yml`.

Each rule names a check below, its parameters, the notices it applies to and the dates
it is in force. Rules in force on the notice's publication date apply; a finding is a
build error unless the notice accepts it in `legal_exceptions` with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .formatting import format_money
from .notices import Notice
from .types import RequiredText, Text
from .workdays import days_between, working_days_between

CheckName = Literal[
    "posting_period",
    "deposit_range",
    "viewing_duration",
    "registration_closing",
    "selection_period",
    "reauction_price",
]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RequiredText
    title: RequiredText
    basis: RequiredText
    check: CheckName
    applies_to: dict[str, str | list[str]] = {}
    valid_from: dt.date
    valid_to: dt.date | None = None
    params: dict[str, Any] = {}
    note: Text = ""

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def applies(self, notice: Notice) -> bool:
        if notice.date is None:  # a partial record whose date did not validate
            return False
        for field, wanted in self.applies_to.items():
            values = wanted if isinstance(wanted, list) else [wanted]
            if getattr(notice, field, None) not in values:
                return False
        return self.in_force_on(notice.date.date())


@dataclass(frozen=True)
class Finding:
    rule: Rule
    field: str
    message: str


# Periods are counted as the Civil Code counts them (Điều 147, 148): from the day after
# the event, ending before the target day; see the header of data/legal_rules.yml.
NOT_COUNTED = " (không tính ngày đăng và ngày đấu giá)"

Check = Callable[[Notice, dict, Notice | None], list[tuple[str, str]]]


def _posting_period(notice: Notice, params: dict, previous: Notice | None) -> list[tuple[str, str]]:
    if not notice.auction:
        return []
    published, auction_day = notice.date.date(), notice.auction.at.date()
    if params.get("day_kind") == "working":
        counted, unit = working_days_between(published, auction_day), "ngày làm việc"
    else:
        counted, unit = days_between(published, auction_day), "ngày"
    if counted < params["days"]:
        return [
            (
                "auction.at",
                f"thông báo phải đăng ít nhất {params['days']} {unit} trước ngày đấu giá; hiện chỉ có {counted} {unit}{NOT_COUNTED}",
            )
        ]
    return []


def _deposit_range(notice: Notice, params: dict, previous: Notice | None) -> list[tuple[str, str]]:
    if notice.deposit is None or not notice.starting_price:
        return []
    percent = notice.deposit * 100 / notice.starting_price
    low, high = params["min_percent"], params["max_percent"]
    if not low <= percent <= high:
        return [
            (
                "deposit",
                f"tiền đặt trước phải từ {low}% đến {high}% giá khởi điểm; hiện là {percent:.1f}%".replace(
                    ".", ","
                ),
            )
        ]
    return []


def _viewing_duration(notice: Notice, params: dict, previous: Notice | None) -> list[tuple[str, str]]:
    if not notice.viewing:
        return []
    days = (notice.viewing.to.date() - notice.viewing.from_.date()).days + 1
    if days < params["days"]:
        return [
            (
                "viewing.to",
                f"thời gian xem tài sản phải ít nhất {params['days']} ngày liên tục; hiện là {days} ngày",
            )
        ]
    return []


def _registration_closing(notice: Notice, params: dict, previous: Notice | None) -> list[tuple[str, str]]:
    if not notice.registration or not notice.auction:
        return []
    gap = days_between(notice.registration.to.date(), notice.auction.at.date())
    if gap < params["days_before"]:
        return [
            (
                "registration.to",
                f"nhận đăng ký, bán hồ sơ phải kết thúc trước ngày đấu giá ít nhất {params['days_before']} ngày; hiện là {gap} ngày (không tính ngày kết thúc đăng ký và ngày đấu giá)",
            )
        ]
    return []


def _selection_period(notice: Notice, params: dict, previous: Notice | None) -> list[tuple[str, str]]:
    if not notice.application:
        return []
    counted = working_days_between(notice.date.date(), notice.application.to.date())
    if counted < params["working_days"]:
        return [
            (
                "application.to",
                f"thông báo phải đăng ít nhất {params['working_days']} ngày làm việc trước hạn nộp hồ sơ; hiện chỉ có {counted} ngày làm việc (không tính ngày đăng và ngày hết hạn)",
            )
        ]
    return []


def _reauction_price(notice: Notice, params: dict, previous: Notice | None) -> list[tuple[str, str]]:
    if previous is None or not previous.is_auction or not (notice.round or 1) > (previous.round or 1):
        return []
    if notice.starting_price is None or previous.starting_price is None:
        return []
    floor = previous.starting_price * (100 - params["max_reduction_percent"]) / 100
    if notice.starting_price < floor:
        return [
            (
                "starting_price",
                f"giá khởi điểm lần này ({format_money(notice.starting_price)}) giảm quá {params['max_reduction_percent']}% so với lần trước ({format_money(previous.starting_price)})",
            )
        ]
    return []


CHECKS: dict[str, Check] = {
    "posting_period": _posting_period,
    "deposit_range": _deposit_range,
    "viewing_duration": _viewing_duration,
    "registration_closing": _registration_closing,
    "selection_period": _selection_period,
    "reauction_price": _reauction_price,
}
# Checks that compare a notice with the one it follows run once every notice is read.
NEEDS_PREVIOUS = {"reauction_price"}


def check_notice(
    notice: Notice, rules: list[Rule], previous: Notice | None = None, *, cross: bool = False
) -> list[Finding]:
    """Findings of the rules that apply; `cross` picks the checks needing `previous`."""
    findings = []
    for rule in rules:
        if (rule.check in NEEDS_PREVIOUS) != cross or not rule.applies(notice):
            continue
        if rule.id in notice.legal_exceptions:
            continue
        for field, message in CHECKS[rule.check](notice, rule.params, previous):
            findings.append(Finding(rule, field, message))
    return findings


def finding_message(finding: Finding) -> str:
    return (
        f"{finding.message} (quy định: {finding.rule.basis}). Nếu đây là trường hợp đặc biệt đã được "
        f"lãnh đạo chấp thuận, ghi lý do trong legal_exceptions với mã '{finding.rule.id}'."
    )
