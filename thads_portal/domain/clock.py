"""What "now" means for a build: Vietnam time, overridable with PORTAL_TODAY."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY_VARIABLE = "PORTAL_TODAY"


def now() -> dt.datetime:
    """The build's current moment, in Vietnam time.

    With PORTAL_TODAY=YYYY-MM-DD the build behaves as at the end of that day, so a post
    dated that day is published and statuses advance as they would by evening.
    """
    override = os.environ.get(TODAY_VARIABLE, "").strip()
    if override:
        day = dt.date.fromisoformat(override)
        return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=VIETNAM)
    return dt.datetime.now(VIETNAM).replace(microsecond=0)


def today() -> dt.date:
    return now().date()


def localize(moment: dt.datetime) -> dt.datetime:
    """Naive datetimes in content are Vietnam time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)
