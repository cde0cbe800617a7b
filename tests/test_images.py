"""Images in a real build: picture markup, EXIF-free output, errors naming the file."""

from __future__ import annotations

from pathlib import Path

from conftest import run_build
from PIL import Image

from thads_portal.pelican.images.processing import variant_stem
from thads_portal.pelican.images.tests.test_processing import GPS_IFD, photo_with_gps

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
        assert image["width"] == "1280" and image["height"] == "960"  # capped at the largest width
        assert "gps-jpg-640.jpg 640w" in image["srcset"]
        assert (build.output / image["src"].lstrip("/")).is_file()
    source_tag = soup.select_one("article picture source[type='image/webp']")
    assert "gps-jpg-320.webp 320w" in source_tag["srcset"]


def test_corrupt_image_fails_the_build_naming_it(project: Path, tmp_path):
    (project / "content/images/tin-tuc/2026/hong.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    build = run_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "content/images/tin-tuc/2026/hong.png" in build.stderr
    assert "Tệp ảnh hỏng" in build.stderr


SHOWCASE = """---
title: "Ảnh cùng tên, ảnh rất rộng"
date: 2026-11-02 08:00
category: Tin hoạt động
---
![Ảnh đỏ](/images/tin-tuc/2026/trung.jpg) ![Ảnh xanh](/images/tin-tuc/2026/trung.png)
![Ảnh lục](/images/tin-tuc/2026/anh.jpg) ![Ảnh vàng](/images/tin-tuc/2026/anh-640.jpg)
![Ảnh rộng](/images/tin-tuc/2026/rong.jpg)

[Tệp đã công bố](/files/thong-bao/2026/da-cong-bo.pdf)
"""
DRAFT = """---
title: "Bản nháp có tệp đính kèm"
date: 2026-11-02 08:00
category: Tin hoạt động
status: draft
---
[Quyết định đã ký](/files/thong-bao/2026/chua-cong-bo.pdf)
"""
COLOURS = {
    "trung.jpg": (220, 0, 0),
    "trung.png": (0, 0, 220),
    "anh.jpg": (0, 200, 0),
    "anh-640.jpg": (230, 230, 0),
}


def _colour(path: Path) -> tuple:
    with Image.open(path) as image:
        return image.convert("RGB").getpixel((5, 5))


def test_variant_names_never_collide_and_widths_are_capped(project: Path, tmp_path):
    images = project / "content/images/tin-tuc/2026"
    for name, colour in COLOURS.items():
        Image.new("RGB", (1000, 500), colour).save(images / name)
    Image.new("RGB", (2400, 1200), (90, 90, 90)).save(images / "rong.jpg")
    files = project / "content/files/thong-bao/2026"
    for name in ("da-cong-bo.pdf", "chua-cong-bo.pdf"):
        (files / name).write_bytes(b"%PDF-1.4 test")
    (project / "content/news/2026/anh-trung-ten.md").write_text(SHOWCASE, encoding="utf-8")
    (project / "content/news/2026/ban-nhap-tep.md").write_text(DRAFT, encoding="utf-8")
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode == 0, build.stderr
    published = build.output / "images/tin-tuc/2026"
    for name, colour in COLOURS.items():
        stem = variant_stem(name)
        for variant in (f"{stem}-640.webp", f"{stem}-640{Path(name).suffix}", name):
            assert max(abs(a - b) for a, b in zip(_colour(published / variant), colour, strict=True)) < 30, (
                variant
            )
    soup = build.html("tin-tuc/anh-trung-ten/")
    wide = soup.find("img", alt="Ảnh rộng")
    assert (wide["width"], wide["height"]) == ("1280", "640")
    assert "1280w" in wide["srcset"] and "2400" not in str(wide.parent)
    with Image.open(published / "rong.jpg") as original:
        assert original.width == 1280  # the full-size original is not published
    assert not list(published.glob("rong*2400*"))
    assert (build.output / "files/thong-bao/2026/da-cong-bo.pdf").is_file()
    assert not (build.output / "files/thong-bao/2026/chua-cong-bo.pdf").exists()  # only a draft links to it
