"""One SQLAlchemy engine per database URL, with the settings each backend needs to be safe under load.

SQLite runs in WAL mode (readers never block the writer) with `synchronous=FULL`, so a committed write is on
disk before the 201 goes out, and a busy timeout instead of "database is locked" errors when 16 clients write
at once. PostgreSQL uses psycopg 3 and a pre-ping pool. The code above this module is the same for both.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from store.errors import StoreError

BUSY_TIMEOUT_MS = 30_000
READONLY = "mhsw_readonly"
"""Execution option that marks a connection's transactions as reads."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is replaced by explicit BEGIN IMMEDIATE (see `_begin`), so two
    # writers never deadlock upgrading a read lock to a write lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin(connection: Any) -> None:
    # Reads may start deferred (WAL readers never wait); every other transaction takes the write lock first.
    readonly = connection.get_execution_options().get(READONLY, False)
    connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for `url`; creates the SQLite file's folder. Raises `StoreError` for an unusable URL."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the database folder {folder}: {exc.strerror}") from exc
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args={"connect_timeout": 10}
        )
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql+psycopg://...")


class WriterGate:
    """One SQLite writer at a time, handed over at once. Left to SQLite, a waiting writer sleeps in its busy
    handler in steps of up to 100 ms, which turns 8 concurrent writers into a long latency tail; a thread
    lock (this process) plus `flock` on a side file (other workers) wake the next writer as soon as the
    last one commits."""

    def __init__(self, database: str) -> None:
        self.thread_lock = threading.Lock()
        self.fd = os.open(f"{database}-writer", os.O_RDWR | os.O_CREAT, 0o600)

    @contextmanager
    def __call__(self) -> Iterator[None]:
        import fcntl

        with self.thread_lock:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self.fd, fcntl.LOCK_UN)


def writer_gate(engine: Engine) -> Any:
    """A context-manager factory to wrap each write transaction in (a no-op except for SQLite files)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or os.name != "posix":
        return lambda: nullcontext()
    return WriterGate(str(Path(database).expanduser()))
