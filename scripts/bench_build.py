"""Build benchmark: the project against plain Pelican on the same generated news.

    python scripts/bench_build.py [--documents 10000] [--work /tmp/bench-build] [--rounds 3]

Generates N documents (half news, half notices; scripts/corpus.py), then prints for the
project: cold build, warm build (Pelican's content cache on), rebuild after editing one
file, the fast preview of an edited page (thads_portal/cli/preview_server.py), peak memory and output
file count; and for plain Pelican 4 (default theme, pagination 10) over the same news:
cold and warm build. Cold and warm builds of both run in `--rounds` rounds (default 3), the
project's and Pelican's one after the other; the medians and each round are printed, and
the ratios against the targets. Not a timed test.

Both write over their last output: Pelican over its output folder, the project over the site
its last build replaced (strict_build/spare.py); neither reads what it writes over.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_COLD, TARGET_WARM, TARGET_MEMORY_MB, TARGET_PREVIEW_S = 1.3, 0.6, 500, 2.0
# Reading smaps_rollup costs ~7 ms per 250 MB process: sampled more often, the measuring
# would take a good share of the 2 cores it is measuring.
MEMORY_SAMPLE_S = 0.25


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (the build forks workers)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _pss_kb(pids: list[int]) -> int:
    """Proportional set size of the processes together: pages they share are counted once."""
    total = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total


def timed_build(arguments: list[str], replaced: Path | None = None) -> tuple[float, int]:
    """Seconds, and the peak memory (KB) of the build with its workers, sampled as it runs.
    `replaced`: the output folder the build swaps its new site into."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "pelican", *arguments],
        cwd=ROOT,
        env={**os.environ, "PORTAL_TODAY": "2026-11-25"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_kb = 0
    while process.poll() is None:
        peak_kb = max(peak_kb, _pss_kb(_tree(process.pid)))
        time.sleep(MEMORY_SAMPLE_S)
    seconds = time.monotonic() - started
    errors = process.stderr.read()
    if process.returncode != 0:
        sys.exit(f"build failed:\n{errors[-3000:]}")
    if replaced is not None:
        wait_for_cleanup(replaced.parent)
    return seconds, peak_kb


def wait_for_cleanup(folder: Path, timeout_s: float = 300) -> None:
    """The strict build hands the removal of the site it replaced to a detached `rm`: wait
    for it, so that it does not run during the next measured build."""
    deadline = time.monotonic() + timeout_s
    while any(folder.glob(".*.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)


def plain_news(work: Path) -> Path:
    """The corpus news in Pelican's own metadata format, for plain Pelican."""
    target = work / "plain" / "content"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for source in sorted((work / "content" / "news").rglob("*.md")):
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        header = [
            f"Title: {meta['title']}",
            f"Date: {meta['date']}",
            f"Category: {meta['category']}",
            f"Tags: {meta['tags']}",
            f"Summary: {meta['summary']}",
        ]
        (target / source.name).write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")
    (work / "plain" / "pelicanconf.py").write_text(
        'SITENAME = "Plain"\nDEFAULT_PAGINATION = 10\nTIMEZONE = "Asia/Ho_Chi_Minh"\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
        f'CACHE_PATH = "{work / "plain" / "cache"}"\n',
        encoding="utf-8",
    )
    return target


def file_count(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-build"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = args.work.resolve()
    news, notices = args.documents // 2, args.documents - args.documents // 2
    for folder in ("site", ".site.spare", "cache", "plain"):
        shutil.rmtree(work / folder, ignore_errors=True)
    corpus.write_corpus(work, news, notices)
    print(f"Kho thử: {news} tin + {notices} thông báo ({work}); máy: {os.cpu_count()} lõi")

    project = [
        str(work / "content"),
        "-s",
        str(ROOT / "sites/lang-son/publishconf.py"),
        "-o",
        str(work / "site"),
        "-q",
    ]
    project += [
        "-e",
        f'PORTAL_DATA_PATH="{work / "data"}"',
        f'PORTAL_IMAGE_CACHE="{work / "cache" / "images"}"',
    ]
    cached = ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f'CACHE_PATH="{work / "cache" / "content"}"']
    plain_content = plain_news(work)
    plain = [
        str(plain_content),
        "-s",
        str(work / "plain" / "pelicanconf.py"),
        "-o",
        str(work / "plain" / "out"),
    ]
    plain += ["-q"]
    plain_cached = plain + ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]

    site = work / "site"
    timed_build(project + cached, site)  # fills the content and page caches
    timed_build(plain_cached)
    # This machine's speed drifts by a third within minutes: each round builds the project
    # and plain Pelican one after the other, and the ratios are taken within a round.
    rounds = []
    for _ in range(args.rounds):
        cold, cold_peak = timed_build(project, site)  # no cache: everything read and rendered
        plain_cold, plain_peak = timed_build(plain)
        warm, warm_peak = timed_build(project + cached, site)
        plain_warm, _ = timed_build(plain_cached)
        rounds.append((cold, plain_cold, warm, plain_warm, cold_peak, warm_peak, plain_peak))
    files = file_count(work / "site")
    edited = next(iter(sorted((work / "content" / "news").rglob("*.md"))))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nĐoạn sửa thêm để đo.\n", encoding="utf-8")
    after_edit, _ = timed_build(project + cached, site)
    preview = preview_seconds(work)
    report(rounds, after_edit, preview, files, news)


def report(rounds: list[tuple], after_edit: float, preview: float, files: int, news: int) -> None:
    cold, plain_cold, warm, plain_warm = (statistics.median(r[i] for r in rounds) for i in range(4))
    cold_ratio = statistics.median(r[0] / r[1] for r in rounds)
    warm_ratio = statistics.median(r[2] / r[0] for r in rounds)
    cold_peak, warm_peak, plain_peak = (max(r[i] for r in rounds) / 1024 for i in (4, 5, 6))
    peak_mb = max(cold_peak, warm_peak)

    def verdict(ok: bool) -> str:
        return "đạt" if ok else "CHƯA ĐẠT"

    def each(index: int) -> str:
        return ", ".join(f"{r[index]:.1f}" for r in rounds)

    print(f"Số vòng đo: {len(rounds)} (trung vị; từng vòng trong ngoặc)")
    print(
        f"Dự án   : dựng lạnh {cold:.1f} s ({each(0)}), dựng ấm (có bộ đệm nội dung) {warm:.1f} s "
        f"({each(2)}), dựng lại sau khi sửa 1 tệp {after_edit:.1f} s, {files} tệp đầu ra"
    )
    print(
        f"Pelican : dựng lạnh {plain_cold:.1f} s ({each(1)}), dựng ấm {plain_warm:.1f} s ({each(3)}) "
        f"({news} tin, giao diện mặc định, 10 tin/trang, bộ nhớ {plain_peak:.0f} MB)"
    )
    ratios = ", ".join(f"{r[0] / r[1]:.2f}" for r in rounds)
    print(
        f"Tỷ lệ dựng lạnh dự án / Pelican: {cold_ratio:.2f} ({ratios}) "
        f"(mục tiêu ≤ {TARGET_COLD}: {verdict(cold_ratio <= TARGET_COLD)})"
    )
    ratios = ", ".join(f"{r[2] / r[0]:.2f}" for r in rounds)
    print(
        f"Tỷ lệ dựng ấm / dựng lạnh: {warm_ratio:.2f} ({ratios}) "
        f"(mục tiêu ≤ {TARGET_WARM}: {verdict(warm_ratio <= TARGET_WARM)})"
    )
    print(
        f"Bộ nhớ đỉnh (PSS cả các tiến trình dựng song song): {peak_mb:.0f} MB "
        f"(dựng lạnh {cold_peak:.0f} MB, dựng ấm {warm_peak:.0f} MB; "
        f"mục tiêu < {TARGET_MEMORY_MB} MB: {verdict(peak_mb < TARGET_MEMORY_MB)})"
    )
    print(
        f"Xem trước trang vừa sửa: {preview * 1000:.0f} ms (mục tiêu < {TARGET_PREVIEW_S:.0f} s: {verdict(preview < TARGET_PREVIEW_S)})"
    )


def preview_seconds(work: Path) -> float:
    """Start the fast preview over the corpus, edit one post, time until its page changes."""
    from thads_portal.cli.preview_server import PreviewSession

    session = PreviewSession(
        work / "content",
        work / "preview",
        data_path=work / "data",
        settings_file=ROOT / "sites/lang-son/pelicanconf.py",  # the example's settings, as the builds
    )
    session.build_all()
    edited = sorted((work / "content" / "news").rglob("*.md"))[1]
    marker = f"Đoạn kiểm tra xem trước {time.time_ns()}"
    started = time.monotonic()
    edited.write_text(edited.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    path = session.refresh([edited])
    seconds = time.monotonic() - started
    page = (work / "preview" / path).read_text(encoding="utf-8")
    assert marker in page, "the edited page was not rewritten"
    return seconds


if __name__ == "__main__":
    main()
