"""Batch scoring: streaming readers and writers, chunked resumable runs on a process pool or Dask."""

from batch.config import BatchConfig
from batch.distributed import run_dask
from batch.local import run_local
from batch.rows import MAX_TEXT_CHARS, Columns
from batch.summary import Summary

__all__ = ["MAX_TEXT_CHARS", "BatchConfig", "Columns", "Summary", "run_dask", "run_local"]
