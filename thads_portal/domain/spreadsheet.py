"""Cells of the CSV files the site publishes, safe to open in a spreadsheet program.

Excel, LibreOffice and Google Sheets run a cell that begins with `=`, `+`, `-` or `@` as a
formula (`=HYPERLINK(...)` leaks data, `=cmd|...` once started programs); OWASP lists a
leading tab and carriage return too, which some programs skip before reading a formula. As
OWASP recommends (CSV injection), such a text cell is written with a single quote in front:
spreadsheets show the text as typed, and anyone reading the file as data can tell the quote
apart from the text.

Only text is changed. Numbers (`int`, `float`, `Decimal`) are written as numbers, a
negative one too: no formula comes from a number. A text that looks like a number, such as
"-5" typed by an editor, is text and gets the quote like any other.

Every CSV file of the site is written with `writer` or `DictWriter` below, which pass each
cell through `safe_cell`; the JSON open data keeps the values as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

# OWASP's list (= + - @ tab, carriage return), and a line feed, which starts a cell the
# same way a carriage return does.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"


def safe_cell(value: Any) -> Any:
    """A cell value for `csv.writer`: text that would start a formula gets a leading `'`."""
    if isinstance(value, bool):  # a bool is an int: write it as the text it is
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = "" if value is None else str(value)
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


class _Writer:
    """`csv.writer` whose rows go through `safe_row`."""

    def __init__(self, stream, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream, **options: Any) -> _Writer:
    """Like `csv.writer`, with every cell made safe (`safe_cell`)."""
    return _Writer(stream, **options)


class DictWriter:
    """Like `csv.DictWriter`, with every cell made safe (`safe_cell`)."""

    def __init__(self, stream, fieldnames: list[str], **options: Any) -> None:
        self._writer = csv.DictWriter(stream, fieldnames=fieldnames, **options)

    def writeheader(self) -> Any:
        return self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> Any:
        return self._writer.writerow({key: safe_cell(value) for key, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)
