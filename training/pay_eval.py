"""Measure the pay readers on labelled adverts: stated band, salary parsing and mapping, and masking.

Usage: python -m training.pay_eval /work/shared/data/adverts-dev.jsonl [--quiet]

Prints every stated-band miss, every salary whose band disagrees with the stated band, and every
masking leak, then the summary figures and the time per advert.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from classifier.masking import mask_pay
from classifier.pay_scale import default_pay_scale
from classifier.salary import find_salary
from classifier.stated_band import afc_mentioned, find_stated_band, nhs_context

_LEAK = re.compile(r"\bbands?\s*[:\-]?\s*(?:[1-9]|8\s?[a-d])\b|£|\bB[2-9]\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d{2,3},?\d{3}\b")


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _pay_points() -> set[int]:
    scale = default_pay_scale()
    return {int(p.annual) for p in scale.point(0, tolerance=1e9)}


def _leaks(masked: str, points: set[int]) -> list[str]:
    found = [m.group(0) for m in _LEAK.finditer(masked)]
    found += [m.group(0) for m in _NUMBER.finditer(masked) if int(m.group(0).replace(",", "")) in points]
    return found


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else "n/a"


def evaluate(path: Path, quiet: bool = False) -> dict[str, float]:
    """Run every check on the adverts in `path`, print misses unless `quiet`, and return the figures."""
    rows = _rows(path)
    points = _pay_points()
    stated_ok = afc_ok = nhs_ok = 0
    salary_found = salary_text_parsed = salary_text_total = same_figures = 0
    agree = agree_any = both = 0
    field_agree = field_both = 0
    leaky = 0
    for row in rows:
        labels, title, text = row["labels"], row.get("title"), row["text"]
        stated = find_stated_band(title, text)
        value = stated.value if stated else None
        if value == labels.get("band_stated"):
            stated_ok += 1
        elif not quiet:
            where = f"{stated.source} {stated.span.text if stated.span else title!r}" if stated else "-"
            print(
                f"STATED MISS {row['id']}: got {value} want {labels.get('band_stated')} ({where}) | {title}"
            )
        afc_ok += afc_mentioned(text) == bool(labels.get("afc"))
        nhs_ok += nhs_context(text) == bool(labels.get("afc"))

        salary = find_salary(text, title)
        salary_found += salary is not None
        want = labels.get("band_stated")
        if salary and salary.bands and want:
            both += 1
            agree += salary.bands[0] == want
            agree_any += want in salary.bands
            if salary.bands[0] != want and not quiet:
                print(f"SALARY/BAND {row['id']}: {salary.text!r} -> {salary.bands} want {want}")
        if row.get("salary_text"):
            salary_text_total += 1
            field = find_salary(f"Salary: {row['salary_text']}", title, afc=nhs_context(text))
            salary_text_parsed += field is not None
            if field and salary and (salary.minimum, salary.maximum) == (field.minimum, field.maximum):
                same_figures += 1
            elif field and not quiet:
                found = salary.text if salary else None
                print(f"SALARY TEXT/FIELD {row['id']}: text {found!r} field {field.text!r}")
            if field and field.bands and want:
                field_both += 1
                field_agree += field.bands[0] == want
            if (field is None or (want and field.bands[:1] != [want])) and not quiet:
                got = field.bands if field else None
                print(f"SALARY FIELD {row['id']}: {row['salary_text']!r} -> {got} want {want}")

        leaks = _leaks(mask_pay(text), points)
        if leaks:
            leaky += 1
            if not quiet:
                print(f"MASK LEAK {row['id']}: {leaks[:5]}")

    start = time.perf_counter()
    for row in rows:
        find_stated_band(row.get("title"), row["text"])
        find_salary(row["text"], row.get("title"))
        mask_pay(row["text"])
    per_advert_ms = 1000 * (time.perf_counter() - start) / len(rows)

    n = len(rows)
    print(f"adverts: {n}")
    print(f"stated band accuracy: {_pct(stated_ok, n)}")
    print(f"afc_mentioned agrees with labels.afc: {_pct(afc_ok, n)}")
    print(f"nhs_context agrees with labels.afc: {_pct(nhs_ok, n)}")
    print(f"salary found in text: {_pct(salary_found, n)}")
    print(f"salary_text fields parsed: {_pct(salary_text_parsed, salary_text_total)}")
    print(f"text salary has the salary_text figures: {_pct(same_figures, salary_text_total)}")
    print(
        f"text salary lowest band == band_stated: {_pct(agree, both)} (stated band among bands: {agree_any})"
    )
    print(f"salary_text lowest band == band_stated: {_pct(field_agree, field_both)}")
    print(f"masked adverts with a leak: {leaky}/{n}")
    print(f"time per advert (stated + salary + mask): {per_advert_ms:.3f} ms")
    return {
        "stated_accuracy": stated_ok / n,
        "salary_found": salary_found / n,
        "salary_band_agreement": agree / both if both else 0.0,
        "mask_leaks": float(leaky),
        "ms_per_advert": per_advert_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="JSONL adverts with labels (e.g. adverts-dev.jsonl)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args()
    evaluate(args.path, args.quiet)


if __name__ == "__main__":
    main()
