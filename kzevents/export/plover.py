"""PLOVER event records, as the PLOVER manual's "Data Fields" chapter defines them.

One JSON object per event (JSONL, as the manual suggests) with ``id``, ``date``,
``enddate``, ``actor`` and ``recipient`` lists of entity objects (``code`` the
country, ``sector``, ``entity_text``, ``identifier_id``/``identifier_text``),
``event``, ``mode``, ``context``, ``event_loc`` (location object with
``resolution``), ``event_text``, ``quad_code``, ``event_scale``, ``size``
(``dead``, ``injured``, ``arrested``), ``text_info`` and ``cite_info``.
``plover_schema()`` is the JSON Schema written from the manual.

The manual requires ``date`` and ``actor``: an event without its own date takes
the publication date (``date_source`` says so); with neither it is left out. A
missing actor is written as the manual's unidentified actor, sector ``UNK``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from kzevents._version import __version__
from kzevents.export.common import country_name, event_day, event_records, record_id
from kzevents.export.crosswalk import QUAD, event_row, sector_row
from kzevents.export.records import counts_by_category
from kzevents.models import Article, Event, Participant
from kzevents.resources import data_path

CODEBOOK = "plover-base"  # the PLOVER base ontology, no extension
# kzevents modality -> the manual's auxiliary modes (written in ``context``).
AUXILIARY = {"negated": "negation", "hypothetical": "hypothetical", "future": "future"}


@cache
def plover_schema() -> dict[str, Any]:
    """The JSON Schema of one PLOVER record (``data/formats/plover.schema.json``)."""
    return json.loads(data_path("formats", "plover.schema.json").read_text(encoding="utf-8"))


def _entity(part: Participant) -> dict[str, Any]:
    row = sector_row(part.sector)
    return {
        "code": part.country,
        "sector": row.plover_sector if row else None,
        "entity_text": part.text,
        "identifier_id": part.kb_id,
        "identifier_text": part.name,
    }


def _entities(main: Participant | None, others: list[Participant]) -> list[dict[str, Any]]:
    return [_entity(p) for p in ([main] if main else []) + others]


def _location(event: Event) -> dict[str, Any] | None:
    place = event.place
    if place is None:
        return None
    kind = place.kind or ""
    return {
        "extracted_place": place.text,
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "city": place.name if kind == "city" else None,
        "province": place.name if kind == "region" else None,
        "country": country_name(place.country),
        "country_code": place.country,
        "resolution": place.precision,
    }


def plover_record(article: Article, event: Event, position: int = 0) -> dict[str, Any] | None:
    """One event as a PLOVER record, or None when no date at all is known."""
    first, last, date_source = event_day(article, event)
    if first is None:
        return None
    recipient_sector = event.recipient.sector if event.recipient else None
    row = event_row(event.type, event.mode, recipient_sector)
    counts = counts_by_category(event.counts)
    context = list(row.plover_context)
    if event.modality in AUXILIARY:
        context.append(AUXILIARY[event.modality])
    record: dict[str, Any] = {
        "id": record_id(article, event, position),
        "has_event": True,
        "date": first.isoformat(),
        "actor": _entities(event.actor, event.co_actors) or [{"code": None, "sector": "UNK"}],
        "recipient": _entities(event.recipient, event.co_recipients),
        "event": [event.type],
        "mode": [row.plover_mode] if row.plover_mode else [],
        "context": context,
        "event_text": [event.trigger.text, *(m.text for m in event.mentions[1:])],
        "quad_code": QUAD[event.type],
        "event_scale": row.plover_scale,
        "size": {"dead": counts["killed"], "injured": counts["injured"],
                 "arrested": counts["arrested"]},
        # the sentence's character offsets in the article (its number is not known)
        "text_info": {"start": event.sentence.start, "end": event.sentence.end},
        "cite_info": {"citation": article.id, "language": "fr",
                      "coder": f"kzevents {__version__}", "codebook": CODEBOOK},
        "coder": f"kzevents {__version__}",
        "date_source": date_source,
        "modality": event.modality,
        "kz_mode": event.mode,
        "confidence": event.confidence,
        # PLOVER has no money field: aid, sanctions and ransoms carry theirs here
        "kz_amounts": [{"value": a.value, "low": a.low, "high": a.high,
                        "qualifier": a.qualifier, "currency": a.currency, "text": a.text}
                       for a in event.amounts],
    }
    if last is not None and last != first:
        record["enddate"] = last.isoformat()
    location = _location(event)
    if location is not None:
        record["event_loc"] = location
    return record


def plover_records(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    """PLOVER records of every event of the articles (events with no date left out)."""
    return event_records(articles, plover_record)
