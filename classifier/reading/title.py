"""Best-effort job title from advert text, for inputs that come without one.

Only layouts that say where the title is are trusted: a "Job title:" label, the NHS Jobs page copy (title
just above "The closing date is", or under "Employer heading"), a "Title | Employer" first line, or a short
first line naming a role. Anything else gives None: a wrong title misleads the role classifier more than no
title does.
"""

from __future__ import annotations

import re

_HEAD = 4000  # titles sit near the top; bounding the search keeps long documents cheap
_MAX_TITLE = 100

_LABELLED = re.compile(
    r"[ \t]*(?:job|post|position|role|vacancy)?[ \t]*title(?:[ \t]+of[ \t]+(?:post|job|role))?"
    r"(?:[ \t]*/[ \t]*grade)?[ \t]*(?:[:|\t][ \t|:]*\n?|[ \t]*\n)[ \t]*\n?[ \t]*(?P<value>[^\n]*)",
)  # matched against lower-cased text, like `_ROLE_NOUN`
_NEXT_LABEL = re.compile(r"\s{2,}|\t| \| |\s(?=[A-Z][\w/&()'-]*(?: [\w/&()'-]+){0,3}:)")
# NHS Jobs page copies: "<employer>\n<title>\nThe closing date is ..." or "Employer heading\n<logo>\n<title>".
_CLOSING = "\nThe closing date is"
_EMPLOYER_HEADING = "Employer heading\n"
_EMPLOYER_ENDINGS = (
    " trust",
    " nhs",
    " ltd",
    " limited",
    " plc",
    " council",
    " cic",
    " board",
    " charity",
    " healthcare",
    " health care",
    " services",
    " service",
    " logo",
    " university",
    " hospital",
    " hospitals",
)
_BOILERPLATE_STARTS = ("go back", "please wait", "skip to", "apply", "menu", "enable job alerts")
_BAND_LINE = re.compile(r"(?:nhs afc: )?band \w+|£.*|\d.*", re.IGNORECASE)
_ROLE_NOUN = re.compile(
    r"\b(?:worker|assistant|nurse|practitioner|therapist|psychologist|psychotherapist|counsell?or|officer"
    r"|manager|co-?ordinator|lead|leader|technician|administrator|secretary|clerk|psychiatrist|consultant"
    r"|associate|advis[eo]r|mentor|navigator|specialist|apprentice|trainee|instructor|housekeeper|assessor"
    r"|professional|facilitator|supervisor|director|matron|carer|befriender|receptionist|pharmacist"
    r"|physiotherapist|dietitian|doctor|registrar|advocate|auxiliary|sister|amhp|hca|hcsw|pwp|emhp|cwp)s?\b"
)  # matched against lower-cased text: IGNORECASE makes this alternation several times slower


def _clean(value: str) -> str | None:
    value = _NEXT_LABEL.split(value.strip(), maxsplit=1)[0].strip(" \t\r:|-–—*#")
    if not value or len(value) > _MAX_TITLE or value.endswith((".", "?", "!")):
        return None
    return value


def _not_title(line: str) -> bool:
    low = line.lower().rstrip(" .")
    return low.endswith(_EMPLOYER_ENDINGS) or low.startswith(_BOILERPLATE_STARTS)


def _label_starts(low: str, found: int) -> tuple[int, int]:
    """Where a "... title" label may begin: the line start, or the word before (in a flattened document)."""
    word = low.rfind(" ", 0, max(found - 1, 0)) + 1 if low[found - 1 : found] == " " else found
    return low.rfind("\n", 0, found) + 1, word


def _labelled(head: str) -> str | None:
    low = head.lower()
    found = low.find("title")
    while found != -1:
        for start in _label_starts(low, found):
            match = _LABELLED.match(low, start)
            title = _clean(head[match.start("value") : match.end("value")]) if match else None
            if title and _ROLE_NOUN.search(title.lower()):
                return title
        found = low.find("title", found + 5)
    return None


def _nonblank_lines(block: str) -> list[str]:
    return [line.strip() for line in block.split("\n") if line.strip()]


def _nhs_jobs(head: str) -> str | None:
    closing = head.find(_CLOSING)
    if closing != -1:
        before = _nonblank_lines(head[max(0, closing - 300) : closing])
        if before and not _not_title(before[-1]):
            return _clean(before[-1])
    heading = head.find(_EMPLOYER_HEADING)
    if heading != -1:
        for line in _nonblank_lines(head[heading + len(_EMPLOYER_HEADING) : heading + 600])[:4]:
            if not (_not_title(line) or _BAND_LINE.fullmatch(line)):
                return _clean(line)
    return None


def _first_line(head: str) -> str | None:
    for line in _nonblank_lines(head[:600])[:3]:
        candidate = line.split(" | ", 1)[0].strip()
        short = len(candidate) <= _MAX_TITLE and len(candidate.split()) <= 10
        if short and not _not_title(candidate) and _ROLE_NOUN.search(candidate.lower()):
            return _clean(candidate)
    return None


def guess_title(text: str) -> str | None:
    """The advert's job title when the layout makes it clear, else None."""
    head = text[:_HEAD]
    return _labelled(head) or _nhs_jobs(head) or _first_line(head)
