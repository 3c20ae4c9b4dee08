"""Readability of advert text: Flesch reading ease, Flesch-Kincaid grade, reading age and sentence length.

Own implementation rather than textstat: textstat 0.7.13 looks English syllables up in NLTK's CMU
dictionary, which it downloads at run time (no network here), and it would treat a bulleted list as
one sentence. Syllables come from a vowel-group heuristic with the usual corrections (silent final
"e", "-ed"/"-es" endings, vowel pairs that are two syllables), cached per word (a plain dict: cheaper
than lru_cache on this hot path); it agrees with the CMU dictionary on about 96% of word types and 98%
of word tokens in NHS adverts.

Sentences end at ., ! or ?, at bullets, and at line breaks: a heading or bullet line without a full
stop is its own sentence, while a line that continues in lower case (hard-wrapped text) is joined to
the next. Fragments of one or two words ("Band 3", "Job summary", "Permanent") are job-board form
fields and headings, not prose, and are left out of every figure.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from classifier.schema import Readability

Verdict = Literal["meets_nhs_target", "acceptable", "hard", "too_short"]

MIN_SENTENCE_WORDS = 3
LONG_SENTENCE_WORDS = 25
TOO_SHORT_WORDS = 30
NHS_TARGET_GRADE = 6.0
ACCEPTABLE_GRADE = 9.0

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# A sentence ends at . ! ? (unless lower case follows: "e.g. the"), at a bullet, at a line break after
# such punctuation or a colon, at a blank line, and at any line break before a line that does not
# start in lower case; a line break before lower case is a wrapped line and joins the next. Every
# branch starts with a literal character so the regex engine can skip ahead (four times faster).
_PUNCTUATION_END = r"[.!?]*[\"'”’)]*(?=[ \t]*\n|\s+(?![a-z])|$)"
_BOUNDARY = re.compile(
    rf"\.{_PUNCTUATION_END}|!{_PUNCTUATION_END}|\?{_PUNCTUATION_END}|•|●|▪|◦|■|:[ \t]*\n|;[ \t]*\n"
    r"|\n(?:[ \t]*(?=\n)|(?![ \t]*[a-z]))"
)
_KEEPS_PUNCTUATION = frozenset(".!?:;")
_SYLLABLE_CACHE: dict[str, int] = {}
_SYLLABLE_CACHE_LIMIT = 100_000

# Syllable corrections. _SILENT_E: an "e" that closes a morpheme before a suffix or compound part
# ("safely", "management", "framework", "someone"). _EXTRA: vowel pairs said as two syllables
# ("media", "period", "video", "usual", "client", "area", "being", "royal", "autism").
_GROUPS = re.compile(r"[aeiouy]+")
_SILENT_E = re.compile(
    r"(?<=[^aeiou])e(?=(?:ly|ful|less|ness|ty|ships?)$)|(?<=[^aeioul])e(?=ments?$)"
    r"|(?<=\w{2}[^aeiou])e(?=(?:guard|work|load|lin|hold|keep|wid|wher|tim|sid|bas|for|on$))"
)
_EXTRA = re.compile(
    r"(?<![ct])ia|(?<![tscgxln])io|iu|eo(?![pu])|(?<!g)eou|(?<![qg])ua|(?<![qg])ue(?=[nl])"
    r"|(?<![tcg])ien(?!d)|.{3}ier$|iet|^creat|^re(?:act|ass|app)|^proa|[aeiouy]ings?$|[aeiou]y[aeiou]"
    r"|^coo(?![kl])|^coe|sms?$|[bdgkpt]lings?$"
)
_FINAL_EA = re.compile(r"[^aeiou]eas?$")
_SILENT_ED = re.compile(r"(?<=[^aeioutd])ed$")
_SILENT_ES = re.compile(r"(?<=[^aeiouysxzcgh])(?<![^aeiou]l)es$")
_SILENT_FINAL_E = re.compile(r"(?<=[^lr])e$|(?<=[aeiouy][lr])e$")
_SILENT_UE = re.compile(r"(?<=[qg])ues?$")
_SYLLABLE_EXCEPTIONS = {
    "anyone": 3,
    "business": 2,
    "businesses": 3,
    "evening": 2,
    "evenings": 2,
    "every": 2,
    "everyone": 3,
    "genuine": 3,
}


def syllables(word: str) -> int:
    """Estimated syllables in one word (letters only; at least 1)."""
    w = word.lower()
    if w in _SYLLABLE_EXCEPTIONS:
        return _SYLLABLE_EXCEPTIONS[w]
    extra = 1 if _FINAL_EA.search(w) else 0
    if len(w) > 3:
        w = _SILENT_UE.sub("", w)
        if w.endswith("ed"):
            w = _SILENT_ED.sub("", w)
        elif w.endswith("es"):
            w = _SILENT_ES.sub("", w)
    if w.endswith("e"):
        w = _SILENT_FINAL_E.sub("", w)
    count = len(_GROUPS.findall(w)) - len(_SILENT_E.findall(w)) + len(_EXTRA.findall(w)) + extra
    return max(1, count)


class Sentence(NamedTuple):
    """One sentence: character offsets into the text and its word and syllable counts."""

    start: int
    end: int
    words: int
    syllables: int
    long_words: int


def sentences(text: str) -> list[Sentence]:
    """The prose sentences of `text` (fragments under three words left out)."""
    found: list[Sentence] = []
    cache = _SYLLABLE_CACHE
    for start, end in _segments(text):
        words = _WORD.findall(text, start, end)
        if len(words) < MIN_SENTENCE_WORDS:
            continue
        try:
            counts = list(map(cache.__getitem__, words))
        except KeyError:
            counts = _count_and_cache(words)
        start, end = _trim(text, start, end)
        found.append(Sentence(start, end, len(words), sum(counts), len([c for c in counts if c >= 3])))
    return found


def _count_and_cache(words: list[str]) -> list[int]:
    """Syllable counts of `words`, adding the new ones to the cache (cleared when it grows too big)."""
    cache = _SYLLABLE_CACHE
    if len(cache) > _SYLLABLE_CACHE_LIMIT:
        cache.clear()
    local = {word: cache.get(word) or syllables(word) for word in set(words)}
    cache.update(local)
    return [local[word] for word in words]


def _segments(text: str) -> list[tuple[int, int]]:
    """Sentence candidates as (start, end), cut at sentence punctuation, bullets and line breaks
    (untrimmed: most are blank or too short, so only the kept ones are trimmed)."""
    segments: list[tuple[int, int]] = []
    cursor = 0
    for cut in _BOUNDARY.finditer(text):
        start, end = cut.span()
        segments.append((cursor, end if text[start] in _KEEPS_PUNCTUATION else start))
        cursor = end
    segments.append((cursor, len(text)))
    return segments


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def readability(text: str) -> Readability:
    """Flesch scores, reading age and sentence-length figures for `text`."""
    return summarise(sentences(text))


def summarise(found: list[Sentence]) -> Readability:
    """The `Readability` of already split sentences (lets the checker reuse them for spans)."""
    words = sum(s.words for s in found)
    if not words:
        return Readability()
    per_sentence = words / len(found)
    per_word = sum(s.syllables for s in found) / words
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    verdict: Verdict
    if words < TOO_SHORT_WORDS:
        verdict = "too_short"
    elif grade <= NHS_TARGET_GRADE:
        verdict = "meets_nhs_target"
    elif grade <= ACCEPTABLE_GRADE:
        verdict = "acceptable"
    else:
        verdict = "hard"
    return Readability(
        words=words,
        sentences=len(found),
        flesch_reading_ease=round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1),
        flesch_kincaid_grade=round(grade, 1),
        reading_age=round(grade + 5, 1),
        average_sentence_length=round(per_sentence, 1),
        long_word_share=round(sum(s.long_words for s in found) / words, 3),
        long_sentences=sum(1 for s in found if s.words > LONG_SENTENCE_WORDS),
        verdict=verdict,
    )
