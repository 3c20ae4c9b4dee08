"""Masking leaves no band, grade code or money in the text, and leaves the rest alone."""

from __future__ import annotations

import re

import pytest

from classifier.masking import BAND_MASK, GRADE_MASK, PAY_MASK, mask_pay
from classifier.pay_scale import default_pay_scale

_LEAK = re.compile(
    r"\bbands?\s*[:\-]?\s*(?:[1-9]|8\s?[a-d]|two|three|four|five|six|seven|nine)\b|£|\bB[1-9]\b", re.I
)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Grade\nBand 3\nContract", f"Grade\n{BAND_MASK}\nContract"),
        ("NHS AfC: Band 4", f"NHS AfC: {BAND_MASK}"),
        ("a band three post", f"a {BAND_MASK} post"),
        ("B3 Nursing Associate Apprenticeship", f"{BAND_MASK} Nursing Associate Apprenticeship"),
        ("Paid at AfC 5 rates", f"Paid at AfC {BAND_MASK} rates"),
        ("Bands 5-6 rotation", f"{BAND_MASK} rotation"),
        ("Band 8a/8b psychologist", f"{BAND_MASK} psychologist"),
        ("Band 3 to Band 4 development", f"{BAND_MASK} development"),
        ("a mix of band 5, band 6 and band 7 staff", f"a mix of {BAND_MASK} staff"),
        ("Band: 5\nHours: 37.5", f"{BAND_MASK}\nHours: 37.5"),
        ("Level\nBand\n5\nOverview", f"Level\n{BAND_MASK}\nOverview"),
        ("Banding: 6\nBand5 nurse", f"{BAND_MASK}\n{BAND_MASK} nurse"),
        ("Grade 3, Point 2", f"{GRADE_MASK}, Point 2"),
        ("£24,937 - £26,598 per annum", f"{PAY_MASK} - {PAY_MASK} per annum"),
        ("Salary: 24,937 - 26,598", f"Salary: {PAY_MASK} - {PAY_MASK}"),
        ("£12.51 per hour", f"{PAY_MASK} per hour"),
        ("£25k-£27k", f"{PAY_MASK}-{PAY_MASK}"),
        ("GBP 31,000 - 38,000", f"GBP {PAY_MASK} - {PAY_MASK}"),
        ("estimated 26000 - 29000 £ a year", f"estimated {PAY_MASK} - {PAY_MASK} a year"),
        ("£24937.00 - £26598.00", f"{PAY_MASK} - {PAY_MASK}"),
        ("starting on spine point 14 of the scale", f"starting on {PAY_MASK} of the scale"),
        ("a £3million extension", f"a {PAY_MASK} extension"),
    ],
)
def test_masks(text: str, masked: str) -> None:
    assert mask_pay(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "Level 3 Diploma in Healthcare Support",
        "GCSE English and maths at grade 4 or above",
        "37.5 hours per week over 2 shifts; 12 month fixed term",
        "Closing date 23/02/2026, interviews 3 March 2026",
        "We see 1,200 patients a year across 3 wards and employ 7,500 staff",
        "Bandwidth and the husband of a patient",
        "Call 01234 567890 for details",
    ],
)
def test_leaves_other_text_alone(text: str) -> None:
    assert mask_pay(text) == text


def test_invented_advert_has_no_leaks() -> None:
    text = (
        "Healthcare Assistant - Band 3\nRiverside NHS Trust\nGrade\nNHS AfC: Band 3\n"
        "Salary\n£24,937 - £26,598 per annum (pro rata) plus 5% HCAS\n"
        "You will support the Band 5 nurses and can progress to band four.\n"
        "Bank rate £12.51 per hour. Golden hello of £1,000. Relocation up to £8,000.\n"
        "Skilled Worker threshold £25,000 (£12.82/hour)."
    )
    masked = mask_pay(text)
    assert not _LEAK.findall(masked)
    points = {f"{int(p.annual):,}" for p in default_pay_scale().point(0, tolerance=1e9)}
    assert not [p for p in points if p in masked]
    assert "Healthcare Assistant" in masked and "progress to" in masked


def test_offsets_outside_masks_are_unchanged() -> None:
    text = "Duties: personal care.\nBand 3\nDuties continue."
    masked = mask_pay(text)
    assert masked.startswith("Duties: personal care.\n")
    assert masked.endswith("\nDuties continue.")
