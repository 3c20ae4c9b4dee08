"""Agreement of the career-pathway detector with hand labels (`labels.pathway_present`).

Usage: python -m training.pathway_eval /work/shared/data/adverts-dev.jsonl [--quiet]

Uses the row's labelled role and category, so this measures the pathway rules alone; salary bands come
from `classifier.salary.find_salary`, as in the pipeline. Disagreements are printed with the signals
found and the labeller's evidence, for reading only: keep advert text out of the repository.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from classifier.pathways import PathwayDetector
from classifier.reading.sections import detect_sections
from classifier.salary import find_salary
from classifier.schema import Advert, CareerPathway
from classifier.taxonomy import RoleEntry, default_taxonomy


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    category: str
    gold: bool
    evidence: str
    pathway: CareerPathway


@dataclass(frozen=True)
class _Case:
    advert: Advert
    doc: Doc
    role: RoleEntry
    category: str
    salary_bands: list[str]
    gold: bool
    evidence: str


def _cases(path: Path, nlp: Language) -> list[_Case]:
    taxonomy = default_taxonomy()
    cases: list[_Case] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        labels = raw["labels"]
        text = raw["text"]
        advert = Advert(id=raw["id"], title=raw.get("title"), text=text, sections=detect_sections(text))
        salary = find_salary(text, advert.title)
        cases.append(
            _Case(
                advert=advert,
                doc=nlp(text),
                role=taxonomy.role(labels["role_id"]),
                category=labels["category"],
                salary_bands=salary.bands if salary else [],
                gold=bool(labels["pathway_present"]),
                evidence=labels.get("pathway_evidence") or "",
            )
        )
    return cases


def evaluate(path: Path, repeats: int = 5) -> tuple[list[Row], float]:
    """Run the detector on every row; return the rows and the best mean CPU milliseconds per advert."""
    nlp = spacy.blank("en")
    detector = PathwayDetector(nlp)
    cases = _cases(path, nlp)

    def run(case: _Case) -> CareerPathway:
        return detector.detect(
            case.advert,
            case.doc,
            role_entry=case.role,
            category=case.category,
            salary_bands=case.salary_bands,
        )

    rows = [
        Row(
            id=c.advert.id or "",
            title=c.advert.title or "",
            category=c.category,
            gold=c.gold,
            evidence=c.evidence,
            pathway=run(c),
        )
        for c in cases
    ]
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        for case in cases:
            run(case)
        best = min(best, time.process_time() - started)
    return rows, 1000 * best / max(1, len(cases))


def report(rows: list[Row], ms_per_advert: float, quiet: bool) -> None:
    agree = sum(r.gold == r.pathway.present for r in rows)
    baseline = sum(not r.gold for r in rows)
    table = Counter((r.gold, r.pathway.present) for r in rows)
    print(
        f"adverts: {len(rows)}  agreement: {agree / len(rows):.3f}"
        f"  (all-False baseline {baseline / len(rows):.3f})"
    )
    print(f"pathway cost: {ms_per_advert:.3f} ms CPU per advert (best of repeated runs)")
    print("confusion (rows = label, columns = detector):")
    print(f"{'':>12}{'False':>8}{'True':>8}")
    for gold in (False, True):
        print(f"{gold!s:>12}{table[(gold, False)]:>8}{table[(gold, True)]:>8}")
    by_category = Counter(r.category for r in rows)
    for category, total in sorted(by_category.items()):
        hits = sum(r.gold == r.pathway.present for r in rows if r.category == category)
        print(f"  {category:<26}{hits:>4}/{total:<4}")
    flagged = sum(r.pathway.flag is not None for r in rows)
    print(f"flagged missing_career_pathway: {flagged}")
    if quiet:
        return
    for r in rows:
        if r.gold == r.pathway.present:
            continue
        print(f"\n--- {r.id} [{r.category}] {r.title!r}: label {r.gold}, detector {r.pathway.present}")
        print(f"    label evidence: {r.evidence!r}")
        for s in r.pathway.signals:
            print(f"    {s.strength:<8} {s.kind:<28} {s.text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--quiet", action="store_true", help="numbers only, no disagreements")
    args = parser.parse_args()
    rows, ms = evaluate(args.jsonl)
    report(rows, ms, args.quiet)


if __name__ == "__main__":
    main()
