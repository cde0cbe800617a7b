"""The editing interface at /quan-tri/ in Chromium: the local mode of `thads edit` (decap-server
behind the preview server) writing a notice that the build then publishes, the build's checks
refusing an invalid one, the page as published loading under its CSP with no other host, and
the preview's formatting against the Python formatting it copies."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import threading

import feedparser
import pytest
from conftest import ROOT, THADS, TODAY, make_project, run_build, run_check, served
from icalendar import Calendar
from PIL import Image
from playwright.sync_api import expect

from scripts.cms_forms import fill_auction, moment, publish, upload
from thads_portal.domain.clock import VIETNAM, localize
from thads_portal.domain.formatting import format_datetime, format_money, money_in_words
from thads_portal.domain.notices import STATUSES, status_from

DAY = dt.date.fromisoformat(TODAY)
ADMIN_CSP = re.search(
    r'Content-Security-Policy "([^"]+)"', (ROOT / "thads_portal/deploy/admin-headers.conf").read_text()
).group(1)


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """`thads edit` over a copy of the test site, on the reference day: (address, site)."""
    project = make_project(tmp_path_factory.mktemp("edit") / "site")
    environment = {**os.environ, "PORTAL_TODAY": TODAY}
    process = subprocess.Popen(
        [*THADS, "edit", "--no-watch", "--port", "0"],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    address = None
    for line in process.stdout:
        lines.append(line)
        found = re.search(r"Trang soạn thảo: (http://\S+/quan-tri/)", line)
        if found:
            address = found.group(1)
            break
    assert address, "".join(lines)
    threading.Thread(target=lambda: [lines.append(line) for line in process.stdout], daemon=True).start()
    yield address, project
    process.terminate()
    assert process.wait(timeout=20) == 0, "".join(lines)


@pytest.fixture()
def editor(browser, editing):
    """A signed-in editor on the interface's start page (recording console errors)."""
    address, _ = editing
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on(
        "response",
        lambda response: response.status >= 400 and page.errors.append(f"{response.status} {response.url}"),
    )
    page.goto(address)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bộ sưu tập").wait_for()
    yield page
    context.close()


def test_an_auction_notice_written_in_the_form_is_checked_saved_and_published(editor, editing, tmp_path):
    address, project = editing
    photo, scan = tmp_path / "xe-tai-12c.jpg", tmp_path / "thong-bao-co-chu-ky.pdf"
    Image.new("RGB", (800, 500), (40, 90, 150)).save(photo, quality=85)
    Image.new("RGB", (600, 800), "white").save(scan)
    title = "Thông báo bán đấu giá xe ô tô tải biển kiểm soát 12C-045.67"
    fill_auction(
        editor,
        address,
        DAY,
        title,
        price=1_250_000_000,
        deposit=125_000_000,
        auction_days=30,
        kind="Động sản",
    )
    editor.get_by_role("button", name="Thêm tệp kèm theo").click()
    upload(editor, "Chọn một tập tin", scan)
    editor.get_by_label("Tên tệp hiển thị").fill("Thông báo có chữ ký")
    body = editor.locator("[data-slate-editor]").first
    body.click()
    editor.keyboard.type("Thi hành án dân sự tỉnh Lạng Sơn thông báo bán đấu giá tài sản sau.")
    editor.locator("button[title='Add Component']").click()
    editor.get_by_role("menuitem", name="Ảnh", exact=True).click()
    upload(editor, "Chọn một hình", photo)
    editor.get_by_label("Mô tả ảnh (cho người khiếm thị)").fill("Xe ô tô tải Hyundai màu xanh")

    # The preview: the site's summary box, money in đồng and in words, dates dd/mm/yyyy,
    # and the build's checks of the entry (none left).
    preview = editor.frame_locator("#preview-pane")
    box = preview.locator(".summary-box")
    box.get_by_text("1.250.000.000 đồng").wait_for()
    assert f"(Bằng chữ: {money_in_words(1_250_000_000)})" in box.inner_text()
    registration_end = format_datetime(dt.datetime.fromisoformat(moment(DAY, 27, "17:00")))
    assert registration_end in box.inner_text()
    # The status, by the site's site.js over the rule the build embeds, as Python gives it.
    steps = {"opens": (0, "09:00"), "deadline": (27, "17:00"), "auction_at": (30, "09:00")}
    moments = {name: localize(dt.datetime.fromisoformat(moment(DAY, *at))) for name, at in steps.items()}
    expected = STATUSES[status_from(moments, None, dt.datetime.now(VIETNAM))]
    assert box.locator(".status").inner_text() == expected
    expect(preview.locator(".preview-checks")).to_have_text(
        "Kiểm tra theo quy định: không có lỗi.", timeout=20000
    )
    head = preview.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert head.endswith("/theme/css/site.css")

    # Decap's editing pane asks for an image picked in the media library at its public
    # address before the entry (and the image with it) is saved: a 404 for that address only.
    draft = [error for error in editor.errors if "xe-tai-12c.jpg" not in error and "404" not in error]
    assert draft == [], editor.errors
    publish(editor)
    editor.wait_for_url(re.compile(r"/entries/"), timeout=20000)
    editor.errors.clear()  # once saved, the image is served: the entry reopens without an error
    editor.reload()
    editor.locator("[data-slate-editor]").first.wait_for()
    editor.locator("[data-slate-editor] img").first.wait_for()
    saved = project / "content" / "notices" / str(DAY.year) / f"{editor.url.rsplit('/', 1)[-1]}.md"
    assert saved.is_file(), sorted((project / "content" / "notices").rglob("*.md"))[-3:]
    text = saved.read_text(encoding="utf-8")
    assert "deposit: 125000000" in text and "notice_type: auction" in text
    assert "files/thong-bao/thong-bao-co-chu-ky.pdf" in text
    assert "](/images/thong-bao/xe-tai-12c.jpg" in text
    assert (project / "content/files/thong-bao/thong-bao-co-chu-ky.pdf").read_bytes() == scan.read_bytes()
    assert (project / "content/images/thong-bao/xe-tai-12c.jpg").read_bytes() == photo.read_bytes()
    checked = run_check(project)
    assert checked.returncode == 0, checked.stdout

    build = run_build(project, tmp_path / "output")
    assert build.returncode == 0, build.stdout + build.stderr
    slug = saved.stem
    page = build.html(f"thong-bao/{slug}/")
    assert page.h1.get_text(strip=True) == title
    assert "1.250.000.000 đồng" in page.select_one(".summary-box").get_text()
    feed = feedparser.parse((build.output / "feeds/thong-bao.atom.xml").read_bytes())
    assert title in [entry.title for entry in feed.entries]
    events = Calendar.from_ical((build.output / "thong-bao/lich-dau-gia.ics").read_bytes()).walk("VEVENT")
    assert any(slug in str(event.get("url", "")) for event in events)
    index = "".join(
        path.read_text(encoding="utf-8") for path in (build.output / "tim-kiem/chi-muc").rglob("*.json")
    )
    assert title in index
    assert not editor.errors, editor.errors


