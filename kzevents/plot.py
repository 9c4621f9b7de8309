"""Pictures of events with matplotlib (``pip install 'kzevents[plot]'``), offline.

``timeline(articles)``: one bar per day and event type, stacked, each bar's
height the number of events; the size of each day's dot is its largest count.
``map(articles)``: the event places on a world outline shipped with the package
(Natural Earth 1:110m countries, public domain), one marker per placed event,
sized by its largest count, zoomed on the events. Both return the matplotlib
``Figure``: a notebook shows it, a script calls ``fig.savefig("events.png")``.

Events whose date is not a day are placed on their first day; events without a
date or place are left out of the timeline or the map (the figure's title says
how many are shown).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from kzevents.errors import KzeventsError
from kzevents.models import EVENT_TYPES, Article, Event

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# One colour per PLOVER type: conflict in warm colours, cooperation in cool ones.
TYPE_COLOURS = dict(zip(EVENT_TYPES, (
    "#1f77b4", "#17becf", "#2ca02c", "#98df8a", "#aec7e8", "#9edae5", "#c5b0d5", "#bcbd22",
    "#dbdb8d", "#8c564b", "#c49c94", "#ff7f0e", "#e377c2", "#9467bd", "#7f7f7f", "#d62728",
), strict=True))


def _figure(width: float, height: float) -> tuple[Figure, Any]:
    """A new Figure and its axes, outside pyplot: no global state, no window, shown once.

    A notebook displays a returned Figure; a script saves it with ``savefig``.
    """
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise KzeventsError("pictures need matplotlib: pip install 'kzevents[plot]'") from exc
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def _largest_count(event: Event) -> float:
    values = [c.value for c in event.counts if c.value is not None]
    return float(max(values)) if values else 0.0


def _day(event: Event) -> dt.date | None:
    date = event.date
    if date is None:
        return None
    if date.earliest is not None:
        return date.earliest
    if date.value and date.grain == "day":
        return dt.date.fromisoformat(date.value)
    return None


def dated_events(articles: Iterable[Article]) -> list[tuple[dt.date, Event]]:
    """(first day, event) of every event with a date, in date order."""
    pairs = [(day, e) for a in articles for e in a.events if (day := _day(e)) is not None]
    return sorted(pairs, key=lambda p: p[0])


def placed_events(articles: Iterable[Article]) -> list[Event]:
    """Every event whose place has coordinates."""
    return [e for a in articles for e in a.events
            if e.place is not None and e.place.lat is not None and e.place.lon is not None]


def _size(count: float) -> float:
    """Marker area for a count: grows with its square root, never invisible."""
    return 30.0 + 12.0 * count ** 0.5


def timeline(articles: Iterable[Article], title: str = "Events by day and type") -> Figure:
    """Events over time: a stacked bar per day and type, the largest counts as dots.

    The axes hold one bar (a matplotlib ``Rectangle`` patch) per (day, type) pair
    that has events.

    >>> fig = timeline([Article(text="Rien ne s'est passé.")])
    >>> fig.axes[0].get_title()
    'Events by day and type (0 of 0 events dated)'
    """
    articles = list(articles)
    pairs = dated_events(articles)
    total = sum(len(a.events) for a in articles)
    fig, ax = _figure(9, 4.5)
    by_day_type = Counter((day, event.type) for day, event in pairs)
    days = sorted({day for day, _ in pairs})
    types = [t for t in EVENT_TYPES if any(k[1] == t for k in by_day_type)]
    bottoms = dict.fromkeys(days, 0)
    for type_ in types:
        xs = [d for d in days if by_day_type[(d, type_)]]
        heights = [by_day_type[(d, type_)] for d in xs]
        ax.bar(xs, heights, bottom=[bottoms[d] for d in xs], width=0.8, label=type_,
               color=TYPE_COLOURS[type_], edgecolor="white")
        for d, h in zip(xs, heights, strict=True):
            bottoms[d] += h
    largest = {d: max(_largest_count(e) for day, e in pairs if day == d) for d in days}
    counted = [d for d in days if largest[d] > 0]
    if counted:
        ax.scatter(counted, [bottoms[d] + 0.35 for d in counted],
                   s=[_size(largest[d]) for d in counted], color="#444", alpha=0.35,
                   label="largest count")
        for d in counted:
            ax.annotate(f"{largest[d]:g}", (d, bottoms[d] + 0.35), ha="center", va="center",
                        fontsize=7)
    from matplotlib import dates as mdates

    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    if days:
        ax.set_xlim(min(days) - dt.timedelta(days=1), max(days) + dt.timedelta(days=1))
    ax.set_ylabel("events")
    ax.set_ylim(0, max(bottoms.values(), default=0) + 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{title} ({len(pairs)} of {total} events dated)")
    if types:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


@cache
def world_outline() -> list[dict[str, Any]]:
    """The shipped world outline: ``[{"iso3", "name", "polygons"}]``, rings of [lon, lat]."""
    from kzevents.resources import data_path

    lines = data_path("maps", "world_110m.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def _extent(lons: list[float], lats: list[float]) -> tuple[float, float, float, float]:
    """A view around the points: at least 20 by 12 degrees, with a margin."""
    if not lons:
        return -180.0, 180.0, -60.0, 85.0
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    width = max(east - west, 20.0) * 1.3
    height = max(north - south, 12.0) * 1.3
    cx, cy = (west + east) / 2, (south + north) / 2
    return (max(cx - width / 2, -180.0), min(cx + width / 2, 180.0),
            max(cy - height / 2, -90.0), min(cy + height / 2, 90.0))


def map(articles: Iterable[Article], title: str = "Event places") -> Figure:
    """Event places on a world outline: one marker per placed event, coloured by type.

    Countries with events are shaded. The axes' first collection holds the
    markers: one point per placed event (``placed_events``).

    >>> fig = map([Article(text="Rien ne s'est passé.")])
    >>> len(fig.axes[0].collections[0].get_offsets())
    0
    """
    articles = list(articles)
    # largest first, so that a small marker is drawn over a large one at the same place
    events = sorted(placed_events(articles), key=_largest_count, reverse=True)
    total = sum(len(a.events) for a in articles)
    fig, ax = _figure(9, 6)
    from matplotlib.collections import PolyCollection

    lons = [e.place.lon for e in events]  # type: ignore[union-attr]
    lats = [e.place.lat for e in events]  # type: ignore[union-attr]
    ax.scatter(lons, lats, s=[_size(_largest_count(e)) for e in events],
               c=[TYPE_COLOURS[e.type] for e in events], edgecolors="black", linewidths=0.6,
               alpha=0.85, zorder=3)
    touched = {e.place.country for e in events if e.place and e.place.country}
    for shaded in (False, True):
        rings = [ring for country in world_outline() if (country["iso3"] in touched) == shaded
                 for ring in country["polygons"]]
        ax.add_collection(PolyCollection(
            rings, facecolors="#f3e3c3" if shaded else "#ececec", edgecolors="#9a9a9a",
            linewidths=0.5, zorder=1))
    names: dict[tuple[float, float], list[str]] = {}  # one label per point (0.1° apart)
    for event in events:
        place = event.place
        point = (round(place.lon, 1), round(place.lat, 1))  # type: ignore[union-attr]
        name = place.name or place.text  # type: ignore[union-attr]
        if name not in names.setdefault(point, []):  # type: ignore[arg-type]
            names[point].append(name)  # type: ignore[index]
    for point, labels in names.items():
        ax.annotate(" / ".join(labels), point, xytext=(6, 6), textcoords="offset points",
                    fontsize=7, zorder=4)
    for type_ in sorted({e.type for e in events}, key=EVENT_TYPES.index):
        ax.scatter([], [], color=TYPE_COLOURS[type_], label=type_, edgecolors="black")
    west, east, south, north = _extent(lons, lats)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect("equal")
    ax.set_facecolor("#dbe9f4")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"{title} ({len(events)} of {total} events placed)")
    if events:
        ax.legend(loc="lower left", fontsize=8)
    ax.text(0.99, 0.01, "Natural Earth", transform=ax.transAxes, ha="right", va="bottom",
            fontsize=6, color="#666")
    fig.tight_layout()
    return fig
