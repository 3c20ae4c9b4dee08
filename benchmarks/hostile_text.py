"""Time per character of a whole analysis on hostile texts, against an ordinary 2,000-character advert.

Issue 11's bar: no text of up to 100,000 characters takes more than 20 times as long per character as a
2,000-character advert. Prints each hostile text's ratio at 1,000, 10,000 and 100,000 characters and the worst.

    python -m benchmarks.hostile_text [--sizes 1000 10000 100000] [--only '!']
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def per_char(analyse, text: str, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Best-of-`repeat` seconds per character; each repeat changes one character so no cache helps."""
    best = float("inf")
    for i in range(repeat):
        variant = f"{i}" + text[1:]
        start = time.perf_counter()
        analyse(variant)
        best = min(best, time.perf_counter() - start)
    return best / len(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default=None, help="run only texts whose name contains this")
    args = parser.parse_args()

    from hostile import hostile_texts

    from benchmarks.throughput import sample_texts
    from classifier.pipeline import Analyser

    analyser = Analyser.load()
    ordinary = [text for _title, text in sample_texts(20)]
    for text in ordinary[:3]:
        analyser.analyse(text)
    baseline = min(per_char(analyser.analyse, text, 3) for text in ordinary)
    print(f"ordinary 2,000-character advert: {baseline * 1e6:.2f} us/char")
    print(f"{'text':<28}" + "".join(f"{n:>12,}" for n in args.sizes))
    worst = (0.0, "")
    for name in hostile_texts(10):
        if args.only and args.only not in name:
            continue
        ratios = []
        for size in args.sizes:
            text = hostile_texts(size)[name]
            ratio = per_char(analyser.analyse, text, args.repeat) / baseline
            ratios.append(ratio)
            worst = max(worst, (ratio, f"{name} at {size:,}"))
        print(f"{name:<28}" + "".join(f"{r:>12.2f}" for r in ratios), flush=True)
    print(f"worst ratio: {worst[0]:.2f} ({worst[1]}); the bar is 20")


if __name__ == "__main__":
    main()
