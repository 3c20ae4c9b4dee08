"""Inference for TF-IDF + logistic-regression models without importing scikit-learn.

Training uses scikit-learn; a fitted model is exported as plain data (vocabulary, idf, coefficients) and
served by these two small classes, which reproduce scikit-learn's `TfidfVectorizer.transform` (word and
`char_wb` analysers, stop words, sublinear tf, l2 norm) and `LogisticRegression.predict_proba`. This keeps
start-up fast (scikit-learn's import alone costs over a second) and ties the served model to no library
version. `tests/test_sparse_text.py` checks the equivalence against scikit-learn itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

_WHITE_SPACES = re.compile(r"\s\s+")
DEFAULT_WORD_PATTERN = r"(?u)\b\w\w+\b"
"""scikit-learn's default word tokens: two or more word characters."""
WORD_PATTERN = r"(?u)\b\w+\b"
"""Word tokens for titles: single characters count ("OT assistant band 3" keeps its digits and letters)."""


@dataclass
class TextVectoriser:
    """A fitted TF-IDF vectoriser: `analyzer` is "word" or "char_wb"."""

    analyzer: str
    ngram_range: tuple[int, int]
    vocabulary: dict[str, int]
    idf: np.ndarray
    token_pattern: str = DEFAULT_WORD_PATTERN
    stop_words: frozenset[str] = frozenset()
    sublinear_tf: bool = True
    _token_re: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._token_re = re.compile(self.token_pattern)

    def _word_ngrams(self, text: str) -> list[str]:
        tokens = [t for t in self._token_re.findall(text.lower()) if t not in self.stop_words]
        low, high = self.ngram_range
        grams = list(tokens) if low == 1 else []
        for n in range(max(low, 2), high + 1):
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return grams

    def _char_wb_ngrams(self, text: str) -> list[str]:
        low, high = self.ngram_range
        grams: list[str] = []
        for word in _WHITE_SPACES.sub(" ", text.lower()).split():
            padded = f" {word} "
            for n in range(low, high + 1):
                grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
                if len(padded) <= n:  # a word no longer than n is counted once, as scikit-learn does
                    break
        return grams

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        analyse = self._word_ngrams if self.analyzer == "word" else self._char_wb_ngrams
        indptr, indices, values = [0], [], []
        vocabulary = self.vocabulary
        for text in texts:
            counts: dict[int, int] = {}
            for gram in analyse(text):
                column = vocabulary.get(gram)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            columns = sorted(counts)
            tf = np.fromiter((counts[c] for c in columns), dtype=np.float64, count=len(columns))
            if self.sublinear_tf:
                tf = np.log(tf) + 1.0
            weights = tf * self.idf[columns]
            norm = float(np.sqrt(weights @ weights))
            indices.extend(columns)
            values.extend((weights / norm) if norm else weights)
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
            shape=(len(indptr) - 1, len(self.idf)),
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "terms": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
            "token_pattern": self.token_pattern,
            "stop_words": sorted(self.stop_words),
            "sublinear_tf": self.sublinear_tf,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], idf: np.ndarray) -> TextVectoriser:
        return cls(
            analyzer=data["analyzer"],
            ngram_range=(int(data["ngram_range"][0]), int(data["ngram_range"][1])),
            vocabulary={term: i for i, term in enumerate(data["terms"])},
            idf=np.asarray(idf, dtype=np.float64),
            token_pattern=data["token_pattern"],
            stop_words=frozenset(data["stop_words"]),
            sublinear_tf=bool(data["sublinear_tf"]),
        )

    @classmethod
    def from_sklearn(cls, vectoriser: Any) -> TextVectoriser:
        """Export a fitted `sklearn.feature_extraction.text.TfidfVectorizer` (word or char_wb analyser)."""
        if (
            vectoriser.analyzer not in ("word", "char_wb")
            or not vectoriser.lowercase
            or vectoriser.norm != "l2"
        ):
            raise ValueError(
                "only lower-cased, l2-normalised word or char_wb TF-IDF vectorisers are supported"
            )
        stop = vectoriser.get_stop_words() or frozenset()
        return cls(
            analyzer=vectoriser.analyzer,
            ngram_range=tuple(vectoriser.ngram_range),
            vocabulary={str(k): int(v) for k, v in vectoriser.vocabulary_.items()},
            idf=np.asarray(vectoriser.idf_, dtype=np.float64),
            token_pattern=vectoriser.token_pattern,
            stop_words=frozenset(stop),
            sublinear_tf=bool(vectoriser.sublinear_tf),
        )


@dataclass
class LinearClassifier:
    """Multinomial logistic regression at inference: softmax(X @ coef.T + intercept)."""

    coef: np.ndarray | sp.csr_matrix
    """Dense, or sparse for large models stored pruned (`classifier.linear_io`)."""
    intercept: np.ndarray
    classes: list[Any]

    def dense_coef(self) -> np.ndarray:
        if isinstance(self.coef, sp.csr_matrix):
            return self.coef.toarray()
        return np.asarray(self.coef)

    def predict_proba(self, features: sp.csr_matrix) -> np.ndarray:
        product = features @ self.coef.T
        scores = (product.toarray() if sp.issparse(product) else np.asarray(product)) + self.intercept
        if self.coef.shape[0] == 1:  # binary: scikit-learn's logistic, not softmax
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    @classmethod
    def from_sklearn(cls, clf: Any) -> LinearClassifier:
        return cls(
            coef=np.asarray(clf.coef_, dtype=np.float64),
            intercept=np.asarray(clf.intercept_, dtype=np.float64),
            classes=[c.item() if hasattr(c, "item") else c for c in clf.classes_],
        )


def column_weights(blocks: Sequence[tuple[sp.csr_matrix, float]]) -> sp.csr_matrix:
    """Side-by-side feature blocks, each scaled by its weight."""
    return sp.hstack([block * weight for block, weight in blocks], format="csr")
