#!/usr/bin/env python3
"""Chép một bản phát hành lên máy chủ bằng rsync, kiểm tra tổng kiểm (SHA256SUMS) rồi mới
chuyển trang đang chạy sang bản đó.

    thads deploy nguoidung@may-chu:/srv/thads          bản đang chạy ở releases/live
    thads deploy /srv/thads --release 20261125T080000Z-abc1234

Trên máy chủ: /srv/thads/releases/<mã>/ và liên kết /srv/thads/live (xem deploy/nginx.conf).
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys

from . import release


def run_there(target: str, command: str) -> subprocess.CompletedProcess:
    """Run a shell command on the server (`host:path`) or here (a local path)."""
    if ":" in target:
        host = target.split(":", 1)[0]
        return subprocess.run(["ssh", host, command], capture_output=True, text=True)
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="thads deploy", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", help="máy-chủ:/thư-mục hoặc /thư-mục")
    parser.add_argument("--release", help="mã bản phát hành (mặc định: bản đang chạy ở đây)")
    args = parser.parse_args(argv)
    folder = release.releases_folder()
    release_id = args.release or os.readlink(folder / "live")
    source = folder / release_id
    if not (source / release.MANIFEST).is_file():
        print(f"Không có bản phát hành {release_id} (thiếu {release.MANIFEST}).", file=sys.stderr)
        return 1
    base = args.target.split(":", 1)[1] if ":" in args.target else args.target
    remote_release = f"{base.rstrip('/')}/releases/{release_id}"
    prefix = args.target.split(":", 1)[0] + ":" if ":" in args.target else ""
    run_there(args.target, f"mkdir -p {shlex.quote(remote_release)}")
    print(f"Chép {release_id} lên {args.target}…", flush=True)
    copied = subprocess.run(
        ["rsync", "-a", "--delete", "--checksum", f"{source}/", f"{prefix}{remote_release}/"],
        capture_output=True,
        text=True,
    )
    if copied.returncode != 0:
        print(f"rsync lỗi: {copied.stderr.strip()}", file=sys.stderr)
        return 1
    checked = run_there(
        args.target, f"cd {shlex.quote(remote_release)} && sha256sum --check --quiet {release.MANIFEST}"
    )
    if checked.returncode != 0:
        print("Tổng kiểm trên máy chủ không khớp; không chuyển trang:", file=sys.stderr)
        print(checked.stdout + checked.stderr, file=sys.stderr)
        return 1
    live, previous = f"{base.rstrip('/')}/live", f"{base.rstrip('/')}/previous"
    switch = (
        f'if [ -L {live} ]; then ln -sfn "$(readlink {live})" {previous}.new && mv -T {previous}.new {previous}; fi; '
        f"ln -sfn releases/{release_id} {live}.new && mv -T {live}.new {live}"
    )
    switched = run_there(args.target, switch)
    if switched.returncode != 0:
        print(f"Không chuyển được trang: {switched.stderr.strip()}", file=sys.stderr)
        return 1
    print(f"Đã chuyển {args.target} sang {release_id} (tổng kiểm khớp).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
