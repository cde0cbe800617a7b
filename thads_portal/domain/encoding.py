"""Reading editors' files: UTF-8 expected; legacy encodings detected and named.

Vietnamese offices still produce files in Windows-1258 (tone marks as combining
characters), Windows-1252, and text typed with the TCVN3 (ABC) ".VnTime" fonts, which is
valid Latin-1-looking text that reads as mojibake. Each is detected here so the editor
is told what the file is and how to fix it. A reading only counts as Vietnamese when its
words are valid Vietnamese syllables (`is_syllable`), so "Microsoft®" or a soft hyphen
pasted from Word is not taken for TCVN3.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"

# TCVN3 (ABC) code points, read as Latin-1, and the Vietnamese letters they stand for.
_TCVN3 = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        strict=True,
    )
)
# Symbols that are letters in TCVN3 but not in Unicode Vietnamese text (« » are left
# out: they are also quotation marks).
_TCVN3_TELLTALE = re.compile("[µ¸¶·¹¨¾¼½©®ª¬\\xad¡¢§£¤¥¦÷þ]")
_LATIN1_WORD = re.compile("[A-Za-z\u00a1-\u00ff]+")
_WORD = re.compile(r"[^\W\d_]+")
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u01b0\u1ea0-\u1ef9]")

# Vietnamese syllables: onset, vowel cluster, final consonant, at most one tone mark.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET_TEXT = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x"
_NUCLEUS_TEXT = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê "
    "ui uô uơ uy ưa ưi ươ ưu yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu"
)
_ONSETS = [*_ONSET_TEXT.split(), ""]
_NUCLEI = set(_NUCLEUS_TEXT.split())
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
_STOP_TONES = {"\u0301", "\u0323"}  # -c, -ch, -p, -t only take sắc or nặng


def is_syllable(word: str) -> bool:
    """Whether `word` can be one Vietnamese syllable ("quyền", "đất"; not "Microsoftđ")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if len(tones) > 1 or not base:
        return False
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rest = base[len(onset) :]
        for coda in _CODAS:
            nucleus = rest[: len(rest) - len(coda)]
            if rest.endswith(coda) and nucleus in _NUCLEI:
                if coda in ("c", "ch", "p", "t") and not (set(tones) & _STOP_TONES):
                    continue
                return True
    return False


def from_tcvn3(text: str) -> str:
    return "".join(_TCVN3.get(char, char) for char in text)


def _tcvn3_evidence(line: str) -> tuple[int, int]:
    """Words with TCVN3 symbols that convert to a Vietnamese syllable, and those that don't."""
    good = bad = 0
    for word in _LATIN1_WORD.findall(line):
        if _TCVN3_TELLTALE.search(word):
            if is_syllable(from_tcvn3(word)):
                good += 1
            else:
                bad += 1
    return good, bad


def tcvn3_lines(text: str) -> list[tuple[int, str, str]]:
    """(line number, line, converted line) for each line typed with a TCVN3 font."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _UNICODE_VIETNAMESE.search(line) or not _TCVN3_TELLTALE.search(line):
            continue
        good, bad = _tcvn3_evidence(line)
        if good >= 2 and good > 2 * bad:
            found.append((number, line, from_tcvn3(line)))
    return found


def _vietnamese_words(text: str) -> int:
    """Words with letters beyond ASCII that are Vietnamese syllables, minus those that aren't."""
    score = 0
    for word in _WORD.findall(text):
        if not word.isascii():
            score += 1 if is_syllable(word) else -1
    return score


# VNI fonts type "Thông báo" as "Thoâng baùo": a vowel, then a mark typed as a letter.
_VNI_PAIR = re.compile("[aeiouyAEIOUY][ùøûõïÙØÛÕÏ]|[aeoAEO][âÂ]|[aA][êÊ]|[ôöÔÖ][ùøûõïÙØÛÕÏ]|\\b[ñÑ]")


def looks_like_vni(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    marked = sum(1 for w in words if _VNI_PAIR.search(w))
    return marked >= 3 and 2 * marked >= len(words)


@dataclass
class Decoded:
    text: str | None
    encoding: str  # "utf-8", "windows-1258", "windows-1252", "tcvn3", "vni", "ambiguous", "unknown"
    bom: bool = False
    nfd: bool = False


def guess_legacy(raw: bytes) -> tuple[str, str | None]:
    """Name the legacy encoding of bytes that are not UTF-8, and the text it gives.

    "ambiguous": Windows-1258 and Windows-1252 read it differently and neither reading
    shows Vietnamese; "vni": typed with a VNI font. Neither is converted automatically.
    """
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode": UTF-16 with its BOM
        try:
            return "utf-16", unicodedata.normalize("NFC", raw.decode("utf-16"))
        except UnicodeDecodeError:
            return "unknown", None
    readings = {}
    for name in ("windows-1258", "windows-1252"):
        try:
            readings[name] = unicodedata.normalize("NFC", raw.decode(name))
        except UnicodeDecodeError:
            continue
    if not readings:
        return "unknown", None
    latin1 = raw.decode("latin-1")
    if tcvn3_lines(latin1):
        return "tcvn3", from_tcvn3(latin1)
    vietnamese, western = readings.get("windows-1258"), readings.get("windows-1252")
    if western is not None and looks_like_vni(western):
        return "vni", western
    if vietnamese is None or western is None:
        return ("windows-1252", western) if vietnamese is None else ("windows-1258", vietnamese)
    score = _vietnamese_words(vietnamese)
    if vietnamese == western:  # the same text either way: the name is all that differs
        return ("windows-1258" if score > 0 else "windows-1252"), western
    if score > 0 and score >= _vietnamese_words(western):
        return "windows-1258", vietnamese
    return "ambiguous", western


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


# Read inside "Tệp không lưu ở mã UTF-8 mà ở <name>. Hãy chạy 'thads check --fix' …".
ENCODING_NAMES = {
    "windows-1258": "Windows-1258 (bảng mã tiếng Việt cũ của Windows)",
    "windows-1252": "Windows-1252 (bảng mã Tây Âu)",
    "tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "utf-16": 'UTF-16 (kiểu "Unicode" của Notepad)',
    "vni": "bảng mã của phông VNI (chữ dạng 'Thoâng baùo'; --fix không tự chuyển được loại này)",
    "ambiguous": (
        "một bảng mã cũ chưa rõ là Windows-1258 (tiếng Việt) hay Windows-1252 (Tây Âu): "
        "hai cách đọc cho chữ khác nhau và không cách nào ra tiếng Việt rõ ràng; hãy mở tệp kiểm tra chữ"
    ),
    "unknown": "một bảng mã không xác định",
}
FIXABLE = {"windows-1258", "windows-1252", "tcvn3", "utf-16"}
