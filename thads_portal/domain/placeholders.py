"""Placeholders left in a new site: `[CẦN ĐIỀN: what to write]` inside a value or a text.

`thads init` writes one wherever a fact about the agency was not verified (address, phone,
email, leaders, regional offices and their areas, host name). The site builds with them, but
`thads check` warns about every one until the agency writes the real information in its place.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import WARNING, Problem, sort_problems
from .text import nfc

MARKER = "CẦN ĐIỀN"
CODE = "placeholder"
# The folders scanned, and the text files in them; images/ and files/ hold uploads.
FOLDERS = ("data", "content")
TEXT_SUFFIXES = {".yml", ".yaml", ".md", ".markdown", ".csv", ".txt", ".json", ".html"}
SKIPPED = {"images", "files"}

# "[CẦN ĐIỀN: …]", also typed without diacritics or in another case ("[can dien: …]").
_PLACEHOLDER = re.compile(r"\[\s*(?:CẦN|CAN)\s+(?:ĐIỀN|DIEN)\s*(?::\s*(?P<what>[^\]\n]*))?\]", re.IGNORECASE)


def placeholder(what: str) -> str:
    """The marker for one piece of missing information: placeholder("số điện thoại")."""
    return f"[{MARKER}: {what}]"


def _text_files(site_root: Path):
    for folder in FOLDERS:
        base = site_root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(base)
            if folder == "content" and relative.parts and relative.parts[0] in SKIPPED:
                continue
            if any(part.startswith(".") for part in relative.parts):
                continue
            if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
                yield path


def find_placeholders(site_root: Path) -> list[Problem]:
    """One warning for every placeholder left in the text files of data/ and content/, with
    its file (relative to the site root, with slashes) and line."""
    site_root = Path(site_root)
    problems = []
    for path in _text_files(site_root):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the checker reports files it cannot read
        source = path.relative_to(site_root).as_posix()
        for number, line in enumerate(text.splitlines(), start=1):
            for match in _PLACEHOLDER.finditer(nfc(line)):
                what = (match.group("what") or "").strip()
                message = (
                    f"còn chỗ cần điền: {what}. Thay cả đoạn [{MARKER}: …] bằng thông tin thật."
                    if what
                    else f"còn chỗ cần điền. Thay cả đoạn [{MARKER}] bằng thông tin thật."
                )
                problems.append(Problem(source, number, None, message, WARNING, code=CODE))
    return sort_problems(problems)
