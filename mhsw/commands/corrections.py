"""`mhsw corrections import FILE` and `mhsw corrections export`: reviewers' corrections in and out of the
history database. SQLAlchemy is imported inside the commands, so `mhsw --help` stays fast."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from mhsw.commands.common import UsageError
from mhsw.commands.db import add_database_option, open_store, with_database_errors


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "corrections", help="import hand-checked corrections, or export them for training"
    )
    actions = parser.add_subparsers(dest="corrections_action", required=True, metavar="ACTION")
    imp = actions.add_parser(
        "import",
        help="import a CSV or JSONL of (id, field, value) rows",
        description="Rows for one id merge into one correction. `id` is a stored analysis id or a batch row "
        "id; with --results, batch rows not yet stored are stored from the results first. Fields: role_id, "
        "category, band, title, pathway_present, qualifications_add/_remove, skills_add/_remove "
        "(ids separated by ';'), dismiss_wording ('code: reason'), note.",
    )
    imp.add_argument("file", type=Path, help="corrections (.csv, or .jsonl)")
    imp.add_argument("--results", type=Path, default=None, help="the mhsw batch results the ids come from")
    imp.add_argument("--author", default="mhsw corrections import", help="recorded as who corrected")
    exp = actions.add_parser("export", help="write corrected analyses as labelled JSONL for mhsw train")
    exp.add_argument("--output", "-o", type=Path, required=True)
    exp.add_argument("--include-untexted", action="store_true", help="also rows whose text was not kept")
    for action in (imp, exp):
        add_database_option(action)
    parser.set_defaults(run=run)


def _batch_rows(results: Path | None, wanted: set[str]) -> dict[str, dict[str, Any]]:
    if results is None or not wanted:
        return {}
    from batch.results import iter_results

    return {
        str(row["id"]): row for row in iter_results(results) if str(row.get("id")) in wanted and "role" in row
    }


def _targets(store: Any, ids: list[str], results: Path | None) -> dict[str, dict[str, Any]]:
    """Each id's stored analysis (as stored, or stored now from the batch results)."""
    from store.errors import NotFound

    targets: dict[str, dict[str, Any]] = {}
    for item in ids:
        with contextlib.suppress(NotFound):
            targets[item] = store.get_analysis(item)
    external = store.ids_for_external([i for i in ids if i not in targets])
    for item, analysis_id in external.items():
        targets[item] = store.get_analysis(analysis_id)
    missing = [i for i in ids if i not in targets]
    rows = _batch_rows(results, set(missing))
    unknown = [i for i in missing if i not in rows]
    if unknown:
        hint = "" if results else " (pass --results with the batch output they come from)"
        raise UsageError(f"{len(unknown)} id(s) not found, e.g. {unknown[0]!r}{hint}")
    for item in missing:
        targets[item] = {"analysis": rows[item], "id": None, "external_id": item}
    return targets


def _import(args: argparse.Namespace, store: Any) -> int:
    from store.imports import checked, read_corrections
    from store.vocabulary import default_vocabulary

    pending = read_corrections(args.file)
    targets = _targets(store, list(pending), args.results)
    vocab = default_vocabulary()
    bodies = {item: checked(pending[item], targets[item]["analysis"], vocab) for item in pending}
    for item, body in bodies.items():
        target = targets[item]
        if target["id"] is None:  # a batch row: store its analysis first (no text: batch keeps none here)
            analysis = {key: value for key, value in target["analysis"].items() if key != "input"}
            target = store.add_analysis(analysis, "", actor=args.author, source="batch", external_id=item)
        store.add_correction(target["id"], body.changes(), note=body.note, actor=args.author)
    print(f"mhsw corrections: imported {len(bodies)} correction(s) from {args.file}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    return with_database_errors(_run, args)


def _run(args: argparse.Namespace) -> int:
    store = open_store(args.database)
    if args.corrections_action == "import":
        return _import(args, store)
    from store.export import jsonl_lines, labelled_rows
    from store.vocabulary import default_vocabulary

    lines = list(
        jsonl_lines(labelled_rows(store, default_vocabulary(), include_untexted=args.include_untexted))
    )
    args.output.write_text("".join(lines), encoding="utf-8")
    print(f"mhsw corrections: exported {len(lines)} labelled row(s) to {args.output}", file=sys.stderr)
    return 0


def mark_report(results: Path, output: Path, fmt: str, url: str) -> None:
    """`mhsw report --corrections URL`: add the corrected rows and their share to the report just written."""
    from sqlalchemy.exc import SQLAlchemyError

    from batch.results import iter_results
    from store.marks import add_to_report, mark

    try:
        by_external = open_store(url).corrections_by_external()
    except SQLAlchemyError as exc:
        raise UsageError(f"--corrections: database error: {exc.__class__.__name__}") from exc
    marks = mark(iter_results(results), by_external)
    add_to_report(output, fmt, marks)
    print(
        f"mhsw report: {len(marks.corrected):,} of {marks.rows:,} rows corrected ({marks.share:.1%})",
        file=sys.stderr,
    )
