"""Image problems found without building: damaged files, and names whose variants would
overwrite each other. Used by `thads check` (portal.checker) and by the build."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from thads_portal.domain.problems import Problem, display_path
from thads_portal.pelican.config import portal_config

from .processing import ImageProblem, cache_folder, open_image, variant_stem

IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}
_VARIANT_NAME = re.compile(r"^(?P<stem>.+)-\d+\.[a-z0-9]+$")


def name_clashes(names: list[str]) -> dict[str, str]:
    """Source names of one folder whose published files would collide: name → the other."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_stem[variant_stem(name).lower()].append(name)
    clashes = {}
    for same in by_stem.values():
        for name in same if len(same) > 1 else ():
            clashes[name] = next(other for other in same if other != name)
    for name in names:
        match = _VARIANT_NAME.match(name.lower())
        others = by_stem.get(match["stem"], []) if match else []
        if others and others != [name]:
            clashes[name] = next(other for other in others if other != name)
    return clashes


def clash_message(other: str) -> str:
    return (
        f"Tên ảnh này và ảnh '{other}' cùng thư mục cho ra cùng tên bản thu nhỏ, ảnh này sẽ bị ảnh kia "
        "ghi đè trên trang; hãy đổi tên một trong hai ảnh."
    )


def image_files(content_root: Path) -> list[Path]:
    folder = content_root / "images"
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in IGNORED_NAMES)


def clash_problems(sources: list[Path], project_root: Path) -> list[Problem]:
    by_folder: dict[Path, list[str]] = defaultdict(list)
    for source in sources:
        by_folder[source.parent].append(source.name)
    problems = []
    for folder, names in by_folder.items():
        for name, other in sorted(name_clashes(names).items()):
            problems.append(
                Problem(
                    display_path(folder / name, project_root),
                    None,
                    None,
                    clash_message(other),
                    code="image-name",
                )
            )
    return problems


def image_problems(content_root: Path, settings: dict) -> list[Problem]:
    """Every image under content/images/ opened (quickly) as the build would, and name clashes.
    Images already in the build's cache are known good; too heavy ones are reported by size."""
    problems = []
    sources = image_files(content_root)
    cache = Path(settings["PORTAL_IMAGE_CACHE"])
    config = portal_config(settings)
    for source in sources:
        if source.stat().st_size > config.portal_image_max_bytes:
            continue
        if (cache_folder(source, cache, config.portal_image_widths) / "manifest.json").is_file():
            continue
        try:
            open_image(source, config.portal_image_max_bytes, config.portal_image_max_pixels, quick=True)
        except ImageProblem as problem:
            problems.append(
                Problem(display_path(source, content_root.parent), None, None, str(problem), code="image")
            )
    return problems + clash_problems(sources, content_root.parent)
