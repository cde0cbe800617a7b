"""Problems found in content and data, reported to editors in Vietnamese."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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


def display_path(path: str | Path, root: str | Path | None = None) -> str:
    """A path as editors see it: relative to where they work (or the project), with slashes."""
    path = Path(path)
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.message))
