"""Wording checks on short invented adverts: every issue code, exact spans, and the gender stop-list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy
import yaml
from spacy.language import Language

from classifier.paths import LEXICON_DIR
from classifier.schema import Advert, Band, Qualification, Salary, Span, Wording, WordingIssue
from classifier.wording import MAX_ACRONYM_ISSUES, WordingChecker

BAND_3 = Band(stated="3", salary=Salary(text="£24,937 to £26,598 a year"), afc=True)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def checker(nlp: Language) -> WordingChecker:
    return WordingChecker(nlp)


def check(
    checker: WordingChecker,
    nlp: Language,
    text: str,
    *,
    title: str | None = None,
    category: str = "defined_boundary",
    role_id: str = "mental_health_support_worker",
    band: Band = BAND_3,
    qualifications: list[Qualification] | None = None,
) -> Wording:
    advert = Advert(text=text, title=title)
    return checker.check(
        advert, nlp(text), category=category, role_id=role_id, band=band, qualifications=qualifications or []
    )


def issues(wording: Wording, code: str) -> list[WordingIssue]:
    return [i for i in wording.issues if i.code == code]


def assert_span(text: str, issue: WordingIssue, expected: str) -> None:
    """The issue's span is exactly the first occurrence of `expected` in `text`."""
    start = text.index(expected)
    assert issue.span == Span(start=start, end=start + len(expected), text=expected)


def qualification(text: str, phrase: str, qual_id: str, level: int | None, requirement: str) -> Qualification:
    start = text.index(phrase)
    return Qualification(
        id=qual_id,
        label=qual_id.replace("_", " "),
        level=level,
        group="test",
        requirement=requirement,  # type: ignore[arg-type]
        span=Span(start=start, end=start + len(phrase), text=phrase),
        text=phrase,
    )


def test_checker_adds_no_pipes(nlp: Language, checker: WordingChecker) -> None:
    assert nlp.pipe_names == []


def test_doc_of_other_text_is_rejected(nlp: Language, checker: WordingChecker) -> None:
    with pytest.raises(ValueError, match=r"advert\.text"):
        checker.check(
            Advert(text="Support worker wanted on the ward."),
            nlp("A different and longer text than the advert."),
            category="defined_boundary",
            role_id="x",
            band=BAND_3,
            qualifications=[],
        )


# --- stigmatising_language and suicide_language ----------------------------------------------------


def test_stigma_phrase_with_exact_span_and_suggestion(nlp: Language, checker: WordingChecker) -> None:
    text = "Our unit has cared for the mentally ill since 1990."
    found = issues(check(checker, nlp, text), "stigmatising_language")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert_span(text, found[0], "the mentally ill")
    assert found[0].suggestion is not None and "people with mental health problems" in found[0].suggestion


def test_suffering_from_flagged_reduce_suffering_not(nlp: Language, checker: WordingChecker) -> None:
    flagged = "You will support patients suffering from depression."
    found = issues(check(checker, nlp, flagged), "stigmatising_language")
    assert [i.span.text for i in found if i.span] == ["suffering from"]
    assert found[0].suggestion is not None and "living with" in found[0].suggestion
    assert not issues(
        check(checker, nlp, "Our aim is to reduce suffering and distress."), "stigmatising_language"
    )


def test_slurs_are_whole_words_and_errors(nlp: Language, checker: WordingChecker) -> None:
    fine = "We made a plan and you will help run Mad Pride events and psycho-social groups."
    assert not issues(check(checker, nlp, fine), "stigmatising_language")
    text = "No two days are the same, it can get crazy busy."
    found = issues(check(checker, nlp, text), "stigmatising_language")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert_span(text, found[0], "crazy")


def test_person_as_diagnosis_but_not_clinical_phrases(nlp: Language, checker: WordingChecker) -> None:
    text = "You may support a schizophrenic living in the community."
    found = issues(check(checker, nlp, text), "stigmatising_language")
    assert len(found) == 1
    assert_span(text, found[0], "a schizophrenic")
    fine = "You will notice signs of a psychotic episode or a depressive illness."
    assert not issues(check(checker, nlp, fine), "stigmatising_language")


