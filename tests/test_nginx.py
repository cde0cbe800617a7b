"""A real nginx with deploy/'s configuration over the published sample site: security
headers, caching, precompressed files, the 404 page, redirects, and pages in Chromium
with no Content-Security-Policy violation or console error."""

from __future__ import annotations

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
    """The sample as scripts/publish releases it: the build plus .gz and .br copies."""
    from precompress import compress_tree

    folder = tmp_path_factory.mktemp("release") / "site"
    shutil.copytree(site.output, folder)
    assert compress_tree(folder) > 100
    return Build(folder, 0, "", "")


@pytest.fixture(scope="module")
def nginx_url(released, tmp_path_factory):
    site = released
    prefix = tmp_path_factory.mktemp("nginx")
    for name in ("nginx-site.conf", "portal-headers.conf"):
        shutil.copy(ROOT / "deploy" / name, prefix / name)
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
