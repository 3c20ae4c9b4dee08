"""Role normalisation: raw title (and text) to a taxonomy role with confidence, alternatives and SOC 2020.

A cascade in the spirit of occupationcoder, with the confidence policy SOCcer found reliable: an exact
match of a cleaned title (or of one of its segments) to a taxonomy variant is strong evidence; the trained
model scores every role from the title and the text; the two are blended, rescaled by the calibration fitted
on held-out employers (`RoleModel.calibration`), and `needs_review` is raised below its review threshold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

import numpy as np

from classifier.role_model import RoleModel
from classifier.schema import Advert, Role, RoleAlternative
from classifier.soc_index import default_soc_index
from classifier.taxonomy import RoleEntry, Taxonomy
from classifier.title_cleaning import CleanTitle, clean_title, normalise

EXACT_WEIGHT = 0.5
"""Share of the final score given to an exact variant match (the rest is the model's probability)."""
TITLE_GATE = 0.02
"""Under a generic professional title the text-only model chooses among the roles the title leaves open
(joint model score at least this): "Staff Nurse" on a PICU is a mental health nurse, on a stroke ward an
adult nurse, and only the text says which."""
_PROFESSION_WORDS = re.compile(r"\b(?:nurses?|sister|charge|ward manager|practitioners?|therapists?|rn|rgn)\b")
_TRAINEE_TITLE = re.compile(r"\b(trainees?|apprentice(ship)?s?|in[- ]training|student)\b", re.I)
_TRAINEE_ASIDE = re.compile(r"/\s*trainees?\b|\btrainees?\s*/", re.I)


def is_trainee_title(title: str) -> bool:
    """Title names a training post ("Trainee PWP", "OT Apprentice"), not "HCA/Trainee" recruiting both."""
    return bool(_TRAINEE_TITLE.search(title)) and not _TRAINEE_ASIDE.search(title)


class VariantIndex:
    """Normalised title variant -> the taxonomy roles that list it."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        ambiguous = {normalise(v) for v in taxonomy.ambiguous_variants}
        for role in taxonomy.roles.values():
            for variant in (role.label, *role.variants):
                key = normalise(clean_title(variant).text or variant)
                if key and key not in ambiguous:
                    index[key].add(role.id)
        self._index = dict(index)
        self._top = {role.id: role.top_id for role in taxonomy.roles.values()}
        self.ambiguous = frozenset(ambiguous)

    def is_generic(self, title: CleanTitle) -> bool:
        """The title, or one of its segments, is too generic to name a role ("Staff Nurse - Ward 7")."""
        return title.text in self.ambiguous or any(seg in self.ambiguous for seg in title.segments)

    def is_generic_professional(self, title: CleanTitle) -> bool:
        """A generic title of a registered profession, whose field (adult, mental health, theatres, ...)
        only the text tells; generic support titles are left to the joint model, which reads the
        employer's kind from the title and text together better than the text alone."""
        return self.is_generic(title) and bool(_PROFESSION_WORDS.search(title.text))

    def match(self, title: CleanTitle) -> tuple[str, str] | None:
        """(role id, variant) for the whole cleaned title or, failing that, its segments when they agree.

        A variant listed under a role and one of its finer roles points at the finer role; segments that
        point at different roles ("Clinical Support Worker - Physiotherapy Assistant") give no exact match.
        """
        whole = self._lookup(title.text)
        if whole:
            return whole, title.text
        found = [(role, seg) for seg in title.segments if (role := self._lookup(seg))]
        if found and len({self._top[role] for role, _seg in found}) == 1:
            return found[0]
        return None

    def _lookup(self, key: str) -> str | None:
        roles = self._index.get(key)
        if not roles:
            return None
        if len(roles) == 1:
            return next(iter(roles))
        tops = {self._top[r] for r in roles}
        if len(tops) != 1:
            return None
        finer = [r for r in roles if self._top[r] != r]
        return finer[0] if len(finer) == 1 else tops.pop()


class RoleClassifier:
    """Scores every taxonomy role for a batch of adverts and reports the top-level (roles.csv) role."""

    def __init__(self, model: RoleModel, taxonomy: Taxonomy) -> None:
        self.model = model
        self.taxonomy = taxonomy
        self.variants = VariantIndex(taxonomy)
        self._class_index = {c: i for i, c in enumerate(model.classes)}
        top_ids = [r.id for r in taxonomy.top_roles()]
        self._top_ids = top_ids
        self._top_index = {rid: i for i, rid in enumerate(top_ids)}
        # Fold finer-role columns into their parent so role.id is always a roles.csv id.
        fold = np.zeros((len(model.classes), len(top_ids)))
        for i, cls in enumerate(model.classes):
            fold[i, self._top_index[taxonomy.role(cls).top_id]] = 1.0
        self._fold = fold
        # For titles that name a training post, qualified roles hand their score to their trainee route.
        self._trainee_moves = [
            (i, self._class_index[route])
            for cls, i in self._class_index.items()
            if (route := taxonomy.role(cls).trainee_route) and route in self._class_index
        ]

    def scores(
        self, adverts: Sequence[Advert]
    ) -> tuple[np.ndarray, list[CleanTitle], list[tuple[str, str] | None]]:
        """Blended per-class scores (model classes, finer roles included) for each advert."""
        titles = [a.title or "" for a in adverts]
        proba = self.model.predict_proba(titles, [a.text for a in adverts])
        cleaned = [clean_title(t) for t in titles]
        exacts = [self.variants.match(c) for c in cleaned]
        self._blend_text(proba, adverts, cleaned, exacts)
        for row, exact in enumerate(exacts):
            if exact and exact[0] in self._class_index:
                one_hot = np.zeros(proba.shape[1])
                one_hot[self._class_index[exact[0]]] = 1.0
                proba[row] = (1 - EXACT_WEIGHT) * proba[row] + EXACT_WEIGHT * one_hot
            if is_trainee_title(titles[row]):
                for source, target in self._trainee_moves:
                    proba[row, target] += proba[row, source]
                    proba[row, source] = 0.0
        return self.model.calibration.apply(proba), cleaned, exacts

    def _blend_text(
        self,
        proba: np.ndarray,
        adverts: Sequence[Advert],
        cleaned: Sequence[CleanTitle],
        exacts: Sequence[tuple[str, str] | None],
    ) -> None:
        """Where a generic professional title leaves the field open, the text chooses among the roles the
        title allows (model score at least TITLE_GATE), in place."""
        if self.model.text_clf is None:
            return
        rows = [
            row
            for row, (title, exact) in enumerate(zip(cleaned, exacts, strict=True))
            if exact is None and adverts[row].text.strip() and self.variants.is_generic_professional(title)
        ]
        if not rows:
            return
        text = self.model.text_proba([adverts[row].text for row in rows])
        gated = np.where(proba[rows] >= TITLE_GATE, text, 0.0)
        totals = gated.sum(axis=1, keepdims=True)
        gated = np.divide(gated, totals, out=text, where=totals > 0)
        proba[rows] = gated

    @property
    def top_ids(self) -> list[str]:
        """The roles.csv ids, in the column order of `fold_to_top`."""
        return list(self._top_ids)

    def fold_to_top(self, proba: np.ndarray) -> np.ndarray:
        """Class scores (finer roles included) summed into their roles.csv roles."""
        return proba @ self._fold

    def classify_many(self, adverts: Sequence[Advert]) -> list[Role]:
        if not adverts:
            return []
        proba, cleaned, exacts = self.scores(adverts)
        top_proba = self.fold_to_top(proba)
        roles: list[Role] = []
        for row in range(len(adverts)):
            roles.append(self._role(proba[row], top_proba[row], cleaned[row], exacts[row]))
        return roles

    def _role(
        self, proba: np.ndarray, top_proba: np.ndarray, cleaned: CleanTitle, exact: tuple[str, str] | None
    ) -> Role:
        order = np.argsort(-top_proba)
        best_id = self._top_ids[order[0]]
        best = float(top_proba[order[0]])
        entry = self.taxonomy.role(best_id)
        finer = self._finer_role(proba, best_id)
        finer_entry = self.taxonomy.role(finer) if finer else None
        has_title = bool(cleaned.text)
        method: Literal["exact", "model"] = (
            "exact" if exact and self.taxonomy.role(exact[0]).top_id == best_id else "model"
        )
        return Role(
            id=best_id,
            label=entry.label,
            confidence=round(min(1.0, best), 4),
            alternatives=[
                RoleAlternative(
                    id=self._top_ids[i],
                    label=self.taxonomy.role(self._top_ids[i]).label,
                    score=round(float(top_proba[i]), 4),
                )
                for i in order[1:4]
            ],
            soc2020=self._soc2020(finer_entry or entry, cleaned),
            needs_review=(best < self.model.calibration.review_threshold or not has_title),
            clean_title=cleaned.text,
            finer_role=finer,
            matched_variant=exact[1] if exact and method == "exact" else None,
            attributes=list(cleaned.attributes),
            method=method if has_title else "fallback",
        )

    def _soc2020(self, entry: RoleEntry, cleaned: CleanTitle) -> str | None:
        """The role's curated code; for out-of-scope posts and roles without one, the ONS index's for the title."""
        if entry.category == "out_of_scope" or not entry.soc2020:
            found = default_soc_index().lookup(cleaned)
            if found:
                return found[0]
        return entry.soc2020 or self.taxonomy.role(entry.top_id).soc2020

    def _finer_role(self, proba: np.ndarray, top_id: str) -> str | None:
        """The finer child role when it outscores its parent's own column."""
        best_child, best_score = (
            None,
            proba[self._class_index[top_id]] if top_id in self._class_index else 0.0,
        )
        for cls, i in self._class_index.items():
            role = self.taxonomy.role(cls)
            if role.parent == top_id and proba[i] > best_score:
                best_child, best_score = cls, proba[i]
        return best_child
