"""Finding triggers: the words of a sentence that signal an event, in their event sense.

A token is a candidate when its lemma (or, for a participle the tagger took for an
adjective or a noun, the infinitive it comes from) is a trigger of the lexicon; a fixed
phrase ("prise d'otages", "couvre-feu") is found in the folded sentence text. Then the
entry's conditions are checked on the parse, in the order of the lexicon (the specific
sense first): a dependent that must be there ("ouvrir" + "feu"), a preposition ("tirer
sur"), a reflexive "se", the class of the object or subject, words the sentence must
have or must not have ("attaque" in a football report is not an attack).

A word inside a named entity ("Rassemblement national", "Front de libération") is never
a trigger, and neither is a word already taken by a longer trigger.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from kzevents.pipes.events.context import CLOSED_POS, DocContext
from kzevents.pipes.events.lexicon import TriggerEntry, fold
from kzevents.pipes.events.tree import Word
from kzevents.text import fold_same_length

# Irregular past participles of the trigger verbs -> infinitive.
IRREGULAR_PARTICIPLES = {
    "pris": "prendre", "prise": "prendre", "mis": "mettre", "mise": "mettre",
    "remis": "remettre", "promis": "promettre", "soumis": "soumettre",
    "ouvert": "ouvrir", "offert": "offrir", "conclu": "conclure", "exclu": "exclure",
    "detruit": "detruire", "conduit": "conduire", "dissous": "dissoudre",
    "dissoute": "dissoudre", "rompu": "rompre", "rendu": "rendre", "suspendu": "suspendre",
    "defendu": "defendre", "vendu": "vendre", "detenu": "detenir", "retenu": "retenir",
    "entretenu": "entretenir", "convenu": "convenir", "abattu": "abattre",
    "battu": "battre", "recu": "recevoir", "fait": "faire", "dit": "dire",
    "atteint": "atteindre", "contraint": "contraindre", "joint": "joindre",
    "repris": "reprendre", "compris": "comprendre", "surpris": "surprendre",
    "poursuivi": "poursuivre", "reconnu": "reconnaitre", "interdit": "interdire",
    "elu": "elire", "vaincu": "vaincre", "inclus": "inclure", "resolu": "resoudre",
}

# Dependency labels of a participle that heads its own clause: only those may be
# read as a verb when the tagger took them for an adjective or a noun.
CLAUSE_DEPS = frozenset({"ROOT", "conj", "acl", "acl:relcl", "advcl", "ccomp", "xcomp",
                         "parataxis"})
CONSEQUENCE_DEPS = ("advcl", "conj", "acl", "advmod")
PREP_DEPS = frozenset({"case", "mark"})
TOLL_VERBS = frozenset({"tuer", "blesser"})
TOLL_CAUSES = frozenset({"faire", "causer", "provoquer", "couter"})
# "pour réclamer", "afin de protester": the goal of another event, not an event
PURPOSE_SKIPPED = frozenset({"REQUEST", "PROTEST", "ACCUSE", "SUPPORT"})
AIM_VERBS = frozenset({"aider", "destiner", "viser", "servir", "contribuer", "permettre"})


def _purpose(ctx: DocContext, tok: Word) -> bool:
    """An infinitive of purpose: "ont manifesté pour réclamer des hausses"."""
    if "Inf" not in ctx.features(tok).get("VerbForm", ()):
        return False
    return any(fold(c.text) in ("pour", "afin") for c in tok.children if c.dep_ == "mark")


def _aim(ctx: DocContext, tok: Word) -> bool:
    """An infinitive that says what something is for: "destinée à aider le gouvernement
    à réprimer les manifestations" (a goal, not an event)."""
    if "Inf" not in ctx.features(tok).get("VerbForm", ()):
        return False
    head = tok.head
    return fold(head.lemma_) in AIM_VERBS or (head.dep_ in ("xcomp", "acl", "advcl") and fold(
        head.head.lemma_) in AIM_VERBS)


