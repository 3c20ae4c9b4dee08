"""Measures qualification and skill extraction against labelled adverts (`labels.quals` / `labels.skills`).

Scores compare the set of ids per advert. Ids marked `extra` in the lexicon (e.g. professional
registration) are outside the labelled vocabulary, so they are scored separately: the last line shows
the qualification figures if they were counted as false positives.

    python -m training.extraction_eval /work/shared/data/adverts-dev.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy

from classifier.extraction import QualificationSkillExtractor
from classifier.schema import Advert

KINDS = ("quals", "skills")


def _advert(row: dict[str, Any]) -> Advert:
    """The Advert the pipeline would build from a batch row (sections included when the reader exists)."""
    try:
        from classifier.reading import from_text
    except ImportError:
        return Advert(id=row.get("id"), text=row["text"], title=row.get("title"))
    return from_text(row["text"], title=row.get("title"))


def predict(
    rows: Iterable[dict[str, Any]],
    extractor: QualificationSkillExtractor | None = None,
    include_extra: bool = False,
) -> list[dict]:
    """Rows with `predicted` = {"quals": [...], "skills": [...]}; extra ids only if `include_extra`."""
    nlp = spacy.blank("en")
    extractor = extractor or QualificationSkillExtractor(nlp)
    keep = (lambda _: True) if include_extra else extractor.scored_ids.__contains__
    out = []
    for row in rows:
        advert = _advert(row)
        quals, skills = extractor.extract(advert, nlp(advert.text))
        predicted = {
            "quals": [q.id for q in quals if keep(q.id)],
            "skills": [s.id for s in skills if keep(s.id)],
        }
        out.append(row | {"predicted": predicted})
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate_extraction(rows: list[dict]) -> dict:
    """Micro and macro P/R/F1 per kind plus per-id tp/fp/fn; rows need `labels` and `predicted`."""
    report: dict[str, Any] = {}
    for kind in KINDS:
        counts: dict[str, Counter[str]] = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
        for row in rows:
            gold, pred = set(row["labels"][kind]), set(row["predicted"][kind])
            counts["tp"].update(gold & pred)
            counts["fp"].update(pred - gold)
            counts["fn"].update(gold - pred)
        ids = sorted(set(counts["tp"]) | set(counts["fp"]) | set(counts["fn"]))
        per_id = {
            i: {name: counts[name][i] for name in counts} | _prf(*(counts[name][i] for name in counts))
            for i in ids
        }
        micro = _prf(*(sum(counts[name].values()) for name in counts))
        labelled = [per_id[i] for i in ids if per_id[i]["tp"] + per_id[i]["fn"]]
        macro = {
            metric: sum(p[metric] for p in labelled) / len(labelled) if labelled else 0.0
            for metric in ("precision", "recall", "f1")
        }
        report[kind] = {"micro": micro, "macro": macro, "per_id": per_id}
    return report


def format_report(report: dict) -> str:
    """A plain-text table: totals first, then one line per id (worst F1 first)."""
    lines = []
    for kind in KINDS:
        micro, macro = report[kind]["micro"], report[kind]["macro"]
        lines.append(
            f"{kind}: micro P {micro['precision']:.3f} R {micro['recall']:.3f} F1 {micro['f1']:.3f} | "
            f"macro P {macro['precision']:.3f} R {macro['recall']:.3f} F1 {macro['f1']:.3f}"
        )
        lines.append(f"  {'id':32} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
        per_id = report[kind]["per_id"]
        for item_id in sorted(per_id, key=lambda i: (per_id[i]["f1"], i)):
            c = per_id[item_id]
            lines.append(
                f"  {item_id:32} {c['tp']:4d} {c['fp']:4d} {c['fn']:4d} "
                f"{c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="JSONL file of labelled adverts")
    args = parser.parse_args(argv)
    with args.path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    extractor = QualificationSkillExtractor(spacy.blank("en"))
    print(format_report(evaluate_extraction(predict(rows, extractor))))
    with_extra = evaluate_extraction(predict(rows, extractor, include_extra=True))["quals"]
    extra = {i: c["fp"] for i, c in with_extra["per_id"].items() if i not in extractor.scored_ids}
    micro = with_extra["micro"]
    print(
        f"quals counting extra ids as false positives: micro P {micro['precision']:.3f} "
        f"R {micro['recall']:.3f} F1 {micro['f1']:.3f} ({', '.join(f'{i} {n}' for i, n in extra.items())})"
    )


if __name__ == "__main__":
    main()
