"""`mhsw train --data FILE...`: fit the role and band models and write `models/<version>/`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from classifier.paths import DATA_DIR, MODELS_DIR
from classifier.taxonomy import default_taxonomy
from mhsw.commands.common import UsageError
from training.datasets import DatasetError, load_jsonl
from training.train import train

PROJECT_DATA = DATA_DIR / "training" / "invented_adverts.jsonl"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("train", help="train the role and band models from labelled JSONL")
    parser.add_argument("--data", type=Path, nargs="+", required=True, help="labelled JSONL file(s)")
    parser.add_argument(
        "--no-project-data", action="store_true", help=f"do not add the project's own {PROJECT_DATA.name}"
    )
    parser.add_argument("--output", type=Path, default=MODELS_DIR, help="models folder (default: models/)")
    parser.add_argument("--version", default=None, help="version name (default: a UTC timestamp)")
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation metrics")
    parser.add_argument("--no-default", action="store_true", help="do not make this model the default")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    taxonomy = default_taxonomy()
    paths = list(args.data)
    if (
        not args.no_project_data
        and PROJECT_DATA.is_file()
        and PROJECT_DATA.resolve() not in {p.resolve() for p in paths}
    ):
        paths.append(PROJECT_DATA)
    try:
        dataset = load_jsonl(paths, taxonomy)
    except DatasetError as exc:
        raise UsageError(str(exc)) from exc
    if not dataset.rows:
        raise UsageError("the training data holds no rows")
    print(f"training on {len(dataset.rows)} adverts from {len(paths)} file(s)", file=sys.stderr)
    path, metrics = train(
        dataset,
        taxonomy,
        args.output,
        args.version,
        cross_validate=not args.no_cv,
        make_default=not args.no_default,
    )
    print(json.dumps({"model": str(path), "metrics": metrics}, indent=2))
    return 0