def test_asylum_flagged_except_for_people_seeking_asylum(nlp: Language, checker: WordingChecker) -> None:
    text = "The hospital was once a Victorian asylum."
    found = issues(check(checker, nlp, text), "stigmatising_language")
    assert [i.span.text for i in found if i.span] == ["asylum"]
    fine = "We welcome refugees and asylum seekers, and support people seeking asylum."
    assert not issues(check(checker, nlp, fine), "stigmatising_language")


def test_released_and_inmates(nlp: Language, checker: WordingChecker) -> None:
    text = "Help inmates plan for when they are released from hospital."
    found = issues(check(checker, nlp, text), "stigmatising_language")
    assert [i.span.text for i in found if i.span] == ["inmates", "released from hospital"]
    assert found[1].suggestion is not None and "discharged" in found[1].suggestion


def test_advert_specific_labels_are_advisory(nlp: Language, checker: WordingChecker) -> None:
    text = "You will work with challenging patients who can be manipulative or non-compliant."
    found = issues(check(checker, nlp, text), "stigmatising_language")
    assert [i.span.text for i in found if i.span] == ["challenging patients", "manipulative", "non-compliant"]
    assert {i.severity for i in found} == {"advisory"}


def test_mental_disorder_is_fine_when_quoting_the_act(nlp: Language, checker: WordingChecker) -> None:
    quoting = "Patients are detained under the Mental Health Act for assessment of a mental disorder."
    assert not issues(check(checker, nlp, quoting), "stigmatising_language")
    plain = "Many of our clients live with a mental disorder."
    assert [i.span.text for i in issues(check(checker, nlp, plain), "stigmatising_language") if i.span] == [
        "mental disorder"
    ]


def test_suicide_language(nlp: Language, checker: WordingChecker) -> None:
    text = "The team supports families after someone has committed suicide."
    found = issues(check(checker, nlp, text), "suicide_language")
    assert len(found) == 1
    assert_span(text, found[0], "committed suicide")
    assert found[0].suggestion is not None and "died by suicide" in found[0].suggestion
    attempt = "Following a failed suicide attempt, you will offer support."
    assert [i.span.text for i in issues(check(checker, nlp, attempt), "suicide_language") if i.span] == [
        "failed suicide attempt"
    ]
    assert not issues(
        check(checker, nlp, "You will complete suicide prevention training."), "suicide_language"
    )


# --- gender coding --------------------------------------------------------------------------------


def test_dense_masculine_wording_warns(nlp: Language, checker: WordingChecker) -> None:
    text = "We want an aggressive, competitive and fearless person who is ambitious and dominant."
    wording = check(checker, nlp, text)
    assert wording.gender_coding.masculine == [
        "aggressive",
        "competitive",
        "fearless",
        "ambitious",
        "dominant",
    ]
    assert wording.gender_coding.verdict == "masculine-coded"
    found = issues(wording, "gender_coded_masculine")
    assert len(found) == 1 and found[0].severity == "warning"


def test_two_masculine_words_do_not_warn(nlp: Language, checker: WordingChecker) -> None:
    wording = check(checker, nlp, "You will be confident and decisive on the ward.")
    assert wording.gender_coding.masculine == ["confident", "decisive"]
    assert not issues(wording, "gender_coded_masculine")


def test_feminine_balance_is_information_only(nlp: Language, checker: WordingChecker) -> None:
    text = "Join a compassionate, supportive team who understand and nurture people and work together."
    wording = check(checker, nlp, text)
    assert wording.gender_coding.feminine == [
        "compassionate",
        "supportive",
        "understand",
        "nurture",
        "together",
    ]
    assert wording.gender_coding.verdict == "feminine-coded"
    assert not [i for i in wording.issues if i.code.startswith("gender")]


def test_margin_keeps_a_small_difference_neutral(nlp: Language, checker: WordingChecker) -> None:
    wording = check(
        checker, nlp, "You will support people and lead activities with a kind and honest manner."
    )
    assert wording.gender_coding.feminine == ["support", "kind", "honest"]
    assert wording.gender_coding.masculine == ["lead"]
    assert wording.gender_coding.verdict == "neutral"


