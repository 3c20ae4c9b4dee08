"""Role category (trainee / further education / defined boundary / registered / out of scope).

The category follows from the role, so its confidence is the role scores summed over every candidate
role in the same category: an advert torn between two support-worker roles is still surely defined-boundary.
"""

from __future__ import annotations

from classifier.schema import Category, Role
from classifier.taxonomy import Taxonomy


def decide_category(role: Role, taxonomy: Taxonomy) -> Category:
    category = taxonomy.category_of(role.id)
    mass = role.confidence + sum(
        alt.score for alt in role.alternatives if taxonomy.category_of(alt.id) == category
    )
    return Category(id=category, confidence=round(min(1.0, mass), 4))  # type: ignore[arg-type]
