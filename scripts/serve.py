"""Preview: build the site, serve it at http://127.0.0.1:8000 and rebuild on every save.

A failed rebuild prints every problem and keeps serving the last good site.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchfiles import watch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import static_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ["content", "data", "theme", "plugins", "pelicanconf.py"]


def build(output: Path, settings: str) -> bool:
    print("Đang dựng trang…", flush=True)
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(ROOT / "content"),
            "-s",
            str(ROOT / settings),
            "-o",
            str(output),
            "-q",
        ],
        cwd=ROOT,
    )
    seconds = time.monotonic() - started
    if result.returncode == 0:
        print(f"Đã dựng xong sau {seconds:.1f} giây.", flush=True)
    else:
        print("Dựng trang thất bại; trang cũ vẫn được phục vụ. Sửa các lỗi trên rồi lưu lại.", flush=True)
    return result.returncode == 0


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
    build(output, args.settings)
    output.mkdir(parents=True, exist_ok=True)
    serve(output, args.host, args.port)
    try:
        if args.no_watch:
            threading.Event().wait()
        for changes in watch(*(ROOT / path for path in WATCHED)):
            names = sorted({Path(path).name for _, path in changes})
            print(f"Thay đổi: {', '.join(names[:5])}", flush=True)
            build(output, args.settings)
    except KeyboardInterrupt:
        print("Đã dừng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
