"""Every kind of input a page is made from, changed between two cached builds: the cached
build writes exactly what a build without any cache writes (the `diff -r` of the two).

Each case starts from a warm cache, changes one input, builds with the cache and without it
into fresh folders, and compares every output file byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY, make_project, run_build
from PIL import Image

import thads_portal

ENGINE = Path(thads_portal.__file__).parent
LEGAL_PDF = "content/files/van-ban/cong-van-1186-thads-nv-2026-ra-soat-phan-loai-an.pdf"
NEWS_IMAGE = "content/images/tin-tuc/2026/tinh-nguyen-vung-cao.jpg"
POST = "content/news/2026/ap-dung-chu-ky-so-trong-phat-hanh-van-ban-thi-hanh-an.md"
LATER = "2026-12-20"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _content(project: Path, engine: Path) -> None:
    _replace(project / POST, "Áp dụng chữ ký số", "Triển khai chữ ký số")


def _data(project: Path, engine: Path) -> None:
    _replace(project / "data/site.yml", "Lạng Sơn", "Lang Son (thử)")


def _template(project: Path, engine: Path) -> None:
    footer = engine / "theme/templates/partials/footer.html"
    override = project / "templates/partials/footer.html"
    override.parent.mkdir(parents=True)
    override.write_text(footer.read_text(encoding="utf-8") + "<p>Chân trang riêng</p>\n", encoding="utf-8")


def _attachment_size(project: Path, engine: Path) -> None:
    # Still a PDF (the signature is at the start); about 3 MB instead of a few KB.
    with (project / LEGAL_PDF).open("ab") as pdf:
        pdf.write(b"%" + b"0" * 3_000_000 + b"\n")


def _image(project: Path, engine: Path) -> None:
    path = project / NEWS_IMAGE
    with Image.open(path) as image:
        smaller = image.convert("RGB").crop((0, 0, image.width // 2, image.height // 3))
    smaller.save(path, "JPEG", quality=80)


def _settings(project: Path, engine: Path) -> None:
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nDEFAULT_PAGINATION = 4\n")


def _code(project: Path, engine: Path) -> None:
    # A new engine version that writes money differently: every price on the site changes.
    _replace(engine / "domain/formatting.py", '} đồng"', '} VNĐ"')


# kind: (change, day of the second build). Data, templates, settings, code, attachments and
# images are in the key of every page (a page may show any of them through a partial or a
# filter); a post's text only in the keys of the pages that show it.
CHANGES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "content": (_content, TODAY),
    "data": (_data, TODAY),
    "template": (_template, TODAY),
    "attachment-size": (_attachment_size, TODAY),
    "image": (_image, TODAY),
    "settings": (_settings, TODAY),
    "code": (_code, TODAY),
    "date": (lambda project, engine: None, LATER),
}
# Where only some pages change, the others come from the cache.
PARTIAL = {"content"}


def _build(project: Path, engine: Path, output: Path, today: str, cache: Path | None) -> dict[str, bytes]:
    """A preview build (drafts and scheduled posts too) with the engine at `engine`."""
    options = ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f'CACHE_PATH="{cache}"'] if cache else []
    images = project / ("cache/images" if cache else f"cache/images-cold-{output.name}")
    options.append(f'PORTAL_IMAGE_CACHE="{images}"')
    build = run_build(
        project, output, today=today, extra=options, environment={"PYTHONPATH": str(engine.parent)}
    )
    assert build.returncode == 0, build.stderr[-3000:]
    files = {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert files
    return files


def _differences(cached: dict[str, bytes], cold: dict[str, bytes]) -> list[str]:
    return sorted(
        [f"only cached: {name}" for name in cached.keys() - cold.keys()]
        + [f"only cold: {name}" for name in cold.keys() - cached.keys()]
        + [f"differs: {name}" for name in cached.keys() & cold.keys() if cached[name] != cold[name]]
    )


@pytest.mark.parametrize("kind", list(CHANGES))
def test_a_cached_build_after_a_change_equals_a_cold_build(tmp_path, kind):
    project = make_project(tmp_path / "project")
    engine = tmp_path / "engine" / "thads_portal"
    shutil.copytree(ENGINE, engine, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    cache = tmp_path / "cache"
    before = _build(project, engine, tmp_path / "warm", TODAY, cache)

    change, today = CHANGES[kind]
    change(project, engine)
    cached = _build(project, engine, tmp_path / "cached", today, cache)
    cold = _build(project, engine, tmp_path / "cold", today, None)
    assert _differences(cached, cold) == []
    # The change reached the site: a case whose input changes nothing would prove nothing.
    assert cached != before
    # Pages the change did not touch are links to cache entries of the first build.
    entries = {entry.stat().st_ino for entry in (cache / "pages").glob("*/*.html")}
    linked = [name for name in cached if (tmp_path / "cached" / name).stat().st_ino in entries]
    reused = [name for name in linked if before.get(name) == cached[name]]
    if kind in PARTIAL:
        pages = [name for name in cached if name.endswith(".html")]
        assert len(reused) > 0.2 * len(pages), (len(reused), len(pages))
