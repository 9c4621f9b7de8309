"""The gold format of annotated sentences and its scorer.

One JSON object per line (see SPEC.md):
``{"id", "text", "published", "events": [...]}``, and optionally, to score the
components on their own, ``"entities"``, ``"dates"`` and ``"counts"`` lists at
the record level (README, "Annotated sentences"), and an ``"article"`` key:
records that share it are consecutive segments of one article, in document
order, and are extracted together (see ``in_context``).

Events are paired within a record by type (``type`` or one of
``type_alternatives``) and, when the gold gives a trigger, by trigger overlap.
Then every slot is scored by precision, recall and F1:

- a gold key that is absent is not scored; ``null`` means "must be empty";
- a right value is a true positive, a missing one a false negative, a wrong
  one both a false positive and a false negative;
- every filled slot of an unpaired predicted event is a false positive, and
  every filled gold slot of an unpaired gold event a false negative.

>>> SlotScore(tp=3, fp=1, fn=0).precision
0.75
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from kzevents.errors import DataFileError
from kzevents.models import EventType, Participant
from kzevents.text import normalise_name

# kb_id -> every name the gazetteers know for it (plugged in by the linker).
AliasLookup = Callable[[str], Iterable[str]]

EVENT_SLOTS = ("mode", "actor", "actor_country", "recipient", "recipient_country", "place",
               "place_country", "date", "counts", "modality", "source")


class GoldCount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: float
    category: str | None = None
    qualifier: str | None = None
    text: str | None = None


class GoldEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: EventType
    type_alternatives: list[EventType] = Field(default_factory=list)
    mode: str | None = None
    trigger: str | None = None
    actor: str | None = None
    actor_country: str | None = None
    recipient: str | None = None
    recipient_country: str | None = None
    place: str | None = None
    place_country: str | None = None
    date: str | None = None
    date_grain: str | None = None
    counts: list[GoldCount] | None = None
    modality: str | None = None
    source: str | None = None


class GoldEntity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    label: str
    kb_id: str | None = None
    country: str | None = None


class GoldDate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    value: str | None
    grain: str | None = None


class GoldRecord(BaseModel):
    """One annotated text. ``entities``/``dates``/``counts`` are scored when given."""

    model_config = ConfigDict(extra="forbid")
    id: str
    text: str
    published: str | None = None
    events: list[GoldEvent] = Field(default_factory=list)
    entities: list[GoldEntity] | None = None
    dates: list[GoldDate] | None = None
    counts: list[GoldCount] | None = None
    article: str | None = None
    note: str | None = None


class SlotScore(BaseModel):
    """Counts of one slot and the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Mismatch(BaseModel):
    """One scoring error, for reading what went wrong."""

    id: str
    slot: str
    gold: Any = None
    predicted: Any = None


