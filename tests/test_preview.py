"""The fast preview rewrites an edited page without rebuilding the site."""

from __future__ import annotations

import io
import os
import time

import pytest
from conftest import TODAY, make_project

from scripts import serve
from scripts.preview_server import PreviewProblem, PreviewSession

NEWS = "content/news/2026/ap-dung-chu-ky-so-trong-phat-hanh-van-ban-thi-hanh-an.md"
NOTICE = "content/notices/2026/ban-dau-gia-nha-dat-xa-huu-lung-lan-2.md"


@pytest.fixture()
def session(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_TODAY", TODAY)
    project = make_project(tmp_path / "project")
    preview = PreviewSession(
        project / "content",
        tmp_path / "out",
        data_path=project / "data",
        settings_file=project / "pelicanconf.py",
    )
    preview.build_all()
    return project, preview


def test_an_edited_post_and_notice_are_rewritten_alone(session, tmp_path):
    project, preview = session
    untouched = tmp_path / "out/tin-tuc/index.html"
    stamp = untouched.stat().st_mtime_ns
    for relative, marker in ((NEWS, "Đoạn mới thêm vào bài"), (NOTICE, "Bổ sung thông tin xem tài sản")):
        source = project / relative
        source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        started = time.monotonic()
        page = preview.refresh([source])
        assert time.monotonic() - started < 2
        assert marker in (tmp_path / "out" / page).read_text(encoding="utf-8")
    assert page == "thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/index.html"
    assert untouched.stat().st_mtime_ns == stamp  # listings wait for the full rebuild


def test_a_broken_edit_keeps_the_old_page(session, tmp_path, capsys):
    project, preview = session
    page = tmp_path / "out/tin-tuc/ap-dung-chu-ky-so-trong-phat-hanh-van-ban-thi-hanh-an/index.html"
    before = page.read_bytes()
    source = project / NEWS
    source.write_text(
        source.read_text(encoding="utf-8").replace("category:", "category: Không có\nx:"), encoding="utf-8"
    )
    with pytest.raises(PreviewProblem):
        preview.refresh([source])
    assert page.read_bytes() == before
    assert "ap-dung-chu-ky-so" in capsys.readouterr().err
    assert os.environ["PORTAL_TODAY"] == TODAY


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_preview_build_shows_its_progress(session):
    _, preview = session
    log = io.StringIO()
    assert serve.build(preview, log)
    lines = log.getvalue().splitlines()
    assert lines[0] == "Đang dựng toàn bộ trang…" and lines[-1].startswith("Đã dựng xong sau ")
    steps = [line for line in lines if line.startswith("Đang dựng: ")]
    assert [line.split(" xong")[0] for line in steps] == [
        "Đang dựng: đọc nội dung",
        "Đang dựng: xử lý ảnh",
        "Đang dựng: ghi trang",
    ]
    assert f"xong, {preview.content_files()} tệp" in steps[0]
    assert preview.pages_written > 100 and f"xong, {preview.pages_written} trang" in steps[2]
    terminal = _Terminal()
    serve.build(preview, terminal)
    shown = terminal.getvalue()
    assert f"\rĐang dựng: đọc nội dung {preview.content_files()}/{preview.content_files()}" in shown
    assert f"ghi trang {preview.pages_written}/{preview.pages_written}" in shown  # the last build's count
