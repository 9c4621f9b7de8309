"""ACLED-style rows: the columns of an ACLED export, one row per event ACLED would record.

Only events the crosswalk gives an ACLED type (protests, riots, attacks, arrests,
deployments...) and that happened or are reported as happened (``asserted``,
``alleged``) become rows: ACLED does not record meetings, statements or
negated events. ``inter1``/``inter2`` are ACLED's numeric actor types (1 state
forces ... 8 external/other forces) from the crosswalk's sector rows; a state
actor of another country than the event's (or a linked body of no country, such
as the CSTO) is 8, external/other forces, as ACLED codes foreign forces.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kzevents.export.common import country_name, event_day, event_records, record_id, recorded
from kzevents.export.crosswalk import EventRow, event_row, sector_row
from kzevents.export.records import counts_by_category
from kzevents.models import Article, Event, Participant

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities",
]

# kzevents place precision (1 country ... 5 below city) -> ACLED geo_precision
# (1 the town itself, 2 near it or part of a region, 3 a larger region).
GEO_PRECISION = {5: 1, 4: 1, 3: 2, 2: 3, 1: 3}
# TimeRef grain -> ACLED time_precision (1 day, 2 week, 3 month or longer).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_ACTOR_INTERS = {5: "Rioters ({country})", 6: "Protesters ({country})"}


def _inter(part: Participant | None, event_country: str | None) -> int | None:
    row = sector_row(part.sector) if part else None
    if part is None or row is None or row.acled_inter is None:
        return None
    if row.acled_inter == 1 and (
            (part.country and event_country and part.country != event_country)
            or (part.country is None and part.kb_id)):
        return 8  # state forces abroad, or a linked international body
    return row.acled_inter


def _actor_name(part: Participant | None) -> str | None:
    if part is None:
        return None
    row = sector_row(part.sector)
    name = country_name(part.country)
    if row is not None and row.acled_actor and name:
        return row.acled_actor.format(country=name)
    return part.name or part.text


def _joined(names: Iterable[str | None]) -> str | None:
    return "; ".join(n for n in names if n) or None


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two inter codes, smaller first (10 x alone)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _actor1(event: Event, row: EventRow, country: str | None
            ) -> tuple[str | None, str | None, int | None]:
    """actor1, assoc_actor_1 and inter1; protests and riots name the crowd as ACLED does."""
    others = [_actor_name(p) for p in event.co_actors]
    if row.acled_actor1_inter in _ACTOR_INTERS:
        crowd_country = country_name(country or (event.actor.country if event.actor else None))
        crowd = _ACTOR_INTERS[row.acled_actor1_inter].format(country=crowd_country or "")
        crowd = crowd.replace(" ()", "")
        # a named or organised actor ("Labour Group") is associated with the crowd;
        # plain civilians are the crowd itself
        own = _actor_name(event.actor) if event.actor and event.actor.sector != "CVL" else None
        return crowd, _joined([own, *others]), row.acled_actor1_inter
    return _actor_name(event.actor), _joined(others), _inter(event.actor, country)


def _notes(event: Event) -> str:
    """ACLED's free-text notes: the sentence, and the money the event involves (ACLED
    has no amount column)."""
    money = "; ".join(f"{a.text} ({a.value} {a.currency or '?'})" for a in event.amounts)
    return f"{event.sentence.text} [montant : {money}]" if money else event.sentence.text


def acled_row(article: Article, event: Event, position: int = 0) -> dict[str, Any] | None:
    """One event as an ACLED-style row, or None when ACLED would not record it."""
    if not recorded(event):
        return None
    recipient_sector = event.recipient.sector if event.recipient else None
    row = event_row(event.type, event.mode, recipient_sector)
    if row.acled_event_type is None:
        return None
    first, _last, date_source = event_day(article, event)
    if first is None:
        return None
    place = event.place
    country = place.country if place else None
    actor1, assoc1, inter1 = _actor1(event, row, country)
    inter2 = _inter(event.recipient, country)
    precision = (TIME_PRECISION[event.date.grain]
                 if date_source == "event" and event.date and event.date.grain else 3)
    return {
        "event_id_cnty": record_id(article, event, position),
        "event_date": first.isoformat(),
        "year": first.year,
        "time_precision": precision,
        "event_type": row.acled_event_type,
        "sub_event_type": row.acled_sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": _actor_name(event.recipient),
        "assoc_actor_2": _joined(_actor_name(p) for p in event.co_recipients),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "country": country_name(country),
        "admin1": place.name if place and place.kind == "region" else None,
        "location": (place.name or place.text) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": GEO_PRECISION.get(place.precision) if place and place.precision else None,
        "source": article.id,
        "notes": _notes(event),
        "fatalities": counts_by_category(event.counts)["killed"] or 0,
    }


def acled_rows(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    """ACLED-style rows of every event ACLED would record, in article order."""
    return event_records(articles, acled_row)
