"""`mhsw evaluate --data FILE`: the README's evaluation table, as JSON and Markdown.

If the model was trained on the evaluation file (its sha256 is in the manifest), the adverts are scored
by grouped cross-validation instead, so the figures are never measured on training data.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from classifier.pipeline import Analyser
from classifier.taxonomy import default_taxonomy
from mhsw.commands.common import UsageError, add_model_option
from training.datasets import DatasetError, load_jsonl
from training.evaluate import cross_validated, held_out, markdown, metrics, write_reports


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("evaluate", help="evaluate on labelled JSONL (grouped CV if it was trained on)")
    parser.add_argument("--data", type=Path, required=True, help="labelled JSONL file")
    parser.add_argument(
        "--output-dir", type=Path, default=Path("build/evaluation"), help="where to write reports"
    )
    parser.add_argument(
        "--cv",
        choices=("auto", "always", "never"),
        default="auto",
        help="cross-validate (auto: if trained on it)",
    )
    add_model_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    taxonomy = default_taxonomy()
    try:
        dataset = load_jsonl([args.data], taxonomy)
    except DatasetError as exc:
        raise UsageError(str(exc)) from exc
    analyser = Analyser.load(args.model)
    file_hash = hashlib.sha256(args.data.read_bytes()).hexdigest()
    trained_on = any(file_hash in source for source in analyser.model.manifest.get("training_sources", []))
    if args.cv == "always" or (args.cv == "auto" and trained_on):
        method = "grouped 5-fold cross-validation by employer"
        pairs = cross_validated(dataset, taxonomy)
    else:
        method = f"held-out evaluation of model {analyser.model_version}"
        pairs = held_out(dataset, analyser)
    result = metrics(pairs)
    json_path, md_path = write_reports(result, method, args.output_dir)
    print(markdown(result, method))
    print(f"wrote {json_path} and {md_path}", file=sys.stderr)
    return 0
