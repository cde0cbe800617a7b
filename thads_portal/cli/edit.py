"""Editing in the browser on one machine: the preview (`thads serve`) plus the editing
interface at /quan-tri/ saving straight into this site's folder.

The interface's local backend is decap-server (Node.js), installed once from the pinned
lockfile in `cms_server/` (`thads edit --install`) and bound to 127.0.0.1 on a free port.
The browser never talks to it directly: this server passes its requests on (same origin,
so the admin page's CSP stays `connect-src 'self'`), and before a file is written it runs
the build's own checks (`checker.check_project`, with the file as it would be saved):
a file with errors is refused, each problem named in Vietnamese, and nothing is written.
Uploads are kept to content/images/ and content/files/ and to the attachment whitelist.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml
from pelican.settings import read_settings

from thads_portal.domain import attachments, checker, cms_config, fields, urls
from thads_portal.domain.problems import ERROR, display_path
from thads_portal.domain.references import PUBLISHED_FOLDERS
from thads_portal.domain.text import slugify

from . import serve
from .site import site_root

SERVER_PACKAGE = Path(__file__).resolve().with_name("cms_server")
SERVER_VERSION = "3.11.3"
API_PATH = "/api/v1"
CHECK_PATH = "/__quan-tri/kiem-tra"
CONFIG_PATH = f"/{urls.ADMIN_PATH}config.yml"
DATA_SCRIPT_PATH = f"/{urls.ADMIN_PATH}portal-cms-data.js"
MAX_REQUEST = 60 * 1024 * 1024  # an upload of the largest attachment, base64-encoded
# Uploads: the folders the build publishes files from; images of the types it resizes.
MEDIA_FOLDERS = {folder: f"content/{folder}/" for folder in PUBLISHED_FOLDERS}
IMAGE_SUFFIXES = tuple(suffix for suffix, kind in attachments.ALLOWED_TYPES.items() if kind.kind == "image")
# Entries: the collections' folders, under content/.
ENTRY_FOLDERS = tuple(
    f"{folder.removeprefix('content/')}/" for folder in dict.fromkeys(cms_config.COLLECTION_FOLDERS.values())
)
DESCRIPTION = (
    "Soạn thảo trên trình duyệt: xem trước tại http://127.0.0.1:8000 và trang soạn thảo "
    "tại http://127.0.0.1:8000/quan-tri/, lưu thẳng vào thư mục của trang."
)


def server_folder() -> Path:
    """Where decap-server is installed: THADS_CMS_SERVER_DIR, or the user's cache."""
    configured = os.environ.get("THADS_CMS_SERVER_DIR")
    base = Path(configured) if configured else Path.home() / ".cache" / "thads"
    return base / f"decap-server-{SERVER_VERSION}"


