"""How dates and money read in Vietnamese: 25/11/2026, 1.250.000.000 đồng."""

from __future__ import annotations

import datetime as dt

from num2words import num2words


def format_date(moment: dt.date | dt.datetime | None) -> str:
    return f"{moment:%d/%m/%Y}" if moment else ""


def format_datetime(moment: dt.datetime | None) -> str:
    """ "08:30 ngày 25/11/2026", or the date alone at midnight."""
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime) and (moment.hour or moment.minute):
        return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"
    return format_date(moment)


def format_number(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def format_money(amount: int | None) -> str:
    return "" if amount is None else f"{format_number(amount)} đồng"


def money_in_words(amount: int | None) -> str:
    """1250000000 → "Một tỷ hai trăm năm mươi triệu đồng"."""
    if amount is None:
        return ""
    words = num2words(amount, lang="vi")
    return f"{words[:1].upper()}{words[1:]} đồng"
