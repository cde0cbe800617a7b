"""Quality gates over the published sample: reproducible output, page weight budgets,
no third-party or render-blocking requests, every internal reference resolves, and every
page is well-formed HTML."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from conftest import SITE, run_build

PAGE_BUDGET = 30 * 1024
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# SVG elements written self-closed (<rect .../>) by the chart plugin.
SELF_CLOSED_OK = {"rect", "line", "path", "circle", "polyline", "polygon"}


def test_two_builds_of_the_same_commit_are_identical(tmp_path):
    first = run_build(SITE, tmp_path / "one", "publishconf.py")
    second = run_build(SITE, tmp_path / "two", "publishconf.py")
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    files_one = {p.relative_to(first.output) for p in first.output.rglob("*") if p.is_file()}
    files_two = {p.relative_to(second.output) for p in second.output.rglob("*") if p.is_file()}
    assert files_one == files_two
    different = [
        p for p in sorted(files_one) if (first.output / p).read_bytes() != (second.output / p).read_bytes()
    ]
    assert different == []


def _references(soup: BeautifulSoup) -> list[str]:
    found = []
    for tag in soup.find_all(True):
        for attribute in ("href", "src"):
            if tag.get(attribute):
                found.append(tag[attribute])
        for attribute in ("srcset",):
            if tag.get(attribute):
                found += [part.strip().split(" ")[0] for part in tag[attribute].split(",")]
    return found


def _resolve(output: Path, reference: str) -> Path | None:
    """The output file an internal reference points to (None for other hosts, mailto …)."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or reference.startswith("#"):
        return None
    path = unquote(parts.path)
    if not path.startswith("/"):
        raise AssertionError(f"relative reference {reference!r}")
    target = output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def test_every_internal_reference_resolves(site):
    broken = []
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for reference in _references(soup):
            target = _resolve(site.output, reference)
            if target is not None and not target.is_file():
                broken.append((page.relative_to(site.output).as_posix(), reference))
    assert broken == []


def test_no_other_hosts_and_no_render_blocking_scripts(site):
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[rel~=stylesheet], img, source, iframe"):
            for attribute in ("src", "href", "srcset"):
                value = tag.get(attribute, "")
                assert not value.startswith(("http:", "https:", "//")), (page, value)
        for script in soup.find_all("script"):
            assert script.get("src"), f"inline script in {page}"
            assert script.has_attr("defer") or script.has_attr("async"), (page, script)


def _compressed(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def test_page_weight_budget(site):
    """Each page with its CSS and JavaScript: at most 30 KB compressed (the search page
    may add its engine, measured by scripts/bench_search.py)."""
    over = []
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        total = _compressed(page)
        assets = [link["href"] for link in soup.select("link[rel~=stylesheet]")]
        assets += [script["src"] for script in soup.select("script[src]") if "/search." not in script["src"]]
        total += sum(_compressed(site.output / asset.lstrip("/")) for asset in assets)
        if total > PAGE_BUDGET:
            over.append((page.relative_to(site.output).as_posix(), total))
    assert over == []


class _WellFormed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and tag not in SELF_CLOSED_OK:
            self.errors.append(f"line {self.getpos()[0]}: <{tag}/> is not a void element")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            opened = self.stack[-1] if self.stack else None
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes {opened}")
            return
        self.stack.pop()


def test_every_page_is_well_formed(site):
    problems = {}
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        checker = _WellFormed()
        checker.feed(text)
        checker.close()
        errors = checker.errors + [
            f"<{tag}> opened on line {line} never closed" for tag, line in checker.stack
        ]
        if not re.match(r"<!doctype html>", text, re.I):
            errors.append("no doctype")
        if errors:
            problems[page.relative_to(site.output).as_posix()] = errors[:3]
    assert problems == {}
