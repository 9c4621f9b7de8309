"""Event extraction measured: per-slot precision, recall and F1, the false-event rate and
a per-type table, on each annotated set; and the events component's share of time.

Run: ``.venv/bin/python bench/bench_events.py [--only NAME]``

Sets (each skipped when absent):
- ``own``: tests/data/events.jsonl, 250 sentences written by helpers who followed the
  annotation guide but not the code; in-sample, since the rules were then fixed on it;
- ``blind1``, ``blind2``, ``blind3``: tests/data/events_heldout*.jsonl, batches written
  and annotated blind, scored once before any fix (first scores below), then fixed on;
- ``seed``: ../shared/eval/events/seed_gold.jsonl, the seed article by segments.

First scores, before any fix on the set (event P / R / F1, false-event rate), each with
the events component alone (no modality, sources or merging yet):
- own (250 sentences, 300 events): 0.795 / 0.700 / 0.745, 0.205
- blind1 (60 sentences, 76 events): 0.821 / 0.724 / 0.769, 0.179; actor F1 0.571,
  recipient 0.538, place 0.528, date 0.661, counts 0.542
- blind2 (60 sentences, 78 events): 0.782 / 0.782 / 0.782, 0.218; actor F1 0.598,
  recipient 0.368, place 0.421, date 0.687, counts 0.455
- blind3 (80 sentences, 134 events, 64 countries, more diplomacy and attributed speech;
  scored with modality, sources and merging): 0.793 / 0.657 / 0.718, 0.207; actor F1 0.571,
  recipient 0.484, place 0.477, date 0.629, counts 0.400, modality 0.669, source 0.504
Every figure this script prints today is in-sample: the rules were fixed on all four.

Time: the share of ``kzevents_events`` in the pipeline, from spaCy's own per-component
timing over the same texts, in this run (never an absolute figure).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzevents import Extractor  # noqa: E402
from kzevents.evaluation import read_gold, score  # noqa: E402
from kzevents.gazetteers import alias_lookup  # noqa: E402

SETS = {
    "own": ROOT / "tests" / "data" / "events.jsonl",
    "blind1": ROOT / "tests" / "data" / "events_heldout.jsonl",
    "blind2": ROOT / "tests" / "data" / "events_heldout2.jsonl",
    "blind3": ROOT / "tests" / "data" / "events_heldout3.jsonl",
    "seed": ROOT.parent / "shared" / "eval" / "events" / "seed_gold.jsonl",
}
SLOTS = ("type", "mode", "actor", "recipient", "place", "date", "counts", "modality", "source")


def per_type(records, articles) -> dict[str, list[int]]:
    """Gold type -> [gold events, paired, predicted of that type]."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for record, article in zip(records, articles, strict=True):
        free = list(article.events)
        for gold in record.events:
            table[gold.type][0] += 1
            types = {gold.type, *gold.type_alternatives}
            match = next((e for e in free if e.type in types), None)
            if match is not None:
                table[gold.type][1] += 1
                free.remove(match)
        for event in article.events:
            table[event.type][2] += 1
    return table


def report(name: str, path: Path, ex: Extractor) -> None:
    records = read_gold(path)
    articles = list(ex.extract_many(
        {"text": r.text, "published": r.published, "id": r.id} for r in records))
    rep = score(records, articles, alias_lookup())
    print(f"\n## {name}: {path.name}, {len(records)} records, "
          f"{sum(1 for r in records if not r.events)} without events")
    print(f"{'slot':<12}{'P':>7}{'R':>7}{'F1':>7}")
    for slot in SLOTS:
        s = rep.slots.get(slot)
        if s is not None:
            print(f"{slot:<12}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}")
    print(f"false-event rate {rep.false_event_rate:.3f} "
          f"(predicted {rep.predicted_events}, paired {rep.paired_events}, "
          f"gold {rep.gold_events})")
    print(f"{'type':<12}{'gold':>6}{'found':>7}{'predicted':>11}")
    for kind, (gold, found, predicted) in sorted(per_type(records, articles).items()):
        print(f"{kind:<12}{gold:>6}{found:>7}{predicted:>11}")


def time_share(ex: Extractor, texts: list[str]) -> None:
    nlp = ex.nlp
    totals: dict[str, float] = defaultdict(float)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            started = time.perf_counter()
            doc = proc(doc)
            totals[name] += time.perf_counter() - started
    whole = sum(totals.values())
    print(f"\n## time: kzevents_events is {totals['kzevents_events'] / whole:.1%} of the "
          f"pipeline over {len(texts)} texts (tokenizer excluded)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SETS))
    args = parser.parse_args()
    ex = Extractor()
    for name, path in SETS.items():
        if args.only and name != args.only:
            continue
        if path.exists():
            report(name, path, ex)
        else:
            print(f"\n## {name}: {path} not found, skipped")
    texts = [r.text for r in read_gold(SETS["own"])]
    time_share(ex, texts)


if __name__ == "__main__":
    main()
