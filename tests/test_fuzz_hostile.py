"""Generated hostile content (front-matter fields and body constructs × payloads × encodings)
through `load_document`, `thads check` and two real builds: no hang, no traceback, every
refused file named by both, and nothing executable in any output format."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
import signal
import unicodedata
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SITE, TODAY, run_build, run_check

from thads_portal.domain import data
from thads_portal.domain.documents import load_document
from thads_portal.domain.markup import MARKDOWN

REFERENCE_DAY = dt.date.fromisoformat(TODAY)  # the day the builds of this test run on

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#97;script:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "{: onmouseover=alert(1) }",
    "{onclick=alert(1) autofocus}",
    "</title><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "{{ 7*7 }}{% for x in range(3) %}x{% endfor %}",
    '=HYPERLINK("http://evil.example","bấm")',
    "@SUM(1+1)",
    "\u202egnp.exe",
    "a\x00b\x1b[31m",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "/../../../etc/passwd",
    '!!python/object/apply:os.system ["id"]',
    "&a [*a, *a, *a]",
    "x" * 20_000,
    "Đấu giá đất Cao Lộc 😀",
]
POST = "---\ntitle: {title}\ndate: 2026-10-01 08:00\ncategory: Tin hoạt động\nsummary: {summary}\n{extra}---\n{body}\n"
SAFE = '"Bài kiểm tra"'


def _quoted(payload: str) -> str:
    return json.dumps(payload, ensure_ascii=False)


def _post(title=SAFE, summary=SAFE, extra="", body="Nội dung.") -> str:
    return POST.format(title=title, summary=summary, extra=extra, body=body)


NOTICE_SOURCE = SITE / "content/notices/2026/ban-dau-gia-nha-dat-xa-binh-gia.md"
NOTICE_ASSET = '"Quyền sử dụng đất thửa số 119, tờ bản đồ số 6 và nhà ở hai tầng trên đất"'

FIELDS = {
    "title": lambda p: _post(title=_quoted(p)),
    "title_raw": lambda p: _post(title=p),
    "summary": lambda p: _post(summary=_quoted(p)),
    "tags": lambda p: _post(extra=f"tags: [{_quoted(p)}]\n"),
    "slug": lambda p: _post(extra=f"slug: {_quoted(p)}\n"),
    "body_text": lambda p: _post(body=f"Đoạn văn {p} hết."),
    "body_link": lambda p: _post(body=f"[Bấm]({p})"),
    "body_image": lambda p: _post(body=f"![Ảnh]({p})"),
    "body_reference": lambda p: _post(body=f"Xem [tài liệu][1].\n\n[1]: {p}"),
    "body_attr": lambda p: _post(body=f"# Tiêu đề {{: {p} }}\n\nĐoạn\n{{: {p} }}"),
    "body_table": lambda p: _post(body=f"| Cột |\n|---|\n| {p} |"),
    "notice_asset": lambda p: NOTICE_SOURCE.read_text(encoding="utf-8").replace(NOTICE_ASSET, _quoted(p), 1),
}
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "bom": lambda text: text.encode("utf-8-sig"),
    "nfd": lambda text: unicodedata.normalize("NFD", text).encode("utf-8"),
    "utf-16": lambda text: text.encode("utf-16"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
}
VARIANTS = list(itertools.product(FIELDS, range(len(PAYLOADS)), ENCODINGS))
PER_FILE_SECONDS = 10


def test_there_are_enough_variants():
    assert len(VARIANTS) >= 1000


def _write_variants(project: Path) -> dict[str, str]:
    """Every variant as a file; content path → what it holds."""
    written = {}
    for number, (field, payload, encoding) in enumerate(VARIANTS):
        folder = "notices/2026" if field.startswith("notice") else "news/2026"
        relative = f"content/{folder}/fuzz-{number:04d}.md"
        (project / relative).write_bytes(ENCODINGS[encoding](FIELDS[field](PAYLOADS[payload])))
        written[relative] = f"{field} × {payload} × {encoding}"
    return written


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "xlink:href", "poster", "data")
_FORBIDDEN_TAGS = ("iframe", "object", "embed", "base", "frame", "applet")


def _executable(soup: BeautifulSoup) -> list[str]:
    found = []
    for tag in soup.find_all(True):
        if tag.name in _FORBIDDEN_TAGS:
            found.append(f"<{tag.name}>")
        # The engine's own scripts: the theme's, and the editing interface's (/quan-tri/).
        if tag.name == "script" and (
            not tag.get("src", "").startswith(("/theme/", "/quan-tri/")) or tag.string
        ):
            found.append(f"script {tag.get('src')!r} {tag.string!r}"[:120])
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}>")
            if name.lower() in _URL_ATTRIBUTES:
                values = value if isinstance(value, list) else [value]
                for item in values:
                    compact = re.sub(r"[\x00-\x20]", "", str(item))
                    if _DANGEROUS_SCHEME.match(compact):
                        found.append(f"<{tag.name} {name}={item[:60]!r}>")
    return found


def _feed_html(path: Path) -> list[str]:
    """Markup carried inside a feed's text (escaped HTML of content and summaries)."""
    return [
        element.text for element in ElementTree.parse(path).iter() if element.text and "<" in element.text
    ]


