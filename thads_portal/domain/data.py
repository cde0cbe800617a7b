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
from .editing import Editing  # noqa: F401  (data.Editing: the model of data/editing.yml)
from .organization import Organization
from .problems import ERROR, Problem, display_path
from .sections import LegalDocuments
from .text import collation_key, fold
from .types import RequiredText, Text
from .validation import validate


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SiteEnglish(_Strict):
    """The English pages' header, menu, footer and index (`en:` in site.yml)."""

    parent_name: Text = ""
    tagline: RequiredText
    emblem_alt: Text = ""
    skip_link: RequiredText
    menu_label: RequiredText
    # English labels of the menu's and footer's entries, by their (Vietnamese) address.
    links: dict[str, RequiredText]
    in_vietnamese: RequiredText
    language_switch: RequiredText
    search_label: RequiredText
    search_placeholder: RequiredText
    search_button: RequiredText
    address_label: RequiredText
    phone_label: RequiredText
    email_label: RequiredText
    working_hours_label: RequiredText
    links_title: RequiredText
    responsible: Text = ""
    licence: Text = ""
    source_note: Text = ""
    index_title: RequiredText
    index_intro: Text = ""
    description: RequiredText


class Site(_Strict):
    name: RequiredText
    name_en: Text = ""
    short_name: RequiredText
    short_name_en: Text = ""
    parent_name: Text = ""
    portal_title: RequiredText
    province: RequiredText
    # How the province is named: "tỉnh Lạng Sơn", "Toàn tỉnh"; "thành phố Hà Nội", "Toàn thành phố".
    province_kind: Literal["tỉnh", "thành phố"] = "tỉnh"
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
    # Labels of the English pages (none: they show the Vietnamese header, menu and footer).
    en: SiteEnglish | None = None


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


