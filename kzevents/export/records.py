"""Articles to flat records and pandas tables: one row per event.

Flat records are what analysts load into pandas or a spreadsheet: one row per
event (or entity, date, count), nested objects spread into prefixed columns, and
the counts of an event spread into one column per category (``killed``,
``injured``, ``arrested``...), so "18 tués et 50 blessés" fills two columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kzevents.errors import KzeventsError

if TYPE_CHECKING:
    from kzevents.models import Article, Count, Event, Participant

# One column per count category of the data model (``other`` stays in count_*).
COUNT_CATEGORIES = ("killed", "injured", "arrested", "deployed", "participants",
                    "displaced", "missing", "evacuated")

EVENT_COLUMNS = [
    "article_id", "type", "mode", "trigger", "trigger_lemma", "trigger_start", "trigger_end",
    "actor", "actor_name", "actor_kb_id", "actor_country", "actor_sector",
    "recipient", "recipient_name", "recipient_kb_id", "recipient_country", "recipient_sector",
    "place", "place_name", "place_kb_id", "place_country", "place_lat", "place_lon",
    "place_precision", "date", "date_grain", "date_earliest", "date_latest",
    "count_value", "count_low", "count_high", "count_qualifier", "count_category",
    "count_noun", "amount_value", "amount_currency", "modality", "source", "source_verb",
    "sentence", "confidence", "rules", "event_id", "co_actors", "co_recipients",
    *COUNT_CATEGORIES,
]


def _participant(prefix: str, part: Participant | None) -> dict[str, Any]:
    return _fields(prefix, part, {"": "text", "_name": "name", "_kb_id": "kb_id",
                                  "_country": "country", "_sector": "sector"})


def _fields(prefix: str, item: Any, columns: dict[str, str]) -> dict[str, Any]:
    """Columns ``prefix + suffix`` holding the item's attributes (None when no item)."""
    return {prefix + suffix: getattr(item, attr) if item is not None else None
            for suffix, attr in columns.items()}


def _main_count(counts: list[Count]) -> Count | None:
    """The count that best summarises an event: the largest one."""
    with_values = [c for c in counts if c.value is not None]
    return max(with_values, key=lambda c: c.value) if with_values else None


def counts_by_category(counts: list[Count]) -> dict[str, float | int | None]:
    """The largest value of each category among an event's counts (None when absent).

    The largest, not the sum: an article often repeats one toll ("18 policiers tués
    ... les 18 agents"), and a sum would double it.
    """
    spread: dict[str, float | int | None] = dict.fromkeys(COUNT_CATEGORIES)
    for count in counts:
        if count.category in spread and count.value is not None:
            best = spread[count.category]
            spread[count.category] = count.value if best is None else max(best, count.value)
    return spread


def _names(parts: list[Participant]) -> str | None:
    return "; ".join(p.name or p.text for p in parts) or None


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
        **_fields("place", place, {"": "text", "_name": "name", "_kb_id": "kb_id",
                                    "_country": "country", "_lat": "lat", "_lon": "lon",
                                    "_precision": "precision"}),
        "date": date.value if date else None,
        "date_grain": date.grain if date else None,
        "date_earliest": date.earliest.isoformat() if date and date.earliest else None,
        "date_latest": date.latest.isoformat() if date and date.latest else None,
        **_fields("count", count, {"_value": "value", "_low": "low", "_high": "high",
                                   "_qualifier": "qualifier", "_category": "category",
                                   "_noun": "noun"}),
        "amount_value": event.amounts[0].value if event.amounts else None,
        "amount_currency": event.amounts[0].currency if event.amounts else None,
        "modality": event.modality,
        "source": source.speaker.text if source and source.speaker else None,
        "source_verb": source.verb if source else None,
        "sentence": event.sentence.text,
        "confidence": event.confidence,
        "rules": ";".join(event.rules),
        "event_id": event.id,
        "co_actors": _names(event.co_actors),
        "co_recipients": _names(event.co_recipients),
        **counts_by_category(event.counts),
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


def import_pandas():
    """pandas, or an error that says how to install it."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise KzeventsError(
            "tables need pandas: pip install 'kzevents[pandas]' (or pip install pandas)"
        ) from exc
    return pd


def records_to_dataframe(records: list[dict[str, Any]], what: str = "events"):
    """A pandas DataFrame of flat records, with stable columns even when empty."""
    columns = EVENT_COLUMNS if what == "events" else None
    return import_pandas().DataFrame.from_records(records, columns=columns)


def to_records(articles: Iterable[Article], what: str = "events") -> list[dict[str, Any]]:
    """Flat records of many articles, one per event (or entity, date, count)."""
    return [row for art in articles for row in article_records(art, what)]


def to_dataframe(articles: Iterable[Article], what: str = "events"):
    """One pandas DataFrame for many articles: one row per event, counts in columns.

    >>> from kzevents.models import Article
    >>> to_dataframe([Article(text="Rien.")]).columns[:4].tolist()
    ['article_id', 'type', 'mode', 'trigger']
    """
    return records_to_dataframe(to_records(articles, what), what)
