"""A deadline per analysis in batch: an advert that runs past it becomes an error row, not a stalled run.

Python cannot stop a thread, but it can interrupt its own main thread: a real-time interval timer raises
`RowDeadline` in the analysing code at the next bytecode. Batch analyses run in the main thread of the
parent (one worker) or of each pool process, so this covers both; elsewhere (Dask worker threads) the
timer cannot be set and the deadline is not enforced. The default is generous (30 s per advert, against
well under a second for the longest allowed text), so a busy machine does not change the output.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

DEFAULT_ROW_SECONDS = 30.0


class RowDeadline(Exception):
    """The analysis ran past its deadline."""


def _raise(_signum: int, _frame: FrameType | None) -> None:
    raise RowDeadline


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise `RowDeadline` inside the block once `seconds` pass (main thread with SIGALRM only)."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
