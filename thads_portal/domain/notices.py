"""Structured public notices: asset auctions and the selection of auction and
valuation organizations. Field names are a contract shared with editors' tools and
the open data; labels are the Vietnamese terms of the law.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache, cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from .formatting import at_place
from .news import ContentBase
from .text import fold
from .types import LocalDateTime, Money, RequiredText, Text

NOTICE_TYPES = {
    "auction": "Thông báo bán đấu giá tài sản",
    "auctioneer_selection": "Thông báo lựa chọn tổ chức đấu giá tài sản",
    "valuer_selection": "Thông báo lựa chọn tổ chức thẩm định giá",
}
NOTICE_TYPE_SHORT = {
    "auction": "Đấu giá tài sản",
    "auctioneer_selection": "Lựa chọn tổ chức đấu giá",
    "valuer_selection": "Lựa chọn tổ chức thẩm định giá",
}
ASSET_KINDS = {"real_estate": "Bất động sản", "movable": "Động sản"}
ASSET_CATEGORIES = {
    "land": "Quyền sử dụng đất",
    "house": "Nhà ở, công trình xây dựng",
    "vehicle": "Phương tiện giao thông",
    "machinery": "Máy móc, thiết bị",
    "goods": "Hàng hóa",
    "other": "Tài sản khác",
}
AssetCategory = Literal["land", "house", "vehicle", "machinery", "goods", "other"]
# What the assets of a real-estate notice are, read from their names (folded, whole words):
# a plot sold with the house on it is found under land and under houses alike.
REAL_ESTATE_WORDS = {
    "land": re.compile(r"\bquyen su dung dat\b"),
    "house": re.compile(r"\b(nha o|nha xuong|nha kho|kho hang|can ho|cong trinh)\b"),
}


def _listed(value: Any) -> Any:
    """`asset_category: land` is the one-item list `[land]`."""
    return [value] if isinstance(value, str) else value


VAT = {
    "included": "Giá khởi điểm đã bao gồm thuế giá trị gia tăng",
    "excluded": "Giá khởi điểm chưa bao gồm thuế giá trị gia tăng (người mua nộp thêm)",
    "not_applicable": "Tài sản không thuộc đối tượng chịu thuế giá trị gia tăng",
}
AUCTION_FORMS = {
    "oral": "Đấu giá trực tiếp bằng lời nói tại cuộc đấu giá",
    "direct_ballot": "Đấu giá bằng bỏ phiếu trực tiếp tại cuộc đấu giá",
    "indirect_ballot": "Đấu giá bằng bỏ phiếu gián tiếp",
    "online": "Đấu giá trực tuyến",
}
AUCTION_METHODS = {"ascending": "Phương thức trả giá lên", "descending": "Phương thức đặt giá xuống"}
STATUSES = {
    "upcoming": "Sắp mở đăng ký",
    "open": "Đang nhận hồ sơ",
    "closed": "Đã hết hạn đăng ký",
    "ended": "Đã kết thúc",
    "cancelled": "Đã hủy",
    "postponed": "Tạm hoãn",
}
# The status rule as data, applied in this order: the first step whose moment is set and not
# yet reached ("before": now < moment; "until": now <= moment) gives the status, and past
# every step the notice has ended; a cancelled or postponed notice keeps that status. Each
# step: (status, field of the notice, its data attribute on a status badge, comparison).
# The browser applies this same table (embedded in each page as `data-status-rule`).
STATUS_STEPS = (
    ("upcoming", "opens", "opens", "before"),
    ("open", "deadline", "deadline", "until"),
    ("closed", "auction_at", "auction", "before"),
)
STATUS_AFTER_ALL = "ended"


def status_from(moments: dict[str, dt.datetime | None], override: str | None, now: dt.datetime) -> str:
    """The status by STATUS_STEPS, `moments` by field name."""
    if override:
        return override
    for status, field, _, comparison in STATUS_STEPS:
        moment = moments.get(field)
        if moment and (now < moment if comparison == "before" else now <= moment):
            return status
    return STATUS_AFTER_ALL


def status_rule_json() -> str:
    """The rule and the labels for the browser's copy (theme/static/js/site.js)."""
    steps = [[status, attribute, comparison] for status, _, attribute, comparison in STATUS_STEPS]
    rule = {"steps": steps, "after": STATUS_AFTER_ALL, "labels": STATUSES}
    return json.dumps(rule, ensure_ascii=False, separators=(",", ":"))


AUCTION_ONLY = (
    "vat",
    "deposit",
    "dossier_fee",
    "viewing",
    "registration",
    "auction",
    "auctioneer",
    "round",
    "announcement",
)
SELECTION_ONLY = ("application", "criteria")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Asset(_Part):
    name: RequiredText
    quantity: Text = ""
    quality: Text = ""
    location: Text = ""
    papers: Text = ""


class _Placed(_Part):
    place: Text = ""

    @property
    def at_place(self) -> str:
        """ "tại <place>", without doubling a "Tại" the editor already wrote."""
        return at_place(self.place)


class Period(_Placed):
    from_: LocalDateTime = Field(alias="from")
    to: LocalDateTime


class Registration(Period):
    conditions: Text = ""


class Application(Period):
    method: Text = ""


class AuctionEvent(_Placed):
    at: LocalDateTime
    place: RequiredText
    form: Literal["oral", "direct_ballot", "indirect_ballot", "online"]
    method: Literal["ascending", "descending"]


class Organization(_Part):
    name: RequiredText
    address: Text = ""