def test_nhs_stop_list(nlp: Language, checker: WordingChecker) -> None:
    text = (
        "Northshire NHS Foundation Trust is recruiting a Healthcare Support Worker for the Child and "
        "Adolescent team. The Trust has a clear structure. You will report to the Lead Nurse, meet the "
        "competencies of the post, share responsibilities with colleagues and work with individuals "
        "and families in child and adolescent services, promoting their independence."
    )
    wording = check(checker, nlp, text)
    assert wording.gender_coding.masculine == []
    assert wording.gender_coding.feminine == []
    assert wording.gender_coding.verdict == "empty"


def test_stop_list_keeps_the_traits(nlp: Language, checker: WordingChecker) -> None:
    text = "Earn the trust of patients, be competitive, and lead the activities programme."
    wording = check(checker, nlp, text)
    assert wording.gender_coding.feminine == ["trust"]
    assert wording.gender_coding.masculine == ["competitive", "lead"]


def test_hyphenated_stem_counts_once(nlp: Language, checker: WordingChecker) -> None:
    wording = check(checker, nlp, "We value self-reliant and self-confident people.")
    assert wording.gender_coding.masculine == ["self-reliant", "self-confident"]


def test_stop_list_is_data(nlp: Language, tmp_path: Path) -> None:
    directory = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, directory)
    path = directory / "gender_coded.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["stoplist"]["words"].remove("competen*")
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    text = "You will meet the competencies of the post."
    assert check(WordingChecker(nlp), nlp, text).gender_coding.masculine == []
    assert check(WordingChecker(nlp, directory), nlp, text).gender_coding.masculine == ["competencies"]


# --- qualifications -------------------------------------------------------------------------------


def test_degree_essential_for_support_role(nlp: Language, checker: WordingChecker) -> None:
    text = "Essential: a psychology degree with GBC."
    qual = qualification(text, "psychology degree with GBC", "degree_psychology_gbc", 6, "essential")
    for band in (BAND_3, Band()):
        found = issues(check(checker, nlp, text, band=band, qualifications=[qual]), "over_qualified_degree")
        assert len(found) == 1 and found[0].severity == "warning"
        assert found[0].span == qual.span
    assert not issues(
        check(checker, nlp, text, category="further_education", qualifications=[qual]),
        "over_qualified_degree",
    )
    assert not issues(
        check(checker, nlp, text, band=Band(stated="5"), qualifications=[qual]), "over_qualified_degree"
    )
    desirable = qual.model_copy(update={"requirement": "desirable"})
    assert not issues(check(checker, nlp, text, qualifications=[desirable]), "over_qualified_degree")


def test_level_four_or_above_for_band_two_or_three(nlp: Language, checker: WordingChecker) -> None:
    text = "You must hold a foundation degree in health."
    qual = qualification(text, "foundation degree in health", "l5_assistant_practitioner", 5, "essential")
    found = issues(check(checker, nlp, text, qualifications=[qual]), "over_qualified_level")
    assert len(found) == 1 and found[0].severity == "warning" and found[0].span == qual.span
    assert not issues(
        check(checker, nlp, text, band=Band(stated="4"), qualifications=[qual]), "over_qualified_level"
    )


def test_registration_for_unregistered_role(nlp: Language, checker: WordingChecker) -> None:
    text = "Essential: current NMC registration."
    qual = qualification(text, "current NMC registration", "professional_registration", None, "essential")
    found = issues(check(checker, nlp, text, qualifications=[qual]), "registration_for_unregistered_role")
    assert len(found) == 1 and found[0].severity == "error" and found[0].span == qual.span
    assert not issues(
        check(checker, nlp, text, category="registered_professional", qualifications=[qual]),
        "registration_for_unregistered_role",
    )


# --- recruiter checks -----------------------------------------------------------------------------


def test_years_of_experience(nlp: Language, checker: WordingChecker) -> None:
    text = "Essential: a minimum of 2 years' experience in mental health services."
    found = issues(check(checker, nlp, text), "years_experience")
    assert len(found) == 1 and found[0].severity == "advisory"
    assert_span(text, found[0], "a minimum of 2 years' experience")
    reversed_order = "You will have experience of at least three years in a care setting."
    assert len(issues(check(checker, nlp, reversed_order), "years_experience")) == 1
    desirable = "It would be desirable to have 2 years experience of ward work."
    assert not issues(check(checker, nlp, desirable), "years_experience")
    history = "Our charity has over 50 years' experience of supporting people."
    assert not issues(check(checker, nlp, history), "years_experience")


