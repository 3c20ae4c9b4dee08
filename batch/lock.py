"""One writer per output: a batch run holds an exclusive lock on `OUTPUT.lock` from start to finish.

Without it a second run (even with `--overwrite`) interleaved its chunks with the first one's and both
reported success. The lock is `flock` on a sibling file (the manifest itself is replaced by rename, so it
cannot carry a lock); the kernel drops it when the process dies, so a killed run never leaves a stale lock.
The file records who holds it, so the refused run can name the running one, and is removed when the run ends.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from pathlib import Path
from typing import IO

from batch.errors import BatchUsageError


class OutputLock:
    """Context manager: holds the lock, or raises `BatchUsageError` at once naming the holder."""

    def __init__(self, output: Path, inside: bool = False) -> None:
        """Lock `OUTPUT.lock`, or `OUTPUT/_lock` when the output is a folder of parts (`inside`)."""
        self.output = output
        self.path = output / "_lock" if inside else output.with_name(output.name + ".lock")
        self._handle: IO[str] | None = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(10):
            handle = self._acquire()
            if _same_file(handle, self.path):  # not a file a finishing run has just removed
                break
            handle.close()
        else:
            raise BatchUsageError(f"{self.output}: could not take the output lock {self.path}")
        handle.seek(0)
        handle.truncate()
        started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        handle.write(json.dumps({"pid": os.getpid(), "started": started, "command": " ".join(sys.argv)[:300]}))
        handle.flush()
        self._handle = handle
        return self

    def _acquire(self) -> IO[str]:
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = _describe(handle.read())
            handle.close()
            raise BatchUsageError(f"{self.output} is being written by another run ({holder})") from None
        return handle

    def __exit__(self, *exc: object) -> None:
        """Remove the lock file, then release it (a waiting opener sees the file gone and retries)."""
        if self._handle is not None:
            self.path.unlink(missing_ok=True)
            self._handle.close()  # closing releases the flock
            self._handle = None


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False


def _describe(raw: str) -> str:
    try:
        holder = json.loads(raw)
        return f"pid {holder['pid']}, started {holder['started']}: {holder['command']}"
    except (ValueError, KeyError, TypeError):
        return "holder unknown"
