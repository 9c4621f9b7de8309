"""Partitions of articles to event records, for Dask, Spark or any process pool.

A cluster sends a function and a partition of articles to a worker process; the
function must not load the spaCy pipeline for every partition (seconds each).
``worker_extractor`` keeps one loaded Extractor per process, keyed by its
settings, so a worker loads the pipeline once and reuses it for every later
partition. Only the settings travel with a task, never a pipeline.

Articles are what ``Extractor.extract_many`` takes (texts, or records with
``text`` and optional ``id``, ``published``; other keys such as ``url`` are
ignored); event records are the flat rows of ``kzevents.export.to_records``
(columns ``EVENT_COLUMNS``). A bad article never loses its partition: by default
it is skipped (``errors="skip"``); ``errors="record"`` gives it one row with
only ``article_id`` and ``error`` set; ``errors="raise"`` fails the task.

Spark (``DataFrame.mapInPandas``) takes ``events_frames`` and ``spark_schema()``
as they are: see the README's "On a cluster" section.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzevents.errors import InputValueError
from kzevents.export.records import COUNT_CATEGORIES, EVENT_COLUMNS, to_records
from kzevents.extractor import Errors, Extractor

if TYPE_CHECKING:
    import pandas as pd

# (model, gazetteer files, lexicon files): what a worker needs to build the same
# Extractor as the caller's. Plain strings, so that it pickles small and hashes.
Settings = tuple[str | None, tuple[str, ...], tuple[str, ...]]

ERROR_COLUMN = "error"

# The pandas type of each event column, so that every partition's frame has the
# same types (Dask checks them against its ``meta``; Spark needs a schema).
_INTEGERS = ("trigger_start", "trigger_end", "place_precision")
_FLOATS = ("place_lat", "place_lon", "count_value", "count_low", "count_high", "amount_value",
           "confidence", *COUNT_CATEGORIES)
EVENT_DTYPES: dict[str, str] = {
    column: "Int64" if column in _INTEGERS else "float64" if column in _FLOATS else "string"
    for column in EVENT_COLUMNS
}
_SPARK_TYPES = {"Int64": "bigint", "float64": "double", "string": "string"}

# A pipeline is not safe to share between threads (memory zones free the strings of
# the whole vocabulary): threads of one worker take turns on its Extractor.
_LOCK = threading.Lock()


def settings_of(extractor: Extractor | None = None) -> Settings:
    """The settings that rebuild ``extractor`` in another process (None: the default).

    >>> settings_of()
    (None, (), ())
    """
    if extractor is None:
        return None, (), ()
    return (extractor.model, tuple(map(str, extractor.gazetteers)),
            tuple(map(str, extractor.lexicons)))


@lru_cache(maxsize=4)
def worker_extractor(settings: Settings) -> Extractor:
    """The Extractor of this process for these settings, its pipeline loaded once.

    ``worker_extractor.cache_info().misses`` counts the pipelines this process loaded.
    """
    model, gazetteers, lexicons = settings
    extractor = Extractor(model=model, gazetteers=map(Path, gazetteers),
                          lexicons=map(Path, lexicons))
    extractor.nlp  # noqa: B018  (load now, once per process)
    # The pipeline lives as long as the process: its objects (close to a million) are
    # kept out of the garbage collector's full scans (0.4 s each, one every few dozen
    # articles), as extract_many(n_process=N) does in its workers.
    gc.freeze()
    return extractor


def _columns(errors: Errors) -> list[str]:
    return [*EVENT_COLUMNS, ERROR_COLUMN] if errors == "record" else list(EVENT_COLUMNS)


def partition_records(articles: Iterable[object], settings: Settings | None = None, *,
                      errors: Errors = "skip", batch_size: int = 32, published: object = None
                      ) -> list[dict[str, Any]]:
    """The event records of a partition of articles, in article order.

    ``settings``: from ``settings_of(extractor)``; None is the default Extractor.
    ``published``: the default date of articles that give none. With
    ``errors="record"`` every record has an ``error`` key too.
    """
    if errors not in ("raise", "skip", "record"):
        raise InputValueError(f"errors={errors!r}: use 'raise', 'skip' or 'record'")
    extractor = worker_extractor(settings or settings_of())
    with _LOCK:
        articles_out = list(extractor.extract_many(articles, errors=errors,
                                                   batch_size=batch_size, published=published))
    if errors != "record":
        return to_records(articles_out)
    records: list[dict[str, Any]] = []
    for article in articles_out:
        if article.error is not None:
            records.append({**dict.fromkeys(EVENT_COLUMNS), "article_id": article.id,
                            ERROR_COLUMN: article.error})
        else:
            records.extend({**row, ERROR_COLUMN: None} for row in to_records([article]))
    return records


def _missing(value: object) -> bool:
    """None, NaN, NaT or NA: a cell a DataFrame leaves empty."""
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array in a cell: not missing
        return False


def frame_articles(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a pandas DataFrame of articles as ``extract_many`` records.

    Columns ``text`` (required), ``id``, ``published`` (optional); empty cells
    are left out, so an empty ``published`` falls back to the default and a row
    without text is a bad record.
    """
    if "text" not in frame.columns:
        raise InputValueError(
            f"a DataFrame of articles needs a 'text' column (it has {list(frame.columns)})")
    keys = [c for c in ("id", "text", "published") if c in frame.columns]
    return [{k: v for k, v in zip(keys, row, strict=True) if not _missing(v)}
            for row in frame[keys].itertuples(index=False, name=None)]


def records_frame(records: list[dict[str, Any]], errors: Errors = "skip") -> pd.DataFrame:
    """Event records as a pandas DataFrame with the types of ``EVENT_DTYPES``."""
    import pandas as pd

    dtypes = dict(EVENT_DTYPES, **({ERROR_COLUMN: "string"} if errors == "record" else {}))
    frame = pd.DataFrame.from_records(records, columns=_columns(errors))
    return frame.astype(dtypes)


def events_frame(frame: pd.DataFrame, settings: Settings | None = None, *,
                 errors: Errors = "skip", batch_size: int = 32, published: object = None
                 ) -> pd.DataFrame:
    """One pandas DataFrame of articles to a DataFrame of their events."""
    records = partition_records(frame_articles(frame), settings, errors=errors,
                                batch_size=batch_size, published=published)
    return records_frame(records, errors)


def events_frames(frames: Iterable[pd.DataFrame], settings: Settings | None = None, *,
                  errors: Errors = "skip", batch_size: int = 32, published: object = None
                  ) -> Iterator[pd.DataFrame]:
    """``events_frame`` of each frame: the function Spark's ``mapInPandas`` takes."""
    for frame in frames:
        yield events_frame(frame, settings, errors=errors, batch_size=batch_size,
                           published=published)


def spark_schema(errors: Errors = "skip") -> str:
    """The Spark DDL schema of ``events_frames``' output.

    >>> spark_schema().split(", ")[:3]
    ['article_id string', 'type string', 'mode string']
    """
    columns = [f"{c} {_SPARK_TYPES[EVENT_DTYPES[c]]}" for c in EVENT_COLUMNS]
    if errors == "record":
        columns.append(f"{ERROR_COLUMN} string")
    return ", ".join(columns)
