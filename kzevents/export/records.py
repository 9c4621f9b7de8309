"""Articles to flat records, tables and files (JSONL, JSON, CSV).

Flat records are what analysts load into pandas or a spreadsheet: one row per
event (or entity, date, count), nested objects spread into prefixed columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from kzevents.errors import KzeventsError

if TYPE_CHECKING:
    from kzevents.models import Article, Count, Event, Participant

FORMATS = ("jsonl", "json", "csv")

EVENT_COLUMNS = [
    "article_id", "type", "mode", "trigger", "trigger_lemma", "trigger_start", "trigger_end",
    "actor", "actor_name", "actor_kb_id", "actor_country", "actor_sector",
    "recipient", "recipient_name", "recipient_kb_id", "recipient_country", "recipient_sector",
    "place", "place_name", "place_kb_id", "place_country", "place_lat", "place_lon",
    "place_precision", "date", "date_grain", "date_earliest", "date_latest",
    "count_value", "count_low", "count_high", "count_qualifier", "count_category",
    "count_noun", "modality", "source", "source_verb", "sentence", "confidence", "rules",
]


def _participant(prefix: str, part: Participant | None) -> dict[str, Any]:
    return {
        prefix: part.text if part else None,
        f"{prefix}_name": part.name if part else None,
        f"{prefix}_kb_id": part.kb_id if part else None,
        f"{prefix}_country": part.country if part else None,
        f"{prefix}_sector": part.sector if part else None,
    }


def _main_count(counts: list[Count]) -> Count | None:
    """The count that best summarises an event: the largest one."""
    with_values = [c for c in counts if c.value is not None]
    return max(with_values, key=lambda c: c.value) if with_values else None


def event_record(event: Event, article_id: str | None = None) -> dict[str, Any]:
    """One event as a flat dict with the columns of ``EVENT_COLUMNS``."""
    place, date, count, source = event.place, event.date, _main_count(event.counts), event.source
    record: dict[str, Any] = {
        "article_id": article_id,
        "type": event.type,
        "mode": event.mode,
        "trigger": event.trigger.text,
        "trigger_lemma": event.trigger.lemma,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        **_participant("actor", event.actor),
        **_participant("recipient", event.recipient),
        "place": place.text if place else None,
        "place_name": place.name if place else None,
        "place_kb_id": place.kb_id if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "place_precision": place.precision if place else None,
        "date": date.value if date else None,
        "date_grain": date.grain if date else None,
        "date_earliest": date.earliest.isoformat() if date and date.earliest else None,
        "date_latest": date.latest.isoformat() if date and date.latest else None,
        "count_value": count.value if count else None,
        "count_low": count.low if count else None,
        "count_high": count.high if count else None,
        "count_qualifier": count.qualifier if count else None,
        "count_category": count.category if count else None,
        "count_noun": count.noun if count else None,
        "modality": event.modality,
        "source": source.speaker.text if source and source.speaker else None,
        "source_verb": source.verb if source else None,
        "sentence": event.sentence.text,
        "confidence": event.confidence,
        "rules": ";".join(event.rules),
    }
    return record


def article_records(article: Article, what: str = "events") -> list[dict[str, Any]]:
    """Flat records of one article: its events, entities, dates or counts."""
    if what == "events":
        return [event_record(e, article.id) for e in article.events]
    if what in ("entities", "dates", "counts"):
        items = getattr(article, what)
        return [{"article_id": article.id, **item.model_dump(mode="json")} for item in items]
    raise KzeventsError(f"unknown record kind {what!r}: use events, entities, dates or counts")


def records_to_dataframe(records: list[dict[str, Any]], what: str = "events"):
    """A pandas DataFrame of flat records, with stable columns even when empty."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise KzeventsError(
            "to_dataframe() needs pandas: pip install 'kzevents[pandas]' (or pip install pandas)"
        ) from exc
    columns = EVENT_COLUMNS if what == "events" else None
    return pd.DataFrame.from_records(records, columns=columns)


def write_articles(articles: Iterable[Article], out: TextIO, fmt: str) -> int:
    """Write articles to ``out`` as JSONL, a JSON array or a CSV of events.

    Returns the number of articles written. Articles are streamed for JSONL and
    CSV, so a long run keeps what it has written if it stops half-way.
    """
    if fmt not in FORMATS:
        raise KzeventsError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    n = 0
    if fmt == "jsonl":
        for art in articles:
            out.write(art.model_dump_json() + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for art in articles:
            out.write(("," if n else "") + "\n" + art.model_dump_json(indent=2))
            n += 1
        out.write("\n]\n")
    else:
        writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for art in articles:
            writer.writerows(article_records(art, "events"))
            n += 1
    return n


def articles_to_string(articles: Iterable[Article], fmt: str = "jsonl") -> str:
    """The text ``write_articles`` would write, as one string."""
    buf = io.StringIO()
    write_articles(articles, buf, fmt)
    return buf.getvalue()


def dumps(obj: Any) -> str:
    """Compact JSON with French characters kept readable."""
    return json.dumps(obj, ensure_ascii=False)
