"""How dates and money read in Vietnamese: 25/11/2026, 1.250.000.000 đồng."""

from __future__ import annotations

import datetime as dt
from functools import cache

from num2words import num2words


def format_date(moment: dt.date | dt.datetime | None) -> str:
    # Not strftime: Pelican's dates format through a slow pure-Python strftime, and every
    # listing formats dozens of dates.
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year:04d}" if moment else ""


def format_datetime(moment: dt.datetime | None) -> str:
    """ "08:30 ngày 25/11/2026", or the date alone at midnight."""
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime) and (moment.hour or moment.minute):
        return f"{moment.hour:02d}:{moment.minute:02d} ngày {format_date(moment)}"
    return format_date(moment)


def format_number(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def format_money(amount: int | None) -> str:
    return "" if amount is None else f"{format_number(amount)} đồng"


@cache
def number_word_table() -> tuple[str, ...]:
    """The words of 0–999 as documents write them ("linh", not "lẻ": 105 is "một trăm linh
    năm"); the editing interface's preview reads the same table."""
    return tuple(num2words(number, lang="vi").replace("lẻ", "linh") for number in range(1000))


def _group_words(group: int, first: bool) -> str:
    """One group of three digits (1-999). Inside a number every group but the first reads
    all three digits: 045 is "không trăm bốn mươi lăm", 005 "không trăm linh năm"."""
    words = number_word_table()[group]
    if not first and group < 100:
        words = f"không trăm {'linh ' if group < 10 else ''}{words}"
    return words


def _number_words(number: int, first: bool = True) -> str:
    if number >= 10**9:
        high, low = divmod(number, 10**9)
        words = f"{_number_words(high, first)} tỷ"
        return f"{words} {_number_words(low, False)}" if low else words
    parts = []
    for scale, size in (("triệu", 10**6), ("nghìn", 10**3), ("", 1)):
        group, number = divmod(number, size)
        if group:
            parts.append(f"{_group_words(group, first and not parts)} {scale}".strip())
    return " ".join(parts)


def money_in_words(amount: int | None) -> str:
    """As official documents write it: 1.045.000.000 → "Một tỷ không trăm bốn mươi lăm
    triệu đồng", 1.005.000.000 → "Một tỷ không trăm linh năm triệu đồng"."""
    if amount is None:
        return ""
    words = _number_words(amount) if amount else "không"
    return f"{words[:1].upper()}{words[1:]} đồng"


def at_place(place: str) -> str:
    """ "tại <place>"; a place written as "Tại nơi có tài sản" keeps one "tại"."""
    if not place:
        return ""
    if place[:4].casefold() == "tại ":
        place = place[4:].lstrip()
    return f"tại {place}"


def human_size(size: int) -> str:
    """File size as shown beside a download link: "850 KB", "2,4 MB"."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def format_percent(value: float | None) -> str:
    """87.0 → "87,00%"; None (nothing to divide by) → "–"."""
    return "–" if value is None else f"{value:.2f}%".replace(".", ",")


def format_billions(value: int) -> str:
    """Money in tỷ đồng with two decimals, as reports give it: "320,91 tỷ"."""
    return f"{value / 1e9:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") + " tỷ"
