"""Notes that say which pay year a salary was read against when that is not the obvious one.

Employers keep quoting last year's pay points for months after an uplift, and the same figure can be a
different band in another year: both are said out loud rather than silently resolved.
"""

from __future__ import annotations

from classifier.salary import SalaryReading
from classifier.schema import BandNote


def pay_year_notes(reading: SalaryReading) -> list[BandNote]:
    """`salary_previous_pay_year` or `salary_pay_year_ambiguous`, when either applies."""
    match = reading.match
    if match is None:
        return []
    if match.candidates:
        readings = "; ".join(f"band {'/'.join(bands)} in {year}" for year, bands in match.candidates)
        return [
            BandNote(
                code="salary_pay_year_ambiguous",
                message=f"The salary fits different bands in different pay years ({readings}); "
                "give the posting date to choose.",
            )
        ]
    if match.previous_year and match.bands:
        return [
            BandNote(
                code="salary_previous_pay_year",
                message=f"The salary matches {match.pay_year} pay points (band {'/'.join(match.bands)}), "
                f"the year before the {reading.pay_year_in_force} pay year in force when the advert was posted.",
            )
        ]
    return []
