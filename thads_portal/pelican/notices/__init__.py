"""Public notices: one page per notice, listings by type, unit and asset category, and
the upcoming auctions ordered by auction date.

Notices arrive in the context from the publication plugin. Each gets its build-time
status, its unit and the chain of notices it belongs to (rounds, corrections).
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.data import former_units_until, unit_choices, unit_members
from thads_portal.domain.documents import newest_first
from thads_portal.domain.formatting import human_size
from thads_portal.domain.notices import ASSET_CATEGORIES, NOTICE_TYPES, STATUSES, listing_order
from thads_portal.pelican.parallel_build import run_later
from thads_portal.pelican.parallel_build.page_cache import build_digest, cached_files

from .calendar import calendar_bytes, notice_events
from .chains import link_chains
from .open_data import write_open_data

# Statuses of notices whose auction or deadline is still ahead.
ACTIVE = ("upcoming", "open", "closed")
# Listings without feeds of their own (asset categories, upcoming) offer the feed of all
# notices, under its own name.
ALL_NOTICES_FEED = {"feed_kind": ("notices", ""), "feed_title": "Thông báo", "feed_label": "tất cả thông báo"}


def _category_counts(notices: list) -> Counter:
    return Counter(category for n in notices for category in n.record.asset_categories)


class NoticesGenerator(Generator):
    def generate_context(self) -> None:
        now = self.context["build_now"]
        units = self.settings["UNITS"]
        notices = newest_first(self.context.get("notices", []))
        held = self.context.get("held_notices", [])
        for notice in notices + held:
            notice.status_id = notice.record.status_on(now)
            notice.status_label = STATUSES[notice.status_id]
            notice.unit = units[notice.record.unit]
        link_chains(notices)
        for notice in held:
            notice.chain, notice.auction_notices = [], [notice]
            notice.current, notice.superseded = notice, False
        self.notices = notices
        self.held = held
        self.context["notices"] = notices
        self.context["open_auctions"] = sorted(
            (n for n in notices if n.record.is_auction and not n.superseded and n.status_id in ACTIVE),
            key=lambda n: n.record.auction_at,
        )
        self.context["open_selections"] = [
            n for n in notices if not n.record.is_auction and n.status_id in ("upcoming", "open")
        ]
        # A notice counts under each of its asset categories, as its listings show it.
        self.context["NOTICE_ASSET_COUNTS"] = _category_counts(notices)
        # The upcoming page's asset links count what they lead to: upcoming auctions only.
        self.context["NOTICE_UPCOMING_ASSET_COUNTS"] = _category_counts(self.context["open_auctions"])
        # One entry per unit, renamed units under their newest name counting the notices of
        # every name (the newest name's listing shows them all): units in service first, then
        # the former ones under their heading, each in Vietnamese alphabetical order.
        self.unit_members = unit_members(units)
        self.context["NOTICE_UNIT_COUNTS"] = unit_choices(
            units, Counter(n.record.unit for n in notices), now.date()
        )
        self.context["NOTICE_FORMER_UNITS_UNTIL"] = former_units_until(units, now.date())
        content_root = Path(self.settings["PATH"])
        self.context["FILE_SIZES"] = {
            attachment.file: human_size((content_root / attachment.file).stat().st_size)
            for notice in notices
            for attachment in notice.record.attachments
            if (content_root / attachment.file).is_file()
        }

    def _listing(self, write, url: str, title: str, description: str, notices: list, **extra) -> None:
        if not extra.get("upcoming"):  # the upcoming auctions are in auction order already
            notices = listing_order(notices, lambda n: n.status_id, lambda n: n.record)
        write(
            f"{url}index.html",
            self.get_template("notices"),
            self.context,
            paginated={"notices": notices},
            template_name="notices",
            url=url,
            listing_title=title,
            listing_description=description,
            **extra,
        )

    def start_jobs(self, writer) -> None:
        """Calendars and open data, made again only when a notice changed. Their key is
        made here, before the fork: the notice pages' keys then reuse its fingerprints."""
        output, base_url = Path(writer.output_path), self.settings["PORTAL_URL"]
        key = build_digest(self.notices)

        def open_data(root: Path) -> None:
            write_open_data(root, self.notices, base_url)

        for kind, produce in (("calendars", self._write_calendars), ("open-data", open_data)):
            run_later(
                writer, functools.partial(cached_files, self.settings, kind, lambda: key, output, produce)
            )

    def generate_output(self, writer) -> None:
        write = writer.write_file
        template = self.get_template("notice")
        for notice in self.notices:
            write(notice.save_as, template, self.context, notice=notice, content=notice, url=notice.url)
        if self.settings.get("PORTAL_PREVIEW"):
            for notice in self.held:
                save_as = f"ban-nhap/{notice.save_as}"
                write(save_as, template, self.context, notice=notice, content=notice, url=save_as)
        settings = self.settings
        self._listing(
            write,
            settings["NOTICES_URL"],
            "Thông báo",
            "Tất cả thông báo bán đấu giá tài sản, lựa chọn tổ chức đấu giá và tổ chức thẩm định giá.",
            self.notices,
            feed_kind=("notices", ""),
        )
        for type_id, slug in settings["NOTICE_TYPE_SLUGS"].items():
            chosen = [n for n in self.notices if n.record.notice_type == type_id]
            self._listing(
                write,
                settings["NOTICE_TYPE_URL"].format(slug=slug),
                NOTICE_TYPES[type_id],
                f"{NOTICE_TYPES[type_id]} do các đơn vị thi hành án dân sự đăng.",
                chosen,
                feed_kind=("notice_type", slug),
            )
        for unit_id, unit in settings["UNITS"].items():
            members = self.unit_members[unit_id]
            chosen = [n for n in self.notices if n.record.unit in members]
            if chosen:
                former = [settings["UNITS"][m].name for m in members if m != unit_id]
                since = f", kể cả thông báo của {', '.join(former)}" if former else ""
                self._listing(
                    write,
                    settings["NOTICE_UNIT_URL"].format(slug=unit_id),
                    f"Thông báo của {unit.name}",
                    f"Các thông báo do {unit.name} đăng{since}.",
                    chosen,
                    feed_kind=("unit", unit_id),
                    unit=unit,
                )
        self._asset_listings(
            write,
            self.notices,
            settings["NOTICE_ASSET_URL"],
            "Tài sản: {name}",
            "Thông báo về tài sản loại {lower}.",
        )
        write("du-lieu/index.html", self.get_template("open_data"), self.context, url="du-lieu/")
        self._listing(
            write,
            settings["NOTICE_UPCOMING_URL"],
            "Đấu giá sắp tới",
            "Các cuộc đấu giá tài sản chưa diễn ra, xếp theo ngày đấu giá.",
            self.context["open_auctions"],
            upcoming=True,
            **ALL_NOTICES_FEED,
        )
        self._asset_listings(
            write,
            self.context["open_auctions"],
            settings["NOTICE_UPCOMING_ASSET_URL"],
            "Đấu giá sắp tới: {name}",
            "Các cuộc đấu giá {lower} chưa diễn ra, xếp theo ngày đấu giá.",
            upcoming=True,
        )

    def _asset_listings(self, write, notices: list, pattern: str, title: str, description: str, **extra):
        """One listing per asset category that has notices among `notices`."""
        for category_id, slug in self.settings["NOTICE_ASSET_SLUGS"].items():
            chosen = [n for n in notices if category_id in n.record.asset_categories]
            if chosen:
                name = ASSET_CATEGORIES[category_id]
                self._listing(
                    write,
                    pattern.format(slug=slug),
                    title.format(name=name),
                    description.format(lower=name.lower()),
                    chosen,
                    **ALL_NOTICES_FEED,
                    **extra,
                )

    def _write_calendars(self, output: Path) -> None:
        base_url = self.settings["PORTAL_URL"]
        domain = urlsplit(base_url).hostname or "localhost"
        site = self.settings["SITE"]
        upcoming = []
        for notice in self.notices:
            events = notice_events(notice, base_url, domain)
            if notice.record.is_auction and notice.record.auction:
                target = output / notice.save_as.replace("index.html", "lich.ics")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(calendar_bytes(notice.title, events))
            if notice.status_id in ACTIVE and not notice.superseded:
                upcoming += events
        target = output / self.settings["NOTICE_CALENDAR"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar_bytes(f"Lịch đấu giá – {site.short_name}", upcoming))


def _get_generators(pelican):
    return NoticesGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
