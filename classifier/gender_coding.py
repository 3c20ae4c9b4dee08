"""Gender-coded wording (Gaucher, Friesen & Kay 2011) with an NHS stop-list, from `gender_coded.yaml`.

Plain stem matching calls nearly every NHS advert feminine-coded: "Trust" (the employer), "Support
Worker" (the job title), "responsibilities", "individuals we support" and "child and adolescent"
services all hit a stem without being wording choices. The stop-list in the YAML removes those uses,
and a capitalised coded word inside a Title Case name ("Lead Nurse", "the Trust", "Armed Forces
Covenant") or an all-capitals heading is read as a name, not wording.

Speed: words are classified once per distinct lower-case form (cached by spaCy hash), so a doc costs
one pass over its token hashes and one PhraseMatcher call. Hyphenated stems and context rules are
checked in Python on the few candidate tokens: spaCy Matcher predicates (REGEX, IN) would build a
Token object for every token of every doc, which is ten times slower.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from classifier.data_files import load_yaml
from classifier.schema import GenderCoding

Gender = Literal["masculine", "feminine"]
Verdict = Literal["masculine-coded", "feminine-coded", "neutral", "empty"]

_INFLECTIONS = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""))
_SENTENCE_OPENERS = frozenset(".!?:;•●▪◦■-–—*(\"“'‘>|")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class GenderHit:
    """One coded word in the text (character offsets into the doc's text)."""

    word: str
    gender: Gender
    start: int
    end: int


@dataclass(frozen=True)
class Compound:
    """A hyphenated stem ("self-relian*") split at its first hyphen: matched from its first word."""

    rest: str
    prefix: bool
    gender: Gender


@dataclass(frozen=True)
class Context:
    """A coded word that is not wording after certain words ("the trust is", "a mental health trust")."""

    after: frozenset[str]
    unless_before: frozenset[str]


@dataclass(frozen=True)
class Stems:
    """Exact words and prefix stems of both sides, plus the stop-list words."""

    exact: dict[str, Gender]
    prefixes: dict[str, Gender]
    stop_exact: frozenset[str]
    stop_prefixes: tuple[str, ...]

    def classify(self, word: str) -> Gender | None:
        """The gender a lower-case word is coded as, or None."""
        if word in self.stop_exact or word.startswith(self.stop_prefixes):
            return None
        if word in self.exact:
            return self.exact[word]
        for suffix, replacement in _INFLECTIONS:
            if word.endswith(suffix) and (base := word[: -len(suffix)] + replacement) in self.exact:
                return self.exact[base]
        for size in range(len(word), 2, -1):
            if (gender := self.prefixes.get(word[:size])) is not None:
                return gender
        return None


class GenderCoder:
    """Finds gender-coded words in a doc and summarises the balance."""

    def __init__(self, nlp: Language, path: Path) -> None:
        with path.open(encoding="utf-8") as handle:
            raw: dict[str, Any] = load_yaml(handle)
        sides: list[tuple[Gender, list[str]]] = [
            ("masculine", raw["masculine"] + raw.get("masculine_additions", [])),
            ("feminine", raw["feminine"]),
        ]
        exact: dict[str, Gender] = {}
        prefixes: dict[str, Gender] = {}
        self._compounds: dict[str, list[Compound]] = {}
        for gender, stems in sides:
            for stem in stems:
                word, prefix = stem.rstrip("*").lower(), stem.endswith("*")
                if "-" in word:
                    head, rest = word.split("-", 1)
                    self._compounds.setdefault(head, []).append(Compound(rest, prefix, gender))
                    word = word.replace("-", "")
                (prefixes if prefix else exact)[word] = gender
        self._heads = frozenset(nlp.vocab.strings.add(head) for head in self._compounds)
        stop = raw["stoplist"]
        stop_words = [w.lower() for w in stop.get("words", [])]
        self._stems = Stems(
            exact=exact,
            prefixes=prefixes,
            stop_exact=frozenset(w for w in stop_words if not w.endswith("*")),
            stop_prefixes=tuple(w.rstrip("*") for w in stop_words if w.endswith("*")),
        )
        phrases = stop.get("phrases", [])
        phrases += [p.replace("'", "’") for p in phrases if "'" in p]
        self._stop_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._stop_phrases.add("stop", [nlp.make_doc(p) for p in phrases])
        self._contexts = {
            rule["word"]: Context(frozenset(rule["after"]), frozenset(rule.get("unless_before", [])))
            for rule in stop.get("contexts", [])
        }
        thresholds = raw["thresholds"]
        self.warn_min_masculine = int(thresholds["warn_min_masculine"])
        self.margin = int(thresholds["margin"])
        self._cache: dict[int, Gender | None] = {}
        self._coded: set[int] = set()

    def hits(self, doc: Doc) -> list[GenderHit]:
        """Coded words in text order, after the stop-list and the name rule."""
        masked: set[int] = set()
        for _key, start, end in self._stop_phrases(doc):
            masked.update(range(start, end))
        found: list[GenderHit] = []
        lowers = doc.to_array(LOWER).tolist()
        wanted = self._candidates(doc, set(lowers))
        for i in [i for i, lower in enumerate(lowers) if lower in wanted]:
            if i in masked:
                continue
            token = doc[i]
            compound = self._compound_at(doc, token) if lowers[i] in self._heads else None
            if compound is not None:
                end, side = compound
                masked.update(range(i, end))
                span = doc[i:end]
                found.append(GenderHit(span.text.lower(), side, span.start_char, span.end_char))
                continue
            gender = self._cache.get(lowers[i])
            if gender is not None and not _is_name(token) and not self._in_context(token):
                found.append(GenderHit(token.lower_, gender, token.idx, token.idx + len(token)))
        return found

    def _candidates(self, doc: Doc, distinct: set[int]) -> set[int]:
        """Hashes among `distinct` that are coded words or compound heads (classifying new ones once)."""
        cache = self._cache
        missing = [lower for lower in distinct if lower not in cache]
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
            self._coded.clear()
            missing = list(distinct)
        strings = doc.vocab.strings
        for lower in missing:
            gender = cache[lower] = self._stems.classify(strings[lower])
            if gender is not None:
                self._coded.add(lower)
        return distinct & self._coded | distinct & self._heads

    def _compound_at(self, doc: Doc, token: Token) -> tuple[int, Gender] | None:
        """(end token index, gender) of a hyphenated stem starting at `token` ("self-reliant")."""
        options = self._compounds.get(token.lower_)
        if not options:
            return None
        i = token.i + 1
        if i < len(doc) and doc[i].text == "-":
            i += 1
        if i >= len(doc):
            return None
        word = doc[i].lower_
        for option in options:
            if word == option.rest or (option.prefix and word.startswith(option.rest)):
                return i + 1, option.gender
        return None

    def _in_context(self, token: Token) -> bool:
        """Whether a context rule says this use of the word is not wording ("the trust is")."""
        rule = self._contexts.get(token.lower_)
        if rule is None or token.i == 0 or token.doc[token.i - 1].lower_ not in rule.after:
            return False
        following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
        return following not in rule.unless_before

    def summary(self, hits: list[GenderHit]) -> GenderCoding:
        """Coded words per side (one entry per occurrence, in text order) and the verdict."""
        masculine = [h.word for h in hits if h.gender == "masculine"]
        feminine = [h.word for h in hits if h.gender == "feminine"]
        verdict: Verdict
        if not masculine and not feminine:
            verdict = "empty"
        elif len(masculine) - len(feminine) >= self.margin:
            verdict = "masculine-coded"
        elif len(feminine) - len(masculine) >= self.margin:
            verdict = "feminine-coded"
        else:
            verdict = "neutral"
        return GenderCoding(masculine=masculine, feminine=feminine, verdict=verdict)

    def dense_masculine(self, coding: GenderCoding) -> bool:
        """Whether masculine-coded words are dense enough to warn about."""
        masculine, feminine = len(coding.masculine), len(coding.feminine)
        return masculine >= self.warn_min_masculine and masculine - feminine >= self.margin


def _is_name(token: Token) -> bool:
    """A capitalised word inside a Title Case name, or in an all-capitals heading."""
    text = token.text
    if not text[:1].isupper():
        return False
    if len(text) > 1 and text.isupper():
        return True
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i >= 0 and "\n" not in doc[i].text and doc[i].text[-1] not in _SENTENCE_OPENERS:
        return True
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and following.text[:1].isupper() and following.text != "I"
