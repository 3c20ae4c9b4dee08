"""Every read and write of analyses and corrections; each write and its audit entry commit together.

Rows come back as plain dicts (JSON-ready apart from datetimes) so the service, the CLI and training share
one shape. Methods are synchronous: the service calls them from worker threads.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from store.engine import READONLY, make_engine, writer_gate
from store.errors import NotFound, StoreError
from store.tables import analyses, audit_log, corrections

PAGE_MAX = 200


def utc(moment: datetime) -> datetime:
    """SQLite hands timestamps back naive; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _analysis_out(row: Any, with_text: bool = True) -> dict[str, Any]:
    out = {
        "id": row.id,
        "created_at": utc(row.created_at),
        "api_key_name": row.api_key_name,
        "source": row.source,
        "external_id": row.external_id,
        "model_version": row.model_version,
        "schema_version": row.schema_version,
        "taxonomy_version": row.taxonomy_version,
        "text_sha256": row.text_sha256,
        "title": row.title,
        "role_id": row.role_id,
        "category": row.category,
        "band": row.band,
        "corrected": bool(row.corrected),
        "text_retained": row.text is not None,
        "analysis": row.analysis,
    }
    if with_text:
        out["text"] = row.text
    return out


def _correction_out(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "analysis_id": row.analysis_id,
        "created_at": utc(row.created_at),
        "author": row.author,
        "changes": row.changes,
        "note": row.note,
    }


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None


