"""The report's tables, counted in one streaming pass over the results (memory grows with the number of
roles, codes and bands, not with the number of adverts; salaries keep one float per advert with a salary).
"""

from __future__ import annotations

import csv
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from classifier.paths import PAY_DIR
from classifier.pay_scale import BAND_ORDER, DEFAULT_YEARS, ENGLAND

UNKNOWN = "unknown"
NO_CODE = "no NHS occupation code"
REQUIREMENTS = ("essential", "desirable", "offered", "unspecified")
NOT_REQUESTED = frozenset({"offered", "route"})
"""Offered by the employer or named as a progression route: mentioned, but not asked of the candidate."""
TOP_ROLES_FOR_BANDS = 8


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def band_key(band: str) -> int:
    return BAND_ORDER.index(band) if band in BAND_ORDER else len(BAND_ORDER)


def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval: honest for small groups and shares near 0 or 1."""
    if total == 0:
        return 0.0, 0.0
    share = successes / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Tally:
    """Counts behind every plot; `add` takes one result row as `mhsw batch` writes it."""

    group_column: str = "employer_type"
    rows: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    models: Counter[str] = field(default_factory=Counter)
    roles: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    bands: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    pathway: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    quals: Counter[tuple[str, str]] = field(default_factory=Counter)
    skills: Counter[tuple[str, str]] = field(default_factory=Counter)
    labels: dict[str, str] = field(default_factory=dict)
    wording: Counter[tuple[str, str]] = field(default_factory=Counter)
    salaries: dict[str, array] = field(default_factory=lambda: defaultdict(lambda: array("d")))
    pay_years: Counter[str] = field(default_factory=Counter)
    staff_groups: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, row: dict[str, Any]) -> None:
        self.rows += 1
        if "error" in row:
            self.errors[str(row["error"]).split(":")[0]] += 1
            return
        self.models[row["model_version"]] += 1
        role, category, band = row["role"], row["category"]["id"], row["band"]
        self.roles[(role["id"], role["label"], category)] += 1
        self.categories[category] += 1
        occupation = role.get("nhs_occupation") or {}
        self.staff_groups[(occupation.get("staff_group") or NO_CODE, occupation.get("care_setting") or "")] += 1
        for kind in ("stated", "predicted", "value"):
            self.bands[(role["id"], kind, band[kind] or "none")] += 1
        if category == "defined_boundary":
            counts = self.pathway[self._group(row)]
            counts[0] += 1
            counts[1] += row["career_pathway"]["flag"] == "missing_career_pathway"
        self._mentions(self.quals, row["qualifications"])
        self._mentions(self.skills, row["skills"])
        for issue in {(i["code"], i["severity"]) for i in row["wording"]["issues"]}:
            self.wording[issue] += 1
        self._salary(band)

    def _group(self, row: dict[str, Any]) -> str:
        value = (row.get("input") or {}).get(self.group_column)
        if value is None:
            return UNKNOWN
        return str(value).strip() or UNKNOWN

    def _mentions(self, counter: Counter[tuple[str, str]], items: list[dict[str, Any]]) -> None:
        """One count per advert and item, under its strongest requirement (essential beats desirable...);
        items the advert offers or names as a route onwards are not requested, so not counted."""
        best: dict[str, str] = {}
        for item in items:
            self.labels[item["id"]] = item["label"]
            if item["requirement"] in NOT_REQUESTED:
                continue
            current = best.get(item["id"])
            if current is None or REQUIREMENTS.index(item["requirement"]) < REQUIREMENTS.index(current):
                best[item["id"]] = item["requirement"]
        counter.update(best.items())

    def _salary(self, band: dict[str, Any]) -> None:
        salary = band.get("salary") or {}
        low, high = salary.get("annual_minimum"), salary.get("annual_maximum")
        if band["value"] and low:
            self.salaries[band["value"]].append((low + (high or low)) / 2)
            if salary.get("pay_year"):
                self.pay_years[salary["pay_year"]] += 1

    @property
    def analysed(self) -> int:
        return self.rows - sum(self.errors.values())


def tally(rows: Iterable[dict[str, Any]], group_column: str = "employer_type") -> Tally:
    result = Tally(group_column)
    for row in rows:
        result.add(row)
    return result


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def overview_table(t: Tally) -> Table:
    rows: list[tuple[Any, ...]] = [
        ("rows", t.rows),
        ("analysed", t.analysed),
        ("error rows", sum(t.errors.values())),
    ]
    rows += [(f"error: {reason}", count) for reason, count in t.errors.most_common()]
    rows += [(f"model version {version}", count) for version, count in sorted(t.models.items())]
    return Table("overview", "Overview", ("measure", "value"), rows)


def role_table(t: Tally) -> Table:
    rows = [(rid, label, cat, n, _percent(n, t.analysed)) for (rid, label, cat), n in t.roles.most_common()]
    return Table(
        "roles", "Adverts by role", ("role_id", "role_label", "category", "adverts", "percent"), rows
    )


def category_table(t: Tally) -> Table:
    rows = [(cat, n, _percent(n, t.analysed)) for cat, n in t.categories.most_common()]
    return Table("categories", "Adverts by category", ("category", "adverts", "percent"), rows)


def staff_group_table(t: Tally) -> Table:
    """Adverts by NHS staff group and care setting (NHS Occupation Code Manual), as the workforce statistics count."""
    totals: Counter[str] = Counter()
    for (group, _setting), n in t.staff_groups.items():
        totals[group] += n
    keys = sorted(t.staff_groups, key=lambda k: (k[0] == NO_CODE, -totals[k[0]], k[0], -t.staff_groups[k]))
    rows = [(g, s, t.staff_groups[(g, s)], _percent(t.staff_groups[(g, s)], t.analysed)) for g, s in keys]
    columns = ("nhs_staff_group", "nhs_care_setting", "adverts", "percent")
    return Table("staff_groups", "Adverts by NHS staff group and care setting", columns, rows)


def top_roles(t: Tally, limit: int = TOP_ROLES_FOR_BANDS) -> list[str]:
    totals: Counter[str] = Counter()
    for (rid, _label, _cat), n in t.roles.items():
        totals[rid] += n
    return [rid for rid, _n in totals.most_common(limit)]


def band_table(t: Tally) -> Table:
    order = {rid: i for i, rid in enumerate(top_roles(t, limit=len(t.roles)))}
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (rid, kind, band), n in t.bands.items():
        cells[(rid, band)][kind] = n
    keys = sorted(cells, key=lambda k: (order.get(k[0], 0), band_key(k[1])))
    rows = [
        (rid, band, *(cells[(rid, band)].get(k, 0) for k in ("stated", "predicted", "value")))
        for rid, band in keys
    ]
    return Table(
        "bands_by_role",
        "Band distribution per role",
        ("role_id", "band", "stated", "predicted", "final"),
        rows,
    )


def pathway_table(t: Tally) -> Table:
    rows = []
    for group, (total, flagged) in sorted(t.pathway.items(), key=lambda item: -item[1][0]):
        low, high = wilson(flagged, total)
        rows.append(
            (group, total, flagged, _percent(flagged, total), round(100 * low, 1), round(100 * high, 1))
        )
    columns = (t.group_column, "defined_boundary_adverts", "flagged", "percent", "ci95_low", "ci95_high")
    return Table("pathway_by_group", "Defined-boundary adverts flagged missing_career_pathway", columns, rows)


def mention_table(t: Tally, counter: Counter[tuple[str, str]], name: str, title: str) -> Table:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for (item, requirement), n in counter.items():
        per[item][requirement] = n
    ranked = sorted(per, key=lambda item: (-sum(per[item].values()), item))
    rows = [
        (
            item,
            t.labels.get(item, item),
            sum(per[item].values()),
            _percent(sum(per[item].values()), t.analysed),
            *(per[item][r] for r in REQUIREMENTS),
        )
        for item in ranked
    ]
    return Table(name, title, ("id", "label", "adverts", "percent", *REQUIREMENTS), rows)


def wording_table(t: Tally) -> Table:
    rows = [(code, severity, n, _percent(n, t.analysed)) for (code, severity), n in t.wording.most_common()]
    return Table("wording_issues", "Wording issues by type", ("code", "severity", "adverts", "percent"), rows)


def afc_ranges(pay_year: str) -> dict[str, tuple[float, float]]:
    """England's entry and top annual pay per band in `pay_year`, from the shipped pay tables."""
    with (PAY_DIR / "afc_pay_points.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    return {
        row["band"]: (float(row["entry"]), float(row["top"] or row["entry"]))
        for row in rows
        if row["pay_year"] == pay_year and (row.get("region") or ENGLAND) == ENGLAND
    }


