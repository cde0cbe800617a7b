"""Shared fixtures: real builds of the engine's test site into temporary folders."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The engine's test site (its content/, data/ and settings files): modelled on the example
# site when the engine became a package, and kept apart from it, so that the example (or a
# province's site made from it) can change its texts without touching the engine's tests.
SITE = ROOT / "tests" / "site"
# The example site of this repository (sites/lang-son): tests of its own in test_example_site.py.
EXAMPLE = ROOT / "sites" / "lang-son"
TODAY = "2026-11-25"
# The installed `thads` command of the environment running the tests.
THADS = [str(Path(sys.executable).parent / "thads")]


@dataclass
class Build:
    output: Path
    returncode: int
    stdout: str
    stderr: str

    def html(self, path: str) -> BeautifulSoup:
        target = self.output / path
        if target.is_dir() or path.endswith("/") or path == "":
            target = target / "index.html"
        return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        """Every HTML page of the public site: not the redirect stubs at old addresses (see
        _redirects.map), nor the editing interface's page (quan-tri/, never linked, never
        indexed, with a CSP of its own; tests/test_cms_browser.py and the admin plugin's tests)."""
        stubs = set()
        redirects = self.output / "_redirects.map"
        if redirects.is_file():
            for line in redirects.read_text(encoding="utf-8").splitlines():
                old = self.output / line.split()[0].lstrip("/")
                stubs.add(old / "index.html" if line.split()[0].endswith("/") else old)
        stubs.add(self.output / "quan-tri" / "index.html")
        return sorted(p for p in self.output.rglob("*.html") if p not in stubs)


def make_project(folder: Path) -> Path:
    """A copy of the test site: its content, data and settings (the engine is installed)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SITE / "content", folder / "content")
    shutil.copytree(SITE / "data", folder / "data")
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(SITE / name, folder / name)
    return folder


def run_build(
    project: Path,
    output: Path,
    settings: str = "pelicanconf.py",
    today: str | None = TODAY,
    extra: list[str] = (),
    environment: dict[str, str] | None = None,
    launcher: tuple[str, ...] = ("-m", "pelican"),
) -> Build:
    """`extra`: Pelican settings as KEY=JSON (its -e option); `today`: None for the real
    clock; `environment`: more variables; `launcher`: how Python starts Pelican."""
    env = {**os.environ, **(environment or {})}
    env.pop("PORTAL_TODAY", None)
    if today:
        env["PORTAL_TODAY"] = today
    options = ["-e", *extra] if extra else []
    result = subprocess.run(
        [sys.executable, *launcher, "content", "-s", settings, "-o", str(output), *options],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(output, result.returncode, result.stdout, result.stderr)


def run_check(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """`thads check` over a project made by `make_project`, on the reference day."""
    return subprocess.run(
        [*THADS, "check", *args, "--settings", str(project / "pelicanconf.py")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PORTAL_TODAY": TODAY},
    )


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> Build:
    build = run_build(SITE, tmp_path_factory.mktemp("preview") / "site")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The sample site as published (publishconf.py) on the reference day."""
    build = run_build(SITE, tmp_path_factory.mktemp("publish") / "site", "publishconf.py")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture()
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The reader's clock in browser tests: the reference day, mid-morning in Vietnam.
BROWSER_NOW = "2026-11-25T10:00:00+07:00"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def served(folder: Path):
    from thads_portal.cli import static_server

    server = static_server.start(folder)
    try:
        yield static_server.base_url(server)
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(site):
    with served(site.output) as url:
        yield url


class BrowserPage:
    """A page that records console errors and dialogs, with the reader's clock fixed."""

    def __init__(self, browser, base: str, javascript: bool = True) -> None:
        self.context = browser.new_context(java_script_enabled=javascript, locale="vi-VN")
        self.page = self.context.new_page()
        self.page.clock.set_fixed_time(BROWSER_NOW)
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def browser_page(browser, site_url):
    opened = BrowserPage(browser, site_url)
    yield opened
    opened.close()
    assert not opened.errors, opened.errors
