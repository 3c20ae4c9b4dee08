"""Which database to use: `MHSW_DATABASE_URL`, else a SQLite file in the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_FILE = "mhsw.sqlite3"


def data_home() -> Path:
    """`$MHSW_STATE_DIR`, else `$XDG_DATA_HOME/mhsw`, else `~/.local/share/mhsw`: never the source tree."""
    explicit = os.environ.get("MHSW_STATE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mhsw"


def database_url(explicit: str | None = None) -> str:
    """The URL to open: the argument, `MHSW_DATABASE_URL`, or the default SQLite file."""
    url = explicit or os.environ.get("MHSW_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_home() / DEFAULT_FILE}"


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    scheme, sep, rest = url.partition("://")
    if "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"
