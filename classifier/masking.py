"""Hide every band, grade and money figure so a duties-based band model cannot read the answer.

The band predictor must learn from what the post holder does, not from "Band 5" or "£31,049" in the
text, so it is trained and evaluated on `mask_pay(text)`. Everything else is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from classifier.stated_band import lowercase, occurrences

BAND_MASK = "[BAND]"
GRADE_MASK = "[GRADE]"
PAY_MASK = "[PAY]"

_CODE = r"(?:8[ \t]?[a-d]|[1-9]|one|two|three|four|five|six|seven|eight|nine)(?![\d,.]\d|\w)"
_JOIN = r"[ \t]*(?:/|-|–|,|to|or|and|&)[ \t]*(?:bands?[ \t]*)?"
_BAND_LIST = re.compile(rf"(?:bands?|banding)[ \t]*[:\-–]?\s{{0,4}}{_CODE}(?:{_JOIN}{_CODE})*")
_AFC_CODE = re.compile(r"afc[ \t]*:?[ \t]*(?P<code>8[a-d]|[1-9])\b")
_GRADE = re.compile(r"grade[ \t]*[:\-]?[ \t]*\d{1,2}[a-z]?\b")
_POINT = re.compile(r"(?:spine|pay)[ \t]+points?[ \t]*\d+(?:[ \t]*(?:-|–|to)[ \t]*\d+)?")
_B_CODE = re.compile(r"B(?:8[a-d]|[1-9])(?!\w)")
# Money is found by scans that start with a literal or a character class (fast for the regex engine to
# skip ahead); bands, grades and points by anchored matches at keyword positions.
_POUNDS = re.compile(r"£[ \t]?\d[\d,]*(?:\.\d+)?(?:[ \t]?(?:[kKmM]\b|million\b|bn\b|billion\b))?")
_FIGURE = re.compile(r"\d(?:\d{0,2}(?:,\d{3})+|\d{4,5})(?:\.\d{1,2})?(?![\d,]\d)(?:[ \t]?£)?")
_QUALIFICATION_BEFORE = re.compile(r"gcse|a[- ]?levels?|o[- ]?levels?|maths|english|qualification")


def _pay_figure(text: str, match: re.Match[str]) -> bool:
    """A figure followed by "£", or a bare one in the salary range (not "1,200 patients")."""
    token = match.group(0)
    if token.endswith("£"):
        return True
    if match.start() and text[match.start() - 1] in "0123456789.,":
        return False
    return 10_000 <= float(token.replace(",", "")) <= 250_000


def _band_lists(lowered: str) -> Iterator[re.Match[str]]:
    """Band statements, each matched once: the search resumes after a match, because a chain such as
    "band 3/band 4/..." matched again from each of its own "band"s cost quadratic time (issue 11) and the
    inner matches are masked by the outer one anyway."""
    pos = lowered.find("band")
    while pos != -1:
        match = _BAND_LIST.match(lowered, pos) if pos == 0 or not lowered[pos - 1].isalnum() else None
        if match:
            yield match
        pos = lowered.find("band", match.end() if match else pos + 1)


def _spans(text: str) -> list[tuple[int, int, str]]:
    lowered = lowercase(text)
    spans = [(m.start(), m.end(), BAND_MASK) for m in _band_lists(lowered)]
    spans += [(m.start("code"), m.end(), BAND_MASK) for m in occurrences(lowered, "afc", _AFC_CODE)]
    spans += [
        (m.start(), m.end(), PAY_MASK) for key in ("spine", "pay") for m in occurrences(lowered, key, _POINT)
    ]
    spans += [
        (m.start(), m.end(), GRADE_MASK)
        for m in occurrences(lowered, "grade", _GRADE)
        if not _QUALIFICATION_BEFORE.search(lowered, max(0, m.start() - 40), m.start())
    ]
    spans += [
        (m.start(), m.end(), BAND_MASK)
        for m in _B_CODE.finditer(text)
        if m.start() == 0 or not text[m.start() - 1].isalnum()
    ]
    spans += [(m.start(), m.end(), PAY_MASK) for m in _POUNDS.finditer(text)]
    spans += [(m.start(), m.end(), PAY_MASK) for m in _FIGURE.finditer(text) if _pay_figure(text, m)]
    return sorted(spans)


def mask_pay(text: str) -> str:
    """`text` with band statements, band/grade codes and money amounts replaced by placeholders."""
    parts: list[str] = []
    cursor = 0
    for start, end, mask in _spans(text):
        if start < cursor:
            continue
        parts.append(text[cursor:start])
        parts.append(mask)
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts).replace("£", "")
