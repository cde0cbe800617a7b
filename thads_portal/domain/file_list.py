"""The list of files a build produced, written by the build into its own output (`BUILD_FILES`)
just before the output is put in place: one line per file, sorted by path,

    <sha256>  <size in bytes>  <path relative to the output, with '/'>

so that a tree changed afterwards by anyone (a file removed, added, cut short or rewritten)
no longer matches it. Publishing checks a release against it before putting it live.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

NAME = "BUILD_FILES"


def describe(root: Path, exclude: frozenset[str] = frozenset()) -> dict[str, tuple[str, int]]:
    """Every file under `root` (symbolic links to folders not followed): relative path →
    (SHA-256, size). `exclude`: relative paths left out."""
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            relative = Path(os.path.relpath(path, root)).as_posix()
            if relative in exclude or not os.path.isfile(path):
                continue
            with open(path, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            found[relative] = (digest, os.path.getsize(path))
    return found


def write(root: Path) -> None:
    files = describe(root, frozenset({NAME}))
    lines = [f"{digest}  {size}  {path}\n" for path, (digest, size) in sorted(files.items())]
    (root / NAME).write_text("".join(lines), encoding="utf-8")


def read(root: Path) -> dict[str, tuple[str, int]] | None:
    """The list `root` holds, or None when it has none."""
    path = root / NAME
    if not path.is_file():
        return None
    files = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, size, name = line.split("  ", 2)
        files[name] = (digest, int(size))
    return files
