"""iCalendar files: every upcoming auction and registration deadline, and one file per
auction notice for "add to calendar". UIDs and stamps come from the notices, not the
clock, so rebuilds give the same bytes.

The notices of one auction (announcement 1 and 2, a correction, a cancellation) share
the UID of the first of them; a later one has a higher SEQUENCE, so a calendar that
holds the event updates it. Cancelled events are STATUS:CANCELLED, postponed ones
STATUS:TENTATIVE (their time is no longer certain); neither is in the shared calendar.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from icalendar import Calendar, Event, Timezone

from portal.clock import VIETNAM
from portal.formatting import format_money

EVENT_LENGTH = dt.timedelta(hours=1)


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Trang thong tin dien tu THADS//Lich dau gia//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", VIETNAM.key)
    return calendar


STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def _event(
    uid: str, summary: str, start: dt.datetime, location: str, description: str, url: str, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + EVENT_LENGTH)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    event.add("description", description)
    event.add("url", url)
    return event


def notice_events(notice, base_url: str, domain: str) -> list[Event]:
    """The auction itself and its registration deadline, for one auction notice."""
    record = notice.record
    event_id = notice.auction_notices[0].slug
    # Later notices of the auction, and a cancellation or postponement, count up.
    sequence = 2 * notice.auction_notices.index(notice) + (1 if record.status_override else 0)
    status = STATUS.get(record.status_override, "CONFIRMED")
    url = f"{base_url}/{notice.url}"
    stamp = getattr(notice, "modified", None) or notice.date
    price = f"Giá khởi điểm: {format_money(record.starting_price)}. " if record.starting_price else ""
    events = []
    if record.auction:
        events.append(
            _event(
                f"dau-gia-{event_id}@{domain}",
                f"Đấu giá: {notice.title}",
                record.auction.at,
                record.auction.place,
                f"{price}Chi tiết: {url}",
                url,
                stamp,
            )
        )
    if record.deadline:
        label = "Hạn đăng ký đấu giá" if record.is_auction else "Hạn nộp hồ sơ"
        place = record.registration.place if record.registration else record.application.place
        events.append(
            _event(
                f"han-dang-ky-{event_id}@{domain}",
                f"{label}: {notice.title}",
                record.deadline - EVENT_LENGTH,
                place,
                f"{label} kết thúc lúc {record.deadline:%H:%M %d/%m/%Y}. {price}Chi tiết: {url}",
                url,
                stamp,
            )
        )
    for event in events:
        event.add("sequence", sequence)
        event.add("status", status)
    return events


def calendar_bytes(name: str, events: list[Event], serialized: dict | None = None) -> bytes:
    """The calendar's bytes, as icalendar writes them: its lines, each component's, then the
    end line. `serialized` keeps each event's bytes (by identity) for the next calendar that
    holds it: the shared calendar repeats every upcoming auction's events."""
    serialized = {} if serialized is None else serialized
    parts = [_calendar(name).to_ical().removesuffix(CALENDAR_END)]
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        if id(event) not in serialized:
            serialized[id(event)] = (event, event.to_ical())  # the event kept: its id stays its own
        parts.append(serialized[id(event)][1])
    parts += [_timezone_bytes(), CALENDAR_END]  # RFC 5545 3.2.19: every TZID is defined
    return b"".join(parts)


CALENDAR_END = b"END:VCALENDAR\r\n"


@cache
def _timezone_bytes() -> bytes:
    return _vietnam_timezone().to_ical()


@cache
def _vietnam_timezone() -> Timezone:
    """VTIMEZONE for Asia/Ho_Chi_Minh, made once: icalendar takes ~50 ms to derive it from
    the time-zone data, and the build writes a calendar for every auction. A fixed span keeps
    the bytes independent of the events (reproducible output)."""
    return Timezone.from_tzinfo(
        VIETNAM, tzid=VIETNAM.key, first_date=dt.date(1976, 1, 1), last_date=dt.date(2037, 12, 31)
    )
