"""Progress of a batch run on stderr: a bar on a terminal, a plain log line every 10 s anywhere else.

A bar redraws with carriage returns, which a cluster job log or `nohup` file shows as one long line at
the end (or not at all); the log lines are whole lines with a time stamp, rows done, rate, errors and
time left, so a run with no terminal still says how far it has got.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal, Protocol, TextIO

from tqdm import tqdm

ProgressMode = Literal["auto", "bar", "log", "none"]
PROGRESS_MODES: tuple[ProgressMode, ...] = ("auto", "bar", "log", "none")
LOG_EVERY_SECONDS = 10.0


class Progress(Protocol):
    def update(self, rows: int, errors: int = 0) -> None: ...

    def close(self) -> None: ...


def resolve_mode(setting: bool | str | None, stream: TextIO) -> ProgressMode:
    """"bar", "log" or "none"; `True`/`False` are "bar"/"none", `None`/"auto" follow `stream`."""
    if setting is True or setting == "on":
        return "bar"
    if setting is False or setting == "off":
        return "none"
    if setting in (None, "auto"):
        return "bar" if stream.isatty() else "log"
    if setting not in PROGRESS_MODES:
        raise ValueError(f"progress must be one of {', '.join(PROGRESS_MODES)}, not {setting!r}")
    return setting


def make_progress(
    setting: bool | str | None,
    total: int | None,
    initial: int = 0,
    stream: TextIO | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Progress:
    """The progress reporter `setting` asks for, writing to `stream` (default: stderr)."""
    stream = stream or sys.stderr
    mode = resolve_mode(setting, stream)
    if mode == "bar":
        return BarProgress(total, initial, stream)
    if mode == "log":
        return LogProgress(total, initial, stream, clock)
    return NoProgress()


class NoProgress:
    def update(self, rows: int, errors: int = 0) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to close."""


class BarProgress:
    """tqdm's bar, with the error count beside it."""

    def __init__(self, total: int | None, initial: int, stream: TextIO) -> None:
        self._bar = tqdm(total=total, initial=initial, unit="advert", file=stream, smoothing=0.1)
        self._errors = 0

    def update(self, rows: int, errors: int = 0) -> None:
        if errors:
            self._errors += errors
            self._bar.set_postfix(errors=self._errors, refresh=False)
        self._bar.update(rows)

    def close(self) -> None:
        self._bar.close()


class LogProgress:
    """One whole line at most every `every` seconds, and one when the run ends."""

    def __init__(
        self,
        total: int | None,
        initial: int,
        stream: TextIO,
        clock: Callable[[], float] = time.monotonic,
        every: float = LOG_EVERY_SECONDS,
    ) -> None:
        self._total, self._done, self._errors = total, initial, 0
        self._stream, self._clock, self._every = stream, clock, every
        self._started = self._last = clock()
        self._this_run = 0
        self._dirty = False

    def update(self, rows: int, errors: int = 0) -> None:
        self._done += rows
        self._this_run += rows
        self._errors += errors
        self._dirty = True
        if self._clock() - self._last >= self._every:
            self._write()

    def close(self) -> None:
        if self._dirty:
            self._write()

    def _write(self) -> None:
        now = self._clock()
        self._last, self._dirty = now, False
        self._stream.write(self.line(now - self._started) + "\n")
        self._stream.flush()

    def line(self, elapsed: float) -> str:
        """"mhsw batch: 12:00:10 4,000 of 10,000 rows (40%), 400.0 rows/s, 2 errors, about 15 s left"."""
        rate = self._this_run / elapsed if elapsed > 0 else 0.0
        stamp = datetime.now(UTC).strftime("%H:%M:%S")
        if self._total:
            done = f"{self._done:,} of {self._total:,} rows ({100 * self._done / self._total:.0f}%)"
            left = _duration((self._total - self._done) / rate) + " left" if rate > 0 else "time left unknown"
        else:
            done, left = f"{self._done:,} rows", "total unknown"
        return f"mhsw batch: {stamp} {done}, {rate:,.1f} rows/s, {self._errors:,} errors, {left}"


def _duration(seconds: float) -> str:
    """"about 3 min 20 s", rounded so the figure does not pretend to precision."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"about {hours} h {minutes} min"
    if minutes:
        return f"about {minutes} min {secs} s"
    return f"about {secs} s"
