import pytest

from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.titles import is_trainee_title

INPATIENT = (
    "Job summary\nJoin our acute inpatient ward team. You will support patients with personal care, record "
    "physical observations and work alongside registered nurses in the multidisciplinary team.\n"
)


@pytest.mark.parametrize(
    ("title", "role_id"),
    [
        # "Staff Nurse" on a ward with no mental health evidence is no longer mental_health_nurse (issue 7): the
        # mental health case, with evidence, is in tests/test_taxonomy_workforce.py.
        ("Health Care Assistant (Inpatient) Band 3", "healthcare_support_worker"),
        ("Trainee Psychological Wellbeing Practitioner", "trainee_psychological_wellbeing_practitioner"),
        ("Psychological Wellbeing Practitioner", "psychological_wellbeing_practitioner"),
        ("Support, Time and Recovery Worker", "support_time_recovery_worker"),
        ("Peer Support Worker - Lived Experience", "peer_support_worker"),
        ("Ward Clerk", "administrator"),
        ("Consultant Psychiatrist", "medical_doctor"),
    ],
)
def test_common_titles(analyser: Analyser, title: str, role_id: str) -> None:
    role = analyser.roles.classify_many([from_text(INPATIENT, title=title)])[0]
    assert role.id == role_id


def test_role_output_contract(analyser: Analyser) -> None:
    role = analyser.roles.classify_many([from_text(INPATIENT, title="Healthcare Assistant")])[0]
    assert role.soc2020 == "6131"
    assert len(role.alternatives) == 3
    assert role.id not in {alt.id for alt in role.alternatives}
    assert 0.0 <= role.confidence <= 1.0
    assert all(alt.score <= role.confidence for alt in role.alternatives)
    assert role.method == "exact" and role.matched_variant == "healthcare assistant"


def test_trainee_title_moves_to_the_trainee_route(analyser: Analyser) -> None:
    role = analyser.roles.classify_many(
        [from_text(INPATIENT, title="Trainee Cognitive Behavioural Therapist")]
    )[0]
    assert role.id == "trainee_psychological_therapist"


def test_finer_role_reports_its_roles_csv_parent(analyser: Analyser) -> None:
    role = analyser.roles.classify_many(
        [from_text("Community team caseload.", title="Community Psychiatric Nurse")]
    )[0]
    assert role.id == "mental_health_nurse"
    assert role.finer_role == "community_psychiatric_nurse"


def test_missing_title_needs_review(analyser: Analyser) -> None:
    role = analyser.roles.classify_many([from_text("We are recruiting. Apply now.", title=None)])[0]
    assert role.needs_review
    assert role.method == "fallback"


def test_is_trainee_title() -> None:
    assert is_trainee_title("Occupational Therapy Apprentice")
    assert is_trainee_title("CAP in training")
    assert not is_trainee_title("Healthcare Assistant/Trainee")
    assert not is_trainee_title("Healthcare Assistant")
