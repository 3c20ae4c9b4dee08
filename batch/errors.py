"""Batch failures, split by what the user should do about them."""

from __future__ import annotations

from classifier.errors import MhswError


class BatchUsageError(MhswError):
    """Arguments or files the run cannot use (exit 2): fix the command and run it again."""


class BatchFailure(Exception):
    """The run stopped part way (a worker died, the disk filled): completed chunks are kept for --resume."""
