"""Honest evaluation: every figure the README quotes comes from here.

When the evaluation file was also used to train the model, the adverts are scored by models trained on
the other folds only (cross-validation grouped by employer, so one trust's boilerplate never sits on both
sides). Band prediction is always scored on `band.predicted`, which reads pay-masked text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.metrics import classification_report, confusion_matrix
from sklearn.model_selection import GroupKFold

from classifier.artifacts import LoadedModel
from classifier.band_model import band_index
from classifier.lexicon import load_entries
from classifier.paths import LEXICON_DIR
from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.schema import BAND_VALUES, CATEGORY_IDS, Advert, Analysis
from classifier.taxonomy import Taxonomy
from training.datasets import Dataset, LabelledRow
from training.fitting import fit_band_model, fit_role_model

Pair = tuple[LabelledRow, Analysis]


def _advert(row: LabelledRow, drop_title: bool = False) -> Advert:
    """The row as an advert; with `drop_title` the title is left for the reader to find in the text."""
    return from_text(row.text, title=None if drop_title else row.title or None, id=row.id)


def cross_validated(
    dataset: Dataset,
    taxonomy: Taxonomy,
    folds: int = 5,
    drop_title: bool = False,
    weak_rows: Sequence[LabelledRow] = (),
) -> list[Pair]:
    """Analyse each row with models fitted on the other employers' rows only (titled, even with
    `drop_title`, which drops only the titles of the adverts being scored). Weak corpus rows of a test
    fold's employers are left out of that fold's training too."""
    groups = dataset.groups()
    folds = min(folds, len(set(groups)))
    if folds < 2:
        raise ValueError("cross-validation needs adverts from at least two employers")
    pairs: dict[int, Analysis] = {}
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(dataset.rows, groups=groups):
        train_rows = [dataset.rows[i] for i in train_idx]
        test_groups = {groups[i] for i in test_idx}
        fold_weak = [r for r in weak_rows if (r.employer or "").strip().lower() not in test_groups]
        model = LoadedModel(
            version="cv-fold",
            path=Path("."),
            manifest={},
            role_model=fit_role_model(train_rows, taxonomy, fold_weak),
            band_model=fit_band_model(train_rows, taxonomy),
        )
        analyser = Analyser(model, taxonomy)
        for i, analysis in zip(
            test_idx,
            analyser.analyse_many(_advert(dataset.rows[i], drop_title) for i in test_idx),
            strict=True,
        ):
            pairs[int(i)] = analysis
    return [(dataset.rows[i], pairs[i]) for i in range(len(dataset.rows))]


def held_out(dataset: Dataset, analyser: Analyser, drop_title: bool = False) -> list[Pair]:
    """Analyse rows the model never saw."""
    adverts = (_advert(r, drop_title) for r in dataset.rows)
    return list(zip(dataset.rows, analyser.analyse_many(adverts), strict=True))


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def labelled_vocabulary(lexicon: str) -> frozenset[str]:
    """Ids of domain.md's vocabulary; ids the project added (`extra: true`) are not in any label set."""
    entries, _phrases = load_entries(LEXICON_DIR / f"{lexicon}.yaml", lexicon)
    return frozenset(entry.id for entry in entries.values() if not entry.extra)


