"""The rows of `/du-lieu/thong-bao.csv`: one flat row per notice, for spreadsheets.

The JSON open data keeps each notice nested as written; the CSV flattens it so that every
cell holds one plain value (text, a whole number of đồng, a date-time) and never JSON text.
Columns come in a fixed order, those people filter and sort on first. Their names are a
contract, documented on the open data page (theme/templates/open_data.html): add new columns
at the end, never rename or reorder the existing ones.

Date-times are Vietnam time written `YYYY-MM-DD HH:MM` (`:SS` only when the seconds are not
zero): Excel, LibreOffice and Google Sheets read that as a date-time whatever their locale,
and it sorts correctly even as text, while dd/mm/yyyy is read as mm/dd by a spreadsheet set
to a US locale and ISO 8601 with `T` and `+07:00` is not read as a date at all.

A list becomes one cell, its items joined with " | ". The fields of the assets each get a
column (names, locations, …) whose items stay in the order of the assets, empty ones
included, so the n-th item of every asset column is about the same asset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from thads_portal.domain.clock import VIETNAM
from thads_portal.domain.notices import (
    ASSET_CATEGORIES,
    ASSET_KINDS,
    AUCTION_FORMS,
    AUCTION_METHODS,
    NOTICE_TYPES,
    VAT,
)

SEPARATOR = " | "


def when(moment: dt.datetime | None) -> str:
    """A date-time for a spreadsheet: `YYYY-MM-DD HH:MM`, Vietnam time."""
    if moment is None:
        return ""
    local = moment.astimezone(VIETNAM)
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def joined(values: Iterable[Any]) -> str:
    """List items in one cell; empty items keep their place, an all-empty list is empty."""
    items = ["" if value is None else str(value) for value in values]
    return SEPARATOR.join(items) if any(items) else ""


def _part(record, name: str, field: str) -> Any:
    part = getattr(record, name)
    return getattr(part, field) if part is not None else None


def _period(record):
    """Registration (auctions) or applications (selections of organizations): a notice has
    only the one its type asks for, as `Notice.opens` and `Notice.deadline` assume."""
    return record.registration if record.is_auction else record.application


def _label(labels: dict[str, str], value: str | None) -> str:
    return labels.get(value, "") if value else ""


# (column, value of a notice). `n` is the published notice (status, unit, URL), `r` its record.
COLUMNS: list[tuple[str, Callable[[Any, Any, str], Any]]] = [
    ("title", lambda n, r, base: r.title),
    ("notice_type_label", lambda n, r, base: NOTICE_TYPES[r.notice_type]),
    ("status_label", lambda n, r, base: n.status_label),
    ("unit", lambda n, r, base: r.unit),
    ("unit_name", lambda n, r, base: n.facts.unit_name),
    ("auction_at", lambda n, r, base: when(r.auction_at)),
    ("auction_place", lambda n, r, base: _part(r, "auction", "place")),
    ("registration_deadline", lambda n, r, base: when(r.deadline)),
    ("starting_price", lambda n, r, base: r.starting_price),
    ("deposit", lambda n, r, base: r.deposit),
    ("dossier_fee", lambda n, r, base: r.dossier_fee),
    ("asset_names", lambda n, r, base: joined(a.name for a in r.assets)),
    ("asset_locations", lambda n, r, base: joined(a.location for a in r.assets)),
    ("viewing_from", lambda n, r, base: when(_part(r, "viewing", "from_"))),
    ("viewing_to", lambda n, r, base: when(_part(r, "viewing", "to"))),
    ("viewing_place", lambda n, r, base: _part(r, "viewing", "place")),
    ("registration_from", lambda n, r, base: when(r.opens)),
    ("registration_place", lambda n, r, base: p.place if (p := _period(r)) else None),
    ("registration_conditions", lambda n, r, base: _part(r, "registration", "conditions")),
    ("application_method", lambda n, r, base: _part(r, "application", "method")),
    ("auction_form_label", lambda n, r, base: _label(AUCTION_FORMS, _part(r, "auction", "form"))),
    ("auction_method_label", lambda n, r, base: _label(AUCTION_METHODS, _part(r, "auction", "method"))),
    ("round", lambda n, r, base: r.round),
    ("announcement", lambda n, r, base: r.announcement),
    ("previous", lambda n, r, base: r.previous),
    ("url", lambda n, r, base: f"{base}/{n.url}"),
    ("posted_at", lambda n, r, base: when(r.date)),
    ("modified_at", lambda n, r, base: when(r.modified)),
    ("notice_type", lambda n, r, base: r.notice_type),
    ("status", lambda n, r, base: n.status),
    ("status_reason", lambda n, r, base: r.status_reason),
    ("auction_form", lambda n, r, base: _part(r, "auction", "form")),
    ("auction_method", lambda n, r, base: _part(r, "auction", "method")),
    ("asset_kind", lambda n, r, base: r.asset_kind),
    ("asset_kind_label", lambda n, r, base: ASSET_KINDS[r.asset_kind]),
    ("asset_category", lambda n, r, base: r.asset_categories[0]),
    ("asset_category_label", lambda n, r, base: ASSET_CATEGORIES[r.asset_categories[0]]),
    ("asset_quantities", lambda n, r, base: joined(a.quantity for a in r.assets)),
    ("asset_qualities", lambda n, r, base: joined(a.quality for a in r.assets)),
    ("asset_papers", lambda n, r, base: joined(a.papers for a in r.assets)),
    ("vat", lambda n, r, base: r.vat),
    ("vat_label", lambda n, r, base: _label(VAT, r.vat)),
    ("auctioneer_name", lambda n, r, base: _part(r, "auctioneer", "name")),
    ("auctioneer_address", lambda n, r, base: _part(r, "auctioneer", "address")),
    ("criteria", lambda n, r, base: joined(r.criteria)),
    ("summary", lambda n, r, base: r.summary),
    ("attachment_titles", lambda n, r, base: joined(a.title for a in r.attachments)),
    ("attachment_urls", lambda n, r, base: joined(f"{base}/{a.file}" for a in r.attachments)),
    ("national_portal_url", lambda n, r, base: r.national_portal_url),
    (
        "legal_exceptions",
        lambda n, r, base: joined(f"{key}: {reason}" for key, reason in sorted(r.legal_exceptions.items())),
    ),
    ("slug", lambda n, r, base: n.slug),
    # Every category the notice is listed under (the main one is `asset_category`).
    ("asset_categories", lambda n, r, base: joined(r.asset_categories)),
    ("asset_category_labels", lambda n, r, base: joined(r.asset_category_labels)),
]
FIELDNAMES = [name for name, _ in COLUMNS]


def csv_row(notice, base_url: str) -> dict[str, Any]:
    """One notice as a flat row: text, whole numbers or empty (None) in every cell."""
    record = notice.record
    return {name: value(notice, record, base_url) for name, value in COLUMNS}
