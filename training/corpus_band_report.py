"""`python3 -m training.corpus_bands`: train the band model without the held-out employers, print the figures.

Steps: weak labels for every corpus advert (and how often stated and salary bands agree); a band model fitted
on the labelled development adverts plus the weak labels of the training employers (roles as the shipped
role classifier reads them, as at inference); then `corpus_band_metrics` on the held-out employers for the
shipped band model and the new one.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence

from classifier.paths import PROJECT_ROOT
from classifier.pipeline import Analyser
from training.corpus_bands import corpus_band_metrics, split_corpus, weak_examples, with_band_model
from training.datasets import LabelledRow, load_jsonl
from training.fitting import fit_band_model
from training.weak_bands import agreement, weak_band

DEV_PATH = PROJECT_ROOT.parent / "shared" / "data" / "adverts-dev.jsonl"
_COLUMNS = (
    ("adverts", "n"),
    ("stated_accuracy", "stated"),
    ("salary_dated_right", "salary+date right"),
    ("salary_undated_wrong", "salary, no date: wrong"),
    ("salary_undated_null", "no date: null"),
    ("salary_agrees_stated", "salary = stated"),
    ("masked_exact", "masked exact"),
    ("masked_within_one", "masked ±1"),
)


def table(figures: dict[str, dict[str, float | int]]) -> str:
    """The figures as a Markdown table, one row per group."""
    header = "| group | " + " | ".join(label for _key, label in _COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(_COLUMNS) + 1)]
    for group, values in figures.items():
        cells = [
            f"{values[key]:.3f}" if isinstance(values[key], float) else str(values[key])
            for key, _ in _COLUMNS
        ]
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _dev_rows(analyser: Analyser) -> list[LabelledRow]:
    return load_jsonl([DEV_PATH], analyser.taxonomy).rows if DEV_PATH.is_file() else []


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m training.corpus_bands", description=__doc__)
    parser.add_argument("--weak-weight", type=float, default=1.0, help="weight of one weak corpus label")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    args = parser.parse_args(argv)
    started = time.time()
    shipped = Analyser.load()
    train, held = split_corpus()
    print("weak label agreement (all corpus adverts):", agreement(weak_band(a) for a in train + held))
    examples = weak_examples(shipped, train, args.weak_weight)
    dev = _dev_rows(shipped)
    print(f"band model: {len(dev)} development adverts + {len(examples)} weak corpus labels")
    model = fit_band_model(dev, shipped.taxonomy, examples)
    results = {
        "shipped band model": corpus_band_metrics(shipped, held),
        "corpus-trained band model": corpus_band_metrics(with_band_model(shipped, model), held),
    }
    for name, figures in results.items():
        print(f"\n{name}, {len(held)} adverts of held-out employers\n")
        print(table(figures))  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(results, indent=2))
    print(f"\n({time.time() - started:.0f}s)")
    return 0
