"""Checking a whole project without building it: the same readers and checks the build
runs (`documents`, `collection`, `references`, the images plugin's checks), over every
file under content/ and data/; and the safe fixes of `thads check --fix`.

Used by `thads check`; the build reaches the same findings through its plugins.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import attachments, clock, data, encoding
from .collection import Entry, check_collection, listing_paths
from .documents import load_document
from .placeholders import find_placeholders
from .problems import ERROR, Problem, display_path, sort_problems
from .references import canonical_url
from .text import nfc

IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}
UNREAD_MESSAGE = (
    "Tệp này không được đưa lên trang: chỉ nhận bài viết .md trong content/ "
    "và ảnh, tệp đính kèm trong content/images/ hoặc content/files/."
)
BACKUP_FOLDER = Path("cache") / "sao-luu"  # beside content/, never read by the build


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # Which legal rules applied: the engine's version, and the site's own additions.
    rules: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.problems) - len(self.errors),
            "problems": [p.as_dict() for p in self.problems],
            "rules": self.rules,
        }


def content_files(root: Path | str) -> list[str]:
    """Relative paths (with slashes) of the files under `root` but the ignored names, sorted
    as paths sort; with os.walk, not pathlib: a Path object per file cost a second at 10,000
    files. The build's check for unread files and `thads check` walk content/ alike."""
    found = []
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            if name not in IGNORED_NAMES and os.path.isfile(os.path.join(folder, name)):
                found.append(name if prefix == "." else f"{prefix}/{name}")
    return sorted(found, key=lambda relative: relative.split("/"))


def unsafe_links(content_root: Path | str) -> list[Problem]:
    """Symbolic links under content/ that would publish what is not content: pointing out of
    it, nowhere, or back to a folder that holds them (a loop Pelican would follow without
    end). Checked before anything is read; the build refuses to start on one."""
    root = os.path.realpath(content_root)
    problems = []
    for folder, folders, names in os.walk(root):
        for name in sorted(folders + names):
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                continue
            target = os.path.realpath(path)
            shown = display_path(path, Path(root).parent)
            if not os.path.exists(target):
                reason = "trỏ tới nơi không tồn tại"
            elif os.path.commonpath([root, target]) != root:
                reason = f"trỏ ra ngoài thư mục content/ (tới {target}); tệp ngoài content/ không được đưa lên trang"
            elif os.path.isdir(target) and os.path.commonpath([target, folder]) == target:
                reason = "trỏ về chính thư mục chứa nó, tạo vòng lặp vô tận"
            else:
                continue
            message = (
                f"'{name}' là liên kết tắt (symlink) {reason}. Hãy xóa liên kết, hoặc chép tệp thật vào "
                "thư mục content/."
            )
            problems.append(Problem(shown, None, None, message, code="symlink"))
    return problems


def predicted_url(kind: str, slug: str, record, settings: dict) -> str:
    """The address the build gives a document (the settings' URL patterns)."""
    return canonical_url(kind, slug, record, listing_paths(settings)[2])


def _size_problems(path: Path, source: str, limit: int, label: str) -> list[Problem]:
    size = path.stat().st_size
    if size <= limit:
        return []
    megabytes = f"{size / 1e6:.1f}".replace(".", ",")
    message = f"{label} nặng {megabytes} MB, quá giới hạn {limit / 1e6:.0f} MB; hãy nén hoặc chia nhỏ."
    return [Problem(source, None, None, message, code="too-large")]


def oversized_files(content_root: Path, settings: dict, folders=("images", "files")) -> list[Problem]:
    """Images and attachments above the size limits (settings PORTAL_*_MAX_BYTES)."""
    problems = []
    limits = {
        "images": (settings["PORTAL_IMAGE_MAX_BYTES"], "Ảnh"),
        "files": (settings["PORTAL_ATTACHMENT_MAX_BYTES"], "Tệp"),
    }
    for folder in folders:
        limit, label = limits[folder]
        for path in sorted((content_root / folder).rglob("*")):
            if path.is_file():
                problems += _size_problems(path, display_path(path, content_root.parent), limit, label)
    return problems


