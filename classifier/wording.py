"""Wording checks for recruiters: lint-style `WordingIssue`s plus gender coding and readability.

Lexicons live in `data/lexicons/` (stigma.yaml, gender_coded.yaml, acronyms.yaml, wording_rules.yaml)
and are compiled once per `WordingChecker`; the shared `nlp` only lends its tokenizer and vocab (no
pipes are added). Per advert the work is one PhraseMatcher pass for stigma wording, one for the gender
stop-list, a few anchored regular expressions and the readability pass (about 0.3 ms in all).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan
from spacy.util import filter_spans

from classifier.data_files import load_yaml
from classifier.gender_coding import GenderCoder
from classifier.paths import LEXICON_DIR
from classifier.readability import LONG_SENTENCE_WORDS, Sentence, sentences, summarise
from classifier.requirement import SentenceIndex, employer_self_description, requirement_for
from classifier.schema import (
    BAND_VALUES,
    Advert,
    Band,
    GenderCoding,
    Qualification,
    Readability,
    Severity,
    Span,
    Wording,
    WordingIssue,
)

MAX_ACRONYM_ISSUES = 10
MAX_LONG_SENTENCE_ISSUES = 3
_SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "advisory": 2, "info": 3}
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBERS = {word: value for value, word in enumerate(_NUMBER_WORDS, start=1)}
_ALLOW = "allow:"
_BAND_2, _BAND_3, _BAND_4 = (BAND_VALUES.index(b) for b in ("2", "3", "4"))


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = load_yaml(handle)
    return data


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _apostrophe_forms(phrases: list[str]) -> list[str]:
    """Phrases plus their curly-apostrophe spellings (the tokenizer keeps the two apart)."""
    return phrases + [p.replace("'", "’") for p in phrases if "'" in p]


class AdvertText:
    """The advert text plus what some checks need, built only when first asked for."""

    def __init__(self, advert: Advert) -> None:
        self.advert = advert
        self.text = advert.text

    @cached_property
    def lowered(self) -> str:
        """Lower-cased text with the same offsets (characters whose lower case is longer stay as they are)."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)

    @cached_property
    def index(self) -> SentenceIndex:
        return SentenceIndex(self.text)

    def sentence(self, start: int, end: int) -> str:
        """The lower-cased sentence around [start, end)."""
        return self.index.sentence(start, end)

    def requirement_is(self, start: int, end: int, *requirements: str) -> bool:
        """Whether the section or sentence at [start, end) states one of `requirements`."""
        return requirement_for(self.advert.section_at(start), self.sentence(start, end)) in requirements


class WordingChecker:
    """Checks an advert's wording: stigma, suicide language, gender coding, over-qualification,
    exclusionary demands, pay transparency, acronyms and readability."""

    def __init__(self, nlp: Language, lexicon_dir: Path | None = None) -> None:
        directory = lexicon_dir or LEXICON_DIR
        self._stigma = StigmaChecker(nlp, directory / "stigma.yaml")
        self._gender = GenderCoder(nlp, directory / "gender_coded.yaml")
        self._rules = RecruiterRules(_load(directory / "wording_rules.yaml"))
        self._acronyms = AcronymChecker(_load(directory / "acronyms.yaml"))

    def check(
        self,
        advert: Advert,
        doc: Doc,
        *,
        category: str,
        role_id: str,
        band: Band,
        qualifications: list[Qualification],
    ) -> Wording:
        """All wording issues (errors first, then by position), the gender balance and readability."""
        text = AdvertText(advert)
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(advert.text):
            raise ValueError("doc must be the tokenized advert.text: spans are offsets into it")
        issues = self._stigma.issues(doc, text)
        coding = self._gender.summary(self._gender.hits(doc))
        if self._gender.dense_masculine(coding):
            issues.append(_masculine_issue(coding))
        issues += qualification_issues(category, role_id, band, qualifications)
        issues += self._rules.issues(text, band, qualifications)
        issues += self._acronyms.issues(advert)
        found = sentences(advert.text)
        readability = summarise(found)
        issues += readability_issues(advert.text, found, readability)
        issues.sort(key=lambda i: (_SEVERITY_ORDER[i.severity], i.span.start if i.span else -1))
        return Wording(issues=issues, gender_coding=coding, readability=readability)


