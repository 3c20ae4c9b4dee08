"""Agenda for Change pay points and high cost area supplements, and the salary -> band lookup.

The tables live in `data/pay/` (from docs/domain.md section 2) so a new pay year is a data change, not a
code change. `match` is the one place that decides which pay year, HCAS zone and band(s) explain a salary.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from classifier.paths import PAY_DIR
from classifier.pay_tables import ENGLAND, BandRange, Hcas, PayPoint, read_hcas, read_rows, row_range
from classifier.pay_tables import pay_year_of as pay_year_of
from classifier.pay_tables import previous_pay_year as previous_pay_year

BAND_ORDER: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")
DEFAULT_YEARS: tuple[str, ...] = ("2023/24", "2024/25", "2025/26", "2026/27")
"""The current pay years: `bands_for` reads a figure against these when no year is given."""
NO_HCAS = "none"
HCAS_ZONES: tuple[str, ...] = ("inner_london", "outer_london", "fringe")
_MatchKey = tuple[float, float, str | None, str | None, bool, float]
_CACHE_SIZE = 4096
"""Salaries repeat across adverts (every band 3 advert of a year quotes the same range)."""


def band_code(band: str) -> str:
    """Band 1 closed to new starters and is paid the band 2 rate, so a band 1 figure means band 2."""
    return "2" if band == "1" else band


def band_index(band: str) -> int:
    return BAND_ORDER.index(band)


@dataclass(frozen=True)
class BandMatch:
    """The bands a salary spans, with the pay year and HCAS zone that explain it best.

    `bands` is empty when the figures fit different bands in different pay years and no date chooses
    between them; `candidates` then names each year's reading. `previous_year` says the figures are the
    pay points of the year before the one in force on the advert's date (employers quote last year's
    figures for months after an uplift).
    """

    bands: tuple[str, ...]
    pay_year: str | None
    region: str
    zone: str
    exact_hits: int
    previous_year: bool = False
    candidates: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class _Fit:
    key: tuple[int, ...]
    year: str
    match: BandMatch


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
        self._england_years = tuple(sorted({y for region, y in self._tables if region == ENGLAND}))
        self._cache: dict[_MatchKey, BandMatch | None] = {}

    @classmethod
    def load(cls, path: Path | None = None, hcas_path: Path | None = None) -> PayScale:
        """Read `afc_pay_points.csv` (and `hcas.csv` beside it unless `hcas_path` is given)."""
        path = path or PAY_DIR / "afc_pay_points.csv"
        hcas_path = hcas_path or path.with_name("hcas.csv")
        return cls([row_range(row) for row in read_rows(path)], read_hcas(hcas_path))

    def point(self, annual: float, tolerance: float = 1.5) -> list[PayPoint]:
        """Pay points within `tolerance` of `annual` (third-party tables differ by about GBP 1)."""
        start = bisect_right(self._point_values, annual - tolerance - 1e-9)
        stop = bisect_right(self._point_values, annual + tolerance)
        return self._points[start:stop]

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

    def years_in_force(self, pay_year: str) -> tuple[str, ...]:
        """The tables to read an advert of `pay_year` against: that year and the one before (or the nearest)."""
        years = self._england_years or self.years
        if not years:
            return ()
        if pay_year in years:
            before = previous_pay_year(pay_year)
            return (pay_year, before) if before in years else (pay_year,)
        if pay_year > years[-1]:
            return tuple(reversed(years[-2:]))
        return (years[0],)

    def match(
        self,
        low: float,
        high: float,
        *,
        hcas: str | None = None,
        pay_year: str | None = None,
        exact_only: bool = False,
        tolerance: float = 2.0,
    ) -> BandMatch | None:
        """The best explanation of an annual salary range [low, high] (equal for a single figure).

        `pay_year` is the year in force on the advert's date: its table first, then the year before's
        exact points. Without it, only exact points of some year count, and figures that fit different
        bands in different years get no band (`candidates` names them). `hcas` is None when the advert
        says nothing (raw figures first, HCAS zones only if they give exact pay points), "none" when it
        says HCAS is extra or excluded, "included" for an unknown zone, or a zone name. `exact_only`
        (non-AfC pay) accepts only exact pay points.
        """
        key = (low, high, hcas, pay_year, exact_only, tolerance)
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
        pay_year: str | None,
        exact_only: bool,
        tolerance: float,
    ) -> BandMatch | None:
        figures = (low,) if low == high else (low, high)
        zones = [(NO_HCAS, 1)] if exact_only and hcas is None else self._zones(hcas)
        if pay_year:
            return self._dated(figures, zones, self.years_in_force(pay_year), exact_only, tolerance)
        years = self._exact_years(figures, zones, tolerance)
        if not years and exact_only:
            return None
        if not years:  # no exact point anywhere: a guessed HCAS zone (rank 0) cannot explain the figures
            zones = [(zone, rank) for zone, rank in zones if rank > 0]
        fits = self._fits(figures, zones, years or self.years, tolerance, exact_only)
        return _agreed(fits, len(figures), exact=bool(years))

    def _dated(
        self,
        figures: tuple[float, ...],
        zones: list[tuple[str, int]],
        years: tuple[str, ...],
        exact_only: bool,
        tolerance: float,
    ) -> BandMatch | None:
        """In-force year first; the year before only when its points explain every figure exactly."""
        best: _Fit | None = None
        for rank, year in enumerate(years):
            fits = self._fits(figures, zones, (year,), tolerance, exact_only)
            if not fits:
                continue
            fit = max(fits, key=lambda f: f.key)
            if rank and fit.match.exact_hits < len(figures):
                continue
            if best is None or (fit.match.exact_hits, fit.key[0]) > (best.match.exact_hits, best.key[0]):
                best = fit
        if best is None:
            return None
        match = best.match
        return replace(match, pay_year=best.year, previous_year=best.year != years[0])

    def _exact_years(
        self, figures: tuple[float, ...], zones: list[tuple[str, int]], tolerance: float
    ) -> tuple[str, ...]:
        """Pay years with a pay point at one of the figures (raw, or net of a year's HCAS): an index lookup."""
        found: set[str] = set()
        for zone, _rank in zones:
            for figure in figures:
                if zone == NO_HCAS:
                    found.update(p.pay_year for p in self.point(figure, tolerance))
                    continue
                for (year, hcas_zone), supplement in self._hcas.items():
                    if hcas_zone == zone:
                        hits = self.point(supplement.remove(figure), tolerance + 3.0)
                        found.update(p.pay_year for p in hits if p.pay_year == year)
        return tuple(sorted(found))

    def _fits(
        self,
        figures: tuple[float, ...],
        zones: list[tuple[str, int]],
        years: Iterable[str],
        tolerance: float,
        exact_only: bool,
    ) -> list[_Fit]:
        wanted = set(years)
        fits = []
        for region, year in self._tables:
            if year not in wanted:
                continue
            for zone, zone_rank in zones:
                if zone != NO_HCAS and region != ENGLAND:
                    continue
                fit = self._fit(figures, region, year, zone, tolerance, zone_rank)
                if fit is None:
                    continue
                all_exact = fit.match.exact_hits == len(figures)
                if not all_exact and (exact_only or zone_rank == 0):
                    continue  # a guessed HCAS zone must explain the figures exactly
                fits.append(fit)
        return fits

    def _fit(
        self, figures: tuple[float, ...], region: str, year: str, zone: str, tolerance: float, zone_rank: int
    ) -> _Fit | None:
        supplement = self._hcas.get((year, zone)) if zone != NO_HCAS else None
        if zone != NO_HCAS and supplement is None:
            return None
        tol = tolerance + (3.0 if supplement else 0.0)
        covered: list[int] = []
        exact = 0
        for position, figure in enumerate(figures):
            basic = supplement.remove(figure) if supplement else figure
            hits = [p for p in self.point(basic, tol) if p.pay_year == year and p.region == region]
            if hits:  # a point shared by two bands: a range's first figure is the upper band's entry
                exact += 1
                pick = max if position == 0 and len(figures) > 1 else min
                covered.append(pick(band_index(band_code(p.band)) for p in hits))
                continue
            ranges = self._covering(region, year, basic, tol)
            if ranges:
                covered.append(band_index(band_code(ranges[0].band)))
        if not covered:
            return None
        lo, hi = min(covered), max(covered)
        key = (len(covered), exact, zone_rank, -(hi - lo), int(region == ENGLAND), int(year[:4]))
        return _Fit(
            key, year, BandMatch(BAND_ORDER[lo : hi + 1], year if exact else None, region, zone, exact)
        )

    @staticmethod
    def _zones(hcas: str | None) -> list[tuple[str, int]]:
        """(zone, rank) pairs to try: the stated zone ranks above guesses; rank 0 is a guess."""
        if hcas is None:
            return [(NO_HCAS, 1)] + [(z, 0) for z in HCAS_ZONES]
        if hcas == NO_HCAS:
            return [(NO_HCAS, 1)]
        if hcas in HCAS_ZONES:
            return [(hcas, 3), *[(z, 2) for z in HCAS_ZONES if z != hcas], (NO_HCAS, 1)]
        return [(z, 2) for z in HCAS_ZONES] + [(NO_HCAS, 1)]


def _agreed(fits: list[_Fit], figures: int, *, exact: bool) -> BandMatch | None:
    """The best fit when every equally good year agrees on the bands; else no band, naming the candidates."""
    if not fits:
        return None
    top = max(f.key[:3] for f in fits)
    best = [f for f in fits if f.key[:3] == top]
    readings: dict[str, tuple[str, ...]] = {}
    for fit in sorted(best, key=lambda f: f.key, reverse=True):
        readings.setdefault(fit.year, fit.match.bands)
    chosen = max(best, key=lambda f: f.key)
    if len(set(readings.values())) > 1:
        candidates = tuple(sorted(readings.items()))
        return replace(chosen.match, bands=(), pay_year=None, candidates=candidates)
    if exact and chosen.match.exact_hits == figures:
        return replace(chosen.match, pay_year=chosen.year)
    return replace(chosen.match, pay_year=None)


@lru_cache(maxsize=1)
def default_pay_scale() -> PayScale:
    """The shipped tables, loaded once per process."""
    return PayScale.load()
