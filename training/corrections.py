"""Reviewers' corrections as training rows: `mhsw train --corrections DATABASE_URL`.

Each corrected analysis whose text was retained becomes one labelled row (the newest correction of each
field wins). A reviewer's word is worth more than one more advert, so each row is repeated `weight` times;
the copies share one cross-validation group, so they never sit on both sides of a fold.
"""

from __future__ import annotations

import hashlib
import json

from training.datasets import LabelledRow

DEFAULT_WEIGHT = 3


def correction_rows(url: str, weight: int = DEFAULT_WEIGHT) -> tuple[list[LabelledRow], str, int]:
    """(rows, sha256 of their content, corrected analyses skipped for want of text)."""
    from store.errors import StoreError
    from store.export import labelled_rows
    from store.repository import Store
    from store.vocabulary import default_vocabulary

    if weight < 1:
        raise StoreError("the corrections weight must be at least 1")
    store = Store.open(url)
    digest = hashlib.sha256()
    rows: list[LabelledRow] = []
    skipped = 0
    for item in labelled_rows(store, default_vocabulary(), include_untexted=True):
        if not item.get("text"):
            skipped += 1
            continue
        digest.update(json.dumps(item, sort_keys=True).encode("utf-8"))
        group = f"correction:{item['id']}"
        for copy in range(weight):
            rows.append(LabelledRow.model_validate({**item, "id": f"{item['id']}#{copy}", "employer": group}))
    store.engine.dispose()
    return rows, digest.hexdigest(), skipped
