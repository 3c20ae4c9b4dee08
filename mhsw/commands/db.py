"""`mhsw db upgrade|downgrade|check|purge`: the history database's schema and retention.

SQLAlchemy and Alembic are imported inside `run`, so `mhsw --help` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from mhsw.commands.common import UsageError


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help="sqlite:///FILE or postgresql+psycopg://... (default: $MHSW_DATABASE_URL, else a SQLite file "
        "under ~/.local/share/mhsw)",
    )


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="migrate, check or purge the history database")
    actions = parser.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    for name, text in (
        ("upgrade", "apply the migrations (default: up to the newest)"),
        ("downgrade", "undo migrations (default: the last one; 'base' removes every table)"),
        ("check", "exit 0 when the schema is up to date, 1 when it is not"),
        ("purge", "erase analyses older than --days (default: $MHSW_RETENTION_DAYS)"),
    ):
        action = actions.add_parser(name, help=text, description=text)
        add_database_option(action)
        if name in ("upgrade", "downgrade"):
            action.add_argument("revision", nargs="?", default="head" if name == "upgrade" else "-1")
        if name == "purge":
            action.add_argument("--days", type=int, default=None, help="retention period in days")
    parser.set_defaults(run=run)


def _retention_days(given: int | None) -> int:
    raw = given if given is not None else os.environ.get("MHSW_RETENTION_DAYS")
    if raw is None:
        raise UsageError("purge needs --days N or MHSW_RETENTION_DAYS")
    try:
        days = int(raw)
    except ValueError as exc:
        raise UsageError(f"MHSW_RETENTION_DAYS must be a whole number of days, not {raw!r}") from exc
    if days < 1:
        raise UsageError("the retention period must be at least 1 day")
    return days


def open_store(url: str | None, *, migrated: bool = True) -> Any:
    """The `Store` at `url` (default: $MHSW_DATABASE_URL or the SQLite file); with `migrated`, refuse a
    database whose schema is not up to date, with the command that fixes it."""
    from store import migrate
    from store.config import database_url, redact
    from store.repository import Store

    store = Store.open(database_url(url))
    if migrated and not migrate.check(store.engine).up_to_date:
        raise UsageError(f"{redact(database_url(url))} is not up to date: run `mhsw db upgrade` first")
    return store


def with_database_errors(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a database command; a database failure is one line for the user (exit 2), not a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return command(args)
    except SQLAlchemyError as exc:
        raise UsageError(f"database error: {exc.__class__.__name__}: {str(exc.args[0])[:200]}") from exc


def run(args: argparse.Namespace) -> int:
    return with_database_errors(_run, args)


def _run(args: argparse.Namespace) -> int:
    from store import migrate
    from store.config import database_url, redact

    url = database_url(args.database)
    store = open_store(url, migrated=args.db_action == "purge")
    if args.db_action == "upgrade":
        migrate.upgrade(store.engine, args.revision)
    elif args.db_action == "downgrade":
        migrate.downgrade(store.engine, args.revision)
    elif args.db_action == "purge":
        days = _retention_days(args.days)
        erased = store.purge(datetime.now(UTC) - timedelta(days=days), actor="mhsw db purge")
        print(f"mhsw db: erased {erased} analyses older than {days} days in {redact(url)}", file=sys.stderr)
        return 0
    state = migrate.check(store.engine)
    print(
        f"mhsw db: {redact(url)} at revision {state.current or 'none'} (newest {state.head})", file=sys.stderr
    )
    return 0 if state.up_to_date or args.db_action == "downgrade" else 1
