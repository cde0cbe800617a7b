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
