"""Role figures on real adverts of every profession, from employers the evaluated model never saw.

The hand labels (`data/evaluation/nhs2020-roles.csv`: ids and labels only, read by a person) cover adverts
of the corpus employers that `training.corpus.is_heldout_employer` holds out; the model scored here is
trained without any advert of theirs. Each advert is scored twice: with its title and with none, as a
pasted advert or a DOCX upload arrives.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifier.paths import DATA_DIR
from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.role_model import Calibration
from classifier.schema import Advert, Analysis
from training import calibration
from training.corpus import CorpusAdvert

LABELS_PATH = DATA_DIR / "evaluation" / "nhs2020-roles.csv"
SUPPORT_CATEGORIES = frozenset({"defined_boundary", "trainee", "further_education"})
"""The support workforce: what a researcher counts."""


@dataclass(frozen=True)
class HandLabel:
    id: str
    role_id: str
    category: str
    mental_health: bool
    title_ambiguous: bool
    band_stated: str | None
    family: str


def load_hand_labels(path: Path = LABELS_PATH) -> dict[str, HandLabel]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    return {
        row["id"]: HandLabel(
            id=row["id"],
            role_id=row["role_id"],
            category=row["category"],
            mental_health=row["mental_health"].strip().lower() == "true",
            title_ambiguous=row["title_ambiguous"].strip().lower() == "true",
            band_stated=row.get("band_stated") or None,
            family=row.get("family") or "",
        )
        for row in rows
    }


def as_advert(advert: CorpusAdvert, *, with_title: bool) -> Advert:
    """The corpus advert as the engine receives it (title left out for the no-title reading)."""
    return from_text(advert.text, title=advert.title if with_title else None, id=advert.id)


Pair = tuple[HandLabel, Analysis]


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def role_figures(pairs: Sequence[Pair]) -> dict[str, Any]:
    """Top-1 role and category accuracy, overall and on the slices the issue names, and support P / R."""

    def accuracy(selected: Sequence[Pair]) -> dict[str, Any]:
        return {
            "adverts": len(selected),
            "accuracy": _share(sum(a.role.id == h.role_id for h, a in selected), len(selected)),
        }

    gold_support = [h.category in SUPPORT_CATEGORIES for h, _a in pairs]
    said_support = [a.category.id in SUPPORT_CATEGORIES for _h, a in pairs]
    both = sum(g and s for g, s in zip(gold_support, said_support, strict=True))
    unflagged = [(h, a) for h, a in pairs if not a.role.needs_review]
    stating = [(h, a) for h, a in pairs if h.band_stated]
    return {
        "all": accuracy(pairs),
        "unambiguous": accuracy([(h, a) for h, a in pairs if not h.title_ambiguous]),
        "mental_health": accuracy([(h, a) for h, a in pairs if h.mental_health]),
        "category_accuracy": _share(sum(a.category.id == h.category for h, a in pairs), len(pairs)),
        "support_precision": _share(both, sum(said_support)),
        "support_recall": _share(both, sum(gold_support)),
        "stated_band_accuracy": _share(sum(a.band.stated == h.band_stated for h, a in pairs), len(pairs)),
        "stated_band_recall": _share(sum(a.band.stated == h.band_stated for h, a in stating), len(stating)),
        "needs_review_share": _share(len(pairs) - len(unflagged), len(pairs)),
        "accuracy_when_not_flagged": accuracy(unflagged)["accuracy"],
        "errors": sorted(
            ({"id": h.id, "gold": h.role_id, "predicted": a.role.id} for h, a in pairs if a.role.id != h.role_id),
            key=lambda e: (e["gold"], e["predicted"]),
        ),
    }


def scored_for_calibration(
    analyser: Analyser, labels: Sequence[HandLabel], adverts: Sequence[Advert], employers: Sequence[str]
) -> calibration.Scored:
    """Class scores of the titled adverts (uncalibrated for a freshly fitted model) and the true columns."""
    classifier = analyser.roles
    scores, _cleaned, _exacts = classifier.scores(adverts)
    column = {role_id: i for i, role_id in enumerate(classifier.top_ids)}
    return calibration.Scored(
        scores=scores, gold=np.array([column[label.role_id] for label in labels]), groups=tuple(employers)
    )


def evaluate_roles(
    analyser: Analyser, labels: dict[str, HandLabel], corpus: dict[str, CorpusAdvert]
) -> tuple[dict[str, Any], Calibration]:
    """Role figures with and without titles, the cross-fitted calibration report, and the calibration
    fitted on every hand-labelled advert (for the model trained on all employers)."""
    chosen = [labels[i] for i in sorted(labels) if i in corpus]
    titled = [as_advert(corpus[h.id], with_title=True) for h in chosen]
    untitled = [as_advert(corpus[h.id], with_title=False) for h in chosen]
    with_title = list(zip(chosen, analyser.analyse_many(titled), strict=True))
    without_title = list(zip(chosen, analyser.analyse_many(untitled), strict=True))
    scored = scored_for_calibration(analyser, chosen, titled, [corpus[h.id].employer for h in chosen])
    fold = analyser.roles.fold_to_top
    report = {
        "with_title": role_figures(with_title),
        "without_title": role_figures(without_title),
        "calibration": calibration.cross_fitted(scored, fold),
    }
    return report, calibration.fit(scored, fold, f"{len(chosen)} hand-labelled adverts of held-out employers")