def install(folder: Path | None = None) -> Path:
    """decap-server and its dependencies exactly as locked (npm checks each integrity)."""
    folder = folder or server_folder()
    entry = folder / "node_modules" / "decap-server" / "dist" / "index.js"
    if entry.is_file():
        return entry
    if shutil.which("npm") is None:
        raise RuntimeError("Cần Node.js và npm để chạy trang soạn thảo tại máy (cài gói nodejs, npm).")
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(SERVER_PACKAGE / name, partial / name)
    subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"],
        cwd=partial,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return entry


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_backend(project: Path, entry: Path) -> tuple[subprocess.Popen, int]:
    """decap-server on 127.0.0.1, in file-system mode over the site's folder."""
    port = free_port()
    environment = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(project),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(["node", str(entry)], env=environment, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("Không khởi động được máy chủ soạn thảo (decap-server).")


class EntryChecker:
    """The build's checks of content files as they would be saved, one run at a time."""

    def __init__(self, project: Path, settings_file: Path) -> None:
        self.project = project
        self.settings = read_settings(str(settings_file))
        self.content = Path(self.settings["PATH"])
        self.lock = threading.Lock()

    def relative(self, path: str) -> str | None:
        """`path` (from the site's folder) under content/, or None when it is not there."""
        target = (self.project / path).resolve()
        if not target.is_relative_to(self.content.resolve()):
            return None
        return target.relative_to(self.content.resolve()).as_posix()

    def problems(
        self, files: dict[str, str], skipped: tuple[str, ...] = (), warnings: bool = True
    ) -> list[str]:
        """Every problem of `files` (content-relative path → text), as "field: message",
        errors first; problems with a code in `skipped` left out."""
        with self.lock:
            result = checker.check_project(self.settings, overrides=files)
        sources = {display_path(self.content / relative, self.project) for relative in files}
        found = [p for p in result.problems if p.path in sources and p.code not in skipped]
        found.sort(key=lambda problem: problem.severity != ERROR)
        return [
            ("" if problem.severity == ERROR else "(cảnh báo) ")
            + (f"{fields.field_label(problem.field)}: " if problem.field else "")
            + problem.message
            for problem in found
            if warnings or problem.severity == ERROR
        ]

    def errors(self, files: dict[str, str]) -> list[str]:
        return self.problems(files, warnings=False)

    def write_media(self, path: str, content: bytes) -> Path | None:
        """Put an upload (already checked) in place; the path when the file is new."""
        if self.relative(path) is None:  # a link out of content/ on the way
            raise ValueError(path)
        target = self.project / path
        created = not target.exists()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return target if created else None


def entry_text(data: dict) -> str:
    """A form's values as the front-matter file the interface would write."""
    values = {key: value for key, value in data.items() if key != "body" and value not in (None, "", [], {})}
    front = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{data.get('body') or ''}\n"


def media_problem(path: str, content: bytes) -> str | None:
    """Why an upload is refused: outside the media folders, or not a whitelisted type."""
    if not path.startswith(tuple(MEDIA_FOLDERS.values())) or ".." in Path(path).parts:
        return f"Chỉ được tải tệp lên content/images/ hoặc content/files/ (không phải {path})."
    suffix = Path(path).suffix.lower()
    if path.startswith(MEDIA_FOLDERS["images"]) and suffix not in IMAGE_SUFFIXES:
        return f"Ảnh phải là JPG, PNG, WebP hoặc GIF: {Path(path).name}."
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / Path(path).name
        sample.write_bytes(content)
        message = attachments.attachment_message(sample)
    return f"{Path(path).name}: {message}" if message else None


class EditHandler(serve.PreviewHandler):
    """The preview, plus the editing interface's backend (passed on to decap-server after
    the checks) and its live checks."""

    def __init__(self, *args, backend_port: int, checks: EntryChecker, **kwargs) -> None:
        self.backend_port = backend_port
        self.checks = checks
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        host = self.headers.get("Host", "")
        if path == CONFIG_PATH:
            extra = {"local_backend": {"url": f"http://{host}{API_PATH}"}}
            return self._local_file(path, "text/yaml; charset=utf-8", yaml.safe_dump(extra))
        if path == DATA_SCRIPT_PATH:
            extra = f"window.PORTAL_CMS.checkUrl = {json.dumps(CHECK_PATH)};\n"
            return self._local_file(path, "text/javascript; charset=utf-8", extra)
        upload = self._new_upload(path)
        if upload is not None:
            return self._send(self.guess_type(str(upload)), upload.read_bytes(), False)
        return super().do_GET()

    def _new_upload(self, path: str) -> Path | None:
        """An image or file uploaded since the last build, from content/ (the interface
        shows it at once; the next build copies it into the site)."""
        relative = urllib.parse.unquote(path).lstrip("/")
        if (
            not relative.startswith(tuple(f"{folder}/" for folder in PUBLISHED_FOLDERS))
            or (Path(self.directory) / relative).exists()
        ):
            return None
        source = (self.checks.content / relative).resolve()
        inside = source.is_relative_to(self.checks.content.resolve())
        return source if inside and source.is_file() else None

    def _local_file(self, path: str, content_type: str, extra: str) -> None:
        built = Path(self.directory) / path.lstrip("/")
        if not built.is_file():
            return self.send_error(404)
        self._send(content_type, built.read_bytes() + b"\n" + extra.encode(), False)

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if not self._same_origin():
            return self._json(403, {"error": "Yêu cầu không đến từ trang soạn thảo của máy này."})
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            return self._json(413, {"error": "Tệp quá lớn để tải lên."})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return self._json(400, {"error": "Yêu cầu không hợp lệ."})
        if path == CHECK_PATH:
            return self._json(200, {"problems": self._preview_problems(body)})
        if path == API_PATH:
            refusal = self._refusal(body)
            if refusal:
                return self._json(422, {"error": refusal})
            return self._forward(body)
        return self._json(404, {"error": "Không có địa chỉ này."})

    def _same_origin(self) -> bool:
        """Only this page's own scripts may save: the Host is this machine, the Origin (sent
        with every cross-site POST) this server, and the body JSON (a cross-site JSON POST
        needs a preflight this server never grants)."""
        host = self.headers.get("Host", "")
        port = self.server.server_address[1]
        if host not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{host}":
            return False
        return self.headers.get("Content-Type", "").split(";")[0].strip() == "application/json"

    def _preview_problems(self, body: dict) -> list[str]:
        data = body.get("data") or {}
        folder = cms_config.COLLECTION_FOLDERS.get(str(body.get("collection")), cms_config.PAGE_FOLDER)
        # Only a name for the check's report: made safe, never a path the request chooses.
        slug = slugify(str(data.get("slug") or data.get("title") or "")) or "ban-nhap"
        year = str(data.get("date") or "")[:4]
        year = year if year.isdigit() else "nam"
        name = f"{slug}.md" if folder == cms_config.PAGE_FOLDER else f"{year}/{slug}.md"
        relative = f"{folder.removeprefix('content/')}/{name}"
        # Files picked in the media library are uploaded with the entry: not yet on disk.
        return self.checks.problems({relative: entry_text(data)}, skipped=("missing-file",))

    def _refusal(self, body: dict) -> str | None:
        """Why a write is refused (Vietnamese), or None to pass it on."""
        action, params = body.get("action"), body.get("params") or {}
        uploads = []
        if action == "persistMedia":
            uploads = [params.get("asset") or {}]
        if action == "persistEntry":
            uploads = params.get("assets") or []
        checked = []
        for asset in uploads:
            path = str(asset.get("path") or "")
            content = base64.b64decode(str(asset.get("content") or ""), validate=False)
            problem = media_problem(path, content)
            if problem is None and self.checks.relative(path) is None:
                problem = f"{path} trỏ ra ngoài thư mục content/."
            if problem:
                return f"Chưa lưu tệp: {problem}"
            checked.append((path, content))
        if action == "persistEntry":
            return self._entry_refusal(params, checked)
        if action in ("deleteFile", "deleteFiles"):
            paths = params.get("paths") or [params.get("path")]
            if any(self.checks.relative(str(path or "")) is None for path in paths):
                return "Chỉ được xóa tệp trong thư mục content/."
        return None

    def _entry_refusal(self, params: dict, uploads: list[tuple[str, bytes]]) -> str | None:
        """The entry checked as it would be saved, with the files uploaded with it in place
        (removed again when the entry is refused)."""
        files = {}
        for item in params.get("dataFiles") or [params.get("entry") or {}]:
            relative = self.checks.relative(str(item.get("newPath") or item.get("path") or ""))
            if relative is None or not relative.startswith(ENTRY_FOLDERS) or not relative.endswith(".md"):
                return (
                    "Chỉ được lưu bài viết (.md) trong content/news/, content/notices/ hoặc content/pages/."
                )
            files[relative] = str(item.get("raw") or "")
        created = [self.checks.write_media(path, content) for path, content in uploads]
        errors = self.checks.errors(files)
        if not errors:
            return None
        for path in filter(None, created):
            path.unlink(missing_ok=True)
        listed = "; ".join(f"{number}) {text}" for number, text in enumerate(errors, 1))
        return f"Chưa lưu: có {len(errors)} lỗi cần sửa — {listed}"

    def _forward(self, body: dict) -> None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.backend_port}{API_PATH}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, payload = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        except OSError:
            return self._json(502, {"error": "Máy chủ soạn thảo (decap-server) không trả lời."})
        self._send("application/json; charset=utf-8", payload, False, status)

    def _json(self, status: int, value: dict) -> None:
        body = json.dumps(value, ensure_ascii=False).encode()
        self._send("application/json; charset=utf-8", body, False, status)


def main(argv: list[str] | None = None) -> int:
    parser = serve.parser("thads edit", DESCRIPTION)
    parser.add_argument(
        "--install", action="store_true", help="chỉ cài máy chủ soạn thảo (decap-server) rồi thoát"
    )
    args = parser.parse_args(argv)
    try:
        entry = install()
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"Không cài được máy chủ soạn thảo: {error}", file=sys.stderr)
        return 1
    if args.install:
        print(f"Máy chủ soạn thảo decap-server {SERVER_VERSION}: {entry.parent.parent}")
        return 0
    project = Path(args.project).resolve() if args.project else site_root()
    args.project = str(project)
    process, port = start_backend(project, entry)
    # Stopped by a service manager or a test (SIGTERM): stop decap-server too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        checks = EntryChecker(project, project / args.settings)

        def started(server) -> None:
            host, served = server.server_address[:2]
            print(f"Trang soạn thảo: http://{host}:{served}/quan-tri/ (lưu vào {project})", flush=True)

        return serve.run(args, handler=EditHandler, started=started, backend_port=port, checks=checks)
    finally:
        process.terminate()
        process.wait(timeout=10)
