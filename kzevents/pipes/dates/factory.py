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
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS
from spacy.language import Language
from spacy.strings import StringStore
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
    return _sentence_tenses_of(doc, _DocTenses(doc))


def _sentence_tenses_of(doc: Doc, verb_tenses: _DocTenses) -> tuple[list[int], list[Tense]]:
    """``_sentence_tenses`` with the doc's verb tenses already read."""
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    has_morph = doc.has_annotation("MORPH")
    starts: list[int] = []
    tenses: list[Tense] = []
    # only verbs and auxiliaries give tenses (``_tenses``): found in the POS array
    verbs = verb_tenses.verbs if has_morph else []
    for sent in sentences:
        if has_morph:
            inside = verbs[bisect_left(verbs, sent.start) : bisect_left(verbs, sent.end)]
            tense = _tense_of({t for i in inside for t in verb_tenses.of(i)})
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


def _clause_tense(tok: Token, verb_tenses: _DocTenses | None = None) -> tuple[bool, Tense]:
    """The tense of the clause that governs a date: the first predicate up the
    tree with a tensed verb ("a annoncé mardi que les troupes partiront jeudi":
    past for mardi, future for jeudi). An infinitive or a participle without
    auxiliary ("des policiers mobilisés le 26 juillet") passes the question to
    its governor. Returns (found a tensed predicate?, its tense)."""
    if verb_tenses is not None:
        return verb_tenses.clause_tense(tok.i)
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


# The keys of labels and lemmas in the doc arrays (a symbol's id, else the hash
# of the string), as ``doc.vocab.strings`` gives them.
_key = StringStore().__getitem__
_AUX_TENSE = _key("aux:tense")
_COP = _key("cop")
_PASSIVE_OR_COPULA = frozenset(map(_key, ("aux:pass", "cop")))
_REFLEXIVE = frozenset(map(_key, ("expl:comp", "expl:pv")))
_ETRE = _key("être")
_ETRE_VERB_KEYS = frozenset(map(_key, _ETRE_VERBS))
# morphology key -> (VerbForm values, Tense values): a few hundred keys in all
_VERB_FEATURES: dict[int, tuple[list[str], list[str]]] = {}


class _DocTenses:
    """``_tenses`` and ``_clause_tense`` of a doc's tokens, read from its arrays
    once: a date asks again for the verbs its sentence already gave, and each
    Token attribute is a costly call. Gives exactly what the Token functions give."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        columns = doc.to_array([POS, DEP, LEMMA, MORPH])
        self.pos = columns[:, 0].tolist()
        self.dep = columns[:, 1].tolist()
        self.lemma = columns[:, 2].tolist()
        self.morph = columns[:, 3].tolist()
        index = numpy.arange(len(doc))
        heads = index + doc.to_array(HEAD).astype("int64")
        self.head = heads.tolist()
        pos = columns[:, 0]
        self.verbs: list[int] = numpy.flatnonzero((pos == VERB) | (pos == AUX)).tolist()
        # the only children ever looked at: auxiliaries, copulas, reflexive clitics
        deps = columns[:, 1]
        wanted = [key for key in numpy.unique(deps).tolist() if key in _REFLEXIVE
                  or key == _COP or doc.vocab.strings[key].startswith("aux")]
        kept = numpy.flatnonzero(numpy.isin(deps, wanted) & (heads != index)).tolist()
        self.children: dict[int, list[int]] = {}
        for i in kept:
            self.children.setdefault(self.head[i], []).append(i)
        self._tenses: dict[int, list[str]] = {}

    def of(self, i: int) -> list[str]:
        """``_tenses(doc[i])``."""
        if i not in self._tenses:
            self._tenses[i] = self._read(i)
        return self._tenses[i]

    def _features(self, i: int) -> tuple[list[str], list[str]]:
        key = self.morph[i]
        if key not in _VERB_FEATURES:
            morph = self.doc[i].morph
            _VERB_FEATURES[key] = (morph.get("VerbForm"), morph.get("Tense"))
        return _VERB_FEATURES[key]

    def _read(self, i: int) -> list[str]:
        if self.pos[i] not in (VERB, AUX):
            return []
        verb_form, tense = self._features(i)
        if "Part" in verb_form:
            kids = self.children.get(i, ())
            return ["Past"] if any(self.dep[c] == _AUX_TENSE for c in kids) else []
        head = self.head[i]
        if self.dep[i] in _PASSIVE_OR_COPULA and self.lemma[i] == _ETRE and (
                self.lemma[head] in _ETRE_VERB_KEYS
                or any(self.dep[c] in _REFLEXIVE for c in self.children.get(head, ()))):
            return ["Past"]
        return tense

    def clause_tense(self, i: int) -> tuple[bool, Tense]:
        """``_clause_tense(doc[i])``."""
        node = i
        for _ in range(12):
            helpers = [c for c in self.children.get(node, ())
                       if self.doc.vocab.strings[self.dep[c]].startswith("aux")
                       or self.dep[c] == _COP]
            found = {t for word in [node, *helpers] for t in self.of(word)}
            if found:
                return True, _tense_of(found)
            if self.head[node] == node:
                break
            node = self.head[node]
        return False, None



class DateFinder:
    """Finds and resolves the dates of a doc; holds no state between docs."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.kz_published
        pub = dt.date.fromisoformat(published) if published else None
        verb_tenses = _DocTenses(doc)
        starts, tenses = _sentence_tenses_of(doc, verb_tenses)
        parsed = doc.has_annotation("DEP") and doc.has_annotation("MORPH")

        def tense_at(start: int, end: int) -> Tense:
            """The clause's tense when the parse has one, else the sentence's."""
            if parsed:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    found, tense = _clause_tense(span.root, verb_tenses)
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
