"""The bounded tokenizer changes no analysis of an ordinary advert.

Each advert is analysed twice by the same loaded model: once with the project's tokenizer and once with spaCy's
own (the old path); the two `Analysis` JSON documents must be identical. The invented adverts always run; the
shared corpus (dev adverts and 2,000 NHS Jobs 2020 adverts) runs, marked slow, when `../shared` is present.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest
import spacy

from classifier.pipeline import Analyser
from classifier.reading import from_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def _rows(path: Path, limit: int | None = None) -> Iterator[dict[str, object]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from islice((json.loads(line) for line in handle if line.strip()), limit)


def _differences(analyser: Analyser, rows: list[dict[str, object]]) -> list[str]:
    adverts = [
        from_text(str(row.get("text") or ""), title=str(row.get("title") or "") or None, id=str(row.get("id", i)))
        for i, row in enumerate(rows)
        if str(row.get("text") or "").strip()
    ]
    ours = [a.model_dump_json() for a in analyser.analyse_many(adverts)]
    bounded = analyser.nlp.tokenizer
    analyser.nlp.tokenizer = spacy.blank("en", vocab=analyser.nlp.vocab).tokenizer
    try:
        theirs = [a.model_dump_json() for a in analyser.analyse_many(adverts)]
    finally:
        analyser.nlp.tokenizer = bounded
    assert len(ours) == len(adverts)
    return [a.id or "" for a, x, y in zip(adverts, ours, theirs, strict=True) if x != y]


def test_invented_adverts_are_analysed_identically(analyser: Analyser) -> None:
    rows = list(_rows(ROOT / "data" / "training" / "invented_adverts.jsonl"))
    assert rows and _differences(analyser, rows) == []


@pytest.mark.slow
@pytest.mark.parametrize(("name", "limit"), [("adverts-dev.jsonl", None), ("nhs-jobs-2020.jsonl.gz", 2000)])
def test_corpus_adverts_are_analysed_identically(analyser: Analyser, name: str, limit: int | None) -> None:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is not present (the shared corpus lives outside the repository)")
    rows = list(_rows(path, limit))
    assert _differences(analyser, rows) == []
