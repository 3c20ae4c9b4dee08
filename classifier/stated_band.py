"""The Agenda for Change band an advert states for its own post, and whether it pays on AfC at all.

Adverts mention bands that are not the post's: the band a trainee moves to on qualifying, the band of
the staff the post holder supervises, eligibility ("band 2 or above"). So a band is read from the
structured field first ("Grade / Band 3"), then from the title, then from the text, skipping mentions
whose sentence says they are about somebody or something else. A range ("Band 3/4") states its lower band.

Speed: whole-text regex scans cost tens of microseconds each, so text is lower-cased once and searched
for literal keywords (`str.find` is C-fast); regexes run anchored at those positions or on short windows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from classifier.pay_scale import BAND_ORDER, band_index
from classifier.schema import Span

StatedSource = Literal["field", "title", "text"]

_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "nine": "9",
}
_CODE = r"(?:8[ \t]?[a-d]|[1-9]|one|two|three|four|five|six|seven|nine)(?![\d,.]\d|\w)"
_SECOND = r"(?:8[ \t]?[a-d]|[1-9])(?![\d,.]\d|\w)"
BAND_AT = re.compile(
    rf"(?P<word>bands?|banding)(?P<sep>[ \t]*[:\-–]?[ \t]*\n?[ \t]*|[ \t]*:[ \t]*)(?P<a>{_CODE})"
    rf"(?:[ \t]*(?:/|-|–|to|or|and|&)[ \t]*(?:bands?[ \t]*)?(?P<b>{_SECOND}))?"
)
"""A band statement, matched on lower-cased text at an occurrence of "band"."""
_PLACE_BEFORE = re.compile(r"\b(?:ward|unit|room|bay|wing|block|floor|level)[ \t]*$")
"""A title's "Ward B4" names a place, not band 4."""
_TITLE_CODE = re.compile(rf"\b(?:b|afc[ \t]*:?[ \t]*)(?P<a>{_SECOND})(?:[ \t]*[/-][ \t]*(?P<b>{_SECOND}))?")

# AfC wording, checked at occurrences of each keyword: (keyword, pattern anchored there).
_AFC_AT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("agenda", re.compile(r"agenda\s+for\s+change")),
    ("afc", re.compile(r"afc\b")),
    ("nhs", re.compile(r"nhs\s+(?:pay\s+)?(?:bands?|pay\s+scales?|pay\s+rates?|terms\s+and\s+conditions)\b")),
    ("annex", re.compile(r"annex\s+(?:21|u)\b")),
    ("hcas", re.compile(r"hcas\b")),
    ("high cost area", re.compile(r"high\s+cost\s+area")),
)
_NHS_AT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nhs", re.compile(r"nhs")),
    ("health board", re.compile(r"health\s+board")),
    ("hsc trust", re.compile(r"hsc\s+trust")),
)
_NON_AFC_EMPLOYER_AT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("local authority", re.compile(r"local authority")),
    *(
        (f"{kind} council", re.compile(rf"{kind} council\b"))
        for kind in ("county", "city", "borough", "district", "the")
    ),
    ("civil service", re.compile(r"civil service\b")),
    ("hmpps", re.compile(r"hmpps\b")),
    ("probation service", re.compile(r"probation service")),
    ("ministry of justice", re.compile(r"ministry of justice")),
    ("njc", re.compile(r"njc\b")),
    ("official", re.compile(r"official[ \t]*\n")),
)

# Field labels that precede a band value: "Grade / - NHS AfC: Band 3", "Pay Band: 3", "Band\n\nBand 3".
_FIELD_BEFORE = re.compile(
    r"(?:\bgrade|\bbanding|\bband|\bpay\s+scheme\W+agenda\s+for\s+change|\blevel)\**[ \t]*[:|]?[\s:|*•\-]*"
    r"(?:nhs[ \t]+)?(?:afc[ \t]*:?[ \t]*)?(?:agenda\s+for\s+change[ \t]*:?[ \t]*)?$"
)
_LINE_ONLY_BEFORE = re.compile(r"(?:^|\n)[ \t\-•*|]*(?:nhs[ \t]+)?(?:afc[ \t]*:?[ \t]*)?$")
_LINE_ONLY_AFTER = re.compile(r"[ \t)\].,;:|*]*(?:\n|$)")

