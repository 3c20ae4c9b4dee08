"""The serving-side TF-IDF and logistic regression must reproduce scikit-learn exactly."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifier.sparse_text import WORD_PATTERN, LinearClassifier, TextVectoriser

CORPUS = [
    "Healthcare Support Worker - Band 3, acute ward",
    "Staff nurse: caseload, care plans and supervision of HCAs.",
    "Peer support worker using lived experience; peer-led groups",
    "  Ward   clerk\tfiling, phones and the e-rostering system  ",
    "Trainee PWP (Psychological Wellbeing Practitioner) — NHS Talking Therapies",
    "OT assistant a b c",
]


@pytest.mark.parametrize(
    "params",
    [
        {"ngram_range": (1, 2), "token_pattern": WORD_PATTERN},
        {"analyzer": "char_wb", "ngram_range": (2, 5)},
        {"ngram_range": (1, 2), "stop_words": "english", "min_df": 1},
        {"ngram_range": (2, 3)},
    ],
)
def test_transform_matches_scikit_learn(params: dict) -> None:
    fitted = TfidfVectorizer(sublinear_tf=True, **params).fit(CORPUS)
    ours = TextVectoriser.from_sklearn(fitted)
    unseen = [*CORPUS, "a completely new advert about recovery, hope and STR workers", ""]
    np.testing.assert_allclose(
        ours.transform(unseen).toarray(), fitted.transform(unseen).toarray(), atol=1e-12
    )


def test_round_trip_through_data() -> None:
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit(CORPUS)
    ours = TextVectoriser.from_sklearn(fitted)
    again = TextVectoriser.from_data(ours.to_data(), ours.idf)
    np.testing.assert_array_equal(again.transform(CORPUS).toarray(), ours.transform(CORPUS).toarray())


@pytest.mark.parametrize("labels", [["a", "b", "c", "a", "b", "c"], ["x", "y", "x", "y", "x", "y"]])
def test_predict_proba_matches_scikit_learn(labels: list[str]) -> None:
    vectoriser = TfidfVectorizer().fit(CORPUS)
    features = vectoriser.transform(CORPUS)
    clf = LogisticRegression(C=3.0, max_iter=1000).fit(features, labels)
    ours = LinearClassifier.from_sklearn(clf)
    np.testing.assert_allclose(ours.predict_proba(features), clf.predict_proba(features), atol=1e-10)
    assert ours.classes == list(clf.classes_)


def test_unsupported_vectoriser_is_refused() -> None:
    with pytest.raises(ValueError, match="only"):
        TextVectoriser.from_sklearn(TfidfVectorizer(analyzer="char").fit(CORPUS))
