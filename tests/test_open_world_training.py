"""Weak role labels, the untitled text model, sparse storage and calibration: the open-world training parts.

Everything here runs on invented adverts; the corpus itself is only read by `test_corpus_training_end_to_end`
(skipped without ../shared).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from classifier.artifacts import load_model
from classifier.linear_io import classifier_from_data, classifier_to_data
from classifier.role_model import Calibration, RoleModel
from classifier.sparse_text import LinearClassifier
from classifier.taxonomy import default_taxonomy
from training import calibration
from training.corpus import CorpusAdvert, corpus_available, is_heldout_employer
from training.corpus_eval import HandLabel, role_figures
from training.weak_roles import WeakRoleLabeller, has_mental_health_evidence, weak_role_rows

ROOT = Path(__file__).resolve().parent.parent
WARD_TEXT = "Join our busy stroke ward caring for adults after acute stroke. Administer medicines and observations."
MH_TEXT = (
    "Join our acute mental health inpatient ward. You will be an RMN working with people in mental health crisis."
)


@pytest.fixture(scope="module")
def labeller() -> WeakRoleLabeller:
    return WeakRoleLabeller(default_taxonomy())


def test_generic_nurse_title_follows_the_text(labeller: WeakRoleLabeller) -> None:
    general = labeller.label("Staff Nurse", WARD_TEXT)
    mental = labeller.label("Staff Nurse - Band 5", MH_TEXT)
    assert general is not None and general.role_id == labeller.adult_nurse
    assert default_taxonomy().role(general.role_id).top_id == "other_registered_professional"
    assert mental is not None and mental.role_id == "mental_health_nurse"


def test_mental_health_role_needs_evidence(labeller: WeakRoleLabeller) -> None:
    """A mental health title variant alone does not label a post with no mental health wording."""
    assert labeller.label("Mental Health Support Worker", MH_TEXT) is not None  # the title is evidence
    evidence_free = labeller.label("Support Time Recovery Worker", WARD_TEXT)
    assert evidence_free is None
    assert labeller.label("Healthcare Assistant", WARD_TEXT) is not None  # not a mental-health-only role


def test_mental_health_evidence_needs_two_mentions() -> None:
    assert not has_mental_health_evidence("Porter", "We care about staff mental health.")
    assert has_mental_health_evidence("Porter", "Mental health wards. Our mental health services.")
    assert has_mental_health_evidence("CAMHS Nurse", "")


def test_unclear_titles_stay_unlabelled(labeller: WeakRoleLabeller) -> None:
    assert labeller.label("", WARD_TEXT) is None
    assert labeller.label("Support Worker", WARD_TEXT) is None


def test_weak_rows_leave_out_heldout_employers() -> None:
    employers = [f"Invented Trust {i}" for i in range(40)]
    heldout = next(e for e in employers if is_heldout_employer(e))
    kept = next(e for e in employers if not is_heldout_employer(e))
    adverts = [
        CorpusAdvert(f"a{i}", "Healthcare Assistant", WARD_TEXT, employer, None, None, None, None, None)
        for i, employer in enumerate((heldout, kept))
    ]
    rows = weak_role_rows(adverts, default_taxonomy(), exclude_heldout=True)
    assert [r.employer for r in rows] == [kept]
    assert len(weak_role_rows(adverts, default_taxonomy(), exclude_heldout=False)) == 2


def _fitted_role_model() -> RoleModel:
    titles = ["Healthcare Assistant", "Porter", "Staff Nurse", "Medical Secretary"] * 3
    texts = [
        "personal care on the ward, washing and feeding patients",
        "moving patients and equipment around the hospital site",
        "registered nurse administering medicines on the ward",
        "typing clinic letters and managing the consultant's diary",
    ] * 3
    labels = ["healthcare_support_worker", "facilities_worker", "adult_nurse", "administrator"] * 3
    return RoleModel().fit(titles, texts, labels)


def test_untitled_adverts_are_read_by_the_text_model() -> None:
    model = _fitted_role_model()
    assert model.text_clf is not None
    text = "typing clinic letters and managing the consultant's diary"
    untitled = model.predict_proba([""], [text])[0]
    expected = model.text_clf.predict_proba(model.text_word.transform([text]))[0]  # type: ignore[union-attr]
    columns = [model.classes.index(str(c)) for c in model.text_clf.classes]
    assert np.allclose(untitled[columns], expected)
    assert model.classes[int(np.argmax(untitled))] == "administrator"


def test_role_model_round_trips_through_plain_data() -> None:
    model = _fitted_role_model()
    data, arrays = model.to_data()
    model.calibration = Calibration(temperature=1.5, review_threshold=0.7, fitted_on="test")
    data, arrays = model.to_data()
    loaded = RoleModel.from_data(json.loads(json.dumps(data)), arrays)
    assert loaded.calibration == model.calibration
    titles, texts = ["Porter", ""], ["", "moving patients and equipment around the hospital site"]
    assert np.allclose(loaded.predict_proba(titles, texts), model.predict_proba(titles, texts), atol=0.05)


def test_sparse_storage_drops_only_small_coefficients() -> None:
    coef = np.array([[0.5, 0.001, -0.3], [0.0, -0.015, 2.0]])
    clf = LinearClassifier(coef=coef, intercept=np.zeros(2), classes=["a", "b"])
    arrays: dict[str, np.ndarray] = {}
    data = classifier_to_data("clf", clf, arrays, sparse=True)
    loaded = classifier_from_data("clf", data, arrays)
    assert np.allclose(loaded.dense_coef(), [[0.5, 0.0, -0.3], [0.0, 0.0, 2.0]])


def test_temperature_rescales_and_keeps_the_ranking() -> None:
    scores = np.array([[0.6, 0.3, 0.1]])
    sharper = Calibration(temperature=0.5).apply(scores)
    softer = Calibration(temperature=2.0).apply(scores)
    assert sharper[0, 0] > 0.6 > softer[0, 0]
    assert np.allclose(sharper.sum(axis=1), 1.0) and np.argmax(softer) == 0


def test_overconfident_scores_get_a_temperature_above_one() -> None:
    rng = np.random.default_rng(0)
    n = 400
    gold = rng.integers(0, 3, n)
    predicted = np.where(rng.random(n) < 0.7, gold, (gold + 1) % 3)  # right 70% of the time
    scores = np.full((n, 3), 0.005)
    scores[np.arange(n), predicted] = 0.99  # but always 99% sure
    scored = calibration.Scored(scores, gold, tuple(f"e{i % 20}" for i in range(n)))
    fitted = calibration.fit(scored, lambda p: p, "test")
    assert fitted.temperature > 1.0
    confidence, correct = calibration.confidence_and_correct(scored, fitted.temperature, lambda p: p)
    _table, ece = calibration.reliability(confidence, correct)
    assert ece < 0.05
    report = calibration.cross_fitted(scored, lambda p: p)
    assert report["adverts"] == n and report["expected_calibration_error"] < 0.1


def test_review_threshold_keeps_unflagged_accuracy() -> None:
    confidence = np.array([0.95] * 97 + [0.95] * 3 + [0.6] * 50)
    correct = np.array([True] * 97 + [False] * 3 + [True] * 25 + [False] * 25)
    threshold = calibration.review_threshold(confidence, correct)
    assert 0.6 < threshold <= 0.95
    assert correct[confidence >= threshold].mean() >= calibration.TARGET_ACCURACY


def test_role_figures_count_support_precision_and_recall(analyser) -> None:  # type: ignore[no-untyped-def]
    hca = analyser.analyse("Personal care for patients on a busy ward.", title="Healthcare Assistant")
    porter = analyser.analyse("Moving patients and equipment across the hospital.", title="Porter")
    label = HandLabel("x", "healthcare_support_worker", "defined_boundary", False, False, None, "support")
    wrong = HandLabel("y", "healthcare_support_worker", "defined_boundary", True, False, None, "support")
    figures = role_figures([(label, hca), (wrong, porter)])
    assert figures["all"] == {"adverts": 2, "accuracy": 0.5}
    assert figures["support_precision"] == 1.0 and figures["support_recall"] == 0.5
    assert figures["mental_health"]["accuracy"] == 0.0
    assert figures["errors"] == [{"id": "y", "gold": "healthcare_support_worker", "predicted": porter.role.id}]


@pytest.mark.skipif(
    not (corpus_available() and os.environ.get("MHSW_CORPUS_TESTS")),
    reason="trains on the whole corpus (about 10 minutes): set MHSW_CORPUS_TESTS=1 with ../shared present",
)
def test_corpus_training_end_to_end(tmp_path: Path) -> None:
    """`mhsw train --corpus` writes a calibrated model whose manifest carries the open-world figures."""
    from training.corpus import CORPUS_PATH

    result = subprocess.run(
        [sys.executable, "-m", "mhsw", "train", "--data", str(ROOT / "data/training/invented_adverts.jsonl"),
         "--corpus", str(CORPUS_PATH), "--output", str(tmp_path), "--version", "ow", "--no-cv", "--no-default"],
        capture_output=True, text=True, cwd=ROOT, timeout=3000,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    model = load_model(tmp_path / "ow")
    assert model.role_model.calibration.fitted_on.endswith("held-out employers")
    assert model.manifest["metrics"]["open_world"]["with_title"]["all"]["adverts"] >= 300


def test_generic_nurse_title_lets_the_text_choose_the_field() -> None:
    """Trained mostly on adult "Staff Nurse" adverts, a PICU "Staff Nurse" still reads as mental health."""
    from classifier.reading import from_text
    from classifier.titles import RoleClassifier

    adult = "stroke ward caring for adults after acute stroke, medicines and observations"
    mental = "psychiatric intensive care unit, mental health patients in crisis, RMN"
    titles = ["Staff Nurse"] * 8 + ["Mental Health Nurse"] * 2 + ["Porter"] * 2
    texts = [adult] * 7 + [mental] + [mental] * 2 + ["moving equipment around the site"] * 2
    labels = ["adult_nurse"] * 7 + ["mental_health_nurse"] * 3 + ["facilities_worker"] * 2
    classifier = RoleClassifier(RoleModel().fit(titles, texts, labels), default_taxonomy())
    on_picu, on_stroke = classifier.classify_many(
        [from_text(mental, title="Staff Nurse"), from_text(adult, title="Staff Nurse")]
    )
    assert on_picu.id == "mental_health_nurse"
    assert on_stroke.id == "other_registered_professional" and on_stroke.finer_role == "adult_nurse"


def test_a_title_of_unknown_words_is_left_to_the_text() -> None:
    """"Locksmith" names nothing the model learned: the text model reads the advert, not the joint model's
    fallback onto the commonest role."""
    model = _fitted_role_model()
    text = "moving patients and equipment around the hospital site"
    assert not model._known_title("Locksmith") and model._known_title("Senior Porter")
    assert np.allclose(model.predict_proba(["Locksmith"], [text]), model.text_proba([text]))
