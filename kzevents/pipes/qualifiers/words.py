"""The words of a doc as plain lists, read once per doc by the qualifiers.

Every ``token.lemma_``, ``token.dep_`` or ``token.sent`` makes a new ``Token``
or walks the sentence again; asked at every event, they made the qualifiers
slow. Within ``participants.reading(doc)`` the qualifiers read these lists
instead (one ``doc.to_array`` per doc), and keep the answers of their pure
tests of a token (``token_memo``). The values are those of the ``Token``
properties, read the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START
from spacy.tokens import Doc, Token

from kzevents.pipes.qualifiers.participants import doc_memo

_ATTRS = [ORTH, LOWER, LEMMA, POS, DEP, HEAD, IDX, SENT_START, MORPH]
# (morph key, field) -> the field's values, as MorphAnalysis.get gives them
_FEATURES: dict[tuple[int, str], tuple[str, ...]] = {}
# string hash -> string, for every doc (a hash always names the same string);
# emptied when it grows large, so that a long run does not keep every word
_NAMES: dict[int, str] = {}
_MAX_NAMES = 500_000


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
    return doc_memo(doc, "words", lambda: _read(doc))


def _read(doc: Doc) -> Words:
    n = len(doc)
    array = doc.to_array(_ATTRS).reshape(n, len(_ATTRS))
    orth, lower, lemma, pos, dep, _, idx, _, morph = array.T.tolist()
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
    return Words(text=_strings(doc, orth), lower=lowers,
                 folded=[w.replace("’", "'") for w in lowers], lemma=_strings(doc, lemma),
                 pos=_strings(doc, pos), dep=_strings(doc, dep),
                 head=[i + h for i, h in enumerate(head)], idx=idx, morph=morph,
                 sent_start=starts, sent_end=ends)


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
