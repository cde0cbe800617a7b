"""Import from the case-management software's spreadsheet exports ("phần mềm hệ thống quản lý
hồ sơ thi hành án"): auction and selection notices, the debtor list, enforcement statistics.

`workbook` reads `.xlsx`/`.csv` into rows, `mapping` finds the columns by their headings
(`data/import/<kind>.yml`), `values` reads amounts and dates, `records` names each problem's
sheet, row and column, and `notices`, `debtors`, `statistics` turn rows into the files of the
contract; `writer` writes them only when no row has a problem. No Pelican here.
"""

from __future__ import annotations

from pathlib import Path

from thads_portal import ENGINE_DATA

from ..data import PortalData
from ..problems import Problem, display_path
from . import debtors, notices, statistics
from .mapping import MappingError, load_mapping
from .records import CODE, read_records
from .workbook import WorkbookError, read_workbook
from .writer import Plan, write

KINDS = {"notices": "thong-bao", "debtors": "nguoi-phai-thi-hanh-an", "statistics": "thong-ke"}

__all__ = ["KINDS", "MappingError", "Plan", "import_file", "write"]


def mapping_file(root: Path, kind: str) -> Path:
    """The site's own mapping (`data/import/<kind>.yml`) when it has one, else the engine's:
    a province whose export has other headings copies the engine's file and edits it."""
    name = f"{KINDS[kind]}.yml"
    own = root / "data" / "import" / name
    return own if own.is_file() else ENGINE_DATA / "import" / name


def import_file(
    kind: str,
    path: Path,
    portal: PortalData,
    root: Path,
    sheet: str | None = None,
    unit: str | None = None,
    period: tuple[int, int] | None = None,
) -> Plan:
    """What importing the export at `path` would write into the project at `root`, with every
    problem; nothing is written here (see `write`)."""
    mapping = load_mapping(mapping_file(root, kind))
    source = display_path(path, root)
    try:
        sheets = read_workbook(path)
    except (OSError, WorkbookError) as error:
        return Plan(problems=[Problem(source, None, None, str(error), code=CODE)])
    if unit is not None and unit not in portal.units:
        message = f"không có đơn vị '{unit}' trong data/units.yml (--unit)"
        return Plan(problems=[Problem(source, None, None, message, code=CODE)])
    records, problems = read_records(source, sheets, mapping, sheet)
    if problems:
        return Plan(problems=problems)
    if kind == "notices":
        return notices.import_notices(records, mapping, portal, root, unit)
    if kind == "debtors":
        return debtors.import_debtors(records, mapping, portal, root, unit)
    return statistics.import_statistics(
        records, mapping, portal, root, period or statistics.period_in_title(sheets)
    )
