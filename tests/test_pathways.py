"""Career-pathway detection on short invented adverts (no real advert text)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import spacy

from classifier.pathways import PathwayDetector, compile_pattern, lower_same_length
from classifier.schema import Advert, CareerPathway, Section, SectionName
from classifier.taxonomy import RoleEntry, default_taxonomy

NLP = spacy.blank("en")


@pytest.fixture(scope="module")
def detector() -> PathwayDetector:
    return PathwayDetector(NLP)


def hcsw() -> RoleEntry:
    """The HCSW entry with fixed next steps, so these tests do not follow taxonomy edits."""
    role = default_taxonomy().role("healthcare_support_worker")
    return replace(role, next_steps=("Senior HCSW (L3 apprenticeship)", "TNA (unconfirmed)"))


def detect(
    detector: PathwayDetector,
    text: str,
    *,
    category: str = "defined_boundary",
    title: str | None = "Healthcare Support Worker",
    sections: list[Section] | None = None,
    salary_bands: list[str] | None = None,
    role: RoleEntry | None = None,
) -> CareerPathway:
    advert = Advert(title=title, text=text, sections=sections or [])
    return detector.detect(
        advert, NLP(text), role_entry=role or hcsw(), category=category, salary_bands=salary_bands or []
    )


def kinds(pathway: CareerPathway) -> dict[str, str]:
    return {s.kind: s.strength for s in pathway.signals}


def assert_spans_exact(text: str, pathway: CareerPathway) -> None:
    for signal in pathway.signals:
        assert text[signal.span.start : signal.span.end] == signal.span.text == signal.text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "After a year in post you can apply for our Trainee Nursing Associate programme.",
            "trainee_nursing_associate",
        ),
        (
            "Staff are supported onto the registered nurse degree apprenticeship.",
            "nursing_degree_apprenticeship",
        ),
        (
            "You will complete the Senior Healthcare Support Worker apprenticeship.",
            "support_worker_apprenticeship",
        ),
        ("The post holder will be enrolled on a level 3 apprenticeship.", "level_apprenticeship"),
        (
            "We will fund you to work towards the Level 3 Diploma in Healthcare Support.",
            "funded_qualification",
        ),
        ("This is a band 3/4 post with a clear plan for your first year.", "development_post"),
        ("On successful completion of the course you will move to band 4.", "progression_on_completion"),
        ("Pay follows Annex 21 while you train.", "progression_on_completion"),
        ("Fully funded training and study days are included.", "funded_training"),
        ("Ours is a grow our own workforce plan.", "career_pathway"),
        ("You can join the Talent for Care scheme.", "career_pathway"),
        ("Applicants may go on to a Foundation Degree with the local university.", "foundation_degree"),
        (
            "This role is a first step to becoming a registered occupational therapist.",
            "route_to_qualified_role",
        ),
        ("Once you have completed the apprenticeship you will move to band 3.", "progression_on_completion"),
        ("Staff who wish to train as nursing associates are supported.", "trainee_nursing_associate"),
    ],
)
def test_strong_signal_alone_shows_a_route(detector: PathwayDetector, text: str, kind: str) -> None:
    pathway = detect(detector, text)
    assert kinds(pathway).get(kind) == "strong"
    assert pathway.present
    assert pathway.flag is None and pathway.explanation is None
    assert_spans_exact(text, pathway)


def test_span_covers_the_phrase_exactly(detector: PathwayDetector) -> None:
    text = "Ward 9 is recruiting.\nYou may apply for the TNA programme after your first year."
    pathway = detect(detector, text)
    [signal] = [s for s in pathway.signals if s.kind == "trainee_nursing_associate"]
    assert signal.span.text == "apply for the TNA programme"
    assert (signal.span.start, signal.span.end) == (text.index("apply"), text.index(" after"))


def test_two_moderate_signals_show_a_route_but_one_does_not(detector: PathwayDetector) -> None:
    one = "We will support you to complete the Care Certificate."
    two = one + " Every week includes protected learning time."
    assert kinds(detect(detector, one)) == {"care_certificate_support": "moderate"}
    assert not detect(detector, one).present
    pathway = detect(detector, two)
    assert kinds(pathway) == {"care_certificate_support": "moderate", "protected_learning_time": "moderate"}
    assert pathway.present


@pytest.mark.parametrize(
    "text",
    [
        "We offer excellent career development opportunities.",
        "Take the next step in your career with us.",
        "There is scope for progression within the team.",
        "There is an opportunity to progress to a senior support worker role.",
    ],
)
def test_generic_career_progression_counts(detector: PathwayDetector, text: str) -> None:
    assert detect(detector, text).present


def test_weak_signals_alone_are_flagged_with_routes(detector: PathwayDetector) -> None:
    text = (
        "Full training will be provided, with a two-week induction.\n"
        "You will have regular supervision and an annual appraisal, and CPD is encouraged."
    )
    pathway = detect(detector, text)
    assert set(kinds(pathway)) == {"training_provided", "induction", "supervision", "appraisal", "cpd"}
    assert set(kinds(pathway).values()) == {"weak"}
    assert not pathway.present
    assert pathway.flag == "missing_career_pathway"
    assert pathway.known_routes == ["Senior HCSW (L3 apprenticeship)", "TNA (unconfirmed)"]
    assert pathway.explanation is not None
    assert pathway.explanation.startswith("The advert does not tell applicants how this role leads anywhere.")
    assert "Known routes: Senior HCSW (L3 apprenticeship); TNA." in pathway.explanation
    assert '"induction"' in pathway.explanation
    assert pathway.explanation.endswith("whether it is funded and how long it takes.")
    assert_spans_exact(text, pathway)


def test_only_defined_boundary_adverts_are_flagged(detector: PathwayDetector) -> None:
    text = "Join our friendly ward team."
    for category in ("further_education", "registered_professional", "out_of_scope"):
        pathway = detect(detector, text, category=category)
        assert not pathway.present and pathway.flag is None and pathway.explanation is None
    assert detect(detector, text).flag == "missing_career_pathway"


def test_explanation_without_known_routes(detector: PathwayDetector) -> None:
    role = replace(hcsw(), next_steps=())
    pathway = detect(detector, "Help patients home safely.", role=role)
    assert pathway.explanation is not None
    assert "Known routes" not in pathway.explanation
    assert pathway.known_routes == []


def test_trainee_post_is_an_implicit_pathway(detector: PathwayDetector) -> None:
    text = "Psychological Wellbeing Practitioner - Trainee\nYou will work with adults in primary care."
    pathway = detect(detector, text, category="trainee", title="Trainee PWP")
    assert pathway.present and pathway.flag is None
    [signal] = [s for s in pathway.signals if s.kind == "trainee_post"]
    assert signal.strength == "strong"
    assert signal.span.text == "Trainee"
    assert signal.span.start == text.index("Trainee")


def test_trainee_post_without_the_word_points_at_the_title(detector: PathwayDetector) -> None:
    text = "Wellbeing Practitioner (PWP Course) - a two-day study week."
    pathway = detect(detector, text, category="trainee", title="wellbeing practitioner")
    [signal] = [s for s in pathway.signals if s.kind == "trainee_post"]
    assert signal.span.text == "Wellbeing Practitioner"
    assert signal.span.start == 0


def test_apprentice_title_makes_a_support_role_a_route(detector: PathwayDetector) -> None:
    text = "Apprentice Healthcare Support Worker\nYou will care for older adults on our wards."
    pathway = detect(detector, text, title="Apprentice Healthcare Support Worker")
    assert kinds(pathway)["trainee_post"] == "strong"
    assert pathway.present


def test_two_band_salary_is_a_development_post(detector: PathwayDetector) -> None:
    text = "Salary: £24,937 - £30,162 per annum\nSupport patients with daily living."
    pathway = detect(detector, text, salary_bands=["3", "4"])
    [signal] = [s for s in pathway.signals if s.kind == "two_band_salary"]
    assert signal.strength == "strong"
    assert signal.span.text == "£24,937 - £30,162"
    assert pathway.present
    assert not detect(detector, text, salary_bands=["3"]).present


@pytest.mark.parametrize(
    ("section", "strength", "present"), [("about", "moderate", False), ("duties", "strong", True)]
)
def test_about_us_wording_is_weaker_than_the_role_description(
    detector: PathwayDetector, section: SectionName, strength: str, present: bool
) -> None:
    text = "Who we are\nWe offer apprenticeships to our staff."
    sections = [Section(name=section, start=0, end=len(text), heading="Who we are")]
    pathway = detect(detector, text, sections=sections)
    assert kinds(pathway) == {"apprenticeship_offer": strength}
    assert pathway.present is present


def test_an_expected_course_is_not_an_entry_requirement(detector: PathwayDetector) -> None:
    pathway = detect(detector, "You will be required to undertake the Care Certificate within 12 weeks.")
    assert kinds(pathway) == {"care_certificate_support": "moderate"}


def test_an_entry_requirement_is_not_an_offer(detector: PathwayDetector) -> None:
    required = detect(detector, "Essential: a Foundation Degree in health or social care.")
    assert kinds(required) == {"foundation_degree": "moderate"}
    assert not required.present
    offered = detect(detector, "You can study for a Foundation Degree in health or social care.")
    assert kinds(offered) == {"foundation_degree": "strong"}


@pytest.mark.parametrize(
    "text",
    [
        "You will work alongside nurses, nursing associates and trainee nursing associates.",
        "Record each patient's progress and report it to the band 6 nurse.",
        "Experience of supervising apprentices and students is desirable.",
        "Must hold an NVQ Level 3 in Health and Social Care.",
        "You must have completed the Care Certificate.",
        "The service is funded through a national liaison programme.",
        "You will support service users with their recovery goals.",
        "Previous HCA experience or completion of the Care Certificate is desirable.",
        "There is a mix of band 5, band 6 and band 7 nurses on the ward.",
    ],
)
def test_mentions_that_are_not_routes(detector: PathwayDetector, text: str) -> None:
    pathway = detect(detector, text)
    assert not pathway.present
    assert all(s.strength == "weak" for s in pathway.signals)


def test_repeated_phrase_counts_once(detector: PathwayDetector) -> None:
    text = "Protected learning time is given. We value protected learning time."
    pathway = detect(detector, text)
    assert [s.kind for s in pathway.signals] == ["protected_learning_time"]
    assert pathway.signals[0].span.start == 0
    assert not pathway.present


def test_offsets_survive_characters_whose_lower_case_is_longer(detector: PathwayDetector) -> None:
    text = "İstanbul office. Apply for the TNA programme."
    assert len(lower_same_length(text)) == len(text)
    pathway = detect(detector, text)
    [signal] = pathway.signals
    assert signal.span.text == "Apply for the TNA programme"
    assert signal.span.start == text.index("Apply")
    assert_spans_exact(text, pathway)


def test_pattern_syntax() -> None:
    pattern = compile_pattern("support ~2 care certificate")
    match = pattern.regex.search("we support your care-certificate")
    assert match is not None and match.group() == "support your care-certificate"
    assert not pattern.regex.search("we support you. the care certificate")  # not across sentences
    assert not pattern.regex.search("we support you\nthe care certificate")  # nor across lines
    assert not pattern.regex.search("support you with the care certificate")  # at most 2 words between
    assert not pattern.regex.search("unsupported care certificate")  # whole words only
    assert frozenset({"certificate"}) in pattern.required
    assert pattern.spans("the care certificate", {"care": [4], "certificate": [9]}) == set()  # no "support"
    with pytest.raises(ValueError, match="lower case"):
        compile_pattern("Care Certificate")


def test_every_shipped_pattern_is_indexed(detector: PathwayDetector) -> None:
    """Unindexed patterns would scan every advert in full and break the 1 ms budget."""
    for rule in detector.rules:
        for pattern in rule.patterns:
            assert pattern.required, (rule.kind, pattern.regex.pattern)


def test_custom_lexicon(tmp_path: Path) -> None:
    lexicon = tmp_path / "signals.yaml"
    lexicon.write_text(
        "sufficient_alone: []\n"
        "demote_in_sections: []\n"
        "requirement_cues: ['must have']\n"
        "trainee_title: 'trainee'\n"
        "trainee_anchor: 'trainee'\n"
        "signals:\n"
        "  - kind: shadowing\n"
        "    strength: moderate\n"
        "    patterns: ['shadow ~1 (?:nurse|therapist)s?']\n",
        encoding="utf-8",
    )
    custom = PathwayDetector(NLP, lexicon)
    pathway = detect(custom, "You will shadow our nurses. Then shadow the therapists.")
    assert kinds(pathway) == {"shadowing": "moderate"}
    assert not pathway.present