def unsafe_attachments(content_root: Path) -> list[Problem]:
    """Files of content/files/ that are not an allowed attachment type, or whose content is
    not what their extension says (portal.attachments): the site would serve them as is."""
    folder = content_root / "files"
    problems = []
    for relative in content_files(folder):
        path = folder / relative
        problems += attachments.attachment_problems(path, display_path(path, content_root.parent))
    return problems


def tcvn3_file_problems(path: Path, source: str) -> list[Problem]:
    """A file saved whole in TCVN3: its first lines as they read once converted."""
    problems = []
    for number, line, converted in encoding.tcvn3_lines(path.read_bytes().decode("latin-1"))[:3]:
        problems.append(
            Problem(
                source,
                number,
                None,
                f"Tệp gõ bằng phông TCVN3: dòng '{line[:60]}' chuyển sang Unicode là '{converted[:60]}'. "
                "Chạy 'thads check --fix' để chuyển cả tệp.",
                code="tcvn3",
            )
        )
    return problems


def check_project(settings: dict, overrides: dict[str, str] | None = None) -> CheckResult:
    """Every problem of content/ and data/, as the build would report them. `overrides`:
    text of content files (by path under content/) as they would be saved, checked in
    place of what is on disk (the editing interface asks before it writes a file)."""
    overrides = overrides or {}
    from thads_portal.pelican.images.checks import image_problems  # the images plugin imports this package

    content_root = Path(settings["PATH"])
    project_root = content_root.parent
    result = CheckResult()
    portal, found = data.load(Path(settings["PORTAL_DATA_PATH"]))
    result.problems += found
    # Listed even when data/ has errors: a new site's blanks are often the cause.
    result.problems += find_placeholders(project_root)
    if portal is None:
        result.problems = sort_problems(result.problems)
        return result
    result.rules = portal.rule_set.describe() if portal.rule_set else ""
    result.problems += unsafe_links(content_root)
    entries: list[Entry] = []
    now = clock.now()  # once: every check of this run sees the same moment
    on_disk = content_files(content_root)
    known = set(on_disk)
    for relative in on_disk + sorted(path for path in overrides if path not in known):
        path = content_root / relative
        result.files += 1
        source = display_path(path, project_root)
        top = relative.split("/")[0]
        if path.suffix.lower() in (".md", ".markdown") and top not in ("images", "files"):
            text = overrides.get(relative)
            document = load_document(path, portal, content_root, settings["MARKDOWN"], now.date(), text)
            result.problems += document.problems
            if any(p.code == "encoding:tcvn3" for p in document.problems):
                result.problems += tcvn3_file_problems(path, source)
            entry = document.entry(url=predicted_url(document.kind, document.slug, document.record, settings))
            if entry is not None:
                entries.append(entry)
        elif top not in ("images", "files"):
            result.problems.append(Problem(source, None, None, UNREAD_MESSAGE, code="unread"))
    result.problems += oversized_files(content_root, settings)
    result.problems += unsafe_attachments(content_root)
    result.problems += image_problems(content_root, settings)
    result.problems += check_collection(entries, portal.rules, listing_paths(settings), now)
    result.problems = sort_problems(list(dict.fromkeys(result.problems)))
    return result


@dataclass
class Fix:
    """What `fix_file` did to one file: changes made, or why it changed nothing."""

    path: Path
    changes: list[str] = field(default_factory=list)
    refused: str = ""
    backup: Path | None = None


REFUSALS = {
    "unknown": "không xác định được bảng mã; hãy mở tệp và lưu lại với mã UTF-8",
    "ambiguous": (
        "chưa chuyển vì không chắc tệp ở Windows-1258 (tiếng Việt) hay Windows-1252 (Tây Âu). Hãy mở "
        "tệp kiểm tra chữ, rồi chạy lại 'thads check --fix --encoding windows-1258 <tệp>' (hoặc "
        "windows-1252), hoặc lưu lại tệp với mã UTF-8"
    ),
    "vni": (
        "chưa chuyển: chữ gõ bằng phông VNI. Hãy chuyển mã bằng Unikey (Công cụ chuyển mã, "
        "VNI Windows sang Unicode) rồi lưu lại với mã UTF-8"
    ),
}


