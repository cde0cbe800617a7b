#!/usr/bin/env python3
"""Nhịp đăng tin: số tin mỗi tuần so với mục tiêu 3–5 tin, và các bài đã hẹn giờ.

thads cadence            12 tuần gần nhất
thads cadence --weeks 26
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thads_portal.domain import cadence, clock, data
from thads_portal.domain.documents import NEWS, load_document

from .site import site_root


def weeks_count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"số tuần phải là số nguyên từ 1 trở lên, không phải '{value}'")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="thads cadence", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=weeks_count, default=12, help="số tuần gần nhất (từ 1 trở lên)")
    parser.add_argument("--content", help="thư mục nội dung, nếu khác content/ của trang")
    args = parser.parse_args(argv)
    root = site_root()
    args.content = args.content or str(root / "content")
    portal, problems = data.load(root / "data")
    if portal is None:
        print("\n".join(p.format() for p in problems), file=sys.stderr)
        return 1
    now = clock.now()
    published, scheduled, unreadable = [], [], 0
    for path in sorted(Path(args.content).rglob("*.md")):
        document = load_document(path, portal, Path(args.content), None, now.date())
        if document.kind != NEWS:
            continue
        if document.record is None:
            unreadable += 1
            continue
        if document.record.status == "draft":
            continue
        if document.record.date > now:
            scheduled.append((document.record.date, document.record.title))
        else:
            published.append(document.record.date)
    print(cadence.report(published, scheduled, now.date(), args.weeks))
    if unreadable:
        print(f"Có {unreadable} bài lỗi không được tính; chạy thads check để xem.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
