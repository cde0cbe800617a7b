"""Loading the sections' data files with the place of every problem."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .frontmatter import FrontMatter
from .problems import WARNING, Problem, display_path
from .sections import DEBTOR_COLUMNS, FIGURES, Debtor, LegalBasis, LegalDocuments, Procedure, StatisticsYear
from .validation import validate


def load_legal_documents(root: Path, load_mapping) -> tuple[LegalDocuments | None, list[Problem]]:
    return load_mapping(root / "legal_documents.yml", LegalDocuments, root.parent, optional=True)


def load_procedures(root: Path, load_mapping) -> tuple[dict[str, Procedure], list[Problem]]:
    procedures, problems = {}, []
    for path in sorted((root / "procedures").glob("*.yml")):
        procedure, found = load_mapping(path, Procedure, root.parent)
        problems += found
        if procedure is not None:
            procedures[path.stem] = procedure
    return procedures, problems


def check_legal_basis(
    root: Path, procedures: dict[str, Procedure], documents: LegalDocuments | None
) -> list[Problem]:
    """Every legal basis given by id must be a document of data/legal_documents.yml."""
    known = {document.id for document in documents.documents} if documents else set()
    problems = []
    for slug, procedure in procedures.items():
        for item in procedure.legal_basis:
            if isinstance(item, LegalBasis) and item.document not in known:
                problems.append(
                    Problem(
                        display_path(root / "procedures" / f"{slug}.yml", root.parent),
                        None,
                        "legal_basis",
                        f"không có văn bản '{item.document}' trong data/legal_documents.yml.",
                        code="data",
                    )
                )
    return problems


# A cell of an office's spreadsheet that starts with one of these is a formula (or hides one
# behind a tab or line break), never a name, an address or a judgment: refused rather than
# published, where a reader copying the list into a spreadsheet would run it.
_FORMULA_STARTS = ("=", "+", "@", "\t", "\r", "\n")
_CHARACTER_NAMES = {"\t": "dấu Tab", "\r": "dấu xuống dòng", "\n": "dấu xuống dòng"}


def _formula_problems(values: dict, line: int, source: str) -> list[Problem]:
    problems = []
    for position, column in enumerate(DEBTOR_COLUMNS):
        value = values.get(column) or ""
        first = value[:1] if value.startswith(_FORMULA_STARTS) else value.strip()[:1]
        if first and first in _FORMULA_STARTS:
            shown = _CHARACTER_NAMES.get(first, f"'{first}'")
            problems.append(
                Problem(
                    source,
                    line,
                    column,
                    f"ô ở cột {position + 1} bắt đầu bằng {shown}: chương trình bảng tính (Excel) "
                    "có thể chạy ô bắt đầu bằng '=', '+', '@', dấu Tab hay dấu xuống dòng như một "
                    "công thức; đó không phải nội dung thật. Hãy mở tệp, bỏ ký tự đó ở đầu ô rồi "
                    "lưu lại.",
                    code="data",
                )
            )
    return problems


def load_debtors(root: Path, unit_ids: set[str]) -> tuple[dict[str, list[Debtor]], list[Problem]]:
    """`data/debtors/<unit id>.csv`, as an office exports it from its spreadsheet (UTF-8).
    A cell that starts like a spreadsheet formula (`=`, `+`, `@`, a tab) is an error."""
    debtors, problems = {}, []
    for path in sorted((root / "debtors").glob("*.csv")):
        source = display_path(path, root.parent)
        if path.stem not in unit_ids:
            problems.append(
                Problem(
                    source,
                    None,
                    None,
                    f"tên tệp phải là mã một đơn vị trong data/units.yml ('{path.stem}' không có).",
                    code="data",
                )
            )
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    source,
                    None,
                    None,
                    "Tệp phải lưu ở mã UTF-8 (Excel: Lưu thành CSV UTF-8).",
                    code="encoding",
                )
            )
            continue
        reader = csv.DictReader(io.StringIO(text))
        missing = [column for column in DEBTOR_COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            problems.append(
                Problem(
                    source,
                    1,
                    None,
                    f"thiếu cột: {', '.join(missing)} (dòng đầu phải là: {','.join(DEBTOR_COLUMNS)}).",
                    code="data",
                )
            )
            continue
        rows = []
        for row in reader:
            line = reader.line_num
            values = {column: row.get(column) for column in DEBTOR_COLUMNS}
            lines = dict.fromkeys(DEBTOR_COLUMNS, line)
            formulas = _formula_problems(values, line, source)
            debtor, found = validate(Debtor, FrontMatter(data=values, body="", lines=lines), source)
            problems += formulas + found
            if debtor is not None and not formulas:
                rows.append(debtor)
        debtors[path.stem] = rows
    return debtors, problems


def load_statistics(
    root: Path, unit_ids: set[str], load_mapping
) -> tuple[dict[int, StatisticsYear], list[Problem]]:
    years, problems = {}, []
    for path in sorted((root / "statistics").glob("*.yml")):
        source = display_path(path, root.parent)
        year, found = load_mapping(path, StatisticsYear, root.parent)
        problems += found
        if year is None:
            continue
        if str(year.year) != path.stem:
            problems.append(
                Problem(source, None, "year", f"năm {year.year} khác tên tệp {path.name}.", code="data")
            )
        for period in year.periods:
            for unit in period.units:
                if unit.unit not in unit_ids:
                    problems.append(
                        Problem(
                            source,
                            None,
                            "unit",
                            f"không có đơn vị '{unit.unit}' trong data/units.yml.",
                            code="data",
                        )
                    )
            if period.units:
                for field in FIGURES:
                    total = sum(getattr(unit, field) for unit in period.units)
                    if total != getattr(period.province, field):
                        message = f"kỳ {period.months} tháng: tổng các đơn vị ({total}) khác số của toàn tỉnh ({getattr(period.province, field)})."
                        problems.append(Problem(source, None, field, message, WARNING, code="data"))
        years[year.year] = year
    return years, problems
