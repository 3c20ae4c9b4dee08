"""`mhsw report RESULTS --output report.html`: the plots and tables a researcher needs from a batch run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from batch.report import build_report


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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    counts = build_report(args.results, args.output, args.format, args.group_column)
    print(
        f"mhsw report: {counts.rows:,} rows, {counts.analysed:,} analysed, "
        f"{counts.rows - counts.analysed:,} error rows skipped -> {args.output}",
        file=sys.stderr,
    )
    return 0
