#!/usr/bin/env python3
"""Đăng trang: dựng bản phát hành mới và chuyển trang đang chạy sang bản đó.

    thads publish              dựng (publishconf.py) vào releases/<mã>/, kiểm tra, chuyển
    thads rollback             quay lại bản phát hành trước

Dựng lỗi, hoặc có địa chỉ đang công khai biến mất mà không có trang chuyển hướng (và không
ghi trong data/removed_urls.yml): dừng lại, trang đang chạy giữ nguyên. Bản phát hành không
còn khớp danh sách tệp của lần dựng (BUILD_FILES) hay SHA256SUMS thì không bao giờ được chuyển
sang. Mỗi lúc chỉ một lần đăng hoặc quay lại được chạy: lần thứ hai dừng ngay, báo tiến trình
đang chạy.
Thư mục các bản phát hành: releases/ (hoặc biến môi trường PORTAL_RELEASES).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from thads_portal.pelican.precompress import compress_tree

from . import release


def exclusively(action) -> int:
    """`action(folder)` holding the releases folder's lock; refused while another holds it."""
    folder = release.releases_folder()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with release.locked(folder):
            return action(folder)
    except release.Busy as busy:
        holder = f"tiến trình {busy.holder}" if busy.holder else "chưa rõ mã tiến trình"
        print(
            f"Một lần đăng hoặc quay lại khác đang chạy ({holder}, khóa {folder / release.LOCK}): "
            "lần này dừng lại, không làm gì; trang đang chạy được giữ nguyên. "
            "Hãy chờ lần kia xong rồi chạy lại.",
            file=sys.stderr,
        )
        return 1


def report_problems(problems: list[str], shown: int = 20) -> None:
    for line in problems[:shown]:
        print(f"  {line}", file=sys.stderr)
    if len(problems) > shown:
        print(f"  … và {len(problems) - shown} chỗ khác.", file=sys.stderr)


def publish(folder: Path) -> int:
    release_id = release.claim(folder)
    target = folder / release_id
    published = False
    try:
        published = build_check_switch(folder, release_id)
    finally:
        if not published:  # the folder claimed for it is this publish's own
            shutil.rmtree(target, ignore_errors=True)
    return 0 if published else 1


def build_check_switch(folder: Path, release_id: str) -> bool:
    target = folder / release_id
    print(f"Dựng bản phát hành {release_id}…", flush=True)
    if not release.build(target):
        print("Dựng trang thất bại: trang đang chạy được giữ nguyên.", file=sys.stderr)
        return False
    live = folder / "live"
    if live.is_symlink():
        missing = release.vanished(live.resolve(), target)
        if missing:
            print(
                "Các địa chỉ sau đang công khai nhưng bản mới không còn (và không có trang chuyển hướng):",
                file=sys.stderr,
            )
            for path in missing:
                print(f"  {path}", file=sys.stderr)
            print(
                "Hãy thêm redirect_from vào bài có địa chỉ mới, hoặc ghi địa chỉ cố ý gỡ bỏ vào "
                "data/removed_urls.yml kèm lý do. Trang đang chạy được giữ nguyên.",
                file=sys.stderr,
            )
            return False
    count = compress_tree(target)
    print(f"Đã nén sẵn {count} tệp (gzip, Brotli) cho máy chủ web.", flush=True)
    release.write_manifest(target)
    problems = release.problems(target)
    if problems:
        print(
            f"Bản phát hành {release_id} không còn như lúc dựng xong ({len(problems)} tệp khác danh "
            f"sách tệp của lần dựng hoặc {release.MANIFEST}; có thể một tiến trình khác đã xóa hay "
            "sửa tệp trong thư mục này): không chuyển trang, trang đang chạy được giữ nguyên.",
            file=sys.stderr,
        )
        report_problems(problems)
        return False
    release.switch(folder, release_id)
    release.prune(folder)
    print(f"Đã đăng: {live} → {release_id}")
    return True


def rollback(folder: Path) -> int:
    previous = folder / "previous"
    if not previous.is_symlink() or not previous.resolve().is_dir():
        print("Không có bản phát hành trước để quay lại.", file=sys.stderr)
        return 1
    target = os.readlink(previous)
    problems = release.problems(previous.resolve())
    if problems:
        print(
            f"Không quay lại bản {target}: bản này không còn như lúc dựng ({len(problems)} tệp khác "
            f"danh sách tệp của lần dựng hoặc {release.MANIFEST}). Trang đang chạy được giữ nguyên; "
            "hãy dựng bản mới bằng 'make publish'.",
            file=sys.stderr,
        )
        report_problems(problems)
        return 1
    listed = release.removed_debtors_listed(previous.resolve())
    if listed:
        print(
            f"Không quay lại bản {target}: bản này còn ghi tên {len(listed)} người phải thi hành án "
            "đã đến ngày gỡ khỏi danh sách chưa có điều kiện thi hành (data/debtors/, cột removed_on). "
            "Hãy dựng bản mới bằng 'make publish'. Trang đang chạy được giữ nguyên.",
            file=sys.stderr,
        )
        return 1
    release.switch(folder, target)
    print(f"Đã quay lại bản {target}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="thads publish", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rollback", action="store_true", help="quay lại bản phát hành trước")
    args = parser.parse_args(argv)
    return exclusively(rollback if args.rollback else publish)


if __name__ == "__main__":
    sys.exit(main())
