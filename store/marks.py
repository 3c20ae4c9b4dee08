"""Which rows of a batch run reviewers corrected: the table and share `mhsw report --corrections` adds.

Kept apart from `batch.report` so the report itself needs no database; this module reads the result ids
and the store, and writes its own table (CSV) or section (HTML, inserted before `</body>`).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_LISTED = 200


@dataclass(frozen=True)
class Marks:
    rows: int
    corrected: list[tuple[str, str, str]]
    """(row id, predicted role, the fields corrected) for each corrected row, in file order."""

    @property
    def share(self) -> float:
        return len(self.corrected) / self.rows if self.rows else 0.0


def mark(results: Iterable[dict[str, Any]], by_external: dict[str, list[dict[str, Any]]]) -> Marks:
    rows = 0
    corrected = []
    for row in results:
        if "error" in row and "role" not in row:
            continue
        rows += 1
        row_id = str(row.get("id"))
        if row_id in by_external:
            fields = sorted({name for changes in by_external[row_id] for name in changes})
            corrected.append((row_id, str(row.get("role", {}).get("id", "")), ", ".join(fields)))
    return Marks(rows, corrected)


def as_csv(marks: Marks) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "predicted_role", "corrected_fields"])
    writer.writerows(marks.corrected)
    return buffer.getvalue()


def as_html(marks: Marks) -> str:
    cells = "".join(
        f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td><td>{html.escape(c)}</td></tr>"
        for a, b, c in marks.corrected[:MAX_LISTED]
    )
    more = len(marks.corrected) - MAX_LISTED
    return (
        '<section id="corrections"><h2>Corrected rows</h2>'
        f"<p>{len(marks.corrected):,} of {marks.rows:,} analysed rows were corrected by a reviewer "
        f"({marks.share:.1%}).</p>"
        "<table><tr><th>id</th><th>predicted role</th><th>corrected fields</th></tr>"
        f"{cells}</table>{f'<p>and {more:,} more (see --format csv).</p>' if more > 0 else ''}</section>"
    )


def add_to_report(output: Path, fmt: str, marks: Marks) -> None:
    """Write `corrected_rows.csv` into a CSV report folder, or insert the section into the HTML file."""
    if fmt == "csv":
        (output / "corrected_rows.csv").write_text(as_csv(marks), encoding="utf-8")
        return
    page = output.read_text(encoding="utf-8")
    head, sep, tail = page.rpartition("</body>")
    output.write_text(head + as_html(marks) + sep + tail if sep else page + as_html(marks), encoding="utf-8")
