"""Loads the qualification and skill lexicons and compiles them into one spaCy PhraseMatcher.

Lexicon phrasings are written compactly in YAML and expanded here, so the files stay readable:
`{a|b|}` is a choice (an empty branch makes it optional), `<NAME>` is a macro from the file's
`macros` table (a shared choice such as the ways of writing "level 3"), `~N` is a gap of up to N
words ("part of the ~3 team": both halves go to the PhraseMatcher and are joined after matching, which
is far faster than a token Matcher with optional wildcards), hyphenated words also match
spaced, joined and non-breaking-hyphen forms ("multi-disciplinary", "multi disciplinary",
"multidisciplinary"), and British/American spellings match both ways ("centred"/"centered").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from classifier.data_files import load_yaml
from classifier.wrapped_text import Joiner, phrase_joiner

BLOCK_PREFIX = "!"

_CHOICE = re.compile(r"\{([^{}]*)\}")
_MACRO = re.compile(r"<([A-Za-z0-9_]+)>")
_WORD = re.compile(r"[a-z]+")
_GAP = re.compile(r"\s*~(\d+)\s*")
_SPACED_HYPHEN = re.compile(r"(?<=\w) ?- ?(?=\w)")
_SPELLINGS: dict[str, str] = {
    "centred": "centered",
    "judgemental": "judgmental",
    "organisation": "organization",
    "organisations": "organizations",
    "organisational": "organizational",
    "organised": "organized",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "behavioural": "behavioral",
    "licence": "license",
    "recognise": "recognize",
    "recognising": "recognizing",
    "prioritise": "prioritize",
    "prioritising": "prioritizing",
    "orientated": "oriented",
    "counselling": "counseling",
    "programme": "program",
    "programmes": "programs",
    "empathise": "empathize",
    "utilise": "utilize",
    "minimise": "minimize",
    "emphasise": "emphasize",
    "specialised": "specialized",
    "defence": "defense",
    "haemoglobin": "hemoglobin",
    "paediatric": "pediatric",
    "enrolment": "enrollment",
}
_SPELLINGS.update({american: british for british, american in list(_SPELLINGS.items())})


@dataclass(frozen=True)
class Entry:
    """One lexicon id with what the output needs and how its matches are filtered."""

    id: str
    label: str
    group: str
    level: int | None = None
    candidate_only: bool = False
    candidate_required: bool = False
    extra: bool = False
    skip_sections: frozenset[str] = frozenset()


def expand(phrase: str) -> list[str]:
    """All surface forms of one lexicon phrasing (choices, hyphen forms, spelling variants)."""
    forms: set[str] = set()
    for choice in _choices(phrase):
        text = _SPACED_HYPHEN.sub("-", " ".join(choice.split()))
        if text:
            for spelling in {text, _spelling_forms(text)}:
                forms.update(_hyphen_forms(spelling))
    return sorted(forms)


def _choices(text: str) -> list[str]:
    """Expand the innermost `{...}` group first, so groups may nest (macros inside choices)."""
    match = _CHOICE.search(text)
    if match is None:
        return [text]
    head, tail = text[: match.start()], text[match.end() :]
    return [form for option in match.group(1).split("|") for form in _choices(head + option + tail)]


def _hyphen_forms(text: str) -> tuple[str, ...]:
    """The text as written, with hyphens spaced, dropped, and as the non-breaking hyphen (U+2011)."""
    if "-" not in text:
        return (text,)
    spaced = " ".join(text.replace("-", " ").split())
    return (text, spaced, text.replace("-", ""), text.replace("-", "\u2011"))


def _spelling_forms(text: str) -> str:
    """The other side of the British/American spelling pairs, word by word."""
    return _WORD.sub(lambda m: _SPELLINGS.get(m.group(0), m.group(0)), text)


def load_entries(path: Path, key: str) -> tuple[dict[str, Entry], dict[str, list[str]]]:
    """Read one lexicon file: entries by id, and the phrasings (including blockers) by matcher key."""
    with path.open(encoding="utf-8") as handle:
        raw: dict[str, Any] = load_yaml(handle)
    macros: dict[str, str] = raw.get("macros") or {}
    default_skips = raw.get("default_skip_sections", ())
    default_candidate_only = bool(raw.get("default_candidate_only", False))
    entries: dict[str, Entry] = {}
    phrasings: dict[str, list[str]] = {}

    def unfold(phrases: list[str]) -> list[str]:
        return [_MACRO.sub(lambda m: macros[m.group(1)], phrase) for phrase in phrases]

    for item_id, item in raw[key].items():
        entries[item_id] = Entry(
            id=item_id,
            label=item["label"],
            group=item["group"],
            level=item.get("level"),
            candidate_only=bool(item.get("candidate_only", default_candidate_only)),
            candidate_required=bool(item.get("candidate_required", False)),
            extra=bool(item.get("extra", False)),
            skip_sections=frozenset(item.get("skip_sections", default_skips)),
        )
        phrasings[item_id] = unfold(item["phrases"])
        if item.get("not"):
            phrasings[BLOCK_PREFIX + item_id] = unfold(item["not"])
    return entries, phrasings


class PhraseIndex:
    """Every expanded phrasing in one case-insensitive PhraseMatcher, keyed by matcher key.

    A phrasing with a `~N` gap (one per phrasing) is added as its left and right halves under private
    keys; a left match followed within N non-punctuation tokens by the nearest right match of the same
    phrasing is one match.
    """

    def __init__(self, nlp: Language, phrasings: Iterable[tuple[str, list[str]]]) -> None:
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._strings = nlp.vocab.strings
        self._gaps: dict[str, tuple[str, int]] = {}
        self._pairs: set[tuple[str, str]] = set()
        self._words: set[str] = set()
        for key, phrases in phrasings:
            plain: set[str] = set()
            for number, phrase in enumerate(phrases):
                parts = _GAP.split(phrase)
                if len(parts) == 1:
                    plain.update(expand(phrase))
                    continue
                left, width, right = parts
                gap_key = f"{key}~{number}"
                self._gaps[gap_key] = (key, int(width))
                self._add(nlp, gap_key + "<", expand(left))
                self._add(nlp, gap_key + ">", expand(right))
            self._add(nlp, key, plain)

    def _add(self, nlp: Language, key: str, forms: Iterable[str]) -> None:
        if forms := sorted(forms):
            docs = [nlp.make_doc(form) for form in forms]
            self._matcher.add(key, docs)
            for doc in docs:
                words = [token.lower_ for token in doc]
                self._words.update(words)
                self._pairs.update(pairwise(words))

    def joiner(self) -> Joiner:
        """Joins a line break inside any phrasing of this index (see `classifier.wrapped_text`)."""
        return phrase_joiner(frozenset(self._pairs), frozenset(self._words))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(key, start token, end token) for every match, gapped phrasings joined."""
        found: list[tuple[str, int, int]] = []
        lefts: dict[str, list[tuple[int, int]]] = defaultdict(list)
        rights: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for match_id, start, end in self._matcher(doc):
            key = self._strings[match_id]
            if key.endswith("<"):
                lefts[key[:-1]].append((start, end))
            elif key.endswith(">"):
                rights[key[:-1]].append((start, end))
            else:
                found.append((key, start, end))
        for gap_key, spans in lefts.items():
            key, width = self._gaps[gap_key]
            for start, end in spans:
                joined = [
                    (right_start, right_end)
                    for right_start, right_end in rights.get(gap_key, ())
                    if end <= right_start <= end + width and not any(t.is_punct for t in doc[end:right_start])
                ]
                if joined:
                    found.append((key, start, min(joined)[1]))
        return found
