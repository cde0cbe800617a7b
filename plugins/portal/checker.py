"""Checking a whole project without building it: the same readers and checks the build
runs (`documents`, `collection`, `references`), over every file under content/ and data/.

Used by `scripts/check`; the build reaches the same findings through its plugins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import data, encoding
from .collection import Entry, check_collection
from .documents import NEWS, NOTICE, load_document
from .problems import ERROR, Problem, display_path, sort_problems
from .text import nfc

IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}
UNREAD_MESSAGE = (
    "Tệp này không được đưa lên trang: chỉ nhận bài viết .md trong content/ "
    "và ảnh, tệp đính kèm trong content/images/ hoặc content/files/."
)


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.problems) - len(self.errors),
            "problems": [p.as_dict() for p in self.problems],
        }


def predicted_url(kind: str, slug: str, record, settings: dict) -> str:
    """The address the build gives a document (the settings' URL patterns)."""
    if kind == NOTICE:
        return settings["NOTICE_URL"].format(slug=slug)
    if kind == NEWS:
        return settings["ARTICLE_URL"].format(slug=slug)
    lang = getattr(record, "lang", settings.get("DEFAULT_LANG"))
    pattern = settings["PAGE_URL"] if lang == settings.get("DEFAULT_LANG") else settings["PAGE_LANG_URL"]
    return pattern.format(slug=slug, lang=lang)


def _size_problems(path: Path, source: str, limit: int, label: str) -> list[Problem]:
    size = path.stat().st_size
    if size <= limit:
        return []
    message = f"{label} nặng {size / 1e6:.1f} MB, quá giới hạn {limit / 1e6:.0f} MB; hãy nén hoặc chia nhỏ."
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


def check_project(settings: dict) -> CheckResult:
    """Every problem of content/ and data/, as the build would report them."""
    content_root = Path(settings["PATH"])
    project_root = content_root.parent
    result = CheckResult()
    portal, found = data.load(Path(settings["PORTAL_DATA_PATH"]))
    result.problems += found
    if portal is None:
        result.problems = sort_problems(result.problems)
        return result
    entries: list[Entry] = []
    for path in sorted(content_root.rglob("*")):
        if not path.is_file() or path.name in IGNORED_NAMES:
            continue
        result.files += 1
        relative = path.relative_to(content_root)
        source = display_path(path, project_root)
        top = relative.parts[0]
        if path.suffix.lower() in (".md", ".markdown") and top not in ("images", "files"):
            document = load_document(path, portal, content_root)
            result.problems += document.problems
            entry = document.entry(url=predicted_url(document.kind, document.slug, document.record, settings))
            if entry is not None:
                entries.append(entry)
        elif top in ("images", "files"):
            continue  # sizes below; images are opened by the build
        else:
            result.problems.append(Problem(source, None, None, UNREAD_MESSAGE, code="unread"))
    result.problems += oversized_files(content_root, settings)
    listing = (settings.get("PORTAL_LISTING_PATHS", []), settings.get("PORTAL_LISTING_PREFIXES", []))
    result.problems += check_collection(entries, portal.rules, listing)
    result.problems = sort_problems(list(dict.fromkeys(result.problems)))
    return result


def fix_file(path: Path, convert_tcvn3: bool = False) -> list[str]:
    """Apply the safe fixes to one text file; say what changed (in Vietnamese)."""
    raw = path.read_bytes()
    changes = []
    decoded = encoding.decode(raw)
    if decoded.text is None:
        name, text = encoding.guess_legacy(raw[len(encoding.BOM) :] if decoded.bom else raw)
        if text is None:
            return ["không xác định được bảng mã, hãy mở và lưu lại với mã UTF-8"]
        changes.append(f"chuyển từ {encoding.ENCODING_NAMES.get(name, name)} sang UTF-8")
    else:
        text = decoded.text
    if decoded.bom:
        changes.append("bỏ ký tự BOM ở đầu tệp")
    normalized = nfc(text)
    if normalized != text:
        count = sum(1 for a, b in zip(text.split("\n"), normalized.split("\n"), strict=False) if a != b)
        changes.append(f"chuẩn hóa chữ tổ hợp (NFD) thành dựng sẵn (NFC) ở {count} dòng")
    if convert_tcvn3:
        lines = normalized.split("\n")
        converted = {number for number, _, _ in encoding.tcvn3_lines(normalized)}
        for number in converted:
            lines[number - 1] = encoding.from_tcvn3(lines[number - 1])
        if converted:
            normalized = "\n".join(lines)
            changes.append(f"chuyển {len(converted)} dòng gõ bằng phông TCVN3 sang Unicode")
    if changes:
        path.write_bytes(normalized.encode("utf-8"))
    return changes
