"""The one contract shared by the CLI, the API, batch files and the tests.

`Advert` is what the readers produce; `Analysis` is what `analyse` returns. Changing a field's meaning
means bumping `SCHEMA_VERSION`; the OpenAPI schema of the service is generated from these models.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"
"""2: role.nhs_occupation, title_source, date_posted, requirement "route", salary read by pay year."""

BAND_VALUES: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")
CATEGORY_IDS: tuple[str, ...] = (
    "trainee",
    "further_education",
    "defined_boundary",
    "registered_professional",
    "out_of_scope",
)

SectionName = Literal[
    "summary", "duties", "person_spec", "essential", "desirable", "about", "benefits", "other"
]
Requirement = Literal["essential", "desirable", "offered", "route", "unspecified"]
Severity = Literal["error", "warning", "advisory", "info"]
BandSource = Literal["stated", "salary", "predicted"]
TitleSource = Literal["given", "field", "heading", "guessed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Character offsets into `Advert.text` (end exclusive) and the text they cover."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Section(_Model):
    """A labelled stretch of the advert text, found by the section splitter."""

    name: SectionName
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    heading: str | None = None


class Advert(_Model):
    """A job advert or job description as read from text, HTML, DOCX, PDF or a batch row."""

    id: str | None = None
    title: str | None = None
    title_source: TitleSource | None = Field(
        default=None, description="Where the title came from; None when there is no title."
    )
    text: str
    sections: list[Section] = Field(default_factory=list)
    source_format: Literal["text", "html", "docx", "pdf"] = "text"
    date_posted: date | None = Field(
        default=None, description="When the advert was posted: picks the AfC pay year its salary is read against."
    )

    def section_at(self, offset: int) -> SectionName | None:
        """The innermost section covering `offset`, or None where no section was found."""
        best: Section | None = None
        for section in self.sections:
            if section.start <= offset < section.end and (
                best is None or section.end - section.start < best.end - best.start
            ):
                best = section
        return best.name if best else None


class RoleAlternative(_Model):
    id: str
    label: str
    score: float


class NhsOccupation(_Model):
    """The advert's NHS occupation code (NHS Occupation Code Manual v22.1): an occupation level in a care setting.

    The code that ESR and the NHS workforce statistics count staff by, so results can be joined with them.
    """

    code: str = Field(description="Occupation code, e.g. 'N6E'.")
    name: str = Field(description="The code's name, e.g. 'Other 1st Level Nurse in Other Mental Health'.")
    staff_group: str = Field(description="Staff group of the workforce statistics, e.g. 'Nurses & health visitors'.")
    occupation_level: str
    care_setting: str = Field(description="Care setting or medical specialty, read from the advert where it says.")
    confidence: float = Field(ge=0.0, le=1.0, description="Role confidence times how clearly the setting was read.")


class Role(_Model):
    """The advert's role in the taxonomy of `data/taxonomy/roles.yaml` (ids from shared roles.csv)."""

    id: str
    label: str
    confidence: float = Field(ge=0.0, le=1.0)
    alternatives: list[RoleAlternative] = Field(default_factory=list)
    soc2020: str | None = None
    needs_review: bool = False
    clean_title: str = ""
    finer_role: str | None = Field(
        default=None, description="A finer role under `id` (e.g. community_psychiatric_nurse), if matched."
    )
    matched_variant: str | None = Field(default=None, description="The taxonomy title variant that matched.")
    attributes: list[str] = Field(
        default_factory=list, description="Title modifiers kept aside: bank, apprentice, fixed_term, ..."
    )
    method: Literal["exact", "model", "fallback"] = "model"
    nhs_occupation: NhsOccupation | None = Field(
        default=None, description="NHS occupation code for the role in the advert's care setting; null if none fits."
    )
    nhs_occupation_note: str | None = Field(
        default=None, description="Why there is no occupation code, or a caveat about the one given."
    )


