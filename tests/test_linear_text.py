"""Regex paths over text that were quadratic stay linear: counted work, not time (issue 11)."""

from __future__ import annotations

import re

import pytest

from classifier import masking


class _Counting:
    """Wraps a compiled pattern and counts the characters its `match` calls may scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.calls = 0

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.match(text, pos)


@pytest.mark.parametrize("repeats", [10, 1000, 10_000])
def test_a_chain_of_band_statements_is_matched_once(monkeypatch: pytest.MonkeyPatch, repeats: int) -> None:
    counting = _Counting(masking._BAND_LIST)
    monkeypatch.setattr(masking, "_BAND_LIST", counting)
    text = "Band 3/" * repeats + "4"
    assert masking.mask_pay(text) == "[BAND]"
    assert counting.calls == 1


def test_separate_band_statements_are_each_masked() -> None:
    assert masking.mask_pay("Band 3. Later, band 5 or band 6.") == "[BAND]. Later, [BAND]."


def _old_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quadratic originals: uncapped sentences and the backtracking clause regex."""
    from classifier import requirement

    monkeypatch.setattr(requirement, "_capped", lambda ends, _length: ends)
    monkeypatch.setattr(requirement, "_last_clause", lambda before: requirement._CLAUSE_END.sub("", before, count=1))


def _same_analyses(analyser, rows, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[no-untyped-def]
    from classifier.reading import from_text

    adverts = [
        from_text(str(r["text"]), title=str(r.get("title") or "") or None, id=str(r.get("id", i)))
        for i, r in enumerate(rows)
        if str(r.get("text") or "").strip()
    ]
    new = [a.model_dump_json() for a in analyser.analyse_many(adverts)]
    with monkeypatch.context() as patch:
        _old_sentences(patch)
        old = [a.model_dump_json() for a in analyser.analyse_many(adverts)]
    return [a.id or "" for a, x, y in zip(adverts, new, old, strict=True) if x != y]


def test_capped_sentences_change_no_invented_advert(analyser, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "training" / "invented_adverts.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert _same_analyses(analyser, rows, monkeypatch) == []


@pytest.mark.slow
@pytest.mark.parametrize(("name", "limit"), [("adverts-dev.jsonl", None), ("nhs-jobs-2020.jsonl.gz", 2000)])
def test_capped_sentences_change_no_corpus_advert(analyser, monkeypatch: pytest.MonkeyPatch, name: str, limit: int | None) -> None:  # type: ignore[no-untyped-def]
    from test_tokenizer_identity import SHARED, _rows

    if not (SHARED / name).is_file():
        pytest.skip("the shared corpus is not present")
    assert _same_analyses(analyser, list(_rows(SHARED / name, limit)), monkeypatch) == []


def test_a_text_without_full_stops_has_bounded_sentences() -> None:
    from classifier.requirement import MAX_SENTENCE, SentenceIndex

    text = "NVQ Level 3 " * 2000
    index = SentenceIndex(text)
    assert len(index.sentence(12_000, 12_011)) <= MAX_SENTENCE
    assert len(index.before(12_000)) <= MAX_SENTENCE
