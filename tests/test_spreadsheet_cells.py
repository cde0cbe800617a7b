"""Published CSV files open in a spreadsheet without running any cell as a formula; the
JSON keeps the text as written; an office's debtor list with a formula cell is refused."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml
from bounded import check_bounded
from conftest import run_build

# What starts a formula in a spreadsheet (OWASP, CSV injection), a line feed too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
HYPERLINK = '=HYPERLINK("http://x","y")'
CMD = "=cmd|' /C calc'!A0"
NOTICES = "content/notices/2026"
PDF = "files/thong-bao/2026/tb-dau-gia-dat-phuong-ky-lua.pdf"


def test_text_that_starts_a_formula_gets_a_quote_and_numbers_stay_numbers():
    from thads_portal.domain.spreadsheet import safe_cell, safe_row

    for text in (HYPERLINK, "+1+1", "@SUM(A1)", "-2+3", "-5", "\t=1+1", "\r=1+1", "\n=1+1"):
        assert safe_cell(text) == "'" + text
    for text in ("Thông báo", "12K1-063.88", "2026-11-20", " =1", "", "a=b"):
        assert safe_cell(text) == text
    assert safe_row([-5, 1.5, 14800000, None, True]) == [-5, 1.5, 14800000, "", "True"]


def _notice(project: Path, name: str, title: str, summary: str, asset: str) -> None:
    fields = {
        "title": title,
        "date": "2026-11-20 08:00",
        "summary": summary,
        "notice_type": "auction",
        "unit": "khu-vuc-1",
        "asset_kind": "movable",
        "asset_category": "vehicle",
        "assets": [{"name": asset, "quantity": "01 chiếc"}],
        "starting_price": 500000000,
        "vat": "excluded",
        "deposit": 50000000,
        "dossier_fee": 200000,
        "viewing": {"from": "2026-12-01 08:00", "to": "2026-12-02 16:00", "place": "Trụ sở"},
        "registration": {"from": "2026-11-21 08:00", "to": "2026-12-04 17:00", "place": "Trụ sở"},
        "auction": {"at": "2026-12-09 09:00", "place": "Trụ sở", "form": "oral", "method": "ascending"},
        "auctioneer": {"name": "Công ty Đấu giá hợp danh Kỳ Lừa", "address": "Lạng Sơn"},
        "round": 1,
        "announcement": 1,
        "attachments": [{"file": PDF, "title": "@Thông báo"}],
    }
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    (project / NOTICES / f"{name}.md").write_text(f"---\n{front}---\nNội dung.\n", encoding="utf-8")


def _csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _no_formula(rows: list[dict], path: Path) -> None:
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), (path.name, column, cell)


def test_open_data_and_statistics_csv_cells_never_start_a_formula(project: Path, tmp_path):
    _notice(project, "cong-thuc-mot", HYPERLINK, "+1+1", "@SUM(A1)")
    _notice(project, "cong-thuc-hai", "-2+3", "@SUM(A1)", HYPERLINK)
    units = project / "data/units.yml"
    name = "  name: Phòng Thi hành án dân sự khu vực 1 – Lạng Sơn\n"
    text = units.read_text(encoding="utf-8")
    assert text.count(name) == 1
    units.write_text(text.replace(name, f"  name: '{HYPERLINK}'\n"), encoding="utf-8")
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode == 0, build.stderr[-3000:]

    path = build.output / "du-lieu/thong-bao.csv"
    rows = {row["slug"]: row for row in _csv_rows(path)}
    _no_formula(list(rows.values()), path)
    records = json.loads((build.output / "du-lieu/thong-bao.json").read_text(encoding="utf-8"))
    records = {record["slug"]: record for record in records["notices"]}
    for slug, title, summary, asset in (
        ("cong-thuc-mot", HYPERLINK, "+1+1", "@SUM(A1)"),
        ("cong-thuc-hai", "-2+3", "@SUM(A1)", HYPERLINK),
    ):
        row, record = rows[slug], records[slug]
        assert (row["title"], row["summary"]) == ("'" + title, "'" + summary)
        assert (record["title"], record["summary"]) == (title, summary)  # JSON: as written
        # Nested fields are flat in the CSV: asset names joined with " | ", each cell neutralized.
        assert row["asset_names"] == "'" + asset and record["assets"][0]["name"] == asset
        assert record["attachments"][0]["title"] == "@Thông báo"
        assert row["starting_price"] == "500000000"

    found = False
    for path in sorted(build.output.glob("thong-ke/*/thong-ke-*.csv")):
        rows = _csv_rows(path)
        _no_formula(rows, path)
        unit = [row for row in rows if row["ma_don_vi"] == "khu-vuc-1"]
        if unit:
            assert {row["don_vi"] for row in unit} == {"'" + HYPERLINK}, path
            assert all(row["viec_tong_so"].isdigit() for row in unit), path
            found = True
    assert found


def _debtor_with_formula(project: Path) -> str:
    path = project / "data/debtors/khu-vuc-1.csv"
    text = path.read_text(encoding="utf-8-sig")
    text = text if text.endswith("\n") else text + "\n"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        csv.writer(handle, lineterminator="\n").writerow(
            [
                CMD,
                "Thôn Nà Sla, xã Đồng Đăng, tỉnh Lạng Sơn",
                "Bản án số 01/2025/DS-ST ngày 02/01/2025 của Tòa án nhân dân huyện Cao Lộc",
                "Quyết định thi hành án số 1/QĐ-CCTHADS ngày 03/02/2025",
                "Trả nợ 10.000.000 đồng",
                "Người phải thi hành án không có tài sản",
                "04/03/2025",
                "",
            ]
        )
    return f"data/debtors/khu-vuc-1.csv:{text.count(chr(10)) + 1}: name: ô ở cột 1 bắt đầu bằng '='"


def test_a_debtor_cell_that_starts_a_formula_fails_the_build_and_the_check(project: Path, tmp_path):
    expected = _debtor_with_formula(project)
    build = run_build(project, tmp_path / "out")
    assert build.returncode == 1
    assert expected in build.stderr, build.stderr[-3000:]
    assert "công thức" in build.stderr
    result, _ = check_bounded(project, timeout=60)
    assert result.returncode == 1
    assert expected in result.stdout, result.stdout[-3000:]
