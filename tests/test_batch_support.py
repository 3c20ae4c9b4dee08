"""Invented adverts and a fast stand-in analyser shared by the batch and report tests (no tests here).

The stand-in builds real `Analysis` objects from simple rules, so the batch machinery (chunking, resume,
pools, writers) can be tested on hundreds of rows in seconds; the real model is used where the analyses
themselves are compared.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from classifier.schema import (
    Analysis,
    Band,
    CareerPathway,
    Category,
    Qualification,
    Role,
    Salary,
    Skill,
    Span,
    Wording,
    WordingIssue,
)

ADVERTS: list[dict[str, Any]] = [
    {
        "id": "inv-1",
        "title": "Healthcare Support Worker - Band 3",
        "employer_type": "nhs_trust",
        "text": (
            "Healthcare Support Worker, Band 3, adult acute inpatient ward.\n"
            "Salary: £24,071 - £25,674 per annum\n"
            "Job summary\nYou will help patients with everyday living on a busy acute ward and take part in "
            "therapeutic activities planned by the nursing team.\n"
            "Main duties\nRecord physical observations, support meal times and help patients keep in touch "
            "with family. Work to the care plan and report concerns to the nurse in charge.\n"
            "Person specification\nEssential: Care Certificate or willing to complete it. Good "
            "communication. Compassion and patience.\nDesirable: experience of mental health services."
        ),
    },
    {
        "id": "inv-2",
        "title": "Peer Support Worker",
        "employer_type": "nhs_trust",
        "text": (
            "Peer Support Worker (Band 4) in a community mental health team.\n"
            "You will draw on your own lived experience of mental ill health to build hopeful relationships "
            "with people using the service. Full training in peer support is provided, and you will be "
            "supported to complete a Level 3 qualification and to apply for senior peer roles.\n"
            "Essential: lived experience of recovery, good listening skills, a full UK driving licence.\n"
            "Salary £26,530 to £29,114 a year."
        ),
    },
    {
        "id": "inv-3",
        "title": "Support Time and Recovery Worker",
        "employer_type": "charity",
        "text": (
            "We are a small mental health charity looking for a Support Time and Recovery Worker to visit "
            "people at home and help them reach their own goals: managing money, shopping, attending "
            "appointments and joining local groups.\n"
            "You will need empathy, resilience and good written English. An enhanced DBS check is required.\n"
            "Pay: £11.90 per hour, 37.5 hours per week."
        ),
    },
    {
        "id": "inv-4",
        "title": "Assistant Psychologist",
        "employer_type": "nhs_trust",
        "text": (
            "Assistant Psychologist - Band 5 - early intervention in psychosis service.\n"
            "Working under the supervision of a clinical psychologist you will carry out assessments, run "
            "groups and collect outcome measures. Essential: a good honours degree in psychology giving "
            "eligibility for Graduate Basis for Chartered Membership of the BPS.\n"
            "This post is a recognised step towards applying for the Doctorate in Clinical Psychology."
        ),
    },
    {
        "id": "inv-5",
        "title": "Mental Health Nurse",
        "employer_type": "independent",
        "text": (
            "Registered Mental Health Nurse for a private hospital rehabilitation unit.\n"
            "You must hold current NMC registration as a mental health nurse. You will lead shifts, manage "
            "medication and write care plans with patients.\n"
            "Salary £36,000 per annum. Preceptorship for newly qualified nurses and a clear route to "
            "charge nurse."
        ),
    },
    {
        "id": "inv-6",
        "title": "Activity Coordinator",
        "employer_type": "independent",
        "text": (
            "Activity Coordinator for a care home supporting older adults with dementia.\n"
            "Plan and lead daily activities, outings and reminiscence sessions. You will be cheerful, "
            "creative and confident with groups. No qualifications needed; full induction given.\n"
            "£12.00 per hour."
        ),
    },
]


def write_jsonl(path: Path, rows: Iterable[dict[str, Any] | str]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def repeated(count: int) -> list[dict[str, Any]]:
    """`count` rows cycling through the invented adverts, each with a unique id."""
    return [{**ADVERTS[i % len(ADVERTS)], "id": f"r{i}"} for i in range(count)]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


_BAND = re.compile(r"\bband\s+([2-9]|8[a-d])\b", re.IGNORECASE)
_ROLES = {
    "peer": "peer_support_worker",
    "nurse": "mental_health_nurse",
    "psycholog": "assistant_psychologist",
}


class FakeAnalyser:
    """Deterministic rules in place of the model; `EXPLODE` in a text makes the analysis raise."""

    model_version = "fake-1"

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    @classmethod
    def load(cls, model_dir: Path | None) -> FakeAnalyser:
        return cls(float(os.environ.get("MHSW_TEST_FAKE_DELAY", "0")))

    def analyse_many(self, adverts: Iterable[Any], batch_size: int = 64) -> Iterator[Analysis]:
        for advert in adverts:
            if "EXPLODE" in advert.text:
                raise ValueError("the stand-in analyser was told to fail")
            time.sleep(self.delay)
            yield self.analyse(advert)

    def analyse(self, advert: Any) -> Analysis:
        text, title = advert.text, advert.title or ""
        role_id = next(
            (rid for key, rid in _ROLES.items() if key in title.lower()), "healthcare_support_worker"
        )
        stated = _BAND.search(text)
        band = stated.group(1) if stated else None
        defined = role_id in ("healthcare_support_worker", "peer_support_worker")
        present = "training" in text.lower()
        quals = [
            Qualification(
                id="care_certificate",
                label="Care Certificate",
                group="training",
                requirement="essential",
                span=Span(start=m.start(), end=m.end(), text=m.group()),
                text=m.group(),
            )
            for m in re.finditer("Care Certificate", text)
        ]
        skills = [
            Skill(
                id="empathy_compassion",
                label="Empathy and compassion",
                group="values_behaviours",
                requirement="unspecified",
                span=Span(start=m.start(), end=m.end(), text=m.group()),
                text=m.group(),
            )
            for m in re.finditer("(?i)empathy|compassion", text)
        ]
        salary = None
        if "£" in text:
            salary = Salary(text="£", annual_minimum=24071.0, annual_maximum=25674.0, bands=["3"])
        issues = (
            [WordingIssue(code="missing_salary", severity="warning", message="no salary")]
            if not salary
            else []
        )
        return Analysis(
            id=advert.id,
            model_version=self.model_version,
            taxonomy_version="test",
            title=advert.title,
            role=Role(id=role_id, label=role_id.replace("_", " ").title(), confidence=0.9),
            category=Category(
                id="defined_boundary" if defined else "registered_professional", confidence=0.9
            ),
            band=Band(
                value=band or "4",
                source="stated" if band else "predicted",
                stated=band,
                predicted="4",
                salary=salary,
            ),
            qualifications=quals,
            skills=skills,
            career_pathway=CareerPathway(
                present=present, flag="missing_career_pathway" if defined and not present else None
            ),
            wording=Wording(issues=issues),
            sections=advert.sections,
        )