def _set_scores(
    pairs: Sequence[Pair], gold_key: str, predicted: str, vocabulary: frozenset[str]
) -> dict[str, Any]:
    tp = fp = fn = 0
    labelled = 0
    for row, analysis in pairs:
        gold = getattr(row.labels, gold_key)
        if gold is None:
            continue
        labelled += 1
        found = {item.id for item in getattr(analysis, predicted)} & vocabulary
        tp += len(found & set(gold))
        fp += len(found - set(gold))
        fn += len(set(gold) - found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "adverts": labelled,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def metrics(pairs: Sequence[Pair]) -> dict[str, Any]:
    """All headline figures, per-class reports and confusion matrices for a list of (row, analysis)."""
    gold_roles = [row.labels.role_id for row, _a in pairs]
    pred_roles = [a.role.id for _r, a in pairs]
    top3 = sum(
        row.labels.role_id in {a.role.id, *(alt.id for alt in a.role.alternatives[:2])} for row, a in pairs
    )
    gold_cat = [row.labels.category or "" for row, _a in pairs]
    pred_cat = [a.category.id for _r, a in pairs]
    banded = [(row, a) for row, a in pairs if row.labels.band_stated and a.band.predicted]
    exact = sum(a.band.predicted == row.labels.band_stated for row, a in banded)
    within = sum(
        abs(band_index(str(a.band.predicted)) - band_index(str(row.labels.band_stated))) <= 1
        for row, a in banded
    )
    pathway = [(row, a) for row, a in pairs if row.labels.pathway_present is not None]
    confident = [(row, a) for row, a in pairs if not a.role.needs_review]
    band_labels = [b for b in BAND_VALUES if any(row.labels.band_stated == b for row, _a in banded)]
    role_errors = Counter((g, p) for g, p in zip(gold_roles, pred_roles, strict=True) if g != p)
    return {
        "adverts": len(pairs),
        "role_accuracy": _ratio(sum(g == p for g, p in zip(gold_roles, pred_roles, strict=True)), len(pairs)),
        "role_top3_accuracy": _ratio(top3, len(pairs)),
        "role_needs_review_share": _ratio(len(pairs) - len(confident), len(pairs)),
        "role_accuracy_when_confident": _ratio(
            sum(r.labels.role_id == a.role.id for r, a in confident), len(confident)
        ),
        "category_accuracy": _ratio(sum(g == p for g, p in zip(gold_cat, pred_cat, strict=True)), len(pairs)),
        "stated_band_accuracy": _ratio(
            sum(a.band.stated == row.labels.band_stated for row, a in pairs), len(pairs)
        ),
        "masked_band_adverts": len(banded),
        "masked_band_exact": _ratio(exact, len(banded)),
        "masked_band_within_one": _ratio(within, len(banded)),
        "pathway_agreement": _ratio(
            sum(a.career_pathway.present == row.labels.pathway_present for row, a in pathway), len(pathway)
        ),
        "qualifications": _set_scores(
            pairs, "quals", "qualifications", labelled_vocabulary("qualifications")
        ),
        "skills": _set_scores(pairs, "skills", "skills", labelled_vocabulary("skills")),
        "role_report": classification_report(gold_roles, pred_roles, output_dict=True, zero_division=0),
        "role_errors": [{"gold": g, "predicted": p, "count": n} for (g, p), n in role_errors.most_common()],
        "category_confusion": {
            "labels": list(CATEGORY_IDS),
            "matrix": confusion_matrix(gold_cat, pred_cat, labels=list(CATEGORY_IDS)).tolist(),
        },
        "masked_band_confusion": {
            "labels": band_labels,
            "matrix": confusion_matrix(
                [str(r.labels.band_stated) for r, _a in banded],
                [str(a.band.predicted) for _r, a in banded],
                labels=band_labels,
            ).tolist()
            if banded
            else [],
        },
    }


HEADLINE = [
    ("role_accuracy", "Role top-1 accuracy"),
    ("role_top3_accuracy", "Role top-3 accuracy"),
    ("category_accuracy", "Category accuracy"),
    ("stated_band_accuracy", "Stated band accuracy"),
    ("masked_band_exact", "Band from masked duties, exact"),
    ("masked_band_within_one", "Band from masked duties, within one band"),
    ("pathway_agreement", "Career-pathway agreement"),
    ("role_needs_review_share", "Share flagged needs_review"),
    ("role_accuracy_when_confident", "Role accuracy when not flagged"),
]


def markdown(result: dict[str, Any], method: str) -> str:
    lines = [
        f"# mhsw evaluation ({method}, {result['adverts']} adverts)",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    for key, label in HEADLINE:
        lines.append(f"| {label} | {result[key]} |")
    for key in ("qualifications", "skills"):
        s = result[key]
        lines.append(
            f"| {key.capitalize()} micro P / R / F1 (labelled ids) | {s['precision']} / {s['recall']} / {s['f1']} |"
        )
    lines += [
        "",
        f"Band adverts scored: {result['masked_band_adverts']}",
        "",
        "## Category confusion (rows gold, columns predicted)",
        "",
    ]
    labels = result["category_confusion"]["labels"]
    lines.append("| gold \\ predicted | " + " | ".join(labels) + " |")
    lines.append("|---" * (len(labels) + 1) + "|")
    for label, row in zip(labels, result["category_confusion"]["matrix"], strict=True):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    band = result["masked_band_confusion"]
    if band["labels"]:
        lines += ["", "## Masked band confusion (rows gold, columns predicted)", ""]
        lines.append("| gold \\ predicted | " + " | ".join(band["labels"]) + " |")
        lines.append("|---" * (len(band["labels"]) + 1) + "|")
        for label, row in zip(band["labels"], band["matrix"], strict=True):
            lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    lines += ["", "## Role errors", "", "| gold | predicted | count |", "|---|---|---|"]
    lines += [f"| {e['gold']} | {e['predicted']} | {e['count']} |" for e in result["role_errors"]]
    lines += [
        "",
        "## Per-role report",
        "",
        "| role | precision | recall | f1 | support |",
        "|---|---|---|---|---|",
    ]
    for role, s in result["role_report"].items():
        if isinstance(s, dict):
            lines.append(
                f"| {role} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1-score']:.2f} | {int(s['support'])} |"
            )
    return "\n".join(lines) + "\n"


def write_reports(result: dict[str, Any], method: str, output_dir: Path) -> tuple[Path, Path]:
    output_dir.mkdir(parents=True, exist_ok=True)
    json_path = output_dir / "evaluation.json"
    md_path = output_dir / "evaluation.md"
    json_path.write_text(json.dumps({"method": method, **result}, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(markdown(result, method), encoding="utf-8")
    return json_path, md_path
