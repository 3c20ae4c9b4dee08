"""The service's handle on the database: opened, migrated and purged at start-up, and 503 for the history
routes (never for analysis) when the database cannot be used."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from fastapi import HTTPException

from service.settings import Settings

if TYPE_CHECKING:
    from store.repository import Store

log = logging.getLogger("mhsw.service")


class History:
    """Holds the `Store` once the database is ready; `error` says why it is not."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: Store | None = None
        self.started = False
        self._lock = threading.Lock()
        self.error: str | None = None if settings.history else "history is switched off (MHSW_HISTORY=false)"

    def start(self) -> None:
        """Open the database, migrate it (unless told not to) and apply the retention period; once."""
        with self._lock:
            if self.started:
                return
            self.started = True
            if self.settings.history:
                self._open()

    def _open(self) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        from store import migrate
        from store.config import database_url, redact
        from store.errors import StoreError
        from store.repository import Store

        secret = self.settings.database_url
        url = database_url(secret.get_secret_value() if secret else None)
        try:
            store = Store.open(url)
            if self.settings.migrate_on_start:
                migrate.upgrade(store.engine)
            elif not migrate.check(store.engine).up_to_date:
                raise StoreError("the database schema is not up to date: run `mhsw db upgrade`")
            if self.settings.retention_days:
                before = datetime.now(UTC) - timedelta(days=self.settings.retention_days)
                store.purge(before, actor="retention")
        except (StoreError, SQLAlchemyError, OSError) as exc:
            self.error = str(exc) if isinstance(exc, StoreError) else f"database error: {type(exc).__name__}"
            log.error("database unavailable", extra={"fields": {"database": redact(url), "reason": str(exc)}})
            return
        self.store = store
        log.info("database ready", extra={"fields": {"database": redact(url)}})

    def stop(self) -> None:
        if self.store is not None:
            self.store.engine.dispose()

    def require(self) -> Store:
        if not self.started:  # an app driven without its lifespan (e.g. a bare ASGI test client)
            self.start()
        if self.store is None:
            raise HTTPException(503, f"The history database is not available: {self.error or 'starting'}.")
        return self.store
