"""Pages rendered on every core. During the output phase the writer only queues each page:
Pelican's own bookkeeping still runs at once (overwrite checks, `content_written`, so the
sitemap sees every page). Plugins may queue whole jobs too (`run_later`: the search index,
calendars, feeds). When all generators are done, the queue is shared out, jobs first."""

from __future__ import annotations

import io
import os
from collections.abc import Callable

from pelican.writers import FileOverwriteFailedError, Writer

from .workers import in_parallel, worker_count

PAGES_PER_WORKER = 50  # below that, forking costs more than it saves


class _Queued:
    """Stands in for a template: records the page Pelican asks it to render."""

    def __init__(self, template, writer: QueueingWriter) -> None:
        self.template, self.writer = template, writer

    def render(self, localcontext: dict) -> str:
        self.writer.queue.append([self.template, localcontext, None])
        return ""


class QueueingWriter(Writer):
    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self.queue: list[list] = []
        self.jobs: list[Callable[[], None]] = []

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _Queued(template, self), context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        """Called right after render(): Pelican's own overwrite rules (as in its `_open_w`),
        deciding where the queued page goes, but nothing is written yet."""
        target = filename
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            target = os.devnull
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": already written')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if self.queue and self.queue[-1][2] is None:
            self.queue[-1][2] = target
        return io.StringIO()  # receives the empty render

    def render_queue(self) -> None:
        jobs = self.jobs + self.queue
        self.jobs, self.queue = [], []
        in_parallel(jobs, _run, worker_count(self.settings, len(jobs), PAGES_PER_WORKER))


def run_later(writer, job: Callable[[], None]) -> None:
    """`job` (which only writes files) runs with the queued pages, on any core; at once where
    the writer does not queue (the fast preview's)."""
    if isinstance(writer, QueueingWriter):
        writer.jobs.append(job)
    else:
        job()


def _run(job) -> None:
    if callable(job):
        job()
        return
    template, localcontext, path = job
    output = template.render(localcontext)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(output)


class RenderQueueGenerator:
    """Appended as the last generator: its output step renders the queued pages."""

    def generate_output(self, writer) -> None:
        if isinstance(writer, QueueingWriter):
            writer.render_queue()
