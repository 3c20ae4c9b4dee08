"""`mhsw report`: one self-contained HTML file with every plot, CSV tables that match the results, and
the same report from JSONL, a Parquet file or a folder of Parquet parts."""

from __future__ import annotations

import base64
import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from test_batch_support import FakeAnalyser, read_jsonl, repeated, write_jsonl

from batch.config import BatchConfig
from batch.local import run_local
from batch.report import build_report
from batch.rows import Columns
from batch.tables import wilson
from mhsw.cli import main

FIGURE_IDS = ("roles", "bands", "pathway", "mentions", "wording", "salary")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Results of 60 invented adverts and 2 bad rows, as JSONL and as Parquet (stand-in analyser)."""
    folder = tmp_path_factory.mktemp("report")
    rows: list[dict | str] = [*repeated(60), "{broken", {"id": "empty", "text": ""}]
    source = write_jsonl(folder / "in.jsonl", rows)
    for name in ("results.jsonl", "results.parquet"):
        run_local(
            BatchConfig(
                source,
                folder / name,
                columns=Columns(keep=("employer_type",)),
                chunk_size=25,
                loader=FakeAnalyser.load,
                progress=False,
            )
        )
    return folder


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_html_is_self_contained_and_has_every_plot(results: Path, tmp_path: Path) -> None:
    counts = build_report(results / "results.jsonl", tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for key in FIGURE_IDS:
        match = re.search(
            rf'<figure id="fig-{key}">.*?src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page, re.S
        )
        assert match, key
        assert base64.b64decode(match.group(1)).startswith(PNG_SIGNATURE)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "62 rows, 60 analysed, 2 error rows (skipped)" in page
    assert (counts.rows, counts.analysed) == (62, 60)


def test_csv_tables_match_the_results(results: Path, tmp_path: Path) -> None:
    build_report(results / "results.jsonl", tmp_path / "tables", fmt="csv")
    names = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert names == sorted(
        f"{n}.csv"
        for n in (
            "overview",
            "roles",
            "categories",
            "staff_groups",
            "bands_by_role",
            "pathway_by_group",
            "qualifications",
            "skills",
            "wording_issues",
            "salary_by_band",
        )
    )
    rows = [row for row in read_jsonl(results / "results.jsonl") if "error" not in row]
    roles = Counter(row["role"]["id"] for row in rows)
    assert {r["role_id"]: int(r["adverts"]) for r in read_csv(tmp_path / "tables" / "roles.csv")} == roles

    defined = [row for row in rows if row["category"]["id"] == "defined_boundary"]
    expected: dict[str, list[int]] = {}
    for row in defined:
        counts = expected.setdefault(row["input"]["employer_type"], [0, 0])
        counts[0] += 1
        counts[1] += row["career_pathway"]["flag"] == "missing_career_pathway"
    table = read_csv(tmp_path / "tables" / "pathway_by_group.csv")
    assert {
        r["employer_type"]: [int(r["defined_boundary_adverts"]), int(r["flagged"])] for r in table
    } == expected

    bands = {(r["role_id"], r["band"]): r for r in read_csv(tmp_path / "tables" / "bands_by_role.csv")}
    hcsw = [row for row in rows if row["role"]["id"] == "healthcare_support_worker"]
    stated_3 = sum(row["band"]["stated"] == "3" for row in hcsw)
    assert int(bands[("healthcare_support_worker", "3")]["stated"]) == stated_3 > 0

    quals = read_csv(tmp_path / "tables" / "qualifications.csv")
    with_cert = sum(any(q["id"] == "care_certificate" for q in row["qualifications"]) for row in rows)
    assert quals[0]["id"] == "care_certificate" and int(quals[0]["adverts"]) == with_cert

    wording = {r["code"]: int(r["adverts"]) for r in read_csv(tmp_path / "tables" / "wording_issues.csv")}
    assert wording == {"missing_salary": sum(bool(row["wording"]["issues"]) for row in rows)}

    salary = read_csv(tmp_path / "tables" / "salary_by_band.csv")
    assert {r["band"] for r in salary} <= {row["band"]["value"] for row in rows}
    assert all(r["median"] == "24872" for r in salary)  # the stand-in's 24,071-25,674 range


def test_parquet_file_and_folder_give_the_same_tables_as_jsonl(results: Path, tmp_path: Path) -> None:
    build_report(results / "results.jsonl", tmp_path / "a", fmt="csv")
    build_report(results / "results.parquet", tmp_path / "b", fmt="csv")
    folder = tmp_path / "parts"
    folder.mkdir()
    (folder / "part-000000.parquet").write_bytes((results / "results.parquet").read_bytes())
    build_report(folder, tmp_path / "c", fmt="csv")
    for name in (
        "roles.csv",
        "pathway_by_group.csv",
        "qualifications.csv",
        "overview.csv",
        "salary_by_band.csv",
    ):
        assert (
            (tmp_path / "a" / name).read_text()
            == (tmp_path / "b" / name).read_text()
            == (tmp_path / "c" / name).read_text()
        )


def test_without_employer_type_the_group_is_unknown_and_all_error_results_still_render(
    tmp_path: Path,
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", repeated(5))
    run_local(BatchConfig(source, tmp_path / "r.jsonl", loader=FakeAnalyser.load, progress=False))
    build_report(tmp_path / "r.jsonl", tmp_path / "t", fmt="csv")
    assert [r["employer_type"] for r in read_csv(tmp_path / "t" / "pathway_by_group.csv")] == ["unknown"]
    errors = write_jsonl(tmp_path / "errors.jsonl", [{"id": "a", "error": "missing text"}])
    counts = build_report(errors, tmp_path / "errors.html")
    assert (counts.rows, counts.analysed) == (1, 0)
    assert (tmp_path / "errors.html").read_text().count("data:image/png;base64,") == len(FIGURE_IDS)


def test_report_command(results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(results / "results.parquet"), "--output", str(tmp_path / "r.html")]) == 0
    assert "62 rows, 60 analysed, 2 error rows skipped" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and err.count("\n") == 1
    (tmp_path / "results.txt").write_text(json.dumps({"id": "a"}))
    assert main(["report", str(tmp_path / "results.txt"), "-o", str(tmp_path / "x.html")]) == 2
    assert "must be .jsonl, .parquet" in capsys.readouterr().err


def test_wilson_interval() -> None:
    assert wilson(0, 0) == (0.0, 0.0)
    low, high = wilson(5, 10)
    assert low == pytest.approx(1 - high) and 0.2 < low < 0.25
    assert wilson(0, 20)[0] == 0.0 and wilson(20, 20)[1] == 1.0
