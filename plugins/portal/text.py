"""Vietnamese text: folding to ASCII (đ → d), slugs, normalization."""

from __future__ import annotations

import html
import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


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
    """Visible text of rendered HTML (content HTML is our own Markdown output)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup or ""))).strip()
