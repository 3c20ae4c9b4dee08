"""Band figures on the 2020 corpus with employers held out: stated band, band from salary (with and without
the posting date) and band from masked duties, overall, by role family and for mental health adverts.

`corpus_band_metrics` is what `mhsw evaluate` reports; `python3 -m training.corpus_bands` trains a band
model on the development adverts plus weak corpus labels of the other employers, and prints the table.
Truths (no hand labels here): the stated band is checked on adverts whose title and text name exactly one
band; the band from salary against the band the job board's structured figures are on in the pay year of
the posting date (exact pay points only), and against the stated band (`salary_agrees_stated`); the masked
band against the weak label (`training.weak_bands`: the band plainly stated, else the salary band).
"""

from __future__ import annotations

import copy
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from classifier.band_model import BandModel, band_index
from classifier.bands import BandAssessor
from classifier.masking import mask_pay
from classifier.pipeline import Analyser
from classifier.schema import BAND_VALUES, Advert, Band, Role
from training.corpus import CorpusAdvert, corpus_available, is_heldout_employer, iter_corpus
from training.weak_bands import WeakBand, WeakExample, corpus_advert, weak_band

FAMILIES = ("support", "trainee", "registered", "medical", "admin/other")
_FAMILY_OF_CATEGORY = {
    "defined_boundary": "support",
    "further_education": "support",
    "trainee": "trainee",
    "registered_professional": "registered",
    "out_of_scope": "admin/other",
}
_MEDICAL_ROLES = frozenset({"medical_doctor"})
BATCH = 256
MENTAL_HEALTH_WEIGHT = 2.0
"""Mental health adverts weigh double among weak labels: the project's workforce (held-out: +0.5 points)."""


def role_family(role: Role, category: str) -> str:
    """support / trainee / registered / medical / admin/other from the predicted role."""
    if role.id in _MEDICAL_ROLES:
        return "medical"
    return _FAMILY_OF_CATEGORY.get(category, "admin/other")


def mental_health(advert: CorpusAdvert) -> bool:
    from training.weak_roles import has_mental_health_evidence  # the lead's module: optional at import

    return has_mental_health_evidence(advert.title, advert.text)


@dataclass
class _Tally:
    """Counts for one group of adverts (all, a role family, mental health)."""

    n: int = 0
    stated_truth: int = 0
    stated_kept: int = 0
    salary_truth: int = 0
    dated_right: int = 0
    undated_wrong: int = 0
    undated_null: int = 0
    cross_truth: int = 0
    cross_agree: int = 0
    masked: int = 0
    masked_exact: int = 0
    masked_within_one: int = 0

    def add(self, advert: CorpusAdvert, weak: WeakBand, dated: Band, undated: Band, masked: str) -> None:
        self.n += 1
        mentioned = one_band_mentioned(advert)
        if mentioned:
            self.stated_truth += 1
            self.stated_kept += mentioned == dated.stated
        if weak.salary:
            self.salary_truth += 1
            self.dated_right += dated.from_salary == weak.salary
            self.undated_wrong += undated.from_salary not in (None, weak.salary)
            self.undated_null += undated.from_salary is None
        if weak.stated and dated.from_salary:
            self.cross_truth += 1
            self.cross_agree += dated.from_salary == weak.stated
        if weak.label:
            distance = abs(band_index(masked) - band_index(weak.label))
            self.masked += 1
            self.masked_exact += distance == 0
            self.masked_within_one += distance <= 1

    def figures(self) -> dict[str, float | int]:
        def share(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "adverts": self.n,
            "stated_adverts": self.stated_truth,
            "stated_accuracy": share(self.stated_kept, self.stated_truth),
            "salary_adverts": self.salary_truth,
            "salary_dated_right": share(self.dated_right, self.salary_truth),
            "salary_undated_wrong": share(self.undated_wrong, self.salary_truth),
            "salary_undated_null": share(self.undated_null, self.salary_truth),
            "salary_agrees_stated": share(self.cross_agree, self.cross_truth),
            "masked_adverts": self.masked,
            "masked_exact": share(self.masked_exact, self.masked),
            "masked_within_one": share(self.masked_within_one, self.masked),
        }


