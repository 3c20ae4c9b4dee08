"""The report's plots, drawn with matplotlib's object API on the Agg canvas (no pyplot, no display).

Each function takes the `Tally` and returns a Figure; `png` turns it into bytes for inlining.
"""

from __future__ import annotations

import io
from collections import Counter

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from batch.tables import (
    REQUIREMENTS,
    Tally,
    afc_ranges,
    band_key,
    pathway_table,
    reference_year,
    top_roles,
    wilson,
)

CATEGORY_COLOURS = {
    "trainee": "#4C72B0",
    "further_education": "#55A868",
    "defined_boundary": "#DD8452",
    "registered_professional": "#8172B3",
    "out_of_scope": "#937860",
}
REQUIREMENT_COLOURS = dict(zip(REQUIREMENTS, ("#C44E52", "#DD8452", "#55A868", "#B0B0B0"), strict=True))
SEVERITY_COLOURS = {"error": "#C44E52", "warning": "#DD8452", "advisory": "#4C72B0", "info": "#B0B0B0"}
TOP_ITEMS = 15
DPI = 110


def png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _empty(ax: Axes, message: str = "no analysed adverts") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_axis_off()


def roles_figure(t: Tally) -> Figure:
    figure = Figure(figsize=(11, 6), layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=(3, 1.3))
    roles = t.roles.most_common(20)[::-1]
    if not roles:
        _empty(left)
        _empty(right)
        return figure
    left.barh(
        [label for (_rid, label, _cat), _n in roles],
        [n for _key, n in roles],
        color=[CATEGORY_COLOURS.get(cat, "#999999") for (_rid, _label, cat), _n in roles],
    )
    left.set_xlabel("adverts")
    left.set_title(f"Adverts by role (top {len(roles)})")
    categories = t.categories.most_common()
    right.bar(
        [c.replace("_", "\n") for c, _n in categories],
        [n for _c, n in categories],
        color=[CATEGORY_COLOURS.get(c, "#999999") for c, _n in categories],
    )
    right.set_ylabel("adverts")
    right.set_title("Adverts by category")
    right.tick_params(axis="x", labelsize=8)
    return figure


