"""The pay period of a salary figure ("per hour", "p.a.", "Salary period: Yearly") and the factors that make
it full-time annual pay.
"""

from __future__ import annotations

import re
from typing import Literal

Period = Literal["year", "hour", "month", "week", "day"]

HOURS_PER_YEAR = 37.5 * 52.143
"""FTE hours a year (domain.md 2.1: published hourly rates are annual / 1,955.36)."""
ANNUAL_FACTOR: dict[str, float] = {
    "year": 1.0,
    "hour": HOURS_PER_YEAR,
    "month": 12.0,
    "week": 52.143,
    "day": 5 * 52.143,
}

_PERIOD = re.compile(  # the lookahead lets the engine skip most positions cheaply
    r"(?=[paeyhmwd/])(?:(?P<year>per\s+annum|\bp\.\s?a\.?|\bpa\b|\bp/a\b|(?:a|per|each)\s+year|\byearly|\bannual(?:ly)?"
    r"|/\s?(?:yr|year|annum)\b)"
    r"|(?P<hour>(?:per|an|a|each)\s+hour|/\s?(?:hr|hour)\b|\bp/?h\b|\bph\b|\bhourly)"
    r"|(?P<month>(?:per|a|each)\s+(?:calendar\s+)?month|\bpcm\b|\bmonthly|/\s?month\b)"
    r"|(?P<week>(?:per|a|each)\s+week|\bpw\b|\bp/w\b|\bweekly|/\s?week\b)"
    r"|(?P<day>(?:per|a|each)\s+day|\bdaily|/\s?day\b))"
)
_PERIOD_BEFORE = re.compile(
    r"\b(?P<hour>hourly)\s+(?:rate|pay)|\b(?P<year>annual)\s+(?:salary|pay)|\b(?P<day>daily)\s+rate"
)
SALARY_PERIOD_FIELD = re.compile(r"salary\s+period\W+(yearly|hourly|monthly|weekly|daily)")
PERIOD_WORD: dict[str, Period] = {
    "yearly": "year",
    "hourly": "hour",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
}


def pay_period(
    lowered: str, end: int, before: str, default: Period | None, amount: float
) -> tuple[Period | None, bool]:
    """(period, whether the advert states it) for a figure ending at `end`."""
    after = lowered[end : end + 40]
    for match in _PERIOD.finditer(after):
        if "hour" in after[max(0, match.start() - 7) : match.start()]:
            continue  # "37.5 hours per week" is the working week, not the pay period
        if "£" in after[: match.start()]:
            break
        return match.lastgroup, True  # type: ignore[return-value]
    hint = _PERIOD_BEFORE.search(before)
    if hint:
        return hint.lastgroup, True  # type: ignore[return-value]
    if default:
        return default, True
    return ("year", False) if amount >= 5000 else (None, False)


def period_field(lowered: str) -> Period | None:
    """The period a job board's "Salary period: Hourly" field gives every figure, if the advert has one."""
    if "salary period" not in lowered:
        return None
    field = SALARY_PERIOD_FIELD.search(lowered, lowered.find("salary period"))
    return PERIOD_WORD[field.group(1)] if field else None