def test_flexibility_demand_without_pattern(nlp: Language, checker: WordingChecker) -> None:
    text = "You must be flexible to meet the needs of the service."
    found = issues(check(checker, nlp, text), "flexibility_demand")
    assert len(found) == 1
    assert_span(text, found[0], "must be flexible")
    with_pattern = text + " The rota is long days and nights."
    assert not issues(check(checker, nlp, with_pattern), "flexibility_demand")
    offer = "We offer flexible working hours to suit you."
    assert not issues(check(checker, nlp, offer), "flexibility_demand")
    any_shift = "Staff are expected to work any shift at short notice."
    assert [i.span.text for i in issues(check(checker, nlp, any_shift), "flexibility_demand") if i.span] == [
        "any shift"
    ]


def test_driving_licence_essential(nlp: Language, checker: WordingChecker) -> None:
    text = "A full UK driving licence is essential for this community post."
    found = issues(check(checker, nlp, text), "driving_licence_essential")
    assert len(found) == 1 and found[0].severity == "advisory"
    assert_span(text, found[0], "driving licence")
    assert found[0].suggestion is not None and "ability to travel across the area" in found[0].suggestion
    desirable = "A driving licence is desirable."
    assert not issues(check(checker, nlp, desirable), "driving_licence_essential")
    alternative = "You must have a driving licence or the ability to travel across the county."
    assert not issues(check(checker, nlp, alternative), "driving_licence_essential")


def test_driving_licence_from_qualifications(nlp: Language, checker: WordingChecker) -> None:
    text = "Car owner with licence, for home visits."
    qual = qualification(text, "Car owner with licence", "driving_licence", None, "essential")
    found = issues(check(checker, nlp, text, qualifications=[qual]), "driving_licence_essential")
    assert len(found) == 1 and found[0].span == qual.span
    desirable = qual.model_copy(update={"requirement": "desirable"})
    assert not issues(check(checker, nlp, text, qualifications=[desirable]), "driving_licence_essential")


def test_missing_pay(nlp: Language, checker: WordingChecker) -> None:
    text = "Support worker wanted for our supported living service."
    found = issues(check(checker, nlp, text, band=Band()), "missing_pay")
    assert len(found) == 1 and found[0].severity == "warning" and found[0].span is None
    assert not issues(check(checker, nlp, text, band=Band(stated="3")), "missing_pay")
    assert not issues(
        check(checker, nlp, text, band=Band(salary=Salary(text="£12.60 an hour"))), "missing_pay"
    )


def test_vague_pay(nlp: Language, checker: WordingChecker) -> None:
    text = "We offer a competitive salary and benefits. Training provided."
    found = issues(check(checker, nlp, text, band=Band()), "vague_pay")
    assert len(found) == 1
    assert_span(text, found[0], "competitive salary")
    field = "Contract\nPermanent\nSalary:\nNegotiable\n"
    assert [i.span.text for i in issues(check(checker, nlp, field, band=Band()), "vague_pay") if i.span] == [
        "Salary:\nNegotiable"
    ]
    doe = "Pay: £11 to £13 per hour DOE."
    assert [i.span.text for i in issues(check(checker, nlp, doe, band=Band()), "vague_pay") if i.span] == [
        "DOE"
    ]
    not_doe = "This post does not include nights."
    assert not issues(check(checker, nlp, not_doe, band=Band()), "vague_pay")
    assert not issues(check(checker, nlp, text, band=BAND_3), "vague_pay")


def test_missing_band_on_nhs_post(nlp: Language, checker: WordingChecker) -> None:
    band = Band(salary=Salary(text="£25,000 a year"))
    nhs = "Northshire NHS Foundation Trust is recruiting a support worker."
    found = issues(check(checker, nlp, nhs, band=band), "missing_band")
    assert len(found) == 1 and found[0].severity == "advisory"
    charity = "Our charity is recruiting a support worker."
    assert not issues(check(checker, nlp, charity, band=band), "missing_band")
    not_afc = band.model_copy(update={"afc": False})
    assert not issues(check(checker, nlp, nhs, band=not_afc), "missing_band")
    assert not issues(check(checker, nlp, nhs, band=BAND_3), "missing_band")


# --- acronyms -------------------------------------------------------------------------------------


