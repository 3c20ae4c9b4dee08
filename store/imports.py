"""Corrections from a researcher's hand-checked sample: CSV or JSONL rows of (id, field, value).

`id` is a stored analysis id or the id of a batch result row; rows for one id merge into one correction.
Batch rows not yet in the database are stored from the batch results (without text) so the correction has
an analysis to belong to. Everything is checked before anything is written: one bad row, nothing imported.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from store.corrections import LIST_FIELDS, CorrectionIn, problems
from store.errors import StoreError
from store.vocabulary import Vocabulary

SCALAR_FIELDS = ("role_id", "category", "band", "title", "note")
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}


class ImportError_(StoreError):
    """The file cannot be imported; the message names the file and line."""


@dataclass
class Pending:
    where: str
    body: dict[str, Any] = field(default_factory=dict)


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportError_(f"{path}: cannot read ({exc.__class__.__name__})") from exc
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ImportError_(f"{path}:{number}: not JSON ({exc.msg})") from exc
        return
    reader = csv.DictReader(text.splitlines())
    missing = {"id", "field", "value"} - set(reader.fieldnames or [])
    if missing:
        raise ImportError_(
            f"{path}: the header needs id, field and value (missing {', '.join(sorted(missing))})"
        )
    for number, record in enumerate(reader, start=2):
        yield number, dict(record)


def _add(body: dict[str, Any], name: str, value: Any, where: str) -> None:
    text = "" if value is None else str(value).strip()
    if name in SCALAR_FIELDS:
        body[name] = text
    elif name == "pathway_present":
        if text.lower() not in TRUE | FALSE:
            raise ImportError_(f"{where}: pathway_present must be true or false, not {text!r}")
        body[name] = text.lower() in TRUE
    elif name in LIST_FIELDS:
        body.setdefault(name, []).extend(item.strip() for item in text.split(";") if item.strip())
    elif name == "dismiss_wording":
        code, _, reason = text.partition(":")
        body.setdefault(name, []).append({"code": code.strip(), "reason": reason.strip()})
    else:
        raise ImportError_(f"{where}: unknown field {name!r}")


def read_corrections(path: Path) -> dict[str, Pending]:
    """The file's rows merged per id, in file order."""
    pending: dict[str, Pending] = {}
    for number, record in _records(path):
        where = f"{path}:{number}"
        if not isinstance(record, dict) or not str(record.get("id") or "").strip() or not record.get("field"):
            raise ImportError_(f"{where}: each row needs id, field and value")
        item = pending.setdefault(str(record["id"]).strip(), Pending(where))
        _add(item.body, str(record["field"]).strip(), record.get("value"), where)
    if not pending:
        raise ImportError_(f"{path}: no corrections in the file")
    return pending


def checked(pending: Pending, analysis: dict[str, Any], vocab: Vocabulary) -> CorrectionIn:
    """The merged rows as a valid correction, or `ImportError_` naming the line and field."""
    try:
        body = CorrectionIn.model_validate(pending.body)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ImportError_(f"{pending.where}: {'.'.join(map(str, error['loc']))}: {error['msg']}") from exc
    found = problems(body, vocab, analysis)
    if found:
        loc = ".".join(str(part) for part in found[0]["loc"][1:])
        raise ImportError_(f"{pending.where}: {loc + ': ' if loc else ''}{found[0]['msg']}")
    return body
