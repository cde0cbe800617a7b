"""Working days in Vietnam: Monday to Friday, except public holidays (Tết included,
with official substitutions), from the `holidays` package."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days strictly after `start` and strictly before `end`."""
    count, day = 0, start + dt.timedelta(days=1)
    while day < end:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def days_before(start: dt.date, end: dt.date) -> int:
    """How many days `start` is before `end` (published on the 1st, auction on the 16th: 15)."""
    return (end - start).days
