"""SOC 2020 codes for job titles from the ONS coding index: for posts the taxonomy has no code for.

The taxonomy's SOC 2020 codes are curated per role, but out-of-scope posts (a payroll officer, a porter, an
electrician) all report as one broad role; the ONS coding index gives each its own unit group. The lookup is
conservative: the cleaned title exactly, then its segments when they agree, then the title without seniority
words ("Senior Payroll Officer" -> "payroll officer"), then its longest ending of two or more words ("Ward
Catering Assistant" -> "catering assistant"). A single generic word never matches on its own.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from classifier.paths import DATA_DIR
from classifier.title_cleaning import CleanTitle

SOC_TITLES_PATH = DATA_DIR / "soc2020" / "soc2020-titles.tsv.gz"
_SENIORITY = re.compile(
    r"^(?:(?:senior|junior|lead|principal|chief|deputy|specialist|highly specialist|advanced|qualified|"
    r"registered|rotational|locum|newly qualified|experienced|graduate|trainee|apprentice|band \d)\s+)+"
)
MIN_SUFFIX_WORDS = 2


class SocIndex:
    """Normalised title -> SOC 2020 unit group (four digits)."""

    def __init__(self, titles: dict[str, str]) -> None:
        self._titles = titles

    @classmethod
    def load(cls, path: Path = SOC_TITLES_PATH) -> SocIndex:
        titles: dict[str, str] = {}
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                title, _tab, code = line.rstrip("\n").partition("\t")
                if title and code:
                    titles[title] = code
        return cls(titles)

    def __len__(self) -> int:
        return len(self._titles)

    def get(self, title: str) -> str | None:
        """The code of an already normalised title, exactly."""
        return self._titles.get(title)

    def lookup(self, title: CleanTitle) -> tuple[str, str] | None:
        """(SOC 2020 code, the index title that matched) for a cleaned advert title, or None."""
        if not title.text:
            return None
        if code := self.get(title.text):
            return code, title.text
        found = {seg: code for seg in title.segments if (code := self.get(seg))}
        if found and len(set(found.values())) == 1:
            seg, code = next(iter(found.items()))
            return code, seg
        for text in dict.fromkeys((title.text, *title.segments)):
            if match := self._fallback(text):
                return match
        return None

    def _fallback(self, text: str) -> tuple[str, str] | None:
        plain = _SENIORITY.sub("", text)
        if plain != text and (code := self.get(plain)):
            return code, plain
        words = plain.split()
        for start in range(1, len(words) - MIN_SUFFIX_WORDS + 1):
            ending = " ".join(words[start:])
            if code := self.get(ending):
                return code, ending
        return None


@lru_cache(maxsize=1)
def default_soc_index() -> SocIndex:
    """The project's SOC 2020 title list, loaded on first use (not at import)."""
    return SocIndex.load()
