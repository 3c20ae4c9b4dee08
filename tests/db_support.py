"""Databases for the store tests: a fresh SQLite file always, and a throw-away PostgreSQL database.

PostgreSQL is reached at $MHSW_TEST_POSTGRES_URL (default: the `mhsw` role .ci/run creates on 127.0.0.1).
Without a reachable server the PostgreSQL cases skip, except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ADMIN_URL = os.environ.get("MHSW_TEST_POSTGRES_URL", "postgresql+psycopg://mhsw:mhsw@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")


def _admin_engine():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})


def postgres_database() -> Iterator[str]:
    """Create a database named for this test, yield its URL, drop it afterwards."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    admin = _admin_engine()
    name = f"mhsw_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL but none is reachable at {ADMIN_URL}: {exc.args[0]}")
        pytest.skip(f"no PostgreSQL server at {ADMIN_URL}")
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'history.sqlite3'}"
    else:
        yield from postgres_database()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (not migrated) on each backend."""
    yield from database_url(request.param, tmp_path)
