"""Reading editors' files: UTF-8 expected; legacy encodings detected and named.

Vietnamese offices still produce files in Windows-1258 (tone marks as combining
characters), Windows-1252, and text typed with the TCVN3 (ABC) ".VnTime" fonts, which is
valid Latin-1-looking text that reads as mojibake. Each is detected here so the editor
is told what the file is and how to fix it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"
# Windows-1258 keeps five tone marks as combining characters; these bytes are letters in 1252.
_CP1258_TONE_BYTES = {0xCC, 0xD2, 0xDE, 0xEC, 0xF2}
_VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")


# TCVN3 (ABC) code points, read as Latin-1, and the Vietnamese letters they stand for.
_TCVN3 = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        strict=True,
    )
)
# Symbols that never follow a letter in real text but are letters in TCVN3 (« » are
# left out: they are also quotation marks).
_TCVN3_TELLTALE = re.compile("[A-Za-z][µ¸¶·¹¨¾¼½©®ª¬\\xad¡¢§£¤¥¦÷þ]")
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u01b0\u1ea0-\u1ef9]")


def from_tcvn3(text: str) -> str:
    return "".join(_TCVN3.get(char, char) for char in text)


def tcvn3_lines(text: str) -> list[tuple[int, str, str]]:
    """(line number, line, converted line) for each line typed with a TCVN3 font."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(_TCVN3_TELLTALE.findall(line)) >= 2 and not _UNICODE_VIETNAMESE.search(line):
            found.append((number, line, from_tcvn3(line)))
    return found


@dataclass
class Decoded:
    text: str | None
    encoding: str  # "utf-8", "windows-1258", "windows-1252", "unknown"
    bom: bool = False
    nfd: bool = False


def _vietnamese_score(text: str) -> int:
    marks = sum(1 for ch in unicodedata.normalize("NFD", text) if unicodedata.combining(ch))
    return marks + 3 * sum(1 for ch in text if ch in _VIETNAMESE_ONLY)


def guess_legacy(raw: bytes) -> tuple[str, str | None]:
    """Name the legacy encoding of bytes that are not UTF-8, and the text it gives."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode": UTF-16 with its BOM
        try:
            return "utf-16", unicodedata.normalize("NFC", raw.decode("utf-16"))
        except UnicodeDecodeError:
            return "unknown", None
    candidates = []
    for encoding in ("windows-1258", "windows-1252"):
        try:
            candidates.append((encoding, raw.decode(encoding)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return "unknown", None
    latin1 = raw.decode("latin-1")
    if len(tcvn3_lines(latin1)) >= 1:
        return "tcvn3", from_tcvn3(latin1)
    has_tone_bytes = any(byte in _CP1258_TONE_BYTES for byte in raw)
    has_d_bar = 0xF0 in raw or 0xD0 in raw
    if has_tone_bytes or has_d_bar:
        for encoding, text in candidates:
            if encoding == "windows-1258" and _vietnamese_score(text) > 0:
                return encoding, unicodedata.normalize("NFC", text)
    for encoding, text in candidates:
        if encoding == "windows-1252":
            return encoding, text
    return candidates[0][0], candidates[0][1]


def decode(raw: bytes) -> Decoded:
    bom = raw.startswith(BOM)
    if bom:
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        encoding, _ = guess_legacy(raw)
        return Decoded(None, encoding, bom)
    nfd = not unicodedata.is_normalized("NFC", text)
    return Decoded(text, "utf-8", bom, nfd)


ENCODING_NAMES = {
    "windows-1258": "Windows-1258 (bảng mã tiếng Việt cũ của Windows)",
    "windows-1252": "Windows-1252 (bảng mã Tây Âu)",
    "tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "utf-16": 'UTF-16 (kiểu "Unicode" của Notepad)',
    "unknown": "một bảng mã không xác định",
}
