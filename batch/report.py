"""`mhsw report`: batch results in, one self-contained HTML page (PNG plots inlined) or the tables as CSV.

The results are read once, streaming, into a `Tally`; error rows are skipped and counted. The HTML has
no external references, so it can be mailed or attached to a paper's supplement as one file.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from batch.figures import FIGURES, png
from batch.results import iter_results
from batch.storage import atomic_write
from batch.tables import Table, Tally, all_tables, tally

ReportFormat = Literal["html", "csv"]
TABLE_ROWS_IN_HTML = 25
FIGURE_TABLES = {
    "roles": ("roles", "categories", "staff_groups"),
    "bands": ("bands_by_role",),
    "pathway": ("pathway_by_group",),
    "mentions": ("qualifications", "skills"),
    "wording": ("wording_issues",),
    "salary": ("salary_by_band",),
}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1150px; color: #222; }
h1 { margin-bottom: 0.2em; } .meta { color: #666; }
figure { margin: 1.5em 0; } img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-weight: 600; margin-bottom: 0.4em; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.6em 0 1.2em; }
th, td { border: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; }
th { background: #f4f4f4; } td.n { text-align: right; }
"""


def _cell(value: object) -> str:
    css = ' class="n"' if isinstance(value, int | float) else ""
    return f"<td{css}>{html.escape('' if value is None else str(value))}</td>"


def html_table(table: Table, limit: int = TABLE_ROWS_IN_HTML) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in table.rows[:limit])
    more = (
        f"<p class=meta>{len(table.rows) - limit} more rows in the CSV tables.</p>"
        if len(table.rows) > limit
        else ""
    )
    return f"<h3>{html.escape(table.title)}</h3><table><tr>{head}</tr>{body}</table>{more}"


def render_html(t: Tally, source: str) -> str:
    tables = {table.name: table for table in all_tables(t)}
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        "<title>mhsw batch report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Mental health support workforce adverts: batch report</h1>",
        f"<p class=meta>Results: {html.escape(source)}; {t.rows:,} rows, {t.analysed:,} analysed, "
        f"{sum(t.errors.values()):,} error rows (skipped); "
        f"generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.</p>",
        html_table(tables["overview"]),
    ]
    for key, caption, draw in FIGURES:
        image = base64.b64encode(png(draw(t))).decode("ascii")
        parts.append(
            f'<figure id="fig-{key}"><figcaption>{html.escape(caption)}</figcaption>'
            f'<img alt="{html.escape(caption)}" src="data:image/png;base64,{image}"></figure>'
        )
        parts.extend(html_table(tables[name]) for name in FIGURE_TABLES[key])
    parts.append("</body></html>")
    return "\n".join(parts)


def write_csv_tables(tables: Iterable[Table], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        path = folder / f"{table.name}.csv"
        atomic_write(path, buffer.getvalue().encode("utf-8"))
        written.append(path)
    return written


def build_report(
    results: Path, output: Path, fmt: ReportFormat = "html", group_column: str = "employer_type"
) -> Tally:
    """Read `results` and write the report (an HTML file, or a folder of CSV tables)."""
    counts = tally(iter_results(results), group_column)
    if fmt == "csv":
        write_csv_tables(all_tables(counts), output)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, render_html(counts, str(results)).encode("utf-8"))
    return counts
