"""Batch scoring: streaming readers and writers, chunked resumable runs on a process pool or Dask.

The names below are imported on first use, so importing a light module such as `batch.rows` (the
CLI does, to build its options) does not pull in pyarrow: a serving-only install has none.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "BatchConfig": "batch.config",
    "Columns": "batch.rows",
    "MAX_TEXT_CHARS": "batch.rows",
    "Summary": "batch.summary",
    "run_dask": "batch.distributed",
    "run_local": "batch.local",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'batch' has no attribute {name!r}")