@dataclass(frozen=True)
class PhraseRule:
    """One stigma.yaml rule: what to say about its phrases and what makes a hit fine."""

    id: str
    code: str
    severity: Severity
    message: str
    suggestion: str
    not_before: frozenset[str]
    unless_sentence: re.Pattern[str] | None


class StigmaChecker:
    """Stigmatising and suicide wording from `stigma.yaml`, matched on whole tokens."""

    def __init__(self, nlp: Language, path: Path) -> None:
        self._rules: dict[str, PhraseRule] = {}
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule_id, item in _load(path)["rules"].items():
            unless = item.get("unless_sentence")
            self._rules[rule_id] = PhraseRule(
                id=rule_id,
                code=item["code"],
                severity=item["severity"],
                message=item["message"],
                suggestion=item["suggestion"],
                not_before=frozenset(item.get("not_before", [])),
                unless_sentence=re.compile(unless, re.IGNORECASE) if unless else None,
            )
            self._matcher.add(rule_id, [nlp.make_doc(p) for p in _apostrophe_forms(item["phrases"])])
            if item.get("allow"):
                self._matcher.add(
                    _ALLOW + rule_id, [nlp.make_doc(p) for p in _apostrophe_forms(item["allow"])]
                )

    def issues(self, doc: Doc, text: AdvertText) -> list[WordingIssue]:
        """One issue per stigmatising phrase (the longest wins where phrases overlap)."""
        strings = doc.vocab.strings
        hits: list[TokenSpan] = []
        allowed: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self._matcher(doc):
            key = strings[match_id]
            if key.startswith(_ALLOW):
                allowed.setdefault(key[len(_ALLOW) :], []).append((start, end))
            else:
                hits.append(TokenSpan(doc, start, end, label=key))
        found: list[WordingIssue] = []
        for hit in filter_spans(hits):
            rule = self._rules[hit.label_]
            if any(s <= hit.start and hit.end <= e for s, e in allowed.get(rule.id, ())):
                continue
            if hit.end < len(doc) and doc[hit.end].lower_ in rule.not_before:
                continue
            if rule.unless_sentence and rule.unless_sentence.search(
                text.sentence(hit.start_char, hit.end_char)
            ):
                continue
            found.append(
                WordingIssue(
                    code=rule.code,
                    severity=rule.severity,
                    message=rule.message.replace("{text}", hit.text),
                    span=_span(text.text, hit.start_char, hit.end_char),
                    suggestion=rule.suggestion,
                )
            )
        return found


def _masculine_issue(coding: GenderCoding) -> WordingIssue:
    words = ", ".join(dict.fromkeys(coding.masculine))
    return WordingIssue(
        code="gender_coded_masculine",
        severity="warning",
        message=(
            f"Masculine-coded words outnumber feminine-coded ones ({len(coding.masculine)} to "
            f"{len(coding.feminine)}): {words}. Heavily masculine wording makes women see a job as "
            "male-dominated and less appealing."
        ),
        suggestion="Describe the task instead (e.g. 'calm under pressure' rather than 'fearless'; 'lead' "
        "only where the post holder leads people).",
    )


def _band_rank(band: Band) -> int | None:
    """Index in BAND_VALUES of the best-known band: stated, else from salary, else predicted."""
    value = band.stated or band.from_salary or band.value
    return BAND_VALUES.index(value) if value in BAND_VALUES else None


