"""Anaphora: a pronoun or a general noun phrase takes the link of what it
refers back to, by the named rules of data/lexicons/anaphora.jsonl.

- ``anaphora.pronoun_reported``: "Le ministère a déclaré qu'il avait envoyé
  100 soldats": the subject pronoun of a reported clause is the speaker;
- ``anaphora.pronoun_speaker``: "..., a-t-il ajouté": a pronoun speaker is the
  last speaker before it that agrees in gender and number;
- ``anaphora.pronoun_subject``: else the noun subject of the last main verb
  before it that agrees ("La police a donné une conférence. Selon elle, ...");
- ``anaphora.pronoun``: otherwise the last agreeing entity before it;
- ``anaphora.le_pays``, ``anaphora.l_organisation``, ``anaphora.le_president``...:
  the last entity of the right kind before the mention;
- ``anaphora.possessive``: "Son bureau a indiqué" after "M. Pachinian s'est
  entretenu...": "bureau de Nikol Pachinian" (the last person named).

The mention keeps its own offsets (the pronoun itself); only ``name``,
``kb_id``, ``country`` and ``sector`` are filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from kzevents.pipes.doc_text import doc_text
from kzevents.pipes.doc_words import Words
from kzevents.pipes.qualifiers.lexicon import AnaphoraRule
from kzevents.pipes.qualifiers.participants import (
    LINK_KEYS,
    agreement,
    agrees,
    bare,
    entity_info,
    make_participant,
)
from kzevents.pipes.qualifiers.words import doc_ents, read_words

Agreement = tuple[str | None, str | None]


@dataclass
class Antecedent:
    """Something a later mention may refer to: an entity or a resolved speaker."""

    start: int  # character offset, for "before the mention"
    link: dict[str, Any]
    kind: str | None
    agreement: Agreement
    heads: str = ""  # the mention and the words just before it, lower case


@dataclass
class Memory:
    """What the article has named so far, in text order."""

    entities: list[Antecedent] = field(default_factory=list)
    speakers: list[Antecedent] = field(default_factory=list)
    subjects: list[Antecedent] = field(default_factory=list)


def named_link(doc: Doc, participant: dict[str, Any]) -> dict[str, Any]:
    """The link a later mention copies; an unlinked phrase lends its own
    words as name ("la police" for a later "elle")."""
    link = {k: participant.get(k) for k in LINK_KEYS}
    if not link["name"]:
        link["name"] = doc_text(doc)[participant["start"]: participant["end"]]
    return link


def article_memory(doc: Doc) -> Memory:
    """Every linked entity of the doc as an antecedent, and the noun subject
    of every sentence's main verb."""
    return read_article(carried_memory(doc._.kz_context), doc)


def read_article(memory: Memory, doc: Doc) -> Memory:
    """Add the linked entities and main-verb noun subjects of ``doc`` to ``memory``."""
    read_subjects(memory, doc)
    read_entities(memory, doc)
    return memory


def read_subjects(memory: Memory, doc: Doc) -> None:
    """Add the noun subjects of ``doc``'s main verbs to ``memory``."""
    words = read_words(doc)
    roots = {root: rank for rank, root in enumerate(_sentence_roots(doc, words))}
    # the noun subjects of the roots, sentence by sentence, as sent.root.children gives them
    subjects = sorted((roots[words.head[i]], i) for i, dep in enumerate(words.dep)
                      if dep in ("nsubj", "nsubj:pass") and words.head[i] in roots
                      and words.head[i] != i and words.pos[i] in ("NOUN", "PROPN"))
    for _, i in subjects:
        part = make_participant(doc, i)
        memory.subjects.append(Antecedent(start=part["start"], link=named_link(doc, part),
                                          kind=None, agreement=agreement(doc, i)))


def read_entities(memory: Memory, doc: Doc) -> None:
    """Add the linked entities of ``doc`` to ``memory``."""
    words = read_words(doc)
    text = doc_text(doc)
    for ent in doc_ents(doc):
        info = entity_info(doc, ent)
        if not info.get("name") and not info.get("country"):
            continue
        first = max(0, ent.start - 4)  # the text of the four words before
        before = text[words.idx[first]: words.end_char(ent.start - 1)].lower() \
            if first < ent.start else ""
        memory.entities.append(Antecedent(
            start=ent.start_char, link={k: info.get(k) for k in LINK_KEYS},
            kind=info.get("kind"), agreement=agreement(doc, ent.root.i),
            heads=f"{before} {text[ent.start_char: ent.end_char].lower()}"))


