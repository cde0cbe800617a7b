"""Spreadsheets as rows of cells with their places: `.xlsx` read with python-calamine (cached
values of formulas, never the formulas), `.csv` in UTF-8, UTF-8 with BOM or Windows-1258.

Sheets hidden in the workbook are left out unless asked for by name; empty trailing rows and
columns are dropped. Rows keep their number in the file (1-based, as a spreadsheet shows it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..encoding import BOM, guess_legacy
from ..text import nfc

CSV_SHEET = "CSV"


@dataclass
class Sheet:
    name: str
    # (row number, cells) for every row up to the last one with a value.
    rows: list[tuple[int, list[Any]]]
    hidden: bool = False
    # Merged ranges as (first row, first column, last row, last column), 0-based.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


class WorkbookError(Exception):
    """The file cannot be read as a spreadsheet; the message is for editors."""


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trimmed(rows: list[list[Any]]) -> list[tuple[int, list[Any]]]:
    """Rows numbered from 1, without the empty rows at the end and empty cells at row ends."""
    kept = []
    for number, cells in enumerate(rows, start=1):
        cells = [nfc(cell) if isinstance(cell, str) else cell for cell in cells]
        while cells and _empty(cells[-1]):
            cells.pop()
        kept.append((number, cells))
    while kept and not kept[-1][1]:
        kept.pop()
    return kept


def read_csv(raw: bytes) -> Sheet:
    """A CSV export: UTF-8 (with or without BOM) or Windows-1258; `;` or `,` separated."""
    try:
        text = raw.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError:
        encoding, text = guess_legacy(raw)
        if encoding != "windows-1258" or text is None:
            raise WorkbookError(
                "Tệp CSV không ở mã UTF-8 hay Windows-1258; hãy lưu lại từ Excel dạng "
                "'CSV UTF-8 (Comma delimited)'."
            ) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return Sheet(CSV_SHEET, _trimmed(rows))


def read_xlsx(path: Path) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types for broken files
        raise WorkbookError(f"Không đọc được tệp Excel này ({error}).") from None
    sheets = []
    for meta in book.sheets_metadata:
        sheet = book.get_sheet_by_name(meta.name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = [(start[0], start[1], end[0], end[1]) for start, end in (sheet.merged_cell_ranges or [])]
        hidden = str(meta.visible).rsplit(".", 1)[-1].lower() != "visible"
        sheets.append(Sheet(meta.name, _trimmed([list(row) for row in rows]), hidden, merged))
    return sheets


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of an `.xlsx` or `.csv` file, hidden ones marked."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [read_csv(path.read_bytes())]
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    raise WorkbookError(
        f"Không đọc được tệp '{path.name}': chỉ nhận tệp .xlsx hoặc .csv (Excel: Lưu thành .xlsx)."
    )


def pick_sheets(sheets: list[Sheet], wanted: str | None) -> list[Sheet]:
    """The sheet named `wanted` (hidden or not), else every visible sheet."""
    if wanted is None:
        return [sheet for sheet in sheets if not sheet.hidden]
    chosen = [sheet for sheet in sheets if sheet.name.strip().casefold() == wanted.strip().casefold()]
    if not chosen:
        names = ", ".join(f"'{sheet.name}'" for sheet in sheets)
        raise WorkbookError(f"Không có trang tính '{wanted}' trong tệp; các trang tính: {names}.")
    return chosen
