"""Draw the hand-labelled evaluation sample from the held-out employers of the NHS Jobs 2020 corpus.

Why: role accuracy on all professions must be measured on adverts from employers no model was trained on,
with enough mental health and support/trainee posts to judge the support-workforce boundary, enough generic
titles ("Staff Nurse") that the text must decide, and a plain random share of everything else.

Run from the project root (needs ../shared/data/nhs-jobs-2020.jsonl.gz):

    python3 data/evaluation/sample.py            # writes data/evaluation/sample-ids.csv (id, stratum)

Only ids and the stratum are written; the advert text stays outside the repository.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

from training.corpus import CorpusAdvert, is_heldout_employer, iter_corpus

SEED = 20201
FOCUS_MH = 90
FOCUS_ROLE = 70
GENERIC = 20
RANDOM_REST = 200
OUT = Path(__file__).with_name("sample-ids.csv")

MH_TITLE = re.compile(
    r"mental health|psychiat|\bRMN\b|\bCPN\b|CAMHS|CYPMHS|IAPT|talking therap|psycholog|learning disabilit|"
    r"dementia|forensic|eating disorder|perinatal|wellbeing practitioner|\bPWP\b|\bLD\b|autism|\bCBT\b|"
    r"psychotherap|counsell|crisis|home treatment|recovery|peer support|\bSTR\b|memory",
    re.I,
)
MH_TEXT = re.compile(
    r"mental health (service|team|ward|unit|trust|foundation|inpatient|nurse)|psychiatric (ward|unit|intensive|"
    r"hospital)|CAMHS|CYPMHS|\bIAPT\b|talking therapies|learning disabilit(y|ies) (service|team|unit)|"
    r"older people'?s mental health|eating disorders? (service|unit)|perinatal mental|forensic (mental|service|"
    r"unit)|\bRMN\b",
    re.I,
)
SUPPORT_TITLE = re.compile(
    r"support worker|\bHCA\b|health ?care assistant|healthcare support|nursing assistant|trainee|apprentic|"
    r"assistant|student|associate|\bHCSW\b|technician|auxiliary|phlebotom",
    re.I,
)
GENERIC_TITLE = re.compile(
    r"^(bank |relief |senior |night duty |registered )*(staff nurse|registered nurse|nurse|support worker|"
    r"practitioner|charge nurse|team leader|clinical nurse|sister/charge nurse)s?$",
    re.I,
)
_BAND_NOISE = re.compile(r"\b(band|grade)\s*\d[a-d]?\b|[-–(),:]|\s+\d+\s*$", re.I)


def plain_title(title: str) -> str:
    """The title without band/grade mentions and punctuation, for the generic-title test."""
    return " ".join(_BAND_NOISE.sub(" ", title).split())


def is_mental_health(advert: CorpusAdvert) -> bool:
    return bool(MH_TITLE.search(advert.title) or MH_TEXT.search(advert.text))


def is_generic(advert: CorpusAdvert) -> bool:
    return bool(GENERIC_TITLE.match(plain_title(advert.title)))


def draw(adverts: list[CorpusAdvert], seed: int = SEED) -> list[tuple[str, str]]:
    """(id, stratum) pairs: mental health focus, support/trainee focus, generic titles, random rest."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    pool = sorted(adverts, key=lambda a: a.id)
    mh = [a for a in pool if is_mental_health(a)]
    role = [a for a in pool if not is_mental_health(a) and SUPPORT_TITLE.search(a.title)]
    chosen: list[tuple[str, str]] = []
    taken: set[str] = set()

    def take(candidates: list[CorpusAdvert], count: int, stratum: str) -> None:
        free = [a for a in candidates if a.id not in taken]
        for advert in rng.sample(free, min(count, len(free))):
            taken.add(advert.id)
            chosen.append((advert.id, stratum))

    take(mh, FOCUS_MH, "focus_mental_health")
    take(role, FOCUS_ROLE, "focus_support_trainee")
    take([a for a in pool if is_generic(a)], GENERIC, "generic_title")
    focus_ids = {a.id for a in mh} | {a.id for a in role}
    take([a for a in pool if a.id not in focus_ids], RANDOM_REST, "random_rest")
    return chosen


def main() -> int:
    heldout = [a for a in iter_corpus() if is_heldout_employer(a.employer)]
    rows = draw(heldout)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "stratum"])
        writer.writerows(rows)
    print(f"{len(heldout)} held-out adverts -> {len(rows)} sampled -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
