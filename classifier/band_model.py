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

from classifier.linear_io import (
    Arrays,
    classifier_from_data,
    classifier_to_data,
    vectoriser_from_data,
    vectoriser_to_data,
)
from classifier.schema import BAND_VALUES
from classifier.sparse_text import WORD_PATTERN, LinearClassifier, TextVectoriser, column_weights
from classifier.title_cleaning import clean_title

TEXT_CHARS = 6000
LOWEST_BAND_INDEX = BAND_VALUES.index("2")
"""Band 1 is closed to new starters and paid as band 2, so predictions start at band 2."""


def band_index(band: str) -> int:
    """Position on the AfC ladder, so that '7' and '8a' are neighbours."""
    return BAND_VALUES.index(band)


class BandModel:
    """Title and masked-text n-grams plus the role, into a multinomial logistic regression over offsets."""

    def __init__(
        self,
        title_weight: float = 1.0,
        text_weight: float = 1.0,
        role_weight: float = 1.0,
        C: float = 4.0,
        relative: bool = True,
    ) -> None:
        self.weights = (title_weight, text_weight, role_weight)
        self.C = C
        self.relative = relative
        """True: classes are offsets from the usual band. False: classes are bands, and the usual band is a
        feature beside the role (better once thousands of corpus adverts cover every band of a role)."""
        self.title_word: TextVectoriser | None = None
        self.text_word: TextVectoriser | None = None
        self.clf: LinearClassifier | None = None
        self.role_ids: list[str] = []

    @property
    def offsets(self) -> list[int]:
        return [int(c) for c in self.clf.classes] if self.clf else []

    def _features(
        self,
        titles: Sequence[str],
        masked_texts: Sequence[str],
        roles: Sequence[str],
        usual_bands: Sequence[str],
    ) -> sp.csr_matrix:
        if not (self.title_word and self.text_word):
            raise RuntimeError("the band model is not fitted")
        position = {role: i for i, role in enumerate(self.role_ids)}
        rows = [i for i, role in enumerate(roles) if role in position]
        one_hot = sp.csr_matrix(
            (np.ones(len(rows)), (rows, [position[roles[i]] for i in rows])),
            shape=(len(roles), len(self.role_ids)),
        )
        blocks = [
            (self.title_word.transform(clean_title(t).text for t in titles), self.weights[0]),
            (self.text_word.transform(t[:TEXT_CHARS] for t in masked_texts), self.weights[1]),
            (one_hot, self.weights[2]),
        ]
        if not self.relative:
            usual = sp.csr_matrix(
                (np.ones(len(usual_bands)), (range(len(usual_bands)), [band_index(u) for u in usual_bands])),
                shape=(len(usual_bands), len(BAND_VALUES)),
            )
            blocks.append((usual, self.weights[2]))
        return column_weights(blocks)

    def _base(self, usual: str) -> int:
        return band_index(usual) if self.relative else 0

    def fit(
        self,
        titles: Sequence[str],
        masked_texts: Sequence[str],
        roles: Sequence[str],
        usual_bands: Sequence[str],
        bands: Sequence[str],
        sample_weight: Sequence[float] | None = None,
    ) -> BandModel:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.role_ids = sorted(set(roles))
        title_word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN)
        text_word = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=30000, stop_words="english"
        )
        title_word.fit([clean_title(t).text for t in titles])
        text_word.fit([t[:TEXT_CHARS] for t in masked_texts if t] or ["empty"])
        self.title_word = TextVectoriser.from_sklearn(title_word)
        self.text_word = TextVectoriser.from_sklearn(text_word)
        y = [band_index(b) - self._base(u) for b, u in zip(bands, usual_bands, strict=True)]
        clf = LogisticRegression(C=self.C, max_iter=3000)
        clf.fit(self._features(titles, masked_texts, roles, usual_bands), y, sample_weight=sample_weight)
        self.clf = LinearClassifier.from_sklearn(clf)
        return self

    def predict_proba(
        self,
        titles: Sequence[str],
        masked_texts: Sequence[str],
        roles: Sequence[str],
        usual_bands: Sequence[str],
    ) -> np.ndarray:
        """Probabilities over `BAND_VALUES` (columns), offsets clipped to the ladder."""
        if self.clf is None:
            raise RuntimeError("the band model is not fitted")
        offset_proba = self.clf.predict_proba(self._features(titles, masked_texts, roles, usual_bands))
        proba = np.zeros((len(titles), len(BAND_VALUES)))
        offsets = self.offsets
        for row, usual in enumerate(usual_bands):
            base = self._base(usual)
            for col, offset in enumerate(offsets):
                target = min(max(base + offset, LOWEST_BAND_INDEX), len(BAND_VALUES) - 1)
                proba[row, target] += offset_proba[row, col]
        return proba

    def to_data(self) -> tuple[dict[str, Any], Arrays]:
        """JSON-able description plus named arrays (see `classifier.linear_io`)."""
        if not (self.title_word and self.text_word and self.clf):
            raise RuntimeError("the band model is not fitted")
        arrays: Arrays = {}
        data = {
            "weights": list(self.weights),
            "C": self.C,
            "title_word": vectoriser_to_data("title_word", self.title_word, arrays),
            "text_word": vectoriser_to_data("text_word", self.text_word, arrays),
            "clf": classifier_to_data("clf", self.clf, arrays),
            "role_ids": list(self.role_ids),
            "relative": self.relative,
        }
        return data, arrays

    @classmethod
    def from_data(cls, data: dict[str, Any], arrays: Arrays) -> BandModel:
        title, text, role = data["weights"]
        model = cls(
            title_weight=title,
            text_weight=text,
            role_weight=role,
            C=data["C"],
            relative=data.get("relative", True),
        )
        model.title_word = vectoriser_from_data("title_word", data["title_word"], arrays)
        model.text_word = vectoriser_from_data("text_word", data["text_word"], arrays)
        model.clf = classifier_from_data("clf", data["clf"], arrays)
        model.role_ids = list(data["role_ids"])
        return model
