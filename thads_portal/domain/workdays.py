"""Working days in Vietnam: Monday to Friday, except public holidays (Tết included,
with official substitutions), plus the make-up Saturdays the government declares, all
from the `holidays` package.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def is_working_day(day: dt.date) -> bool:
    """A weekday that is not a holiday, or a Saturday worked in exchange for a day off."""
    return _calendar(day.year).is_working_day(day)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days strictly after `start` and strictly before `end`."""
    count, day = 0, start + dt.timedelta(days=1)
    while day < end:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def days_between(start: dt.date, end: dt.date) -> int:
    """Calendar days strictly after `start` and strictly before `end`, as the Civil Code
    counts a period: it starts the day after the event and must run out before `end`
    (published on the 1st, auction on the 16th: 14 days)."""
    return max(0, (end - start).days - 1)
