"""The report counts adverts by NHS staff group and care setting, from `role.nhs_occupation` (issue 7)."""

from __future__ import annotations

from typing import Any

from batch.tables import NO_CODE, staff_group_table, tally


def result(occupation: dict[str, str] | None) -> dict[str, Any]:
    role = {"id": "x", "label": "X", "nhs_occupation": occupation}
    band = {"stated": None, "predicted": None, "value": None, "salary": None}
    return {
        "model_version": "m",
        "role": role,
        "category": {"id": "registered_professional"},
        "band": band,
        "career_pathway": {"flag": None},
        "qualifications": [],
        "skills": [],
        "wording": {"issues": []},
    }


def test_staff_group_table_counts_each_group_and_setting() -> None:
    nurses_mh = {"staff_group": "Nurses & health visitors", "care_setting": "Other Mental Health"}
    nurses_adult = {"staff_group": "Nurses & health visitors", "care_setting": "Adult and General"}
    support = {"staff_group": "Support to doctors, nurses & midwives", "care_setting": "Other Mental Health"}
    rows = [result(nurses_mh)] * 3 + [result(nurses_adult)] + [result(support)] * 2 + [result(None)]
    table = staff_group_table(tally(rows))
    assert table.columns == ("nhs_staff_group", "nhs_care_setting", "adverts", "percent")
    assert [row[:3] for row in table.rows] == [
        ("Nurses & health visitors", "Other Mental Health", 3),
        ("Nurses & health visitors", "Adult and General", 1),
        ("Support to doctors, nurses & midwives", "Other Mental Health", 2),
        (NO_CODE, "", 1),
    ]
    assert sum(row[2] for row in table.rows) == len(rows)
