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
import weakref
from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.strings import StringStore
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

from kzevents._extensions import ensure_extensions
from kzevents.pipes.dates.find import cue_tense, find_dates
from kzevents.pipes.dates.periods import Tense
from kzevents.pipes.doc_text import doc_text
from kzevents.pipes.doc_words import Words, doc_words


class _SentenceTenses:
    """The tense of each sentence of a doc (one sentence without a parser), read
    when a date first asks for it: most sentences have no date.

    The tense comes from the morphology when the pipeline has it (see
    ``_tense_of``), else from cue words ("sera", "prévu", "prochain", unless a
    compound past is there). The sentences are those of ``doc.sents``, read from
    the word table (a ``Span`` per sentence cost more than the tenses).
    """

    def __init__(self, doc: Doc, words: Words, verb_tenses: DocTenses) -> None:
        self.text, self.words, self.verb_tenses = doc_text(doc), words, verb_tenses
        self.has_morph = doc.has_annotation("MORPH")
        self.sentences = words.sentences()
        self.starts = [words.idx[first] for first, _ in self.sentences]  # character offsets
        self._tenses: dict[int, Tense] = {}

    def at(self, start: int) -> Tense:
        """The tense of the sentence around character offset ``start``."""
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return None
        if index not in self._tenses:
            self._tenses[index] = self._read(index)
        return self._tenses[index]

    def _read(self, index: int) -> Tense:
        words = self.words
        first, end = self.sentences[index]
        if not self.has_morph:
            # the sentence's text, as ``Span.text``: without its last token's space
            return cue_tense(self.text[words.idx[first] : words.end_char(end - 1)])
        # only verbs and auxiliaries give tenses (``DocTenses.of``): found in the POS column
        verbs, of = self.verb_tenses.verbs, self.verb_tenses.of
        inside = verbs[bisect_left(verbs, first) : bisect_left(verbs, end)]
        return _tense_of({t for i in inside for t in of(i)})


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


# Verbs whose compound past takes "être", which the parser reads as a passive
# or a copula: "sont entrés", "est mort" are past, "sont interdits" present.
_ETRE_VERBS = frozenset((
    "aller", "arriver", "décéder", "descendre", "devenir", "entrer", "monter", "mourir", "mort",
    "naître", "partir", "parvenir", "passer", "rentrer", "rester", "retourner", "revenir",
    "sortir", "survenir", "tomber", "venir",
))


# The keys of labels and lemmas in the doc arrays (a symbol's id, else the hash
# of the string), as ``doc.vocab.strings`` gives them.
_key = StringStore().__getitem__
_AUX_TENSE = _key("aux:tense")
_COP = _key("cop")
_PASSIVE_OR_COPULA = frozenset(map(_key, ("aux:pass", "cop")))
_REFLEXIVE = frozenset(map(_key, ("expl:comp", "expl:pv")))
_ETRE = _key("être")
_ETRE_VERB_KEYS = frozenset(map(_key, _ETRE_VERBS))
_VERB_KEYS = (int(VERB), int(AUX))
# doc -> (the words its tenses were read from, its tenses)
_TENSES: weakref.WeakKeyDictionary[Doc, tuple[Words, DocTenses]] = weakref.WeakKeyDictionary()


def doc_tenses(doc: Doc, words: Words | None = None) -> DocTenses:
    """The tenses of ``doc``'s verbs, read once per doc (the dates and modality
    components ask them); ``words``: ``doc_words(doc)`` when the caller has it."""
    words = words if words is not None else doc_words(doc)
    known = _TENSES.get(doc)
    if known is None or known[0] is not words:
        known = _TENSES[doc] = (words, DocTenses(doc, words))
    return known[1]


class DocTenses:
    """The tenses a doc's verbs give their clause and sentence, read from its words
    (``doc_words``): a date asks again for the verbs its sentence already gave."""

    def __init__(self, doc: Doc, words: Words) -> None:
        # weakly: ``_TENSES`` keeps this beside its doc, and a strong reference would
        # keep every doc alive (its key would never die)
        self._doc, self.words = weakref.ref(doc), words
        self.verbs = [i for i, pos in enumerate(words.pos_key) if pos in _VERB_KEYS]
        self._tenses: dict[int, tuple[str, ...]] = {}

    def of(self, i: int) -> tuple[str, ...]:
        """The tenses token ``i`` gives its sentence. A participle is past only with a
        tense auxiliary ("ont tiré", "sont arrivés"), not as a passive ("sont
        interdits"); "être" before a verb of motion or a reflexive verb makes a past too."""
        if i not in self._tenses:
            self._tenses[i] = self._read(i)
        return self._tenses[i]

    def _read(self, i: int) -> tuple[str, ...]:
        words = self.words
        if words.pos_key[i] not in _VERB_KEYS:
            return ()
        dep, lemma = words.dep_key, words.lemma_key
        doc = self._doc()
        assert doc is not None  # asked only while its doc is processed
        if "Part" in words.values(doc, i, "VerbForm"):
            return ("Past",) if any(dep[c] == _AUX_TENSE for c in words.children[i]) else ()
        head = words.head[i]
        if dep[i] in _PASSIVE_OR_COPULA and lemma[i] == _ETRE and (
                lemma[head] in _ETRE_VERB_KEYS
                or any(dep[c] in _REFLEXIVE for c in words.children[head])):
            return ("Past",)
        return words.values(doc, i, "Tense")

    def clause_tense(self, i: int) -> tuple[bool, Tense]:
        """The tense of the clause that governs token ``i``: the first predicate up
        the tree with a tensed verb ("a annoncé mardi que les troupes partiront
        jeudi": past for mardi, future for jeudi). An infinitive or a participle
        without auxiliary ("des policiers mobilisés le 26 juillet") passes the
        question to its governor. Returns (found a tensed predicate?, its tense)."""
        words = self.words
        node = i
        for _ in range(12):
            helpers = [c for c in words.children[node]
                       if words.dep[c].startswith("aux") or words.dep_key[c] == _COP]
            found = {t for word in [node, *helpers] for t in self.of(word)}
            if found:
                return True, _tense_of(found)
            if words.head[node] == node:
                break
            node = words.head[node]
        return False, None


class DateFinder:
    """Finds and resolves the dates of a doc; holds no state between docs."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.kz_published
        pub = dt.date.fromisoformat(published) if published else None
        words = doc_words(doc)
        verb_tenses = doc_tenses(doc, words)
        sentences = _SentenceTenses(doc, words, verb_tenses)
        parsed = doc.has_annotation("DEP") and doc.has_annotation("MORPH")
        text = doc_text(doc)

        def tense_at(start: int, end: int) -> Tense:
            """The clause's tense when the parse has one, else the sentence's."""
            if parsed:
                root = words.span_root(start, end)
                if root is not None:
                    found, tense = verb_tenses.clause_tense(root)
                    if found and tense:
                        return tense
            return sentences.at(start)

        carried = doc._.kz_context or {}  # a chunk of a long text: the date before it
        doc._.kz_dates = find_dates(text, pub, tense_at, last=carried.get("last_date"))
        return doc


@Language.factory("kzevents_dates")
def make_dates(nlp: Language, name: str) -> DateFinder:
    """Factory of ``kzevents_dates``: add it anywhere (after the parser to use tenses)."""
    ensure_extensions()
    return DateFinder()
