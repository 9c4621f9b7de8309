"""Gazetteers: loading, validation, and alias lookup (exact, then fuzzy).

The package files under ``data/gazetteers/`` (see its README) and any user
files given to ``Extractor(gazetteers=[path])`` are read into one
``Gazetteer``. Every line is validated; a bad line fails with the file, the
line and the problem. Lookup is exact on normalised names first (accents,
case, punctuation and a leading article ignored), then, on a miss only,
rapidfuzz with a cutoff and a length guard so that a short or distant name is
left unlinked rather than forced onto a wrong entry ("Beni" stays "Beni").

The package files are compiled once into a prebuilt index (``index.pickle.gz``,
``kzevents.gazetteer_index``), checked against the files at load: a process starts in
a fraction of a second and builds an entry only when it is asked for (``EntryTable``).
The towns file is searched in place on first use (``TownIndex``).

>>> gz = load_gazetteer()
>>> gz.lookup("Toqaev").name
'Kassym-Jomart Tokaïev'
>>> gz.fuzzy("Beni") is None          # never "Benin": too short to guess
True
>>> gz.lookup("Beni").country         # the town of Beni itself, found exactly
'COD'
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import fuzz, process

from kzevents.errors import DataFileError
from kzevents.resources import data_path, read_jsonl
from kzevents.text import normalise_name, strip_accents

ISO3 = re.compile(r"^[A-Z]{3}$")
# Entry files of the package, in load order (later files add aliases to earlier ids).
ENTRY_FILES = ("countries.jsonl", "country_centroids.jsonl", "cities.jsonl", "places.jsonl",
               "exonyms.jsonl", "regions.jsonl", "organisations.jsonl", "people.jsonl")
FUZZY_CUTOFF = 88.0   # rapidfuzz ratio (0-100) a fuzzy match must reach
FUZZY_MIN_LENGTH = 5  # names shorter than this are never fuzzy-matched
TOWN_CACHE_SIZE = 50_000  # names whose towns are kept once read (then the cache starts again)
# Entity fields a component copies from an entry (Entity in kzevents/models.py).
ENTITY_FIELDS = ("kind", "kb_id", "name", "country", "sector", "lat", "lon", "geonameid",
                 "precision")


class Office(BaseModel):
    """An office a person holds or held; ISO dates, ``end`` None while in office."""

    model_config = ConfigDict(extra="forbid")
    title: str
    start: str | None = None
    end: str | None = None
    # the agent name and country of the title ("Premier ministre", "ETH"); read from the
    # title by ``Gazetteer.agent`` when left out
    role: str | None = None
    country: str | None = None


class GazetteerEntry(BaseModel):
    """One thing the gazetteers know: a country, city, organisation, person..."""

    model_config = ConfigDict(extra="forbid")
    kb_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    link_only: list[str] = Field(default_factory=list)
    label: Literal["PER", "ORG", "LOC", "MISC"]
    kind: str
    country: str | None = None
    sector: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonameid: int | None = None
    precision: int | None = Field(default=None, ge=1, le=5)
    population: int | None = None
    capital: bool = False
    iso2: str | None = None
    members: list[str] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and not ISO3.match(value):
            raise ValueError(f"{value!r} is not an ISO 3166 alpha-3 code (three capitals: KAZ)")
        return value

    def entity_fields(self) -> dict[str, Any]:
        """The Entity fields of this entry, None values left out."""
        return {name: value for name in ENTITY_FIELDS
                if (value := getattr(self, name)) is not None}


class CityEntry(GazetteerEntry):
    """A line of the generated cities.jsonl, whose constant fields are left out."""

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, raw: Any) -> Any:
        if isinstance(raw, dict) and "geonameid" in raw:
            raw = {"kb_id": f"geonames:{raw['geonameid']}", "label": "LOC", "kind": "city",
                   "precision": 4, **raw}
        return raw


class Demonym(BaseModel):
    """French demonym forms of one country ("arménien", "arménienne"... -> ARM)."""

    model_config = ConfigDict(extra="forbid")
    country: str
    forms: list[str] = Field(min_length=1)


class Agent(BaseModel):
    """A French noun or phrase naming a role, a body or a group (agents.jsonl).

    ``forms`` are every written form of ``name`` (singular, plural, feminine);
    ``kind`` is ``role`` (one office holder), ``group`` (people) or the kind of
    an organisation (``government_body``, ``armed_group``, ``organization``, ``party``).
    """

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    forms: list[str] = Field(min_length=1)
    sector: str | None
    kind: str


class BodyPattern(BaseModel):
    """One written form of an agent, expanded by a demonym or a country into an actor
    ("armée" + "malienne", "ministère" + "arménien" + "de la Défense")."""

    model_config = ConfigDict(extra="forbid")
    head: str = Field(min_length=1)
    sector: str | None
    kind: str = "government_body"
    name: str = ""


def is_acronym(alias: str) -> bool:
    """Acronyms ("ONU", "UE", "RFE/RL") match only when written in capitals.

    >>> is_acronym("UE"), is_acronym("Kremlin")
    (True, False)
    """
    return len(alias) <= 8 and alias.isupper()


def pack_entry(entry: GazetteerEntry) -> str:
    """An entry as one JSON line of the fields it sets, for the prebuilt index.

    >>> e = GazetteerEntry(kb_id="x:1", name="Ménaka", label="LOC", kind="city")
    >>> pack_entry(e)
    '{"kb_id":"x:1","name":"Ménaka","label":"LOC","kind":"city"}'
    >>> unpack_entry(pack_entry(e)) == e
    True
    """
    fields = entry.model_dump(exclude_unset=True)
    if type(entry) is CityEntry:
        fields["_city"] = True
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def unpack_entry(packed: str) -> GazetteerEntry:
    """The entry of ``pack_entry``: same class, fields and set fields, not re-validated
    (the index was built from validated files)."""
    fields = json.loads(packed)
    model = CityEntry if fields.pop("_city", False) else GazetteerEntry
    if "offices" in fields:
        fields["offices"] = [Office.model_construct(set(o), **{**_defaults(Office), **o})
                             for o in fields["offices"]]
    return model.model_construct(set(fields), **{**_defaults(model), **fields})


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """The default of every optional field, new lists made here: left to model_construct,
    a default factory costs an inspection of its signature each time (pydantic 2.14)."""
    return {name: field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
            for name, field in model.model_fields.items() if not field.is_required()}


class EntryTable(MutableMapping[str, GazetteerEntry]):
    """kb_id -> entry. Entries read from the prebuilt index stay packed (one JSON
    string each) until first asked for: a process that links a few hundred names
    never builds the 35 000 entries (cities, mostly) it does not use."""

    def __init__(self, packed: dict[str, str] | None = None,
                 labels: dict[str, str] | None = None) -> None:
        self._data: dict[str, GazetteerEntry | str] = dict(packed or {})
        self._labels: dict[str, str] = dict(labels or {})

    def __getitem__(self, kb_id: str) -> GazetteerEntry:
        value = self._data[kb_id]
        if isinstance(value, str):
            value = self._data[kb_id] = unpack_entry(value)
        return value

    def __setitem__(self, kb_id: str, entry: GazetteerEntry) -> None:
        self._data[kb_id] = entry
        self._labels[kb_id] = entry.label

    def __delitem__(self, kb_id: str) -> None:
        del self._data[kb_id]
        del self._labels[kb_id]

    def __contains__(self, kb_id: object) -> bool:
        return kb_id in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def label(self, kb_id: str) -> str:
        """The label of an entry, without building it."""
        return self._labels[kb_id]

    def labels(self) -> dict[str, str]:
        """kb_id -> label of every entry (for the prebuilt index)."""
        return dict(self._labels)

    def with_offices(self) -> Iterator[GazetteerEntry]:
        """The entries that list offices, the others left packed."""
        for kb_id, value in self._data.items():
            # a packed entry lists offices if its JSON has the key (inside a string
            # value the quotes would be escaped)
            if '"offices":' in value if isinstance(value, str) else value.offices:
                yield self[kb_id]

    def packed(self) -> dict[str, str]:
        """kb_id -> ``pack_entry`` of every entry, in order (for the prebuilt index)."""
        return {k: v if isinstance(v, str) else pack_entry(v) for k, v in self._data.items()}


@dataclass
class LookupStats:
    """How names were linked: counts and time spent in fuzzy matching."""

    exact: int = 0
    fuzzy: int = 0
    misses: int = 0
    fuzzy_seconds: float = 0.0

    @property
    def fuzzy_lookups(self) -> int:
        """Look-ups that went to rapidfuzz (exact misses), found or not."""
        return self.fuzzy + self.misses


@dataclass
class Gazetteer:
    """Every entry, its alias indexes, demonyms and government-body patterns."""

    entries: EntryTable = field(default_factory=EntryTable)
    # normalised alias -> kb_ids (every alias, for linking a span)
    index: dict[str, list[str]] = field(default_factory=dict)
    # normalised alias -> kb_ids that may create a new span (not link_only, not cities)
    spot: dict[str, list[str]] = field(default_factory=dict)
    acronyms: dict[str, list[str]] = field(default_factory=dict)  # exact text -> kb_ids
    spot_acronyms: dict[str, list[str]] = field(default_factory=dict)  # those that spot
    demonyms: dict[str, str] = field(default_factory=dict)        # normalised form -> ISO3
    bodies: list[BodyPattern] = field(default_factory=list)
    agents: dict[str, Agent] = field(default_factory=dict)       # normalised form -> agent
    # (agent name, ISO3) -> [(start, end, kb_id)]: who held an office when
    holders: dict[tuple[str, str], list[tuple[str, str, str]]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)       # ISO3 -> kb_id
    # the ISO3 codes of countries.jsonl: those a user file may use
    known_countries: set[str] = field(default_factory=set)
    # first words of spot aliases written in lower case ("région de Manguistaou")
    lower_starts: set[str] = field(default_factory=set)
    # one-word spot aliases written in lower case ("shebab"), folded
    lower_words: set[str] = field(default_factory=set)
    # first word of every spot alias: a span can only match from one of these
    spot_starts: set[str] = field(default_factory=set)
    stats: LookupStats = field(default_factory=LookupStats)
    # GeoNames towns of 1 000 people or more (towns.tsv.gz), read on first use
    _towns: TownIndex | None = None
    # normalised name -> its towns: the same names are looked up in article after article
    _town_cache: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    _fuzzy_keys: dict[str, dict[tuple[str, int], list[str]]] = field(default_factory=dict)
    _fuzzy_cache: dict[tuple[str, str | None], str | None] = field(default_factory=dict)
    # normalised name -> ``places``; (kb_ids, label) -> ``best``: the same names come
    # back in every article (emptied when an entry is added, or when large)
    _places_cache: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    _best_cache: dict[tuple[tuple[str, ...], str | None], GazetteerEntry | None] = field(
        default_factory=dict)

    # -- building

    def add(self, entry: GazetteerEntry, spot: bool = True) -> None:
        """Add an entry; a known kb_id gets the fields the new entry sets, and keeps
        its old names as aliases."""
        old = self.entries.get(entry.kb_id)
        if old is not None:
            merged = [*entry.aliases, *(a for a in [old.name, *old.aliases]
                                        if a not in entry.aliases and a != entry.name)]
            update = {k: getattr(entry, k) for k in entry.model_fields_set}
            entry = old.model_copy(update={**update, "aliases": merged})
        self.entries[entry.kb_id] = entry
        if entry.kind == "country" and entry.country:
            self.countries.setdefault(entry.country, entry.kb_id)
        for alias in [entry.name, *entry.aliases]:
            if is_acronym(alias):
                _push(self.acronyms, alias, entry.kb_id)
                if spot:
                    _push(self.spot_acronyms, alias, entry.kb_id)
                continue
            key = normalise_name(alias)
            _push(self.index, key, entry.kb_id)
            if spot and key:
                _push(self.spot, key, entry.kb_id)
                self.spot_starts.add(key.split()[0])
                if alias[:1].islower():
                    self.lower_starts.add(normalise_name(alias.split()[0]))
                    if " " not in alias:  # "shebab", "talibans": lower-case names
                        self.lower_words.add(fold_word(alias))
        for alias in entry.link_only:
            _push(self.index, normalise_name(alias), entry.kb_id)
        self._fuzzy_keys.clear()
        self._fuzzy_cache.clear()
        self._places_cache.clear()
        self._best_cache.clear()

    def add_agent(self, agent: Agent) -> None:
        """Index every form of an agent and make a composition pattern of it."""
        for form in agent.forms:
            self.agents.setdefault(normalise_name(form), agent)
            self.bodies.append(BodyPattern(head=form, sector=agent.sector, kind=agent.kind,
                                           name=agent.name))

    def add_holders(self) -> None:
        """Index office holders by (agent name, country), from people's ``offices``."""
        self.holders.clear()
        for entry in self.entries.with_offices():
            for office in entry.offices:
                found = self.agent(office.title)
                role = office.role or (found or {}).get("name")
                country = office.country or (found or {}).get("country") or entry.country
                if role and country:
                    self.holders.setdefault((role, country), []).append(
                        (office.start or "0000", office.end or "9999", entry.kb_id))

    # -- lookup

    def agent(self, text: str, whole: bool = False) -> dict[str, Any] | None:
        """The role, body or group a common noun phrase names, with its PLOVER sector.

        Singular or plural, any case or accents, with or without a determiner; a
        demonym or a country complement inside the phrase gives ``country``. With
        ``whole``, every word must belong to the agent phrase ("soldats ont" is None).

        >>> gz = load_gazetteer()
        >>> gz.agent("les policiers")
        {'name': 'police', 'sector': 'COP', 'kind': 'government_body'}
        >>> gz.agent("Premier ministre")["sector"], gz.agent("manifestants")["name"]
        ('GOV', 'manifestant')
        >>> gz.agent("les forces de sécurité iraniennes")["country"]
        'IRN'
        >>> gz.agent("chef des rebelles")["sector"], gz.agent("tempête") is None
        ('REB', True)
        """
        words = re.sub(r"[^\w]+", " ", strip_accents(text)).split()
        while words and words[0] in _DETERMINERS:
            words = words[1:]
        country = None
        kept = []
        skip = 0
        for k, word in enumerate(words):  # "ministre russe des affaires etrangeres"
            pair = " ".join(words[k : k + 2])  # "sud coreens"
            if skip:
                skip -= 1
            elif country is None and kept and pair in self.demonyms:
                country, skip = self.demonyms[pair], 1
            elif country is None and kept and word in self.demonyms:
                country = self.demonyms[word]
            else:
                kept.append(word)
        for n in range(len(kept), 0, -1):
            found = self._agent_form(kept[:n])
            if found is None:
                continue
            result: dict[str, Any] = {"name": found.name, "sector": found.sector,
                                      "kind": found.kind}
            country = country or self.seat_in(kept[:n])  # "chef du Kremlin"
            rest = kept[n:]
            if rest and rest[0] in _OF:
                rest = [w for w in rest[1:] if w not in _DETERMINERS] or rest
                place = self._country_words(rest)
                if place:
                    country = country or place
                elif found.kind == "role" and (other := self._agent_form(rest)):
                    result["sector"] = other.sector  # "chef des rebelles": REB
                elif whole:
                    return None
            elif rest and whole:
                return None
            if country:
                result["country"] = country
            return result
        return None

    def _agent_form(self, words: list[str]) -> Agent | None:
        key = " ".join(words)
        found = self.agents.get(key)
        if found is None and key.endswith(("s", "x")):
            found = self.agents.get(key[:-1])
        return found

    def seat_in(self, words: list[str]) -> str | None:
        """The country named after a "de" inside an agent form ("locataire de l'Elysee")."""
        for i, word in enumerate(words):
            if word in _OF:
                tail = [w for w in words[i + 1:] if w not in _DETERMINERS]
                if tail and (country := self._country_words(tail)):
                    return country
        return None

    def _country_words(self, words: list[str]) -> str | None:
        """The country a normalised name stands for: a country, or a capital or seat of
        power taken as its government ("du Kremlin")."""
        for entry in (self.entries[k] for k in self.spot.get(" ".join(words), ())):
            if entry.kind == "country" or self.metonym_country(entry.kb_id):
                return entry.country
        return None

    def holder(self, role: str, country: str, when: str | None) -> GazetteerEntry | None:
        """The person holding ``role`` in ``country`` on the ISO date ``when``.

        >>> load_gazetteer().holder("président", "KAZ", "2022-01-11").name
        'Kassym-Jomart Tokaïev'
        """
        if not when:
            return None
        found = [kb for start, end, kb in self.holders.get((role, country), ())
                 if start <= when[:10] <= end]
        return self.entries[found[0]] if len(found) == 1 else None

    def towns(self, text: str) -> list[GazetteerEntry]:
        """GeoNames towns of 1 000 people or more with this name or any Latin spelling.

        Read on first call from ``towns.tsv.gz`` (about 170 000 towns); used to place a
        name in the countries an article is about ("Moura" in an article on Mali).

        >>> sorted({t.country for t in load_gazetteer().towns("Ménaka")})
        ['MLI']
        """
        key = normalise_name(text)
        found = self._town_cache.get(key)
        if found is None:
            found = self._read_towns(key)
            if len(self._town_cache) >= TOWN_CACHE_SIZE:
                self._town_cache.clear()
            self._town_cache[key] = found
        return list(found)

    def _read_towns(self, key: str) -> list[GazetteerEntry]:
        """The towns of a normalised name, read from the towns file."""
        if self._towns is None:
            self._towns = TownIndex(data_path("gazetteers", "towns.tsv.gz"))
        found = []
        for row in self._towns.rows(key):
            gid, name, iso3, lat, lon, pop = row.split("\t")
            found.append(GazetteerEntry.model_construct(
                kb_id=f"geonames:{gid}", name=name, aliases=[], link_only=[], label="LOC",
                kind="city", country=iso3, sector=None, lat=float(lat), lon=float(lon),
                geonameid=int(gid), precision=4, population=int(pop), capital=False, iso2=None,
                members=[], offices=[]))
        return found

    def places(self, text: str) -> list[GazetteerEntry]:
        """Every place with this name: countries, regions, cities and towns."""
        key = normalise_name(text)
        places = self._places_cache.get(key)
        if places is None:
            found = {k: self.entries[k] for k in self.index.get(key, ())
                     if self.entries[k].label == "LOC"}
            for town in self.towns(text):  # a city of cities.jsonl: its entry (French name...)
                found.setdefault(town.kb_id, self.entries.get(town.kb_id, town))
            places = list(found.values())
            if len(self._places_cache) >= TOWN_CACHE_SIZE:
                self._places_cache.clear()
            self._places_cache[key] = places
        return list(places)

    def aliases(self, kb_id: str) -> list[str]:
        """Every name of an entry (canonical first): the scorer's ``aliases`` hook.

        >>> "Toqaev" in load_gazetteer().aliases("kz:person:tokaev")
        True
        """
        entry = self.entries.get(kb_id)
        if entry is None:
            return []
        return [entry.name, *entry.aliases, *entry.link_only]

    def metonym_country(self, kb_id: str | None) -> str | None:
        """The country whose government a capital or seat of power stands for.

        "Moscou a envoyé des troupes": Moscow acts as Russia. For the events
        component, which decides when a place is an actor.

        >>> gz = load_gazetteer()
        >>> gz.metonym_country("geonames:616052"), gz.metonym_country("kz:org:kremlin")
        ('ARM', 'RUS')
        >>> gz.metonym_country("geonames:1526384") is None   # Almaty is not the capital
        True
        """
        entry = self.entries.get(kb_id or "")
        if entry is None or not entry.country:
            return None
        if entry.capital or (entry.kind == "government_body" and entry.label == "ORG"):
            return entry.country
        return None

    def as_actor(self, info: dict[str, Any]) -> dict[str, Any]:
        """The country and sector of an entity acting as a participant.

        A country, a region, a capital or a seat of power acts as its government
        ("Moscou a dénoncé", "Israël a frappé"): sector GOV. An international
        official or body (sector IGO) acts for no country. Others keep theirs.

        >>> gz = load_gazetteer()
        >>> gz.as_actor(gz.exact("Moscou").entity_fields())
        {'country': 'RUS', 'sector': 'GOV'}
        >>> gz.as_actor({"kind": "group", "country": "VEN", "sector": "CVL"})
        {'country': 'VEN', 'sector': 'CVL'}
        """
        country, sector = info.get("country"), info.get("sector")
        metonym = self.metonym_country(info.get("kb_id"))
        if sector is None and (metonym or info.get("kind") in ("country", "region")):
            country, sector = metonym or country, "GOV"
        if sector == "IGO":
            country = None  # the UN's secretary-general acts for the UN, not for Portugal
        return {"country": country, "sector": sector}

    def best(self, kb_ids: Iterable[str], label: str | None = None) -> GazetteerEntry | None:
        """The most likely of several entries sharing a name.

        Same label first, then hand-written over generated (countries before
        cities of the same name), then the most populous.
        """
        ids = tuple(kb_ids)
        if (ids, label) in self._best_cache:
            return self._best_cache[ids, label]
        candidates = [self.entries[k] for k in dict.fromkeys(ids) if k in self.entries]
        found = min(candidates, key=lambda e: (
            label is not None and e.label != label, _rank(e), -(e.population or 0)),
            default=None)
        if len(self._best_cache) >= TOWN_CACHE_SIZE:
            self._best_cache.clear()
        self._best_cache[ids, label] = found
        return found

    def exact(self, text: str, label: str | None = None) -> GazetteerEntry | None:
        """The entry with this exact name or alias (normalised), or None."""
        ids = self.acronyms.get(_LEADING_ARTICLE.sub("", text.strip()))
        if ids:
            return self.best(ids, label)
        ids = self.index.get(normalise_name(text))
        return self.best(ids, label) if ids else None

    def fuzzy(self, text: str, label: str | None = None,
              cutoff: float = FUZZY_CUTOFF) -> GazetteerEntry | None:
        """The closest entry by rapidfuzz ratio, if close and long enough.

        Guards: at least ``FUZZY_MIN_LENGTH`` characters, same first letter,
        lengths within a fifth of each other, and not the name with a plural or
        feminine ending ("Nantais" is not "Nantai").
        """
        key = normalise_name(text)
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        cache_key = (key, label)
        if cache_key not in self._fuzzy_cache:
            slack = max(1, len(key) // 5)
            buckets = self._keys(label)
            keys = [k for n in range(len(key) - slack, len(key) + slack + 1)
                    for k in buckets.get((key[0], n), ())]
            found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            if found is not None and key.startswith(found[0]) and key[len(found[0]):] in (
                    "s", "x", "es", "e"):
                found = None  # "Nantais" is a demonym, not the town "Nantai" in a plural
            self._fuzzy_cache[cache_key] = found[0] if found is not None else None
        hit = self._fuzzy_cache[cache_key]
        return self.best(self.index[hit], label) if hit else None

    def lookup(self, text: str, label: str | None = None,
               fuzzy: bool = True) -> GazetteerEntry | None:
        """Exact lookup, then fuzzy on a miss; counts both in ``stats``.

        >>> load_gazetteer().lookup("Nazarbaiev").kb_id
        'kz:person:nazarbaev'
        """
        entry = self.exact(text, label)
        if entry is not None:
            self.stats.exact += 1
            return entry
        if not fuzzy:
            return None
        started = time.perf_counter()
        entry = self.fuzzy(text, label)
        self.stats.fuzzy_seconds += time.perf_counter() - started
        if entry is None:
            self.stats.misses += 1
        else:
            self.stats.fuzzy += 1
        return entry

    def _keys(self, label: str | None) -> dict[tuple[str, int], list[str]]:
        """Fuzzy candidates with this label (all when None), by first letter and length.

        The guards (same first letter, lengths within a fifth) are applied by
        picking buckets, so rapidfuzz only scores names that could pass them.
        """
        name = label or "*"
        if name not in self._fuzzy_keys:
            buckets: dict[tuple[str, int], list[str]] = {}
            for key, ids in self.index.items():
                if label is None or any(self.entries.label(i) == label for i in ids):
                    buckets.setdefault((key[0], len(key)), []).append(key)
            self._fuzzy_keys[name] = buckets
        return self._fuzzy_keys[name]


_DETERMINERS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette", "ces",
    "son", "sa", "ses", "leur", "leurs", "plusieurs", "quelques", "certains", "certaines",
    "nombreux", "nombreuses", "autres", "tous", "toutes", "aux", "au"})
