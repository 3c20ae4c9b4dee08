"""Pool workers die with their parent: no worker may outlive the `mhsw batch` process that started it.

Killing the parent of a `--workers 2` run left its workers analysing for over 13 minutes, holding the
parent's stderr open. On Linux the kernel sends SIGKILL to the worker when the parent dies
(`prctl(PR_SET_PDEATHSIG)`); everywhere, a daemon thread also watches the parent's pid and exits the worker
within a second of it changing (a dead parent's children are re-parented).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Arrange for this process to end when `parent_pid` (its parent) ends; call once, in the child."""
    if sys.platform.startswith("linux"):
        _set_pdeathsig()
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _set_pdeathsig() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no libc prctl: the watching thread still covers it
        pass


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(1)
