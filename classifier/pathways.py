"""Career-pathway detection (domain.md section 5.3).

Finds wording that shows the post holder a route of progression (a named programme, funded training,
stated progression, a trainee post) and flags defined-boundary adverts that show none, because HEE
singled those roles out for lacking clear pathways. Patterns live in `data/lexicons/pathway_signals.yaml`.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib regex parser, used to find each pattern's literal keys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from classifier.data_files import load_yaml
from classifier.paths import LEXICON_DIR
from classifier.schema import Advert, CareerPathway, PathwaySignal, Span
from classifier.taxonomy import RoleEntry

Strength = Literal["strong", "moderate", "weak"]
STRENGTHS: tuple[Strength, ...] = ("weak", "moderate", "strong")

# Separators inside one line and sentence, so a gap never joins two bullet points or sentences.
_SEP = r"[^\w\n.!?;]+"
_GAP = re.compile(r" ~(\d+) ")
_BAND_TO = r"[^\w\n.!?;]*(?:/|-|–|\bto\b|\bor\b)[^\w\n.!?;]*(?:band[^\w\n.!?;]*)?"
# Where a two-band salary signal points: a stated band range, else a salary range.
_SALARY_ANCHOR = re.compile(
    r"\bbands?\s*\d\w?\s*(?:/|-|–|to|or|and)\s*(?:band\s*)?\d\w?\b|£\s?\d[\d,.]*\s*(?:-|–|to)\s*£?\s?\d[\d,.]*",
    re.IGNORECASE,
)
_LOOKBACK = 80
_BOUNDARIES = ".!?;\n"
_REMEDY = "Name the next role and band, the programme, whether it is funded and how long it takes."
# Literal sets kept per pattern and the shortest key worth indexing. A match reaches at most _WINDOW
# characters before a key's start and after its end (patterns span a few words of one sentence; keys are
# single words), so scanning [start - _WINDOW, start + 2 * _WINDOW] around each key finds every match.
_MAX_KEY_SETS = 3
_MIN_KEY = 3
_WINDOW = 120


@dataclass(frozen=True)
class Pattern:
    """A lexicon pattern compiled for lower-cased text, with the literals its matches must contain.

    Every match contains at least one key of each set in `required`; an advert lacking one is skipped,
    and otherwise only windows around the rarest set's keys are scanned. This keeps ~100 patterns well
    under 1 ms per advert.
    """

    regex: re.Pattern[str]
    required: tuple[frozenset[str], ...]

    def spans(self, lowered: str, found: dict[str, list[int]]) -> set[tuple[int, int]]:
        """Match spans in `lowered`, given where each indexed key was `found`."""
        if not self.required:
            return {m.span() for m in self.regex.finditer(lowered)}
        anchors: list[int] | None = None
        for keys in self.required:
            starts = [at for key in keys for at in found.get(key, ())]
            if not starts:
                return set()
            if anchors is None or len(starts) < len(anchors):
                anchors = starts
        spans: set[tuple[int, int]] = set()
        for lo, hi in _windows(sorted(anchors or ()), len(lowered)):
            spans.update(m.span() for m in self.regex.finditer(lowered, lo, hi))
        return spans


def _windows(starts: list[int], length: int) -> list[tuple[int, int]]:
    """Merged stretches around each (sorted) key start that hold every match containing that key."""
    merged: list[tuple[int, int]] = []
    for at in starts:
        lo, hi = max(0, at - _WINDOW), min(length, at + 2 * _WINDOW)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def compile_pattern(source: str) -> Pattern:
    """Compile the lexicon's pattern syntax: ' ~N ' is a gap of up to N words, a space a separator."""
    if any(c.isupper() for c in re.sub(r"\\.", "", source)):
        raise ValueError(f"pathway patterns match lower-cased text; write them in lower case: {source!r}")
    body = _GAP.sub(lambda m: f"{_SEP}(?:\\w+{_SEP}){{0,{m.group(1)}}}?", source)
    body = body.replace("{to}", _BAND_TO).replace(" ", f"(?:{_SEP})")
    regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    indexable = [keys for keys in _required_literals(sre_parse.parse(regex.pattern)) if _indexable(keys)]
    required = sorted(set(indexable), key=_selectivity, reverse=True)[:_MAX_KEY_SETS]
    return Pattern(regex=regex, required=tuple(required))


