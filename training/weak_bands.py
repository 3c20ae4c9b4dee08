"""Weak AfC band labels for corpus adverts: the band the advert states, and the band its salary is on.

Two readings that do not share a failure mode: the stated band comes from words ("Band 5 Staff Nurse"),
the salary band from the job board's structured figures read against the pay year in force on the
posting date. Where both exist their agreement says how far either can be trusted; a label is kept only
where it is plain (one band stated; every salary figure an exact pay point of one band).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from classifier.pay_scale import PayScale, band_code, default_pay_scale
from classifier.pay_tables import pay_year_of
from classifier.reading import from_text
from classifier.schema import Advert
from classifier.stated_band import find_stated_band
from training.corpus import CorpusAdvert


@dataclass(frozen=True)
class WeakBand:
    """The corpus advert's stated band and salary band (None where not plain)."""

    stated: str | None
    salary: str | None

    @property
    def label(self) -> str | None:
        """What the advert says first (the stated band), else its salary's band."""
        return self.stated or self.salary


@dataclass(frozen=True)
class WeakExample:
    """One band-model training row: raw title and text (masked by `fit_band_model`), role, band, weight."""

    title: str
    text: str
    role_id: str
    band: str
    weight: float = 1.0


def posted_on(advert: CorpusAdvert) -> date | None:
    """The posting date, or None when the row has none or it is not an ISO date."""
    try:
        return date.fromisoformat((advert.date_posted or "")[:10])
    except ValueError:
        return None


def corpus_advert(advert: CorpusAdvert, *, dated: bool = True) -> Advert:
    """The corpus row as the pipeline sees it: its text plus a "Salary:" line (the board keeps the pay apart)."""
    salary = (advert.salary_text or "").strip()
    text = f"{advert.text}\n\nSalary: {salary}" if salary else advert.text
    return from_text(text, advert.title, advert.id, date_posted=posted_on(advert) if dated else None)


def _figure(raw: object) -> float | None:
    try:
        value = float(str(raw))
    except ValueError:
        return None
    return value if value > 0 else None


def salary_band(advert: CorpusAdvert, scale: PayScale | None = None) -> str | None:
    """The one band the structured salary is on, when every figure is an exact pay point of its year."""
    low, high = _figure(advert.salary_min), _figure(advert.salary_max)
    low, high = low or high, high or low
    posted = posted_on(advert)
    if low is None or high is None or posted is None:
        return None
    year = pay_year_of(posted.year, posted.month)
    match = (scale or default_pay_scale()).match(low, high, pay_year=year)
    figures = 1 if low == high else 2
    if match is None or match.exact_hits < figures or len(match.bands) != 1:
        return None
    return band_code(match.bands[0])


def weak_band(advert: CorpusAdvert, scale: PayScale | None = None) -> WeakBand:
    """Both readings of one corpus advert; a stated range ("Band 5/6", "Band 8") is not plain."""
    from_salary = salary_band(advert, scale)
    stated = find_stated_band(advert.title, advert.text, afc_evidence=from_salary is not None)
    one = band_code(stated.value) if stated and len(stated.range) == 1 else None
    return WeakBand(one, from_salary)


def agreement(readings: Iterable[WeakBand]) -> dict[str, float | int]:
    """How often the stated band and the salary band agree where an advert has both."""
    both = agree = stated = salary = total = 0
    for reading in readings:
        total += 1
        stated += reading.stated is not None
        salary += reading.salary is not None
        if reading.stated and reading.salary:
            both += 1
            agree += reading.stated == reading.salary
    return {
        "adverts": total,
        "stated": stated,
        "salary": salary,
        "both": both,
        "agree": agree,
        "agreement": round(agree / both, 4) if both else 0.0,
        "labelled": stated + salary - both,
    }