def qualification_issues(
    category: str, role_id: str, band: Band, qualifications: list[Qualification]
) -> list[WordingIssue]:
    """Essential qualifications beyond what the role needs (domain.md 6.4)."""
    rank = _band_rank(band)
    issues: list[WordingIssue] = []
    for qual in qualifications:
        if qual.requirement != "essential":
            continue
        if qual.id == "professional_registration" and category == "defined_boundary":
            issues.append(
                WordingIssue(
                    code="registration_for_unregistered_role",
                    severity="error",
                    message="Professional registration is essential, but this is an unregistered support "
                    "role: the advert may be mis-coded or the role mis-described.",
                    span=qual.span,
                    suggestion="Remove the registration requirement, or advertise the post as a "
                    "registered role.",
                )
            )
        elif (
            qual.id.startswith("degree_")
            and category == "defined_boundary"
            and (rank is None or rank <= _BAND_4)
        ):
            issues.append(
                WordingIssue(
                    code="over_qualified_degree",
                    severity="warning",
                    message=f"A degree ({qual.label}) is essential for a support role that needs academic "
                    "entry at level 3 at most.",
                    span=qual.span,
                    suggestion="Make the degree desirable, or ask for the knowledge it stands for "
                    "(e.g. 'an understanding of mental health problems').",
                )
            )
        elif (
            qual.level is not None
            and qual.level >= 4
            and rank in (_BAND_2, _BAND_3)
            and category != "trainee"
        ):
            issues.append(
                WordingIssue(
                    code="over_qualified_level",
                    severity="warning",
                    message=f"{qual.label} (RQF level {qual.level}) is essential for a band "
                    f"{BAND_VALUES[rank]} post.",
                    span=qual.span,
                    suggestion="Bands 2-3 need level 3 at most: make it desirable or offer it as training.",
                )
            )
        elif qual.level == 3 and rank == _BAND_2 and role_id == "healthcare_support_worker":
            issues.append(
                WordingIssue(
                    code="over_qualified_level",
                    severity="advisory",
                    message=f"{qual.label} (level 3) is essential for a band 2 healthcare support worker, "
                    "whose work is personal care.",
                    span=qual.span,
                    suggestion="Ask for the Care Certificate or a level 2 qualification, or offer the "
                    "level 3 diploma as training.",
                )
            )
    return issues


@dataclass(frozen=True)
class AnchoredRule:
    """A literal-led `anchor` regex with optional `before` / `after` context (see wording_rules.yaml)."""

    anchor: re.Pattern[str]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    case_sensitive: bool

    @classmethod
    def load(cls, raw: dict[str, Any]) -> AnchoredRule:
        return cls(
            anchor=re.compile(raw["anchor"]),
            before=re.compile(raw["before"]) if raw.get("before") else None,
            after=re.compile(raw["after"]) if raw.get("after") else None,
            case_sensitive=bool(raw.get("case_sensitive", False)),
        )

    def finditer(self, text: AdvertText) -> Iterator[tuple[int, int, str | None]]:
        """(start, end, years group or None) of each match, in text order."""
        source = text.text if self.case_sensitive else text.lowered
        for match in self.anchor.finditer(source):
            start, end = match.start(), match.end()
            if start and source[start - 1].isalnum():
                continue
            number = match.groupdict().get("n")
            if self.before is not None:
                context = self.before.search(source, max(0, start - 80), start)
                if context is None:
                    continue
                start, number = context.start(), number or context.groupdict().get("n")
            if self.after is not None:
                tail = self.after.match(source, end, end + 100)
                if tail is None:
                    continue
                end = tail.end()
            yield start, end, number


def _first(rules: list[AnchoredRule], text: AdvertText) -> Iterator[tuple[int, int, str | None]]:
    """Matches of several rules in text order, skipping ones that overlap an earlier match."""
    covered = -1
    matches = sorted((m for rule in rules for m in rule.finditer(text)), key=lambda m: (m[0], m[1]))
    for start, end, number in matches:
        if start >= covered:
            covered = end
            yield start, end, number


