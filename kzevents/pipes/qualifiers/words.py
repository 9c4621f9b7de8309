"""The words of a doc as plain lists, read once per doc by the qualifiers.

Every ``token.lemma_``, ``token.dep_`` or ``token.sent`` makes a new ``Token``
or walks the sentence again; asked at every event, they made the qualifiers
slow. Within ``participants.reading(doc)`` the qualifiers read these lists
instead (one ``doc.to_array`` per doc), and keep the answers of their pure
tests of a token (``token_memo``). The values are those of the ``Token``
properties, read the same way.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START
from spacy.tokens import Doc, Token

from kzevents.pipes.qualifiers.participants import doc_memo

_ATTRS = [ORTH, LOWER, LEMMA, POS, DEP, HEAD, IDX, SENT_START, MORPH, IS_PUNCT]
# (morph key, field) -> the field's values, as MorphAnalysis.get gives them
_FEATURES: dict[tuple[int, str], tuple[str, ...]] = {}
# string hash -> string, for every doc (a hash always names the same string);
# emptied when it grows large, so that a long run does not keep every word
_NAMES: dict[int, str] = {}
_MAX_NAMES = 500_000
# doc -> (its attribute array, its lists), weakly: they go with the doc
_WORDS: weakref.WeakKeyDictionary[Doc, tuple[numpy.ndarray, Words]] = (
    weakref.WeakKeyDictionary())


@dataclass(frozen=True)
class Words:
    """Per-token attributes of one doc, by token index."""

    text: list[str]
    lower: list[str]  # Token.lower_
    folded: list[str]  # lower case, "’" straightened
    lemma: list[str]
    pos: list[str]
    dep: list[str]
    head: list[int]  # absolute index of the head
    idx: list[int]  # character offset
    morph: list[int]  # key of the morphological analysis
    sent_start: list[int]  # first token of the token's sentence (as ``Token.sent``)
    sent_end: list[int]  # one past its last token
    children: list[list[int]]  # the children of each token, in text order (Token.children)
    is_punct: list[int]

    def values(self, doc: Doc, i: int, field: str) -> tuple[str, ...]:
        """``doc[i].morph.get(field)`` (``morph_values``), without a Token when known."""
        values = _FEATURES.get((self.morph[i], field))
        return values if values is not None else morph_values(doc[i], field)

    def end_char(self, i: int) -> int:
        """Character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])


def morph_values(tok: Token, field: str) -> tuple[str, ...]:
    """``tok.morph.get(field)``, read once per analysis and field."""
    morph = tok.morph
    key = (morph.key, field)
    values = _FEATURES.get(key)
    if values is None:
        values = _FEATURES[key] = tuple(morph.get(field))
    return values


def _strings(doc: Doc, column: list[int]) -> list[str]:
    if len(_NAMES) > _MAX_NAMES:
        _NAMES.clear()
    strings = doc.vocab.strings
    names = _NAMES
    for value in set(column).difference(names):
        names[value] = strings[value]
    return [names[value] for value in column]


def read_words(doc: Doc) -> Words:
    """The lists of ``doc`` (once per doc within ``reading(doc)``)."""
    return doc_memo(doc, "words", lambda: _known_words(doc))


def _known_words(doc: Doc) -> Words:
    """The lists of the doc, made again only when its arrays changed (the sources
    component reads the lists the modality component made)."""
    array = doc.to_array(_ATTRS).reshape(len(doc), len(_ATTRS))
    known = _WORDS.get(doc)
    if known is not None and numpy.array_equal(known[0], array):
        return known[1]
    words = _read(doc, array)
    _WORDS[doc] = (array, words)
    return words


def _read(doc: Doc, array: numpy.ndarray) -> Words:
    n = len(doc)
    orth, lower, lemma, pos, dep, _, idx, _, morph, punct = array.T.tolist()
    # relative heads and sentence starts are signed
    head, sent = array[:, [5, 7]].astype("int64").T.tolist()
    starts, ends = [0] * n, [n] * n
    first = 0
    for i in range(1, n):
        if sent[i] == 1:
            for k in range(first, i):
                ends[k] = i
            first = i
        starts[i] = first
    lowers = _strings(doc, lower)
    heads = [i + h for i, h in enumerate(head)]
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)
    return Words(text=_strings(doc, orth), lower=lowers,
                 folded=[w.replace("’", "'") for w in lowers], lemma=_strings(doc, lemma),
                 pos=_strings(doc, pos), dep=_strings(doc, dep),
                 head=heads, idx=idx, morph=morph, sent_start=starts, sent_end=ends,
                 children=children, is_punct=punct)


def token_memo(tok: Token, key: str, compute: Callable[[Token], Any]) -> Any:
    """``compute(tok)``, once per token within ``reading(tok.doc)`` (every time
    outside): for pure tests of a token that several events ask. The answer is
    shared: callers must not change it."""
    table = doc_memo(tok.doc, key, dict)
    i = tok.i
    if i in table:
        return table[i]
    table[i] = found = compute(tok)
    return found
