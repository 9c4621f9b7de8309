"""Correct, extend and link spaCy's entities with the gazetteers.

Runs right after ``ner``. Four sources of candidate spans are merged with
``doc.ents``: names and aliases of the hand-written gazetteers and countries
(accent- and case-insensitive, acronyms in capitals only), agents made actors by a
country ("ministère arménien de la Défense", "armée malienne": ``roles.py``), place
names built on a head ("région du Darfour": ``places.py``), and spaCy's own spans.
Then every entity is linked to a gazetteer entry: exact alias, then rapidfuzz on
misses; "M. Pachinian" takes the entry of the person named earlier in the article;
an unknown name stays an entity with no ``kb_id``. Roles give their country and
sector to the people named with them (``roles.py``), and same-named places are
chosen in the countries the article is about (``places.py``). The result is in
``doc.ents`` and ``doc._.kz_entity_info``.

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
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kzevents._extensions import ensure_extensions
from kzevents.gazetteers import BodyPattern, Gazetteer, load_gazetteer
from kzevents.pipes.entities.patterns import COUNTRY_COMPLEMENTS, NEVER_SPOT, NOT_NAMES
from kzevents.pipes.entities.places import place_heads, place_in_context, trim_site
from kzevents.pipes.entities.roles import agent_cand, demonym_at, give_roles
from kzevents.pipes.entities.spans import (
    ARTICLES,
    Cand,
    DocTokens,
    fold,
    strip_titles,
)
from kzevents.text import normalise_name

MAX_ALIAS_TOKENS = 12


@dataclass
class EntityLinker:
    """The ``kzevents_entities`` component (plain data, picklable)."""

    gazetteers: tuple[str, ...] = ()
    fuzzy: bool = True
    # first folded word -> (the folded words after it, agent form, country its words name)
    _bodies: dict[str, list[tuple[list[str], BodyPattern, str | None]]] = field(
        default_factory=dict)
    _limits: _SpotLimits | None = field(default=None, repr=False)

    @property
    def gz(self) -> Gazetteer:
        return load_gazetteer(self.gazetteers)

    def prepare(self, nlp: Language) -> None:
        """Tokenise the agent forms once, with the pipeline's tokenizer, indexed by first word."""
        self._bodies = {}
        for body in self.gz.bodies:
            head = [fold(t.text) for t in nlp.make_doc(body.head)]
            seat = self.gz.seat_in(normalise_name(body.head).split())  # "chef du Kremlin"
            self._bodies.setdefault(head[0], []).append((head[1:], body, seat))
        for heads in self._bodies.values():
            heads.sort(key=lambda h: -len(h[0]))  # longest form first

    def __call__(self, doc: Doc) -> Doc:
        gz = self.gz
        tokens = DocTokens(doc)
        cands = (self._spot(tokens, gz) + self._body_matches(tokens, gz)
                 + place_heads(tokens, gz))
        ner = [trim_site(tokens, _trim(tokens, c), gz) for c in _from_ner(doc)]
        ents = _merge(tokens, ner, cands)
        ents = _extend_people(tokens, ents)
        ents = self._link(tokens, ents, gz)
        give_roles(tokens, ents, gz)
        place_in_context(tokens, ents, gz)
        info = {}
        spans = []
        for c in ents:
            spans.append(Span(doc, c.start, c.end, label=c.label))
            if c.info:
                end_char = tokens.starts[c.end - 1] + len(tokens.texts[c.end - 1])
                info[f"{tokens.starts[c.start]}:{end_char}"] = c.info
        doc.set_ents(spans)  # as ``doc.ents = spans``, without a copy of every span
        doc._.kz_entity_info = info
        return doc

    # -- candidates

    def _spot(self, tokens: DocTokens, gz: Gazetteer) -> list[Cand]:
        """Names of the hand-written gazetteers and countries found in the text."""
        found = []
        texts, folds = tokens.texts, tokens.folds
        limits = self._limits
        if limits is None or not limits.fits(gz):
            limits = self._limits = _SpotLimits(gz)
        size = len(tokens)
        screen = limits.screen(texts, gz)
        is_upper, like_url = tokens.is_upper, tokens.like_url
        starts = [i for i, text in enumerate(texts) if (opens := screen[text])
                  and not like_url[i] and (opens == _OPENS or is_upper[i])]
        i = 0
        for start in starts:
            if start < i:
                continue  # inside the name found before
            i = start
            text = texts[i]
            lower = not text[:1].isupper()
            hit = None
            floor = 1 if lower and folds[i] not in gz.lower_words else 0
            longest = min(MAX_ALIAS_TOKENS, size - i)
            named, spelt = limits.longest(tokens, i, longest)
            for n in range(min(longest, max(named, spelt)), floor, -1):
                last = i + n - 1
                if tokens.is_punct[last] or tokens.is_space[last] or any(
                        tokens.breaks[i:last]):
                    continue
                text = tokens.text(i, i + n)
                ids = gz.spot_acronyms.get(text)
                if not ids and n <= named and fold(text) not in NEVER_SPOT:
                    ids = gz.spot.get(normalise_name(text))
                if ids:
                    entry = gz.best(ids)
                    if entry is not None:
                        hit = Cand(i, i + n, entry.label, entry.entity_fields())
                        break
            if hit:
                found.append(hit)
                i = hit.end
            else:
                i += 1
        return found

    def _body_matches(self, tokens: DocTokens, gz: Gazetteer) -> list[Cand]:
        """Agents made actors by a country: head, optional demonym, optional complement.

        "armée malienne", "ministère arménien de la Défense", "gouvernement du Soudan",
        "chef de la diplomatie russe", "chef du Kremlin". Without a country the
        candidate only relabels a span spaCy found.
        """
        found = []
        folds = tokens.folds
        bodies = self._bodies
        for i in [i for i, word in enumerate(folds) if word in bodies]:
            inner = None  # the demonym after the first word, read once for all forms
            for tail, body, seat in bodies[folds[i]]:
                j, country = i + 1, None
                if tail:  # "ministère arménien de la Défense"
                    if inner is None:
                        inner = demonym_at(tokens, j, gz, qualified=False)
                    country, j = inner
                    if folds[j : j + len(tail)] != tail:
                        continue
                    j += len(tail)
                if country is None:
                    country, j = demonym_at(tokens, j, gz)
                if country is None and body.kind != "group":  # "habitants de Goma" stays a place
                    country, j = self._complement(tokens, j, gz)
                country = country or seat
                found.append(agent_cand(i, j, body, country, gz))
                break
        return found

    def _complement(self, tokens: DocTokens, j: int, gz: Gazetteer
                    ) -> tuple[str | None, int]:
        """ "du Kazakhstan", "de l'Arménie" after a head: (country, end token)."""
        folds = tokens.folds
        if j >= len(folds) or folds[j] not in _COMPLEMENT_STARTS:
            return None, j
        for words in _COMPLEMENT_WORDS:
            if folds[j : j + len(words)] != words:
                continue
            k = j + len(words)
            for n in (3, 2, 1):
                if k + n > len(tokens) or tokens.is_punct[k + n - 1]:
                    continue
                ids = gz.index.get(normalise_name(tokens.text(k, k + n)), [])
                entry = next((gz.entries[x] for x in ids if gz.entries[x].kind == "country"),
                             None)
                if entry is not None and tokens.texts[k][:1].isupper():
                    return entry.country, k + n
        return None, j

    # -- linking

    def _link(self, tokens: DocTokens, ents: list[Cand], gz: Gazetteer) -> list[Cand]:
        # folded surname -> info of a person named before (in earlier chunks of a long text too)
        context = tokens.doc._.kz_context
        people: dict[str, dict[str, Any]] = dict((context or {}).get("people") or {})
        kept = []
        for c in ents:
            text = tokens.text(c.start, c.end)
            name = strip_titles(text)
            if not name or (c.info is None and name != text and (
                    fold(name) in gz.demonyms or name[:1].islower())):
                continue  # a title, not a name: "Premier ministre arménien"
            if c.place is not None:
                kept.append(c)  # resolved in context, by place_in_context
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
                before = tokens.folds[c.start - 1] if c.start else ""
                if "country" not in info and before in gz.demonyms:
                    info["country"] = gz.demonyms[before]  # "le journaliste russe Ivan Petrov"
                    c.info = info
                if c.info is None and len(words) > 1:
                    c.info = info
                people.setdefault(fold(words[-1]), info)
            kept.append(c)
        return kept

    def _lookup(self, name: str, c: Cand, gz: Gazetteer,
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


class _SpotLimits:
    """How long a span ``_spot`` must try from a token, read from the gazetteer.

    A span's ``normalise_name`` has at least as many words as the span has, less the
    leading articles it drops, and starts with the span's first word when that word is
    no article: so no alias can match a span with more words than the longest alias
    starting with that word, nor an acronym a span longer than the longest acronym.
    Only spans that could match are tried, longest first as before.
    """

    def __init__(self, gz: Gazetteer) -> None:
        self.size = (len(gz.spot), len(gz.spot_acronyms))
        self.words: dict[str, int] = {}  # first word -> most words of a spot alias
        for key in gz.spot:
            words = key.split()
            self.words[words[0]] = max(self.words.get(words[0], 0), len(words))
        self.acronym_chars = max(map(len, gz.spot_acronyms), default=0)
        self._screens: dict[str, int] = {}  # token text -> what ``screen`` says of it

    def screen(self, texts: list[str], gz: Gazetteer) -> dict[str, int]:
        """Whether a name may start at a token of each text, read once per text.

        A name starts with a capital, or with a word some lower-case alias starts with,
        never with an article; and with an acronym, a word in capitals or the first
        word of an alias: ``_OPENS`` when the text says so, ``_OPENS_IN_CAPITALS`` when
        only a token in capitals may open it (``is_upper``), 0 when none may.
        """
        screens = self._screens
        if len(screens) > _MAX_SCREENS:
            screens.clear()
        for text in set(texts).difference(screens):
            word = fold(text)
            if not (text[:1].isupper() or word in gz.lower_starts) or word in ARTICLES:
                screens[text] = 0
            elif text in gz.spot_acronyms or (
                    (first := _first_word(text)) and first in gz.spot_starts):
                screens[text] = _OPENS
            else:
                screens[text] = _OPENS_IN_CAPITALS
        return screens

    def fits(self, gz: Gazetteer) -> bool:
        """Still read from this gazetteer's aliases (none added since)."""
        return self.size == (len(gz.spot), len(gz.spot_acronyms))

    def longest(self, tokens: DocTokens, i: int, longest: int) -> tuple[int, int]:
        """(most tokens a span from ``i`` may have to be an alias, to be an acronym)."""
        texts, starts, space = tokens.texts, tokens.starts, tokens.whitespace
        spelt = 0
        while spelt < longest and (starts[i + spelt] + len(texts[i + spelt]) - starts[i]
                                   <= self.acronym_chars):
            spelt += 1
        count, opens, closes = _word_runs(tokens.folds[i])
        glued = i + 1 < len(texts) and not space[i] and closes and _word_runs(
            tokens.folds[i + 1])[1]
        first = _FIRST_WORD.search(tokens.folds[i])
        if first is None or _is_article(first.group()) or (count == 1 and glued):
            return longest, spelt  # the alias's first word is not known here
        most = self.words.get(first.group(), 0)
        words, named = 0, 0
        while named < longest:
            j = i + named
            count, opens, _ = _word_runs(tokens.folds[j])
            words += count
            if j > i and opens and not space[j - 1] and _word_runs(tokens.folds[j - 1])[2]:
                words -= 1  # "3" "km" written together: one word
            if words > most:
                break
            named += 1
        return named, spelt


_FIRST_WORD = re.compile(r"\w+")
_OPENS, _OPENS_IN_CAPITALS = 2, 1  # ``_SpotLimits.screen``
_MAX_SCREENS = 200_000  # texts screened before the memo starts again


@lru_cache(maxsize=65536)
def _word_runs(folded: str) -> tuple[int, bool, bool]:
    """(words in a folded token, as ``normalise_name`` splits them; whether it starts
    with a word character; whether it ends with one)."""
    return (len(_FIRST_WORD.findall(folded)), _FIRST_WORD.match(folded[:1]) is not None,
            _FIRST_WORD.match(folded[-1:]) is not None)


@lru_cache(maxsize=1024)
def _is_article(word: str) -> bool:
    """Whether ``normalise_name`` drops this word at the start of a name ("le", "d")."""
    return normalise_name(f"{word} x") == "x"


@lru_cache(maxsize=65536)
def _first_word(text: str) -> str | None:
    """The first word of ``normalise_name(text)``, or None (the same words come back)."""
    words = normalise_name(text).split()
    return words[0] if words else None


# roles whose holder is found under another role name ("chef du Kremlin" -> président)
def _from_ner(doc: Doc) -> list[Cand]:
    return [Cand(e.start, e.end, e.label_, rank=0) for e in doc.ents]


def _trim(tokens: DocTokens, c: Cand) -> Cand:
    """Drop a leading article or civility from a spaCy span: "L'Arménie", "M. Pachinian"."""
    while c.end - c.start > 1 and tokens.folds[c.start] in _TRIM:
        c.start += 1
    return c


_TRIM = frozenset({"l'", "la", "le", "les", "m.", "mme", "mm.", "mlle"})
# COUNTRY_COMPLEMENTS as folded words
_COMPLEMENT_WORDS = [[fold(w) for w in prep.split()] for prep in COUNTRY_COMPLEMENTS]
_COMPLEMENT_STARTS = frozenset(words[0] for words in _COMPLEMENT_WORDS)


def _extend_person(tokens: DocTokens, c: Cand, owner: list[Cand | None]) -> Cand:
    """Take in a first or last name spaCy left out: "Daniyar Adilbekov", "Qassym-Jomart Toqaev".

    ``owner``: the entity of each token (entities never overlap), kept up to date.
    """
    texts, space, title = tokens.texts, tokens.whitespace, tokens.title

    def free(i: int) -> bool:
        return 0 <= i < len(tokens) and owner[i] is None and "\n" not in space[i]
    # a hyphenated first name before: Title - Title
    if (free(c.start - 1) and free(c.start - 3) and texts[c.start - 2] == "-"
            and title(c.start - 1) and title(c.start - 3)
            and not space[c.start - 2] and not space[c.start - 3]):
        c.start -= 3
        owner[c.start : c.start + 3] = [c] * 3
    # a surname after a lone first name
    if c.end - c.start == 1 and c.end < len(tokens) and free(c.end) and title(c.end) and (
            space[c.start] == " ") and not tokens.is_stop[c.end]:
        owner[c.end] = c
        c.end += 1
    return c


def _extend_people(tokens: DocTokens, ents: list[Cand]) -> list[Cand]:
    """``_extend_person`` on every person, in order, each seeing the ones before extended."""
    owner: list[Cand | None] = [None] * len(tokens)
    for o in ents:
        owner[o.start : o.end] = [o] * (o.end - o.start)
    return [_extend_person(tokens, c, owner) if c.label == "PER" else c for c in ents]


class _Owners:
    """The entity of each token, for entities that never overlap (spaCy's, and what
    ``_merge`` puts in their place): overlaps found by token, not by pairs."""

    def __init__(self, n_tokens: int, ents: list[Cand]) -> None:
        self.owner: list[Cand | None] = [None] * n_tokens
        for o in ents:
            self.add(o)

    def add(self, o: Cand) -> None:
        self.owner[o.start : o.end] = [o] * (o.end - o.start)

    def remove(self, o: Cand) -> None:
        for i in range(o.start, o.end):
            if self.owner[i] is o:
                self.owner[i] = None

    def overlapping(self, c: Cand) -> list[Cand]:
        """The entities that share a token with ``c``, left to right."""
        found: list[Cand] = []
        for o in self.owner[max(c.start, 0) : c.end]:
            if o is not None and (not found or found[-1] is not o):
                found.append(o)
        return found

    def entities(self) -> list[Cand]:
        return self.overlapping(Cand(0, len(self.owner), ""))


def _merge(tokens: DocTokens, ents: list[Cand], cands: list[Cand]) -> list[Cand]:
    """spaCy's entities corrected by the gazetteer and pattern candidates.

    The candidates are taken longest first, each only where no longer one is; then
    each corrects the entities it overlaps. Neither ever overlaps its own kind, so
    overlaps are read token by token.
    """
    chosen: list[Cand] = []
    busy = [False] * len(tokens)
    for c in sorted(cands, key=lambda c: (c.start - c.end, -c.rank, c.start)):
        if not any(busy[c.start : c.end]):
            chosen.append(c)
            busy[c.start : c.end] = [True] * (c.end - c.start)
    owners = _Owners(len(tokens), ents)
    for c in chosen:
        overlap = owners.overlapping(c)
        if c.rank == 2 and c.create and len(overlap) == 1 and (
                c.start <= overlap[0].start < c.end < overlap[0].end):
            owners.remove(overlap[0])
            _after_role(tokens, c, overlap[0])  # "[Premier ministre éthiopien] [Abiy Ahmed]"
            owners.add(overlap[0])
            owners.add(c)
            continue
        if not overlap:
            if c.create:
                owners.add(c)
            continue
        if all(c.start <= o.start and o.end <= c.end for o in overlap):
            for o in overlap:
                owners.remove(o)
            owners.add(c)
            continue
        if len(overlap) == 1 and overlap[0].start <= c.start and c.end <= overlap[0].end:
            o = overlap[0]
            text = tokens.text(o.start, o.end)
            before = tokens.texts[c.start - 1].lower() if c.start > o.start else ""
            prefix_common = c.start > o.start and all(
                not t[:1].isupper() for t in tokens.texts[o.start : c.start])
            if "\n" in text or prefix_common or (
                    o.label == "MISC" and before in ("d'", "d’", "de", "du")):
                owners.remove(o)
                owners.add(c)
            elif c.label == "PER" and c.info and o.label in ("PER", "LOC", "MISC"):
                o.label, o.info = "PER", c.info  # "Nikol Pachinian" contains "Pachinian"
            continue
        if c.create and c.rank > 0:
            for o in overlap:
                owners.remove(o)
            owners.add(c)
    return owners.entities()


def _after_role(tokens: DocTokens, role: Cand, o: Cand) -> None:
    """Cut a spaCy span that runs from an agent phrase into the name after it."""
    o.start = role.end
    if role.label == "PER" and all(tokens.title(i) or tokens.texts[i] == "-"
                                   for i in range(o.start, o.end)):
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