# A band in a sentence about the future (progression after training) or about who may apply: only a
# recruiting phrase nearer the band overrides these.
_LATER_OR_ELIGIBILITY = re.compile(
    r"progress\w*|\blead(?:s|ing)?\s+(?:on\s+)?to\b|\bmov(?:e|es|ing)\s+(?:on\s+|up\s+)?(?:in)?to\b|\bbecom(?:e|ing)\b(?!\s+(?:available|vacant))"
    r"|\b(?:on|upon|after|following)\s+(?:the\s+)?(?:successful(?:ly)?\s+)?(?:complet|qualif)\w*"
    r"|\bonce\s+(?:you\s+(?:are|have)\s+)?(?:qualified|registered|complete)|\bpost[- ]?qualif\w*"
    r"|\bcompetenc(?:y|ies)\s+of|\bworking\s+towards|\bpromot\w*|\bris(?:e|es|ing)\s+to|\bemployment\s+as"
    r"|\bbe\s+offered|\bapply\s+for\s+(?!this)|\bstep\s+up|\bin\s+future|\beventually|\bqualified\s+\w+(?:\s+\w+)?\s+at"
    r"|\bexisting\b|\bcurrent\b|\bcurrently\s+(?:working|employed|a|an|in|at|on|hold\w*)\b|\balready\b|\bprevious\w*|\bformerly\b|\bstaff\s+(?:at|on|in)\b"
)
# A band in a sentence about other staff: a nearer phrase placing the post holder overrides these.
_OTHER_STAFF = re.compile(
    r"\bsupervis\w*|\bsupport(?:ing|s)?\s+(?:and\s+\w+\s+)?(?:the|our|other|two|three|\d)\b|\bline\s+manag\w*"
    r"|\b(?:supported|managed|led|mentored|overseen|guided)\s+by\b"
    r"|\bmanag(?:e|es|ing)\s+(?:a\s+team|the|our|two|three|\d)\b|\bleading\s+a\b|\balongside\b|\bmix\s+of\b"
    r"|\breport(?:s|ing)?\s+to\b|\baccountable\s+to\b|\bresponsible\s+to\b|\bdeputis\w*|\bdelegat\w*|\bsuch\s+as\b"
    r"|\bcolleagues\b|\bcompris\w*|\binclud\w*|\bmade\s+up\s+of\b|\bconsist\w*|\bteam\s+of\b|\bthere\s+(?:is|are)\b"
    r"|\bother\b|\bwork(?:ing)?\s+with\b"
)
_RECRUITING = re.compile(
    r"\brecruit\w*|\blooking\s+for|\bseeking|\bvacanc\w*|\bappoint\w*|\bhire\b"
    r"|\bthis\s+(?:\w+\s+){0,2}(?:post|role|position|vacancy|job)\s+(?:is|will\s+be)\b"
)
_POST_HOLDER = re.compile(
    r"\bopportunit\w*|\bthis\s+(?:\w+\s+){0,2}(?:post|role|position|vacancy|job)\b|\b(?:post|role|position)\s+(?:is|will\s+be)\b"
    r"|\bjoin\b|\bas\s+an?\b|\bat\b|\bpaid\s+(?:at|on)\b|\bemployed\s+(?:at|on|as)\b|\bwe\s+(?:are|have)\b|\bfor\s+an?\b"
)
_ELSEWHERE_AFTER = re.compile(
    r"\W{0,3}(?:or\s+(?:above|higher|equivalent)|and\s+(?:above|higher)|\+"
    r"|equivalent\s+(?:experience|level|role|post|grade|qualification|knowledge|skills))"
    r"|[^.\n]{0,40}?\b(?:roles?|posts?|staff)\s+(?:are|is)\s+(?:only\s+)?open"
    r"|[ \t]*(?:\w+[ \t]+){0,3}?(?:supervision|supervisors?)\b"
    r"|[^.\n]{0,40}?\bwill\s+(?:support|supervise|mentor|guide)\s+you"
)
"""After a band: "band 5 or above", "band 6 equivalent experience", "band 5 staff are open to": not this post."""
_EQUIVALENT_AFTER = re.compile(r"\W{0,3}equivalent\b")
""""Band 5 equivalent" is an AfC band only when the pay is an AfC point (`afc_evidence`): domain.md 2.4 rule 6."""
_STAFF_AFTER = re.compile(r"[ \t]+(?:staff|colleagues|employees)\b(?![ \t]+nurses?\b)")
""""band 5 staff" are other people, unless the sentence is recruiting them ("we are looking for band 5 staff")."""
_SENTENCE_MARKS = (". ", "! ", "? ", "; ", "\n")


