"""Alembic, driven from code: the migrations live in this package, so no alembic.ini is needed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The newest revision this package ships."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the database: {exc.__class__.__name__}: {exc.args[0]}") from exc


def _run(engine: Engine, action: str, revision: str) -> None:
    config = _config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
    except SQLAlchemyError as exc:
        raise StoreError(f"migration failed: {exc.__class__.__name__}: {exc.args[0]}") from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision`; safe to run from several processes at once."""
    try:
        _run(engine, "upgrade", revision)
    except StoreError:
        # Another process may have migrated between our check and our DDL (SQLite has no advisory lock).
        if revision != "head" or current(engine) != head():
            raise


def downgrade(engine: Engine, revision: str = "-1") -> None:
    """Step the schema down (`base` removes every table the migrations made)."""
    _run(engine, "downgrade", revision)


@dataclass(frozen=True)
class Check:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def check(engine: Engine) -> Check:
    return Check(current(engine), head())