@cache
def _words_of(item: str) -> list[str]:
    """The folded words of a ``not_after`` item ("à l'" -> ["a", "l'"]), once per item."""
    return [fold(w) for w in item.replace("'", "' ").replace("’", "’ ").split()]


def _after_any(tok: Word, words: list[str]) -> bool:
    """Whether one of ``words`` (one word, or several: "à l'") comes just before ``tok``."""
    for item in words:
        wanted = _words_of(item)
        if 0 < len(wanted) <= tok.i and [
                fold(t.text) for t in tok.tree.span(tok.i - len(wanted), tok.i)] == wanted:
            return True
    return False


def _ended(ctx: DocContext, tok: Word) -> bool:
    """A noun that something ends is not a new event: "la levée des sanctions", "la fin
    de l'accord", "a suspendu l'accord" (the ending is the event, class ``ending``),
    unless a participle of its own tells it happened ("du couvre-feu imposé depuis")."""
    return tok.dep_ in ("nmod", "obj") and ctx.in_class(tok.head, "ending") and not any(
        c.dep_ == "acl" and "Part" in c.morph.get("VerbForm") for c in tok.children)


def infinitives(word: str) -> set[str]:
    """Infinitives a folded participle may come from ("tues" -> "tuer").

    >>> sorted(infinitives("rassemblees"))
    ['rassembler']
    >>> "incendier" in infinitives("incendiant")
    True
    """
    out = set()
    base = word
    for ending in ("es", "s", "e"):
        if base.endswith(ending) and len(base) > len(ending) + 2:
            stripped = base[: -len(ending)]
            if stripped.endswith(("e", "i", "u")) or ending == "e":
                base = stripped
                break
    if base in IRREGULAR_PARTICIPLES:
        out.add(IRREGULAR_PARTICIPLES[base])
    if word in IRREGULAR_PARTICIPLES:
        out.add(IRREGULAR_PARTICIPLES[word])
    if base.endswith("e"):
        out.add(base[:-1] + "er")
    elif base.endswith("i"):
        out.add(base + "r")
    if word.endswith("ant") and len(word) > 5:
        stem = word[:-3]
        out |= {stem + "er", stem + "ir"}
        if stem.endswith("iss"):
            out.add(stem[:-3] + "ir")
    return out


@dataclass
class Trigger:
    """A trigger found in a sentence: its head token, its entry, and all its tokens."""

    head: Word
    entry: TriggerEntry
    tokens: list[Word] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        tokens = self.tokens
        return tokens[0].idx if len(tokens) == 1 else min(t.idx for t in tokens)

    @property
    def end(self) -> int:
        tokens = self.tokens
        if len(tokens) == 1:
            return tokens[0].idx + len(tokens[0].text)
        return max(t.idx + len(t.text) for t in tokens)

    @property
    def is_verb(self) -> bool:
        return self.entry.pos == "verb"


def dependents(tok: Word, depth: int = 2) -> list[Word]:
    """Children and grandchildren of a token (prepositions and determiners included)."""
    out: list[Word] = []
    frontier = [tok]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children]
        out.extend(frontier)
    return out


def is_reflexive(tok: Token | Word) -> bool:
    """A pronominal verb: "se sont rassemblés", "s'est entretenu"."""
    return any(fold(c.text) in ("se", "s'") and c.pos_ == "PRON" for c in tok.children)


def prepositions(tok: Word) -> set[str]:
    """Folded prepositions that introduce the token's dependents ("tirer sur la foule")."""
    found = set()
    for child in tok.children:
        for grand in child.children:
            if grand.dep_ in PREP_DEPS:
                found.add(fold(grand.text))
                found.add(fold(grand.lemma_))
        if child.dep_ in PREP_DEPS and child.pos_ == "ADP":
            found.add(fold(child.text))
    return found