def bands_figure(t: Tally) -> Figure:
    roles = top_roles(t)
    columns = 4
    rows = max(1, -(-len(roles) // columns))
    figure = Figure(figsize=(12, 3.2 * rows), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    if not roles:
        _empty(axes[0])
    labels = {rid: label for (rid, label, _cat) in t.roles}
    for ax, rid in zip(axes, roles, strict=False):
        counts = {kind: Counter[str]() for kind in ("stated", "predicted")}
        for (role, kind, band), n in t.bands.items():
            if role == rid and kind in counts and band != "none":
                counts[kind][band] += n
        bands = sorted(set(counts["stated"]) | set(counts["predicted"]), key=band_key)
        x = np.arange(len(bands))
        for offset, kind in ((-0.2, "stated"), (0.2, "predicted")):
            total = sum(counts[kind].values()) or 1
            shares = [100 * counts[kind][b] / total for b in bands]
            ax.bar(x + offset, shares, width=0.4, label=f"{kind} (n={sum(counts[kind].values())})")
        ax.set_xticks(x, bands)
        ax.set_ylim(0, 125)
        ax.set_title(labels[rid], fontsize=9)
        ax.set_ylabel("% of adverts", fontsize=8)
        ax.legend(fontsize=7, loc="upper center", ncol=2, frameon=False)
    for ax in axes[len(roles) :]:
        ax.set_axis_off()
    figure.suptitle("AfC band per role: stated in the advert vs predicted from the duties")
    return figure


def pathway_figure(t: Tally) -> Figure:
    figure = Figure(figsize=(8, 0.6 * max(3, len(t.pathway)) + 1.5), layout="constrained")
    ax = figure.subplots()
    rows = pathway_table(t).rows[::-1]
    if not rows:
        _empty(ax, "no defined-boundary adverts")
        return figure
    shares = np.array([100 * flagged / total for _g, total, flagged, *_rest in rows])
    bounds = np.array([wilson(flagged, total) for _g, total, flagged, *_rest in rows]) * 100
    errors = np.vstack([shares - bounds[:, 0], bounds[:, 1] - shares])
    ax.barh(
        [f"{group} (n={total})" for group, total, *_rest in rows],
        shares,
        xerr=errors,
        capsize=3,
        color="#DD8452",
    )
    ax.set_xlim(0, 100)
    ax.set_xlabel("% flagged missing_career_pathway (95% Wilson interval)")
    ax.set_title(f"Defined-boundary adverts with no career pathway, by {t.group_column}")
    return figure


def _mentions(ax: Axes, t: Tally, counter: Counter[tuple[str, str]], title: str) -> None:
    totals: Counter[str] = Counter()
    for (item, _req), n in counter.items():
        totals[item] += n
    items = [item for item, _n in totals.most_common(TOP_ITEMS)][::-1]
    if not items:
        _empty(ax, "none found")
        return
    left = np.zeros(len(items))
    for requirement in REQUIREMENTS:
        values = np.array([counter[(item, requirement)] for item in items], dtype=float)
        ax.barh(
            [t.labels.get(i, i) for i in items],
            values,
            left=left,
            label=requirement,
            color=REQUIREMENT_COLOURS[requirement],
        )
        left += values
    ax.set_xlabel("adverts")
    ax.set_title(title)
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(fontsize=7, loc="lower right")


def mentions_figure(t: Tally) -> Figure:
    figure = Figure(figsize=(13, 6), layout="constrained")
    left, right = figure.subplots(1, 2)
    _mentions(left, t, t.quals, f"Most requested qualifications (top {TOP_ITEMS})")
    _mentions(right, t, t.skills, f"Most requested skills (top {TOP_ITEMS})")
    return figure


def wording_figure(t: Tally) -> Figure:
    issues = t.wording.most_common()[::-1]
    figure = Figure(figsize=(8, 0.4 * max(4, len(issues)) + 1.2), layout="constrained")
    ax = figure.subplots()
    if not issues:
        _empty(ax, "no wording issues")
        return figure
    ax.barh(
        [code for (code, _sev), _n in issues],
        [100 * n / max(1, t.analysed) for _key, n in issues],
        color=[SEVERITY_COLOURS.get(sev, "#999999") for (_code, sev), _n in issues],
    )
    severities = dict.fromkeys(sev for (_code, sev), _n in issues[::-1])
    ax.legend(
        handles=[Patch(color=SEVERITY_COLOURS.get(sev, "#999999"), label=sev) for sev in severities],
        fontsize=8,
        loc="lower right",
    )
    ax.set_xlabel("% of analysed adverts")
    ax.set_title("Wording issues by type (colour: severity)")
    return figure


def salary_figure(t: Tally) -> Figure:
    figure = Figure(figsize=(10, 5), layout="constrained")
    ax = figure.subplots()
    bands = sorted(t.salaries, key=band_key)
    if not bands:
        _empty(ax, "no adverts with both a salary and a band")
        return figure
    year = reference_year(t)
    afc = afc_ranges(year)
    positions = np.arange(1, len(bands) + 1)
    for position, band in zip(positions, bands, strict=True):
        if band in afc:
            entry, top = afc[band]
            if top > entry:
                ax.fill_between(
                    [position - 0.4, position + 0.4], entry, top, color="#55A868", alpha=0.25, lw=0
                )
            else:  # a single pay point (band 2)
                ax.hlines(entry, position - 0.4, position + 0.4, color="#55A868", alpha=0.5, lw=4)
    data = [np.frombuffer(t.salaries[b], dtype=float) for b in bands]
    ax.boxplot(data, positions=positions, widths=0.5, showfliers=False)
    ax.set_xticks(positions, [f"{b}\n(n={len(d)})" for b, d in zip(bands, data, strict=True)])
    ax.set_xlabel("AfC band (final value)")
    ax.set_ylabel("annual salary midpoint (GBP)")
    ax.set_title(f"Advertised salary against band (green: AfC England {year} entry to top of band)")
    return figure


FIGURES = (
    ("roles", "Adverts by role and category", roles_figure),
    ("bands", "Band distribution per role, stated vs predicted", bands_figure),
    ("pathway", "Missing career pathway by employer type", pathway_figure),
    ("mentions", "Most requested qualifications and skills", mentions_figure),
    ("wording", "Wording issues by type", wording_figure),
    ("salary", "Salary against band", salary_figure),
)
