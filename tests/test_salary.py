"""Salary parsing, normalisation and mapping to AfC bands, on invented adverts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from classifier.pay_scale import Hcas, PayScale, band_code, default_pay_scale, pay_year_of
from classifier.salary import HOURS_PER_YEAR, find_salary, read_salary

NHS = "Riverside NHS Foundation Trust\nPay scheme\nAgenda for change\n"


def test_structured_field_wins_over_other_money() -> None:
    text = (
        "Riverside NHS Trust\nJoin us and receive a £500 welcome bonus.\n"
        "Salary\n£24,937 - £26,598 per annum\nSalary period\nYearly\n"
    )
    salary = find_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == (24937, 26598, "year")
    assert (salary.annual_minimum, salary.annual_maximum) == (24937, 26598)
    assert salary.bands == ["3"]
    assert salary.pay_year == "2025/26"
    assert salary.span is not None
    assert text[salary.span.start : salary.span.end] == salary.span.text == "£24,937 - £26,598"
    assert salary.text == "£24,937 - £26,598 per annum"


@pytest.mark.parametrize(
    ("statement", "minimum", "maximum", "bands"),
    [
        ("Salary: £24,937 to £26,598 a year", 24937, 26598, ["3"]),
        ("Salary: £24,937.00 - £26,598.00 per year", 24937, 26598, ["3"]),
        ("Salary: £31,049 - £37,796 per annum pro rata", 31049, 37796, ["5"]),
        ("Salary: £22,816 - £24,336 per annum", 22816, 24336, ["3"]),
        ("Salary: £24,625 - £25,674 per annum", 24625, 25674, ["3"]),
        ("Salary: £24,465 per annum, pro rata", 24465, 24465, ["2"]),
        ("Salary: £23,615 per annum", 23615, 23615, ["2"]),
        ("Salary: £24,937 - £30,162 per annum (development post)", 24937, 30162, ["3", "4"]),
        ("Salary: £25k-£27k per annum\nClosing date: 1 May 2025", 25000, 27000, ["3"]),
        ("Salary: £25-27k\nClosing date: 1 May 2025", 25000, 27000, ["3"]),
        ("Salary: GBP 31,049 - 37,796", 31049, 37796, ["5"]),
        ("Salary: 24,937 - 26,598", 24937, 26598, ["3"]),
        ("Salary: £53,755 - £60,504 per annum", 53755, 60504, ["8a"]),
        ("Pay Band: 3 (£20,330 - £21,777 pro rata)", 20330, 21777, ["3"]),
        ("Salary: £34,494 - £42,978 per annum", 34494, 42978, ["5"]),
        ("The starting salary is £24,937 rising to £26,598 per annum.", 24937, 26598, ["3"]),
        ("You will earn between £31,049 and £37,796 per year.", 31049, 37796, ["5"]),
        ("Salary: £31,049 p.a. - £37,796 p.a.", 31049, 37796, ["5"]),
        ("Salary: Band 5, £31,049 - £37,796", 31049, 37796, ["5"]),
    ],
)
def test_annual_statements(statement: str, minimum: float, maximum: float, bands: list[str]) -> None:
    salary = find_salary(NHS + statement)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == (minimum, maximum, "year")
    assert salary.bands == bands


def test_hourly_rate_on_afc() -> None:
    salary = find_salary(NHS + "Bank rate: £12.51 per hour")
    assert salary is not None
    assert salary.period == "hour"
    assert salary.annual_minimum == pytest.approx(12.51 * HOURS_PER_YEAR, abs=0.01)
    assert salary.bands == ["2"]


def test_care_sector_hourly_rate_gets_no_band() -> None:
    salary = find_salary("Sunrise Care Homes\nPay: £12.21 per hour plus mileage.")
    assert salary is not None
    assert (salary.minimum, salary.period) == (12.21, "hour")
    assert salary.bands == []


def test_whole_pound_hourly_rate_is_not_rounded_to_a_pay_point() -> None:
    salary = find_salary("Community charity\nSalary: £12 per hour.")
    assert salary is not None and salary.bands == []


@pytest.mark.parametrize(
    ("statement", "period", "annual"),
    [
        ("Salary: £2,100 per month", "month", 25200),
        ("Salary: £2,078.08 per month", "month", 24936.96),
        ("Salary: £480 per week", "week", 480 * 52.143),
        ("Salary: £96.50 per day", "day", 96.5 * 5 * 52.143),
        ("Salary: £24,937 per annum. Hours: 37.5 hours per week", "year", 24937),
    ],
)
def test_periods(statement: str, period: str, annual: float) -> None:
    salary = find_salary(NHS + statement)
    assert salary is not None
    assert salary.period == period
    assert salary.annual_minimum == pytest.approx(annual, abs=0.01)


@pytest.mark.parametrize(
    ("statement", "included", "bands"),
    [
        ("Salary: £31,312 pa pro rata incl HCAS", True, ["3"]),
        ("Salary: £28,860 - £31,671 per annum, pro rata (5% HCAS Included)", True, ["4"]),
        ("Salary: £37,259 - £45,356 p.a. pro rata inclusive of HCAS (Inner)", True, ["5"]),
        ("Salary: £30,546 - £32,207 per annum inclusive", True, ["3"]),
        ("Salary: £44,485 - £52,521 pa inc", True, ["6"]),
        ("Salary: £56,276 - £63,176 per annum inc HCAS", True, ["7"]),
        ("Salary: £31,049 - £37,796 per annum pro rata plus 5% HCAS", False, ["5"]),
        ("Salary: £29,970 - £36,483 per annum, Annex 21, excludes HCAS", False, ["5"]),
    ],
)
def test_hcas(statement: str, included: bool, bands: list[str]) -> None:
    salary = find_salary(NHS + statement)
    assert salary is not None
    assert salary.includes_hcas is included
    assert salary.bands == bands


def test_hcas_said_elsewhere_in_the_advert() -> None:
    text = (
        NHS + "Salary: £26,195 - £27,928 per annum\n"
        "Fringe zone: the supplement is 5%, never below £1,258 or above £2,121 a year.\n"
        "Our advertised salary includes HCAS."
    )
    salary = find_salary(text)
    assert salary is not None
    assert salary.minimum == 26195  # not the supplement's limits
    assert salary.includes_hcas
    assert salary.bands == ["3"]


@pytest.mark.parametrize(
    "text",
    [
        NHS + "Salary: Competitive, depending on experience.",
        NHS + "Salary: As per AfC.",
        NHS + "New starters receive a £500 welcome bonus.",
        NHS + "We offer relocation up to £8,000 for eligible staff.",
        NHS + "Fringe allowance: £1,258 HCAS minimum payment.",
        NHS + "Successful applicants pay £49.50 for their disclosure check.",
        NHS + "The Skilled Worker salary threshold of £25,000 means we cannot sponsor this post.",
        NHS + "Our new unit opened after a £3 million refurbishment.",
    ],
)
def test_money_that_is_not_salary(text: str) -> None:
    assert find_salary(text) is None


def test_sponsorship_sentence_does_not_hide_the_salary() -> None:
    text = (
        NHS + "Salary\n£24,937 - £26,598 per annum\n"
        "The Skilled Worker salary threshold is £25,000, above band 3 entry pay, so we cannot sponsor."
    )
    salary = find_salary(text)
    assert salary is not None and (salary.minimum, salary.maximum) == (24937, 26598)


def test_up_to_gives_a_maximum_only() -> None:
    salary = find_salary(
        NHS + "A salary of up to £30,000 per annum is available.", date_posted=date(2025, 6, 1)
    )
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.annual_maximum) == (None, 30000, 30000)
    assert salary.bands


def test_full_time_equivalent_beats_part_time_pay() -> None:
    salary = find_salary("A school\nSalary: £18,200 - £20,100 (FTE £40,000 - £44,100).")
    assert salary is not None
    assert (salary.minimum, salary.maximum) == (40000, 44100)


def test_pro_rata_actual_pay_in_brackets_is_not_preferred() -> None:
    salary = find_salary("A charity\nPay: £23,400 per annum pro rata (£14,040)")
    assert salary is not None and salary.minimum == 23400


@pytest.mark.parametrize(("closing", "band"), [("10 June 2024", "5"), ("10/01/2026", "4")])
def test_advert_date_picks_the_pay_year(closing: str, band: str) -> None:
    salary = find_salary(NHS + f"Salary: £30,000 per annum\nClosing date: {closing}")
    assert salary is not None
    assert salary.bands == [band]


def test_medical_and_other_pay_schemes_get_no_band() -> None:
    consultant = find_salary(NHS + "Salary: £105,504 - £139,882 per annum", title="Consultant Psychiatrist")
    assert consultant is not None and consultant.bands == []
    other = find_salary("Details\nPay scheme\nOther\nSalary\n£28,000 a year\n")
    assert other is not None and other.bands == []
    council = find_salary("County services\nSalary: NJC scale points 20-25, £32,000 - £36,500 per annum")
    assert council is not None and council.bands == []


def test_afc_override() -> None:
    text = "Salary: £24,625 - £25,674 pro rata"
    unknown = find_salary(text)
    on_afc = find_salary(text, afc=True)
    assert unknown is not None and unknown.bands == []
    assert on_afc is not None and on_afc.bands == ["3"]


def test_pay_scale_lookups() -> None:
    scale = default_pay_scale()
    hits = scale.point(24937)
    assert [(p.pay_year, p.band, p.step) for p in hits] == [("2025/26", "3", "entry")]
    assert scale.bands_for(33487, "2025/26") == ["5"]
    assert scale.bands_for(24465, "2025/26") == ["2"]  # band 1 == band 2
    assert scale.bands_for(30000) == ["4", "5"]  # differs by pay year
    assert band_code("1") == "2"
    assert pay_year_of(2026, 3) == "2025/26"
    assert pay_year_of(2026, 4) == "2026/27"


def test_pay_scale_load_reads_the_files(tmp_path: Path) -> None:
    points = tmp_path / "afc_pay_points.csv"
    points.write_text("# comment\npay_year,band,entry,intermediate,top\n2030/31,3,30000,,32000\n")
    (tmp_path / "hcas.csv").write_text("pay_year,zone,rate,minimum,maximum\n2030/31,fringe,0.05,1500,2500\n")
    scale = PayScale.load(points)
    assert scale.years == ("2030/31",)
    assert scale.bands_for(31000, "2030/31") == ["3"]
    matched = scale.match(31500, 33600, hcas="fringe")
    assert matched is not None
    assert (matched.bands, matched.zone, matched.exact_hits) == (("3",), "fringe", 2)


def test_hcas_removal_respects_minimum_and_maximum() -> None:
    inner = Hcas("2025/26", "inner_london", 0.20, 5609, 8466)
    assert inner.remove(24937 + 5609) == pytest.approx(24937)  # minimum applies
    assert inner.remove(31049 * 1.2) == pytest.approx(31049)  # 20% applies
    assert inner.remove(54710 + 8466) == pytest.approx(54710)  # maximum applies


@pytest.mark.parametrize(
    ("statement", "posted", "band", "year", "previous"),
    [
        ("Salary: £24,907 - £30,615 per annum", date(2020, 10, 5), "5", "2020/21", False),
        ("Salary: £24,214 - £30,112 per annum", date(2020, 10, 5), "5", "2019/20", True),
        ("Salary: £19,737 - £21,142 per annum", date(2020, 11, 2), "3", "2020/21", False),
        ("Salary: £31,365 - £37,890 per annum", date(2021, 2, 1), "6", "2020/21", False),
        ("Salary: £29,888 - £36,738 per annum", date(2020, 10, 5), "5", "2020/21", False),
        ("Salary: £31,049 - £37,796 per annum", date(2025, 6, 1), "5", "2025/26", False),
    ],
)
def test_posting_date_picks_the_pay_year(
    statement: str, posted: date, band: str, year: str, previous: bool
) -> None:
    reading = read_salary(NHS + statement, date_posted=posted)
    assert reading.salary is not None and reading.match is not None
    assert reading.salary.bands[0] == band
    assert reading.salary.pay_year == year
    assert reading.match.previous_year is previous


def test_old_pay_point_is_not_read_against_todays_tables() -> None:
    # GBP 24,907 was the band 5 entry point in 2020/21; against 2025/26 it would be band 3.
    salary = find_salary(NHS + "Salary: £24,907 - £30,615 per annum")
    assert salary is not None
    assert (salary.bands, salary.pay_year) == (["5"], "2020/21")


def test_salary_fitting_different_bands_in_different_years_gets_no_band() -> None:
    reading = read_salary(NHS + "Salary: £25k-£27k per annum")
    assert reading.salary is not None and reading.match is not None
    assert reading.salary.bands == [] and reading.salary.pay_year is None
    years = dict(reading.match.candidates)
    assert years["2025/26"] == ("3",) and years["2020/21"] == ("5",)


def test_every_england_pay_year_has_every_band() -> None:
    scale = default_pay_scale()
    for year in [f"{y}/{(y + 1) % 100:02d}" for y in range(2018, 2027)]:
        entries = [p for p in scale.point(0, 1e9) if p.pay_year == year and p.region == "england"]
        assert {p.band for p in entries} >= {"2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"}
        for p in entries:
            assert band_code(p.band) in scale.bands_for(p.annual, year)


def test_transition_year_points_are_exact() -> None:
    hits = default_pay_scale().point(19122)
    assert [(p.pay_year, p.band) for p in hits] == [("2018/19", "3")]
