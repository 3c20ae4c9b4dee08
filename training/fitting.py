"""Fit the role and band models from labelled rows plus the taxonomy; shared by `train` and `evaluate`."""

from __future__ import annotations

from collections.abc import Sequence

from classifier.band_model import BandModel
from classifier.masking import mask_pay
from classifier.role_model import RoleModel
from classifier.taxonomy import Taxonomy
from training.datasets import LabelledRow, taxonomy_title_examples

TAXONOMY_BAND_WEIGHT = 0.2
"""Taxonomy titles teach the band model each role's usual band; they weigh less than a real advert."""


def fit_role_model(rows: Sequence[LabelledRow], taxonomy: Taxonomy) -> RoleModel:
    examples = taxonomy_title_examples(taxonomy)
    titles = [title for title, _role in examples] + [row.title or "" for row in rows]
    texts = [""] * len(examples) + [row.text for row in rows]
    labels = [role for _title, role in examples] + [row.labels.role_id for row in rows]
    return RoleModel().fit(titles, texts, labels)


def fit_band_model(rows: Sequence[LabelledRow], taxonomy: Taxonomy) -> BandModel:
    """Band model on masked text of rows that state a band, plus every taxonomy title at its usual band."""
    banded = [row for row in rows if row.labels.band_stated]
    tops = [role for role in taxonomy.top_roles()]
    titles = [role.label for role in tops] + [row.title or "" for row in banded]
    texts = [""] * len(tops) + [mask_pay(row.text) for row in banded]
    roles = [role.id for role in tops] + [taxonomy.role(row.labels.role_id).top_id for row in banded]
    usual = [taxonomy.role(role_id).usual_band for role_id in roles]
    bands = [role.usual_band for role in tops] + [str(row.labels.band_stated) for row in banded]
    weights = [TAXONOMY_BAND_WEIGHT] * len(tops) + [1.0] * len(banded)
    return BandModel().fit(titles, texts, roles, usual, bands, sample_weight=weights)
