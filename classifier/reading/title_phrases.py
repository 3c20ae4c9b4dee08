"""A post named in an opening sentence, for adverts that have no title line at all.

Job-board overviews often start "We are recruiting a Band 5 Registered Nurse to join ..." with no line of
their own for the title. The capitalised phrase after a recruiting cue, cut back to its last role noun,
names the post; the role model does far better with it than with no title (`python3 -m training.title_eval`).
"""

from __future__ import annotations

import re

from classifier.reading.title_lines import before_contacts
from classifier.reading.title_words import TitleWords, title_words

_SENTENCE_HEAD = 1200  # the opening sentences; a post named further down is often another post
_MAX_WORDS = 8
_WORD = r"(?:[A-Z][\w'’/-]*|\([A-Z][\w'’/-]*\)|\d{1,2}[a-d]?)"
_LINK = r"(?:and|of|in|for|&|/|-)"
_LIST_WORDS = frozenset({"and", "&", "/", "or"})
_PHRASE = re.compile(rf"{_WORD}(?:[ \t]+(?:{_WORD}|{_LINK}))*")


def _cut_to_role_noun(words: list[str], vocabulary: TitleWords) -> list[str]:
    while words and not vocabulary.role_noun.fullmatch(words[-1].lower().strip("()")):
        words.pop()
    return words


def _singular(word: str, vocabulary: TitleWords) -> str:
    """ "Staff Nurses" are recruited, but the post is "Staff Nurse": the title names one post."""
    low = word.lower()
    if low.endswith("ves"):
        stem = word[:-3] + ("fe" if word[-3:].islower() else "FE")
    elif low.endswith("s") and not low.endswith("ss"):
        stem = word[:-1]
    else:
        return word
    return stem if vocabulary.role_noun.fullmatch(stem.lower()) else word


def sentence_title(head: str, vocabulary: TitleWords | None = None) -> str | None:
    """The post named after the first recruiting cue ("recruiting a", "looking for", ...) that is followed
    by a capitalised phrase ending in a role noun, else None."""
    vocabulary = vocabulary or title_words()
    head = before_contacts(head[:_SENTENCE_HEAD])
    low = head.lower()
    for cue in vocabulary.sentence_cue.finditer(low):
        phrase = _PHRASE.match(head, cue.end())
        if phrase is None:
            continue
        words = _cut_to_role_noun(phrase.group(0).split(), vocabulary)
        while words and words[0][:1].isdigit():  # "2 RMN", "3 Staff Nurses": a count, not the post
            words.pop(0)
        if 0 < len(words) <= _MAX_WORDS:
            if not _LIST_WORDS.intersection(words):  # "Midwives and Nurses" stay a list of posts
                words[-1] = _singular(words[-1], vocabulary)
            return " ".join(words)
    return None