_OF = frozenset({"de", "du", "des", "d"})

_LEADING_ARTICLE = re.compile(r"^(?:[lL]['’]|(?:les?|la|Les?|La)\s+)")


def fold_word(text: str) -> str:
    """Lower case without accents, straight apostrophes: how a token is compared."""
    return strip_accents(text.replace("’", "'"))


def _push(table: dict[str, list[str]], key: str, kb_id: str) -> None:
    if key:
        ids = table.setdefault(key, [])
        if kb_id not in ids:
            ids.append(kb_id)


_KIND_RANK = {"person": 0, "organization": 0, "government_body": 0, "party": 0,
              "country": 1, "region": 2, "city": 3}


def _rank(entry: GazetteerEntry) -> tuple[int, int]:
    capital = 0 if entry.capital or not entry.kb_id.startswith("geonames:") else 1
    return (_KIND_RANK.get(entry.kind, 1), capital)


# ----------------------------------------------------------------- loading

def _read_entries(path: Path, model: type[GazetteerEntry], known: set[str]
                  ) -> list[tuple[int, GazetteerEntry]]:
    """Entries of one file, checked for duplicate ids and unknown countries."""
    rows = list(read_jsonl(path, model))
    first: dict[str, int] = {}
    for line, entry in rows:
        if entry.kb_id in first:
            raise DataFileError(path, f"duplicate kb_id {entry.kb_id!r} (first on line "
                                f"{first[entry.kb_id]}): give each entry its own id", line=line)
        first[entry.kb_id] = line
        for code in [entry.country, *entry.members]:
            if code is not None and known and code not in known:
                raise DataFileError(path, f"country {code!r} is not an ISO 3166 alpha-3 code "
                                    "known to countries.jsonl (e.g. KAZ, RUS, ARM)", line=line)
    return rows


