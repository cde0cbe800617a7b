"""News posts and static pages: the front matter editors write."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .types import LocalDateTime, RequiredText, Text

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_slug(value: str | None) -> str | None:
    if value is not None and not SLUG_PATTERN.match(value):
        raise PydanticCustomError(
            "slug", "'{value}' chỉ được gồm chữ thường không dấu, chữ số và dấu '-'", {"value": value}
        )
    return value


def _as_list(value: Any) -> Any:
    """`tags: a, b` and `tags: [a, b]` both mean two tags."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class ContentBase(BaseModel):
    """Fields every content file may carry."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    title: RequiredText
    summary: Text = ""
    slug: str | None = None
    status: Literal["published", "draft"] = "published"
    modified: LocalDateTime | None = None
    # Old addresses of this page, kept working by redirect pages.
    redirect_from: list[Text] = Field(default_factory=list)

    _slug = field_validator("slug")(check_slug)

    @field_validator("redirect_from", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return _as_list(value)


class NewsPost(ContentBase):
    date: LocalDateTime
    category: RequiredText
    tags: list[RequiredText] = Field(default_factory=list)
    author: Text = ""
    image: Text = ""
    image_alt: Text = Field("", validate_default=True)

    @field_validator("tags", mode="before")
    @classmethod
    def _split_tags(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str, info: ValidationInfo) -> str:
        portal = (info.context or {}).get("portal")
        if portal is None:
            return value
        category = portal.category(value)
        if category is None:
            names = ", ".join(f"'{c.name}'" for c in portal.categories)
            raise PydanticCustomError(
                "category",
                "chuyên mục '{value}' không có; chọn một trong: {names}",
                {"value": value, "names": names},
            )
        return category.id

    @field_validator("image_alt")
    @classmethod
    def _image_needs_alt(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("image") and not value:
            raise PydanticCustomError(
                "image_alt", "ảnh đại diện cần có mô tả (image_alt) cho người khiếm thị"
            )
        return value


class Page(ContentBase):
    """A standing page (introduction, contacts ...)."""

    lang: Literal["vi", "en"] = "vi"
    # Pages that are translations of each other share a key.
    translation: Text = ""
    order: int = 100
    template: Text = ""
    menu: Text = ""
    noindex: bool = False
