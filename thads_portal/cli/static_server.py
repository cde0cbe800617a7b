"""A quiet static file server for a built site, with its custom 404 page.

Used by the preview (`thads serve`), the browser tests and the benchmarks.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".ics": "text/calendar; charset=utf-8"}

    def log_message(self, format: str, *args) -> None:
        pass

    def page_body(self, body: bytes) -> bytes:
        """An HTML page as sent; the preview (`thads serve`) adds to it."""
        return body

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = self.page_body(page.read_bytes())
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def bind(folder: Path, host: str = "127.0.0.1", port: int = 0, handler=QuietHandler) -> ThreadingHTTPServer:
    """A server for `folder` holding its port, not answering yet (`run_in_background`).
    Raises OSError when the port is taken; port 0 picks a free port."""
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server


def run_in_background(server: ThreadingHTTPServer) -> ThreadingHTTPServer:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start(folder: Path, host: str = "127.0.0.1", port: int = 0, handler=QuietHandler) -> ThreadingHTTPServer:
    """Serve `folder` in a background thread; port 0 picks a free port."""
    return run_in_background(bind(folder, host, port, handler))


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"
