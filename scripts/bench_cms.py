"""Decap CMS against Sveltia CMS, for the editing interface at /quan-tri/: what each costs a
phone on a slow network, whether it speaks Vietnamese, and what it asks of other hosts.

    python scripts/bench_cms.py [--rounds 3] [--work /tmp/bench-cms]

For each CMS (pinned versions below, fetched with `npm pack` from the npm registry), a
folder with its files and a minimal configuration is served from this machine, and
headless Chromium opens it as a phone: 360×740, Vietnamese, network throttled to a slow 4G
profile (150 ms, 1.6 Mbit/s down, 750 kbit/s up) and the processor 4× slower. Printed: the
main bundle's size (raw, gzip, brotli), the bytes the page took over the network (files
served compressed, as the site's nginx serves its precompressed copies), the time until the CMS
shows its first button (median of the rounds), whether its text is Vietnamese, the console
errors, and every request to another host (none is let through: there is no network).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import subprocess
import tarfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import brotli
from playwright.sync_api import sync_playwright

from thads_portal.cli import static_server
from thads_portal.pelican.precompress import BROTLI_QUALITY

PACKAGES = {
    "decap": ("decap-cms@3.16.3", "dist", "decap-cms.js"),
    "sveltia": ("@sveltia/cms@0.221.1", "dist", "sveltia-cms.js"),
}
CONFIGS = {
    # Decap's in-browser test backend: the interface without a Git host.
    "decap": "backend:\n  name: test-repo\nlocale: vi\n",
    # Sveltia has no test backend: its sign-in screen is what an editor sees first.
    "sveltia": "backend:\n  name: github\n  repo: thads/trang\n",
}
COMMON = """media_folder: content/images
collections:
  - name: news
    label: Tin tức
    folder: content/news
    create: true
    fields:
      - {name: title, label: Tiêu đề, widget: string}
      - {name: body, label: Nội dung, widget: markdown}
"""
PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Quản trị</title></head>
<body><script src="{bundle}"></script></body></html>
"""
VIETNAMESE = ("Đăng nhập", "Tiếp tục", "Tin tức", "Đăng xuất", "Bộ sưu tập", "Tạo mới")
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def unpack(name: str, work: Path) -> Path:
    spec, dist, bundle = PACKAGES[name]
    folder = work / name
    if not (folder / bundle).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(
            ["npm", "pack", spec, "--pack-destination", str(work), "--silent"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        with tarfile.open(work / packed) as archive:
            for member in archive.getmembers():
                prefix = f"package/{dist}/"
                if member.name.startswith(prefix) and member.isfile() and not member.name.endswith(".map"):
                    member.name = member.name[len(prefix) :]
                    archive.extract(member, folder, filter="data")
    (folder / "index.html").write_text(PAGE.format(bundle=bundle), encoding="utf-8")
    (folder / "config.yml").write_text(CONFIGS[name] + COMMON, encoding="utf-8")
    return folder


class _CompressingHandler(static_server.QuietHandler):
    """Serves each file compressed, as the site's nginx serves its precompressed copies
    (brotli where the browser takes it, else gzip)."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        accepted = self.headers.get("Accept-Encoding", "")
        body, encoding = path.read_bytes(), None
        if "br" in accepted:
            body, encoding = _compressed(path, "br"), "br"
        elif "gzip" in accepted:
            body, encoding = _compressed(path, "gzip"), "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.cache
def _compressed(path: Path, encoding: str) -> bytes:
    data = path.read_bytes()
    return brotli.compress(data, quality=BROTLI_QUALITY) if encoding == "br" else gzip.compress(data, 9)


def open_once(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    loaded = {"bytes": 0}
    cdp.on(
        "Network.loadingFinished",
        lambda event: loaded.update(bytes=loaded["bytes"] + event["encodedDataLength"]),
    )
    errors, foreign = [], set()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    local = urlsplit(url).netloc

    def route(request_route) -> None:
        host = urlsplit(request_route.request.url).netloc
        if host and host != local:
            foreign.add(host)
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/*", route)
    started = time.monotonic()
    page.goto(url, wait_until="commit")
    page.wait_for_selector("button", timeout=120_000)
    shown = time.monotonic() - started
    page.wait_for_timeout(1500)  # what it asks for next (fonts, avatars) and any late error
    text = page.inner_text("body")
    context.close()
    return {
        "seconds": shown,
        "bytes": loaded["bytes"],
        "vietnamese": [word for word in VIETNAMESE if word in text],
        "errors": errors,
        "foreign": sorted(foreign),
    }


def sizes(path: Path) -> str:
    return (
        f"{path.stat().st_size / 1e6:.2f} MB, gzip {len(_compressed(path, 'gzip')) / 1e6:.2f} MB, "
        f"brotli {len(_compressed(path, 'br')) / 1e6:.2f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-cms"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    folders = {name: unpack(name, args.work) for name in PACKAGES}
    for folder in folders.values():  # compressed before timing, as the build does
        for path in folder.rglob("*"):
            if path.is_file():
                _compressed(path, "br"), _compressed(path, "gzip")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        results: dict[str, list[dict]] = {name: [] for name in PACKAGES}
        for _ in range(args.rounds):  # interleaved: the machine's speed drifts
            for name, folder in folders.items():
                server = static_server.start(folder, handler=_CompressingHandler)
                url = static_server.base_url(server) + "/"
                try:
                    results[name].append(open_once(browser, url))
                finally:
                    server.shutdown()
        browser.close()
    for name, rounds in results.items():
        spec, _, bundle = PACKAGES[name]
        times = ", ".join(f"{r['seconds']:.1f}" for r in rounds)
        last = rounds[-1]
        print(f"{spec}")
        print(f"  gói chính {bundle}: {sizes(folders[name] / bundle)}")
        print(f"  trang tải {last['bytes'] / 1e6:.2f} MB qua mạng (nén như nginx của trang)")
        print(f"  hiện nút đầu tiên: {statistics.median(r['seconds'] for r in rounds):.1f} s ({times})")
        print(f"  chữ tiếng Việt thấy được: {', '.join(last['vietnamese']) or 'không'}")
        print(f"  lỗi bảng điều khiển: {len(last['errors'])} {last['errors'][:3]}")
        print(f"  yêu cầu tới máy chủ khác: {', '.join(last['foreign']) or 'không'}")


if __name__ == "__main__":
    main()
