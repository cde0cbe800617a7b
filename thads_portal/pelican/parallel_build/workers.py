"""Jobs shared between this process and forked children. A child sees the whole build as
it stands (copy-on-write: nothing is sent to it); every process takes the next job from a
shared counter until none is left, so a long job does not hold the others back. A child
sends back its results and the build problems it found."""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable
from typing import Any

from thads_portal.domain.problems import Problem
from thads_portal.domain.report import REPORT
from thads_portal.pelican.config import portal_config


def workers_wanted(settings: dict) -> int:
    """PORTAL_BUILD_WORKERS (default: the cores); 1 where there is no os.fork."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, portal_config(settings).portal_build_workers or os.cpu_count() or 1)


def worker_count(settings: dict, jobs: int, per_worker: int) -> int:
    """The workers wanted, never more than one per `per_worker` jobs."""
    return max(1, min(workers_wanted(settings), jobs // per_worker))


# Children started by `in_background` and not yet finished.
_BACKGROUND: list[tuple[int, int]] = []


def in_background(run: Callable[[], Any]) -> tuple[int, int]:
    """`run()` in a forked child, while this process goes on; `finish()` waits for it."""
    child = _forked(lambda: {0: run()})
    _BACKGROUND.append(child)
    return child


def finish(child: tuple[int, int]) -> Any:
    """What the child's `run()` returned (None if it failed: its failure is a build problem)."""
    if child in _BACKGROUND:
        _BACKGROUND.remove(child)
    return (_collect(*child) or {}).get(0)


def stop_background() -> None:
    """Ends the background children of a build that failed, before its output is removed:
    none may go on writing there. What they would have written is not needed."""
    while _BACKGROUND:
        pid, read_end = _BACKGROUND.pop()
        with contextlib.suppress(ProcessLookupError):  # it had ended
            os.kill(pid, signal.SIGTERM)
        os.close(read_end)
        os.waitpid(pid, 0)


def in_parallel(jobs: list, run: Callable[[Any], Any], workers: int, busy: list | None = None) -> list:
    """`run(job)` for every job, on `workers` processes; the results in job order (None
    for the jobs of a child that failed: its failure is a build problem). `busy` children
    (from `in_background`) hold cores: a worker is forked for each only once it has ended,
    so that no more processes than cores share the memory. All are waited for."""
    busy = list(busy or [])
    if workers < 2 and not busy:
        return [run(job) for job in jobs]
    taken = multiprocessing.Value("q", 0)

    def run_jobs() -> dict[int, Any]:
        results = {}
        while True:
            with taken.get_lock():
                index = taken.value
                taken.value += 1
            if index >= len(jobs):
                return results
            results[index] = run(jobs[index])
            if busy and os.getpid() == parent:
                replace_ended()

    def replace_ended() -> None:
        ended = select.select([read_end for _, read_end in busy], [], [], 0)[0]
        for child in [child for child in busy if child[1] in ended]:
            busy.remove(child)
            finish(child)
            if taken.value < len(jobs) and len(children) < workers - 1:
                children.append(_forked(run_jobs))

    parent = os.getpid()
    children = [_forked(run_jobs) for _ in range(max(0, workers - 1 - len(busy)))]
    from_children: dict[int, Any] = {}
    try:
        results = run_jobs()
    finally:  # even when a job fails here: a child must not wait on a full pipe
        for child in busy:
            finish(child)
        for child in children:
            from_children.update(_collect(*child) or {})
    results.update(from_children)
    return [results.get(index) for index in range(len(jobs))]


def _forked(run_jobs: Callable[[], dict]) -> tuple[int, int]:
    # Children then leave the shared objects' memory pages alone. This process keeps them
    # frozen too: they were made by a finished phase (heap.py).
    gc.freeze()
    return _fork(run_jobs)


def _plain_output() -> None:
    """In a child: write to the real streams, past rich's live display. The parent's other
    threads are not in the child, but a lock one of them held (the display's refresh thread
    holds the console's) stays held there for ever."""
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    for logger in {logging.getLogger(), logging.getLogger("pelican")}:
        for handler in list(logger.handlers):
            if hasattr(handler, "console"):  # rich's handler writes through the console
                plain = logging.StreamHandler(sys.stderr)
                plain.setLevel(handler.level)
                logger.removeHandler(handler)
                logger.addHandler(plain)


def _fork(run_jobs: Callable[[], dict]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    os.close(read_end)
    try:
        _plain_output()
        known = len(REPORT.problems)
        results = run_jobs()
        payload = {"results": results, "problems": REPORT.problems[known:]}
    except BaseException as error:  # whatever happens, the parent must hear of it
        payload = {"error": f"{type(error).__name__}: {error}"}
    with os.fdopen(write_end, "wb") as pipe:
        pickle.dump(payload, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    os._exit(0)


def _collect(pid: int, read_end: int) -> dict | None:
    # Unpickled as it arrives (no copy of the whole payload in memory), before waiting: the
    # child cannot end while the pipe is full.
    with os.fdopen(read_end, "rb") as pipe:
        try:
            payload = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            payload = None
    _, status = os.waitpid(pid, 0)
    if payload is None:
        payload = {"error": f"mã thoát {os.waitstatus_to_exitcode(status)}"}
    if "error" in payload:
        message = f"Lỗi khi dựng trang (tiến trình dựng song song): {payload['error']}"
        REPORT.add([Problem("(pelican)", None, None, message, code="parallel")])
        return None
    REPORT.add(payload["problems"])
    return payload["results"]
