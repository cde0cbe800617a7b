"""Hostile content refused with a Vietnamese message naming file and line, or made harmless:
Markdown attributes and link schemes, paths out of content/, symbolic links, file names,
and Pelican's own warnings."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

from conftest import run_build, run_check

from thads_portal.domain import markup

POST = """---
title: "Bài có nội dung lạ"
date: 2026-10-01 08:00
category: Tin hoạt động
summary: "Tóm tắt."
{front}---
Đoạn mở đầu.

{body}
"""
NOTICE = "content/notices/2026/ban-dau-gia-nha-dat-xa-binh-gia.md"


def write(project: Path, relative: str, text: str) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(project: Path) -> dict:
    return json.loads(run_check(project, "--json").stdout)


def places(report: dict, code: str) -> set[tuple[str, int | None]]:
    return {(p["path"], p["line"]) for p in report["problems"] if p["code"] == code}


HOSTILE_BODY = """# Tiêu đề {: #muc-1 onfocus="alert(1)" autofocus }

[Bấm vào đây](javascript:alert(document.cookie))

[Liên kết mã hóa](jav&#x61;script:alert(2))

![Ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)

Xem [tài liệu][tl] và [trang chính](/).

[tl]: JavaScript:alert(3)

Một đoạn văn.
{: onclick="alert(4)" style="position:fixed" .canh-bao }
"""


def test_markup_and_link_schemes_refused_by_build_and_check(project, tmp_path):
    write(project, "content/news/2026/noi-dung-la.md", POST.format(front="", body=HOSTILE_BODY))
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1
    assert not (tmp_path / "site").exists()
    source = "content/news/2026/noi-dung-la.md"
    # The body's first line is the file's line 9: each construct named on its own line.
    for line, words in {
        9: ["'onfocus'", "'autofocus'"],
        11: ["'javascript:'"],
        13: ["'javascript:'"],
        15: ["'data:'"],
        19: ["'javascript:'", "JavaScript:alert(3)"],
        22: ["'onclick'", "'canh-bao'", "position:fixed"],
    }.items():
        reported = [text for text in build.stderr.splitlines() if text.startswith(f"{source}:{line}:")]
        assert reported, (line, build.stderr)
        for word in words:
            assert any(word in text for text in reported), (line, word, reported)
    report = check(project)
    assert places(report, "unsafe-url") == {(source, 11), (source, 13), (source, 15), (source, 19)}
    assert places(report, "unsafe-attribute") == {(source, 9), (source, 22)}


def test_sanitizer_keeps_what_editors_write_and_drops_the_rest():
    harmless = (
        "## Mục {: #muc lang=en title='Gợi ý' }\n\n| Cột | Số |\n|:--|--:|\n| a | 1 |\n\n"
        "Chú thích[^1], [thư](mailto:a@b.vn), [gọi](tel:0205), [web](https://moj.gov.vn), [nội bộ](/thong-bao/).\n\n"
        "```python\nx = 1\n```\n\n[^1]: Ghi chú.\n"
    )
    clean, problems = markup.render(harmless, markup.MARKDOWN, "a.md", 1)
    assert problems == []
    for kept in (
        'id="muc"',
        'lang="en"',
        'title="Gợi ý"',
        'style="text-align:left"',
        'href="mailto:a@b.vn"',
        'href="tel:0205"',
        'class="footnote-ref"',
        'class="language-python"',
    ):
        assert kept in clean, kept
    clean, problems = markup.render(HOSTILE_BODY, markup.MARKDOWN, "a.md", 1)
    lowered = clean.lower()
    for gone in ("onfocus", "autofocus", "onclick", "javascript", "data:", "position", "canh-bao"):
        assert gone not in lowered, gone
    assert len(problems) == 9


def test_paths_out_of_content_refused(project, tmp_path):
    secret = tmp_path / "bi-mat.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    write(
        project,
        "content/news/2026/anh-ngoai.md",
        POST.format(
            front="image: ../../../../../../../../etc/passwd\nimage_alt: Ảnh\n",
            body="![Ảnh](/images/../../../etc/hostname)\n\n[Tệp](/files/../../../bi-mat.pdf)\n",
        ),
    )
    notice = project / NOTICE
    notice.write_text(
        notice.read_text(encoding="utf-8").replace(
            "file: files/thong-bao/2026/tb-dau-gia-nha-dat-xa-binh-gia.pdf",
            f"file: ../{os.path.relpath(secret, project)}",
        ),
        encoding="utf-8",
    )
    legal = project / "data/legal_documents.yml"
    legal.write_text(
        legal.read_text(encoding="utf-8").replace(
            "file: files/van-ban/quyet-dinh-12-qd-cthads-2025-quy-che-tiep-cong-dan.pdf",
            "file: files/../../../../../../etc/passwd",
        ),
        encoding="utf-8",
    )
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1
    outside = [line for line in build.stderr.splitlines() if "nằm ngoài thư mục content/" in line]
    assert any(line.startswith("content/news/2026/anh-ngoai.md:6: image:") for line in outside), build.stderr
    assert any(line.startswith("content/news/2026/anh-ngoai.md:11:") for line in outside), build.stderr
    assert any(line.startswith("content/news/2026/anh-ngoai.md:13:") for line in outside), build.stderr
    assert any(line.startswith(f"{NOTICE}:") and "attachments.0.file" in line for line in outside), (
        build.stderr
    )
    assert any(line.startswith("data/legal_documents.yml: file:") for line in outside), build.stderr
    assert not (tmp_path / "site").exists()
    report = check(project)
    assert {path for path, _ in places(report, "outside-content")} == {
        "content/news/2026/anh-ngoai.md",
        NOTICE,
    }


def test_symlinks_out_of_content_and_loops_refused(project, tmp_path):
    outside = tmp_path / "ngoai.md"
    outside.write_text(POST.format(front="", body="Bí mật."), encoding="utf-8")
    (project / "content/files/vong-lap").symlink_to("..")
    (project / "content/files/mat-khau.pdf").symlink_to("/etc/passwd")
    (project / "content/news/2026/lien-ket.md").symlink_to(outside)
    (project / "content/files/hong.pdf").symlink_to(tmp_path / "khong-co")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1
    symlinks = [line for line in build.stderr.splitlines() if "liên kết tắt (symlink)" in line]
    assert any(line.startswith("content/files/vong-lap:") and "vòng lặp" in line for line in symlinks)
    assert any(line.startswith("content/files/mat-khau.pdf:") and "ra ngoài" in line for line in symlinks)
    assert any(line.startswith("content/news/2026/lien-ket.md:") and "ra ngoài" in line for line in symlinks)
    assert any(line.startswith("content/files/hong.pdf:") and "không tồn tại" in line for line in symlinks)
    assert not (tmp_path / "site").exists()
    assert places(check(project), "symlink") == {
        ("content/files/vong-lap", None),
        ("content/files/mat-khau.pdf", None),
        ("content/news/2026/lien-ket.md", None),
        ("content/files/hong.pdf", None),
    }


def test_symlink_inside_content_still_builds(project, tmp_path):
    (project / "content/files/ban-sao.pdf").symlink_to(
        project / "content/files/thong-bao/2026/tb-dau-gia-nha-dat-xa-binh-gia.pdf"
    )
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "site/files/ban-sao.pdf").read_bytes().startswith(b"%PDF")


def test_pelican_warning_fails_the_strict_build(project, tmp_path):
    build = run_build(project, tmp_path / "site", extra=['ARTICLE_ORDER_BY="khong_co_truong_nay"'])
    assert build.returncode == 1
    assert "Pelican báo: There is no" in build.stderr
    assert not (tmp_path / "site").exists()


def test_file_names_give_ascii_addresses_and_nfd_images_match(project, tmp_path):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    images = project / "content/images/tin-tuc/2026"
    (images / nfd("ảnh hội nghị.jpg")).write_bytes((images / "ban-giao-dat.jpg").read_bytes())
    body = "![Quang cảnh hội nghị](/images/tin-tuc/2026/ảnh hội nghị.jpg)\n"
    write(project, "content/news/2026/Hội nghị tổng kết.md", POST.format(front="", body=body))
    write(project, nfd("content/news/2026/Đấu giá đất Cao Lộc.md"), POST.format(front="", body="Nội dung."))
    (project / nfd("content/files/Thông báo.pdf")).write_bytes(b"%PDF-1.4\n%%EOF\n")
    write(
        project,
        "content/news/2026/tep-dinh-kem.md",
        POST.format(front="slug: tep-dinh-kem\n", body="[Tải](</files/Thông báo.pdf>)\n"),
    )
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    site = tmp_path / "site"
    assert (site / "tin-tuc/hoi-nghi-tong-ket/index.html").is_file()
    assert (site / "tin-tuc/dau-gia-dat-cao-loc/index.html").is_file()
    assert "Nên đổi tên tệp thành 'hoi-nghi-tong-ket.md'" in build.stderr
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "hoi-nghi-tong-ket" in sitemap and " " not in "".join(
        line for line in sitemap.splitlines() if "<loc>" in line
    )
    page = build.html("tin-tuc/hoi-nghi-tong-ket/")
    picture = page.select_one("article picture img")
    assert picture is not None, "the NFD-named image was not matched"
    assert (site / picture["src"].lstrip("/")).is_file()
    assert (site / "files/Thông báo.pdf").is_file()  # published under the NFC name links use
