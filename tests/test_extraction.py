"""Qualification and skill extraction on short invented adverts (no shared data needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from classifier.extraction import QualificationSkillExtractor
from classifier.lexicon import expand
from classifier.schema import Advert, Qualification, Section, SectionName, Skill
from training.extraction_eval import evaluate_extraction

NLP = spacy.blank("en")


@pytest.fixture(scope="module")
def extractor() -> QualificationSkillExtractor:
    return QualificationSkillExtractor(NLP)


def run(
    extractor: QualificationSkillExtractor, text: str, headings: dict[str, SectionName] | None = None
) -> tuple[dict[str, Qualification], dict[str, Skill]]:
    """Extract from `text`; `headings` maps a heading line in the text to the section it opens."""
    sections = []
    if headings:
        starts = sorted((text.index(h), name) for h, name in headings.items())
        ends = [start for start, _ in starts[1:]] + [len(text)]
        sections = [
            Section(name=name, start=start, end=end) for (start, name), end in zip(starts, ends, strict=True)
        ]
    advert = Advert(text=text, sections=sections)
    quals, skills = extractor.extract(advert, NLP(text))
    items: list[Qualification | Skill] = [*quals, *skills]
    for item in items:
        assert text[item.span.start : item.span.end] == item.span.text == item.text
    return {q.id: q for q in quals}, {s.id: s for s in skills}


def test_requirement_comes_from_the_section(extractor: QualificationSkillExtractor) -> None:
    text = (
        "Essential criteria\nFull UK driving licence.\n"
        "Desirable criteria\nNVQ Level 3 in Health and Social Care.\n"
        "What we offer\nFully supported Care Certificate induction.\n"
    )
    quals, _ = run(
        extractor,
        text,
        {"Essential criteria": "essential", "Desirable criteria": "desirable", "What we offer": "benefits"},
    )
    assert quals["driving_licence"].requirement == "essential"
    assert quals["l3_diploma_adult_care"].requirement == "desirable"
    assert quals["care_certificate"].requirement == "offered"


@pytest.mark.parametrize(
    ("sentence", "requirement"),
    [
        ("An enhanced DBS check is essential for this post.", "essential"),
        ("Applicants must hold an enhanced DBS check.", "essential"),
        ("A DBS check would be an advantage.", "desirable"),
        ("Ideally you will already hold a DBS certificate.", "desirable"),
        ("A DBS check forms part of the recruitment process.", "unspecified"),
        ("We will support you to complete the Care Certificate.", "offered"),
        ("You will be supported to gain the Care Certificate in your first months.", "offered"),
        ("Training will be provided, including the Care Certificate.", "offered"),
        ("The Care Certificate is part of induction.", "unspecified"),
    ],
)
def test_requirement_comes_from_the_sentence(
    extractor: QualificationSkillExtractor, sentence: str, requirement: str
) -> None:
    quals, _ = run(extractor, "Ward support worker.\n" + sentence)
    (found,) = quals.values()
    assert found.requirement == requirement


def test_one_item_per_id_first_span_strongest_requirement(extractor: QualificationSkillExtractor) -> None:
    text = (
        "You will need a DBS check before you start. The role involves lone visits.\n"
        "A DBS check is mentioned again here.\n"
        "Please note an enhanced DBS check is essential.\n"
    )
    quals, _ = run(extractor, text)
    assert list(quals) == ["dbs_enhanced"]
    dbs = quals["dbs_enhanced"]
    assert dbs.span.start == text.index("DBS")
    assert dbs.requirement == "essential"


def test_items_are_sorted_by_span_start(extractor: QualificationSkillExtractor) -> None:
    text = (
        "You will carry out risk assessments and support personal care. "
        "You will record observations and liaise with social workers and other agencies."
    )
    advert = Advert(text=text)
    _, skills = extractor.extract(advert, NLP(text))
    starts = [s.span.start for s in skills]
    assert starts == sorted(starts)
    expected = {"risk_assessment", "personal_care", "record_observations", "mdt_liaison"}
    assert expected <= {s.id for s in skills}


def test_employer_describing_itself_is_not_a_skill(extractor: QualificationSkillExtractor) -> None:
    _, skills = run(
        extractor,
        "We are a compassionate and caring Trust. We are committed to equality, diversity and inclusion.",
    )
    assert "empathy_compassion" not in skills
    assert "equality_inclusion" not in skills
    _, skills = run(
        extractor,
        "You will be compassionate and respect equality and diversity in your practice.",
    )
    assert {"empathy_compassion", "equality_inclusion"} <= set(skills)


def test_about_section_is_not_read_for_skills(extractor: QualificationSkillExtractor) -> None:
    text = (
        "About us\nOur teams offer person-centred, recovery-focused care.\nThe role\nSupport personal care."
    )
    _, skills = run(extractor, text, {"About us": "about", "The role": "duties"})
    assert set(skills) == {"personal_care"}


def test_flexible_working_perk_is_not_flexibility(extractor: QualificationSkillExtractor) -> None:
    _, skills = run(extractor, "We support flexible working for all our staff.")
    assert "flexibility" not in skills
    _, skills = run(extractor, "You must be willing to work shifts, including nights and weekends.")
    assert skills["flexibility"].requirement == "essential"


def test_general_words_alone_are_not_skills(extractor: QualificationSkillExtractor) -> None:
    _, skills = run(extractor, "Join our team. We provide care and support in the community.")
    assert skills == {}


@pytest.mark.parametrize(
    ("text", "qual_id", "level"),
    [
        ("You must have completed the Care Certificate.", "care_certificate", None),
        ("NVQ Level 3 or equivalent is essential.", "l3_diploma_adult_care", 3),
        ("Applicants need NVQ 3.", "l3_diploma_adult_care", 3),
        ("Level 3 Diploma in Health and Social Care (Adults) is desirable.", "l3_diploma_adult_care", 3),
        ("QCF Level 2 in Health and Social Care.", "l2_diploma_care", 2),
        ("NVQ 2 in care or willingness to work towards it.", "l2_diploma_care", 2),
        ("Holds the Level 2 Adult Social Care Certificate.", "l2_adult_social_care_certificate", 2),
        ("Level 3 Diploma in Healthcare Support.", "l3_diploma_healthcare_support", 3),
        ("GCSE English and maths at grade 4 or above.", "english_maths_l2", 2),
        ("Mental Health First Aid trained.", "mhfa", None),
        ("You will complete PMVA training.", "restrictive_practice", None),
        ("Training in MAPA or breakaway techniques.", "restrictive_practice", None),
        ("Safety Intervention training is given.", "restrictive_practice", None),
        ("Any offer is subject to a satisfactory PVG check.", "dbs_enhanced", None),
        ("A Disclosure and Barring Service check will be carried out.", "dbs_enhanced", None),
        ("A full UK driving licence is required.", "driving_licence", None),
        ("A valid driving license and access to a car.", "driving_licence", None),
        ("Basic Life Support training is mandatory.", "bls", None),
        ("A BSc in Psychology with GBC is essential.", "degree_psychology_gbc", 6),
    ],
)
def test_qualification_phrasings(
    extractor: QualificationSkillExtractor, text: str, qual_id: str, level: int | None
) -> None:
    quals, _ = run(extractor, text)
    assert qual_id in quals
    assert quals[qual_id].level == level


def test_level_2_adult_social_care_certificate_is_not_the_care_certificate(
    extractor: QualificationSkillExtractor,
) -> None:
    quals, _ = run(extractor, "You will work towards the Level 2 Adult Social Care Certificate.")
    assert set(quals) == {"l2_adult_social_care_certificate"}
    assert quals["l2_adult_social_care_certificate"].requirement == "offered"


def test_qualification_groups(extractor: QualificationSkillExtractor) -> None:
    quals, _ = run(extractor, "NVQ Level 3, an enhanced DBS and PMVA training are required.")
    assert quals["l3_diploma_adult_care"].group == "vocational"
    assert quals["dbs_enhanced"].group == "check"
    assert quals["restrictive_practice"].group == "training"


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("You will deliver person-centred care.", "person_centred"),
        ("You will deliver person centered care.", "person_centred"),
        ("You will work within the multi-disciplinary team.", "teamwork"),
        ("You will be part of the busy inpatient ward team.", "teamwork"),
        ("You will be empathetic and kind.", "empathy_compassion"),
        ("You will show empathy.", "empathy_compassion"),
        ("You will take a non-judgemental approach.", "patience_understanding"),
        ("You will take a non-judgmental approach.", "patience_understanding"),
        ("You will de-escalate situations calmly.", "de_escalation"),
        ("You will undertake physical observations such as blood pressure.", "physiological_observations"),
        ("You will signpost people to local services.", "signposting"),
        ("You will use your lived experience to support others.", "lived_experience_use"),
        ("You will be familiar with the Mental Health Act.", "legal_frameworks"),
        ("You will use RiO and SystmOne.", "epr_systems"),
        ("You will maintain accurate records.", "record_keeping"),
    ],
)
def test_skill_phrasings(extractor: QualificationSkillExtractor, text: str, skill_id: str) -> None:
    _, skills = run(extractor, text)
    assert skill_id in skills


def test_skill_fields(extractor: QualificationSkillExtractor) -> None:
    _, skills = run(extractor, "Excellent communication skills are essential.")
    skill = skills["communication_listening"]
    assert skill.group == "values_behaviours"
    assert skill.requirement == "essential"
    assert skill.text == "Excellent communication"


def test_expand_choices_hyphens_and_spellings() -> None:
    assert expand("{a|the} person-centred {plan|}") == sorted(
        {
            f"{det} {form}{tail}"
            for det in ("a", "the")
            for form in (
                "person-centred",
                "person centred",
                "personcentred",
                "person\u2011centred",
                "person-centered",
                "person centered",
                "personcentered",
                "person\u2011centered",
            )
            for tail in (" plan", "")
        }
    )


def test_custom_lexicon_directory(tmp_path: Path) -> None:
    (tmp_path / "qualifications.yaml").write_text(
        "qualifications:\n  widget_cert:\n    label: Widget\n    level: 1\n    group: training\n"
        "    phrases: ['widget {certificate|cert}']\n",
        encoding="utf-8",
    )
    (tmp_path / "skills.yaml").write_text(
        "skills:\n  juggling:\n    label: Juggling\n    group: admin_it\n    phrases: ['juggle ~2 balls']\n",
        encoding="utf-8",
    )
    custom = QualificationSkillExtractor(NLP, lexicon_dir=tmp_path)
    text = "A widget cert is essential. You will juggle three red balls."
    quals, skills = custom.extract(Advert(text=text), NLP(text))
    assert [(q.id, q.requirement, q.text) for q in quals] == [("widget_cert", "essential", "widget cert")]
    assert [(s.id, s.text) for s in skills] == [("juggling", "juggle three red balls")]


def test_evaluate_extraction_counts() -> None:
    rows = [
        {
            "labels": {"quals": ["dbs_enhanced"], "skills": ["teamwork", "flexibility"]},
            "predicted": {"quals": ["dbs_enhanced", "bls"], "skills": ["teamwork"]},
        },
        {"labels": {"quals": [], "skills": ["teamwork"]}, "predicted": {"quals": [], "skills": ["teamwork"]}},
    ]
    report = evaluate_extraction(rows)
    assert report["quals"]["micro"]["precision"] == pytest.approx(0.5)
    assert report["quals"]["micro"]["recall"] == pytest.approx(1.0)
    assert report["skills"]["micro"]["recall"] == pytest.approx(2 / 3)
    assert report["skills"]["per_id"]["flexibility"]["fn"] == 1
    assert report["skills"]["macro"]["recall"] == pytest.approx(0.5)
