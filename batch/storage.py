"""Atomic file writes: a reader (or a resumed run) sees a whole file or none, never half of one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a hidden temporary file beside `target`, flush it to disk, then rename it into place."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def atomic_write_json(target: Path, value: Any) -> None:
    atomic_write(target, (json.dumps(value, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
