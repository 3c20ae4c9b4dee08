"""Find the advert's salary, normalise it to full-time annual pay and map it to AfC bands.

Adverts quote many sums that are not the salary (welcome bonuses, relocation packages, HCAS limits,
DBS fees, visa salary thresholds). Each money statement is scored on its context: a structured
"Salary" field beats a sentence that talks about pay, which beats a bare figure; sums in a sentence
about something else are dropped. The chosen statement is then matched against the pay tables
(`PayScale.match`), taking HCAS wording, the advert's date and non-AfC pay wording into account.

Like `stated_band`, text is lower-cased once and regexes run at keyword positions or on short windows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from classifier.pay_dates import pay_year_in_force
from classifier.pay_scale import NO_HCAS, BandMatch, PayScale, default_pay_scale
from classifier.salary_context import exact_only_pay, hcas_wording
from classifier.salary_period import ANNUAL_FACTOR, Period, pay_period
from classifier.salary_period import HOURS_PER_YEAR as HOURS_PER_YEAR
from classifier.salary_period import period_field as salary_period_field
from classifier.schema import Salary, Span
from classifier.stated_band import lowercase, occurrences

_MONEY = r"(?:£|gbp[ \t]?)[ \t]?\d[\d,]*(?:\.\d{1,2})?(?:[ \t]?k\b)?|\d{2,3},\d{3}(?:\.\d{1,2})?(?!\d)"
_STATEMENT = re.compile(
    rf"(?P<first>{_MONEY})(?:[ \t]*(?:p\.?\s?a\.?|per\s+annum|a\s+year|per\s+hour|an\s+hour)?"
    rf"[ \t]*(?:-|–|—|to|and|rising\s+to|up\s+to)[ \t]*"
    rf"(?P<second>{_MONEY}|\d[\d,]*(?:\.\d{{1,2}})?(?:[ \t]?k\b)?))?"
)
"""A figure or range, matched on lower-cased text at a "£", "GBP" or a bare figure after a salary label."""
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d{1,2})?)[ \t]?(k)?")
_BARE = re.compile(r"(?<![\d.,£])\d{2,3},\d{3}(?:\.\d{1,2})?(?!\d)")
_GBP = re.compile("gbp")
_SALARY_LABELS = ("salary", "pay scale", "payscale", "pay rate", "rate of pay", "wage")

_FIELD = re.compile(
    r"(?:salary|pay|wage|rate\s+of\s+pay|pay\s+rate|hourly\s+rate|remuneration)\s*(?:scale|range|band|rate"
    r"|information|details|\(?fte\)?)?\**\s*[:|]?[\s:|*•\-]*(?:\w+\s+)?$"
)
_PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|wage|earn\w*|remuneration|rate|per\s+annum|starting)\b"
)
_FTE = re.compile(r"\b(?:fte|wte|full[- ]time\s+equivalent|whole[- ]time\s+equivalent)\b[^£\n]{0,20}$")
_ACTUAL_PART_TIME = re.compile(r"pro[- ]?rata\)?\s*\(?\s*$|\bactual\s+(?:salary\s+)?$")
_UP_TO = re.compile(r"\bup\s+to\s*$")
_FROM = re.compile(r"\b(?:from|starting\s+(?:salary\s+)?(?:of|at|from)?)\s*$")
_NOT_PAY_BEFORE = re.compile(
    r"\b(?:bonus\w*|welcome|golden\s+hello|relocation|incentive|refer(?:ral|\s+a\s+friend)|fees?|costs?|loans?"
    r"|discount|invest\w*|mileage|expenses|payments?\s+of|minimum\s+payment|maximum\s+payment|funding|grant"
    r"|budget|turnover|raised|donat\w*|vouchers?|deposit|contributions?|pension|savings?|prize|package|worth"
    r"|dbs|allowance\s+of|supplement\s+of)\b"
)
_SENTENCE_KEYS = ("sponsor", "visa", "skilled worker", "threshold")
"""A sentence about visa sponsorship quotes salary thresholds, not this post's pay."""
_FIELD_KEYS = ("salary", "pay", "wage", "rate", "remuneration")
_NOT_PAY_AFTER = re.compile(
    r"\W{0,3}(?:(?:per\s+annum|p\.?a\.?|a\s+year|per\s+year)\s+)?(?:welcome|bonus|golden|relocation|incentive"
    r"|referral|million|m\b|bn\b|billion|investment|grant|fees?\b|loan|hcas?\b|high[\s-]cost|london\s+weighting"
    r"|allowance|supplement|per\s+mile|mileage|towards|contribution|vouchers?|discount|deposit|dbs|disclosure"
    r"|for\s+(?:the\s+|their\s+|your\s+|a\s+)?(?:dbs|disclosure|check|application|uniform|parking)"
    r"|\((?:standard|enhanced)\))"
)
_SENTENCE_MARKS = (". ", "! ", "? ", "; ", "\n")
_MIN_SCORE = 2
_FIELD_SCORE = 6


