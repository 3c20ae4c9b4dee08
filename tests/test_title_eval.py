"""`python3 -m training.title_eval`: its measures, and the title finder's precision on the real adverts
(skipped on a fresh clone without ../shared)."""

from __future__ import annotations

import pytest

from training.corpus import corpus_available
from training.title_eval import DEV_PATH, Tally, corpus_pairs, dev_pairs, normalise, overlap_f1, table, tally


def test_normalise_and_overlap() -> None:
    assert normalise("Children & Young People's  Nurse!") == "children and young people s nurse"
    assert overlap_f1("Staff Nurses", "Staff Nurse") == 1.0  # plural agrees
    assert overlap_f1("Band 5 Staff Nurse", "Staff Nurse - Band 5") == 1.0  # band words are not content
    assert overlap_f1("Hollin Valley NHS Trust", "Staff Nurse") == 0.0
    assert overlap_f1("Registered Nurse", "Staff Nurse") == 0.5  # one of two content words each


def test_tally_and_table_count_per_source() -> None:
    result = Tally()
    for text, real in [
        ("Job title: Ward Clerk\n", "Ward Clerk"),
        ("Peer Support Worker\n\nWe are recruiting.", "Recovery Worker"),
        ("We are recruiting for our ward.", "Staff Nurse"),
    ]:
        result.add(text, real, None)
    assert result.adverts == 3
    assert (result.found["field"], result.exact["field"], result.agree["field"]) == (1, 1, 1)
    assert (result.found["guessed"], result.agree["guessed"], result.unrelated["guessed"]) == (1, 0, 0)
    lines = table("invented", result).splitlines()
    assert lines[0] == "invented: 3 adverts, title dropped"
    assert lines[-1] == "| all | 2 | 0.667 | 0.500 | 0.500 | 0.000 | - | - |"


@pytest.mark.skipif(not DEV_PATH.is_file(), reason="needs ../shared/data/adverts-dev.jsonl")
def test_dev_adverts_titles_are_found_and_right() -> None:
    result = tally(dev_pairs(), None)
    found = result.found.total()
    assert found / result.adverts >= 0.85
    assert result.agree.total() / found >= 0.97
    assert result.unrelated.total() / found <= 0.02


@pytest.mark.skipif(not corpus_available(), reason="needs ../shared/data/nhs-jobs-2020.jsonl.gz")
def test_corpus_guesses_are_rarely_unrelated() -> None:
    # Adverts 5,001-6,000: the rules were written reading the first 1,000, not these.
    result = tally(corpus_pairs(1000, 5000), None)
    found = result.found.total()
    assert found / result.adverts >= 0.35
    assert result.agree.total() / found >= 0.75
    assert result.unrelated.total() / found <= 0.06
