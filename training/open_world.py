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
from classifier.pipeline import Analyser
from classifier.role_model import Calibration
from classifier.taxonomy import Taxonomy
from training.corpus import CorpusAdvert
from training.corpus_eval import HandLabel, evaluate_roles
from training.datasets import LabelledRow
from training.fitting import fit_band_model, fit_role_model
from training.weak_roles import weak_role_rows


@dataclass(frozen=True)
class OpenWorldResult:
    report: dict[str, Any]
    calibration: Calibration


def held_out_model(
    rows: Sequence[LabelledRow], taxonomy: Taxonomy, corpus: Sequence[CorpusAdvert]
) -> tuple[LoadedModel, int]:
    """Both models fitted without any advert of a held-out employer; and how many weak role rows it used."""
    weak = weak_role_rows(corpus, taxonomy, exclude_heldout=True)
    model = LoadedModel(
        version="held-out-employers",
        path=Path("."),
        manifest={},
        role_model=fit_role_model(rows, taxonomy, weak),
        band_model=fit_band_model(rows, taxonomy),
    )
    return model, len(weak)


def evaluate_open_world(
    rows: Sequence[LabelledRow],
    taxonomy: Taxonomy,
    corpus: Sequence[CorpusAdvert],
    labels: dict[str, HandLabel],
) -> OpenWorldResult:
    model, weak_rows = held_out_model(rows, taxonomy, corpus)
    analyser = Analyser(model, taxonomy)
    by_id = {advert.id: advert for advert in corpus}
    report, fitted = evaluate_roles(analyser, labels, by_id)
    report["training"] = {"labelled_rows": len(rows), "weak_role_rows": weak_rows}
    return OpenWorldResult(report, fitted)


def headline(report: dict[str, Any]) -> dict[str, Any]:
    """The manifest's share of the report: accuracies, support P / R and calibration, no error lists."""
    keep = ("all", "unambiguous", "mental_health", "category_accuracy", "support_precision", "support_recall")
    return {
        "method": "trained without the held-out employers; their hand-labelled adverts scored",
        **{
            reading: {k: report[reading][k] for k in keep}
            for reading in ("with_title", "without_title")
        },
        "calibration": {k: v for k, v in report["calibration"].items() if k != "reliability"},
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
    return "\n".join(lines) + "\n"
