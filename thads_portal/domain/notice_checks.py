"""Checks of one notice that go beyond field types: the fields its type needs, the order
of its dates, the unit that issued it. Dated legal rules live in `rules.py`.

A notice with type errors is checked too, as a partial record (`notices.partial_notice`):
its invalid fields are None and named in `invalid`, and every check whose inputs are
valid still runs, so an editor sees all problems of a file in one run.
"""

from __future__ import annotations

import datetime as dt

from .data import PortalData
from .formatting import format_datetime, format_money
from .frontmatter import FrontMatter
from .notices import AUCTION_ONLY, SELECTION_ONLY, Notice
from .problems import WARNING, Problem
from .rules import check_notice, finding_message
from .types import money_amount

AUCTION_REQUIRED = (
    "starting_price",
    "vat",
    "deposit",
    "dossier_fee",
    "viewing",
    "registration",
    "auction",
    "auctioneer",
)
SELECTION_REQUIRED = ("application", "criteria")


def _order(notice: Notice) -> list[tuple[str, str]]:
    """(field, message) for dates in the wrong order."""
    findings = []
    for name in ("viewing", "registration", "application"):
        period = getattr(notice, name)
        if period and period.to <= period.from_:
            findings.append((f"{name}.to", "thời điểm kết thúc phải sau thời điểm bắt đầu"))
    auction_at = notice.auction_at
    if auction_at:
        if notice.registration and notice.registration.to >= auction_at:
            findings.append(("registration.to", "hạn đăng ký phải kết thúc trước thời điểm đấu giá"))
        if notice.viewing and notice.viewing.to >= auction_at:
            findings.append(("viewing.to", "thời gian xem tài sản phải kết thúc trước thời điểm đấu giá"))
        if notice.date is not None and auction_at <= notice.date:
            findings.append(("auction.at", "thời điểm đấu giá phải sau ngày đăng thông báo"))
    if notice.deadline and notice.date is not None and notice.deadline <= notice.date:
        findings.append(("date", "ngày đăng phải trước hạn đăng ký/nộp hồ sơ"))
    if notice.deposit is not None and notice.starting_price and notice.deposit >= notice.starting_price:
        findings.append(("deposit", "tiền đặt trước phải nhỏ hơn giá khởi điểm"))
    if notice.status_override and not notice.status_reason:
        findings.append(("status_reason", "cần ghi lý do hủy hoặc tạm hoãn"))
    return findings


def _shape(notice: Notice, invalid: frozenset[str]) -> list[tuple[str, str]]:
    fields_set = notice.model_fields_set
    required = AUCTION_REQUIRED if notice.is_auction else SELECTION_REQUIRED
    forbidden = SELECTION_ONLY if notice.is_auction else AUCTION_ONLY
    label = "thông báo đấu giá" if notice.is_auction else "thông báo lựa chọn tổ chức"
    findings = [
        (name, f"{label} phải có trường này (đang để trống)")
        for name in required
        if name not in invalid and (name not in fields_set or getattr(notice, name) in (None, "", []))
    ]
    findings += [(name, f"trường này không dùng cho {label}") for name in forbidden if name in fields_set]
    return findings


def _unit(notice: Notice, portal: PortalData) -> list[tuple[str, str]]:
    if notice.unit is None or notice.date is None:
        return []
    unit = portal.units.get(notice.unit)
    if unit is None:
        day = notice.date.date()
        ids = ", ".join(sorted(u.id for u in portal.units.values() if u.valid_on(day)))
        return [("unit", f"không có đơn vị '{notice.unit}' trong data/units.yml; các mã hợp lệ: {ids}")]
    if not unit.valid_on(notice.date.date()):
        until = f" đến {unit.valid_to:%d/%m/%Y}" if unit.valid_to else ""
        successor = f"; đơn vị kế thừa: '{unit.successor}'" if unit.successor else ""
        return [
            (
                "unit",
                f"đơn vị '{unit.id}' chỉ hoạt động từ {unit.valid_from:%d/%m/%Y}{until}, không phải "
                f"ngày đăng {format_datetime(notice.date)}{successor}",
            )
        ]
    return []