@dataclass(frozen=True)
class StatedBand:
    """A band the advert states for the post: `value` is the lower band of `range`."""

    value: str
    range: list[str]
    span: Span | None
    source: StatedSource


def lowercase(text: str) -> str:
    """`text.lower()` with the same length, so offsets found in it are offsets into `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def occurrences(lowered: str, key: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` anchored at each word-initial occurrence of `key` in lower-cased text."""
    pos = lowered.find(key)
    while pos != -1:
        if pos == 0 or not lowered[pos - 1].isalnum():
            match = pattern.match(lowered, pos)
            if match:
                yield match
        pos = lowered.find(key, pos + 1)


def _any_at(lowered: str, table: tuple[tuple[str, re.Pattern[str]], ...]) -> bool:
    return any(next(occurrences(lowered, key, pattern), None) for key, pattern in table)


def afc_mentioned(text: str) -> bool:
    """Agenda for Change wording ("Agenda for Change", "AfC", "NHS pay band", "Annex 21", HCAS)."""
    return afc_wording(lowercase(text))


def nhs_context(text: str) -> bool:
    """AfC wording or an NHS employer: the context in which a bare "Band 5" is an AfC band."""
    return nhs_wording(lowercase(text))


def afc_wording(lowered: str) -> bool:
    """`afc_mentioned` for text already passed through `lowercase`."""
    return _any_at(lowered, _AFC_AT)


def nhs_wording(lowered: str) -> bool:
    """`nhs_context` for text already passed through `lowercase`."""
    return _any_at(lowered, _NHS_AT) or _any_at(lowered, _AFC_AT)


_BAND_8 = ("8a", "8b", "8c", "8d")


def _codes(raw: str) -> tuple[str, ...]:
    """The bands a code names: "5" one, "8" without a letter all four of 8a-8d, anything else none."""
    code = raw.replace(" ", "").replace("\t", "")
    code = _WORDS.get(code, code)
    if code == "8":
        return _BAND_8
    return (code,) if code in BAND_ORDER else ()


def _range(a: str, b: str | None) -> list[str]:
    """ "3" -> [3]; "3/4" -> [3, 4]; "8" -> [8a..8d]; [] for a code that is no band (never raises)."""
    first = _codes(a)
    if not first:
        return []
    second = _codes(b) if b else ()
    if not second:
        return list(first)
    lo = min(band_index(first[0]), band_index(second[0]))
    hi = max(band_index(first[-1]), band_index(second[-1]))
    return list(BAND_ORDER[lo : hi + 1]) if hi - lo <= 3 else list(first)


def _sentence_before(lowered: str, start: int) -> str:
    window = lowered[max(0, start - 160) : start]
    return window[
        max((pos + len(mark) if (pos := window.rfind(mark)) != -1 else 0) for mark in _SENTENCE_MARKS) :
    ]


