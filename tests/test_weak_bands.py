"""Weak band labels and the corpus band figures, on invented corpus rows (the real corpus only where present)."""

from __future__ import annotations

from datetime import date

import pytest

from classifier.pipeline import Analyser
from classifier.schema import BAND_VALUES
from training.corpus import CorpusAdvert, corpus_available, is_heldout_employer
from training.corpus_band_report import table
from training.corpus_bands import corpus_band_metrics, one_band_mentioned, role_family
from training.weak_bands import WeakBand, agreement, corpus_advert, salary_band, weak_band

DUTIES = (
    "You will assess patients on a busy surgical ward, plan and deliver nursing care, supervise healthcare "
    "support workers and take charge of the ward in the absence of the sister."
)


def _row(
    *,
    title: str = "Staff Nurse",
    text: str = DUTIES,
    low: str | None = "24907",
    high: str | None = "30615",
    posted: str | None = "2020-10-05",
    salary_text: str | None = "£24,907 - £30,615 per annum",
    employer: str = "Riverside NHS Foundation Trust",
) -> CorpusAdvert:
    return CorpusAdvert("x1", title, text, employer, salary_text, low, high, "YEAR", posted)


def test_salary_band_reads_the_structured_figures_in_the_year_of_the_posting_date() -> None:
    assert salary_band(_row()) == "5"
    assert salary_band(_row(low="24214", high="30112")) == "5"  # last year's points, still band 5
    assert salary_band(_row(low="24907", high="37890")) is None  # spans two bands: not plain
    assert salary_band(_row(low="25000", high="30000")) is None  # not pay points
    assert salary_band(_row(posted=None)) is None
    assert salary_band(_row(low=None, high=None)) is None
    assert salary_band(_row(low="18005", high="18005")) == "2"


def test_weak_band_prefers_the_stated_band_and_needs_one_band() -> None:
    stated = weak_band(_row(title="Band 6 Staff Nurse", low="31365", high="37890"))
    assert (stated.stated, stated.salary, stated.label) == ("6", "6", "6")
    ranged = weak_band(_row(title="Band 5/6 Staff Nurse", low=None, high=None))
    assert (ranged.stated, ranged.label) == (None, None)
    salary_only = weak_band(_row())
    assert (salary_only.stated, salary_only.label) == (None, "5")


def test_agreement_counts_only_adverts_with_both_readings() -> None:
    readings = [WeakBand("5", "5"), WeakBand("5", "6"), WeakBand("3", None), WeakBand(None, "4")]
    figures = agreement(readings)
    assert (figures["both"], figures["agree"], figures["agreement"], figures["labelled"]) == (2, 1, 0.5, 4)


def test_corpus_advert_carries_the_salary_line_and_the_date() -> None:
    advert = corpus_advert(_row())
    assert advert.text.endswith("Salary: £24,907 - £30,615 per annum")
    assert advert.date_posted == date(2020, 10, 5)
    assert corpus_advert(_row(), dated=False).date_posted is None
    assert corpus_advert(_row(posted="not a date")).date_posted is None


def test_one_band_mentioned() -> None:
    assert one_band_mentioned(_row(title="Band 5 Staff Nurse")) == "5"
    assert one_band_mentioned(_row(title="Band 5 Staff Nurse", text="Band 6 development posts")) is None
    assert one_band_mentioned(_row(title="Band 8 Lead")) is None
    assert one_band_mentioned(_row()) is None


def test_heldout_split_is_stable() -> None:
    assert is_heldout_employer("Riverside NHS Foundation Trust") == is_heldout_employer(
        "Riverside NHS Foundation Trust"
    )


def test_corpus_band_metrics_on_invented_rows(analyser: Analyser) -> None:
    rows = [
        _row(title="Band 5 Staff Nurse"),
        _row(title="Staff Nurse", low="24214", high="30112", salary_text="£24,214 - £30,112 per annum"),
        _row(title="Healthcare Support Worker", low="19737", high="21142", salary_text="£19,737 - £21,142"),
    ]
    figures = corpus_band_metrics(analyser, rows)
    overall = figures["all"]
    assert overall["adverts"] == 3
    assert overall["stated_adverts"] == 1 and overall["stated_accuracy"] == 1.0
    assert overall["salary_adverts"] == 3 and overall["salary_dated_right"] == 1.0
    assert overall["salary_undated_wrong"] == 0.0  # old points are not read against today's tables
    assert 0.0 <= overall["masked_exact"] <= overall["masked_within_one"] <= 1.0
    assert "| all | 3 |" in table(figures)  # type: ignore[arg-type]


def test_role_family(analyser: Analyser) -> None:
    role = analyser.roles.classify_many([corpus_advert(_row(title="Consultant Psychiatrist"))])[0]
    assert role_family(role, analyser.taxonomy.role(role.id).category) == "medical"


@pytest.mark.skipif(not corpus_available(), reason="needs ../shared/data/nhs-jobs-2020.jsonl.gz")
def test_weak_labels_agree_on_the_real_corpus() -> None:
    from training.corpus import iter_corpus

    figures = agreement(weak_band(advert) for advert in iter_corpus())
    assert figures["labelled"] > 5000
    assert figures["agreement"] > 0.9


def test_band_model_learns_from_weak_examples(analyser: Analyser) -> None:
    from training.fitting import fit_band_model
    from training.weak_bands import WeakExample

    taxonomy = analyser.taxonomy
    role = "mental_health_nurse"
    usual = taxonomy.role(role).usual_band
    senior = [
        WeakExample("Nurse", f"{DUTIES} You will lead the quorvane service.", role, "7") for _ in range(30)
    ]
    plain = [WeakExample("Nurse", f"{DUTIES} You will work shifts.", role, usual) for _ in range(30)]
    model = fit_band_model([], taxonomy, senior + plain)
    proba = model.predict_proba(
        ["Nurse", "Nurse"],
        ["You will lead the quorvane service.", "You will work shifts."],
        [role, role],
        [usual, usual],
    )
    seven = BAND_VALUES.index("7")
    assert proba[0, seven] > proba[1, seven]


def test_direct_band_model_round_trips_through_plain_data() -> None:
    from classifier.band_model import BandModel

    titles = ["Staff Nurse", "Support Worker", "Ward Sister", "Staff Nurse", "Support Worker", "Ward Sister"]
    texts = [f"{DUTIES} shift ward care"] * 6
    roles = ["mental_health_nurse", "healthcare_support_worker", "mental_health_nurse"] * 2
    usual = ["5", "3", "5"] * 2
    model = BandModel(relative=False).fit(titles, texts, roles, usual, ["5", "3", "6"] * 2)
    data, arrays = model.to_data()
    loaded = BandModel.from_data(data, arrays)
    assert loaded.relative is False
    args = (["Ward Sister"], [DUTIES], ["mental_health_nurse"], ["5"])
    assert abs(loaded.predict_proba(*args) - model.predict_proba(*args)).max() < 1e-6
    old = dict(data)
    old.pop("relative")
    assert BandModel.from_data(old, arrays).relative is True  # models saved before the flag stay relative
