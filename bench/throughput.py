"""Throughput and scale of kzevents against bare spaCy, in one run.

    PYTHONPATH=. .venv/bin/python bench/throughput.py [--articles 200] [--quick] [--json OUT]

On a generated corpus of French news-style articles (bench/news_corpus.py,
300-800 words each, the same for every run), after a warm-up, batch by batch
and interleaved so that both see the same machine load:

- S: bare spaCy, the same model with exactly the components kzevents uses
  (``nlp.pipe``); K: kzevents end to end (``Extractor.extract_many``):
  words per second of each and K/S;
- each stage's share of K: markup cleaning, tokenizer, each spaCy component,
  each kzevents component, building the pydantic Article;
- linearity: time per word of one 50 000-word text over that of 500-word
  texts, for K and for S (its own ratio is the floor);
- parallel efficiency of ``extract_many(n_process=2)``: throughput over twice
  that of one process (bare spaCy's beside it), in wall-clock and CPU time;
- Dask (when installed): ``kzevents.dask`` on a local cluster of 2 worker
  processes against ``extract_many`` with 1 and 2 processes, same texts;
- memory: peak RSS of a process doing S alone and K alone, the gazetteer's
  load time and memory in a fresh process, and RSS over one ``extract_many``
  run of 10 000 distinct articles, read every tenth (flat thanks to
  ``nlp.memory_zone()``);
- long inputs: one 1 MB text against one 100 KB text, each in a fresh process:
  time per word and peak RSS above the loaded pipeline, for K (processed in
  chunks of ``Extractor.max_chunk_chars``, kzevents.chunking) and for S on the
  same chunks (bare spaCy's ``nlp.pipe``). Bounded memory: the 1 MB peak stays
  near the 100 KB one.

Times are wall-clock on this machine: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import news_corpus

PUBLISHED = "2022-01-11"
GROWTH_READINGS = 10  # RSS readings in the memory-growth run, one per block of articles


def rss_mb() -> float:
    """Current resident memory of this process, in MB (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """Peak resident memory of this process, in MB (VmHWM, which clear_refs resets)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


# -- the two pipelines


def load_both(model: str | None) -> tuple[Any, Any]:
    """(bare spaCy, kzevents Extractor) on the same model."""
    import spacy

    from kzevents import Extractor
    from kzevents.extractor import choose_model

    ex = Extractor(model=model)
    kz = ex.nlp
    bare = spacy.load(choose_model(model))
    ours = [name for name in kz.pipe_names if not name.startswith("kzevents_")]
    bare.select_pipes(enable=ours)  # exactly the spaCy components kzevents runs
    bare.max_length = kz.max_length = 2_000_000
    return bare, ex


def run_s(bare: Any, texts: list[str], batch_size: int, n_process: int = 1) -> None:
    for _ in bare.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass


def run_k(ex: Any, texts: list[str], batch_size: int, n_process: int = 1) -> None:
    for _ in ex.extract_many(texts, batch_size=batch_size, n_process=n_process,
                             published=PUBLISHED):
        pass


# -- measures


def interleaved(bare: Any, ex: Any, texts: list[str], batch_size: int, step: int = 20,
                rounds: int = 3) -> dict[str, Any]:
    """Seconds of S and K over the corpus, alternating every ``step`` articles, the
    whole corpus ``rounds`` times: wall clock and CPU time in all, and K/S per round.

    On a shared virtual machine the same work takes up to a third longer from one
    minute to the next, CPU time too: one pass over 200 articles gave K/S from 1.3
    to 1.6 on the same code, so the figure is over several passes, with each pass's
    beside it to show the spread."""
    s = k = s_cpu = k_cpu = 0.0
    per_round = []
    for _ in range(rounds):
        s_round = k_round = 0.0
        for i in range(0, len(texts), step):
            part = texts[i : i + step]
            runs = [("S", lambda p=part: run_s(bare, p, batch_size)),
                    ("K", lambda p=part: run_k(ex, p, batch_size))]
            for mode, work in runs[:: -1 if (i // step) % 2 else 1]:  # alternate the first
                wall, cpu = timed_cpu(work)
                if mode == "S":
                    s_round, s_cpu = s_round + wall, s_cpu + cpu
                else:
                    k_round, k_cpu = k_round + wall, k_cpu + cpu
        per_round.append(k_round / s_round)
        s, k = s + s_round, k + k_round
    return {"S": s / rounds, "K": k / rounds, "S_cpu": s_cpu / rounds, "K_cpu": k_cpu / rounds,
            "K_over_S_rounds": per_round}


def stage_times(ex: Any, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds of each stage of K, run stage by stage over batches of the corpus."""
    from kzevents.extractor import _Job

    times: dict[str, float] = defaultdict(float)
    nlp = ex.nlp
    for i in range(0, len(texts), batch_size):
        start = time.perf_counter()
        jobs = [_Job(text, ex_published(PUBLISHED)) for text in texts[i : i + batch_size]]
        times["markup cleaning"] += time.perf_counter() - start
        start = time.perf_counter()
        docs = [ex._make_doc(job) for job in jobs]
        times["tokenizer"] += time.perf_counter() - start
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(doc) for doc in docs]
            times[name] += time.perf_counter() - start
        start = time.perf_counter()
        for job, doc in zip(jobs, docs, strict=True):
            ex._article(job, doc)
        times["pydantic Article"] += time.perf_counter() - start
    return dict(times)


