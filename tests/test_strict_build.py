"""A broken content file fails the build with a Vietnamese message naming the file,
every problem is reported in one run, and the last good output stays as it was; a good build
takes the output's place in one step."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from pathlib import Path

import pytest
from bounded import YAML_LIMIT_CASES, build_bounded
from conftest import run_build
from legacy import to_windows_1258

import thads_portal.pelican.strict_build as strict_build

GOOD_POST = """---
title: "Bài mẫu"
date: 2026-10-01 08:00
category: Tin hoạt động
summary: "Tóm tắt."
---
Nội dung.
"""

CASES = {
    "bad_yaml": (
        "content/news/2026/loi-yaml.md",
        "---\ntitle: Hội nghị: tổng kết\ndate: 2026-10-01\n---\nx\n",
        ["loi-yaml.md:2", "YAML"],
    ),
    "missing_title": (
        "content/news/2026/thieu-tieu-de.md",
        GOOD_POST.replace('title: "Bài mẫu"\n', ""),
        ["thieu-tieu-de.md", "title", "thiếu trường bắt buộc"],
    ),
    "missing_date": (
        "content/news/2026/thieu-ngay.md",
        GOOD_POST.replace("date: 2026-10-01 08:00\n", ""),
        ["thieu-ngay.md", "date", "thiếu trường bắt buộc"],
    ),
    "invalid_date": (
        "content/news/2026/sai-ngay.md",
        GOOD_POST.replace("2026-10-01 08:00", "2026-13-45"),
        ["sai-ngay.md:3", "date", "không hợp lệ"],
    ),
    "unknown_category": (
        "content/news/2026/sai-chuyen-muc.md",
        GOOD_POST.replace("Tin hoạt động", "Tin vui"),
        ["sai-chuyen-muc.md:4", "category", "chuyên mục 'Tin vui' không có"],
    ),
    "not_markdown": (
        "content/news/2026/bai-viet.docx",
        "PK\x03\x04",
        ["bai-viet.docx", "không được đưa lên trang"],
    ),
    "not_utf8": ("content/news/2026/ma-cu.md", None, ["ma-cu.md", "Windows-1258"]),
    "missing_image": (
        "content/news/2026/thieu-anh.md",
        GOOD_POST + "\n![Quang cảnh hội nghị](/images/tin-tuc/2026/khong-co.jpg)\n",
        ["thieu-anh.md:9", "Ảnh '/images/tin-tuc/2026/khong-co.jpg' không có"],
    ),
    "broken_link": (
        "content/news/2026/lien-ket-hong.md",
        GOOD_POST + "\nXem [thông báo](/thong-bao/khong-ton-tai/) và [tệp](files/a.pdf).\n",
        ["lien-ket-hong.md:9", "dẫn tới trang không có", "phải bắt đầu bằng '/'"],
    ),
    "tcvn3": (
        "content/news/2026/phong-cu.md",
        GOOD_POST.replace("Nội dung.", "Th«ng b¸o b¸n ®Êu gi¸ quyÒn sö dông ®Êt t¹i Cao Léc"),
        ["phong-cu.md:7", "TCVN3", "Thông báo bán đấu giá quyền sử dụng đất tại Cao Lộc"],
    ),
    "no_front_matter": (
        "content/news/2026/khong-co-thong-tin.md",
        "Hội nghị tổng kết\n",
        ["khong-co-thong-tin.md:1", "'---'"],
    ),
}


def _old_output(output: Path) -> None:
    output.mkdir(parents=True)
    (output / "index.html").write_text("OLD SITE", encoding="utf-8")


def _assert_failed_and_kept(build, output: Path, expected: list[str]) -> None:
    assert build.returncode != 0
    for text in expected:
        assert text in build.stderr, (text, build.stderr[-3000:])
    assert "Trang đã dựng trước đó" in build.stderr
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "OLD SITE"
    assert not any(p.name.startswith(f".{output.name}.") for p in output.parent.iterdir())


def _write(project: Path, relative: str, text: str | None) -> None:
    target = project / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        target.write_bytes(to_windows_1258(GOOD_POST.replace("Bài mẫu", "Hội nghị tổng kết công tác")))
    else:
        target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_fails_and_keeps_old_output(project, tmp_path, case):
    relative, text, expected = CASES[case]
    _write(project, relative, text)
    output = tmp_path / "output"
    _old_output(output)
    _assert_failed_and_kept(run_build(project, output), output, expected)


def test_duplicate_slug(project, tmp_path):
    _write(project, "content/news/2025/trung-ten.md", GOOD_POST)
    _write(project, "content/news/2026/trung-ten.md", GOOD_POST)
    output = tmp_path / "output"
    _old_output(output)
    build = run_build(project, output)
    _assert_failed_and_kept(
        build, output, ["content/news/2025/trung-ten.md", "content/news/2026/trung-ten.md", "bị trùng"]
    )


def test_every_problem_is_reported_in_one_run(project, tmp_path):
    for relative, text, _ in CASES.values():
        _write(project, relative, text)
    output = tmp_path / "output"
    _old_output(output)
    build = run_build(project, output)
    _assert_failed_and_kept(build, output, [relative.rsplit("/", 1)[1] for relative, _, _ in CASES.values()])
    # broken_link has two problems (a missing page and a relative link); the others one each.
    assert f"{len(CASES) + 1} lỗi trong {len(CASES)} tệp" in build.stderr


def test_broken_data_fails_before_content(project, tmp_path):
    units = project / "data/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("kind: regional", "kind: district-ish", 1), encoding="utf-8"
    )
    output = tmp_path / "output"
    _old_output(output)
    _assert_failed_and_kept(run_build(project, output), output, ["data/units.yml", "kind"])


def _beside(output: Path) -> list[str]:
    """What is left beside the output once a detached removal of an old tree has ended."""
    deadline = time.monotonic() + 60
    while True:
        left = sorted(p.name for p in output.parent.iterdir() if p.name.startswith("."))
        if not any(".old-" in name for name in left) or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def test_good_build_replaces_old_output(project, tmp_path):
    output = tmp_path / "output"
    _old_output(output)
    build = run_build(project, output)
    assert build.returncode == 0, build.stderr
    assert "OLD SITE" not in (output / "index.html").read_text(encoding="utf-8")
    # No .output.building-*, no .output.previous*; the old site is the next build's staging.
    assert _beside(output) == [".output.spare"]
    assert (output.parent / ".output.spare/index.html").read_text(encoding="utf-8") == "OLD SITE"


class Killed(Exception):
    pass


def test_swap_keeps_a_complete_site_at_every_step(project, tmp_path, monkeypatch):
    built = run_build(project, tmp_path / "built")
    assert built.returncode == 0, built.stderr
    site = {p.relative_to(built.output) for p in built.output.rglob("*") if p.is_file()}
    old = (built.output / "index.html").read_bytes()
    new = old + b"<!-- new -->"

    def served(output: Path) -> bytes | None:
        """The home page of the complete site at `output`; None when there is none."""
        if not output.is_dir() or {p.relative_to(output) for p in output.rglob("*") if p.is_file()} != site:
            return None
        return (output / "index.html").read_bytes()

    real_rename, real_exchange = os.rename, getattr(strict_build, "exchange", None)
    # A kill after the first step, after the second, or none: what is at the output path after
    # each step, and after the kill.
    for kill_after in (1, 2, None):
        output = tmp_path / f"kill-{kill_after}" / "output"
        shutil.copytree(built.output, output)
        staging = output.parent / ".output.building-test"
        shutil.copytree(built.output, staging)
        (staging / "index.html").write_bytes(new)
        seen = []

        def step(operation, output=output, seen=seen, kill_after=kill_after):
            def stepped(*args, **kwargs):
                operation(*args, **kwargs)
                seen.append(served(output))
                if len(seen) == kill_after:
                    raise Killed

            return stepped

        with monkeypatch.context() as patch:
            patch.setattr(os, "rename", step(real_rename))
            patch.setattr(strict_build, "exchange", step(real_exchange), raising=False)
            with contextlib.suppress(Killed):
                strict_build._swap(staging, output)
        assert seen and None not in seen, (kill_after, seen)
        assert served(output) in (old, new), kill_after
        if kill_after is None:
            assert served(output) == new
            assert _beside(output) == [".output.spare"]


def test_swap_where_the_filesystem_cannot_exchange(tmp_path, monkeypatch):
    output, staging = tmp_path / "output", tmp_path / ".output.building-test"
    for folder, text in ((output, "OLD"), (staging, "NEW")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")

    def refuse(first, second):
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL), str(first))

    monkeypatch.setattr(strict_build, "exchange", refuse, raising=False)
    strict_build._swap(staging, output)
    assert (output / "index.html").read_text(encoding="utf-8") == "NEW"
    assert _beside(output) == [".output.spare"]


def test_exchange_swaps_two_folders(tmp_path):
    from thads_portal.domain.atomic import exchange

    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "name").write_text(folder.name, encoding="utf-8")
    exchange(first, second)
    assert (first / "name").read_text() == "b" and (second / "name").read_text() == "a"
    with pytest.raises(FileNotFoundError):
        exchange(first, tmp_path / "missing")
    assert (first / "name").read_text() == "b"


# A failing build of a fresh project copy takes 10-25 s here; one stuck on a YAML bomb never
# ends (its memory grows ~45 MB/s), and is stopped at the limit.
BUILD_TIMEOUT = 60


@pytest.mark.parametrize("case", ["data_bomb", "front_matter_bomb", "oversized_front_matter"])
def test_yaml_over_the_limits_fails_the_build_in_time(project, tmp_path, case):
    expected = YAML_LIMIT_CASES[case](project)
    output = tmp_path / "output"
    _old_output(output)
    build, _ = build_bounded(project, output, BUILD_TIMEOUT)
    assert build.returncode == 1, build.stderr[-3000:]
    _assert_failed_and_kept(build, output, expected)
