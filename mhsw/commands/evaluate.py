"""`mhsw evaluate --data FILE`: the README's evaluation table, as JSON and Markdown.

If the model was trained on the evaluation file (its sha256 is in the manifest), the adverts are scored
by grouped cross-validation instead, so the figures are never measured on training data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from classifier.pipeline import Analyser
from classifier.taxonomy import Taxonomy, default_taxonomy
from mhsw.commands.common import UsageError, add_model_option, missing_extra
from training.corpus import CorpusAdvert, iter_corpus
from training.corpus_eval import LABELS_PATH
from training.datasets import DatasetError, LabelledRow, load_jsonl


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
    parser.add_argument(
        "--drop-title",
        action="store_true",
        help="score the adverts without their titles (the title is found in the text, as for a pasted advert)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="also score the hand-labelled adverts of this corpus's held-out employers "
        "(e.g. ../shared/data/nhs-jobs-2020.jsonl.gz) with models trained without them",
    )
    parser.add_argument(
        "--labels", type=Path, default=LABELS_PATH, help=f"hand labels for --corpus (default: {LABELS_PATH.name})"
    )
    add_model_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:  # scikit-learn: imported here, so the CLI and `mhsw serve` work without it
        from training.evaluate import cross_validated, held_out, markdown, metrics, write_reports
        from training.weak_roles import weak_role_rows
    except ImportError as exc:
        raise missing_extra("train", exc) from exc
    taxonomy = default_taxonomy()
    try:
        dataset = load_jsonl([args.data], taxonomy)
    except DatasetError as exc:
        raise UsageError(str(exc)) from exc
    analyser = Analyser.load(args.model)
    file_hash = hashlib.sha256(args.data.read_bytes()).hexdigest()
    trained_on = any(file_hash in source for source in analyser.model.manifest.get("training_sources", []))
    corpus = read_corpus(args.corpus) if args.corpus else None
    if args.cv == "always" or (args.cv == "auto" and trained_on):
        method = "grouped 5-fold cross-validation by employer"
        weak = weak_role_rows(corpus, taxonomy, exclude_heldout=False) if corpus else []
        if weak:
            method += f", each fold also trained on {len(weak)} weakly labelled corpus adverts"
        pairs = cross_validated(dataset, taxonomy, drop_title=args.drop_title, weak_rows=weak)
    else:
        method = f"held-out evaluation of model {analyser.model_version}"
        pairs = held_out(dataset, analyser, drop_title=args.drop_title)
    if args.drop_title:
        method += ", titles dropped (found in the text)"
    result = metrics(pairs)
    json_path, md_path = write_reports(result, method, args.output_dir)
    print(markdown(result, method))
    print(f"wrote {json_path} and {md_path}", file=sys.stderr)
    if corpus is not None:
        print(open_world_report(dataset.rows, taxonomy, corpus, args.labels, args.output_dir))
    return 0


def read_corpus(path: Path) -> list[CorpusAdvert]:
    try:
        return list(iter_corpus(path))
    except OSError as exc:
        raise UsageError(f"cannot read the corpus {path}: {exc.strerror}") from exc
    except (ValueError, KeyError) as exc:
        raise UsageError(f"{path} is not NHS Jobs JSONL: {exc}") from exc


def open_world_report(
    rows: list[LabelledRow],
    taxonomy: Taxonomy,
    corpus: list[CorpusAdvert],
    labels: Path,
    output_dir: Path,
) -> str:
    """Train without the held-out employers, score their adverts, write and return the tables."""
    from training.corpus_eval import load_hand_labels
    from training.open_world import evaluate_open_world
    from training.open_world import markdown as open_world_markdown

    try:
        hand = load_hand_labels(labels)
    except OSError as exc:
        raise UsageError(f"cannot read the hand labels {labels}: {exc.strerror}") from exc
    result = evaluate_open_world(rows, taxonomy, corpus, hand)
    text = open_world_markdown(result.report)
    output_dir.mkdir(parents=True, exist_ok=True)
    (output_dir / "open-world.json").write_text(json.dumps(result.report, indent=2) + "\n", encoding="utf-8")
    (output_dir / "open-world.md").write_text(text, encoding="utf-8")
    return text
