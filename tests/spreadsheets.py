"""Exports of the case-management software, made with openpyxl for the import tests: report
titles above multi-row merged headers, a row of column numbers, Excel dates (serials and
date cells), amounts as numbers and as text, a hidden sheet, empty trailing rows."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

UNITS = [f"khu-vuc-{n}" for n in range(1, 6)]
UNIT_NAMES = [f"Phòng Thi hành án dân sự khu vực {n} – Lạng Sơn" for n in range(1, 6)]
SURNAMES = ["Hoàng", "Nông", "Lương", "Vy", "Chu", "Lộc", "Đinh", "Nguyễn", "Triệu", "Mã"]
GIVEN = ["Văn Thắng", "Thị Hằng", "Văn Khiêm", "Thị Duyên", "Văn Phong", "Thị Mây", "Văn Sinh"]

# Notice columns: (banner, sub-heading); an empty banner is one heading over both rows.
NOTICE_COLUMNS = [
    ("STT", ""),
    ("Số hồ sơ", ""),
    ("Loại thông báo", ""),
    ("Đơn vị", ""),
    ("Ngày đăng", ""),
    ("Loại tài sản", ""),
    ("Tài sản", "Tên tài sản"),
    ("Tài sản", "Số lượng, diện tích"),
    ("Tài sản", "Nơi có tài sản"),
    ("Giá khởi điểm (đồng)", ""),
    ("Thuế GTGT", ""),
    ("Tiền đặt trước", ""),
    ("Tiền mua hồ sơ", ""),
    ("Xem tài sản", "Từ ngày"),
    ("Xem tài sản", "Đến ngày"),
    ("Xem tài sản", "Địa điểm"),
    ("Đăng ký tham gia", "Từ ngày"),
    ("Đăng ký tham gia", "Đến ngày"),
    ("Đăng ký tham gia", "Địa điểm"),
    ("Cuộc đấu giá", "Thời gian"),
    ("Cuộc đấu giá", "Địa điểm"),
    ("Cuộc đấu giá", "Hình thức"),
    ("Cuộc đấu giá", "Phương thức"),
    ("Tổ chức đấu giá", ""),
    ("Lần đấu giá", ""),
    ("Nhận hồ sơ", "Từ ngày"),
    ("Nhận hồ sơ", "Đến ngày"),
    ("Nhận hồ sơ", "Địa điểm"),
    ("Tiêu chí lựa chọn", ""),
]
DEBTOR_HEADINGS = [
    "STT",
    "Đơn vị",
    "Họ và tên",
    "Địa chỉ",
    "Bản án, quyết định",
    "Quyết định thi hành án",
    "Nghĩa vụ chưa thi hành",
    "Lý do chưa có điều kiện thi hành",
    "Ngày quyết định về việc chưa có điều kiện thi hành",
    "Ngày rút khỏi danh sách",
]
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def serial(moment: dt.datetime) -> float:
    """A date as Excel stores it in a cell without a date format."""
    return (moment - EXCEL_EPOCH).total_seconds() / 86400


def _header(sheet: Worksheet, columns: list[tuple[str, str]], top: int) -> None:
    """Two header rows: a banner merged over its sub-headings, a lone heading over both rows."""
    start = 0
    while start < len(columns):
        banner, sub = columns[start]
        end = start
        while sub and end + 1 < len(columns) and columns[end + 1][0] == banner:
            end += 1
        sheet.cell(top, start + 1, banner)
        if sub:
            sheet.merge_cells(start_row=top, start_column=start + 1, end_row=top, end_column=end + 1)
            for index in range(start, end + 1):
                sheet.cell(top + 1, index + 1, columns[index][1])
        else:
            sheet.merge_cells(start_row=top, start_column=start + 1, end_row=top + 1, end_column=start + 1)
        start = end + 1
    for index in range(len(columns)):  # the row of column numbers of report templates
        sheet.cell(top + 2, index + 1, f"({index + 1})")


def notice_rows(count: int) -> list[dict[str, object]]:
    """`count` valid notices (auctions, some in two rounds, and selections), some with two assets."""
    rows = []
    for n in range(count):
        day = dt.datetime(2026, 9, 1, 8, 0) + dt.timedelta(days=n % 60)
        unit = n % 5
        case = f"{100 + n}/QĐ-PTHADS"
        kind = ("Bán đấu giá", "Lựa chọn tổ chức đấu giá", "Lựa chọn tổ chức thẩm định giá")[
            n % 3 if n % 10 else 0
        ]
        price = 850_000_000 + n * 1_000_000
        row = {
            "Số hồ sơ": case,
            "Loại thông báo": kind,
            "Đơn vị": UNIT_NAMES[unit],
            "Ngày đăng": day,
            "Loại tài sản": "Nhà đất" if n % 2 else "Ô tô",
            "Tên tài sản": f"Tài sản nhập số {n:03d}",
            "Số lượng, diện tích": "01",
            "Nơi có tài sản": f"Xã {n}, tỉnh Lạng Sơn",
            "Giá khởi điểm (đồng)": price,
        }
        if kind == "Bán đấu giá":
            row.update(
                {
                    "Thuế GTGT": "Không chịu thuế",
                    "Tiền mua hồ sơ": "500.000 đồng",
                    "Tiền đặt trước": "10%" if n % 4 == 0 else f"{price // 10:,}".replace(",", ".") + " đồng",
                    "Xem tài sản/Từ ngày": serial(day + dt.timedelta(days=10)),
                    "Xem tài sản/Đến ngày": f"{(day + dt.timedelta(days=11)):%d/%m/%y} 16:30",
                    "Xem tài sản/Địa điểm": "Tại nơi có tài sản",
                    "Đăng ký tham gia/Từ ngày": day + dt.timedelta(days=1),
                    "Đăng ký tham gia/Đến ngày": f"{(day + dt.timedelta(days=17)):%d/%m/%Y} 17:00",
                    "Đăng ký tham gia/Địa điểm": "Trụ sở tổ chức đấu giá",
                    "Cuộc đấu giá/Thời gian": day + dt.timedelta(days=20, hours=1),
                    "Cuộc đấu giá/Địa điểm": "Hội trường tổ chức đấu giá",
                    "Cuộc đấu giá/Hình thức": "Trực tiếp bằng lời nói",
                    "Cuộc đấu giá/Phương thức": "Trả giá lên",
                    "Tổ chức đấu giá": "Trung tâm Dịch vụ đấu giá tài sản tỉnh Lạng Sơn",
                    "Lần đấu giá": 1,
                }
            )
        else:
            row.update(
                {
                    "Nhận hồ sơ/Từ ngày": day + dt.timedelta(days=1),
                    "Nhận hồ sơ/Đến ngày": day + dt.timedelta(days=7, hours=9),
                    "Nhận hồ sơ/Địa điểm": "Trụ sở đơn vị",
                    "Tiêu chí lựa chọn": "Có năng lực; Có phương án khả thi",
                }
            )
        rows.append(row)
    return rows


def _notice_cells(row: dict[str, object]) -> list[object]:
    cells = []
    for banner, sub in NOTICE_COLUMNS:
        cells.append(row.get(f"{banner}/{sub}" if sub else banner, row.get(sub) if sub else None))
    return cells


def write_notices(sheet: Worksheet, rows: list[dict[str, object]], top: int = 3) -> None:
    sheet.cell(1, 1, "DANH SÁCH THÔNG BÁO ĐẤU GIÁ, LỰA CHỌN TỔ CHỨC")
    _header(sheet, NOTICE_COLUMNS, top)
    for index, row in enumerate(rows):
        cells = _notice_cells(row)
        cells[0] = index + 1
        for column, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(top + 3 + index, column, value)


def debtor_rows(count: int, removed: int = 0) -> list[list[object]]:
    """`count` debtors over the five regional offices; the last `removed` ones with a removal date
    before the tests' day (25/11/2026)."""
    rows = []
    for n in range(count):
        name = f"{SURNAMES[n % 10]} {GIVEN[n % 7]} Nhập{n:03d}"
        decided = dt.datetime(2025, 8, 1) + dt.timedelta(days=n % 400)
        removal = f"{(decided + dt.timedelta(days=30)):%d/%m/%Y}" if n >= count - removed else None
        rows.append(
            [
                n + 1,
                UNIT_NAMES[n % 5],
                name,
                f"Thôn {n}, xã Cao Lộc, tỉnh Lạng Sơn",
                f"Bản án số {n}/2025/DS-ST ngày 15/03/2025 của Tòa án nhân dân khu vực 1 – Lạng Sơn",
                f"Quyết định thi hành án số {500 + n}/QĐ-PTHADS ngày 02/05/2025 của Phòng THADS khu vực {n % 5 + 1}",
                f"Trả nợ số tiền {n + 1}.000.000 đồng",
                "Người phải thi hành án không có tài sản, không có thu nhập để thi hành án",
                serial(decided) if n % 2 else decided,
                removal,
            ]
        )
    return rows


