"""Section splitter: headings, levels, inline labels and exact offsets, on invented adverts."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.reading import detect_sections, from_text
from classifier.schema import Section

NHS_JOBS_LIKE = """Fernbrook Partnership NHS Foundation Trust

Mental Health Support Worker

The closing date is 02 June 2026

Job summary

We are looking for a support worker to join our community team.

Main duties of the job

Support people with their recovery plans. Work with the MDT.

About us

We provide mental health services across three boroughs.

Details

Date posted

01 May 2026

Job description

Job responsibilities

Visit people at home and help them with daily living skills.

Person Specification

Qualifications

Essential

GCSE English and maths

Desirable

Care Certificate

Experience

Essential

Experience of caring for others, paid or unpaid

Benefits

Flexible working and a generous pension.
"""

JOB_DESCRIPTION_LIKE = """JOB DESCRIPTION

Job Title: Recovery Worker
Band: 3

1. JOB PURPOSE:
To help adults with severe mental illness to live well in the community.

2. Key Duties & Responsibilities
  a) Deliver one-to-one recovery sessions.
  b) Keep records up to date.

3. Person Specification
Essential: NVQ Level 2 in Health and Social Care, or willing to work towards it
Desirable: Level 3 Diploma in Health and Social Care

Knowledge, Skills & Experience
Good listening skills (essential)
Speaks a community language (desirable)