def reference_year(t: Tally) -> str:
    """The pay year most salaries were matched to, else the latest default year."""
    return t.pay_years.most_common(1)[0][0] if t.pay_years else DEFAULT_YEARS[-1]


def salary_table(t: Tally) -> Table:
    import numpy as np

    year = reference_year(t)
    afc = afc_ranges(year)
    rows = []
    for band in sorted(t.salaries, key=band_key):
        values = np.frombuffer(t.salaries[band], dtype=float)
        q = np.percentile(values, [0, 25, 50, 75, 100])
        entry, top = afc.get(band, (None, None))
        rows.append((band, len(values), *(round(float(x)) for x in q), year, entry, top))
    columns = (
        "band",
        "adverts",
        "min",
        "p25",
        "median",
        "p75",
        "max",
        "afc_pay_year",
        "afc_entry",
        "afc_top",
    )
    return Table("salary_by_band", "Annual salary midpoint by band", columns, rows)


def all_tables(t: Tally) -> list[Table]:
    return [
        overview_table(t),
        role_table(t),
        category_table(t),
        staff_group_table(t),
        band_table(t),
        pathway_table(t),
        mention_table(t, t.quals, "qualifications", "Most requested qualifications"),
        mention_table(t, t.skills, "skills", "Most requested skills"),
        wording_table(t),
        salary_table(t),
    ]
