"""Which AfC pay year an advert's salary belongs to: from its posting date, else a date written in the text.

Awards take effect on 1 April, so the pay year in force on a date is a lookup; `PayScale.match` then also
accepts the previous year's exact points (employers keep quoting them for months after an uplift).
"""

from __future__ import annotations

import re
from datetime import date

from classifier.pay_tables import pay_year_of
from classifier.stated_band import occurrences

_DATE = re.compile(
    r"(?:closing|closes|posted|posting|published|deadline)\b[^\n\d]{0,30}?(?:\n[^\n\d]{0,20}){0,2}?"
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:[/.\-]|\s+)"
    r"(?P<m>\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[/.\-]|\s+)(?P<y>20\d\d)\b"
)
_DATE_KEYS = ("clos", "posted", "posting", "published", "deadline")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def pay_year_in_force(date_posted: date | None, lowered: str) -> str | None:
    """The pay year of `date_posted`, else of the first posting or closing date in lower-cased text."""
    if date_posted is not None:
        return pay_year_of(date_posted.year, date_posted.month)
    return text_pay_year(lowered)


def text_pay_year(lowered: str) -> str | None:
    """The pay year of the earliest "Closing date: 10 June 2024"-style date in the text, if any."""
    found = [m for key in _DATE_KEYS for m in occurrences(lowered, key, _DATE)]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    raw_month = match.group("m")
    month = int(raw_month) if raw_month.isdigit() else _MONTHS.index(raw_month[:3]) + 1
    if not 1 <= month <= 12:
        return None
    return pay_year_of(int(match.group("y")), month)