class RecruiterRules:
    """Experience in years, flexibility demands, driving licences and pay wording (wording_rules.yaml)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        years = raw["years_experience"]
        self._years = [AnchoredRule.load(r) for r in years["rules"]]
        self._max_years = int(years["max_years"])
        flexibility = raw["flexibility"]
        self._flex_demands = [AnchoredRule.load(r) for r in flexibility["demands"]]
        self._flex_offers = re.compile(flexibility["offers"])
        self._flex_pattern = re.compile("|".join(flexibility["stated_pattern"]))
        self._flex_suggestion = flexibility["suggestion"]
        driving = raw["driving_licence"]
        self._driving = [AnchoredRule.load(r) for r in driving["mentions"]]
        self._driving_alternative = re.compile("|".join(driving["alternatives"]))
        self._driving_suggestion = " ".join(driving["suggestion"].split())
        pay = raw["pay"]
        self._vague_pay = [AnchoredRule.load(r) for r in pay["vague"]]
        self._nhs_post = tuple(pay["nhs_post"])

    def issues(self, text: AdvertText, band: Band, qualifications: list[Qualification]) -> list[WordingIssue]:
        return (
            self._years_issues(text)
            + self._flexibility_issues(text)
            + self._driving_issues(text, qualifications)
            + self._pay_issues(text, band)
        )

    def _years_issues(self, text: AdvertText) -> list[WordingIssue]:
        issues: list[WordingIssue] = []
        for start, end, number in _first(self._years, text):
            years = _NUMBERS.get(number or "") or int(number or 0)
            if not 0 < years <= self._max_years or text.requirement_is(start, end, "desirable", "offered"):
                continue
            if employer_self_description(text.sentence(start, end)):
                continue
            issues.append(
                WordingIssue(
                    code="years_experience",
                    severity="advisory",
                    message=f"'{text.text[start:end]}' asks for a length of experience rather than what it "
                    "gives.",
                    span=_span(text.text, start, end),
                    suggestion="Name the skills or experience needed; a number of years can exclude younger "
                    "applicants and people whose experience is outside the NHS.",
                )
            )
        return issues

    def _flexibility_issues(self, text: AdvertText) -> list[WordingIssue]:
        for start, end, _ in _first(self._flex_demands, text):
            if self._flex_offers.search(text.lowered, start, end) or employer_self_description(
                text.sentence(start, end)
            ):
                continue
            if self._flex_pattern.search(text.lowered):
                return []
            return [
                WordingIssue(
                    code="flexibility_demand",
                    severity="advisory",
                    message=f"'{text.text[start:end]}' demands flexibility without saying what the working "
                    "pattern is.",
                    span=_span(text.text, start, end),
                    suggestion=self._flex_suggestion,
                )
            ]
        return []

    def _driving_issues(self, text: AdvertText, qualifications: list[Qualification]) -> list[WordingIssue]:
        licences = [q for q in qualifications if q.id == "driving_licence"]
        candidates = [(q.span.start, q.span.end, q.requirement == "essential") for q in licences]
        for start, end, _ in _first(self._driving, text):
            if not any(q.span.start < end and start < q.span.end for q in licences):
                candidates.append((start, end, text.requirement_is(start, end, "essential")))
        for start, end, essential in sorted(candidates):
            if essential and not self._driving_alternative.search(text.sentence(start, end)):
                return [
                    WordingIssue(
                        code="driving_licence_essential",
                        severity="advisory",
                        message=f"'{text.text[start:end]}' is essential: it excludes people who cannot "
                        "drive, including some disabled people.",
                        span=_span(text.text, start, end),
                        suggestion=self._driving_suggestion,
                    )
                ]
        return []

    def _pay_issues(self, text: AdvertText, band: Band) -> list[WordingIssue]:
        issues: list[WordingIssue] = []
        if band.salary is None and band.stated is None:
            issues.append(
                WordingIssue(
                    code="missing_pay",
                    severity="warning",
                    message="The advert states neither a salary nor a band.",
                    suggestion="State the band and the salary range, e.g. 'Band 3, £24,937 to £26,598 "
                    "a year'.",
                )
            )
        if band.salary is None:
            for start, end, _ in _first(self._vague_pay, text):
                issues.append(
                    WordingIssue(
                        code="vague_pay",
                        severity="advisory",
                        message=f"'{text.text[start:end]}' gives no figure.",
                        span=_span(text.text, start, end),
                        suggestion="Give the salary or hourly rate as figures (and the band for an NHS "
                        "post).",
                    )
                )
                break
        elif band.stated is None and (band.afc if band.afc is not None else self._is_nhs_post(text)):
            issues.append(
                WordingIssue(
                    code="missing_band",
                    severity="advisory",
                    message="An NHS post with a salary but no Agenda for Change band.",
                    span=band.salary.span,
                    suggestion="State the band as well (e.g. 'Band 3'): NHS applicants search and "
                    "compare by band.",
                )
            )
        return issues

    def _is_nhs_post(self, text: AdvertText) -> bool:
        return any((t in text.text) if t != t.lower() else (t in text.lowered) for t in self._nhs_post)


_CAPITALS = re.compile(r"[A-Z][A-Z]+s?")
_LINE_WORD = re.compile(r"[A-Za-z]{2,}")
_CHUNK_NOISE = re.compile(r"\d|@|://|www\.|\.(?:uk|com|org|net)\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"\b([A-Za-z]{2,})[ \t&/:,\-–]+$")
_WORD_AFTER = re.compile(r"[ \t&/:,\-–]+([A-Za-z]{2,})\b")
_EXPLAINED_AFTER = re.compile(r"\s*\((?:[^)]*[a-z]){3}[^)]*\)")
_NOT_BEFORE = frozenset("@&.-/_")
_NOT_AFTER = frozenset("@&-_")
_EXPANSION_REACH = 300


class AcronymChecker:
    """Acronyms not spelled out on first use (domain.md 6.6), at most `MAX_ACRONYM_ISSUES` per advert."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._skip = frozenset(raw["accepted"]) | frozenset(raw["not_acronyms"])
        self._glossary: dict[str, list[str]] = {
            key: [part.strip() for part in value.split(" / ")] for key, value in raw["glossary"].items()
        }
        self._mixed = [key for key in self._glossary if not key.isupper()]
        self._skip_contexts = [re.compile(p) for p in raw.get("skip_contexts", [])]

    def issues(self, advert: Advert) -> list[WordingIssue]:
        text = advert.text
        in_title = {_base(t) for t in self._candidates(advert.title or "")}
        seen: set[str] = set()
        lowered: str | None = None
        issues: list[WordingIssue] = []
        for start, end in self._positions(text):
            acronym = _base(text[start:end])
            if acronym in seen or acronym in self._skip or acronym in in_title or len(acronym) > 6:
                continue
            if (start and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE)) or (
                end < len(text) and (text[end].isalnum() or text[end] in _NOT_AFTER)
            ):
                continue
            if _CHUNK_NOISE.search(_chunk(text, start, end)):
                continue
            if acronym not in self._glossary and (
                _in_capitals_heading(text, start) or _next_to_capitals(text, start, end)
            ):
                continue
            if self._in_skip_context(text, start, end):
                continue
            seen.add(acronym)
            lowered = lowered if lowered is not None else text.lower()
            if _bracketed(text, start, end) or self._expanded_near(acronym, lowered, start):
                continue
            issues.append(self._issue(text, acronym, start))
            if len(issues) == MAX_ACRONYM_ISSUES:
                break
        return issues

    def _in_skip_context(self, text: str, start: int, end: int) -> bool:
        """Whether [start, end) is part of a code such as "NHS AfC: Band 3" or "0.6 WTE"."""
        for pattern in self._skip_contexts:
            for match in pattern.finditer(text, max(0, start - 16), min(len(text), end + 16)):
                if match.start() < end and start < match.end():
                    return True
        return False

    def _candidates(self, text: str) -> list[str]:
        """The acronym-like tokens of `text` (used for the title, whose acronyms are the job's name)."""
        return [text[s:e] for s, e in self._positions(text)]

    def _positions(self, text: str) -> list[tuple[int, int]]:
        """Capital runs plus mixed-case glossary keys ("AfC", "DoLS"), in text order."""
        found = [m.span() for m in _CAPITALS.finditer(text)]
        mixed = [(s, s + len(key)) for key in self._mixed if key in text for s in _find_all(text, key)]
        return sorted(found + mixed) if mixed else found

    def _expanded_near(self, acronym: str, lowered: str, start: int) -> bool:
        """Whether the glossary expansion appears before the acronym or shortly after it."""
        for expansion in self._glossary.get(acronym, ()):
            position = lowered.find(expansion.lower())
            if 0 <= position < start + _EXPANSION_REACH:
                return True
        return False

    def _issue(self, text: str, acronym: str, start: int) -> WordingIssue:
        expansions = self._glossary.get(acronym)
        if expansions:
            suggestion = "Spell out on first use: " + " or ".join(f"{e} ({acronym})" for e in expansions)
        else:
            suggestion = f"Spell out on first use, e.g. 'full name ({acronym})'."
        return WordingIssue(
            code="unexplained_acronym",
            severity="advisory",
            message=f"'{acronym}' is not spelled out on first use; jargon deters applicants from outside "
            "the NHS.",
            span=_span(text, start, start + len(acronym)),
            suggestion=suggestion,
        )


