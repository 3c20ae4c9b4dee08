"""`date_posted` from every door (batch rows, the API, `mhsw analyse --date`) reaches the salary reading."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from test_cli import mhsw
from test_service_api import client_for

from batch.rows import Columns, validate
from classifier.pipeline import Analyser

TEXT = (
    "Riverside NHS Foundation Trust\nStaff Nurse\nSalary: £24,214 - £30,112 per annum\n"
    "You will care for patients on a busy surgical ward."
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-05", date(2020, 10, 5)),
        ("2020-10-05T09:30:00", date(2020, 10, 5)),
        (date(2020, 10, 5), date(2020, 10, 5)),
        (datetime(2020, 10, 5, 9, 30), date(2020, 10, 5)),
        (None, None),
        ("", None),
    ],
)
def test_batch_row_reads_the_date_column(value: object, expected: date | None) -> None:
    row = validate({"id": "a", "text": TEXT, "date_posted": value}, 1, Columns())
    assert row.advert is not None and row.advert.date_posted == expected


def test_batch_date_column_can_be_renamed() -> None:
    row = validate({"id": "a", "text": TEXT, "posted": "2020-10-05"}, 1, Columns(date="posted"))
    assert row.advert is not None and row.advert.date_posted == date(2020, 10, 5)


@pytest.mark.parametrize("value", ["05/10/2020", "2020-13-01", "soon", 20201005, ["2020-10-05"]])
def test_bad_batch_date_is_an_error_row_naming_the_column(value: object) -> None:
    row = validate({"id": "a", "text": TEXT, "posted": value}, 1, Columns(date="posted"))
    assert row.advert is None and row.error is not None
    assert row.error.startswith("posted must be an ISO date")


def test_api_date_posted_picks_the_pay_year(analyser: Analyser) -> None:
    with client_for(analyser) as client:
        assert client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        dated = client.post("/v1/analyse", json={"text": TEXT, "date_posted": "2020-10-05"})
        assert dated.status_code == 200
        band = dated.json()["band"]
        assert (band["from_salary"], band["salary"]["pay_year"]) == ("5", "2019/20")
        bad = client.post("/v1/analyse", json={"text": TEXT, "date_posted": "2020-13-45"})
        assert bad.status_code == 422
        assert "date_posted" in json.dumps(bad.json())


def test_cli_date_option(tmp_path: Path) -> None:
    advert = tmp_path / "advert.txt"
    advert.write_text(TEXT, encoding="utf-8")
    result = mhsw("analyse", str(advert), "--date", "2020-10-05")
    assert result.returncode == 0, result.stderr
    band = json.loads(result.stdout)["band"]
    assert band["salary"]["pay_year"] == "2019/20"
    assert "salary_previous_pay_year" in {note["code"] for note in band["notes"]}
    bad = mhsw("analyse", str(advert), "--date", "5 Oct 2020")
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "--date" in bad.stderr
