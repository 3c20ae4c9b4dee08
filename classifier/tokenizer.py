"""A spaCy tokenizer whose time is linear in the text, whatever the text holds.

spaCy strips prefixes and suffixes from each whitespace-free run one token at a time, and each step searches
the whole remaining run (the suffix regex is an alternation of `...$` branches, which Python's `re` tries at
every position) and copies it: a run of n punctuation marks, symbols or emoji costs O(n²) (8,000 "!" took 10 s).
Two changes make it linear without changing the tokens of ordinary text:

- the suffix search starts near the end of the string (`pattern.search(s, pos)` keeps look-behinds exact); the
  only unbounded English suffix, `\\.\\.+`, falls back to the full search when its match reaches the window;
- a whitespace-free run longer than `MAX_RUN` characters is cut into pieces of at most `MAX_RUN`, each tokenized
  on its own; no real advert word or URL is that long, and every token stays an offset into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

MAX_RUN = 256
"""Longest whitespace-free run handed to spaCy in one piece (real adverts peak near 160: long URLs)."""

SUFFIX_WINDOW = 32
"""Characters from the end of a string where a suffix search starts; every bounded English suffix is shorter."""

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")

SuffixSearch = Callable[[str], "re.Match[str] | None"]


def windowed_suffix_search(pattern: re.Pattern[str], window: int = SUFFIX_WINDOW) -> SuffixSearch:
    """`pattern.search`, started `window` characters from the end; exact for `$`-anchored suffix patterns.

    A match starting after the window's start is the leftmost match of the whole string, because only an
    unbounded suffix can be longer than the window, and such a match would then also start at the window's
    start; that case (and only it) repeats the search over the whole string.
    """

    def search(text: str) -> re.Match[str] | None:
        pos = len(text) - window
        if pos <= 0:
            return pattern.search(text)
        match = pattern.search(text, pos)
        if match is not None and match.start() == pos:
            return pattern.search(text)
        return match

    return search


def split_long_runs(text: str, max_run: int = MAX_RUN) -> list[str]:
    """Cut `text` into pieces whose whitespace-free runs are at most `max_run` long; they join back to `text`."""
    pieces: list[str] = []
    start = 0
    for run in _long_runs(text, max_run):
        for cut in range(run.start() + max_run, run.end(), max_run):
            pieces.append(text[start:cut])
            start = cut
    pieces.append(text[start:])
    return pieces


def _long_runs(text: str, max_run: int) -> Iterator[re.Match[str]]:
    if max_run == MAX_RUN:
        return _LONG_RUN.finditer(text)
    return re.finditer(rf"\S{{{max_run + 1},}}", text)


class BoundedTokenizer:
    """Wraps spaCy's tokenizer: the same tokens on ordinary text, linear time on any text."""

    def __init__(self, inner: Tokenizer, max_run: int = MAX_RUN) -> None:
        suffix = inner.suffix_search
        pattern = getattr(suffix, "__self__", None)
        if isinstance(pattern, re.Pattern):
            inner.suffix_search = windowed_suffix_search(pattern)
        self.inner = inner
        self.vocab = inner.vocab
        self.max_run = max_run

    def __call__(self, text: str) -> Doc:
        pieces = split_long_runs(text, self.max_run)
        if len(pieces) == 1:
            return self.inner(text)
        words: list[str] = []
        spaces: list[bool] = []
        for piece in pieces:
            for token in self.inner(piece):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Same as spaCy's `Tokenizer.pipe` (one text at a time)."""
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        """Everything else (rules, explain, to_bytes) is the wrapped tokenizer's."""
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)
