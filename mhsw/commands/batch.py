"""`mhsw batch INPUT --output OUTPUT`: analyse a JSONL, CSV or Parquet file of adverts, one output row each.

Exit 0 when the run completed (error rows included), 1 when it stopped part way (rerun with --resume),
2 on unusable arguments or unreadable input, 130 on Ctrl-C; always one line on stderr, never a traceback.
The batch libraries (pyarrow, tqdm, dask) are imported only when the command runs, so the CLI and
`mhsw serve` work in a serving-only install.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from batch.rows import MAX_TEXT_CHARS, Columns
from mhsw.commands.common import UsageError, add_model_option, missing_extra

if TYPE_CHECKING:
    from batch.config import BatchConfig

EXIT_STOPPED, EXIT_INTERRUPTED = 1, 130
INPUT_FORMATS = ("jsonl", "csv", "parquet")  # = batch.readers.INPUT_FORMATS (checked by a test)
PROGRESS_CHOICES = ("auto", "bar", "log", "none")  # = batch.progress.PROGRESS_MODES
_PROGRESS_ALIASES = {"on": "bar", "off": "none"}  # the options' earlier names


def _names(value: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("give one or more column names separated by commas")
    return names


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "batch",
        help="analyse many adverts from JSONL, CSV or Parquet (streaming, parallel, resumable)",
        description="Analyse every row of INPUT into OUTPUT (JSONL or Parquet), in input order. "
        "Bad rows become error rows; rows in == rows out. See docs/batch.md.",
    )
    parser.add_argument(
        "input", type=Path, help="JSONL, CSV (optionally .gz) or Parquet file, or Parquet folder"
    )
    parser.add_argument(
        "--output", "-o", type=Path, required=True, help="output .jsonl or .parquet (dask: folder)"
    )
    parser.add_argument(
        "--format", choices=INPUT_FORMATS, default=None, help="input format (default: by extension)"
    )
    parser.add_argument(
        "--output-format", choices=("jsonl", "parquet"), default=None, help="(default: by extension)"
    )
    parser.add_argument("--id-column", default=None, help="column holding the advert id (default: id)")
    parser.add_argument("--title-column", default=None, help="column holding the job title (default: title)")
    parser.add_argument(
        "--text-column", default="text", help="column holding the advert text (default: text)"
    )
    parser.add_argument(
        "--date-column",
        default=None,
        help="column holding the ISO posting date that picks the pay year (default: date_posted)",
    )
    parser.add_argument(
        "--keep-columns",
        type=_names,
        default=(),
        metavar="A,B",
        help="input columns to copy into output rows",
    )
    parser.add_argument(
        "--max-chars", type=int, default=MAX_TEXT_CHARS, help="longer texts become error rows"
    )
    parser.add_argument(
        "--row-deadline",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="an advert whose analysis takes longer becomes an error row (0 = no deadline)",
    )
    parser.add_argument("--chunk-size", type=int, default=None, help="rows per chunk file (default: 1000)")
    parser.add_argument(
        "--workers", type=int, default=1, help="worker processes (dask: LocalCluster workers)"
    )
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="where to run")
    parser.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    restart = parser.add_mutually_exclusive_group()
    restart.add_argument(
        "--resume", action="store_true", help="continue an interrupted run, skipping done chunks"
    )
    restart.add_argument("--overwrite", action="store_true", help="discard an unfinished run's chunks")
    parser.add_argument(
        "--progress",
        type=lambda value: _PROGRESS_ALIASES.get(value, value),
        choices=PROGRESS_CHOICES,
        default="auto",
        help="progress on stderr: bar, log (a line every 10 s: rows, rate, errors, time left) or none "
        "(auto: a bar on a terminal, else log)",
    )
    add_model_option(parser)
    parser.set_defaults(run=run)


def config_from(args: argparse.Namespace) -> BatchConfig:
    from batch.config import DEFAULT_CHUNK_SIZE, BatchConfig

    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    explicit = tuple(
        name for name in (args.id_column, args.title_column, args.date_column) if name is not None
    )
    return BatchConfig(
        input=args.input,
        output=args.output,
        input_format=args.format,
        output_format=args.output_format,
        columns=Columns(
            args.id_column or "id",
            args.title_column or "title",
            args.text_column,
            args.keep_columns,
            args.date_column or "date_posted",
        ),
        require=explicit,
        max_chars=args.max_chars,
        row_seconds=args.row_deadline or None,
        chunk_size=args.chunk_size if args.chunk_size is not None else DEFAULT_CHUNK_SIZE,
        workers=args.workers,
        resume=args.resume,
        overwrite=args.overwrite,
        model_dir=args.model,
        progress=args.progress,
    )


def run(args: argparse.Namespace) -> int:
    try:
        from batch.distributed import run_dask
        from batch.errors import BatchFailure
        from batch.local import run_local
    except ImportError as exc:
        raise missing_extra("batch", exc) from exc
    config = config_from(args)
    try:
        summary = run_dask(config, args.scheduler) if args.engine == "dask" else run_local(config)
    except BatchFailure as exc:
        print(f"mhsw: batch stopped: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    except KeyboardInterrupt:
        print(
            "mhsw: interrupted; finished chunks are kept, run again with --resume to continue",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except OSError as exc:
        print(f"mhsw: batch stopped: {exc}; finished chunks are kept, rerun with --resume", file=sys.stderr)
        return EXIT_STOPPED
    print(summary.line(), file=sys.stderr)
    return 0
