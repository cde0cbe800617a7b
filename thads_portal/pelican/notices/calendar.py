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
from dataclasses import dataclass
from functools import cache

from icalendar import Timezone

from thads_portal.domain.clock import VIETNAM
from thads_portal.domain.site_model import NoticeView

EVENT_LENGTH = dt.timedelta(hours=1)
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}
CALENDAR_END = b"END:VCALENDAR\r\n"
LINE_LIMIT = 75  # octets per line before folding (RFC 5545 3.1)

# The lines are written here, not built as icalendar components: at 10,000 notices
# icalendar took seconds to serialize what a few string joins give. The bytes are those
# icalendar writes (its property order, escaping and folding); a test parses every
# calendar back with icalendar and compares its output with the file.


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: dt.datetime
    data: bytes  # BEGIN:VEVENT … END:VEVENT


def _text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11), in icalendar's order."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _fold(line: str) -> str:
    """Lines shorter than 75 octets, splitting neither a character nor an escape (as icalendar)."""
    if len(line) < LINE_LIMIT // 4 or len(line.encode()) < LINE_LIMIT:
        return line
    folded, current, size = [], [], 0
    for char in line:
        length = 1 if char < "\x80" else len(char.encode())
        if current and size + length >= LINE_LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                folded.append("".join(current))
                current, size = [carried], len(carried.encode())
            else:
                folded.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += length
    folded.append("".join(current))
    return "\r\n ".join(folded)


def _lines(*lines: str) -> bytes:
    return "".join(_fold(line) + "\r\n" for line in lines).encode()


def _local(moment: dt.datetime) -> str:
    return f"TZID={VIETNAM.key}:{moment.astimezone(VIETNAM):%Y%m%dT%H%M%S}"


def _event(
    uid: str,
    summary: str,
    start: dt.datetime,
    location: str,
    description: str,
    url: str,
    stamp: dt.datetime,
    sequence: int,
    status: str,
) -> CalendarEvent:
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(summary)}",
        f"DTSTART;{_local(start)}",
        f"DTEND;{_local(start + EVENT_LENGTH)}",
        f"DTSTAMP:{stamp.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"UID:{_text(uid)}",
        f"SEQUENCE:{sequence}",
        f"DESCRIPTION:{_text(description)}",
    ]
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    lines += [f"STATUS:{_text(status)}", f"URL:{url}", "END:VEVENT"]
    return CalendarEvent(uid, start, _lines(*lines))


def notice_events(notice: NoticeView, base_url: str, domain: str) -> list[CalendarEvent]:
    """The auction itself and its registration deadline, for one auction notice."""
    record, facts = notice.record, notice.facts
    event_id = notice.auction_notices[0]
    # Later notices of the auction, and a cancellation or postponement, count up.
    sequence = 2 * notice.auction_notices.index(notice.slug) + (1 if record.status_override else 0)
    status = STATUS.get(record.status_override, "CONFIRMED")
    url = f"{base_url}/{notice.url}"
    price = f"Giá khởi điểm: {facts.starting_price}. " if record.starting_price else ""
    stamp = notice.updated
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
                sequence,
                status,
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
                f"{label} kết thúc lúc {facts.deadline_clock}. {price}Chi tiết: {url}",
                url,
                stamp,
                sequence,
                status,
            )
        )
    return events


def calendar_bytes(name: str, events: list[CalendarEvent]) -> bytes:
    """A whole calendar: its own lines, the events by start, the time zone, the end."""
    head = _lines(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Trang thong tin dien tu THADS//Lich dau gia//VI",
        "CALSCALE:GREGORIAN",
        # X- properties are written unescaped, as icalendar writes them; on one line.
        f"X-WR-CALNAME:{' '.join(name.split())}",
        f"X-WR-TIMEZONE:{VIETNAM.key}",
    )
    ordered = sorted(events, key=lambda event: (event.start, event.uid))
    # RFC 5545 3.2.19: every TZID used is defined.
    return b"".join([head, *(event.data for event in ordered), _timezone_bytes(), CALENDAR_END])


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
