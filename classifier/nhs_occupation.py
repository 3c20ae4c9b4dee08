"""The NHS occupation code of an advert: the role's occupation level in the care setting the advert names.

This is how the NHS counts its staff (ESR, the NHS workforce statistics), so researchers can join our
results with those counts. The role says which occupation levels apply (`nhs_occupation_levels` in
`data/taxonomy/roles.yaml`) and which care settings it may take; the advert's own words choose the setting
(`classifier/care_setting.py`); the code list is `data/nhs_occupation/nhs-occupation-codes.csv`. Where no
code fits (peer support workers have none in v22.1) the code is null and `nhs_occupation_note` says why.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from classifier.care_setting import CareSettingLexicon, default_lexicon
from classifier.paths import DATA_DIR
from classifier.schema import Advert, NhsOccupation, Role
from classifier.taxonomy import RoleEntry, Taxonomy
from classifier.title_cleaning import clean_title
from classifier.titles import VariantIndex

CODES_PATH = DATA_DIR / "nhs_occupation" / "nhs-occupation-codes.csv"
DOCTORS = "HCHS doctors"
ANY_SPECIALTY = "Other specialties"
"""A doctor role listing this setting may take any specialty the advert names."""
DEFAULT_CLARITY = 0.25
"""How clear the setting is when the role may take several and the advert names none (the default is used)."""
MIN_CLARITY = 0.3

SETTING_FALLBACK = {
    "Community Mental Health": "Other Mental Health",
    "Community Learning Disabilities": "Other Learning Disabilities",
    "School Nursing": "Community Services",
    "Neonatal Nursing (including SCBUs)": "Children and Young People",
}
"""A setting the advert names -> the broader one a role (or level) uses when it lacks the first."""


@dataclass(frozen=True)
class OccupationCode:
    code: str
    name: str
    staff_group: str
    level: str
    setting: str


class OccupationCodes:
    """The currently valid codes, looked up by (occupation level, care setting)."""

    def __init__(self, codes: Sequence[OccupationCode]) -> None:
        by_key: dict[tuple[str, str], list[OccupationCode]] = defaultdict(list)
        for code in codes:
            by_key[(code.level, code.setting)].append(code)
        self._by_key = {key: sorted(found, key=lambda c: c.code) for key, found in by_key.items()}
        self.levels = frozenset(level for level, _setting in self._by_key)

    @classmethod
    def load(cls, path: Path = CODES_PATH) -> OccupationCodes:
        with path.open(encoding="utf-8", newline="") as handle:
            return cls(
                [
                    OccupationCode(
                        code=row["occupation_code"],
                        name=row["occupation_code_name"],
                        staff_group=row["broad_staff_group"],
                        level=row["occupation_level"],
                        setting=row["care_setting_or_specialty"],
                    )
                    for row in csv.DictReader(handle)
                ]
            )

    def find(self, level: str, setting: str) -> list[OccupationCode]:
        return self._by_key.get((level, setting), [])


@lru_cache(maxsize=1)
def default_codes() -> OccupationCodes:
    """The project's code list, loaded on first use (not at import)."""
    return OccupationCodes.load()


class OccupationCoder:
    """Adds `nhs_occupation` (or the reason there is none) to classified roles."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        codes: OccupationCodes | None = None,
        lexicon: CareSettingLexicon | None = None,
        variants: VariantIndex | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.codes = codes or default_codes()
        self.lexicon = lexicon or default_lexicon()
        self.variants = variants or VariantIndex(taxonomy)

    def assign_many(self, adverts: Sequence[Advert], roles: Sequence[Role]) -> list[Role]:
        return [self.assign(advert, role) for advert, role in zip(adverts, roles, strict=True)]

    def assign(self, advert: Advert, role: Role) -> Role:
        """The role with its occupation code (or a note saying why none fits)."""
        entry = self._entry(advert, role)
        if not entry.nhs_occupation_levels:
            note = entry.nhs_occupation_note or "no occupation level is known for this role"
            return role.model_copy(update={"nhs_occupation": None, "nhs_occupation_note": note})
        setting, clarity = self._setting(entry, advert.title or "", advert.text)
        found = self._code(entry, setting) or self._code(entry, entry.nhs_care_settings[0])
        if found is None:
            note = f"no occupation code for {entry.label} in {setting}"
            return role.model_copy(update={"nhs_occupation": None, "nhs_occupation_note": note})
        code, others = found
        occupation = NhsOccupation(
            code=code.code,
            name=code.name,
            staff_group=code.staff_group,
            occupation_level=code.level,
            care_setting=code.setting,
            confidence=round(max(0.0, min(1.0, role.confidence * clarity)), 4),
        )
        caveat = f"the manual also lists {', '.join(others)} for {code.name}" if others else None
        return role.model_copy(update={"nhs_occupation": occupation, "nhs_occupation_note": caveat})

    def _entry(self, advert: Advert, role: Role) -> RoleEntry:
        """The finer role when known; else one the title names exactly under the same parent.

        A role model trained before a finer role existed never reports it; the title still does.
        """
        if role.finer_role:
            return self.taxonomy.role(role.finer_role)
        exact = self.variants.match(clean_title(advert.title or ""))
        if exact and self.taxonomy.role(exact[0]).top_id == role.id:
            return self.taxonomy.role(exact[0])
        return self.taxonomy.role(role.id)

    def _code(self, entry: RoleEntry, setting: str) -> tuple[OccupationCode, list[str]] | None:
        """The first of the role's levels with a code in `setting` (or its broader fallback)."""
        for candidate in (setting, SETTING_FALLBACK.get(setting)):
            if candidate is None:
                continue
            for level in entry.nhs_occupation_levels:
                found = self.codes.find(level, candidate)
                if found:
                    return found[0], [c.code for c in found[1:]]
        return None

    def _setting(self, entry: RoleEntry, title: str, text: str) -> tuple[str, float]:
        """The care setting the advert names among those the role may take, and how clearly (0-1)."""
        allowed = entry.nhs_care_settings
        if DOCTORS in entry.nhs_occupation_levels:
            names = None if ANY_SPECIALTY in allowed else frozenset(allowed)
            reader = self.lexicon.specialty_reader(names)
        elif len(allowed) == 1:
            return allowed[0], 1.0
        else:
            wanted = set(allowed) | {src for src, broad in SETTING_FALLBACK.items() if broad in allowed}
            reader = self.lexicon.setting_reader(frozenset(wanted))
        best, strength, runner_up = reader.best(title, text)
        if best is None:
            return allowed[0], 1.0 if len(allowed) == 1 else DEFAULT_CLARITY
        if best not in allowed and SETTING_FALLBACK.get(best) in allowed:
            best = SETTING_FALLBACK[best]
        return best, max(MIN_CLARITY, strength - runner_up / 2)
