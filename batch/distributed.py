"""The Dask engine: the same per-chunk function, one Parquet row group per task, on any Dask cluster.

Input is Parquet (a file or a directory of files) on storage every worker can read; output is a
directory of Parquet parts (`part-000000.parquet`, one per input row group, in input order) with
`_manifest.json` beside them, written by the client as tasks finish. Workers write their part files
themselves, atomically, so nothing large travels through the scheduler. Without `--scheduler` a
LocalCluster with `--workers` processes is started; with it, any running scheduler is used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from batch.config import BatchConfig, run_identity
from batch.errors import BatchUsageError
from batch.local import open_manifest
from batch.lock import OutputLock
from batch.manifest import Manifest
from batch.progress import make_progress
from batch.readers import ParquetPart, parquet_parts
from batch.summary import Summary, make_summary
from batch.worker import ChunkJob, ChunkStats, process_part
from classifier.errors import UnreadableInput

MANIFEST_NAME = "_manifest.json"
IN_FLIGHT_PER_THREAD = 2


def _client(scheduler: str | None, workers: int) -> Any:
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(cluster)
    try:
        return Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise BatchUsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc


def _check(config: BatchConfig) -> None:
    config.check()
    if not config.input.exists():
        raise UnreadableInput(f"{config.input}: no such file")
    if config.resolved_input_format() != "parquet":
        raise BatchUsageError("--engine dask reads Parquet input (a file or a directory of .parquet files)")
    if config.output_format not in (None, "parquet") or config.output.suffix in (".jsonl", ".ndjson"):
        raise BatchUsageError(
            "--engine dask writes a directory of Parquet parts; give --output a directory name"
        )
    if config.output.exists() and not config.output.is_dir():
        raise BatchUsageError(f"{config.output} exists and is not a directory")


def _finish_previous(manifest: Manifest, job: ChunkJob, parts: list[ParquetPart]) -> set[int]:
    """Indices already done (recorded and present); stale part files of an earlier run are removed."""
    done = {i for i in manifest.chunks if job.chunk_path(i).is_file()}
    manifest.chunks = {i: c for i, c in manifest.chunks.items() if i in done}
    for stale in Path(job.folder).glob("part-*.parquet"):
        if not any(stale == job.chunk_path(i) for i in done):
            stale.unlink()
    return done


def _submit_all(client: Any, job: ChunkJob, todo: Iterator[tuple[int, ParquetPart]]) -> Iterator[ChunkStats]:
    """Submit tasks as earlier ones finish, keeping a bounded number in flight; yield their counts."""
    from distributed import as_completed

    window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    futures = as_completed()
    for _ in range(window):
        item = next(todo, None)
        if item is None:
            break
        futures.add(client.submit(process_part, job, *item, pure=False))
    for future in futures:
        yield future.result()
        item = next(todo, None)
        if item is not None:
            futures.add(client.submit(process_part, job, *item, pure=False))


def run_dask(config: BatchConfig, scheduler: str | None = None) -> Summary:
    """Analyse Parquet input on a Dask cluster into a directory of Parquet parts."""
    started = time.perf_counter()
    _check(config)
    parts = parquet_parts(config.input, config.required_columns())
    run = run_identity(config, "parquet", "parquet", "dask")
    run.pop("chunk_size")
    output = config.output
    job = ChunkJob(
        columns=config.columns,
        output_format="parquet",
        folder=str(output.resolve()),
        file_pattern="part-{index:06d}.parquet",
        model_dir=str(config.model_dir.resolve()) if config.model_dir else None,
        loader=config.loader,
        max_chars=config.max_chars,
        row_seconds=config.row_seconds,
    )
    output.mkdir(parents=True, exist_ok=True)
    with OutputLock(output, inside=True):
        return _run_locked(config, scheduler, job, parts, run, started)


def _run_locked(
    config: BatchConfig,
    scheduler: str | None,
    job: ChunkJob,
    parts: list[ParquetPart],
    run: dict[str, Any],
    started: float,
) -> Summary:
    """`run_dask` once it holds the output's lock."""
    output = config.output
    manifest = open_manifest(config, output / MANIFEST_NAME, run)
    if not config.resume:
        manifest.chunks.clear()
    done = _finish_previous(manifest, job, parts)
    manifest.complete, manifest.summary = False, None
    manifest.save()
    resumed_rows = manifest.totals()[0]
    todo = ((i, part) for i, part in enumerate(parts) if i not in done)
    client = _client(scheduler, config.workers)
    progress = make_progress(config.progress, sum(p.num_rows for p in parts), resumed_rows)
    try:
        for stats in _submit_all(client, job, todo):
            manifest.record(stats)
            progress.update(stats.rows, stats.errors)
    finally:
        progress.close()
        cluster = client.cluster if scheduler is None else None
        client.close()
        if cluster is not None:
            cluster.close()
    summary = make_summary(
        str(output),
        manifest.totals(),
        time.perf_counter() - started,
        manifest.totals()[0] - resumed_rows,
        len(parts),
        len(done),
    )
    manifest.complete, manifest.summary = True, summary.as_dict()
    manifest.save()
    return summary
