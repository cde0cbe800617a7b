"""Work done by forked children is the work one process does, and what goes wrong in a
child reaches the build report."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest
from conftest import SITE, run_build

from thads_portal.domain.report import REPORT
from thads_portal.pelican.parallel_build.rendering import QueueingWriter, run_later
from thads_portal.pelican.parallel_build.workers import in_background, in_parallel

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


def test_queued_pages_and_jobs_are_written_when_the_queue_is_rendered(tmp_path):
    writer = QueueingWriter(str(tmp_path), settings=SETTINGS)
    template = jinja2.Template("trang {{ number }}")
    for number in range(120):
        writer.write_file(f"p{number}/index.html", template, {"localsiteurl": ""}, number=number)
    run_later(writer, lambda: (tmp_path / "job.txt").write_text("xong"))
    assert not (tmp_path / "p3" / "index.html").exists()  # queued, not yet rendered
    assert not (tmp_path / "job.txt").exists()
    writer.render_queue()
    pages = [(tmp_path / f"p{n}" / "index.html").read_text() for n in range(120)]
    assert pages == [f"trang {n}" for n in range(120)]
    assert (tmp_path / "job.txt").read_text() == "xong"


def test_the_sample_site_is_the_same_built_on_one_or_two_cores(tmp_path):
    builds = {}
    for workers in (1, 2):
        output = tmp_path / f"workers-{workers}"
        build = run_build(SITE, output, "publishconf.py", extra=[f"PORTAL_BUILD_WORKERS={workers}"])
        assert build.returncode == 0, build.stderr
        builds[workers] = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert builds[1].keys() == builds[2].keys()
    assert [path for path in builds[1] if builds[1][path] != builds[2][path]] == []
