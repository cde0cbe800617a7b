"""Image processing without a build: variants, EXIF removal, errors, the cache."""

from __future__ import annotations

import pytest
from PIL import Image

from images.processing import ImageProblem, process

GPS_IFD = 0x8825


def photo_with_gps(path, size=(1600, 1200), orientation=None):
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[GPS_IFD] = {1: "N", 2: (21.0, 50.0, 30.0), 3: "E", 4: (106.0, 45.0, 10.0)}
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif)
    return path


def test_variants_are_resized_webp_and_without_exif(tmp_path):
    source = photo_with_gps(tmp_path / "anh.jpg")
    folder, info = process(source, tmp_path / "cache", [320, 640, 2000], 10**8, 10**8)
    assert [v.width for v in info.variants] == [320, 640, 1600]
    assert info.variants[0].height == 240
    for variant in info.variants:
        for name in (variant.name, variant.webp):
            with Image.open(folder / name) as produced:
                assert produced.width == variant.width
                assert not produced.getexif(), name
    with Image.open(folder / "anh.jpg") as published:
        assert not published.getexif()
    with Image.open(source) as original:
        assert original.getexif().get_ifd(GPS_IFD), "the source keeps its EXIF"


def test_orientation_is_applied_before_exif_is_dropped(tmp_path):
    source = photo_with_gps(tmp_path / "doc.jpg", size=(400, 300), orientation=6)  # rotated 90°
    _, info = process(source, tmp_path / "cache", [200], 10**8, 10**8)
    assert (info.width, info.height) == (300, 400)


def test_cache_skips_unchanged_images(tmp_path):
    source = photo_with_gps(tmp_path / "anh.jpg")
    folder, _ = process(source, tmp_path / "cache", [320], 10**8, 10**8)
    stamp = (folder / "manifest.json").stat().st_mtime_ns
    again, _ = process(source, tmp_path / "cache", [320], 10**8, 10**8)
    assert again == folder and (folder / "manifest.json").stat().st_mtime_ns == stamp


def test_corrupt_and_oversized_images_are_clear_errors(tmp_path):
    broken = tmp_path / "hong.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with pytest.raises(ImageProblem, match="hỏng"):
        process(broken, tmp_path / "cache", [320], 10**8, 10**8)
    big = photo_with_gps(tmp_path / "lon.jpg")
    with pytest.raises(ImageProblem, match="quá giới hạn"):
        process(big, tmp_path / "cache", [320], 1000, 10**8)
    with pytest.raises(ImageProblem, match="điểm ảnh"):
        process(big, tmp_path / "cache", [320], 10**8, 1000)


def test_builds_sharing_the_cache_do_not_collide(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    source = photo_with_gps(tmp_path / "anh.jpg")
    with ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda _: process(source, tmp_path / "cache", [320, 640], 10**8, 10**8), range(4))
        )
    assert len({folder for folder, _ in results}) == 1
    folder = results[0][0]
    assert (folder / "manifest.json").is_file() and (folder / "anh-640.webp").is_file()
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no staging left