@dataclass(frozen=True)
class _Candidate:
    score: int
    start: int
    end: int
    minimum: float | None
    maximum: float | None
    period: Period
    rounding: float
    """How far the true figure may be from the stated one: pennies, pounds, or £500 for "£25k"."""


def _value(token: str) -> tuple[float, bool, bool]:
    """(amount, has pence, in thousands) for "£24,937", "£12.51", "25k"."""
    match = _NUMBER.search(token)
    if match is None:
        return 0.0, False, False
    digits = match.group(1).replace(",", "").rstrip(".")
    k = bool(match.group(2))
    return float(digits) * (1000 if k else 1), "." in digits, k


def _sentence_before(lowered: str, start: int) -> str:
    window = lowered[max(0, start - 160) : start]
    return window[
        max((pos + len(mark) if (pos := window.rfind(mark)) != -1 else 0) for mark in _SENTENCE_MARKS) :
    ]


def _sentence_after(lowered: str, end: int) -> str:
    after = lowered[end : end + 160]
    stops = [pos for mark in _SENTENCE_MARKS if (pos := after.find(mark)) != -1]
    return after[: min(stops)] if stops else after


def _closer(pattern: re.Pattern[str], other: re.Pattern[str], before: str) -> bool:
    """Whether the last `pattern` match in `before` comes after the last `other` match."""
    last = max((m.end() for m in pattern.finditer(before)), default=-1)
    return last > max((m.end() for m in other.finditer(before)), default=-1)


def _figures(match: re.Match[str]) -> tuple[float, float | None, float, int]:
    """(first, second or None, rounding, end) of a figure or range; a bad range keeps the first figure."""
    first, pence, first_k = _value(match.group("first"))
    rounding = 500.0 if first_k else 0.005 if pence else 0.5
    if not match.group("second"):
        return first, None, _round_thousands(rounding, first), match.end()
    second, _, second_k = _value(match.group("second"))
    if second_k and not first_k and first < 1000:
        first, rounding = first * 1000, 500.0  # "£25-27k"
    if second < first or (first >= 1000 and second > 3 * first):
        return first, None, _round_thousands(rounding, first), match.end("first")
    return first, second, _round_thousands(rounding, first, second), match.end()


def _round_thousands(rounding: float, *figures: float) -> float:
    """ "£31,000 - £38,000" is a rounded AfC range (no AfC pay point is a whole thousand)."""
    if rounding == 0.5 and all(f >= 10_000 and f % 1000 == 0 for f in figures):
        return 500.0
    return rounding


def _has(window: str, keys: tuple[str, ...]) -> bool:
    """Cheap gate before a regex: does `window` contain any of `keys`?"""
    return any(key in window for key in keys)


def _candidate(lowered: str, match: re.Match[str], period_field: Period | None) -> _Candidate | None:
    start = match.start()
    first, second, rounding, end = _figures(match)
    if _NOT_PAY_AFTER.match(lowered, end):
        return None
    before = _sentence_before(lowered, start)
    if _has(before, _SENTENCE_KEYS) or _has(_sentence_after(lowered, end), _SENTENCE_KEYS):
        return None
    if _NOT_PAY_BEFORE.search(before, len(before) - 60) and _closer(
        _NOT_PAY_BEFORE, _PAY_WORDS, before[-60:]
    ):
        return None
    near = lowered[max(0, start - 40) : start]
    field = _has(near, _FIELD_KEYS) and _FIELD.search(near) is not None
    worded = _PAY_WORDS.search(before) is not None
    has_currency = match.group(0)[0] in "£g"
    if not has_currency and not (field or worded):
        return None
    period, stated = pay_period(lowered, end, before, period_field if field else None, first)
    if period is None or (first < 100 and not stated):
        return None  # a small sum is an hourly rate only when it says so ("£12.51 per hour")
    if not 5000 <= first * ANNUAL_FACTOR[period] <= 250_000:
        return None
    score = _FIELD_SCORE * field + 3 * worded + 2 * stated + has_currency + (second is not None)
    if _has(near, ("fte", "wte", "equivalent")) and _FTE.search(near):
        score += 8  # "£18,200 - £20,100 (FTE £40,000 - £44,100)": the full-time figures are wanted
    if _has(near, ("rata", "actual")) and _ACTUAL_PART_TIME.search(near):
        score -= 4
    low: float | None = first
    high: float | None = first if second is None else second
    if second is None and "up to" in near and _UP_TO.search(near):
        low = None
    elif second is None and _has(near, ("from", "starting")) and _FROM.search(near):
        high = None
    if period in ("hour", "day"):
        rounding = 0.005  # "£12" an hour is £12.00, not £11.50 - £12.50
    return _Candidate(score, start, end, low, high, period, rounding)


