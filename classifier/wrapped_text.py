"""A view of an advert's text with line-wrapped and hyphen-broken phrases joined, and the way back.

PDF extraction and hard-wrapped text files break lines mid-phrase ("PWP\\ncertificate", "Care Certifi-\\ncate"),
and a phrase matcher on tokens never sees a phrase across a line break. The view joins a break only
where the words on either side belong together in a lexicon phrasing and the break looks like a wrap:
the next line goes on in lower case, or the line before is nearly as long as the text's longest line
(a heading such as "Essential" above "Care Certificate" is neither). Blank lines never join. Matches
found in the view are mapped back to offsets in the original text, so every span still points at the
advert as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

# A capitalised next line joins only when the line before is at least this full (share of the longest
# line, and characters): PDF and hard-wrapped lines fill the width, headings and list items do not.
_FULL_SHARE, _FULL_CHARS = 0.6, 30
# A line break before a word (so never a blank line), examined from the break outward: a pattern that
# starts with the newline is searched for fast, where one starting at each word would cost as much as
# tokenising the text.
_NEWLINE = re.compile(r"\n[ \t]*(?=[^\W_])")
_WORD_AFTER = re.compile(r"[^\W_]+")
_LONGEST_WORD = 60

Joiner = Callable[[str, str, bool], str | None]
"""(word before the break, word after it, hyphen at the break?) -> the replacement, or None to keep it."""


@dataclass(frozen=True)
class TextView:
    """`text` with some breaks joined; each run of unchanged characters starts at `_view_starts[i]` in
    the view and at `_original_starts[i]` in the original."""

    original: str
    text: str
    _view_starts: tuple[int, ...] = (0,)
    _original_starts: tuple[int, ...] = (0,)

    @property
    def changed(self) -> bool:
        return len(self._view_starts) > 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span [start, end) of the view span [start, end) (end exclusive, end > start)."""
        return self._map(start), self._map(end - 1) + 1

    def _map(self, offset: int) -> int:
        run = bisect_right(self._view_starts, offset) - 1
        return self._original_starts[run] + offset - self._view_starts[run]


def unwrap(text: str, joiner: Joiner) -> TextView:
    """The view of `text` in which `joiner` decided which line breaks to close."""
    if "\n" not in text:
        return TextView(text, text)
    pieces: list[str] = []
    view_starts, original_starts = [0], [0]
    copied = view_length = 0
    full = -1
    for match in _NEWLINE.finditer(text):
        found = _line_end(text, match.start())
        if found is None:
            continue
        left, cut, hyphen = found
        if text[match.end()].isupper():
            if full < 0:
                full = max(_FULL_CHARS, int(_FULL_SHARE * max(map(len, text.split("\n")))))
            if cut - (text.rfind("\n", 0, cut) + 1) < full:
                continue
        right = _WORD_AFTER.match(text, match.end())
        assert right is not None  # the pattern's look-ahead saw a word character
        replacement = joiner(text[left:cut].lower(), right.group(0).lower(), hyphen)
        if replacement is None:
            continue
        pieces.append(text[copied:cut])
        pieces.append(replacement)
        view_length += cut - copied + len(replacement)
        copied = match.end()
        view_starts.append(view_length)
        original_starts.append(copied)
    if len(view_starts) == 1:
        return TextView(text, text)
    pieces.append(text[copied:])
    return TextView(text, "".join(pieces), tuple(view_starts), tuple(original_starts))


def _line_end(text: str, newline: int) -> tuple[int, int, bool] | None:
    """(start of the line's last word, its end, hyphen after it?) when the line ends in a word, else None."""
    end = newline
    while end > 0 and text[end - 1] in " \t\r":
        end -= 1
    hyphen = end > 0 and text[end - 1] == "-"
    cut = end - 1 if hyphen else end
    start = cut
    while start > 0 and cut - start < _LONGEST_WORD and text[start - 1].isalnum():
        start -= 1
    return (start, cut, hyphen) if start < cut else None


def phrase_joiner(pairs: frozenset[tuple[str, str]], words: frozenset[str]) -> Joiner:
    """Join a break where the two words are adjacent in some phrasing (`pairs`, lower-cased tokens).

    After a hyphen: drop hyphen and break when the joined word is a lexicon word ("certifi-" + "cate"),
    keep the hyphen when the phrasing is hyphenated ("person-" + "centred").
    """

    def join(left: str, right: str, hyphen: bool) -> str | None:
        if not hyphen:
            return " " if (left, right) in pairs else None
        if left + right in words:
            return ""
        return "-" if (left, "-") in pairs and ("-", right) in pairs else None

    return join
