"""What the event rules ask of a parsed document, answered once per doc.

Which entity a token belongs to and what the linker knows of it, the PLOVER sector of
a common noun ("policiers" -> COP), the country of a demonym, and whether a token
belongs to a word class of ``event_classes.jsonl``. Kept apart from the rules so that
each rule reads as a sentence about the parse.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span

from kzevents.gazetteers import Gazetteer
from kzevents.pipes.doc_text import doc_text
from kzevents.pipes.doc_words import Words, doc_words
from kzevents.pipes.events.lexicon import Lexicon, fold
from kzevents.pipes.events.tree import Tree, Word
from kzevents.text import normalise_name

# Parts of speech that are never a trigger's
CLOSED_POS = ("PUNCT", "SPACE", "NUM", "DET", "ADP", "PRON", "CCONJ", "SCONJ")
ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC")
_CLOSED_IDS = frozenset(int(POS_IDS[p]) for p in CLOSED_POS)
PERSONAL_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "lui", "leur", "eux"})
_PLURAL_ENDINGS = ("s", "x")


@cache
def group_noun_sectors() -> dict[str, str | None]:
    """Folded form of a counted noun -> its sector (data/gazetteers/group_nouns.jsonl,
    read once with the counts component)."""
    from kzevents.pipes.counts.factory import group_noun_forms, package_group_nouns

    return {fold(form): sector for _, form, sector in group_noun_forms((package_group_nouns(),))}


@cache
def _folded_item(item: str) -> str:
    """A lexicon condition item, folded once (items come from a fixed lexicon)."""
    return fold(item)


@cache
def _split_items(items: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Condition items as (the lemmas, folded; the class names without their "@")."""
    lemmas = frozenset(_folded_item(item) for item in items if not item.startswith("@"))
    return lemmas, tuple(item[1:] for item in items if item.startswith("@"))


@lru_cache(maxsize=65536)
def _keys_of(lemma: str, text: str) -> frozenset[str]:
    """``DocContext.keys`` of a word: the same words come back in every text."""
    lemma, text = fold(lemma), fold(text)
    return frozenset((lemma, text, singular(lemma), singular(text)))


# id of a gazetteer -> (the gazetteer, noun phrase -> what ``Gazetteer.agent`` says of
# it): the same phrases come back in every text. The gazetteer is held so that its id
# stays its own.
_AGENTS: dict[int, tuple[Gazetteer, dict[str, dict[str, Any] | None]]] = {}
_MAX_AGENTS = 100_000


def _agent_memo(gz: Gazetteer) -> dict[str, dict[str, Any] | None]:
    if id(gz) not in _AGENTS:
        _AGENTS[id(gz)] = (gz, {})
    memo = _AGENTS[id(gz)][1]
    if len(memo) > _MAX_AGENTS:
        memo.clear()
    return memo


def singular(word: str) -> str:
    """A folded noun without its plural ending ("policiers" -> "policier")."""
    if len(word) > 3 and word.endswith(_PLURAL_ENDINGS) and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass
class DocContext:
    """Per-doc lookups for the event rules."""

    doc: Doc
    lex: Lexicon
    gz: Gazetteer
    ent_of: dict[int, Span] = field(default_factory=dict)
    info: dict[str, dict[str, Any]] = field(default_factory=dict)
    sectors: dict[str, str | None] = field(default_factory=dict)
    date_tokens: set[int] = field(default_factory=set)
    ents: list[Span] = field(default_factory=list)
    text: str = ""
    ent_starts: list[int] = field(default_factory=list)
    sectors_of: dict[int, str | None] = field(default_factory=dict)
    # Per token, read once from the doc's words (no ``Token`` object per word): the
    # lookup keys, part of speech, dependency label, entity label, and whether its part
    # of speech may be a trigger's (not in CLOSED_POS)
    keys_at: list[frozenset[str]] = field(default_factory=list)
    pos_at: list[str] = field(default_factory=list)
    dep_at: list[str] = field(default_factory=list)
    label_at: dict[int, str] = field(default_factory=dict)
    open_class: list[bool] = field(default_factory=list)
    agent_memo: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    words: Words | None = None  # the doc's words (``doc_words``)
    tree: Tree | None = None  # the parse as ``Word`` objects: ``ctx.tree[i]``

    @classmethod
    def build(cls, doc: Doc, lex: Lexicon, gz: Gazetteer) -> DocContext:
        ctx = cls(doc, lex, gz, info=doc._.kz_entity_info or {}, sectors=group_noun_sectors(),
                  agent_memo=_agent_memo(gz))
        ctx.ents = list(doc.ents)  # doc.ents reads every token: once per doc
        ctx.text = doc_text(doc)  # so does doc.text
        ctx.ent_starts = [ent.start for ent in ctx.ents]
        ctx.words = words = doc_words(doc)
        ctx.tree = Tree(doc, words)
        ctx.keys_at = list(map(_keys_of, words.lemma, words.text))
        ctx.pos_at, ctx.dep_at = words.pos, words.dep
        ctx.open_class = [p not in _CLOSED_IDS for p in words.pos_key]
        for ent in ctx.ents:
            label = ent.label_
            for i in range(ent.start, ent.end):
                ctx.ent_of[i] = ent
                ctx.label_at[i] = label
        for date in doc._.kz_dates or []:
            span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
            if span is not None:
                ctx.date_tokens.update(range(span.start, span.end))
        return ctx

    def dependents_at(self, i: int, depth: int) -> list[int]:
        """The indices of the children, grandchildren... of token ``i`` down to
        ``depth``, in the order of ``triggers.dependents`` (no ``Token`` made)."""
        assert self.words is not None
        children = self.words.children
        out: list[int] = []
        frontier = [i]
        for _ in range(depth):
            frontier = [c for t in frontier for c in children[t]]
            out.extend(frontier)
        return out

    def in_date(self, tok: Word) -> bool:
        """Whether a token belongs to a date expression of ``doc._.kz_dates``."""
        return tok.i in self.date_tokens

    # -- entities

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span``, as ``span.ents`` (which reads the whole doc)."""
        found = []
        for k in range(bisect_left(self.ent_starts, span.start), len(self.ents)):
            ent = self.ents[k]
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                found.append(ent)
        return found

    def entity(self, tok: Word) -> Span | None:
        return self.ent_of.get(tok.i)

    def entity_info(self, ent: Span) -> dict[str, Any]:
        return self.info.get(f"{ent.start_char}:{ent.end_char}", {})

    def label(self, tok: Word) -> str | None:
        return self.label_at.get(tok.i)

    def features(self, tok: Word) -> dict[str, tuple[str, ...]]:
        """``tok.morph`` as field -> values (``"Inf" in ctx.features(tok).get("VerbForm", ())``)."""
        assert self.words is not None
        return self.words.features(self.doc, tok.i)

    def known_place(self, tok: Word) -> dict[str, Any] | None:
        """What the gazetteer knows of a one-word place name (exact match only)."""
        entry = self.gz.exact(tok.text, "LOC")
        return entry.entity_fields() if entry is not None else None

    def place_info(self, ent: Span) -> dict[str, Any]:
        """The Entity fields of a place: the linker's, or for one unlinked word
        ("Alger" inside "aéroport d'Alger") the gazetteer's."""
        return self.entity_info(ent) or (
            self.known_place(ent.root) if len(ent) == 1 else None) or {}

    def is_town(self, tok: Word) -> bool:
        """Whether a word is a place smaller than a country (a city, a region): where
        something happens ("a signé à La Havane", "le sommet de Genève"), not who."""
        ent = self.entity(tok)
        if ent is None or not self.is_place(ent):
            return False
        info = self.place_info(ent)
        return info.get("kind") != "country" and (info.get("precision") or 4) > 1

    def is_place(self, ent: Span) -> bool:
        """A place with a country: what ``Event.place`` may hold."""
        info = self.place_info(ent)
        return ent.label_ in ("LOC", "GPE") and bool(info.get("country") or info.get("lat"))

    # -- common nouns

    def keys(self, tok: Word) -> frozenset[str]:
        """The folded forms a word is looked up by: lemma, text, and their singulars.

        Asked for the same token by many rules: folded once per doc.
        """
        return self.keys_at[tok.i]

    def sector(self, tok: Word) -> str | None:
        """The PLOVER sector of a word: linked entity, agent, or counted noun.

        Asked again for the same token by many rules: read once per token."""
        if tok.i not in self.sectors_of:
            self.sectors_of[tok.i] = self._sector(tok)
        return self.sectors_of[tok.i]

    def _sector_at(self, i: int) -> str | None:
        if i not in self.sectors_of:
            self.sectors_of[i] = self._sector(self.tree[i])
        return self.sectors_of[i]

    def _sector(self, tok: Word) -> str | None:
        ent = self.entity(tok)
        if ent is not None:
            return self.entity_info(ent).get("sector")
        found = self.agent(tok.text)
        if found:
            return found.get("sector")
        for key in (fold(tok.text), fold(tok.lemma_)):
            if key in self.sectors:
                return self.sectors[key]
        return None

    def agent(self, text: str) -> dict[str, Any] | None:
        """The role, body or group a common noun phrase names (data/gazetteers/agents.jsonl).

        Remembered per gazetteer across docs (read only: callers never change it)."""
        memo = self.agent_memo
        if text not in memo:
            memo[text] = self.gz.agent(text)
        return memo[text]

    def demonym(self, tok: Word) -> str | None:
        """The country of a demonym adjective ("kazakhe" -> KAZ)."""
        return self.gz.demonyms.get(normalise_name(tok.text))

    # -- word classes

    def in_class(self, tok: Word, name: str) -> bool:
        """Whether a token is of a class: a lemma, an entity label or a sector of it."""
        return self.in_class_at(tok.i, name)

    def in_class_at(self, i: int, name: str) -> bool:
        """``in_class`` of the doc's token ``i`` (no ``Token`` needed)."""
        return self._accepts(i, self._item_sets(("@" + name,)))

    def matches(self, tok: Word, item: str) -> bool:
        """A condition item: a lemma, or ``@class`` / ``@LABEL``."""
        return self.matches_at(tok.i, item)

    def matches_at(self, i: int, item: str) -> bool:
        if item.startswith("@"):
            return self.in_class_at(i, item[1:])
        return _folded_item(item) in self.keys_at[i]

    def matching_at(self, indices: list[int], items: list[str]) -> list[int]:
        """The token indices that match one of the condition items."""
        sets = self._item_sets(tuple(items))
        return [i for i in indices if self._accepts(i, sets)]

    def _accepts(self, i: int, sets: tuple[frozenset[str], frozenset[str], frozenset[str]]
                 ) -> bool:
        """Whether token ``i`` is of the lemmas, entity labels and sectors of ``_item_sets``:
        one of its keys a lemma, its label one of the labels (a GPE counts as a LOC), or,
        for a noun, its sector one of the sectors. The one test behind every class check."""
        lemmas, labels, sectors = sets
        if not self.keys_at[i].isdisjoint(lemmas):
            return True
        label = self.label_at.get(i)
        if label is not None and (label in labels or (label == "GPE" and "LOC" in labels)):
            return True
        return bool(sectors) and self.pos_at[i] in ("NOUN", "PROPN") and (
            self._sector_at(i) in sectors)

    def _item_sets(self, items: tuple[str, ...]
                   ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The lemmas, entity labels and sectors that condition items accept, the
        classes' own gathered with the plain lemmas (once per item list, in the lexicon)."""
        memo = self.lex.item_sets_memo
        found = memo.get(items)
        if found is None:
            lemmas, names = _split_items(items)
            all_lemmas, labels, sectors = set(lemmas), set(), set()
            for name in names:
                if name in ENTITY_LABELS:
                    labels.add(name)
                    continue
                members = self.lex.classes[name]
                all_lemmas |= members.lemmas
                labels |= members.labels
                sectors |= members.sectors
            found = memo[items] = (frozenset(all_lemmas), frozenset(labels), frozenset(sectors))
        return found

    def has_match(self, start: int, end: int, items: tuple[str, ...],
                  every_key: frozenset[str]) -> bool:
        """Whether a token of ``doc[start:end]`` matches one of the items, with the lemma
        items looked up at once in ``every_key``, all those tokens' keys."""
        for item in items:
            if not item.startswith("@"):
                if _folded_item(item) in every_key:
                    return True
                continue
            name = item[1:]
            if name in ENTITY_LABELS:
                if any(self.in_class_at(i, name) for i in range(start, end)):
                    return True
                continue
            members = self.lex.classes[name]
            if not every_key.isdisjoint(members.lemmas):
                return True
            # the lemmas are not there: only a label or a sector can match
            if (members.labels or members.sectors) and any(
                    self.in_class_at(i, name) for i in range(start, end)):
                return True
        return False
