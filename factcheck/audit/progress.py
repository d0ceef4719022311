"""Audit progress: a rich bar on a terminal, quiet lines when piped, nothing when asked."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Protocol


class Progress(Protocol):
    def advance(self, done: int = 1, failed: int = 0) -> None: ...
    def __enter__(self) -> Progress: ...
    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class Silent:
    """No progress output at all."""

    def advance(self, done: int = 1, failed: int = 0) -> None:
        pass

    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class Lines:
    """One line on stderr every few seconds: for logs and pipes, where a bar would be noise."""

    def __init__(self, label: str, total: int, every_s: float = 5.0) -> None:
        self.label, self.total, self.every_s = label, total, every_s
        self.done = self.failed = 0
        self.started = self.last = time.monotonic()

    def advance(self, done: int = 1, failed: int = 0) -> None:
        self.done += done
        self.failed += failed
        now = time.monotonic()
        if now - self.last >= self.every_s:
            self.last = now
            self._line(now)

    def _line(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        sys.stderr.write(
            f"{self.label}: {self.done}/{self.total} ({rate:.0f}/s, {self.failed} failed)\n"
        )

    def __enter__(self) -> Lines:
        return self

    def __exit__(self, *exc: object) -> None:
        self._line(time.monotonic())


class Bar:
    """A rich progress bar on stderr: done, rate, ETA, failures."""

    def __init__(self, label: str, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._failed = 0
        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failed]} failed"),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task(label, total=total, failed=0, rate="")
        self._started = time.monotonic()
        self._done = 0

    def advance(self, done: int = 1, failed: int = 0) -> None:
        self._failed += failed
        self._done += done
        rate = self._done / max(time.monotonic() - self._started, 1e-9)
        self._bar.update(self._task, advance=done, failed=self._failed, rate=f"{rate:.0f}/s")

    def __enter__(self) -> Bar:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()


def progress_for(label: str, total: int, *, enabled: bool) -> Progress:
    """The right progress display for where stderr goes."""
    if not enabled:
        return Silent()
    if sys.stderr.isatty():
        return Bar(label, total)
    return Lines(label, total)