def test_unexplained_acronym_on_first_use(nlp: Language, checker: WordingChecker) -> None:
    text = "All staff need an enhanced DBS check. The DBS check is paid for by us."
    found = issues(check(checker, nlp, text), "unexplained_acronym")
    assert len(found) == 1 and found[0].severity == "advisory"
    assert_span(text, found[0], "DBS")
    assert found[0].suggestion == "Spell out on first use: Disclosure and Barring Service (DBS)"


@pytest.mark.parametrize(
    "text",
    [
        "You will need a Disclosure and Barring Service (DBS) check.",
        "You will need a DBS (Disclosure and Barring Service) check.",
        "The NHS in the UK has an HR team for every ward.",
        "Send your form to HR@northshire.nhs.uk or visit us at WV14 8AL, job ref 123-ABC456-XYZ.",
        "Grade: NHS AfC: Band 3. Hours: 0.6 WTE.",
        "IMPORTANT PLEASE READ: the closing date may change.",
    ],
)
def test_explained_or_exempt_acronyms(nlp: Language, checker: WordingChecker, text: str) -> None:
    assert not issues(check(checker, nlp, text), "unexplained_acronym")


def test_acronyms_in_the_title_are_skipped(nlp: Language, checker: WordingChecker) -> None:
    text = "The HCA will work with the MDT."
    found = issues(check(checker, nlp, text, title="HCA - Acute Ward"), "unexplained_acronym")
    assert [i.span.text for i in found if i.span] == ["MDT"]


def test_plural_and_mixed_case_acronyms(nlp: Language, checker: WordingChecker) -> None:
    text = "Our HCAs are paid on AfC rates."
    found = issues(check(checker, nlp, text), "unexplained_acronym")
    assert [(i.span.text, i.suggestion) for i in found if i.span] == [
        ("HCA", "Spell out on first use: Healthcare Assistant (HCA)"),
        ("AfC", "Spell out on first use: Agenda for Change (AfC)"),
    ]


def test_unknown_acronym_and_cap(nlp: Language, checker: WordingChecker) -> None:
    letters = ["QX", "QW", "QZ", "XQ", "WQ", "ZQ", "QQX", "QQW", "QQZ", "XQQ", "WQQ", "ZQQ"]
    text = " ".join(f"Speak to the {code} team." for code in letters)
    found = issues(check(checker, nlp, text), "unexplained_acronym")
    assert len(found) == MAX_ACRONYM_ISSUES
    assert found[0].suggestion == "Spell out on first use, e.g. 'full name (QX)'."


# --- readability and ordering ---------------------------------------------------------------------


def test_long_sentence_span_and_hard_to_read(nlp: Language, checker: WordingChecker) -> None:
    long_sentence = (
        "The successful applicant will demonstrate considerable organisational capability alongside a "
        "comprehensive understanding of multidisciplinary rehabilitation methodologies within "
        "therapeutic environments characterised by considerable operational complexity and "
        "organisational unpredictability."
    )
    text = "Job summary\n" + long_sentence + "\nApply today for this role."
    wording = check(checker, nlp, text)
    found = issues(wording, "long_sentences")
    assert len(found) == 1 and found[0].severity == "advisory"
    assert_span(text, found[0], long_sentence)
    assert wording.readability.verdict == "hard"
    hard = issues(wording, "hard_to_read")
    assert len(hard) == 1 and hard[0].severity == "warning"


def test_plain_text_has_no_readability_issues(nlp: Language, checker: WordingChecker) -> None:
    text = " ".join(["You will help people get up, wash and dress. You will make tea and chat."] * 3)
    wording = check(checker, nlp, text)
    assert wording.readability.verdict == "meets_nhs_target"
    assert not issues(wording, "hard_to_read") and not issues(wording, "long_sentences")


def test_issues_are_ordered_by_severity_then_position(nlp: Language, checker: WordingChecker) -> None:
    text = "Use the CQC portal. It gets crazy here. Essential: current NMC registration."
    qual = qualification(text, "current NMC registration", "professional_registration", None, "essential")
    wording = check(checker, nlp, text, band=Band(), qualifications=[qual])
    severities = [i.severity for i in wording.issues]
    assert severities == sorted(severities, key=["error", "warning", "advisory", "info"].index)
    assert [i.code for i in wording.issues if i.severity == "error"] == [
        "stigmatising_language",
        "registration_for_unregistered_role",
    ]