def missing_unit(front: FrontMatter, source: str, portal: PortalData, day: dt.date) -> Problem:
    """A notice without `unit`: on the line of its type, with the codes in use on `day`."""
    units = ", ".join(
        f"{unit.id} ({unit.name})"
        for unit in sorted(portal.units.values(), key=lambda u: u.id)
        if unit.valid_on(day)
    )
    return Problem(
        source,
        front.line_of("notice_type") or 2,
        "unit",
        f"Thiếu trường unit: mã đơn vị ra thông báo. Các mã đang dùng: {units}.",
        code="field:missing",
    )


MONEY_FIELDS = ("starting_price", "deposit", "dossier_fee")


def _money_forms(front: FrontMatter, source: str) -> list[Problem]:
    """Amounts written with dots or 'đồng' are read as numbers; the plain form is asked for."""
    problems = []
    for name in MONEY_FIELDS:
        written = front.data.get(name)
        if not isinstance(written, str) or written.strip().isdigit():
            continue
        amount = money_amount(written)
        if amount is not None:
            message = (
                f"số tiền '{written.strip()}' được hiểu là {format_money(amount)}; nên viết chỉ bằng "
                f"chữ số, không dấu chấm, không kèm chữ 'đồng': '{name}: {amount}'"
            )
            problems.append(
                Problem(source, front.line_of(name) or 2, name, message, WARNING, code="money-format")
            )
    return problems


# Asset categories that belong to one kind (the kind decides the posting period rule).
CATEGORY_KINDS = {
    "land": "real_estate",
    "house": "real_estate",
    "vehicle": "movable",
    "machinery": "movable",
    "goods": "movable",
}


def _kind(notice: Notice) -> list[tuple[str, str]]:
    """Every category written in `asset_category` belongs to the notice's one `asset_kind`."""
    if notice.asset_kind is None:
        return []
    for category in notice.asset_category or ():
        expected = CATEGORY_KINDS.get(category)
        if expected and notice.asset_kind != expected:
            return [
                ("asset_kind", f"tài sản loại '{category}' là '{expected}', không phải '{notice.asset_kind}'")
            ]
    return []


def _exceptions(notice: Notice, portal: PortalData) -> list[tuple[str, str]]:
    known = {rule.id for rule in portal.rules}
    return [
        (
            f"legal_exceptions.{rule_id}",
            f"không có quy định nào mã '{rule_id}' (trong bộ quy định của thads-portal hay data/legal_rules.yml của trang)",
        )
        for rule_id in notice.legal_exceptions
        if rule_id not in known
    ]


def _round(notice: Notice) -> list[tuple[str, str]]:
    """A re-auction (round 2, 3 ...) names the notice of the round before it."""
    if notice.is_auction and (notice.round or 1) > 1 and not notice.previous:
        return [
            (
                "previous",
                f"thông báo đấu giá lần {notice.round} (round: {notice.round}) phải có trường 'previous' "
                "ghi địa chỉ (tên tệp không có đuôi .md) của thông báo lần đấu giá trước",
            )
        ]
    return []


# A finding about a field the file does not have points at the line of a related one.
_LINE_OF = {"previous": "round"}


def notice_problems(
    notice: Notice, front: FrontMatter, source: str, portal: PortalData, invalid: frozenset[str] = frozenset()
) -> list[Problem]:
    """Problems of one notice; `invalid`: fields that failed validation (None in `notice`)."""
    findings = _order(notice) + _unit(notice, portal) + _kind(notice) + _exceptions(notice, portal)
    if notice.notice_type is not None:
        rounds = _round(notice) if "previous" not in invalid else []
        findings = _shape(notice, invalid) + rounds + findings
    problems = [
        Problem(
            source,
            front.line_of(name) or front.line_of(_LINE_OF.get(name, "")) or 2,
            name,
            message,
            code="notice",
        )
        for name, message in findings
    ]
    problems += _money_forms(front, source)
    if "legal_exceptions" in invalid:  # the findings an editor accepted are not known
        return problems
    for finding in check_notice(notice, portal.rules):
        problems.append(
            Problem(
                source,
                front.line_of(finding.field) or 2,
                finding.field,
                finding_message(finding),
                code=f"rule:{finding.rule.id}",
            )
        )
    return problems
