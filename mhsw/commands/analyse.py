"""`mhsw analyse FILE|-`: one advert in, its Analysis out (JSON, or a readable summary)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from classifier.errors import UnreadableInput
from classifier.reading import read_bytes, read_file
from classifier.schema import Advert
from mhsw.commands.common import add_model_option, load_analyser
from mhsw.summary import text_summary

MAX_STDIN_BYTES = 50 * 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("analyse", help="analyse one advert (text, HTML, DOCX or PDF; - for stdin)")
    parser.add_argument("file", help="advert file, or - to read text from standard input")
    parser.add_argument("--title", default=None, help="the advertised job title, if not in the file")
    parser.add_argument("--format", choices=("json", "text"), default="json", help="output format")
    add_model_option(parser)
    parser.set_defaults(run=run)


def _read(args: argparse.Namespace) -> Advert:
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
    if args.title:
        advert = advert.model_copy(update={"title": args.title})
    return advert


def run(args: argparse.Namespace) -> int:
    advert = _read(args)
    analysis = load_analyser(args).analyse(advert)
    if args.format == "json":
        print(analysis.model_dump_json(indent=2))
    else:
        print(text_summary(analysis))
    return 0
