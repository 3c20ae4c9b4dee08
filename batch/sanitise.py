"""Make one raw JSONL line safe to analyse and to write back, whatever it holds.

`json.loads` can raise more than `JSONDecodeError`: `RecursionError` on arrays nested 100,000 deep and
`ValueError` on an integer of more than 4,300 digits; and it returns lone surrogates (`"\\ud800"`) that no
UTF-8 writer accepts. Each of these ended a whole batch run (and `--resume` stopped on the same row); here
they become a problem string, so the row becomes an error row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
MAX_DEPTH = 64
"""Deeper values are not advert fields; kept columns are cut off here so writing them cannot recurse."""


def parse_line(line: bytes) -> tuple[Mapping[str, Any] | None, str | None]:
    """The line's object, or why it cannot be one; lone surrogates become U+FFFD (the id is checked apart)."""
    try:
        parsed = json.loads(line)
    except RecursionError:
        return None, "not a valid JSON line: nested too deeply"
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, and integers over 4,300 digits
        return None, f"not a valid JSON line: {str(exc)[:200]}"
    if not isinstance(parsed, dict):
        return None, f"a JSON line must be an object, not {type(parsed).__name__}"
    if _ESCAPED_SURROGATE.search(line):
        return _replace_surrogates(parsed), None
    return parsed, None


def has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def clean_string(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (writable as UTF-8)."""
    return _SURROGATE.sub("\ufffd", text)


def _replace_surrogates(fields: dict[str, Any]) -> dict[str, Any]:
    """Surrogates out of top-level strings; the raw id is kept under a marker so the id check can see it."""
    cleaned: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, str) and has_surrogate(value):
            cleaned[clean_string(key)] = SurrogateString(clean_string(value))
        else:
            cleaned[clean_string(key)] = clip_depth(value)
    return cleaned


class SurrogateString(str):
    """A string that held lone surrogates (now U+FFFD): usable as text, refused as an id."""


def clip_depth(value: Any, depth: int = 0) -> Any:
    """`value` with surrogates replaced and anything nested deeper than MAX_DEPTH summarised."""
    if isinstance(value, str):
        return clean_string(value)
    if depth >= MAX_DEPTH and isinstance(value, list | dict):
        return f"<{type(value).__name__} nested over {MAX_DEPTH} levels>"
    if isinstance(value, list):
        return [clip_depth(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {clean_string(str(k)): clip_depth(item, depth + 1) for k, item in value.items()}
    return value
