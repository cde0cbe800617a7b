"""Problems found in content and data, reported to editors in Vietnamese."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is (file, line, field) and what to do, in Vietnamese."""

    path: str
    line: int | None
    field: str | None
    message: str
    severity: str = ERROR
    # A short id of the check, stable for tools (e.g. "yaml", "encoding", "rule:deposit").
    code: str = ""

    def format(self) -> str:
        place = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        label = "" if self.severity == ERROR else " (cảnh báo)"
        return f"{place}:{field}{label} {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=64)
def _real(folder: str) -> str:
    return os.path.realpath(folder)


def display_path(path: str | Path, root: str | Path | None = None) -> str:
    """A path as editors see it: relative to where they work (or the project), with slashes.
    Called for every content file, so symlinks are resolved only when the plain path fails."""
    bases = [_real(os.getcwd())] + ([_real(str(root))] if root is not None else [])
    for candidate in (resolve(path) for resolve in (os.path.abspath, os.path.realpath)):
        for base in bases:
            if candidate == base:
                return "."
            prefix = base.rstrip(os.sep) + os.sep  # both normalized: the rest is relative
            if candidate.startswith(prefix):
                return candidate[len(prefix) :].replace(os.sep, "/")
    return Path(path).as_posix()


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.message))