def test_hostile_variants_through_check_and_build(project, tmp_path):
    written = _write_variants(project)
    portal, problems = data.load(project / "data")
    assert portal is not None, problems

    # Every file read alone in this process: in time, without an exception.
    refused_by_reader = set()
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for relative in written:
            signal.alarm(PER_FILE_SECONDS)
            try:
                document = load_document(
                    project / relative, portal, project / "content", MARKDOWN, REFERENCE_DAY
                )
            except _Timeout:
                pytest.fail(f"{relative} ({written[relative]}) took more than {PER_FILE_SECONDS} s")
            finally:
                signal.alarm(0)
            if not document.ok:
                refused_by_reader.add(relative)
                assert any(p.path == relative for p in document.problems), relative
    finally:
        signal.signal(signal.SIGALRM, previous)

    checked = run_check(project, "--json", timeout=900)
    assert "Traceback" not in checked.stderr, checked.stderr[-3000:]
    report = json.loads(checked.stdout)
    refused_by_check = {p["path"] for p in report["problems"] if p["severity"] == "error"}
    assert refused_by_reader <= refused_by_check
    assert refused_by_check <= set(written), refused_by_check - set(written)

    build = run_build(project, tmp_path / "refused")
    assert build.returncode == 1
    assert "Traceback" not in build.stderr, build.stderr[-3000:]
    named = {line.split(":", 1)[0] for line in build.stderr.splitlines() if line.startswith("content/")}
    assert refused_by_check <= named, sorted(refused_by_check - named)[:20]
    assert not (tmp_path / "refused").exists()

    # Without the refused files the rest builds, and every variant left is published.
    for relative in refused_by_check:
        (project / relative).unlink()
    published = set(written) - refused_by_check
    assert len(published) > 100  # payloads in text are made harmless, not refused
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-5000:]
    assert "Traceback" not in build.stderr
    site = tmp_path / "site"

    problems = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            problems += [f"{path.relative_to(site)}: {found}" for found in _executable(soup)]
        elif path.suffix == ".xml":
            for markup in _feed_html(path):
                soup = BeautifulSoup(markup, "html.parser")
                problems += [f"{path.relative_to(site)}: {found}" for found in _executable(soup)]
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.reader(handle):
                    for cell in row:
                        if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(
                            r"-?[\d.,]+", cell
                        ):
                            problems.append(f"{path.relative_to(site)}: formula {cell[:40]!r}")
    assert problems == [], problems[:20]
    slugs = {page.parent.name for page in (site / "tin-tuc").glob("*/index.html")}
    slugs |= {page.parent.name for page in (site / "thong-bao").glob("*/index.html")}
    for relative in published:
        assert Path(relative).stem in slugs or "slug" in written[relative], relative
