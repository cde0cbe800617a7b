"""What an import would write, and writing it: nothing at all when any row has a problem,
only the files whose content changes otherwise (a second import of the same export writes
nothing), each file replaced in one step."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import ERROR, Problem, display_path

CREATED, CHANGED, UNCHANGED = "created", "changed", "unchanged"
LABELS = {CREATED: "tạo mới", CHANGED: "thay đổi", UNCHANGED: "không đổi"}


@dataclass
class Change:
    path: Path
    action: str  # CREATED, CHANGED or UNCHANGED
    text: str
    detail: str = ""


@dataclass
class Plan:
    """The outcome of reading an export: problems, the files it gives, and notes for the
    editor (entries that disappeared from the export …)."""

    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def add(self, path: Path, text: str, same: bool, detail: str = "") -> None:
        """A file with its new text; `same`: its content means what the file says already."""
        action = UNCHANGED if same else CHANGED if path.exists() else CREATED
        self.changes.append(Change(path, action, text, detail))

    def counts(self) -> dict[str, int]:
        return {action: sum(c.action == action for c in self.changes) for action in LABELS}

    def summary(self, root: Path, dry_run: bool) -> list[str]:
        lines = []
        for change in self.changes:
            if change.action != UNCHANGED:
                verb = ("Sẽ " if dry_run else "Đã ") + ("tạo" if change.action == CREATED else "sửa")
                detail = f" ({change.detail})" if change.detail else ""
                lines.append(f"{verb} {display_path(change.path, root)}{detail}")
        counts = self.counts()
        lines.append(
            ", ".join(f"{counts[action]} tệp {label}" for action, label in LABELS.items())
            + (" (chạy thử, chưa ghi gì)." if dry_run else ".")
        )
        return lines


def write(plan: Plan) -> None:
    """Write the created and changed files; refuses a plan with problems."""
    if not plan.ok:
        raise ValueError("an import with problems writes nothing")
    for change in plan.changes:
        if change.action == UNCHANGED:
            continue
        change.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=change.path.parent, prefix=".nhap-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(change.text)
        os.replace(temporary, change.path)