def ex_published(value: str) -> Any:
    from kzevents.extractor import parse_published

    return parse_published(value)


def linearity(bare: Any, ex: Any, short_words: int, long_words: int, rounds: int = 3
              ) -> dict[str, Any]:
    """Time per word of one long text over that of short texts, for S and K.

    As many short texts as make the long one's words, so that both sides take as long;
    ``rounds`` passes interleaved, the fastest of each kept: one pass over 10 short
    texts took 1.1-1.6 s from one pass to the next here, which made the ratio noise."""
    shorts = max(1, long_words // short_words)
    short_texts = [news_corpus.text_of(short_words, seed=100 + i) for i in range(shorts)]
    long_text = news_corpus.text_of(long_words, seed=7)
    n_short = sum(map(news_corpus.words, short_texts))
    n_long = news_corpus.words(long_text)
    work = {"S_short": lambda: [bare(t) for t in short_texts],
            "K_short": lambda: [ex.extract(t, published=PUBLISHED) for t in short_texts],
            "S_long": lambda: bare(long_text),
            "K_long": lambda: ex.extract(long_text, published=PUBLISHED)}
    best = {name: min(wall for wall, _ in values)
            for name, values in interleaved_runs(work, rounds).items()}
    out: dict[str, Any] = {"short_words": n_short / shorts, "long_words": n_long,
                           "short_texts": shorts, "rounds": rounds}
    out["S_ratio"] = (best["S_long"] / n_long) / (best["S_short"] / n_short)
    out["K_ratio"] = (best["K_long"] / n_long) / (best["K_short"] / n_short)
    out["K_over_S_long"] = best["K_long"] / best["S_long"]
    out["K_over_S_short"] = best["K_short"] / best["S_short"]
    return out


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished child processes (workers)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_cpu(work: Any) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process and its workers) of ``work``."""
    cpu = cpu_seconds()
    wall = timed(work)
    return wall, cpu_seconds() - cpu


def interleaved_runs(work: dict[str, Any], rounds: int
                     ) -> dict[str, list[tuple[float, float]]]:
    """(wall-clock, CPU) seconds of each named piece of work, over ``rounds`` passes
    that run them in turn: the machine's drift falls on all of them alike."""
    runs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _ in range(rounds):
        for name, run in work.items():
            runs[name].append(timed_cpu(run))
    return runs


