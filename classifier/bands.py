"""Agenda for Change band three ways — as stated, as implied by the salary, as predicted from the duties —
and what it means when they disagree.

The final `value` prefers what the advert says (stated, then salary) over what the model reads; the notes
tell HR where the three part company or where the band is unusual for the role.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from classifier.band_model import BandModel, band_index
from classifier.masking import mask_pay
from classifier.salary import read_salary
from classifier.salary_notes import pay_year_notes
from classifier.schema import BAND_VALUES, Advert, Band, BandNote, Role, Salary, Skill
from classifier.stated_band import StatedBand, find_stated_band, nhs_context
from classifier.taxonomy import Taxonomy

RANGE_MASS = 0.8
"""`predicted_range` is the smallest run of adjacent bands holding at least this much probability."""
DELEGATED_CLINICAL_SKILLS = frozenset(
    {"physiological_observations", "blood_glucose", "venepuncture", "wound_care_simple"}
)
"""Band 3+ HCSW content since the 2021 national profile revision (domain.md 1.4)."""


def predicted_range(proba: np.ndarray) -> list[str]:
    """Grow outwards from the most likely band, one neighbour at a time, until RANGE_MASS is covered."""
    low = high = int(np.argmax(proba))
    mass = float(proba[low])
    while mass < RANGE_MASS and (low > 0 or high < len(proba) - 1):
        left = float(proba[low - 1]) if low > 0 else -1.0
        right = float(proba[high + 1]) if high < len(proba) - 1 else -1.0
        if left >= right:
            low -= 1
            mass += left
        else:
            high += 1
            mass += right
    return [BAND_VALUES[i] for i in range(low, high + 1) if proba[i] > 0.01 or i == int(np.argmax(proba))]


class BandAssessor:
    """Reads stated band and salary with rules and predicts the band from masked duties, in batches."""

    def __init__(self, model: BandModel, taxonomy: Taxonomy) -> None:
        self.model = model
        self.taxonomy = taxonomy

    def predict(self, adverts: Sequence[Advert], roles: Sequence[Role]) -> np.ndarray:
        """Band probabilities (columns `BAND_VALUES`) from masked text, title and role."""
        usual = [self.taxonomy.role(r.id).usual_band for r in roles]
        return self.model.predict_proba(
            [a.title or "" for a in adverts],
            [mask_pay(a.text) for a in adverts],
            [r.id for r in roles],
            usual,
        )

    def assess_many(self, items: Sequence[tuple[Advert, Role, list[Skill]]]) -> list[Band]:
        if not items:
            return []
        adverts = [advert for advert, _role, _skills in items]
        roles = [role for _advert, role, _skills in items]
        proba = self.predict(adverts, roles)
        return [
            self._band(advert, role, skills, proba[row]) for row, (advert, role, skills) in enumerate(items)
        ]

    def _band(self, advert: Advert, role: Role, skills: list[Skill], proba: np.ndarray) -> Band:
        reading = read_salary(advert.text, advert.title, date_posted=advert.date_posted)
        salary = reading.salary
        on_afc_point = bool(reading.match and reading.match.exact_hits and salary and salary.bands)
        stated = find_stated_band(advert.title, advert.text, afc_evidence=on_afc_point)
        from_salary = salary.bands[0] if salary and salary.bands else None
        predicted = BAND_VALUES[int(np.argmax(proba))]
        afc = self._afc(advert, stated, salary)
        value: str | None
        if stated and from_salary in stated.range[1:]:
            value, source = from_salary, "stated"  # "Band 8" (8a-8d) made exact by the salary
        elif stated:
            value, source = stated.value, "stated"
        elif from_salary:
            value, source = from_salary, "salary"
        elif afc is False:
            value, source = None, None  # off AfC: `predicted` is only an AfC-equivalent reading
        else:
            value, source = predicted, "predicted"
        return Band(
            value=value,
            source=source,  # type: ignore[arg-type]
            stated=stated.value if stated else None,
            stated_span=stated.span if stated else None,
            stated_range=list(stated.range) if stated else [],
            from_salary=from_salary,
            salary=salary,
            predicted=predicted,
            predicted_range=predicted_range(proba),
            probabilities={BAND_VALUES[i]: round(float(p), 4) for i, p in enumerate(proba) if p >= 0.005},
            afc=afc,
            notes=pay_year_notes(reading) + self._notes(stated, salary, predicted, role, skills),
        )

    @staticmethod
    def _afc(advert: Advert, stated: StatedBand | None, salary: Salary | None) -> bool | None:
        """True on AfC evidence; False when the advert quotes pay that fits no AfC point; else unknown."""
        if stated or (salary and salary.bands) or nhs_context(advert.text):
            return True
        if salary and salary.annual_minimum is not None:
            return False
        return None

    def _notes(
        self,
        stated: StatedBand | None,
        salary: Salary | None,
        predicted: str,
        role: Role,
        skills: list[Skill],
    ) -> list[BandNote]:
        notes: list[tuple[str, str]] = []
        trainee = self.taxonomy.role(role.id).category == "trainee"
        salary_bands = salary.bands if salary else []
        fits = "/".join(salary_bands)
        if (
            stated
            and salary_bands
            and not set(stated.range or [stated.value]) & set(salary_bands)
            and not trainee
        ):
            if band_index(max(salary_bands, key=band_index)) < band_index(stated.value):
                notes.append(
                    (
                        "salary_below_band",
                        f"The salary fits band {fits}, below the stated band {stated.value}.",
                    )
                )
            else:
                notes.append(
                    ("band_salary_mismatch", f"Stated band {stated.value} but the salary fits band {fits}.")
                )
        if len(salary_bands) > 1:
            notes.append(
                (
                    "development_post",
                    f"The salary spans bands {' to '.join(salary_bands)}: a development post.",
                )
            )
        known = stated.value if stated else (salary_bands[0] if salary_bands else None)
        if known and abs(band_index(known) - band_index(predicted)) >= 2:
            notes.append(
                (
                    "band_prediction_disagrees",
                    f"The duties read like band {predicted}, two or more from band {known}.",
                )
            )
        typical = self.taxonomy.role(role.id).typical_bands
        if known and typical and known not in typical:
            notes.append(
                (
                    "band_unusual_for_role",
                    f"Band {known} is unusual for a {role.label} (typically {'/'.join(typical)}).",
                )
            )
        delegated = sorted({s.id for s in skills} & DELEGATED_CLINICAL_SKILLS)
        if known == "2" and delegated:
            notes.append(
                (
                    "band_task_mismatch",
                    f"Band 2 is personal care; the advert lists delegated clinical tasks ({', '.join(delegated)}), "
                    "which the national profiles place at band 3.",
                )
            )
        return [BandNote(code=code, message=message) for code, message in notes]
