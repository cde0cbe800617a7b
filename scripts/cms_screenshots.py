"""Screenshots of each step of the editing interface for the editors' guide
(docs/soan-thao-tren-trinh-duyet.md), taken in Chromium from `thads edit` over a copy of the
example site. Run again after the interface changes:

    python scripts/cms_screenshots.py [--out docs/images/quan-tri]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.cms_forms import fill_auction, publish, upload  # noqa: E402

EXAMPLE = ROOT / "sites" / "lang-son"
THADS = str(Path(sys.executable).parent / "thads")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def shoot(page, out: Path, name: str) -> None:
    """A JPEG of the window (small enough to keep in the repository)."""
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    image.save(out / f"{name}.jpg", quality=78, optimize=True)
    print(f"{out.relative_to(ROOT)}/{name}.jpg")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "images" / "quan-tri"))
    out = Path(parser.parse_args().out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("output", "cache", "releases"))
        server = subprocess.Popen(
            [THADS, "edit", "--no-watch", "--port", "0"],
            cwd=site,
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ,
        )
        try:
            address = next(
                found.group(1)
                for line in server.stdout
                if (found := re.search(r"(http://\S+/quan-tri/)", line))
            )
            take(address, site, out, Path(folder))
        finally:
            server.terminate()
            server.wait(timeout=20)
    return 0


def take(address: str, site: Path, out: Path, folder: Path) -> None:
    today = dt.date.today()
    scan, photo = folder / "thong-bao-co-chu-ky.pdf", folder / "xe-tai.jpg"
    Image.new("RGB", (600, 800), "white").save(scan)
    Image.new("RGB", (800, 500), (40, 90, 150)).save(photo)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(
            locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 800}
        )
        page.goto(address)
        page.get_by_role("button", name="Đăng nhập").wait_for()
        shoot(page, out, "01-dang-nhap")
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Bộ sưu tập").wait_for()
        shoot(page, out, "02-danh-sach")
        title = "Thông báo bán đấu giá xe ô tô tải tại Cao Lộc"
        fill_auction(
            page,
            address,
            today,
            title,
            price=1_250_000_000,
            deposit=312_500_000,
            auction_days=6,
            kind="Động sản",
        )
        page.locator("[data-slate-editor]").first.click()
        page.keyboard.type("Thi hành án dân sự tỉnh Lạng Sơn thông báo bán đấu giá tài sản sau.")
        page.frame_locator("#preview-pane").locator(".preview-checks").wait_for()
        page.wait_for_timeout(1500)
        page.evaluate("window.scrollTo(0, 0)")
        shoot(page, out, "03-kiem-tra-khi-soan")
        publish(page)
        page.get_by_text("Chưa lưu:", exact=False).wait_for()
        shoot(page, out, "04-loi-khi-cong-bo")
        page.get_by_text("Chưa lưu:", exact=False).wait_for(state="hidden", timeout=60000)
        page.get_by_label("Tiền đặt trước (đồng)").fill("125000000")
        page.get_by_label("Thời điểm đấu giá").fill(f"{(today + dt.timedelta(days=30)).isoformat()}T09:00")
        page.get_by_label("Hạn đăng ký").fill(f"{(today + dt.timedelta(days=27)).isoformat()}T17:00")
        page.get_by_role("button", name="Thêm tệp kèm theo").click()
        page.get_by_role("button", name="Chọn một tập tin").click()
        page.locator("input[type=file]").first.set_input_files(str(scan))
        page.wait_for_timeout(800)
        shoot(page, out, "05-tai-tep-len")
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        page.get_by_label("Tên tệp hiển thị").fill("Thông báo có chữ ký")
        page.locator("button[title='Add Component']").click()
        page.get_by_role("menuitem", name="Ảnh", exact=True).click()
        upload(page, "Chọn một hình", photo)
        page.get_by_label("Mô tả ảnh (cho người khiếm thị)").fill("Xe ô tô tải cần bán đấu giá")
        preview = page.frame_locator("#preview-pane")
        preview.get_by_text("Kiểm tra theo quy định: không có lỗi.").wait_for(timeout=20000)
        preview.locator(".summary-box").scroll_into_view_if_needed()
        shoot(page, out, "06-xem-truoc")
        publish(page)
        page.wait_for_url(re.compile(r"/entries/"))
        page.get_by_text("Mục đã được lưu").wait_for()
        shoot(page, out, "07-da-luu")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
