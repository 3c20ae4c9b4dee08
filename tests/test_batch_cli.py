"""`mhsw batch` end to end with the shipped model: JSONL and CSV in, one Analysis per row, workers=2 and
Dask give the same analyses as one process, and unusable input exits 2 with one line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_batch_support import ADVERTS, FakeAnalyser, read_jsonl, repeated, write_jsonl

from batch.config import BatchConfig
from batch.distributed import run_dask
from batch.local import run_local
from batch.rows import Columns
from classifier.pipeline import Analyser
from classifier.reading import from_text
from mhsw.cli import main

ROOT = Path(__file__).resolve().parent.parent
BAD_ROWS = [
    '{"id": "broken',
    json.dumps({"id": "no-text", "title": "HCSW"}),
    json.dumps({"title": "x", "text": 7}),
]


def mhsw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One JSONL run with one process and one CSV run with two workers, on the same rows."""
    folder = tmp_path_factory.mktemp("batch_cli")
    rows: list[dict[str, Any] | str] = [*ADVERTS, *BAD_ROWS, *ADVERTS[:2]]
    write_jsonl(folder / "in.jsonl", rows)
    with (folder / "in.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "employer_type"])
        good = [[a["id"], a["title"], a["text"], a["employer_type"]] for a in ADVERTS]
        bad = [[row_id, "", "", ""] for row_id in ("", "no-text", "")]  # the bad JSONL rows, without text
        writer.writerows([*good, *bad, *good[:2]])
    keep = ("--keep-columns", "employer_type", "--chunk-size", "4")
    one = mhsw(
        "batch", str(folder / "in.jsonl"), "--output", str(folder / "one.jsonl"), *keep, "--progress", "on"
    )
    assert one.returncode == 0, one.stderr
    (folder / "one.stderr").write_text(one.stderr)
    two = mhsw("batch", str(folder / "in.csv"), "-o", str(folder / "two.jsonl"), *keep, "--workers", "2")
    assert two.returncode == 0, two.stderr
    return folder


def test_one_analysis_per_row_in_input_order_with_error_rows(runs: Path, analyser: Analyser) -> None:
    out = read_jsonl(runs / "one.jsonl")
    assert len(out) == 11
    ids = [row["id"] for row in out]
    assert ids == [*(a["id"] for a in ADVERTS), "row-7", "no-text", "row-9", "inv-1", "inv-2"]
    assert "not a valid JSON line" in out[6]["error"] and out[7]["error"] == "missing text"
    assert out[8]["error"] == "text must be a string, not int"
    for row, advert in zip(out[:6], ADVERTS, strict=True):
        expected = analyser.analyse(from_text(advert["text"], title=advert["title"], id=advert["id"]))
        assert row == {
            **expected.model_dump(mode="json"),
            "input": {"employer_type": advert["employer_type"]},
        }


def test_summary_and_progress_bar_on_stderr(runs: Path) -> None:
    stderr = (runs / "one.stderr").read_text()
    assert "mhsw batch: 11 rows in, 8 analysed, 3 errors" in stderr
    assert "advert" in stderr and "100%" in stderr
    assert "Traceback" not in stderr


def test_csv_with_two_workers_gives_the_same_analyses_as_jsonl_with_one(runs: Path) -> None:
    one, two = read_jsonl(runs / "one.jsonl"), read_jsonl(runs / "two.jsonl")
    assert [row["id"] for row in two] == [row["id"] for row in one]
    assert [row for row in two if "error" not in row] == [row for row in one if "error" not in row]
    assert [row["error"] for row in two if "error" in row] == ["empty text"] * 3


def test_dask_local_cluster_gives_the_same_analyses_as_one_process(
    tmp_path: Path, analyser: Analyser
) -> None:
    rows = repeated(14)
    rows[5] = {**rows[5], "text": ""}
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=4)
    columns = Columns(keep=("employer_type",))
    base = BatchConfig(
        tmp_path / "in.parquet", tmp_path / "one.parquet", columns=columns, chunk_size=5, progress=False
    )
    run_local(base, analyser=analyser)
    summary = run_dask(
        BatchConfig(tmp_path / "in.parquet", tmp_path / "dask", columns=columns, workers=2, progress=False)
    )
    assert (summary.rows_in, summary.errors, summary.chunks) == (14, 1, 4)
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == [
        "_manifest.json",
        *(f"part-{i:06d}.parquet" for i in range(4)),
    ]
    one, dask = pq.read_table(tmp_path / "one.parquet"), pq.read_table(tmp_path / "dask")
    assert one.num_rows == dask.num_rows == 14
    assert dask.to_pylist() == one.to_pylist()


def _one_line_exit_2(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_unusable_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "out.jsonl")
    assert "no such file" in _one_line_exit_2(capsys, "batch", str(tmp_path / "none.jsonl"), "-o", out)
    (tmp_path / "in.txt").write_text("x")
    assert "--format" in _one_line_exit_2(capsys, "batch", str(tmp_path / "in.txt"), "-o", out)
    (tmp_path / "in.csv").write_text("id,body\n1,hello\n")
    assert "no column 'text'" in _one_line_exit_2(capsys, "batch", str(tmp_path / "in.csv"), "-o", out)
    (tmp_path / "ok.csv").write_text("id,text\n1,hello\n")
    err = _one_line_exit_2(capsys, "batch", str(tmp_path / "ok.csv"), "-o", out, "--id-column", "ref")
    assert "no column 'ref'" in err
    err = _one_line_exit_2(
        capsys, "batch", str(tmp_path / "ok.csv"), "-o", out, "--keep-columns", "employer_type"
    )
    assert "no column 'employer_type'" in err
    err = _one_line_exit_2(capsys, "batch", str(tmp_path / "ok.csv"), "-o", out, "--engine", "dask")
    assert "reads Parquet input" in err
    err = _one_line_exit_2(
        capsys, "batch", str(tmp_path / "ok.csv"), "-o", out, "--scheduler", "tcp://x:8786"
    )
    assert "--scheduler needs --engine dask" in err


def test_unfinished_run_needs_resume_or_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(6))
    run_local(
        BatchConfig(source, tmp_path / "out.jsonl", chunk_size=2, loader=FakeAnalyser.load, progress=False)
    )
    manifest_path = tmp_path / "out.jsonl.manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "complete": False}))
    err = _one_line_exit_2(capsys, "batch", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert "unfinished run" in err and "--resume" in err
