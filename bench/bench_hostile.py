"""Time per character on hostile inputs: kzevents against bare spaCy, in one run.

    .venv/bin/python bench/bench_hostile.py [--sizes 1000 4000 16000]

For each pathological pattern, the same text at growing sizes goes through bare
spaCy (``nlp(text)``) and through ``Extractor.extract``. Flat microseconds per
character mean linear time; a column that grows with the size means a quadratic
path. Bare spaCy's tokenizer is quadratic on long runs without spaces; kzevents
breaks such runs before spaCy sees them (``kzevents.text.MAX_RUN``).
"""

from __future__ import annotations

import argparse
import time

import spacy

from kzevents import Extractor

PATTERNS = {
    "digits": "7",
    "punctuation": "!?.,;:",
    "apostrophes": "'",
    "spaces": " ",
    "month names": "janvier ",
    "words": "manifestants ",
    "bold markers": "**x ",
    "brackets": "[](",
    "html-ish": "<a ",
    "entities": "&amp;",
}


def timed(func, text: str) -> float:
    start = time.perf_counter()
    func(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--bare-max", type=int, default=4000,
                        help="largest size sent to bare spaCy (it is quadratic on some rows)")
    args = parser.parse_args()
    ex = Extractor()
    bare = spacy.load(ex.nlp.meta["lang"] + "_" + ex.nlp.meta["name"])
    print(f"model {ex.model_name}; microseconds per character (bare spaCy / kzevents)")
    print(f"{'pattern':<14}" + "".join(f"{n:>20}" for n in args.sizes))
    for name, unit in PATTERNS.items():
        cells = []
        for size in args.sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            ours = timed(lambda t: ex.extract(t), text) / size * 1e6
            theirs = timed(bare, text) / size * 1e6 if size <= args.bare_max else float("nan")
            cells.append(f"{theirs:9.1f} /{ours:8.1f}")
        print(f"{name:<14}" + "".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
