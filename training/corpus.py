"""The NHS Jobs 2020 corpus (../shared/data/nhs-jobs-2020.jsonl.gz): loading and the employer split.

The corpus is third-party text: it is read from beside the project, never copied into it. Employers are
split once, by a hash of the name, so every evaluation holds out the same employers (about a fifth of them)
and nothing trained for evaluation has seen an advert of theirs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from classifier.paths import PROJECT_ROOT

CORPUS_PATH = PROJECT_ROOT.parent / "shared" / "data" / "nhs-jobs-2020.jsonl.gz"
HELDOUT_SHARE = 5
"""One employer in HELDOUT_SHARE is held out (sha256 of the name, as an integer, modulo this is 0)."""


@dataclass(frozen=True)
class CorpusAdvert:
    id: str
    title: str
    text: str
    employer: str
    salary_text: str | None
    salary_min: float | None
    salary_max: float | None
    salary_unit: str | None
    date_posted: str | None


def is_heldout_employer(employer: str) -> bool:
    """True for the employers every corpus evaluation holds out of training."""
    return int(hashlib.sha256(employer.encode("utf-8")).hexdigest(), 16) % HELDOUT_SHARE == 0


def iter_corpus(path: Path = CORPUS_PATH) -> Iterator[CorpusAdvert]:
    """Rows of the corpus in file order (raises FileNotFoundError where the corpus is absent)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            yield CorpusAdvert(
                id=str(raw["id"]),
                title=raw.get("title") or "",
                text=raw.get("text") or "",
                employer=raw.get("employer") or "",
                salary_text=raw.get("salary_text"),
                salary_min=raw.get("salary_min"),
                salary_max=raw.get("salary_max"),
                salary_unit=raw.get("salary_unit"),
                date_posted=raw.get("date_posted"),
            )


def corpus_available(path: Path = CORPUS_PATH) -> bool:
    return path.is_file()
