"""Dựng trang vào output/ (hoặc thư mục chỉ định), như lệnh xem trước nhưng không phục vụ.

    thads build                  bản xem trước (pelicanconf.py), có bộ nhớ đệm ở cache/
    thads build --publish        bản công khai (publishconf.py): không có bản nháp
    thads build --output THƯ-MỤC

Dựng lỗi thì in mọi lỗi và giữ nguyên trang đã dựng lần trước.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pelican

from .site import PUBLISH_SETTINGS, SETTINGS, site_root

# Pelican's content cache and the page cache (in the site's cache/noi-dung) skip what did
# not change; releases (thads publish) are always built from scratch.
CACHED = ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="thads build", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", default="output", help="thư mục kết quả (mặc định output/)")
    parser.add_argument("--publish", action="store_true", help="dựng bản công khai (publishconf.py)")
    parser.add_argument("--no-cache", action="store_true", help="dựng lại toàn bộ, không dùng bộ nhớ đệm")
    args = parser.parse_args(argv)
    root = site_root()
    settings = root / (PUBLISH_SETTINGS if args.publish else SETTINGS)
    output = (root / args.output).resolve() if not Path(args.output).is_absolute() else Path(args.output)
    cache = json.dumps(str(root / "cache" / "noi-dung"))
    options = [] if args.no_cache or args.publish else ["-e", *CACHED, f"CACHE_PATH={cache}"]
    # Pelican's own entry point: its exit status is that of the strict build.
    pelican.main([str(root / "content"), "-s", str(settings), "-o", str(output), *options])
    return 0
