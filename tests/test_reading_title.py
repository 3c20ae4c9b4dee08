"""Title: given titles are kept (stripped); otherwise guessed only from layouts that show where it is."""

from __future__ import annotations

import pytest

from classifier.reading import from_text, guess_title


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
