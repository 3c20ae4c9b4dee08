"""Streaming readers for JSONL, CSV and Parquet: records one at a time, never the whole file.

JSONL lines are passed on unparsed (the worker parses them, so a broken line becomes an error row there);
blank lines are not rows. CSV and Parquet records carry only the columns the run needs. `.gz` JSONL and
CSV are read through gzip. Parquet may be one file or a directory of files (read in name order).
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from batch.rows import Columns, Record
from classifier.errors import UnreadableInput

InputFormat = Literal["jsonl", "csv", "parquet"]
INPUT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
_SUFFIXES: dict[str, InputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_CSV_FIELD_LIMIT = 2**31 - 1
"""Over-long texts must reach validation (and become error rows), not stop the reader."""
PARQUET_BATCH_ROWS = 1024


def detect_format(path: Path) -> InputFormat:
    """The input format from the file extension (a directory is partitioned Parquet)."""
    if path.is_dir():
        return "parquet"
    suffixes = path.suffixes[-2:] if path.suffix == ".gz" else path.suffixes[-1:]
    found = _SUFFIXES.get(suffixes[0].lower()) if suffixes else None
    if found is None or (path.suffix == ".gz" and found == "parquet"):
        raise UnreadableInput(
            f"{path}: cannot tell the format from the extension; pass --format jsonl, csv or parquet"
        )
    return found


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", errors="replace", newline="")
    return path.open(encoding="utf-8-sig", errors="replace", newline="")


def iter_jsonl(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for line in handle:
            if line.strip():
                yield line.rstrip(b"\r\n")


def _wanted(columns: Columns) -> tuple[str, ...]:
    return tuple(dict.fromkeys((columns.id, columns.title, columns.text, columns.date, *columns.keep)))


def _check_columns(path: Path, present: list[str], required: tuple[str, ...]) -> None:
    missing = [name for name in required if name not in present]
    if missing:
        raise UnreadableInput(
            f"{path}: no column {', '.join(map(repr, missing))} (columns: {', '.join(present) or 'none'})"
        )


def iter_csv(path: Path, columns: Columns, required: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """Rows as dicts of the wanted columns; a short row gives None for the cells it lacks."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    wanted = _wanted(columns)
    with _open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise UnreadableInput(f"{path}: empty CSV file (no header row)")
        header = [name.strip() for name in header]
        _check_columns(path, header, required)
        positions = [(name, header.index(name)) for name in wanted if name in header]
        for cells in reader:
            if cells:
                yield {name: cells[i] if i < len(cells) else None for name, i in positions}


@dataclass(frozen=True)
class ParquetPart:
    """One row group of one file: the unit the Dask engine hands to a worker."""

    file: str
    row_group: int
    num_rows: int
    first_row: int


def parquet_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and p.suffix in (".parquet", ".pq") and not p.name.startswith((".", "_"))
    )
    if not files:
        raise UnreadableInput(f"{path}: no .parquet files in this directory")
    return files


def _parquet_file(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise UnreadableInput(f"{path}: not a readable Parquet file ({exc})") from exc


def parquet_parts(path: Path, required: tuple[str, ...]) -> list[ParquetPart]:
    """Every row group in input order with its first row number, from the file footers only."""
    parts: list[ParquetPart] = []
    first = 1
    for file in parquet_files(path):
        handle = _parquet_file(file)
        _check_columns(file, handle.schema_arrow.names, required)
        for index in range(handle.metadata.num_row_groups):
            rows = handle.metadata.row_group(index).num_rows
            parts.append(ParquetPart(str(file), index, rows, first))
            first += rows
    return parts


def read_part(
    part: ParquetPart, columns: Columns, batch_rows: int = PARQUET_BATCH_ROWS
) -> Iterator[dict[str, Any]]:
    """The records of one row group, a batch at a time."""
    handle = _parquet_file(Path(part.file))
    present = [name for name in _wanted(columns) if name in handle.schema_arrow.names]
    for batch in handle.iter_batches(batch_size=batch_rows, row_groups=[part.row_group], columns=present):
        yield from batch.to_pylist()


def iter_parquet(path: Path, columns: Columns, required: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for part in parquet_parts(path, required):
        yield from read_part(part, columns)


def iter_records(
    path: Path, fmt: InputFormat, columns: Columns, required: tuple[str, ...]
) -> Iterator[Record]:
    """The input's records in order; a missing file or a header problem raises `UnreadableInput` up front."""
    if not path.exists():
        raise UnreadableInput(f"{path}: no such file")
    records: Iterator[Record]
    if fmt == "jsonl":
        records = iter_jsonl(path)
    elif fmt == "csv":
        records = iter_csv(path, columns, required)
    else:
        records = iter_parquet(path, columns, required)
    try:
        first = next(records, None)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"{path}: cannot read it as {fmt} ({exc})") from exc
    return _chain(first, records)


def _chain(first: Record | None, rest: Iterator[Record]) -> Iterator[Record]:
    if first is not None:
        yield first
        yield from rest


def estimate_rows(path: Path, fmt: InputFormat) -> int | None:
    """Rows to expect, for the progress bar: exact for Parquet, line count for plain JSONL, else unknown."""
    if fmt == "parquet":
        return sum(_parquet_file(f).metadata.num_rows for f in parquet_files(path))
    if fmt == "jsonl" and path.suffix != ".gz":
        with path.open("rb") as handle:
            return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    return None