4. What we offer
Paid training and a clear route to senior roles.
"""


def _names(sections: list[Section]) -> list[tuple[str, str | None]]:
    return [(s.name, s.heading) for s in sections]


def _body(text: str, name: str, index: int = 0) -> str:
    found = [s for s in detect_sections(text) if s.name == name]
    return text[found[index].start : found[index].end]


def test_nhs_jobs_layout_sections_in_order() -> None:
    assert _names(detect_sections(NHS_JOBS_LIKE)) == [
        ("summary", "Job summary"),
        ("duties", "Main duties of the job"),
        ("about", "About us"),
        ("other", "Details"),
        ("other", "Job description"),
        ("duties", "Job responsibilities"),
        ("person_spec", "Person Specification"),
        ("essential", "Essential"),
        ("desirable", "Desirable"),
        ("essential", "Essential"),
        ("benefits", "Benefits"),
    ]


def test_section_runs_from_heading_to_next_heading() -> None:
    assert _body(NHS_JOBS_LIKE, "summary") == (
        "Job summary\n\nWe are looking for a support worker to join our community team."
    )
    assert _body(NHS_JOBS_LIKE, "desirable") == "Desirable\n\nCare Certificate"
    # A category sub-heading ("Experience") ends the essential stretch but stays inside the person spec.
    assert _body(NHS_JOBS_LIKE, "essential", 0) == "Essential\n\nGCSE English and maths"
    spec = _body(NHS_JOBS_LIKE, "person_spec")
    assert spec.startswith("Person Specification") and spec.endswith(
        "Experience of caring for others, paid or unpaid"
    )


def test_section_at_returns_innermost() -> None:
    advert = from_text(NHS_JOBS_LIKE)
    assert advert.section_at(NHS_JOBS_LIKE.index("Care Certificate")) == "desirable"
    assert advert.section_at(NHS_JOBS_LIKE.index("GCSE English")) == "essential"
    assert advert.section_at(NHS_JOBS_LIKE.index("Qualifications")) == "person_spec"
    assert advert.section_at(NHS_JOBS_LIKE.index("three boroughs")) == "about"
    assert advert.section_at(NHS_JOBS_LIKE.index("Mental Health Support Worker")) is None


def test_job_description_layout() -> None:
    text = JOB_DESCRIPTION_LIKE
    sections = detect_sections(text)
    assert [s.name for s in sections] == [
        "other",
        "summary",
        "duties",
        "person_spec",
        "essential",
        "desirable",
        "essential",
        "desirable",
        "benefits",
    ]
    advert = from_text(text)
    assert advert.section_at(text.index("NVQ Level 2")) == "essential"
    assert advert.section_at(text.index("Level 3 Diploma")) == "desirable"
    assert advert.section_at(text.index("Good listening")) == "essential"
    assert advert.section_at(text.index("community language")) == "desirable"
    assert advert.section_at(text.index("Keep records")) == "duties"
    assert advert.section_at(text.index("Paid training")) == "benefits"


def test_inline_label_stops_at_its_paragraph() -> None:
    text = "Person specification\nEssential: a driving licence\n\nPlease apply online.\n"
    essential = _body(text, "essential")
    assert essential == "Essential: a driving licence"
    assert from_text(text).section_at(text.index("apply online")) == "person_spec"


def test_essential_without_person_spec_heading_opens_one() -> None:
    text = "Main duties of the job\nSupport patients.\n\nEssential\nGCSE maths\n\nDesirable\nNVQ Level 3\n"
    sections = detect_sections(text)
    assert [(s.name, s.heading) for s in sections] == [
        ("duties", "Main duties of the job"),
        ("person_spec", None),
        ("essential", "Essential"),
        ("desirable", "Desirable"),
    ]
    assert text[sections[0].start : sections[0].end] == "Main duties of the job\nSupport patients."


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Job summary", "summary"),
        ("JOB OVERVIEW:", "summary"),
        ("Role purpose", "summary"),
        ("1. Job Purpose", "summary"),
        ("Main duties of the job", "duties"),
        ("Key responsibilities:", "duties"),
        ("2.1 Clinical Responsibilities", "duties"),
        ("**Duties and responsibilities**", "duties"),
        ("## Person Specification", "person_spec"),
        ("Selection criteria", "person_spec"),
        ("What we're looking for", "person_spec"),
        ("About us", "about"),
        ("About the Trust", "about"),
        ("Who we are", "about"),
        ("Working for our organisation", "about"),
        ("What we offer", "benefits"),
        ("Why work for us?", "benefits"),
        ("Benefits:", "benefits"),
        ("Equality, Diversity & Inclusion", "other"),
        ("Essential criteria", "essential"),
        ("Qualifications - Desirable", "desirable"),
    ],
)
def test_heading_variants(line: str, name: str) -> None:
    text = f"{line}\nSome text under the heading.\n"
    sections = detect_sections(text)
    assert sections[0].start == 0
    assert from_text(text).section_at(0) == name


@pytest.mark.parametrize(
    "line",
    [
        "To carry out any other duties as required by the line manager.",
        "Our team provides a range of services across the county for adults of all ages.",
        "Band 3",
        "Health Care Support Worker",
        "Full time - 37.5 hours per week",
        "It is essential that you can drive.",
    ],
)
def test_ordinary_lines_are_not_headings(line: str) -> None:
    assert detect_sections(f"{line}\nMore text.\n") == []


def test_title_block_is_not_a_person_spec() -> None:
    text = (
        "JOB DESCRIPTION AND\nPERSON SPECIFICATION\nJob Title: Nursing Assistant\n\nJob Summary\nTo help.\n"
    )
    assert [s.name for s in detect_sections(text)] == ["other", "summary"]


def test_flattened_document_uses_upper_case_headings() -> None:
    filler = "The post holder will work with the team to support people in the community. " * 3
    text = f"Job Description Job Title: Support Worker JOB SUMMARY {filler}KEY RESPONSIBILITIES 1. {filler}"
    sections = detect_sections(text)
    assert [(s.name, s.heading) for s in sections] == [
        ("summary", "JOB SUMMARY"),
        ("duties", "KEY RESPONSIBILITIES"),
    ]
    assert text[sections[0].end :].lstrip().startswith("KEY RESPONSIBILITIES")


def test_from_text_keeps_text_exactly() -> None:
    text = "  \r\nJob summary\r\nTo help people.\r\n\r\nAbout us\r\nA charity.  \r\n"
    advert = from_text(text)
    assert advert.text == text
    assert [s.name for s in advert.sections] == ["summary", "about"]
    for section in advert.sections:
        body = text[section.start : section.end]
        assert body == body.strip()
        assert section.heading is not None and body.startswith(section.heading)


_LINES = st.sampled_from(
    [
        "Job summary",
        "Main duties of the job",
        "Person Specification",
        "Qualifications",
        "Essential",
        "Desirable:",
        "Essential: GCSE maths",
        "Desirable - NVQ Level 3",
        "Good listening skills (essential)",
        "About us",
        "Benefits",
        "We support adults with mental health problems.",
        "  • Take physical observations.",
        "",
        "   ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_sections_are_well_formed(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    sections = detect_sections(text)
    assert [s.start for s in sections] == sorted(s.start for s in sections)
    top = [s for s in sections if s.name not in ("essential", "desirable")]
    for before, after in itertools.pairwise(top):
        assert before.end <= after.start
    for section in sections:
        body = text[section.start : section.end]
        assert 0 <= section.start < section.end <= len(text)
        assert body == body.strip()
        if section.name in ("essential", "desirable"):
            assert any(
                p.name == "person_spec" and p.start <= section.start and section.end <= p.end for p in top
            )
