"""Speed and memory of kzevents against bare spaCy on the same texts, in one run.

    .venv/bin/python bench/bench_speed.py [--repeat 3]

Texts: the seed article and the annotated sentences of tests/data (grouped
into pseudo-articles of about 2,000 characters). Reports the time ratio
kzevents / bare spaCy for a batch (``extract_many`` against ``nlp.pipe``) and
the peak resident memory of each, measured in separate child processes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def corpus() -> list[str]:
    """Articles to time: seed article(s) when present, and our annotated sentences."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    sentences = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                sentences.append(json.loads(line)["text"])
    article: list[str] = []
    for sentence in sentences:
        article.append(sentence)
        if sum(map(len, article)) > 2000:
            texts.append("\n\n".join(article))
            article = []
    if article:
        texts.append("\n\n".join(article))
    return texts


def run(mode: str, repeat: int) -> dict[str, float]:
    """Time one mode in this process; report seconds and peak RSS (MB)."""
    texts = corpus()
    if mode == "bare":
        import spacy

        from kzevents.extractor import choose_model

        nlp = spacy.load(choose_model())
        work = lambda: list(nlp.pipe(texts))  # noqa: E731
    else:
        from kzevents import Extractor

        ex = Extractor()
        ex.nlp  # noqa: B018
        work = lambda: list(ex.extract_many(texts, published="2022-01-11"))  # noqa: E731
    work()  # warm up
    start = time.perf_counter()
    for _ in range(repeat):
        work()
    seconds = (time.perf_counter() - start) / repeat
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "texts": len(texts),
            "chars": sum(map(len, texts))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=("bare", "kzevents"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child, args.repeat)))
        return
    results = {}
    for mode in ("bare", "kzevents"):
        out = subprocess.run([sys.executable, __file__, "--child", mode, "--repeat",
                              str(args.repeat)], capture_output=True, text=True, check=True)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    bare, ours = results["bare"], results["kzevents"]
    print(f"{bare['texts']} texts, {bare['chars']:,} characters, mean of {args.repeat} runs")
    for mode, r in results.items():
        print(f"{mode:<9} {r['seconds']:7.3f} s  {r['chars'] / r['seconds']:9,.0f} chars/s"
              f"  peak RSS {r['peak_mb']:7.1f} MB")
    print(f"time ratio kzevents / bare spaCy: {ours['seconds'] / bare['seconds']:.2f}")
    print(f"memory ratio kzevents / bare spaCy: {ours['peak_mb'] / bare['peak_mb']:.2f}")


if __name__ == "__main__":
    main()
