"""The whole-NHS taxonomy (issue 7): finer roles sit under roles.csv parents, generic ward titles need evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.taxonomy import default_taxonomy, load_taxonomy
from classifier.title_cleaning import clean_title
from classifier.titles import VariantIndex

MH_WARD = (
    "Job summary\nJoin our acute mental health inpatient ward. You will care for adults detained under the Mental "
    "Health Act, lead therapeutic observations, de-escalate distress and hold a caseload as a registered mental "
    "health nurse (RMN) in the psychiatric multidisciplinary team.\n"
)
STROKE_WARD = (
    "Job summary\nJoin our hyper-acute stroke unit. You will assess patients after thrombolysis, monitor neurological "
    "observations, manage swallow screening and pressure area care, and work with stroke physicians and therapists "
    "as a registered adult nurse (RGN).\n"
)


@pytest.fixture(scope="module")
def index() -> VariantIndex:
    return VariantIndex(default_taxonomy())


def test_finer_roles_sit_under_a_top_level_role_of_the_same_category() -> None:
    taxonomy = default_taxonomy()
    finer = [r for r in taxonomy.roles.values() if r.parent]
    assert len(finer) >= 70
    for role in finer:
        parent = taxonomy.role(role.parent or "")
        assert parent.parent is None and parent.category == role.category, role.id


@pytest.mark.parametrize(
    ("title", "finer", "top"),
    [
        ("Theatre Recovery Practitioner", "theatre_practitioner", "other_registered_professional"),
        ("Midwife - Band 6", "midwife", "other_registered_professional"),
        ("Community Staff Nurse", "community_nurse", "other_registered_professional"),
        ("Band 5 Physiotherapist (Rotational)", "physiotherapist", "other_registered_professional"),
        ("Maternity Support Worker", "maternity_support_worker", "healthcare_support_worker"),
        ("Phlebotomist", "phlebotomist", "healthcare_support_worker_other"),
        ("Hospital Porter", "porter", "facilities_worker"),
        ("Salaried GP", "general_practitioner", "medical_doctor"),
        ("Consultant Psychiatrist", "psychiatrist", "medical_doctor"),
        ("Trainee ODP", "trainee_operating_department_practitioner", "trainee_other"),
        ("Graduate Finance Trainee", "finance_officer", "administrator"),
        ("Staff Nurse (Mental Health)", "mental_health_nurse", "mental_health_nurse"),
    ],
)
def test_new_workforce_titles_match_their_finer_role(index: VariantIndex, title: str, finer: str, top: str) -> None:
    found = index.match(clean_title(title))
    assert found is not None and found[0] == finer
    assert default_taxonomy().role(finer).top_id == top


@pytest.mark.parametrize(
    "title", ["Staff Nurse", "Registered Nurse", "Charge Nurse", "Ward Manager", "Sister", "Recovery Practitioner",
              "Staff Nurse - Willow Ward", "Team Leader", "Nurse"],
)
def test_generic_ward_titles_are_never_an_exact_match(index: VariantIndex, title: str) -> None:
    assert index.match(clean_title(title)) is None


def test_every_role_maps_to_an_occupation_level_or_says_why_not() -> None:
    for role in default_taxonomy().roles.values():
        assert role.nhs_occupation_levels or role.nhs_occupation_note, role.id
        assert bool(role.nhs_occupation_levels) == bool(role.nhs_care_settings), role.id


def test_staff_nurse_on_a_mental_health_ward_is_a_mental_health_nurse(analyser: Analyser) -> None:
    role = analyser.roles.classify_many([from_text(MH_WARD, title="Band 5 Staff Nurse - Willow Ward")])[0]
    assert role.id == "mental_health_nurse"
    assert role.method == "model"


def test_staff_nurse_on_a_stroke_ward_is_not_a_mental_health_nurse(analyser: Analyser) -> None:
    if "adult_nurse" not in analyser.roles.model.classes:
        pytest.skip("the loaded role model was trained before the taxonomy knew adult nursing")
    role = analyser.roles.classify_many([from_text(STROKE_WARD, title="Staff Nurse - Stroke Unit")])[0]
    assert role.id == "other_registered_professional"
    assert role.finer_role == "adult_nurse"


def test_loader_rejects_a_finer_role_in_another_category(tmp_path: Path) -> None:
    base = {"usual_band": "3", "nhs_occupation_note": "test"}
    roles = [
        {"id": "administrator", "label": "A", "category": "out_of_scope", "parent": None, **base},
        {"id": "clerk", "label": "C", "category": "defined_boundary", "parent": "administrator", **base},
    ]
    path = tmp_path / "roles.yaml"
    path.write_text(yaml.safe_dump({"version": "t", "roles": roles}), encoding="utf-8")
    with pytest.raises(ValueError, match="differs from its parent"):
        load_taxonomy(path)
    roles[1]["category"] = "out_of_scope"
    del roles[1]["nhs_occupation_note"]
    path.write_text(yaml.safe_dump({"version": "t", "roles": roles}), encoding="utf-8")
    with pytest.raises(ValueError, match="nhs_occupation_note"):
        load_taxonomy(path)
