import numpy as np

from classifier.bands import predicted_range
from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.schema import BAND_VALUES


def _proba(**mass: float) -> np.ndarray:
    proba = np.zeros(len(BAND_VALUES))
    for band, p in mass.items():
        proba[BAND_VALUES.index(band.lstrip("b"))] = p
    return proba


def test_predicted_range_grows_to_eighty_percent() -> None:
    assert predicted_range(_proba(b3=0.9, b4=0.1)) == ["3"]
    assert predicted_range(_proba(b3=0.5, b4=0.35, b2=0.15)) == ["3", "4"]
    assert predicted_range(_proba(b5=0.4, b6=0.2, b4=0.3, b7=0.1)) == ["4", "5", "6"]


ADVERT = """Job summary
We are looking for a Healthcare Support Worker to join our inpatient ward.

Main duties of the job
You will help people with washing, dressing and meals, record physical observations including blood pressure
and blood glucose, and report changes to the nurse in charge.

Salary
{salary}
"""


def test_value_prefers_stated_then_salary_then_prediction(analyser: Analyser) -> None:
    stated = analyser.analyse(
        from_text(
            "Band 3\n" + ADVERT.format(salary="£24,937 - £26,598 per annum"),
            title="Healthcare Support Worker",
        )
    )
    assert (stated.band.value, stated.band.source, stated.band.stated, stated.band.from_salary) == (
        "3",
        "stated",
        "3",
        "3",
    )
    salary_only = analyser.analyse(
        from_text(ADVERT.format(salary="£24,937 - £26,598 per annum"), title="Healthcare Support Worker")
    )
    assert (salary_only.band.value, salary_only.band.source, salary_only.band.stated) == ("3", "salary", None)
    neither = analyser.analyse(
        from_text(ADVERT.format(salary="Competitive"), title="Healthcare Support Worker")
    )
    assert neither.band.source == "predicted"
    assert neither.band.value == neither.band.predicted
    assert abs(sum(neither.band.probabilities.values()) - 1) < 0.02
    assert neither.band.predicted in neither.band.predicted_range


def test_band_two_with_clinical_tasks_is_flagged(analyser: Analyser) -> None:
    analysis = analyser.analyse(
        from_text("Band 2\n" + ADVERT.format(salary="£24,465 per annum"), title="Healthcare Support Worker")
    )
    codes = {note.code for note in analysis.band.notes}
    assert analysis.band.stated == "2"
    assert "band_task_mismatch" in codes


def test_stated_band_and_salary_disagreement_is_noted(analyser: Analyser) -> None:
    analysis = analyser.analyse(
        from_text(
            "Band 5\n" + ADVERT.format(salary="£24,937 - £26,598 per annum"),
            title="Healthcare Support Worker",
        )
    )
    codes = {note.code for note in analysis.band.notes}
    assert "salary_below_band" in codes
    assert "band_unusual_for_role" in codes


def test_prediction_ignores_band_and_pay_statements(analyser: Analyser) -> None:
    """The predictor reads masked text: changing only the stated band must not change its output."""
    a = analyser.analyse(
        from_text("Band 3\n" + ADVERT.format(salary="£24,937 per annum"), title="Support Worker")
    )
    b = analyser.analyse(
        from_text("Band 7\n" + ADVERT.format(salary="£47,810 per annum"), title="Support Worker")
    )
    assert a.band.probabilities == b.band.probabilities


def test_posting_date_reads_old_pay_points_and_notes_the_previous_year(analyser: Analyser) -> None:
    from datetime import date

    advert = from_text(
        ADVERT.format(salary="£24,214 - £30,112 per annum"),
        title="Staff Nurse",
        date_posted=date(2020, 10, 5),
    )
    band = analyser.analyse(advert).band
    assert band.from_salary == "5"
    assert band.salary is not None and band.salary.pay_year == "2019/20"
    assert "salary_previous_pay_year" in {note.code for note in band.notes}


def test_salary_of_different_bands_in_different_years_is_not_guessed(analyser: Analyser) -> None:
    band = analyser.analyse(
        from_text(
            "Riverside NHS Trust\n" + ADVERT.format(salary="£25k - £27k per annum"),
            title="Healthcare Support Worker",
        )
    ).band
    assert band.from_salary is None
    notes = {note.code: note.message for note in band.notes}
    assert "2020/21" in notes["salary_pay_year_ambiguous"] and "2025/26" in notes["salary_pay_year_ambiguous"]


def test_band_eight_is_made_exact_by_the_salary(analyser: Analyser) -> None:
    band = analyser.analyse(
        from_text(
            "Riverside NHS Trust\nBand 8 - Acute Dietetic Lead\n" + ADVERT.format(salary="£64,455 - £74,896"),
            title="Band 8 - Acute Dietetic Lead",
        )
    ).band
    assert band.stated_range == ["8a", "8b", "8c", "8d"]
    assert (band.value, band.from_salary) == ("8b", "8b")
