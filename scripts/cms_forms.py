"""Driving the editing interface (/quan-tri/) in Chromium as an editor does: pick a choice,
fill an auction notice's required fields, upload through the media library, publish.
Used by the browser tests (tests/test_cms_browser.py) and the guide's screenshots
(scripts/cms_screenshots.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def moment(day: dt.date, days: int, clock: str = "08:00") -> str:
    """A datetime-local value, `days` after `day`."""
    return f"{(day + dt.timedelta(days=days)).isoformat()}T{clock}"


def choose(page, label: str, option: str) -> None:
    page.get_by_label(label).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def fill_auction(
    page, address: str, day: dt.date, title: str, *, price: int, deposit: int, auction_days: int, kind: str
) -> None:
    """Every required field of an auction notice, through the form, posted on `day`."""
    page.goto(address + "#/collections/dau-gia/new")
    page.get_by_label("Tiêu đề", exact=True).fill(title)
    choose(page, "Trạng thái đăng", "Đăng công khai")
    page.get_by_label("Ngày giờ đăng").fill(moment(day, 0, "08:00"))
    choose(page, "Đơn vị đăng thông báo", "Thi hành án dân sự tỉnh Lạng Sơn (thads-lang-son)")
    choose(page, "Loại tài sản", kind)
    choose(page, "Nhóm tài sản", "Phương tiện giao thông")
    page.get_by_role("button", name="Thêm tài sản").click()
    page.get_by_label("Tên tài sản").fill("Xe ô tô tải Hyundai biển kiểm soát 12C-045.67")
    page.get_by_label("Số lượng, diện tích").fill("01 chiếc")
    page.get_by_label("Giá khởi điểm (đồng)").fill(str(price))
    choose(page, "Thuế giá trị gia tăng", "Tài sản không thuộc đối tượng chịu thuế giá trị gia tăng")
    page.get_by_label("Tiền đặt trước (đồng)").fill(str(deposit))
    page.get_by_label("Tiền mua hồ sơ (đồng)").fill("500000")
    page.get_by_label("Xem từ").fill(moment(day, 1, "08:00"))
    page.get_by_label("Xem đến").fill(moment(day, 2, "16:00"))
    page.get_by_label("Nhận đăng ký từ").fill(moment(day, 0, "09:00"))
    page.get_by_label("Hạn đăng ký").fill(moment(day, auction_days - 3, "17:00"))
    page.get_by_label("Thời điểm đấu giá").fill(moment(day, auction_days, "09:00"))
    page.get_by_label("Địa điểm đấu giá").fill("Trụ sở Thi hành án dân sự tỉnh Lạng Sơn")
    choose(page, "Hình thức đấu giá", "Đấu giá trực tiếp bằng lời nói tại cuộc đấu giá")
    choose(page, "Phương thức đấu giá", "Phương thức trả giá lên")
    page.get_by_label("Tên tổ chức đấu giá").fill("Công ty Đấu giá hợp danh Lạng Sơn")


def upload(page, button: str, path: Path) -> None:
    """A file through the media library: upload, then take it."""
    page.get_by_role("button", name=button).click()
    page.locator("input[type=file]").first.set_input_files(str(path))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()


def publish(page) -> None:
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_role("menuitem", name="Công bố ngay").click()
