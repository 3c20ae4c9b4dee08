"""`mhsw train`: fit both models on labelled JSONL plus the taxonomy and write a versioned artifact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from classifier.artifacts import save_model
from classifier.taxonomy import Taxonomy
from training.datasets import Dataset
from training.evaluate import cross_validated, metrics
from training.fitting import fit_band_model, fit_role_model

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


def train(
    dataset: Dataset,
    taxonomy: Taxonomy,
    output_dir: Path,
    version: str | None = None,
    *,
    cross_validate: bool = True,
    make_default: bool = True,
) -> tuple[Path, dict[str, Any]]:
    """Fit on every row; the manifest's metrics come from grouped cross-validation on the same rows."""
    version = version or datetime.now(UTC).strftime("%Y.%m.%d-%H%M%S")
    cv_metrics: dict[str, Any] = {}
    if cross_validate and len(set(dataset.groups())) >= 2:
        full = metrics(cross_validated(dataset, taxonomy))
        cv_metrics = {
            "method": "grouped 5-fold cross-validation by employer",
            **{k: full[k] for k in HEADLINE_KEYS},
        }
    path = save_model(
        output_dir,
        version,
        fit_role_model(dataset.rows, taxonomy),
        fit_band_model(dataset.rows, taxonomy),
        training_data_sha256=dataset.sha256,
        training_sources=[
            f"{Path(s).name} sha256:{dataset.file_sha256[Path(s).name]}" for s in dataset.sources
        ],
        taxonomy_version=taxonomy.version,
        metrics=cv_metrics,
        make_default=make_default,
    )
    return path, cv_metrics
