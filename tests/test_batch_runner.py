"""The local engine with a fast stand-in analyser: order, error rows, formats, chunks, manifest, resume."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_batch_support import ADVERTS, FakeAnalyser, read_jsonl, repeated, write_jsonl

from batch.config import BatchConfig
from batch.distributed import run_dask
from batch.errors import BatchUsageError
from batch.local import run_local
from batch.rows import Columns

KEEP = Columns(keep=("employer_type",))


def config(tmp_path: Path, source: Path, name: str = "out.jsonl", **options: object) -> BatchConfig:
    options.setdefault("chunk_size", 7)
    options.setdefault("progress", False)
    return BatchConfig(source, tmp_path / name, loader=FakeAnalyser.load, **options)  # type: ignore[arg-type]


def messy_rows() -> list[dict | str]:
    rows: list[dict | str] = list(repeated(30))
    rows[3] = "{broken json"
    rows[8] = {"id": "no-text", "title": "HCSW"}
    rows[12] = {"id": "typed", "text": 12}
    rows[15] = {"id": "huge", "text": "x" * 100_001}
    rows[20] = {"text": "An advert without an id that tells the stand-in to EXPLODE."}
    rows[21] = {"title": "Peer Support Worker", "text": ADVERTS[1]["text"]}
    return rows


def test_rows_in_equal_rows_out_in_order_with_error_rows(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", messy_rows())
    summary = run_local(config(tmp_path, source))
    out = read_jsonl(tmp_path / "out.jsonl")
    assert len(out) == 30
    assert [row["id"] for row in out][:3] == ["r0", "r1", "r2"]
    assert [row["id"] for row in out][3] == "row-4"
    errors = {row["id"]: row["error"] for row in out if "error" in row}
    assert set(errors) == {"row-4", "no-text", "typed", "huge", "row-21"}
    assert errors["huge"] == "text is 100,001 characters, over the 100,000 limit"
    assert errors["row-21"].startswith("analysis failed: ValueError")
    assert out[21]["id"] == "row-22" and out[21]["role"]["id"] == "peer_support_worker"
    analysed = [row for row in out if "error" not in row]
    assert all(set(row) >= {"role", "category", "band", "career_pathway", "wording"} for row in analysed)
    assert (summary.rows_in, summary.analysed, summary.errors, summary.chunks) == (30, 25, 5, 5)


def test_every_input_format_gives_the_same_output(tmp_path: Path) -> None:
    rows = repeated(20)
    write_jsonl(tmp_path / "in.jsonl", rows)
    with (tmp_path / "in.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "text", "employer_type"])
        writer.writeheader()
        writer.writerows(rows)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=6)
    outputs = []
    for source in ("in.jsonl", "in.csv", "in.parquet"):
        run_local(config(tmp_path, tmp_path / source, f"{source}.out.jsonl", columns=KEEP))
        outputs.append((tmp_path / f"{source}.out.jsonl").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert [row["input"]["employer_type"] for row in read_jsonl(tmp_path / "in.jsonl.out.jsonl")][:3] == [
        "nhs_trust",
        "nhs_trust",
        "charity",
    ]


def test_configured_column_names(tmp_path: Path) -> None:
    rows = [{"ref": r["id"], "job": r["title"], "body": r["text"]} for r in repeated(4)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    run_local(config(tmp_path, source, columns=Columns(id="ref", title="job", text="body")))
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [row["id"] for row in out] == ["r0", "r1", "r2", "r3"]
    assert out[1]["title"] == "Peer Support Worker"


def test_parquet_output_matches_jsonl_and_is_flat(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", messy_rows())
    run_local(config(tmp_path, source, "out.jsonl", columns=KEEP))
    run_local(config(tmp_path, source, "out.parquet", columns=KEEP))
    table = pq.read_table(tmp_path / "out.parquet")
    jsonl = read_jsonl(tmp_path / "out.jsonl")
    assert table.num_rows == len(jsonl) == 30
    assert table.column("row").to_pylist() == list(range(1, 31))
    assert table.column("id").to_pylist() == [row["id"] for row in jsonl]
    for record, row in zip(table.to_pylist(), jsonl, strict=True):
        if "error" in row:
            assert record["error"] == row["error"] and record["analysis_json"] is None
        else:
            expected = {key: value for key, value in row.items() if key != "input"}
            assert json.loads(record["analysis_json"]) == expected
            assert record["role_id"] == row["role"]["id"]
        assert record["input_employer_type"] == (row.get("input") or {}).get("employer_type")


def test_workers_two_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*messy_rows(), *repeated(40)])
    run_local(config(tmp_path, source, "one.jsonl", columns=KEEP, chunk_size=5))
    summary = run_local(config(tmp_path, source, "two.jsonl", columns=KEEP, chunk_size=5, workers=2))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert summary.rows_in == 70


def test_manifest_has_summary_and_chunk_files_are_removed(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(15))
    run_local(config(tmp_path, source))
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text())
    assert manifest["complete"] is True
    assert sorted(manifest["chunks"]) == ["0", "1", "2"]
    assert {k: manifest["summary"][k] for k in ("rows_in", "analysed", "errors")} == {
        "rows_in": 15,
        "analysed": 15,
        "errors": 0,
    }
    assert manifest["summary"]["adverts_per_second"] > 0
    assert not (tmp_path / "out.jsonl.parts").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl", "out.jsonl.manifest.json"]


def test_empty_input_gives_empty_output(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [])
    summary = run_local(config(tmp_path, source))
    assert (tmp_path / "out.jsonl").read_bytes() == b"" and summary.rows_in == 0
    run_local(config(tmp_path, source, "out.parquet"))
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 0


def _interrupted_run(tmp_path: Path, source: Path) -> None:
    """Leave the state a crash after two chunks leaves: two chunk files and a manifest listing them."""
    run_local(config(tmp_path, source))
    manifest_path = tmp_path / "out.jsonl.manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["complete"], manifest["summary"] = False, None
    manifest["chunks"] = {k: v for k, v in manifest["chunks"].items() if k in ("0", "1")}
    manifest_path.write_text(json.dumps(manifest))
    parts = tmp_path / "out.jsonl.parts"
    parts.mkdir()
    lines = (tmp_path / "out.jsonl").read_text().splitlines(keepends=True)
    for index in (0, 1):
        (parts / f"chunk-{index:08d}.jsonl").write_text("".join(lines[index * 7 : index * 7 + 7]))
    (tmp_path / "out.jsonl").unlink()


def test_an_unfinished_run_is_not_silently_replaced(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(20))
    _interrupted_run(tmp_path, source)
    with pytest.raises(BatchUsageError, match=r"--resume .* or --overwrite"):
        run_local(config(tmp_path, source))
    summary = run_local(config(tmp_path, source, overwrite=True))
    assert summary.chunks_resumed == 0 and summary.rows_this_run == 20


def test_resume_redoes_only_missing_chunks(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(20))
    run_local(config(tmp_path, source, "clean.jsonl"))
    _interrupted_run(tmp_path, source)
    summary = run_local(config(tmp_path, source, resume=True))
    assert (summary.chunks, summary.chunks_resumed, summary.rows_this_run, summary.rows_in) == (3, 2, 6, 20)
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "clean.jsonl").read_bytes()
    again = run_local(config(tmp_path, source, resume=True))
    assert again.rows_this_run == 0 and again.rows_in == 20


def test_resume_refuses_a_manifest_from_another_run(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(20))
    _interrupted_run(tmp_path, source)
    with pytest.raises(BatchUsageError, match=r"different run \(chunk_size changed\)"):
        run_local(config(tmp_path, source, resume=True, chunk_size=5))
    write_jsonl(source, repeated(21))
    with pytest.raises(BatchUsageError, match="input_bytes"):
        run_local(config(tmp_path, source, resume=True))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"chunk_size": 0}, "at least 1"),
        ({"workers": 0}, "at least 1"),
        ({"resume": True, "overwrite": True}, "contradict"),
    ],
)
def test_unusable_settings(tmp_path: Path, options: dict, message: str) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(2))
    with pytest.raises(BatchUsageError, match=message):
        run_local(config(tmp_path, source, **options))


def test_output_format_by_extension_and_not_over_the_input(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(2))
    with pytest.raises(BatchUsageError, match=r"use \.jsonl or \.parquet"):
        run_local(config(tmp_path, source, "out.txt"))
    with pytest.raises(BatchUsageError, match="overwrite the input"):
        run_local(config(tmp_path, source, "in.jsonl"))


def test_dask_engine_resumes_only_missing_parts(tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist(repeated(12)), tmp_path / "in.parquet", row_group_size=3)
    dask_config = BatchConfig(
        tmp_path / "in.parquet", tmp_path / "dask", workers=1, loader=FakeAnalyser.load, progress=False
    )
    assert run_dask(dask_config).chunks == 4
    clean = pq.read_table(tmp_path / "dask").to_pylist()
    manifest_path = tmp_path / "dask" / "_manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["chunks"]["2"]
    manifest_path.write_text(json.dumps({**manifest, "complete": False}))
    (tmp_path / "dask" / "part-000002.parquet").unlink()
    with pytest.raises(BatchUsageError, match="unfinished run"):
        run_dask(dask_config)
    summary = run_dask(replace(dask_config, resume=True))
    assert (summary.chunks_resumed, summary.rows_this_run, summary.rows_in) == (3, 3, 12)
    assert pq.read_table(tmp_path / "dask").to_pylist() == clean
