"""The render plan: what the output phase makes, declared by the generators so that one
executor (the `parallel_build` plugin) can make it on every core and reuse what did not
change. This module is the whole boundary between the feature plugins and that executor:
they import nothing else from it.

- Pages: planned through Pelican's public writer API, `writer.write_file(...)`. The
  executor's writer records each page (path, template, context) and renders the plan once
  every generator is done; Pelican's own writer renders it at once.
- Files other than pages (feeds, calendars, open data, the search index): a `FileJob`.
  A generator with a `file_jobs()` method (`PlansFiles`) declares its jobs before any page is
  planned: they start at once, on a spare core. Any plugin may add one later with
  `plan(writer, job)`.
- A build that fails sends `build_abandoned`: the executor stops what still runs, before
  the build's folder is removed.

A job's `produce` may run in another process: it must only write files under the root it is
given (or report problems); what it changes in memory is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from blinker import signal


@dataclass(frozen=True)
class FileJob:
    """Files made by `produce(root)` under `root`, which ends up as `target`.

    `inputs` are every value the files are made from besides the code, the theme, `data/`
    and the settings (which the executor adds). With the page cache on, files made before
    from the same inputs are reused. None: made anew by every build."""

    kind: str
    target: Path
    produce: Callable[[Path], None]
    inputs: tuple | None = None


@runtime_checkable
class PlansFiles(Protocol):
    """A generator whose file jobs start before any page is planned."""

    def file_jobs(self) -> list[FileJob]: ...


def plan(writer, job: FileJob) -> None:
    """Adds `job` to the build's plan; made at once by a writer without one (the fast
    preview's single-page refresh uses Pelican's own)."""
    add = getattr(writer, "plan_files", None)
    if add is None:
        job.produce(job.target)
    else:
        add(job)


# Sent (no sender) by a build that failed, before its output folder is removed.
build_abandoned = signal("thads-build-abandoned")
