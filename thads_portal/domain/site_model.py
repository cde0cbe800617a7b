"""The site model: what one build knows of its notices, worked out once from the documents,
`data/` and the build's one moment `now`.

Each notice gets a frozen `NoticeView`: its status on `now`, its unit, its chain (earlier
rounds, corrections, a cancellation), the notices of its auction, and its facts formatted
for people. Pages, feeds, the calendar, the open data, the search records and the fast
preview all read these views; none of them applies the status rule, looks up a unit, reads
the clock or the disk, or formats a notice's amount or date on its own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from .data import Unit, UnitChoice, former_units_until, unit_choices, unit_members
from .formatting import format_datetime, format_money, human_size
from .notices import NOTICE_TYPE_SHORT, STATUSES, Notice
from .text import nfc

# Statuses of notices whose auction or deadline is still ahead.
ACTIVE = ("upcoming", "open", "closed")


class NoticeSource(Protocol):
    """A read notice, as the build holds it (Pelican's content objects are these); it may
    have `modified` too."""

    slug: str
    url: str
    title: str
    date: dt.datetime
    record: Notice


@dataclass(frozen=True)
class NoticeFacts:
    """A notice's facts as readers see them ("" where the notice has none)."""

    type_label: str
    starting_price: str  # "1.250.000.000 đồng"
    deposit: str
    dossier_fee: str
    deadline_label: str  # "Hạn đăng ký" (auctions) or "Hạn nộp hồ sơ" (selections)
    deadline: str  # "17:00 ngày 25/11/2026"
    deadline_clock: str  # "17:00 25/11/2026", in calendar descriptions
    auction_at: str
    auction_place: str
    unit_name: str
    # The key facts, most important first, empty ones left out: (label, value).
    key_facts: tuple[tuple[str, str], ...]
    # Sizes of the attachments that are published, by file: "850 KB".
    attachment_sizes: Mapping[str, str]


@dataclass(frozen=True)
class NoticeView:
    slug: str
    url: str
    title: str
    published: dt.datetime
    updated: dt.datetime  # `modified`, or when it was published
    record: Notice
    status: str  # a STATUSES id, on the build's moment
    status_label: str
    unit: Unit | None
    chain: tuple[str, ...]  # slugs, oldest first; empty for a notice alone
    previous: str | None  # the slug it follows, if that notice is published
    # Slugs of the notices of its auction (announcements, correction, cancellation), oldest
    # first; the first names the calendar event, the last is the current one.
    auction_notices: tuple[str, ...]
    facts: NoticeFacts

    @property
    def current(self) -> str:
        return self.auction_notices[-1]

    @property
    def superseded(self) -> bool:
        return self.current != self.slug

    @property
    def active(self) -> bool:
        """Its deadline or auction is still ahead, and no later notice replaced it."""
        return self.status in ACTIVE and not self.superseded


@dataclass(frozen=True)
class SiteModel:
    now: dt.datetime
    notices: tuple[NoticeView, ...]  # published, in the order given (newest first)
    held: tuple[NoticeView, ...]  # drafts and scheduled notices (shown in previews only)
    by_slug: Mapping[str, NoticeView]
    open_auctions: tuple[NoticeView, ...]  # active auctions, soonest first
    open_selections: tuple[NoticeView, ...]
    asset_counts: Counter  # a notice counts under each of its categories
    upcoming_asset_counts: Counter  # what the upcoming page's asset links lead to
    unit_choices: tuple[UnitChoice, ...]
    unit_members: Mapping[str, list[str]]  # a unit's listing shows these units' notices
    former_units_until: dt.date | None


def notice_facts(record: Notice, unit: Unit | None, file_sizes: Mapping[str, int]) -> NoticeFacts:
    text = {
        "type_label": NOTICE_TYPE_SHORT[record.notice_type],
        "starting_price": _money(record.starting_price),
        "deposit": _money(record.deposit),
        "dossier_fee": _money(record.dossier_fee),
        "deadline_label": "Hạn đăng ký" if record.is_auction else "Hạn nộp hồ sơ",
        "deadline": format_datetime(record.deadline),
        "deadline_clock": f"{record.deadline:%H:%M %d/%m/%Y}" if record.deadline else "",
        "auction_at": format_datetime(record.auction_at),
        "auction_place": record.auction.place if record.auction else "",
        "unit_name": unit.name if unit else "",
    }
    key_facts = [
        ("Loại", text["type_label"]),
        ("Giá khởi điểm", text["starting_price"]),
        ("Tiền đặt trước", text["deposit"]),
        (text["deadline_label"], text["deadline"]),
    ]
    if record.auction:
        key_facts += [("Thời gian đấu giá", text["auction_at"]), ("Địa điểm đấu giá", text["auction_place"])]
    key_facts.append(("Đơn vị", text["unit_name"]))
    sizes = {a.file: file_sizes.get(nfc(a.file)) for a in record.attachments}
    return NoticeFacts(
        **text,
        key_facts=tuple((label, value) for label, value in key_facts if value),
        attachment_sizes={file: human_size(size) for file, size in sizes.items() if size is not None},
    )


def _money(amount: int | None) -> str:
    return format_money(amount) if amount is not None else ""


def notice_view(
    source: NoticeSource,
    units: Mapping[str, Unit],
    now: dt.datetime,
    file_sizes: Mapping[str, int],
    chain: tuple[str, ...] = (),
    previous: str | None = None,
    auction_notices: tuple[str, ...] | None = None,
) -> NoticeView:
    """One notice's view; alone (no chain) unless its chain is given."""
    record = source.record
    status = record.status_on(now)
    unit = units.get(record.unit)
    return NoticeView(
        slug=source.slug,
        url=source.url,
        title=source.title,
        published=source.date,
        updated=getattr(source, "modified", None) or source.date,
        record=record,
        status=status,
        status_label=STATUSES[status],
        unit=unit,
        chain=chain,
        previous=previous,
        auction_notices=auction_notices or (source.slug,),
        facts=notice_facts(record, unit, file_sizes),
    )


def _chains(
    notices: Sequence[NoticeSource],
) -> dict[str, tuple[tuple[str, ...], str | None, tuple[str, ...]]]:
    """{slug: (chain, previous, auction notices)}: a notice names the one it follows
    (`previous`); the whole chain is shown on each of its notices. Within a chain, the
    auction notices of one round are one auction, the latest of them the current one."""
    by_slug = {notice.slug: notice for notice in notices}
    followers: dict[str, list] = {}
    for notice in notices:
        if notice.record.previous in by_slug:
            followers.setdefault(notice.record.previous, []).append(notice)
    linked = {}
    for notice in notices:
        root, seen = notice, {notice.slug}
        while root.record.previous in by_slug and root.record.previous not in seen:
            root = by_slug[root.record.previous]
            seen.add(root.slug)
        chain, queue = [], [root]
        while queue:
            current = queue.pop(0)
            if current not in chain:
                chain.append(current)
                queue.extend(followers.get(current.slug, []))
        chain.sort(key=lambda n: (n.date, n.slug))
        previous = notice.record.previous if notice.record.previous in by_slug else None
        same_auction = (
            tuple(other.slug for other in chain if _auction_key(other) == _auction_key(notice))
            if notice.record.is_auction
            else (notice.slug,)
        )
        linked[notice.slug] = (tuple(n.slug for n in chain) if len(chain) > 1 else (), previous, same_auction)
    return linked


def _auction_key(notice: NoticeSource) -> tuple:
    record = notice.record
    return (record.is_auction, record.round or 1) if record.is_auction else ("selection", notice.slug)


def _category_counts(views) -> Counter:
    return Counter(category for view in views for category in view.record.asset_categories)


def build_site_model(
    notices: Sequence[NoticeSource],
    held: Sequence[NoticeSource],
    units: Mapping[str, Unit],
    now: dt.datetime,
    file_sizes: Mapping[str, int],
) -> SiteModel:
    """The model of one build: `notices` published (newest first), `held` not yet."""
    linked = _chains(notices)
    views = tuple(notice_view(n, units, now, file_sizes, *linked[n.slug]) for n in notices)
    held_views = tuple(notice_view(n, units, now, file_sizes) for n in held)
    auctions = sorted(
        (v for v in views if v.record.is_auction and v.active), key=lambda v: v.record.auction_at
    )
    day = now.date()
    return SiteModel(
        now=now,
        notices=views,
        held=held_views,
        by_slug={view.slug: view for view in views + held_views},
        open_auctions=tuple(auctions),
        open_selections=tuple(
            v for v in views if not v.record.is_auction and v.status in ("upcoming", "open")
        ),
        asset_counts=_category_counts(views),
        upcoming_asset_counts=_category_counts(auctions),
        unit_choices=tuple(unit_choices(dict(units), Counter(v.record.unit for v in views), day)),
        unit_members=unit_members(dict(units)),
        former_units_until=former_units_until(dict(units), day),
    )
