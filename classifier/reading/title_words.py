"""The word lists that tell a job title from other lines, compiled once from `data/lexicons/title_words.yaml`.

Kept as data so a reviewer can add a profession's noun or an employer ending without touching the code.
Every pattern is matched against lower-cased text: an IGNORECASE alternation is several times slower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from classifier.data_files import load_yaml
from classifier.paths import LEXICON_DIR

WORDS_FILE = "title_words.yaml"


def _alternation(words: list[str]) -> str:
    """Longest first, so "staff nurse" wins over "nurse"; spaces match any run of spaces."""
    unique = sorted({str(word).lower().strip() for word in words}, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in unique if word)


@dataclass(frozen=True)
class TitleWords:
    role_noun: re.Pattern[str]
    employer_end: re.Pattern[str]
    employer_segment_end: re.Pattern[str]
    document: re.Pattern[str]
    not_title_start: re.Pattern[str]
    sentence_word: re.Pattern[str]
    field_stop: re.Pattern[str]
    sentence_cue: re.Pattern[str]

    def has_role_noun(self, low: str) -> bool:
        return self.role_noun.search(low) is not None


@cache
def title_words(path: Path | None = None) -> TitleWords:
    """The compiled word lists (one load per process)."""
    raw = load_yaml(path or LEXICON_DIR / WORDS_FILE)
    trim = r"[\s.,;:|()\-–—*]*"
    return TitleWords(
        role_noun=re.compile(rf"(?<![\w-])(?:{_alternation(raw['role_nouns'])})(?:e?s)?(?![\w-])"),
        employer_end=re.compile(rf"(?<![\w-])(?:{_alternation(raw['employer_endings'])}){trim}$"),
        employer_segment_end=re.compile(
            rf"(?<![\w-])(?:{_alternation(raw['employer_segment_endings'])}){trim}$"
        ),
        document=re.compile(rf"{trim}(?:{_alternation(raw['document_words'])}){trim}"),
        not_title_start=re.compile(rf"[\s\W]*(?:{_alternation(raw['not_title_starts'])})(?![\w-])"),
        sentence_word=re.compile(rf"(?<![\w'’-])(?:{_alternation(raw['sentence_words'])})(?![\w'’-])"),
        field_stop=re.compile(
            rf"\s(?:/\s*)?(?=(?:{_alternation(raw['field_stop_labels'])})\b[^:\n]{{0,25}}:)"
        ),
        sentence_cue=re.compile(
            rf"(?<![\w-])(?:{_alternation(raw['sentence_cues'])})\s+"
            rf"(?:(?:{_alternation(raw['sentence_fillers'])})(?:\s+|(?=,)))*"
        ),
    )
