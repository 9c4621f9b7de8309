"""Write articles in one of the formats of ``FORMATS`` to a text stream or a string."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from kzevents.errors import KzeventsError
from kzevents.export.acled import ACLED_COLUMNS, acled_rows
from kzevents.export.cameo import cameo_rows
from kzevents.export.geojson import to_geojson
from kzevents.export.plover import plover_records
from kzevents.export.records import EVENT_COLUMNS, article_records, to_dataframe
from kzevents.models import Article

FORMATS = ("jsonl", "json", "csv", "acled", "plover", "cameo", "geojson", "html")


def dumps(obj: Any) -> str:
    """Compact JSON with French characters kept readable."""
    return json.dumps(obj, ensure_ascii=False)


def _counted(articles: Iterable[Article], seen: list[int]) -> Iterator[Article]:
    for article in articles:
        seen[0] += 1
        yield article


def write_articles(articles: Iterable[Article], out: TextIO, fmt: str) -> int:
    """Write articles to ``out`` in format ``fmt``; returns the number of articles read.

    ``jsonl`` one Article a line; ``json`` an array of Articles; ``csv`` one row per
    event; ``acled`` ACLED columns; ``plover`` one PLOVER record a line; ``cameo``
    PETRARCH-style tab-separated dyads; ``geojson`` a FeatureCollection; ``html`` a
    page with each article highlighted and an event table. Line formats are
    streamed, so a long run keeps what it wrote if it stops half-way.
    """
    if fmt not in FORMATS:
        raise KzeventsError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    seen = [0]
    articles = _counted(articles, seen)
    if fmt == "jsonl":
        for art in articles:
            out.write(art.model_dump_json() + "\n")
    elif fmt == "json":
        out.write("[")
        for n, art in enumerate(articles):
            out.write(("," if n else "") + "\n" + art.model_dump_json(indent=2))
        out.write("\n]\n")
    elif fmt in ("csv", "acled"):
        columns = EVENT_COLUMNS if fmt == "csv" else ACLED_COLUMNS
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for art in articles:
            writer.writerows(article_records(art) if fmt == "csv" else acled_rows([art]))
    elif fmt == "plover":
        for art in articles:
            for record in plover_records([art]):
                out.write(dumps(record) + "\n")
    elif fmt == "cameo":
        for art in articles:
            for row in cameo_rows([art]):
                out.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
    elif fmt == "geojson":
        out.write(json.dumps(to_geojson(articles), ensure_ascii=False, indent=1) + "\n")
    else:
        from kzevents.display import html_page

        out.write(html_page(list(articles)))
    return seen[0]


def articles_to_string(articles: Iterable[Article], fmt: str = "jsonl") -> str:
    """The text ``write_articles`` would write, as one string."""
    buf = io.StringIO()
    write_articles(articles, buf, fmt)
    return buf.getvalue()


def to_parquet(articles: Iterable[Article], path: str | Path) -> Path:
    """Write the event table (one row per event) as Parquet; needs ``kzevents[parquet]``."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise KzeventsError("Parquet needs pyarrow: pip install 'kzevents[parquet]'") from exc
    path = Path(path)
    to_dataframe(articles).to_parquet(path, index=False)
    return path
