"""``extract_many(n_process=N)``: the whole extraction in N worker processes.

spaCy's own ``nlp.pipe(n_process=N)`` runs only the pipeline in its workers:
the parent still cleans the markup, sends every Doc out and back as bytes and
builds the pydantic Articles, and on 2 cores that parent competes with its own
workers. Here each worker takes a chunk of raw inputs and returns finished
Articles (or the error of each bad input), so the parent only hands out chunks
and yields results in input order.

Workers are forked from the parent where the platform allows it and inherit
its loaded and warmed-up pipeline (nothing is loaded again); elsewhere (spawn) each worker
unpickles the Extractor's configuration and loads the pipeline once.

What keeps two workers busy on two cores (bench/throughput.py measures it):

- the objects that exist before the run (the pipeline, the gazetteers: close to
  a million) are frozen out of the garbage collector for the run
  (``kzevents.gc_freeze``): otherwise every full collection, in each worker and in
  the parent while it unpickles results, scans them all (0.4 s a time), and the
  scans write to pages that the fork shares, which then get copied;
- inputs of known length are cut into tasks of even size, a multiple of the
  number of workers, so that no worker idles while another finishes a long last
  task (100 inputs in tasks of 32 gave one of two workers 64 of them);
- results carry each Article once (the input text is not sent back beside it).
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from kzevents.gc_freeze import frozen

if TYPE_CHECKING:
    import datetime as dt

    from kzevents.extractor import Extractor, _Job
    from kzevents.models import Article

# One short text that goes through every component (a date, a count, a place, an event).
WARM_UP = "Le 5 janvier, 2 000 manifestants se sont rassemblés à Almaty, selon la police."

# The extractor of this worker process (set by the parent before a fork, or by
# ``_start`` after a spawn).
_WORKER: Extractor | None = None


def _start(extractor: Extractor | None) -> None:
    global _WORKER
    if extractor is not None:
        _WORKER = extractor


def _work(task: tuple[list[object], dt.date | None, int]
          ) -> list[tuple[_Job, Article | Exception]]:
    """One chunk of raw inputs to (job, Article or error), in a worker."""
    from kzevents.extractor import _Job

    items, default_published, batch_size = task
    assert _WORKER is not None
    jobs = [_Job(item, default_published) for item in items]
    _WORKER._fill_tokenizer_cache(job.clean.text for job in jobs if job.clean)
    with _WORKER._memory_zone():
        done = list(_WORKER._run_chunk(jobs, 1, batch_size))
    for job, result in done:
        job.clean = None  # the offset map is not needed back in the parent
        if not isinstance(result, Exception):
            job.text = ""  # the Article holds it; the parent reads it only for errors
    return done


def cores(n_process: int) -> int:
    """The number of workers ``n_process`` asks for (-1: every core)."""
    return (os.cpu_count() or 1) if n_process == -1 else n_process


def task_size(total: int | None, workers: int, batch_size: int) -> int:
    """Inputs per task: at most ``batch_size``, and when the number of inputs is
    known, an even share so that the tasks split evenly between the workers.

    Smaller tasks would balance better but cost more: each one is a spaCy batch
    and a memory zone, whose words the next task adds to the vocabulary again.

    >>> task_size(100, 2, 32), task_size(70, 2, 32), task_size(None, 2, 32)
    (25, 18, 32)
    """
    if total is None:
        return batch_size  # a stream: one uneven last task among many
    rounds = math.ceil(total / (workers * batch_size))  # tasks per worker
    return max(1, math.ceil(total / (rounds * workers)))


def run_parallel(extractor: Extractor, items: Iterable[object],
                 default_published: dt.date | None, n_process: int, batch_size: int
                 ) -> Iterator[tuple[_Job, Article | Exception]]:
    """(job, Article or error) of every input, in input order, from worker processes."""
    global _WORKER
    methods = mp.get_all_start_methods()
    if "fork" in methods:
        # Load here, and run one text so that what the components load on first use
        # (gazetteers, lexicons: 0.9 s and 140 MB) is loaded once and shared by the
        # forked workers instead of loaded again in each.
        extractor.nlp(WARM_UP)
        _WORKER = extractor
        context, initargs = mp.get_context("fork"), (None,)
    else:
        context, initargs = mp.get_context("spawn"), (extractor,)
    workers = cores(n_process)
    size = task_size(len(items) if isinstance(items, Sized) else None, workers, batch_size)
    tasks = _until_empty(iter(items), size, default_published)
    pending: deque[AsyncResult[list[tuple[_Job, Article | Exception]]]] = deque()
    pool = None
    with frozen():  # the objects loaded so far stay out of every collection of the run
        try:
            pool = context.Pool(workers, initializer=_start, initargs=initargs)
            for task in tasks:  # a few chunks in flight at a time: memory stays bounded
                pending.append(pool.apply_async(_work, (task,)))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
            pool.close()
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()


def _until_empty(iterator: Iterator[object], size: int, default_published: dt.date | None
                 ) -> Iterator[tuple[list[object], dt.date | None, int]]:
    while chunk := list(islice(iterator, size)):
        yield chunk, default_published, size
