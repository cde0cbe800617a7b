"""Images in a real build: picture markup, EXIF-free output, errors naming the file."""

from __future__ import annotations

from pathlib import Path

from conftest import run_build
from PIL import Image

from images.tests.test_processing import GPS_IFD, photo_with_gps

POST = """---
title: "Ảnh có vị trí GPS"
date: 2026-11-02 08:00
category: Tin hoạt động
image: images/tin-tuc/2026/gps.jpg
image_alt: "Ảnh chụp bằng điện thoại"
---
Đoạn mở đầu.

![Ảnh trong bài](/images/tin-tuc/2026/gps.jpg)
"""


def test_published_images_have_no_exif_and_use_picture(project: Path, tmp_path):
    source = photo_with_gps(project / "content/images/tin-tuc/2026/gps.jpg")
    (project / "content/news/2026/anh-gps.md").write_text(POST, encoding="utf-8")
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode == 0, build.stderr
    produced = sorted((build.output / "images/tin-tuc/2026").glob("gps*"))
    assert {p.suffix for p in produced} == {".jpg", ".webp"} and len(produced) >= 9
    for path in produced:
        with Image.open(path) as image:
            assert not image.getexif(), path.name
    with Image.open(source) as original:
        assert original.getexif().get_ifd(GPS_IFD)
    soup = build.html("tin-tuc/anh-gps/")
    featured, body = soup.select("article picture img")[:2]
    assert featured.get("loading") is None  # above the fold
    assert body["loading"] == "lazy"
    for image in (featured, body):
        assert image["width"] == "1600" and image["height"] == "1200"
        assert "gps-640.jpg 640w" in image["srcset"]
        assert (build.output / image["src"].lstrip("/")).is_file()
    source_tag = soup.select_one("article picture source[type='image/webp']")
    assert "gps-320.webp 320w" in source_tag["srcset"]


def test_corrupt_image_fails_the_build_naming_it(project: Path, tmp_path):
    (project / "content/images/tin-tuc/2026/hong.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    build = run_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "content/images/tin-tuc/2026/hong.png" in build.stderr
    assert "Tệp ảnh hỏng" in build.stderr
