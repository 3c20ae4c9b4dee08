"""The ids a correction may use: taxonomy roles, categories, bands, and the lexicons' qualification and
skill ids. Read from the data files directly, so validating a correction never loads spaCy or a model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from classifier.data_files import load_yaml
from classifier.paths import LEXICON_DIR
from classifier.schema import BAND_VALUES, CATEGORY_IDS
from classifier.taxonomy import Taxonomy, default_taxonomy


@dataclass(frozen=True)
class Vocabulary:
    taxonomy: Taxonomy
    qualifications: dict[str, str]
    """Qualification id -> label."""
    skills: dict[str, str]
    categories: frozenset[str] = frozenset(CATEGORY_IDS)
    bands: frozenset[str] = frozenset(BAND_VALUES)

    @property
    def roles(self) -> frozenset[str]:
        """Role ids a reviewer may choose: the roles.csv ids the analyses report."""
        return frozenset(role.id for role in self.taxonomy.top_roles())


def _lexicon_labels(name: str) -> dict[str, str]:
    raw = load_yaml(LEXICON_DIR / f"{name}.yaml")
    return {item_id: str(item.get("label", item_id)) for item_id, item in raw[name].items()}


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary(default_taxonomy(), _lexicon_labels("qualifications"), _lexicon_labels("skills"))
