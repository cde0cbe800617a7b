"""Image processing without a build: variants, EXIF removal, errors, the cache."""

from __future__ import annotations

import pytest
from PIL import Image

from thads_portal.pelican.images.checks import name_clashes
from thads_portal.pelican.images.processing import ImageProblem, process

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
        for name in (f"{variant.width}.jpg", f"{variant.width}.webp"):
            with Image.open(folder / name) as produced:
                assert produced.width == variant.width
                assert not produced.getexif(), name
    assert [v.name for v in info.variants] == ["anh-jpg-320.jpg", "anh-jpg-640.jpg", "anh-jpg-1600.jpg"]
    assert info.variants[0].webp == "anh-jpg-320.webp"
    files = dict((name, cached) for cached, name in info.outputs())
    with Image.open(folder / files["anh.jpg"]) as published:
        assert not published.getexif()
    with Image.open(source) as original:
        assert original.getexif().get_ifd(GPS_IFD), "the source keeps its EXIF"


def test_orientation_is_applied_before_exif_is_dropped(tmp_path):
    source = photo_with_gps(tmp_path / "doc.jpg", size=(400, 300), orientation=6)  # rotated 90°
    _, info = process(source, tmp_path / "cache", [200, 1000], 10**8, 10**8)
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
    assert (folder / "manifest.json").is_file() and (folder / "640.webp").is_file()
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no staging left


def test_width_is_capped_at_the_largest_configured_width(tmp_path):
    source = photo_with_gps(tmp_path / "rong.jpg", size=(2400, 1600))
    folder, info = process(source, tmp_path / "cache", [320, 640, 1280], 10**8, 10**8)
    assert [v.width for v in info.variants] == [320, 640, 1280]
    assert (info.width, info.height) == (1280, 853)
    for cached, name in info.outputs():
        with Image.open(folder / cached) as produced:
            assert produced.width <= 1280, name


def test_same_picture_under_two_names_is_published_under_each_name(tmp_path):
    first = photo_with_gps(tmp_path / "mot.jpg", size=(400, 300))
    second = tmp_path / "hai.jpg"
    second.write_bytes(first.read_bytes())
    _, one = process(first, tmp_path / "cache", [200], 10**8, 10**8)
    folder, two = process(second, tmp_path / "cache", [200], 10**8, 10**8)
    assert [name for _, name in two.outputs()] == ["hai.jpg", "hai-jpg-200.jpg", "hai-jpg-200.webp"]
    assert all((folder / cached).is_file() for cached, _ in two.outputs())
    assert {name for _, name in one.outputs()}.isdisjoint(name for _, name in two.outputs())


def test_names_whose_variants_collide_are_found():
    names = [
        "trung.jpg",
        "trung.png",
        "anh.jpg",
        "anh-640.jpg",
        "hoa.JPG",
        "hoa.jpg",
        "la.jpg",
        "la-jpg-640.jpg",
    ]
    assert name_clashes(names) == {"hoa.JPG": "hoa.jpg", "hoa.jpg": "hoa.JPG", "la-jpg-640.jpg": "la.jpg"}