def _pound_starts(text: str, lowered: str) -> list[int]:
    """Where a figure with a currency starts: each "£" and "GBP"."""
    starts = []
    pos = text.find("£")
    while pos != -1:
        starts.append(pos)
        pos = text.find("£", pos + 1)
    starts += [m.start() for m in occurrences(lowered, "gbp", _GBP)]
    return starts


def _bare_starts(lowered: str) -> list[int]:
    """Where a figure without a currency starts just after a salary label ("Salary: 24,937 - 26,598")."""
    starts = []
    for label in _SALARY_LABELS:
        pos = lowered.find(label)
        while pos != -1:
            bare = _BARE.search(lowered, pos, pos + 80)
            if bare:
                starts.append(bare.start())
            pos = lowered.find(label, pos + 1)
    return starts


def _best(lowered: str, starts: list[int], period_field: Period | None) -> _Candidate | None:
    """The highest-scoring salary statement starting at one of `starts` (the earliest on a tie)."""
    best: _Candidate | None = None
    for start in sorted(set(starts)):
        match = _STATEMENT.match(lowered, start)
        candidate = _candidate(lowered, match, period_field) if match else None
        if candidate and candidate.score >= _MIN_SCORE and (best is None or candidate.score > best.score):
            best = candidate
    return best


def _tolerance(candidate: _Candidate, exact_only: bool) -> float:
    """Slack for exact pay points: the stated figure's rounding scaled to a year, plus GBP 1.5.

    Off AfC a round "£28,000" is taken at its word rather than as a rounded pay point.
    """
    rounding = min(candidate.rounding, 0.5) if exact_only else candidate.rounding
    return 1.5 + rounding * ANNUAL_FACTOR[candidate.period]


def _line_text(text: str, start: int) -> str:
    stop = text.find("\n", start)
    stop = len(text) if stop == -1 else stop
    return text[start : min(stop, start + 120)].strip()


@dataclass(frozen=True)
class SalaryReading:
    """The salary with how it was matched: `match` carries the previous-year flag and ambiguous candidates."""

    salary: Salary | None
    match: BandMatch | None = None
    pay_year_in_force: str | None = None


def find_salary(text: str, title: str | None = None, **options: Any) -> Salary | None:
    """The advert's salary, or None when it gives no figure ("competitive", "as per AfC"); see `read_salary`."""
    return read_salary(text, title, **options).salary


def read_salary(
    text: str,
    title: str | None = None,
    *,
    afc: bool | None = None,
    scale: PayScale | None = None,
    date_posted: date | None = None,
) -> SalaryReading:
    """The advert's salary and its AfC bands.

    `afc` says whether the employer pays on AfC when the caller knows; by default it is read from the
    text. Off AfC a salary is given bands only when its figures are exact AfC pay points. The pay year is
    the one in force on `date_posted`, else on a posting or closing date in the text; with neither, only
    exact pay points of some year count. The annual figures are the stated ones made full-time and
    yearly; with `includes_hcas` they include the supplement (it is removed only to find the bands).
    """
    lowered = lowercase(text)
    best = _statement(lowered, text)
    if best is None:
        return SalaryReading(None)
    factor = ANNUAL_FACTOR[best.period]
    annual_min = round(best.minimum * factor, 2) if best.minimum is not None else None
    annual_max = round(best.maximum * factor, 2) if best.maximum is not None else None
    hcas = hcas_wording(lowered, best.end)
    low, high = annual_min or annual_max, annual_max or annual_min
    in_force = pay_year_in_force(date_posted, lowered)
    matched = None
    if low is not None and high is not None:
        exact = exact_only_pay(lowered, title, best.period, afc)
        tolerance = _tolerance(best, exact)
        scale = scale or default_pay_scale()
        matched = scale.match(low, high, hcas=hcas, pay_year=in_force, exact_only=exact, tolerance=tolerance)
    salary = Salary(
        text=_line_text(text, best.start),
        span=Span(start=best.start, end=best.end, text=text[best.start : best.end]),
        minimum=best.minimum,
        maximum=best.maximum,
        period=best.period,
        annual_minimum=annual_min,
        annual_maximum=annual_max,
        includes_hcas=hcas not in (None, NO_HCAS),
        pay_year=matched.pay_year if matched else None,
        bands=list(matched.bands) if matched else [],
    )
    return SalaryReading(salary, matched, in_force)


def _statement(lowered: str, text: str) -> _Candidate | None:
    """The best-scoring salary statement: a figure with "£" or "GBP", or a bare one after a salary label."""
    period_field = salary_period_field(lowered)
    best = _best(lowered, _pound_starts(text, lowered), period_field)
    if best is None or best.score < _FIELD_SCORE:  # a labelled figure without "£" could still beat it
        bare = _best(lowered, _bare_starts(lowered), period_field)
        if bare and (best is None or bare.score > best.score):
            best = bare
    return best
