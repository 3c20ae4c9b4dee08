"""Rule-based section splitter: finds heading lines and labels the stretches between them.

Adverts are full of boilerplate (about the Trust, benefits, equality statements) that must not be read as
duties or requirements, and person specifications say what is essential and what desirable. Short lines are
matched against one precompiled heading pattern (after a cheap first/last-word test); the rest is string
work, so a 2,000-character advert costs about 0.05 ms.

Levels: top-level sections never overlap. `essential` / `desirable` stretches sit inside a `person_spec`
(one is opened without a heading when a person specification starts with "Essential" directly). Category
sub-headings of a person specification ("Qualifications", "Experience", ...) end an essential or desirable
stretch without starting a section of their own. Inline labels ("Essential: ...") and item markers
("... (desirable)") cover no further than their paragraph or line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from classifier.schema import Section, SectionName

Kind = Literal["top", "sub", "category", "marker"]

# Heading patterns are matched against `_normalise`d lines: lower case, single spaces, "&" spelled "and".
_AND = r"(?:,? and |, | ?/ ?)"
_CATEGORY_WORD = (
    r"(?:qualifications?|skills?|experience|knowledge|education|training|abilities|ability|aptitudes?"
    r"|attributes|competenc(?:e|ies)|personal (?:qualities|attributes|skills|characteristics)|qualities"
    r"|values(?: and behaviours)?|behaviours|(?:other|additional|special|physical) requirements"
    r"|understanding|communication(?: skills)?|circumstances|disposition|requirements|criteria)"
)
_CATEGORY_LIST = f"{_CATEGORY_WORD}(?:{_AND}{_CATEGORY_WORD})*"
_JOB = r"(?:job|role|post|position)"
_YOU_WILL = r"(?:you will|you'll|you’ll)"

_TOP: dict[SectionName, list[str]] = {
    "summary": [
        rf"{_JOB} (?:summary|overview|purpose|introduction)(?: and (?:summary|purpose|scope))?",
        rf"(?:summary|overview)(?: of (?:the )?{_JOB})?",
        rf"(?:overall |main |key )?purpose of (?:the |this )?{_JOB}",
        r"(?:overall|main|key) (?:job )?purpose",
        rf"about (?:the|this|your) (?:{_JOB}|opportunity|vacancy)",
        rf"(?:the|this) (?:{_JOB}|opportunity|vacancy)",
        r"introduction",
    ],
    "duties": [
        rf"main duties of the {_JOB}",
        r"(?:(?!to\b)[a-z][a-z'/,-]* ){0,3}(?:duties|responsibilities|accountabilities)"
        rf"(?: and (?:duties|responsibilities|accountabilities|tasks))?(?: of the {_JOB})?",
        r"(?:key|main|principal|core) (?:tasks|result areas|areas of responsibility|activities)",
        r"(?:key )?areas of responsibility",
        rf"what (?:{_YOU_WILL}|you would|you'd|you’d) (?:be )?do(?:ing)?(?: in this role)?",
        r"what (?:the|this) (?:job|role|post) (?:involves|entails|includes)",
        r"your (?:role|day[ -]to[ -]day|new role)",
        r"(?:a )?day in the life(?: of .{1,40})?",
        r"day[ -]to[ -]day(?: activities)?",
        r"scope of (?:the )?(?:role|post|job)",
    ],
    "person_spec": [
        r"person(?:al)? spec(?:ification)?(?:[ :–—-].{0,60})?",
        r"(?:selection|shortlisting|recruitment|essential and desirable) criteria",
        r"(?:what|who) (?:we are|we're|we’re) looking for",
        r"about you(?:rself)?",
        r"(?:the )?ideal candidate",
        r"(?:candidate|entry|role|job) (?:requirements|criteria)",
        rf"(?:to be successful|to succeed)(?: in this (?:role|post))?(?:,? {_YOU_WILL} (?:need|have))?",
        rf"what (?:{_YOU_WILL} need|{_YOU_WILL} bring|you need)(?: to (?:the role|succeed|bring))?",
        r"you (?:will|should) have",
    ],
    "benefits": [
        r"(?:(?:staff|employee|our|the|key|your|additional|other|what are the|excellent) )?benefits"
        r"(?: and (?:rewards|perks|wellbeing|pay))?(?: package)?(?: (?:of working|of joining) .{1,40})?",
        r"(?:pay|reward|rewards) and benefits|(?:our )?rewards?",
        r"what (?:we|the trust|.{1,30}) (?:can )?offer(?: you)?(?: in return)?",
        r"what(?:'s| is|’s) (?:on offer|in it for you)",
        rf"what {_YOU_WILL} (?:get|receive)(?: in return)?",
        r"in return(?:,? we (?:will )?offer(?: you)?)?",
        r"why (?:work for|work with|join|choose) .{1,40}",
        r"(?:our )?offer(?: to you)?|we offer|perks",
    ],
    "other": [
        r"job description(?: and person specification)?",
        r"(?:job |post |role |advert |employer |contact |additional |further |other |general )?"
        r"(?:details|information)",
        r"employer (?:heading|name|website|'s website|’s website)",
        r"(?:how to|to) apply|apply (?:online|now)|application (?:process|information)",
        r"documents to download|supporting documents|attachments",
        r"equal(?:ity)? (?:of )?opportunit(?:y|ies)(?: statement)?",
        r"(?:equality,? )?diversity,? and inclusion(?: statement)?|equality and diversity",
        r"safeguarding(?: children and (?:vulnerable )?adults| statement)?",
        r"confidentiality|data protection|information governance|health and safety",
        r"infection (?:prevention and )?control",
        r"terms and conditions(?: of (?:service|employment))?|conditions of service",
        r"disclosure and barring service(?: check| requirement)?|certificate of sponsorship|uk registration",
        r"applicant requirements|(?:organisational|organizational) (?:chart|structure)",
        r"(?:working|key|reporting) relationships|accountable to|reports? to",
    ],
    "about": [
        r"about us|who we are|our story|our mission|our purpose|our ambitions?|our strategy",
        r"our (?:trust|organi[sz]ation|company|charity|service|services|team|ward|unit|people|vision|values)"
        r"(?: and (?:values|vision|behaviours|strategy))?",
        r"working (?:for|at|with) .{1,40}",
        r"(?:the )?(?:team|service|trust|department|ward|unit)(?: information| description| overview)?",
        rf"about (?!you\b)(?!the {_JOB}\b).{{1,50}}",
        r"(?:company|organi[sz]ation|trust|service|team) (?:overview|profile|information)",
        rf"where {_YOU_WILL} (?:work|be working)",
    ],
}
_ESSENTIAL = rf"essential(?: {_CATEGORY_LIST})?|{_CATEGORY_LIST} ?[-–—:(] ?essential\)?|must[ -]haves?"
_DESIRABLE = (
    rf"desirable(?: {_CATEGORY_LIST})?|{_CATEGORY_LIST} ?[-–—:(] ?desirable\)?"
    r"|nice[ -]to[ -]haves?|(?:would be )?an advantage"
)
_PREFIX = (  # markdown, bold, and numbering such as "2.", "3.1", "b)", "iv.", "Section 2 -"
    r"(?:#{1,6} ?)?(?:\*\*|__)? ?"
    r"(?:(?:section |part )?(?:\d{1,2}(?:\.\d{1,2})*|[a-h]|[ivx]{1,4})(?:[.)] ?| )"
    r"|(?:section|part) \w{1,3} ?[:.–—-] ?)?"
)
_SUFFIX = r"(?: (?:include|includes|are|will include|will be|required|needed))? ?[:.?–—-]? ?(?:\*\*|__)?"


def _group(name: str, patterns: list[str]) -> str:
    return f"(?P<{name}>{'|'.join(patterns)})"


# Order matters: earlier groups win ("essential duties" is duties, "about the role" is summary).
_HEADING = re.compile(
    _PREFIX
    + "(?:"
    + "|".join(
        [
            _group("summary", _TOP["summary"]),
            _group("duties", _TOP["duties"]),
            _group("essential", [_ESSENTIAL]),
            _group("desirable", [_DESIRABLE]),
            _group("person_spec", _TOP["person_spec"]),
            _group("category", [_CATEGORY_LIST]),
            _group("benefits", _TOP["benefits"]),
            _group("other", _TOP["other"]),
            _group("about", _TOP["about"]),
        ]
    )
    + ")"
    + _SUFFIX
)
_INLINE_LABEL = re.compile(
    r"[ \t]*(?:[-•*·▪][ \t]*)?(?:\*\*)?(?P<label>(?P<essential>essential)|desirable)"
    rf"(?: {_CATEGORY_LIST})?(?:\*\*)?[ \t]*[:–—-][ \t]*(?=\S)",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"[(\[][ \t]*(?:(?P<essential>essential)|desirable)[ \t]*[)\]][ \t.;]*\r?$", re.IGNORECASE
)
# In documents flattened to one long line, only unmistakable upper-case headings are trusted.
_UPPER_INLINE = re.compile(
    r"(?:JOB (?:SUMMARY|PURPOSE|OVERVIEW)|(?:MAIN |OVERALL )?PURPOSE OF THE (?:JOB|ROLE|POST)"
    r"|(?:(?:MAIN|KEY|PRINCIPAL|GENERAL) )?(?:DUTIES AND RESPONSIBILITIES|DUTIES|RESPONSIBILITIES)"
    r"|PERSON SPECIFICATION|ABOUT US|ABOUT THE TRUST|WHAT WE OFFER|ESSENTIAL CRITERIA|DESIRABLE CRITERIA)"
    r"(?![A-Za-z])"
)
_UPPER_HINTS = (
    "JOB ",
    "PURPOSE",
    "DUTIES",
    "RESPONSIBILITIES",
    "PERSON SPEC",
    "ABOUT ",
    "WHAT WE",
    "CRITERIA",
)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_SUBS = ("essential", "desirable")
_MAX_HEADING_LINE = 90
_LONG_LINE = 300


def _word_set(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


# Every heading pattern starts (after numbering) with one of `_FIRST_WORDS` or ends with one of
# `_LAST_WORDS`; testing that first spares the big pattern most short lines (metadata values, names).
_CATEGORY_WORDS = _word_set(
    "qualification qualifications skill skills experience knowledge education training abilities ability",
    "aptitude aptitudes attributes competence competencies personal qualities values behaviours other",
    "additional special physical requirements understanding communication circumstances disposition criteria",
)
_FIRST_WORDS = _CATEGORY_WORDS | _word_set(
    "job role post position summary overview overall main key purpose about the this introduction what your",
    "a day day-to-day scope person selection shortlisting recruitment essential desirable who ideal",
    "candidate entry to you staff employee our excellent benefits pay reward rewards in why offer we perks",
    "what's what’s details information employer contact further general how apply application documents",
    "supporting attachments equal equality diversity safeguarding confidentiality data health infection",
    "terms conditions disclosure certificate uk applicant organisational organizational working reporting",
    "accountable reports report where company organisation organization trust service team department ward",
    "unit must nice would an must-have must-haves nice-to-have nice-to-haves principal core areas",
    "section part",
)
_LAST_WORDS = _CATEGORY_WORDS | _word_set(
    "duties responsibilities accountabilities tasks essential desirable"
)
_NUMBERING = "0123456789.)#*_ "
_TRIM = ":.?!-–—*_()[]"
_BULLETS = " \t-•*·▪"
_LABEL_INITIALS = ("e", "E", "d", "D")
_TITLE_JOINERS = (" and", "&", " and/or")  # "JOB DESCRIPTION AND" / "PERSON SPECIFICATION" is a title


@dataclass(slots=True)
class _Event:
    start: int
    kind: Kind
    name: SectionName  # for a category sub-heading: the person_spec it opens when none is open
    heading: str | None
    limit: int | None = None  # an inline label or marker covers no further than this


@lru_cache(maxsize=8192)
def _classify(line: str) -> tuple[Kind, SectionName] | None:
    """What heading a short line is, if any. Cached: headings and metadata labels recur across adverts."""
    words = line.lower().split()
    if not (
        words[0].lstrip(_NUMBERING).rstrip(_TRIM) in _FIRST_WORDS
        or (len(words) > 1 and words[1].rstrip(_TRIM) in _FIRST_WORDS)
        or words[-1].strip(_TRIM) in _LAST_WORDS
    ):
        return None
    norm = " ".join(words)
    match = _HEADING.fullmatch(" ".join(norm.replace("&", " and ").split()) if "&" in norm else norm)
    if match is None:
        return None
    group = match.lastgroup
    if group == "category":
        return "category", "person_spec"
    if group == "essential":
        return "sub", "essential"
    if group == "desirable":
        return "sub", "desirable"
    return "top", group  # type: ignore[return-value]


def _worth_scanning(line: str, size: int) -> bool:
    """Only a line that starts like a label, ends like a marker, or is a flattened document can hold one."""
    return (
        size > _LONG_LINE
        or line.lstrip(_BULLETS)[:1] in _LABEL_INITIALS
        or line.rstrip().endswith((")", "]"))
    )


def _line_events(text: str, start: int, line: str) -> list[_Event]:
    """Inline label, item marker, or (in a flattened document) upper-case headings on one line."""
    label = _INLINE_LABEL.match(line)
    if label is not None:
        blank = _BLANK_LINE.search(text, start)
        name: SectionName = "essential" if label.group("essential") else "desirable"
        limit = blank.start() if blank else len(text)
        return [_Event(start + label.start("label"), "sub", name, label.group("label"), limit)]
    if line.rstrip().endswith((")", "]")):
        marker = _MARKER.search(line)
        if marker is not None:
            lead = len(line) - len(line.lstrip())
            name = "essential" if marker.group("essential") else "desirable"
            end = start + len(line.rstrip())
            return [_Event(start + lead, "marker", name, marker.group(0).strip(), end)]
    events: list[_Event] = []
    if len(line) > _LONG_LINE and any(hint in line for hint in _UPPER_HINTS):
        for upper in _UPPER_INLINE.finditer(line):
            found = _classify(upper.group(0))
            if found is not None and not line[upper.start() - 1 : upper.start()].isalpha():
                events.append(_Event(start + upper.start(), found[0], found[1], upper.group(0)))
    return events


def _events(text: str) -> list[_Event]:
    events: list[_Event] = []
    start = 0
    previous = ""
    for line in text.split("\n"):
        size = len(line)
        if size and not line.isspace():
            heading = _classify(line) if size <= _MAX_HEADING_LINE else None
            if heading is not None:
                kind, name = heading
                if name == "person_spec" and previous.lower().endswith(_TITLE_JOINERS):
                    name = "other"
                lead = size - len(line.lstrip())
                events.append(_Event(start + lead, kind, name, line.strip(" \t\r:–—-*#")))
            elif _worth_scanning(line, size):
                events.extend(_line_events(text, start, line))
            previous = line.rstrip()
        start += size + 1
    return events


@dataclass(slots=True)
class _Open:
    name: SectionName
    start: int
    heading: str | None
    limit: int | None = None


class _Builder:
    """Turns heading events, in text order, into sections nested at most one level deep."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sections: list[Section] = []
        self.top: _Open | None = None
        self.sub: _Open | None = None

    def _emit(self, section: _Open, end: int) -> None:
        end = section.start + len(self.text[section.start : end].rstrip())
        if end > section.start:
            self.sections.append(
                Section(name=section.name, start=section.start, end=end, heading=section.heading)
            )

    def _close_sub(self, at: int) -> None:
        if self.sub is not None:
            self._emit(self.sub, at if self.sub.limit is None else min(at, self.sub.limit))
            self.sub = None

    def _close_all(self, at: int) -> None:
        self._close_sub(at)
        if self.top is not None:
            self._emit(self.top, at)
            self.top = None

    def _enter_person_spec(self, at: int, heading: str | None) -> None:
        if self.top is not None and self.top.name == "person_spec":
            self._close_sub(at)
        else:
            self._close_all(at)
            self.top = _Open("person_spec", at, heading)

    def feed(self, event: _Event) -> None:
        at = event.start
        if self.sub is not None and self.sub.limit is not None and self.sub.limit <= at:
            self._close_sub(at)
        if event.kind == "top":
            self._close_all(at)
            self.top = _Open(event.name, at, event.heading)
        elif event.kind == "category":
            self._enter_person_spec(at, event.heading)
        elif event.kind == "sub":
            self._enter_person_spec(at, None)
            self.sub = _Open(event.name, at, event.heading, event.limit)
        elif self.sub is None and self.top is not None and self.top.name == "person_spec":
            self._emit(_Open(event.name, at, event.heading), event.limit or at)

    def finish(self) -> list[Section]:
        self._close_all(len(self.text))
        # On equal spans the essential/desirable stretch comes first: `Advert.section_at` keeps the first.
        self.sections.sort(key=lambda s: (s.start, -s.end, s.name not in _SUBS))
        return self.sections


def detect_sections(text: str) -> list[Section]:
    """Sections of `text` in order; `text[s.start:s.end]` runs from the heading to the end of its stretch."""
    builder = _Builder(text)
    for event in _events(text):
        builder.feed(event)
    return builder.finish()
