"""Stated band: structured fields, titles and free text, with the mentions that are not the post's band."""

from __future__ import annotations

import pytest

from classifier.stated_band import afc_mentioned, find_stated_band, nhs_context

NHS = "Riverside NHS Foundation Trust\n\n"


@pytest.mark.parametrize(
    ("title", "text", "value"),
    [
        # Structured fields, as job boards lay them out.
        (
            "Support Worker",
            NHS + "Job summary\nMain area\nAdult Mental Health\nGrade\nBand 3\nContract\nPermanent",
            "3",
        ),
        ("Support Worker", NHS + "- Grade\n- NHS AfC: Band 4\n- Contract\n- Permanent", "4"),
        (
            "Nurse",
            NHS + "Pay scheme\n\nAgenda for change\n\nBand\n\nBand 5\n\nSalary\n\n£31,049 to £37,796 a year",
            "5",
        ),
        ("Technician", NHS + "JOB TITLE: Pharmacy Technician GRADE: Band 4 LOCATION: Main site", "4"),
        (
            "Practitioner",
            NHS + "Job Title: Community Practitioner\nBand: 6\nResponsible to: Team Manager",
            "6",
        ),
        ("Peer Worker", NHS + "Pay Scheme: Agenda for change Pay Band: 3 (£24,937 - £26,598 pro rata)", "3"),
        ("Psychologist", NHS + "**Grade:** Band 8a\n**Salary:** £55,690 - £62,682", "8a"),
        ("Nurse", NHS + "Banding: 6\nHours: 37.5", "6"),
        ("Nurse", "Pay scheme Agenda for change Band 5\nHours: 37.5", "5"),
        (
            "Instructor",
            NHS + "Occupational Therapy Instructor\n\nBand 3\n\nJob overview\nWe are a friendly team.",
            "3",
        ),
        # Titles.
        (
            "B3 Nursing Associate Apprenticeship",
            NHS + "Once registered you can apply for Band 4 nursing associate vacancies.",
            "3",
        ),
        ("Band 5 Occupational Therapist", NHS + "Join our community team.", "5"),
        ("Psychology Assistant (Band 4)", NHS + "An assistant post in a community team.", "4"),
        ("Healthcare Assistant - Band 3", NHS + "We are a busy ward.", "3"),
        ("Occupational Therapy Instructor AFC Band 5", NHS + "Join us.", "5"),
        ("Trainee Practitioner Band 3/4", NHS + "A development post.", "3"),
        (
            "Locum Telephone Triage Practitioner - Band 6",
            "Agency placement for an experienced practitioner.",
            "6",
        ),
        # Free text.
        (
            "Mental Health Support Worker",
            NHS + "We are recruiting a Band 3 Mental Health Support Worker to join us.",
            "3",
        ),
        (
            "Charge Nurse",
            NHS + "Come and lead shifts with us as a Ward Charge Nurse (Band 6). Rotas vary.",
            "6",
        ),
        ("Practitioner", NHS + "A vacancy exists for a Crisis Practitioner, band 6, in our city team.", "6"),
        ("Therapist", NHS + "Employment is at Band 6 throughout, with annual increments.", "6"),
        ("Rotational Nurse", NHS + "This rotational post is offered at Bands 5-6 across three wards.", "5"),
        ("Psychotherapist", NHS + "Paid at Band 7 (Annex 21) while training.", "7"),
        ("Worker", NHS + "Salary on AfC band 3 pay points, with annual increments.", "3"),
        ("HCSW", NHS + "This is a Band 3 to Band 4 development post for the right person.", "3"),
        ("Nurse", NHS + "Scottish posts also use Agenda for Change. Band five nurse, Royal Infirmary.", "5"),
        ("Practitioner", NHS + "Applications welcome at Band 6 or Band 5 (development post) level.", "5"),
        ("Apprentice", NHS + "You will be paid at Band 4 and, on completion, will move to Band 5.", "4"),
        ("Assistant", NHS + "This post is Band 4, rising to Band 5 on qualification.", "4"),
        ("Assistant", NHS + "Following a restructure, we are recruiting a Band 4 assistant.", "4"),
        ("Nurse", NHS + "Supervised by the ward lead, you will work as a Band 5 nurse.", "5"),
        ("Nurse", NHS + "We are looking for Band 5 or 6 nurses to join us.", "5"),
        ("Worker", NHS + "Salary: £24,937 - £26,598 (Band 3)", "3"),
    ],
)
def test_stated_band_value(title: str, text: str, value: str) -> None:
    stated = find_stated_band(title, text)
    assert stated is not None
    assert stated.value == value


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Bands that are not the post's own.
        (
            "Trainee Psychological Wellbeing Practitioner",
            NHS + "The course leads to a band 5 post on qualifying.",
        ),
        ("Trainee Nursing Associate", NHS + "On successful completion you will progress to a Band 4 post."),
        ("Senior Peer Worker", NHS + "You will supervise three Band 5 peer coordinators in the hub."),
        ("Healthcare Assistant", NHS + "You will work alongside band 6 nurses on a busy ward."),
        ("Assistant Psychologist", NHS + "You will receive regular Band 8a Psychologist supervision."),
        ("Support Worker", NHS + "Applicants must be employed as a Band 2 or above."),
        ("Support Worker", NHS + "This post is paid at a band 3 equivalent rate."),
        ("Staff Nurse", NHS + "Band 5 roles are only open to registered nurses."),
        ("Family Therapist", NHS + "Therapists usually move to band 8a within two years post-qualification."),
        (
            "Apprentice",
            NHS + "Apprentices who finish the course become a Band 2 support worker.",
        ),
        ("Administrator", NHS + "Duties will match the grade of the post."),
        ("Practitioner", NHS + "On completion of the course, you will be employed as a Band 5 practitioner."),
        ("Support Worker", NHS + "Staff currently at Band 3 may apply on secondment."),
        ("Support Worker", NHS + "The team includes band 6 and band 7 nurses and a psychologist."),
        ("Support Worker", NHS + "The post holder will be supported by Band 6 practitioners."),
        ("Support Worker", NHS + "You will be line managed by the Band 7 team leader."),
        ("Support Worker", NHS + "Reports to: Band 7 Ward Manager"),
        ("Support Worker", NHS + "Pay rates for band 2 and band 3 staff are set nationally."),
        ("Support Worker", NHS + "Grade: AfC Band 3 equivalent"),
        # No AfC band at all.
        ("Support Worker", "Leeds charity\nGrade\nGrade 2\nContract\nPermanent"),
        ("Support Worker", "Job title: Support Worker Level 2\nGrade: 2A"),
        ("Assessor", "Job Grade: Band 5\nThe Local Authority employs this assessor in adult services."),
        ("Trainee Psychologist", "OFFICIAL\nRole profile\nLevel\nBand\n5\nWork is with people in custody."),
        ("Recovery Worker", NHS + "A rewarding role with competitive pay."),
    ],
)
def test_no_stated_band(title: str, text: str) -> None:
    assert find_stated_band(title, text) is None


