"""`python3 -m training.corpus_check`: the whole pipeline over every corpus advert, failing on any error row.

It runs the real `mhsw batch` command (two workers) over ../shared/data/nhs-jobs-2020.jsonl.gz, so the
check covers reading, analysis, failure isolation and writing exactly as a researcher's run does. Exit 0
when every row was analysed; 1 when any row became an error row or the run failed; 2 without the corpus.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from training.corpus import CORPUS_PATH


def count_rows(path: Path) -> tuple[int, Counter[str]]:
    """(rows, error messages by count) of a batch JSONL output."""
    rows, errors = 0, Counter[str]()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            rows += 1
            record = json.loads(line)
            if record.get("error"):
                errors[str(record["error"])[:120]] += 1
    return rows, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m training.corpus_check", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS_PATH)
    parser.add_argument("--output", type=Path, default=Path("build/corpus-check/results.jsonl"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus-check: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    from mhsw.cli import main as mhsw_main

    args.output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    status = mhsw_main(
        ["batch", str(args.corpus), "--output", str(args.output), "--workers", str(args.workers), "--overwrite"]
    )
    seconds = time.perf_counter() - started
    if status != 0:
        print(f"corpus-check: the batch run exited {status}", file=sys.stderr)
        return 1
    rows, errors = count_rows(args.output)
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        expected = sum(1 for _ in handle)
    print(f"corpus-check: {rows} rows out of {expected} in, {sum(errors.values())} error rows, {seconds:.0f} s")
    for message, count in errors.most_common(10):
        print(f"  {count} x {message}")
    return 0 if rows == expected and not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
