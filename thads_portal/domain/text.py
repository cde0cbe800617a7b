"""Vietnamese text: folding to ASCII (đ → d), slugs, normalization."""

from __future__ import annotations

import html
import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip tone and vowel marks and map đ to d: "Đấu giá Lạng Sơn" → "Dau gia Lang Son".

    Accepts composed and decomposed input alike.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug: "Đấu giá đất Cao Lộc" → "dau-gia-dat-cao-loc"."""
    slug = _NON_SLUG.sub("-", fold(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def plain_text(markup: str) -> str:
    """Visible text of rendered HTML (content HTML is our own Markdown output), with each
    run of white space as one space (`split` takes the runs `\\s+` would, faster)."""
    return " ".join(html.unescape(_TAG.sub(" ", markup or "")).split())


# Vietnamese alphabetical order: ă, â, đ, ê, ô, ơ, ư are letters of their own, after a, a, d,
# e, o, o, u; f, j, w, z (foreign names) in their Latin places. Tones are a secondary key, in
# dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_COLLATION_TOKEN = re.compile(r"\d+|.[\u0300-\u036f]*", re.DOTALL)


def collation_key(text: str) -> tuple:
    """Sort key in Vietnamese alphabetical order: "Bắc Sơn" < "Bình Gia" < "Cao Lộc" <
    "Chi Lăng" < "Đình Lập" < "Hữu Lũng", "an" < "ăn" < "ân"; tones only break ties ("ma" <
    "mà" < "mả" < "mã" < "má" < "mạ"), then case. Numbers sort by value ("khu vực 2" before
    "khu vực 10"); spaces and punctuation before everything."""
    primary, tones = [], []
    for token in _COLLATION_TOKEN.findall(unicodedata.normalize("NFD", nfc(text).casefold())):
        if token.isdigit():
            primary.append((1, int(token), ""))
            continue
        base, marks = token[0], token[1:]
        if unicodedata.combining(base):  # a stray mark after a non-letter
            continue
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _VOWEL_MARKS))
        if base == "đ" or letter in _LETTER_RANK:
            primary.append((2, _LETTER_RANK.get(letter, _LETTER_RANK.get(base, 0)), ""))
        elif token.isspace() or not base.isalnum():
            primary.append((0, 0, ""))
        else:
            primary.append((3, 0, nfc(token)))
        tones.append(max((_TONE_RANK.get(m, 0) for m in marks), default=0))
    return (tuple(primary), tuple(tones), nfc(text))
