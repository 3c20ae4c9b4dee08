"""Batch throughput and scaling: adverts/s for 1 worker (the baseline), 2 workers and a Dask LocalCluster.

The input is the project's invented adverts (data/training/invented_adverts.jsonl, plus data/samples)
repeated to `--rows` rows with unique ids. Every run goes through the real `mhsw batch` engines, model
load included, and is printed as a ratio to the 1-worker baseline run in this same process; the
2-worker ratio is the scaling figure (target >= 1.7 on two cores).

    python -m benchmarks.batch_throughput [--rows 100000] [--chunk-size 1000] [--no-dask]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INVENTED = ROOT / "data" / "training" / "invented_adverts.jsonl"


def source_adverts() -> list[dict[str, Any]]:
    """The project's invented adverts (title, text, employer_type) and the bundled text samples."""
    adverts = []
    if INVENTED.is_file():
        for line in INVENTED.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            adverts.append(
                {"title": row["title"], "text": row["text"], "employer_type": row.get("employer_type")}
            )
    for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
        adverts.append({"title": "", "text": path.read_text(encoding="utf-8"), "employer_type": None})
    return adverts


def rows(count: int) -> Iterator[dict[str, Any]]:
    adverts = source_adverts()
    for i in range(count):
        yield {"id": f"b{i:07d}", **adverts[i % len(adverts)]}


def write_jsonl(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows(count):
            handle.write(json.dumps(row) + "\n")
    return path


def write_parquet(path: Path, count: int, row_group: int) -> Path:
    """Parquet with one row group per `row_group` rows: the Dask engine's unit of work."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    iterator = rows(count)
    schema = pa.schema(
        [("id", pa.string()), ("title", pa.string()), ("text", pa.string()), ("employer_type", pa.string())]
    )
    with pq.ParquetWriter(path, schema) as writer:
        while batch := [row for _, row in zip(range(row_group), iterator, strict=False)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return path


def timed(label: str, run: Any, manifest: Path) -> tuple[str, float, float, float, float]:
    """Wall seconds, adverts/s, worker seconds per 1,000 adverts (from the manifest) and mean load average.

    Worker seconds per chunk rising with more workers means the processes did not each get a core (other
    load on the machine), which caps the scaling whatever the engine does.
    """
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    summary = run()
    seconds = time.perf_counter() - started
    assert summary.errors == 0, summary
    chunks = json.loads(manifest.read_text(encoding="utf-8"))["chunks"].values()
    per_thousand = 1000 * sum(c["seconds"] for c in chunks) / summary.rows_in
    return label, seconds, summary.rows_in / seconds, per_thousand, (load_before + os.getloadavg()[0]) / 2


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = parser.parse_args()

    from batch.config import BatchConfig
    from batch.distributed import run_dask
    from batch.local import run_local

    mean_chars = sum(len(a["text"]) for a in source_adverts()) / len(source_adverts())
    with tempfile.TemporaryDirectory(prefix="mhsw-bench-") as tmp:
        folder = Path(tmp)
        source = write_jsonl(folder / "in.jsonl", args.rows)

        def local(workers: int) -> Any:
            output = folder / f"out-{workers}.jsonl"
            return run_local(
                BatchConfig(source, output, chunk_size=args.chunk_size, workers=workers, progress=False)
            )

        results = [
            timed("local, 1 worker (baseline)", lambda: local(1), folder / "out-1.jsonl.manifest.json"),
            timed("local, 2 workers", lambda: local(2), folder / "out-2.jsonl.manifest.json"),
        ]
        same = (folder / "out-1.jsonl").read_bytes() == (folder / "out-2.jsonl").read_bytes()
        if not args.no_dask:
            parquet = write_parquet(folder / "in.parquet", args.rows, args.chunk_size)
            config = BatchConfig(parquet, folder / "dask-out", workers=2, progress=False)
            label = "dask LocalCluster, 2 workers"
            results.append(timed(label, lambda: run_dask(config), folder / "dask-out" / "_manifest.json"))

    baseline = results[0][2]
    print(
        f"rows: {args.rows:,} (mean {mean_chars:,.0f} characters), chunk size {args.chunk_size}, "
        f"{os.cpu_count()} CPUs; model load included"
    )
    print(
        f"{'run':30} {'seconds':>8} {'adverts/s':>10} {'x baseline':>11} {'worker s/1k':>12} {'load avg':>9}"
    )
    for label, seconds, rate, per_thousand, load in results:
        print(
            f"{label:30} {seconds:8.1f} {rate:10.1f} {rate / baseline:11.2f} {per_thousand:12.2f} {load:9.2f}"
        )
    print(
        f"scaling (2 workers / 1 worker): {results[1][2] / baseline:.2f} (target >= 1.70); "
        f"2-worker output identical to 1-worker: {same}"
    )


if __name__ == "__main__":
    main()
