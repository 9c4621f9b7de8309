"""Places in context: which of the places sharing a name the article means.

The countries the article is about (named countries, demonyms, regions, bodies, people
and organisations with a country, capitals, towns whose name is nowhere else) decide
among same-named towns ("Moura" in an article on Mali, "Tripoli" in one on Lebanon); a
region or country named right after a town places it ("Odessa, au Texas"); "région de
X", "province de X", "district de X" are built from the place X with the head's
precision (2 province, 3 district, 4 city, 5 below).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kzevents.gazetteers import Gazetteer
from kzevents.pipes.entities.patterns import (
    FOREIGN_TOWN_MIN_POPULATION,
    LOCATING_WORDS,
    PLACE_HEADS,
    SETTLEMENT_KINDS,
    SITE_HEADS,
)
from kzevents.pipes.entities.spans import Cand, DocTokens, fold, strip_titles
from kzevents.text import normalise_name, strip_accents


def main_country(infos: Any) -> str | None:
    """The country an article names most (first named on a tie), from entity dicts.

    Common-noun actors with no country of their own ("l'armée", "les manifestants")
    are most often that country's: the events component may use it as their default.

    >>> main_country([{"country": "MLI"}, {"country": "FRA"}, {"country": "MLI"}, {}])
    'MLI'
    """
    counts: dict[str, int] = {}
    for info in infos:
        country = info.get("country")
        if country:
            counts[country] = counts.get(country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def place_heads(tokens: DocTokens, gz: Gazetteer) -> list[Cand]:
    """ "région de Gao", "province d'Idlib", "oblast de Mangystau": a head, "de", a known place."""
    found = []
    folds, texts = tokens.folds, tokens.texts
    for i in [i for i, word in enumerate(folds[:-2]) if word in _HEAD_FOLDS]:
        head = PLACE_HEADS.get(folds[i]) or PLACE_HEADS.get(texts[i].lower())
        if head is None:
            continue
        j = i + 1
        for words in _PREPOSITIONS:
            if folds[j : j + len(words)] == words:
                j += len(words)
                break
        else:
            continue
        for n in (3, 2, 1):
            if j + n > len(tokens) or not texts[j][:1].isupper() or any(
                    tokens.is_punct[k] and texts[k] != "-" for k in range(j, j + n)):
                continue
            places = gz.places(tokens.text(j, j + n))
            if any(p.kind == "country" for p in places):
                break  # "État d'Israël", "région du Kazakhstan": not a province
            kind, precision = head
            if kind in SETTLEMENT_KINDS:
                places = [p for p in places if p.kind == "city"]
            whole = gz.exact(tokens.text(i, j + n), "LOC")
            if whole is not None and whole.kind != "city":
                break  # "oblast de Donetsk" is in the gazetteer itself
            if places:
                found.append(Cand(i, j + n, "LOC", None, rank=2, place=(j, kind, precision)))
                break
    return found


# PLACE_HEADS folded: a token whose folded text is not here is no head
_HEAD_FOLDS = frozenset(fold(head) for head in PLACE_HEADS)
# the prepositions after a place head, as folded words
_PREPOSITIONS = [[fold(w) for w in prep.split()]
                 for prep in ("de la", "de l'", "de l’", "du", "des", "de", "d'", "d’")]


def _context_countries(ents: list[Cand], gz: Gazetteer) -> dict[int, str]:
    """The countries an article is about, by entity index: named countries, demonyms,
    regions, bodies, people and organisations with a country, capitals; not towns,
    whose names are ambiguous."""
    countries = {}
    for k, c in enumerate(ents):
        info = c.info or {}
        country = info.get("country")
        if not country or c.place is not None:
            continue
        if info.get("kind") == "city" and gz.metonym_country(info.get("kb_id")) is None and (
                len({p.country for p in gz.places(info.get("name") or "")}) != 1):
            continue  # a town counts only when its name is nowhere else ("Djibo")
        countries[k] = country
    return countries


def place_in_context(tokens: DocTokens, ents: list[Cand], gz: Gazetteer) -> None:
    """Choose among same-named places the one in the countries the article is about
    (named by the other entities of the article).

    A town outside those countries is dropped unless it is a capital or large; a
    "région de X" takes X's country and coordinates and the head's precision.
    """
    named = _context_countries(ents, gz)
    # the countries of earlier chunks
    before = set((tokens.doc._.kz_context or {}).get("countries") or ())
    times = Counter(named.values())
    everywhere = before | set(times)
    for k, c in enumerate(ents):
        info = c.info
        person = c.label == "PER" and (info or {}).get("kind") in (None, "person") and not (
            info or {}).get("kb_id")
        if c.place is None and not person and (
                c.label != "LOC" or (info is not None and info.get("kind") != "city")):
            continue  # no place to choose
        # the countries the other entities name (not counted entity by entity)
        context = set(everywhere)
        if k in named and times[named[k]] == 1 and named[k] not in before:
            context.discard(named[k])
        if c.place is not None:
            _resolve_head(tokens, c, context, gz)
            continue
        name = strip_titles(tokens.text(c.start, c.end))
        if person:
            _person_or_place(c, name, context, gz)  # "Bahir Dar", "El-Fasher" tagged PER
            continue
        places = [p for p in gz.places(name) if p.kind != "country"]
        near = _located_in(tokens, k, ents, gz)  # "Odessa, au Texas"
        if near is not None and any(p.country == near for p in places):
            places = [p for p in places if p.country == near]
            c.info = _best_place(places, {near}).entity_fields()
            continue
        chosen = _best_place(places, context, name)
        current = gz.entries.get((info or {}).get("kb_id", ""))
        if chosen is not None and (current is None or _outweighs(chosen, current)):
            c.info = chosen.entity_fields()
        elif info is None and places and (len({p.country for p in places}) == 1
                                          or _dominant(places) is not None):
            c.info = (_dominant(places) or max(places, key=lambda p: p.population or 0)
                      ).entity_fields()  # "Tessalit": a name nowhere else
        elif current is not None and context and current.country not in context:
            fuzzy = current.kb_id not in {p.kb_id for p in places}  # "Kobané" -> Cobán
            if fuzzy or not (current.capital or _dominant(places) is current or (
                    current.population or 0) >= FOREIGN_TOWN_MIN_POPULATION):
                c.info = None


def _dominant(places: list[Any]) -> Any:
    """The place ten times more populous than any other of its name ("Calais"), or None."""
    ranked = sorted(places, key=lambda p: -(p.population or 0))
    if not ranked or not ranked[0].population:
        return None
    if len(ranked) == 1 or ranked[0].population >= 10 * (ranked[1].population or 0):
        return ranked[0]
    return None


def _located_in(tokens: DocTokens, k: int, ents: list[Cand], gz: Gazetteer) -> str | None:
    """The country of a region or country named right after the town ``ents[k]``
    ("Odessa, au Texas"), or of a demonym right before it ("la ville algérienne de Saïda")."""
    c = ents[k]
    before = tokens.folds[max(0, c.start - 3) : c.start]
    if len(before) == 3 and before[0] in PLACE_HEADS and before[2] in ("de", "d'", "d’") and (
            before[1] in gz.demonyms):
        return gz.demonyms[before[1]]
    nxt = ents[k + 1] if k + 1 < len(ents) else None
    if nxt is None or nxt.label != "LOC" or not nxt.info or nxt.start - c.end > 3:
        return None
    between = tokens.folds[c.end : nxt.start]
    if not between or not all(w in LOCATING_WORDS for w in between):
        return None
    return nxt.info.get("country") if nxt.info.get("kind") in ("region", "country") else None


def _person_or_place(c: Cand, name: str, context: set[str], gz: Gazetteer) -> None:
    """A name spaCy took for a person that is a large city, or a town of the article's
    countries, and no known person: a place ("Wad Madani", "Bandar Abbas")."""
    if gz.exact(name, "PER") is not None and gz.exact(name, "PER").label == "PER":
        return
    places = [p for p in gz.places(name) if p.kind == "city"]
    local = [p for p in places if p.country in context]
    big = [p for p in places if (p.population or 0) >= FOREIGN_TOWN_MIN_POPULATION]
    chosen = max(local or big, key=lambda p: p.population or 0, default=None)
    if chosen is not None:
        c.label, c.info = "LOC", chosen.entity_fields()


def _outweighs(local: Any, best: Any) -> bool:
    """Does a place in the article's countries beat the best-known one of that name?

    Yes unless the best-known is a capital or large city and the local one is much
    smaller: "Tripoli" in an article on Lebanon is Lebanon's; "Genève" in an article
    naming Washington stays in Switzerland.
    """
    big = best.capital or (best.population or 0) >= FOREIGN_TOWN_MIN_POPULATION
    local_size = local.population or 0
    return (not big or (not best.kb_id.startswith("geonames:") and best.kind != "city")
            or local_size >= FOREIGN_TOWN_MIN_POPULATION
            or local_size >= 0.2 * (best.population or 0)
            or not local.kb_id.startswith("geonames:"))


def _best_place(places: list[Any], context: set[str], name: str = "") -> Any:
    """The best place in the context countries: hand-written first, then capitals, then
    those whose own name is the one written ("Pokrovsk", not Engels, once Pokrovsk),
    then the largest."""
    key = normalise_name(name)
    inside = [p for p in places if p.country in context and p.kind != "country"]
    if not inside:
        return None
    return min(inside, key=lambda p: (p.kb_id.startswith("geonames:"), not p.capital,
                                      normalise_name(p.name) != key, -(p.population or 0)))


def _resolve_head(tokens: DocTokens, c: Cand, context: set[str], gz: Gazetteer) -> None:
    assert c.place is not None
    start, kind, precision = c.place
    places = gz.places(tokens.text(start, c.end))
    place = _best_place(places, context) or gz.best(p.kb_id for p in places
                                                     if p.kb_id in gz.entries)
    if place is None and places:
        place = max(places, key=lambda p: p.population or 0)
    if place is None:
        return
    if place.kind == "region" or (kind == "city" and place.kind == "city"):
        c.info = place.entity_fields()  # "région du Darfour", "ville de Goma"
        return
    c.info = {"kind": kind, "name": tokens.text(c.start, c.end), "country": place.country,
              "lat": place.lat, "lon": place.lon, "precision": precision}
    c.info = {k: v for k, v in c.info.items() if v is not None}


def trim_site(tokens: DocTokens, c: Cand, gz: Gazetteer) -> Cand:
    """ "port de Kismayo" -> "Kismayo" when the rest is a known place."""
    words = tokens.folds[c.start : min(c.end, c.start + 3)]
    if len(words) < 3 or strip_accents(words[0]) not in SITE_HEADS or words[1] not in (
            "de", "d'", "du"):
        return c
    if gz.places(tokens.text(c.start + 2, c.end)):
        c.start += 2
        c.label = "LOC"
    return c
