"""NHS occupation codes (issue 7 item 2): the role's occupation level in the care setting the advert names."""

from __future__ import annotations

import pytest

from classifier.care_setting import default_lexicon, literal_anchor, text_strength
from classifier.nhs_occupation import OccupationCoder, default_codes
from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.schema import Role
from classifier.taxonomy import default_taxonomy

INPATIENT_MH = (
    "Join our acute mental health inpatient ward (a psychiatric intensive care unit) caring for adults detained "
    "under the Mental Health Act."
)
CMHT = (
    "Join our community mental health team (CMHT). You will hold a caseload of adults with serious mental illness "
    "and visit them at home as part of the community mental health service."
)
STROKE = "Join our hyper-acute stroke unit caring for patients after thrombolysis on a busy acute medical ward."
LD_INPATIENT = "Our learning disability inpatient service supports adults with learning disabilities and autism."
CLDT = "Join our community learning disability team (CLDT) supporting adults with learning disabilities."


@pytest.fixture(scope="module")
def coder() -> OccupationCoder:
    return OccupationCoder(default_taxonomy())


def coded(coder: OccupationCoder, role_id: str, title: str, text: str, finer: str | None = None) -> Role:
    role = Role(id=role_id, label=role_id, confidence=0.9, finer_role=finer)
    return coder.assign(from_text(text, title=title), role)


@pytest.mark.parametrize(
    ("role_id", "finer", "title", "text", "code", "setting"),
    [
        ("mental_health_nurse", None, "Staff Nurse", INPATIENT_MH, "N6E", "Other Mental Health"),
        ("mental_health_nurse", None, "Staff Nurse", CMHT, "N4D", "Community Mental Health"),
        ("other_registered_professional", "adult_nurse", "Staff Nurse", STROKE, "N6A", "Adult and General"),
        ("healthcare_support_worker", None, "Healthcare Assistant", STROKE, "H1A", "Adult and General"),
        ("healthcare_support_worker", None, "Healthcare Assistant", INPATIENT_MH, "H1D", "Other Mental Health"),
        ("healthcare_support_worker", None, "Healthcare Assistant", LD_INPATIENT, "H1E", "Other Learning Disabilities"),
        ("healthcare_support_worker", None, "Healthcare Assistant", CLDT, "N9F", "Community Learning Disabilities"),
        ("mental_health_support_worker", None, "Support Worker", CMHT, "N9D", "Community Mental Health"),
        ("medical_doctor", "psychiatrist", "Consultant Psychiatrist - CAMHS", CMHT, "053", "Child and adolescent psychiatry"),
        ("medical_doctor", None, "Consultant in Emergency Medicine", STROKE, "030", "Emergency medicine"),
    ],
)
def test_code_follows_the_advert_care_setting(
    coder: OccupationCoder, role_id: str, finer: str | None, title: str, text: str, code: str, setting: str
) -> None:
    occupation = coded(coder, role_id, title, text, finer).nhs_occupation
    assert occupation is not None
    assert (occupation.code, occupation.care_setting) == (code, setting)
    assert occupation.staff_group and occupation.occupation_level in occupation.name


def test_peer_support_workers_have_no_code_and_say_why(coder: OccupationCoder) -> None:
    role = coded(coder, "peer_support_worker", "Peer Support Worker", CMHT)
    assert role.nhs_occupation is None
    assert role.nhs_occupation_note and "peer support" in role.nhs_occupation_note


def test_title_names_the_finer_role_when_the_model_does_not_know_it(coder: OccupationCoder) -> None:
    occupation = coded(coder, "other_registered_professional", "Band 6 Physiotherapist", "MSK outpatients.").nhs_occupation
    assert occupation is not None and occupation.name == "Therapist in Physiotherapy"


def test_doctor_codes_listed_twice_name_the_other_code(coder: OccupationCoder) -> None:
    role = coded(coder, "medical_doctor", "Consultant Psychiatrist", "General adult psychiatry.", "psychiatrist")
    assert role.nhs_occupation is not None and role.nhs_occupation.code == "052"
    assert role.nhs_occupation_note and "152" in role.nhs_occupation_note


def test_confidence_falls_when_the_setting_is_unclear(coder: OccupationCoder) -> None:
    clear = coded(coder, "healthcare_support_worker", "Healthcare Assistant", LD_INPATIENT).nhs_occupation
    unclear = coded(coder, "healthcare_support_worker", "Healthcare Assistant", "Apply now.").nhs_occupation
    assert clear is not None and unclear is not None
    assert unclear.care_setting == "Adult and General"  # the role's default
    assert unclear.confidence < clear.confidence <= 0.9


def test_outpatient_is_not_read_as_inpatient() -> None:
    reader = default_lexicon().setting_reader(frozenset({"Other Mental Health"}))
    # "inpatient mental health" (a specific inpatient pattern) sits inside "outpatient mental health"
    text = "Our outpatient mental health clinic sees adults with mental health needs."
    assert reader.read("", text) == {"Other Mental Health": pytest.approx(0.5 * 0.7)}


def test_benefits_boilerplate_is_not_a_care_setting() -> None:
    reader = default_lexicon().setting_reader(frozenset({"Other Mental Health", "Maternity Services"}))
    text = "We offer maternity leave, maternity and paternity pay and support for your mental health."
    assert reader.read("", text) == {}
    assert reader.read("", "Join our maternity unit.") == {"Maternity Services": pytest.approx(0.9 * 0.6)}


def test_literal_anchor_is_in_every_match() -> None:
    assert literal_anchor("(?:low|medium|high) secure") == " secure"
    assert literal_anchor("cmhts?") == "cmht"
    assert literal_anchor("a ?(?:&|and) ?e") is None
    assert literal_anchor("foo|barbaz") is None
    assert text_strength(0) == 0.0 and text_strength(1) < text_strength(9) <= 0.9


def test_every_mapped_role_has_a_code_in_its_default_setting() -> None:
    codes = default_codes()
    for role in default_taxonomy().roles.values():
        if not role.nhs_occupation_levels:
            continue
        assert set(role.nhs_occupation_levels) <= codes.levels, role.id
        default = role.nhs_care_settings[0]
        assert any(codes.find(level, default) for level in role.nhs_occupation_levels), role.id


def test_analysis_carries_the_occupation_code(analyser: Analyser) -> None:
    analysis = analyser.analyse(INPATIENT_MH + " " + INPATIENT_MH, title="Community Psychiatric Nurse - CMHT")
    occupation = analysis.role.nhs_occupation
    assert occupation is not None and occupation.care_setting == "Community Mental Health"
    assert 0.0 < occupation.confidence <= analysis.role.confidence
