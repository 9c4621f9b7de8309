"""Correct, extend and link spaCy's entities with the gazetteers.

Runs right after ``ner``. Three sources of candidate spans are merged with
``doc.ents``: names and aliases of the hand-written gazetteers and countries
(accent- and case-insensitive, acronyms in capitals only), government bodies
built from patterns ("ministère arménien de la Défense", "forces de sécurité
kazakhes"), and spaCy's own spans. Then every entity is linked to a gazetteer
entry: exact alias, then rapidfuzz on misses; "M. Pachinian" takes the entry of
the person named earlier in the article; an unknown name stays an entity with
no ``kb_id``. The result is in ``doc.ents`` and ``doc._.kz_entity_info``.

>>> import spacy
>>> nlp = spacy.blank("fr")
>>> _ = nlp.add_pipe("kzevents_entities")
>>> doc = nlp("Le ministère arménien de la Défense a écrit à l'OTSC.")
>>> [(e.text, e.label_) for e in doc.ents]
[('ministère arménien de la Défense', 'ORG'), ('OTSC', 'ORG')]
>>> doc._.kz_entity_info["3:35"]["country"]
'ARM'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kzevents._extensions import ensure_extensions
from kzevents.gazetteers import BodyPattern, Gazetteer, load_gazetteer
from kzevents.pipes.entities.patterns import (
    AGENT_QUALIFIERS,
    COUNTRY_COMPLEMENTS,
    FOREIGN_TOWN_MIN_POPULATION,
    LEADING_TITLES,
    LOCATING_WORDS,
    NEVER_SPOT,
    NOT_NAMES,
    PLACE_HEADS,
    SETTLEMENT_KINDS,
    SITE_HEADS,
)
from kzevents.text import normalise_name, strip_accents

MAX_ALIAS_TOKENS = 12
_ARTICLES = frozenset({"le", "la", "les", "l'", "de", "du", "des", "d'", "un", "une"})


def fold(text: str) -> str:
    """Lower case without accents, with straight apostrophes (same meaning, for matching).

    >>> fold("Défense’")
    "defense'"
    """
    return strip_accents(text.replace("’", "'"))


@dataclass
class _Cand:
    """A candidate entity, in tokens, with its Entity fields."""

    start: int
    end: int
    label: str
    info: dict[str, Any] | None = None
    create: bool = True
    rank: int = 1  # 0: spaCy's own span
    place: tuple[int, str, int] | None = None  # "région de Gao": (name start, kind, precision)


@dataclass
class EntityLinker:
    """The ``kzevents_entities`` component (plain data, picklable)."""

    gazetteers: tuple[str, ...] = ()
    fuzzy: bool = True
    # first folded word -> (folded words, agent form, country its words name)
    _bodies: dict[str, list[tuple[list[str], BodyPattern, str | None]]] = field(
        default_factory=dict)

    @property
    def gz(self) -> Gazetteer:
        return load_gazetteer(self.gazetteers)

    def prepare(self, nlp: Language) -> None:
        """Tokenise the agent forms once, with the pipeline's tokenizer, indexed by first word."""
        self._bodies = {}
        for body in self.gz.bodies:
            head = [fold(t.text) for t in nlp.make_doc(body.head)]
            seat = self.gz.seat_in(normalise_name(body.head).split())  # "chef du Kremlin"
            self._bodies.setdefault(head[0], []).append((head, body, seat))
        for heads in self._bodies.values():
            heads.sort(key=lambda h: -len(h[0]))  # longest form first

    def __call__(self, doc: Doc) -> Doc:
        gz = self.gz
        folds = [fold(t.text) for t in doc]
        cands = (self._spot(doc, gz) + self._body_matches(doc, folds, gz)
                 + _place_heads(doc, folds, gz))
        ner = [_trim_site(doc, _trim(doc, c), gz) for c in _from_ner(doc)]
        ents = _merge(doc, ner, cands)
        ents = [_extend_person(doc, c, ents) if c.label == "PER" else c for c in ents]
        ents = self._link(doc, ents, gz)
        _give_roles(doc, ents, gz)
        _place_in_context(doc, ents, gz)
        info = {}
        spans = []
        for c in ents:
            span = Span(doc, c.start, c.end, label=c.label)
            spans.append(span)
            if c.info:
                info[f"{span.start_char}:{span.end_char}"] = c.info
        doc.ents = spans
        doc._.kz_entity_info = info
        return doc

    # -- candidates

    def _spot(self, doc: Doc, gz: Gazetteer) -> list[_Cand]:
        """Names of the hand-written gazetteers and countries found in the text."""
        found = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            lower = not tok.text[:1].isupper()
            first = normalise_name(tok.text).split()
            acronym = tok.text in gz.spot_acronyms or tok.is_upper
            if (lower and fold(tok.text) not in gz.lower_starts) or tok.like_url or (
                    fold(tok.text) in _ARTICLES) or not (
                    acronym or (first and first[0] in gz.spot_starts)):
                i += 1
                continue
            hit = None
            floor = 1 if lower and fold(tok.text) not in gz.lower_words else 0
            for n in range(min(MAX_ALIAS_TOKENS, len(doc) - i), floor, -1):
                span = doc[i : i + n]
                last = span[-1]
                if last.is_punct or last.is_space or any(
                        t.is_space or "\n" in t.whitespace_ for t in span[:-1]):
                    continue
                text = span.text
                ids = gz.spot_acronyms.get(text)
                if not ids and fold(text) not in NEVER_SPOT:
                    ids = gz.spot.get(normalise_name(text))
                if ids:
                    entry = gz.best(ids)
                    if entry is not None:
                        hit = _Cand(i, i + n, entry.label, entry.entity_fields())
                        break
            if hit:
                found.append(hit)
                i = hit.end
            else:
                i += 1
        return found

    def _body_matches(self, doc: Doc, folds: list[str], gz: Gazetteer) -> list[_Cand]:
        """Agents made actors by a country: head, optional demonym, optional complement.

        "armée malienne", "ministère arménien de la Défense", "gouvernement du Soudan",
        "chef de la diplomatie russe", "chef du Kremlin". Without a country the
        candidate only relabels a span spaCy found.
        """
        found = []
        for i in range(len(doc)):
            for head, body, seat in self._bodies.get(folds[i], ()):
                j, country = i + 1, None
                if len(head) > 1:  # "ministère arménien de la Défense"
                    country, j = _demonym_at(doc, folds, j, gz, qualified=False)
                if folds[j : j + len(head) - 1] != head[1:]:
                    continue
                j += len(head) - 1
                if country is None:
                    country, j = _demonym_at(doc, folds, j, gz)
                if country is None and body.kind != "group":  # "habitants de Goma" stays a place
                    country, j = self._complement(doc, folds, j, gz)
                country = country or seat
                found.append(_agent_cand(i, j, body, country, gz))
                break
        return found

    def _complement(self, doc: Doc, folds: list[str], j: int, gz: Gazetteer
                    ) -> tuple[str | None, int]:
        """ "du Kazakhstan", "de l'Arménie" after a head: (country, end token)."""
        for prep in COUNTRY_COMPLEMENTS:
            words = [fold(w) for w in prep.split()]
            if folds[j : j + len(words)] != words:
                continue
            k = j + len(words)
            for n in (3, 2, 1):
                if k + n > len(doc) or doc[k + n - 1].is_punct:
                    continue
                ids = gz.index.get(normalise_name(doc[k : k + n].text), [])
                entry = next((gz.entries[x] for x in ids if gz.entries[x].kind == "country"),
                             None)
                if entry is not None and doc[k].text[:1].isupper():
                    return entry.country, k + n
        return None, j

    # -- linking

    def _link(self, doc: Doc, ents: list[_Cand], gz: Gazetteer) -> list[_Cand]:
        people: dict[str, dict[str, Any]] = {}  # folded surname -> info of a person named before
        kept = []
        for c in ents:
            span = doc[c.start : c.end]
            name = _strip_titles(span.text)
            if not name or (c.info is None and name != span.text and (
                    fold(name) in gz.demonyms or name[:1].islower())):
                continue  # a title, not a name: "Premier ministre arménien"
            if c.place is not None:
                kept.append(c)  # resolved in context, by _place_in_context
                continue
            if c.info is None:
                c.info = self._lookup(name, c, gz, people)
            elif c.rank == 2 and "country" not in c.info and (
                    entry := gz.exact(name, c.label)) is not None:
                c.info = entry.entity_fields()  # a known body beats a bare agent noun
            if c.info is None and c.label == "PER" and " " not in name and (
                    fold(name) in NOT_NAMES or name.lower() in NOT_NAMES):
                continue
            if c.label == "PER":
                words = name.split()
                info = c.info or {"kind": "person", "name": name}
                before = fold(doc[c.start - 1].text) if c.start else ""
                if "country" not in info and before in gz.demonyms:
                    info["country"] = gz.demonyms[before]  # "le journaliste russe Ivan Petrov"
                    c.info = info
                if c.info is None and len(words) > 1:
                    c.info = info
                people.setdefault(fold(words[-1]), info)
            kept.append(c)
        return kept

    def _lookup(self, name: str, c: _Cand, gz: Gazetteer,
                people: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
        if c.label == "PER" and " " not in name and fold(name) in people:
            return dict(people[fold(name)])
        key = normalise_name(name)
        if key in gz.demonyms:  # "les Vénézuéliens": the people of a country
            c.label = "MISC"
            return {"kind": "group", "country": gz.demonyms[key], "sector": "CVL"}
        entry = gz.lookup(name, c.label, fuzzy=self.fuzzy and c.label != "MISC")
        if entry is None:
            return None
        if entry.label != c.label:
            curated = not entry.kb_id.startswith("geonames:") or entry.kind == "country"
            if c.label == "PER" and entry.label == "LOC":
                return None  # "Maurice" the man is not the island, "Shevchenko" not the town
            if curated or c.label == "MISC":
                c.label = entry.label
        return entry.entity_fields()


# roles whose holder is found under another role name ("chef du Kremlin" -> président)
HEAD_ROLES = {"dirigeant": ("président", "roi", "Premier ministre", "dirigeant"),
              "président de la transition": ("président",)}


def _give_roles(doc: Doc, ents: list[_Cand], gz: Gazetteer) -> None:
    """A person in apposition to a role takes its country and sector; a bare role
    with a country is the person holding that office on the article's date.

    "Le Premier ministre éthiopien Abiy Ahmed", "Assimi Goïta, le président de la
    transition malienne", "le président kazakh" (-> Tokaïev in 2022).
    """
    for k, c in enumerate(ents):
        if c.label == "PER" and c.info and "sector" not in c.info:
            _title_before(doc, c, ents[k - 1].end if k else 0, gz)
        if c.label != "PER" or not c.info or c.info.get("kind") != "role":
            continue
        person = _apposed(doc, ents, k)
        if person is not None:
            for key in ("country", "sector"):
                if key in c.info:
                    person.info.setdefault(key, c.info[key])
            c.info.update({k: v for k, v in person.info.items()
                           if k in ("kb_id", "name", "country")})
            continue
        if "country" not in c.info:
            continue
        role = c.info["name"].split(" (")[0]
        for name in HEAD_ROLES.get(role, (role,)):
            holder = gz.holder(name, c.info["country"], doc._.kz_published)
            if holder is not None:
                c.info.update(kb_id=holder.kb_id, name=holder.name, kind="person")
                break


def _title_before(doc: Doc, c: _Cand, stop: int, gz: Gazetteer) -> None:
    """ "le chef de la junte, Assimi Goïta": the role just before a name gives its sector."""
    end = c.start - 1 if c.start and doc[c.start - 1].text == "," else c.start
    for n in range(min(6, end - stop), 0, -1):
        words = doc[end - n : end]
        if any(t.is_punct for t in words):
            continue
        found = gz.agent(words.text, whole=True)
        if found and found["kind"] in ("role", "group") and found["sector"]:
            c.info.setdefault("sector", found["sector"])
            if "country" in found:
                c.info.setdefault("country", found["country"])
            return


def _apposed(doc: Doc, ents: list[_Cand], k: int) -> _Cand | None:
    """The person named right after a role ("ministre X") or before it ("X, le ministre")."""
    c = ents[k]
    after = ents[k + 1] if k + 1 < len(ents) else None
    if after is not None and after.label == "PER" and after.info is not None and (
            after.start == c.end or (after.start == c.end + 1 and doc[c.end].text == ",")):
        return after
    before = ents[k - 1] if k else None
    if before is not None and before.label == "PER" and before.info is not None:
        gap = [fold(t.text) for t in doc[before.end : c.start]]
        if gap and gap[0] == "," and all(w in _ARTICLES for w in gap[1:]) and len(gap) <= 2:
            return before
    return None


def _demonym_at(doc: Doc, folds: list[str], j: int, gz: Gazetteer,
                qualified: bool = True) -> tuple[str | None, int]:
    """A demonym at token j, maybe after one qualifier ("fédéral somalien") or written
    with a hyphen ("sud-coréens"): (country, token after it), or (None, j)."""
    for k in (j, j + 1) if qualified else (j,):
        if k > j and (k - 1 >= len(doc) or folds[k - 1] not in AGENT_QUALIFIERS):
            break
        if k + 2 < len(doc) and folds[k + 1] == "-":
            key = normalise_name(doc[k : k + 3].text)
            if key in gz.demonyms:
                return gz.demonyms[key], k + 3
        key = normalise_name(doc[k].text) if k < len(doc) else ""
        if key in gz.demonyms:  # "malienne", "sud-coréens" as one token
            return gz.demonyms[key], k + 1
    return None, j


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


def _place_heads(doc: Doc, folds: list[str], gz: Gazetteer) -> list[_Cand]:
    """ "région de Gao", "province d'Idlib", "oblast de Mangystau": a head, "de", a known place."""
    found = []
    for i, word in enumerate(folds[:-2]):
        head = PLACE_HEADS.get(word) or PLACE_HEADS.get(doc[i].text.lower())
        if head is None:
            continue
        j = i + 1
        for prep in ("de la", "de l'", "de l’", "du", "des", "de", "d'", "d’"):
            words = prep.split()
            if folds[j : j + len(words)] == [fold(w) for w in words]:
                j += len(words)
                break
        else:
            continue
        for n in (3, 2, 1):
            name = doc[j : j + n]
            if j + n > len(doc) or not name[0].text[:1].isupper() or any(
                    t.is_punct and t.text != "-" for t in name):
                continue
            places = gz.places(name.text)
            if any(p.kind == "country" for p in places):
                break  # "État d'Israël", "région du Kazakhstan": not a province
            kind, precision = head
            if kind in SETTLEMENT_KINDS:
                places = [p for p in places if p.kind == "city"]
            whole = gz.exact(doc[i : j + n].text, "LOC")
            if whole is not None and whole.kind != "city":
                break  # "oblast de Donetsk" is in the gazetteer itself
            if places:
                found.append(_Cand(i, j + n, "LOC", None, rank=2, place=(j, kind, precision)))
                break
    return found


def _context_countries(ents: list[_Cand], gz: Gazetteer) -> dict[int, str]:
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


def _place_in_context(doc: Doc, ents: list[_Cand], gz: Gazetteer) -> None:
    """Choose among same-named places the one in the countries the article is about
    (named by the other entities of the article).

    A town outside those countries is dropped unless it is a capital or large; a
    "région de X" takes X's country and coordinates and the head's precision.
    """
    named = _context_countries(ents, gz)
    for k, c in enumerate(ents):
        context = {country for i, country in named.items() if i != k}
        if c.place is not None:
            _resolve_head(doc, c, context, gz)
            continue
        info = c.info
        name = _strip_titles(doc[c.start : c.end].text)
        if c.label == "PER" and (info or {}).get("kind") in (None, "person") and not (
                info or {}).get("kb_id"):
            _person_or_place(c, name, context, gz)  # "Bahir Dar", "El-Fasher" tagged PER
            continue
        if c.label != "LOC" or (info is not None and info.get("kind") != "city"):
            continue
        places = [p for p in gz.places(name) if p.kind != "country"]
        near = _located_in(doc, c, ents, gz)  # "Odessa, au Texas"
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


def _located_in(doc: Doc, c: _Cand, ents: list[_Cand], gz: Gazetteer) -> str | None:
    """The country of a region or country named right after a town ("Odessa, au Texas"),
    or of a demonym right before it ("la ville algérienne de Saïda")."""
    before = [fold(t.text) for t in doc[max(0, c.start - 3) : c.start]]
    if len(before) == 3 and before[0] in PLACE_HEADS and before[2] in ("de", "d'", "d’") and (
            before[1] in gz.demonyms):
        return gz.demonyms[before[1]]
    k = ents.index(c)
    nxt = ents[k + 1] if k + 1 < len(ents) else None
    if nxt is None or nxt.label != "LOC" or not nxt.info or nxt.start - c.end > 3:
        return None
    between = [fold(t.text) for t in doc[c.end : nxt.start]]
    if not between or not all(w in LOCATING_WORDS for w in between):
        return None
    return nxt.info.get("country") if nxt.info.get("kind") in ("region", "country") else None


def _person_or_place(c: _Cand, name: str, context: set[str], gz: Gazetteer) -> None:
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


def _resolve_head(doc: Doc, c: _Cand, context: set[str], gz: Gazetteer) -> None:
    assert c.place is not None
    start, kind, precision = c.place
    places = gz.places(doc[start : c.end].text)
    place = _best_place(places, context) or gz.best(p.kb_id for p in places
                                                     if p.kb_id in gz.entries)
    if place is None and places:
        place = max(places, key=lambda p: p.population or 0)
    if place is None:
        return
    if place.kind == "region" or (kind == "city" and place.kind == "city"):
        c.info = place.entity_fields()  # "région du Darfour", "ville de Goma"
        return
    c.info = {"kind": kind, "name": doc[c.start : c.end].text, "country": place.country,
              "lat": place.lat, "lon": place.lon, "precision": precision}
    c.info = {k: v for k, v in c.info.items() if v is not None}


def _agent_cand(start: int, end: int, body: BodyPattern, country: str | None,
                gz: Gazetteer) -> _Cand:
    """The candidate of an agent phrase: ORG for a body, PER for a role, MISC for a group."""
    label = {"role": "PER", "group": "MISC"}.get(body.kind, "ORG")
    info: dict[str, Any] = {"kind": body.kind, "sector": body.sector, "name": body.name}
    if country:
        info.update(country=country, name=f"{body.name} ({gz.entries[gz.countries[country]].name})")
        if label == "ORG":
            slug = "-".join(re.findall(r"\w+", fold(body.name)))
            info["kb_id"] = f"kz:body:{country}:{slug}"
    info = {k: v for k, v in info.items() if v is not None}
    return _Cand(start, end, label, info, create=bool(country), rank=2)


def _strip_titles(text: str) -> str:
    """ "M. Pachinian" -> "Pachinian", "le président Poutine" -> "Poutine"."""
    text = text.strip()
    changed = True
    while changed:
        changed = False
        low = text.lower()
        for title in LEADING_TITLES:
            if low.startswith(title) and (title.endswith(("'", "’"))
                                          or low[len(title) : len(title) + 1] in (" ", "")):
                text = text[len(title) :].strip()
                changed = True
                break
    return text


def _from_ner(doc: Doc) -> list[_Cand]:
    return [_Cand(e.start, e.end, e.label_, rank=0) for e in doc.ents]


def _trim(doc: Doc, c: _Cand) -> _Cand:
    """Drop a leading article or civility from a spaCy span: "L'Arménie", "M. Pachinian"."""
    while c.end - c.start > 1 and fold(doc[c.start].text) in _TRIM:
        c.start += 1
    return c


def _trim_site(doc: Doc, c: _Cand, gz: Gazetteer) -> _Cand:
    """ "port de Kismayo" -> "Kismayo" when the rest is a known place."""
    words = [fold(t.text) for t in doc[c.start : min(c.end, c.start + 3)]]
    if len(words) < 3 or strip_accents(words[0]) not in SITE_HEADS or words[1] not in (
            "de", "d'", "du"):
        return c
    if gz.places(doc[c.start + 2 : c.end].text):
        c.start += 2
        c.label = "LOC"
    return c


_TRIM = frozenset({"l'", "la", "le", "les", "m.", "mme", "mm.", "mlle"})


def _title(tok: Any) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper


def _extend_person(doc: Doc, c: _Cand, ents: list[_Cand]) -> _Cand:
    """Take in a first or last name spaCy left out: "Daniyar Adilbekov", "Qassym-Jomart Toqaev"."""
    taken = {i for o in ents if o is not c for i in range(o.start, o.end)}

    def free(i: int) -> bool:
        return 0 <= i < len(doc) and i not in taken and "\n" not in doc[i].whitespace_
    # a hyphenated first name before: Title - Title
    if (free(c.start - 1) and free(c.start - 3) and doc[c.start - 2].text == "-"
            and _title(doc[c.start - 1]) and _title(doc[c.start - 3])
            and not doc[c.start - 2].whitespace_ and not doc[c.start - 3].whitespace_):
        c.start -= 3
    # a surname after a lone first name
    after = doc[c.end] if c.end < len(doc) else None
    if c.end - c.start == 1 and after is not None and free(c.end) and _title(after) and (
            doc[c.start].whitespace_ == " ") and not after.is_stop:
        c.end += 1
    return c


def _merge(doc: Doc, ents: list[_Cand], cands: list[_Cand]) -> list[_Cand]:
    """spaCy's entities corrected by the gazetteer and pattern candidates."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, -c.rank, c.start)):
        if not any(o.start < c.end and c.start < o.end for o in chosen):
            chosen.append(c)
    for c in chosen:
        overlap = [o for o in ents if o.start < c.end and c.start < o.end]
        if c.rank == 2 and c.create and len(overlap) == 1 and (
                c.start <= overlap[0].start < c.end < overlap[0].end):
            _after_role(doc, c, overlap[0])  # "[Premier ministre éthiopien] [Abiy Ahmed]"
            ents.append(c)
            continue
        if not overlap:
            if c.create:
                ents.append(c)
            continue
        if all(c.start <= o.start and o.end <= c.end for o in overlap):
            ents = [o for o in ents if o not in overlap] + [c]
            continue
        if len(overlap) == 1 and overlap[0].start <= c.start and c.end <= overlap[0].end:
            o = overlap[0]
            text = doc[o.start : o.end].text
            before = doc[c.start - 1].text.lower() if c.start > o.start else ""
            prefix_common = c.start > o.start and all(
                not t.text[:1].isupper() for t in doc[o.start : c.start])
            if "\n" in text or prefix_common or (
                    o.label == "MISC" and before in ("d'", "d’", "de", "du")):
                ents = [e for e in ents if e is not o] + [c]
            elif c.label == "PER" and c.info and o.label in ("PER", "LOC", "MISC"):
                o.label, o.info = "PER", c.info  # "Nikol Pachinian" contains "Pachinian"
            continue
        if c.create and c.rank > 0:
            ents = [o for o in ents if o not in overlap] + [c]
    return sorted(ents, key=lambda c: c.start)


def _after_role(doc: Doc, role: _Cand, o: _Cand) -> None:
    """Cut a spaCy span that runs from an agent phrase into the name after it."""
    o.start = role.end
    if role.label == "PER" and all(_title(t) or t.text == "-" for t in doc[o.start : o.end]):
        o.label = "PER"


@Language.factory(
    "kzevents_entities",
    default_config={"gazetteers": [], "fuzzy": True},
)
def make_entities(nlp: Language, name: str, gazetteers: list[str], fuzzy: bool) -> EntityLinker:
    """Factory of ``kzevents_entities``: add it right after ``ner`` (or on a blank pipeline).

    ``gazetteers``: extra gazetteer files (JSONL) beside the package ones.
    ``fuzzy``: link names by rapidfuzz when the exact lookup misses.
    """
    ensure_extensions()
    linker = EntityLinker(gazetteers=tuple(str(p) for p in gazetteers), fuzzy=fuzzy)
    linker.prepare(nlp)
    return linker
