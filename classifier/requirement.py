"""Sentence context for a match: how strongly it is required, and whether it addresses the candidate.

The blank tokenizer has no sentence splitter (and the shared `nlp` must not gain pipes), so sentences
are cut here with one regex pass per advert: full stops, bullets and line breaks (but not a break that
only wraps a line between lower-case words) end a sentence. The
sentence tests are cached because several matches share a sentence and boilerplate recurs across adverts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from classifier.schema import Requirement, SectionName

REQUIREMENT_RANK: dict[Requirement, int] = {
    "unspecified": 0,
    "route": 1,
    "offered": 2,
    "desirable": 3,
    "essential": 4,
}

SECTION_REQUIREMENT: dict[SectionName, Requirement] = {
    "essential": "essential",
    "desirable": "desirable",
    "benefits": "offered",
}

# A line break ends a sentence unless it only wraps one: a lower-case word or comma before it and a
# lower-case word after it ("you must hold a\ncare certificate" is one sentence).
_BOUNDARY = re.compile(r"[.!?](?=\s)|\n(?![ \t]*[a-z])|(?<![a-z, \t])[ \t]*\n|•|\u25cf|\u25aa")

# A qualification named as where the post can lead, not as what it asks for: checked in the clause
# before the mention ("you could go on to a BSc Mental Health Nursing"), so a route named earlier in
# the sentence ("progress to band 3, whilst undertaking the Level 2 apprenticeship") does not count.
_CLAUSE_END = re.compile(r".*(?:[,;:]|\b(?:whilst|while|but|whereas)\b)", re.DOTALL)
_CLAUSE_MARK = re.compile(r"[,;:]|\b(?:whilst|while|but|whereas)\b")
_ROUTE = re.compile(
    r"\b(?:go|going|goes|move|moving) on (?:to|into|onto)\b|\bprogress(?:ion|ing)? (?:on ?)?(?:to|into|onto|towards)\b"
    r"|\bprogression (?:route|routes|pathway|pathways|opportunit(?:y|ies))\b"
    r"|\bcareer (?:pathway|pathways|path|paths|progression|route|routes|ladder|development) (?:to|into|towards)\b"
    r"|\b(?:route|routes|pathway|pathways|stepping stone|springboard|gateway) (?:in)?to\b"
    r"|\b(?:could|can|may|might) (?:later |eventually |then |in time |in future )?(?:go on|progress|move on|step up"
    r"|train as|train to|become|qualify as)\b"
    r"|\bin (?:the )?future\b|\bfuture (?:training|study|studies|career)\b|\beventually\b"
    r"|\bonce qualified\b|\bwith a view to\b|\bleading (?:on )?to (?:registration|registered|a career)\b"
)

# Checked in this order: "not essential" is desirable, and an offer in the same sentence as "must"
# ("you must be willing to complete the funded diploma") is what the employer provides.
_CUES: tuple[tuple[Requirement, re.Pattern[str]], ...] = (
    (
        "desirable",
        re.compile(
            r"\bdesirable\b|\bnot (?:essential|required|necessary)\b|\bideally\b|\bpreferabl[ey]\b"
            r"|\bpreferred\b|\b(?:an?|is an?|be an?) (?:advantage|advantageous|bonus|asset|plus)\b"
            r"|\bwould be (?:beneficial|helpful|useful|welcome)\b|\bdesired\b"
        ),
    ),
    (
        "offered",
        re.compile(
            r"\bwe will (?:support|help|fund|provide|train|enrol|enable)\b|\bwe (?:offer|provide|fund)\b"
            r"|\b(?:(?:support|supports|supporting|help|helps|enable|enables) (?:you|the post ?holder|the successful"
            r" candidate|staff|apprentices|trainees)|(?:be|are|is|being) (?:supported|helped|enabled|funded))"
            r"(?: \w+){0,2} to (?:complete|gain|achieve|undertake|obtain|work towards|train|qualify|study|enrol)\b"
            r"|\btraining (?:will be|is) (?:provided|given|offered|funded)\b|\b(?:fully )?funded\b"
            r"|\b(?:facilitated|provided|delivered|paid for|sponsored) by (?:the|our) "
            r"(?:trust|organisation|employer)\b"
            r"|\bopportunit(?:y|ies) to (?:gain|complete|undertake|achieve|obtain|study|train|work towards)"
            r"|\bwork(?:ing)? towards\b|\bwill (?:undertake|complete|study|attend|gain|achieve|receive)\b"
            r"(?: [\w-]+){0,4} (?:training|course|qualification|programme|apprenticeship|diploma|certificate|degree"
            r"|induction|msc|pgcert|pgdip)\b"
            r"|\bleading to (?:the award|an? |qualification)|\bon the job training\b|\bwill be provided\b"
        ),
    ),
    (
        "essential",
        re.compile(
            r"\bessential\b|\bmust\b|\b(?:is|are) (?:required|mandatory|a requirement|needed)\b"
            r"|\brequired to (?:have|hold|possess|be)\b|\bmandatory\b|\byou will need\b"
            r"|\b(?:need|needs) to (?:have|hold|possess)\b"
            r"|\b(?:post|role|job|position|vacancy) requires?\b"
            r"|\brequires? (?:you|applicants|candidates|the post ?holder)\b"
            r"|\b(?:offer|offers|appointment|appointments|employment) (?:is|are|will be) subject to\b"
        ),
    ),
)

# The employer or its service speaking about itself: "we ...", "our ...", "the ward provides ...".
_EMPLOYER_VOICE = re.compile(
    r"\b(?:we|we're|we've|we are|us|our)\b"
    r"|\b(?:trust|organisation|organization|service|services|team|teams|unit|ward|hospital|charity"
    r"|department|clinic|hub|helpline|centre|center|mhsts?|cmhts?)\b[^.]{0,60}?"
    r"\b(?:provides?|offers?|is|are|has|have|aims?|operates?|delivers?|comprises?|supports?|works?"
    r"|serves?|prides?|values?|includes?)\b"
)
# The candidate or the post addressed: "you", "the post holder", or a job-description duty ("To ...").
_CANDIDATE_VOICE = re.compile(
    r"\b(?:you|your|you'll|you're|yourself|applicants?|candidates?|post ?-?holders?|jobholders?"
    r"|the successful|looking for|seeking|recruit(?:ing)?|someone|the role|this role|this post|the post"
    r"|opportunity|join)\b"
    r"|\b(?:worker|assistant|practitioner|co-?ordinator|navigator|technician|instructor|therapist|apprentice"
    r"|trainee|administrator|nurse|housekeeper)s? (?:will|is|are|must|should|provides?|works?|has|have)\b"
    r"|^[\W\d]*to [a-z]+"
)


MAX_SENTENCE = 1000
"""Text with no boundary for longer than this is cut into pieces of this length: each match reads its
sentence, so unbounded sentences made a text without full stops cost cubic time (issue 11)."""


def _capped(ends: list[int], length: int) -> list[int]:
    """Sentence ends with extra ends inserted so that no sentence is longer than MAX_SENTENCE."""
    capped: list[int] = []
    previous = 0
    for end in [*ends, length]:
        capped.extend(range(previous + MAX_SENTENCE, end, MAX_SENTENCE))
        capped.append(end)
        previous = end
    capped.pop()  # the text's end, added above as the last sentence's end
    return capped


def _last_clause(before: str) -> str:
    """`before` after its last clause end (comma, semicolon, colon, whilst/while/but/whereas): the same
    as `_CLAUSE_END.sub("", before, count=1)`, in linear time (that regex backtracked quadratically)."""
    last = None
    for last in _CLAUSE_MARK.finditer(before):  # noqa: B007 - only the last match is wanted
        pass
    return before[last.end() :] if last is not None else before


class SentenceIndex:
    """Sentence boundaries of one text, found once so each match costs a binary search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends = _capped([m.end() for m in _BOUNDARY.finditer(text)], len(text))

    def before(self, start: int) -> str:
        """The lower-cased words of the sentence before offset `start`, spaced as in `sentence`."""
        i = bisect_right(self._ends, start)
        return " ".join(self.text[self._ends[i - 1] if i > 0 else 0 : start].lower().split())

    def sentence(self, start: int, end: int) -> str:
        """The lower-cased sentence around the character span [start, end), each run of white space
        (a wrapped line's break included) one space, so cue patterns need not expect line breaks."""
        i = bisect_right(self._ends, start)
        begin = self._ends[i - 1] if i > 0 else 0
        j = bisect_right(self._ends, max(end - 1, start))
        stop = self._ends[j] if j < len(self._ends) else len(self.text)
        return " ".join(self.text[begin:stop].lower().split())


@lru_cache(maxsize=8192)
def cue_requirement(sentence: str) -> Requirement:
    """The requirement a sentence states in words, or "unspecified"."""
    for requirement, pattern in _CUES:
        if pattern.search(sentence):
            return requirement
    return "unspecified"


def requirement_for(section: SectionName | None, sentence: str, before: str = "") -> Requirement:
    """Section headings decide first (essential/desirable lists, benefits); then a progression route
    named just before the mention (`before`: the sentence up to it); otherwise the sentence's cues."""
    if section is not None and section in SECTION_REQUIREMENT:
        return SECTION_REQUIREMENT[section]
    if before and _ROUTE.search(_last_clause(before)):
        return "route"
    return cue_requirement(sentence)


@lru_cache(maxsize=8192)
def employer_self_description(sentence: str) -> bool:
    """True when the sentence speaks in the employer's voice without addressing the candidate."""
    return bool(_EMPLOYER_VOICE.search(sentence)) and not addresses_candidate(sentence)


@lru_cache(maxsize=8192)
def addresses_candidate(sentence: str) -> bool:
    """True when the sentence speaks to or about the post holder ("you", "the post holder", "To ...")."""
    return bool(_CANDIDATE_VOICE.search(sentence.strip()))
