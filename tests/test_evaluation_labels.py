"""The hand-labelled NHS Jobs 2020 evaluation set (data/evaluation/): well formed, and drawn as documented.

The label file ships with the repository, so its checks run on a fresh clone; the checks against the corpus
itself skip when ../shared is absent.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from classifier.taxonomy import default_taxonomy
from training.corpus import corpus_available, is_heldout_employer, iter_corpus

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "evaluation"
LABELS = EVAL_DIR / "nhs2020-roles.csv"
SAMPLE = EVAL_DIR / "sample-ids.csv"
COLUMNS = ["id", "role_id", "category", "mental_health", "title_ambiguous", "band_stated", "family", "note"]
BANDS = {"", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"}
FAMILIES = {"support", "trainee", "registered", "medical", "admin", "other"}
needs_corpus = pytest.mark.skipif(not corpus_available(), reason="../shared/data corpus not present")


def _rows() -> list[dict[str, str]]:
    with LABELS.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _expected_family(role_id: str, category: str) -> str:
    """The README's family rule: the family follows from the role and its category."""
    if role_id == "medical_doctor":
        return "medical"
    if role_id == "facilities_worker":
        return "other"
    return {
        "defined_boundary": "support",
        "further_education": "support",
        "trainee": "trainee",
        "registered_professional": "registered",
        "out_of_scope": "admin",
    }[category]


def _sample_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluation_sample", EVAL_DIR / "sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labels_parse_with_enough_unique_ids() -> None:
    rows = _rows()
    ids = [row["id"] for row in rows]
    assert len(rows) >= 300
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"nj2020-\d+", advert_id) for advert_id in ids)


def test_roles_are_top_level_taxonomy_roles_with_their_category() -> None:
    categories = {role.id: role.category for role in default_taxonomy().top_roles()}
    for row in _rows():
        assert row["role_id"] in categories, row["id"]
        assert row["category"] == categories[row["role_id"]], row["id"]


def test_flags_bands_and_families_are_valid() -> None:
    for row in _rows():
        assert row["mental_health"] in {"true", "false"}, row["id"]
        assert row["title_ambiguous"] in {"true", "false"}, row["id"]
        assert row["band_stated"] in BANDS, row["id"]
        assert row["family"] in FAMILIES, row["id"]
        assert row["family"] == _expected_family(row["role_id"], row["category"]), row["id"]


def test_notes_are_short_labeller_words_not_advert_text() -> None:
    for row in _rows():
        assert len(row["note"]) <= 100, row["id"]


def test_every_sampled_advert_is_labelled() -> None:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        sampled = [row["id"] for row in csv.DictReader(handle)]
    assert sorted(sampled) == sorted(row["id"] for row in _rows())


def test_generic_title_test_ignores_band_and_punctuation() -> None:
    sample = _sample_module()
    assert sample.GENERIC_TITLE.match(sample.plain_title("Staff Nurse - Band 5"))
    assert sample.GENERIC_TITLE.match(sample.plain_title("Bank Support Worker"))
    assert not sample.GENERIC_TITLE.match(sample.plain_title("Staff Nurse - Respiratory Wards"))


@needs_corpus
def test_every_id_is_a_heldout_corpus_advert_and_the_sample_redraws() -> None:
    rows = {row["id"] for row in _rows()}
    heldout = [advert for advert in iter_corpus() if is_heldout_employer(advert.employer)]
    heldout_ids = {advert.id for advert in heldout}
    assert rows <= heldout_ids
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        stored = [(row["id"], row["stratum"]) for row in csv.DictReader(handle)]
    assert _sample_module().draw(heldout) == stored
