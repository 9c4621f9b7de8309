"""The qualifiers' reading of a doc: its words (``kzevents.pipes.doc_words``) and
the answers of their pure tests of a token, once per doc.

Within ``participants.reading(doc)`` the modality and sources rules ask
``read_words`` at every event: the lists are found once per block, without
reading the doc's arrays again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

from kzevents.pipes.doc_words import Words, doc_words
from kzevents.pipes.qualifiers.participants import doc_memo


def read_words(doc: Doc) -> Words:
    """The lists of ``doc`` (once per doc within ``reading(doc)``)."""
    return doc_memo(doc, "words", lambda: doc_words(doc))


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
