"""The trained part of role normalisation: a linear model over title and advert-text n-grams.

Titles carry most of the signal, so title word and character n-grams are weighted above the text; the text
decides where the title is ambiguous ("Support Worker", "Practitioner"). Training examples come from the
taxonomy's title variants (title only) and from labelled adverts (title and text). scikit-learn fits the
model; serving uses `classifier.sparse_text`, which needs no scikit-learn import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
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


@dataclass(frozen=True)
class Calibration:
    """How far to trust the blended role scores, fitted on adverts of employers the model never saw.

    `temperature` rescales the score distribution (p ** (1 / T), renormalised) so that a confidence of
    0.8 is right about 80% of the time; `review_threshold` is the confidence below which an advert is
    flagged `needs_review` (chosen so that unflagged adverts are right at least 97% of the time).
    """

    temperature: float = 1.0
    review_threshold: float = 0.5
    fitted_on: str = "not calibrated"

    def apply(self, scores: np.ndarray) -> np.ndarray:
        """Rows of scores rescaled by the temperature (unchanged at T = 1)."""
        if self.temperature == 1.0:
            return scores
        scaled = np.power(np.clip(scores, 1e-12, None), 1.0 / self.temperature)
        return scaled / scaled.sum(axis=1, keepdims=True)

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Calibration:
        return cls(**data) if data else cls()


TEXT_CHARS = 4000
"""Only the start of the advert is read for role evidence: it holds the summary and duties."""


def role_text(text: str) -> str:
    return text[:TEXT_CHARS]


class RoleModel:
    """Title word and character n-grams and text n-grams into a multinomial logistic regression.

    A second regression over the text n-grams alone reads adverts that come without a title: the joint
    model leans on the title so heavily that, with none, it is worse than a model that never saw one.
    """

    def __init__(
        self,
        title_weight: float = 1.0,
        char_weight: float = 1.0,
        text_weight: float = 0.6,
        C: float = 20.0,
    ) -> None:
        self.weights = (title_weight, char_weight, text_weight)
        self.C = C
        self.calibration = Calibration()
        self.title_word: TextVectoriser | None = None
        self.title_char: TextVectoriser | None = None
        self.text_word: TextVectoriser | None = None
        self.clf: LinearClassifier | None = None
        self.text_clf: LinearClassifier | None = None

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

    def fit(
        self,
        titles: Sequence[str],
        texts: Sequence[str],
        labels: Sequence[str],
        sample_weight: Sequence[float] | None = None,
    ) -> RoleModel:
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
        clf = LogisticRegression(C=self.C, max_iter=3000).fit(
            self._features(titles, texts), list(labels), sample_weight=sample_weight
        )
        self.clf = LinearClassifier.from_sklearn(clf)
        with_text = [i for i, text in enumerate(texts) if text.strip()]
        if len({labels[i] for i in with_text}) >= 2:
            weights = None if sample_weight is None else [sample_weight[i] for i in with_text]
            text_clf = LogisticRegression(C=self.C, max_iter=3000).fit(
                self.text_word.transform(role_text(texts[i]) for i in with_text),
                [labels[i] for i in with_text],
                sample_weight=weights,
            )
            self.text_clf = LinearClassifier.from_sklearn(text_clf)
        return self

    def predict_proba(self, titles: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Class probabilities (columns `classes`); rows whose title has no word the model learned from
        ("Locksmith", or none at all) are read by the text model: such a title carries no evidence, and the
        joint model would fall back on the commonest role."""
        if self.clf is None:
            raise RuntimeError("the role model is not fitted")
        proba = self.clf.predict_proba(self._features(titles, texts))
        untitled = [i for i, title in enumerate(titles) if not self._known_title(title) and texts[i].strip()]
        if self.text_clf is not None and untitled:
            proba[untitled] = self.text_proba([texts[i] for i in untitled])
        return proba

    def _known_title(self, title: str) -> bool:
        vocabulary = self.title_word.vocabulary if self.title_word else {}
        return any(word in vocabulary for word in clean_title(title).text.split())

    def text_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities from the text alone (zero for classes no advert text taught it)."""
        if self.text_clf is None or self.text_word is None:
            raise RuntimeError("the role model has no text model")
        proba = np.zeros((len(texts), len(self.classes)))
        columns = [self.classes.index(str(c)) for c in self.text_clf.classes]
        proba[:, columns] = self.text_clf.predict_proba(self.text_word.transform(role_text(t) for t in texts))
        return proba

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
            "clf": classifier_to_data("clf", self.clf, arrays, sparse=True),
            "text_clf": (
                classifier_to_data("text_clf", self.text_clf, arrays, sparse=True) if self.text_clf else None
            ),
            "calibration": self.calibration.to_data(),
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
        if data.get("text_clf"):
            model.text_clf = classifier_from_data("text_clf", data["text_clf"], arrays)
        model.calibration = Calibration.from_data(data.get("calibration"))
        return model
