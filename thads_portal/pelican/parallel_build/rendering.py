"""Pages rendered on every core. During the output phase the writer only queues each page:
Pelican's own bookkeeping still runs at once (overwrite checks, `content_written`, so the
sitemap sees every page). Plugins may queue whole jobs too (`run_later`: the search index,
calendars, feeds). Jobs a generator queues in `start_jobs(writer)`, before any output, run
in a child from then on: the other core has nothing else to do while this one queues pages.
When all generators are done, the queue is shared out, jobs first."""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable

from pelican import writers
from pelican.writers import FileOverwriteFailedError, Writer

from . import page_cache
from .workers import in_background, in_parallel, worker_count, workers_wanted

PAGES_PER_WORKER = 50  # below that, forking costs more than it saves


class _Queued:
    """Stands in for a template: records the page Pelican asks it to render."""

    def __init__(self, template, writer: QueueingWriter, context: dict) -> None:
        self.template, self.writer, self.context = template, writer, context

    def render(self, localcontext: dict) -> str:
        self.writer.queue.append([self.template, self.writer.compact(self.context, localcontext), None])
        return ""


_MISSING = object()


class _DeferredFolders:
    """Pelican's writer module's `os`: while a page is queued, its folder is not made (the
    process writing the page makes it): the 18,000 folders of a build at 10,000 documents
    took 2 s of this process, which the other core waits for. Everything else is `os`."""

    queueing = False

    def __getattr__(self, name: str):
        return getattr(os, name)

    def makedirs(self, name, mode=0o777, exist_ok=False) -> None:
        if not self.queueing:
            os.makedirs(name, mode, exist_ok)


writers.os = _DeferredFolders()


class QueueingWriter(Writer):
    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self.queue: list[list] = []
        self._snapshot: dict = {}
        self.jobs: list[Callable[[], None]] = []
        self.running: list[tuple[int, int]] = []

    def write_file(self, name, template, context, *args, **kwargs):
        writers.os.queueing = True
        try:
            return super().write_file(name, _Queued(template, self, context), context, *args, **kwargs)
        finally:
            writers.os.queueing = False

    def compact(self, context: dict, localcontext: dict) -> tuple[dict, dict]:
        """The page's context as a snapshot of the site's context, shared by the pages queued
        while it stays the same, and what this page adds: a full copy per page held ~90 MB
        at 10,000 documents."""
        snapshot = self._snapshot
        if len(snapshot) != len(context) or any(
            snapshot.get(k, _MISSING) is not v for k, v in context.items()
        ):
            snapshot = self._snapshot = dict(context)
        return snapshot, {k: v for k, v in localcontext.items() if snapshot.get(k, _MISSING) is not v}

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

    def start_jobs(self) -> None:
        """The jobs queued so far start in a child, if there is a core to spare."""
        if self.jobs and workers_wanted(self.settings) > 1:
            jobs, self.jobs = self.jobs, []
            self.running.append(in_background(lambda: [job() for job in jobs]))

    def render_queue(self) -> None:
        jobs = self.jobs + self.queue
        cache = page_cache.current if self.queue else None
        if cache:
            # Keys are made here, before the fork: made in the workers, walking every object
            # would copy the memory pages they share (~60 MB of the peak at 10,000 documents),
            # and each worker would digest the objects their pages share (the site's lists) again.
            for page in self.queue:
                template, (snapshot, changes), path = page
                page.append(
                    cache.key(template, {**snapshot, **changes}, path) if path != os.devnull else None
                )
        self.jobs, self.queue = [], []
        running, self.running = self.running, []
        workers = worker_count(self.settings, len(jobs), PAGES_PER_WORKER)
        keys = in_parallel(jobs, functools.partial(_run, cache), workers, busy=running)
        if cache and None not in keys:  # None: a worker failed, its pages are unknown
            cache.prune(set(keys))


def run_later(writer, job: Callable[[], None]) -> None:
    """`job` (which only writes files) runs with the queued pages, on any core; at once where
    the writer does not queue (the fast preview's)."""
    if isinstance(writer, QueueingWriter):
        writer.jobs.append(job)
    else:
        job()


def _run(cache: page_cache.PageCache | None, job) -> str | bool:
    """Runs a job or writes a page; for a page, its cache key (False when not cached)."""
    if callable(job):
        job()
        return False
    template, (snapshot, changes), path, *known = job
    os.makedirs(os.path.dirname(path), exist_ok=True)
    key = known[0] if known else None
    if key and cache.fetch(key, path):
        return key
    localcontext = {**snapshot, **changes}
    output = template.render(localcontext)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(output)
    if key:
        cache.store(key, output)
    return key or False


class JobStarter:
    """Put first in the output order: the generators' `start_jobs(writer)`, then the jobs
    they queued start."""

    def __init__(self, generators: list) -> None:
        self.generators = generators

    def generate_output(self, writer) -> None:
        for generator in self.generators:
            if hasattr(generator, "start_jobs"):
                generator.start_jobs(writer)
        if isinstance(writer, QueueingWriter):
            writer.start_jobs()


class RenderQueueGenerator:
    """Appended as the last generator: its output step renders the queued pages."""

    def generate_output(self, writer) -> None:
        if isinstance(writer, QueueingWriter):
            writer.render_queue()
