"""thads: dựng, kiểm tra và đăng trang thông tin điện tử của cơ quan thi hành án dân sự.

    thads init <tỉnh> [THƯ-MỤC]   tạo trang mới cho một trong 34 tỉnh, thành phố
    thads new ...                  tạo bài viết hoặc thông báo mới (bản nháp)
    thads check                    kiểm tra nội dung và dữ liệu, không dựng trang
    thads cadence                  nhịp đăng tin mỗi tuần
    thads serve                    dựng và xem trước tại http://127.0.0.1:8000
    thads edit                     xem trước và soạn thảo trên trình duyệt tại /quan-tri/
    thads build                    dựng trang vào output/
    thads publish                  dựng bản phát hành và chuyển trang đang chạy sang bản đó
    thads rollback                 quay lại bản phát hành trước
    thads deploy MÁY-CHỦ           chép bản phát hành lên máy chủ
    thads import LOẠI TỆP          nhập thông báo, danh sách người phải thi hành án, số liệu
                                   thống kê từ tệp xuất .xlsx/.csv của phần mềm quản lý hồ sơ

Chạy trong thư mục của trang (nơi có pelicanconf.py), hoặc ghi 'thads -C THƯ-MỤC <lệnh>'.
'thads <lệnh> --help' cho biết cách dùng từng lệnh.
"""

from __future__ import annotations

import importlib
import os
import sys

from thads_portal import __version__

# Command → module of this package with `main(argv) -> int`, and extra leading arguments.
COMMANDS: dict[str, tuple[str, list[str]]] = {
    "init": ("init", []),
    "new": ("new", []),
    "check": ("check", []),
    "cadence": ("cadence", []),
    "serve": ("serve", []),
    "edit": ("edit", []),
    "build": ("build", []),
    "publish": ("publish", []),
    "rollback": ("publish", ["--rollback"]),
    "deploy": ("deploy", []),
    "import": ("import_cmd", []),
}


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["-C"]:
        if len(arguments) < 2:
            return _usage("thiếu tên thư mục sau -C")
        try:
            os.chdir(arguments[1])
        except OSError as error:
            return _usage(f"không vào được thư mục {arguments[1]}: {error.strerror}")
        arguments = arguments[2:]
    if not arguments or arguments[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if arguments[0] in ("--version", "-V"):
        print(f"thads-portal {__version__}")
        return 0
    if arguments[0] not in COMMANDS:
        return _usage(f"không có lệnh '{arguments[0]}'")
    module_name, leading = COMMANDS[arguments[0]]
    module = importlib.import_module(f"{__package__}.{module_name}")
    return module.main([*leading, *arguments[1:]]) or 0


def _usage(message: str) -> int:
    print(f"thads: {message}.\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
