"""The words of a doc as plain lists, read once for all the components.

Every ``token.lemma_``, ``token.dep_`` or ``token.head`` makes a new ``Token``, and
``token.morph.get`` parses the analysis again: asked at every rule, they made the
components slow. ``doc_words(doc)`` reads the doc's arrays in one ``doc.to_array``
and gives them as lists by token index, with the values the ``Token`` properties
give. The entities, dates, events, modality and sources components all read these
lists; each keeps only what is its own (folded forms, lookup keys) beside them.

The lists are kept per doc object (weakly: they go with the doc) and made again
when the doc's arrays change (a component that retokenises, a re-parse). They
hold no entity label: the entities component changes ``doc.ents`` after the
first reading.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_UPPER,
    LEMMA,
    LIKE_URL,
    LOWER,
    MORPH,
    ORTH,
    POS,
    SENT_START,
    SPACY,
)
from spacy.tokens import Doc, Token

_ATTRS = [ORTH, LOWER, LEMMA, POS, DEP, HEAD, IDX, SENT_START, MORPH, IS_PUNCT, IS_ALPHA,
          IS_UPPER, IS_SPACE, IS_STOP, LIKE_URL, SPACY]
# What the lists depend on, token by token; the other attributes follow from
# these (LOWER and the flags from ORTH's lexeme, IDX from ORTH and SPACY). Three
# times faster to read than _ATTRS: the check of every component's call.
_CHECK = [ORTH, SPACY, LEMMA, POS, DEP, HEAD, SENT_START, MORPH]
# morphology key -> field -> values, as ``MorphAnalysis.get`` gives them (a few
# hundred keys in all)
_FEATURES: dict[int, dict[str, tuple[str, ...]]] = {}
# string hash -> string, for every doc (a hash always names the same string);
# emptied when it grows large, so that a long run does not keep every word
_NAMES: dict[int, str] = {}
_MAX_NAMES = 500_000
# doc -> (its _CHECK array as bytes, its lists)
_WORDS: weakref.WeakKeyDictionary[Doc, tuple[bytes, Words]] = (
    weakref.WeakKeyDictionary())


@dataclass(frozen=True)
class Words:
    """Per-token attributes of one doc, by token index. Callers never change them."""

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
    # the string keys (``Token.orth``, ``lemma``, ``pos``, ``dep``), for lookups by key
    orth_key: list[int]
    lemma_key: list[int]
    pos_key: list[int]
    dep_key: list[int]
    # lexical flags, 1 or 0 (``Token.is_punct``...); ``space_after``: ``whitespace_``
    is_punct: list[int]
    is_alpha: list[int]
    is_upper: list[int]
    is_space: list[int]
    is_stop: list[int]
    like_url: list[int]
    space_after: list[int]

    def __len__(self) -> int:
        return len(self.text)

    def features(self, doc: Doc, i: int) -> dict[str, tuple[str, ...]]:
        """``doc[i].morph`` as field -> values, parsed once per analysis."""
        found = _FEATURES.get(self.morph[i])
        return found if found is not None else morph_features(doc[i])

    def values(self, doc: Doc, i: int, field: str) -> tuple[str, ...]:
        """``doc[i].morph.get(field)``, without a ``Token`` when the analysis is known."""
        return self.features(doc, i).get(field, ())

    def end_char(self, i: int) -> int:
        """Character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])

    def sentences(self) -> list[tuple[int, int]]:
        """(first token, one past the last) of each sentence, as ``doc.sents`` gives
        them without making a ``Span`` each; one sentence when the doc has no sentence
        starts, none when it has no token."""
        return sorted(set(zip(self.sent_start, self.sent_end, strict=True)))

    def char_tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens (first, one past the last) of ``doc.char_span(start, end,
        alignment_mode="expand")``, which may be none, or None where spaCy gives
        None (an offset outside the text): a bisection, without a ``Span``."""
        first, last = self._token_at(start), self._token_at(end - 1)
        if first < 0 or last < 0:
            return None
        if start == self.end_char(first):
            first += 1  # the trailing space of a token is not the token
        return first, last + 1

    def span_root(self, start: int, end: int) -> int | None:
        """The root token of ``doc.char_span(start, end, alignment_mode="expand")``,
        or None when that span is None or empty."""
        tokens = self.char_tokens(start, end)
        if tokens is None or tokens[0] >= tokens[1]:
            return None
        return self.root(*tokens)

    def root(self, start: int, end: int) -> int:
        """The index of ``doc[start:end].root`` (a span of one token or more):
        spaCy's own walk (a sentence root in the span, else the token fewest steps
        from its sentence's root, a childless space or punctuation last)."""
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        best, root = len(self), None
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            if (self.is_space[i] or self.is_punct[i]) and not self.children[i]:
                steps = len(self) - 1
            else:
                steps, node = 0, i
                while head[node] != node:
                    node = head[node]
                    steps += 1
            if steps < best:
                best, root = steps, i
        return start if root is None else root

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``, or -1."""
        i = bisect_right(self.idx, char) - 1
        if i < 0 or char >= self.end_char(i) + self.space_after[i]:
            return -1
        return i

    def subtree(self, i: int) -> list[int]:
        """The indices of ``doc[i].subtree``, in text order: the token's left
        subtrees, the token, its right subtrees."""
        children = self.children
        out: list[int] = []

        def collect(j: int) -> None:
            for c in children[j]:
                if c < j:
                    collect(c)
            out.append(j)
            for c in children[j]:
                if c > j:
                    collect(c)

        collect(i)
        return out


def morph_features(tok: Token) -> dict[str, tuple[str, ...]]:
    """``tok.morph`` as field -> values ("VerbForm=Part|Tense=Past" ->
    ``{"VerbForm": ("Part",), "Tense": ("Past",)}``), parsed once per analysis."""
    morph = tok.morph
    found = _FEATURES.get(morph.key)
    if found is None:
        found = _FEATURES[morph.key] = {
            field: tuple(morph.get(field)) for field in morph.to_dict()}
    return found


def morph_values(tok: Token, field: str) -> tuple[str, ...]:
    """``tuple(tok.morph.get(field))``, parsed once per analysis."""
    return morph_features(tok).get(field, ())


def doc_words(doc: Doc) -> Words:
    """The lists of ``doc``: read once, and again only when its arrays changed."""
    check = doc.to_array(_CHECK).tobytes()  # (compared faster than by numpy.array_equal)
    known = _WORDS.get(doc)
    if known is not None and known[0] == check:
        return known[1]
    words = _read(doc, doc.to_array(_ATTRS).reshape(len(doc), len(_ATTRS)))
    _WORDS[doc] = (check, words)
    return words


def _strings(doc: Doc, column: list[int]) -> list[str]:
    if len(_NAMES) > _MAX_NAMES:
        _NAMES.clear()
    strings = doc.vocab.strings
    names = _NAMES
    for value in set(column).difference(names):
        names[value] = strings[value]
    return [names[value] for value in column]


def _read(doc: Doc, array: numpy.ndarray) -> Words:
    n = len(doc)
    (orth, lower, lemma, pos, dep, _, idx, _, morph, punct, alpha, upper, space, stop, url,
     after) = array.T.tolist()
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
                 children=children, orth_key=orth, lemma_key=lemma, pos_key=pos,
                 dep_key=dep, is_punct=punct, is_alpha=alpha, is_upper=upper,
                 is_space=space, is_stop=stop, like_url=url, space_after=after)
