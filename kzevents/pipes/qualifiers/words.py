"""The qualifiers' reading of a doc: its entities and words
(``kzevents.pipes.doc_words``), and the answers of their pure tests of a
token, once per doc within ``reading(doc)``.

The modality and sources rules ask ``read_words`` at every event: the lists are
found once per block, without reading the doc's arrays again. The rules go by
token index over these lists: a ``Token`` made for every look at a word made
them slow.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.tokens import Doc, Span

from kzevents.pipes.doc_words import Words, doc_words

# doc -> what was read of it once, while a component reads it (see ``reading``)
_READ_ONCE: weakref.WeakKeyDictionary[Doc, dict[str, Any]] = weakref.WeakKeyDictionary()
# the doc of the innermost block and its reading: found without a weak reference
_CURRENT: list[Any] = [None, None]


@contextmanager
def reading(doc: Doc) -> Iterator[Doc]:
    """Within the block, ``doc_ents``, ``read_words`` and ``doc_memo`` answer from
    one reading.

    ``doc.ents`` walks every token of the doc: asked once per speaker or
    participant, it made long articles quadratic. The block must not change
    ``doc.ents``. (``doc.text``: ``kzevents.pipes.doc_text``, kept per doc.)
    """
    read = _READ_ONCE[doc] = {}
    outer = list(_CURRENT)
    _CURRENT[:] = [doc, read]
    try:
        yield doc
    finally:
        _READ_ONCE.pop(doc, None)
        _CURRENT[:] = outer


def doc_memo(doc: Doc, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per doc within ``reading(doc)`` (every time outside)."""
    read = what_is_read(doc)
    if read is None:
        return compute()
    if key not in read:
        read[key] = compute()
    return read[key]


def what_is_read(doc: Doc) -> dict[str, Any] | None:
    """What was read of ``doc`` within ``reading(doc)``, by key; None outside."""
    return _CURRENT[1] if _CURRENT[0] is doc else _READ_ONCE.get(doc)


def doc_ents(doc: Doc) -> list[Span]:
    """``doc.ents``, read once within ``reading(doc)``."""
    return doc_memo(doc, "ents", lambda: list(doc.ents))


def read_words(doc: Doc) -> Words:
    """The lists of ``doc`` (once per doc within ``reading(doc)``). Asked at
    every rule: the shortest path to them."""
    read = what_is_read(doc)
    if read is None:
        return doc_words(doc)
    words = read.get("words")
    if words is None:
        words = read["words"] = doc_words(doc)
    return words


def index_memo(doc: Doc, key: str, i: int, compute: Callable[[Doc, int], Any]) -> Any:
    """``compute(doc, i)``, once per token within ``reading(doc)`` (every time
    outside): for pure tests of a token that several events ask. The answer is
    shared: callers must not change it."""
    table = doc_memo(doc, key, dict)
    if i in table:
        return table[i]
    table[i] = found = compute(doc, i)
    return found
