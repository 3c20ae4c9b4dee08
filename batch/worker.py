"""The per-chunk function every engine runs: records in, one chunk file out, its counts back.

In-process, in a process pool and on Dask workers alike, a chunk is validated, analysed, serialised and
written atomically by the worker itself, so only the counts travel back. The analyser is loaded once per
worker process (an initializer for the pool, a cached load on Dask) and reused for every chunk.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from batch.deadline import DEFAULT_ROW_SECONDS, RowDeadline, deadline
from batch.layout import OutputRow, output_row, parquet_table
from batch.orphans import die_with_parent
from batch.readers import ParquetPart, read_part
from batch.rows import MAX_TEXT_CHARS, Columns, Record, Row, positional_id, validate
from batch.storage import atomic_write
from classifier.errors import MhswError
from classifier.schema import Advert, Analysis

OutputFormat = Literal["jsonl", "parquet"]


class AnalyserLike(Protocol):
    """What batch needs of `classifier.pipeline.Analyser` (tests pass a lighter stand-in)."""

    @property
    def model_version(self) -> str: ...

    def analyse_many(self, adverts: Iterable[Advert], batch_size: int = 64) -> Iterator[Analysis]: ...


Loader = Callable[[Path | None], AnalyserLike]


def load_default(model_dir: Path | None) -> AnalyserLike:
    from classifier.pipeline import Analyser

    return Analyser.load(model_dir)


@dataclass(frozen=True)
class ChunkJob:
    """Settings every chunk of a run shares; sent to each worker once."""

    columns: Columns
    output_format: OutputFormat
    folder: str
    file_pattern: str
    model_dir: str | None = None
    loader: Loader = load_default
    max_chars: int = MAX_TEXT_CHARS
    batch_size: int = 64
    row_seconds: float | None = DEFAULT_ROW_SECONDS

    def chunk_path(self, index: int) -> Path:
        return Path(self.folder) / self.file_pattern.format(index=index)


@dataclass(frozen=True)
class ChunkStats:
    index: int
    rows: int
    analysed: int
    errors: int
    seconds: float


_cache: dict[tuple[Loader, str | None], AnalyserLike] = {}
_cache_lock = threading.Lock()
_pool_job: ChunkJob | None = None
_pool_error: MhswError | None = None


def analyser_for(job: ChunkJob) -> AnalyserLike:
    """This process's analyser for the job's model, loaded on first use (thread-safe)."""
    key = (job.loader, job.model_dir)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = job.loader(Path(job.model_dir) if job.model_dir else None)
        return _cache[key]


def prime(job: ChunkJob, analyser: AnalyserLike) -> None:
    """Use an analyser the caller already loaded (in-process runs, tests)."""
    with _cache_lock:
        _cache[(job.loader, job.model_dir)] = analyser


def _analyse(
    analyser: AnalyserLike, adverts: Sequence[Advert], batch_size: int, seconds: float | None = None
) -> list[Analysis | str]:
    """Analyses in order; if the batch fails (or runs past `seconds` per advert), each advert alone, so
    one bad or slow advert costs one error row."""
    try:
        with deadline(seconds * len(adverts) if seconds else None):
            return list(analyser.analyse_many(adverts, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - retried per advert below, where the failure is reported as its row
        results: list[Analysis | str] = []
        for advert in adverts:
            try:
                with deadline(seconds):
                    results.extend(analyser.analyse_many([advert], batch_size=1))
            except RowDeadline:
                results.append(f"analysis took longer than the {seconds:g} s limit")
            except Exception as exc:  # noqa: BLE001 - a million-row run must not stop on one advert
                results.append(f"analysis failed: {type(exc).__name__}: {exc}")
        return results


def _validate(record: Record, row_number: int, job: ChunkJob) -> Row:
    """`validate`, with a last net: whatever a hostile record raises, it becomes that record's error row."""
    try:
        return validate(record, row_number, job.columns, job.max_chars)
    except (RecursionError, ValueError, TypeError, UnicodeError, MemoryError) as exc:
        return Row(positional_id(row_number), error=f"unreadable row: {type(exc).__name__}")


def analyse_records(
    job: ChunkJob, analyser: AnalyserLike, first_row: int, records: Sequence[Record]
) -> list[OutputRow]:
    """One output object per record, in order (error rows included)."""
    rows = [_validate(record, first_row + i, job) for i, record in enumerate(records)]
    adverts = [row.advert for row in rows if row.advert is not None]
    results = iter(_analyse(analyser, adverts, job.batch_size, job.row_seconds))
    out = []
    for row in rows:
        result = next(results) if row.advert is not None else None
        if isinstance(result, str):
            row = Row(row.id, error=result, kept=row.kept)
            result = None
        out.append(output_row(row, result))
    return out


def encode(job: ChunkJob, first_row: int, rows: list[OutputRow]) -> bytes:
    if job.output_format == "jsonl":
        return "".join(row.line() + "\n" for row in rows).encode("utf-8")
    sink = pa.BufferOutputStream()
    pq.write_table(parquet_table(first_row, rows, job.columns.keep), sink)
    return bytes(sink.getvalue())


def process_chunk(job: ChunkJob, index: int, first_row: int, records: Sequence[Record]) -> ChunkStats:
    """The per-chunk (per-partition) function: analyse, write the chunk file atomically, return counts."""
    started = time.perf_counter()
    rows = analyse_records(job, analyser_for(job), first_row, records)
    atomic_write(job.chunk_path(index), encode(job, first_row, rows))
    errors = sum(1 for row in rows if row.error is not None)
    return ChunkStats(index, len(rows), len(rows) - errors, errors, round(time.perf_counter() - started, 3))


def process_part(job: ChunkJob, index: int, part: ParquetPart) -> ChunkStats:
    """The Dask task: one Parquet row group in, one Parquet part file out."""
    return process_chunk(job, index, part.first_row, list(read_part(part, job.columns)))


def initialise_pool_worker(job: ChunkJob, parent_pid: int | None = None) -> None:
    """Pool initializer: Ctrl-C is the parent's to handle, the worker dies with the parent
    (`batch.orphans`); load the model once; keep a load error."""
    global _pool_job, _pool_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent_pid or os.getppid())
    _pool_job = job
    try:
        analyser_for(job)
    except MhswError as exc:
        _pool_error = exc


def run_pool_chunk(index: int, first_row: int, records: list[Record]) -> ChunkStats:
    if _pool_error is not None:
        raise _pool_error
    assert _pool_job is not None, "initialise_pool_worker did not run"
    return process_chunk(_pool_job, index, first_row, records)
