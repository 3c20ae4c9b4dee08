"""The duties-based band predictor: reads an advert with every band and pay statement masked.

NHS job evaluation bands by job content, not title. The model predicts the *offset* from the role's usual
band (taxonomy `usual_band`) from the masked text, the cleaned title and the role, so that what it learns
about seniority ("specialist", "charge", "supervises a team", "caseload") carries across roles, and a
role it has seen few adverts for still lands on its usual band. Trained on masked text, it works on
adverts that state neither band nor pay.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifier.linear_io import (
    Arrays,
    classifier_from_data,
    classifier_to_data,
    vectoriser_from_data,
    vectoriser_to_data,
)
from classifier.schema import BAND_VALUES
from classifier.title_cleaning import clean_title

WORD_PATTERN = r"(?u)\b\w+\b"
"""Single-character words count in titles ("OT assistant band 3" keeps its digits and letters)."""

TEXT_CHARS = 6000
LOWEST_BAND_INDEX = BAND_VALUES.index("2")
"""Band 1 is closed to new starters and paid as band 2, so predictions start at band 2."""


def band_index(band: str) -> int:
    """Position on the AfC ladder, so that '7' and '8a' are neighbours."""
    return BAND_VALUES.index(band)


class BandModel:
    """Title and masked-text n-grams plus the role, into a multinomial logistic regression over offsets."""

    def __init__(
        self, title_weight: float = 1.0, text_weight: float = 1.0, role_weight: float = 1.0, C: float = 4.0
    ) -> None:
        self.weights = (title_weight, text_weight, role_weight)
        self.C = C
        self.title_word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN)
        self.text_word = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=30000, stop_words="english"
        )
        self.clf = LogisticRegression(C=C, max_iter=3000)
        self.role_ids: list[str] = []
        self.offsets: list[int] = []

    def _features(
        self, titles: Sequence[str], masked_texts: Sequence[str], roles: Sequence[str]
    ) -> sp.csr_matrix:
        position = {role: i for i, role in enumerate(self.role_ids)}
        rows = [i for i, role in enumerate(roles) if role in position]
        one_hot = sp.csr_matrix(
            (np.full(len(rows), self.weights[2]), (rows, [position[roles[i]] for i in rows])),
            shape=(len(roles), len(self.role_ids)),
        )
        return sp.hstack(
            [
                self.title_word.transform([clean_title(t).text for t in titles]) * self.weights[0],
                self.text_word.transform([t[:TEXT_CHARS] for t in masked_texts]) * self.weights[1],
                one_hot,
            ],
            format="csr",
        )

    def fit(
        self,
        titles: Sequence[str],
        masked_texts: Sequence[str],
        roles: Sequence[str],
        usual_bands: Sequence[str],
        bands: Sequence[str],
        sample_weight: Sequence[float] | None = None,
    ) -> BandModel:
        self.role_ids = sorted(set(roles))
        self.title_word.fit([clean_title(t).text for t in titles])
        self.text_word.fit([t[:TEXT_CHARS] for t in masked_texts if t] or ["empty"])
        y = [band_index(b) - band_index(u) for b, u in zip(bands, usual_bands, strict=True)]
        self.clf.fit(self._features(titles, masked_texts, roles), y, sample_weight=sample_weight)
        self.offsets = [int(c) for c in self.clf.classes_]
        return self

    def predict_proba(
        self,
        titles: Sequence[str],
        masked_texts: Sequence[str],
        roles: Sequence[str],
        usual_bands: Sequence[str],
    ) -> np.ndarray:
        """Probabilities over `BAND_VALUES` (columns), offsets clipped to the ladder."""
        offset_proba = np.asarray(self.clf.predict_proba(self._features(titles, masked_texts, roles)))
        proba = np.zeros((len(titles), len(BAND_VALUES)))
        for row, usual in enumerate(usual_bands):
            base = band_index(usual)
            for col, offset in enumerate(self.offsets):
                target = min(max(base + offset, LOWEST_BAND_INDEX), len(BAND_VALUES) - 1)
                proba[row, target] += offset_proba[row, col]
        return proba

    def to_data(self) -> tuple[dict[str, Any], Arrays]:
        """JSON-able description plus named arrays (see `classifier.linear_io`)."""
        arrays: Arrays = {}
        data = {
            "weights": list(self.weights),
            "C": self.C,
            "title_word": vectoriser_to_data("title_word", self.title_word, arrays),
            "text_word": vectoriser_to_data("text_word", self.text_word, arrays),
            "clf": classifier_to_data("clf", self.clf, arrays),
            "role_ids": list(self.role_ids),
        }
        return data, arrays

    @classmethod
    def from_data(cls, data: dict[str, Any], arrays: Arrays) -> BandModel:
        title, text, role = data["weights"]
        model = cls(title_weight=title, text_weight=text, role_weight=role, C=data["C"])
        vectoriser_from_data("title_word", model.title_word, data["title_word"], arrays)
        vectoriser_from_data("text_word", model.text_word, data["text_word"], arrays)
        classifier_from_data("clf", model.clf, data["clf"], arrays)
        model.role_ids = list(data["role_ids"])
        model.offsets = [int(c) for c in model.clf.classes_]
        return model
