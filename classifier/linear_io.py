"""Fitted text models as plain data (JSON + named arrays), never pickle.

A vocabulary, an idf vector and a coefficient matrix are all these models hold, so they are stored as such
and loaded with `allow_pickle=False`: nothing on the load path can run code.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from classifier.sparse_text import LinearClassifier, TextVectoriser

Arrays = dict[str, np.ndarray]


def vectoriser_to_data(name: str, vectoriser: TextVectoriser, arrays: Arrays) -> dict[str, Any]:
    arrays[f"{name}.idf"] = vectoriser.idf
    return vectoriser.to_data()


def vectoriser_from_data(name: str, data: dict[str, Any], arrays: Arrays) -> TextVectoriser:
    return TextVectoriser.from_data(data, arrays[f"{name}.idf"])


PRUNE_BELOW = 0.1
"""Coefficients smaller than this (absolute) are dropped when a model is stored sparse. The role models
hold about two million n-gram coefficients; dropping these leaves a quarter of them (a 4 MB artifact
instead of 10 MB) and changed 0.3% of role decisions on 1,000 corpus adverts."""


def classifier_to_data(
    name: str, clf: LinearClassifier, arrays: Arrays, *, sparse: bool = False
) -> dict[str, Any]:
    """Dense float32 coefficients, or (`sparse`) the pruned coefficients as CSR arrays."""
    arrays[f"{name}.intercept"] = clf.intercept
    coef = clf.dense_coef()
    if not sparse:
        arrays[f"{name}.coef"] = coef.astype(np.float32)
        return {"classes": list(clf.classes)}
    pruned = sp.csr_matrix(np.where(np.abs(coef) >= PRUNE_BELOW, coef, 0.0).astype(np.float32))
    arrays[f"{name}.coef.data"] = pruned.data
    arrays[f"{name}.coef.indices"] = pruned.indices.astype(np.int32)
    arrays[f"{name}.coef.indptr"] = pruned.indptr.astype(np.int64)
    return {"classes": list(clf.classes), "coef_shape": list(pruned.shape), "pruned_below": PRUNE_BELOW}


def classifier_from_data(name: str, data: dict[str, Any], arrays: Arrays) -> LinearClassifier:
    coef: np.ndarray | sp.csr_matrix
    if "coef_shape" in data:
        coef = sp.csr_matrix(
            (
                arrays[f"{name}.coef.data"].astype(np.float64),
                arrays[f"{name}.coef.indices"],
                arrays[f"{name}.coef.indptr"],
            ),
            shape=tuple(data["coef_shape"]),
        )
    else:
        coef = arrays[f"{name}.coef"].astype(np.float64)
    return LinearClassifier(
        coef=coef, intercept=arrays[f"{name}.intercept"].astype(np.float64), classes=list(data["classes"])
    )
