"""The advert's job title when none is given, and where it was found (`title_source`).

In order of trust: a "Job title:" field (`field`); the page or document heading, i.e. an HTML <h1>/<title>,
a DOCX Title or first heading, or the NHS Jobs layout (`heading`); else the most title-like early line,
kept only above a score threshold, or the post named after "We are recruiting a ..." (`guessed`). A wrong title misleads the role classifier more than no
title does, so every candidate must name a post and must not read like a sentence or an employer.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from classifier.reading.title_lines import MAX_TITLE_CHARS, best_line, title_score, trim_segments
from classifier.reading.title_phrases import sentence_title
from classifier.reading.title_words import TitleWords, title_words
from classifier.schema import TitleSource

_HEAD = 4000  # titles sit near the top; bounding the search keeps long documents cheap
_SEP = r"[ \t]*(?:[:|\t][ \t|:]*\n?|\n)[ \t]*\n?[ \t]*(?:/[ \t]*)?"
_TITLE_FIELD = re.compile(
    r"[ \t]*(?:(?:job|post|position|role|vacancy)[ \t]*)?title(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?:post|job|role))?"
    r"(?:[ \t]*(?:/|and|&)[ \t]*grade)?" + _SEP + r"(?P<value>[^\n]*)"
)  # matched against lower-cased text, like every word list
_OTHER_FIELD = re.compile(
    r"[ \t]*(?:position|post|job[ \t]+role|vacancy|designation)[ \t]*[:|][ \t|]*\n?[ \t]*(?P<value>[^\n]*)"
)
_LABEL_AT = re.compile(r"(?m)^|(?<=[ \t])(?=(?:job|post)[ \t]+title\b)")
_CONTACT = re.compile(r"\bcontact|\bname[ \t]*:|informal|enquir")
_CUT = re.compile(r"\s{2,}|\t| \| ")
_STRIP = " \t\r:|-–—*#/"
# NHS Jobs page copies: "<employer>\n<title>\nThe closing date is ..." or "Employer heading\n<logo>\n<title>".
_CLOSING = "\nThe closing date is"
_EMPLOYER_HEADING = "Employer heading\n"
_BAND_LINE = re.compile(r"(?:nhs afc: )?band \w+|£.*|\d.*", re.IGNORECASE)


class FoundTitle(NamedTuple):
    title: str
    source: TitleSource


def _field_value(value: str, words: TitleWords) -> str | None:
    """The title in a field's value: up to the next label of a flattened document, if it names a post."""
    value = _CUT.split(value.strip(), maxsplit=1)[0]
    low = value.lower()
    if len(low) == len(value) and (stop := words.field_stop.search(low)):
        value = value[: stop.start()]
    value = value.strip(_STRIP)
    if not value or len(value) > MAX_TITLE_CHARS or value.endswith((".", "?", "!")):
        return None
    low = value.lower()
    if not words.has_role_noun(low) or len(words.sentence_word.findall(low)) >= 2:
        return None
    return value


def field_title(head: str, words: TitleWords | None = None) -> str | None:
    """The value of the first "Job title:" (or "Position:", "Post title |", ...) field that names a post."""
    words = words or title_words()
    low = head.lower()
    for at in _LABEL_AT.finditer(low):
        if _CONTACT.search(low, max(0, at.start() - 200), at.start()):
            continue  # "For further details contact: Name: ... Job title: ...": the contact's post
        for pattern in (_TITLE_FIELD, _OTHER_FIELD):
            match = pattern.match(low, at.start())
            if match and (value := _field_value(head[match.start("value") : match.end("value")], words)):
                return value
    return None


def _nonblank_lines(block: str) -> list[str]:
    return [line.strip() for line in block.split("\n") if line.strip()]


def _layout_line(line: str, words: TitleWords) -> str | None:
    low = line.lower().rstrip(" .")
    if (
        words.employer_end.search(low)
        or words.not_title_start.match(low)
        or words.document.fullmatch(low)
        or _BAND_LINE.fullmatch(line)
    ):
        return None
    value = line.strip(_STRIP)
    return value if 0 < len(value) <= MAX_TITLE_CHARS and not value.endswith((".", "?", "!")) else None


def nhs_jobs_title(head: str, words: TitleWords | None = None) -> str | None:
    """The title in a copied NHS Jobs page: the line above "The closing date is", or under the employer."""
    words = words or title_words()
    closing = head.find(_CLOSING)
    if closing != -1:
        before = _nonblank_lines(head[max(0, closing - 300) : closing])
        if before and (title := _layout_line(before[-1], words)):
            return title
    heading = head.find(_EMPLOYER_HEADING)
    if heading != -1:
        for line in _nonblank_lines(head[heading + len(_EMPLOYER_HEADING) : heading + 600])[:4]:
            if title := _layout_line(line, words):
                return title
    return None


def heading_title(heading: str, words: TitleWords | None = None) -> str | None:
    """A document heading (DOCX Title style or first heading) as a title, if it names a post; a heading
    such as "Job Description" or an employer's name gives None."""
    words = words or title_words()
    candidate = trim_segments(" ".join(heading.split()), words)
    return candidate if title_score(candidate, words) >= 0 else None


def find_title(text: str, heading: str | None = None, *, heading_first: bool = False) -> FoundTitle | None:
    """The title of an advert that came without one, and its source; None when nothing is sure enough.

    `heading` is a title the format reader found (HTML <h1>/<title>, DOCX heading). A web page's heading
    is the post's own (`heading_first`); a Word heading comes after an explicit "Job title:" field.
    """
    heading = " ".join(heading.split()) if heading else None
    if heading and heading_first:
        return FoundTitle(heading, "heading")
    head = text[:_HEAD]
    words = title_words()
    if found := field_title(head, words):
        return FoundTitle(found, "field")
    if heading:
        return FoundTitle(heading, "heading")
    if found := nhs_jobs_title(head, words):
        return FoundTitle(found, "heading")
    if found := best_line(head, words) or sentence_title(head, words):
        return FoundTitle(found, "guessed")
    return None


def guess_title(text: str) -> str | None:
    """The advert's job title found in its text (see `find_title`), else None."""
    found = find_title(text)
    return found.title if found else None