def _predecessors(units: dict[str, Unit]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for unit in units.values():
        if unit.successor:
            found.setdefault(unit.successor, []).append(unit.id)
    return found


def unit_chains(units: dict[str, Unit]) -> dict[str, str]:
    """Each unit's legal identity: the newest unit of its chain of renamings. A unit whose
    successor has no other predecessor and is of the same kind was renamed, not merged
    ("Cục THADS tỉnh" → "THADS tỉnh"): to a citizen the two are one agency. District branches
    merged into a regional office stay units of their own."""
    predecessors = _predecessors(units)
    chains = {}
    for unit_id in units:
        head, seen = unit_id, {unit_id}
        while True:
            unit = units[head]
            successor = units.get(unit.successor) if unit.successor else None
            if successor is None or successor.kind != unit.kind or predecessors[successor.id] != [head]:
                break
            if successor.id in seen:  # a cycle in the data: stop where it closes
                break
            head = successor.id
            seen.add(head)
        chains[unit_id] = head
    return chains


def unit_members(units: dict[str, Unit]) -> dict[str, list[str]]:
    """{unit id: ids of the units whose notices its listing shows}: itself, and the units
    renamed into it (see `unit_chains`)."""
    chains = unit_chains(units)
    return {
        unit_id: [
            m for m in units if m == unit_id or (chains[m] == chains[unit_id] and _before(units, m, unit_id))
        ]
        for unit_id in units
    }


def _before(units: dict[str, Unit], earlier: str, later: str) -> bool:
    """`later` is reached from `earlier` by successor links."""
    seen, current = set(), units[earlier].successor
    while current and current not in seen:
        if current == later:
            return True
        seen.add(current)
        current = units[current].successor if current in units else None
    return False


def unit_area(unit: Unit, units: dict[str, Unit]) -> str:
    """The areas a unit serves: `area` of data/units.yml, else the areas of the units it
    succeeded (a regional office covers the districts of the branches it replaced)."""
    if unit.area:
        return unit.area
    areas = [units[p].area for p in _predecessors(units).get(unit.id, []) if units[p].area]
    return ", ".join(sorted(areas, key=collation_key))


@dataclass(frozen=True)
class UnitChoice:
    """One entry of a unit filter: a unit with the units renamed into it."""

    id: str
    label: str
    name: str
    area: str
    members: tuple[str, ...]
    former_names: tuple[str, ...]
    current: bool
    count: int = 0


def unit_choices(units: dict[str, Unit], counts: dict[str, int], day: dt.date) -> list[UnitChoice]:
    """The units to filter by, one per chain of renamings, with the notices of the whole
    chain counted: the units in service on `day` first, then the former ones, each group
    in Vietnamese alphabetical order. Units without notices are left out."""
    chains = unit_chains(units)
    choices = []
    for unit_id, unit in units.items():
        if chains[unit_id] != unit_id:
            continue
        members = tuple(m for m in units if chains[m] == unit_id)
        count = sum(counts.get(m, 0) for m in members)
        if not count:
            continue
        choices.append(
            UnitChoice(
                id=unit_id,
                label=unit.short_name,
                name=unit.name,
                area=unit_area(unit, units),
                members=members,
                former_names=tuple(units[m].short_name for m in members if m != unit_id),
                current=unit.valid_on(day),
                count=count,
            )
        )
    return sorted(choices, key=lambda c: (not c.current, collation_key(c.label), collation_key(c.area)))


def former_units_until(units: dict[str, Unit], day: dt.date) -> dt.date | None:
    """The day the former units (those no longer in service on `day`) were replaced: the
    day after the latest of their end dates."""
    ends = [u.valid_to for u in units.values() if u.valid_to and not u.valid_on(day)]
    return max(ends) + dt.timedelta(days=1) if ends else None


class Category(_Strict):
    id: RequiredText
    name: RequiredText
    description: Text = ""


@dataclass(frozen=True)
class RuleSet:
    """Where the legal rules in force came from: the engine's versioned set, and the ids a
    site's own `data/legal_rules.yml` added or replaced (every version of such an id)."""

    engine_version: str
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()

    def describe(self) -> str:
        text = f"Quy định pháp lý: bộ quy định của thads-portal {self.engine_version}"
        if self.replaced:
            text += "; trang thay thế: " + ", ".join(self.replaced)
        if self.added:
            text += "; trang bổ sung: " + ", ".join(self.added)
        return text + "."


def load_rules(root: Path) -> tuple[list, RuleSet, list[Problem]]:
    """The engine's legal rules, with the site's own `legal_rules.yml` (optional) applied:
    a rule id the site lists replaces all of the engine's versions of that id."""
    from .. import ENGINE_DATA, __version__
    from .rules import Rule  # rules import the notice model, which imports this module's types

    rules, problems = load_list(ENGINE_DATA / "legal_rules.yml", Rule, root.parent)
    site_file = root / "legal_rules.yml"
    if not site_file.exists():
        return rules, RuleSet(__version__), problems
    own, found = load_list(site_file, Rule, root.parent)
    engine_ids = {rule.id for rule in rules}
    own_ids = list(dict.fromkeys(rule.id for rule in own))
    merged = [rule for rule in rules if rule.id not in own_ids] + own
    rule_set = RuleSet(
        __version__,
        added=tuple(i for i in own_ids if i not in engine_ids),
        replaced=tuple(i for i in own_ids if i in engine_ids),
    )
    return merged, rule_set, problems + found


@dataclass
class PortalData:
    site: Site
    units: dict[str, Unit]
    categories: list[Category]
    root: Path
    rules: list = field(default_factory=list)
    rule_set: RuleSet | None = None
    organization: Organization | None = None
    editing: Editing | None = None
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
    rules, rule_set, found = load_rules(root)
    problems += found
    organization, found = load_mapping(root / "organization.yml", Organization, root.parent, optional=True)
    problems += found
    editing, found = load_mapping(root / "editing.yml", Editing, root.parent, optional=True)
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
        rule_set=rule_set,
        organization=organization,
        editing=editing,
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
