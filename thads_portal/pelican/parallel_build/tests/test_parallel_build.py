"""Work done by forked children is the work one process does, and what goes wrong in a
child reaches the build report."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest
from conftest import SITE, run_build
from pelican.paginator import PaginationRule
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from thads_portal.domain.report import REPORT
from thads_portal.pelican.parallel_build.rendering import PlanningWriter
from thads_portal.pelican.parallel_build.workers import in_background, in_parallel
from thads_portal.pelican.render_plan import FileJob, plan

SETTINGS = {"PAGINATED_TEMPLATES": {}, "PORTAL_BUILD_WORKERS": 2}


def _slow_double(number: int) -> int:
    time.sleep(0.002)  # long enough for every process to take some of the jobs
    return 2 * number


def test_results_come_back_in_job_order_from_every_process():
    assert in_parallel(list(range(200)), _slow_double, 2) == [2 * n for n in range(200)]


def test_a_failing_child_is_a_build_problem_and_loses_only_its_own_results():
    REPORT.reset()
    parent = os.getpid()

    def fails_in_child(number: int) -> int:
        if os.getpid() != parent:
            raise ValueError("hỏng")
        return _slow_double(number)

    results = in_parallel(list(range(200)), fails_in_child, 2)
    assert [p.message for p in REPORT.errors] == [
        "Lỗi khi dựng trang (tiến trình dựng song song): ValueError: hỏng"
    ]
    assert None in results and [r for r in results if r is not None] != []
    REPORT.reset()


def test_a_failure_here_is_raised_after_the_children_are_collected():
    parent = os.getpid()

    def fails_here(number: int) -> int:
        if os.getpid() == parent and number > 20:
            raise ZeroDivisionError
        return _slow_double(number)

    before = _children()
    with pytest.raises(ZeroDivisionError):
        in_parallel(list(range(200)), fails_here, 2)
    assert _children() == before  # the forked worker was waited for: no zombie, none running


def test_a_background_child_holds_a_core_until_it_ends_then_a_worker_takes_it(tmp_path):
    marker = tmp_path / "background.txt"

    def background() -> None:
        time.sleep(0.3)
        marker.write_text("xong")

    def whose(number: int) -> tuple[int, bool, int]:
        time.sleep(0.005)
        return os.getpid(), marker.exists(), len(_children())

    before = _children()  # other tests' browsers may be running
    busy = [in_background(background)]
    results = in_parallel(list(range(200)), whose, 2, busy=busy)
    assert marker.read_text() == "xong"
    here = os.getpid()
    # Until the background child ended, this process ran every job, beside it alone.
    assert all(pid == here and children == len(before) + 1 for pid, done, children in results if not done)
    helpers = {pid for pid, _, _ in results if pid != here}
    assert len(helpers) == 1  # then one worker took the core it held
    assert _children() == before


def _children() -> set[str]:
    return {
        child
        for task in Path("/proc/self/task").iterdir()
        for child in (task / "children").read_text().split()
    }


def test_planned_pages_and_jobs_are_written_when_the_plan_is_rendered(tmp_path):
    writer = PlanningWriter(str(tmp_path), settings=SETTINGS)
    template = jinja2.Template("trang {{ number }}")
    for number in range(120):
        writer.write_file(f"p{number}/index.html", template, {"localsiteurl": ""}, number=number)
    plan(writer, FileJob("job", tmp_path, lambda root: (root / "job.txt").write_text("xong")))
    assert not (tmp_path / "p3" / "index.html").exists()  # planned, not yet rendered
    assert not (tmp_path / "job.txt").exists()
    writer.execute()
    pages = [(tmp_path / f"p{n}" / "index.html").read_text() for n in range(120)]
    assert pages == [f"trang {n}" for n in range(120)]
    assert (tmp_path / "job.txt").read_text() == "xong"


def test_a_writer_without_a_plan_makes_a_file_job_at_once(tmp_path):
    plan(
        Writer(str(tmp_path), settings=SETTINGS),
        FileJob("job", tmp_path, lambda root: (root / "a").write_text("1")),
    )
    assert (tmp_path / "a").read_text() == "1"


PAGED = (
    "{{ output_file }} {{ SITEURL }} {{ localsiteurl }} {{ extra }}"
    "{% if articles_page %} {{ articles_page.number }}/{{ articles_paginator.num_pages }}: "
    "{{ articles_page.object_list | join(',') }} prev={{ articles_previous_page.url if articles_previous_page }} "
    "next={{ articles_next_page.url if articles_next_page }}{% endif %}"
)


def test_the_planning_writer_writes_what_pelicans_writer_writes(tmp_path):
    """Same pages, paths and variables as Pelican's own `write_file`, paginated or not,
    with absolute or relative addresses, and its overwrite rules."""
    settings = {
        **DEFAULT_CONFIG,
        "PAGINATED_TEMPLATES": {"listing": 3},
        "DEFAULT_PAGINATION": 10,
        "PAGINATION_PATTERNS": [
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html"),
        ],
        "RELATIVE_URLS": False,
        "PORTAL_BUILD_WORKERS": 2,
    }
    template = jinja2.Template(PAGED)
    outputs = {}
    for name, kind in (("pelican", Writer), ("planned", PlanningWriter)):
        root = tmp_path / name
        writer = kind(str(root), settings=settings)
        context = {"localsiteurl": "", "SITEURL": "/goc"}
        articles = [f"bai{n}" for n in range(8)]
        writer.write_file(
            "ds/index.html",
            template,
            context,
            paginated={"articles": articles},
            template_name="listing",
            url="ds/",
            extra="x",
        )
        writer.write_file("a/b/index.html", template, context, relative_urls=True, extra="y")
        writer.write_file("c/index.html", template, context, extra="first", override_output=True)
        writer.write_file("c/index.html", template, context, extra="second")  # skipped: c was overridden
        writer.write_file("", template, context)  # no name: nothing
        with pytest.raises(Exception, match="Failed to overwrite"):
            writer.write_file("a/b/index.html", template, context, extra="again")
        if isinstance(writer, PlanningWriter):
            writer.execute()
        outputs[name] = {p.relative_to(root): p.read_text() for p in root.rglob("*") if p.is_file()}
    assert len(outputs["pelican"]) == 5
    assert outputs["planned"] == outputs["pelican"]


def test_the_sample_site_is_the_same_built_on_one_or_two_cores(tmp_path):
    builds = {}
    for workers in (1, 2):
        output = tmp_path / f"workers-{workers}"
        build = run_build(SITE, output, "publishconf.py", extra=[f"PORTAL_BUILD_WORKERS={workers}"])
        assert build.returncode == 0, build.stderr
        builds[workers] = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert builds[1].keys() == builds[2].keys()
    assert [path for path in builds[1] if builds[1][path] != builds[2][path]] == []
