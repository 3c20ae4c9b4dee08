"""Role confidence that means something: temperature, reliability table and the review threshold.

Fitted on adverts of employers the model never saw. The temperature is chosen by log loss of the true
roles.csv role; the review threshold is the lowest confidence above which adverts are right at least
`TARGET_ACCURACY` of the time. `cross_fitted` reports both on halves the fit did not see, so the printed
expected calibration error and unflagged accuracy are honest.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from classifier.role_model import Calibration

TEMPERATURES = tuple(float(t) for t in np.round(np.arange(0.3, 4.01, 0.05), 2))
THRESHOLDS = tuple(float(t) for t in np.round(np.arange(0.3, 0.991, 0.01), 2))
TARGET_ACCURACY = 0.97
BINS = 10

Folder = Callable[[np.ndarray], np.ndarray]
"""Class-level scores (finer roles included) -> roles.csv role scores."""


@dataclass(frozen=True)
class Scored:
    """Uncalibrated class scores of held-out adverts and the index of each one's true roles.csv role."""

    scores: np.ndarray
    gold: np.ndarray
    groups: tuple[str, ...]


def top_distribution(scored: Scored, temperature: float, fold: Folder) -> np.ndarray:
    return fold(Calibration(temperature=temperature).apply(scored.scores))


def fit_temperature(scored: Scored, fold: Folder) -> float:
    """The temperature with the lowest log loss of the true role."""
    rows = np.arange(len(scored.gold))

    def loss(t: float) -> float:
        top = top_distribution(scored, t, fold)
        return float(-np.log(np.clip(top[rows, scored.gold], 1e-9, None)).mean())

    return min(TEMPERATURES, key=loss)


def confidence_and_correct(scored: Scored, temperature: float, fold: Folder) -> tuple[np.ndarray, np.ndarray]:
    top = top_distribution(scored, temperature, fold)
    return top.max(axis=1), top.argmax(axis=1) == scored.gold


def review_threshold(confidence: np.ndarray, correct: np.ndarray) -> float:
    """Lowest threshold whose unflagged adverts (confidence >= it) are right TARGET_ACCURACY of the time."""
    for threshold in THRESHOLDS:
        kept = confidence >= threshold
        if kept.any() and correct[kept].mean() >= TARGET_ACCURACY:
            return threshold
    return THRESHOLDS[-1]


def reliability(confidence: np.ndarray, correct: np.ndarray) -> tuple[list[dict[str, Any]], float]:
    """Equal-width confidence bins (count, mean confidence, accuracy) and the expected calibration error."""
    table: list[dict[str, Any]] = []
    ece = 0.0
    edges = np.linspace(0.0, 1.0, BINS + 1)
    for low, high in itertools.pairwise(edges):
        inside = (confidence > low) & (confidence <= high) if low > 0 else (confidence <= high)
        if not inside.any():
            continue
        mean_conf, accuracy = float(confidence[inside].mean()), float(correct[inside].mean())
        ece += inside.sum() / len(confidence) * abs(mean_conf - accuracy)
        table.append(
            {
                "bin": f"{low:.1f}-{high:.1f}",
                "adverts": int(inside.sum()),
                "confidence": round(mean_conf, 3),
                "accuracy": round(accuracy, 3),
            }
        )
    return table, round(float(ece), 4)


def fit(scored: Scored, fold: Folder, fitted_on: str) -> Calibration:
    temperature = fit_temperature(scored, fold)
    confidence, correct = confidence_and_correct(scored, temperature, fold)
    return Calibration(temperature, review_threshold(confidence, correct), fitted_on)


def _subset(scored: Scored, keep: np.ndarray) -> Scored:
    return Scored(scored.scores[keep], scored.gold[keep], tuple(np.array(scored.groups)[keep]))


def cross_fitted(scored: Scored, fold: Folder, halves: Sequence[int] = (0, 1)) -> dict[str, object]:
    """Fit on one half of the employers, measure on the other, both ways; the pooled honest figures."""
    employers = sorted(set(scored.groups))
    half_of = {e: i % 2 for i, e in enumerate(employers)}
    side = np.array([half_of[g] for g in scored.groups])
    confidences, corrects, flagged_right, unflagged = [], [], 0, 0
    for half in halves:
        fitted = fit(_subset(scored, side != half), fold, "cross-fit")
        test = _subset(scored, side == half)
        confidence, correct = confidence_and_correct(test, fitted.temperature, fold)
        confidences.append(confidence)
        corrects.append(correct)
        kept = confidence >= fitted.review_threshold
        unflagged += int(kept.sum())
        flagged_right += int(correct[kept].sum())
    confidence, correct = np.concatenate(confidences), np.concatenate(corrects)
    table, ece = reliability(confidence, correct)
    return {
        "adverts": len(confidence),
        "reliability": table,
        "expected_calibration_error": ece,
        "unflagged_share": round(unflagged / len(confidence), 4) if len(confidence) else None,
        "unflagged_accuracy": round(flagged_right / unflagged, 4) if unflagged else None,
    }