def test_an_invalid_notice_is_refused_with_each_problem_named_in_vietnamese(editor, editing, tmp_path):
    address, project = editing
    before = sorted((project / "content").rglob("*"))
    title = "Thông báo bán đấu giá xe ô tô tải tiền đặt trước sai"
    # Deposit 25 %; the auction 3 working days after posting (Wed 25/11 → Tue 01/12/2026).
    fill_auction(
        editor, address, DAY, title, price=1_000_000_000, deposit=250_000_000, auction_days=6, kind="Động sản"
    )
    body = editor.locator("[data-slate-editor]").first
    body.click()
    editor.keyboard.type("Nội dung thông báo.")
    deposit = "tiền đặt trước phải từ 5% đến 20% giá khởi điểm; hiện là 25,0%"
    posting = "thông báo phải đăng ít nhất 7 ngày làm việc trước ngày đấu giá; hiện chỉ có 3 ngày làm việc"

    # While editing: both problems, above the preview.
    checks = editor.frame_locator("#preview-pane").locator(".preview-checks")
    checks.get_by_text(deposit, exact=False).wait_for(timeout=20000)
    assert posting in checks.inner_text()
    assert "Tiền đặt trước (đồng):" in checks.inner_text()

    # At publish: refused, both named, nothing written.
    publish(editor)
    notice = editor.get_by_text("Chưa lưu: có 2 lỗi cần sửa", exact=False)
    notice.wait_for(timeout=20000)
    assert deposit in notice.inner_text() and posting in notice.inner_text()
    assert "/new" in editor.url
    assert sorted((project / "content").rglob("*")) == before
    build = run_build(project, tmp_path / "output")
    assert build.returncode == 0, build.stdout + build.stderr
    assert title not in (build.output / "feeds/thong-bao.atom.xml").read_text(encoding="utf-8")
    # The only console errors: the refused save (HTTP 422) as Decap logs it.
    assert all("422" in error or "Chưa lưu" in error for error in editor.errors), editor.errors


def test_admin_page_loads_under_its_csp_with_no_other_host(browser, site):
    """The page as the publish build writes it, with the CSP of deploy/admin-headers.conf."""
    with served(site.output) as base:
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        errors, hosts = [], set()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))

        def with_csp(route):
            response = route.fetch()
            csp = ADMIN_CSP.replace(" $thads_git_origin", " https://git.example.gov.vn")
            route.fulfill(response=response, headers={**response.headers, "content-security-policy": csp})

        page.route(re.compile(r".*/quan-tri/(index\.html)?$"), with_csp)
        page.goto(f"{base}/quan-tri/")
        page.get_by_role("button", name="Đăng nhập bằng Gitea").wait_for(timeout=30000)
        page.wait_for_timeout(1000)
        context.close()
    assert errors == []
    assert hosts == {base.split("/")[2]}


