"""How well the title finder does when an advert comes without its title: `python3 -m training.title_eval`.

For the development adverts and the first corpus adverts, the title is dropped and `find_title` looks for
it in the text; the found title is compared with the advertised one, normalised (exact) and by content-word
overlap (F1 >= 0.5 counts as agreeing). Printed per source (field / heading / guessed): how often it was
found and how often it agreed; "unrelated" counts found titles that share no content word with the real
one (a sentence, an employer or another post). "same role" is what matters downstream: the share of found
titles for which the shipped role model gives the same role as with the real title (same text), beside the
share it gives with no title at all on the same adverts. Only counts are printed: the adverts' text stays outside the repository. The corpus text is the job overview only and
often lacks the title, so precision matters more than recall there.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from classifier.paths import PROJECT_ROOT
from classifier.reading import from_text
from classifier.reading.title import FoundTitle, find_title
from classifier.titles import RoleClassifier
from training.corpus import corpus_available, iter_corpus

DEV_PATH = PROJECT_ROOT.parent / "shared" / "data" / "adverts-dev.jsonl"
AGREE_F1 = 0.5
SOURCES = ("field", "heading", "guessed")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    ["a", "an", "and", "of", "in", "for", "the", "to", "with", "at", "on", "or", "by", "band", "grade", "x"]
)


def normalise(title: str) -> str:
    """Lower case, "&" as "and", punctuation dropped, spaces collapsed."""
    return " ".join(_WORD.findall(title.lower().replace("&", " and ")))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content(title: str) -> Counter[str]:
    """Content words, singular ("Nurses" agrees with "Nurse")."""
    return Counter(_singular(w) for w in _WORD.findall(title.lower()) if w not in _STOP and not w.isdigit())


def overlap_f1(found: str, real: str) -> float:
    """F1 of the content words the two titles share (a multiset overlap)."""
    a, b = _content(found), _content(real)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


@dataclass
class Tally:
    """Counts for one data set: adverts, and per source found / exact / agreeing / unrelated."""

    adverts: int = 0
    found: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    agree: Counter[str] = field(default_factory=Counter)
    unrelated: Counter[str] = field(default_factory=Counter)
    same_role: Counter[str] = field(default_factory=Counter)
    same_role_untitled: Counter[str] = field(default_factory=Counter)

    def add(self, text: str, real: str, roles: RoleClassifier | None) -> None:
        self.adverts += 1
        found = find_title(text)
        if found is None:
            return
        if roles is not None:
            self._roles(text, real, found, roles)
        self.found[found.source] += 1
        self.exact[found.source] += normalise(found.title) == normalise(real)
        f1 = overlap_f1(found.title, real)
        self.agree[found.source] += f1 >= AGREE_F1
        self.unrelated[found.source] += f1 == 0.0

    def _roles(self, text: str, real: str, found: FoundTitle, roles: RoleClassifier) -> None:
        adverts = [from_text(text, title=t) for t in (real, found.title)]
        adverts.append(adverts[0].model_copy(update={"title": None, "title_source": None}))
        with_real, with_found, untitled = (role.id for role in roles.classify_many(adverts))
        self.same_role[found.source] += with_found == with_real
        self.same_role_untitled[found.source] += untitled == with_real


def _share(hits: int, total: int) -> str:
    return f"{hits / total:.3f}" if total else "-"


def table(name: str, tally: Tally) -> str:
    """One Markdown table: a row per source and a total row."""
    lines = [
        f"{name}: {tally.adverts} adverts, title dropped",
        "| source | found | found rate | exact | agree (F1>=0.5) | unrelated | same role | (no title) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for source in (*SOURCES, "all"):
        pick = SOURCES if source == "all" else (source,)
        found = sum(tally.found[s] for s in pick)
        exact, agree = sum(tally.exact[s] for s in pick), sum(tally.agree[s] for s in pick)
        unrelated = sum(tally.unrelated[s] for s in pick)
        same, untitled = sum(tally.same_role[s] for s in pick), sum(tally.same_role_untitled[s] for s in pick)
        roles = f"{_share(same, found)} | {_share(untitled, found)}" if tally.same_role.total() else "- | -"
        lines.append(
            f"| {source} | {found} | {_share(found, tally.adverts)} | {_share(exact, found)} "
            f"| {_share(agree, found)} | {_share(unrelated, found)} | {roles} |"
        )
    return "\n".join(lines)


def dev_pairs(path: Path = DEV_PATH) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("title") and row.get("text"):
                yield row["text"], row["title"]


def corpus_pairs(limit: int, offset: int = 0) -> Iterator[tuple[str, str]]:
    adverts = (a for a in iter_corpus() if a.title and a.text)
    return ((a.text, a.title) for a in itertools.islice(adverts, offset, offset + limit))


def tally(pairs: Iterable[tuple[str, str]], roles: RoleClassifier | None) -> Tally:
    result = Tally()
    for text, real in pairs:
        result.add(text, real, roles)
    return result


def _role_classifier() -> RoleClassifier:
    from classifier.pipeline import Analyser

    return Analyser.load().roles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-rows", type=int, default=1000, help="corpus adverts to use (file order)")
    parser.add_argument(
        "--corpus-offset",
        type=int,
        default=0,
        help="skip this many corpus adverts first (the rules were tuned by reading the first 1,000)",
    )
    parser.add_argument("--no-roles", action="store_true", help="skip the role comparison (no model load)")
    args = parser.parse_args(argv)
    roles = None if args.no_roles else _role_classifier()
    if DEV_PATH.is_file():
        print(table(f"development adverts ({DEV_PATH.name})", tally(dev_pairs(), roles)), end="\n\n")
    else:
        print(f"skipped: {DEV_PATH} not found")
    if corpus_available():
        pairs = corpus_pairs(args.corpus_rows, args.corpus_offset)
        name = (
            f"NHS Jobs 2020 corpus, adverts {args.corpus_offset + 1}-{args.corpus_offset + args.corpus_rows}"
        )
        print(table(name, tally(pairs, roles)))
    else:
        print("skipped: the NHS Jobs 2020 corpus is not found")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
