"""Progress of long steps. `BuildProgress` follows a whole build through Pelican's signals
(reading content, processing images, writing pages): one line rewritten in place on a
terminal, a milestone line per step otherwise. `Progress` is a single step on its own,
shown on a terminal only; `task` picks the build's line when one is shown."""

from __future__ import annotations

import sys
import time

from pelican import signals


def seconds_text(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",")


class Progress:
    def __init__(self, label: str, total: int, stream=None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.enabled = total > 0 and self.stream.isatty()
        self.started = time.monotonic()

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.enabled:
            percent = 100 * self.done // self.total
            print(
                f"\r{self.label}: {self.done}/{self.total} ({percent}%)", end="", file=self.stream, flush=True
            )

    def finish(self) -> None:
        if self.enabled:
            seconds = seconds_text(time.monotonic() - self.started)
            print(f"\r{self.label}: xong {self.total} mục sau {seconds} giây.", file=self.stream, flush=True)


class BuildProgress:
    """`with BuildProgress(sys.stdout, content_files=…, expected_pages=…): pelican.run()`.

    `expected_pages` (the last build's count) gives the writing step its total."""

    active: BuildProgress | None = None
    READING, WRITING = ("đọc nội dung", "tệp"), ("ghi trang", "trang")

    def __init__(self, stream=None, content_files: int = 0, expected_pages: int = 0) -> None:
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty()
        self.totals = {self.READING[0]: content_files, self.WRITING[0]: expected_pages}
        self.steps: list[list] = []  # [label, unit, done, total, started, finished]
        self.pages = 0
        self._read_paths: set[str] = set()
        self._shown, self._width = 0.0, 0

    def __enter__(self) -> BuildProgress:
        signals.content_object_init.connect(self._read, weak=False)
        signals.all_generators_finalized.connect(self._generated, weak=False)
        signals.content_written.connect(self._written, weak=False)
        signals.finalized.connect(self._finalized, weak=False)
        BuildProgress.active = self
        self.phase(*self.READING, self.totals[self.READING[0]])
        return self

    def __exit__(self, *exc) -> None:
        signals.content_object_init.disconnect(self._read)
        signals.all_generators_finalized.disconnect(self._generated)
        signals.content_written.disconnect(self._written)
        signals.finalized.disconnect(self._finalized)
        BuildProgress.active = None
        self.finish()
        if self.tty and self._width:
            print(file=self.stream, flush=True)

    def phase(self, label: str, unit: str, total: int = 0) -> BuildProgress:
        self.finish()
        self.steps.append([label, unit, 0, total, time.monotonic(), False])
        self._show(force=True)
        return self

    def step(self, count: int = 1) -> None:
        if self.steps and not self.steps[-1][5]:
            self.steps[-1][2] += count
            self._show()

    def finish(self) -> None:
        """End the current step: its milestone line when not on a terminal."""
        if not self.steps or self.steps[-1][5]:
            return
        label, unit, done, _, started, _ = self.steps[-1]
        self.steps[-1][5] = True
        if self.tty:
            self._show(force=True)
        else:
            seconds = seconds_text(time.monotonic() - started)
            print(f"Đang dựng: {label} xong, {done} {unit} ({seconds} giây).", file=self.stream, flush=True)

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.tty or (not force and now - self._shown < 0.1):
            return
        self._shown = now
        parts = [
            f"{label} {done}/{total}" if total else f"{label} {done}"
            for label, _, done, total, *_ in self.steps
        ]
        line = "Đang dựng: " + ", ".join(parts) + ("" if self.steps[-1][5] else "…")
        print(f"\r{line:<{self._width}}", end="", file=self.stream, flush=True)
        self._width = max(self._width, len(line))

    def _read(self, content, **_) -> None:
        path = getattr(content, "source_path", None)
        reading = self.steps and self.steps[-1][0] == self.READING[0]
        if reading and hasattr(content, "record") and path not in self._read_paths:
            self._read_paths.add(path)
            self.step()

    def _generated(self, generators, **_) -> None:
        self.phase(*self.WRITING, self.totals[self.WRITING[0]])

    def _written(self, path, **_) -> None:
        self.pages += 1
        self.step()

    def _finalized(self, pelican, **_) -> None:
        self.finish()


def task(label: str, unit: str, total: int):
    """A step of the build (e.g. "xử lý ảnh"): on the build's line when one is shown,
    else a line of its own on a terminal. Both have `step()` and `finish()`."""
    if BuildProgress.active is not None:
        return BuildProgress.active.phase(label, unit, total)
    return Progress(f"Đang {label}", total)