class Report(BaseModel):
    """Per-slot scores over a gold file, and the false-event rate.

    ``slots["type"]`` scores event detection (paired events); the other event
    slots are scored on paired events as the module docstring says.
    """

    records: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    paired_events: int = 0
    slots: dict[str, SlotScore] = Field(default_factory=dict)
    mismatches: list[Mismatch] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def false_event_rate(self) -> float:
        """Share of predicted events that pair with no gold event."""
        if not self.predicted_events:
            return 0.0
        return (self.predicted_events - self.paired_events) / self.predicted_events

    def to_table(self) -> str:
        """A plain-text table of the scores, for a terminal."""
        lines = [f"{'slot':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name, s in self.slots.items():
            lines.append(f"{name:<18}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                         f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        lines.append(
            f"records {self.records}, gold events {self.gold_events}, predicted "
            f"{self.predicted_events}, paired {self.paired_events}, false-event rate "
            f"{self.false_event_rate:.3f}"
        )
        return "\n".join(lines)


# ----------------------------------------------------------------- reading gold

def read_gold(path: str | Path) -> list[GoldRecord]:
    """Read and validate a gold file; errors name the file and the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(path, "no such file") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(GoldRecord.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            problem = f"{first['msg']} (at {where})" if where else first["msg"]
            raise DataFileError(path, f"{problem}; see the gold format in the README",
                                line=number) from None
    return records


# ----------------------------------------------------------------- matching

def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def same_name(gold: str, candidates: Iterable[str]) -> bool:
    """Whether a gold name designates the same thing as one of the candidates.

    Equal after ``normalise_name``, or one contains the other as whole words
    when the shorter one keeps the head of the longer ("Pachinian" for "Nikol
    Pachinian", "policiers" in "18 policiers").
    """
    g = normalise_name(gold).split()
    if not g:
        return False
    for candidate in candidates:
        c = normalise_name(candidate).split()
        if not c:
            continue
        if c == g or _contains(c, g) or (_contains(g, c) and g[-1] == c[-1]):
            return True
    return False


def _names(part: Any, aliases: AliasLookup | None) -> list[str]:
    names = [part.text]
    if getattr(part, "name", None):
        names.append(part.name)
        body = re.fullmatch(r"(.+) \((.+)\)", part.name)
        if body:  # a composed body "ministère de la Défense (Arménie)" is also written
            head, country = body.groups()  # "ministère de la Défense de l'Arménie"
            names += [f"{head} {link}{country}" for link in ("de ", "du ", "de l'", "des ")]
    if aliases and getattr(part, "kb_id", None):
        names.extend(aliases(part.kb_id))
    return names


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


# ----------------------------------------------------------------- scoring

class _Scorer:
    def __init__(self, aliases: AliasLookup | None) -> None:
        self.aliases = aliases
        self.report = Report()

    def slot(self, name: str) -> SlotScore:
        return self.report.slots.setdefault(name, SlotScore())

    def miss(self, rid: str, slot: str, gold: Any, predicted: Any) -> None:
        self.report.mismatches.append(Mismatch(id=rid, slot=slot, gold=gold, predicted=predicted))

    def judge(self, rid: str, slot: str, gold: Any, predicted: Any, right: bool) -> None:
        """Score one slot given its gold and predicted values."""
        score = self.slot(slot)
        if gold is None and predicted is None:
            return
        if gold is None:
            score.fp += 1
        elif predicted is None:
            score.fn += 1
        elif right:
            score.tp += 1
            return
        else:
            score.fp += 1
            score.fn += 1
        self.miss(rid, slot, gold, predicted)

    # -- events

    def event_values(self, event: Any) -> dict[str, Any]:
        """The predicted value of each slot, ``None`` when empty."""
        def country(part: Any) -> Any:
            return part.country if part is not None else None

        return {
            "mode": event.mode,
            "actor": event.actor,
            "actor_country": country(event.actor),
            "recipient": event.recipient,
            "recipient_country": country(event.recipient),
            "place": event.place,
            "place_country": country(event.place),
            "date": event.date if event.date and event.date.value else None,
            "counts": event.counts or None,
            "modality": event.modality,
            "source": event.source.speaker if event.source and event.source.speaker else None,
        }

    def right(self, slot: str, gold: GoldEvent, value: Any) -> bool:
        if slot in ("actor", "recipient", "place", "source"):
            return same_name(getattr(gold, slot), _names(value, self.aliases))
        if slot == "date":
            return value.value == gold.date and (gold.date_grain in (None, value.grain))
        return getattr(gold, slot) == value

    @staticmethod
    def shown(value: Any) -> Any:
        if isinstance(value, Participant) or hasattr(value, "start"):
            return value.text
        if isinstance(value, list):
            return [(c.value, c.category) for c in value]
        return value

    def pair_events(self, record: GoldRecord, events: list[Any]) -> list[tuple[GoldEvent, Any]]:
        free = list(events)
        pairs = []
        for gold in record.events:
            types = {gold.type, *gold.type_alternatives}
            spans = _spans(record.text, gold.trigger) if gold.trigger else None
            candidates = [
                e for e in free
                if e.type in types and (spans is None or _overlaps(spans, e.trigger.start,
                                                                    e.trigger.end))
            ]
            if candidates:
                best = min(candidates, key=lambda e: (e.type != gold.type, e.trigger.start))
                free.remove(best)
                pairs.append((gold, best))
        return pairs

    def score_events(self, record: GoldRecord, events: list[Any]) -> None:
        rep, rid = self.report, record.id
        pairs = self.pair_events(record, events)
        paired_pred = {id(p) for _, p in pairs}
        paired_gold = {id(g) for g, _ in pairs}
        rep.gold_events += len(record.events)
        rep.predicted_events += len(events)
        rep.paired_events += len(pairs)
        kind = self.slot("type")
        kind.tp += len(pairs)
        kind.fn += len(record.events) - len(pairs)
        kind.fp += len(events) - len(pairs)
        for gold, pred in pairs:
            values = self.event_values(pred)
            for slot in EVENT_SLOTS:
                if slot not in gold.model_fields_set:
                    continue
                if slot == "counts":
                    self.score_counts(rid, "counts", gold.counts or [], pred.counts,
                                      key=lambda c: (c.value, c.category))
                    continue
                value = values[slot]
                right = value is not None and getattr(gold, slot) is not None and self.right(
                    slot, gold, value)
                self.judge(rid, slot, getattr(gold, slot), self.shown(value), right)
        for gold in record.events:
            if id(gold) in paired_gold:
                continue
            self.miss(rid, "type", gold.type, None)
            for slot in EVENT_SLOTS:
                if slot == "counts":
                    self.slot(slot).fn += len(gold.counts or [])
                elif slot in gold.model_fields_set and getattr(gold, slot) is not None:
                    self.slot(slot).fn += 1
        for pred in events:
            if id(pred) in paired_pred:
                continue
            self.miss(rid, "type", None, f"{pred.type} {pred.trigger.text!r}")
            for slot, value in self.event_values(pred).items():
                if slot == "counts":
                    self.slot(slot).fp += len(value or [])
                elif value is not None:
                    self.slot(slot).fp += 1

    # -- counts, dates, entities

    def score_counts(self, rid: str, slot: str, gold: Sequence[GoldCount], predicted: Sequence[Any],
                     key: Callable[[Any], Any], text: str | None = None) -> None:
        """Match counts one to one; with record text, a gold ``text`` must overlap."""
        score = self.slot(slot)
        free = list(predicted)
        for g in gold:
            spans = _spans(text, g.text) if text is not None and g.text else None
            match = next((p for p in free if p.value == g.value and (
                g.category is None or p.category == g.category) and (
                spans is None or _overlaps(spans, p.start, p.end))), None)
            if match is None:
                score.fn += 1
                self.miss(rid, slot, key(g), None)
                continue
            free.remove(match)
            score.tp += 1
            if g.qualifier is not None:
                self.judge(rid, f"{slot}_qualifier", g.qualifier, match.qualifier,
                           match.qualifier == g.qualifier)
        score.fp += len(free)
        for p in free:
            self.miss(rid, slot, None, key(p))

    def score_dates(self, record: GoldRecord, dates: Sequence[Any]) -> None:
        score = self.slot("dates")
        free = list(dates)
        for g in record.dates or []:
            spans = _spans(record.text, g.text) if g.text else None
            match = next((d for d in free if d.value == g.value and (
                g.grain is None or d.grain == g.grain) and (
                spans is None or _overlaps(spans, d.start, d.end))), None)
            if match is None:
                score.fn += 1
                self.miss(record.id, "dates", (g.text, g.value, g.grain), None)
            else:
                free.remove(match)
                score.tp += 1
        score.fp += len(free)
        for d in free:
            self.miss(record.id, "dates", None, (d.text, d.value, d.grain))

    def score_entities(self, record: GoldRecord, entities: Sequence[Any]) -> None:
        score = self.slot("entities")
        free = list(entities)
        for g in record.entities or []:
            match = next((e for e in free if e.text == g.text and e.label == g.label), None)
            if match is None:
                score.fn += 1
                self.miss(record.id, "entities", (g.text, g.label), None)
                continue
            free.remove(match)
            score.tp += 1
            for slot in ("kb_id", "country"):
                if slot in g.model_fields_set:
                    gold, pred = getattr(g, slot), getattr(match, slot)
                    self.judge(record.id, f"entity_{slot}", gold, pred, gold == pred)
        score.fp += len(free)
        for e in free:
            self.miss(record.id, "entities", None, (e.text, e.label))


def score(records: Sequence[GoldRecord], articles: Sequence[Any],
          aliases: AliasLookup | None = None) -> Report:
    """Score predicted articles against gold records (same order, same texts).

    Offsets of the articles must index the records' texts.
    """
    if len(records) != len(articles):
        raise ValueError(f"{len(records)} gold records but {len(articles)} articles")
    scorer = _Scorer(aliases)
    for record, article in zip(records, articles, strict=True):
        scorer.report.records += 1
        scorer.score_events(record, article.events)
        if record.entities is not None:
            scorer.score_entities(record, article.entities)
        if record.dates is not None:
            scorer.score_dates(record, article.dates)
        if record.counts is not None:
            scorer.score_counts(record.id, "record_counts", record.counts, article.counts,
                                key=lambda c: (c.value, c.category), text=record.text)
    return scorer.report


# Segments of one article are joined by a blank line: a paragraph break to the cleaner.
SEGMENT_SEPARATOR = "\n\n"


@dataclass
class RecordView:
    """What the scorer reads of one record's part of an article, offsets in the record."""

    events: list[Any]
    entities: list[Any]
    dates: list[Any]
    counts: list[Any]


def _shifted(mention: Any, base: int) -> Any:
    return mention.model_copy(update={"start": mention.start - base, "end": mention.end - base})


def _inside(mention: Any, base: int, end: int) -> bool:
    return base <= mention.start and mention.end <= end


def split_article(article: Any, bounds: Sequence[tuple[int, int]]) -> list[RecordView]:
    """Hand each segment (``start``, ``end`` in the article) its part of ``article``.

    An event goes to every segment holding one of its mentions, its trigger there
    being that mention: an event merged from a headline and a body sentence is
    found by the gold of both. Entities, dates and counts go to the segment they lie in.
    """
    views = []
    for base, end in bounds:
        events = []
        for event in article.events:
            told = next((m for m in [event.trigger, *event.mentions] if _inside(m, base, end)),
                        None)
            if told is not None:
                events.append(event.model_copy(update={"trigger": _shifted(told, base)}))
        views.append(RecordView(events, *(
            [_shifted(m, base) for m in items if _inside(m, base, end)]
            for items in (article.entities, article.dates, article.counts))))
    return views


def in_context(records: Sequence[GoldRecord], one_article: bool = False
               ) -> list[tuple[list[GoldRecord], str]]:
    """Group records into the texts to extract: ``(records, text)`` in file order.

    Consecutive records sharing an ``article`` key (or, with ``one_article``, all
    records without one) are joined into one text, so that a pronoun, a quote
    running on or a headline told again finds what an earlier segment said, as
    in the article they come from; any other record stands alone.
    """
    def article_of(record: GoldRecord) -> str | None:
        if record.article is not None:
            return record.article
        return "" if one_article else None

    groups: list[list[GoldRecord]] = []
    for record in records:
        key = article_of(record)
        if key is not None and groups and article_of(groups[-1][-1]) == key:
            groups[-1].append(record)
        else:
            groups.append([record])
    return [(group, SEGMENT_SEPARATOR.join(r.text for r in group)) for group in groups]


def evaluate_file(path: str | Path, extractor: Any, aliases: AliasLookup | None = None,
                  one_article: bool = False) -> Report:
    """Run ``extractor`` on every record of a gold file and score the result.

    ``aliases`` defaults to the gazetteers of the extractor, so that a gold
    "Kassym-Jomart Tokaïev" matches a predicted "Toqaev" linked to him.
    Records that are segments of one article (an ``article`` key, or every
    record with ``one_article``) are extracted as that article, then scored
    segment by segment (``in_context``).
    """
    if aliases is None:
        from kzevents.gazetteers import alias_lookup

        aliases = alias_lookup(getattr(extractor, "gazetteers", ()))
    records = read_gold(path)
    groups = in_context(records, one_article)
    articles = extractor.extract_many(
        ({"text": text, "published": group[0].published, "id": group[0].id}
         for group, text in groups),
        errors="raise",
    )
    views: list[Any] = []
    for (group, _), article in zip(groups, articles, strict=True):
        if len(group) == 1:
            views.append(article)
            continue
        bounds, start = [], 0
        for record in group:
            bounds.append((start, start + len(record.text)))
            start += len(record.text) + len(SEGMENT_SEPARATOR)
        views.extend(split_article(article, bounds))
    return score(records, views, aliases)


def report_json(report: Report) -> str:
    """The report as indented JSON (scores with their precision, recall, F1)."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
