"""New content files with every field of their type and a short Vietnamese comment each.

A new file starts as a draft (`status: draft`): it is shown in the preview, never
published, until the editor removes that line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .data import PortalData
from .text import slugify

NOTICE_KINDS = ("auction", "auctioneer_selection", "valuer_selection")

_COMMON = """\
title: {title}
date: {now}   # ngày giờ đăng (giờ Việt Nam); ngày trong tương lai = hẹn giờ đăng
status: draft   # bản nháp: chỉ hiện khi xem trước. XÓA DÒNG NÀY khi bài đã sẵn sàng đăng
summary: ""   # một, hai câu tóm tắt, hiện trong danh sách và nguồn tin
"""

NEWS = """\
category: {category}   # chuyên mục, một trong: {categories}
tags: []   # từ khóa, ví dụ: [cải cách hành chính, chuyển đổi số]
author: ""   # để trống: {default_author}
image: ""   # ảnh đại diện trong content/images/, ví dụ: images/tin-tuc/{year}/hoi-nghi.jpg
image_alt: ""   # mô tả ảnh cho người khiếm thị (bắt buộc khi có ảnh)
"""

NOTICE = """\
notice_type: {kind}   # auction | auctioneer_selection | valuer_selection
unit: ""   # mã đơn vị đăng thông báo: {units}
asset_kind: ""   # real_estate (bất động sản) | movable (động sản)
asset_category: ""   # land | house | vehicle | machinery | goods | other; nhiều loại: [house, land]
assets:   # tài sản; mỗi tài sản một mục bắt đầu bằng "- name:"
  - name: ""   # tên tài sản (bắt buộc)
    quantity: ""   # số lượng, diện tích
    quality: ""   # chất lượng, hiện trạng
    location: ""   # nơi có tài sản
    papers: ""   # giấy tờ về quyền sở hữu, sử dụng
starting_price:    # giá khởi điểm, số nguyên, đồng, không dấu chấm: 1250000000
"""

AUCTION = """\
vat: ""   # included (đã gồm VAT) | excluded (chưa gồm) | not_applicable (không chịu thuế)
deposit:    # tiền đặt trước, đồng (5%–20% giá khởi điểm)
dossier_fee:    # tiền mua hồ sơ, đồng
viewing: {{from: , to: , place: ""}}   # xem tài sản: từ, đến (ngày giờ), địa điểm
registration: {{from: , to: , place: "", conditions: ""}}   # bán hồ sơ, nhận đăng ký
auction: {{at: , place: "", form: oral, method: ascending}}   # form: oral | direct_ballot | indirect_ballot | online; method: ascending | descending
auctioneer: {{name: "", address: ""}}   # tổ chức đấu giá tài sản
round: 1   # lần đấu giá
announcement: 1   # lần thông báo công khai
"""

SELECTION = """\
application: {{from: , to: , place: "", method: ""}}   # nhận hồ sơ: từ, đến (hạn cuối), nơi nhận, cách nộp
criteria:   # tiêu chí lựa chọn, mỗi tiêu chí một dòng
  - ""
"""

TAIL = """\
previous: ""   # địa chỉ (tên tệp, không có .md) của thông báo trước: lần đấu trước, bản bị đính chính
status_reason: ""   # lý do khi status là cancelled (hủy) hoặc postponed (hoãn)
attachments: []   # tệp kèm theo, ví dụ: [{{file: files/thong-bao/{year}/thong-bao.pdf, title: "Bản có chữ ký"}}]
national_portal_url: ""   # địa chỉ thông báo này trên Cổng thông tin điện tử quốc gia về đấu giá tài sản
legal_exceptions: {{}}   # mã quy định → lý do được lãnh đạo chấp thuận khi không đáp ứng
"""

OPTIONAL = """\
# Không bắt buộc: bỏ dấu '#' ở đầu dòng để dùng.
# slug: dia-chi-rieng   # địa chỉ riêng (chữ thường không dấu, nối bằng '-'); không ghi: theo tên tệp
# modified: 2026-11-30 15:00   # ngày giờ sửa đổi quan trọng sau khi đăng
# redirect_from: [/tin-tuc/dia-chi-cu/]   # địa chỉ cũ của trang (khi đã đổi tên tệp), vẫn dẫn về đây
"""

BODY = "Nội dung {what} viết ở đây (Markdown). Xem hướng dẫn: docs/huong-dan-bien-tap.md\n"


def quoted(value: str) -> str:
    """A YAML double-quoted scalar: backslashes, quotes and colons kept exactly."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**6).rstrip("\n")


def _now(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def news_text(title: str, portal: PortalData, moment: dt.datetime) -> str:
    categories = ", ".join(category.name for category in portal.categories)
    front = _COMMON.format(title=quoted(title), now=_now(moment)) + NEWS.format(
        category=portal.categories[0].name,
        categories=categories,
        default_author=portal.site.default_author,
        year=moment.year,
    )
    return f"---\n{front}{OPTIONAL}---\n{BODY.format(what='bài viết')}"


def notice_text(kind: str, title: str, portal: PortalData, moment: dt.datetime) -> str:
    units = ", ".join(unit.id for unit in portal.units.values() if unit.valid_on(moment.date()))
    front = _COMMON.format(title=quoted(title), now=_now(moment))
    front += NOTICE.format(kind=kind, units=units)
    front += (AUCTION if kind == "auction" else SELECTION).format()
    front += TAIL.format(year=moment.year)
    return f"---\n{front}{OPTIONAL}---\n{BODY.format(what='thông báo')}"


def new_file(kind: str, title: str, portal: PortalData, content_root: Path, moment: dt.datetime) -> Path:
    """Write the new file and return its path; FileExistsError if it already exists."""
    slug = slugify(title)
    if not slug:
        raise ValueError("Tiêu đề cần có chữ hoặc số.")
    if kind == "news":
        path = content_root / "news" / str(moment.year) / f"{slug}.md"
        text = news_text(title, portal, moment)
    elif kind in NOTICE_KINDS:
        path = content_root / "notices" / str(moment.year) / f"{slug}.md"
        text = notice_text(kind, title, portal, moment)
    else:
        raise ValueError(f"Loại '{kind}' không có; chọn news hoặc notice {'|'.join(NOTICE_KINDS)}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path
