"""Enforcement results of one reporting period ("về việc" and "về tiền" by unit, and the
province's row) from a report export into `data/statistics/<year>.yml`. The period is given
(`--period 12/2026`) or read from the report's title ("… 12 tháng năm 2026"). Other periods
of the year, the targets and the file's opening comments are kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..data import PortalData
from ..frontmatter import FrontMatterError, load_yaml
from ..problems import Problem
from ..sections import FIGURES, PERIOD_MONTHS, Figures, StatisticsYear
from ..text import fold
from . import values
from .mapping import Mapping, key
from .records import CODE, Record
from .units import unit_of
from .workbook import Sheet
from .writer import Plan

_PERIOD = re.compile(r"(\d{1,2})\s*(?:thang|/|-|:)\s*(?:dau\s*)?(?:nam\s*)?(\d{4})")
_REVERSED = re.compile(r"^(\d{4})\s*[:/-]\s*(\d{1,2})$")

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def parse_period(text: str) -> tuple[int, int] | None:
    """ "12/2026", "12 tháng năm 2026", "6 tháng đầu năm 2022", "2026:12" → (year, months)."""
    folded = fold(text).casefold().strip()
    reversed_ = _REVERSED.match(folded)
    found = reversed_ or _PERIOD.search(folded)
    if not found:
        return None
    months, year = (found.group(2), found.group(1)) if reversed_ else found.groups()
    return (int(year), int(months)) if int(months) in PERIOD_MONTHS else None


def period_in_title(sheets: list[Sheet]) -> tuple[int, int] | None:
    """The period named in the first rows of a report ("Kết quả … 12 tháng năm 2026")."""
    for sheet in sheets:
        for _, cells in sheet.rows[:8]:
            for cell in cells:
                if isinstance(cell, str) and "thang" in fold(cell).casefold():
                    found = parse_period(cell)
                    if found:
                        return found
    return None


def _figures(record: Record, multiplier: int) -> dict[str, int] | None:
    found = {}
    for name in FIGURES:
        parse = values.amount if name.startswith("money") else values.count
        value = record.read(name, parse, required=True)
        if value is not None:
            found[name] = value * (multiplier if name.startswith("money") else 1)
    target = {k: record.read(f"target_{k}", values.decimal_number) for k in ("cases", "money")}
    if any(v is not None for v in target.values()):
        found["target"] = {k: v for k, v in target.items() if v is not None}
    return found if len(found) >= len(FIGURES) else None


def _check(record: Record, figures: dict[str, Any]) -> None:
    """Completed ≤ enforceable ≤ total, on the row that breaks it."""
    try:
        Figures.model_validate({k: v for k, v in figures.items() if k in FIGURES})
    except ValidationError as errors:
        for error in errors.errors(include_url=False):
            message = str(error["msg"])
            record.problem("cases_completed" if "về việc" in message else "money_completed", message)


def _period(
    records: list[Record], mapping: Mapping, portal: PortalData, months: int
) -> dict[str, Any] | None:
    province_words = {key(w) for w in mapping.options.get("province", ["Toàn tỉnh", "Tổng cộng"])}
    multiplier = int(mapping.options.get("money_unit", 1))
    province, units, seen = None, [], {}
    for record in records:
        is_province = key(record.read("unit", values.text) or "") in province_words
        unit = None if is_province else unit_of(record, portal, None)
        figures = _figures(record, multiplier)
        if figures is None or (unit is None and not is_province):
            continue
        name = "province" if is_province else unit
        if name in seen:
            record.problem("unit", f"đơn vị này đã có ở dòng {seen[name]}")
            continue
        seen[name] = record.row
        _check(record, figures)
        if is_province:
            figures.pop("target", None)
            province = figures
        else:
            target = {"target": figures.pop("target")} if "target" in figures else {}
            units.append({"unit": unit, **target, **figures})
    if province is None and units:
        province = {name: sum(u[name] for u in units) for name in FIGURES}
    return {"months": months, "province": province, "units": units} if province else None


def import_statistics(
    records: list[Record], mapping: Mapping, portal: PortalData, root: Path, period: tuple[int, int] | None
) -> Plan:
    plan = Plan()
    if period is None or not records:
        where = records[0].source if records else ""
        message = "không biết số liệu của kỳ nào: hãy chạy lệnh với --period, ví dụ --period 12/2026"
        plan.problems.append(
            Problem(where, None, None, message if records else "tệp không có dòng số liệu nào", code=CODE)
        )
        return plan
    year, months = period
    found = _period(records, mapping, portal, months)
    plan.problems = [problem for record in records for problem in record.problems]
    if plan.problems or found is None:
        return plan
    path = root / "data" / "statistics" / f"{year}.yml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        old = (load_yaml(text)[0] if text else None) or {
            "year": year,
            "source": mapping.options.get("source", ""),
        }
    except FrontMatterError as error:
        plan.problems.append(records[0].problem(None, f"không đọc được {path.name}: {error.message}"))
        return plan
    periods = [p for p in old.get("periods", []) if p.get("months") != months]
    kept = next((p for p in old.get("periods", []) if p.get("months") == months), {})
    if kept.get("targets"):
        found = {
            "months": months,
            "targets": kept["targets"],
            "province": found["province"],
            "units": found["units"],
        }
    new = {**old, "periods": sorted([*periods, found], key=lambda p: p.get("months", 0))}
    try:
        StatisticsYear.model_validate(new)
    except ValidationError as errors:
        for error in errors.errors(include_url=False):
            plan.problems.append(
                records[0].problem(None, f"{'.'.join(map(str, error['loc']))}: {error['msg']}")
            )
        return plan
    header = _leading_comments(text)
    dumped = yaml.dump(new, allow_unicode=True, sort_keys=False, width=10**6, Dumper=_DUMPER)
    plan.add(path, header + dumped, bool(text) and old == new, f"kỳ {months} tháng năm {year}")
    return plan


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if not line.startswith("#"):
            break
        lines.append(line + "\n")
    return "".join(lines)