def test_span_points_into_the_text() -> None:
    text = NHS + "Grade\nBand 6\nContract\nPermanent"
    stated = find_stated_band("Practitioner", text)
    assert stated is not None and stated.span is not None
    assert stated.source == "field"
    assert text[stated.span.start : stated.span.end] == stated.span.text == "Band 6"


def test_title_band_has_no_span() -> None:
    stated = find_stated_band("Band 4 Recovery Coordinator", NHS + "Join our crisis team.")
    assert stated is not None
    assert (stated.source, stated.span) == ("title", None)


def test_text_span_and_source() -> None:
    text = NHS + "We are looking for a Band 3 HCA. Mentoring the Band 2 HCAs is part of it."
    stated = find_stated_band("Senior Healthcare Assistant", text)
    assert stated is not None and stated.span is not None
    assert (stated.value, stated.source, stated.span.text) == ("3", "text", "Band 3")
    assert text.index("Band 3") == stated.span.start


def test_field_beats_title_and_text() -> None:
    text = NHS + "Our service employs band 5, band 6 and band 7 staff.\nGrade\nBand 6\n"
    stated = find_stated_band("Band 5 Occupational Therapist", text)
    assert stated is not None
    assert (stated.value, stated.source) == ("6", "field")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Band 3/4 trainee post", ["3", "4"]),
        ("Bands 5-6 rotation", ["5", "6"]),
        ("Band 3 to Band 4 development post", ["3", "4"]),
        ("Band 8a/8b psychologist", ["8a", "8b"]),
        ("Band 4 - 37.5 hours a week", ["4"]),
    ],
)
def test_ranges(text: str, expected: list[str]) -> None:
    stated = find_stated_band(None, NHS + "We are recruiting.\nGrade\n" + text)
    assert stated is not None
    assert stated.range == expected
    assert stated.value == expected[0]


