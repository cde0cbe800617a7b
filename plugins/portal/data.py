"""Province data from `data/`: site identity, units, news categories.

Another province runs the portal by editing these files only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from . import frontmatter, section_data
from .organization import Organization
from .problems import ERROR, Problem, display_path
from .sections import LegalDocuments
from .text import fold
from .types import RequiredText, Text
from .validation import validate


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Site(_Strict):
    name: RequiredText
    name_en: Text = ""
    short_name: RequiredText
    short_name_en: Text = ""
    parent_name: Text = ""
    portal_title: RequiredText
    province: RequiredText
    url: RequiredText
    language: Text = "vi"
    emblem: Text = ""
    emblem_alt: Text = ""
    address: RequiredText
    phone: RequiredText
    email: RequiredText
    working_hours: Text = ""
    working_hours_en: Text = ""
    responsible: Text = ""
    licence: Text = ""
    default_author: RequiredText
    national_auction_portal: Text = ""
    national_service_portal: Text = ""
    # The national portal's procedure search, for procedures without a checked deep link.
    national_procedure_search: Text = ""
    # Where documents without a file or link of their own can be looked up (vbpl.vn).
    legal_database_url: Text = ""


class Unit(_Strict):
    id: RequiredText
    name: RequiredText
    name_en: Text = ""
    short_name: RequiredText
    short_name_en: Text = ""
    kind: Literal["province", "district", "regional"]
    area: Text = ""
    area_en: Text = ""
    address: RequiredText
    phone: Text = ""
    email: Text = ""
    working_hours: Text = ""
    working_hours_en: Text = ""
    valid_from: dt.date
    valid_to: dt.date | None = None
    successor: Text | None = None

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Category(_Strict):
    id: RequiredText
    name: RequiredText
    description: Text = ""


@dataclass
class PortalData:
    site: Site
    units: dict[str, Unit]
    categories: list[Category]
    root: Path
    rules: list = field(default_factory=list)
    organization: Organization | None = None
    legal_documents: LegalDocuments | None = None
    procedures: dict = field(default_factory=dict)
    debtors: dict = field(default_factory=dict)
    statistics: dict = field(default_factory=dict)
    _category_keys: dict[str, Category] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for category in self.categories:
            for key in (category.id, category.name):
                self._category_keys[fold(key).casefold()] = category

    def category(self, key: str) -> Category | None:
        """A category by its id or its name, with or without diacritics."""
        return self._category_keys.get(fold(key).casefold())


def _read_yaml(path: Path, source: str) -> tuple[Any, dict[str, int], list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, {}, [Problem(source, None, None, "Thiếu tệp dữ liệu này.", code="data")]
    except UnicodeDecodeError:
        return None, {}, [Problem(source, None, None, "Tệp dữ liệu phải lưu ở mã UTF-8.", code="encoding")]
    try:
        data, lines = frontmatter.load_yaml(text)
    except frontmatter.FrontMatterError as error:
        return None, {}, [Problem(source, error.line, None, error.message, code="yaml")]
    return data, lines, []


def _validate_entry(model: type[_Strict], entry: Any, lines: dict[str, int], prefix: str, source: str):
    """Validate one mapping of a data file, mapping its fields to file lines."""
    own_lines = {key[len(prefix) + 1 :]: line for key, line in lines.items() if key.startswith(f"{prefix}.")}
    front = frontmatter.FrontMatter(data=entry if isinstance(entry, dict) else {}, body="", lines=own_lines)
    item, problems = validate(model, front, source)
    label = f"[{int(prefix) + 1}]" if prefix.isdigit() else prefix
    return item, [
        Problem(
            source,
            p.line or lines.get(prefix),
            f"{label}.{p.field}" if label else p.field,
            p.message,
            code="data",
        )
        for p in problems
    ]


def load_list(path: Path, model: type[_Strict], project_root: Path) -> tuple[list, list[Problem]]:
    """A data file holding a YAML list of records of one model."""
    source = display_path(path, project_root)
    raw, lines, problems = _read_yaml(path, source)
    if raw is None and problems:
        return [], problems
    if not isinstance(raw, list):
        return [], [
            Problem(source, 1, None, "Tệp phải là một danh sách (mỗi mục bắt đầu bằng '- ').", code="data")
        ]
    items = []
    for index, entry in enumerate(raw):
        item, found = _validate_entry(model, entry, lines, str(index), source)
        problems += found
        if item is not None:
            items.append(item)
    return items, problems


def load_mapping(path: Path, model: type[BaseModel], project_root: Path, optional: bool = False):
    """A data file holding one YAML mapping of a model; (None, []) when optional and absent."""
    if optional and not path.exists():
        return None, []
    source = display_path(path, project_root)
    raw, lines, problems = _read_yaml(path, source)
    if raw is None:
        return None, problems
    front = frontmatter.FrontMatter(data=raw if isinstance(raw, dict) else {}, body="", lines=lines)
    return validate(model, front, source)


def load(root: str | Path) -> tuple[PortalData | None, list[Problem]]:
    """Read and check everything in `data/`; return the data and every problem found."""
    root = Path(root)
    problems: list[Problem] = []
    site, problems = load_mapping(root / "site.yml", Site, root.parent)
    problems = list(problems)
    units, found = load_list(root / "units.yml", Unit, root.parent)
    problems += found
    categories, found = load_list(root / "categories.yml", Category, root.parent)
    problems += found
    from .rules import Rule  # rules import the notice model, which imports this module's types

    rules, found = load_list(root / "legal_rules.yml", Rule, root.parent)
    problems += found
    organization, found = load_mapping(root / "organization.yml", Organization, root.parent, optional=True)
    problems += found
    unit_ids = {unit.id for unit in units}
    legal_documents, found = section_data.load_legal_documents(root, load_mapping)
    problems += found
    procedures, found = section_data.load_procedures(root, load_mapping)
    problems += found
    debtors, found = section_data.load_debtors(root, unit_ids)
    problems += found
    statistics, found = section_data.load_statistics(root, unit_ids, load_mapping)
    problems += found
    problems += section_data.check_legal_basis(root, procedures, legal_documents)
    if not problems:  # a unit that failed validation would show up as "missing" here
        problems += _check_units(units, display_path(root / "units.yml", root.parent))
    if site is None or any(p.severity == ERROR for p in problems):
        return None, problems
    portal = PortalData(
        site,
        {unit.id: unit for unit in units},
        categories,
        root,
        rules=rules,
        organization=organization,
        legal_documents=legal_documents,
        procedures=procedures,
        debtors=debtors,
        statistics=statistics,
    )
    return portal, problems


def _check_units(units: list[Unit], source: str) -> list[Problem]:
    problems, seen = [], set()
    ids = {unit.id for unit in units}
    for unit in units:
        if unit.id in seen:
            problems.append(Problem(source, None, "id", f"Mã đơn vị '{unit.id}' bị trùng.", code="data"))
        seen.add(unit.id)
        if unit.successor and unit.successor not in ids:
            problems.append(
                Problem(
                    source,
                    None,
                    "successor",
                    f"Đơn vị '{unit.id}': đơn vị kế thừa '{unit.successor}' không có trong danh sách.",
                    code="data",
                )
            )
        if unit.valid_to and unit.valid_to < unit.valid_from:
            problems.append(
                Problem(
                    source,
                    None,
                    "valid_to",
                    f"Đơn vị '{unit.id}': ngày kết thúc trước ngày bắt đầu.",
                    code="data",
                )
            )
    return problems
