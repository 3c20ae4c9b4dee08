"""Phrases broken across lines (PDF text, hard-wrapped files) are matched, with spans into the original."""

from __future__ import annotations

import pytest
import spacy
from test_reading_formats import make_pdf

from classifier.extraction import QualificationSkillExtractor
from classifier.reading import from_text, read_bytes
from classifier.schema import Advert, Qualification
from classifier.wrapped_text import phrase_joiner, unwrap

NLP = spacy.blank("en")
FILL = "This invented advert line is written long enough to look like a wrapped line of a PDF page, "


@pytest.fixture(scope="module")
def extractor() -> QualificationSkillExtractor:
    return QualificationSkillExtractor(NLP)


def quals(extractor: QualificationSkillExtractor, text: str) -> dict[str, Qualification]:
    found, skills = extractor.extract(Advert(text=text), NLP(text))
    for item in [*found, *skills]:
        assert text[item.span.start : item.span.end] == item.span.text == item.text
    return {q.id: q for q in found}


@pytest.mark.parametrize(
    ("text", "qual_id", "span_text"),
    [
        ("You will hold a PWP\ncertificate or be working towards one.", "pwp_certificate", "PWP\ncertificate"),
        (
            FILL + "and a BSc Mental Health\nNursing is essential for this post.",
            "degree_mh_nursing",
            "BSc Mental Health\nNursing",
        ),
        (
            "New starters complete the Care Certifi-\ncate in their first twelve weeks.",
            "care_certificate",
            "Care Certifi-\ncate",
        ),
        (
            "New starters complete the Care Certifi- \r\n   cate in their first twelve weeks.",
            "care_certificate",
            "Care Certifi- \r\n   cate",
        ),
        ("An NVQ Level\n3 in Health and Social Care is essential.", "l3_diploma_adult_care", None),
    ],
)
def test_a_phrase_broken_across_lines_is_found_with_its_original_span(
    extractor: QualificationSkillExtractor, text: str, qual_id: str, span_text: str | None
) -> None:
    found = quals(extractor, text)
    assert qual_id in found
    span = found[qual_id].span
    assert "\n" in span.text
    if span_text is not None:
        assert span.text == span_text
        assert span.start == text.index(span_text)


def test_requirement_cues_on_the_line_before_a_wrapped_mention_still_count(
    extractor: QualificationSkillExtractor,
) -> None:
    found = quals(extractor, "Ward support worker.\nApplicants must already hold the care\ncertificate.")
    assert found["care_certificate"].requirement == "essential"
    assert found["care_certificate"].span.text == "care\ncertificate"


@pytest.mark.parametrize(
    "text",
    [
        "Essential\nCare Certificate\nNVQ Level 3",  # a heading above a list: not one phrase
        "Our ward is calm and friendly.\n\nCertificate of sponsorship is not available.",  # a blank line
        "Team Leader: PWP\n\ncertificate holders are welcome to apply.",
    ],
)
def test_headings_list_items_and_paragraphs_are_not_joined(
    extractor: QualificationSkillExtractor, text: str
) -> None:
    found, skills = extractor.extract(Advert(text=text), NLP(text))
    assert all("\n" not in item.span.text for item in [*found, *skills])


def test_a_whole_wrapped_advert_reads_like_the_same_advert_unwrapped(
    extractor: QualificationSkillExtractor,
) -> None:
    flat = (
        "We are looking for a healthcare support worker to join our acute mental health ward team. "
        "You will need the Care Certificate or an NVQ Level 3 in Health and Social Care, an enhanced "
        "DBS check and a full UK driving licence, and we will support you to complete the Mental Health "
        "First Aid course in your first year with us."
    )
    words, lines, line = flat.split(" "), [], ""
    for word in words:  # hard-wrap at 40 characters, as a text file or PDF would
        if line and len(line) + 1 + len(word) > 40:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    wrapped = "\n".join([*lines, line])
    expected = {q.id: q.requirement for q in quals(extractor, flat).values()}
    got = quals(extractor, wrapped)
    assert {q_id: q.requirement for q_id, q in got.items()} == expected
    assert len(expected) >= 4
    assert any("\n" in q.span.text for q in got.values())


def test_unwrap_maps_every_view_span_back_to_the_original() -> None:
    joiner = phrase_joiner(frozenset({("pwp", "certificate")}), frozenset({"certificate"}))
    text = "a PWP\ncertificate and a Certifi-\n  cate; no\njoin here"
    view = unwrap(text, joiner)
    assert view.changed
    assert view.text == "a PWP certificate and a Certificate; no\njoin here"
    for phrase, original in (
        ("PWP certificate", "PWP\ncertificate"),
        ("Certificate", "Certifi-\n  cate"),
        ("no\njoin here", "no\njoin here"),
        ("a", "a"),
    ):
        start = view.text.index(phrase)
        begin, end = view.to_original(start, start + len(phrase))
        assert text[begin:end] == original


def test_text_without_a_joinable_break_is_its_own_view() -> None:
    joiner = phrase_joiner(frozenset(), frozenset())
    view = unwrap("one\ntwo", joiner)
    assert not view.changed and view.text == "one\ntwo" and view.to_original(0, 3) == (0, 3)


def test_pdf_style_text_through_the_reader(extractor: QualificationSkillExtractor) -> None:
    advert = from_text(FILL + "ideally with a PWP\ncertificate, though this is not essential.")
    found, _ = extractor.extract(advert, NLP(advert.text))
    (pwp,) = [q for q in found if q.id == "pwp_certificate"]
    assert pwp.requirement == "desirable"
    assert advert.text[pwp.span.start : pwp.span.end] == "PWP\ncertificate"


def test_a_pdf_with_a_phrase_broken_across_lines(extractor: QualificationSkillExtractor) -> None:
    lines = [
        "Healthcare Support Worker",
        "You will join a busy adult acute ward and work with the team to deliver safe care",
        "to patients. Applicants must hold the Care Certificate or a Mental Health",
        "Nursing degree. An NVQ Level 3 in Health and Social Care would be an",
        "advantage for this post.",
    ]
    advert = read_bytes(make_pdf([lines]), filename="jd.pdf")
    found, _ = extractor.extract(advert, NLP(advert.text))
    by_id = {q.id: q for q in found}
    degree = by_id["degree_mh_nursing"]
    assert advert.text[degree.span.start : degree.span.end] == degree.span.text
    assert degree.span.text.replace("\n", " ") == "Mental Health Nursing degree"
    assert degree.requirement == "essential"
    assert by_id["l3_diploma_adult_care"].requirement == "desirable"  # "would be an\nadvantage": one sentence
