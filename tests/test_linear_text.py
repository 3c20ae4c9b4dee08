"""Regex paths over text that were quadratic stay linear: counted work, not time (issue 11)."""

from __future__ import annotations

import re

import pytest

from classifier import masking


class _Counting:
    """Wraps a compiled pattern and counts the characters its `match` calls may scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.calls = 0

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.match(text, pos)


@pytest.mark.parametrize("repeats", [10, 1000, 10_000])
def test_a_chain_of_band_statements_is_matched_once(monkeypatch: pytest.MonkeyPatch, repeats: int) -> None:
    counting = _Counting(masking._BAND_LIST)
    monkeypatch.setattr(masking, "_BAND_LIST", counting)
    text = "Band 3/" * repeats + "4"
    assert masking.mask_pay(text) == "[BAND]"
    assert counting.calls == 1


def test_separate_band_statements_are_each_masked() -> None:
    assert masking.mask_pay("Band 3. Later, band 5 or band 6.") == "[BAND]. Later, [BAND]."
