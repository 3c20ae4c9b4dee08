"""The bounded tokenizer: spaCy's tokens on ordinary text, linear work on any text, offsets into the original.

Work is counted, not timed: the characters each suffix search may scan and the longest string handed to
spaCy's affix loop are what made the old path quadratic (speed itself is in `benchmarks/hostile_text.py`).
"""

from __future__ import annotations

import re

import pytest
import spacy
from hostile import ADVERSARIAL_ALPHABETS
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.pipeline import build_nlp
from classifier.tokenizer import MAX_RUN, BoundedTokenizer, split_long_runs, windowed_suffix_search

RAW = spacy.blank("en")
SUFFIX = RAW.tokenizer.suffix_search.__self__
AFFIX_CHARS = [*".'s!£%$10aC°)(\"-…km,?’", "'s", "...", "°C", "km", "😀", "\u0301"]

ordinary_words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=40
)
ordinary_text = st.lists(ordinary_words, max_size=30).map(" ".join)
affix_strings = st.lists(st.sampled_from(AFFIX_CHARS), max_size=60).map("".join)


@given(affix_strings)
@settings(max_examples=400, deadline=None)
def test_windowed_suffix_search_finds_the_same_suffix(text: str) -> None:
    full = SUFFIX.search(text)
    windowed = windowed_suffix_search(SUFFIX, window=8)(text)
    assert (full and full.span()) == (windowed and windowed.span())


@given(ordinary_text)
@settings(max_examples=200, deadline=None)
def test_ordinary_text_gets_spacys_tokens(text: str) -> None:
    nlp = build_nlp()
    ours = [(t.idx, t.text, t.whitespace_) for t in nlp(text)]
    assert ours == [(t.idx, t.text, t.whitespace_) for t in RAW(text)]


@given(st.sampled_from(ADVERSARIAL_ALPHABETS), st.integers(1, 3000), st.booleans())
@settings(max_examples=60, deadline=None)
def test_hostile_runs_keep_offsets_into_the_original(alphabet: str, length: int, spaced: bool) -> None:
    text = (alphabet * (length // len(alphabet) + 1))[:length]
    if spaced:
        text = f"Support worker {text} band 3"
    doc = build_nlp()(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


@given(st.sampled_from(ADVERSARIAL_ALPHABETS), st.integers(MAX_RUN + 1, 20 * MAX_RUN))
@settings(max_examples=40, deadline=None)
def test_spacy_never_sees_a_run_longer_than_the_bound(alphabet: str, length: int) -> None:
    seen: list[str] = []
    tokenizer = BoundedTokenizer(spacy.blank("en").tokenizer)
    inner = tokenizer.inner
    tokenizer.inner = lambda piece: seen.append(piece) or inner(piece)  # type: ignore[assignment,func-returns-value]
    tokenizer(alphabet * (length // len(alphabet)))
    assert seen and max(len(run) for piece in seen for run in re.findall(r"\S+", piece)) <= MAX_RUN


@given(st.sampled_from(AFFIX_CHARS), st.integers(1, 5000))
@settings(max_examples=60, deadline=None)
def test_suffix_search_work_per_character_is_flat(unit: str, length: int) -> None:
    scanned = 0

    class Counting:
        def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
            nonlocal scanned
            scanned += len(text) - pos
            return SUFFIX.search(text, pos)

    search = windowed_suffix_search(Counting(), window=32)  # type: ignore[arg-type]
    text = unit * length
    ends = range(len(text), 0, -max(1, len(text) // 50))
    for end in ends:
        search(text[:end])
    # each search scans the window only (a run of dots, matched whole by one search, is the exception)
    assert scanned <= len(ends) * 32 or unit in {".", "..."}


def test_split_long_runs_joins_back_and_leaves_short_text_whole() -> None:
    assert split_long_runs("care worker") == ["care worker"]
    text = "a " + "!" * (3 * MAX_RUN + 5) + " b"
    pieces = split_long_runs(text)
    assert "".join(pieces) == text
    assert len(pieces) == 4


def test_the_project_nlp_uses_the_bounded_tokenizer() -> None:
    nlp = build_nlp()
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    assert [t.text for t in nlp("£12.50/hour!!")] == [t.text for t in RAW("£12.50/hour!!")]


@pytest.mark.parametrize("alphabet", ADVERSARIAL_ALPHABETS)
def test_long_hostile_text_is_analysed(analyser, alphabet: str) -> None:  # type: ignore[no-untyped-def]
    text = "Healthcare support worker, band 3. " + alphabet * (20_000 // len(alphabet))
    analysis = analyser.analyse(text, title="Healthcare Support Worker")
    assert analysis.role.id
