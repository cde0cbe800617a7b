"""The build on every core: content files are read, and pages rendered, by this process
and forked children together. Output is the same as with one process (a test builds the
sample both ways and compares every byte).

Setting: PORTAL_BUILD_WORKERS (default: the number of cores; 1 does everything here).
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Content

from thads_portal.pelican import render_plan

from . import heap, page_cache
from .reading import end_reading, prefetch
from .rendering import PlanningWriter, forget_plan, prepare_output, render_planned
from .workers import stop_background


def _get_writer(pelican):
    return PlanningWriter


def _prepare_output(generators: list) -> None:
    """The context is complete: addresses are fixed and the build's page cache is made,
    for the writer of the output phase that comes next."""
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    _freeze_addresses(context)
    cache = (
        page_cache.PageCache(settings, context, generators[0].output_path)
        if page_cache.enabled(settings)
        else None
    )
    prepare_output(generators, cache)


def _render_plan(pelican) -> None:
    """Every generator has planned its output: the plan is rendered, before the other
    plugins' `finalized` (this plugin is first) read what it wrote."""
    render_planned()


def _abandon(*_, **__) -> None:
    forget_plan()
    stop_background()


def _freeze_addresses(context: dict) -> None:
    """Every document's address, worked out once: Pelican formats `url` and `save_as` from
    the settings again on each use (dozens of times per listing page), and they no longer
    change once every generator has its context. `override_*` is Pelican's own way of
    fixing them (the `url` and `save_as` metadata)."""
    lists = [value for value in context.values() if isinstance(value, list)]
    documents = [item for items in lists for item in items if isinstance(item, Content)]
    for document in documents + [t for d in documents for t in getattr(d, "translations", ())]:
        document.override_url, document.override_save_as = document.url, document.save_as


def register() -> None:
    signals.article_generator_init.connect(prefetch)
    signals.article_generator_finalized.connect(end_reading)
    signals.get_writer.connect(_get_writer)
    signals.all_generators_finalized.connect(_prepare_output)
    signals.finalized.connect(_render_plan)
    render_plan.build_abandoned.connect(_abandon)
    # Frozen as each phase ends; at `finalized` too: the interpreter's last collection at
    # exit would walk every object of the build (2 s at 10,000 documents).
    signals.get_generators.connect(heap.start_run)
    for phase_end in (
        "readers_init",
        "article_generator_pretaxonomy",
        "all_generators_finalized",
        "article_writer_finalized",
        "finalized",
    ):
        getattr(signals, phase_end).connect(heap.phase_done)
