"""Peak memory of `mhsw batch` as the input grows: flat if the run streams.

Runs the local engine (one process, so the peak RSS is the whole run's) in a fresh subprocess per
input size and prints each peak RSS (resource.getrusage ru_maxrss) as a ratio to the smallest size,
the baseline. Target: 200k rows within 1.2x of 10k rows.

    python -m benchmarks.batch_memory [--rows 10000 200000] [--output-format jsonl|parquet]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.batch_throughput import ROOT, write_jsonl


def child(source: Path, output: Path, chunk_size: int) -> None:
    """In the subprocess: run the batch and report peak RSS in MB (Linux reports ru_maxrss in KB)."""
    from batch.config import BatchConfig
    from batch.local import run_local

    started = time.perf_counter()
    summary = run_local(BatchConfig(source, output, chunk_size=chunk_size, progress=False))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": summary.rows_in, "peak_mb": peak_mb, "seconds": seconds}))


def measure(rows: int, folder: Path, output_format: str, chunk_size: int) -> dict[str, float]:
    source = write_jsonl(folder / f"in-{rows}.jsonl", rows)
    output = folder / f"out-{rows}.{output_format}"
    command = [
        sys.executable,
        "-m",
        "benchmarks.batch_memory",
        "--child",
        str(source),
        str(output),
        str(chunk_size),
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the {rows}-row run failed:\n{result.stderr}")
    source.unlink()
    output.unlink()
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--chunk-size", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mhsw-bench-") as tmp:
        results = [
            measure(rows, Path(tmp), args.output_format, args.chunk_size) for rows in sorted(args.rows)
        ]
    baseline = results[0]["peak_mb"]
    print(f"output {args.output_format}, chunk size {args.chunk_size}, one process (model included)")
    print(f"{'rows':>9} {'peak RSS MB':>12} {'x baseline':>11} {'adverts/s':>10}")
    for result in results:
        rate, peak = result["rows"] / result["seconds"], result["peak_mb"]
        print(f"{int(result['rows']):>9,} {peak:12.1f} {peak / baseline:11.2f} {rate:10.1f}")
    print(f"peak RSS ratio largest/smallest: {results[-1]['peak_mb'] / baseline:.2f} (target <= 1.20)")


if __name__ == "__main__":
    main()