def _find_all(text: str, key: str) -> Iterator[int]:
    start = text.find(key)
    while start >= 0:
        yield start
        start = text.find(key, start + 1)


def _base(token: str) -> str:
    """The acronym without a plural "s" ("HCAs" -> "HCA")."""
    return token[:-1] if len(token) > 2 and token.endswith("s") and token[:-1].isupper() else token


def _chunk(text: str, start: int, end: int) -> str:
    """The whitespace-delimited chunk around [start, end) (to spot postcodes, references, e-mails)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _in_capitals_heading(text: str, offset: int) -> bool:
    """Whether the line holding `offset` is written in capitals with at least two words (a heading).

    Lines are found by bisecting the text's cached line breaks and judged once per line: reading the whole
    line at every acronym made a long line of capitals quadratic (issue 11)."""
    breaks = _line_breaks(text)
    i = bisect_left(breaks, offset)
    return _capitals_line(text, breaks[i - 1] + 1 if i else 0, breaks[i] if i < len(breaks) else len(text))


@lru_cache(maxsize=16)
def _line_breaks(text: str) -> list[int]:
    return [m.start() for m in _NEWLINE.finditer(text)]


@lru_cache(maxsize=4096)
def _capitals_line(text: str, line_start: int, line_end: int) -> bool:
    words = _LINE_WORD.findall(text, line_start, line_end)
    return len(words) >= 2 and all(w.isupper() for w in words)


_NEWLINE = re.compile("\n")


def _next_to_capitals(text: str, start: int, end: int) -> bool:
    """Whether the word before or after is also in capitals ("PLEASE READ", "UK VISA"): shouting."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    after = _WORD_AFTER.match(text, end, end + 30)
    return any(m is not None and m.group(1).isupper() for m in (before, after))


