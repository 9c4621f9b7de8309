"""The event lexicons: triggers, argument frames and word classes, read and checked once.

Three data files under ``data/lexicons/`` (their README says how to edit them):

- ``triggers.jsonl``: a French lemma (verb or noun, or a fixed phrase) -> PLOVER type and
  mode, the frame of its arguments, and the conditions that keep a word with several senses
  to its event sense ("tirer" only with "sur", "neutraliser" only with people as object);
- ``event_frames.jsonl``: which grammatical slot gives the actor, the recipient, the thing
  moved, and which count categories belong to the event;
- ``event_classes.jsonl``: the word classes that conditions name ("troops", "weapons",
  "sport"...), as lemmas, entity labels and PLOVER sectors.

A bad line fails with the file, the line and what is wrong; a condition that names an
unknown class or frame fails the same way, so a typo never silently disables a trigger.

>>> lex = load_lexicon()
>>> entry = lex.verbs["envoyer"][0]
>>> (entry.type, entry.frame) in {("MOBILIZE", "send"), ("AID", "send")}
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kzevents.errors import DataFileError
from kzevents.models import EventType
from kzevents.resources import data_path, read_jsonl
from kzevents.text import strip_accents

Role = Literal["actor", "recipient", "theme"]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """How lexicon words and text words are compared: lower case, no accents, ' for ’.

    Remembered: the rules fold the same few thousand words again and again.

    >>> fold("Coup d’État")
    "coup d'etat"
    """
    return strip_accents(text.replace("’", "'")).strip()


class TriggerEntry(BaseModel):
    """One line of triggers.jsonl: a word or phrase that signals an event."""

    model_config = ConfigDict(extra="forbid")
    lemma: str = Field(min_length=1, description="infinitive, singular noun, or fixed phrase")
    pos: Literal["verb", "noun"]
    type: EventType
    mode: str | None = None
    frame: str = "harm"
    type_alternatives: list[EventType] = Field(default_factory=list)
    with_: list[str] = Field(default_factory=list, alias="with",
                             description="a dependent must be one of these (lemma or @class)")
    not_with: list[str] = Field(default_factory=list)
    prep: list[str] = Field(default_factory=list,
                            description="a dependent introduced by one of these")
    reflexive: bool = False
    object: str | None = Field(default=None, description="class of the object or patient")
    subject: str | None = Field(default=None,
                                description="class of the subject, when there is one")
    needs: list[str] = Field(default_factory=list, description="one of these in the sentence")
    block: list[str] = Field(default_factory=list,
                             description="classes that must not be in the sentence")
    not_after: list[str] = Field(default_factory=list,
                                 description="words that must not come just before")
    needs_participant: bool = Field(
        default=False, description="no event without an actor or a recipient ('l'aide' alone)")
    civilian: tuple[EventType, str | None] | None = Field(
        default=None, description="type and mode when the actor is civilian (crowd, protesters)")
    abroad: tuple[EventType, str | None] | None = Field(
        default=None, description="type and mode when sent to another country than the actor's")
    note: str | None = None

    @property
    def rule_id(self) -> str:
        """The id that ``Event.rules`` shows for this entry: ``trigger:tuer:ASSAULT``."""
        extra = f"+{self.with_[0]}" if self.with_ and self.pos == "verb" else ""
        return f"trigger:{self.lemma}{extra}:{self.type}"


class Frame(BaseModel):
    """One line of event_frames.jsonl: grammatical slot -> role."""

    model_config = ConfigDict(extra="forbid")
    frame: str
    subj: Role | None = None
    obj: Role | None = None
    pass_subj: Role | None = None
    agent: Role | None = None
    iobj: Role | None = None
    noun_of: Role | None = None
    noun_agent: Role | None = None
    preps: dict[str, Role] = Field(default_factory=dict)
    counts: list[str] = Field(default_factory=list)


class WordClass(BaseModel):
    """One line of event_classes.jsonl."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(alias="class")
    lemmas: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    sectors: list[str] = Field(default_factory=list)
    include: list[str] = Field(default_factory=list)
    note: str | None = None


@dataclass
class Members:
    """What belongs to a word class, with ``include`` resolved."""

    lemmas: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)


@dataclass
class Lexicon:
    """Triggers indexed for lookup, frames and classes by name."""

    verbs: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    nouns: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    phrases: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    phrase_patterns: list[tuple[re.Pattern[str], list[TriggerEntry]]] = field(
        default_factory=list)
    # per phrase pattern, its words without the word-boundary checks: when a doc's text
    # has no match of it, no sentence of the doc has the phrase
    phrase_screens: list[re.Pattern[str]] = field(default_factory=list)
    # per phrase pattern, its first word as the pattern spells it: a text without it
    # has no match, which a substring test tells faster than the pattern
    phrase_firsts: list[str] = field(default_factory=list)
    frames: dict[str, Frame] = field(default_factory=dict)
    classes: dict[str, Members] = field(default_factory=dict)
    # (part of speech, keys) -> the trigger candidates of such a word (triggers.py)
    candidate_memo: dict[tuple[str, tuple[str, ...]], Any] = field(
        default_factory=dict, repr=False, compare=False)
    # keys of a word -> whether any of them, or an infinitive it may come from, is a
    # trigger (triggers.py): most words of a text are not, and are skipped on this
    may_trigger_memo: dict[frozenset[str], bool] = field(
        default_factory=dict, repr=False, compare=False)
    # condition items -> the lemmas, labels and sectors they accept (context.py)
    item_sets_memo: dict[tuple[str, ...], Any] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def size(self) -> int:
        """How many trigger entries, all indexes together."""
        return sum(len(v) for table in (self.verbs, self.nouns, self.phrases)
                   for v in table.values())


