"""The notices CSV is flat for spreadsheets (one plain value a cell, columns in a stated
order, documented on the open data page); the JSON stays nested."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import yaml
from conftest import SITE

# The contract: the columns people filter on come first, in this order.
FIRST_COLUMNS = [
    "title",
    "notice_type_label",
    "status_label",
    "unit",
    "unit_name",
    "auction_at",
    "auction_place",
    "registration_deadline",
    "starting_price",
    "deposit",
    "dossier_fee",
    "asset_names",
    "asset_locations",
]
DATE_COLUMNS = (
    "auction_at",
    "registration_deadline",
    "viewing_from",
    "viewing_to",
    "registration_from",
    "posted_at",
    "modified_at",
)
SPREADSHEET_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _csv(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    return _csv(path.read_text(encoding="utf-8-sig"))


def _spreadsheet_time(iso: str | None) -> str:
    if not iso:
        return ""
    moment = dt.datetime.fromisoformat(iso)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


def _is_json_container(cell: str) -> bool:
    try:
        return isinstance(json.loads(cell), dict | list)
    except ValueError:
        return False


def test_notices_csv_is_flat_ordered_and_matches_the_json(site):
    header, rows = _read_csv(site.output / "du-lieu/thong-bao.csv")
    notices = json.loads((site.output / "du-lieu/thong-bao.json").read_text(encoding="utf-8"))["notices"]
    assert header[: len(FIRST_COLUMNS)] == FIRST_COLUMNS
    assert len(header) == len(set(header)) and all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in header)
    assert len(rows) == len(notices) > 0

    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("{", "[")), (column, cell)
            assert not _is_json_container(cell), (column, cell)
            assert not cell.startswith(FORMULA_STARTS), (column, cell)
        for column in DATE_COLUMNS:
            assert row[column] == "" or SPREADSHEET_TIME.match(row[column]), (column, row[column])

    units = {
        unit["id"]: unit["name"] for unit in yaml.safe_load((SITE / "data/units.yml").read_text("utf-8"))
    }
    by_url = {row["url"]: row for row in rows}
    assert len(by_url) == len(rows)
    auctions = 0
    for notice in notices:
        row = by_url[notice["url"]]
        price = notice["starting_price"]
        assert row["starting_price"] == ("" if price is None else str(price)), notice["slug"]
        assert (row["unit"], row["unit_name"]) == (notice["unit"], units[notice["unit"]])
        at = (notice["auction"] or {}).get("at")
        assert row["auction_at"] == _spreadsheet_time(at), notice["slug"]
        assert row["posted_at"] == _spreadsheet_time(notice["date"])
        assert row["status"] == notice["status"] and row["slug"] == notice["slug"]
        assert row["title"] == notice["title"]
        # The JSON stays nested and faithful.
        assert isinstance(notice["assets"], list) and isinstance(notice["attachments"], list)
        assert row["asset_names"] == " | ".join(asset["name"] for asset in notice["assets"])
        if at:
            auctions += 1
            assert row["starting_price"].isdigit()
            assert isinstance(notice["auction"], dict) and row["auction_place"] == notice["auction"]["place"]
            assert row["registration_deadline"] == _spreadsheet_time(notice["registration"]["to"])
            assert row["notice_type_label"] == "Thông báo bán đấu giá tài sản"
    assert auctions > 0


def test_open_data_page_documents_every_csv_column_in_order(site):
    header, _ = _read_csv(site.output / "du-lieu/thong-bao.csv")
    page = site.html("du-lieu/")
    documented = [th.get_text(strip=True) for th in page.select("#csv-columns tbody th")]
    assert documented == header
    meanings = [td.get_text(strip=True) for td in page.select("#csv-columns tbody td")]
    assert len(meanings) == len(header) and all(meanings)
    assert "YYYY-MM-DD HH:MM" in page.get_text()


def test_flat_cells_keep_formula_neutralization_and_asset_alignment(tmp_path):
    from thads_portal.domain.notices import Notice
    from thads_portal.pelican.notices.open_data import write_open_data
    from thads_portal.pelican.notices.open_data_csv import joined, when

    assert joined(["a", "", "c"]) == "a |  | c" and joined(["", ""]) == "" and joined([]) == ""
    moment = dt.datetime(2026, 12, 9, 2, 0, tzinfo=dt.UTC)
    assert when(moment) == "2026-12-09 09:00" and when(moment.replace(second=5)) == "2026-12-09 09:00:05"

    record = Notice.model_validate(
        {
            "title": '=HYPERLINK("http://x","y")',
            "date": "2026-11-20 08:00",
            "notice_type": "auction",
            "unit": "khu-vuc-1",
            "asset_kind": "movable",
            "asset_category": "vehicle",
            "assets": [{"name": "@SUM(A1)", "location": "-1"}, {"name": "Xe tải", "quantity": "01 chiếc"}],
            "starting_price": 500000000,
            "vat": "excluded",
            "deposit": 50000000,
            "dossier_fee": 200000,
            "registration": {"from": "2026-11-21 08:00", "to": "2026-12-04 17:00", "place": "+Trụ sở"},
            "auction": {"at": "2026-12-09 09:00", "place": "Trụ sở", "form": "oral", "method": "ascending"},
            "attachments": [{"file": "files/a.pdf", "title": "=1+1"}],
            "legal_exceptions": {"deposit_range": "Đã được chấp thuận"},
        }
    )
    notice = SimpleNamespace(
        record=record,
        slug="cong-thuc",
        url="thong-bao/cong-thuc/",
        status="open",
        status_label="Đang nhận hồ sơ",
        facts=SimpleNamespace(unit_name="=cmd|' /C calc'!A0"),
    )
    write_open_data(tmp_path, [notice], "https://example.gov.vn")
    header, rows = _read_csv(tmp_path / "du-lieu/thong-bao.csv")
    (row,) = rows
    for column, cell in row.items():
        assert not cell.startswith(FORMULA_STARTS) and not _is_json_container(cell), (column, cell)
    assert row["title"] == "'" + record.title and row["unit_name"] == "'=cmd|' /C calc'!A0"
    assert row["asset_names"] == "'@SUM(A1) | Xe tải" and row["asset_locations"] == "'-1 | "
    assert row["asset_quantities"] == " | 01 chiếc" and row["registration_place"] == "'+Trụ sở"
    assert row["attachment_titles"] == "'=1+1"
    assert row["attachment_urls"] == "https://example.gov.vn/files/a.pdf"
    assert row["legal_exceptions"] == "deposit_range: Đã được chấp thuận"
    assert (row["starting_price"], row["deposit"], row["dossier_fee"]) == ("500000000", "50000000", "200000")
    assert (row["auction_at"], row["registration_deadline"]) == ("2026-12-09 09:00", "2026-12-04 17:00")
    assert (row["auction_form_label"], row["status_label"]) == (
        "Đấu giá trực tiếp bằng lời nói tại cuộc đấu giá",
        "Đang nhận hồ sơ",
    )
    data = json.loads((tmp_path / "du-lieu/thong-bao.json").read_text(encoding="utf-8"))
    assert data["notices"][0]["title"] == record.title  # the JSON keeps the text as written
    assert data["notices"][0]["assets"][0]["name"] == "@SUM(A1)"
