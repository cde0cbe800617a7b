"""Preview: build the site, serve it at http://127.0.0.1:8000 and rebuild on every save
(the edited page first, in well under a second; then the whole site).

A failed rebuild prints every problem and keeps serving the last good site; preview pages
show the same problems over the page until a build succeeds (`preview-errors.js`, added to
HTML pages by this server only, never to the built site). A busy port is replaced by the
next free one before building.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import json
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from pelican.log import console as pelican_console
from watchfiles import watch

from thads_portal import THEME
from thads_portal.domain import urls
from thads_portal.domain.problems import Problem
from thads_portal.domain.report import REPORT
from thads_portal.pelican.progress import BuildProgress, seconds_text

from . import static_server
from .preview_server import PreviewProblem, PreviewSession, timed_refresh
from .site import site_root

# The site's files, and the engine's theme (a site's templates/ overrides it).
WATCHED = ["content", "data", "templates", "pelicanconf.py", THEME]
# Addresses of the preview itself; no page of the site starts with this folder.
STATUS_PATH = "/__xem-truoc/trang-thai.json"
SCRIPT_PATH = "/__xem-truoc/loi.js"
OVERLAY_SCRIPT = Path(__file__).resolve().with_name("preview-errors.js")
OVERLAY_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
PORT_TRIES = 20
# The editing interface: its page is the CMS's, no overlay is added to it.
ADMIN_PREFIX = f"/{urls.ADMIN_PATH}"


DESCRIPTION = "Dựng trang, xem trước tại http://127.0.0.1:8000 và dựng lại mỗi khi lưu tệp."


class PreviewStatus:
    """The outcome of the last full build, as `STATUS_PATH` serves it: `build` counts
    finished builds, `ok` is false while the last one failed, with its problems."""

    def __init__(self) -> None:
        self.build = 0
        self._body = self._encode(True, "", [])

    def _encode(self, ok: bool, summary: str, problems: list[dict]) -> bytes:
        status = {"build": self.build, "ok": ok, "summary": summary, "problems": problems}
        return json.dumps(status, ensure_ascii=False).encode()

    def succeeded(self) -> None:
        self.build += 1
        self._body = self._encode(True, "", [])

    def failed(self, problems: list[Problem], fallback: str) -> None:
        """`problems` as the strict build printed them; `fallback` when it printed none."""
        self.build += 1
        shown = [_problem_fields(p) for p in problems] or [
            {"place": "", "message": fallback, "text": fallback}
        ]
        errors = [p for p in problems if p.severity == "error"]
        files = len({p.path for p in errors})
        summary = f"{len(errors)} lỗi trong {files} tệp" if errors else "1 lỗi"
        self._body = self._encode(False, summary, shown)

    def json(self) -> bytes:
        return self._body  # replaced whole: a reader thread never sees half an update


def _problem_fields(problem: Problem) -> dict:
    text = problem.format()
    place = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    return {"place": place, "message": text[len(place) + 1 :].strip(), "text": text}


def with_overlay(page: bytes) -> bytes:
    """The page with the overlay script, in its head (or at its end when it has none)."""
    head = page.lower().find(b"</head>")
    if head < 0:
        return page + OVERLAY_TAG
    return page[:head] + OVERLAY_TAG + page[head:]


class PreviewHandler(static_server.QuietHandler):
    """The built site as it is, plus the build status and the overlay script, which every
    HTML page loads."""

    def __init__(self, *args, status: PreviewStatus, **kwargs) -> None:
        self.status = status
        super().__init__(*args, **kwargs)

    def page_body(self, body: bytes) -> bytes:
        return with_overlay(body)

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == STATUS_PATH:
            return self._send("application/json; charset=utf-8", self.status.json(), head)
        if path == SCRIPT_PATH:
            return self._send("text/javascript; charset=utf-8", OVERLAY_SCRIPT.read_bytes(), head)
        page = None if path.startswith(ADMIN_PREFIX) else self._html_file(path)
        if page is not None:
            try:
                return self._send("text/html; charset=utf-8", with_overlay(page.read_bytes()), head)
            except OSError:
                pass  # swapped away by a build this instant: answered as any other file
        return super().do_HEAD() if head else super().do_GET()

    def _html_file(self, path: str) -> Path | None:
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not path.endswith("/"):
                return None  # the parent redirects to the address with a slash
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def _send(self, content_type: str, body: bytes, head: bool, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            # The page may have gone away meanwhile (a newer request replaced this one).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)


def build(session: PreviewSession, stream=None, status: PreviewStatus | None = None) -> bool:
    """A full build in this process, with its progress; on failure the last good site
    keeps being served, and `status` holds the problems for the pages' overlay."""
    stream = stream or sys.stdout
    print("Đang dựng toàn bộ trang…", file=stream, flush=True)
    started = time.monotonic()
    progress = BuildProgress(stream, session.content_files(), session.expected_pages())
    try:
        with progress:
            session.build_all()
    except (Exception, SystemExit) as error:  # the strict build has printed every problem
        problems = REPORT.errors + REPORT.warnings
        fallback = str(error) if str(error) not in ("", "1") else type(error).__name__
        if not isinstance(error, SystemExit):  # failed before the strict build could report it
            print(f"Lỗi: {fallback}", file=stream, flush=True)
        if status is not None:
            status.failed(problems if REPORT.errors else [], fallback)
        print(
            "Dựng trang thất bại; trang cũ vẫn được phục vụ, các lỗi hiện cả trên trang đang xem "
            "trong trình duyệt. Sửa các lỗi trên rồi lưu lại.",
            file=stream,
            flush=True,
        )
        return False
    if status is not None:
        status.succeeded()
    session.pages_written = progress.pages
    print(f"Đã dựng xong sau {seconds_text(time.monotonic() - started)} giây.", file=stream, flush=True)
    return True


