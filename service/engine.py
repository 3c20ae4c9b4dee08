"""The analysis engine as the routes use it: one `Engine` per process, shared read-only by worker threads.

Importing this module pulls in spaCy and scikit-learn (seconds), so the app imports it only in the
background loader; the routes see an `Engine` instance and never import the heavy modules themselves.
"""

from __future__ import annotations

import logging
from pathlib import Path

from classifier.pipeline import Analyser
from classifier.reading import from_text, read_bytes
from classifier.schema import Advert, Analysis
from service.logs import error_fields
from service.models import AdvertIn, BatchAdvertIn, BatchItemOut, ItemError, MetaOut, RoleOut, RolesOut
from service.parsing import ParseLimits, parse_in_child

log = logging.getLogger("mhsw.service")


class Engine:
    """Turns request bodies into analyses; every method is CPU-bound and runs off the event loop."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser
        self.meta = MetaOut(**analyser.meta())
        taxonomy = analyser.taxonomy
        self.roles = RolesOut(
            taxonomy_version=taxonomy.version,
            roles=[
                RoleOut(
                    id=role.id,
                    label=role.label,
                    category=role.category,
                    typical_bands=list(role.typical_bands),
                    usual_band=role.usual_band,
                    soc2020=role.soc2020,
                    regulator=role.regulator,
                    entry_level=role.entry_level,
                    next_steps=list(role.next_steps),
                )
                for role in taxonomy.top_roles()
            ],
        )

    @classmethod
    def load(cls, model_dir: Path | None) -> Engine:
        """Load and hash-verify the model (raises `ModelIntegrityError` on a tampered or missing file)."""
        return cls(Analyser.load(model_dir))

    def analyse(self, body: AdvertIn) -> Analysis:
        return self.analyser.analyse(from_text(body.text, title=body.title, date_posted=body.date_posted))

    def analyse_batch(self, items: list[BatchAdvertIn]) -> list[BatchItemOut]:
        """One result or error per advert, in order: the fast path first, one by one if any advert fails."""
        adverts = [
            from_text(item.text, title=item.title, id=item.id, date_posted=item.date_posted) for item in items
        ]
        try:
            analyses = list(self.analyser.analyse_many(adverts))
        except Exception:  # noqa: BLE001 - a failing advert must not sink the others; isolated below
            return [self._one(advert) for advert in adverts]
        return [
            BatchItemOut(id=advert.id, analysis=analysis)
            for advert, analysis in zip(adverts, analyses, strict=True)
        ]

    def _one(self, advert: Advert) -> BatchItemOut:
        try:
            return BatchItemOut(id=advert.id, analysis=self.analyser.analyse(advert))
        except Exception as exc:  # noqa: BLE001 - reported per advert; the type and place are logged, not the text
            log.error("batch advert failed", extra={"fields": error_fields(exc)})
            message = "This advert could not be analysed; the other adverts were."
            return BatchItemOut(id=advert.id, error=ItemError(code="analysis_failed", message=message))

    def read(
        self,
        data: bytes,
        filename: str | None,
        media_type: str | None,
        title: str | None,
        limits: ParseLimits | None = None,
    ) -> Advert:
        """An uploaded file as an advert (raises `UnreadableInput` / `UnsupportedFormat`); a given title wins.

        With `limits` the file is parsed in a child process that is killed past them (`service.parsing`)."""
        if limits is None:
            advert = read_bytes(data, filename=filename, media_type=media_type)
        else:
            advert = parse_in_child(data, filename, media_type, limits)
        if title and title.strip():
            advert = advert.model_copy(update={"title": title.strip(), "title_source": "given"})
        return advert
