"""The editing interface's configuration (Decap CMS, at /quan-tri/), made from the content
models: every field of `NewsPost`, `Page` and `Notice` becomes a form control chosen by its
type, labelled from `thads_portal/data/fields.yml`, with the choices of the domain's label
tables; units are those valid on the build's day. Nothing here is written twice: a field the
models gain without a label in fields.yml is an error (`MissingLabel`), not a silent gap.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from . import notices
from .data import PortalData
from .fields import entry as _entry
from .fields import field_catalog
from .news import NewsPost, Page
from .notice_checks import AUCTION_REQUIRED, SELECTION_REQUIRED
from .types import LocalDateTime, Money

# Content paths, relative to the site's folder (the repository root of a site made by
# `thads init`); uploads go where the build takes them from.
NEWS_FOLDER = "content/news"
NOTICE_FOLDER = "content/notices"
PAGE_FOLDER = "content/pages"
FILES = ("/content/files/thong-bao", "files/thong-bao")
# Each collection's images (a news post's picture, images put in a body) go to
# content/images/<folder>/.
NEWS_IMAGES, NOTICE_IMAGES, PAGE_IMAGES = "tin-tuc", "thong-bao", "trang"
# Dates as the build reads them (frontmatter dates are Vietnam time); shown dd/mm/yyyy.
DATETIME = {"format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}
NEWS_COLLECTION, PAGE_COLLECTION = "tin-tuc", "trang"
NOTICE_COLLECTIONS = {
    "auction": "dau-gia",
    "auctioneer_selection": "lua-chon-to-chuc-dau-gia",
    "valuer_selection": "lua-chon-tham-dinh-gia",
}
# Where each collection's files are (from the site's folder).
COLLECTION_FOLDERS = {
    **dict.fromkeys(NOTICE_COLLECTIONS.values(), NOTICE_FOLDER),
    NEWS_COLLECTION: NEWS_FOLDER,
    PAGE_COLLECTION: PAGE_FOLDER,
}
# Choices labelled by the domain's own tables (fields.yml labels the others).
OPTION_LABELS = {
    "notice_type": notices.NOTICE_TYPES,
    "asset_kind": notices.ASSET_KINDS,
    "asset_category": notices.ASSET_CATEGORIES,
    "vat": notices.VAT,
    "auction.form": notices.AUCTION_FORMS,
    "auction.method": notices.AUCTION_METHODS,
    "status": notices.STATUSES,
}


FIRST = ("from_", "to", "at")


def _unwrap(annotation: Any) -> Any:
    """The annotation without `| None`."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _options(path: str, values: tuple, entry: dict) -> list[dict]:
    labels = {**OPTION_LABELS.get(path, {}), **entry.get("options", {})}
    return [{"label": labels.get(value, value), "value": value} for value in values]


def _is(annotation: Any, metadata: list, kind: Any) -> bool:
    """Whether a field is of the annotated type `kind` (pydantic keeps its validators in
    the field's metadata, or in the annotation when the type is inside `| None`)."""
    base, *validators = typing.get_args(kind)
    if annotation == kind:
        return True
    return annotation is base and list(metadata) == validators


def _control(path: str, annotation: Any, entry: dict, catalog: dict, metadata: list = ()) -> dict:
    """The widget settings for one type."""
    annotation = _unwrap(annotation)
    if "widget" in entry:
        return {"widget": entry["widget"]}
    if _is(annotation, metadata, LocalDateTime):
        return {"widget": "datetime", **DATETIME}
    if _is(annotation, metadata, Money):
        return {"widget": "number", "value_type": "int", "min": 0, "step": 1}
    base = typing.get_origin(annotation) is typing.Annotated and typing.get_args(annotation)[0]
    if base is list or typing.get_origin(base) is list:
        annotation = base
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return {"widget": "select", "options": _options(path, typing.get_args(annotation), entry)}
    if origin is list:
        (item,) = typing.get_args(annotation)
        item = _unwrap(item)
        if (
            typing.get_origin(item) is typing.Annotated
            and typing.get_origin(typing.get_args(item)[0]) is Literal
        ):
            item = typing.get_args(item)[0]
        if typing.get_origin(item) is Literal:
            options = _options(path, typing.get_args(item), entry)
            return {"widget": "select", "multiple": True, "min": 1, "options": options}
        if isinstance(item, type) and issubclass(item, BaseModel):
            fields = model_fields(item, catalog, prefix=f"{path}.")
            return {"widget": "list", "fields": fields, "summary": f"{{{{fields.{fields[0]['name']}}}}}"}
        return {"widget": "list", "field": {"name": "item", "label": entry["label"], "widget": "string"}}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {
            "widget": "object",
            "collapsed": False,
            "fields": model_fields(annotation, catalog, f"{path}."),
        }
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int", "step": 1}
    return {"widget": "string"}


