"""The local engine: chunks of the input, analysed in this process or a process pool, then one output file.

The parent reads and chunks the input; workers analyse each chunk and write it atomically to
`OUTPUT.parts/`; the parent records each finished chunk in `OUTPUT.manifest.json`. At most two chunks per
worker are in flight, so memory does not grow with the input. When every chunk is done they are joined
in input order into OUTPUT (again write-then-rename) and the parts are removed.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path

import pyarrow.parquet as pq

from batch.config import BatchConfig, run_identity
from batch.errors import BatchFailure, BatchUsageError
from batch.layout import parquet_schema
from batch.lock import OutputLock
from batch.manifest import Manifest, ManifestMismatch
from batch.progress import make_progress
from batch.readers import estimate_rows, iter_records
from batch.rows import Record
from batch.summary import Summary, make_summary
from batch.worker import (
    AnalyserLike,
    ChunkJob,
    ChunkStats,
    initialise_pool_worker,
    prime,
    process_chunk,
    run_pool_chunk,
)

Chunk = tuple[int, int, list[Record]]
"""(chunk index, first row number, records)."""
Finished = Callable[[ChunkStats], None]


def sibling(output: Path, suffix: str) -> Path:
    return output.with_name(output.name + suffix)


def chunks(records: Iterable[Record], size: int) -> Iterator[Chunk]:
    iterator = iter(records)
    index = 0
    while batch := list(islice(iterator, size)):
        yield index, index * size + 1, batch
        index += 1


def open_manifest(config: BatchConfig, path: Path, run: dict) -> Manifest:
    """The manifest to continue (with --resume) or a fresh one; never silently drops an unfinished run."""
    existing = Manifest.load(path)
    if existing is not None and config.resume:
        try:
            existing.check_same_run(run)
        except ManifestMismatch as exc:
            raise BatchUsageError(f"cannot resume: {exc}; drop --resume to start again") from exc
        return existing
    if existing is not None and not existing.complete and not config.overwrite:
        raise BatchUsageError(
            f"{config.output} has an unfinished run ({len(existing.chunks)} chunks done); "
            "pass --resume to continue it or --overwrite to start again"
        )
    return Manifest(path, run)


class LocalRun:
    def __init__(self, config: BatchConfig, analyser: AnalyserLike | None = None) -> None:
        config.check()
        self.config = config
        self.input_format = config.resolved_input_format()
        self.output_format = config.resolved_output_format()
        self.parts = sibling(config.output, ".parts")
        self.job = ChunkJob(
            columns=config.columns,
            output_format=self.output_format,
            folder=str(self.parts),
            file_pattern="chunk-{index:08d}." + self.output_format,
            model_dir=str(config.model_dir) if config.model_dir else None,
            loader=config.loader,
            max_chars=config.max_chars,
            row_seconds=config.row_seconds,
        )
        self.analyser = analyser

    def run(self) -> Summary:
        started = time.perf_counter()
        config = self.config
        records = iter_records(config.input, self.input_format, config.columns, config.required_columns())
        run = run_identity(config, self.input_format, self.output_format, "local")
        manifest = open_manifest(config, sibling(config.output, ".manifest.json"), run)
        if config.resume and manifest.complete and manifest.summary and config.output.is_file():
            return Summary(
                **{**manifest.summary, "seconds": 0.0, "rows_this_run": 0, "adverts_per_second": 0.0}
            )
        if not config.resume:
            shutil.rmtree(self.parts, ignore_errors=True)
            manifest.chunks.clear()
        done = {i for i in manifest.chunks if self.job.chunk_path(i).is_file()}
        manifest.chunks = {i: c for i, c in manifest.chunks.items() if i in done}
        manifest.complete, manifest.summary = False, None
        self.parts.mkdir(parents=True, exist_ok=True)
        manifest.save()
        resumed_rows = manifest.totals()[0]
        progress = make_progress(
            config.progress, estimate_rows(config.input, self.input_format), resumed_rows
        )
        try:
            count = self._process(chunks(records, config.chunk_size), done, manifest, progress.update)
        finally:
            progress.close()
        if sorted(manifest.chunks) != list(range(count)):
            raise BatchFailure(
                f"chunks missing after the run: expected 0..{count - 1}, have {sorted(manifest.chunks)}"
            )
        self._assemble(count)
        seconds = time.perf_counter() - started
        summary = make_summary(
            str(config.output),
            manifest.totals(),
            seconds,
            manifest.totals()[0] - resumed_rows,
            count,
            len(done),
        )
        manifest.complete, manifest.summary = True, summary.as_dict()
        manifest.save()
        shutil.rmtree(self.parts, ignore_errors=True)
        return summary

    def _process(
        self, work: Iterator[Chunk], done: set[int], manifest: Manifest, advance: Callable[[int, int], object]
    ) -> int:
        """Run every chunk not in `done`; returns the number of chunks in the input."""
        count = 0

        def finished(stats: ChunkStats) -> None:
            manifest.record(stats)
            advance(stats.rows, stats.errors)

        if self.config.workers == 1:
            if self.analyser is not None:
                prime(self.job, self.analyser)
            for index, first_row, records in work:
                count = index + 1
                if index not in done:
                    finished(process_chunk(self.job, index, first_row, records))
            return count
        return self._process_pool(work, done, finished)

    def _process_pool(self, work: Iterator[Chunk], done: set[int], finished: Finished) -> int:
        workers = self.config.workers
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(workers, context, initialise_pool_worker, (self.job, os.getpid()))
        pending: set[Future[ChunkStats]] = set()
        count = 0
        try:
            for index, first_row, records in work:
                count = index + 1
                if index in done:
                    continue
                while len(pending) >= 2 * workers:
                    pending = self._collect(pending, finished)
                pending.add(executor.submit(run_pool_chunk, index, first_row, records))
            while pending:
                pending = self._collect(pending, finished)
        except BrokenProcessPool as exc:
            raise BatchFailure(
                f"a worker process died ({exc}); completed chunks are kept, rerun with --resume"
            ) from exc
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
        return count

    @staticmethod
    def _collect(pending: set[Future[ChunkStats]], finished: Finished) -> set[Future[ChunkStats]]:
        complete, rest = wait(pending, return_when=FIRST_COMPLETED)
        for future in complete:
            finished(future.result())
        return rest

    def _assemble(self, count: int) -> None:
        """Join the chunk files in order into OUTPUT, atomically."""
        output = self.config.output
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(f".{output.name}.tmp")
        files = [self.job.chunk_path(i) for i in range(count)]
        if self.output_format == "jsonl":
            with tmp.open("wb") as sink:
                for file in files:
                    with file.open("rb") as source:
                        shutil.copyfileobj(source, sink, 1 << 20)
        else:
            with pq.ParquetWriter(tmp, parquet_schema(self.config.columns.keep)) as writer:
                for file in files:
                    writer.write_table(pq.read_table(file))
        tmp.replace(output)


def run_local(config: BatchConfig, analyser: AnalyserLike | None = None) -> Summary:
    """Run the batch on this machine; `analyser` reuses an already loaded one when `workers == 1`.

    The output is locked for the whole run: a second run on it stops at once (see `batch.lock`)."""
    run = LocalRun(config, analyser)
    with OutputLock(config.output):
        return run.run()
