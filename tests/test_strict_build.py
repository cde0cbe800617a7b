"""A broken content file fails the build with a Vietnamese message naming the file,
every problem is reported in one run, and the last good output stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build
from legacy import to_windows_1258

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


def test_good_build_replaces_old_output(project, tmp_path):
    output = tmp_path / "output"
    _old_output(output)
    build = run_build(project, output)
    assert build.returncode == 0, build.stderr
    assert "OLD SITE" not in (output / "index.html").read_text(encoding="utf-8")
