"""What the words around a salary say about it: whether it includes a high cost area supplement (and which
zone), and whether it is AfC pay at all (NJC, medical and locally agreed pay map to a band only through
an exact AfC pay point). Kept apart from `salary`, which finds the figures.
"""

from __future__ import annotations

import re

from classifier.pay_scale import NO_HCAS
from classifier.stated_band import afc_wording, lowercase, nhs_wording, occurrences

_HCAS_KEYS = ("hca", "high cost", "high-cost", "london weighting", "london allowance")
_HCAS_WORD = (
    r"(?:hcas?\b|high[\s-]cost(?:\s+area)?(?:\s+(?:supplement|allowance))?|london\s+(?:weighting|allowance))"
)
_HCAS_INCLUDED = re.compile(
    rf"\b(?:inc(?:l(?:uding|usive|udes?)?)?|inclusive)\.?\s*(?:of\s+)?(?:the\s+)?(?:\d+%\s*)?{_HCAS_WORD}"
    rf"|{_HCAS_WORD}\s*(?:\([^)]*\)\s*)?(?:is\s+|are\s+)?included"
    r"|(?:per\s+annum|\bp\.?a\.?|a\s+year)\s+(?:pro[- ]?rata\s+)?(?:inc|incl|inclusive)\b\.?"
    r"|^\s*\(?\s*(?:inc|incl|inclusive)\b\.?(?!\s*(?:pension|holiday|bank))"
)
_HCAS_EXTRA = re.compile(
    rf"\b(?:plus|\+|and)\s*(?:\d+%\s*)?{_HCAS_WORD}|\bexc(?:l(?:uding|udes?|usive)?)?\.?\s*(?:of\s+)?{_HCAS_WORD}"
)
_HCAS_STATED = re.compile(
    rf"(?:salary|salaries|pay|figures?|amounts?)\b[^.\n]{{0,60}}?\b(?:inclusive\s+of|includes?|including)"
    rf"\s+(?:the\s+)?(?:\d+%\s+)?{_HCAS_WORD}"
)
_ZONE = re.compile(r"\b(?P<inner>inner)\b|\b(?P<outer>outer)\b|\b(?P<fringe>fringe)\b|\b(?P<pct>20|15|5)\s?%")
_ZONE_TEXT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("inner", re.compile(r"(?P<inner>inner)\s+london")),
    ("outer", re.compile(r"(?P<outer>outer)\s+london")),
    ("fringe", re.compile(r"(?P<fringe>fringe)\b")),
)
_ZONES = {"inner": "inner_london", "outer": "outer_london", "fringe": "fringe"}
_PERCENT_ZONES = {"20": "inner_london", "15": "outer_london", "5": "fringe"}

_NON_AFC_PAY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("njc", re.compile(r"njc\b")),
    ("consultant contract", re.compile(r"consultant contract")),
    ("medical and dental", re.compile(r"medical and dental")),
    ("spinal column point", re.compile(r"spinal column point")),
    ("scp", re.compile(r"scp\s*\d")),
    ("pay scheme", re.compile(r"pay\s+scheme\W+(?:other|local|medical|very\s+senior)")),
    ("locally agreed", re.compile(r"locally agreed")),
)
_MEDICAL_TITLE = re.compile(r"\b(?:psychiatrist|doctor|registrar|physician|surgeon|gp)\b")


def hcas_wording(lowered: str, end: int) -> str | None:
    """ "included" or the zone when the figures include HCAS, "none" when it is extra, None if unsaid."""
    if not any(key in lowered for key in _HCAS_KEYS) and "inc" not in lowered[end : end + 40]:
        return None
    phrase = lowered[end : end + 120]
    if _HCAS_EXTRA.search(phrase):
        return NO_HCAS
    included = _HCAS_INCLUDED.search(phrase) or any(
        next(occurrences(lowered, key, _HCAS_STATED), None) for key in ("salary", "salaries", "pay", "figure")
    )
    if not included:
        return None
    zone = _ZONE.search(phrase)
    if zone is None:
        found = [m for key, pattern in _ZONE_TEXT for m in occurrences(lowered, key, pattern)]
        zone = min(found, key=lambda m: m.start()) if found else None
    if zone is None:
        return "included"
    if zone.lastgroup == "pct":
        return _PERCENT_ZONES[zone.group("pct")]
    return _ZONES[zone.lastgroup or ""]


def exact_only_pay(lowered: str, title: str | None, period: str, afc: bool | None) -> bool:
    """Pay that is not on AfC maps to a band only through an exact pay point (care-sector hourly rates)."""
    if afc is not None:
        return not afc
    non_afc = any(next(occurrences(lowered, key, pattern), None) for key, pattern in _NON_AFC_PAY)
    if non_afc or (title and _MEDICAL_TITLE.search(lowercase(title))):
        return True
    return not (afc_wording(lowered) if period == "hour" else nhs_wording(lowered))
