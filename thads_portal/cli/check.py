#!/usr/bin/env python3
"""Kiểm tra nội dung và dữ liệu mà không dựng trang.

    thads check                      liệt kê mọi lỗi: đường-dẫn:dòng: trường: thông báo
    thads check --json               cùng kết quả, dạng JSON cho công cụ khác
    thads check --fix [TỆP ...]      sửa những lỗi an toàn (bảng mã, BOM, NFC) rồi kiểm tra lại
    thads check --fix-tcvn3 [TỆP]    như --fix, và chuyển các dòng gõ bằng phông TCVN3 sang Unicode
    thads check --fix --encoding windows-1258 TỆP
                                       đọc tệp theo bảng mã đã chỉ rõ (khi chương trình không chắc)

Khi sửa, bản gốc của mỗi tệp được chép vào cache/sao-luu/<ngày-giờ>/ trước khi ghi đè.
Không ghi tên tệp hay thư mục thì sửa cả thư mục nội dung.
Trả về mã 1 khi còn lỗi, 0 khi không còn lỗi nào.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pelican.settings import read_settings

from thads_portal.domain import checker
from thads_portal.domain.problems import display_path

from .site import SETTINGS, site_root


def run_fixes(args, content_root: Path, out) -> list[dict] | None:
    files, refused = checker.files_to_fix(content_root, [Path(p) for p in args.paths])
    for message in refused:
        print(message, file=sys.stderr)
    if refused:
        return None
    fixed = []
    for fix in checker.fix_files(content_root, files, args.fix_tcvn3, args.encoding):
        name = display_path(fix.path, content_root.parent)
        for change in fix.changes:
            print(f"{name}: đã {change}", file=out)
        if fix.refused:
            print(f"{name}: {fix.refused}", file=out)
        if fix.backup:
            print(f"{name}: bản gốc được lưu ở {display_path(fix.backup, content_root.parent)}", file=out)
        if fix.changes or fix.refused:
            backup = display_path(fix.backup, content_root.parent) if fix.backup else None
            fixed.append({"path": name, "changes": fix.changes, "refused": fix.refused, "backup": backup})
    return fixed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="thads check", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", help="tệp hoặc thư mục cần sửa (chỉ dùng với --fix)")
    parser.add_argument("--settings", help="tệp cấu hình (mặc định: pelicanconf.py của trang)")
    parser.add_argument("--content", help="thư mục nội dung, nếu khác content/")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--fix", action="store_true", help="sửa bảng mã, BOM, chữ tổ hợp (NFD)")
    parser.add_argument("--fix-tcvn3", action="store_true", help="sửa như --fix và chuyển chữ TCVN3")
    parser.add_argument(
        "--encoding", choices=["windows-1258", "windows-1252"], help="bảng mã của các tệp cần sửa"
    )
    args = parser.parse_args(argv)
    fixing = args.fix or args.fix_tcvn3
    if (args.paths or args.encoding) and not fixing:
        parser.error("chỉ ghi tên tệp hoặc --encoding khi sửa (--fix hoặc --fix-tcvn3)")
    if args.encoding and not args.paths:
        parser.error("--encoding cần tên các tệp cần đọc theo bảng mã đó")
    settings = read_settings(args.settings or str(site_root() / SETTINGS))
    if args.content:
        settings["PATH"] = str(Path(args.content).resolve())
    content_root = Path(settings["PATH"])
    out = sys.stderr if args.json else sys.stdout
    fixed = run_fixes(args, content_root, out) if fixing else []
    if fixed is None:
        return 2
    result = checker.check_project(settings)
    if args.json:
        report = result.as_dict()
        if fixing:
            report["fixed"] = fixed
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for problem in result.problems:
            print(problem.format())
        if result.rules:
            print(result.rules)
        warnings = len(result.problems) - len(result.errors)
        if result.errors:
            files = len({p.path for p in result.errors})
            print(
                f"Có {len(result.errors)} lỗi trong {files} tệp và {warnings} cảnh báo ({result.files} tệp đã kiểm tra)."
            )
        else:
            print(f"Không có lỗi: {result.files} tệp đã kiểm tra, {warnings} cảnh báo.")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
