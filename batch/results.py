"""Read batch results back (JSONL, a Parquet file or a folder of Parquet parts) one row at a time.

Each row comes back as the JSON object `mhsw batch` wrote to JSONL: an analysis (with `input` when
columns were kept) or an error row `{"id", "error"}`. A damaged JSONL line counts as an error row.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from batch.layout import INPUT_KEY, INPUT_PREFIX
from batch.readers import parquet_files
from classifier.errors import UnreadableInput

_JSONL = (".jsonl", ".ndjson")
_PARQUET = (".parquet", ".pq")


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError):
                row = None
            yield (
                row if isinstance(row, dict) else {"id": f"line-{number}", "error": "unreadable result line"}
            )


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for file in parquet_files(path):
        try:
            handle = pq.ParquetFile(file)
        except (OSError, pa.ArrowException) as exc:
            raise UnreadableInput(f"{file}: not a readable Parquet file ({exc})") from exc
        names = handle.schema_arrow.names
        if "analysis_json" not in names or "error" not in names:
            raise UnreadableInput(f"{file}: not an `mhsw batch` result (no analysis_json/error columns)")
        kept = [name for name in names if name.startswith(INPUT_PREFIX)]
        for batch in handle.iter_batches(batch_size=1024, columns=["id", "error", "analysis_json", *kept]):
            for record in batch.to_pylist():
                row: dict[str, Any] = (
                    {"id": record["id"], "error": record["error"]}
                    if record["analysis_json"] is None
                    else json.loads(record["analysis_json"])
                )
                if kept:
                    row[INPUT_KEY] = {name[len(INPUT_PREFIX) :]: record[name] for name in kept}
                yield row


def iter_results(path: Path) -> Iterator[dict[str, Any]]:
    """Result rows in file order; raises `UnreadableInput` for a missing or unrecognised file."""
    if not path.exists():
        raise UnreadableInput(f"{path}: no such file")
    suffix = path.suffixes[-2] if path.suffix == ".gz" and len(path.suffixes) > 1 else path.suffix
    if path.is_dir() or suffix in _PARQUET:
        return _parquet_rows(path)
    if suffix in _JSONL:
        return _jsonl_rows(path)
    raise UnreadableInput(f"{path}: results must be .jsonl, .parquet or a folder of Parquet parts")
