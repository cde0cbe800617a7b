"""Auction and selection notices from an export: one row per notice, or one row per asset
with the rows of a notice sharing its case number. Each notice becomes a draft file in the
contract format (`content/notices/<year>/<type>-ho-so-<case>.md`), checked as the build checks
it; a file that exists already keeps its body and the fields the export does not give."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import frontmatter
from ..data import PortalData
from ..notice_checks import CATEGORY_KINDS, notice_problems
from ..notices import ASSET_CATEGORIES, ASSET_KINDS, AUCTION_FORMS, AUCTION_METHODS, NOTICE_TYPES, VAT, Notice
from ..problems import ERROR
from ..text import slugify
from ..validation import validate
from . import values
from .mapping import Mapping, key
from .records import Record
from .units import unit_of
from .writer import Plan

PREFIXES = {
    "auction": "ban-dau-gia",
    "auctioneer_selection": "lua-chon-to-chuc-dau-gia",
    "valuer_selection": "lua-chon-to-chuc-tham-dinh-gia",
}
# Fields of the notice itself (not of one asset), with their parser.
MOMENTS = (
    "date",
    "viewing.from",
    "viewing.to",
    "registration.from",
    "registration.to",
    "auction.at",
    "application.from",
    "application.to",
)
MONEY = ("starting_price", "dossier_fee")
TEXTS = (
    "title",
    "summary",
    "viewing.place",
    "registration.place",
    "registration.conditions",
    "auction.place",
    "auctioneer.name",
    "auctioneer.address",
    "application.place",
    "application.method",
    "national_portal_url",
)
CHOICES = {
    "notice_type": NOTICE_TYPES,
    "asset_kind": ASSET_KINDS,
    "asset_category": ASSET_CATEGORIES,
    "vat": VAT,
    "auction.form": AUCTION_FORMS,
    "auction.method": AUCTION_METHODS,
}
ASSET_FIELDS = ("name", "quantity", "quality", "location", "papers")
BODY = (
    "Thông báo nhập từ phần mềm quản lý hồ sơ thi hành án, hồ sơ số {case}. Hãy viết nội dung "
    "thông báo (căn cứ, tài sản, điều kiện) ở đây, kiểm tra các trường rồi xóa dòng status: draft.\n"
)

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Draft:
    case: str
    key: tuple[str, str, int]
    first: Record
    fields: dict[str, Any]  # dotted field → value, the notice's own fields
    assets: list[tuple[Record, dict[str, str]]] = field(default_factory=list)
    deposit: tuple[str, Any] | None = None  # ("percent", 10) or ("amount", 50000000)

    @property
    def stem(self) -> str:
        return stem_of(self.case, self.key[1], self.key[2])

    @property
    def rows(self) -> list[Record]:
        return [self.first, *(record for record, _ in self.assets)]


def stem_of(case: str, kind: str, round_: int) -> str:
    """The file name (and address) of a notice: its type, case number and round."""
    return f"{PREFIXES[kind]}-ho-so-{slugify(case, 60)}" + (f"-lan-{round_}" if round_ > 1 else "")


def _choice(record: Record, name: str, mapping: Mapping) -> str | None:
    """A contract value from the export's word: the mapping's words, else the labels."""
    written = record.read(name, values.text)
    if written is None:
        return None
    found = mapping.value_of(name, written) or next(
        (v for v, label in CHOICES[name].items() if key(written) in (key(v), key(label))), None
    )
    if found is None:
        choices = ", ".join(f"'{label}'" for label in CHOICES[name].values())
        record.problem(
            name, f"không hiểu giá trị '{written}'; dùng một trong: {choices} (hoặc thêm vào tệp ánh xạ cột)"
        )
    return found


def _row_fields(
    record: Record, mapping: Mapping, portal: PortalData, default_unit: str | None
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in MOMENTS:
        found[name] = record.read(name, values.moment, required=name == "date")
    for name in MONEY:
        found[name] = record.read(name, values.amount)
    for name in TEXTS:
        found[name] = record.read(name, values.text)
    for name in CHOICES:
        found[name] = _choice(record, name, mapping)
    for name in ("round", "announcement"):
        found[name] = record.read(name, values.count)
    found["criteria"] = record.read("criteria", values.text)
    found["unit"] = unit_of(record, portal, default_unit)
    return {name: value for name, value in found.items() if value is not None}


def _deposit(record: Record) -> tuple[str, Any] | None:
    if not record.has("deposit"):
        return None
    share = values.percent(record.cells["deposit"])
    if share is not None:
        return ("percent", share)
    amount = record.read("deposit", values.amount)
    return ("amount", amount) if amount is not None else None


def collect(
    records: list[Record], mapping: Mapping, portal: PortalData, default_unit: str | None
) -> list[Draft]:
    """Rows grouped into notices by (case number, notice type, round)."""
    drafts: dict[tuple[str, str, int], Draft] = {}
    for record in records:
        case = record.read("case_number", values.text, required=True)
        fields = _row_fields(record, mapping, portal, default_unit)
        asset = {name: record.read(f"asset.{name}", values.text) or "" for name in ASSET_FIELDS}
        deposit = _deposit(record)
        if not case or "notice_type" not in fields:
            if not record.has("notice_type"):
                record.problem("notice_type", "ô này không được để trống")
            continue
        kind = fields.pop("notice_type")
        key = (" ".join(case.casefold().split()), kind, fields.get("round", 1) if kind == "auction" else 1)
        draft = drafts.get(key)
        if draft is None:
            drafts[key] = draft = Draft(case, key, record, fields, deposit=deposit)
        else:
            differing = [n for n, v in fields.items() if draft.fields.get(n, v) != v]
            same_asset = any(a["name"] == asset["name"] for _, a in draft.assets)
            if differing or same_asset or (deposit and draft.deposit and deposit != draft.deposit):
                record.problem(
                    "case_number",
                    f"số hồ sơ '{case}' trùng với dòng {draft.first.row} (cùng loại thông báo, cùng lần "
                    "đấu giá) nhưng khác nội dung; các dòng của một thông báo chỉ khác nhau ở tài sản",
                )
                continue
            draft.fields.update(fields)
            draft.deposit = draft.deposit or deposit
        if asset["name"] or not draft.assets:
            draft.assets.append((record, asset))
    return list(drafts.values())


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for name, value in flat.items():
        group, _, part = name.partition(".")
        if part:
            nested.setdefault(group, {})[{"from": "from"}.get(part, part)] = value
        else:
            nested[name] = value
    return nested


def _plain(value: Any) -> Any:
    if hasattr(value, "hour"):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def front_data(draft: Draft, previous: str | None) -> dict[str, Any]:
    """The notice's fields in the contract's order and form."""
    flat = dict(draft.fields)
    kind = draft.key[1]
    assets = [{k: v for k, v in asset.items() if v} for _, asset in draft.assets]
    names = [a.get("name", "") for a in assets]
    category = flat.get("asset_category")
    flat.setdefault("asset_kind", CATEGORY_KINDS.get(category or ""))
    if "title" not in flat and names and names[0]:
        flat["title"] = f"{NOTICE_TYPES[kind]}: {names[0]}" + (" và tài sản khác" if len(names) > 1 else "")
    if draft.deposit:
        how, number = draft.deposit
        price = flat.get("starting_price")
        flat["deposit"] = number if how == "amount" else int(price * number / 100) if price else None
    if "criteria" in flat:
        flat["criteria"] = [
            c.strip(" -;") for c in flat["criteria"].replace(";", "\n").split("\n") if c.strip(" -;")
        ]
    if previous:
        flat["previous"] = previous
    data = {"title": flat.pop("title", ""), "date": flat.pop("date", None), "status": "draft"}
    data["summary"] = flat.pop("summary", None)
    data["notice_type"] = kind
    for name in ("unit", "asset_kind", "asset_category"):
        data[name] = flat.pop(name, None)
    data["assets"] = assets
    data.update(_nest(flat))
    return _plain({k: v for k, v in data.items() if v not in (None, "", [], {})})


def render(data: dict[str, Any], body: str) -> str:
    front = yaml.dump(
        data, allow_unicode=True, sort_keys=False, width=10**6, Dumper=_DUMPER, default_flow_style=False
    )
    return f"---\n{front}---\n{body}"


def _problem_row(draft: Draft, name: str) -> tuple[Record, str]:
    """The row and field of the export a problem of field path `name` points at."""
    parts = (name or "").split(".")
    if parts[0] == "assets" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(draft.assets):
        return draft.assets[int(parts[1])][0], f"asset.{parts[2] if len(parts) > 2 else 'name'}"
    mapped = {"from": "from"}
    dotted = ".".join(mapped.get(p, p) for p in parts[:2])
    for candidate in (dotted, parts[0], f"{parts[0]}.from", f"{parts[0]}.at", f"{parts[0]}.name"):
        if candidate in draft.first.columns:
            return draft.first, candidate
    return draft.first, "round" if name == "previous" else "case_number"


def plan_notices(drafts: list[Draft], portal: PortalData, content: Path, plan: Plan) -> None:
    """Each notice whose rows read well, checked as the build checks it, into the plan."""
    existing = {path.stem: path for path in (content / "notices").glob("*/*.md")}
    stems = {draft.stem for draft in drafts}
    for draft in drafts:
        if any(row.problems for row in draft.rows):
            continue
        previous = stem_of(draft.case, draft.key[1], draft.key[2] - 1) if draft.key[2] > 1 else None
        data = front_data(draft, previous if previous in stems or previous in existing else None)
        path = existing.get(draft.stem)
        old = _old(path)
        if old is not None:  # the editor's fields stay, the export's are updated
            data = {**old.data, **data}
            data.pop("status")
            if "status" in old.data:
                data["status"] = old.data["status"]
        body = old.body if old is not None else BODY.format(case=draft.case)
        text = render(data, body)
        front = frontmatter.parse(text)
        record, found = validate(Notice, front, draft.stem, {"portal": portal})
        if record is not None:
            found += notice_problems(record, front, draft.stem, portal)
        for problem in (p for p in found if p.severity == ERROR):
            row, name = _problem_row(draft, problem.field or "")
            row.problem(name, f"{problem.field}: {problem.message}" if problem.field else problem.message)
        if record is None or any(p.severity == ERROR for p in found):
            continue
        target = path or content / "notices" / str(record.date.year) / f"{draft.stem}.md"
        same = old is not None and old.data == front.data and old.body == body
        plan.add(target, text, same, f"hồ sơ {draft.case}")


def _old(path: Path | None) -> frontmatter.FrontMatter | None:
    if path is None:
        return None
    try:
        return frontmatter.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return None


def import_notices(
    records: list[Record], mapping: Mapping, portal: PortalData, root: Path, default_unit: str | None = None
) -> Plan:
    """Every notice of the export into a plan; every problem of every row in one run."""
    plan = Plan()
    drafts = collect(records, mapping, portal, default_unit)
    plan_notices(drafts, portal, root / "content", plan)
    plan.problems = [problem for record in records for problem in record.problems]
    return plan
