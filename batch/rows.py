"""One input record in, one `Row` out (an `Advert`, or why not): the rules that keep rows in == rows out.

Every record becomes exactly one output row. A record that cannot be analysed (broken JSON, missing or
empty text, wrong types, text over the limit) becomes an error row with the reason, never an exception.
A record without an id gets the positional id `row-N` (N counts input rows from 1, bad rows included),
so an error row can always be traced back to its input row.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from batch.sanitise import MAX_DEPTH, SurrogateString, clip_depth, parse_line
from classifier.reading import from_text
from classifier.schema import Advert

MAX_TEXT_CHARS = 100_000
"""Longer 'adverts' are almost always whole pages or concatenated files; analysing them skews the results."""

Record = Mapping[str, Any] | bytes
"""A parsed CSV/Parquet row, or one raw JSONL line (parsed in the worker, where the cost is spread)."""


@dataclass(frozen=True)
class Columns:
    """Which input fields hold the id, title and text, and which others to copy into the output."""

    id: str = "id"
    title: str = "title"
    text: str = "text"
    keep: tuple[str, ...] = field(default_factory=tuple)
    date: str = "date_posted"


@dataclass(frozen=True)
class Row:
    """Exactly one of `advert` and `error` is set; `kept` holds the copied input columns, if any."""

    id: str
    advert: Advert | None = None
    error: str | None = None
    kept: dict[str, Any] | None = None


def positional_id(row_number: int) -> str:
    return f"row-{row_number}"


def _missing(value: Any) -> bool:
    """None, and the NaN that pandas-written files use for a missing value."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _id_of(value: Any, row_number: int) -> tuple[str, str | None]:
    """The row's id and, if the value is unusable, why."""
    if _missing(value) or value == "":
        return positional_id(row_number), None
    if isinstance(value, SurrogateString):
        return positional_id(row_number), "id is not valid Unicode (it holds a lone surrogate)"
    if isinstance(value, str):
        return value, None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    return positional_id(row_number), f"id must be a string or an integer, not {type(value).__name__}"


def _jsonable(value: Any, depth: int = 0) -> Any:
    """Kept input values go into JSON output: dates, decimals and bytes become text; surrogates become
    U+FFFD and nesting past `MAX_DEPTH` is summarised, so writing the row cannot fail."""
    if _missing(value) or isinstance(value, str | bool | int | float):
        return None if _missing(value) else clip_depth(value)
    if depth >= MAX_DEPTH and isinstance(value, list | tuple | Mapping):
        return f"<nested over {MAX_DEPTH} levels>"
    if isinstance(value, list | tuple):
        return [_jsonable(item, depth + 1) for item in value]
    if isinstance(value, Mapping):
        return {clip_depth(str(key)): _jsonable(item, depth + 1) for key, item in value.items()}
    return clip_depth(str(value))


def _parse(record: Record) -> tuple[Mapping[str, Any] | None, str | None]:
    if not isinstance(record, bytes):
        return record, None
    return parse_line(record)


def validate(record: Record, row_number: int, columns: Columns, max_chars: int = MAX_TEXT_CHARS) -> Row:
    """The record as an `Advert` (id set, sections found), or the reason it cannot be analysed."""
    fields, problem = _parse(record)
    kept = {name: _jsonable((fields or {}).get(name)) for name in columns.keep} if columns.keep else None
    if fields is None:
        return Row(positional_id(row_number), error=problem or "unreadable row", kept=kept)
    row_id, problem = _id_of(fields.get(columns.id), row_number)
    text, title = fields.get(columns.text), fields.get(columns.title)
    if problem is None:
        problem = _text_problem(text, columns.text, max_chars)
    if problem is None and not (_missing(title) or isinstance(title, str)):
        problem = f"{columns.title} must be a string, not {type(title).__name__}"
    posted, date_problem = _date_of(fields.get(columns.date), columns.date)
    problem = problem or date_problem
    if problem is not None:
        return Row(row_id, error=problem, kept=kept)
    assert isinstance(text, str)
    advert = from_text(text, title=None if _missing(title) else title, id=row_id, date_posted=posted)
    return Row(row_id, advert=advert, kept=kept)


def _date_of(value: Any, name: str) -> tuple[date | None, str | None]:
    """An ISO date (a datetime keeps its day), None when absent, or the problem naming the column."""
    if _missing(value) or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]), None
        except ValueError:
            pass
    return None, f"{name} must be an ISO date (YYYY-MM-DD), not {str(value)[:40]!r}"


def _text_problem(text: Any, name: str, max_chars: int) -> str | None:
    if _missing(text):
        return f"missing {name}"
    if not isinstance(text, str):
        return f"{name} must be a string, not {type(text).__name__}"
    if not text.strip():
        return f"empty {name}"
    if len(text) > max_chars:
        return f"{name} is {len(text):,} characters, over the {max_chars:,} limit"
    return None
