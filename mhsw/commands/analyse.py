"""`mhsw analyse FILE|-`: one advert in, its Analysis out (JSON, or a readable summary)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from classifier.errors import UnreadableInput
from classifier.reading import read_bytes, read_file
from classifier.schema import Advert
from mhsw.commands.common import UsageError, add_model_option, load_analyser
from mhsw.summary import text_summary

MAX_STDIN_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
"""The same limit as the service (MHSW_MAX_TEXT_CHARS) and batch (--max-chars): longer is not one advert."""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("analyse", help="analyse one advert (text, HTML, DOCX or PDF; - for stdin)")
    parser.add_argument("file", help="advert file, or - to read text from standard input")
    parser.add_argument("--title", default=None, help="the advertised job title, if not in the file")
    parser.add_argument("--format", choices=("json", "text"), default="json", help="output format")
    parser.add_argument(
        "--date", default=None, metavar="YYYY-MM-DD", help="when the advert was posted: picks the pay year"
    )
    add_model_option(parser)
    parser.set_defaults(run=run)


def _date(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError(f"--date must be an ISO date (YYYY-MM-DD), not {raw[:40]!r}") from None


def _read(args: argparse.Namespace) -> Advert:
    posted = _date(args.date)
    if args.file == "-":
        data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
        if len(data) > MAX_STDIN_BYTES:
            raise UnreadableInput("standard input is over 50 MB; pass a smaller advert")
        advert = read_bytes(data, filename=None)
    else:
        path = Path(args.file)
        if not path.is_file():
            raise UnreadableInput(f"{path}: no such file")
        advert = read_file(path)
    if args.title and args.title.strip():
        advert = advert.model_copy(update={"title": args.title.strip(), "title_source": "given"})
    return advert.model_copy(update={"date_posted": posted}) if posted else advert


def run(args: argparse.Namespace) -> int:
    advert = _read(args)
    if len(advert.text) > MAX_TEXT_CHARS:
        raise UnreadableInput(
            f"the advert text is {len(advert.text):,} characters, over the {MAX_TEXT_CHARS:,} limit "
            "(the service and batch refuse it too)"
        )
    analysis = load_analyser(args).analyse(advert)
    if args.format == "json":
        print(analysis.model_dump_json(indent=2))
    else:
        print(text_summary(analysis))
    return 0
