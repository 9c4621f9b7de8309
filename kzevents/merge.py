"""One record per real-world event: merging the tellings of an event.

Within an article (``merge_doc_events``, run by the ``kzevents_merge``
component): a headline and its body sentence that tell the same event become
one event whose ``mentions`` hold both triggers. Two events are the same when

- they have the same type and compatible modes (or AID military and MOBILIZE
  troops, ``SAME_KIND``), the same modality, and lie in different sentences;
- no slot that both state disagrees: actors and recipients (same entity, or
  same country, or one name inside the other), places (the same place, or a
  country and a place inside it), dates (their periods overlap);
- and at least two things agree: the trigger's word family ("manifester",
  "manifestation"), the actor, the recipient, the place, the date, or a count
  of the same category.

The telling that states the most slots gives the merged event its trigger
and sentence (the others follow in ``mentions``), and the merged event keeps
the most precise value of each slot (a linked actor
beats a common noun or a pronoun, a city beats a country, a day beats a
month); counts of one category that differ become one count with the range in
``low``/``high`` and the lowest value (never their sum; rule
``merge.count_range``).

Across articles (``merge``): the ACLED rule, same type, same day, same place,
compatible actors, gives one ``MergedEvent`` per real-world event with every
report kept (article id, event id, source), counts reconciled the same way
(the most conservative value, the range across reports), and the first and
last report dates.

>>> a = {"type": "AID", "mode": None, "modality": "asserted", "trigger": {"start": 0, "end": 6,
...      "lemma": "envoyer"}, "sentence": {"start": 0, "end": 30}, "actor": None,
...      "recipient": {"start": 10, "end": 20, "name": "Kazakhstan", "kb_id": "Q232",
...                    "country": "KAZ", "sector": None}, "counts": [], "mentions": []}
>>> b = {**a, "trigger": {"start": 40, "end": 46, "lemma": "envoyer"},
...      "sentence": {"start": 31, "end": 80}}
>>> [len(e["mentions"]) for e in merge_doc_events([a, b])]
[2]
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kzevents.models import (
    Article,
    Count,
    Entity,
    EventReport,
    MergedEvent,
    Participant,
    TimeRef,
)
from kzevents.text import normalise_name, strip_accents

GRAIN_RANK = {"day": 4, "week": 3, "month": 2, "year": 1}
# (type, mode) pairs that tell one happening in two ways: troops sent to another
# state are military aid to it and a deployment. The first of a pair is kept.
SAME_KIND = ({("AID", "military"), ("MOBILIZE", "troops"), ("MOBILIZE", None), ("AID", None)},)
# Modalities that tell the same happening: an alleged killing and an asserted one.
SAME_HAPPENING = ({"asserted", "alleged"},)
REPORT_LAG_DAYS = 2  # an undated report may tell an event of at most 2 days before it
# Tellings of one event further apart than this in one text are not compared: about
# 4 500 words, longer than nearly every news article, so an article's headline, lead and
# body always are; a longer text (a digest, a report, a feed pasted whole) is several
# stories, and comparing each event with all those before it would cost the square of
# its length.
MERGE_WINDOW_CHARS = 30_000


# ------------------------------------------------------------------ slots

def _names(part: dict[str, Any], text: str | None = None) -> set[str]:
    names = set()
    for value in (part.get("name"), part.get("text"), text):
        if value:
            names.add(normalise_name(value))  # remembered: names recur in every pair
    return names - {""}


def participants_agree(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool | None:
    """True when two participants name the same actor, False when they
    clearly differ, None when one is missing or nothing tells."""
    if not a or not b:
        return None
    if a.get("kb_id") and a.get("kb_id") == b.get("kb_id"):
        return True
    if a.get("country") and b.get("country"):
        return a["country"] == b["country"]
    names_a, names_b = _names(a), _names(b)
    if names_a & names_b or any(x in y or y in x for x in names_a for y in names_b):
        return True
    return None


def places_agree(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool | None:
    """Same place, or a country and a place inside it; False for two places apart."""
    if not a or not b:
        return None
    for key in ("geonameid", "kb_id"):
        if a.get(key) and a.get(key) == b.get(key):
            return True
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    if 1 in (a.get("precision"), b.get("precision")) and a.get("country") == b.get("country") \
            and a.get("country"):
        return True
    return bool(_names(a) & _names(b))


def _period(date: dict[str, Any]) -> tuple[str, str] | None:
    earliest, latest = date.get("earliest"), date.get("latest")
    if not earliest or not latest:
        return None
    return str(earliest), str(latest)


def dates_agree(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool | None:
    """Periods that overlap agree; two distinct days (or months...) do not."""
    if not a or not b:
        return None
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return None
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def _count_categories(event: dict[str, Any]) -> set[str]:
    return {c.get("category") for c in event.get("counts") or [] if c.get("category")} - {"other"}


def same_event(a: dict[str, Any], b: dict[str, Any], *, need: int = 2) -> bool:
    """Whether two event dicts of one article tell the same event (module docstring)."""
    if not same_kind(a, b) or a.get("modality", "asserted") != b.get("modality", "asserted"):
        return False
    if a.get("sentence") and a.get("sentence") == b.get("sentence"):
        return False
    agreeing = 0
    for agree, slot in _SLOT_TESTS:  # cheapest first: one disagreement ends it
        verdict = agree(a.get(slot), b.get(slot))
        if verdict is False:
            return False
        agreeing += verdict is True
    agreeing += bool(_count_categories(a) & _count_categories(b))
    agreeing += related_lemmas((a.get("trigger") or {}).get("lemma"),
                               (b.get("trigger") or {}).get("lemma"))
    return agreeing >= need


_SLOT_TESTS = ((dates_agree, "date"), (places_agree, "place"), (participants_agree, "actor"),
               (participants_agree, "recipient"))


def same_kind(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same type and compatible modes, or a pair of SAME_KIND (AID military and
    MOBILIZE troops: "a envoyé 100 soldats au Kazakhstan")."""
    if a["type"] == b["type"]:
        return not (a.get("mode") and b.get("mode") and a["mode"] != b["mode"])
    pair = {(a["type"], a.get("mode")), (b["type"], b.get("mode"))}
    return any(pair <= kind for kind in SAME_KIND)


