"""Entry point: parses arguments and hands each sub-command to its own module in `mhsw.commands`.

Exit codes: 0 done, 1 internal failure (e.g. a model that fails verification), 2 unusable arguments or
unreadable input, always with one clear line on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from classifier.errors import MhswError, ModelIntegrityError

COMMANDS = ("analyse", "batch", "report", "train", "evaluate", "serve", "db", "models", "corrections")
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mhsw", description="Analyse UK mental health support workforce job adverts."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"mhsw.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = int(args.run(args) or EXIT_OK)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except ModelIntegrityError as exc:
        print(f"mhsw: model error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except MhswError as exc:
        print(f"mhsw: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mhsw: interrupted", file=sys.stderr)
        return 130
    except (RecursionError, MemoryError) as exc:  # hostile input no check foresaw: one line, never a traceback
        print(f"mhsw: internal failure: {type(exc).__name__} on this input", file=sys.stderr)
        return EXIT_FAILURE


def _reader_gone() -> int:
    """`mhsw analyse FILE | head`: the reader stopped reading. Stop quietly, as Unix tools do (exit
    141 = 128 + SIGPIPE), and point stdout at /dev/null so Python's final flush raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (e.g. captured in tests)
        pass
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    raise SystemExit(main())
