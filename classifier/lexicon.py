"""Loads the qualification and skill lexicons and compiles them into one spaCy PhraseMatcher.

Lexicon phrasings are written compactly in YAML and expanded here, so the files stay readable:
`{a|b|}` is a choice (an empty branch makes it optional), `<NAME>` is a macro from the file's
`macros` table (a shared choice such as the ways of writing "level 3"), `~N` is a gap of up to N
words ("part of the ~3 team"; these few phrasings go to a token Matcher), hyphenated words also match
spaced, joined and non-breaking-hyphen forms ("multi-disciplinary", "multi disciplinary",
"multidisciplinary"), and British/American spellings match both ways ("centred"/"centered").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher

BLOCK_PREFIX = "!"

_CHOICE = re.compile(r"\{([^{}]*)\}")
_MACRO = re.compile(r"<([A-Za-z0-9_]+)>")
_WORD = re.compile(r"[a-z]+")
_GAP = re.compile(r"\s*~(\d)\s*")
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
            for form in _hyphen_forms(text):
                forms.update((form, _spelling_forms(form)))
    return sorted(forms)


def _choices(text: str) -> list[str]:
    """Expand the innermost `{...}` group first, so groups may nest (macros inside choices)."""
    match = _CHOICE.search(text)
    if match is None:
        return [text]
    head, tail = text[: match.start()], text[match.end() :]
    return [form for option in match.group(1).split("|") for form in _choices(head + option + tail)]


def _hyphen_forms(text: str) -> tuple[str, ...]:
    """The text as written, with hyphens spaced, and with hyphens dropped."""
    if "-" not in text:
        return (text,)
    return (text, " ".join(text.replace("-", " ").split()), text.replace("-", ""), text.replace("-", "\u2011"))


def _spelling_forms(text: str) -> str:
    """The other side of the British/American spelling pairs, word by word."""
    return _WORD.sub(lambda m: _SPELLINGS.get(m.group(0), m.group(0)), text)


def load_entries(path: Path, key: str) -> tuple[dict[str, Entry], dict[str, list[str]]]:
    """Read one lexicon file: entries by id, and the phrasings (including blockers) by matcher key."""
    with path.open(encoding="utf-8") as handle:
        raw: dict[str, Any] = yaml.safe_load(handle)
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


def build_matchers(
    nlp: Language, phrasings: Iterable[tuple[str, list[str]]]
) -> tuple[PhraseMatcher, Matcher]:
    """Case-insensitive matchers over every expanded phrasing, keyed by lexicon id.

    Plain phrasings go to one PhraseMatcher (fast at any size); phrasings with `~N` gaps go to a
    token Matcher, so keep those few.
    """
    phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    token_matcher = Matcher(nlp.vocab)
    for key, phrases in phrasings:
        forms = sorted({form for phrase in phrases for form in expand(phrase)})
        plain = [form for form in forms if "~" not in form]
        gapped = [_token_pattern(nlp, form) for form in forms if "~" in form]
        if plain:
            phrase_matcher.add(key, list(nlp.tokenizer.pipe(plain)))
        if gapped:
            token_matcher.add(key, gapped)
    return phrase_matcher, token_matcher


def _token_pattern(nlp: Language, form: str) -> list[dict[str, Any]]:
    """A Matcher pattern: literal words by lower-case text, `~N` as up to N non-punctuation tokens."""
    parts = _GAP.split(form)
    pattern: list[dict[str, Any]] = []
    for i, part in enumerate(parts):
        if i % 2:
            pattern.append({"IS_PUNCT": False, "OP": f"{{0,{part}}}"})
        else:
            pattern.extend({"LOWER": token.lower_} for token in nlp.tokenizer(part.strip()))
    return pattern
