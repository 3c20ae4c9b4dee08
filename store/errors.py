"""Errors the store raises; all are `MhswError`s so the CLI prints one line and exits 2."""

from __future__ import annotations

from classifier.errors import MhswError


class StoreError(MhswError):
    """The database cannot be used: bad URL, unreachable server, or a schema that is not up to date."""


class NotFound(StoreError):
    """No analysis (or correction) with that id."""
