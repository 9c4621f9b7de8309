"""kzevents.dask on a local Dask cluster of 2 worker processes gives exactly the events
of extract_many, loads the pipeline once per worker and loses no partition to a bad record.

One cluster for the module; a handful of short articles (tests/scale_corpus.py).
"""

from __future__ import annotations

import pytest

from kzevents.export import to_records

from .scale_corpus import ARTICLES, good_articles

pytest.importorskip("dask.bag", reason="kzevents.dask needs Dask: pip install 'kzevents[dask]'")
pytest.importorskip("dask.dataframe",
                    reason="kzevents.dask needs dask[dataframe]: pip install 'kzevents[dask]'")
pytest.importorskip("distributed",
                    reason="the cluster test needs distributed: pip install 'kzevents[dask]'")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

from kzevents.dask import events_bag, events_dataframe
from kzevents.partitions import records_frame


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as dask_client:
        yield dask_client


def _pipelines_loaded() -> int:
    """How many pipelines this worker process loaded (run on each worker)."""
    from kzevents.partitions import worker_extractor

    return worker_extractor.cache_info().misses


@pytest.fixture(scope="module")
def expected(extractor):
    """Event records of extract_many over the corpus, bad records skipped."""
    return to_records(extractor.extract_many(ARTICLES, errors="skip"))


def test_a_bag_gives_exactly_the_events_of_extract_many(client, extractor, expected):
    assert len(expected) >= 5, "the corpus has events to compare"
    bag = db.from_sequence(ARTICLES, npartitions=4)  # the bad records share partitions
    assert events_bag(bag).compute() == expected
    texts = [a["text"] for a in good_articles()]  # plain texts, one default date
    by_text = events_bag(db.from_sequence(texts, npartitions=3), published="2023-06-01")
    assert by_text.compute() == to_records(extractor.extract_many(texts,
                                                                  published="2023-06-01"))


def test_bad_records_are_recorded_without_losing_their_partition(client, expected):
    bag = db.from_sequence(ARTICLES, npartitions=2)
    records = events_bag(bag, errors="record").compute()
    failed = {r["article_id"]: r["error"] for r in records if r["error"]}
    assert failed == {"bad-number": "InputTypeError: text must be a str, not int",
                      "bad-missing": "InputValueError: a record needs a 'text' key"}
    assert [{k: v for k, v in r.items() if k != "error"} for r in records
            if not r["error"]] == expected


def test_a_dataframe_gives_exactly_the_events_of_extract_many(client, extractor):
    rows = [a for a in ARTICLES if not isinstance(a.get("text"), int)]  # a text column
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
    assert frame.npartitions == 3
    events = events_dataframe(frame).compute().reset_index(drop=True)
    expected = records_frame(to_records(extractor.extract_many(rows, errors="skip")))
    assert len(events) >= 5
    pd.testing.assert_frame_equal(events, expected)
    assert events["article_id"].tolist()[:2] == ["s1", "s1"]


def test_each_worker_loads_the_pipeline_once(client):
    loaded = client.run(_pipelines_loaded)  # after the tests above: several partitions each
    assert len(loaded) == 2
    assert all(n <= 1 for n in loaded.values()), loaded
    assert sum(loaded.values()) >= 1
