"""Validates `data/training/invented_adverts.jsonl`, the project's own labelled adverts.

A fresh clone trains and runs end-to-end tests on this file alone, so a wrong id, a band the text never
states or pathway evidence that is not in the text would silently teach or measure the wrong thing.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from classifier.paths import DATA_DIR, LEXICON_DIR
from classifier.schema import BAND_VALUES, CATEGORY_IDS
from classifier.taxonomy import default_taxonomy
from training.datasets import load_jsonl

DATA_FILE = DATA_DIR / "training" / "invented_adverts.jsonl"
EMPLOYER_TYPES = {"NHS", "charity", "private", "local authority"}
LABEL_KEYS = {
    "role_id",
    "category",
    "band_stated",
    "afc",
    "pathway_present",
    "pathway_evidence",
    "title_ambiguous",
    "quals",
    "skills",
}
MIN_EMPLOYERS = 12
"""Enough distinct employers for grouped cross-validation folds that never share an employer."""


@lru_cache(maxsize=1)
def rows() -> tuple[dict[str, Any], ...]:
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def row_ids() -> list[str]:
    return [row["id"] for row in rows()]


@pytest.fixture(params=range(len(rows())), ids=row_ids())
def row(request: pytest.FixtureRequest) -> dict[str, Any]:
    return rows()[request.param]


@lru_cache(maxsize=2)
def lexicon_ids(filename: str, key: str) -> frozenset[str] | None:
    """Labelled-vocabulary ids of a lexicon file; entries marked `extra` are outside the label schema."""
    path: Path = LEXICON_DIR / filename
    if not path.exists():
        return None
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))[key]
    return frozenset(k for k, v in entries.items() if not (v or {}).get("extra"))


def test_ids_are_unique() -> None:
    ids = row_ids()
    assert len(ids) == len(set(ids))


def test_training_loader_accepts_the_file() -> None:
    dataset = load_jsonl([DATA_FILE], default_taxonomy())
    assert len(dataset.rows) == len(rows())
    assert len(set(dataset.groups())) >= MIN_EMPLOYERS


def test_every_category_is_present() -> None:
    assert {r["labels"]["category"] for r in rows()} == set(CATEGORY_IDS)


def test_row_fields(row: dict[str, Any]) -> None:
    assert row["title"].strip()
    assert row["employer"].strip()
    assert row["employer_type"] in EMPLOYER_TYPES
    assert set(row["labels"]) == LABEL_KEYS
    assert 700 <= len(row["text"]) <= 1800


def test_role_is_a_top_level_taxonomy_role_with_its_category(row: dict[str, Any]) -> None:
    labels = row["labels"]
    top_roles = {r.id: r for r in default_taxonomy().top_roles()}
    assert labels["role_id"] in top_roles
    assert labels["category"] == top_roles[labels["role_id"]].category


def test_stated_band_is_valid_and_written_in_the_advert(row: dict[str, Any]) -> None:
    band = row["labels"]["band_stated"]
    if band is None:
        return
    assert band in BAND_VALUES
    assert row["labels"]["afc"] is True, "a stated band is an Agenda for Change band"
    pattern = re.compile(rf"\bband\s*{re.escape(band)}\b", re.IGNORECASE)
    assert pattern.search(row["title"]) or pattern.search(row["text"])


def test_pathway_evidence_matches_the_flag_and_the_text(row: dict[str, Any]) -> None:
    labels = row["labels"]
    evidence = labels["pathway_evidence"]
    assert labels["pathway_present"] is (evidence is not None)
    if evidence is not None:
        assert evidence in row["text"] or evidence in row["title"]


def test_flags_are_booleans(row: dict[str, Any]) -> None:
    labels = row["labels"]
    assert all(isinstance(labels[k], bool) for k in ("afc", "pathway_present", "title_ambiguous"))


@pytest.mark.parametrize(
    ("kind", "filename", "key"),
    [("quals", "qualifications.yaml", "qualifications"), ("skills", "skills.yaml", "skills")],
)
def test_qualification_and_skill_ids_are_known(
    row: dict[str, Any], kind: str, filename: str, key: str
) -> None:
    known = lexicon_ids(filename, key)
    if known is None:
        pytest.skip(f"{LEXICON_DIR / filename} is missing, so there is no id list to check {kind} against")
    ids = row["labels"][kind]
    assert len(ids) == len(set(ids))
    assert set(ids) <= known, sorted(set(ids) - known)
