"""The ``kzevents_dates`` spaCy component: every date of a doc on ``doc._.kz_dates``.

>>> import spacy
>>> import kzevents.pipes  # registers the factories
>>> nlp = spacy.blank("fr")
>>> _ = nlp.add_pipe("kzevents_dates")
>>> doc = nlp.make_doc("Des heurts ont éclaté mercredi à Almaty.")
>>> doc._.kz_published = "2022-01-11"
>>> [(d["value"], d["grain"]) for d in nlp(doc)._.kz_dates]
[('2022-01-05', 'day')]
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from kzevents._extensions import ensure_extensions
from kzevents.pipes.dates.find import cue_tense, find_dates
from kzevents.pipes.dates.periods import Tense
from kzevents.pipes.doc_text import doc_text


def _sentence_tenses(doc: Doc) -> tuple[list[int], list[Tense]]:
    """Start offset and tense of each sentence (one sentence without a parser).

    The tense comes from the morphology when the pipeline has it (see
    ``_tense_of``), else from cue words ("sera", "prévu", "prochain", unless a
    compound past is there).
    """
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    has_morph = doc.has_annotation("MORPH")
    starts: list[int] = []
    tenses: list[Tense] = []
    # only verbs and auxiliaries give tenses (``_tenses``): found in the POS array
    pos = doc.to_array(POS)
    verbs = numpy.flatnonzero((pos == VERB) | (pos == AUX)).tolist() if has_morph else []
    for sent in sentences:
        if has_morph:
            inside = verbs[bisect_left(verbs, sent.start) : bisect_left(verbs, sent.end)]
            tense = _tense_of({t for i in inside for t in _tenses(doc[i])})
        else:
            tense = cue_tense(sent.text)
        starts.append(sent.start_char)
        tenses.append(tense)
    return starts, tenses


def _tense_of(found: set[str]) -> Tense:
    """A future verb and no past one: future; a past one and no future one:
    past; only present verbs: present (the journalistic present)."""
    if "Fut" in found and not found & {"Past", "Imp"}:
        return "future"
    if found & {"Past", "Imp"} and "Fut" not in found:
        return "past"
    if found == {"Pres"}:
        return "present"
    return None


def _clause_tense(tok: Token) -> tuple[bool, Tense]:
    """The tense of the clause that governs a date: the first predicate up the
    tree with a tensed verb ("a annoncé mardi que les troupes partiront jeudi":
    past for mardi, future for jeudi). An infinitive or a participle without
    auxiliary ("des policiers mobilisés le 26 juillet") passes the question to
    its governor. Returns (found a tensed predicate?, its tense)."""
    node = tok
    for _ in range(12):
        helpers = [c for c in node.children if c.dep_.startswith("aux") or c.dep_ == "cop"]
        found = {t for word in [node, *helpers] for t in _tenses(word)}
        if found:
            return True, _tense_of(found)
        if node.head is node:
            break
        node = node.head
    return False, None


# Verbs whose compound past takes "être", which the parser reads as a passive
# or a copula: "sont entrés", "est mort" are past, "sont interdits" present.
_ETRE_VERBS = frozenset((
    "aller", "arriver", "décéder", "descendre", "devenir", "entrer", "monter", "mourir", "mort",
    "naître", "partir", "parvenir", "passer", "rentrer", "rester", "retourner", "revenir",
    "sortir", "survenir", "tomber", "venir",
))


def _tenses(tok: Token) -> list[str]:
    """Tenses a verb gives its sentence. A participle is past only with a tense
    auxiliary ("ont tiré", "sont arrivés"), not as a passive ("sont interdits");
    "être" before a verb of motion or a reflexive verb makes a past too."""
    if tok.pos_ not in ("VERB", "AUX"):
        return []
    if "Part" in tok.morph.get("VerbForm"):
        return ["Past"] if any(c.dep_ == "aux:tense" for c in tok.children) else []
    if tok.dep_ in ("aux:pass", "cop") and tok.lemma_ == "être" and (
            tok.head.lemma_ in _ETRE_VERBS
            or any(c.dep_ in ("expl:comp", "expl:pv") for c in tok.head.children)):
        return ["Past"]
    return tok.morph.get("Tense")


class DateFinder:
    """Finds and resolves the dates of a doc; holds no state between docs."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.kz_published
        pub = dt.date.fromisoformat(published) if published else None
        starts, tenses = _sentence_tenses(doc)
        parsed = doc.has_annotation("DEP") and doc.has_annotation("MORPH")

        def tense_at(start: int, end: int) -> Tense:
            """The clause's tense when the parse has one, else the sentence's."""
            if parsed:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    found, tense = _clause_tense(span.root)
                    if found and tense:
                        return tense
            index = bisect_right(starts, start) - 1
            return tenses[index] if index >= 0 else None

        carried = doc._.kz_context or {}  # a chunk of a long text: the date before it
        doc._.kz_dates = find_dates(doc_text(doc), pub, tense_at, last=carried.get("last_date"))
        return doc


@Language.factory("kzevents_dates")
def make_dates(nlp: Language, name: str) -> DateFinder:
    """Factory of ``kzevents_dates``: add it anywhere (after the parser to use tenses)."""
    ensure_extensions()
    return DateFinder()
