"""A progress line for long steps (image processing, building), on a terminal only."""

from __future__ import annotations

import sys
import time


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
            seconds = time.monotonic() - self.started
            print(
                f"\r{self.label}: xong {self.total} mục sau {seconds:.1f} giây.", file=self.stream, flush=True
            )
