"""Field types shared by every content model, with Vietnamese error messages."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from .clock import localize
from .text import nfc

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_VIETNAMESE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$")
DATE_HINT = "viết theo dạng 2026-11-25 08:30 hoặc 25/11/2026 08:30"


def parse_datetime(value: Any) -> dt.datetime:
    """Content dates: ISO or dd/mm/yyyy, with an optional time; Vietnam time."""
    if isinstance(value, dt.datetime):
        return localize(value)
    if isinstance(value, dt.date):
        return localize(dt.datetime.combine(value, dt.time()))
    if not isinstance(value, str):
        raise PydanticCustomError("datetime", f"phải là ngày giờ ({DATE_HINT})")
    text = value.strip()
    iso, vietnamese = _ISO.match(text), _VIETNAMESE.match(text)
    if iso:
        year, month, day, hour, minute, second = iso.groups()
        written = text[: iso.end(3)]
    elif vietnamese:
        day, month, year, hour, minute, second = vietnamese.groups()
        written = text[: vietnamese.end(3)]
    else:
        raise PydanticCustomError(
            "datetime", "ngày giờ '{value}' không hợp lệ ({hint})", {"value": text, "hint": DATE_HINT}
        )
    parts = [int(part or 0) for part in (year, month, day, hour, minute, second)]
    try:
        moment = dt.datetime(*parts)
    except ValueError:
        raise _impossible(written, *parts) or PydanticCustomError(
            "datetime", "ngày giờ '{value}' không hợp lệ ({hint})", {"value": text, "hint": DATE_HINT}
        ) from None
    return localize(moment)


def _impossible(
    written: str, year: int, month: int, day: int, hour: int, minute: int, second: int
) -> PydanticCustomError | None:
    """Why a well-written date is not on the calendar (31/11, 29/02 of a common year, month
    13, hour 25); None when the reason is another (a year out of range)."""
    shown = {"date": written, "year": year, "month": month}
    if not 1 <= month <= 12:
        return PydanticCustomError(
            "date_not_exist",
            "Ngày {date} không hợp lệ: không có tháng {month}, một năm chỉ có 12 tháng.",
            shown,
        )
    if 1 <= year <= 9999:
        days = calendar.monthrange(year, month)[1]
        if day < 1:
            return PydanticCustomError(
                "date_not_exist", "Ngày {date} không có: ngày đầu tháng là ngày 01.", shown
            )
        if day > days and month == 2:
            return PydanticCustomError(
                "date_not_exist",
                "Ngày {date} không có: tháng 2 năm {year} chỉ có {days} ngày.",
                {**shown, "days": days},
            )
        if day > days:
            return PydanticCustomError(
                "date_not_exist",
                "Ngày {date} không có: tháng {month} chỉ có {days} ngày.",
                {**shown, "days": days},
            )
    if hour > 23 or minute > 59 or second > 59:
        return PydanticCustomError(
            "time_not_exist",
            "Giờ {time} không có: giờ chỉ từ 0 đến 23, phút và giây từ 0 đến 59.",
            {"time": f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")},
        )
    return None


def _clean_text(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value).strip()
    return value


def _not_blank(value: str) -> str:
    if not value:
        raise PydanticCustomError("blank", "không được để trống")
    return value


_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_CURRENCY = re.compile(r"(?:đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)
MONEY_HINT = "viết số tiền bằng chữ số, không có dấu chấm, ví dụ 1250000000 (không kèm chữ 'đồng')"


def _money(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("money", MONEY_HINT)
    if isinstance(value, float):
        # YAML reads 240.000 as the decimal 240.0: ask for the plain form rather than guess.
        raise PydanticCustomError(
            "money", "'{value}' đọc thành số thập phân; " + MONEY_HINT, {"value": value}
        )
    if isinstance(value, str):
        amount = money_amount(value)
        if amount is None:
            raise PydanticCustomError(
                "money", "'{value}' không phải số tiền; " + MONEY_HINT, {"value": value}
            )
        return amount
    return value


def money_amount(text: str) -> int | None:
    """An amount of money written as text the Vietnamese way: 850000000, 850.000.000 or
    850,000,000, optionally followed by 'đồng', 'đ' or 'VNĐ'; None when it is not one."""
    text = _CURRENCY.sub("", "".join(nfc(text).split()))
    if _GROUPED.match(text):  # 1.250.000.000 or 1,250,000,000
        text = text.replace(".", "").replace(",", "")
    if not text.isascii() or not text.isdigit():
        return None
    return int(text)


def _non_negative(value: int) -> int:
    if value < 0:
        raise PydanticCustomError("money", "không được là số âm")
    return value


LocalDateTime = Annotated[dt.datetime, BeforeValidator(parse_datetime)]
Text = Annotated[str, BeforeValidator(_clean_text)]
RequiredText = Annotated[str, BeforeValidator(_clean_text), AfterValidator(_not_blank)]
Money = Annotated[int, BeforeValidator(_money), AfterValidator(_non_negative)]


def parse_date(value: Any) -> Any:
    """A calendar day, ISO or dd/mm/yyyy; empty means none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return parse_datetime(value).date()


LocalDate = Annotated[dt.date, BeforeValidator(parse_date)]
OptionalDate = Annotated[dt.date | None, BeforeValidator(parse_date)]
