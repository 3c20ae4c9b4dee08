"""The pay tables as data: AfC pay points, band ranges and high cost area supplements, read from `data/pay/`.

Kept apart from `pay_scale` (which decides what a salary means) so each module has one job.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

ENGLAND = "england"


@dataclass(frozen=True)
class PayPoint:
    pay_year: str
    band: str
    step: str
    annual: float
    region: str = ENGLAND


@dataclass(frozen=True)
class BandRange:
    """One band's pay in one year and region; `top` equals `entry` for single reported points."""

    pay_year: str
    band: str
    entry: float
    top: float
    points: tuple[PayPoint, ...]
    region: str = ENGLAND


@dataclass(frozen=True)
class Hcas:
    pay_year: str
    zone: str
    rate: float
    minimum: float
    maximum: float

    def remove(self, amount: float) -> float:
        """Basic pay B with B + clamp(rate * B, minimum, maximum) == amount (monotone, so unique)."""
        basic = amount / (1 + self.rate)
        if basic * self.rate < self.minimum:
            return amount - self.minimum
        if basic * self.rate > self.maximum:
            return amount - self.maximum
        return basic


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def row_range(row: dict[str, str]) -> BandRange:
    """One CSV row: entry/intermediate/top plus any further transition-year points (`points`, ';'-separated)."""
    region = row.get("region") or ENGLAND
    steps = [(s, float(row[s])) for s in ("entry", "intermediate", "top") if row.get(s)]
    steps += [("point", float(v)) for v in (row.get("points") or "").split(";") if v.strip()]
    points = tuple(PayPoint(row["pay_year"], row["band"], s, v, region) for s, v in steps)
    values = [p.annual for p in points]
    return BandRange(row["pay_year"], row["band"], min(values), max(values), points, region)


def read_hcas(path: Path) -> list[Hcas]:
    """`hcas.csv` rows; none when the file is absent (a scale without supplements)."""
    if not path.exists():
        return []
    return [
        Hcas(r["pay_year"], r["zone"], float(r["rate"]), float(r["minimum"]), float(r["maximum"]))
        for r in read_rows(path)
    ]


def pay_year_of(year: int, month: int) -> str:
    """AfC pay years run 1 April - 31 March: March 2026 is 2025/26, April 2026 is 2026/27."""
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def previous_pay_year(pay_year: str) -> str:
    """ "2020/21" -> "2019/20"."""
    start = int(pay_year[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"
