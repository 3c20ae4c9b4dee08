"""Corrected analyses as labelled JSONL rows in the format `mhsw train --data` reads (README "Training data").

A row needs the advert text to be trainable, so by default only analyses whose text was retained
(`MHSW_TEXT_RETENTION=true`) are exported; `include_untexted` adds the others without a `text` field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from store.corrections import fold
from store.repository import Store
from store.vocabulary import Vocabulary


def labelled_rows(
    store: Store, vocab: Vocabulary, *, include_untexted: bool = False
) -> Iterator[dict[str, Any]]:
    """One row per corrected analysis: its labels after every correction, newest winning."""
    for analysis, history in store.corrected():
        if analysis["text"] is None and not include_untexted:
            continue
        folded = fold(analysis["analysis"], [c["changes"] for c in history], vocab)
        row: dict[str, Any] = {
            "id": analysis["id"],
            "title": folded["title"] or "",
            "employer": None,
            "labels": folded["labels"],
            "source": "correction",
            "corrected_at": history[-1]["created_at"].isoformat() if history else None,
            "corrections": len(history),
            "model_version": analysis["model_version"],
        }
        if folded["dismissed_wording"]:
            row["dismissed_wording"] = folded["dismissed_wording"]
        if analysis["text"] is not None:
            row["text"] = analysis["text"]
        yield row


def jsonl_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
