"""The public data model: what an article becomes.

Every mention carries ``text``, ``start`` and ``end``, and for an ``Article``
``article.text[start:end] == mention.text`` always holds (it is checked when an
article is built or read back from JSON). Offsets index the exact string the
caller passed, markup included.

>>> from kzevents.models import Article, Entity
>>> art = Article(text="Almaty brûle.", entities=[
...     Entity(text="Almaty", start=0, end=6, label="LOC", kind="city")])
>>> Article.model_validate_json(art.model_dump_json()) == art
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kzevents._version import __version__

EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
Grain = Literal["day", "week", "month", "year"]
Qualifier = Literal["exact", "at_least", "at_most", "approx", "range"]
CountCategory = Literal[
    "killed", "injured", "arrested", "deployed", "participants",
    "displaced", "missing", "evacuated", "other",
]
Modality = Literal["asserted", "negated", "hypothetical", "future", "alleged"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Mention(_Model):
    """A piece of the article: its exact text and character offsets."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end < self.start:
            raise ValueError(f"mention end {self.end} is before its start {self.start}")
        return self


class Entity(Mention):
    """A named entity, corrected and linked to the gazetteers when possible."""

    label: EntityLabel
    kind: str | None = None
    kb_id: str | None = None
    name: str | None = None
    country: str | None = Field(default=None, description="ISO 3166 alpha-3")
    sector: str | None = Field(default=None, description="PLOVER sector code (GOV, MIL, ...)")
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int | None = Field(
        default=None, ge=1, le=5,
        description="places: 1 country, 2 province, 3 district, 4 city, 5 below city",
    )


class TimeRef(Mention):
    """A date expression normalised to its grain.

    ``value`` is ISO 8601 cut to the grain (``2022-01-07``, ``2022-01``, ``2022``,
    ``2022-W01``); ``earliest``/``latest`` bound it inclusively. A relative
    expression with no publication date to resolve it has ``relative=True`` and
    no value. A date before the common era ("en 52 av. J.-C.") has an ISO 8601
    astronomical year as value (1 av. J.-C. is ``0000``, 52 av. J.-C. ``-0051``)
    and no ``earliest``/``latest``, which Python dates cannot hold.
    """

    value: str | None = None
    grain: Grain | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    relative: bool = False
    part_of_day: str | None = None


class Count(Mention):
    """How many people or things: "plus de 3 000 manifestants"."""

    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    qualifier: Qualifier = "exact"
    noun: str | None = None
    category: CountCategory = "other"
    sector: str | None = None


class Amount(Mention):
    """Money: "plus de 800 millions de dollars", "1,2 Md€", "une amende de 300 000".

    ``value``, ``low``, ``high`` and ``qualifier`` as in ``Count`` (a range's
    ``value`` is its low end); ``currency`` is the ISO 4217 code, or None when
    the text gives none and no amount before it does.
    """

    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    qualifier: Qualifier = "exact"
    currency: str | None = Field(default=None, description="ISO 4217 (EUR, USD, RUB, XOF...)")


class Trigger(Mention):
    """The word or phrase that signals an event, with its lemma."""

    lemma: str


class Participant(Mention):
    """An actor or recipient of an event, linked when the gazetteers know it."""

    name: str | None = None
    kb_id: str | None = None
    country: str | None = None
    sector: str | None = None


class Attribution(_Model):
    """Who reports the event: "a déclaré le ministère de l'Intérieur"."""

    speaker: Participant | None = None
    verb: str | None = Field(default=None, description="lemma of the speech verb")
    date: TimeRef | None = None


