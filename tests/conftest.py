"""Shared fixtures: the shipped default model is loaded once per test session."""

from __future__ import annotations

import pytest

from classifier.pipeline import Analyser


@pytest.fixture(scope="session")
def analyser() -> Analyser:
    return Analyser.load()
