"""The trained part of role normalisation: a linear model over title and advert-text n-grams.

Titles carry most of the signal, so title word and character n-grams are weighted above the text; the text
decides where the title is ambiguous ("Support Worker", "Practitioner"). Training examples come from the
taxonomy's title variants (title only) and from labelled adverts (title and text).
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
from classifier.title_cleaning import clean_title

WORD_PATTERN = r"(?u)\b\w+\b"
"""Single-character words count in titles ("OT assistant band 3" keeps its digits and letters)."""

TEXT_CHARS = 4000
"""Only the start of the advert is read for role evidence: it holds the summary and duties."""


def role_text(text: str) -> str:
    return text[:TEXT_CHARS]


class RoleModel:
    """Vectorisers plus a multinomial logistic regression, stored as plain data by `classifier.linear_io`."""

    def __init__(
        self,
        title_weight: float = 1.0,
        char_weight: float = 1.0,
        text_weight: float = 0.6,
        C: float = 20.0,
    ) -> None:
        self.weights = (title_weight, char_weight, text_weight)
        self.C = C
        self.title_word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN)
        self.title_char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        self.text_word = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=40000, stop_words="english"
        )
        self.clf = LogisticRegression(C=C, max_iter=3000)
        self.classes: list[str] = []

    def _features(self, titles: Sequence[str], texts: Sequence[str]) -> sp.csr_matrix:
        cleaned = [clean_title(t).text for t in titles]
        blocks = [
            self.title_word.transform(cleaned) * self.weights[0],
            self.title_char.transform(cleaned) * self.weights[1],
            self.text_word.transform([role_text(t) for t in texts]) * self.weights[2],
        ]
        return sp.hstack(blocks, format="csr")

    def fit(self, titles: Sequence[str], texts: Sequence[str], labels: Sequence[str]) -> RoleModel:
        cleaned = [clean_title(t).text for t in titles]
        self.title_word.fit(cleaned)
        self.title_char.fit(cleaned)
        with_text = [role_text(t) for t in texts if t]
        self.text_word.fit(with_text or ["empty"])
        self.clf.fit(self._features(titles, texts), list(labels))
        self.classes = [str(c) for c in self.clf.classes_]
        return self

    def predict_proba(self, titles: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.clf.predict_proba(self._features(titles, texts)))

    def to_data(self) -> tuple[dict[str, Any], Arrays]:
        """JSON-able description plus named arrays (see `classifier.linear_io`)."""
        arrays: Arrays = {}
        data = {
            "weights": list(self.weights),
            "C": self.C,
            "title_word": vectoriser_to_data("title_word", self.title_word, arrays),
            "title_char": vectoriser_to_data("title_char", self.title_char, arrays),
            "text_word": vectoriser_to_data("text_word", self.text_word, arrays),
            "clf": classifier_to_data("clf", self.clf, arrays),
        }
        return data, arrays

    @classmethod
    def from_data(cls, data: dict[str, Any], arrays: Arrays) -> RoleModel:
        title, char, text = data["weights"]
        model = cls(title_weight=title, char_weight=char, text_weight=text, C=data["C"])
        vectoriser_from_data("title_word", model.title_word, data["title_word"], arrays)
        vectoriser_from_data("title_char", model.title_char, data["title_char"], arrays)
        vectoriser_from_data("text_word", model.text_word, data["text_word"], arrays)
        classifier_from_data("clf", model.clf, data["clf"], arrays)
        model.classes = [str(c) for c in model.clf.classes_]
        return model
