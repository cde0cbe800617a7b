"""The fast preview rewrites an edited page without rebuilding the site."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, THADS, TODAY, BrowserPage, make_project

from thads_portal.cli import serve
from thads_portal.cli.preview_server import PreviewProblem, PreviewSession

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


def test_an_edited_notice_keeps_its_view_status_chain_and_facts(session, tmp_path):
    """The refreshed page is made from a view the site model's own function makes, with the
    chain the full build linked: it shows what the full build showed, and the edit."""
    project, preview = session
    page = tmp_path / "out/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/index.html"

    def shown() -> tuple:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        chain = [a["href"] for a in html.select("section.chain a")]
        facts = html.select_one(".notice-summary, dl").get_text(" ", strip=True)
        return html.select_one("[data-notice-status]").get_text(strip=True), chain, facts

    before = shown()
    assert len(before[1]) >= 1 and "đồng" in before[2]
    source = project / NOTICE
    source.write_text(source.read_text(encoding="utf-8") + "\nGhi chú thêm.\n", encoding="utf-8")
    preview.refresh([source])
    assert shown() == before
    assert "Ghi chú thêm." in page.read_text(encoding="utf-8")


def test_a_broken_edit_keeps_the_old_page(session, tmp_path, capsys):
    project, preview = session
    page = tmp_path / "out/tin-tuc/ap-dung-chu-ky-so-trong-phat-hanh-van-ban-thi-hanh-an/index.html"
    before = page.read_bytes()
    source = project / NEWS
    source.write_text(
        source.read_text(encoding="utf-8").replace("category:", "category: Không có\nx:"), encoding="utf-8"
    )
    with pytest.raises(PreviewProblem) as raised:
        preview.refresh([source])
    assert page.read_bytes() == before
    assert any("ap-dung-chu-ky-so" in problem.path for problem in raised.value.problems)
    assert not capsys.readouterr().err  # listed once, by the full build that follows
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


# Pelican's own lines, in English, that must not reach the preview's terminal.
PELICAN_LINES = re.compile(
    r"^(Done: |-> |Processed |WARNING|ERROR|CRITICAL|Traceback|Could not process)", re.M
)
CSP = re.search(
    r'Content-Security-Policy "([^"]+)"', (ROOT / "thads_portal/deploy/portal-headers.conf").read_text()
).group(1)


class PreviewProcess:
    """`thads serve` on a copy of the project, its terminal output in a file."""

    def __init__(self, tmp_path: Path, port: int, *options: str) -> None:
        self.project = make_project(tmp_path / "project")
        self.output = tmp_path / "out"
        self.log = tmp_path / "terminal.txt"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [*THADS, "serve", "--project", str(self.project)]
                + ["--output", str(self.output), "--port", str(port), *options],
                cwd=self.project,
                env={**os.environ, "PORTAL_TODAY": TODAY, "PYTHONUNBUFFERED": "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, pattern: str, after: int = 0, timeout: float = 240) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.compile(pattern).search(self.text(), after)
            if found:
                return found
            assert self.process.poll() is None, self.text()
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} not printed:\n{self.text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _strict_csp(route) -> None:
    """The published site's Content-Security-Policy on every preview answer."""
    from playwright.sync_api import Error

    policy = CSP.replace("; upgrade-insecure-requests", "")
    try:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})
    except Error:
        pass  # the page went away (reloaded, closed) while this was under way


def _overlay(page):
    return page.locator("#xem-truoc-loi [role=alert]")


