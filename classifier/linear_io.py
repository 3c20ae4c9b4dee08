"""Fitted text models as plain data (JSON + named arrays), never pickle.

A vocabulary, an idf vector and a coefficient matrix are all these models hold, so they are stored as such
and loaded with `allow_pickle=False`: nothing on the load path can run code.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from classifier.sparse_text import LinearClassifier, TextVectoriser

Arrays = dict[str, np.ndarray]


def vectoriser_to_data(name: str, vectoriser: TextVectoriser, arrays: Arrays) -> dict[str, Any]:
    arrays[f"{name}.idf"] = vectoriser.idf
    return vectoriser.to_data()


def vectoriser_from_data(name: str, data: dict[str, Any], arrays: Arrays) -> TextVectoriser:
    return TextVectoriser.from_data(data, arrays[f"{name}.idf"])


def classifier_to_data(name: str, clf: LinearClassifier, arrays: Arrays) -> dict[str, Any]:
    arrays[f"{name}.coef"] = clf.coef.astype(np.float32)
    arrays[f"{name}.intercept"] = clf.intercept
    return {"classes": list(clf.classes)}


def classifier_from_data(name: str, data: dict[str, Any], arrays: Arrays) -> LinearClassifier:
    return LinearClassifier(
        coef=arrays[f"{name}.coef"].astype(np.float64),
        intercept=arrays[f"{name}.intercept"].astype(np.float64),
        classes=list(data["classes"]),
    )
