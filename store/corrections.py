"""What a reviewer may change about an analysis, how it is checked, and how several corrections fold into
the labels training reads (the newest value of each field wins; adds and removes apply in order)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from store.vocabulary import Vocabulary

IdList = list[str]
LIST_FIELDS = {
    "qualifications_add": "qualifications",
    "qualifications_remove": "qualifications",
    "skills_add": "skills",
    "skills_remove": "skills",
}


class WordingDismissal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=100, description="The wording issue's code.")
    reason: str = Field(min_length=1, max_length=500, description="Why the issue does not apply here.")


class CorrectionIn(BaseModel):
    """Any subset of the fields; at least one must be given. Ids come from the taxonomy and lexicons."""

    model_config = ConfigDict(extra="forbid")

    role_id: str | None = Field(default=None, max_length=100, description="A role id from the taxonomy.")
    category: str | None = Field(default=None, max_length=50)
    band: str | None = Field(default=None, max_length=4, description="'1'..'9' or '8a'..'8d'.")
    title: str | None = Field(default=None, min_length=1, max_length=300)
    pathway_present: StrictBool | None = None
    qualifications_add: IdList = Field(default_factory=list, max_length=50)
    qualifications_remove: IdList = Field(default_factory=list, max_length=50)
    skills_add: IdList = Field(default_factory=list, max_length=50)
    skills_remove: IdList = Field(default_factory=list, max_length=50)
    dismiss_wording: list[WordingDismissal] = Field(default_factory=list, max_length=50)
    note: str | None = Field(default=None, max_length=2000)

    def changes(self) -> dict[str, Any]:
        """The fields the reviewer set (the note is kept apart)."""
        return self.model_dump(exclude={"note"}, exclude_defaults=True)


def problems(body: CorrectionIn, vocab: Vocabulary, analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """Each unusable value as a pydantic-style error (`loc`, `msg`, `type`); empty when all is well."""
    found: list[dict[str, Any]] = []

    def bad(loc: tuple[str | int, ...], msg: str) -> None:
        found.append({"type": "value_error", "loc": ("body", *loc), "msg": msg})

    if not body.changes():
        bad((), "a correction must change at least one field")
    if body.role_id is not None and body.role_id not in vocab.roles:
        bad(("role_id",), f"{body.role_id!r} is not a role id in the taxonomy (see /v1/taxonomy/roles)")
    if body.category is not None and body.category not in vocab.categories:
        bad(("category",), f"category must be one of {', '.join(sorted(vocab.categories))}")
    if body.band is not None and body.band not in vocab.bands:
        bad(("band",), "band must be one of 1-7, 8a-8d or 9")
    for name, kind in LIST_FIELDS.items():
        known = vocab.qualifications if kind == "qualifications" else vocab.skills
        for index, item in enumerate(getattr(body, name)):
            if item not in known:
                bad((name, index), f"{item!r} is not a {kind[:-1]} id in the lexicon")
    raised = {issue["code"] for issue in analysis.get("wording", {}).get("issues", [])}
    for index, dismissal in enumerate(body.dismiss_wording):
        if dismissal.code not in raised:
            bad(
                ("dismiss_wording", index, "code"), f"the analysis raised no wording issue {dismissal.code!r}"
            )
    return found


def fold(analysis: dict[str, Any], history: list[dict[str, Any]], vocab: Vocabulary) -> dict[str, Any]:
    """The labels the analysis plus its corrections (oldest first) stand for, in the training format."""
    labels: dict[str, Any] = {
        "role_id": analysis["role"]["id"],
        "category": analysis["category"]["id"],
        "band_stated": analysis["band"].get("stated"),
        "pathway_present": analysis["career_pathway"]["present"],
        "quals": [item["id"] for item in analysis.get("qualifications", [])],
        "skills": [item["id"] for item in analysis.get("skills", [])],
    }
    title = analysis.get("title")
    dismissed: dict[str, str] = {}
    for changes in history:
        if "role_id" in changes:
            labels["role_id"] = changes["role_id"]
            labels["category"] = vocab.taxonomy.category_of(changes["role_id"])
        if "category" in changes:
            labels["category"] = changes["category"]
        if "band" in changes:
            labels["band_stated"] = changes["band"]
        if "pathway_present" in changes:
            labels["pathway_present"] = changes["pathway_present"]
        title = changes.get("title", title)
        for kind, key in (("qualifications", "quals"), ("skills", "skills")):
            current = [i for i in labels[key] if i not in changes.get(f"{kind}_remove", [])]
            labels[key] = list(dict.fromkeys(current + changes.get(f"{kind}_add", [])))
        for dismissal in changes.get("dismiss_wording", []):
            dismissed[dismissal["code"]] = dismissal["reason"]
    labels["quals"] = sorted(set(labels["quals"]))
    labels["skills"] = sorted(set(labels["skills"]))
    return {"title": title, "labels": labels, "dismissed_wording": dismissed}
