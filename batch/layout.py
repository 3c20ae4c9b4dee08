"""What one output row looks like: a JSON object for JSONL, a flat record for Parquet.

JSONL rows are `Analysis.model_dump(mode="json")` (plus `input` when columns are kept) or
`{"id", "error"[, "input"]}`. Parquet rows are flat columns a researcher can filter on without parsing
JSON, plus `analysis_json` with the full analysis; docs/batch.md documents every column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from batch.rows import Row
from classifier.schema import Analysis

INPUT_KEY = "input"
INPUT_PREFIX = "input_"

_STRING_LIST = pa.list_(pa.string())
BASE_FIELDS: tuple[pa.Field, ...] = (
    pa.field("row", pa.int64(), nullable=False),
    pa.field("id", pa.string(), nullable=False),
    pa.field("error", pa.string()),
    pa.field("title", pa.string()),
    pa.field("title_source", pa.string()),
    pa.field("model_version", pa.string()),
    pa.field("role_id", pa.string()),
    pa.field("role_label", pa.string()),
    pa.field("role_confidence", pa.float64()),
    pa.field("role_needs_review", pa.bool_()),
    pa.field("nhs_occupation_code", pa.string()),
    pa.field("nhs_occupation_name", pa.string()),
    pa.field("nhs_staff_group", pa.string()),
    pa.field("nhs_care_setting", pa.string()),
    pa.field("category", pa.string()),
    pa.field("category_confidence", pa.float64()),
    pa.field("band_value", pa.string()),
    pa.field("band_source", pa.string()),
    pa.field("band_stated", pa.string()),
    pa.field("band_from_salary", pa.string()),
    pa.field("band_predicted", pa.string()),
    pa.field("salary_annual_min", pa.float64()),
    pa.field("salary_annual_max", pa.float64()),
    pa.field("salary_pay_year", pa.string()),
    pa.field("qualification_ids", _STRING_LIST),
    pa.field("qualification_count", pa.int32()),
    pa.field("skill_ids", _STRING_LIST),
    pa.field("skill_count", pa.int32()),
    pa.field("pathway_present", pa.bool_()),
    pa.field("pathway_flag", pa.string()),
    pa.field("wording_issue_codes", _STRING_LIST),
    pa.field("analysis_json", pa.string()),
)


def to_json(value: Any) -> str:
    """One serialisation for every engine, so outputs compare byte for byte."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class OutputRow:
    """One output row: the analysis as JSON text (pydantic's serialiser, ~8x faster than a dict round
    trip) or the error, plus the kept input columns."""

    id: str
    error: str | None
    analysis_json: str | None
    kept: dict[str, Any] | None

    def line(self) -> str:
        """The JSONL line (without newline): the analysis object with `input` added, or the error row."""
        if self.analysis_json is None:
            error: dict[str, Any] = {"id": self.id, "error": self.error}
            return to_json(error if self.kept is None else {**error, INPUT_KEY: self.kept})
        if self.kept is None:
            return self.analysis_json
        return f'{self.analysis_json[:-1]},"{INPUT_KEY}":{to_json(self.kept)}}}'


def output_row(row: Row, analysis: Analysis | None) -> OutputRow:
    return OutputRow(
        row.id, row.error, analysis.model_dump_json() if analysis is not None else None, row.kept
    )


def parquet_schema(keep: tuple[str, ...]) -> pa.Schema:
    return pa.schema([*BASE_FIELDS, *(pa.field(INPUT_PREFIX + name, pa.string()) for name in keep)])


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return to_json(value)


def flat_record(row_number: int, row: OutputRow, keep: tuple[str, ...]) -> dict[str, Any]:
    """The Parquet record for one output row (see `BASE_FIELDS`)."""
    kept = row.kept or {}
    record: dict[str, Any] = {"row": row_number, "id": row.id, "error": row.error}
    record.update({INPUT_PREFIX + name: _text(kept.get(name)) for name in keep})
    if row.analysis_json is None:
        return record
    out = json.loads(row.analysis_json)
    role, band, pathway = out["role"], out["band"], out["career_pathway"]
    salary = band.get("salary") or {}
    occupation = role.get("nhs_occupation") or {}
    quals = _distinct([q["id"] for q in out["qualifications"]])
    skills = _distinct([s["id"] for s in out["skills"]])
    record.update(
        title=out.get("title"),
        title_source=out.get("title_source"),
        model_version=out["model_version"],
        role_id=role["id"],
        role_label=role["label"],
        role_confidence=role["confidence"],
        role_needs_review=role["needs_review"],
        nhs_occupation_code=occupation.get("code"),
        nhs_occupation_name=occupation.get("name"),
        nhs_staff_group=occupation.get("staff_group"),
        nhs_care_setting=occupation.get("care_setting"),
        category=out["category"]["id"],
        category_confidence=out["category"]["confidence"],
        band_value=band["value"],
        band_source=band["source"],
        band_stated=band["stated"],
        band_from_salary=band["from_salary"],
        band_predicted=band["predicted"],
        salary_annual_min=salary.get("annual_minimum"),
        salary_annual_max=salary.get("annual_maximum"),
        salary_pay_year=salary.get("pay_year"),
        qualification_ids=quals,
        qualification_count=len(quals),
        skill_ids=skills,
        skill_count=len(skills),
        pathway_present=pathway["present"],
        pathway_flag=pathway["flag"],
        wording_issue_codes=_distinct([issue["code"] for issue in out["wording"]["issues"]]),
        analysis_json=row.analysis_json,
    )
    return record


def parquet_table(first_row: int, rows: list[OutputRow], keep: tuple[str, ...]) -> pa.Table:
    records = [flat_record(first_row + offset, out, keep) for offset, out in enumerate(rows)]
    return pa.Table.from_pylist(records, schema=parquet_schema(keep))