PEOPLE_CLASSES = frozenset({"person", "hostile", "target", "actor", "official", "official_person",
                            "people_or_protest", "troops_or_people", "place_or_people",
                            "civilians", "fighters", "officials", "troops", "needy",
                            "actor_or_decision", "place_or_official", "member_state"})
# the dependents that belong to an object or subject for its class ("ingénieurs chinois")
SLOT_PARTS = frozenset({"amod", "nmod", "flat:name", "compound", "fixed", "conj", "appos",
                        "flat"})
PEOPLE_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "qui", "lui", "leur", "les", "la", "le",
                             "l'"})


def passive_subjects(tok: Word) -> list[Word]:
    """The subject of a passive the parser did not label ("Au moins 100 personnes, dont
    des enfants, ont été tuées": a noun before the verb, with no preposition)."""
    if not any(c.dep_ == "aux:pass" for c in tok.children) or any(
            c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children):
        return []
    return [c for c in tok.children if c.i < tok.i and c.pos_ in ("NOUN", "PROPN")
            and c.dep_.startswith(("obl", "nmod", "dep")) and not any(
                g.dep_ == "case" for g in c.children)][:1]


def is_consequence(tok: Word, features: dict[str, tuple[str, ...]] | None = None) -> bool:
    """A present participle hung on a clause: ", tuant six civils", ", faisant 12 morts".

    ``features``: the token's morphology when the caller has it (``DocContext.features``)."""
    if tok.dep_ not in CONSEQUENCE_DEPS:
        return False
    if features is None:
        features = {name: tuple(tok.morph.get(name)) for name in ("Tense", "VerbForm")}
    return "Pres" in features.get("Tense", ()) and (
        "Part" in features.get("VerbForm", ()) or tok.pos_ != "VERB")


def consequence_of(tok: Word) -> Word | None:
    """The verb a participle of consequence tells the outcome of: its head, or above it
    the first verb with a subject when the parser hung it on a subordinate word."""
    cur = tok.head
    for _ in range(3):
        if cur.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubj:pass") for c in cur.children):
            return cur
        if cur.head == cur:
            break
        cur = cur.head
    return tok.head if tok.head.pos_ in ("VERB", "AUX") else None


def _within(indices: list[int], start: int, end: int) -> list[int]:
    """The sorted ``indices`` from ``start`` to ``end`` (excluded)."""
    return indices[bisect_left(indices, start) : bisect_left(indices, end)]


