"""A build that never loses content silently and never breaks the last good site.

- Pelican's own errors and warnings (it logs "Skipping …" and exits 0) are captured.
- Every problem of every file is reported together, in Vietnamese, with its place.
- The site is written to a staging folder beside the output and swapped in only when the
  build is clean; on failure the previous output stays as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from pelican import signals

from thads_portal.domain import file_list
from thads_portal.domain.atomic import UNSUPPORTED, exchange
from thads_portal.domain.checker import oversized_files, unsafe_attachments, unsafe_links
from thads_portal.domain.collection import check_collection, listing_paths
from thads_portal.domain.problems import ERROR, Problem, display_path
from thads_portal.domain.report import REPORT, ContentRejected
from thads_portal.pelican.config import portal_config
from thads_portal.pelican.portal_site import reload_portal_data
from thads_portal.pelican.render_plan import build_abandoned

from . import spare
from .coverage import collection_entries, unread_files


class BuildFailed(SystemExit):
    """Ends the build with exit status 1. A SystemExit, so that `pelican` stops without a
    traceback: every problem has been printed already, in Vietnamese."""

    def __init__(self, summary: str) -> None:
        super().__init__(1)
        self.summary = summary

    def __str__(self) -> str:
        return self.summary


class _PelicanLogCapture(logging.Handler):
    """Turns Pelican's logged errors and warnings into build problems."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            return
        if record.msg == "Could not process %s" and record.args:
            if REPORT.was_rejected(str(record.args[0])):
                return  # the reader already reported this file's problems
            REPORT.add(
                [
                    Problem(
                        f"content/{record.args[0]}", None, None, "Không đọc được tệp này.", code="unreadable"
                    )
                ]
            )
            return
        if record.exc_info and isinstance(record.exc_info[1], (ContentRejected, BuildFailed)):
            return
        message = record.getMessage()
        if message.startswith("BuildFailed"):
            return
        # A warning too: Pelican warns where it skips or overwrites something, and exits 0.
        REPORT.add([Problem("(pelican)", None, None, f"Pelican báo: {message}", ERROR, "pelican")])


def _check_all(generators) -> None:
    settings = generators[0].settings
    REPORT.add(
        check_collection(
            collection_entries(generators) + REPORT.rejected_entries,
            settings["PORTAL"].rules,
            listing_paths(settings),
            settings["PORTAL_NOW"],
        )
    )
    REPORT.add(unread_files(generators, Path(settings["PATH"])))
    # Images are checked as they are processed (plugins/images).
    REPORT.add(oversized_files(Path(settings["PATH"]), settings, folders=("files",)))
    REPORT.add(unsafe_attachments(Path(settings["PATH"])))


def _print_report(stream) -> None:
    for problem in REPORT.errors + REPORT.warnings:
        print(problem.format(), file=stream)


def _swap(staging: Path, final: Path) -> None:
    """Put the staging tree at `final` in one step: at every moment `final` holds a complete
    site, the old one or the new one. The old tree, left at the staging name, is retired."""
    if not final.exists():
        os.rename(staging, final)
        return
    try:
        exchange(staging, final)
    except OSError as error:
        if error.errno not in UNSUPPORTED:
            raise
        # No RENAME_EXCHANGE on this filesystem or kernel (some network and FUSE filesystems,
        # kernels before 3.15): two renames, and between them, briefly, no output folder.
        aside = final.parent / f".{final.name}.previous-{os.getpid()}"
        os.rename(final, aside)
        os.rename(staging, final)
        spare.retire(aside, final)
        return
    spare.retire(staging, final)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _staging_for(final: Path) -> Path:
    """This process's staging folder beside `final`: two builds, even of the same output,
    never share one. Those left by builds that were killed are removed."""
    prefix = f".{final.name}.building-"
    if final.parent.is_dir():
        for leftover in final.parent.iterdir():
            pid = leftover.name.removeprefix(prefix)
            if leftover.name.startswith(prefix) and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)
    return final.parent / f"{prefix}{os.getpid()}"


def _wrap_run(pelican) -> None:
    """Run the build into a staging folder; swap it in only when nothing is wrong."""
    final = Path(pelican.output_path).resolve()
    if Path(pelican.path).resolve().is_relative_to(final):
        message = f"Thư mục đầu ra {final} chứa cả nội dung nguồn; hãy chọn thư mục khác."
        print(message, file=sys.stderr)
        raise BuildFailed(message)
    staging = _staging_for(final)
    original_run = pelican.run
    runs = 0

    def run() -> None:
        nonlocal runs
        REPORT.reset()
        if runs == 0 and "PORTAL" in pelican.settings:
            # Loaded moments ago at `initialized`: keep it and its problems.
            REPORT.add(pelican.settings["PORTAL_DATA_PROBLEMS"])
        else:
            reload_portal_data(pelican.settings)
        runs += 1
        if staging.exists():  # this process's own, from an earlier run (autoreload)
            shutil.rmtree(staging)
        recycled = spare.take(final, staging, pelican.settings)  # None: an empty folder
        pelican.output_path = str(staging)
        # Before Pelican walks content/: it follows links, out of it or round a loop.
        REPORT.add(unsafe_links(pelican.path))
        try:
            if not REPORT.errors:
                try:
                    original_run()
                except BuildFailed:
                    raise
                except Exception as error:
                    # Still report what was found before the crash, then the crash itself.
                    REPORT.add(
                        [
                            Problem(
                                "(pelican)",
                                None,
                                None,
                                f"Lỗi khi dựng trang: {type(error).__name__}: {error}",
                            )
                        ]
                    )
            if REPORT.errors:
                _print_report(sys.stderr)
                files = {p.path for p in REPORT.errors}
                summary = (
                    f"Không dựng được trang: {len(REPORT.errors)} lỗi trong {len(files)} tệp "
                    f"(xem danh sách ở trên). Trang đã dựng trước đó trong "
                    f"{display_path(final)} được giữ nguyên."
                )
                print(summary, file=sys.stderr)
                raise BuildFailed(summary)
            if recycled is not None:
                _prune(staging, recycled, final)
            if portal_config(pelican.settings).portal_file_list:
                file_list.write(staging)  # what this build produced, before anyone can touch it
        except BaseException:
            build_abandoned.send()  # jobs still writing into the staging folder must stop
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            pelican.output_path = str(final)
        _swap(staging, final)
        _print_report(sys.stderr)

    pelican.run = run


def _prune(staging: Path, recycled: spare.Recycled, final: Path) -> None:
    try:
        spare.prune(staging, recycled)
    except spare.ClockMoved:
        summary = (
            "Đồng hồ của máy bị chỉnh lùi trong lúc dựng trang nên không phân biệt được tệp cũ với "
            f"tệp mới. Hãy dựng lại; trang đã dựng trước đó trong {display_path(final)} được giữ nguyên."
        )
        print(summary, file=sys.stderr)
        raise BuildFailed(summary) from None


def _quiet_rejections(record: logging.LogRecord) -> bool:
    """Hide Pelican's English "Could not process" for files whose problems we print."""
    return not (
        record.msg == "Could not process %s" and record.args and REPORT.was_rejected(str(record.args[0]))
    )


def register() -> None:
    logging.getLogger("pelican").addHandler(_PelicanLogCapture())
    logging.getLogger("pelican.generators").addFilter(_quiet_rejections)
    signals.initialized.connect(_wrap_run)
    signals.all_generators_finalized.connect(_check_all)
