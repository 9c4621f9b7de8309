"""Dask: a bag or a DataFrame of articles to event records, on a cluster.

Needs ``pip install 'kzevents[dask]'``. Each worker process loads the spaCy
pipeline once, on its first partition, and keeps it (``kzevents.partitions``);
prefer worker processes with one thread each (``LocalCluster(processes=True,
threads_per_worker=1)``): spaCy holds the GIL, so threads of one worker take turns.

    import dask.bag as db
    from kzevents.dask import events_bag

    articles = db.from_sequence(records, npartitions=8)   # texts or {"text", "id", ...}
    events = events_bag(articles).compute()              # flat event records (dicts)

    import dask.dataframe as dd
    from kzevents.dask import events_dataframe

    frame = dd.read_parquet("articles/")                 # columns text, id, published
    events_dataframe(frame).to_parquet("events/")        # one row per event

Each worker's sampling profiler (every 10 ms) slows pure-Python tasks such as
these; ``dask.config.set({"distributed.worker.profile.enabled": False})`` before
starting the cluster turns it off.

Bad articles are skipped by default (``errors="skip"``) and never lose their
partition; ``errors="record"`` adds an ``error`` column and one row per bad article.
Gazetteer and lexicon files of a custom ``Extractor`` must lie at the same path on
every worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzevents.errors import KzeventsError
from kzevents.partitions import (
    EVENT_DTYPES,
    events_frame,
    partition_records,
    records_frame,
    settings_of,
)

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

    from kzevents.extractor import Errors, Extractor

__all__ = ["EVENT_DTYPES", "events_bag", "events_dataframe"]


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise KzeventsError(
            "kzevents.dask needs Dask: pip install 'kzevents[dask]'") from exc


def events_bag(articles: dask.bag.Bag, extractor: Extractor | None = None, *,
               errors: Errors = "skip", batch_size: int = 32, published: object = None
               ) -> dask.bag.Bag:
    """A bag of event records (dicts, columns ``EVENT_COLUMNS``) from a bag of articles.

    ``articles``: texts or records as ``Extractor.extract_many`` takes them;
    ``extractor``: whose settings (model, gazetteers, lexicons) the workers use
    (None: the default); ``published``: the date of articles that give none.
    Records come in article order within each partition.
    """
    _require_dask()
    return articles.map_partitions(partition_records, settings_of(extractor),
                                   errors=errors, batch_size=batch_size, published=published)


def events_dataframe(articles: dask.dataframe.DataFrame, extractor: Extractor | None = None,
                     *, errors: Errors = "skip", batch_size: int = 32,
                     published: object = None) -> dask.dataframe.DataFrame:
    """A Dask DataFrame of events (one row per event) from a DataFrame of articles.

    ``articles`` has a ``text`` column and optionally ``id`` and ``published``.
    Columns and types are ``EVENT_DTYPES``'s (plus ``error`` with ``errors="record"``);
    each partition's index runs from 0.
    """
    _require_dask()
    return articles.map_partitions(events_frame, settings_of(extractor), errors=errors,
                                   batch_size=batch_size, published=published,
                                   meta=records_frame([], errors),
                                   clear_divisions=True)
