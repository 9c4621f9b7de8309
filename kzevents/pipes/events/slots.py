"""Where, when and how many: the place, date and counts attached to a trigger.

Each is taken from the trigger's own clause first, then from the sentence when the
sentence leaves no doubt, and never from anywhere else (no publication date, no place
from another sentence):

- place: a place entity introduced by "à", "dans", "en", "près de"... on the trigger
  or on the verb a nominal trigger depends on ("des heurts ont éclaté à Almaty"),
  possibly through a noun ("dans le nord du Mali", "devant la mairie d'Almaty");
  else the one place of the sentence that is not a participant;
- date: a date whose clause is the trigger's: the first verb above the date is the
  trigger, the verb the nominal trigger is an argument of, or a verb the trigger is
  conjoined or subordinated to; a date on a speech verb whose reported clause holds
  the trigger ("a déclaré vendredi qu'il avait envoyé") is the date of the claim, not of
  the event; else the one date of the sentence, when no other event took it;
- counts: the counts inside a participant ("18 policiers ont été tués") or in the
  trigger's clause, whose category the frame accepts ("killed" for an attack).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from spacy.tokens import Span

from kzevents.pipes.events.arguments import case_at, case_of
from kzevents.pipes.events.context import DocContext
from kzevents.pipes.events.lexicon import fold
from kzevents.pipes.events.tree import Word
from kzevents.pipes.events.triggers import Trigger

PLACE_PREPS = frozenset({"a", "dans", "en", "pres de", "devant", "sur", "aupres de", "vers",
                         "autour de", "aux abords de", "a l'interieur de", "chez"})
REPORTED = frozenset({"ccomp", "parataxis"})
SAME_TIME_PREPS = frozenset({None, "lors de", "pendant", "durant", "au cours de", "dans", "a",
                             "en", "par", "lors"})
MAX_CLIMB = 8


def clause_verb(tok: Word) -> Word:
    """The first verb (or the root) above a token: the clause it belongs to."""
    cur = tok
    for _ in range(MAX_CLIMB):
        if (cur.pos_ in ("VERB", "AUX") and cur != tok) or cur.head == cur:
            return cur
        cur = cur.head
    return cur


def governor(trig: Trigger) -> Word:
    """The verb that carries a trigger's clause: itself, or the verb a noun depends on.

    A noun after "après", "avant", "depuis" tells another moment than its verb ("a
    démissionné après des semaines de manifestations"): it is its own clause. Core
    arguments and "lors de", "pendant", "dans" share the verb's time and place.
    """
    tok = trig.head
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or tok.head == tok:
        return tok
    toll = case_of(tok) == "de" and tok.head.lemma_.lower() in ("bilan", "nombre")
    if tok.dep_.startswith(("obl", "nmod")) and case_of(tok) not in SAME_TIME_PREPS and not toll:
        return tok  # "le bilan des affrontements s'élève à 17 morts" stays in the clause
    return clause_verb(tok)


def _climbs_to(start: Word, target: Word) -> bool:
    """Whether ``target`` is above ``start`` without crossing reported speech."""
    cur = start
    for _ in range(MAX_CLIMB):
        if cur == target:
            return True
        if cur.dep_ in REPORTED or cur.head == cur:
            return False
        cur = cur.head
    return False


def same_clause(trig: Trigger, verb: Word) -> bool:
    """Whether a verb is the trigger's own, governs it, or hangs on it, without
    reported speech between them.

    Climbing, "conj", "advcl", "xcomp" and "acl" stay in the event's frame ("ont
    opposé jeudi [...], faisant 12 morts"); a "ccomp" (reported speech) leaves it.
    """
    own = governor(trig)
    if trig.head == verb:
        return True
    if is_incise(verb):
        return False
    if own.pos_ not in ("VERB", "AUX"):
        # a noun after "après", "au lendemain de": its own moment, its own clause
        return own.dominates(verb)
    return _climbs_to(own, verb) or (
        verb.dep_ in ("advcl", "conj", "xcomp") and _climbs_to(verb, own))


def _since(tok: Word) -> bool:
    """A date introduced by "depuis" or "dès" (the start of a state)."""
    first = tok.left_edge if tok.left_edge.i <= tok.i else tok
    return first.lower_ in ("depuis", "dès") or any(
        c.lower_ in ("depuis", "dès") for c in tok.children if c.dep_ == "case")


OTHER_MOMENT_CASES = frozenset({"apres", "avant", "depuis", "malgre"})
OTHER_MOMENT_NOUNS = frozenset({"lendemain", "veille", "suite", "issue"})


def _another_moment(trig: Trigger) -> bool:
    """Whether a noun trigger lies under "après", "avant", "depuis", "au lendemain de"...
    ("après une semaine d'affrontements"): it tells an earlier or later moment, so the
    sentence's one date, which belongs to the main event, is not its date."""
    cur = trig.head
    for _ in range(MAX_CLIMB):
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            return False
        if case_of(cur) in OTHER_MOMENT_CASES or (
                cur != trig.head and fold(cur.lemma_) in OTHER_MOMENT_NOUNS):
            return True
        cur = cur.head
    return False


def is_incise(verb: Word) -> bool:
    """A reporting incise: ", a indiqué samedi le ministère", ", a-t-il ajouté" (the
    subject after the verb). Its date is the claim's, not the event's."""
    return verb.dep_ != "ROOT" and any(
        c.dep_ in ("nsubj", "expl:subj") and c.i > verb.i for c in verb.children)


class _RootIndex:
    """(item, root token) pairs found by the root's index: those of a sentence in
    their own order, without reading every pair of the doc for every trigger."""

    def __init__(self, pairs: list[tuple[dict[str, Any], Word | None]]) -> None:
        self.pairs = pairs
        ranked = sorted((tok.i, n) for n, (_, tok) in enumerate(pairs) if tok is not None)
        self.roots = [i for i, _ in ranked]
        self.order = [n for _, n in ranked]
        # (start, end) -> the pairs within: every trigger of a sentence asks
        self._within: dict[tuple[int, int], list[tuple[dict[str, Any], Word]]] = {}

    def within(self, start: int, end: int) -> list[tuple[dict[str, Any], Word]]:
        """The pairs whose root is in tokens [start, end), in the order of ``pairs``
        (the same list for the same bounds: callers do not change it)."""
        found = self._within.get((start, end))
        if found is None:
            ranks = sorted(self.order[bisect_left(self.roots, start) : bisect_left(self.roots,
                                                                                  end)])
            found = self._within[start, end] = [self.pairs[n] for n in ranks]  # type: ignore[misc]
        return found


class SlotReader:
    """Finds place, date and counts for the triggers of one sentence."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        doc = ctx.doc
        self._dates = [(d, self._root(d)) for d in doc._.kz_dates or []]
        self._counts = [(c, self._root(c)) for c in doc._.kz_counts or []]
        self._date_index = _RootIndex(self._dates)
        self._count_index = _RootIndex(self._counts)
        # sentence start -> its places said as where something happens (every trigger
        # of the sentence asks)
        self._sentence_places: dict[int, list[Span]] = {}

    def _root(self, item: dict[str, Any]) -> Word | None:
        """The root word of a date or count (its character span's root)."""
        root = self.ctx.tree.words.span_root(item["start"], item["end"])
        return self.ctx.tree[root] if root is not None else None

    # -- place

    def place(self, trig: Trigger, sent: Span, taken: list[tuple[int, int]]
              ) -> tuple[dict[str, Any] | None, str | None]:
        """The place of a trigger and the rule that found it."""
        found = []
        tree = self.ctx.tree
        children, dep, dates = tree.words.children, tree.words.dep, self.ctx.date_tokens
        for owner in dict.fromkeys([trig.head.i, governor(trig).i]):
            # its dependents, and those the parser hung on a date beside it (by index)
            under = children[owner] + [g for c in children[owner] if c in dates
                                       for g in children[c]]
            for i in under:
                if not dep[i].startswith(("obl", "nmod")):
                    continue
                if case_at(tree, i) not in PLACE_PREPS:
                    continue
                ent = self._place_in(tree[i])
                if ent is not None:
                    found.append(ent)
        if found:
            # "Au Pérou, [...] à Juliaca": the most precise place of the clause
            best = max(found, key=lambda e: self.ctx.entity_info(e).get("precision") or 0)
            return self.entity_dict(best), "place:clause"
        candidates = {}
        for ent in self._places_of(sent):
            if any(a < ent.end_char and ent.start_char < b for a, b in taken):
                continue
            key = self.ctx.entity_info(ent).get("kb_id") or ent.text
            candidates.setdefault(key, ent)
        if len(candidates) == 1:
            return self.entity_dict(next(iter(candidates.values()))), "place:sentence"
        return None, None

    def _places_of(self, sent: Span) -> list[Span]:
        """The places of a sentence said as where something happens, in their order."""
        found = self._sentence_places.get(sent.start)
        if found is None:
            found = self._sentence_places[sent.start] = [
                ent for ent in self.ctx.ents_in(sent)
                if self.ctx.is_place(ent) and self._locative(ent)]
        return found

    def place_inside(self, tok: Word) -> tuple[dict[str, Any] | None, str | None]:
        """The place inside a target: "la mairie d'Almaty incendiée" happened in Almaty."""
        ent = self.ctx.entity(tok)
        if ent is not None and self.ctx.is_place(ent):
            return self.entity_dict(ent), "place:target"
        inner = self._place_in(tok)
        return (self.entity_dict(inner), "place:target") if inner is not None else (None, None)

    def _locative(self, ent: Span) -> bool:
        """A place said as where something happens ("à Almaty", "Au Pérou,"), not as a
        part of a name ("le maire d'Istanbul", "la frontière avec la Biélorussie")."""
        root = self.ctx.tree[ent.root.i]
        return case_of(root) in PLACE_PREPS and root.head.pos_ in ("VERB", "AUX", "NOUN")

    def _place_in(self, tok: Word) -> Span | None:
        """A place at a token or under it through "de" ("le nord du Mali"); in a place
        name the linker left unlinked ("aéroport d'Alger"), the known place inside it."""
        for cand in (tok, *(c for c in tok.children if c.dep_.startswith("nmod"))):
            ent = self.ctx.entity(cand)
            if ent is None:
                continue
            if self.ctx.is_place(ent):
                return ent
            if ent.label_ in ("LOC", "GPE") and cand.pos_ == "PROPN" and self.ctx.known_place(
                    cand) is not None:
                return cand.doc[cand.i : cand.i + 1]
        return None

    def entity_dict(self, ent: Span) -> dict[str, Any]:
        info = self.ctx.place_info(ent)
        return {"start": ent.start_char, "end": ent.end_char, "label": "LOC", **info}

    # -- date

    def date(self, trig: Trigger, sent: Span, claimed: set[int]
             ) -> tuple[dict[str, Any] | None, str | None]:
        """The date of a trigger's clause, else the sentence's single free date."""
        inside = self._date_index.within(sent.start, sent.end)
        own = governor(trig)
        for d, tok in inside:
            if tok.head != trig.head and _since(tok):
                continue  # "en guerre depuis avril 2023": a state's start, not this event's
            if tok.head == trig.head or clause_verb(tok) == own or (
                    trig.head.pos_ != "VERB" and clause_verb(tok) == clause_verb(trig.head)
                    and trig.head.dominates(tok)):
                return d, "date:trigger"
        inside = [(d, tok) for d, tok in inside if not _since(tok)]
        near = sorted(inside, key=lambda dt: abs(dt[1].i - trig.head.i))
        for d, tok in near:
            if same_clause(trig, clause_verb(tok)):
                return d, "date:clause"
        free = [d for d, tok in inside if id(d) not in claimed
                and not self._reports(clause_verb(tok), trig)
                and clause_verb(tok).dep_ not in REPORTED  # an incise's date is the claim's
                and not is_incise(clause_verb(tok))]
        if len(inside) == 1 and free and not _another_moment(trig):
            return free[0], "date:sentence"
        return None, None

    @staticmethod
    def _reports(verb: Word, trig: Trigger) -> bool:
        """Whether a verb reports the trigger's clause (the date is the claim's)."""
        cur = governor(trig)
        for _ in range(MAX_CLIMB):
            if cur.head == cur:
                return False
            if cur.dep_ in REPORTED and cur.head == verb:
                return True
            cur = cur.head
        return False

    # -- counts

    def counts(self, trig: Trigger, sent: Span, categories: list[str],
               participants: list[Word], counted: Word | None = None
               ) -> tuple[list[dict[str, Any]], list[str]]:
        """Counts of the trigger: inside a participant, or in its clause by category.

        ``counted``: the participant whose number the event itself gives a category to
        (the troops sent, the people arrested, the protesters).
        """
        out, rules = [], []
        for count, tok in self._count_index.within(sent.start, sent.end):
            inside = any(p.dominates(tok) for p in participants)
            category = count.get("category")
            if inside and (category in categories or category == "other"):
                out.append(count)
                rules.append("counts:participant")
                named = [c for c in categories if c != "other"]
                if category == "other" and len(named) == 1 and counted is not None and (
                        counted.dominates(tok)):
                    # "a rappelé 360 000 réservistes": the people of a deployment are
                    # deployed (the Count dict is the article's too, so both agree)
                    count["category"] = named[0]
                    rules.append("counts:category_from_event")
            elif category in categories and category != "other" and (
                    count.get("sector") or not count.get("noun")) and (
                    same_clause(trig, clause_verb(tok)) or tok.head == trig.head
                    or trig.head.dominates(tok)):
                out.append(count)
                rules.append("counts:clause")
        return out, rules
