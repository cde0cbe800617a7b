"""New content files with every field of their type and a short Vietnamese comment each
(`# @field` in the templates below: the field's `comment` in thads_portal/data/fields.yml).

A new file starts as a draft (`status: draft`): it is shown in the preview, never
published, until the editor removes that line.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import yaml

from .data import PortalData
from .fields import field_catalog
from .text import slugify

NOTICE_KINDS = ("auction", "auctioneer_selection", "valuer_selection")

_COMMON = """\
title: {title}
date: {now}   # @date
status: draft   # @status
summary: ""   # @summary
"""

NEWS = """\
category: {category}   # @category
tags: []   # @tags
author: ""   # @author
image: ""   # @image
image_alt: ""   # @image_alt
"""

NOTICE = """\
notice_type: {kind}   # @notice_type
unit: ""   # @unit
asset_kind: ""   # @asset_kind
asset_category: ""   # @asset_category
assets:   # @assets
  - name: ""   # @assets.name
    quantity: ""   # @assets.quantity
    quality: ""   # @assets.quality
    location: ""   # @assets.location
    papers: ""   # @assets.papers
starting_price:    # @starting_price
"""

AUCTION = """\
vat: ""   # @vat
deposit:    # @deposit
dossier_fee:    # @dossier_fee
viewing: {{from: , to: , place: ""}}   # @viewing
registration: {{from: , to: , place: "", conditions: ""}}   # @registration
auction: {{at: , place: "", form: oral, method: ascending}}   # @auction
auctioneer: {{name: "", address: ""}}   # @auctioneer
round: 1   # @round
announcement: 1   # @announcement
"""

SELECTION = """\
application: {{from: , to: , place: "", method: ""}}   # @application
criteria:   # @criteria
  - ""
"""

TAIL = """\
previous: ""   # @previous
status_reason: ""   # @status_reason
attachments: []   # @attachments
national_portal_url: ""   # @national_portal_url
legal_exceptions: {{}}   # @legal_exceptions
"""

OPTIONAL = """\
# Không bắt buộc: bỏ dấu '#' ở đầu dòng để dùng.
# slug: dia-chi-rieng   # @slug
# modified: 2026-11-30 15:00   # @modified
# redirect_from: [/tin-tuc/dia-chi-cu/]   # @redirect_from
"""

BODY = "Nội dung {what} viết ở đây (Markdown). Xem hướng dẫn: docs/huong-dan-bien-tap.md\n"


@cache
def _commented(template: str) -> str:
    """The template with each `# @field` replaced by that field's comment."""
    catalog = field_catalog()
    return re.sub(r"# @([\w.]+)", lambda found: "# " + catalog[found.group(1)]["comment"], template)


def quoted(value: str) -> str:
    """A YAML double-quoted scalar: backslashes, quotes and colons kept exactly."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**6).rstrip("\n")


def _now(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def news_text(title: str, portal: PortalData, moment: dt.datetime) -> str:
    categories = ", ".join(category.name for category in portal.categories)
    front = _commented(_COMMON).format(title=quoted(title), now=_now(moment)) + _commented(NEWS).format(
        category=portal.categories[0].name,
        categories=categories,
        default_author=portal.site.default_author,
        year=moment.year,
    )
    return f"---\n{front}{_commented(OPTIONAL)}---\n{BODY.format(what='bài viết')}"


def notice_text(kind: str, title: str, portal: PortalData, moment: dt.datetime) -> str:
    units = ", ".join(unit.id for unit in portal.units.values() if unit.valid_on(moment.date()))
    front = _commented(_COMMON).format(title=quoted(title), now=_now(moment))
    front += _commented(NOTICE).format(kind=kind, units=units)
    front += _commented(AUCTION if kind == "auction" else SELECTION).format()
    front += _commented(TAIL).format(year=moment.year)
    return f"---\n{front}{_commented(OPTIONAL)}---\n{BODY.format(what='thông báo')}"


def new_file(kind: str, title: str, portal: PortalData, content_root: Path, moment: dt.datetime) -> Path:
    """Write the new file and return its path; FileExistsError if it already exists."""
    slug = slugify(title)
    if not slug:
        raise ValueError("Tiêu đề cần có chữ hoặc số.")
    if kind == "news":
        path = content_root / "news" / str(moment.year) / f"{slug}.md"
        text = news_text(title, portal, moment)
    elif kind in NOTICE_KINDS:
        path = content_root / "notices" / str(moment.year) / f"{slug}.md"
        text = notice_text(kind, title, portal, moment)
    else:
        raise ValueError(f"Loại '{kind}' không có; chọn news hoặc notice {'|'.join(NOTICE_KINDS)}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path
