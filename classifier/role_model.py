"""The trained part of role normalisation: a linear model over title and advert-text n-grams.

Titles carry most of the signal, so title word and character n-grams are weighted above the text; the text
decides where the title is ambiguous ("Support Worker", "Practitioner"). Training examples come from the
taxonomy's title variants (title only) and from labelled adverts (title and text). scikit-learn fits the
model; serving uses `classifier.sparse_text`, which needs no scikit-learn import.
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
from classifier.sparse_text import WORD_PATTERN, LinearClassifier, TextVectoriser, column_weights
from classifier.title_cleaning import clean_title

TEXT_CHARS = 4000
"""Only the start of the advert is read for role evidence: it holds the summary and duties."""


def role_text(text: str) -> str:
    return text[:TEXT_CHARS]


class RoleModel:
    """Title word and character n-grams and text n-grams into a multinomial logistic regression."""

    def __init__(
        self,
        title_weight: float = 1.0,
        char_weight: float = 1.0,
        text_weight: float = 0.6,
        C: float = 20.0,
    ) -> None:
        self.weights = (title_weight, char_weight, text_weight)
        self.C = C
        self.title_word: TextVectoriser | None = None
        self.title_char: TextVectoriser | None = None
        self.text_word: TextVectoriser | None = None
        self.clf: LinearClassifier | None = None

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.clf.classes] if self.clf else []

    def _features(self, titles: Sequence[str], texts: Sequence[str]) -> sp.csr_matrix:
        if not (self.title_word and self.title_char and self.text_word):
            raise RuntimeError("the role model is not fitted")
        cleaned = [clean_title(t).text for t in titles]
        return column_weights(
            [
                (self.title_word.transform(cleaned), self.weights[0]),
                (self.title_char.transform(cleaned), self.weights[1]),
                (self.text_word.transform(role_text(t) for t in texts), self.weights[2]),
            ]
        )

    def fit(self, titles: Sequence[str], texts: Sequence[str], labels: Sequence[str]) -> RoleModel:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        cleaned = [clean_title(t).text for t in titles]
        title_word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN)
        title_char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        text_word = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=40000, stop_words="english"
        )
        title_word.fit(cleaned)
        title_char.fit(cleaned)
        text_word.fit([role_text(t) for t in texts if t] or ["empty"])
        self.title_word = TextVectoriser.from_sklearn(title_word)
        self.title_char = TextVectoriser.from_sklearn(title_char)
        self.text_word = TextVectoriser.from_sklearn(text_word)
        clf = LogisticRegression(C=self.C, max_iter=3000).fit(self._features(titles, texts), list(labels))
        self.clf = LinearClassifier.from_sklearn(clf)
        return self

    def predict_proba(self, titles: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        if self.clf is None:
            raise RuntimeError("the role model is not fitted")
        return self.clf.predict_proba(self._features(titles, texts))

    def to_data(self) -> tuple[dict[str, Any], Arrays]:
        """JSON-able description plus named arrays (see `classifier.linear_io`)."""
        if not (self.title_word and self.title_char and self.text_word and self.clf):
            raise RuntimeError("the role model is not fitted")
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
        model.title_word = vectoriser_from_data("title_word", data["title_word"], arrays)
        model.title_char = vectoriser_from_data("title_char", data["title_char"], arrays)
        model.text_word = vectoriser_from_data("text_word", data["text_word"], arrays)
        model.clf = classifier_from_data("clf", data["clf"], arrays)
        return model
