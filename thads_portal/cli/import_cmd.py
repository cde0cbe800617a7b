"""Nhập thông báo, danh sách người phải thi hành án và số liệu thống kê từ tệp xuất (.xlsx,
.csv) của phần mềm quản lý hồ sơ thi hành án.

    thads import notices thong-bao.xlsx --dry-run
    thads import debtors danh-sach.csv --unit khu-vuc-1
    thads import statistics bao-cao.xlsx --period 12/2026
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thads_portal.domain import data
from thads_portal.domain.importing import KINDS, MappingError, import_file, write
from thads_portal.domain.importing.statistics import parse_period
from thads_portal.domain.problems import sort_problems

from .site import site_root


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thads import",
        description="Nhập dữ liệu từ tệp xuất .xlsx hoặc .csv (UTF-8, UTF-8 có BOM, Windows-1258) của "
        "phần mềm quản lý hồ sơ thi hành án. Có lỗi ở bất kỳ dòng nào thì không ghi gì.",
    )
    parser.add_argument(
        "kind",
        choices=list(KINDS),
        help="notices: thông báo đấu giá, lựa chọn tổ chức; debtors: người phải thi hành án chưa có "
        "điều kiện thi hành; statistics: kết quả thi hành án theo kỳ báo cáo",
    )
    parser.add_argument("file", type=Path, help="tệp xuất (.xlsx hoặc .csv)")
    parser.add_argument("--sheet", help="tên trang tính cần đọc (mặc định: mọi trang tính đang hiện)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ tạo, sửa gì; không ghi tệp")
    parser.add_argument("--unit", help="mã đơn vị (data/units.yml) khi tệp xuất không có cột đơn vị")
    parser.add_argument("--period", help="kỳ báo cáo thống kê, ví dụ 12/2026 (12 tháng năm 2026) hoặc 6/2026")
    parser.add_argument(
        "--root", type=Path, help="thư mục dự án (có content/ và data/); mặc định: thư mục hiện tại"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    root = arguments.root.resolve() if arguments.root else site_root()
    if not (root / "data").is_dir():
        print(
            f"Không thấy thư mục data/ trong {root}; hãy chạy lệnh trong thư mục dự án hoặc dùng --root.",
            file=sys.stderr,
        )
        return 2
    period = None
    if arguments.period:
        period = parse_period(arguments.period)
        if period is None:
            print(
                f"Kỳ báo cáo '{arguments.period}' không hợp lệ; ví dụ 3/2026, 6/2026, 10/2026, 12/2026.",
                file=sys.stderr,
            )
            return 2
    portal, problems = data.load(root / "data")
    if portal is None:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return 1
    try:
        plan = import_file(
            arguments.kind, arguments.file.resolve(), portal, root, arguments.sheet, arguments.unit, period
        )
    except MappingError as error:
        print(error, file=sys.stderr)
        return 2
    if not plan.ok:
        for problem in sort_problems(plan.problems):
            print(problem.format(), file=sys.stderr)
        print(f"Có {len(plan.problems)} lỗi; chưa ghi tệp nào. Sửa tệp xuất rồi chạy lại.", file=sys.stderr)
        return 1
    for note in plan.notes:
        print(f"Lưu ý: {note}")
    if not arguments.dry_run:
        write(plan)
    print("\n".join(plan.summary(root, arguments.dry_run)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
