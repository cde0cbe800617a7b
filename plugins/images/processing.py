"""One source image → published variants: resized, WebP beside the original format, with
EXIF (and so GPS) removed. Results are cached by the source's content hash."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
CACHE_VERSION = "1"


class ImageProblem(Exception):
    """A Vietnamese message about an image that cannot be published."""


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    name: str  # file name beside the original: "anh-640.jpg"
    webp: str  # "anh-640.webp"


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    variants: tuple[Variant, ...]


def _save(image: Image.Image, target: Path, image_format: str) -> None:
    options = {
        "JPEG": {"quality": 82, "optimize": True, "progressive": True},
        "PNG": {"optimize": True},
        "WEBP": {"quality": 80, "method": 4},
        "GIF": {},
    }[image_format]
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # No `exif=` argument: Pillow writes no EXIF (and so no GPS) unless given one.
    image.save(target, image_format, **options)


def _open(source: Path, max_bytes: int, max_pixels: int) -> Image.Image:
    size = source.stat().st_size
    if size > max_bytes:
        raise ImageProblem(
            f"Ảnh nặng {size / 1e6:.1f} MB, quá giới hạn {max_bytes / 1e6:.0f} MB; hãy thu nhỏ ảnh trước khi đăng."
        )
    try:
        with Image.open(source) as probe:
            probe.verify()
        image = Image.open(source)
        if image.width * image.height > max_pixels:
            raise ImageProblem(
                f"Ảnh {image.width}×{image.height} điểm ảnh, quá lớn; hãy thu nhỏ còn dưới "
                f"{max_pixels / 1e6:.0f} triệu điểm ảnh."
            )
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ImageProblem(
            f"Tệp ảnh hỏng hoặc không phải ảnh ({type(error).__name__}); hãy lưu lại ảnh."
        ) from error
    if image.format not in FORMATS:
        raise ImageProblem(f"Định dạng ảnh {image.format} không dùng được; hãy lưu thành JPEG hoặc PNG.")
    return image


def process(
    source: Path, cache_root: Path, widths: list[int], max_bytes: int, max_pixels: int
) -> tuple[Path, ImageInfo]:
    """Variants of `source` in a cache folder (made once per content); their description."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    key = hashlib.sha256(f"{CACHE_VERSION}:{digest}:{widths}".encode()).hexdigest()[:24]
    folder = cache_root / key[:2] / key
    manifest = folder / "manifest.json"
    if manifest.is_file():
        return folder, _info(json.loads(manifest.read_text()))
    image = _open(source, max_bytes, max_pixels)
    image_format = image.format
    image = ImageOps.exif_transpose(image)  # turn by the EXIF orientation before dropping it
    # A staging folder of this process only: several builds may share the cache at once.
    staging = folder.with_name(f"{folder.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    staging.mkdir(parents=True)
    stem, suffix = source.stem, FORMATS[image_format]
    _save(image, staging / source.name, image_format)  # the original address, without EXIF
    variants = []
    for width in sorted({w for w in widths if w < image.width} | {image.width}):
        height = round(image.height * width / image.width)
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        name, webp = f"{stem}-{width}{suffix}", f"{stem}-{width}.webp"
        _save(resized, staging / name, image_format)
        _save(resized, staging / webp, "WEBP")
        variants.append({"width": width, "height": height, "name": name, "webp": webp})
    data = {"width": image.width, "height": image.height, "variants": variants}
    (staging / "manifest.json").write_text(json.dumps(data))
    try:
        staging.rename(folder)
    except OSError:  # another build stored the same image first: theirs is identical
        shutil.rmtree(staging, ignore_errors=True)
    return folder, _info(data)


def _info(data: dict) -> ImageInfo:
    variants = tuple(Variant(**variant) for variant in data["variants"])
    return ImageInfo(data["width"], data["height"], variants)
