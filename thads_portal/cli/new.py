#!/usr/bin/env python3
"""Tạo bài viết hoặc thông báo mới, đủ mọi trường và lời chú thích.

    thads new news "Tiêu đề bài viết"
    thads new notice auction "Thông báo bán đấu giá quyền sử dụng đất tại xã Cao Lộc"
    thads new notice auctioneer_selection "Tiêu đề"
    thads new notice valuer_selection "Tiêu đề"

Tệp mới ở dạng bản nháp (status: draft). Không bao giờ ghi đè tệp đã có.
"""

from __future__ import annotations

import sys

from thads_portal.domain import clock, data
from thads_portal.domain.problems import display_path
from thads_portal.domain.scaffold import NOTICE_KINDS, new_file

from .site import site_root


def main(arguments: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if arguments is None else arguments
    if len(arguments) == 2 and arguments[0] == "news":
        kind, title = "news", arguments[1]
    elif len(arguments) == 3 and arguments[0] == "notice" and arguments[1] in NOTICE_KINDS:
        kind, title = arguments[1], arguments[2]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    root = site_root()
    portal, problems = data.load(root / "data")
    if portal is None:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return 1
    try:
        path = new_file(kind, title, portal, root / "content", clock.now())
    except FileExistsError as error:
        print(
            f"Đã có tệp {display_path(error.filename, root)}; không ghi đè. Hãy đổi tiêu đề.", file=sys.stderr
        )
        return 1
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Đã tạo {display_path(path, root)} (bản nháp). Điền các trường, rồi chạy thads check.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
