"""A notice's view from the site model, and the attributes templates read, taken from it."""

from __future__ import annotations

from thads_portal.domain.site_model import NoticeView


def attach_view(notice, view: NoticeView, by_slug: dict) -> None:
    """`notice.view`, and `status_id`, `status_label`, `unit`, `chain`, `auction_notices`,
    `current`, `superseded` for templates (the other notices as the build's documents)."""
    notice.view = view
    notice.status_id, notice.status_label, notice.unit = view.status, view.status_label, view.unit
    notice.chain = [by_slug[slug] for slug in view.chain]
    notice.auction_notices = [by_slug[slug] for slug in view.auction_notices]
    notice.current = by_slug[view.current]
    notice.superseded = view.superseded