def _bracketed(text: str, start: int, end: int) -> bool:
    """'Full name (ABC)' or 'ABC (full name)': explained where it stands."""
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return _LINE_WORD.search(text, max(0, start - 60), start) is not None
    return _EXPLAINED_AFTER.match(text, end, end + 120) is not None


def readability_issues(text: str, found: list[Sentence], readability: Readability) -> list[WordingIssue]:
    """A warning when the reading age is too high, and the first few sentences over the length limit."""
    issues: list[WordingIssue] = []
    if readability.verdict == "hard":
        issues.append(
            WordingIssue(
                code="hard_to_read",
                severity="warning",
                message=f"Reading age about {readability.reading_age:.0f} (Flesch-Kincaid grade "
                f"{readability.flesch_kincaid_grade}); NHS guidance aims for a reading age of 9 to 11.",
                suggestion="Use shorter sentences and everyday words; explain or drop NHS jargon.",
            )
        )
    long_ones = [s for s in found if s.words > LONG_SENTENCE_WORDS]
    for sentence in long_ones[:MAX_LONG_SENTENCE_ISSUES]:
        more = f" ({len(long_ones)} sentences in all are over the limit)" if len(long_ones) > 1 else ""
        issues.append(
            WordingIssue(
                code="long_sentences",
                severity="advisory",
                message=f"This sentence has {sentence.words} words; aim for {LONG_SENTENCE_WORDS} or "
                f"fewer{more}.",
                span=_span(text, sentence.start, sentence.end),
                suggestion="Split it into shorter sentences or a bulleted list.",
            )
        )
    return issues