def _decode_for_fix(raw: bytes, forced: str | None) -> tuple[str | None, str, str]:
    """(text, change, refusal) for the bytes of a file, BOM removed."""
    if forced:
        try:
            text = nfc(raw.decode(forced))
        except UnicodeDecodeError:
            return None, "", f"tệp không đọc được theo bảng mã {forced}"
        return (
            text,
            f"chuyển từ {encoding.ENCODING_NAMES.get(forced, forced)} sang UTF-8 (theo --encoding)",
            "",
        )
    try:
        return raw.decode("utf-8"), "", ""
    except UnicodeDecodeError:
        pass
    name, text = encoding.guess_legacy(raw)
    if text is None or name not in encoding.FIXABLE:
        return None, "", REFUSALS.get(name, REFUSALS["unknown"])
    return text, f"chuyển từ {encoding.ENCODING_NAMES[name]} sang UTF-8", ""


def fix_file(
    path: Path, convert_tcvn3: bool = False, backup: Path | None = None, forced_encoding: str | None = None
) -> Fix:
    """Apply the safe fixes to one text file, after copying it to `backup`; say what changed."""
    raw = path.read_bytes()
    fix = Fix(path)
    bom = raw.startswith(encoding.BOM)
    text, change, fix.refused = _decode_for_fix(raw[len(encoding.BOM) :] if bom else raw, forced_encoding)
    if text is None:
        return fix
    fix.changes += [change] if change else []
    if bom:
        fix.changes.append("bỏ ký tự BOM ở đầu tệp")
    normalized = nfc(text)
    if normalized != text:
        count = sum(1 for a, b in zip(text.split("\n"), normalized.split("\n"), strict=False) if a != b)
        fix.changes.append(f"chuẩn hóa chữ tổ hợp (NFD) thành dựng sẵn (NFC) ở {count} dòng")
    if convert_tcvn3:
        lines = normalized.split("\n")
        converted = {number for number, _, _ in encoding.tcvn3_lines(normalized)}
        for number in converted:
            lines[number - 1] = encoding.from_tcvn3(lines[number - 1])
        if converted:
            normalized = "\n".join(lines)
            fix.changes.append(f"chuyển {len(converted)} dòng gõ bằng phông TCVN3 sang Unicode")
    if fix.changes:
        if backup is not None:
            backup.parent.mkdir(parents=True, exist_ok=True)
            backup.write_bytes(raw)
            fix.backup = backup
        path.write_bytes(normalized.encode("utf-8"))
    return fix


def files_to_fix(content_root: Path, targets: list[Path]) -> tuple[list[Path], list[str]]:
    """The Markdown files of the given files and folders (all of content/ when none), and
    the targets that cannot be fixed (outside content/, missing)."""
    root = content_root.resolve()
    files, refused = [], []
    for target in targets or [root]:
        target = Path(target).resolve()
        if not target.exists() or not target.is_relative_to(root):
            refused.append(f"{display_path(target)}: không có trong thư mục nội dung {display_path(root)}")
        elif target.is_dir():
            files += sorted(p for p in target.rglob("*") if p.suffix.lower() in (".md", ".markdown"))
        else:
            files.append(target)
    return list(dict.fromkeys(files)), refused


def fix_files(
    content_root: Path, files: list[Path], convert_tcvn3: bool, forced: str | None = None
) -> list[Fix]:
    """Fix each file; the originals of changed files go to cache/sao-luu/<time>/ beside content/."""
    root = content_root.resolve()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = root.parent / BACKUP_FOLDER / stamp
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = root.parent / BACKUP_FOLDER / f"{stamp}-{suffix}"
    fixes = []
    for path in files:
        backup = folder / Path(path).resolve().relative_to(root)
        fixes.append(fix_file(Path(path), convert_tcvn3, backup, forced))
    return fixes