class Attachment(_Part):
    file: RequiredText
    title: RequiredText

    @field_validator("file")
    @classmethod
    def _below_content(cls, value: str) -> str:
        return value.lstrip("/")  # "/files/x.pdf" and "files/x.pdf" both mean content/files/x.pdf


class Notice(ContentBase):
    date: LocalDateTime
    notice_type: Literal["auction", "auctioneer_selection", "valuer_selection"]
    unit: RequiredText
    asset_kind: Literal["real_estate", "movable"]
    # One category or a list of them, the main one first (see `asset_categories`).
    asset_category: Annotated[list[AssetCategory], BeforeValidator(_listed), Field(min_length=1)]
    assets: list[Asset] = Field(min_length=1)
    starting_price: Money | None = None
    vat: Literal["included", "excluded", "not_applicable"] | None = None
    deposit: Money | None = None
    dossier_fee: Money | None = None
    viewing: Period | None = None
    registration: Registration | None = None
    auction: AuctionEvent | None = None
    auctioneer: Organization | None = None
    round: int | None = Field(None, ge=1)
    announcement: int | None = Field(None, ge=1)
    application: Application | None = None
    criteria: list[RequiredText] = Field(default_factory=list)
    previous: Text | None = None
    # draft/published as for news, or the public override cancelled/postponed.
    status: Literal["published", "draft", "cancelled", "postponed"] = "published"
    status_reason: Text = ""
    attachments: list[Attachment] = Field(default_factory=list)
    national_portal_url: Text = ""
    legal_exceptions: dict[str, RequiredText] = Field(default_factory=dict)

    @field_validator("previous")
    @classmethod
    def _notice_name(cls, value: str | None) -> str | None:
        """The earlier notice's name, also when written as its file's path ("2025/ten-tep",
        as the editing interface's relation writes it, "ten-tep.md") or its address
        ("/thong-bao/ten-tep/")."""
        if not value:
            return value
        return value.strip("/").removesuffix(".md").rsplit("/", 1)[-1]

    @field_validator("national_portal_url")
    @classmethod
    def _https(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("phải là địa chỉ web đầy đủ, bắt đầu bằng https://")
        return value

    @property
    def status_override(self) -> str | None:
        return self.status if self.status in ("cancelled", "postponed") else None

    @cached_property  # asked by every listing, count and index (the record is frozen)
    def asset_categories(self) -> tuple[str, ...]:
        """Every category the notice is listed, counted, searched and published under: those
        written in `asset_category` (the main one first), then those its real-estate assets'
        names show (land, house), in the order of ASSET_CATEGORIES."""
        found = list(dict.fromkeys(self.asset_category or ()))
        if self.asset_kind == "real_estate":
            names = " ".join(fold(asset.name).lower() for asset in self.assets or ())
            found += [c for c, words in REAL_ESTATE_WORDS.items() if c not in found and words.search(names)]
        return tuple(found)

    @property
    def asset_category_labels(self) -> tuple[str, ...]:
        return tuple(ASSET_CATEGORIES[category] for category in self.asset_categories)

    @property
    def is_auction(self) -> bool:
        return self.notice_type == "auction"

    @property
    def deadline(self) -> dt.datetime | None:
        """When registration (auction) or applications (selections) close."""
        period = self.registration if self.is_auction else self.application
        return period.to if period else None

    @property
    def opens(self) -> dt.datetime | None:
        period = self.registration if self.is_auction else self.application
        return period.from_ if period else None

    @property
    def auction_at(self) -> dt.datetime | None:
        return self.auction.at if self.auction else None

    def status_on(self, moment: dt.datetime) -> str:
        """upcoming → open → closed → ended, unless cancelled or postponed (STATUS_STEPS)."""
        moments = {field: getattr(self, field) for _, field, _, _ in STATUS_STEPS}
        return status_from(moments, self.status_override, moment)


# Listings show what a reader can still act on first: open for registration, then about to
# open, then registration closed with the auction still ahead; everything else after them.
LISTING_RANK = {"open": 0, "upcoming": 1, "closed": 2}


def listing_order(items: list, status_of, record_of) -> list:
    """Open, upcoming and closed notices first, each by the date that comes next (deadline,
    opening, auction), soonest first; then the others newest first (the `items` order)."""
    ahead = [item for item in items if status_of(item) in LISTING_RANK]
    rest = [item for item in items if status_of(item) not in LISTING_RANK]

    def next_date(item) -> tuple:
        record, status = record_of(item), status_of(item)
        moment = {"open": record.deadline, "upcoming": record.opens, "closed": record.auction_at}[status]
        return (LISTING_RANK[status], moment is None, moment or dt.datetime.min.replace(tzinfo=dt.UTC))

    return sorted(ahead, key=next_date) + rest


@cache
def _field_adapter(name: str) -> TypeAdapter:
    return TypeAdapter(Annotated[Notice.model_fields[name].annotation, Notice.model_fields[name]])


def partial_notice(data: dict[str, Any]) -> tuple[Notice, frozenset[str]]:
    """The fields of a notice that validate on their own, for the checks that need only
    them; fields that are wrong or missing are None (or their default) and returned."""
    values: dict[str, Any] = {}
    invalid = set()
    for name, info in Notice.model_fields.items():
        key = info.alias or name
        if key in data:
            try:
                values[name] = _field_adapter(name).validate_python(data[key])
                continue
            except ValidationError:
                invalid.add(name)
        elif info.is_required():
            invalid.add(name)
        if info.is_required():
            values[name] = None
    fields_set = set(values) - invalid
    return Notice.model_construct(_fields_set=fields_set, **values), frozenset(invalid)
