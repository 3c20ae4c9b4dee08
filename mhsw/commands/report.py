"""`mhsw report RESULTS --output report.html`: the plots and tables a researcher needs from a batch run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mhsw.commands.common import missing_extra


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="summarise batch results as one self-contained HTML file (or CSV tables)",
        description="Read `mhsw batch` results (JSONL, Parquet file or folder) and write an HTML report "
        "with inlined plots, or with --format csv a folder of the underlying tables. Error rows are "
        "skipped and counted.",
    )
    parser.add_argument("results", type=Path, help="results of mhsw batch (.jsonl, .parquet or a folder)")
    parser.add_argument("--output", "-o", type=Path, required=True, help="report.html, or a folder for csv")
    parser.add_argument(
        "--format", choices=("html", "csv"), default="html", help="html (default) or csv tables"
    )
    parser.add_argument(
        "--group-column",
        default="employer_type",
        help="kept input column to split the career-pathway plot by (default: employer_type)",
    )
    parser.add_argument(
        "--corrections", metavar="DATABASE_URL", default=None,
        help="mark the rows reviewers corrected (mhsw corrections import) and give the share corrected",
    )  # fmt: skip
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:  # matplotlib and pyarrow: imported here, so the CLI and `mhsw serve` work without them
        from batch.report import build_report
    except ImportError as exc:
        raise missing_extra("report", exc) from exc
    counts = build_report(args.results, args.output, args.format, args.group_column)
    print(
        f"mhsw report: {counts.rows:,} rows, {counts.analysed:,} analysed, "
        f"{counts.rows - counts.analysed:,} error rows skipped -> {args.output}",
        file=sys.stderr,
    )
    if args.corrections:
        from mhsw.commands.corrections import mark_report

        mark_report(args.results, args.output, args.format, args.corrections)
    return 0
