"""Title: a given title is kept (stripped); otherwise it is found in the text, and `title_source` says where:
a "Job title:" field, a heading or the NHS Jobs layout, or the most title-like early line. Lines that read
as sentences, employers, people or other form fields are never used."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.reading import from_text, guess_title
from classifier.reading.title import FoundTitle, find_title, heading_title
from classifier.schema import TitleSource


def test_given_title_is_stripped_and_wins() -> None:
    advert = from_text("Job title: Ward Clerk\nSome text.", title="  Peer Support Worker \n")
    assert advert.title == "Peer Support Worker"


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_missing_title_is_guessed(empty: str | None) -> None:
    assert from_text("Job title: Ward Clerk\nSome text.", title=empty).title == "Ward Clerk"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "JOB DESCRIPTION\n\nJob Title:   Healthcare Support Worker  \nBand: 3\n",
            "Healthcare Support Worker",
        ),
        ("Post title | Assistant Psychologist\nBase | Riverside House\n", "Assistant Psychologist"),
        ("Job title\nRecovery Worker\nHours\n37.5\n", "Recovery Worker"),
        # A flattened document: the value stops where the next "Label:" begins.
        (
            "Job Description Job title: Psychology Assistant (Band 4) Accountable to Managerially: Team Lead",
            "Psychology Assistant (Band 4)",
        ),
        (
            "Skip to main content\n\nHollin Valley NHS Foundation Trust\n\n"
            "Support Time and Recovery Worker\n\nThe closing date is 03 July 2026\n\n"
            "Job summary\n\nWe are recruiting.",
            "Support Time and Recovery Worker",
        ),
        (
            "Job summary\nMain area\nMental Health\n\nEmployer heading\n\n"
            "Hollin Valley NHS Foundation Trust logo\n\nBand 3 Healthcare Assistant - Oak Ward\n\n"
            "Band 3\n\nJob overview\nWe are recruiting.",
            "Band 3 Healthcare Assistant - Oak Ward",
        ),
        ("Peer Support Worker | Hollin Valley Mind\n| Posting date: | 1 May 2026 |\n", "Peer Support Worker"),
        (
            "Skip to main content\n\nTrainee Nursing Associate\n\nWe are recruiting.",
            "Trainee Nursing Associate",
        ),
    ],
)
def test_title_layouts(text: str, title: str) -> None:
    assert guess_title(text) == title


@pytest.mark.parametrize(
    "text",
    [
        "We are recruiting for our busy ward. You will work shifts and help patients every day.",
        "Hollin Valley NHS Foundation Trust\n\nThe closing date is 03 July 2026\n",
        "Job title: to be confirmed when the service review completes later this year and so on.",
        "",
    ],
)
def test_no_confident_guess_gives_none(text: str) -> None:
    assert guess_title(text) is None


# ---- find_title: where the title came from ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "source"),
    [
        ("JOB DESCRIPTION\nJob Title: Recovery Worker\nBand: 3\n", "Recovery Worker", "field"),
        ("Position: Crisis Support Worker\nLocation: Riverside Hub\n", "Crisis Support Worker", "field"),
        ("Job Title:\n/ Support Worker (Supported Living)\nReports to: Team Leader\n", "Support Worker (Supported Living)", "field"),
        # A flattened document: the value stops at the next known label, even one after " / ".
        ("Job Title: Best Interests Assessor / Grade: PO2 Section: Adults", "Best Interests Assessor", "field"),
        (
            "Hollin Valley NHS Foundation Trust\nTherapeutic Care Support Worker: Hospital to Home Team\n"
            "The closing date is 3 July 2026\n",
            "Therapeutic Care Support Worker: Hospital to Home Team",
            "heading",
        ),
        (
            "Peer Support Worker - Community Wellbeing Service\n\nAbout the role\nYou will use your lived "
            "experience to walk alongside people in recovery.",
            "Peer Support Worker - Community Wellbeing Service",
            "guessed",
        ),
        (
            "Hollin Valley Mind\nLeeds\nFull-time\nPeer Support Worker\nJob Description and Person Specification\n",
            "Peer Support Worker",
            "guessed",
        ),
        ("Recovery and Wellbeing Worker – Job Description, Person Specification\nGrade 2\n", "Recovery and Wellbeing Worker", "guessed"),
        ("JOB DESCRIPTION - Senior Healthcare Assistant\nWard: Oak\n", "Senior Healthcare Assistant", "guessed"),
        ("Ward Clerk | Hollin Valley NHS Trust\nWe are recruiting.", "Ward Clerk", "guessed"),
        # A label glued on by text extraction is cut off.
        ("Recovery Support WorkerReference: 20904\nThank you for your interest.", "Recovery Support Worker", "guessed"),
    ],
)  # fmt: skip
def test_find_title_says_where_the_title_came_from(text: str, title: str, source: TitleSource) -> None:
    assert find_title(text) == FoundTitle(title, source)


def test_field_beats_a_guessed_line_and_a_contact_field_is_not_the_title() -> None:
    text = "Support Worker Vacancies\nJob title: Assistant Psychologist\n"
    assert find_title(text) == FoundTitle("Assistant Psychologist", "field")
    contact = (
        "We are recruiting.\n\nFor further details / informal visits contact:\n\nName: Jo Bloggs\n\n"
        "Job title: Recruitment Advisor\n\nEmail address: jo@example.org\n"
    )
    assert find_title(contact) is None


@pytest.mark.parametrize(
    "text",
    [
        # Sentences, even short ones that name a post.
        "Are you a Registered Nurse looking for a change?\nWe are recruiting.",
        "You will support the Team Manager\n",
        # Employers, places, people and form fields about other posts.
        "Hollin Valley NHS Foundation Trust\nRiverside House\n",
        "The James Herriot University Hospital, Middlesbrough\n",
        "Care Workers Ltd\n",
        "Reports to: Team Manager\nAccountable to: Professional Lead\n",
        "Jo Bloggs, Community Service Manager\n",
        "Dr Sam Smith, Consultant Psychiatrist\n",
        "Henry Ford, Head of Nursing - h.ford@example.org\n",
        # Lines that name the document, not the post, and lines with money or dates.
        "Job Description and Person Specification\nInformation Pack\n",
        "Support Worker salary £24,937 per annum\n",
    ],
)
def test_lines_that_are_not_titles_are_not_used(text: str) -> None:
    assert find_title(text) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("We have an opportunity for a Registered Nurse to join our team.", "Registered Nurse"),
        ("Hollin Valley Mind are recruiting for a passionate Band 3 Mental Health Support Worker to join us.",
         "Band 3 Mental Health Support Worker"),
        # Recruited in the plural, but the title names one post; a count is not part of it.
        ("We are looking to recruit 2 Staff Nurses for our acute ward.", "Staff Nurse"),
        ("We are recruiting Community Midwives to join us.", "Community Midwife"),
        ("We are seeking enthusiastic Midwives and Nurses.", "Midwives and Nurses"),
    ],
)  # fmt: skip
def test_post_named_in_an_opening_sentence_is_guessed(text: str, title: str) -> None:
    assert find_title(text) == FoundTitle(title, "guessed")


@pytest.mark.parametrize(
    "text",
    [
        "We are recruiting for our busy ward in the heart of the valley.",
        "The role of the RMN is to support the team.",  # a post mentioned, not the one recruited to
        # A post named only in the contact paragraph is the contact's.
        "For further information please contact Jo Bloggs, Ward Manager, or we are looking for a Matron.",
        "Contact details\nJo Bloggs - Matron\nWard Manager",
    ],
)
def test_no_post_named_after_a_recruiting_cue_gives_none(text: str) -> None:
    assert find_title(text) is None


def test_a_long_sentence_like_line_loses_to_a_short_title_line_below_it() -> None:
    text = "Join our friendly team in the heart of the valley\nHealthcare Assistant\nWe are recruiting."
    assert find_title(text) == FoundTitle("Healthcare Assistant", "guessed")


def test_reader_heading_is_used_and_html_headings_come_first() -> None:
    text = "Job title: Ward Clerk\nWe are recruiting."
    assert find_title(text, "Peer Support Worker", heading_first=True) == FoundTitle(
        "Peer Support Worker", "heading"
    )
    # A Word heading comes after an explicit field; with no field it is the title.
    assert find_title(text, "Peer Support Worker") == FoundTitle("Ward Clerk", "field")
    assert find_title("We are recruiting.", "Peer Support Worker") == FoundTitle(
        "Peer Support Worker", "heading"
    )


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Peer Support Worker", "Peer Support Worker"),
        ("JOB DESCRIPTION – Assistant Psychologist", "Assistant Psychologist"),
        ("Job Description", None),
        ("Hollin Valley NHS Foundation Trust", None),
        ("Main duties and responsibilities of the post holder are as follows.", None),
    ],
)
def test_document_heading_must_name_a_post(heading: str, title: str | None) -> None:
    assert heading_title(heading) == title


def test_advert_carries_the_title_source() -> None:
    assert from_text("We are recruiting.", title="Ward Clerk").title_source == "given"
    assert from_text("Job title: Ward Clerk\n").title_source == "field"
    assert from_text("Ward Clerk\n\nWe are recruiting.").title_source == "guessed"
    nothing = from_text("We are recruiting for our busy ward.")
    assert (nothing.title, nothing.title_source) == (None, None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=600))
def test_any_text_gives_none_or_a_short_title_from_it(text: str) -> None:
    found = find_title(text)
    if found is not None:
        assert found.source in ("field", "heading", "guessed")
        assert found.title and found.title == found.title.strip() and "\n" not in found.title
        # A post named in a sentence may be made singular ("Midwives" -> "Midwife"): all but its end is there.
        assert len(found.title) <= 100 and found.title[: -2 if found.source == "guessed" else None] in text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Job title:", "Support Worker", "Hollin Valley NHS Trust", "We are recruiting.", "Band 3", "|",
             " - ", "The closing date is 1 May", "Employer heading", "Reports to: Team Manager", "Nurse", "\n", "  "]
        ),
        max_size=14,
    )
)  # fmt: skip
def test_title_layout_fragments_never_raise_and_stay_in_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    found = find_title(text)
    assert found is None or (found.title in text and len(found.title) <= 100)