def is_phrase(lemma: str) -> bool:
    """Whether an entry is matched in the text as a phrase rather than a token's lemma.

    spaCy splits "sit-in" but not "couvre-feu", so every word with a space, a hyphen or
    an apostrophe is a phrase, found in the folded sentence text whatever the tokens.
    """
    return any(ch in lemma for ch in " -'’")


def phrase_regex(phrase: str) -> re.Pattern[str]:
    """The pattern of a phrase in folded text, each word taking an optional plural ending.

    >>> bool(phrase_regex("prise d'otages").fullmatch("prises d'otages"))
    True
    """
    return re.compile(r"(?<!\w)" + phrase_body(phrase) + r"(?!\w)")


def phrase_body(phrase: str) -> str:
    """The words of ``phrase_regex``, without the checks that they are whole words."""
    parts = re.split(r"([ '-])", fold(phrase))
    return "".join(
        (re.escape(p) + ("(?:s|x)?" if len(p) > 1 and p[-1].isalpha() else ""))
        if p not in " '-" else (r"\s+" if p == " " else re.escape(p))
        for p in parts if p)


def first_word(phrase: str) -> str:
    """The first word of a phrase, folded, that every match of ``phrase_body`` holds as
    it is ("" when the phrase starts with a separator).

    >>> first_word("prise d'otages")
    'prise'
    """
    return re.split(r"([ '-])", fold(phrase))[0]


def _check_refs(path: Path, line: int, entry: TriggerEntry, lex: Lexicon) -> None:
    if entry.frame not in lex.frames:
        raise DataFileError(path, f"unknown frame {entry.frame!r} (see event_frames.jsonl)",
                            line=line)
    refs = [entry.object, entry.subject, *entry.block,
            *(w[1:] for w in (*entry.with_, *entry.not_with, *entry.needs) if w.startswith("@"))]
    for ref in refs:
        if ref and ref not in lex.classes and ref not in ("PER", "ORG", "LOC", "MISC"):
            raise DataFileError(path, f"unknown word class {ref!r} (see event_classes.jsonl)",
                                line=line)


def _resolve(name: str, raw: dict[str, WordClass], path: Path, seen: tuple[str, ...] = ()
             ) -> Members:
    if name in seen:
        raise DataFileError(path, f"word class {name!r} includes itself")
    if name not in raw:
        raise DataFileError(path, f"unknown word class {name!r} in an include")
    cls = raw[name]
    out = Members({fold(w) for w in cls.lemmas}, set(cls.labels), set(cls.sectors))
    for other in cls.include:
        sub = _resolve(other, raw, path, (*seen, name))
        out.lemmas |= sub.lemmas
        out.labels |= sub.labels
        out.sectors |= sub.sectors
    return out


@cache
def load_lexicon(triggers: tuple[str, ...] = (), frames: str | None = None,
                 classes: str | None = None) -> Lexicon:
    """The package lexicons, extended by the user's trigger files ``triggers``.

    Cached per arguments: every pipeline built in a process shares one copy.
    """
    frames_path = Path(frames) if frames else data_path("lexicons", "event_frames.jsonl")
    classes_path = Path(classes) if classes else data_path("lexicons", "event_classes.jsonl")
    lex = Lexicon()
    for _, frame in read_jsonl(frames_path, Frame):
        frame.preps = {fold(prep): role for prep, role in frame.preps.items()}
        lex.frames[frame.frame] = frame
    raw = {c.name: c for _, c in read_jsonl(classes_path, WordClass)}
    lex.classes = {name: _resolve(name, raw, classes_path) for name in raw}
    paths = (data_path("lexicons", "triggers.jsonl"), *map(Path, triggers))
    for path in paths:
        for line, entry in read_jsonl(path, TriggerEntry):
            _check_refs(path, line, entry, lex)
            if is_phrase(entry.lemma):
                lex.phrases.setdefault(fold(entry.lemma), []).append(entry)
            else:
                table = lex.verbs if entry.pos == "verb" else lex.nouns
                table.setdefault(fold(entry.lemma), []).append(entry)
    lex.phrase_patterns = [(phrase_regex(p), entries) for p, entries in lex.phrases.items()]
    lex.phrase_screens = [re.compile(phrase_body(p)) for p in lex.phrases]
    lex.phrase_firsts = [first_word(p) for p in lex.phrases]
    return lex
