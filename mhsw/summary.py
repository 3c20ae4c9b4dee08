"""A readable plain-text summary of an Analysis, for `mhsw analyse --format text`."""

from __future__ import annotations

from classifier.schema import Analysis

TITLE_SOURCE = {
    "given": "given",
    "field": "a 'Job title' field",
    "heading": "the document heading",
    "guessed": "guessed from the first lines",
}


def _band_line(analysis: Analysis) -> str:
    band = analysis.band
    parts = [
        f"stated {band.stated or '-'}",
        f"from salary {band.from_salary or '-'}",
        f"predicted {band.predicted or '-'}",
    ]
    value = f"{band.value} ({band.source})" if band.value else "unknown"
    return f"Band:          {value}   [{', '.join(parts)}]"


def text_summary(analysis: Analysis) -> str:
    role = analysis.role
    lines = [
        f"Title:         {analysis.title or '(none found)'}"
        + (f"  (from: {TITLE_SOURCE[analysis.title_source]})" if analysis.title_source else ""),
        f"Role:          {role.label} [{role.id}] confidence {role.confidence:.2f}"
        + ("  NEEDS REVIEW" if role.needs_review else ""),
        f"SOC 2020:      {role.soc2020 or '-'}",
        "Alternatives:  " + (", ".join(f"{a.label} {a.score:.2f}" for a in role.alternatives) or "-"),
        f"Category:      {analysis.category.id} ({analysis.category.confidence:.2f})",
        _band_line(analysis),
    ]
    lines += [f"  note: {note.message}" for note in analysis.band.notes]
    lines.append(
        "Qualifications: "
        + (", ".join(f"{q.label} ({q.requirement})" for q in analysis.qualifications) or "none found")
    )
    lines.append(
        "Skills:        "
        + (", ".join(f"{s.label} ({s.requirement})" for s in analysis.skills) or "none found")
    )
    pathway = analysis.career_pathway
    lines.append(
        "Career path:   "
        + ("shown: " + "; ".join(s.text for s in pathway.signals) if pathway.present else "not shown")
        + (f"  [{pathway.flag}]" if pathway.flag else "")
    )
    if pathway.flag and pathway.explanation:
        lines.append(f"  {pathway.explanation}")
    read = analysis.wording.readability
    lines.append(
        f"Readability:   {read.verdict}, reading age {read.reading_age if read.reading_age is not None else '-'}, "
        f"gender coding {analysis.wording.gender_coding.verdict}"
    )
    lines.append(f"Wording issues ({len(analysis.wording.issues)}):")
    for issue in analysis.wording.issues:
        where = f' "{issue.span.text}"' if issue.span else ""
        fix = f" -> {issue.suggestion}" if issue.suggestion else ""
        lines.append(f"  [{issue.severity}] {issue.code}{where}: {issue.message}{fix}")
    return "\n".join(lines)
