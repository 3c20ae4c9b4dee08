"""A qualification named as a progression route or as something the employer offers is not asked for."""

from __future__ import annotations

import pytest
import spacy

from batch.tables import Tally, mention_table
from classifier.extraction import QualificationSkillExtractor
from classifier.pipeline import Analyser
from classifier.requirement import REQUIREMENT_RANK, requirement_for
from classifier.schema import Advert, Qualification

NLP = spacy.blank("en")


@pytest.fixture(scope="module")
def extractor() -> QualificationSkillExtractor:
    return QualificationSkillExtractor(NLP)


def quals(extractor: QualificationSkillExtractor, text: str) -> dict[str, Qualification]:
    found, _ = extractor.extract(Advert(text=text), NLP(text))
    return {q.id: q for q in found}


@pytest.mark.parametrize(
    ("sentence", "qual_id", "requirement"),
    [
        ("In time you could go on to a BSc Mental Health Nursing.", "degree_mh_nursing", "route"),
        (
            "The post offers a clear career pathway into the Nursing Degree Apprenticeship.",
            "degree_mh_nursing",
            "route",
        ),
        ("Many of our assistants progress onto the PWP training programme.", "pwp_certificate", "route"),
        ("This role can be a stepping stone to a BSc (Hons) in Mental Health Nursing.", "degree_mh_nursing", "route"),
        ("Once qualified you may go on to an NVQ Level 3 in Health and Social Care.", "l3_diploma_adult_care", "route"),
        ("We will support you to complete the Care Certificate.", "care_certificate", "offered"),
        ("We offer a fully funded NVQ Level 3 in Health and Social Care.", "l3_diploma_adult_care", "offered"),
        ("You must hold a BSc Mental Health Nursing.", "degree_mh_nursing", "essential"),
        ("A PWP certificate would be an advantage.", "pwp_certificate", "desirable"),
    ],
)
def test_route_offered_and_asked_for(
    extractor: QualificationSkillExtractor, sentence: str, qual_id: str, requirement: str
) -> None:
    found = quals(extractor, "Ward support worker.\n" + sentence)
    assert found[qual_id].requirement == requirement


def test_a_route_named_earlier_in_the_sentence_does_not_make_a_later_course_a_route(
    extractor: QualificationSkillExtractor,
) -> None:
    text = (
        "Ward support worker.\nThe apprentice will progress to a band 3 post, whilst undertaking the "
        "Care Certificate."
    )
    assert quals(extractor, text)["care_certificate"].requirement != "route"


def test_every_qualification_in_a_list_of_routes_is_a_route(extractor: QualificationSkillExtractor) -> None:
    text = (
        "Ward support worker.\nYou could go on to an NVQ Level 3 in Health and Social Care or a BSc "
        "Mental Health Nursing."
    )
    found = quals(extractor, text)
    assert {q.requirement for q in found.values()} == {"route"} and len(found) == 2


def test_asked_for_beats_route_when_both_are_said(extractor: QualificationSkillExtractor) -> None:
    text = (
        "Ward support worker.\nYou could go on to an NVQ Level 3 in Health and Social Care.\n"
        "Essential: NVQ Level 3 in Health and Social Care."
    )
    assert quals(extractor, text)["l3_diploma_adult_care"].requirement == "essential"


def test_sections_still_decide_first() -> None:
    assert requirement_for("essential", "you could go on to it", "you could go on to ") == "essential"
    assert requirement_for(None, "you could go on to it", "you could go on to ") == "route"
    assert REQUIREMENT_RANK["unspecified"] < REQUIREMENT_RANK["route"] < REQUIREMENT_RANK["offered"]


def test_skills_are_never_routes(extractor: QualificationSkillExtractor) -> None:
    text = "Ward support worker.\nYou will help people progress towards recovery using risk assessment."
    _, skills = extractor.extract(Advert(text=text), NLP(text))
    assert skills and all(s.requirement != "route" for s in skills)


def test_routes_and_offers_are_left_out_of_the_report_requested_counts(analyser: Analyser) -> None:
    text = (
        "Healthcare Support Worker\nYou must hold the Care Certificate.\n"
        "In time you could go on to a BSc Mental Health Nursing.\n"
        "We offer a fully funded NVQ Level 3 in Health and Social Care.\n"
    )
    row = analyser.analyse(text, title="Healthcare Support Worker").model_dump(mode="json")
    assert {q["id"]: q["requirement"] for q in row["qualifications"]} == {
        "care_certificate": "essential",
        "degree_mh_nursing": "route",
        "l3_diploma_adult_care": "offered",
    }
    tally = Tally()
    tally.add(row)
    table = mention_table(tally, tally.quals, "qualifications", "Most requested qualifications")
    assert [r[0] for r in table.rows] == ["care_certificate"]
