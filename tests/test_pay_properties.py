"""Property tests for the stated-band and salary readers: whatever the text, they answer without raising,
their spans point into the text, and every band they name is a real AfC band."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifier.pay_scale import default_pay_scale
from classifier.salary import read_salary
from classifier.schema import BAND_VALUES
from classifier.stated_band import find_stated_band

_PIECES = st.sampled_from(
    [
        "Band ",
        "band",
        "Band 8",
        "Band 8 - Acute Dietetic Lead",
        "8",
        "8a",
        " 8 ",
        "Band 5/6",
        "Band 3 to 9",
        "B4",
        "AfC ",
        "Grade: ",
        "Salary: ",
        "£",
        "£24,907",
        "£30,615",
        "- £",
        "GBP ",
        "24,937",
        "k",
        " per hour",
        " per annum",
        " inc HCAS",
        " (Inner London)",
        " plus 5% HCAS",
        "Closing date: 10/13/2020",
        "Closing date: 31 Feb 2020",
        "NHS",
        " equivalent",
        " staff",
        "\n",
        ":",
        "/",
        " or ",
        "seven",
        "nine",
        "£0",
        "£9,999,999,999",
        "£12.5",
        "up to ",
        "from ",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=25).map("".join),
)
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(title=st.one_of(st.none(), _TEXT), text=_TEXT, evidence=st.booleans())
def test_stated_band_never_raises_and_names_real_bands(title: str | None, text: str, evidence: bool) -> None:
    found = find_stated_band(title, text, afc_evidence=evidence)
    if found is None:
        return
    assert found.value in BAND_VALUES
    assert found.range and all(band in BAND_VALUES for band in found.range)
    assert found.value == found.range[0]
    if found.span is not None:
        assert 0 <= found.span.start <= found.span.end <= len(text)
        assert text[found.span.start : found.span.end] == found.span.text


@_SETTINGS
@given(
    title=st.one_of(st.none(), _TEXT),
    text=_TEXT,
    posted=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))),
)
def test_salary_reader_never_raises_and_spans_point_into_the_text(
    title: str | None, text: str, posted: date | None
) -> None:
    reading = read_salary(text, title, date_posted=posted)
    salary = reading.salary
    if salary is None:
        return
    assert salary.span is not None
    assert 0 <= salary.span.start <= salary.span.end <= len(text)
    assert text[salary.span.start : salary.span.end] == salary.span.text
    assert all(band in BAND_VALUES for band in salary.bands)
    if salary.pay_year is not None:
        assert salary.pay_year in default_pay_scale().years
    if reading.match is not None and reading.match.candidates:
        assert salary.bands == []


@_SETTINGS
@given(
    low=st.floats(min_value=0, max_value=500_000, allow_nan=False),
    spread=st.floats(min_value=0, max_value=100_000, allow_nan=False),
    year=st.one_of(st.none(), st.sampled_from(["2017/18", "2018/19", "2020/21", "2026/27", "2031/32"])),
    hcas=st.sampled_from([None, "none", "included", "inner_london", "outer_london", "fringe"]),
    exact_only=st.booleans(),
)
def test_pay_scale_match_gives_adjacent_real_bands(
    low: float, spread: float, year: str | None, hcas: str | None, exact_only: bool
) -> None:
    matched = default_pay_scale().match(low, low + spread, hcas=hcas, pay_year=year, exact_only=exact_only)
    if matched is None:
        return
    positions = [BAND_VALUES.index(band) for band in matched.bands]
    assert positions == list(range(positions[0], positions[0] + len(positions))) if positions else True
    if matched.pay_year is not None:
        assert matched.pay_year in default_pay_scale().years
