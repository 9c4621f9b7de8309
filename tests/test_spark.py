"""The README's PySpark pattern (``mapInPandas`` with one Extractor per Python worker)
on a local Spark session gives exactly the events of extract_many.

Skips unless pyspark (``pip install 'kzevents[spark]'``) and Java are installed.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from functools import partial

import pytest

from kzevents.export import to_records

from .scale_corpus import ARTICLES

pytest.importorskip("pyspark", reason="the Spark test needs pyspark: pip install 'kzevents[spark]'")
pytest.importorskip("pyarrow", reason="mapInPandas needs pyarrow: pip install 'kzevents[spark]'")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("the Spark test needs Java (17 or later): no `java` on PATH and no JAVA_HOME",
                allow_module_level=True)

import pandas as pd
from pyspark.sql import SparkSession

from kzevents.partitions import events_frames, records_frame, spark_schema, worker_extractor


@pytest.fixture(scope="module")
def spark():
    # The Python workers run this interpreter, with this checkout first on their path.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("kzevents-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .getOrCreate())
    yield session
    session.stop()


# pyspark 4 warns about pandas 3, which it does not fully support yet; what it does here works
pytestmark = [pytest.mark.filterwarnings("ignore:.*pandas.*:FutureWarning"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]


def _loaded(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """(pid, pipelines loaded) of the Python worker that runs this partition."""
    for _ in frames:
        yield pd.DataFrame({"pid": [os.getpid()],
                            "loaded": [worker_extractor.cache_info().misses]})


def test_map_in_pandas_gives_exactly_the_events_of_extract_many(spark, extractor):
    rows = [{"id": a["id"], "text": a.get("text"), "published": a.get("published")}
            for a in ARTICLES if not isinstance(a.get("text"), int)]  # a string column
    schema = "id string, text string, published string"
    articles = spark.createDataFrame(pd.DataFrame(rows), schema=schema)  # 2 partitions
    events = articles.mapInPandas(events_frames, schema=spark_schema())
    got = events.toPandas().sort_values(["article_id", "trigger_start"], ignore_index=True)

    expected = records_frame(to_records(extractor.extract_many(rows, errors="skip")))
    expected = expected.sort_values(["article_id", "trigger_start"], ignore_index=True)
    assert len(expected) >= 5
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)

    recorded = articles.mapInPandas(partial(events_frames, errors="record"),
                                    schema=spark_schema("record")).toPandas()
    assert recorded.loc[recorded["error"].notna(), "article_id"].tolist() == ["bad-missing"]

    # Spark reuses its Python workers: each loaded the pipeline once for the three runs
    loads = articles.mapInPandas(_loaded, schema="pid long, loaded long").toPandas()
    assert loads["loaded"].tolist() == [1] * len(loads), loads
