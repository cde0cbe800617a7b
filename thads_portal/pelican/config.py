"""The portal's own settings as one typed, validated object (`PortalConfig`).

Pelican's settings stay a dict (its API); the settings the engine adds are read here once
per build, with their types and bounds, and a bad value is a build problem in Vietnamese
that names the setting and the settings file, before any content is read. Plugins read
`portal_config(settings).<field>` instead of untyped keys with defaults of their own.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from thads_portal.domain.notices import ASSET_CATEGORIES, NOTICE_TYPES
from thads_portal.domain.problems import Problem
from thads_portal.domain.validation import field_path, vietnamese_message

from . import defaults

CONFIG_KEY = "PORTAL_CONFIG"
_UNSAFE_ADDRESS = re.compile(r"^/|^[a-z][a-z0-9+.-]*:|\.\./|//|\\")


def _site_address(value: str) -> str:
    """An address below the site root, as menus and URL settings write them."""
    if _UNSAFE_ADDRESS.search(value):
        raise ValueError(
            f"'{value}' phải là địa chỉ trong trang, không bắt đầu bằng '/' hay 'http', không có '..'"
        )
    return value


def _slug_pattern(value: str) -> str:
    if "{slug}" not in value or not value.endswith("/"):
        raise ValueError(f"'{value}' phải chứa {{slug}} và kết thúc bằng '/'")
    return value


def _listing(value: str) -> str:
    if value and not value.endswith("/"):
        raise ValueError(f"'{value}' phải kết thúc bằng '/'")
    return value


def _portal_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*[^/\s?#])?", value):
        raise ValueError(
            f"'{value}' phải là địa chỉ đầy đủ, ví dụ https://thads.langson.gov.vn, không có '/' ở cuối"
        )
    return value


SiteAddress = Annotated[str, AfterValidator(_site_address)]
ListingAddress = Annotated[SiteAddress, AfterValidator(_listing)]
SlugAddress = Annotated[SiteAddress, AfterValidator(_slug_pattern)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Size = Annotated[int, Field(ge=1)]


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: Annotated[str, Field(min_length=1)]
    url: SiteAddress
    lang: Literal["vi", "en"] | None = None


class PortalConfig(BaseModel):
    """Each field is the setting of the same name in upper case (`PORTAL_URL` …)."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore", strict=False)

    portal_url: Annotated[str, AfterValidator(_portal_url)] = Field(alias="PORTAL_URL")
    portal_preview: bool = Field(alias="PORTAL_PREVIEW")
    portal_build_workers: Annotated[int, Field(ge=1)] | None = Field(None, alias="PORTAL_BUILD_WORKERS")
    portal_precompress: bool = Field(False, alias="PORTAL_PRECOMPRESS")
    portal_file_list: bool = Field(False, alias="PORTAL_FILE_LIST")
    portal_image_widths: Annotated[list[Size], Field(min_length=1)] = Field(alias="PORTAL_IMAGE_WIDTHS")
    portal_image_max_bytes: Size = Field(alias="PORTAL_IMAGE_MAX_BYTES")
    portal_image_max_pixels: Size = Field(alias="PORTAL_IMAGE_MAX_PIXELS")
    portal_attachment_max_bytes: Size = Field(alias="PORTAL_ATTACHMENT_MAX_BYTES")
    related_posts: Annotated[int, Field(ge=0, le=20)] = Field(alias="RELATED_POSTS")
    debtors_noindex: bool = Field(alias="DEBTORS_NOINDEX")
    notices_url: ListingAddress = Field(alias="NOTICES_URL")
    notice_url: SlugAddress = Field(alias="NOTICE_URL")
    notice_type_url: SlugAddress = Field(alias="NOTICE_TYPE_URL")
    notice_unit_url: SlugAddress = Field(alias="NOTICE_UNIT_URL")
    notice_asset_url: SlugAddress = Field(alias="NOTICE_ASSET_URL")
    notice_upcoming_url: ListingAddress = Field(alias="NOTICE_UPCOMING_URL")
    notice_upcoming_asset_url: SlugAddress = Field(alias="NOTICE_UPCOMING_ASSET_URL")
    notice_calendar: SiteAddress = Field(alias="NOTICE_CALENDAR")
    notice_type_slugs: dict[Literal[tuple(NOTICE_TYPES)], Slug] = Field(alias="NOTICE_TYPE_SLUGS")
    notice_asset_slugs: dict[Literal[tuple(ASSET_CATEGORIES)], Slug] = Field(alias="NOTICE_ASSET_SLUGS")
    news_url: ListingAddress = Field(alias="NEWS_URL")
    legal_documents_url: ListingAddress = Field(alias="LEGAL_DOCUMENTS_URL")
    procedures_url: ListingAddress = Field(alias="PROCEDURES_URL")
    debtors_url: ListingAddress = Field(alias="DEBTORS_URL")
    statistics_url: ListingAddress = Field(alias="STATISTICS_URL")
    menu: list[Link] = Field(alias="MENU")
    quick_links: list[Link] = Field(alias="QUICK_LINKS")
    footer_links: list[Link] = Field(alias="FOOTER_LINKS")
    portal_listing_paths: list[ListingAddress] = Field(alias="PORTAL_LISTING_PATHS")
    portal_listing_prefixes: list[SiteAddress] = Field(alias="PORTAL_LISTING_PREFIXES")


def _complete(config: PortalConfig) -> list[tuple[str, str]]:
    """Rules across fields: every notice type and asset category has its address."""
    missing = []
    for setting, slugs, names in (
        ("NOTICE_TYPE_SLUGS", config.notice_type_slugs, NOTICE_TYPES),
        ("NOTICE_ASSET_SLUGS", config.notice_asset_slugs, ASSET_CATEGORIES),
    ):
        for name in names:
            if name not in slugs:
                missing.append((setting, f"thiếu địa chỉ cho '{name}' ({names[name]})"))
    return missing


def validate_settings(settings: dict, source: str) -> tuple[PortalConfig | None, list[Problem]]:
    """The typed configuration of `settings`, or the problems with it, each naming the
    setting (`source` is the settings file, for the editor)."""
    try:
        config = PortalConfig.model_validate(settings)
    except ValidationError as errors:
        allowed = [info.alias for info in PortalConfig.model_fields.values()]
        return None, [
            Problem(
                source, None, field_path(error["loc"]), vietnamese_message(error, allowed), code="setting"
            )
            for error in errors.errors(include_url=False)
        ]
    problems = [
        Problem(source, None, setting, message, code="setting") for setting, message in _complete(config)
    ]
    return (None if problems else config), problems


def portal_config(settings: dict) -> PortalConfig:
    """The build's typed configuration (validated at `initialized`); where a tool uses
    settings without a build, made from them over the engine's defaults."""
    config = settings.get(CONFIG_KEY)
    if config is None:
        engine = {name: value for name, value in vars(defaults).items() if name.isupper()}
        config = PortalConfig.model_validate({**engine, **settings})
    return config
