"""Articles to the formats analysts and event databases use.

- tables: ``to_records``/``to_dataframe`` (one row per event, counts spread into
  ``killed``, ``injured``, ``arrested``... columns), CSV, Parquet (``kzevents[parquet]``);
- ``plover_records``: PLOVER records, valid against ``plover_schema()``;
- ``acled_rows``: ACLED-style rows (``ACLED_COLUMNS``);
- ``cameo_rows``: CAMEO dyads as PETRARCH writes them (``CAMEO_COLUMNS``);
- ``to_geojson``: event places as GeoJSON points;
- ``write_articles(articles, out, fmt)`` for any of ``FORMATS`` (what ``kzevents
  extract --format`` writes).

The PLOVER -> CAMEO -> ACLED crosswalk is data: ``data/formats/crosswalk.jsonl``.
"""

from kzevents.export.acled import ACLED_COLUMNS, acled_row, acled_rows
from kzevents.export.cameo import CAMEO_COLUMNS, actor_code, cameo_rows
from kzevents.export.crosswalk import CAMEO_ROOTS, event_row, load_crosswalk, sector_row
from kzevents.export.geojson import to_geojson
from kzevents.export.plover import plover_record, plover_records, plover_schema
from kzevents.export.records import (
    COUNT_CATEGORIES,
    EVENT_COLUMNS,
    article_records,
    counts_by_category,
    event_record,
    records_to_dataframe,
    to_dataframe,
    to_records,
)
from kzevents.export.writers import (
    FORMATS,
    articles_to_string,
    dumps,
    to_parquet,
    write_articles,
)

__all__ = [
    "ACLED_COLUMNS", "CAMEO_COLUMNS", "CAMEO_ROOTS", "COUNT_CATEGORIES", "EVENT_COLUMNS",
    "FORMATS", "acled_row", "acled_rows", "actor_code", "article_records",
    "articles_to_string", "cameo_rows", "counts_by_category", "dumps", "event_record",
    "event_row", "load_crosswalk", "plover_record", "plover_records", "plover_schema",
    "records_to_dataframe", "sector_row", "to_dataframe", "to_geojson", "to_parquet",
    "to_records", "write_articles",
]
