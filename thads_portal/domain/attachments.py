"""Which files may be published from content/files/: a whitelist of attachment types, each
recognized by its content (signature bytes, the parts of a ZIP container, or Pillow for
images), not by its name alone.

Pelican copies content/files/ as it is, and the site's policy lets scripts from its own
address run (`script-src 'self'`): an uploaded page, script or SVG image would run there.
Only documents, raster images and archives, which browsers do not run, are accepted.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

PDF = b"%PDF-"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office: .doc, .xls, .ppt
ZIP = b"PK\x03\x04"
EMPTY_ZIP = b"PK\x05\x06"
SEVEN_ZIP = b"7z\xbc\xaf\x27\x1c"
RAR = b"Rar!\x1a\x07"  # RAR 4 (…\x00) and RAR 5 (…\x01\x00)
RTF = b"{\\rtf"


@dataclass(frozen=True)
class AttachmentType:
    name: str  # shown to editors, in Vietnamese
    kind: str  # how the content is recognized: a key of _SNIFFERS
    detail: str = ""  # for the kind: the OOXML main folder, the ODF mimetype, Pillow's formats


ODF = "application/vnd.oasis.opendocument."

# Extension (lower case) → what the file must contain. Anything else is refused.
ALLOWED_TYPES: dict[str, AttachmentType] = {
    ".pdf": AttachmentType("tài liệu PDF", "pdf"),
    ".doc": AttachmentType("văn bản Word", "ole2"),
    ".docx": AttachmentType("văn bản Word", "ooxml", "word/"),
    ".xls": AttachmentType("bảng tính Excel", "ole2"),
    ".xlsx": AttachmentType("bảng tính Excel", "ooxml", "xl/"),
    ".ppt": AttachmentType("bản trình chiếu PowerPoint", "ole2"),
    ".pptx": AttachmentType("bản trình chiếu PowerPoint", "ooxml", "ppt/"),
    ".odt": AttachmentType("văn bản OpenDocument", "odf", ODF + "text"),
    ".ods": AttachmentType("bảng tính OpenDocument", "odf", ODF + "spreadsheet"),
    ".odp": AttachmentType("bản trình chiếu OpenDocument", "odf", ODF + "presentation"),
    ".rtf": AttachmentType("văn bản RTF", "rtf"),
    ".jpg": AttachmentType("ảnh JPEG", "image", "JPEG MPO"),
    ".jpeg": AttachmentType("ảnh JPEG", "image", "JPEG MPO"),
    ".png": AttachmentType("ảnh PNG", "image", "PNG"),
    ".webp": AttachmentType("ảnh WebP", "image", "WEBP"),
    ".gif": AttachmentType("ảnh GIF", "image", "GIF"),
    ".zip": AttachmentType("tệp nén ZIP", "zip"),
    ".7z": AttachmentType("tệp nén 7z", "7z"),
    ".rar": AttachmentType("tệp nén RAR", "rar"),
}
ALLOWED_LIST = ", ".join(ALLOWED_TYPES)

# What a file that does not match its extension holds, when its first bytes tell.
_RECOGNIZED = [
    (PDF, "tài liệu PDF"),
    (OLE2, "tài liệu Office cũ (.doc, .xls, .ppt)"),
    (ZIP, "tệp ZIP"),
    (EMPTY_ZIP, "tệp ZIP"),
    (SEVEN_ZIP, "tệp nén 7z"),
    (RAR, "tệp nén RAR"),
    (RTF, "văn bản RTF"),
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF8", "ảnh GIF"),
]

_HEAD_BYTES = 512
_MAX_MIMETYPE_BYTES = 100


def _starts_with(*signatures: bytes):
    return lambda path, head, detail: head.startswith(signatures)


def _zip_names(path: Path, head: bytes) -> tuple[zipfile.ZipFile, list[str]] | None:
    """The opened ZIP container and its entry names; None when `path` is not one."""
    if not head.startswith(ZIP):
        return None
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    return archive, archive.namelist()


def _is_ooxml(path: Path, head: bytes, main_folder: str) -> bool:
    """Word, Excel, PowerPoint 2007+: a ZIP with [Content_Types].xml and its main part; one
    saved with a password is an OLE2 container instead (its package encrypted inside)."""
    if head.startswith(OLE2):
        return True
    opened = _zip_names(path, head)
    if opened is None:
        return False
    archive, names = opened
    with archive:
        return "[Content_Types].xml" in names and any(name.startswith(main_folder) for name in names)


def _is_odf(path: Path, head: bytes, mimetype: str) -> bool:
    """OpenDocument: a ZIP whose `mimetype` entry names the expected type."""
    opened = _zip_names(path, head)
    if opened is None:
        return False
    archive, names = opened
    with archive:
        if "mimetype" not in names or archive.getinfo("mimetype").file_size > _MAX_MIMETYPE_BYTES:
            return False
        try:
            return archive.read("mimetype").strip() == mimetype.encode("ascii")
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            return False


def _is_image(path: Path, head: bytes, formats: str) -> bool:
    """A raster image Pillow reads, of the format its extension names (never SVG)."""
    from PIL import Image  # the images plugin's dependency; only images need it here

    try:
        with Image.open(path) as image:
            if image.format not in formats.split():
                return False
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for damaged or foreign files
        return False
    return True


_SNIFFERS = {
    "pdf": _starts_with(PDF),
    "ole2": _starts_with(OLE2),
    "ooxml": _is_ooxml,
    "odf": _is_odf,
    "rtf": _starts_with(RTF),
    "image": _is_image,
    "zip": _starts_with(ZIP, EMPTY_ZIP),
    "7z": _starts_with(SEVEN_ZIP),
    "rar": _starts_with(RAR),
}


def _what_it_holds(head: bytes) -> str:
    for signature, name in _RECOGNIZED:
        if head.startswith(signature):
            return name
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "trang web, XML hoặc ảnh SVG"
    return ""


def attachment_message(path: Path) -> str | None:
    """Why the file may not be published (in Vietnamese), or None when it may."""
    suffix = path.suffix.lower()
    allowed = ALLOWED_TYPES.get(suffix)
    if allowed is None:
        kind = f"đuôi '{path.suffix}'" if path.suffix else "không có đuôi"
        return (
            f"Loại tệp này ({kind}) không được đăng làm tệp đính kèm. Chỉ nhận các loại: {ALLOWED_LIST}. "
            "Trang web (.html), ảnh SVG, mã chạy được (.js…) bị từ chối vì chúng có thể chạy mã "
            "trên trang thông tin."
        )
    with path.open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
    if _SNIFFERS[allowed.kind](path, head, allowed.detail):
        return None
    holds = _what_it_holds(head)
    found = f" (nội dung là {holds})" if holds else ""
    return (
        f"Nội dung tệp không phải {allowed.name} như đuôi '{path.suffix}' cho biết{found}: tệp bị đổi "
        f"đuôi hoặc bị hỏng. Hãy mở tệp bằng phần mềm của nó và lưu lại đúng loại. Chỉ nhận các loại: "
        f"{ALLOWED_LIST}."
    )


def attachment_problems(path: Path, source: str) -> list[Problem]:
    """The problem of one file of content/files/ (`source`: its path as editors see it)."""
    message = attachment_message(path)
    return [] if message is None else [Problem(source, None, None, message, code="attachment-type")]