_ONE_BAND = re.compile(r"\bband\s*(8\s?[a-d]|[1-9])\b(?![\d,.]\d)", re.I)


def one_band_mentioned(advert: CorpusAdvert) -> str | None:
    """The band when the title and text name exactly one (the stated-band truth; "Band 8" alone is not one)."""
    found = {
        m.group(1).replace(" ", "").lower() for m in _ONE_BAND.finditer(f"{advert.title}\n{advert.text}")
    }
    return found.pop() if len(found) == 1 and found != {"8"} else None


def _masked_bands(assessor: BandAssessor, adverts: Sequence[Advert], roles: Sequence[Role]) -> list[str]:
    """The duties-only band: title and text with every band and pay statement masked."""
    masked = [
        a.model_copy(update={"text": mask_pay(a.text), "title": mask_pay(a.title or "")}) for a in adverts
    ]
    proba = assessor.predict(masked, roles)
    return [BAND_VALUES[int(i)] for i in np.argmax(proba, axis=1)]


def corpus_band_metrics(analyser: Analyser, adverts: Sequence[CorpusAdvert]) -> dict[str, object]:
    """Band figures on `adverts` (pass held-out employers' adverts), overall, by family and mental health."""
    groups: dict[str, _Tally] = defaultdict(_Tally)
    for start in range(0, len(adverts), BATCH):
        chunk = list(adverts[start : start + BATCH])
        dated = [corpus_advert(a) for a in chunk]
        undated = [a.model_copy(update={"date_posted": None}) for a in dated]
        roles = analyser.roles.classify_many(dated)
        dated_bands = analyser.bands.assess_many([(a, r, []) for a, r in zip(dated, roles, strict=True)])
        undated_bands = analyser.bands.assess_many([(a, r, []) for a, r in zip(undated, roles, strict=True)])
        masked = _masked_bands(analyser.bands, dated, roles)
        for i, advert in enumerate(chunk):
            weak = weak_band(advert)
            family = role_family(roles[i], analyser.taxonomy.role(roles[i].id).category)
            keys = ["all", family] + (["mental_health"] if mental_health(advert) else [])
            for key in keys:
                groups[key].add(advert, weak, dated_bands[i], undated_bands[i], masked[i])
    order = ["all", *FAMILIES, "mental_health"]
    return {key: groups[key].figures() for key in order if key in groups}


def weak_examples(
    analyser: Analyser, adverts: Sequence[CorpusAdvert], weight: float = 1.0
) -> list[WeakExample]:
    """Band-model rows for corpus adverts with a weak label, the role as the classifier predicts it."""
    examples: list[WeakExample] = []
    for start in range(0, len(adverts), BATCH):
        chunk = [a for a in adverts[start : start + BATCH] if a.text.strip()]
        labelled = [(a, label) for a in chunk if (label := weak_band(a).label)]
        roles = analyser.roles.classify_many([corpus_advert(a) for a, _ in labelled])
        examples += [
            WeakExample(
                a.title, a.text, role.id, label, weight * (MENTAL_HEALTH_WEIGHT if mental_health(a) else 1)
            )
            for (a, label), role in zip(labelled, roles, strict=True)
        ]
    return examples


def with_band_model(analyser: Analyser, model: BandModel) -> Analyser:
    """A shallow copy of `analyser` whose band assessor uses `model` (the original is left alone)."""
    copied = copy.copy(analyser)
    copied.bands = BandAssessor(model, analyser.taxonomy)
    return copied


def split_corpus(
    keep: Callable[[CorpusAdvert], bool] = lambda a: bool(a.text.strip()),
) -> tuple[list[CorpusAdvert], list[CorpusAdvert]]:
    """(training employers' adverts, held-out employers' adverts)."""
    train: list[CorpusAdvert] = []
    held: list[CorpusAdvert] = []
    for advert in iter_corpus():
        if keep(advert):
            (held if is_heldout_employer(advert.employer) else train).append(advert)
    return train, held


def main(argv: Sequence[str] = ()) -> int:
    from training.corpus_band_report import run

    if not corpus_available():
        print("corpus_bands: ../shared/data/nhs-jobs-2020.jsonl.gz is not here", file=sys.stderr)
        return 2
    return run(list(argv))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