@lru_cache(maxsize=16_384)  # asked for every pair of events of a long article
def related_lemmas(a: str | None, b: str | None) -> bool:
    """One word family: the same lemma, or a verb and its noun ("manifester",
    "manifestation"; "envoyer", "envoi"; "tirer", "tir"), by a common start of
    four letters (three for a three-letter word), accents aside.

    >>> related_lemmas("arrêter", "arrestation"), related_lemmas("attaque", "attentat")
    (True, False)
    """
    if not a or not b:
        return False
    a, b = strip_accents(a.lower()), strip_accents(b.lower())
    need = max(3, min(4, len(a), len(b)))
    return len(a) >= need and len(b) >= need and a[:need] == b[:need]


# ------------------------------------------------------------------ best slots

def _participant_rank(part: dict[str, Any] | None) -> tuple[int, ...]:
    if not part:
        return (-1,)
    return (bool(part.get("kb_id")), bool(part.get("name")), bool(part.get("country")),
            bool(part.get("sector")))


def best_participant(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    """The more precise of two participants (a linked one beats a common noun)."""
    return b if _participant_rank(b) > _participant_rank(a) else a


def best_place(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    """The finer place (a city beats a country)."""
    if not a or not b:
        return a or b
    return b if (b.get("precision") or 0) > (a.get("precision") or 0) else a


def best_date(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    """The finer date (a day beats a month), a resolved one before a relative one."""
    if not a or not b:
        return a or b

    def rank(d: dict[str, Any]) -> tuple[bool, int]:
        return bool(d.get("value")), GRAIN_RANK.get(d.get("grain") or "", 0)

    return b if rank(b) > rank(a) else a


def reconcile_counts(groups: Iterable[Iterable[dict[str, Any]]]) -> tuple[list[dict[str, Any]],
                                                                         bool]:
    """Counts of several tellings, one per category: equal values stay as
    they are; different values give the lowest value with the range in
    ``low``/``high`` and qualifier "range" (never a sum). Returns the counts
    and whether a range was made."""
    by_category: dict[str, list[dict[str, Any]]] = {}
    order: list[str] = []
    for group in groups:
        for count in group:
            key = count.get("category") or "other"
            if key not in by_category:
                order.append(key)
            by_category.setdefault(key, []).append(count)
    result, ranged = [], False
    for key in order:
        counts = by_category[key]
        values = [c["value"] for c in counts if c.get("value") is not None]
        if not values or len(set(values)) == 1:
            exact = [c for c in counts if c.get("qualifier") == "exact"]
            result.append(dict((exact or counts)[0]))
            continue
        lows = [c.get("low") if c.get("low") is not None else c["value"] for c in counts
                if c.get("value") is not None]
        highs = [c.get("high") if c.get("high") is not None else c["value"] for c in counts
                 if c.get("value") is not None]
        lowest = min((c for c in counts if c.get("value") is not None), key=lambda c: c["value"])
        result.append({**lowest, "value": min(values), "low": min(lows), "high": max(highs),
                       "qualifier": "range"})
        ranged = True
    return result, ranged


def _union(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {(p["start"], p["end"]) for p in a}
    return a + [p for p in b if (p["start"], p["end"]) not in seen]


def absorb(target: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold ``other`` (a later telling) into ``target`` in place."""
    mentions = list(target.get("mentions") or [target["trigger"]])
    seen = {(x["start"], x["end"]) for x in mentions}
    for m in other.get("mentions") or [other["trigger"]]:
        if (m["start"], m["end"]) not in seen:
            mentions.append(m)
            seen.add((m["start"], m["end"]))
    target["mentions"] = [mentions[0], *sorted(mentions[1:], key=lambda m: m["start"])]
    if target["type"] != other["type"] and other.get("recipient") and not target.get("recipient"):
        target["type"], target["mode"] = other["type"], other.get("mode")  # aid to a state
    for key in ("actor", "recipient"):
        target[key] = best_participant(target.get(key), other.get(key))
    target["place"] = best_place(target.get("place"), other.get("place"))
    target["date"] = best_date(target.get("date"), other.get("date"))
    target["co_actors"] = _union(target.get("co_actors") or [], other.get("co_actors") or [])
    target["co_recipients"] = _union(target.get("co_recipients") or [],
                                     other.get("co_recipients") or [])
    counts, ranged = reconcile_counts([target.get("counts") or [], other.get("counts") or []])
    target["counts"] = counts
    if not target.get("source") and other.get("source"):
        target["source"] = other["source"]
    if not target.get("mode"):
        target["mode"] = other.get("mode")
    target["confidence"] = max(target.get("confidence", 1.0), other.get("confidence", 1.0))
    rules = target.setdefault("rules", [])
    rules.append("merge.same_event")
    known = set(rules)
    for r in other.get("rules") or []:
        if r not in known:
            rules.append(r)
            known.add(r)
    if ranged:
        rules.append("merge.count_range")


def _filled(event: dict[str, Any]) -> int:
    return sum(bool(event.get(k)) for k in ("actor", "recipient", "place", "date", "counts",
                                             "source"))


def merge_doc_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events of one article with the tellings of one event merged, in
    text order, numbered again "e1", "e2"...

    The telling that states the most slots (the body sentence, usually) gives
    the merged event its ``trigger`` and ``sentence``, so that they prove its
    slots; the other triggers follow it in ``mentions``. Each event is compared
    only with the merged events of its type (or kind, ``SAME_KIND``) and
    modality, the only ones ``same_event`` can accept, first merged first, and
    whose last telling lies at most ``MERGE_WINDOW_CHARS`` before it, so that
    the cost grows with the length of the text, not with its square.
    """
    merged: list[dict[str, Any]] = []
    last_start: list[int] = []  # of each merged event, its last telling's trigger
    by_key: dict[tuple[str, str], list[int]] = {}  # (type, modality) -> indices in merged
    for event in sorted(events, key=lambda e: e["trigger"]["start"]):
        event.setdefault("mentions", [event["trigger"]])
        start = event["trigger"]["start"]
        keys = _keys_to_compare(event)
        for key in keys & by_key.keys():  # forget what fell out of the window for good
            by_key[key] = [i for i in by_key[key]
                           if start - last_start[i] <= MERGE_WINDOW_CHARS]
        candidates = heapq.merge(*(by_key.get(key, ()) for key in keys))
        index = next((i for i in candidates if same_event(merged[i], event)), None)
        if index is None:
            by_key.setdefault(_merge_key(event), []).append(len(merged))
            merged.append(event)
            last_start.append(start)
            continue
        last_start[index] = start
        before = _merge_key(merged[index])
        if _filled(event) > _filled(merged[index]):
            absorb(event, merged[index])
            merged[index] = event
        else:
            absorb(merged[index], event)
        if _merge_key(merged[index]) != before:  # absorb may change the type
            by_key[before].remove(index)
            bisect.insort(by_key.setdefault(_merge_key(merged[index]), []), index)
    merged.sort(key=lambda e: e["trigger"]["start"])
    for number, event in enumerate(merged, 1):
        event["id"] = f"e{number}"
    return merged


def _merge_key(event: dict[str, Any]) -> tuple[str, str]:
    return event["type"], event.get("modality", "asserted")


def _keys_to_compare(event: dict[str, Any]) -> set[tuple[str, str]]:
    """The keys of the merged events that may tell the same event: same type, or
    a type of the ``SAME_KIND`` pair this one belongs to; same modality."""
    types = {event["type"]}
    for kind in SAME_KIND:
        if (event["type"], event.get("mode")) in kind:
            types |= {t for t, _ in kind}
    modality = event.get("modality", "asserted")
    return {(t, modality) for t in types}


# ------------------------------------------------------------------ across articles

def _happening(modality: str) -> frozenset[str]:
    for group in SAME_HAPPENING:
        if modality in group:
            return frozenset(group)
    return frozenset({modality})


def _report_date(event: dict[str, Any], published: dt.date | None) -> dict[str, Any] | None:
    """The event's date, or for an undated report the days before publication."""
    if event.get("date") and _period(event["date"]):
        return event["date"]
    if published is None:
        return None
    start = published - dt.timedelta(days=REPORT_LAG_DAYS)
    return {"earliest": start.isoformat(), "latest": published.isoformat()}


def _same_across(cluster: dict[str, Any], event: dict[str, Any],
                 published: dt.date | None) -> bool:
    """The ACLED rule: same type, same day, same place, compatible actors."""
    if not same_kind(cluster, event):
        return False
    if _happening(cluster["modality"]) != _happening(event.get("modality", "asserted")):
        return False
    day = dates_agree(cluster["period"], _report_date(event, published))
    if not day:
        return False
    both_days = all((d or {}).get("grain") == "day" for d in (cluster.get("date"),
                                                              event.get("date")))
    if both_days and cluster["date"]["value"] != event["date"]["value"]:
        return False
    place = places_agree(cluster.get("place"), event.get("place"))
    if place is False or (place is None and (cluster.get("place") or event.get("place"))):
        return False
    actors = [participants_agree(cluster.get(k), event.get(k)) for k in ("actor", "recipient")]
    if False in actors:
        return False
    return place is True or True in actors


def merge(articles: Iterable[Article]) -> list[MergedEvent]:
    """One ``MergedEvent`` per real-world event told by ``articles``.

    Reports are taken in order of publication; each joins the first merged
    event it matches by the ACLED rule (module docstring), else starts one.
    An article without ``id`` is named by its position ("1", "2"...).
    """
    reports = []
    for position, article in enumerate(articles, 1):
        article_id = article.id or str(position)
        for event in article.events:
            reports.append((article.published, article_id, event,
                            event.model_dump(mode="json")))
    reports.sort(key=lambda r: (r[0] or dt.date.max, r[1]))
    clusters: list[dict[str, Any]] = []
    for published, article_id, event, data in reports:
        cluster = next((c for c in clusters if _same_across(c, data, published)), None)
        report = EventReport(article_id=article_id, event_id=event.id, source=event.source,
                             published=published)
        if cluster is None:
            clusters.append({**data, "period": _report_date(data, published),
                             "reports": [report], "count_groups": [data.get("counts") or []]})
            continue
        for key in ("actor", "recipient"):
            cluster[key] = best_participant(cluster.get(key), data.get(key))
        cluster["place"] = best_place(cluster.get("place"), data.get("place"))
        cluster["date"] = best_date(cluster.get("date"), data.get("date"))
        if cluster.get("date") and _period(cluster["date"]):
            cluster["period"] = cluster["date"]
        if data.get("modality") == "asserted":
            cluster["modality"] = "asserted"
        cluster["mode"] = cluster.get("mode") or data.get("mode")
        cluster["reports"].append(report)
        cluster["count_groups"].append(data.get("counts") or [])
    return [_merged_event(number, cluster) for number, cluster in enumerate(clusters, 1)]


def _merged_event(number: int, cluster: dict[str, Any]) -> MergedEvent:
    counts, _ = reconcile_counts(cluster["count_groups"])
    dates = [r.published for r in cluster["reports"] if r.published is not None]

    def model(cls: type, value: dict[str, Any] | None) -> Any:
        return cls.model_validate(value) if value else None

    return MergedEvent(
        id=f"m{number}", type=cluster["type"], mode=cluster.get("mode"),
        actor=model(Participant, cluster.get("actor")),
        recipient=model(Participant, cluster.get("recipient")),
        place=model(Entity, cluster.get("place")), date=model(TimeRef, cluster.get("date")),
        counts=[Count.model_validate(c) for c in counts], modality=cluster["modality"],
        reports=cluster["reports"], first_reported=min(dates) if dates else None,
        last_reported=max(dates) if dates else None)


def to_records(merged: Iterable[MergedEvent]) -> list[dict[str, Any]]:
    """Flat dicts, one per merged event, for a table."""
    rows = []
    for m in merged:
        killed = next((c for c in m.counts if c.category == "killed"), None)
        rows.append({
            "id": m.id, "type": m.type, "mode": m.mode, "modality": m.modality,
            "actor": _label(m.actor), "actor_country": m.actor.country if m.actor else None,
            "recipient": _label(m.recipient),
            "place": _label(m.place), "place_country": m.place.country if m.place else None,
            "date": m.date.value if m.date else None,
            "counts": "; ".join(_count_text(c) for c in m.counts),
            "fatalities": killed.value if killed else None,
            "fatalities_low": killed.low if killed else None,
            "fatalities_high": killed.high if killed else None,
            "reports": len(m.reports),
            "articles": ", ".join(dict.fromkeys(str(r.article_id) for r in m.reports)),
            "sources": "; ".join(dict.fromkeys(
                _label(r.source.speaker) or "" for r in m.reports
                if r.source is not None and r.source.speaker is not None)),
            "first_reported": m.first_reported, "last_reported": m.last_reported,
        })
    return rows


def to_dataframe(merged: Iterable[MergedEvent]):
    """The records of ``to_records`` as a pandas DataFrame (needs pandas)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from kzevents.errors import KzeventsError

        raise KzeventsError("to_dataframe needs pandas: pip install 'kzevents[pandas]'") from exc
    return pd.DataFrame(to_records(merged))


def _label(part: Any) -> str | None:
    if part is None:
        return None
    return getattr(part, "name", None) or part.text


def _count_text(count: Count) -> str:
    if count.low is not None and count.high is not None and count.low != count.high:
        return f"{count.low}-{count.high} {count.category}"
    return f"{count.value} {count.category}"