def parallel(bare: Any, ex: Any, texts: list[str], batch_size: int, rounds: int = 1
             ) -> dict[str, float]:
    """Parallel efficiency with 2 processes: throughput(2) / (2 * throughput(1)).

    Wall-clock, the issue's figure, which other work on the machine lowers; and
    CPU: CPU seconds of one process over those of the parent and the workers with
    2 (what the second process costs in pickling, copying and duplicated work,
    whatever the load). ``rounds`` runs of each, interleaved; the best wall time of each.
    """
    runs = interleaved_runs({
        f"{name}{n}": lambda r=run, p=pipeline, n=n: r(p, texts, batch_size, n)
        for name, run, pipeline in (("K", run_k, ex), ("S", run_s, bare)) for n in (1, 2)},
        rounds)
    wall = {name: min(w for w, _ in values) for name, values in runs.items()}
    cpu = {name: min(c for _, c in values) for name, values in runs.items()}
    return {"K_efficiency": wall["K1"] / (2 * wall["K2"]),
            "S_efficiency": wall["S1"] / (2 * wall["S2"]),
            "K_cpu_efficiency": cpu["K1"] / cpu["K2"], "S_cpu_efficiency": cpu["S1"] / cpu["S2"],
            "K_seconds_1": wall["K1"], "K_seconds_2": wall["K2"]}


def dask_versus_extract_many(ex: Any, texts: list[str], batch_size: int, workers: int = 2
                             ) -> dict[str, float] | None:
    """Seconds of kzevents.dask on a local cluster of ``workers`` processes against
    ``extract_many`` with 1 and ``workers`` processes, on the same texts (None without Dask).

    The cluster is started and each worker's pipeline loaded before timing (apart,
    as ``start_seconds``): what a long job pays once.
    """
    try:
        import dask
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:
        return None
    from kzevents.dask import events_bag
    from kzevents.export import to_records
    from kzevents.partitions import settings_of, worker_extractor

    def workers_cpu(client: Any) -> float:
        usage = client.run(resource.getrusage, resource.RUSAGE_SELF).values()
        return sum(u.ru_utime + u.ru_stime for u in usage)

    out: dict[str, float] = {}
    start = time.perf_counter()
    # the workers' sampling profiler (every 10 ms) costs pure-Python tasks about a tenth
    quiet = dask.config.set({"distributed.worker.profile.enabled": False})
    with quiet, LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                             host="127.0.0.1", dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(worker_extractor, settings_of(ex))  # each worker loads its pipeline
        bag = db.from_sequence(texts[:10], npartitions=workers)
        events_bag(bag, ex, published=PUBLISHED).compute()  # warm-up, as for the others
        out["start_seconds"] = time.perf_counter() - start
        bag = db.from_sequence(texts, npartitions=2 * workers)  # as extract_many's tasks
        records: list[dict[str, Any]] = []
        before = workers_cpu(client)
        out["dask"], here = timed_cpu(lambda: records.extend(
            events_bag(bag, ex, batch_size=batch_size, published=PUBLISHED).compute()))
        out["dask_workers_cpu"] = workers_cpu(client) - before
        out["dask_cpu"] = out["dask_workers_cpu"] + here  # workers, scheduler, client
    for n in (1, workers):
        out[f"extract_many_{n}"], out[f"extract_many_{n}_cpu"] = timed_cpu(
            lambda n=n: run_k(ex, texts, batch_size, n))
    expected = to_records(ex.extract_many(texts, published=PUBLISHED, batch_size=batch_size))
    out["same_events"] = float(records == expected)
    return out


# -- child processes (memory is per process)


