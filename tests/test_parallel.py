"""extract_many(n_process=2) leaves the caller's garbage collector as it found it."""

from __future__ import annotations

import gc

import pytest

from kzevents.parallel import task_size


@pytest.mark.model
def test_the_run_unfreezes_what_it_froze_even_when_stopped_early(extractor):
    texts = [f"{n} manifestants se sont rassemblés à Almaty." for n in (100, 200, 300)]
    assert gc.get_freeze_count() == 0
    results = extractor.extract_many(texts, n_process=2)
    first = next(results)  # the workers run with the loaded objects frozen
    assert gc.get_freeze_count() > 0
    results.close()  # the caller stops early
    assert gc.get_freeze_count() == 0
    assert first.counts[0].value == 100


def test_tasks_split_evenly_between_the_workers():
    """Whoever gets the most tasks gets at most 5 % more inputs than an even share
    (tasks of 32 could give one worker 64 of 100 inputs, the other 36)."""
    for total in range(20, 2_000):
        size = task_size(total, 2, 32)
        tasks = -(-total // size)
        assert size <= 32
        assert -(-tasks // 2) * size <= 1.05 * total / 2, total