def _indexable(keys: frozenset[str]) -> bool:
    return all(len(key) >= _MIN_KEY and re.fullmatch(r"\w+", key) for key in keys)


def _selectivity(keys: frozenset[str]) -> tuple[int, int]:
    """Longer and fewer keys are rarer in text, so they reject non-matching adverts sooner."""
    return min(map(len, keys)), -len(keys)


def _required_literals(items: Any) -> list[frozenset[str]]:
    """Sets of literals of which every match of a parsed regex sequence contains at least one member each."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre_parse.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        if op is sre_parse.SUBPATTERN:
            found += _required_literals(av[-1])
        elif op is sre_parse.BRANCH:
            branches = [_required_literals(branch) for branch in av[1]]
            if all(branches):
                found.append(frozenset().union(*(max(b, key=_selectivity) for b in branches)))
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] >= 1:
            found += _required_literals(av[2])
    if run:
        found.append(frozenset({"".join(run)}))
    return found


def _key_index(patterns: list[Pattern]) -> Any:
    """One Aho-Corasick automaton over every pattern's keys, so one pass finds them all."""
    automaton = ahocorasick.Automaton()
    for key in {key for p in patterns for keys in p.required for key in keys}:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def lower_same_length(text: str) -> str:
    """`text.lower()` with offsets kept: characters whose lower case is longer stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low) == 1 else ch for ch, low in ((ch, ch.lower()) for ch in text))


@dataclass(frozen=True)
class _Rule:
    kind: str
    rank: int
    order: int
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class _Hit:
    kind: str
    rank: int
    start: int
    end: int
    order: int


class PathwayDetector:
    """Scores pathway signals with precompiled regexes; built once, read-only, thread-safe."""

    def __init__(self, nlp: Language, lexicon_path: Path | None = None) -> None:
        # `nlp` is part of the shared extractor contract; regexes need no tokens, so no pipes are added to it.
        path = lexicon_path or LEXICON_DIR / "pathway_signals.yaml"
        raw: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
        self.rules = tuple(
            _Rule(
                kind=entry["kind"],
                rank=STRENGTHS.index(entry["strength"]),
                order=order,
                patterns=tuple(compile_pattern(p) for p in entry["patterns"]),
            )
            for order, entry in enumerate(raw["signals"])
        )
        self.sufficient_alone = frozenset(raw.get("sufficient_alone") or ())
        self.demote_sections = frozenset(raw.get("demote_in_sections") or ())
        self.requirable = frozenset(raw.get("requirable") or ())
        self.requirement = compile_pattern("|".join(f"(?:{c})" for c in raw["requirement_cues"])).regex
        self.keys = _key_index([p for rule in self.rules for p in rule.patterns])
        self.trainee_title = re.compile(raw["trainee_title"], re.IGNORECASE)
        self.trainee_anchor = re.compile(raw["trainee_anchor"], re.IGNORECASE)

    def detect(
        self,
        advert: Advert,
        doc: Doc,
        *,
        role_entry: RoleEntry,
        category: str,
        salary_bands: list[str],
    ) -> CareerPathway:
        """The advert's pathway signals, whether a route is shown, and the flag for category 3 adverts."""
        text = advert.text
        hits = _best_per_kind(_non_overlapping([self._scored(advert, h) for h in self._matches(text)]))
        signals = [_signal(text, h) for h in hits]
        extra = self._implicit(advert, category, salary_bands)
        signals = sorted(signals + extra, key=lambda s: (s.span.start, -STRENGTHS.index(s.strength)))
        present = self._present(signals)
        flagged = category == "defined_boundary" and not present
        return CareerPathway(
            present=present,
            signals=signals,
            known_routes=list(role_entry.next_steps),
            flag="missing_career_pathway" if flagged else None,
            explanation=_explanation(role_entry, signals) if flagged else None,
        )

    def _matches(self, text: str) -> list[_Hit]:
        lowered = lower_same_length(text)
        found: dict[str, list[int]] = {}
        for end, key in self.keys.iter(lowered):
            found.setdefault(key, []).append(end - len(key) + 1)
        return [
            _Hit(rule.kind, rule.rank, start, end, rule.order)
            for rule in self.rules
            for pattern in rule.patterns
            for start, end in sorted(pattern.spans(lowered, found))
        ]

    def _scored(self, advert: Advert, hit: _Hit) -> _Hit:
        """Drop a strength for about-us wording or an entry requirement: neither is the holder's route."""
        demotion = int(advert.section_at(hit.start) in self.demote_sections)
        if hit.kind in self.requirable:
            window = advert.text[max(0, hit.start - _LOOKBACK) : hit.start]
            cut = max(window.rfind(c) for c in _BOUNDARIES)
            demotion += int(self.requirement.search(lower_same_length(window), cut + 1) is not None)
        return _Hit(hit.kind, max(0, hit.rank - demotion), hit.start, hit.end, hit.order)

    def _implicit(self, advert: Advert, category: str, salary_bands: list[str]) -> list[PathwaySignal]:
        """Signals that come from the post itself: a trainee post, or pay spanning two AfC bands."""
        text = advert.text
        found: list[PathwaySignal] = []
        titled = category in ("defined_boundary", "further_education") and bool(
            self.trainee_title.search(advert.title or "")
        )
        if category == "trainee" or titled:
            anchor = self.trainee_anchor.search(text)
            start, end = anchor.span() if anchor else _find(text, advert.title)
            found.append(_make("trainee_post", "strong", text, start, end))
        if len(set(salary_bands)) >= 2:
            anchor = _SALARY_ANCHOR.search(text)
            start, end = anchor.span() if anchor else (0, 0)
            found.append(_make("two_band_salary", "strong", text, start, end))
        return found

    def _present(self, signals: list[PathwaySignal]) -> bool:
        """domain.md 5.3: strong >= 1 or moderate >= 2; stated progression and career wording count alone."""
        strong = any(s.strength == "strong" for s in signals)
        moderate = [s for s in signals if s.strength == "moderate"]
        return strong or len(moderate) >= 2 or any(s.kind in self.sufficient_alone for s in moderate)


