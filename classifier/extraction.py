"""Qualification and skill extraction: lexicon phrase matches, filtered by context, one item per id.

The matcher is built once from `data/lexicons/{qualifications,skills}.yaml`; per advert the work is
one PhraseMatcher pass plus a binary search per match for its sentence, so it stays well under a
millisecond for a 2,000-character advert. Phrases broken across lines are matched on an unwrapped
view of the text (`classifier.wrapped_text`); spans always point into the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from classifier.lexicon import BLOCK_PREFIX, Entry, PhraseIndex, load_entries
from classifier.paths import LEXICON_DIR
from classifier.requirement import (
    REQUIREMENT_RANK,
    SentenceIndex,
    addresses_candidate,
    employer_self_description,
    requirement_for,
)
from classifier.schema import Advert, Qualification, Requirement, Skill, Span
from classifier.wrapped_text import unwrap

_QUAL = "q:"
_SKILL = "s:"


@dataclass
class _Found:
    """The first mention of one id and the strongest requirement seen for it so far."""

    entry: Entry
    start: int
    end: int
    requirement: Requirement


class QualificationSkillExtractor:
    """Finds the qualifications, training, checks and skills an advert names."""

    def __init__(self, nlp: Language, lexicon_dir: Path | None = None) -> None:
        directory = lexicon_dir or LEXICON_DIR
        quals, qual_phrases = load_entries(directory / "qualifications.yaml", "qualifications")
        skills, skill_phrases = load_entries(directory / "skills.yaml", "skills")
        self._entries = {_QUAL + k: v for k, v in quals.items()} | {_SKILL + k: v for k, v in skills.items()}
        self._index = PhraseIndex(
            nlp,
            [(_QUAL + k, v) for k, v in qual_phrases.items()]
            + [(_SKILL + k, v) for k, v in skill_phrases.items()],
        )
        self._nlp = nlp
        self._joiner = self._index.joiner()
        self.scored_ids = frozenset(e.id for e in self._entries.values() if not e.extra)
        """Ids in the labelled vocabulary (domain.md 3.2 and 4); `extra` ids such as registration are not."""

    def _matches(
        self, text: str, doc: Doc
    ) -> tuple[list[tuple[int, int, str]], dict[str, list[tuple[int, int]]]]:
        """Lexicon hits and blocker spans, in original offsets, matched on the unwrapped view of `text`.

        `doc` is the tokenised original; it is re-tokenised only when a line break splits a phrasing.
        """
        view = unwrap(text, self._joiner)
        if view.changed:
            doc = self._nlp.make_doc(view.text)
        hits: list[tuple[int, int, str]] = []
        blocked: dict[str, list[tuple[int, int]]] = {}
        for key, start, end in self._index(doc):
            span = doc[start:end]
            begin, stop = view.to_original(span.start_char, span.end_char)
            kind, _, name = key.partition(":")
            if name.startswith(BLOCK_PREFIX):
                blocked.setdefault(kind + ":" + name[1:], []).append((begin, stop))
            else:
                hits.append((begin, stop, key))
        return hits, blocked

    def extract(self, advert: Advert, doc: Doc) -> tuple[list[Qualification], list[Skill]]:
        """One qualification / skill per id: first mention's span, strongest requirement across mentions."""
        hits, blocked = self._matches(advert.text, doc)
        sentences = SentenceIndex(advert.text)
        found: dict[str, _Found] = {}
        for start, end, key in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
            if any(s < end and start < e for s, e in blocked.get(key, ())):
                continue
            entry = self._entries[key]
            section = advert.section_at(start)
            if section in entry.skip_sections:
                continue
            sentence = sentences.sentence(start, end)
            if entry.candidate_only and employer_self_description(sentence):
                continue
            if entry.candidate_required and not addresses_candidate(sentence):
                continue
            before = sentences.before(start) if key.startswith(_QUAL) else ""  # routes are qualifications
            requirement = requirement_for(section, sentence, before)
            previous = found.get(key)
            if previous is None:
                found[key] = _Found(entry, start, end, requirement)
            elif REQUIREMENT_RANK[requirement] > REQUIREMENT_RANK[previous.requirement]:
                previous.requirement = requirement
        return self._qualifications(advert.text, found), self._skills(advert.text, found)

    @staticmethod
    def _qualifications(text: str, found: dict[str, _Found]) -> list[Qualification]:
        return [
            Qualification(
                id=f.entry.id,
                label=f.entry.label,
                level=f.entry.level,
                group=f.entry.group,
                requirement=f.requirement,
                span=Span(start=f.start, end=f.end, text=text[f.start : f.end]),
                text=text[f.start : f.end],
            )
            for key, f in found.items()
            if key.startswith(_QUAL)
        ]

    @staticmethod
    def _skills(text: str, found: dict[str, _Found]) -> list[Skill]:
        return [
            Skill(
                id=f.entry.id,
                label=f.entry.label,
                group=f.entry.group,
                requirement=f.requirement,
                span=Span(start=f.start, end=f.end, text=text[f.start : f.end]),
                text=text[f.start : f.end],
            )
            for key, f in found.items()
            if key.startswith(_SKILL)
        ]