def quick_refresh(session: PreviewSession, paths: list[Path]) -> None:
    """Rewrite just the edited posts' pages first, so the editor sees them at once."""
    try:
        page, seconds = timed_refresh(session, paths)
    except PreviewProblem as problem:  # listed by the full build that follows
        print(f"{problem}: có lỗi, chưa cập nhật được trang; đang dựng lại để liệt kê lỗi…", flush=True)
        return
    except Exception:
        return  # the full build below reports it
    print(
        f"Đã cập nhật /{page.removesuffix('index.html')} sau {f'{seconds:.2f}'.replace('.', ',')} giây; "
        "đang dựng lại danh sách…",
        flush=True,
    )


def _bind_error(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EACCES:
        reason = "không có quyền dùng cổng này (cổng dưới 1024 cần quyền quản trị)"
    elif error.errno == errno.EADDRNOTAVAIL or error.errno is None or error.errno < 0:
        reason = f"máy này không có địa chỉ {host}"
    else:
        reason = f"lỗi hệ thống số {error.errno}"
    return (
        f"Không mở được cổng {port} trên {host}: {reason}. Hãy chọn cổng khác, ví dụ: make serve PORT=8080."
    )


def open_port(
    output: Path, host: str, port: int, status: PreviewStatus, stream=None, handler=None, **options
):
    """A server holding `port`, or the next free one after it (said in Vietnamese); None,
    with the reason printed, when there is none. Called before building. `handler`: the
    request handler (PreviewHandler, or the editing server's), given `options`."""
    stream = stream or sys.stdout
    handler = functools.partial(handler or PreviewHandler, status=status, **options)
    last = port if port == 0 else min(port + PORT_TRIES - 1, 65535)
    for candidate in range(port, last + 1):
        try:
            server = static_server.bind(output, host, candidate, handler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                print(_bind_error(host, candidate, error), file=stream, flush=True)
                return None
            continue
        if candidate != port:
            busy = (
                f"Cổng {port} đang bận"
                if candidate == port + 1
                else f"Các cổng {port}–{candidate - 1} đang bận"
            )
            print(f"{busy}; dùng cổng {candidate}.", file=stream, flush=True)
        return server
    print(
        f"Các cổng {port}–{last} đều đang bận; hãy dừng chương trình đang dùng cổng {port} "
        "hoặc chọn cổng khác, ví dụ: make serve PORT=8080.",
        file=stream,
        flush=True,
    )
    return None


def serve(server) -> None:
    static_server.run_in_background(server)
    host, port = server.server_address[:2]
    print(f"Xem trước tại http://{host}:{port}/ (Ctrl+C để dừng)", flush=True)


def parser(prog: str = "thads serve", description: str = DESCRIPTION) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--project", help="thư mục của trang (mặc định: trang chứa thư mục đang làm việc)")
    parser.add_argument("--output", default="output", help="thư mục kết quả trong thư mục trang")
    parser.add_argument("--settings", default="pelicanconf.py", help="tệp cấu hình")
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ nghe (mặc định 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=8000, help="cổng (mặc định 8000; bận thì dùng cổng trống kế tiếp)"
    )
    parser.add_argument(
        "--no-watch", action="store_true", help="dựng một lần rồi phục vụ, không dựng lại khi sửa"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    return run(parser().parse_args(argv))


def run(args, handler=None, started=None, **options) -> int:
    """Build, serve and rebuild on every save; `handler` and `options` as for `open_port`;
    `started(server)` is called once the site is served."""
    if not 0 <= args.port <= 65535:
        print(f"Cổng {args.port} không hợp lệ: cổng là số từ 1 đến 65535, ví dụ 8000.", flush=True)
        return 2
    project = Path(args.project).resolve() if args.project else site_root()
    output = (project / args.output).resolve()
    status = PreviewStatus()
    server = open_port(output, args.host, args.port, status, handler=handler, **options)
    if server is None:
        return 1
    # Pelican's own English lines ("Done: Processed …") would be mixed into the Vietnamese
    # report; the progress and the strict build's report say it all.
    pelican_console.quiet = True
    session = PreviewSession(project / "content", output, settings_file=project / args.settings)
    build(session, status=status)
    output.mkdir(parents=True, exist_ok=True)
    serve(server)
    if started is not None:
        started(server)
    try:
        if args.no_watch:
            threading.Event().wait()
        watched = [project / path for path in WATCHED if (project / path).exists()]
        for changes in watch(*watched):
            paths = sorted({Path(path) for _, path in changes})
            print(f"Thay đổi: {', '.join(p.name for p in paths[:5])}", flush=True)
            edited = [
                p
                for p in paths
                if p.suffix == ".md" and p.is_file() and p.is_relative_to(project / "content")
            ]
            if edited and len(edited) == len(paths) and session.generators:
                quick_refresh(session, edited)
            build(session, status=status)
    except KeyboardInterrupt:
        print("Đã dừng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