def write_debtors(sheet: Worksheet, rows: list[list[object]]) -> None:
    sheet.append(["DANH SÁCH NGƯỜI PHẢI THI HÀNH ÁN CHƯA CÓ ĐIỀU KIỆN THI HÀNH"])
    sheet.append([])
    sheet.append(DEBTOR_HEADINGS)
    for row in rows:
        sheet.append(row)


STATISTICS_UNITS = [  # unit, cases total/enforceable/completed, money (nghìn đồng) total/enforceable/completed
    ("Phòng THADS khu vực 1", 1500, 1200, 1050, 180_000_000, 110_000_000, 52_000_000),
    ("Phòng THADS khu vực 2", 420, 350, 301, 45_000_000, 30_000_000, 13_500_000),
    ("Phòng THADS khu vực 3", 380, 320, 280, 40_000_000, 26_000_000, 12_100_000),
    ("Phòng THADS khu vực 4", 760, 610, 530, 90_000_000, 60_000_000, 27_700_000),
    ("Phòng THADS khu vực 5", 640, 515, 447, 70_000_000, 48_000_000, 21_400_000),
    ("THADS tỉnh", 240, 180, 152, 150_000_000, 95_000_000, 41_250_000),
]


def write_statistics(sheet: Worksheet, year: int = 2026, months: int = 12) -> None:
    sheet.cell(1, 1, f"KẾT QUẢ THI HÀNH ÁN DÂN SỰ {months} THÁNG NĂM {year}")
    sheet.cell(2, 1, "(Đơn vị tiền: nghìn đồng)")
    columns = [
        ("Đơn vị", ""),
        *(
            (banner, sub)
            for banner in ("Về việc", "Về tiền")
            for sub in ("Tổng số", "Có điều kiện thi hành", "Thi hành xong")
        ),
    ]
    _header(sheet, columns, 4)
    row = 7
    for entry in STATISTICS_UNITS:
        for column, value in enumerate(entry, start=1):
            sheet.cell(row, column, value)
        row += 1
    totals = [sum(entry[i] for entry in STATISTICS_UNITS) for i in range(1, 7)]
    for column, value in enumerate(["Toàn tỉnh", *totals], start=1):
        sheet.cell(row, column, value)


