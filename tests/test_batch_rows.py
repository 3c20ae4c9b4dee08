"""Row validation and the output layout: every record gives exactly one row, an advert or a reason."""

from __future__ import annotations

import json
import math

import pytest
from test_batch_support import ADVERTS, FakeAnalyser

from batch.layout import BASE_FIELDS, OutputRow, flat_record, output_row, parquet_table, to_json
from batch.rows import Columns, Row, validate
from classifier.reading import from_text

COLUMNS = Columns()
TEXT = ADVERTS[0]["text"]


def test_a_good_jsonl_line_becomes_an_advert_with_its_id_and_sections() -> None:
    row = validate(json.dumps({"id": "a1", "title": "HCSW", "text": TEXT}).encode(), 1, COLUMNS)
    assert row.error is None and row.advert is not None
    assert (row.id, row.advert.id, row.advert.title, row.advert.text) == ("a1", "a1", "HCSW", TEXT)
    assert {s.name for s in row.advert.sections} >= {"duties", "person_spec"}


@pytest.mark.parametrize(
    ("record", "expected_id", "reason"),
    [
        (b"{not json", "row-7", "not a valid JSON line"),
        (b"[1, 2]", "row-7", "must be an object, not list"),
        (b'"text"', "row-7", "must be an object, not str"),
        ({"id": "x", "title": "t"}, "x", "missing text"),
        ({"id": "x", "text": None}, "x", "missing text"),
        ({"id": "x", "text": "   \n"}, "x", "empty text"),
        ({"id": "x", "text": 42}, "x", "text must be a string, not int"),
        ({"id": "x", "text": "A short advert.", "title": ["a"]}, "x", "title must be a string, not list"),
        ({"id": 1.5, "text": "A short advert."}, "row-7", "id must be a string or an integer, not float"),
        ({"id": {"a": 1}, "text": "A short advert."}, "row-7", "id must be a string or an integer, not dict"),
        ({"id": "x", "text": "a" * 101}, "x", "text is 101 characters, over the 100 limit"),
    ],
)
def test_bad_records_become_error_rows_with_the_reason(record: object, expected_id: str, reason: str) -> None:
    row = validate(record, 7, COLUMNS, max_chars=100)  # type: ignore[arg-type]
    assert row.advert is None
    assert row.id == expected_id
    assert row.error is not None and reason in row.error


def test_text_at_the_limit_is_accepted() -> None:
    assert validate({"id": "x", "text": "a" * 100}, 1, COLUMNS, max_chars=100).advert is not None


@pytest.mark.parametrize("missing", [None, "", math.nan])
def test_a_missing_id_becomes_the_positional_row_id(missing: object) -> None:
    row = validate({"id": missing, "text": TEXT}, 12, COLUMNS)
    assert row.id == "row-12" and row.advert is not None and row.advert.id == "row-12"


def test_integer_ids_become_strings_and_nan_titles_count_as_missing() -> None:
    row = validate({"id": 40, "title": math.nan, "text": TEXT}, 1, COLUMNS)
    assert row.id == "40" and row.advert is not None
    assert row.advert.title == from_text(TEXT).title  # as if no title was given


def test_configured_columns_and_kept_values() -> None:
    columns = Columns(id="ref", title="job", text="body", keep=("employer_type", "posted", "missing"))
    record = {
        "ref": "R9",
        "job": "Peer Support Worker",
        "body": TEXT,
        "employer_type": "charity",
        "posted": 2025,
    }
    row = validate(record, 3, columns)
    assert row.id == "R9" and row.advert is not None and row.advert.title == "Peer Support Worker"
    assert row.kept == {"employer_type": "charity", "posted": 2025, "missing": None}
    assert validate(b"{broken", 5, columns).kept == {"employer_type": None, "posted": None, "missing": None}
    error = validate({"ref": "R10", "employer_type": "nhs_trust"}, 4, columns)
    assert error.error == "missing body" and error.kept == {
        "employer_type": "nhs_trust",
        "posted": None,
        "missing": None,
    }


def test_output_rows_are_the_analysis_or_the_error() -> None:
    row = validate({"id": "a", "text": TEXT, "employer_type": "charity"}, 1, Columns(keep=("employer_type",)))
    assert row.advert is not None
    analysis = FakeAnalyser().analyse(row.advert)
    line = output_row(row, analysis).line()
    assert json.loads(line) == {**analysis.model_dump(mode="json"), "input": {"employer_type": "charity"}}
    assert line == to_json({**analysis.model_dump(mode="json"), "input": {"employer_type": "charity"}})
    assert output_row(Row("b", error="missing text"), None).line() == '{"id":"b","error":"missing text"}'
    kept = output_row(Row("c", error="empty text", kept={"n": 1}), None).line()
    assert kept == '{"id":"c","error":"empty text","input":{"n":1}}'


def test_flat_parquet_record_holds_the_documented_columns() -> None:
    row = validate({"id": "a", "text": TEXT, "title": "Healthcare Support Worker"}, 5, COLUMNS)
    assert row.advert is not None
    out = output_row(row, FakeAnalyser().analyse(row.advert))
    flat = flat_record(5, out, ())
    assert set(flat) == {f.name for f in BASE_FIELDS}
    assert flat["row"] == 5 and flat["id"] == "a" and flat["error"] is None
    assert (flat["role_id"], flat["category"], flat["band_value"], flat["band_stated"]) == (
        "healthcare_support_worker",
        "defined_boundary",
        "3",
        "3",
    )
    assert flat["qualification_ids"] == ["care_certificate"] and flat["qualification_count"] == 1
    assert flat["pathway_flag"] == "missing_career_pathway" and flat["pathway_present"] is False
    assert (
        flat["analysis_json"]
        == out.line()
        == to_json(FakeAnalyser().analyse(row.advert).model_dump(mode="json"))
    )


def test_parquet_table_numbers_rows_and_keeps_columns_as_text() -> None:
    rows = [OutputRow("a", "missing text", None, {"n": 3}), OutputRow("b", "empty text", None, None)]
    table = parquet_table(10, rows, ("n",))
    assert table.column("row").to_pylist() == [10, 11]
    assert table.column("input_n").to_pylist() == ["3", None]
    assert table.column("analysis_json").to_pylist() == [None, None]