def model_fields(
    model: type[BaseModel], catalog: dict, prefix: str = "", required: tuple[str, ...] = ()
) -> list[dict]:
    """One form field per model field, in the model's order; `required` adds fields the
    checks require of this kind of content although the model allows them empty."""
    found = []
    # A period's ends first, then its place (the place is declared by a parent class).
    ordered = sorted(model.model_fields.items(), key=lambda item: item[0] not in FIRST)
    for name, info in ordered:
        key = info.alias or name
        path = prefix + key
        entry = _entry(path, catalog)
        if entry.get("cms") is False:
            continue
        control = {
            "name": key,
            "label": entry["label"],
            **({"hint": entry["hint"]} if entry.get("hint") else {}),
            **_control(path, info.annotation, entry, catalog, info.metadata),
            "required": info.is_required() or name in required,
        }
        if not info.is_required() and info.default_factory is None and info.default not in (None, ""):
            control["default"] = info.default
        found.append(control)
    return found


def _set(fields: list[dict], name: str, **changes: Any) -> list[dict]:
    return [{**field, **changes} if field["name"] == name else field for field in fields]


def _drop(fields: list[dict], names: tuple[str, ...]) -> list[dict]:
    return [field for field in fields if field["name"] not in names]


def _body(catalog: dict) -> dict:
    entry = _entry("body", catalog)
    return {"name": "body", "label": entry["label"], "hint": entry["hint"], "widget": "markdown"}


def _common(fields: list[dict]) -> list[dict]:
    fields = _set(fields, "date", default="{{now}}")
    return _set(fields, "status", default="draft")


def news_collection(portal: PortalData, catalog: dict) -> dict:
    fields = _common(model_fields(NewsPost, catalog))
    categories = [{"label": c.name, "value": c.name} for c in portal.categories]
    fields = _set(fields, "category", widget="select", options=categories, default=categories[0]["value"])
    picture = {"media_folder": f"/content/images/{NEWS_IMAGES}", "public_folder": f"images/{NEWS_IMAGES}"}
    fields = _set(fields, "image", widget="image", **picture, choose_url=False)
    return _collection(NEWS_COLLECTION, "Tin tức", fields + [_body(catalog)], "Tin", NEWS_IMAGES)


def notice_collection(kind: str, portal: PortalData, catalog: dict, today: dt.date) -> dict:
    auction = kind == "auction"
    required = AUCTION_REQUIRED if auction else SELECTION_REQUIRED
    fields = _common(model_fields(notices.Notice, catalog, required=required))
    fields = _drop(fields, notices.SELECTION_ONLY if auction else notices.AUCTION_ONLY)
    fields = [
        {"name": "notice_type", "widget": "hidden", "default": kind} if f["name"] == "notice_type" else f
        for f in fields
    ]
    units = [
        {"label": f"{unit.name} ({unit.id})", "value": unit.id}
        for unit in portal.units.values()
        if unit.valid_on(today)
    ]
    fields = _set(fields, "unit", widget="select", options=units)
    relation = {
        "widget": "relation",
        "collection": NOTICE_COLLECTIONS[kind],
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
    }
    fields = _set(fields, "previous", **relation)
    media, public = FILES
    attachment = {"widget": "file", "media_folder": media, "public_folder": public, "choose_url": False}
    fields = [
        {**f, "fields": _set(f["fields"], "file", **attachment)} if f["name"] == "attachments" else f
        for f in fields
    ]
    collection = _collection(
        NOTICE_COLLECTIONS[kind],
        notices.NOTICE_TYPES[kind],
        fields + [_body(catalog)],
        notices.NOTICE_TYPE_SHORT[kind],
        NOTICE_IMAGES,
    )
    collection["filter"] = {"field": "notice_type", "value": kind}
    return collection


def page_collection(catalog: dict) -> dict:
    fields = _set(model_fields(Page, catalog), "status", default="draft")
    collection = _collection(
        PAGE_COLLECTION, "Trang giới thiệu, liên hệ", fields + [_body(catalog)], "Trang", PAGE_IMAGES
    )
    collection["path"] = "{{slug}}"
    return collection


def _collection(name: str, label: str, fields: list[dict], singular: str, images: str) -> dict:
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": COLLECTION_FOLDERS[name],
        "path": "{{year}}/{{slug}}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": "{{slug}}",
        "summary": "{{title}} ({{day}}/{{month}}/{{year}})",
        "sortable_fields": ["date", "title"],
        # Images put in a body (the editor's Image component) and their links from the root.
        "media_folder": f"/content/images/{images}",
        "public_folder": f"/images/{images}",
        "fields": fields,
    }


def cms_config(portal: PortalData, today: dt.date, catalog: dict | None = None) -> dict:
    """The whole configuration; the backend from data/editing.yml (without it, the
    interface works only in the local mode of `thads edit`)."""
    catalog = catalog if catalog is not None else field_catalog()
    editing = portal.editing
    backend = editing.backend_config() if editing else {"name": "proxy", "proxy_url": "/api/v1"}
    config: dict[str, Any] = {
        "locale": "vi",
        "backend": backend,
        "publish_mode": editing.publish_mode if editing else "simple",
        "media_folder": "content/images",
        "public_folder": "/images",
        "site_url": portal.site.url,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [notice_collection(kind, portal, catalog, today) for kind in NOTICE_COLLECTIONS]
        + [news_collection(portal, catalog), page_collection(catalog)],
    }
    return config


def config_text(config: dict) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
