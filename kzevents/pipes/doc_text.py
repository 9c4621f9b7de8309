"""The text of a doc, read once for all the components.

``doc.text`` joins a new ``Token`` per word on every access; the dates, counts,
amounts, entities, events and sources components each need it. Kept per doc
object (weakly: it goes with the doc), for a doc whose tokens are unchanged.
"""

from __future__ import annotations

import weakref

from spacy.tokens import Doc

_TEXTS: weakref.WeakKeyDictionary[Doc, tuple[int, str]] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc."""
    known = _TEXTS.get(doc)
    if known is not None and known[0] == len(doc):
        return known[1]
    text = doc.text
    _TEXTS[doc] = (len(doc), text)
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a doc was made from (``nlp.make_doc(text)``): spaCy's tokenizer
    keeps every character, so it is ``doc.text`` without joining the tokens again."""
    _TEXTS[doc] = (len(doc), text)
