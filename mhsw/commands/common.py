"""Options and helpers several sub-commands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from classifier.errors import MhswError
from classifier.pipeline import Analyser


class UsageError(MhswError):
    """Arguments or input the command cannot use (exit 2)."""


def missing_extra(extra: str, exc: ImportError) -> UsageError:
    """A command whose libraries a slim (serving-only) install left out: say which extra to add."""
    return UsageError(
        f"this command needs the {extra} extra ({exc.name or exc} is not installed): "
        f"pip install 'mhsw[{extra}]'"
    )


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", type=Path, default=None, help="model folder (default: the one named in models/DEFAULT)"
    )


def load_analyser(args: argparse.Namespace) -> Analyser:
    return Analyser.load(args.model)
