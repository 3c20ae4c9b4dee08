"""Streaming readers: formats by extension, column checks, Parquet row numbering across files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from batch.readers import detect_format, estimate_rows, iter_records, parquet_parts
from batch.rows import Columns
from classifier.errors import UnreadableInput

COLUMNS = Columns(keep=("employer_type",))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.CSV", "csv"),
        ("a.csv.gz", "csv"),
        ("a.parquet", "parquet"),
        ("a.pq", "parquet"),
    ],
)
def test_format_by_extension(name: str, fmt: str) -> None:
    assert detect_format(Path(name)) == fmt


@pytest.mark.parametrize("name", ["a.txt", "a.json", "a.parquet.gz", "noext"])
def test_unknown_extension_asks_for_format(name: str) -> None:
    with pytest.raises(UnreadableInput, match="--format"):
        detect_format(Path(name))


def test_a_directory_is_partitioned_parquet(tmp_path: Path) -> None:
    assert detect_format(tmp_path) == "parquet"


def test_jsonl_lines_are_passed_raw_and_blank_lines_skipped(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x"}\r\n\n   \n{broken\n{"id": "c"}')
    assert list(iter_records(path, "jsonl", COLUMNS, ("text",))) == [
        b'{"id": "a", "text": "x"}',
        b"{broken",
        b'{"id": "c"}',
    ]


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b'{"id": "a", "text": "x"}\n')
    assert list(iter_records(path, "jsonl", COLUMNS, ("text",))) == [b'{"id": "a", "text": "x"}']


def test_csv_rows_keep_only_wanted_columns_and_survive_quoted_newlines_and_short_rows(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        '\ufeffid,title,text,employer_type,other\n1,HCSW,"line one\nline two",nhs_trust,zzz\n2,,short\n\n',
        encoding="utf-8",
    )
    records = list(iter_records(path, "csv", COLUMNS, ("text",)))
    assert records == [
        {"id": "1", "title": "HCSW", "text": "line one\nline two", "employer_type": "nhs_trust"},
        {"id": "2", "title": "", "text": "short", "employer_type": None},
    ]


def test_csv_field_over_the_default_csv_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,text\n1," + "a" * 200_000 + "\n", encoding="utf-8")
    [record] = iter_records(path, "csv", Columns(), ("text",))
    assert isinstance(record, dict) and len(record["text"]) == 200_000


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_missing_required_column_is_reported_before_reading(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"in.{fmt}"
    if fmt == "csv":
        path.write_text("id,body\n1,hello\n", encoding="utf-8")
    else:
        pq.write_table(pa.table({"id": ["1"], "body": ["hello"]}), path)
    with pytest.raises(UnreadableInput, match="no column 'text'"):
        iter_records(path, fmt, Columns(), ("text",))  # type: ignore[arg-type]


def test_missing_file_and_empty_csv(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no such file"):
        iter_records(tmp_path / "none.jsonl", "jsonl", COLUMNS, ("text",))
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="empty CSV"):
        iter_records(empty, "csv", COLUMNS, ("text",))


def test_corrupt_parquet_is_unreadable_input(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(UnreadableInput, match="not a readable Parquet file"):
        iter_records(path, "parquet", COLUMNS, ("text",))


def test_parquet_folder_reads_files_in_name_order_with_running_row_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(
        pa.table({"id": ["c", "d", "e"], "text": ["3", "4", "5"]}),
        folder / "part-1.parquet",
        row_group_size=2,
    )
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["1", "2"]}), folder / "part-0.parquet")
    (folder / "_metadata_ignored.parquet").write_bytes(b"ignored")
    parts = parquet_parts(folder, ("text",))
    assert [(Path(p.file).name, p.row_group, p.num_rows, p.first_row) for p in parts] == [
        ("part-0.parquet", 0, 2, 1),
        ("part-1.parquet", 0, 2, 3),
        ("part-1.parquet", 1, 1, 5),
    ]
    records = list(iter_records(folder, "parquet", Columns(), ("text",)))
    assert [r["id"] for r in records if isinstance(r, dict)] == ["a", "b", "c", "d", "e"]
    assert estimate_rows(folder, "parquet") == 5
