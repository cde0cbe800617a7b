"""One source image → published variants: resized (never wider than the largest configured
width), WebP beside the original format, with EXIF (and so GPS) removed. Results are cached
by the source's content hash, under names that do not depend on the source's name."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from thads_portal.domain.text import nfc

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
CACHE_VERSION = "2"


class ImageProblem(Exception):
    """A Vietnamese message about an image that cannot be published."""


def variant_stem(source_name: str) -> str:
    """ "anh.jpg" → "anh-jpg": variants keep the source's extension in their names, so
    anh.jpg and anh.png, or anh.jpg and anh-640.jpg, never write the same file."""
    path = PurePosixPath(source_name)
    return f"{path.stem}-{path.suffix.lstrip('.').lower()}" if path.suffix else path.stem


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    name: str  # file name beside the original: "anh-jpg-640.jpg"
    webp: str  # "anh-jpg-640.webp"


@dataclass(frozen=True)
class ImageInfo:
    width: int  # as published: at most the largest configured width
    height: int
    variants: tuple[Variant, ...]
    source_name: str = ""
    suffix: str = ".jpg"

    def outputs(self) -> list[tuple[str, str]]:
        """(file in the cache folder, name it is published under)."""
        pairs = [(f"original{self.suffix}", self.source_name)]
        for variant in self.variants:
            pairs += [
                (f"{variant.width}{self.suffix}", variant.name),
                (f"{variant.width}.webp", variant.webp),
            ]
        return pairs


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


def open_image(source: Path, max_bytes: int, max_pixels: int, quick: bool = False) -> Image.Image:
    """The decoded image, or an ImageProblem. `quick`: decode JPEGs at 1/8 scale, enough
    to find a damaged file (thads check)."""
    size = source.stat().st_size
    if size > max_bytes:
        raise ImageProblem(
            f"Ảnh nặng {f'{size / 1e6:.1f}'.replace('.', ',')} MB, quá giới hạn {max_bytes / 1e6:.0f} MB; "
            "hãy thu nhỏ ảnh trước khi đăng."
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
        if quick and image.format == "JPEG":
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ImageProblem(
            f"Tệp ảnh hỏng hoặc không phải ảnh ({type(error).__name__}); hãy lưu lại ảnh."
        ) from error
    if image.format not in FORMATS:
        raise ImageProblem(f"Định dạng ảnh {image.format} không dùng được; hãy lưu thành JPEG hoặc PNG.")
    return image


def cache_folder(source: Path, cache_root: Path, widths: list[int]) -> Path:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    key = hashlib.sha256(f"{CACHE_VERSION}:{digest}:{sorted(widths)}".encode()).hexdigest()[:24]
    return cache_root / key[:2] / key


def process(
    source: Path, cache_root: Path, widths: list[int], max_bytes: int, max_pixels: int
) -> tuple[Path, ImageInfo]:
    """Variants of `source` in a cache folder (made once per content); their description."""
    folder = cache_folder(source, cache_root, widths)
    manifest = folder / "manifest.json"
    if manifest.is_file():
        return folder, _info(json.loads(manifest.read_text()), nfc(source.name))
    image = open_image(source, max_bytes, max_pixels)
    image_format = image.format
    image = ImageOps.exif_transpose(image)  # turn by the EXIF orientation before dropping it
    # A staging folder of this process only: several builds may share the cache at once.
    staging = folder.with_name(f"{folder.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    staging.mkdir(parents=True)
    suffix = FORMATS[image_format]
    largest = min(image.width, max(widths))
    sizes = []
    for width in sorted({w for w in widths if w < largest} | {largest}):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        _save(resized, staging / f"{width}{suffix}", image_format)
        _save(resized, staging / f"{width}.webp", "WEBP")
        if width == largest:  # the original address: the largest published size, without EXIF
            _save(resized, staging / f"original{suffix}", image_format)
        sizes.append({"width": width, "height": height})
    data = {"suffix": suffix, "variants": sizes}
    (staging / "manifest.json").write_text(json.dumps(data))
    try:
        staging.rename(folder)
    except OSError:  # another build stored the same image first: theirs is identical
        shutil.rmtree(staging, ignore_errors=True)
    return folder, _info(data, nfc(source.name))


def _info(data: dict, source_name: str) -> ImageInfo:
    stem, suffix = variant_stem(source_name), data["suffix"]
    variants = tuple(
        Variant(
            size["width"], size["height"], f"{stem}-{size['width']}{suffix}", f"{stem}-{size['width']}.webp"
        )
        for size in data["variants"]
    )
    return ImageInfo(variants[-1].width, variants[-1].height, variants, source_name, suffix)
