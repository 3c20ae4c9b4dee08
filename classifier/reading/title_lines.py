"""How title-like a short line is, and the most title-like early line of an advert.

A wrong title misleads the role classifier more than no title does, so a line must name a post (a role
noun), read like a heading (short, capitalised, no sentence words or sentence punctuation) and not be an
employer, a form label or the document's own name. The score and threshold were tuned for precision on
the development adverts and the NHS Jobs 2020 corpus (`python3 -m training.title_eval`).
"""

from __future__ import annotations

import re

from classifier.reading.title_words import TitleWords, title_words

MAX_TITLE_CHARS = 100
MAX_TITLE_WORDS = 12
GUESS_THRESHOLD = 0.75
"""Lines scoring below this are not used (precision over recall: see the module docstring)."""
_EARLY_CHARS = 1500
_EARLY_LINES = 12
_SEGMENT = re.compile(r"\s+[–—-]\s+")
_STRIP = " \t\r:|-–—*#•·>"
_SMALL = frozenset({"a", "an", "and", "&", "of", "in", "for", "the", "to", "with", "at", "on", "or", "by"})
_LIST = re.compile(r"\s*(?:,|&|/|\band\b)\s*")
_SENTENCE_END = re.compile(r"[.?!]['\"’”)]?$|\.\s+[A-Z]")
_LABEL = re.compile(r"^([^:]{1,40}):\s")
_PERSON = re.compile(
    r"^([A-Z][a-z]+(?:[\s-][A-Z][a-z'’-]+){1,2})\s*(?:[,(–—]|-\s|$)"
)  # "Jo Bloggs, Service Manager", "Jo Bloggs (Team Lead)", "Jo Bloggs - Matron": a contact
_PLACE_AFTER = re.compile(r"\s+(?:services?|team|teams|unit|ward|department|clinic|centre|hub)")
_GLUED_LABEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]+(?: [A-Za-z][a-z]+)?:)")
_PHONE = re.compile(r"\d{5}|\d{4}\s\d{3}")
_CONTACT = re.compile(
    r"(?im)^.*\b(?:for (?:further|more) (?:information|details)|informal (?:visits?|enquiries|discussions?)"
    r"|please contact|contact details|enquiries to|for an informal)\b"
)  # the contact paragraph: the posts named after it are the contacts', not the advert's
_NOT_IN_TITLE = re.compile(
    r"£|@|https?:|www\.|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)  # money, e-mail and web addresses, dates


def is_document_name(low: str, words: TitleWords) -> bool:
    """ "job description", or a list of such names ("job description, person specification & ...")."""
    return all(words.document.fullmatch(part) for part in _LIST.split(low) if part.strip())


def _is_employer_or_document(segment: str, words: TitleWords) -> bool:
    """Only the surest employer endings: "Service" or "Hospital" often end a title's place qualifier."""
    low = segment.lower().strip(_STRIP)
    return not low or is_document_name(low, words) or words.employer_segment_end.search(low) is not None


def trim_segments(line: str, words: TitleWords | None = None) -> str:
    """`line` without the segments that name the employer, the site or the document: the first "|" cell
    that names a post, then without such leading or trailing " - " segments ("JOB DESCRIPTION - Support
    Worker", "Peer Support Worker | Hollin Valley Mind", "Ward Clerk - Hollin Valley NHS Trust")."""
    words = words or title_words()
    cells = [cell.strip(_STRIP) for cell in line.split("|")]
    line = next((cell for cell in cells if words.has_role_noun(cell.lower())), cells[0])
    parts = _SEGMENT.split(line.strip(_STRIP))
    seps = _SEGMENT.findall(line.strip(_STRIP))
    start, end = 0, len(parts)
    while end - start > 1 and _is_employer_or_document(parts[end - 1], words):
        end -= 1
    while end - start > 1 and _is_employer_or_document(parts[start], words):
        start += 1
    kept = parts[start:end]
    text = kept[0]
    for sep, part in zip(seps[start : end - 1], kept[1:], strict=True):
        text += sep + part
    return text.strip(_STRIP)


def _capitalised_share(tokens: list[str]) -> float:
    content = [t for t in tokens if t.lower() not in _SMALL and t[:1].isalpha()]
    if not content:
        return 0.0
    return sum(1 for t in content if t[:1].isupper()) / len(content)


def title_score(line: str, words: TitleWords | None = None) -> float:
    """How much `line` (already trimmed) looks like a job title: below 0 means it is not one."""
    words = words or title_words()
    low = line.lower()
    tokens = line.split()
    if not tokens or len(line) > MAX_TITLE_CHARS or len(tokens) > MAX_TITLE_WORDS:
        return -1.0
    if not words.has_role_noun(low) or _SENTENCE_END.search(line) or _NOT_IN_TITLE.search(line):
        return -1.0
    if _PHONE.search(line):
        return -1.0
    if words.not_title_start.match(low) or is_document_name(low, words):
        return -1.0
    label = _LABEL.match(line)
    if label and not words.has_role_noun(label.group(1).lower()):
        return -1.0  # "Reports to: Team Manager" is a form field about another post
    person = _PERSON.match(line)
    if person and not words.has_role_noun(person.group(1).lower()):
        return -1.0
    if words.employer_segment_end.search(low) or (
        words.employer_end.search(low) and not words.has_role_noun(_SEGMENT.split(low)[0])
    ):
        return -1.0
    last = list(words.role_noun.finditer(low))[-1]
    if _PLACE_AFTER.fullmatch(low, last.end()):
        return -1.0  # "Specialist Service", "Nursing Workforce Team": the noun qualifies a place
    sentence = len(words.sentence_word.findall(low))
    if sentence >= 2:
        return -1.0
    score = 0.6 + 0.4 * _capitalised_share(tokens) - 0.35 * sentence
    if not line[:1].isupper():
        score -= 0.3  # lower case or a number ("14 month contract - Apprenticeship")
    if len(tokens) > 8:
        score -= 0.05 * (len(tokens) - 8)
    if line.isupper() and len(tokens) > 6:
        score -= 0.2  # a shouted line that long is usually a banner, not the title
    return score


def before_contacts(head: str) -> str:
    """`head` up to the line that introduces the contact details, if any."""
    contact = _CONTACT.search(head)
    return head[: contact.start()] if contact else head


def _early_lines(head: str) -> list[str]:
    """The first non-blank lines, each cut where a label was glued on by text extraction
    ("Recovery Support WorkerReference: 20904")."""
    lines = [
        _GLUED_LABEL.split(line, maxsplit=1)[0].strip()
        for line in before_contacts(head[:_EARLY_CHARS]).split("\n")
    ]
    return [line for line in lines if line][:_EARLY_LINES]


def best_line(head: str, words: TitleWords | None = None) -> str | None:
    """The most title-like of the first lines, if any scores above `GUESS_THRESHOLD`; earlier lines win ties."""
    words = words or title_words()
    best: tuple[float, str] | None = None
    for index, line in enumerate(_early_lines(head)):
        candidate = trim_segments(line, words)
        score = title_score(candidate, words) - 0.03 * index
        if score >= GUESS_THRESHOLD and (best is None or score > best[0]):
            best = (score, candidate)
    return best[1] if best else None