class TriggerFinder:
    """Finds the triggers of one sentence."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.lex = ctx.lex
        # (sentence start, items) -> whether the sentence has one: the same "needs" and
        # "block" lists come back for every candidate of a sentence
        self._in_sentence: dict[tuple[int, tuple[str, ...]], bool] = {}
        self._sentence_keys: dict[int, frozenset[str]] = {}
        self._dependents: dict[tuple[int, int], list[int]] = {}
        # the doc's text folded, and the phrase patterns that may match in it
        self.folded = fold_same_length(ctx.text)
        self.phrase_patterns = [
            pair for pair, first, screen in zip(self.lex.phrase_patterns, self.lex.phrase_firsts,
                                                self.lex.phrase_screens, strict=True)
            if first in self.folded and screen.search(self.folded)]
        # the words of the doc that may be triggers (open class, outside a name, a key in
        # the lexicon: a tenth of the words) and those with a dependency label of a
        # consequence, found once for the doc; a sentence takes its own by bisection
        open_class, keys_at, ent_of = ctx.open_class, ctx.keys_at, ctx.ent_of
        self.maybe = [i for i, keys in enumerate(keys_at)
                      if open_class[i] and i not in ent_of and self.may_trigger(keys)]
        self.consequence_deps = [i for i, dep in enumerate(ctx.dep_at)
                                 if dep in CONSEQUENCE_DEPS]

    def sentence_has(self, bounds: tuple[int, int], items: tuple[str, ...]) -> bool:
        """Whether a word of the sentence (its token ``bounds``) matches one of the items
        (memoised, with the keys of all its words gathered once)."""
        start, end = bounds
        key = (start if end > start else -1, items)
        if key not in self._in_sentence:
            every_key = self._sentence_keys.get(start)
            if every_key is None:
                every_key = self._sentence_keys[start] = frozenset().union(
                    *self.ctx.keys_at[start:end])
            self._in_sentence[key] = self.ctx.has_match(start, end, items, every_key)
        return self._in_sentence[key]

    def may_trigger(self, keys: frozenset[str]) -> bool:
        """Whether a word with these keys can have candidates at all: one of its keys
        is a trigger noun or verb, or is a participle of a trigger verb (memoised in the
        lexicon, for the cheap test that skips most words)."""
        memo = self.lex.may_trigger_memo
        found = memo.get(keys)
        if found is None:
            verbs, nouns = self.lex.verbs, self.lex.nouns
            found = memo[keys] = any(
                key in verbs or key in nouns or any(inf in verbs for inf in infinitives(key))
                for key in keys)
        return found

    def candidates(self, i: int) -> list[TriggerEntry]:
        """Entries whose lemma the doc's token ``i`` may be, verbs and nouns alike.

        They depend on the part of speech, the keys and whether the word heads a
        clause: worked out once per such triple, in the lexicon's memo."""
        ctx = self.ctx
        pos = ctx.pos_at[i]
        if pos in CLOSED_POS:
            return []
        keys = tuple(ctx.keys_at[i])  # in the set's order, which the entries follow
        memo = self.lex.candidate_memo
        both = memo.get((pos, keys))
        if both is None:
            plain = self._candidates(pos, keys, False)
            heading = self._candidates(pos, keys, True)
            same = len(plain) == len(heading) and all(
                a is b for a, b in zip(plain, heading, strict=True))
            both = memo[(pos, keys)] = (plain, heading, same)
        plain, heading, same = both
        if same:
            return list(plain)
        clause = ctx.dep_at[i] in CLAUSE_DEPS or any(
            c.dep_.startswith("aux") for c in ctx.tree[i].children)
        return list(heading if clause else plain)

    def _candidates(self, pos: str, keys: tuple[str, ...], clause: bool
                    ) -> tuple[TriggerEntry, ...]:
        found: list[TriggerEntry] = []
        if pos in ("VERB", "AUX"):
            for key in keys:
                found += self.lex.verbs.get(key, [])
        elif clause:
            for key in keys:
                for inf in infinitives(key):
                    found += self.lex.verbs.get(inf, [])
        if pos in ("NOUN", "PROPN", "ADJ") or not found:
            for key in keys:
                found += [e for e in self.lex.nouns.get(key, []) if pos != "VERB"]
        unique: list[TriggerEntry] = []
        for entry in found:
            if entry not in unique:
                unique.append(entry)
        return tuple(unique)

    def find(self, sent: Span) -> list[Trigger]:
        """Every trigger of a sentence, longest phrases first, one per token."""
        taken: set[int] = set()
        out: list[Trigger] = []
        sentence = (sent.start, sent.end)
        tree = self.ctx.tree
        for pattern, entries in self.phrase_patterns:
            for m in pattern.finditer(self.folded, sent.start_char, sent.end_char):
                span = sent.doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or any(t.i in taken for t in span):
                    continue
                head = tree[span.root.i]
                for entry in entries:
                    trig = Trigger(head, entry, tree.span(span.start, span.end))
                    if self.accept(trig, sentence):
                        out.append(trig)
                        taken.update(t.i for t in trig.tokens)
                        break
        for i in _within(self.maybe, sent.start, sent.end):
            if i in taken:
                continue
            entries = self.candidates(i)
            if not entries:
                continue
            tok = tree[i]
            for entry in entries:
                trig = Trigger(tok, entry, [tok])
                if self.accept(trig, sentence):
                    if any(t.i in taken for t in trig.tokens[1:]):
                        continue
                    out.append(trig)
                    taken.update(t.i for t in trig.tokens)
                    break
        out += self._consequences(sent, taken, out)
        out.sort(key=lambda t: t.start)
        return out

    def _consequences(self, sent: Span, taken: set[int], found: list[Trigger]) -> list[Trigger]:
        """A verb whose consequence is a toll is an attack: "un camion piégé a explosé,
        tuant six civils", "la Russie a frappé Kryvyï Rih, tuant 18 civils", "des bipeurs
        ont explosé, faisant neuf morts". The verb becomes the trigger, whatever it is."""
        heads = {t.head.i for t in found}
        out = []
        tree = self.ctx.tree
        for i in _within(self.consequence_deps, sent.start, sent.end):
            tok = tree[i]  # the cheap half of is_consequence was checked, without a Word
            if not is_consequence(tok, self.ctx.features(tok)):
                continue
            lemmas = self.ctx.keys(tok) | {i for k in self.ctx.keys(tok) for i in infinitives(k)}
            toll = lemmas & TOLL_VERBS or (lemmas & TOLL_CAUSES and any(
                self.ctx.in_class(c, "toll_nouns") for c in tok.children if c.dep_ == "obj"))
            verb = consequence_of(tok)
            if not toll or verb is None or verb.i in taken | heads:
                continue
            if any(t.entry.type == "ASSAULT" and not t.is_verb and verb.dominates(t.head)
                   and t.head.i < tok.i for t in found):
                continue  # "a mené une vague de frappes, tuant...": the noun is the attack
            explosive = any(self.ctx.in_class(t, "explosive_device") for t in verb.subtree
                            if t.i < tok.i)  # "un camion piégé a explosé"
            entry = TriggerEntry(lemma=fold(verb.lemma_), pos="verb", type="ASSAULT",
                                 frame="harm", mode="explosives" if explosive else None)
            trig = Trigger(verb, entry, [verb], rules=["trigger:consequence:ASSAULT"])
            out.append(trig)
            taken.add(verb.i)
        return out

    def _near(self, i: int, depth: int) -> list[int]:
        """``ctx.dependents_at``, once per token and depth (each entry of a word asks)."""
        found = self._dependents.get((i, depth))
        if found is None:
            found = self._dependents[i, depth] = self.ctx.dependents_at(i, depth)
        return found

    def accept(self, trig: Trigger, sentence: tuple[int, int]) -> bool:
        """Whether every condition of the entry holds; extends ``trig.tokens``.

        ``sentence``: the token bounds of the trigger's sentence."""
        ctx, entry, tok = self.ctx, trig.entry, trig.head
        if entry.pos == "noun" and tok.pos_ == "VERB" and len(trig.tokens) == 1:
            return False
        near = self._near(tok.i, 3 if entry.pos == "verb" else 2) if (
            entry.with_ or entry.not_with) else []  # as dependents(tok, ...), by index
        if entry.with_:
            hits = [tok.tree[i] for i in ctx.matching_at(near, entry.with_)]
            supported = (  # "ont mené des pourparlers", not "a annoncé sa formation"
                entry.pos == "noun" and entry.frame in ("talk", "address")
                and tok.dep_ == "obj" and ctx.in_class(tok.head, "support_verbs")
                and not any(fold(c.text) in ("son", "sa", "ses", "leur", "leurs")
                            for c in tok.children))
            if not hits and not supported:
                return False
            if entry.pos == "verb":
                word_hits = [t for t in hits if not any(w.startswith("@") for w in entry.with_
                                                         if ctx.matches(t, w))]
                if word_hits:
                    part = word_hits[0]
                    # "ouvert le feu" is one phrase; in "a opposé vendredi son veto" the
                    # noun names the event
                    low, high = sorted((tok.i, part.i))
                    between = tok.tree.span(low + 1, high)
                    if abs(part.i - tok.i) <= 2 or (len(between) <= 3 and all(
                            t.pos_ in ("ADP", "DET", "ADV", "PART") for t in between)):
                        # "ne participera pas au sommet": the verb with its negation
                        trig.tokens = [tok, part]
                    elif any(e.type == entry.type for key in ctx.keys(part)
                             for e in self.lex.nouns.get(key, [])):
                        trig.tokens = [part]
        if entry.not_with and ctx.matching_at(near, entry.not_with):
            return False
        if entry.prep and not prepositions(tok) & {fold(p) for p in entry.prep}:
            return False
        if entry.reflexive and not is_reflexive(tok):
            return False
        if entry.not_after and _after_any(tok, entry.not_after):
            return False
        if entry.pos == "noun" and _ended(ctx, tok):
            return False
        if entry.needs and not self.sentence_has(sentence, tuple(entry.needs)):
            return False
        if entry.block and self.sentence_has(sentence, tuple(f"@{b}" for b in entry.block)):
            return False
        if entry.object and not self._slot_in_class(tok, ("obj", "nsubj:pass"), entry.object,
                                                     required=True):
            return False
        if (entry.type in PURPOSE_SKIPPED and _purpose(ctx, tok)) or _aim(ctx, tok):
            return False
        return not (entry.subject and not self._slot_in_class(
            tok, ("nsubj",), entry.subject, required=False))

    def _slot_in_class(self, tok: Word, deps: tuple[str, ...], name: str, required: bool
                       ) -> bool:
        """Whether the object (or subject) of a trigger is of a class.

        A participle modifying a noun ("la mairie incendiée") has that noun as its
        object; a nominal trigger has its "de" complement. Without such a slot the
        condition holds only when it is not ``required``.
        """
        tree = tok.tree
        children, dep = tree.words.children, tree.words.dep  # by index where a test says no
        slots = [tree[c] for c in children[tok.i] if dep[c] in deps]
        if "nsubj:pass" in deps and not slots:
            slots = passive_subjects(tok)
        if "obj" in deps and not slots:
            # a parse that hung the object elsewhere ("a félicité lundi par téléphone X")
            slots = [c for c in tok.children if c.dep_.startswith(("obl", "nmod"))
                     and c.i > tok.i and not any(g.dep_ == "case" for g in c.children)]
            slots += [g for c in tok.children if self.ctx.in_date(c) for g in c.children
                      if g.dep_.startswith("nmod")]
        if "obj" in deps:
            if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                slots.append(tok.head)
            if tok.pos_ in ("NOUN", "PROPN"):
                slots += [c for c in tok.children if c.dep_ == "nmod"]
        elif tok.dep_ == "acl:relcl":
            slots.append(tok.head)
        if not slots and tok.dep_ == "conj" and tok.head != tok:
            # "tués et 40 blessés": the second verb shares the first one's subject
            return self._slot_in_class(tok.head, deps, name, required)
        if not slots:
            return not required
        for slot in slots:
            # the slot and its modifiers, by index
            words = [slot.i, *(c for c in children[slot.i] if dep[c] in SLOT_PARTS)]
            if name in PEOPLE_CLASSES:
                under = tree.words.subtree(slot.i)
                label_at, text = self.ctx.label_at, tree.words.text
                if any(label_at.get(i) == "PER" for i in under) or any(
                        dep[c] == "amod" and self.ctx.demonym(tree[c]) for c in children[slot.i]):
                    return True  # a named person, or people of a country ("ingénieurs chinois")
                if fold(slot.text) in PEOPLE_PRONOUNS or any(
                        fold(text[i]) in ("eux", "elles") for i in under):
                    return True
            if any(self.ctx.in_class_at(i, name) for i in words):
                return True
        return False
