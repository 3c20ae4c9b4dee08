"""`mhsw train --data FILE...`: fit the role and band models and write `models/<version>/`."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from classifier.artifacts import sha256_of
from classifier.paths import DATA_DIR, MODELS_DIR
from classifier.taxonomy import default_taxonomy
from mhsw.commands.common import UsageError, missing_extra
from training.datasets import Dataset, DatasetError, load_jsonl

if TYPE_CHECKING:
    from training.train import CorpusInputs

PROJECT_DATA = DATA_DIR / "training" / "invented_adverts.jsonl"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("train", help="train the role and band models from labelled JSONL")
    parser.add_argument("--data", type=Path, nargs="+", default=[], help="labelled JSONL file(s)")
    parser.add_argument(
        "--corrections", metavar="DATABASE_URL", default=None,
        help="also train on the corrected analyses (with retained text) in this history database",
    )  # fmt: skip
    parser.add_argument("--corrections-weight", type=int, default=3, help="copies of each corrected advert")
    parser.add_argument(
        "--no-project-data", action="store_true", help=f"do not add the project's own {PROJECT_DATA.name}"
    )
    parser.add_argument("--output", type=Path, default=MODELS_DIR, help="models folder (default: models/)")
    parser.add_argument("--version", default=None, help="version name (default: a UTC timestamp)")
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation metrics")
    parser.add_argument("--no-default", action="store_true", help="do not make this model the default")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="unlabelled NHS Jobs JSONL(.gz) to add weakly labelled adverts from "
        "(e.g. ../shared/data/nhs-jobs-2020.jsonl.gz); its held-out employers' hand labels calibrate the model",
    )
    parser.add_argument(
        "--labels", type=Path, default=None, help="hand labels of the corpus (default: data/evaluation/)"
    )
    parser.set_defaults(run=run)


def add_corrections(dataset: Dataset, url: str, weight: int) -> None:
    """Fold the database's corrected analyses into `dataset` (see training/corrections.py)."""
    from sqlalchemy.exc import SQLAlchemyError

    from store.errors import StoreError
    from training.corrections import correction_rows

    try:
        rows, sha256, skipped = correction_rows(url, weight)
    except (StoreError, SQLAlchemyError) as exc:
        raise UsageError(f"--corrections: {exc}") from exc
    dataset.rows.extend(rows)
    dataset.sources.append("corrections")
    dataset.file_sha256["corrections"] = sha256
    dataset.sha256 = hashlib.sha256((dataset.sha256 + sha256).encode()).hexdigest()
    print(
        f"corrections: {len(rows) // weight} corrected adverts x{weight} ({skipped} without text skipped)",
        file=sys.stderr,
    )


def run(args: argparse.Namespace) -> int:
    try:  # scikit-learn: imported here, so the CLI and `mhsw serve` work without it
        from training.train import train
    except ImportError as exc:
        raise missing_extra("train", exc) from exc
    taxonomy = default_taxonomy()
    paths = list(args.data)
    if (
        not args.no_project_data
        and PROJECT_DATA.is_file()
        and PROJECT_DATA.resolve() not in {p.resolve() for p in paths}
    ):
        paths.append(PROJECT_DATA)
    if not args.data and not args.corrections:
        raise UsageError("give --data FILE... and/or --corrections DATABASE_URL")
    try:
        dataset = load_jsonl(paths, taxonomy)
    except DatasetError as exc:
        raise UsageError(str(exc)) from exc
    if args.corrections:
        add_corrections(dataset, args.corrections, args.corrections_weight)
    if not dataset.rows:
        raise UsageError("the training data holds no rows")
    print(f"training on {len(dataset.rows)} adverts from {len(paths)} file(s)", file=sys.stderr)
    corpus = load_corpus_inputs(args.corpus, args.labels) if args.corpus else None
    path, metrics = train(
        dataset,
        taxonomy,
        args.output,
        args.version,
        cross_validate=not args.no_cv,
        make_default=not args.no_default,
        corpus=corpus,
    )
    print(json.dumps({"model": str(path), "metrics": metrics}, indent=2))
    return 0


def load_corpus_inputs(corpus: Path, labels: Path | None) -> CorpusInputs:
    """The corpus adverts and the hand labels, with their sha256s for the manifest."""
    from training.corpus import iter_corpus
    from training.corpus_eval import LABELS_PATH, load_hand_labels
    from training.train import CorpusInputs

    labels = labels or LABELS_PATH
    try:
        adverts = list(iter_corpus(corpus))
        hand = load_hand_labels(labels)
        sources = [f"{p.name} sha256:{sha256_of(p)}" for p in (corpus, labels)]
    except OSError as exc:
        raise UsageError(f"cannot read {exc.filename}: {exc.strerror}") from exc
    except (ValueError, KeyError) as exc:
        raise UsageError(f"{corpus} or {labels} is not in the expected format: {exc}") from exc
    print(f"corpus: {len(adverts)} adverts, {len(hand)} hand labels", file=sys.stderr)
    return CorpusInputs(adverts, hand, sources)
