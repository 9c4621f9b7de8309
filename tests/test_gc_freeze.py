"""kzevents.gc_freeze: the objects that exist before a run stay out of the collector's
scans during it, and only what it froze is unfrozen after it."""

import gc

import pytest

from kzevents.gc_freeze import frozen


@pytest.fixture(autouse=True)
def _nothing_frozen():
    if gc.get_freeze_count():
        pytest.skip("objects are already frozen in this process")
    yield
    assert gc.get_freeze_count() == 0


def test_frozen_freezes_then_unfreezes():
    kept = [[1], [2]]
    with frozen():
        assert gc.get_freeze_count() >= len(kept)
        assert not any(obj is kept for obj in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0


def test_nested_block_leaves_the_outer_freeze():
    kept = [[1]]
    with frozen():
        with frozen():
            pass
        assert gc.get_freeze_count() > 0  # the inner block unfroze nothing
        assert not any(obj is kept for obj in gc.get_objects())  # still frozen
    assert gc.get_freeze_count() == 0


def test_unfrozen_after_an_error():
    with pytest.raises(ValueError), frozen():
        raise ValueError("inside the run")
    assert gc.get_freeze_count() == 0


def test_a_callers_freeze_is_left_alone():
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with frozen():
            pass
        assert gc.get_freeze_count() == count
    finally:
        gc.unfreeze()


@pytest.mark.model
def test_extract_many_unfreezes_when_stopped_early(extractor):
    texts = ["Des manifestants ont défilé à Paris.", "La police a arrêté 12 personnes."]
    results = extractor.extract_many(texts)
    next(results)
    assert gc.get_freeze_count() > 0  # frozen while the run is under way
    results.close()
    assert gc.get_freeze_count() == 0
