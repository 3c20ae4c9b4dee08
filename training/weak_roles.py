"""Weak role labels for corpus adverts: the advertised title read against the taxonomy, checked by the text.

Thousands of real adverts of every profession teach the role model what a stroke-ward staff nurse or a
theatre recovery practitioner reads like, which 240 mental health adverts cannot. A corpus advert gets a
label only where the evidence is plain:
- its cleaned title (or every title segment that matches) names one taxonomy role's variant; a mental
  health role needs mental health evidence in the title or text as well, so a title variant alone never
  pulls a general post into the mental health workforce;
- or its title is a generic nurse title ("Staff Nurse", "Charge Nurse", "Ward Manager", ...), which is a
  mental health nurse only with mental health evidence and otherwise the taxonomy's adult nurse.
Everything else stays unlabelled; it is better to learn from fewer rows than from wrong ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from classifier.taxonomy import Taxonomy
from classifier.title_cleaning import clean_title, normalise
from classifier.titles import VariantIndex
from training.corpus import CorpusAdvert, is_heldout_employer
from training.datasets import LabelledRow, Labels

MENTAL_HEALTH_EVIDENCE = re.compile(
    r"\b(?:rmns?|registered mental health nurses?|mental health|psychiatr\w*|camhs|cmhts?|"
    r"learning disabilit\w*|iapt|talking therap\w*|psycholog\w*|psychosis|eating disorders?|"
    r"dementia|forensic|secure (?:services?|units?|hospital)|crisis (?:resolution|team|line)|"
    r"home treatment|recovery college|peer support|personality disorders?|substance misuse|"
    r"drugs? and alcohol|wellbeing practitioner)\b",
    re.I,
)
"""Words that put a post in a mental health or learning disability service."""

MENTAL_HEALTH_ROLES = frozenset(
    {
        "mental_health_support_worker",
        "support_time_recovery_worker",
        "recovery_worker",
        "peer_support_worker",
        "senior_peer_support_worker",
        "crisis_support_worker",
        "psychology_assistant",
        "mental_health_nurse",
        "mental_health_practitioner",
        "assistant_psychologist",
        "clinical_psychologist",
        "psychological_therapist",
        "psychological_wellbeing_practitioner",
        "education_mental_health_practitioner",
        "childrens_wellbeing_practitioner",
        "mental_health_wellbeing_practitioner",
        "associate_psychological_practitioner",
        "clinical_associate_psychology",
        "trainee_psychological_wellbeing_practitioner",
        "trainee_education_mental_health_practitioner",
        "trainee_childrens_wellbeing_practitioner",
        "trainee_mental_health_wellbeing_practitioner",
        "trainee_clinical_associate_psychology",
        "trainee_psychological_therapist",
    }
)
"""roles.csv roles that exist only in mental health services (their finer roles inherit this)."""

GENERIC_NURSE = re.compile(
    r"^(?:senior |junior |deputy |registered |qualified )?(?:staff nurse|registered nurse|rgn|rn|nurse|"
    r"charge nurse|sister|ward sister|ward manager|nurse practitioner|band \d nurse)s?$"
)
NURSE_WORDS = re.compile(r"\b(?:nurses?|sister|ward manager|preceptee|preceptorship)\b")
"""The taxonomy's ambiguous titles with these words are generic nurse titles too."""
ADULT_NURSE_TITLE = "adult nurse"
"""The taxonomy variant whose role takes generic nurse titles without mental health evidence."""


EVIDENCE_MENTIONS = 2
"""Mentions in the text that make it evidence: one passing "mental health and wellbeing" benefit is not."""


def has_mental_health_evidence(title: str, text: str) -> bool:
    """The title names a mental health service, or the text does at least EVIDENCE_MENTIONS times."""
    if MENTAL_HEALTH_EVIDENCE.search(title):
        return True
    mentions = MENTAL_HEALTH_EVIDENCE.finditer(text)
    return sum(1 for _mention, _n in zip(mentions, range(EVIDENCE_MENTIONS), strict=False)) >= EVIDENCE_MENTIONS


@dataclass(frozen=True)
class WeakRole:
    role_id: str
    """A taxonomy role id (a finer role where the title names one)."""
    rule: str
    """Which rule labelled it: "variant" or "generic_nurse"."""


class WeakRoleLabeller:
    """Labels corpus adverts from their titles with the taxonomy's variants and a mental health check."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.variants = VariantIndex(taxonomy)
        adult = self.variants.match(clean_title(ADULT_NURSE_TITLE))
        self.adult_nurse = adult[0] if adult else None
        self.generic_nurse_titles = frozenset(
            key for v in taxonomy.ambiguous_variants if NURSE_WORDS.search(key := normalise(v))
        )

    def _generic_nurse(self, title: str) -> bool:
        return title in self.generic_nurse_titles or bool(GENERIC_NURSE.match(title))

    def is_mental_health_role(self, role_id: str) -> bool:
        return self.taxonomy.role(role_id).top_id in MENTAL_HEALTH_ROLES

    def label(self, title: str, text: str) -> WeakRole | None:
        """The weak role of one advert, or None where its title and text do not make it plain."""
        cleaned = clean_title(title)
        if not cleaned.text:
            return None
        evidence = has_mental_health_evidence(title, text)
        match = self.variants.match(cleaned)
        if match and (evidence or not self.is_mental_health_role(match[0])):
            return WeakRole(match[0], "variant")
        if any(self._generic_nurse(s) for s in (cleaned.text, *cleaned.segments)):
            if evidence:
                return WeakRole("mental_health_nurse", "generic_nurse")
            if self.adult_nurse:
                return WeakRole(self.adult_nurse, "generic_nurse")
        return None


def weak_role_rows(
    adverts: Iterable[CorpusAdvert], taxonomy: Taxonomy, *, exclude_heldout: bool
) -> list[LabelledRow]:
    """Labelled rows for the corpus adverts the labeller is sure of (held-out employers left out on request)."""
    labeller = WeakRoleLabeller(taxonomy)
    rows: list[LabelledRow] = []
    for advert in adverts:
        if not advert.text.strip() or (exclude_heldout and is_heldout_employer(advert.employer)):
            continue
        weak = labeller.label(advert.title, advert.text)
        if weak is None:
            continue
        rows.append(
            LabelledRow(
                id=advert.id,
                title=advert.title,
                text=advert.text,
                employer=advert.employer,
                labels=Labels(role_id=weak.role_id, category=taxonomy.category_of(weak.role_id)),
            )
        )
    return rows
