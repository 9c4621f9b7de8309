"""Check that a speed change leaves every output as it was.

    PYTHONPATH=. .venv/bin/python bench/snapshot.py write BASE.jsonl.gz
    PYTHONPATH=. .venv/bin/python bench/snapshot.py compare BASE.jsonl.gz

A speed-up must not change a single entity, date, count, amount or event. This
script extracts a fixed set of texts and writes every Article as JSON, one per
line; ``compare`` extracts them again and reports each text whose Article
differs, with the first differing field. The texts:

- the generated news corpus (bench/news_corpus.py), whole articles;
- every annotated sentence of tests/data, alone, and the same sentences grouped
  into pseudo-articles of about 2 000 characters (so that context carried from
  sentence to sentence is exercised);
- the seed article and the shared eval sentences when they are present
  (../shared), read where they lie.

Run ``write`` on the commit before the change, ``compare`` after it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import news_corpus

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PUBLISHED = "2022-01-11"


def _jsonl_texts(path: Path) -> list[str]:
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            text = record.get("text") or record.get("sentence")
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts


def texts(articles: int) -> Iterator[tuple[str, str]]:
    """(name, text) pairs, always in the same order."""
    for i, text in enumerate(news_corpus.articles(articles)):
        yield f"news:{i}", text
    sentences = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for i, text in enumerate(_jsonl_texts(path)):
            sentences.append(text)
            yield f"{path.stem}:{i}", text
    group: list[str] = []
    for i, text in enumerate(sentences):
        group.append(text)
        if sum(map(len, group)) > 2000:
            yield f"group:{i}", "\n\n".join(group)
            group = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        yield f"seed:{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "eval").glob("*/*.jsonl")):
        for i, text in enumerate(_jsonl_texts(path)):
            yield f"{path.parent.name}/{path.stem}:{i}", text


def snapshot(articles: int) -> Iterator[tuple[str, str]]:
    """(name, Article JSON) for every text."""
    from kzevents import Extractor

    pairs = list(texts(articles))
    extractor = Extractor()
    results = extractor.extract_many([text for _, text in pairs], published=PUBLISHED)
    for (name, _), article in zip(pairs, results, strict=True):
        yield name, json.dumps(article.model_dump(mode="json"), ensure_ascii=False,
                               sort_keys=True)


def first_difference(old: object, new: object, path: str = "") -> str:
    """Where two JSON values first differ, as a dotted path with both values."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                return first_difference(old.get(key), new.get(key), f"{path}.{key}")
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return first_difference(a, b, f"{path}[{i}]")
    return f"{path}: {json.dumps(old, ensure_ascii=False)[:200]} -> " \
           f"{json.dumps(new, ensure_ascii=False)[:200]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--show", type=int, default=20, help="differences to print")
    args = parser.parse_args()
    if args.action == "write":
        with gzip.open(args.path, "wt", encoding="utf-8") as out:
            count = 0
            for name, line in snapshot(args.articles):
                out.write(json.dumps([name, line], ensure_ascii=False) + "\n")
                count += 1
        print(f"wrote {count} articles to {args.path}")
        return
    with gzip.open(args.path, "rt", encoding="utf-8") as handle:
        base = [json.loads(line)[1] for line in handle]  # in order: the texts are fixed
    differ = seen = 0
    for (name, line), old in zip(snapshot(args.articles), base, strict=False):
        seen += 1
        if old != line:
            differ += 1
            if differ <= args.show:
                print(f"{name}{first_difference(json.loads(old), json.loads(line))}")
    print(f"{seen} articles, {differ} differ, {len(base) - seen} missing from this run")
    sys.exit(1 if differ or len(base) != seen else 0)


if __name__ == "__main__":
    main()
