"""Request and response bodies of the HTTP API; the OpenAPI schema is generated from these and `Analysis`."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from classifier.schema import Analysis
from service.settings import MAX_BATCH, MAX_TEXT_CHARS

NonBlank = r"\S"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AdvertIn(_Body):
    """One advert as plain text; the text is analysed exactly as sent, so span offsets index into it."""

    title: str | None = Field(default=None, max_length=300, description="The advertised job title, if known.")
    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT_CHARS,
        pattern=NonBlank,
        description=f"The advert text (at most {MAX_TEXT_CHARS:,} characters, or MHSW_MAX_TEXT_CHARS if lower).",
    )
    date_posted: date | None = Field(
        default=None,
        description="ISO date the advert was posted (YYYY-MM-DD): its salary is read against that pay year.",
    )


class BatchAdvertIn(AdvertIn):
    id: str | None = Field(default=None, max_length=200, description="Your reference, echoed in the result.")


class BatchIn(_Body):
    adverts: list[BatchAdvertIn] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description=f"1 to {MAX_BATCH} adverts (or MHSW_MAX_BATCH if lower), analysed in order.",
    )


class ItemError(_Body):
    code: str = Field(description="Stable error code, e.g. `analysis_failed`.")
    message: str


class BatchItemOut(_Body):
    """Exactly one of `analysis` and `error` is set."""

    id: str | None = None
    analysis: Analysis | None = None
    error: ItemError | None = None


class BatchOut(_Body):
    results: list[BatchItemOut] = Field(description="One entry per advert, in the order sent.")


class FileAnalysis(_Body):
    """The analysis of an uploaded file and the text extracted from it, which its spans index into."""

    analysis: Analysis
    text: str
    source_format: Literal["text", "html", "docx", "pdf"]


class RoleOut(_Body):
    id: str
    label: str
    category: str
    typical_bands: list[str]
    usual_band: str
    soc2020: str | None
    regulator: str
    entry_level: str
    next_steps: list[str]


class RolesOut(_Body):
    taxonomy_version: str
    roles: list[RoleOut]


class MetaOut(_Body):
    schema_version: str
    model_version: str
    taxonomy_version: str
    taxonomy_sha256: str
    artifacts: dict[str, str] = Field(description="sha256 of each model file, as verified at load.")


class HealthOut(_Body):
    status: Literal["ok"] = "ok"


class ReadyOut(_Body):
    status: Literal["ready", "loading", "failed"]
    model_version: str | None = None
    detail: str | None = None


class ErrorOut(_Body):
    detail: str


class FieldError(_Body):
    loc: list[str | int] = Field(description="Where the problem is, e.g. ['body', 'text'].")
    msg: str
    type: str


class ValidationErrorOut(_Body):
    detail: list[FieldError]
