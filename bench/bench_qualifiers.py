"""Modality and sources: precision and recall, and what merging does to events.

Run: ``.venv/bin/python bench/bench_qualifiers.py [--blind FILE] [--mismatches]``.

Three measures:

1. **Components alone** on our annotated sentences (tests/data/modality.jsonl)
   and on the blind batch: one event is made by hand from each gold trigger,
   then kzevents_modality and kzevents_sources run; this scores the
   qualifiers without the events component's misses.
2. **End to end** (``kzevents.evaluate``) on our sentences, on the blind batch
   (/work/blind/modality_b1.jsonl by default, skipped when absent) and on
   ../shared/eval/events/seed_gold.jsonl: the scorer's modality and source
   slots, event F1 and the false-event rate. Each record is extracted alone,
   so a pronoun speaker ("a-t-il ajouté") has nothing to refer back to.
3. **The seed in context**: the seed gold's segments extracted as one article
   (``kzevents eval --one-article``), each segment scored against the events
   whose trigger (or another of their mentions) lies in it, with and without
   ``kzevents_merge``: anaphora across
   sentences and quotes across sentences count, and merging must not lower
   event F1.

The blind batch (/work/blind/modality_b1.jsonl, 60 sentences, 75 events, written
by a helper who never read the code) was scored once before any fix:
components alone, modality 0.947, source P 0.772 R 0.657; end to end,
modality P 0.821 R 0.733, source P 0.717 R 0.567 (event F1 0.831). It is now
tests/data/modality_heldout.jsonl.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzevents import Extractor  # noqa: E402
from kzevents.evaluation import Report, evaluate_file  # noqa: E402
from kzevents.gazetteers import alias_lookup  # noqa: E402
from tests.conftest import read_jsonl  # noqa: E402
from tests.hand_events import score_hand  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED_GOLD = SHARED / "eval" / "events" / "seed_gold.jsonl"
OURS = ROOT / "tests" / "data" / "modality.jsonl"
HELDOUT = ROOT / "tests" / "data" / "modality_heldout.jsonl"  # the blind batch, now ours
BLIND = Path("/work/blind/modality_b1.jsonl")
BLIND = BLIND if BLIND.exists() else HELDOUT
SLOTS = ("type", "modality", "source")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def line(name: str, tp: int, fp: int, fn: int) -> str:
    p, r, f = prf(tp, fp, fn)
    return f"  {name:<12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})"


def show_report(title: str, report: Report, mismatches: bool) -> None:
    print(f"{title}: {report.records} records, {report.gold_events} gold events, "
          f"{report.predicted_events} predicted, false-event rate {report.false_event_rate:.3f}")
    for slot in SLOTS:
        s = report.slots.get(slot)
        if s is not None:
            print(line(slot, s.tp, s.fp, s.fn))
    if mismatches:
        for m in report.mismatches:
            if m.slot in ("modality", "source"):
                print(f"    {m.id} {m.slot}: gold {m.gold!r}, predicted {m.predicted!r}")


def components_alone(ex: Extractor, path: Path, mismatches: bool) -> None:
    result = score_hand(ex.nlp, read_jsonl(path), alias_lookup())
    print(f"Components alone on {path.name} ({result['events']} events made by hand):")
    print(f"  modality     accuracy {result['modality_right'] / result['events']:.3f}")
    for modality, row in result["by_modality"].items():
        print(f"    {modality:<13} {row['right']}/{row['gold']}")
    print(line("source", result["source_tp"], result["source_fp"], result["source_fn"]))
    if mismatches:
        for m in result["mismatches"]:
            print("   ", m)


def in_context(ex: Extractor, merge: bool) -> Report:
    """Score the seed's segments as one article (``evaluate_file(one_article=True)``)."""
    if not merge:
        ex.nlp.disable_pipe("kzevents_merge")
    try:
        return evaluate_file(SEED_GOLD, ex, one_article=True)
    finally:
        if "kzevents_merge" in ex.nlp.disabled:
            ex.nlp.enable_pipe("kzevents_merge")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--blind", type=Path, default=BLIND)
    parser.add_argument("--mismatches", action="store_true", help="list every error")
    args = parser.parse_args()
    ex = Extractor()
    components_alone(ex, OURS, args.mismatches)
    print()
    if args.blind.exists():
        components_alone(ex, args.blind, args.mismatches)
        print()
    if "kzevents_events" not in ex.nlp.pipe_names:
        print("No kzevents_events component: end-to-end scores need it.")
        return
    sets = (("End to end, our sentences", OURS), ("End to end, blind batch", args.blind),
            ("End to end, seed gold", SEED_GOLD))
    for title, path in sets:
        if not path.exists():
            print(f"{title}: {path} absent, skipped")
            continue
        show_report(title, evaluate_file(path, ex), args.mismatches)
        print()
    if SEED_GOLD.exists():
        show_report("Seed in context, with merging", in_context(ex, merge=True), args.mismatches)
        show_report("Seed in context, without merging", in_context(ex, merge=False), False)


if __name__ == "__main__":
    main()
