"""Search benchmark: generate a corpus, build it, search it in headless Chromium.

    python scripts/bench_search.py [--notices 10000] [--news 0] [--work /tmp/bench-search]

Prints, against the budgets of the search issue: index files and bytes, the bytes a first
search downloads (gzip and brotli, as the server sends them) for a rare and for the most
common term, and the time each keystroke takes to render its results.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import brotli

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
import static_server  # noqa: E402

from precompress import BROTLI_QUALITY  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BUDGET_RARE, BUDGET_COMMON, BUDGET_KEYSTROKE_MS = 150_000, 300_000, 50.0
RARE_TERM = "komatsu"
COMMON_TERM = "đấu giá"
TYPED_QUERY = "dau gia dat cao loc"


def build(work: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(work / "content"),
            "-s",
            str(ROOT / "publishconf.py"),
            "-o",
            str(work / "site"),
            "-q",
            "-e",
            f'PORTAL_DATA_PATH="{work / "data"}"',
        ],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PORTAL_TODAY": "2026-11-25"},
    )
    return time.monotonic() - started


def compressed(site: Path, urls: list[str]) -> tuple[int, int, int]:
    raw = gz = br = 0
    for url in urls:
        path = site / urlsplit(url).path.lstrip("/")
        if path.is_dir() or url.endswith("/"):
            path = path / "index.html"
        data = path.read_bytes()
        raw += len(data)
        gz += len(gzip.compress(data, 9))
        br += len(brotli.compress(data, quality=BROTLI_QUALITY))  # as the publish build writes
    return raw, gz, br


def first_search(browser, base: str, site: Path, query: str) -> tuple[list[str], int, float]:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    started = time.monotonic()
    page.goto(f"{base}/tim-kiem/?q={query}")
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached", timeout=60_000)
    seconds = time.monotonic() - started
    found = int(page.get_attribute("#search-count", "data-count"))
    context.close()
    return [url for url in requested if url.startswith(base)], found, seconds


def keystrokes(browser, base: str) -> tuple[list[float], list[float]]:
    """Render time of each keystroke: typing the query the first time (index files are
    fetched as needed) and again once they are loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/tim-kiem/")
    page.wait_for_selector("#search-results[aria-busy='false']", state="attached", timeout=60_000)
    passes = []
    for _ in range(2):
        timings = []
        for end in range(1, len(TYPED_QUERY) + 1):
            page.evaluate("() => { window.portalSearch.lastMs = null; }")
            page.fill("#search-q", TYPED_QUERY[:end])
            page.wait_for_function("() => window.portalSearch.lastMs !== null", timeout=30_000)
            timings.append(page.evaluate("() => window.portalSearch.lastMs"))
        passes.append(timings)
    context.close()
    return passes[0], passes[1]


def report(label: str, site: Path, urls: list[str], budget: int, found: int, seconds: float) -> None:
    raw, gz, br = compressed(site, urls)
    search_only = [u for u in urls if "/tim-kiem/chi-muc/" in u or "search." in u]
    _, search_gz, search_br = compressed(site, search_only)
    verdict = "đạt" if gz <= budget else "VƯỢT"
    print(
        f"  {label}: {found} kết quả, {len(urls)} tệp tải về, {raw / 1000:.1f} KB gốc, "
        f"{gz / 1000:.1f} KB gzip / {br / 1000:.1f} KB brotli "
        f"(riêng tìm kiếm: {search_gz / 1000:.1f} KB gzip / {search_br / 1000:.1f} KB brotli); "
        f"ngân sách {budget / 1000:.0f} KB: {verdict}; {seconds * 1000:.0f} ms đến khi hiện kết quả"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--news", type=int, default=0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-search"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--reuse", action="store_true", help="search the site built by the last run again")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    site = args.work / "site"
    if not (args.reuse and site.is_dir()):
        content = corpus.write_corpus(args.work, args.news, args.notices)
        first = next(iter(sorted(content.glob("notices/*/*.md"))))
        text = first.read_text(encoding="utf-8")
        first.write_text(text.replace("\n---\n", "\n---\nMáy ủi Komatsu D41P.\n", 1), encoding="utf-8")
        print(f"Kho thử: {args.notices} thông báo, {args.news} tin ({args.work})")
        print(f"Dựng trang: {build(args.work):.1f} s")
    index = next((site / "tim-kiem/chi-muc").iterdir())
    files = [p for p in index.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    site_files = sum(1 for p in site.rglob("*") if p.is_file())
    print(f"Toàn trang: {site_files} tệp")
    print(f"Chỉ mục tìm kiếm: {len(files)} tệp, {total / 1e6:.2f} MB (chưa nén)")
    server = static_server.start(site)
    base = static_server.base_url(server)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for label, query, budget in (
            (f"Từ hiếm '{RARE_TERM}'", RARE_TERM, BUDGET_RARE),
            (f"Từ phổ biến nhất '{COMMON_TERM}'", COMMON_TERM, BUDGET_COMMON),
        ):
            urls, found, took = first_search(browser, base, site, query)
            report(label, site, urls, budget, found, took)
        first, loaded = keystrokes(browser, base)
        browser.close()
    server.shutdown()
    for label, timings in (("lần đầu, kể cả tải tệp chỉ mục", first), ("khi đã tải", loaded)):
        verdict = "đạt" if max(timings) < BUDGET_KEYSTROKE_MS else "VƯỢT"
        print(
            f"Gõ '{TYPED_QUERY}' từng phím ({label}): trung vị {statistics.median(timings):.1f} ms, "
            f"chậm nhất {max(timings):.1f} ms (ngân sách {BUDGET_KEYSTROKE_MS:.0f} ms: {verdict})"
        )
        print("  " + ", ".join(f"{t:.1f}" for t in timings))


if __name__ == "__main__":
    main()
