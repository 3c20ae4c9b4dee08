"""`mhsw train`: fit both models on labelled JSONL plus the taxonomy and write a versioned artifact."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from classifier.artifacts import save_model
from classifier.taxonomy import Taxonomy
from training.corpus import CorpusAdvert
from training.corpus_eval import HandLabel
from training.datasets import Dataset
from training.evaluate import cross_validated, metrics
from training.fitting import fit_band_model, fit_role_model
from training.open_world import evaluate_open_world, fit_models, headline
from training.weak_roles import weak_role_rows

HEADLINE_KEYS = (
    "adverts",
    "role_accuracy",
    "category_accuracy",
    "stated_band_accuracy",
    "masked_band_exact",
    "masked_band_within_one",
    "pathway_agreement",
    "qualifications",
    "skills",
)


@dataclass(frozen=True)
class CorpusInputs:
    """The unlabelled corpus (weak labels for training) and the hand labels of its held-out employers."""

    adverts: Sequence[CorpusAdvert]
    labels: dict[str, HandLabel]
    sources: list[str] = field(default_factory=list)
    """"name sha256:..." of the corpus and label files, for the manifest."""


def train(
    dataset: Dataset,
    taxonomy: Taxonomy,
    output_dir: Path,
    version: str | None = None,
    *,
    cross_validate: bool = True,
    make_default: bool = True,
    corpus: CorpusInputs | None = None,
) -> tuple[Path, dict[str, Any]]:
    """Fit on every row (and the weakly labelled corpus); the manifest's metrics come from grouped
    cross-validation on the labelled rows and, with a corpus, from the held-out employers' hand labels,
    whose calibration the shipped role model takes."""
    version = version or datetime.now(UTC).strftime("%Y.%m.%d-%H%M%S")
    weak = weak_role_rows(corpus.adverts, taxonomy, exclude_heldout=False) if corpus else []
    cv_metrics: dict[str, Any] = {}
    if cross_validate and len(set(dataset.groups())) >= 2:
        full = metrics(cross_validated(dataset, taxonomy, weak_rows=weak))
        cv_metrics = {
            "method": "grouped 5-fold cross-validation by employer",
            **{k: full[k] for k in HEADLINE_KEYS},
        }
    sources = [f"{Path(s).name} sha256:{dataset.file_sha256[Path(s).name]}" for s in dataset.sources]
    data_sha256 = dataset.sha256
    if corpus:
        model, _counts = fit_models(dataset.rows, taxonomy, corpus.adverts, exclude_heldout=False)
        role_model, band_model = model.role_model, model.band_model
        result = evaluate_open_world(dataset.rows, taxonomy, corpus.adverts, corpus.labels)
        role_model.calibration = result.calibration
        cv_metrics["open_world"] = headline(result.report)
        sources += corpus.sources
        data_sha256 = hashlib.sha256((dataset.sha256 + "".join(corpus.sources)).encode()).hexdigest()
    else:
        role_model, band_model = fit_role_model(dataset.rows, taxonomy), fit_band_model(dataset.rows, taxonomy)
    path = save_model(
        output_dir,
        version,
        role_model,
        band_model,
        training_data_sha256=data_sha256,
        training_sources=sources,
        taxonomy_version=taxonomy.version,
        metrics=cv_metrics,
        make_default=make_default,
    )
    return path, cv_metrics
