"""Readability: syllable counts, sentence splitting of bullets and headings, Flesch figures, verdicts."""

from __future__ import annotations

import pytest

from classifier.readability import readability, sentences, syllables

KNOWN_SYLLABLES = {
    "the": 1,
    "are": 1,
    "one": 1,
    "role": 1,
    "roles": 1,
    "care": 1,
    "worked": 1,
    "makes": 1,
    "support": 2,
    "table": 2,
    "people": 2,
    "patient": 2,
    "patients": 2,
    "social": 2,
    "agreed": 2,
    "needed": 2,
    "services": 3,
    "changes": 2,
    "safely": 2,
    "someone": 2,
    "therefore": 2,
    "yearly": 2,
    "being": 2,
    "royal": 2,
    "client": 2,
    "quiet": 2,
    "area": 3,
    "idea": 3,
    "creative": 3,
    "management": 3,
    "employer": 3,
    "colleagues": 2,
    "various": 3,
    "medium": 3,
    "video": 3,
    "experience": 4,
    "individual": 5,
    "identified": 4,
    "apprenticeship": 4,
    "coordinator": 5,
    "psychological": 5,
    "opportunities": 5,
    "responsibilities": 6,
    "communication": 5,
    "rehabilitation": 6,
}


@pytest.mark.parametrize(("word", "expected"), sorted(KNOWN_SYLLABLES.items()))
def test_syllables_of_known_words(word: str, expected: int) -> None:
    assert syllables(word) == expected


def test_syllables_ignore_case() -> None:
    assert syllables("Experience") == syllables("experience") == 4


def test_bullets_and_headings_are_separate_sentences() -> None:
    text = (
        "Main duties of the job\n"
        "• Support people with their daily living skills\n"
        "• Record observations on the electronic system\n"
        "• Attend team meetings and share your views\n"
        "What we offer\n"
        "- Paid training in the first month\n"
    )
    found = sentences(text)
    assert [text[s.start : s.end] for s in found] == [
        "Main duties of the job",
        "Support people with their daily living skills",
        "Record observations on the electronic system",
        "Attend team meetings and share your views",
        "What we offer",
        "- Paid training in the first month",
    ]
    assert max(s.words for s in found) == 7


def test_inline_bullets_end_sentences() -> None:
    text = "You will • help people cook meals • go shopping with them • plan the week ahead"
    assert [s.words for s in sentences(text)] == [4, 4, 4]


def test_wrapped_lines_join_but_blank_lines_do_not() -> None:
    wrapped = "This sentence was wrapped by the\nword processor for you to read."
    assert [s.words for s in sentences(wrapped)] == [12]
    paragraphs = "This paragraph stops without a full stop\n\nand this one starts in lower case"
    assert [s.words for s in sentences(paragraphs)] == [7, 7]


def test_abbreviation_followed_by_lower_case_does_not_split() -> None:
    text = "Bring some proof, e.g. a passport or a driving licence, to the interview."
    assert len(sentences(text)) == 1


def test_form_fields_of_one_or_two_words_are_not_sentences() -> None:
    text = "Band 3\nPermanent\nJob summary\nYou will work on a busy ward with a kind team."
    found = sentences(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "You will work on a busy ward with a kind team."


def test_flesch_figures_for_one_syllable_words() -> None:
    text = " ".join(["The cat sat on the mat."] * 6)
    result = readability(text)
    assert result.words == 36
    assert result.sentences == 6
    assert result.average_sentence_length == 6.0
    assert result.flesch_reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6, abs=0.05)
    assert result.flesch_kincaid_grade == pytest.approx(0.39 * 6 + 11.8 - 15.59, abs=0.05)
    assert result.flesch_kincaid_grade is not None
    assert result.reading_age == pytest.approx(result.flesch_kincaid_grade + 5, abs=0.05)
    assert result.long_word_share == 0.0
    assert result.verdict == "meets_nhs_target"


def test_hard_text_and_long_sentences() -> None:
    sentence = (
        "The successful applicant will demonstrate considerable organisational capability, "
        "comprehensive understanding of multidisciplinary rehabilitation methodologies, "
        "sophisticated interpersonal communication, and demonstrable professional accountability "
        "within therapeutic environments characterised by operational complexity and unpredictability."
    )
    result = readability(sentence + " " + sentence)
    assert result.long_sentences == 2
    assert result.verdict == "hard"
    assert result.flesch_kincaid_grade is not None and result.flesch_kincaid_grade > 9
    assert result.long_word_share is not None and result.long_word_share > 0.5


def test_too_short_and_empty() -> None:
    assert readability("Support worker needed on our ward today.").verdict == "too_short"
    empty = readability("")
    assert empty.words == 0
    assert empty.flesch_kincaid_grade is None
    assert empty.verdict == "too_short"
