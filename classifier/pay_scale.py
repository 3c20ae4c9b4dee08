"""Agenda for Change pay points and high cost area supplements, and the salary -> band lookup.

The tables live in `data/pay/` (from docs/domain.md section 2) so a new pay year is a data change, not a
code change. `match` is the one place that decides which pay year, HCAS zone and band(s) explain a salary.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from classifier.paths import PAY_DIR

BAND_ORDER: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")
DEFAULT_YEARS: tuple[str, ...] = ("2023/24", "2024/25", "2025/26", "2026/27")
"""Pay years accepted without a date: adverts collected from 2023 on quote one of these."""
ENGLAND = "england"
NO_HCAS = "none"
HCAS_ZONES: tuple[str, ...] = ("inner_london", "outer_london", "fringe")
_MatchKey = tuple[float, float, str | None, tuple[str, ...], bool, float]
_CACHE_SIZE = 4096
"""Salaries repeat across adverts (every band 3 advert of a year quotes the same range)."""


def band_code(band: str) -> str:
    """Band 1 closed to new starters and is paid the band 2 rate, so a band 1 figure means band 2."""
    return "2" if band == "1" else band


def band_index(band: str) -> int:
    return BAND_ORDER.index(band)


def pay_year_of(year: int, month: int) -> str:
    """AfC pay years run 1 April - 31 March: March 2026 is 2025/26, April 2026 is 2026/27."""
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


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


@dataclass(frozen=True)
class BandMatch:
    """The bands a salary spans, with the pay year and HCAS zone that explain it best."""

    bands: tuple[str, ...]
    pay_year: str | None
    region: str
    zone: str
    exact_hits: int


@dataclass(frozen=True)
class _Fit:
    key: tuple[int, ...]
    match: BandMatch


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


class PayScale:
    """Pay point tables indexed by (region, pay year), each a list of band ranges sorted by entry pay."""

    def __init__(self, ranges: Iterable[BandRange], hcas: Iterable[Hcas] = ()) -> None:
        tables: dict[tuple[str, str], list[BandRange]] = {}
        for item in ranges:
            tables.setdefault((item.region, item.pay_year), []).append(item)
        self._tables = {key: sorted(value, key=lambda r: (r.entry, r.top)) for key, value in tables.items()}
        self._entries = {key: [r.entry for r in value] for key, value in self._tables.items()}
        self._points = sorted(
            (p for value in self._tables.values() for r in value for p in r.points), key=lambda p: p.annual
        )
        self._point_values = [p.annual for p in self._points]
        self._hcas = {(h.pay_year, h.zone): h for h in hcas}
        self.years: tuple[str, ...] = tuple(sorted({year for _, year in self._tables}))
        self._cache: dict[
            tuple[float, float, str | None, tuple[str, ...], bool, float], BandMatch | None
        ] = {}

    @classmethod
    def load(cls, path: Path | None = None, hcas_path: Path | None = None) -> PayScale:
        """Read `afc_pay_points.csv` (and `hcas.csv` beside it unless `hcas_path` is given)."""
        path = path or PAY_DIR / "afc_pay_points.csv"
        hcas_path = hcas_path or path.with_name("hcas.csv")
        ranges = []
        for row in _read_rows(path):
            region = row.get("region") or ENGLAND
            steps = [(s, float(row[s])) for s in ("entry", "intermediate", "top") if row.get(s)]
            points = tuple(PayPoint(row["pay_year"], row["band"], s, v, region) for s, v in steps)
            ranges.append(
                BandRange(row["pay_year"], row["band"], points[0].annual, points[-1].annual, points, region)
            )
        hcas = []
        if hcas_path.exists():
            hcas = [
                Hcas(r["pay_year"], r["zone"], float(r["rate"]), float(r["minimum"]), float(r["maximum"]))
                for r in _read_rows(hcas_path)
            ]
        return cls(ranges, hcas)

    def point(self, annual: float, tolerance: float = 1.5) -> list[PayPoint]:
        """Pay points within `tolerance` of `annual` (third-party tables differ by about GBP 1)."""
        start = bisect_right(self._point_values, annual - tolerance - 1e-9)
        found = []
        for value, point in zip(self._point_values[start:], self._points[start:], strict=True):
            if value > annual + tolerance:
                break
            found.append(point)
        return found

    def bands_for(
        self, annual: float, pay_year: str | None = None, region: str = ENGLAND, tolerance: float = 1.5
    ) -> list[str]:
        """Bands whose [entry, top] holds `annual` in `pay_year` (any default year when None)."""
        years = [pay_year] if pay_year else list(DEFAULT_YEARS)
        found = {band_code(r.band) for year in years for r in self._covering(region, year, annual, tolerance)}
        return sorted(found, key=band_index)

    def _covering(self, region: str, year: str, annual: float, tolerance: float) -> list[BandRange]:
        table = self._tables.get((region, year))
        if not table:
            return []
        stop = bisect_right(self._entries[(region, year)], annual + tolerance)
        return [r for r in table[:stop] if annual <= r.top + tolerance]

    def match(
        self,
        low: float,
        high: float,
        *,
        hcas: str | None = None,
        preferred_years: Sequence[str] = (),
        exact_only: bool = False,
        tolerance: float = 2.0,
    ) -> BandMatch | None:
        """The best explanation of an annual salary range [low, high] (equal for a single figure).

        `hcas` is None when the advert says nothing (raw figures first, HCAS zones only if they give
        exact pay points), "none" when it says HCAS is extra or excluded, "included" when it is included
        in an unknown zone, or a zone name. `exact_only` (non-AfC pay) accepts only exact pay points.
        """
        key = (low, high, hcas, tuple(preferred_years), exact_only, tolerance)
        if key not in self._cache:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = self._best(*key)
        return self._cache[key]

    def _best(
        self,
        low: float,
        high: float,
        hcas: str | None,
        preferred_years: tuple[str, ...],
        exact_only: bool,
        tolerance: float,
    ) -> BandMatch | None:
        figures = (low,) if low == high else (low, high)
        zones = [(NO_HCAS, 1)] if exact_only and hcas is None else self._zones(hcas)
        best: _Fit | None = None
        for region, year in self._tables:
            if preferred_years:
                year_rank = 2 - preferred_years.index(year) if year in preferred_years else -1
            else:
                year_rank = 0 if year in DEFAULT_YEARS else -1
            for zone, zone_rank in zones:
                if zone != NO_HCAS and region != ENGLAND:
                    continue
                fit = self._fit(figures, region, year, zone, tolerance, (zone_rank, year_rank))
                if fit is None:
                    continue
                all_exact = fit.match.exact_hits == len(figures)
                if not all_exact and (exact_only or (hcas is None and zone != NO_HCAS)):
                    continue  # a guessed HCAS zone must explain the figures exactly
                if best is None or fit.key > best.key:
                    best = fit
        return best.match if best else None

    def _fit(
        self,
        figures: tuple[float, ...],
        region: str,
        year: str,
        zone: str,
        tolerance: float,
        ranks: tuple[int, int],
    ) -> _Fit | None:
        supplement = self._hcas.get((year, zone)) if zone != NO_HCAS else None
        if zone != NO_HCAS and supplement is None:
            return None
        tol = tolerance + (3.0 if supplement else 0.0)
        covered: list[int] = []
        exact = 0
        for figure in figures:
            basic = supplement.remove(figure) if supplement else figure
            hits = [p for p in self.point(basic, tol) if p.pay_year == year and p.region == region]
            if hits:
                exact += 1
                covered.append(band_index(band_code(hits[0].band)))
                continue
            ranges = self._covering(region, year, basic, tol)
            if ranges:
                covered.append(band_index(band_code(ranges[0].band)))
        if not covered:
            return None
        lo, hi = min(covered), max(covered)
        bands = BAND_ORDER[lo : hi + 1]
        zone_rank, year_rank = ranks
        key = (
            len(covered),
            exact,
            zone_rank,
            year_rank,
            -(hi - lo),
            int(region == ENGLAND),
            DEFAULT_YEARS.index(year) if year in DEFAULT_YEARS else -1,
        )
        return _Fit(key, BandMatch(bands, year if exact else None, region, zone, exact))

    @staticmethod
    def _zones(hcas: str | None) -> list[tuple[str, int]]:
        """(zone, rank) pairs to try: the stated zone ranks above guesses."""
        if hcas is None:
            return [(NO_HCAS, 1)] + [(z, 0) for z in HCAS_ZONES]
        if hcas == NO_HCAS:
            return [(NO_HCAS, 1)]
        if hcas in HCAS_ZONES:
            return [(hcas, 2), *[(z, 1) for z in HCAS_ZONES if z != hcas], (NO_HCAS, 0)]
        return [(z, 1) for z in HCAS_ZONES] + [(NO_HCAS, 0)]


@lru_cache(maxsize=1)
def default_pay_scale() -> PayScale:
    """The shipped tables, loaded once per process."""
    return PayScale.load()
