"""Composes the analysis: one `Analyser` per process, built once, then `analyse` / `analyse_many`.

`analyse_many` is the fast path (spaCy `nlp.pipe`, vectorised model calls); `analyse` is the same code
with one item, so the CLI, the API and batch can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from classifier.artifacts import LoadedModel, load_model
from classifier.bands import BandAssessor
from classifier.category import decide_category
from classifier.extraction import QualificationSkillExtractor
from classifier.nhs_occupation import OccupationCoder
from classifier.pathways import PathwayDetector
from classifier.reading import from_text
from classifier.schema import SCHEMA_VERSION, Advert, Analysis
from classifier.taxonomy import Taxonomy, default_taxonomy
from classifier.titles import RoleClassifier
from classifier.tokenizer import BoundedTokenizer
from classifier.wording import WordingChecker


def build_nlp() -> Language:
    """A blank English tokenizer, linear in time on any text (`classifier.tokenizer`); rule components are
    added by each extractor on its own matchers."""
    nlp = spacy.blank("en")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    nlp.max_length = 2_000_000
    return nlp


class Analyser:
    """Holds the loaded model, taxonomy and matchers; safe to share across threads (read-only)."""

    def __init__(self, model: LoadedModel, taxonomy: Taxonomy | None = None) -> None:
        self.model = model
        self.taxonomy = taxonomy or default_taxonomy()
        self.nlp = build_nlp()
        self.roles = RoleClassifier(model.role_model, self.taxonomy)
        self.occupations = OccupationCoder(self.taxonomy, variants=self.roles.variants)
        self.bands = BandAssessor(model.band_model, self.taxonomy)
        self.extractor = QualificationSkillExtractor(self.nlp)
        self.pathways = PathwayDetector(self.nlp)
        self.wording = WordingChecker(self.nlp)

    @classmethod
    def load(cls, model_dir: Path | None = None) -> Analyser:
        """Load and hash-verify the model in `model_dir` (default: the newest in `models/`)."""
        return cls(load_model(model_dir))

    @property
    def model_version(self) -> str:
        return self.model.version

    def meta(self) -> dict[str, Any]:
        """What a client needs to know to reproduce an analysis."""
        return {
            "schema_version": SCHEMA_VERSION,
            "model_version": self.model.version,
            "taxonomy_version": self.taxonomy.version,
            "taxonomy_sha256": self.taxonomy.sha256,
            "artifacts": dict(self.model.manifest.get("files", {})),
        }

    def analyse(self, advert: Advert | str, title: str | None = None) -> Analysis:
        """Analyse one advert (an `Advert`, or plain text with an optional title)."""
        if isinstance(advert, str):
            advert = from_text(advert, title=title)
        return next(self.analyse_many([advert]))

    def analyse_many(self, adverts: Iterable[Advert], batch_size: int = 64) -> Iterator[Analysis]:
        """Analyse adverts in order, `batch_size` at a time, yielding one `Analysis` per advert."""
        iterator = iter(adverts)
        while chunk := list(islice(iterator, batch_size)):
            yield from self._analyse_chunk(chunk)

    def _analyse_chunk(self, adverts: list[Advert]) -> list[Analysis]:
        docs = list(self.nlp.pipe(a.text for a in adverts))
        roles = self.occupations.assign_many(adverts, self.roles.classify_many(adverts))
        results: list[Analysis] = []
        pending = []
        for advert, doc, role in zip(adverts, docs, roles, strict=True):
            quals, skills = self.extractor.extract(advert, doc)
            category = decide_category(role, self.taxonomy)
            pending.append((advert, doc, role, category, quals, skills))
        bands = self.bands.assess_many(
            [(advert, role, skills) for advert, _doc, role, _cat, _q, skills in pending]
        )
        for (advert, doc, role, category, quals, skills), band in zip(pending, bands, strict=True):
            entry = self.taxonomy.role(role.finer_role or role.id)
            pathway = self.pathways.detect(
                advert,
                doc,
                role_entry=entry,
                category=category.id,
                salary_bands=band.salary.bands if band.salary else [],
            )
            wording = self.wording.check(
                advert, doc, category=category.id, role_id=role.id, band=band, qualifications=quals
            )
            results.append(
                Analysis(
                    id=advert.id,
                    model_version=self.model.version,
                    taxonomy_version=self.taxonomy.version,
                    title=advert.title,
                    title_source=advert.title_source,
                    role=role,
                    category=category,
                    band=band,
                    qualifications=quals,
                    skills=skills,
                    career_pathway=pathway,
                    wording=wording,
                    sections=advert.sections,
                )
            )
        return results