def build_gazetteer(extra: Iterable[str | Path] = ()) -> Gazetteer:
    """The package gazetteers, then ``extra`` user files (same entry format).

    The package part comes from the prebuilt index (``index.pickle.gz``, see
    ``kzevents.gazetteer_index``) when it was built from the JSONL files as they are
    now, else (with a warning) from the files themselves: an edited file is never
    ignored, only slower to load until the index is rebuilt.
    """
    from kzevents.gazetteer_index import load_index

    loaded = load_index()
    if loaded is None:
        return read_sources(extra)
    gz = loaded
    user = [_read_entries(Path(p), GazetteerEntry, gz.known_countries) for p in extra]
    for rows in user:
        for _line, entry in rows:
            gz.add(entry)
    if user:
        gz.add_holders()  # a user file may add or change people's offices
    return gz


def read_sources(extra: Iterable[str | Path] = ()) -> Gazetteer:
    """The package gazetteers read from their JSONL files (every line validated), then
    ``extra`` user files: what the prebuilt index holds, built the slow way."""
    gz = Gazetteer()
    known: set[str] = set()
    user: list[list[tuple[int, GazetteerEntry]]] = []
    for name in ENTRY_FILES:
        path = data_path("gazetteers", name)
        model = CityEntry if name == "cities.jsonl" else GazetteerEntry
        for _line, entry in _read_entries(path, model, known):
            gz.add(entry, spot=name != "cities.jsonl")
        if name == "countries.jsonl":
            known = gz.known_countries = set(gz.countries)
            # user files are checked before the big files are read: errors come fast
            user = [_read_entries(Path(p), GazetteerEntry, known) for p in extra]
    for rows in user:
        for _line, entry in rows:
            gz.add(entry)
    demonyms_path = data_path("gazetteers", "demonyms.jsonl")
    for line, demonym in read_jsonl(demonyms_path, Demonym):
        if demonym.country not in known:
            raise DataFileError(demonyms_path, f"unknown country {demonym.country!r}", line=line)
        for form in demonym.forms:
            gz.demonyms[normalise_name(form)] = demonym.country
    for _line, agent in read_jsonl(data_path("gazetteers", "agents.jsonl"), Agent):
        gz.add_agent(agent)
    gz.add_holders()
    return gz


