"""Labelled data for training and evaluation: JSONL adverts plus examples built from the taxonomy.

The JSONL schema (one object per line) is documented in the README; only `title`, `text` and `labels` are
required. Rows that fail validation are reported with their line number, never silently skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from classifier.schema import BAND_VALUES, CATEGORY_IDS
from classifier.taxonomy import Taxonomy


class Labels(BaseModel):
    model_config = ConfigDict(extra="allow")

    role_id: str
    category: str | None = None
    band_stated: str | None = None
    pathway_present: bool | None = None
    quals: list[str] | None = None
    skills: list[str] | None = None

    @field_validator("band_stated")
    @classmethod
    def _band(cls, value: str | None) -> str | None:
        if value is not None and value not in BAND_VALUES:
            raise ValueError(f"band_stated must be one of {', '.join(BAND_VALUES)} or null")
        return value

    @field_validator("category")
    @classmethod
    def _category(cls, value: str | None) -> str | None:
        if value is not None and value not in CATEGORY_IDS:
            raise ValueError(f"category must be one of {', '.join(CATEGORY_IDS)}")
        return value


class LabelledRow(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str | None = ""
    text: str = Field(min_length=1)
    employer: str | None = None
    labels: Labels


@dataclass
class Dataset:
    rows: list[LabelledRow] = field(default_factory=list)
    sha256: str = ""
    sources: list[str] = field(default_factory=list)
    file_sha256: dict[str, str] = field(default_factory=dict)

    def groups(self) -> list[str]:
        """Group key for cross-validation: the employer, so one trust's boilerplate never sits in both folds."""
        return [(r.employer or f"row:{r.id}").strip().lower() for r in self.rows]


class DatasetError(ValueError):
    """A labelled file cannot be used; the message names the file and line."""


def load_jsonl(paths: Iterable[Path], taxonomy: Taxonomy) -> Dataset:
    digest = hashlib.sha256()
    dataset = Dataset()
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DatasetError(f"{path}: cannot read ({exc.strerror})") from exc
        digest.update(raw)
        dataset.sources.append(str(path))
        dataset.file_sha256[path.name] = hashlib.sha256(raw).hexdigest()
        for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = LabelledRow.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise DatasetError(f"{path}:{number}: {exc}") from exc
            if row.labels.role_id not in taxonomy.roles:
                raise DatasetError(f"{path}:{number}: unknown role_id {row.labels.role_id!r}")
            dataset.rows.append(row)
    dataset.sha256 = digest.hexdigest()
    return dataset


def taxonomy_title_examples(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(title, role id) pairs from every role's label and variants: the project's own training titles."""
    examples: list[tuple[str, str]] = []
    for role in taxonomy.roles.values():
        for title in dict.fromkeys((role.label, *role.variants)):
            examples.append((title, role.id))
            if role.trainee_route:
                examples.append((f"Trainee {title}", role.trainee_route))
                examples.append((f"{title} Apprentice", role.trainee_route))
    return examples
