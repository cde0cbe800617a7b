"""The replaced site kept as the next build's staging folder (`strict_build/spare.py`): a
build over it gives what a build into an empty folder gives; nothing outside it is written
through; a moved clock never lets an old file through."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import run_build

from thads_portal.pelican.strict_build import spare

SETTINGS: dict = {}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _entries(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def _spare_with(final: Path, files: dict[str, str]) -> Path:
    tree = spare.spare_for(final)
    for name, text in files.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(text, encoding="utf-8")
    return tree


def _later(folder: Path) -> None:
    """Until the file system's clock has moved past what was just written (a spare is a
    build old; its files were not written in the tick its reuse starts in)."""
    written = max(p.lstat().st_ctime_ns for p in folder.rglob("*"))
    while spare.now(folder) <= written:
        time.sleep(0.002)


def test_what_the_build_did_not_write_is_removed(tmp_path):
    final, staging = tmp_path / "output", tmp_path / ".output.building-1"
    _spare_with(final, {"index.html": "cũ", "tin/a/index.html": "cũ", "tin/b/index.html": "đã xóa"})
    _later(tmp_path)
    recycled = spare.take(final, staging, SETTINGS)
    assert recycled is not None and not spare.spare_for(final).exists()
    (staging / "index.html").write_text("mới", encoding="utf-8")
    (staging / "tin/a/index.html").write_text("mới", encoding="utf-8")
    (staging / "tin/c").mkdir()
    (staging / "tin/c/index.html").write_text("mới", encoding="utf-8")
    spare.prune(staging, recycled)
    assert _files(staging) == {
        "index.html": "mới".encode(),
        "tin/a/index.html": "mới".encode(),
        "tin/c/index.html": "mới".encode(),
    }
    assert not (staging / "tin/b").exists()  # the folder left empty is gone too


def test_nothing_outside_the_tree_is_written_through(tmp_path):
    final, staging = tmp_path / "output", tmp_path / ".output.building-1"
    tree = _spare_with(final, {"a.html": "trang"})
    entry = tmp_path / "cache-entry"  # a page-cache entry linked into the old site
    entry.write_text("bản trong bộ đệm", encoding="utf-8")
    os.link(entry, tree / "b.html")
    (tree / "lien-ket").mkdir()
    os.link(entry, tree / "lien-ket/d.html")  # in a folder the build writes nothing into
    outside = tmp_path / "outside.txt"
    outside.write_text("ngoài", encoding="utf-8")
    (tree / "c.html").symlink_to(outside)
    _later(tmp_path)
    recycled = spare.take(final, staging, SETTINGS)
    assert sorted(p.name for p in staging.rglob("*") if not p.is_dir()) == ["a.html"]
    for name in ("b.html", "c.html"):
        (staging / name).write_text("mới", encoding="utf-8")
    spare.prune(staging, recycled)
    # a.html was not written: gone; so is the folder that held only a link
    assert sorted(p.name for p in staging.iterdir()) == ["b.html", "c.html"]
    assert entry.read_text(encoding="utf-8") == "bản trong bộ đệm"
    assert outside.read_text(encoding="utf-8") == "ngoài"


@pytest.mark.parametrize("setting", ["STATIC_CHECK_IF_MODIFIED", "STATIC_CREATE_LINKS"])
def test_builds_that_skip_files_start_empty(tmp_path, setting):
    final, staging = tmp_path / "output", tmp_path / ".output.building-1"
    _spare_with(final, {"a.html": "cũ"})
    assert spare.take(final, staging, {setting: True}) is None
    assert list(staging.iterdir()) == []


def test_a_spare_changed_after_the_clock_says_now_is_not_used(tmp_path, monkeypatch):
    final, staging = tmp_path / "output", tmp_path / ".output.building-1"
    _spare_with(final, {"a.html": "cũ"})
    monkeypatch.setattr(spare, "now", lambda folder: 1)  # the clock set back to 1970
    assert spare.take(final, staging, SETTINGS) is None
    assert list(staging.iterdir()) == []


def test_a_clock_set_back_during_the_build_fails_it(tmp_path, monkeypatch):
    final, staging = tmp_path / "output", tmp_path / ".output.building-1"
    _spare_with(final, {"a.html": "cũ"})
    _later(tmp_path)
    recycled = spare.take(final, staging, SETTINGS)
    assert recycled is not None
    monkeypatch.setattr(spare, "now", lambda folder: recycled.started - 1)
    with pytest.raises(spare.ClockMoved):
        spare.prune(staging, recycled)


def test_a_second_spare_is_not_kept(tmp_path):
    final = tmp_path / "output"
    _spare_with(final, {"a.html": "giữ"})
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.html").write_text("khác", encoding="utf-8")
    assert spare.keep(other, final) is False
    assert _files(spare.spare_for(final)) == {"a.html": "giữ".encode()}


def test_builds_over_the_replaced_site_equal_a_build_into_an_empty_folder(project, tmp_path):
    output = tmp_path / "output"
    for _ in range(3):  # the third writes over the first one's tree
        build = run_build(project, output)
        assert build.returncode == 0, build.stderr
    assert spare.spare_for(output).is_dir()
    removed = next((project / "content/news").rglob("*.md"))
    removed.unlink()
    (project / "content/news/2026/bai-moi.md").write_text(
        '---\ntitle: "Bài mới"\ndate: 2026-11-20 08:00\ncategory: Tin hoạt động\nsummary: "Tóm tắt."\n---\nNội dung.\n',
        encoding="utf-8",
    )
    assert run_build(project, output).returncode == 0
    fresh = run_build(project, tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.stderr
    assert _entries(output) == _entries(fresh.output)  # folders too: none left empty
    assert _files(output) == _files(fresh.output)
    shutil.rmtree(spare.spare_for(output))
