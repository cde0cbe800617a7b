"""A real nginx with the engine's nginx configuration (thads_portal/deploy) over the published sample site: security
headers, caching, precompressed files, the 404 page, redirects, and pages in Chromium
with no Content-Security-Policy violation or console error."""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, BrowserPage, Build

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _main_config(site: Path, port: int, prefix: Path) -> str:
    temp = "".join(
        f"{kind}_temp_path {prefix / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
{"user root;" if os.geteuid() == 0 else ""}
load_module {BROTLI_MODULE};
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    {temp}
    map $host $thads_git_origin {{
        default "https://git.example.gov.vn";
    }}
    map $uri $portal_redirect {{
        default "";
        include {site / "_redirects.map"};
    }}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include nginx-site.conf;
    }}
}}
"""


@pytest.fixture(scope="module")
def released(site, tmp_path_factory):
    """The sample as thads publish releases it: the build plus .gz and .br copies."""
    from thads_portal.pelican.precompress import compress_tree

    folder = tmp_path_factory.mktemp("release") / "site"
    shutil.copytree(site.output, folder)
    assert compress_tree(folder) > 100
    return Build(folder, 0, "", "")


@pytest.fixture(scope="module")
def nginx_url(released, tmp_path_factory):
    site = released
    prefix = tmp_path_factory.mktemp("nginx")
    for name in ("nginx-site.conf", "portal-headers.conf", "security-headers.conf", "admin-headers.conf"):
        shutil.copy(ROOT / "thads_portal" / "deploy" / name, prefix / name)
    port = _free_port()
    (prefix / "nginx.conf").write_text(_main_config(site.output, port, prefix))
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def get(base: str, path: str, **headers):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_security_headers_on_every_kind_of_response(nginx_url, released):
    site = released
    asset = next(site.output.glob("theme/css/site.*.css")).relative_to(site.output)
    for path in ("/", "/thong-bao/", f"/{asset}", "/feeds/thong-bao.atom.xml", "/khong-co-trang-nay/"):
        response, _ = get(nginx_url, path)
        csp = response.getheader("Content-Security-Policy")
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"


def test_content_types(nginx_url):
    for path, expected in {
        "/": "text/html; charset=utf-8",
        "/thong-bao/lich-dau-gia.ics": "text/calendar; charset=utf-8",
        "/du-lieu/thong-bao.csv": "text/csv; charset=utf-8",
        "/feeds/thong-bao.atom.xml": "application/atom+xml; charset=utf-8",
        "/du-lieu/thong-bao.json": "application/json; charset=utf-8",
    }.items():
        response, _ = get(nginx_url, path)
        assert response.status == 200 and response.getheader("Content-Type") == expected, path


def test_caching_long_for_fingerprinted_assets_short_for_pages(nginx_url, released):
    site = released
    asset = next(site.output.glob("theme/js/site.*.js")).relative_to(site.output)
    response, _ = get(nginx_url, f"/{asset}")
    assert "immutable" in response.getheader("Cache-Control") and "31536000" in response.getheader(
        "Cache-Control"
    )
    index = next((site.output / "tim-kiem/chi-muc").iterdir()).name
    response, _ = get(nginx_url, f"/tim-kiem/chi-muc/{index}/meta.json")
    assert "immutable" in response.getheader("Cache-Control")
    response, _ = get(nginx_url, "/thong-bao/")
    assert response.getheader("Cache-Control") == "public, max-age=300, must-revalidate"


def test_precompressed_files_are_served(nginx_url, released):
    site = released
    plain = (site.output / "index.html").read_bytes()
    response, body = get(nginx_url, "/", **{"Accept-Encoding": "br"})
    assert response.getheader("Content-Encoding") == "br"
    assert body == (site.output / "index.html.br").read_bytes() and len(body) < len(plain) / 3
    response, body = get(nginx_url, "/", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert body == (site.output / "index.html.gz").read_bytes()
    for asset in (*site.output.glob("theme/css/site.*.css"), *site.output.glob("theme/js/search.*.js")):
        response, body = get(
            nginx_url, "/" + asset.relative_to(site.output).as_posix(), **{"Accept-Encoding": "br"}
        )
        assert response.getheader("Content-Encoding") == "br", asset.name


def test_custom_404_and_redirects(nginx_url, released):
    site = released
    response, body = get(nginx_url, "/khong-co-trang-nay/")
    assert response.status == 404 and "Không tìm thấy trang" in body.decode("utf-8")
    pairs = [line.rstrip(";").split() for line in (site.output / "_redirects.map").read_text().splitlines()]
    assert pairs, "the sample has at least one changed address"
    old, new = pairs[0]
    response, _ = get(nginx_url, old)
    assert response.status == 301 and response.getheader("Location").endswith(new)
    response, _ = get(nginx_url, "/_redirects.map")
    assert response.status == 404


PAGES = [
    "/",
    "/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/",
    "/tim-kiem/?q=dat+dong+kinh&type=auction",
    "/thong-ke/2026/",
    "/nguoi-phai-thi-hanh-an-chua-co-dieu-kien/khu-vuc-1/",
    "/van-ban/",
    "/en/about/",
    "/tin-tuc/",
]


def test_pages_run_in_chromium_under_the_policy(browser, nginx_url):
    opened = BrowserPage(browser, nginx_url)
    for path in PAGES:
        page = opened.open(path)
        page.wait_for_load_state("networkidle")
        if path.startswith("/tim-kiem/"):
            page.wait_for_selector("#search-results[aria-busy='false']", state="attached")
            assert page.locator("#search-results li").count() >= 1
    opened.close()
    assert not opened.errors, opened.errors


def test_attachments_are_downloads_in_a_sandbox(nginx_url, released):
    site = released
    attachment = next((site.output / "files").rglob("*.pdf"))
    path = "/" + attachment.relative_to(site.output).as_posix()
    for encoding in ("", "br", "gzip"):
        response, body = get(nginx_url, path, **{"Accept-Encoding": encoding})
        assert response.status == 200 and body == attachment.read_bytes(), encoding
        assert response.getheader("Content-Type") == "application/pdf"
        assert response.getheader("Content-Encoding") is None
        assert response.getheader("Content-Disposition") == "attachment"
        policies = response.headers.get_all("Content-Security-Policy")
        assert "sandbox; default-src 'none'" in policies, policies
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
        assert response.getheader("X-Frame-Options") == "DENY"
        assert response.getheader("Cache-Control") == "public, max-age=604800"
    # Pages and images stay as they were; a missing attachment gets the site's 404 page.
    image = next((site.output / "images").rglob("*.webp")).relative_to(site.output).as_posix()
    for other in ("/", "/thong-bao/", f"/{image}"):
        response, _ = get(nginx_url, other)
        assert response.status == 200 and response.getheader("Content-Disposition") is None, other
        assert "sandbox" not in response.getheader("Content-Security-Policy"), other
    response, _ = get(nginx_url, f"/{image}")
    assert response.getheader("Cache-Control") == "public, max-age=604800"
    response, body = get(nginx_url, "/files/khong-co-tep-nay.pdf")
    assert response.status == 404 and "Không tìm thấy trang" in body.decode("utf-8")


# Files put into the published files/ folder directly, past the build's check: a page and an
# SVG image that load a script from the site's own address, which `script-src 'self'` allows.
UPLOADED = {
    "trang.html": (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tệp tải lên</title>'
        '<script src="/files/thu-nghiem/chay.js"></script></head><body><p>Tệp tải lên</p></body></html>\n'
    ),
    "hinh.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><title>Tệp tải lên</title>'
        '<script href="/files/thu-nghiem/chay.js"/><rect width="100" height="100"/></svg>\n'
    ),
    "chay.js": "document.title = 'script-ran'; console.log('script-ran'); alert('script-ran');\n",
}


@pytest.fixture()
def uploaded(released):
    folder = released.output / "files/thu-nghiem"
    folder.mkdir(parents=True)
    for name, text in UPLOADED.items():
        (folder / name).write_text(text, encoding="utf-8")
    yield [f"/files/thu-nghiem/{name}" for name in ("trang.html", "hinh.svg")]
    shutil.rmtree(folder)


def _watched_page(browser):
    context = browser.new_context(accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text))
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return context, page, seen


def test_uploaded_page_in_chromium_is_downloaded_not_run(browser, nginx_url, uploaded):
    from playwright.sync_api import Error as PlaywrightError

    context, page, seen = _watched_page(browser)
    try:
        for path in uploaded:
            # The navigation becomes a download: goto fails with "Download is starting".
            with page.expect_download(timeout=10_000) as download, contextlib.suppress(PlaywrightError):
                page.goto(nginx_url + path)
            assert download.value.suggested_filename == path.rsplit("/", 1)[1]
            assert page.title() != "script-ran"
    finally:
        context.close()
    assert "script-ran" not in seen, seen


def test_uploaded_page_shown_anyway_runs_no_script(browser, nginx_url, uploaded):
    """Should a browser show the file in spite of Content-Disposition, the sandbox policy
    still keeps its scripts from running."""

    def shown_inline(route):
        response = route.fetch()
        headers: dict[str, str] = {}
        for header in response.headers_array:
            name = header["name"].lower()
            if name != "content-disposition":
                # Several policies in one header, separated by commas, are all enforced.
                headers[name] = f"{headers[name]}, {header['value']}" if name in headers else header["value"]
        route.fulfill(response=response, headers=headers)

    context, page, seen = _watched_page(browser)
    try:
        page.route("**/files/thu-nghiem/*", shown_inline)
        for path in uploaded:
            response = page.goto(nginx_url + path)
            assert response.status == 200 and response.header_value("content-disposition") is None
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
            assert page.title() == "Tệp tải lên", path
    finally:
        context.close()
    assert "script-ran" not in seen, seen