def test_build_problems_show_over_preview_pages_until_fixed(tmp_path, browser):
    from playwright.sync_api import expect

    port = _free_port()
    preview = PreviewProcess(tmp_path, port)
    pages = []
    try:
        base = preview.wait_for(r"Xem trước tại (http://127\.0\.0\.1:\d+)/").group(1)
        assert base == f"http://127.0.0.1:{port}"
        article = BrowserPage(browser, base)
        home = BrowserPage(browser, base)
        pages += [article, home]
        for opened in pages:
            opened.context.route("**/*", _strict_csp)
        article_path = "/tin-tuc/ap-dung-chu-ky-so-trong-phat-hanh-van-ban-thi-hanh-an/"
        with article.page.expect_response(lambda r: "trang-thai.json" in r.url):
            article.open(article_path)
        expect(article.page.locator("#xem-truoc-loi")).to_have_count(0)

        # Two broken files in one save: invalid YAML, and an unknown category.
        originals = {}
        for relative, old, new in (
            (NEWS, "title:", "title: [chưa đóng ngoặc\ntitle:"),
            (NOTICE, "title:", "category: Không có\ntitle:"),
        ):
            source = preview.project / relative
            originals[source] = source.read_text(encoding="utf-8")
            source.write_text(originals[source].replace(old, new, 1), encoding="utf-8")
        mark = len(preview.text())
        preview.wait_for("Dựng trang thất bại", mark)
        status = json.load(urllib.request.urlopen(f"{base}/__xem-truoc/trang-thai.json"))
        assert status["ok"] is False and len(status["problems"]) >= 2
        terminal = preview.text()[mark:]
        for problem in status["problems"]:
            assert terminal.count(problem["text"]) == 1, (problem["text"], terminal)
        assert not PELICAN_LINES.search(terminal), terminal
        assert "Done: Processed" not in preview.text() and "Traceback" not in preview.text()
        assert "Không dựng được trang: " in terminal  # the Vietnamese summary stays

        overlay = _overlay(article.page)
        expect(overlay).to_be_visible(timeout=10_000)
        expect(overlay).to_contain_text(f"{NEWS}:3:")
        expect(overlay).to_contain_text("Sai cú pháp YAML")
        expect(overlay).to_contain_text(NOTICE)
        for problem in status["problems"]:
            expect(overlay).to_contain_text(problem["text"])
        # Readable on a phone: nothing wider than the screen, the button within reach.
        article.page.set_viewport_size({"width": 360, "height": 740})
        box = overlay.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert overlay.evaluate("e => e.scrollWidth <= e.clientWidth")
        close = overlay.get_by_role("button", name="Đóng")
        expect(close).to_be_visible()

        home.open("/")  # every preview page, not only the edited one
        expect(_overlay(home.page)).to_contain_text("Sai cú pháp YAML", timeout=10_000)
        home.page.get_by_role("button", name="Đóng").click()
        expect(home.page.locator("#xem-truoc-loi")).to_have_count(0)

        for source, text in originals.items():
            source.write_text(text, encoding="utf-8")
        mark = len(preview.text())
        preview.wait_for("Đã dựng xong sau", mark)
        expect(article.page.locator("#xem-truoc-loi")).to_have_count(0, timeout=10_000)
        expect(article.page.locator("h1")).to_be_visible()
        assert json.load(urllib.request.urlopen(f"{base}/__xem-truoc/trang-thai.json"))["ok"] is True
        assert not PELICAN_LINES.search(preview.text())
        for opened in pages:
            assert not opened.errors, opened.errors  # CSP violations included
    finally:
        for opened in pages:
            opened.close()
        preview.stop()
    # Only the preview server adds the overlay: the built pages do not have it.
    built = [path.read_text(encoding="utf-8") for path in preview.output.rglob("*.html")]
    assert built and not any("__xem-truoc" in page for page in built)
    assert not list(preview.output.rglob("preview-errors*"))


def test_a_busy_port_moves_to_the_next_free_one(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        preview = PreviewProcess(tmp_path, port, "--no-watch")
        try:
            moved = preview.wait_for(r"(?:Cổng|Các cổng) (\d+)(?:–\d+)? đang bận; dùng cổng (\d+)\.\n")
            assert int(moved.group(1)) == port and int(moved.group(2)) > port
            assert moved.start() < preview.wait_for("Đang dựng toàn bộ trang…").start()  # checked first
            served = preview.wait_for(
                rf"Xem trước tại http://127\.0\.0\.1:{moved.group(2)}/ \(Ctrl\+C để dừng\)"
            )
            page = urllib.request.urlopen(served.group(0).split()[3]).read().decode()
            assert '<script src="/__xem-truoc/loi.js" defer></script></head>' in page
            assert "Traceback" not in preview.text() and not PELICAN_LINES.search(preview.text())
        finally:
            preview.stop()