def child(mode: str, args: argparse.Namespace) -> dict[str, float]:
    with contextlib.suppress(OSError):  # a child starts with its parent's peak: reset it
        Path("/proc/self/clear_refs").write_text("5")
    if mode.startswith("long"):  # "longK:1000000", "longS:100000"
        which, chars = mode[4:].split(":")
        return long_input(which, int(chars), args.model)
    if mode in ("gazetteer", "gazetteer-jsonl"):
        start = time.perf_counter()
        import kzevents  # noqa: F401

        package = time.perf_counter() - start
        from kzevents.gazetteers import load_gazetteer, read_sources

        imported, before = time.perf_counter() - start, rss_mb()
        start = time.perf_counter()
        # the prebuilt index (what kzevents does), or the JSONL files (a stale index)
        gz = load_gazetteer() if mode == "gazetteer" else read_sources()
        seconds, mb = time.perf_counter() - start, rss_mb() - before
        import numpy  # noqa: F401  (spaCy has loaded it when the towns are first needed)

        before, start = rss_mb(), time.perf_counter()
        gz.towns("Ménaka")  # the towns file, read on the first place that needs it
        return {"package_import_seconds": package, "import_seconds": imported,
                "seconds": seconds, "mb": mb, "entries": len(gz.entries),
                "towns_seconds": time.perf_counter() - start, "towns_mb": rss_mb() - before}
    texts = news_corpus.articles(args.articles)
    if mode == "S":
        import spacy

        from kzevents.extractor import choose_model

        bare = spacy.load(choose_model(args.model))
        loaded = rss_mb()
        run_s(bare, texts, args.batch_size)
        return {"peak_mb": peak_mb(), "loaded_mb": loaded}
    from kzevents import Extractor

    ex = Extractor(model=args.model)
    ex.nlp  # noqa: B018  (loads the pipeline)
    loaded = rss_mb()
    if mode == "K":
        run_k(ex, texts, args.batch_size)
        return {"peak_mb": peak_mb(), "loaded_mb": loaded}
    # growth: RSS after each block of distinct articles (new names, new numbers: new
    # strings for the vocabulary), in one long extract_many run
    checkpoints = []
    size = max(1, args.growth_articles // GROWTH_READINGS)

    def stream():
        for block in range(GROWTH_READINGS):
            fresh = news_corpus.articles(size, seed=1_000 + block)
            yield from ({"text": t, "id": f"{block}-{i}"} for i, t in enumerate(fresh))
            checkpoints.append(rss_mb())
            print(f"{(block + 1) * size} articles: RSS {checkpoints[-1]:.0f} MB",
                  file=sys.stderr, flush=True)  # a long run shows its progress

    for _ in ex.extract_many(stream(), batch_size=args.batch_size, published=PUBLISHED):
        pass
    return {"articles": GROWTH_READINGS * size, "rss_mb": checkpoints,
            "strings": len(ex.nlp.vocab.strings)}


def long_input(mode: str, chars: int, model: str | None) -> dict[str, float]:
    """One text of about ``chars`` characters in this fresh process: seconds,
    words and peak RSS above the loaded, warmed-up pipeline. K: ``extract``;
    S: bare spaCy's ``nlp.pipe`` over the chunks kzevents would cut."""
    from kzevents.chunking import cut_points

    text = news_corpus.text_of(int(chars / 5.8), seed=9)[:chars]  # about 5.8 characters a word
    bare, ex = load_both(model)
    if mode == "S":
        bare(news_corpus.text_of(500, seed=1))  # warm-up
        chunks = [text[a:b] for a, b in cut_points(text, ex.max_chunk_chars)]

        def work() -> None:
            for _ in bare.pipe(chunks, batch_size=1):
                pass
    else:
        del bare
        ex.extract(news_corpus.text_of(500, seed=1), published=PUBLISHED)  # warm-up

        def work() -> None:
            ex.extract(text, published=PUBLISHED)
    loaded = rss_mb()
    with contextlib.suppress(OSError):  # the peak from here on
        Path("/proc/self/clear_refs").write_text("5")
    seconds = timed(work)
    return {"chars": len(text), "words": news_corpus.words(text), "seconds": seconds,
            "peak_above_loaded_mb": peak_mb() - loaded, "loaded_mb": loaded}


def in_child(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, "--articles", str(args.articles),
           "--batch-size", str(args.batch_size), "--growth-articles", str(args.growth_articles)]
    if args.model:
        cmd += ["--model", args.model]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- report


def long_figures(args: argparse.Namespace) -> dict[str, Any]:
    """The long-input children (``long_input``), printed side by side."""
    from kzevents.chunking import DEFAULT_MAX_CHUNK_CHARS

    sizes = (args.long_chars // 10, args.long_chars)
    runs = {f"{m}_{n}": in_child(f"long{m}:{n}", args) for n in sizes for m in ("K", "S")}
    out: dict[str, Any] = {"runs": runs}
    for m in ("K", "S"):
        small, big = runs[f"{m}_{sizes[0]}"], runs[f"{m}_{sizes[1]}"]
        out[f"{m}_per_word_ratio"] = (big["seconds"] / big["words"]) / (
            small["seconds"] / small["words"])
    print(f"long input, one text, fresh process each ({sizes[0]:,} / {sizes[1]:,} characters,"
          f" chunks of {DEFAULT_MAX_CHUNK_CHARS:,}):")
    for m in ("K", "S"):
        small, big = runs[f"{m}_{sizes[0]}"], runs[f"{m}_{sizes[1]}"]
        print(f"  {m}: {1e6 * small['seconds'] / small['words']:.0f} / "
              f"{1e6 * big['seconds'] / big['words']:.0f} µs per word (ratio "
              f"{out[f'{m}_per_word_ratio']:.2f}); peak RSS above the loaded pipeline "
              f"{small['peak_above_loaded_mb']:.0f} / {big['peak_above_loaded_mb']:.0f} MB "
              f"(loaded {big['loaded_mb']:.0f} MB)")
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=None)
    parser.add_argument("--long-words", type=int, default=50_000)
    parser.add_argument("--short-words", type=int, default=500)
    parser.add_argument("--growth-articles", type=int, default=10_000,
                        help="distinct articles in the memory-growth run (RSS read "
                             f"{GROWTH_READINGS} times)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="passes over the corpus for K/S (the machine's speed drifts)")
    parser.add_argument("--parallel-rounds", type=int, default=1,
                        help="runs of each in the parallel part (the best counts)")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, to check the script runs")
    parser.add_argument("--skip", default="",
                        help="comma list of: parallel,memory,linear,long,dask")
    parser.add_argument("--long-chars", type=int, default=1_000_000,
                        help="size of the long input, beside one ten times smaller")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.long_words, args.growth_articles = 20, 5_000, 200
        args.rounds = 1
        args.long_chars = 200_000
    if args.child:
        print(json.dumps(child(args.child, args)))
        return
    skip = set(filter(None, args.skip.split(",")))
    report: dict[str, Any] = {"machine": machine(), "load_before": os.getloadavg()}
    print(f"machine: {report['machine']}; load average {report['load_before'][0]:.1f} "
          "(other work on the machine lowers the parallel figure)")

    report["gazetteer"] = gz = in_child("gazetteer", args)
    report["gazetteer_jsonl"] = slow = in_child("gazetteer-jsonl", args)
    print(f"import kzevents: {gz['package_import_seconds']:.2f} s; gazetteer, first load: "
          f"{gz['seconds']:.2f} s, +{gz['mb']:.0f} MB, {gz['entries']:,} entries (from the "
          f"JSONL files, as with a stale index: {slow['seconds']:.2f} s, +{slow['mb']:.0f} MB); "
          f"towns, first use: {gz['towns_seconds']:.2f} s, +{gz['towns_mb']:.0f} MB")

    if "memory" not in skip:
        report["memory"] = mem = {mode: in_child(mode, args) for mode in ("S", "K", "growth")}
        print(f"peak RSS over the corpus, one process each: S {mem['S']['peak_mb']:.0f} MB, "
              f"K {mem['K']['peak_mb']:.0f} MB (after loading: S {mem['S']['loaded_mb']:.0f}, "
              f"K {mem['K']['loaded_mb']:.0f})")
        growth = mem["growth"]
        print(f"RSS after each tenth of {growth['articles']:,} distinct articles "
              f"in one extract_many: " + ", ".join(f"{m:.0f}" for m in growth["rss_mb"])
              + f" MB; {growth['strings']:,} strings in the vocabulary at the end")
    if "long" not in skip:
        report["long_input"] = long_figures(args)
    texts = news_corpus.articles(args.articles)
    words = sum(map(news_corpus.words, texts))
    bare, ex = load_both(args.model)
    print(f"model {ex.model_name}; S runs {bare.pipe_names}")
    print(f"corpus: {len(texts)} articles, {words:,} words")
    run_s(bare, texts[:10], args.batch_size)  # warm-up: caches, lazy loads
    run_k(ex, texts[:10], args.batch_size)

    seconds = interleaved(bare, ex, texts, args.batch_size, rounds=args.rounds)
    report["words_per_second"] = {m: words / seconds[m] for m in ("S", "K")}
    report["K_over_S"] = seconds["K"] / seconds["S"]
    report["K_over_S_cpu"] = seconds["K_cpu"] / seconds["S_cpu"]
    report["K_over_S_rounds"] = seconds["K_over_S_rounds"]
    print(f"S {words / seconds['S']:8,.0f} words/s   K {words / seconds['K']:8,.0f} words/s"
          f"   K/S {report['K_over_S']:.2f} (CPU time {report['K_over_S_cpu']:.2f}; "
          f"per pass: "
          + ", ".join(f"{r:.2f}" for r in report["K_over_S_rounds"]) + ")")

    stages = stage_times(ex, texts, args.batch_size)
    total = sum(stages.values())
    report["stage_share"] = {k: v / total for k, v in stages.items()}
    print(f"stages of K (run stage by stage: {total:.1f} s against {seconds['K']:.1f} s):")
    for name, t in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<24} {100 * t / total:5.1f} %")

    if "linear" not in skip:
        report["linearity"] = lin = linearity(bare, ex, args.short_words, args.long_words,
                                              rounds=args.rounds)
        print(f"per-word cost, {lin['long_words']:,}-word text / {lin['short_words']:.0f}-word "
              f"texts: K {lin['K_ratio']:.2f}, S {lin['S_ratio']:.2f} "
              f"(K/S {lin['K_over_S_short']:.2f} short, {lin['K_over_S_long']:.2f} long)")

    if "parallel" not in skip:
        half = texts[: max(20, len(texts) // 2)]
        load = os.getloadavg()[0]
        report["parallel"] = par = parallel(bare, ex, half, args.batch_size,
                                            args.parallel_rounds)
        par["load_before"], par["load_after"] = load, os.getloadavg()[0]
        print(f"parallel efficiency, 2 processes: K {par['K_efficiency']:.2f}, "
              f"S {par['S_efficiency']:.2f} (wall clock, load average {load:.1f} -> "
              f"{par['load_after']:.1f}); CPU: K {par['K_cpu_efficiency']:.2f}, "
              f"S {par['S_cpu_efficiency']:.2f}")

    if "dask" not in skip:
        half = texts[: max(20, len(texts) // 2)]
        dask_words = sum(map(news_corpus.words, half))
        load = os.getloadavg()[0]
        report["dask"] = dk = dask_versus_extract_many(ex, half, args.batch_size)
        if dk is None:
            print("Dask: skipped (pip install 'kzevents[dask]')")
        else:
            dk["load_before"], dk["load_after"] = load, os.getloadavg()[0]
            print(f"Dask, 2 worker processes ({len(half)} articles): "
                  f"{dask_words / dk['dask']:,.0f} words/s against extract_many "
                  f"{dask_words / dk['extract_many_2']:,.0f} (n_process=2) and "
                  f"{dask_words / dk['extract_many_1']:,.0f} (1 process); CPU seconds "
                  f"{dk['dask_cpu']:.0f}, {dk['extract_many_2_cpu']:.0f}, "
                  f"{dk['extract_many_1_cpu']:.0f}; cluster start and "
                  f"pipelines {dk['start_seconds']:.0f} s; same events: "
                  f"{bool(dk['same_events'])}; load average {load:.1f} -> "
                  f"{dk['load_after']:.1f}")

    report["this_process_peak_mb"] = peak_mb()
    report["load_after"] = os.getloadavg()
    print(f"peak RSS of this process (both pipelines, long text): {peak_mb():.0f} MB; "
          f"load average now {report['load_after'][0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
