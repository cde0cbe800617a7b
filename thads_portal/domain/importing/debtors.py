"""The debtor list (người phải thi hành án chưa có điều kiện thi hành) from an export into
`data/debtors/<unit id>.csv`, keyed by enforcement decision number and name.

An entry of the file that the export no longer has is kept and reported, never deleted: the
export may be incomplete, and the law gives the agency a few working days to remove it. Its
`removed_on` becomes the legal removal date (the rule of the mapping's `removal:` in force on
the day of the import), unless it has one already; the editor may set an earlier day.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import clock
from ..data import PortalData
from ..formatting import format_date
from ..sections import DEBTOR_COLUMNS, Debtor
from ..workdays import is_working_day
from . import values
from .mapping import Mapping, key
from .records import Record
from .units import unit_of
from .writer import Plan

_NUMBER = re.compile(r"số\s*:?\s*([0-9][^\s,;]*)", re.IGNORECASE)
DATES = ("decision_date", "removed_on")


def decision_key(decision: str, name: str) -> tuple[str, str]:
    """ "Quyết định thi hành án số 586/QĐ-CCTHADS ngày …" and the name → ("586 qd ccthads", name)."""
    number = _NUMBER.search(decision)
    return key(number.group(1) if number else decision), key(name)


def removal_date(mapping: Mapping, today: dt.date) -> dt.date:
    """The last of the working days the rule in force today allows (the mapping's `removal`)."""
    rules = [r for r in mapping.options.get("removal", []) if str(r["valid_from"]) <= today.isoformat()]
    days = int(rules[-1]["working_days"]) if rules else 2
    day = today
    while days:
        day += dt.timedelta(days=1)
        days -= is_working_day(day)
    return day


def _row(record: Record, portal: PortalData, default_unit: str | None) -> tuple[str | None, dict[str, str]]:
    unit = unit_of(record, portal, default_unit)
    row: dict[str, str] = {}
    for name in DEBTOR_COLUMNS:
        parse = values.day if name in DATES else values.text
        found = record.read(name, parse, required=name != "removed_on")
        row[name] = format_date(found) if isinstance(found, dt.date) else found or ""
    if not record.problems:
        try:
            Debtor.model_validate(row)
        except ValidationError as errors:
            for error in errors.errors(include_url=False):
                record.problem(str(error["loc"][0]) if error["loc"] else None, error["msg"])
    return unit, row


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return [{name: (row.get(name) or "") for name in DEBTOR_COLUMNS} for row in reader]


def _csv_text(rows: list[dict[str, Any]]) -> str:
    stream = io.StringIO()
    # As offices save them (cells starting like a formula were refused when read).
    writer = csv.DictWriter(stream, fieldnames=DEBTOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue()


def import_debtors(
    records: list[Record], mapping: Mapping, portal: PortalData, root: Path, default_unit: str | None = None
) -> Plan:
    plan = Plan()
    by_unit: dict[str, dict[tuple[str, str], dict[str, str]]] = {}
    first_row: dict[tuple[str, tuple[str, str]], int] = {}
    for record in records:
        unit, row = _row(record, portal, default_unit)
        if unit is None or record.problems:
            continue
        entry = decision_key(row["enforcement_decision"], row["name"])
        if (unit, entry) in first_row:
            record.problem(
                "enforcement_decision",
                f"trùng với dòng {first_row[unit, entry]}: cùng quyết định thi hành án và cùng người phải thi hành án",
            )
            continue
        first_row[unit, entry] = record.row
        by_unit.setdefault(unit, {})[entry] = row
    if default_unit:
        by_unit.setdefault(default_unit, {})
    plan.problems = [problem for record in records for problem in record.problems]
    if plan.problems:
        return plan
    removal = removal_date(mapping, clock.today())
    for unit, exported in by_unit.items():
        path = root / "data" / "debtors" / f"{unit}.csv"
        old = _read_csv(path)
        rows, seen = [], set()
        for row in old:
            entry = decision_key(row["enforcement_decision"], row["name"])
            seen.add(entry)
            if entry in exported:
                new = exported[entry]
                rows.append({**new, "removed_on": new["removed_on"] or row["removed_on"]})
            elif not row["removed_on"]:
                rows.append({**row, "removed_on": format_date(removal)})
                plan.notes.append(
                    f"{unit}: '{row['name']}' ({row['enforcement_decision'][:60]}) không còn trong tệp xuất; "
                    f"giữ lại và ghi ngày gỡ {format_date(removal)} theo thời hạn luật định. Nếu đã thi hành "
                    "xong sớm hơn, hãy sửa removed_on thành ngày cần gỡ."
                )
            else:
                rows.append(row)
        rows += [row for entry, row in exported.items() if entry not in seen]
        text = _csv_text(rows)
        plan.add(path, text, path.exists() and _read_csv(path) == rows, f"{len(rows)} người")
    return plan
