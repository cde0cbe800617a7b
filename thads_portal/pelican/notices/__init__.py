"""Public notices: one page per notice, listings by type, unit and asset category, and
the upcoming auctions ordered by auction date.

Notices arrive in the context from the publication plugin. The build's site model
(`thads_portal.domain.site_model`) is made here once, and each notice gets its view
(`notice.view`) with the attributes templates read (status, unit, chain) taken from it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.documents import newest_first
from thads_portal.domain.notices import ASSET_CATEGORIES, NOTICE_TYPES, listing_order
from thads_portal.domain.site_model import build_site_model
from thads_portal.pelican.config import portal_config
from thads_portal.pelican.render_plan import FileJob

from .calendar import calendar_bytes, notice_events
from .open_data import write_open_data
from .views import attach_view

# Listings without feeds of their own (asset categories, upcoming) offer the feed of all
# notices, under its own name.
ALL_NOTICES_FEED = {"feed_kind": ("notices", ""), "feed_title": "Thông báo", "feed_label": "tất cả thông báo"}


class NoticesGenerator(Generator):
    def generate_context(self) -> None:
        notices = newest_first(self.context.get("notices", []))
        held = self.context.get("held_notices", [])
        model = build_site_model(
            notices,
            held,
            self.settings["UNITS"],
            self.context["build_now"],
            self.settings["PORTAL_FILE_SIZES"],
        )
        by_slug = {notice.slug: notice for notice in notices + held}
        for notice in notices + held:
            attach_view(notice, model.by_slug[notice.slug], by_slug)
        self.model = model
        self.notices = notices
        self.held = held
        self.context["site_model"] = model
        self.context["notices"] = notices
        self.context["open_auctions"] = [by_slug[view.slug] for view in model.open_auctions]
        self.context["open_selections"] = [by_slug[view.slug] for view in model.open_selections]
        self.context["NOTICE_ASSET_COUNTS"] = model.asset_counts
        self.context["NOTICE_UPCOMING_ASSET_COUNTS"] = model.upcoming_asset_counts
        self.context["NOTICE_UNIT_COUNTS"] = list(model.unit_choices)
        self.context["NOTICE_FORMER_UNITS_UNTIL"] = model.former_units_until
        self.context["FILE_SIZES"] = {
            file: size for view in model.notices for file, size in view.facts.attachment_sizes.items()
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

    def file_jobs(self) -> list[FileJob]:
        """Calendars and open data, made again only when a notice changed."""
        output, base_url = Path(self.output_path), self.settings["PORTAL_URL"]

        def open_data(root: Path) -> None:
            write_open_data(root, self.model.notices, base_url)

        return [
            FileJob("calendars", output, self._write_calendars, inputs=(self.notices,)),
            FileJob("open-data", output, open_data, inputs=(self.notices,)),
        ]

    def generate_output(self, writer) -> None:
        write = writer.write_file
        template = self.get_template("notice")
        for notice in self.notices:
            write(notice.save_as, template, self.context, notice=notice, content=notice, url=notice.url)
        if portal_config(self.settings).portal_preview:
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
            members = self.model.unit_members[unit_id]
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
            events = notice_events(notice.view, base_url, domain)
            if notice.record.is_auction and notice.record.auction:
                target = output / notice.save_as.replace("index.html", "lich.ics")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(calendar_bytes(notice.title, events))
            if notice.view.active:
                upcoming += events
        target = output / self.settings["NOTICE_CALENDAR"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar_bytes(f"Lịch đấu giá – {site.short_name}", upcoming))


def _get_generators(pelican):
    return NoticesGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
