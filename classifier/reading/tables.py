"""Tables (DOCX and HTML) as lines the section splitter can label.

Person specifications are usually tables with "Essential" and "Desirable" columns, or one "E/D" column, or
tick marks. Each cell under such a column becomes an "Essential: ..." / "Desirable: ..." line, which the
splitter reads as an inline label; other tables become "label: value" lines or plain cell text.
"""

from __future__ import annotations

import re
from typing import Literal

Column = Literal["essential", "desirable", "either", "other"]

_HEADER_ROWS = 3
_SHORT_LABEL = 40
_COLUMN_KINDS: dict[str, Column] = {
    "essential": "essential",
    "e": "essential",
    "desirable": "desirable",
    "d": "desirable",
    "essential or desirable": "either",
    "essential/desirable": "either",
    "e/d": "either",
    "e or d": "either",
}
_HEADER_NOISE = re.compile(r"\s*(?:criteria|requirements?|\(e\)|\(d\))\s*$")
_MARKS = frozenset({"✓", "✔", "✅", "☑", "√", "x", "yes", "y", "*", "•", "e", "d", "essential", "desirable"})


def _tidy(cell: str) -> str:
    lines = (" ".join(line.split()) for line in cell.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _kind(header: str) -> Column:
    key = _HEADER_NOISE.sub("", " ".join(header.lower().split()).strip(" :*"))
    return _COLUMN_KINDS.get(key, "other")


def _label_line(label: str, content: str) -> str:
    return f"{label}: {content}"


def _criteria_row(row: list[str], kinds: list[Column], headers: list[str]) -> list[str]:
    """One person-specification row: criterion or category first, then labelled cells."""
    others = [(h, c) for h, c, k in zip(headers, row, kinds, strict=True) if k == "other" and c]
    labelled = [(k, c) for c, k in zip(row, kinds, strict=True) if k != "other" and c]
    lines: list[str] = []
    criterion = others[0][1] if others else ""
    is_mark = [c.lower().strip(" .") in _MARKS for _k, c in labelled]
    if criterion and labelled and all(is_mark):
        rest = [_label_line(h, c) for h, c in others[1:] if h]
        kind, mark = labelled[0]
        if kind == "either":
            kind = "desirable" if mark.lower().startswith("d") else "essential"
        return [*rest, _label_line(kind.capitalize(), criterion)]
    if criterion:
        lines.append(criterion)
    lines.extend(_label_line(h, c) if h else c for h, c in others[1:])
    lines.extend(_label_line(k.capitalize(), c) for k, c in labelled if k != "either")
    return lines


def _plain_row(row: list[str]) -> list[str]:
    cells = [c for c in row if c]
    if len(cells) >= 2 and len(cells[0]) <= _SHORT_LABEL and "\n" not in cells[0]:
        label = cells[0].rstrip(":")
        return [_label_line(label, " | ".join(cells[1:]))]
    return cells


def table_lines(rows: list[list[str]]) -> list[str]:
    """Lines for a table given as rows of cell texts (merged cells already collapsed)."""
    tidy = [[_tidy(c) for c in row] for row in rows]
    tidy = [row for row in tidy if any(row)]
    header_at = next(
        (
            i
            for i, row in enumerate(tidy[:_HEADER_ROWS])
            if any(_kind(c) != "other" for c in row) and len(row) > 1
        ),
        None,
    )
    multi_line = any("\n" in c for row in tidy for c in row)
    lines: list[str] = [""]
    for i, row in enumerate(tidy):
        if header_at is not None and i == header_at:
            continue
        if header_at is not None and i > header_at and len(row) == len(tidy[header_at]):
            header = tidy[header_at]
            lines.extend(_criteria_row(row, [_kind(h) for h in header], header))
            lines.append("")
        else:
            lines.extend(_plain_row(row))
            if multi_line:
                lines.append("")
    lines.append("")
    return lines
