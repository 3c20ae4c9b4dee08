"""Structured JSON logs, one object per line; advert text never reaches them.

Handlers log only fields they choose (request id, route, status, timings, error types), never bodies or
exception messages, which may quote the advert. As a second line of defence the formatter masks anything
that looks like an e-mail address or a phone number, whichever library wrote the message.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)(?:\+\d{1,3}[\s.-]?(?:\(0\))?|\(?0)\d[\d\s().-]{7,14}\d(?!\w)")
"""UK-style numbers: a leading 0, or +country code; dates and ports do not start that way."""


def redact(text: str) -> str:
    """Mask e-mail addresses and phone-like digit runs."""
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


def error_fields(exc: BaseException) -> dict[str, str]:
    """What to log about an unexpected error: its type and where it was raised, not its message."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = (
        f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno} in {frames[-1].name}"
        if frames
        else "?"
    )
    return {"error_type": type(exc).__name__, "where": where}


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "message", **fields}` on one line, where fields come from `extra={"fields"}`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
            "message": redact(record.getMessage()),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(
                {key: redact(value) if isinstance(value, str) else value for key, value in fields.items()}
            )
        if record.exc_info and record.exc_info[1] is not None:
            entry.update(error_fields(record.exc_info[1]))
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    """Send every logger's records to stderr as JSON lines (uvicorn's own loggers included)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    access = logging.getLogger("uvicorn.access")  # mhsw.access logs each request, with its request id
    access.handlers[:] = []
    access.propagate = False