def export_workbook(path: Path, notices: int = 200, debtors: int = 500, removed: int = 20) -> Path:
    """One workbook as the software exports it: notices, debtors, statistics, and a hidden sheet
    (with a header like the notices' and a row that would fail) that must not be read."""
    book = Workbook()
    write_notices(book.active, notice_rows(notices))
    book.active.title = "Thông báo"
    write_debtors(book.create_sheet("Người phải THA"), debtor_rows(debtors, removed))
    write_statistics(book.create_sheet("Biểu 01"))
    hidden = book.create_sheet("Nháp")
    write_notices(hidden, [{"Số hồ sơ": "ẨN", "Loại thông báo": "???", "Ngày đăng": "không phải ngày"}])
    hidden.sheet_state = "hidden"
    for sheet in book.worksheets:
        for extra in range(3):  # formatted but empty rows at the end, as exports leave them
            sheet.cell(sheet.max_row + 1 + extra, 1).number_format = "@"
    book.save(path)
    return path


def cp1258(text: str) -> bytes:
    """Text in Windows-1258: letters it lacks precomposed are written as letter + tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        vowel = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0306\u0302\u031b"))
        out += vowel.encode("cp1258")
        out += "".join(m for m in marks if m not in "\u0306\u0302\u031b").encode("cp1258")
    return bytes(out)
