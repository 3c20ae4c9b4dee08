"""Fitted TF-IDF vectorisers and logistic regressions as plain data (JSON + arrays), never pickle.

Pickle-based formats run code on load; a vocabulary, an idf vector and a coefficient matrix are all these
models hold, so they are stored as such and loaded with `allow_pickle=False`. Loading is also much faster
than unpickling estimators, which keeps start-up under the two-second budget.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

Arrays = dict[str, np.ndarray]


def vectoriser_to_data(name: str, vectoriser: TfidfVectorizer, arrays: Arrays) -> dict[str, Any]:
    """Vocabulary (terms in column order) to JSON, idf to `arrays[name + '.idf']`."""
    terms = sorted(vectoriser.vocabulary_, key=vectoriser.vocabulary_.__getitem__)
    arrays[f"{name}.idf"] = np.asarray(vectoriser.idf_, dtype=np.float64)
    return {"terms": terms}


def vectoriser_from_data(
    name: str, vectoriser: TfidfVectorizer, data: dict[str, Any], arrays: Arrays
) -> TfidfVectorizer:
    """Fill an unfitted vectoriser (built with the training parameters) with its vocabulary and idf."""
    vectoriser.vocabulary_ = {term: i for i, term in enumerate(data["terms"])}
    vectoriser.idf_ = arrays[f"{name}.idf"]
    return vectoriser


def classifier_to_data(name: str, clf: LogisticRegression, arrays: Arrays) -> dict[str, Any]:
    arrays[f"{name}.coef"] = np.asarray(clf.coef_, dtype=np.float32)
    arrays[f"{name}.intercept"] = np.asarray(clf.intercept_, dtype=np.float64)
    return {"classes": [c.item() if hasattr(c, "item") else c for c in clf.classes_]}


def classifier_from_data(
    name: str, clf: LogisticRegression, data: dict[str, Any], arrays: Arrays
) -> LogisticRegression:
    clf.coef_ = arrays[f"{name}.coef"].astype(np.float64)
    clf.intercept_ = arrays[f"{name}.intercept"]
    clf.classes_ = np.asarray(data["classes"])
    clf.n_features_in_ = clf.coef_.shape[1]
    return clf