class Store:
    """The database behind the history routes, `mhsw db`, `mhsw corrections` and `mhsw train --corrections`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.gate = writer_gate(engine)

    @classmethod
    def open(cls, url: str) -> Store:
        return cls(make_engine(url))

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.gate(), self.engine.begin() as conn:
            yield conn

    def _read(self) -> Any:
        return self.engine.connect().execution_options(**{READONLY: True})

    def _audit(
        self, conn: Connection, actor: str | None, action: str, target: str | None, **detail: Any
    ) -> None:
        conn.execute(
            insert(audit_log).values(
                at=datetime.now(UTC), actor=actor, action=action, target=target, detail=detail or None
            )
        )

    def add_analysis(
        self,
        analysis: dict[str, Any],
        text: str,
        *,
        keep_text: bool = False,
        actor: str | None = None,
        source: str = "api",
        external_id: str | None = None,
    ) -> dict[str, Any]:
        """Store one analysis (the text only when `keep_text`); returns the stored row."""
        new_id = str(uuid.uuid4())
        analysis = {
            **analysis,
            "id": analysis.get("id") or new_id,
        }  # the advert's own id, else the stored one
        values = {
            "id": new_id,
            "created_at": datetime.now(UTC),
            "api_key_name": actor,
            "source": source,
            "external_id": external_id,
            "model_version": analysis["model_version"],
            "schema_version": analysis["schema_version"],
            "taxonomy_version": analysis["taxonomy_version"],
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "title": (analysis.get("title") or None) and analysis["title"][:300],
            "role_id": analysis["role"]["id"],
            "category": analysis["category"]["id"],
            "band": analysis["band"].get("value"),
            "analysis": analysis,
            "text": text if keep_text else None,
            "corrected": False,
        }
        with self._write() as conn:
            conn.execute(insert(analyses).values(values))
            self._audit(conn, actor, "analysis.create", values["id"], source=source)
        return {**values, "text_retained": keep_text}

    def get_analysis(self, analysis_id: str) -> dict[str, Any]:
        with self._read() as conn:
            row = conn.execute(select(analyses).where(analyses.c.id == analysis_id)).first()
        if row is None:
            raise NotFound(f"no analysis with id {analysis_id!r}")
        return _analysis_out(row)

    def list_analyses(
        self,
        *,
        role: str | None = None,
        band: str | None = None,
        corrected: bool | None = None,
        since: datetime | None = None,
        cursor: int | None = None,
        limit: int = 50,
    ) -> Page:
        """Newest first; `cursor` is the `next_cursor` of the previous page."""
        query = select(analyses).order_by(analyses.c.seq.desc()).limit(min(limit, PAGE_MAX) + 1)
        if role:
            query = query.where(analyses.c.role_id == role)
        if band:
            query = query.where(analyses.c.band == band)
        if corrected is not None:
            query = query.where(analyses.c.corrected == corrected)
        if since:
            query = query.where(analyses.c.created_at >= since)
        if cursor is not None:
            query = query.where(analyses.c.seq < cursor)
        with self._read() as conn:
            rows = conn.execute(query).all()
        more = len(rows) > min(limit, PAGE_MAX)
        rows = rows[: min(limit, PAGE_MAX)]
        items = [_analysis_out(row, with_text=False) for row in rows]
        return Page(items, str(rows[-1].seq) if more and rows else None)

    def add_correction(
        self, analysis_id: str, changes: dict[str, Any], *, note: str | None = None, actor: str | None = None
    ) -> dict[str, Any]:
        """Attach a correction; raises `NotFound` for an unknown analysis. Committed before it returns."""
        values = {
            "id": str(uuid.uuid4()),
            "analysis_id": analysis_id,
            "created_at": datetime.now(UTC),
            "author": actor,
            "changes": changes,
            "note": note,
        }
        with self._write() as conn:
            marked = conn.execute(
                update(analyses).where(analyses.c.id == analysis_id).values(corrected=True)
            ).rowcount
            if not marked:
                raise NotFound(f"no analysis with id {analysis_id!r}")
            conn.execute(insert(corrections).values(values))
            self._audit(
                conn, actor, "correction.create", analysis_id, correction=values["id"], fields=sorted(changes)
            )
        return values

    def corrections_for(self, analysis_id: str) -> list[dict[str, Any]]:
        """Oldest first; raises `NotFound` for an unknown analysis."""
        with self._read() as conn:
            if conn.execute(select(analyses.c.seq).where(analyses.c.id == analysis_id)).first() is None:
                raise NotFound(f"no analysis with id {analysis_id!r}")
            rows = conn.execute(
                select(corrections)
                .where(corrections.c.analysis_id == analysis_id)
                .order_by(corrections.c.seq)
            ).all()
        return [_correction_out(row) for row in rows]

    def delete_analysis(self, analysis_id: str, *, actor: str | None = None) -> None:
        """Erase an analysis, its text and its corrections; the audit log keeps only the id and who did it."""
        with self._write() as conn:
            conn.execute(delete(corrections).where(corrections.c.analysis_id == analysis_id))
            if not conn.execute(delete(analyses).where(analyses.c.id == analysis_id)).rowcount:
                raise NotFound(f"no analysis with id {analysis_id!r}")
            self._audit(conn, actor, "analysis.delete", analysis_id)

    def purge(self, before: datetime, *, actor: str | None = None) -> int:
        """Erase every analysis stored before `before` (retention); returns how many."""
        old = select(analyses.c.id).where(analyses.c.created_at < before)
        with self._write() as conn:
            conn.execute(delete(corrections).where(corrections.c.analysis_id.in_(old)))
            count = conn.execute(delete(analyses).where(analyses.c.created_at < before)).rowcount
            self._audit(conn, actor, "purge", None, before=before.isoformat(), analyses=count)
        return int(count)

    def ids_for_external(self, external_ids: list[str]) -> dict[str, str]:
        """The newest stored analysis id for each external (batch row) id that has one."""
        found: dict[str, str] = {}
        with self._read() as conn:
            rows = conn.execute(
                select(analyses.c.external_id, analyses.c.id)
                .where(analyses.c.external_id.in_(external_ids))
                .order_by(analyses.c.seq)
            ).all()
        for external, analysis_id in rows:
            found[external] = analysis_id
        return found

    def corrected(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Every corrected analysis with its corrections, oldest first (for export and training)."""
        with self._read() as conn:
            rows = conn.execute(
                select(analyses).where(analyses.c.corrected.is_(True)).order_by(analyses.c.seq)
            ).all()
            corrected_ids = select(analyses.c.id).where(analyses.c.corrected.is_(True))
            fixes = conn.execute(
                select(corrections)
                .where(corrections.c.analysis_id.in_(corrected_ids))
                .order_by(corrections.c.seq)
            ).all()
        by_analysis: dict[str, list[dict[str, Any]]] = {}
        for fix in fixes:
            by_analysis.setdefault(fix.analysis_id, []).append(_correction_out(fix))
        for row in rows:
            yield _analysis_out(row), by_analysis.get(row.id, [])

    def corrections_by_external(self) -> dict[str, list[dict[str, Any]]]:
        """Each external (batch row) id with corrections, and their changes, oldest first."""
        query = (
            select(analyses.c.external_id, corrections.c.changes)
            .join(corrections, corrections.c.analysis_id == analyses.c.id)
            .where(analyses.c.external_id.is_not(None))
            .order_by(corrections.c.seq)
        )
        found: dict[str, list[dict[str, Any]]] = {}
        with self._read() as conn:
            for external, changes in conn.execute(query):
                found.setdefault(external, []).append(changes)
        return found

    def audit(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._read() as conn:
            rows = conn.execute(select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)).all()
        return [
            {"at": utc(r.at), "actor": r.actor, "action": r.action, "target": r.target, "detail": r.detail}
            for r in rows
        ]


def guarded(error: SQLAlchemyError) -> StoreError:
    """A database error as a one-line `StoreError` (no SQL, no parameters)."""
    return StoreError(f"database error: {error.__class__.__name__}")
