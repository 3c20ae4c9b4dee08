"""Loads the role taxonomy from `data/taxonomy/roles.yaml`: the only place that knows its file format.

Every output's `role.id` is a roles.csv id; finer roles (e.g. `counsellor`) carry a `parent` and are
reported as `role.finer_role` under their parent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from classifier.data_files import load_yaml
from classifier.paths import TAXONOMY_DIR
from classifier.schema import CATEGORY_IDS


@dataclass(frozen=True)
class RoleEntry:
    id: str
    label: str
    category: str
    parent: str | None
    typical_bands: tuple[str, ...]
    usual_band: str
    soc2020: str | None
    regulator: str
    entry_level: str
    next_steps: tuple[str, ...]
    variants: tuple[str, ...]
    trainee_route: str | None = None
    """The trainee role that qualifies into this one ("Trainee PWP" for PWP), if any."""
    nhs_occupation_levels: tuple[str, ...] = ()
    """NHS Occupation Code Manual occupation levels for this role, tried in order (empty: no code fits)."""
    nhs_care_settings: tuple[str, ...] = ()
    """Care settings or specialties the role may take; the first is the default when the advert shows none."""
    nhs_occupation_note: str | None = None
    """Why no occupation code fits, when `nhs_occupation_levels` is empty."""

    @property
    def top_id(self) -> str:
        """The roles.csv id this role reports as."""
        return self.parent or self.id


@dataclass(frozen=True)
class Taxonomy:
    version: str
    sha256: str
    roles: dict[str, RoleEntry] = field(default_factory=dict)
    ambiguous_variants: frozenset[str] = frozenset()
    """Titles too generic to decide a role alone ("Support Worker"), as written in the taxonomy file."""

    def top_roles(self) -> list[RoleEntry]:
        """Roles with a roles.csv id (no parent), in file order."""
        return [r for r in self.roles.values() if r.parent is None]

    def role(self, role_id: str) -> RoleEntry:
        return self.roles[role_id]

    def category_of(self, role_id: str) -> str:
        return self.roles[role_id].category


def _entry(raw: dict) -> RoleEntry:
    category = raw["category"]
    if category not in CATEGORY_IDS:
        raise ValueError(f"role {raw['id']}: unknown category {category!r}")
    return RoleEntry(
        id=raw["id"],
        label=raw["label"],
        category=category,
        parent=raw.get("parent"),
        typical_bands=tuple(str(b) for b in raw.get("typical_bands") or ()),
        usual_band=str(raw["usual_band"]),
        soc2020=str(raw["soc2020"]) if raw.get("soc2020") else None,
        regulator=raw.get("regulator") or "none",
        entry_level=raw.get("entry_level") or "",
        next_steps=tuple(raw.get("next_steps") or ()),
        variants=tuple(raw.get("variants") or ()),
        trainee_route=raw.get("trainee_route"),
        nhs_occupation_levels=tuple(raw.get("nhs_occupation_levels") or ()),
        nhs_care_settings=tuple(raw.get("nhs_care_settings") or ()),
        nhs_occupation_note=raw.get("nhs_occupation_note"),
    )


def _check(role: RoleEntry, roles: dict[str, RoleEntry]) -> None:
    """Reject a file whose parents, trainee routes or occupation mappings cannot be used."""
    if role.parent is not None:
        parent = roles.get(role.parent)
        if parent is None or parent.parent is not None:
            raise ValueError(f"role {role.id}: parent {role.parent!r} must be a top-level role")
        if parent.category != role.category:
            raise ValueError(f"role {role.id}: category {role.category!r} differs from its parent's")
    if role.trainee_route is not None and roles.get(role.trainee_route, role).category != "trainee":
        raise ValueError(f"role {role.id}: trainee_route {role.trainee_route!r} must be a trainee role")
    if role.nhs_occupation_levels and not role.nhs_care_settings:
        raise ValueError(f"role {role.id}: nhs_occupation_levels without nhs_care_settings")
    if not role.nhs_occupation_levels and not role.nhs_occupation_note:
        raise ValueError(f"role {role.id}: no nhs_occupation_levels, so nhs_occupation_note must say why")


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    path = path or TAXONOMY_DIR / "roles.yaml"
    raw_bytes = path.read_bytes()
    raw = load_yaml(raw_bytes)
    roles = {r["id"]: _entry(r) for r in raw["roles"]}
    for role in roles.values():
        _check(role, roles)
    return Taxonomy(
        version=str(raw["version"]),
        sha256=hashlib.sha256(raw_bytes).hexdigest(),
        roles=roles,
        ambiguous_variants=frozenset(raw.get("ambiguous_variants") or ()),
    )


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The project's taxonomy, loaded once per process."""
    return load_taxonomy()
