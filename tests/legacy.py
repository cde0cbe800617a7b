"""Turning Vietnamese text into the legacy byte encodings editors' files arrive in."""

from __future__ import annotations

import unicodedata

# Windows-1258 has precomposed vowels (â, ê, ô, ơ, ư, ă) but keeps tone marks combining.
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_windows_1258(text: str) -> bytes:
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(p for p in parts if p in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("windows-1258")
