"""Import from the case-management software's exports (`scripts/import_cmd.py`,
`portal.importing`): notices, debtors and statistics from generated workbooks and CSV files."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from conftest import TODAY, make_project, run_build
from openpyxl import Workbook
from spreadsheets import (
    DEBTOR_HEADINGS,
    STATISTICS_UNITS,
    cp1258,
    debtor_rows,
    export_workbook,
    notice_rows,
    write_notices,
)

from thads_portal import ENGINE_DATA
from thads_portal.cli import import_cmd
from thads_portal.domain import data
from thads_portal.domain.importing import import_file
from thads_portal.domain.importing.debtors import removal_date
from thads_portal.domain.importing.mapping import load_mapping
from thads_portal.domain.importing.statistics import parse_period
from thads_portal.domain.importing.values import CellError, amount, moment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("PORTAL_TODAY", TODAY)


def tree_hash(project: Path) -> str:
    digest = hashlib.sha256()
    for folder in ("content", "data"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(project)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(project: Path, *args: str) -> int:
    return import_cmd.main([*args, "--root", str(project)])


def test_amounts_and_dates_as_exports_write_them():
    assert amount(1250000000) == amount("1.250.000.000") == amount("1.250.000.000 đồng") == 1_250_000_000
    assert amount("850 triệu đ") == 850_000_000 and amount("1,25 tỷ đồng") == 1_250_000_000
    for wrong in ("hai tỷ", "12,5", -5):
        with pytest.raises(CellError):
            amount(wrong)
    assert moment(46350).date() == dt.date(2026, 11, 24)  # an Excel serial
    assert moment(46350.5).hour == 12
    assert (
        moment("25/11/2026").date()
        == moment("25/11/26").date()
        == moment("5/1/26").replace(day=25, month=11).date()
    )
    assert moment("8h30 ngày 25/11/2026") == moment("25/11/2026 08:30")
    with pytest.raises(CellError, match="tháng 2 năm 2026 chỉ có 28 ngày"):
        moment("31/02/2026")
    assert parse_period("12 tháng năm 2026") == parse_period("12/2026") == (2026, 12)
    assert parse_period("6 tháng đầu năm 2022") == (2022, 6) and parse_period("7/2026") is None


def test_legal_removal_date_counts_working_days():
    mapping = load_mapping(ENGINE_DATA / "import/nguoi-phai-thi-hanh-an.yml")
    assert removal_date(mapping, dt.date(2026, 6, 26)) == dt.date(2026, 6, 30)  # Fri → 2 working days
    assert removal_date(mapping, dt.date(2026, 11, 25)) == dt.date(2026, 11, 30)  # Wed → 3 working days


def test_import_builds_every_notice_debtor_and_figure_and_twice_changes_nothing(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    export = export_workbook(tmp_path / "xuat-tu-phan-mem.xlsx", notices=200, debtors=500, removed=20)
    before = tree_hash(project)
    assert run(project, "notices", str(export), "--dry-run") == 0
    assert "200 tệp tạo mới" in capsys.readouterr().out and tree_hash(project) == before
    for kind in ("notices", "debtors", "statistics"):
        assert run(project, kind, str(export)) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    # The sample entries of the regional offices are not in the export: kept, reported, dated.
    assert "không còn trong tệp xuất" in out and "30/11/2026" in out
    imported = tree_hash(project)
    for kind in ("notices", "debtors", "statistics"):
        assert run(project, kind, str(export)) == 0
    assert "0 tệp tạo mới, 0 tệp thay đổi" in capsys.readouterr().out
    assert tree_hash(project) == imported

    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-3000:]
    stems = {p.stem for p in (project / "content/notices").rglob("*-ho-so-*.md")}
    assert len(stems) == 200
    # New notices are drafts: the preview shows them under ban-nhap/ until an editor publishes them.
    pages = {stem: build.output / "ban-nhap/thong-bao" / stem / "index.html" for stem in stems}
    assert all(page.is_file() for page in pages.values())
    assert "Tài sản nhập số 000" in pages["ban-dau-gia-ho-so-100-qd-pthads"].read_text()
    listed = (build.output / "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/toan-tinh/index.html").read_text()
    rows = debtor_rows(500, 20)
    assert all(row[2] in listed for row in rows[:480])
    everything = "".join(p.read_text(errors="ignore") for p in build.output.rglob("*.html"))
    assert not [row[2] for row in rows[480:] if row[2] in everything]
    page = build.html("thong-ke/2026/")
    text = page.get_text(" ")
    province = [sum(entry[i] for entry in STATISTICS_UNITS) for i in (1, 2, 3)]
    assert all(f"{value:,}".replace(",", ".") in text for value in province)
    assert page.find("svg") is not None


def _bad_export(path: Path) -> Path:
    rows = notice_rows(12)
    rows[1]["Giá khởi điểm (đồng)"] = "hai tỷ đồng"  # a text in the price
    rows[2]["Ngày đăng"] = "31/02/2026"  # an impossible date
    rows[3]["Đơn vị"] = "Chi cục THADS huyện Mẫu Sơn"  # an unknown unit
    rows[10]["Tiền đặt trước"] = "30 %"  # a deposit of 30 % (row 10 is an auction)
    rows.append(
        {**rows[4], "Tên tài sản": "Tài sản khác", "Giá khởi điểm (đồng)": 990_000_000}
    )  # a duplicate
    book = Workbook()
    book.active.title = "Thông báo"
    write_notices(book.active, rows)
    book.save(path)
    return path


def test_five_bad_rows_are_refused_with_sheet_row_and_column(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    before = tree_hash(project)
    assert run(project, "notices", str(_bad_export(tmp_path / "loi.xlsx"))) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "trang tính 'Thông báo'" in line]
    assert len(errors) == 5, errors
    expected = {  # data starts on row 6: title, empty row, two header rows, column numbers
        7: ("cột J (Giá khởi điểm (đồng))", "không phải số tiền"),
        8: ("cột E (Ngày đăng)", "không có"),
        9: ("cột D (Đơn vị)", "Mẫu Sơn"),
        16: ("cột L (Tiền đặt trước)", "30,0%"),
        18: ("cột B (Số hồ sơ)", "trùng với dòng 10"),
    }
    for line, (row, (column, words)) in zip(errors, sorted(expected.items()), strict=True):
        assert f"dòng {row}, {column}" in line and words in line, line
    assert tree_hash(project) == before


def _debtor_csv(rows: list[list[object]]) -> str:
    lines = [",".join(f'"{heading}"' for heading in DEBTOR_HEADINGS[1:])]
    for row in rows:
        cells = [str(c) if not isinstance(c, dt.date) else f"{c:%d/%m/%Y}" for c in row[1:9]] + [row[9] or ""]
        lines.append(",".join(f'"{cell}"' for cell in cells))
    return "\r\n".join(lines) + "\r\n\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "windows-1258"])
def test_debtor_csv_in_each_encoding(tmp_path, encoding):
    project = make_project(tmp_path / "project")
    portal, _ = data.load(project / "data")
    rows = [row[:8] + [dt.date(2025, 9, 1) + dt.timedelta(days=row[0]), None] for row in debtor_rows(10)]
    text = _debtor_csv(rows)
    path = tmp_path / "nguoi-phai-tha.csv"
    path.write_bytes(cp1258(text) if encoding == "windows-1258" else text.encode(encoding))
    plan = import_file("debtors", path, portal, project)
    assert plan.ok, [p.format() for p in plan.problems]
    written = {change.path.name: change.text for change in plan.changes}
    assert sorted(written) == [f"khu-vuc-{n}.csv" for n in range(1, 6)]
    assert all(row[2] in written[f"khu-vuc-{(row[0] - 1) % 5 + 1}.csv"] for row in rows)
    assert "Đinh Văn Sinh Nhập006" in written["khu-vuc-2.csv"]


def test_formula_text_in_csv_is_refused_not_imported(tmp_path):
    project = make_project(tmp_path / "project")
    portal, _ = data.load(project / "data")
    row = debtor_rows(1)[0]
    row[8], row[6] = dt.date(2025, 9, 1), '=HYPERLINK(""http://x"",""bấm"")'
    path = tmp_path / "cong-thuc.csv"
    path.write_text(_debtor_csv([row]), encoding="utf-8")
    plan = import_file("debtors", path, portal, project)
    assert not plan.ok and not plan.changes
    (problem,) = plan.problems
    assert "cột F (Nghĩa vụ chưa thi hành)" in problem.field and "công thức" in problem.message


def test_hidden_sheet_is_read_only_when_named(tmp_path):
    project = make_project(tmp_path / "project")
    portal, _ = data.load(project / "data")
    export = export_workbook(tmp_path / "x.xlsx", notices=3, debtors=5)
    assert import_file("notices", export, portal, project).ok
    hidden = import_file("notices", export, portal, project, sheet="Nháp")
    assert hidden.problems and all("trang tính 'Nháp'" in p.field for p in hidden.problems)
