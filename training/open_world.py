"""The open-world evaluation: a model trained without the held-out employers, scored on their adverts.

Shared by `mhsw evaluate --corpus` (which prints the figures) and `mhsw train --corpus` (which also takes
the calibration fitted here into the model it ships). Training rows are the labelled adverts plus the
weakly labelled corpus adverts of every other employer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from classifier.artifacts import LoadedModel
from classifier.band_model import BandModel
from classifier.pipeline import Analyser
from classifier.role_model import Calibration, RoleModel
from classifier.taxonomy import Taxonomy
from training.corpus import CorpusAdvert, is_heldout_employer
from training.corpus_band_report import table as band_table
from training.corpus_bands import corpus_band_metrics, weak_examples
from training.corpus_eval import HandLabel, evaluate_roles
from training.datasets import LabelledRow
from training.fitting import fit_band_model, fit_role_model
from training.weak_roles import weak_role_rows


@dataclass(frozen=True)
class OpenWorldResult:
    report: dict[str, Any]
    calibration: Calibration


def fit_models(
    rows: Sequence[LabelledRow],
    taxonomy: Taxonomy,
    corpus: Sequence[CorpusAdvert],
    *,
    exclude_heldout: bool,
    version: str = "held-out-employers",
) -> tuple[LoadedModel, dict[str, int]]:
    """Role and band models from the labelled rows plus the corpus's weak labels (the held-out employers'
    adverts left out on request), and how many weak rows each took.

    The band model's corpus rows carry the role the new role model reads, as at inference time."""
    adverts = [a for a in corpus if a.text.strip() and not (exclude_heldout and is_heldout_employer(a.employer))]
    weak_roles = weak_role_rows(adverts, taxonomy, exclude_heldout=False)
    role_model = fit_role_model(rows, taxonomy, weak_roles)
    reader = Analyser(_model(version, role_model, fit_band_model(rows, taxonomy)), taxonomy)
    weak_bands = weak_examples(reader, adverts)
    model = _model(version, role_model, fit_band_model(rows, taxonomy, weak_bands))
    return model, {"weak_role_rows": len(weak_roles), "weak_band_rows": len(weak_bands)}


def _model(version: str, role_model: RoleModel, band_model: BandModel) -> LoadedModel:
    return LoadedModel(version=version, path=Path("."), manifest={}, role_model=role_model, band_model=band_model)


def evaluate_open_world(
    rows: Sequence[LabelledRow],
    taxonomy: Taxonomy,
    corpus: Sequence[CorpusAdvert],
    labels: dict[str, HandLabel],
) -> OpenWorldResult:
    """Fit without the held-out employers; score their hand-labelled adverts (roles) and all their
    adverts (bands, against weak labels)."""
    model, counts = fit_models(rows, taxonomy, corpus, exclude_heldout=True)
    analyser = Analyser(model, taxonomy)
    by_id = {advert.id: advert for advert in corpus}
    report, fitted = evaluate_roles(analyser, labels, by_id)
    heldout = [a for a in corpus if a.text.strip() and is_heldout_employer(a.employer)]
    report["bands"] = corpus_band_metrics(analyser, heldout)
    report["training"] = {"labelled_rows": len(rows), **counts}
    return OpenWorldResult(report, fitted)


def headline(report: dict[str, Any]) -> dict[str, Any]:
    """The manifest's share of the report: accuracies, support P / R and calibration, no error lists."""
    keep = (
        "all",
        "unambiguous",
        "mental_health",
        "category_accuracy",
        "support_precision",
        "support_recall",
        "stated_band_accuracy",
    )
    return {
        "method": "trained without the held-out employers; their hand-labelled adverts scored",
        **{
            reading: {k: report[reading][k] for k in keep}
            for reading in ("with_title", "without_title")
        },
        "calibration": {k: v for k, v in report["calibration"].items() if k != "reliability"},
        "bands": report.get("bands", {}),
    }


def markdown(report: dict[str, Any]) -> str:
    """The README's open-world table."""
    lines = [
        "| metric (held-out employers, all professions) | with title | no title |",
        "|---|---|---|",
    ]
    titled, untitled = report["with_title"], report["without_title"]
    for key, label in (
        ("all", "Role top-1, all adverts"),
        ("unambiguous", "Role top-1, unambiguous titles"),
        ("mental_health", "Role top-1, mental health adverts"),
    ):
        lines.append(
            f"| {label} (n={titled[key]['adverts']}) | {titled[key]['accuracy']} | {untitled[key]['accuracy']} |"
        )
    for key, label in (
        ("category_accuracy", "Category accuracy"),
        ("support_precision", "Support workforce precision"),
        ("support_recall", "Support workforce recall"),
        ("stated_band_accuracy", "Stated band (null where none), all adverts"),
        ("stated_band_recall", "Stated band, adverts that state one"),
        ("needs_review_share", "Share flagged needs_review"),
    ):
        lines.append(f"| {label} | {titled[key]} | {untitled[key]} |")
    cal = report["calibration"]
    lines += [
        "",
        f"Role confidence, cross-fitted by employer halves on {cal['adverts']} adverts: expected calibration "
        f"error {cal['expected_calibration_error']}; {cal['unflagged_share']} of adverts unflagged, "
        f"right {cal['unflagged_accuracy']} of the time.",
        "",
        "| confidence | adverts | mean confidence | accuracy |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {b['bin']} | {b['adverts']} | {b['confidence']} | {b['accuracy']} |" for b in cal["reliability"]
    ]
    if "bands" in report:
        lines += ["", band_table(report["bands"])]
    return "\n".join(lines) + "\n"
