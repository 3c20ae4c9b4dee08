"""Request and response bodies of the history routes (the correction body itself is `store.corrections`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from classifier.schema import Analysis
from service.models import AdvertIn


class StoreAdvertIn(AdvertIn):
    """An advert to analyse and keep; `external_id` ties it to a row of your own (e.g. a batch id)."""

    external_id: str | None = Field(default=None, max_length=300)


class AnalysisSummary(BaseModel):
    id: str
    created_at: datetime
    api_key_name: str | None
    source: str
    external_id: str | None
    model_version: str
    schema_version: str
    taxonomy_version: str
    text_sha256: str
    title: str | None
    role_id: str | None
    category: str | None
    band: str | None
    corrected: bool
    text_retained: bool


class StoredAnalysis(AnalysisSummary):
    analysis: Analysis
    text: str | None = Field(default=None, description="Only when MHSW_TEXT_RETENTION=true at the time.")


class AnalysisPage(BaseModel):
    items: list[AnalysisSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class CorrectionOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    analysis_id: str
    created_at: datetime
    author: str | None
    changes: dict[str, Any]
    note: str | None


class CorrectionsOut(BaseModel):
    corrections: list[CorrectionOut]


class ReloadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str | None = Field(
        default=None, max_length=100, pattern=r"^[A-Za-z0-9._-]+$", description="A folder in models/."
    )
    rollback: StrictBool = Field(
        default=False, description="Go back to the model served before the last reload."
    )


class ReloadOut(BaseModel):
    model_version: str
    previous: str | None


class Choice(BaseModel):
    id: str
    label: str


class VocabularyOut(BaseModel):
    """What a correction may name: the page builds its lists from this."""

    roles: list[Choice]
    categories: list[str]
    bands: list[str]
    qualifications: list[Choice]
    skills: list[Choice]
