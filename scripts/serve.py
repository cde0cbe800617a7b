"""Preview: build the site, serve it at http://127.0.0.1:8000 and rebuild on every save
(the edited page first, in well under a second; then the whole site).

A failed rebuild prints every problem and keeps serving the last good site.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

from watchfiles import watch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import static_server  # noqa: E402
from preview_server import PreviewProblem, PreviewSession, timed_refresh  # noqa: E402

from portal.progress import BuildProgress, seconds_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ["content", "data", "theme", "plugins", "pelicanconf.py"]


def build(session: PreviewSession, stream=None) -> bool:
    """A full build in this process, with its progress; on failure the last good site
    keeps being served."""
    stream = stream or sys.stdout
    print("Đang dựng toàn bộ trang…", file=stream, flush=True)
    started = time.monotonic()
    progress = BuildProgress(stream, session.content_files(), session.expected_pages())
    try:
        with progress:
            session.build_all()
    except (Exception, SystemExit):  # the strict build has printed every problem
        print(
            "Dựng trang thất bại; trang cũ vẫn được phục vụ. Sửa các lỗi trên rồi lưu lại.",
            file=stream,
            flush=True,
        )
        return False
    session.pages_written = progress.pages
    print(f"Đã dựng xong sau {seconds_text(time.monotonic() - started)} giây.", file=stream, flush=True)
    return True


def quick_refresh(session: PreviewSession, paths: list[Path]) -> None:
    """Rewrite just the edited posts' pages first, so the editor sees them at once."""
    try:
        page, seconds = timed_refresh(session, paths)
    except PreviewProblem as problem:
        print(f"{problem}: chưa cập nhật được trang (xem lỗi ở trên).", flush=True)
        return
    except Exception:
        return  # the full build below reports it
    print(
        f"Đã cập nhật /{page.removesuffix('index.html')} sau {f'{seconds:.2f}'.replace('.', ',')} giây; "
        "đang dựng lại danh sách…",
        flush=True,
    )


def serve(output: Path, host: str, port: int) -> None:
    static_server.start(output, host, port)
    print(f"Xem trước tại http://{host}:{port}/ (Ctrl+C để dừng)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-watch", action="store_true", help="build once and serve, no rebuilds")
    args = parser.parse_args()
    output = (ROOT / args.output).resolve()
    session = PreviewSession(ROOT / "content", output, settings_file=ROOT / args.settings)
    build(session)
    output.mkdir(parents=True, exist_ok=True)
    serve(output, args.host, args.port)
    try:
        if args.no_watch:
            threading.Event().wait()
        for changes in watch(*(ROOT / path for path in WATCHED)):
            paths = sorted({Path(path) for _, path in changes})
            print(f"Thay đổi: {', '.join(p.name for p in paths[:5])}", flush=True)
            if any(p.is_relative_to(ROOT / "plugins") for p in paths):
                print("Mã của trang đã thay đổi: hãy dừng (Ctrl+C) và chạy lại lệnh xem trước.", flush=True)
                continue
            edited = [
                p for p in paths if p.suffix == ".md" and p.is_file() and p.is_relative_to(ROOT / "content")
            ]
            if edited and len(edited) == len(paths) and session.generators:
                quick_refresh(session, edited)
            build(session)
    except KeyboardInterrupt:
        print("Đã dừng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
