"""The executor of the render plan (`thads_portal.pelican.render_plan`).

`PlanningWriter` is Pelican's writer class (through the public `get_writer` signal) whose
`write_file` plans a page instead of rendering it: the page's path is decided with Pelican's
overwrite rules and `content_written` is sent at once, so the sitemap sees every page. A
planned page keeps what it adds to a snapshot of the site's context that the pages planned
while the context stays the same share (a copy per page held ~90 MB at 10,000 documents).
File jobs declared by the generators (`file_jobs()`) start in a child as the writer is made:
the other core has nothing else to do while this one plans pages. Once every generator is
done (`finalized`), the plan is shared out, jobs first.
"""

from __future__ import annotations

import functools
import os
from collections import ChainMap

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from thads_portal.pelican.render_plan import FileJob, PlansFiles

from . import page_cache
from .workers import in_background, in_parallel, worker_count, workers_wanted

PAGES_PER_WORKER = 50  # below that, forking costs more than it saves
_MISSING = object()

# The generators and page cache of the build whose output phase starts next (set when its
# context is complete), which the writer made for that phase takes; then that writer.
_build: dict = {}


def prepare_output(generators: list, cache: page_cache.PageCache | None) -> None:
    _build.clear()
    _build.update(generators=generators, cache=cache)


def render_planned() -> None:
    """Renders the plan of the build's writer (once)."""
    writer = _build.pop("writer", None)
    if writer is not None:
        writer.execute()


def forget_plan() -> None:
    _build.clear()


class PlanningWriter(Writer):
    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self.cache: page_cache.PageCache | None = _build.pop("cache", None)
        self.pages: list[list] = []  # [template, (snapshot, changes), path]
        self.jobs: list = []
        self.running: list[tuple[int, int]] = []
        self._snapshot: dict = {}
        self._planned: set[str] = set()
        self._overridden: set[str] = set()
        _build["writer"] = self
        for generator in _build.pop("generators", []):
            if isinstance(generator, PlansFiles):
                for job in generator.file_jobs():
                    self.plan_files(job)
        if self.jobs and workers_wanted(self.settings) > 1:
            jobs, self.jobs = self.jobs, []
            self.running.append(in_background(lambda: [job() for job in jobs]))

    def plan_files(self, job: FileJob) -> None:
        # Keyed here, before any fork: the notice pages' keys then reuse its fingerprints.
        key = self.cache.digest(*job.inputs) if self.cache and job.inputs is not None else None
        self.jobs.append(functools.partial(_make_files, self.settings, job, key))

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ) -> None:
        """Pelican's `Writer.write_file` (same arguments, same pages and paginated
        variables), planning each page instead of rendering it."""
        if not name:
            return
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._plan_page(template, context, name, kwargs, relative_urls, override_output)
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            key: Paginator(name, url, value, self.settings, per_page) for key, value in paginated.items()
        }
        for number in range(1, next(iter(paginators.values())).num_pages + 1):
            variables = dict(kwargs)
            for key, paginator in paginators.items():
                page = paginator.page(number)
                variables[f"{key}_paginator"] = paginator
                variables[f"{key}_page"] = page
                variables[f"{key}_previous_page"] = paginator.page(number - 1) if number > 1 else None
                last = number == paginator.num_pages
                variables[f"{key}_next_page"] = None if last else paginator.page(number + 1)
            self._plan_page(template, context, page.save_as, variables, relative_urls, override_output)

    def _plan_page(self, template, context: dict, name: str, variables: dict, relative: bool, override: bool):
        changes = {"localsiteurl": context.get("localsiteurl")}
        if relative:
            changes["SITEURL"] = changes["localsiteurl"] = path_to_url(get_relative_path(name))
            context["localsiteurl"] = changes["localsiteurl"]  # as Pelican's: Contents adjust links
        changes["output_file"] = name
        changes.update(variables)
        snapshot = self._snapshot
        if len(snapshot) != len(context) or any(
            snapshot.get(k, _MISSING) is not v for k, v in context.items()
        ):
            snapshot = self._snapshot = dict(context)
        path = self._target(sanitised_join(self.output_path, name), override)
        self.pages.append([template, (snapshot, changes), path])
        signals.content_written.send(path, context=ChainMap(changes, snapshot))

    def _target(self, path: str, override: bool) -> str:
        """Pelican's overwrite rules: a path is written once, unless one (and no more than
        one) of the writes overrides; the overriding one is kept."""
        if path in self._overridden:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" a second time')
            return os.devnull
        if path in self._planned and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{path}": already written')
        if override:
            self._overridden.add(path)
        self._planned.add(path)
        return path

    def execute(self) -> None:
        """Renders the plan: jobs first, then pages, on every core."""
        if self.cache:
            # Keys are made here, before the fork: made in the workers, walking every object
            # would copy the memory pages they share (~60 MB of the peak at 10,000 documents),
            # and each worker would digest the objects their pages share (the site's lists) again.
            for page in self.pages:
                template, (snapshot, changes), path = page
                page.append(
                    self.cache.key(template, {**snapshot, **changes}, path) if path != os.devnull else None
                )
        jobs = self.jobs + self.pages
        self.jobs, self.pages = [], []
        running, self.running = self.running, []
        workers = worker_count(self.settings, len(jobs), PAGES_PER_WORKER)
        keys = in_parallel(jobs, functools.partial(_run, self.cache), workers, busy=running)
        if self.cache and None not in keys:  # None: a worker failed, its pages are unknown
            self.cache.prune(set(keys))


def _make_files(settings: dict, job: FileJob, key: str | None) -> None:
    if key is None:
        job.produce(job.target)
    else:
        page_cache.cached_files(settings, job.kind, key, job.target, job.produce)


def _run(cache: page_cache.PageCache | None, job) -> str | bool:
    """Runs a job or writes a page; for a page, its cache key (False when not cached)."""
    if callable(job):
        job()
        return False
    template, (snapshot, changes), path, *known = job
    if path == os.devnull:
        return False
    os.makedirs(os.path.dirname(path), exist_ok=True)  # here, not in the process planning
    key = known[0] if known else None
    if key and cache.fetch(key, path):
        return key
    output = template.render({**snapshot, **changes})
    page_cache.write_over(path, output.encode("utf-8"))
    if key:
        cache.store(key, output)
    return key or False
