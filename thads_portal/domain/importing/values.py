"""Values as exports write them: amounts as numbers or text ("1.250.000.000",
"1.250.000.000 đồng", "850 triệu đ"), dates as Excel serial numbers, `dd/mm/yyyy` or `d/m/yy`.
Each parser returns the value or raises `CellError` with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic_core import PydanticCustomError

from ..formatting import format_date
from ..text import fold, nfc
from ..types import money_amount, parse_datetime


class CellError(ValueError):
    """A cell that cannot be read; `str()` is the Vietnamese reason."""


# Text that a spreadsheet program would run as a formula (as `section_data` refuses in the
# debtor CSV files): a CSV cell "=SUM(...)" is never a value.
FORMULA_STARTS = ("=", "+", "@")
_SCALES = {"nghin": 10**3, "ngan": 10**3, "trieu": 10**6, "ty": 10**9, "ti": 10**9}
_SCALED = re.compile(r"^([\d.,]+)\s*(nghìn|ngàn|triệu|tỷ|tỉ)\s*(?:đồng|đ|vnđ|vnd)?\.?$", re.IGNORECASE)
_PERCENT = re.compile(r"^([\d.,]+)\s*%$")
_SHORT_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?=$|[ ,])")
_TIME_FIRST = re.compile(
    r"^(\d{1,2})\s*(?:[:h]\s*(\d{2})?|giờ)\s*(?:giờ)?\s*(?:ngày)?\s*(\d{1,2}/\d{1,2}/\d{2,4})$", re.IGNORECASE
)
# Excel's day 0 (1900 date system, with its 29/02/1900 that never was).
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
AMOUNT_HINT = "ví dụ 1250000000, 1.250.000.000 đồng hoặc 850 triệu đồng"


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text: 12.0 → "12"; a text that starts like a formula is refused."""
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return (
            format_date(value) if not (value.hour or value.minute) else f"{value:%H:%M} {format_date(value)}"
        )
    if isinstance(value, dt.date):
        return format_date(value)
    written = nfc(str(value)).strip()
    if written.startswith(FORMULA_STARTS):
        raise CellError(
            f"ô bắt đầu bằng '{written[0]}' như một công thức bảng tính ('{written[:30]}'); "
            "phần mềm chỉ nhận giá trị, không nhận công thức. Hãy xuất lại tệp hoặc bỏ ký tự đó."
        )
    return " ".join(written.split())


def _decimal(written: str) -> Decimal:
    """ "1,25" and "1.25" are 1.25; "1.250" with a group of three is 1250."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", written):
        written = written.replace(".", "")
    try:
        return Decimal(written.replace(",", "."))
    except InvalidOperation:
        raise CellError(f"'{written}' không phải là số") from None


def amount(value: Any) -> int:
    """Money in đồng from a number or a text."""
    if isinstance(value, bool):
        raise CellError(f"'{value}' không phải số tiền ({AMOUNT_HINT})")
    if isinstance(value, int | float):
        if value < 0 or (isinstance(value, float) and not value.is_integer()):
            raise CellError(f"số tiền {value} phải là số đồng nguyên, không âm")
        return int(value)
    written = text(value)
    found = money_amount(written)
    if found is not None:
        return found
    scaled = _SCALED.match(written)
    if scaled:
        number = _decimal(scaled.group(1)) * _SCALES[fold(scaled.group(2)).lower()]
        if number == number.to_integral_value():
            return int(number)
    raise CellError(f"'{written}' không phải số tiền ({AMOUNT_HINT})")


def percent(value: Any) -> Decimal | None:
    """ "10%" or "10 %" → 10; None when the cell is not a percentage."""
    if not isinstance(value, str):
        return None
    found = _PERCENT.match(value.strip())
    return _decimal(found.group(1)) if found else None


def count(value: Any) -> int:
    """A whole number: 1234, "1.234", "1234"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value >= 0 and float(value).is_integer():
            return int(value)
    elif not is_empty(value):
        written = text(value).replace(".", "").replace(" ", "")
        if written.isascii() and written.isdigit():
            return int(written)
    raise CellError(f"'{text(value) if isinstance(value, str) else value}' phải là một số nguyên không âm")


def decimal_number(value: Any) -> float:
    """A number such as a target percentage: 85, 85,5, "85,5%"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    written = text(value).rstrip("%").strip()
    return float(_decimal(written))


def moment(value: Any) -> dt.datetime:
    """A date with an optional time, in Vietnam time."""
    if isinstance(value, dt.datetime | dt.date):
        return parse_datetime(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # 01/01/1900 … 31/12/9999
            raise CellError(f"số {value} không phải là một ngày của Excel")
        return parse_datetime(_EXCEL_EPOCH + dt.timedelta(days=round(float(value) * 1440) / 1440))
    written = text(value)
    time_first = _TIME_FIRST.match(written)
    if time_first:
        hour, minute, day = time_first.groups()
        written = f"{day} {int(hour):02d}:{minute or '00'}"
    short = _SHORT_YEAR.match(written)
    if short:
        day, month, year = short.groups()
        year = f"20{year}" if len(year) == 2 else year
        written = f"{day}/{month}/{year}{written[short.end() :]}"
    try:
        return parse_datetime(written)
    except PydanticCustomError as error:
        raise CellError(error.message()) from None


def day(value: Any) -> dt.date:
    return moment(value).date()
