"""The data rows of a sheet under its header, each cell read by field, and the problems of a
row named by file, sheet, row and column (heading)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem
from .mapping import Mapping, locate_header, missing_columns
from .values import CellError, is_empty
from .workbook import Sheet, WorkbookError, column_letter, pick_sheets

CODE = "import"


def place(sheet: str, row: int, column: int | None, heading: str = "") -> str:
    """ "trang tính 'Thông báo', dòng 7, cột F (Giá khởi điểm)" — the `field` of a Problem."""
    where = f"trang tính '{sheet}', dòng {row}"
    if column is not None:
        where += f", cột {column_letter(column)}" + (f" ({heading})" if heading else "")
    return where


@dataclass
class Record:
    source: str
    sheet: str
    row: int
    cells: dict[str, Any]  # field → raw cell value
    columns: dict[str, int]  # field → 0-based column
    headings: dict[int, str]
    problems: list[Problem] = field(default_factory=list)

    def problem(self, name: str | None, message: str) -> Problem:
        column = self.columns.get(name) if name else None
        heading = self.headings.get(column, "") if column is not None else ""
        found = Problem(
            self.source, self.row, place(self.sheet, self.row, column, heading), message, code=CODE
        )
        self.problems.append(found)
        return found

    def has(self, name: str) -> bool:
        return not is_empty(self.cells.get(name))

    def read(self, name: str, parse: Callable[[Any], Any], required: bool = False) -> Any:
        """The parsed cell of field `name`; None (and a problem) when it cannot be read."""
        value = self.cells.get(name)
        if is_empty(value):
            if required:
                self.problem(name, "ô này không được để trống")
            return None
        try:
            return parse(value)
        except CellError as error:
            self.problem(name, str(error))
            return None


def _column_numbers(cells: list[Any]) -> bool:
    """A row "1 2 3 …" or "(1) (2) (3) …" under the header, as report templates number columns."""
    numbers = [str(c).strip().strip("()") for c in cells if not is_empty(c)]
    if len(numbers) < 2:
        return False
    try:
        values = [int(float(n)) for n in numbers]
    except ValueError:
        return False
    return values == sorted(values) and len(set(values)) == len(values) and values[0] <= 2


def sheet_records(source: str, sheet: Sheet, mapping: Mapping) -> list[Record] | None:
    """The data rows of `sheet`; None when the sheet has no header of this mapping."""
    header = locate_header(sheet, mapping)
    if header is None:
        return None
    records = []
    for position, (number, cells) in enumerate(sheet.rows[header.last_row + 1 :]):
        values = {name: cells[c] if c < len(cells) else None for name, c in header.fields.items()}
        if all(is_empty(v) for v in values.values()):
            continue
        if position == 0 and _column_numbers(cells):
            continue
        records.append(Record(source, sheet.name, number, values, header.fields, header.headings))
    return records


def read_records(
    source: str, sheets: list[Sheet], mapping: Mapping, wanted: str | None
) -> tuple[list[Record], list[Problem]]:
    """Rows of the chosen sheets: `wanted` (hidden or not), else the sheets the mapping names
    (`sheets:`), else every visible sheet with a header of this mapping."""
    named = wanted or None
    try:
        if named is None and mapping.options.get("sheets"):
            listed = [str(n) for n in mapping.options["sheets"]]
            chosen = [s for s in sheets if s.name in listed] or pick_sheets(sheets, None)
        else:
            chosen = pick_sheets(sheets, named)
    except WorkbookError as error:
        return [], [Problem(source, None, None, str(error), code=CODE)]
    records: list[Record] = []
    found = False
    for sheet in chosen:
        rows = sheet_records(source, sheet, mapping)
        if rows is None:
            continue
        found = True
        records += rows
    if not found:
        first = chosen[0] if chosen else Sheet("?", [])
        headings = "; ".join(f"'{h}'" for h in missing_columns(first, mapping))
        return [], [
            Problem(
                source,
                None,
                f"trang tính '{first.name}'",
                f"không tìm thấy dòng tiêu đề có đủ các cột bắt buộc: thiếu {headings}. Hãy kiểm tra "
                f"tệp xuất, hoặc sửa tiêu đề cột trong tệp ánh xạ {mapping.path.name}.",
                code=CODE,
            )
        ]
    return records, []
