"""Who did it to whom: the participants of a trigger, read from the dependency parse.

The frame of the trigger (``event_frames.jsonl``) says which grammatical slot gives which
role. The slots, found here:

- ``subj``: the subject of an active verb; for a relative clause ("les soldats qui ont
  tiré") the noun the clause modifies; for a conjoined or infinitive verb without a
  subject ("a décidé d'envoyer") the subject of the verb it depends on;
- ``pass_subj`` and ``agent``: the subject of a passive and its "par X";
  a participle modifying a noun ("2 500 hommes déployés par la Russie") has that noun
  as its passive subject;
- ``obj``, ``iobj``, and prepositional complements (``preps``: "contre", "avec", "à");
- for a nominal trigger, its "de X" complement (``noun_of``), its "par X" or "de la part
  de X" (``noun_agent``), and the subject of the light verb it is the object of ("la police
  a procédé à l'arrestation", "les rebelles ont lancé une offensive").

A participant is the named entity the slot's noun belongs to (with the linker's name,
kb_id, country and sector), or the common noun with its adjectives and its "de"
complement ("forces de sécurité kazakhes"), whose sector comes from the agents and
counted nouns and whose country from a demonym or a country complement. A personal
pronoun is kept as it is, with no name: the anaphora rules fill it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from kzevents.pipes.doc_words import Words
from kzevents.pipes.events.context import PERSONAL_PRONOUNS, DocContext
from kzevents.pipes.events.lexicon import Frame, fold
from kzevents.pipes.events.tree import Tree, Word
from kzevents.pipes.events.triggers import CLAUSE_DEPS, Trigger, is_reflexive, passive_subjects

MAX_NOUN_PHRASE = 8
NAME_DEPS = frozenset({"appos", "flat:name", "flat", "compound"})
NOUN_PARTS = frozenset({"amod", "flat", "flat:name", "flat:foreign", "compound", "fixed"})
SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
LIGHT_VERB_DEPS = frozenset({"obj", "obl:arg", "obl", "obl:mod", "obl:agent", "nmod", "xcomp"})
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})
# Words that head a slot but name nobody: quantities, "certains", "aucun"...
NOT_PARTICIPANTS = frozenset({"aucun", "aucune", "certain", "certains", "plusieurs", "tous",
                              "chacun", "on", "ce", "cela", "ceci", "ca", "celui", "celle",
                              "ceux", "celles", "y", "en", "se", "s'", "rien", "personne",
                              "qui", "que", "dont", "lequel", "laquelle", "lesquels"})


@dataclass
class Roles:
    """The head tokens found for each role, with the rule that found each."""

    heads: dict[str, list[tuple[Word, str]]] = field(default_factory=dict)

    def add(self, role: str | None, tok: Word | None, rule: str) -> None:
        if role is None or tok is None:
            return
        if not any(t is tok for t, _ in self.heads.get(role, ())):  # one Word per token
            self.heads.setdefault(role, []).append((tok, rule))

    def first(self, role: str) -> tuple[Word, str] | None:
        found = self.heads.get(role)
        return found[0] if found else None


def nounish(tok: Word) -> bool:
    """A noun, or a word the tagger took for an adjective but used as one ("quatre
    autres républiques")."""
    return tok.pos_ in ("NOUN", "PROPN") or (
        tok.pos_ == "ADJ" and any(c.dep_ in ("det", "nummod") for c in tok.children))


CONTRACTED_CASES = {"au": "a", "aux": "a", "du": "de", "des": "de", "d": "de"}


def case_of(tok: Word) -> str | None:
    """The folded preposition introducing a noun ("au" -> "a", "à l'encontre de" kept whole).

    Asked again for the same nouns by every trigger of a sentence: read once per word."""
    return case_at(tok.tree, tok.i)


def case_at(tree: Tree, i: int) -> str | None:
    """``case_of`` the doc's word ``i``, read from the word lists (no ``Word`` made)."""
    cases = tree.cases
    if i not in cases:
        cases[i] = _case_at(tree.words, i)
    return cases[i]


def _case_at(words: Words, i: int) -> str | None:
    dep, children = words.dep, words.children
    for child in children[i]:
        if dep[child] == "case":
            parts = [child, *(c for c in children[child] if dep[c] == "fixed")]
            text = " ".join(fold(words.text[w]).rstrip("'") for w in parts)
            return CONTRACTED_CASES.get(text, text)
    return None


def split_subject(verb: Word) -> Word | None:
    """The subject the parser cut off as a sentence of its own: "Pékin | a accusé mardi
    Manille", "Islamabad et Kaboul | ont convenu" (names only, no verb, no full stop),
    for the root verb of the sentence right after it."""
    tree = verb.tree
    words = tree.words
    start, end = words.sent_start[verb.i], words.sent_end[verb.i]
    if verb.i != words.root(start, end) or start == 0:
        return None
    before_start, before_end = words.sent_start[start - 1], words.sent_end[start - 1]
    before = words.pos[before_start:before_end]  # the parts of speech of the one before
    if len(before) > 6 or "PROPN" not in before or not all(
            pos in ("PROPN", "CCONJ", "DET", "NOUN", "ADJ") for pos in before):
        return None
    return tree[words.root(before_start, before_end)]


def is_passive(tok: Word) -> bool:
    """A passive verb: "ont été tués", a passive participle in apposition ("incendiée")."""
    dep = tok.tree.words.dep
    if any(dep[c] in ("nsubj:pass", "aux:pass") for c in tok.tree.words.children[tok.i]) and (
            not is_reflexive(tok)):
        return True
    return (tok.dep_ in ("acl", "amod") and "Part" in tok.morph.get("VerbForm")
            and "Past" in tok.morph.get("Tense"))


def governing_subject(tok: Word) -> Word | None:
    """The subject a verb shares with the verb it depends on ("a décidé d'envoyer");
    after a verb with an object, the object ("le contraignant à démissionner")."""
    seen = 0
    while tok.dep_ in ("xcomp", "conj", "advcl") and tok.head != tok and seen < 4:
        control = tok.dep_ == "xcomp"
        tok = tok.head
        seen += 1
        if control:
            obj = next((c for c in tok.children if c.dep_ == "obj"), None)
            if obj is not None:
                return obj
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None:
            return subj
    return None


class ArgumentReader:
    """Reads the roles of triggers and builds participant dicts."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        # token index -> its participant (asked again by every trigger of a sentence)
        self._participants: dict[int, dict[str, Any] | None] = {}

    # -- roles

    def roles(self, trig: Trigger, frame: Frame) -> Roles:
        tok = trig.head
        roles = Roles()
        own = {t.i for t in trig.tokens}
        if trig.is_verb and (tok.pos_ in ("VERB", "AUX") or tok.dep_ in CLAUSE_DEPS):
            self._verb_roles(tok, frame, roles, own)
        else:
            self._noun_roles(tok, frame, roles, own)
        dates = self.ctx.date_tokens
        for role, found in roles.heads.items():  # "le coup d'État de juillet": a date
            if any(t.i in dates for t, _ in found):
                roles.heads[role] = [(t, r) for t, r in found if t.i not in dates]
        return roles

    def _complements(self, tok: Word) -> list[Word]:
        """The dependents of a trigger, and those the parser hung on a date beside it
        ("s'est entretenu vendredi [...] avec le président")."""
        out = []
        for child in tok.children:
            out.append(child)
            if self.ctx.in_date(child):
                out.extend(c for c in child.children if c.dep_.startswith(("nmod", "obl"))
                           and not self.ctx.in_date(c))
        return out

    def _verb_roles(self, tok: Word, frame: Frame, roles: Roles, own: set[int]) -> None:
        passive = is_passive(tok)
        for child in self._complements(tok):
            if child.i in own:
                # "geler les avoirs de la Banque centrale": the owner is the object;
                # "ouvert le feu sur la foule": the phrase's complements are the verb's
                for inner in child.children:
                    prep = case_of(inner) if inner.dep_.startswith(("nmod", "obl")) else None
                    if prep == "de" and child.dep_ == "obj":
                        roles.add(frame.obj, inner, "obj_owner")
                    elif prep is None and inner.dep_.startswith(("nmod", "obj")) and nounish(
                            inner) and inner.i > child.i:  # "pris d'assaut la mairie"
                        roles.add(frame.obj, inner, "obj")
                    elif prep and prep in frame.preps:
                        roles.add(frame.preps[prep], inner, f"prep:{prep}")
                continue
            dep = child.dep_
            if dep == "nsubj":
                subj = self._antecedent(child, tok)
                roles.add(frame.pass_subj if passive else frame.subj, subj,
                          "pass_subj" if passive else "subj")
            elif dep == "nsubj:pass":
                roles.add(frame.pass_subj, self._antecedent(child, tok), "pass_subj")
            elif dep == "obj":
                roles.add(frame.obj, child, "obj")
            elif dep == "iobj" and fold(child.text) not in ("se", "s'"):
                roles.add(frame.iobj, child, "iobj")
            elif dep == "obl:agent":
                roles.add(frame.agent, child, "agent")
            elif dep.startswith(("obl", "nmod")):
                prep = case_of(child)
                if prep is None and child.head != tok and nounish(child) and not passive:
                    roles.add(frame.obj, child, "obj")  # "a libéré vendredi 24 otages"
                elif passive and prep == "par":  # the parser's "obl:mod" for an agent
                    roles.add(frame.agent, child, "agent")
                elif prep and prep in frame.preps:
                    roles.add(frame.preps[prep], child, f"prep:{prep}")
        if passive:
            for subj in passive_subjects(tok):
                roles.add(frame.pass_subj, subj, "pass_subj_unlabelled")
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            roles.add(frame.pass_subj if passive else frame.subj, tok.head,
                      "noun_modified" if passive else "subj_participle")
        if not any(c.dep_ in SUBJECTS for c in tok.children) and not passive:
            roles.add(frame.subj, governing_subject(tok), "subj_shared")
            roles.add(frame.subj, split_subject(tok), "subj_split")


    def _noun_roles(self, tok: Word, frame: Frame, roles: Roles, own: set[int]) -> None:
        heads = [tok, *(tok.tree[i] for i in sorted(own) if i != tok.i)]
        complements = [c for h in heads for c in self._complements(h)]
        for child in complements:
            if child.i in own:
                continue
            if child.dep_ in ("acl", "amod") and "Part" in child.morph.get("VerbForm"):
                # "une frappe menée par les États-Unis", "l'attaque revendiquée par l'EI"
                agent = next((c for c in child.children if c.dep_ == "obl:agent"), None)
                roles.add(frame.noun_agent, agent, "noun_agent_participle")
                continue
            if not child.dep_.startswith(("nmod", "obl")):
                continue
            by_part = next((p for p in (child, *child.children)
                            if fold(p.text) == "part" and p.dep_.startswith("nmod")), None)
            if by_part is not None:
                # "demande d'intervention de la part du président"
                inner = next((c for c in by_part.children if c.dep_.startswith("nmod")), None)
                roles.add(frame.noun_agent, inner, "noun_agent_part")
            prep = case_of(child)
            if prep == "de" and by_part is not child:
                if self.ctx.is_town(child):
                    continue  # "le sommet de Genève": where, not who
                if frame.frame == "harm" and self._attacker(child):
                    roles.add("actor", child, "noun_of_attacker")  # "la frappe de l'armée"
                else:
                    roles.add(frame.noun_of, child, "noun_of")
            elif prep == "par":
                roles.add(frame.noun_agent, child, "noun_agent")
            elif prep and prep in frame.preps:
                roles.add(frame.preps[prep], child, f"prep:{prep}")
        head = tok.head
        direct = tok.dep_ in ("obj", "obl:agent") or self.ctx.in_class(head, "support_verbs_a")
        if direct and tok.dep_ in LIGHT_VERB_DEPS and head.pos_ in ("VERB", "AUX") and head != tok:
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
            subj = self._antecedent(subj, head) if subj is not None else governing_subject(head)
            if self.ctx.in_class(head, "support_verbs"):
                roles.add("actor", subj, "light_verb_subj")
                for child in head.children:
                    prep = case_of(child) if child.dep_.startswith(("obl", "nmod")) else None
                    if prep in ("a", "contre") and child.i != tok.i:
                        roles.add("recipient", child, f"light_verb_prep:{prep}")
            elif self.ctx.in_class(head, "suffer_verbs"):
                roles.add("recipient", subj, "suffer_verb_subj")
        if frame.noun_of and any(fold(c.text) in POSSESSIVES for c in tok.children
                                 if c.dep_ == "det") and not roles.heads.get(frame.noun_of):
            clause = head if head.pos_ in ("VERB", "AUX") else head.head
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            roles.add(frame.noun_of, subj or governing_subject(clause), "possessive")

    def _attacker(self, tok: Word) -> bool:
        """Whether the "de X" of an attack noun is who attacks: a state, an organisation
        or an armed group ("l'attaque du Hamas"), not a person or a place attacked."""
        ent = self.ctx.entity(tok)
        if ent is not None:
            info = self.ctx.entity_info(ent)
            return ent.label_ == "ORG" or info.get("kind") == "country"
        return self.ctx.sector(tok) in ("MIL", "REB") or self.ctx.in_class(tok, "fighters")

    def _antecedent(self, tok: Word, verb: Word) -> Word:
        """A relative pronoun stands for the noun its clause modifies."""
        if fold(tok.text) in ("qui", "lequel", "laquelle", "lesquels") and verb.dep_ == "acl:relcl":
            return verb.head
        return tok

    # -- participants

    def people(self, tok: Word) -> Word:
        """The noun that names the people of a quantity ("des milliers de Cubains")."""
        if self.ctx.in_class(tok, "quantity"):
            inner = next((c for c in tok.children if c.dep_.startswith("nmod")
                          and case_of(c) == "de"), None)
            if inner is not None:
                return inner
        return tok

    def participant(self, tok: Word) -> dict[str, Any] | None:
        """The participant dict a slot's head token names, or None for nobody.

        Worked out once per token; each caller gets its own copy (events change theirs)."""
        if tok.i not in self._participants:
            self._participants[tok.i] = self._participant(tok)
        found = self._participants[tok.i]
        return dict(found) if found is not None else None

    def _participant(self, tok: Word) -> dict[str, Any] | None:
        ctx = self.ctx
        ent = ctx.entity(tok)
        if ent is None or ent.label_ != "PER" or ctx.entity_info(ent).get("kind") == "role":
            ent = self._named_by(tok) or ent  # "le président français Emmanuel Macron"
        if ent is not None:
            info = ctx.entity_info(ent)
            acting = ctx.gz.as_actor(info) if hasattr(ctx.gz, "as_actor") else info
            return {"start": ent.start_char, "end": ent.end_char, "name": info.get("name"),
                    "kb_id": info.get("kb_id"), "country": acting.get("country"),
                    "sector": acting.get("sector")}
        word = fold(tok.text)
        if tok.pos_ == "PRON":
            if word in PERSONAL_PRONOUNS:
                return {"start": tok.idx, "end": tok.idx + len(tok.text), "name": None,
                        "kb_id": None, "country": None, "sector": None}
            return None
        if not nounish(tok) or word in NOT_PARTICIPANTS:
            return None
        if tok.like_num:
            return None
        people = self.people(tok)
        if people != tok:
            return self._participant(people)
        start, end, country = self._noun_phrase(tok)
        sector = ctx.sector(tok)
        agent = ctx.agent(ctx.text[start:end])
        if agent is not None:  # "forces de sécurité iraniennes": the phrase as a whole
            sector = agent.get("sector") or sector
            country = country or agent.get("country")
        people_of = ctx.demonym(tok) if tok.text[:1].isupper() else None
        if people_of:  # "des milliers de Cubains": the people of a country
            country, sector = country or people_of, sector or "CVL"
        return {"start": start, "end": end, "name": None, "kb_id": None, "country": country,
                "sector": sector}

    def _named_by(self, tok: Word) -> Span | None:
        """The name a role noun stands beside: "le président kazakh Qasym-Zhomart Toqaev",
        "M. Pachinian", "le ministère, Vahan Hunanian" is the person, not the role."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        tree = tok.tree
        children, dep, pos = tree.words.children, tree.words.dep, tree.words.pos
        frontier = [tok.i]  # by index: most of the words reached are no name
        for _ in range(3):
            frontier = [c for t in frontier for c in children[t]
                        if dep[c] in NAME_DEPS or dep[c] in ("amod", "nmod")]
            for child in frontier:
                if dep[child] not in NAME_DEPS and (pos[child] != "PROPN" or case_at(tree, child)):
                    continue
                ent = self.ctx.ent_of.get(child)
                if ent is not None and ent.label_ in ("PER", "ORG"):
                    return ent
        return None

    def _noun_phrase(self, tok: Word) -> tuple[int, int, str | None]:
        """The noun with its adjectives and short "de" complement, and its country."""
        ctx = self.ctx
        parts = [tok]
        country = None
        for child in tok.children:
            bare_participle = child.dep_ == "acl" and child.i == tok.i + 1 and (
                "Part" in child.morph.get("VerbForm"))
            if child.dep_ in NOUN_PARTS or (child.dep_ == "nmod" and child.pos_ == "ADJ") or \
                    bare_participle:  # "des hommes armés"
                parts.append(child)
                country = country or ctx.demonym(child)
            elif child.dep_ == "nmod" and case_of(child) == "de" and child.i > tok.i:
                sub = list(child.subtree)
                if len(sub) <= 4 and not any(t.dep_.startswith("acl") for t in sub):
                    parts.extend(sub)
                ent = ctx.entity(child)
                if ent is not None and ctx.entity_info(ent).get("kind") == "country":
                    country = country or ctx.entity_info(ent).get("country")
                for t in sub:
                    if t.dep_ == "amod":
                        country = country or ctx.demonym(t)
        parts = [t for t in parts if t.dep_ not in ("det", "nummod", "punct")]
        lo = min(t.i for t in parts)
        hi = max(t.i for t in parts)
        if hi - lo >= MAX_NOUN_PHRASE:
            lo, hi = tok.i, tok.i
        words = tok.tree
        while lo < hi and (words[lo].dep_ in ("det", "case") or words[lo].is_punct):
            lo += 1
        while hi > lo and words[hi].pos_ in ("ADV", "ADP", "CCONJ", "PUNCT", "DET"):
            hi -= 1
        return words[lo].idx, words[hi].idx + len(words[hi].text), country

    def coordinated(self, tok: Word, trigger: Word) -> list[Word]:
        """The others of a coordinated group: "la Russie et quatre autres républiques".

        The parser sometimes hangs the second member on the verb ("déployé par la
        Russie et quatre autres républiques"): a dependent of the trigger that starts
        with "et" right after the participant counts too.
        """
        found = [c for c in tok.children if c.dep_ == "conj" and nounish(c)]
        end = tok.tree.last_under(tok.i)
        for child in trigger.children:
            if nounish(child) and child.i > end and child not in found:
                cc = next((c for c in child.children if c.dep_ == "cc"), None)
                if cc is not None and fold(cc.text) == "et" and cc.i <= end + 2:
                    found.append(child)
        return found

    def owner(self, tok: Word) -> Word | None:
        """The named group a noun belongs to: "les soldats de l'OTSC" -> l'OTSC."""
        for child in tok.children:
            if child.dep_.startswith("nmod") and case_of(child) == "de":
                ent = self.ctx.entity(child)
                if ent is not None and ent.label_ in ("ORG", "LOC", "GPE"):
                    return child
        return None