class Category(_Model):
    id: Literal["trainee", "further_education", "defined_boundary", "registered_professional", "out_of_scope"]
    confidence: float = Field(ge=0.0, le=1.0)


class Salary(_Model):
    """A salary statement normalised to full-time annual basic pay."""

    text: str
    span: Span | None = None
    minimum: float | None = None
    maximum: float | None = None
    period: Literal["year", "hour", "month", "week", "day"] = "year"
    annual_minimum: float | None = None
    annual_maximum: float | None = None
    includes_hcas: bool = False
    pay_year: str | None = Field(default=None, description="AfC pay year matched, e.g. '2025/26'.")
    bands: list[str] = Field(default_factory=list, description="AfC bands the salary range spans.")


class BandNote(_Model):
    code: str
    message: str


class Band(_Model):
    """Agenda for Change band as stated, as implied by the salary, and as predicted from the duties."""

    value: str | None = None
    source: BandSource | None = None
    stated: str | None = None
    stated_span: Span | None = None
    stated_range: list[str] = Field(default_factory=list)
    from_salary: str | None = None
    salary: Salary | None = None
    predicted: str | None = None
    predicted_range: list[str] = Field(
        default_factory=list, description="Smallest set of adjacent bands holding >= 80% probability."
    )
    probabilities: dict[str, float] = Field(default_factory=dict)
    afc: bool | None = Field(
        default=None, description="Whether the advert appears to pay on Agenda for Change."
    )
    notes: list[BandNote] = Field(default_factory=list)


class Qualification(_Model):
    id: str
    label: str
    level: int | None = Field(default=None, description="RQF level, where the qualification has one.")
    group: str
    requirement: Requirement
    span: Span
    text: str


class Skill(_Model):
    id: str
    label: str
    group: str
    requirement: Requirement
    span: Span
    text: str


class PathwaySignal(_Model):
    kind: str
    strength: Literal["strong", "moderate", "weak"]
    span: Span
    text: str


class CareerPathway(_Model):
    present: bool
    signals: list[PathwaySignal] = Field(default_factory=list)
    known_routes: list[str] = Field(
        default_factory=list, description="Next steps for the role from the taxonomy."
    )
    flag: Literal["missing_career_pathway"] | None = None
    explanation: str | None = None


class WordingIssue(_Model):
    code: str
    severity: Severity
    message: str
    span: Span | None = None
    suggestion: str | None = None


class GenderCoding(_Model):
    masculine: list[str] = Field(default_factory=list)
    feminine: list[str] = Field(default_factory=list)
    verdict: Literal["masculine-coded", "feminine-coded", "neutral", "empty"] = "empty"


class Readability(_Model):
    words: int = 0
    sentences: int = 0
    flesch_reading_ease: float | None = None
    flesch_kincaid_grade: float | None = None
    reading_age: float | None = None
    average_sentence_length: float | None = None
    long_word_share: float | None = None
    long_sentences: int = 0
    verdict: Literal["meets_nhs_target", "acceptable", "hard", "too_short"] = "too_short"


class Wording(_Model):
    issues: list[WordingIssue] = Field(default_factory=list)
    gender_coding: GenderCoding = Field(default_factory=GenderCoding)
    readability: Readability = Field(default_factory=Readability)


class Analysis(_Model):
    """Everything mhsw says about one advert."""

    id: str | None = None
    schema_version: str = SCHEMA_VERSION
    model_version: str
    taxonomy_version: str
    title: str | None = Field(default=None, description="The title used: given, or found in the advert.")
    title_source: TitleSource | None = Field(
        default=None,
        description="given (by the caller), field (a 'Job title:' field), heading (document or page heading), "
        "guessed (the most title-like early line); None when no title was given or found.",
    )
    role: Role
    category: Category
    band: Band
    qualifications: list[Qualification] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    career_pathway: CareerPathway
    wording: Wording
    sections: list[Section] = Field(default_factory=list)
