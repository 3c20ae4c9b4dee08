"""Throughput of the analysis engine against spaCy's tokenizer alone, on the same 2,000-character adverts.

Prints adverts/s for `Analyser.analyse_many` (the path `mhsw batch` uses) and the ratio to a baseline run
in the same process: the blank English tokenizer over the same texts. Also prints start-up: import time and
model load (hash verification included), each measured in a fresh subprocess.

    python -m benchmarks.throughput [--adverts 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADVERT_CHARS = 2000


def sample_texts(count: int) -> list[tuple[str, str]]:
    """(title, text) pairs of exactly ADVERT_CHARS characters, cut from the project's own invented adverts."""
    import json

    sources: list[tuple[str, str]] = []
    invented = ROOT / "data" / "training" / "invented_adverts.jsonl"
    if invented.is_file():
        for line in invented.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            sources.append((row["title"], row["text"]))
    for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
        sources.append(("", path.read_text(encoding="utf-8")))
    out = []
    for i in range(count):
        title, text = sources[i % len(sources)]
        body = (text + "\n\n") * (ADVERT_CHARS // max(1, len(text)) + 1)
        out.append((title, f"Ref {i}\n" + body[: ADVERT_CHARS - len(f"Ref {i}\n")]))
    return out


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def startup_seconds() -> tuple[float, float]:
    code = (
        "import time;t=time.perf_counter();from classifier.pipeline import Analyser;i=time.perf_counter()-t;"
        "t=time.perf_counter();Analyser.load();print(i, time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    imports, load = (float(x) for x in out.split())
    return imports, load


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--adverts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import spacy
    from spacy.tokenizer import Tokenizer

    from classifier.pipeline import Analyser
    from classifier.reading import from_text

    analyser = Analyser.load()
    pairs = sample_texts(args.adverts)
    texts = [text for _title, text in pairs]
    tokenizer: Tokenizer = spacy.blank("en").tokenizer  # spaCy's own, not the project's bounded wrapper
    baseline = best_of(args.repeat, lambda: list(tokenizer.pipe(texts, batch_size=256)))
    bounded = best_of(args.repeat, lambda: [analyser.nlp.tokenizer(text) for text in texts])
    adverts = [from_text(text, title=title or None, id=str(i)) for i, (title, text) in enumerate(pairs)]
    analyse = best_of(args.repeat, lambda: list(analyser.analyse_many(adverts, batch_size=256)))
    reading = best_of(args.repeat, lambda: [from_text(text, title=title or None) for title, text in pairs])
    imports, load = startup_seconds()
    n = len(pairs)
    print(f"adverts: {n} x {ADVERT_CHARS} characters, best of {args.repeat}")
    print(f"{'step':<34}{'adverts/s':>12}{'x tokenizer':>14}")
    print(f"{'spaCy tokenizer alone (baseline)':<34}{n / baseline:>12.0f}{1.0:>14.2f}")
    print(f"{'bounded tokenizer (project)':<34}{n / bounded:>12.0f}{bounded / baseline:>14.2f}")
    print(f"{'reading (from_text)':<34}{n / reading:>12.0f}{reading / baseline:>14.2f}")
    print(f"{'analyse_many (whole analysis)':<34}{n / analyse:>12.0f}{analyse / baseline:>14.2f}")
    print(f"start-up: imports {imports:.2f} s, model load and verification {load:.2f} s")


if __name__ == "__main__":
    main()
