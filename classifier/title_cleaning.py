"""NHS-aware title cleaning: keep the words that name the job, set aside band, hours, contract and place.

General-purpose normalisers leave "Staff Nurse, General Surgery - Band 5" unmatched; we strip the band,
grade, hours, bank/fixed-term wording, trust names and ward or site suffixes before matching, and keep
what we removed as attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_ATTRIBUTE_PATTERNS: dict[str, re.Pattern[str]] = {
    "bank": re.compile(r"\bbank\b", re.I),
    "relief": re.compile(r"\brelief\b", re.I),
    "agency": re.compile(r"\bagency\b", re.I),
    "fixed_term": re.compile(r"\b(fixed[- ]term|ftc|secondment|maternity cover|temporary)\b", re.I),
    "permanent": re.compile(r"\bpermanent\b", re.I),
    "part_time": re.compile(r"\bpart[- ]time\b", re.I),
    "full_time": re.compile(r"\bfull[- ]time\b", re.I),
    "apprentice": re.compile(r"\bapprentice(ship)?s?\b", re.I),
    "trainee": re.compile(r"\b(trainee|in training|training post)\b", re.I),
    "night": re.compile(r"\bnights?\b", re.I),
}

_NOISE = [
    r"\b(?:afc\s*)?bands?\s*(?:[1-9]|8\s*[a-d])(?:\s*(?:/|-|to|and)\s*(?:band\s*)?(?:[1-9]|8\s*[a-d]))?\b",
    r"\bb(?:[2-9]|8[a-d])\b",
    r"\bgrade\s*[a-z0-9]+\b",
    r"£\s?[\d,.]+k?(?:\s*(?:-|to)\s*£?\s?[\d,.]+k?)?",
    r"\b\d+(?:\.\d+)?\s*(?:hours|hrs|h)\b(?:\s*(?:per|a|p/?)\s*w(?:ee)?k)?",
    r"\b(?:full|part)[- ]time\b",
    r"\b(?:fixed[- ]term|permanent|temporary|secondment|maternity cover|ftc)\b(?:\s*contract)?",
    r"\b\d+\s*months?\b",
    r"\b(?:bank|relief|agency)\b",
    r"\b[a-z&' ]+ (?:nhs )?(?:foundation )?(?:partnership )?trust\b",
    r"\bnhs\b",
    r"\bnights?\b|\bdays?\b|\bweekends?\b",
    r"\bvacanc(?:y|ies)\b|\bjob\b|\brole\b|\bpost\b|\bopportunit(?:y|ies)\b",
]
_NOISE_RE = re.compile("|".join(f"(?:{p})" for p in _NOISE), re.I)
_SEGMENT_SPLIT = re.compile(r"\s+[-–—|:]\s+|\s*[|();]\s*|\s+-(?=\S)|(?<=\S)-\s+|,\s+(?=[A-Z][a-z]+\s*$)")
_SLASH = re.compile(r"\s*/\s*")
_NON_WORD = re.compile(r"[^a-z0-9']+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleanTitle:
    raw: str
    text: str
    segments: tuple[str, ...]
    attributes: tuple[str, ...] = field(default_factory=tuple)


def normalise(text: str) -> str:
    """Lower-case, unify '&'/'and', hyphens and 'co-ordinator', drop punctuation."""
    text = (
        text.lower()
        .replace("&", " and ")
        .replace("co-ordinat", "coordinat")
        .replace("well-being", "wellbeing")
    )
    text = text.replace("health care", "healthcare").replace("’", "'")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def _strip_noise(text: str) -> str:
    return _SPACES.sub(" ", _NOISE_RE.sub(" ", text)).strip(" -–—|:,/")


@lru_cache(maxsize=8192)
def clean_title(title: str | None) -> CleanTitle:
    """Clean a raw advertised title into a matching string plus candidate segments.

    Cached: the role model, the variant index and the band model all clean the same title.

    Segments are the pieces between separators ("Staff Nurse - Greenwich Ward" gives "staff nurse" and
    "greenwich ward"), so the matcher can pick the piece that names the job.
    """
    raw = (title or "").strip()
    attributes = tuple(name for name, pattern in _ATTRIBUTE_PATTERNS.items() if pattern.search(raw))
    stripped = _strip_noise(raw)
    segments: list[str] = []
    for piece in _SEGMENT_SPLIT.split(stripped):
        for part in [piece, *_SLASH.split(piece)] if "/" in piece else [piece]:
            cleaned = normalise(_strip_noise(part))
            if cleaned and cleaned not in segments:
                segments.append(cleaned)
    text = normalise(stripped)
    return CleanTitle(raw=raw, text=text, segments=tuple(segments), attributes=attributes)
