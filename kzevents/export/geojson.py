"""GeoJSON of event places: one Point feature per event with coordinates, [lon, lat]."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kzevents.export.common import record_id
from kzevents.export.records import counts_by_category
from kzevents.models import Article


def to_geojson(articles: Iterable[Article]) -> dict[str, Any]:
    """A FeatureCollection of the events that have a place with coordinates.

    Coordinates are ``[longitude, latitude]`` as RFC 7946 says (not lat, lon).
    """
    features = []
    for article in articles:
        for position, event in enumerate(article.events):
            place = event.place
            if place is None or place.lat is None or place.lon is None:
                continue
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "id": record_id(article, event, position),
                    "article_id": article.id,
                    "type": event.type,
                    "mode": event.mode,
                    "trigger": event.trigger.text,
                    "date": event.date.value if event.date else None,
                    "place": place.name or place.text,
                    "country": place.country,
                    "precision": place.precision,
                    "modality": event.modality,
                    **counts_by_category(event.counts),
                },
            })
    return {"type": "FeatureCollection", "features": features}
