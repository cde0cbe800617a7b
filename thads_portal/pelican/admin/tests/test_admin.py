"""The editing interface as the build writes it at /quan-tri/."""

from __future__ import annotations

import json
import os

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import make_project, run_build

from thads_portal.pelican.admin import VENDOR


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("admin") / "site")
    build = run_build(project, tmp_path_factory.mktemp("admin-output") / "site", "publishconf.py")
    assert build.returncode == 0, build.stdout + build.stderr
    return build.output


def test_admin_page_is_noindex_and_runs_only_scripts_of_its_own(built):
    page = BeautifulSoup((built / "quan-tri/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scripts = page.find_all("script")
    assert [s["src"] for s in scripts] == [
        "/quan-tri/decap-cms.js",
        "/quan-tri/portal-cms-data.js",
        "/theme/js/site.js",
        "/quan-tri/portal-cms.js",
    ]
    assert all(not s.string for s in scripts)  # no inline script: the CSP forbids them
    for script in scripts:
        assert (built / script["src"].lstrip("/")).is_file()
    assert page.find("link", rel="cms-config-url")["href"] == "/quan-tri/config.yml"
    assert (built / page.find("link", rel="icon")["href"].lstrip("/")).is_file()
    robots = (built / "robots.txt").read_text()
    assert "Disallow: /quan-tri/" in robots
    assert "/quan-tri/" not in (built / "sitemap.xml").read_text()


def test_the_pinned_cms_is_served_from_the_site(built):
    marker = (VENDOR / ".complete").read_text()
    assert marker.startswith("decap-cms@3.16.3 sha512-")
    for name in ("decap-cms.js", "decap-cms.js.LICENSE.txt"):
        assert (built / "quan-tri" / name).read_bytes() == (VENDOR / name).read_bytes()
    assert (
        len(list((built / "quan-tri").glob("*.decap-cms.js")))
        == len(list(VENDOR.glob("*.decap-cms.js")))
        > 50
    )


def test_configuration_and_preview_data(built):
    config = yaml.safe_load((built / "quan-tri/config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "vi" and config["backend"]["name"] == "gitea"
    script = (built / "quan-tri/portal-cms-data.js").read_text(encoding="utf-8")
    prefix = "window.PORTAL_CMS = "
    assert script.startswith(prefix) and "<" not in script
    data = json.loads(script[len(prefix) :].splitlines()[0].rstrip(";"))
    assert data["noticeCollections"] == ["dau-gia", "lua-chon-to-chuc-dau-gia", "lua-chon-tham-dinh-gia"]
    assert data["numberWords"][15] == "mười lăm" and len(data["numberWords"]) == 1000
    assert data["statusRule"]["labels"]["open"] == "Đang nhận hồ sơ"
    assert data["units"]["thads-lang-son"]["name"] == "Thi hành án dân sự tỉnh Lạng Sơn"


def test_the_vendored_cms_is_compressed_once_not_by_every_publish_build(built, tmp_path):
    import brotli

    from thads_portal.pelican.precompress import compress_tree, compressed_with_it

    bundle = built / "quan-tri" / "decap-cms.js"
    assert (bundle.with_name("decap-cms.js.br")).read_bytes() == (VENDOR / "decap-cms.js.br").read_bytes()
    assert brotli.decompress((bundle.with_name("decap-cms.js.br")).read_bytes()) == bundle.read_bytes()
    assert compressed_with_it(bundle)
    # A file written after its copies (changed since) is compressed again.
    page = tmp_path / "page.js"
    page.write_text("old();" * 100)
    compress_tree(tmp_path)
    page.write_text("new();" * 100)
    later = page.stat().st_mtime_ns + 10**9
    os.utime(page, ns=(later, later))
    assert not compressed_with_it(page)
    compress_tree(tmp_path)
    assert brotli.decompress(page.with_name("page.js.br").read_bytes()) == b"new();" * 100