def test_preview_formats_money_and_dates_as_the_build_does(browser, site):
    amounts = [0, 1, 5, 10, 15, 21, 105, 1_000, 1_005_000, 45_000_000, 1_045_000_000, 1_005_000_000]
    amounts += [250_000_000_000, 1_234_567_890_123, 999_999_999_999_999, 7_000_000_000_005]
    with served(site.output) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/quan-tri/")
        page.wait_for_function("window.PORTAL_CMS_FORMAT !== undefined")
        words = page.evaluate("(list) => list.map((n) => window.PORTAL_CMS_FORMAT.moneyInWords(n))", amounts)
        money = page.evaluate("(list) => list.map((n) => window.PORTAL_CMS_FORMAT.money(n))", amounts)
        dates = page.evaluate(
            "(list) => list.map((d) => window.PORTAL_CMS_FORMAT.datetime(d))",
            ["2026-11-25 08:30", "2026-12-01 00:00", "2027-01-05T17:05"],
        )
        context.close()
    assert words == [money_in_words(amount) for amount in amounts]
    assert money == [format_money(amount) for amount in amounts]
    assert money[9] == "45.000.000 đồng" and money[-1] == "7.000.000.000.005 đồng"
    assert dates == ["08:30 ngày 25/11/2026", "01/12/2026", "17:05 ngày 05/01/2027"]


def test_thads_edit_install_is_idempotent(tmp_path):
    """The local server is installed from the pinned lockfile (npm checks every integrity)."""
    from thads_portal.cli import edit

    entry = edit.install()
    assert entry.is_file() and entry.parent.parent.name == "decap-server"
    package = (entry.parent.parent / "package.json").read_text()
    assert '"version": "3.11.3"' in package
    assert edit.install() == entry
    assert shutil.which("node")


def post(address: str, path: str, body: dict, **headers) -> tuple[int, dict]:
    import json
    import urllib.error
    import urllib.request

    origin = address.split("/quan-tri/")[0]
    request = urllib.request.Request(
        origin + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Origin": origin, **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_local_server_writes_only_checked_files_inside_content(editing):
    import base64

    address, project = editing
    before = sorted(str(p) for p in project.rglob("*") if "output" not in p.parts)

    def media(path: str, content: bytes) -> dict:
        asset = {"path": path, "content": base64.b64encode(content).decode(), "encoding": "base64"}
        return {
            "action": "persistMedia",
            "params": {"branch": "main", "asset": asset, "options": {"commitMessage": "x"}},
        }

    def entry(path: str, raw: str) -> dict:
        item = {"slug": "x", "path": path, "raw": raw}
        return {
            "action": "persistEntry",
            "params": {"branch": "main", "entry": item, "assets": [], "options": {"commitMessage": "x"}},
        }

    # Another site's page, or a request claiming to be from one: refused before anything.
    status, answer = post(address, "/api/v1", {"action": "info"}, Origin="http://evil.example")
    assert status == 403 and "trang soạn thảo" in answer["error"]
    status, _ = post(address, "/api/v1", {"action": "info"}, Host="evil.example")
    assert status == 403
    # Files outside the content folders, or of types the site does not publish.
    status, answer = post(address, "/api/v1", entry("pelicanconf.py", "import os\n"))
    assert status == 422 and "content/news/" in answer["error"]
    status, answer = post(address, "/api/v1", entry("content/../data/site.yml", "name: x\n"))
    assert status == 422
    status, answer = post(address, "/api/v1", media("content/images/a.html", b"<script>alert(1)</script>"))
    assert status == 422 and "Ảnh phải là" in answer["error"]
    status, answer = post(
        address, "/api/v1", media("content/files/thong-bao/a.pdf", b"<script>x</script>" * 20)
    )
    assert status == 422 and "Chưa lưu tệp" in answer["error"]
    status, answer = post(address, "/api/v1", media("data/units.yml", b"- id: x\n"))
    assert status == 422
    # A news post that the build would refuse (no date, unknown category): not written.
    raw = "---\ntitle: Tin thử\ncategory: Không có\n---\nNội dung.\n"
    status, answer = post(address, "/api/v1", entry("content/news/2026/tin-thu.md", raw))
    assert status == 422 and "Chưa lưu: có" in answer["error"] and "Ngày giờ đăng" in answer["error"]
    assert sorted(str(p) for p in project.rglob("*") if "output" not in p.parts) == before
    # The checks while editing take the form's values.
    status, answer = post(
        address, "/__quan-tri/kiem-tra", {"collection": "tin-tuc", "data": {"title": "Tin"}}
    )
    assert status == 200 and any("Ngày giờ đăng" in problem for problem in answer["problems"])
