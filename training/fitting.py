"""Fit the role and band models from labelled rows plus the taxonomy; shared by `train` and `evaluate`."""

from __future__ import annotations

from collections.abc import Sequence

from classifier.band_model import BandModel
from classifier.masking import mask_pay
from classifier.role_model import RoleModel
from classifier.taxonomy import Taxonomy
from training.datasets import LabelledRow, taxonomy_title_examples
from training.weak_bands import WeakExample

TAXONOMY_BAND_WEIGHT = 0.2
"""Taxonomy titles teach the band model each role's usual band; they weigh less than a real advert."""
CORPUS_ROLE_WEIGHT = 2.0
"""With weak corpus labels the band model predicts bands, not offsets, from the role and its usual band as
features (held-out employers: exact 0.68 vs 0.64 for offsets); the two weigh double the text."""


WEAK_ROLE_WEIGHT = 0.5
"""A corpus advert labelled from its title weighs half a hand-labelled advert."""


def fit_role_model(
    rows: Sequence[LabelledRow], taxonomy: Taxonomy, weak_rows: Sequence[LabelledRow] = ()
) -> RoleModel:
    """Taxonomy titles, labelled adverts and weakly labelled corpus adverts (weighing less)."""
    examples = taxonomy_title_examples(taxonomy)
    titles = [title for title, _role in examples]
    texts = [""] * len(examples)
    labels = [role for _title, role in examples]
    weights = [1.0] * len(examples)
    for group, weight in ((rows, 1.0), (weak_rows, WEAK_ROLE_WEIGHT)):
        for row in group:
            titles.append(row.title or "")
            texts.append(row.text)
            labels.append(row.labels.role_id)
            weights.append(weight)
    return RoleModel().fit(titles, texts, labels, sample_weight=weights)


def fit_band_model(
    rows: Sequence[LabelledRow], taxonomy: Taxonomy, weak: Sequence[WeakExample] = ()
) -> BandModel:
    """Band model on masked text of rows that state a band, every taxonomy title at its usual band, and
    `weak` corpus examples (`training.weak_bands`: stated or salary band, role as the classifier reads it)."""
    banded = [row for row in rows if row.labels.band_stated]
    tops = [role for role in taxonomy.top_roles()]
    titles = [role.label for role in tops] + [row.title or "" for row in banded] + [w.title for w in weak]
    texts = [""] * len(tops) + [mask_pay(row.text) for row in banded] + [mask_pay(w.text) for w in weak]
    roles = (
        [role.id for role in tops]
        + [taxonomy.role(row.labels.role_id).top_id for row in banded]
        + [taxonomy.role(w.role_id).top_id for w in weak]
    )
    usual = [taxonomy.role(role_id).usual_band for role_id in roles]
    bands = (
        [role.usual_band for role in tops]
        + [str(row.labels.band_stated) for row in banded]
        + [w.band for w in weak]
    )
    weights = [TAXONOMY_BAND_WEIGHT] * len(tops) + [1.0] * len(banded) + [w.weight for w in weak]
    model = BandModel(relative=False, role_weight=CORPUS_ROLE_WEIGHT) if weak else BandModel()
    return model.fit(titles, texts, roles, usual, bands, sample_weight=weights)