def _sentence_roots(doc: Doc, words: Words) -> list[int]:
    """The root of every sentence, as ``sent.root`` for ``sent`` in ``doc.sents``."""
    roots = []
    start = 0
    while start < len(words.head):
        end = words.sent_end[start]
        root = next((i for i in range(start, end) if words.head[i] == i), None)
        roots.append(root if root is not None else doc[start:end].root.i)
        start = end
    return roots


def carried_memory(context: dict[str, Any] | None) -> Memory:
    """The antecedents of the text before a chunk of a long text (``doc._.kz_context``,
    offsets negative), empty for a whole text."""
    carried = (context or {}).get("antecedents") or {}

    def read(items: list[dict[str, Any]]) -> list[Antecedent]:
        return [Antecedent(**{**a, "agreement": tuple(a["agreement"])}) for a in items]

    return Memory(entities=read(carried.get("entities") or []),
                  speakers=read(carried.get("speakers") or []),
                  subjects=read(carried.get("subjects") or []))


def pronoun_agreement(text: str) -> Agreement:
    word = bare(text)
    gender = "Fem" if word.startswith("elle") else "Masc"
    number = "Plur" if word.endswith("s") or word == "eux" else "Sing"
    return gender, number


class Resolver:
    """Applies the anaphora rules to participant dicts of one doc."""

    def __init__(self, doc: Doc, rules: tuple[AnaphoraRule, ...]) -> None:
        self.doc = doc
        self.rules = rules
        # the doc's own subjects and entities are read when a mention first needs them
        # (most docs need neither): ``subjects``, ``entities``
        self.memory = carried_memory(doc._.kz_context)
        self._subjects_read = self._entities_read = False
        # mention -> the rules whose forms hold it, in file order (most mentions: none)
        self._by_form: dict[str, list[AnaphoraRule]] = {}
        self._by_first_word: dict[str, list[AnaphoraRule]] = {}  # the possessive rules
        for rule in rules:
            table = self._by_first_word if rule.target == "possessive" else self._by_form
            for form in dict.fromkeys(rule.forms):
                table.setdefault(form, []).append(rule)

    def subjects(self) -> list[Antecedent]:
        """The remembered noun subjects, the doc's own included."""
        if not self._subjects_read:
            self._subjects_read = True
            read_subjects(self.memory, self.doc)
        return self.memory.subjects

    def entities(self) -> list[Antecedent]:
        """The remembered linked entities, the doc's own included."""
        if not self._entities_read:
            self._entities_read = True
            read_entities(self.memory, self.doc)
        return self.memory.entities

    def rule_for(self, text: str, where: str) -> AnaphoraRule | None:
        """The first rule whose forms hold the mention and whose place fits."""
        word = bare(text)
        for rule in self.rules:
            if word in rule.forms and rule.where in (where, "any"):
                return rule
        return None

    def resolve(self, participant: dict[str, Any] | None, where: str = "any",
                speaker: dict[str, Any] | None = None,
                speaker_agreement: Agreement = (None, None)) -> str | None:
        """Fill an unlinked participant from its antecedent; the rule id or None.

        ``where``: "reported" for the subject of a reported clause (``speaker``
        is then the reporting speaker), "speech_subject" for a speaker.
        """
        if participant is None or participant.get("name") or participant.get("kb_id"):
            return None
        text = self.with_determiner(participant["start"], participant["end"])
        words = bare(text).split()
        for rule in self._candidates(words):
            if rule.where not in (where, "any"):
                continue
            found = self._antecedent(rule, participant, text, speaker, speaker_agreement)
            if found is not None:
                participant.update({k: found.get(k) for k in LINK_KEYS})
                return rule.id
        return None

    def with_determiner(self, start: int, end: int) -> str:
        """The mention with the determiner the events component leaves out of a
        participant ("organisation" -> "l'organisation", "bureau" -> "son bureau"):
        the rules' forms hold it, and it is what makes the noun refer back."""
        text = doc_text(self.doc)
        words = read_words(self.doc)
        bounds = words.char_tokens(start, end)
        if bounds is not None and bounds[0] > 0:
            det = bounds[0] - 1
            if words.pos[det] == "DET" or words.lower[det] in ("du", "au"):
                return text[words.idx[det]: end]
        return text[start:end]

    def _candidates(self, words: list[str]) -> list[AnaphoraRule]:
        """The rules whose forms fit the mention's words (``bare(text).split()``),
        in file order: the whole mention, or the first word of a possessive."""
        found = self._by_form.get(" ".join(words), [])
        if len(words) >= 2 and words[0] in self._by_first_word:
            chosen = {id(r) for r in found + self._by_first_word[words[0]]}
            found = [r for r in self.rules if id(r) in chosen]
        return found

    def _antecedent(self, rule: AnaphoraRule, participant: dict[str, Any], text: str,
                    speaker: dict[str, Any] | None, speaker_agreement: Agreement
                    ) -> dict[str, Any] | None:
        start = participant["start"]
        if rule.target == "possessive":
            return self._possessor(rule, start, " ".join(bare(text).split()[1:]))
        word = bare(text)
        wanted = pronoun_agreement(text) if word in ("il", "elle", "ils", "elles") else (
            None, None)
        wanted_plural = wanted[1] == "Plur"  # "ils" needs an antecedent known to be plural
        if rule.target == "speaker":
            if rule.where == "reported":
                told = Antecedent(start=0, link=speaker or {}, kind=None,
                                  agreement=speaker_agreement)
                if speaker and speaker.get("name") and self._fits(told, wanted, wanted_plural):
                    return speaker
                return None
            for ante in reversed(self.memory.speakers):
                if ante.start < start and self._fits(ante, wanted, wanted_plural):
                    return ante.link
            return None
        if rule.target == "subject":
            for ante in reversed(self.subjects()):
                if ante.start < start and self._fits(ante, wanted, wanted_plural):
                    return ante.link
            return None
        for ante in reversed(self.entities()):
            if ante.start >= start or (rule.kinds and ante.kind not in rule.kinds):
                continue
            if rule.window is not None and ante.start < start - rule.window:
                break
            if rule.head and rule.head not in ante.heads:
                continue
            if self._fits(ante, wanted, wanted_plural):
                return ante.link
        return None

    def _possessor(self, rule: AnaphoraRule, start: int, noun: str) -> dict[str, Any] | None:
        """"Son bureau" after "M. Pachinian ...": the bureau of that person (the
        last linked subject, else the last person named)."""
        subjects = [a for a in self.subjects() if a.link.get("kb_id")]
        for ante in reversed(subjects):
            if start - (rule.window or start) <= ante.start < start:
                return {"name": f"{noun} de {ante.link['name']}", "kb_id": None,
                        "country": ante.link.get("country"), "sector": ante.link.get("sector")}
        for ante in reversed(self.entities()):
            if ante.start >= start or (rule.kinds and ante.kind not in rule.kinds):
                continue
            if rule.window is not None and ante.start < start - rule.window:
                return None
            if not ante.link.get("name"):
                continue
            return {"name": f"{noun} de {ante.link['name']}", "kb_id": None,
                    "country": ante.link.get("country"), "sector": ante.link.get("sector")}
        return None

    @staticmethod
    def _fits(ante: Antecedent, wanted: Agreement, plural: bool) -> bool:
        """Agreement where known; a plural pronoun needs a known plural."""
        return agrees(ante.agreement, wanted) and (not plural or ante.agreement[1] == "Plur")

    def remember_speaker(self, participant: dict[str, Any], head: int) -> None:
        """A resolved speaker (whose head is token ``head``) becomes the
        antecedent of later speaker pronouns."""
        words = read_words(self.doc)
        pronoun = words.pos[head] == "PRON"
        if not pronoun or participant.get("name"):
            self.memory.speakers.append(Antecedent(
                start=participant["start"], link=named_link(self.doc, participant),
                kind=None, agreement=pronoun_agreement(words.text[head]) if pronoun
                else agreement(self.doc, head)))