class TownIndex:
    """The towns file, searched in place: its bytes and where each of its lines ends.

    The build wrote town lines, then the sorted normalised names, then each name's
    town line numbers ("3,17"), blocks parted by a blank line. Split into Python
    strings and a dict, its 1.2 million lines took 150 MB and 1.5 s to load; kept as
    one bytes block and an array of line ends (numpy finds them), it takes the size of
    the file (about 20 MB) and a tenth of that time, and a name is found by binary
    search in the names block (UTF-8 bytes sort as the names' code points do).
    """

    def __init__(self, path: Path) -> None:
        import numpy as np  # spaCy's own dependency, imported only when towns are needed

        with gzip.open(path, "rb") as handle:
            self._blob = handle.read()
        ends = np.flatnonzero(np.frombuffer(self._blob, dtype=np.uint8) == 10)
        self._ends = ends.astype(np.int64 if len(self._blob) >= 2**31 else np.int32)
        blank = np.flatnonzero(np.diff(ends) == 1) + 1  # the two blank lines
        if len(blank) != 2:
            raise DataFileError(path, "not a towns file of build_geo.py (three blocks "
                                "parted by blank lines): rebuild it")
        self._names_at, self._numbers_at = int(blank[0]) + 1, int(blank[1]) + 1
        self._count = self._numbers_at - self._names_at - 1  # names
        self.size = int(blank[0])  # towns

    def _line(self, number: int) -> bytes:
        start = int(self._ends[number - 1]) + 1 if number else 0
        return self._blob[start : int(self._ends[number])]

    def rows(self, key: str) -> list[str]:
        """The town lines ("geonameid, name, ISO3, lat, lon, population") of a name."""
        wanted = key.encode("utf-8")
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._line(self._names_at + middle) < wanted:
                low = middle + 1
            else:
                high = middle
        if not wanted or low == self._count or self._line(self._names_at + low) != wanted:
            return []
        numbers = self._line(self._numbers_at + low).split(b",")
        return [self._line(int(n)).decode("utf-8") for n in numbers]


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> Gazetteer:
    return build_gazetteer(extra)


def load_gazetteer(extra: Iterable[str | Path] = ()) -> Gazetteer:
    """The gazetteer of the package plus ``extra`` files, built once per process.

    >>> load_gazetteer().lookup("OTSC").kb_id
    'kz:org:csto'
    """
    return _cached(tuple(str(Path(p)) for p in extra))


def alias_lookup(extra: Iterable[str | Path] = ()):
    """The ``aliases`` hook of ``kzevents.evaluate``: kb_id -> every known name."""
    return load_gazetteer(extra).aliases


def gazetteer_sizes() -> dict[str, int]:
    """How many entries of each kind the package gazetteers hold (for ``kzevents info``)."""
    gz = load_gazetteer()
    sizes: dict[str, int] = {}
    for entry in gz.entries.values():
        sizes[entry.kind] = sizes.get(entry.kind, 0) + 1
    sizes["agent form"] = len(gz.agents)
    sizes["demonym form"] = len(gz.demonyms)
    sizes["town (read on first use)"] = TownIndex(data_path("gazetteers", "towns.tsv.gz")).size
    return sizes
