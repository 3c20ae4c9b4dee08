"""Reads an advert's care setting (or a doctor's specialty) from its title and text, for the NHS occupation code.

The NHS Occupation Code Manual codes a post by occupation level *and* care setting: a staff nurse on a
psychiatric ward (N6E) and one in a community mental health team (N6D) are counted apart, so the setting must
come from the advert. The words that point at each setting are data (`data/nhs_occupation/care_settings.yaml`);
a reader is built once per set of settings a role may take and scans the title and text once, with one
combined regular expression.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from classifier.data_files import load_yaml
from classifier.paths import DATA_DIR

CARE_SETTINGS_PATH = DATA_DIR / "nhs_occupation" / "care_settings.yaml"

TITLE_STRENGTH = 1.0
"""A setting named in the title is as clear as the words' own weight allows."""
TEXT_BASE, TEXT_STEP, TEXT_MAX_MENTIONS = 0.5, 0.1, 4
"""Text mentions count more with repetition: one gives 0.6, four or more 0.9 (times the words' weight)."""


@dataclass(frozen=True)
class _Entry:
    name: str
    weight: float
    patterns: tuple[str, ...]
    min_text_mentions: int = 1


def text_strength(mentions: int) -> float:
    """How clear `mentions` text mentions of a setting are, before the words' weight."""
    return TEXT_BASE + TEXT_STEP * min(mentions, TEXT_MAX_MENTIONS) if mentions else 0.0


_OPTIONAL = re.compile(r"\(\?:[^()]*\)[?*+]?|\\.[?*+]|\\[a-z][?*+]?|.[?*+]|[()|\\^$.\[\]{}]", re.I)
MIN_ANCHOR = 3
SCAN_CHARS = 5000
"""Care settings are named in the summary and duties; scanning further only costs time."""


_TOKEN = re.compile(r"[a-z0-9]+")


def whole_words(pattern: str, anchor: str | None) -> frozenset[str]:
    """Words every match of `pattern` contains whole (bounded on both sides): a set lookup rules most out."""
    if anchor is None:
        return frozenset()
    pattern = pattern.lower()
    tokens = _TOKEN.findall(anchor)
    if not tokens:
        return frozenset()
    starts_word = pattern.startswith(anchor) or not anchor[0].isalnum()
    ends_word = pattern.endswith(anchor) or not anchor[-1].isalnum()
    keep = set(tokens[1:-1])
    if len(tokens) > 1 or (starts_word and ends_word):
        if starts_word:
            keep.add(tokens[0])
        if ends_word:
            keep.add(tokens[-1])
    return frozenset(keep)


def literal_anchor(pattern: str) -> str | None:
    """The longest run of plain characters every match of `pattern` contains (lower case), if 3+ long.

    Checking `anchor in text` first lets a reader skip almost every pattern in a few microseconds.
    """
    if "[" in pattern or "|" in re.sub(r"\([^()]*\)", "", pattern):
        return None  # a character class or a top-level alternative: no piece is shared by every match
    pieces = _OPTIONAL.sub("\0", pattern.lower()).split("\0")
    best = max(pieces, key=len, default="")
    return best if len(best.strip()) >= MIN_ANCHOR else None


class SettingReader:
    """Scores named settings (or specialties) by how clearly the title and text point at each, in [0, 1]."""

    def __init__(self, entries: tuple[_Entry, ...]) -> None:
        self._entries = entries
        self._order = {entry.name: i for i, entry in reversed(list(enumerate(entries)))}
        # Patterns are matched on lower-cased text without re.I and without a leading look-behind, so the
        # regex engine can jump to each pattern's literal prefix instead of trying every position.
        self._patterns = [
            (anchor, whole_words(pattern, anchor), re.compile(f"(?:{pattern.lower()})(?![\\w'])"), index)
            for index, entry in enumerate(entries)
            for pattern in entry.patterns
            for anchor in [literal_anchor(pattern)]
        ]

    def _counts(self, text: str) -> Counter[int]:
        """Mentions per entry (overlapping matches of one entry's patterns count once)."""
        lower = text[:SCAN_CHARS].lower()
        words = set(_TOKEN.findall(lower))
        starts: dict[int, set[int]] = {}
        for anchor, needed, pattern, index in self._patterns:
            if (needed and not needed <= words) or (anchor is not None and anchor not in lower):
                continue
            for match in pattern.finditer(lower):
                start = match.start()
                if start and (lower[start - 1].isalnum() or lower[start - 1] in "_'"):
                    continue  # inside a word: "outpatient" is not "inpatient"
                starts.setdefault(index, set()).add(start)
        return Counter({index: len(found) for index, found in starts.items()})

    def read(self, title: str, text: str) -> dict[str, float]:
        """Setting name -> strength: a title match counts in full, text matches with repetition."""
        scores: dict[str, float] = {}
        for index in self._counts(title):
            entry = self._entries[index]
            scores[entry.name] = max(scores.get(entry.name, 0.0), entry.weight * TITLE_STRENGTH)
        for index, mentions in self._counts(text).items():
            entry = self._entries[index]
            if mentions < entry.min_text_mentions:
                continue
            scores[entry.name] = max(scores.get(entry.name, 0.0), entry.weight * text_strength(mentions))
        return scores

    def best(self, title: str, text: str) -> tuple[str | None, float, float]:
        """(setting, its strength, the runner-up's strength); ties go to the entry listed first."""
        scores = self.read(title, text)
        if not scores:
            return None, 0.0, 0.0
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self._order[item[0]]))
        return ranked[0][0], ranked[0][1], ranked[1][1] if len(ranked) > 1 else 0.0


class CareSettingLexicon:
    """The care-setting and specialty words of the data file, and readers restricted to given settings."""

    def __init__(self, settings: tuple[_Entry, ...], specialties: tuple[_Entry, ...], version: str) -> None:
        self.settings = settings
        self.specialties = specialties
        self.version = version
        self.setting_names = frozenset(entry.name for entry in settings)
        self.specialty_names = frozenset(entry.name for entry in specialties)

    @classmethod
    def load(cls, path: Path = CARE_SETTINGS_PATH) -> CareSettingLexicon:
        raw = load_yaml(path)

        def entries(key: str, name_key: str) -> tuple[_Entry, ...]:
            return tuple(
                _Entry(
                    str(item[name_key]),
                    float(item.get("weight", 1.0)),
                    tuple(item["patterns"]),
                    int(item.get("min_text_mentions", 1)),
                )
                for item in raw[key]
            )

        return cls(entries("settings", "setting"), entries("specialties", "specialty"), str(raw["version"]))

    @lru_cache(maxsize=256)  # noqa: B019 - one lexicon per process; readers are reused across adverts
    def setting_reader(self, names: frozenset[str]) -> SettingReader:
        """A reader for the settings in `names` only (fewer alternatives, faster scans)."""
        return SettingReader(tuple(entry for entry in self.settings if entry.name in names))

    @lru_cache(maxsize=64)  # noqa: B019 - as above
    def specialty_reader(self, names: frozenset[str] | None = None) -> SettingReader:
        """A reader for the medical specialties in `names` (all of them when None)."""
        return SettingReader(tuple(e for e in self.specialties if names is None or e.name in names))


@lru_cache(maxsize=1)
def default_lexicon() -> CareSettingLexicon:
    """The project's care-setting words, loaded on first use (not at import)."""
    return CareSettingLexicon.load()
