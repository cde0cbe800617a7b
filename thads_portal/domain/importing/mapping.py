"""Column mappings (`data/import/<kind>.yml`): which heading of an export holds which field,
and how the export's words map to the contract's values. Headings are compared after
Vietnamese folding: accents, case, spaces and punctuation do not matter; the header may span
several rows with merged cells ("Về việc" over "Tổng số", "Có điều kiện", "Thi hành xong").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..frontmatter import FrontMatterError, load_yaml
from ..text import fold
from .workbook import Sheet

_NOT_WORD = re.compile(r"[^a-z0-9%]+")
# Header rows searched from the top of a sheet, and rows one heading may span.
HEADER_SEARCH_ROWS = 30
MAX_HEADER_ROWS = 3


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text).casefold()).strip()


def key(text: Any) -> str:
    """A heading or a value as compared: "Giá khởi điểm (đồng)" → "gia khoi diem dong"."""
    return _key(str(text))


class MappingError(Exception):
    """The mapping file is wrong; the message is for the administrator."""


@dataclass
class Mapping:
    kind: str
    path: Path
    # field → accepted headings, each possibly "Banner / Sub-heading".
    columns: dict[str, list[str]]
    required: list[str]
    # field → {contract value: [words of the export]}.
    values: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def value_of(self, name: str, written: Any) -> str | None:
        """The contract value for the export's word in field `name`, or None."""
        wanted = key(written)
        for value, words in self.values.get(name, {}).items():
            if wanted in {key(value), *(key(word) for word in words)}:
                return value
        return None

    def words_of(self, name: str) -> str:
        return ", ".join(f"'{words[0] if words else value}'" for value, words in self.values[name].items())


def load_mapping(path: Path) -> Mapping:
    try:
        raw, _ = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontMatterError) as error:
        raise MappingError(f"Không đọc được tệp ánh xạ cột {path}: {error}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        raise MappingError(f"Tệp ánh xạ cột {path} phải có nhóm 'columns' (tên trường: các tiêu đề cột).")
    columns = {
        str(name): [str(h) for h in (headings if isinstance(headings, list) else [headings])]
        for name, headings in raw["columns"].items()
    }
    values = {
        str(name): {str(v): [str(w) for w in (words or [])] for v, words in choices.items()}
        for name, choices in (raw.get("values") or {}).items()
    }
    required = [str(name) for name in raw.get("required") or []]
    unknown = [name for name in required if name not in columns]
    if unknown:
        raise MappingError(
            f"Tệp ánh xạ cột {path}: 'required' có trường không có trong 'columns': {unknown}."
        )
    options = {k: v for k, v in raw.items() if k not in ("columns", "values", "required", "kind")}
    return Mapping(str(raw.get("kind", path.stem)), path, columns, required, values, options)


@dataclass
class Header:
    """Where a sheet's header ends and which column holds each field."""

    last_row: int  # index into Sheet.rows of the header's last row
    fields: dict[str, int]  # field → 0-based column
    headings: dict[int, str]  # column → heading as written (parts joined by " / ")


def _filled(sheet: Sheet, first: int, last: int) -> list[list[str]]:
    """Header rows first..last (indexes into sheet.rows), each cell of a merged range given the
    range's text. Without merge information an empty cell above a sub-heading takes the banner
    on its left, as a merged banner reads."""
    width = max((len(sheet.rows[i][1]) for i in range(first, last + 1)), default=0)
    grid = [
        [str(cells[c]).strip() if c < len(cells) and cells[c] is not None else "" for c in range(width)]
        for _, cells in (sheet.rows[i] for i in range(first, last + 1))
    ]
    numbers = [sheet.rows[i][0] - 1 for i in range(first, last + 1)]  # 0-based sheet rows
    for top, left, bottom, right in sheet.merged:
        text = next(
            (
                grid[r][c]
                for r in range(len(grid))
                for c in range(left, min(right + 1, width))
                if top <= numbers[r] <= bottom and grid[r][c]
            ),
            "",
        )
        for r, number in enumerate(numbers):
            if top <= number <= bottom:
                for c in range(left, min(right + 1, width)):
                    grid[r][c] = grid[r][c] or text
    for r in range(len(grid) - 1):
        for c in range(1, width):
            if not grid[r][c] and grid[r + 1][c] and grid[r][c - 1] and grid[r + 1][c - 1]:
                grid[r][c] = grid[r][c - 1]
    return grid


def _match(grid: list[list[str]], mapping: Mapping) -> tuple[dict[str, int], dict[int, str]]:
    width = len(grid[0]) if grid else 0
    parts = []
    for c in range(width):
        column = []
        for row in grid:
            if row[c] and (not column or key(column[-1]) != key(row[c])):
                column.append(row[c])
        parts.append(column)
    wanted = {name: {key(h) for h in headings} for name, headings in mapping.columns.items()}
    fields: dict[str, int] = {}
    for depth in ("full", "tail"):
        for name, keys in wanted.items():
            if name in fields:
                continue
            hits = [
                c
                for c, column in enumerate(parts)
                if c not in fields.values()
                and column
                and (
                    key(" ".join(column)) in keys
                    if depth == "full"
                    else any(key(" ".join(column[k:])) in keys for k in range(1, len(column)))
                )
            ]
            if len(hits) == 1 or (hits and depth == "full"):
                fields[name] = hits[0]
    return fields, {c: " / ".join(column) for c, column in enumerate(parts)}


def locate_header(sheet: Sheet, mapping: Mapping) -> Header | None:
    """The header that matches the most fields (all required ones), searched in the first rows."""
    best: Header | None = None
    rows = min(len(sheet.rows), HEADER_SEARCH_ROWS)
    for last in range(rows):
        for depth in range(1, MAX_HEADER_ROWS + 1):
            first = last - depth + 1
            if first < 0:
                break
            fields, headings = _match(_filled(sheet, first, last), mapping)
            if not all(name in fields for name in mapping.required):
                continue
            if best is None or len(fields) > len(best.fields):
                best = Header(last, fields, headings)
    return best


def missing_columns(sheet: Sheet, mapping: Mapping) -> list[str]:
    """Required fields whose heading is nowhere in the first rows, as headings to add."""
    found: set[str] = set()
    for last in range(min(len(sheet.rows), HEADER_SEARCH_ROWS)):
        for depth in range(1, MAX_HEADER_ROWS + 1):
            if last - depth + 1 >= 0:
                found |= set(_match(_filled(sheet, last - depth + 1, last), mapping)[0])
    return [mapping.columns[name][0] for name in mapping.required if name not in found]
