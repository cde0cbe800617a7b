"""The problems of the build under way, gathered from every plugin.

Readers cannot return errors to Pelican (it logs them and skips the file), so they put
them here; the strict build reads this at the end and fails with all of them at once.
"""

from __future__ import annotations

from .problems import ERROR, Problem, sort_problems


class BuildReport:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # Files the reader refused (their problems are already here), as absolute paths.
        self.rejected: set[str] = set()
        # What the collection checks need of refused files (slugs, `previous` targets), by
        # path: a file read twice (parallel_build reads ahead) is still one entry.
        self._rejected_entries: dict[str, object] = {}

    def reset(self) -> None:
        self.problems = []
        self.rejected = set()
        self._rejected_entries = {}

    def reject(self, absolute_path: str, entry=None) -> None:
        """The reader refused this file; `entry` is what the collection checks need of it."""
        self.rejected.add(absolute_path)
        if entry is not None:
            self._rejected_entries[absolute_path] = entry

    @property
    def rejected_entries(self) -> list:
        return list(self._rejected_entries.values())

    def was_rejected(self, relative_path: str) -> bool:
        return any(path.endswith(f"/{relative_path}") for path in self.rejected)

    def add(self, problems: list[Problem]) -> None:
        for problem in problems:
            if problem not in self.problems:
                self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return sort_problems([p for p in self.problems if p.severity == ERROR])

    @property
    def warnings(self) -> list[Problem]:
        return sort_problems([p for p in self.problems if p.severity != ERROR])


REPORT = BuildReport()


class ContentRejected(Exception):
    """Raised by the reader for a file whose problems are already in REPORT."""
