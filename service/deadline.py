"""A deadline per analysis: the client gets 503 with Retry-After when it passes, and the event loop stays free.

Analyses run on this bounded thread pool, never on the event loop, so `/healthz` answers while every thread
is busy. A request waits for a thread and runs within its deadline; past it, the request ends with
`DeadlineExceeded` (a 503), a queued analysis is cancelled before it starts, and a running one finishes in
the background on its thread (Python threads cannot be killed; the linear-time tokenizer bounds how long
that can take, and file parsing, the unbounded part, runs in a child process that is killed instead:
`service.parsing`).
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import math
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The analysis did not finish within its deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"The analysis took longer than its {seconds:g} s limit; try again later or send less.")
        self.seconds = seconds

    @property
    def retry_after(self) -> str:
        return str(max(1, math.ceil(self.seconds)))


SMALL_CHARS = 20_000
"""Requests up to this many characters (an ordinary advert is 2,000-10,000) run on their own threads, so
a queue of 100,000-character texts never makes an ordinary advert miss its deadline."""
SMALL_THREADS = 2


class AnalysisPool:
    """`threads` analyses at once, plus `SMALL_THREADS` for small ones; each call runs within `seconds`
    (queue wait included). After a large call the C heap is trimmed, so memory returns to its baseline."""

    def __init__(self, threads: int, seconds: float) -> None:
        self.seconds = seconds
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="mhsw-analysis")
        self._small = ThreadPoolExecutor(max_workers=SMALL_THREADS, thread_name_prefix="mhsw-analysis-small")

    async def run(
        self, func: Callable[..., T], *args: Any, seconds: float | None = None, chars: int | None = None
    ) -> T:
        """`func(*args)` on a pool thread; raises `DeadlineExceeded` after `seconds` (default: the pool's).
        `chars`, the size of the input, picks the small lane when it is known and small."""
        limit = self.seconds if seconds is None else seconds
        small = chars is not None and chars <= SMALL_CHARS
        executor = self._small if small else self._executor
        future = asyncio.wrap_future(executor.submit(_call, func, args, not small))
        try:
            return await asyncio.wait_for(future, timeout=limit)  # on time-out a queued call is cancelled
        except TimeoutError:
            raise DeadlineExceeded(limit) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._small.shutdown(wait=False, cancel_futures=True)


def _call(func: Callable[..., T], args: tuple[Any, ...], trim: bool) -> T:
    try:
        return func(*args)
    finally:
        if trim:
            _trim_heap()


def _trim_heap() -> None:
    """Give freed C heap back to the system (glibc keeps it per thread arena otherwise)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _libc()