def _is_field(lowered: str, match: re.Match[str]) -> bool:
    """A labelled value ("Band: 5", "Grade / Band 3") or a line holding only the band."""
    if ":" in match.group("sep") or "\n" in match.group("sep"):
        return True
    before = lowered[max(0, match.start() - 60) : match.start()]
    if _FIELD_BEFORE.search(before):
        return True
    return bool(_LINE_ONLY_BEFORE.search(before) and _LINE_ONLY_AFTER.match(lowered, match.end()))


def _elsewhere_after(lowered: str, end: int, afc_evidence: bool = False) -> bool:
    """ "band 5 or above", "band 6 equivalent experience": not this post; "band 5 equivalent" without AfC pay."""
    window = lowered[end : end + 60]
    if not afc_evidence and _EQUIVALENT_AFTER.match(window):
        return True
    return _ELSEWHERE_AFTER.match(window) is not None


def _other_staff_after(lowered: str, match: re.Match[str]) -> bool:
    """ "band 5 staff" about colleagues rather than the post (a recruiting sentence keeps it)."""
    if _STAFF_AFTER.match(lowered, match.end()) is None:
        return False
    return _last(_RECRUITING, _sentence_before(lowered, match.start())) == -1


def _last(pattern: re.Pattern[str], text: str) -> int:
    return max((m.end() for m in pattern.finditer(text)), default=-1)


def _about_this_post(lowered: str, match: re.Match[str], afc_evidence: bool = False) -> bool:
    """False when the sentence places the band elsewhere (progression, eligibility, other staff)."""
    if _elsewhere_after(lowered, match.end(), afc_evidence) or _other_staff_after(lowered, match):
        return False
    before = _sentence_before(lowered, match.start())
    recruiting = _last(_RECRUITING, before)
    if _last(_LATER_OR_ELIGIBILITY, before) > recruiting:
        return False
    other = _last(_OTHER_STAFF, before)
    return other == -1 or max(recruiting, _last(_POST_HOLDER, before)) > other


def _from_title(title: str, afc_evidence: bool = False) -> StatedBand | None:
    lowered = lowercase(title)
    codes = [m for m in _TITLE_CODE.finditer(lowered) if not _PLACE_BEFORE.search(lowered, 0, m.start())]
    matches = [*occurrences(lowered, "band", BAND_AT), *codes]
    for match in matches:
        found = _range(match.group("a"), match.group("b"))
        if found and not _elsewhere_after(lowered, match.end(), afc_evidence):
            return StatedBand(found[0], found, None, "title")
    return None


def find_stated_band(title: str | None, text: str, *, afc_evidence: bool = False) -> StatedBand | None:
    """The band stated for this post: structured field, then title, then text; None if none or not AfC.

    `afc_evidence` (the pay is an AfC pay point of some year) keeps the band even where the text reads
    like an employer with its own bands.
    """
    lowered = lowercase(text)
    in_text: StatedBand | None = None  # the field if there is one, else the first mention about this post
    mentioned = False
    for match in occurrences(lowered, "band", BAND_AT):
        found = _range(match.group("a"), match.group("b"))
        if not found:
            continue
        mentioned = True
        span = Span(start=match.start(), end=match.end(), text=text[match.start() : match.end()])
        if _is_field(lowered, match):
            if _elsewhere_after(lowered, match.end(), afc_evidence):
                continue
            in_text = StatedBand(found[0], found, span, "field")
            break
        if in_text is None and _about_this_post(lowered, match, afc_evidence):
            in_text = StatedBand(found[0], found, span, "text")
    in_title = _from_title(title, afc_evidence) if title else None
    if not (mentioned or in_title) or (not afc_evidence and _not_afc(lowered, title)):
        return None
    if in_text and in_text.source == "field":
        return in_text
    return in_title or in_text


def _not_afc(lowered: str, title: str | None) -> bool:
    """An employer known to use its own bands (council, civil service) with no NHS or AfC wording."""
    if not _any_at(lowered, _NON_AFC_EMPLOYER_AT):
        return False
    return not (nhs_wording(lowered) or (title is not None and nhs_context(title)))