def _merge_same_kind(hits: list[_Hit]) -> list[_Hit]:
    """Join overlapping matches of one kind ("apply for the" + "TNA programme") into one span."""
    merged: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.kind, h.start)):
        last = merged[-1] if merged else None
        if last and last.kind == hit.kind and hit.start < last.end:
            merged[-1] = _Hit(
                hit.kind, max(hit.rank, last.rank), last.start, max(hit.end, last.end), last.order
            )
        else:
            merged.append(hit)
    return merged


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """Of overlapping matches keep the strongest, then the most specific kind (lexicon order), the longest."""
    kept: list[_Hit] = []
    for hit in sorted(_merge_same_kind(hits), key=lambda h: (-h.rank, h.order, h.start - h.end, h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return kept


def _best_per_kind(hits: list[_Hit]) -> list[_Hit]:
    """One signal per kind (its strongest, earliest mention), so repetition does not add up."""
    best: dict[str, _Hit] = {}
    for hit in sorted(hits, key=lambda h: (-h.rank, h.start)):
        best.setdefault(hit.kind, hit)
    return list(best.values())


def _find(text: str, needle: str | None) -> tuple[int, int]:
    """Where `needle` first occurs in `text` (case-insensitive), or an empty span at the start."""
    index = lower_same_length(text).find(lower_same_length(needle)) if needle else -1
    return (index, index + len(needle or "")) if index >= 0 else (0, 0)


def _make(kind: str, strength: Strength, text: str, start: int, end: int) -> PathwaySignal:
    covered = text[start:end]
    span = Span(start=start, end=end, text=covered)
    return PathwaySignal(kind=kind, strength=strength, span=span, text=covered)


def _signal(text: str, hit: _Hit) -> PathwaySignal:
    return _make(hit.kind, STRENGTHS[hit.rank], text, hit.start, hit.end)


def _explanation(role_entry: RoleEntry, signals: list[PathwaySignal]) -> str:
    """Plain-English note for the recruiter: what is missing, what routes exist, what to add."""
    parts = ["The advert does not tell applicants how this role leads anywhere."]
    if signals:
        quoted = ", ".join(f'"{s.text}"' for s in signals)
        parts.append(f"It mentions {quoted}, which on their own do not show a route.")
    routes = [r.replace(" (unconfirmed)", "") for r in role_entry.next_steps]
    if routes:
        parts.append(f"Known routes: {'; '.join(routes)}.")
    parts.append(_REMEDY)
    return " ".join(parts)