def test_afc_mentioned() -> None:
    assert afc_mentioned("Pay scheme: Agenda for Change")
    assert afc_mentioned("Paid on AfC band 3")
    assert afc_mentioned("NHS pay band 5 applies")
    assert afc_mentioned("Trainee pay under Annex 21.")
    assert not afc_mentioned("A caring charity paying the real living wage.")
    assert not afc_mentioned("Graduates of the Wafc academy")


def test_nhs_context() -> None:
    assert nhs_context("Riverside NHS Foundation Trust")
    assert not nhs_context("A local charity supporting adults.")


def test_band_eight_without_a_letter_is_the_range_8a_to_8d() -> None:
    found = find_stated_band(
        "Band 8 - Acute Dietetic Lead", "Riverside NHS Trust\nBand 8 - Acute Dietetic Lead"
    )
    assert found is not None
    assert (found.value, found.range) == ("8a", ["8a", "8b", "8c", "8d"])


@pytest.mark.parametrize(
    "text",
    [
        "Band 8 - Acute Dietetic Lead",
        "Band 8",
        "band 8 or 9",
        "Band 0 nurse",
        "Band 10 manager",
        "Band 8e",
        "Band 5/8",
        "bands\n8",
    ],
)
def test_odd_band_codes_never_raise(text: str) -> None:
    found = find_stated_band(text, "Riverside NHS Trust\n" + text)
    assert found is None or found.value in {"1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"}


@pytest.mark.parametrize(
    ("title", "text", "value"),
    [
        ("Staff Nurse", "A chance has arisen for a Band 5 Staff Nurse on the Cedar unit.", "5"),
        ("Staff Nurse", "A night post has become available for a Band 5 staff nurse on Ward 9.", "5"),
        ("Staff Nurse", "We currently have a permanent contract for a Band 5 Staff Nurse on Ward 35.", "5"),
        ("Ward Nurse", "We are looking to recruit motivated band 5 staff to our ward.", "5"),
        ("Nurse - Ward B4", "Riverside NHS Trust\nJob title: Nurse Band 5", "5"),
    ],
)
def test_post_holder_band_is_kept(title: str, text: str, value: str) -> None:
    found = find_stated_band(title, text)
    assert found is not None and found.value == value


def test_other_staff_band_is_still_not_the_post() -> None:
    text = "Riverside NHS Trust\nYou will supervise band 3 staff on the ward."
    assert find_stated_band("Charge Nurse", text) is None


def test_equivalent_band_needs_afc_pay() -> None:
    text = "Vita Therapies\nSalary: £38,890 - £44,503 (Band 7 equivalent) pro rata"
    assert find_stated_band("High Intensity Therapist", text) is None
    found = find_stated_band("High Intensity Therapist", text, afc_evidence=True)
    assert found is not None and found.value == "7"


def test_afc_evidence_keeps_a_band_beside_council_wording() -> None:
    text = "Job Grade: Band 5\nThe Local Authority employs this assessor in adult services."
    assert find_stated_band("Assessor", text) is None
    found = find_stated_band("Assessor", text, afc_evidence=True)
    assert found is not None and found.value == "5"