class Event(_Model):
    """One coded event (PLOVER type and mode) with its evidence.

    ``co_actors``/``co_recipients`` hold the others of a coordinated group ("la
    Russie et quatre autres États"); ``mentions`` every trigger that tells this
    same event in the article, ``trigger`` first.
    """

    id: str | None = Field(default=None, description='stable within the article: "e1", "e2"...')
    type: EventType
    mode: str | None = None
    trigger: Trigger
    actor: Participant | None = None
    recipient: Participant | None = None
    co_actors: list[Participant] = Field(default_factory=list)
    co_recipients: list[Participant] = Field(default_factory=list)
    place: Entity | None = None
    date: TimeRef | None = None
    counts: list[Count] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    modality: Modality = "asserted"
    source: Attribution | None = None
    sentence: Mention
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    rules: list[str] = Field(default_factory=list)
    mentions: list[Trigger] = Field(default_factory=list)

    def all_mentions(self) -> Iterator[Mention]:
        """Every mention of the event, nested ones included."""
        yield self.trigger
        yield self.sentence
        yield from self.mentions
        for part in (self.actor, self.recipient, self.place, self.date):
            if part is not None:
                yield part
        yield from self.co_actors
        yield from self.co_recipients
        yield from self.counts
        yield from self.amounts
        if self.source is not None:
            if self.source.speaker is not None:
                yield self.source.speaker
            if self.source.date is not None:
                yield self.source.date


class EventReport(_Model):
    """One telling of a merged event: which article, which of its events, who says so."""

    article_id: str | None = None
    event_id: str | None = None
    source: Attribution | None = None
    published: dt.date | None = None


class MergedEvent(_Model):
    """One real-world event told by several articles or sources (``kzevents.merge``).

    Slots are the most precise of the reports (mentions keep the offsets of the
    article they come from); ``counts`` are reconciled across reports (the
    lowest value, the range in ``low``/``high`` when reports disagree).
    """

    id: str
    type: EventType
    mode: str | None = None
    actor: Participant | None = None
    recipient: Participant | None = None
    place: Entity | None = None
    date: TimeRef | None = None
    counts: list[Count] = Field(default_factory=list)
    modality: Modality = "asserted"
    reports: list[EventReport] = Field(default_factory=list)
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None


class Article(_Model):
    """An article and everything extracted from it.

    ``error`` is set (and the lists left empty) only when
    ``extract_many(..., errors="record")`` met a text it could not process.
    """

    id: str | None = None
    text: str
    published: dt.date | None = None
    model: str | None = None
    version: str = __version__
    entities: list[Entity] = Field(default_factory=list)
    dates: list[TimeRef] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    error: str | None = None

    @model_validator(mode="after")
    def _mentions_match_text(self) -> Article:
        for mention in self.mentions():
            if mention.end > len(self.text):
                raise ValueError(
                    f"mention {mention.text!r} ends at {mention.end}, "
                    f"past the end of the text ({len(self.text)} characters)"
                )
            actual = self.text[mention.start : mention.end]
            if actual != mention.text:
                raise ValueError(
                    f"mention {mention.text!r} at {mention.start}:{mention.end} "
                    f"does not match the text there ({actual!r})"
                )
        return self

    def mentions(self) -> Iterator[Mention]:
        """Every mention in the article, nested ones included."""
        yield from self.entities
        yield from self.dates
        yield from self.counts
        yield from self.amounts
        for event in self.events:
            yield from event.all_mentions()

    def to_records(self, what: Literal["events", "entities", "dates", "counts"] = "events"
                   ) -> list[dict[str, Any]]:
        """Flat dicts, one per event (or entity, date, count), ready for a table.

        >>> Article(text="Rien.").to_records()
        []
        """
        from kzevents.export import article_records

        return article_records(self, what)

    def to_dataframe(self, what: Literal["events", "entities", "dates", "counts"] = "events"):
        """The records of ``to_records`` as a pandas DataFrame (needs pandas)."""
        from kzevents.export import records_to_dataframe

        return records_to_dataframe(self.to_records(what), what)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``Article`` (and everything inside it).

    >>> json_schema()["title"]
    'Article'
    """
    return Article.model_json_schema()
