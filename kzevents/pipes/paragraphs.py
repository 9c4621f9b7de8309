"""Sentence starts at paragraph breaks, set before the parser runs.

Headlines, captions and list items often end without a full stop; left to
itself the parser glues them to the next paragraph, and an event's sentence
then spans two unrelated texts. The parser respects sentence starts set before
it, so this component marks them:

- after a blank line (a whitespace token with two or more newlines);
- after a single newline when the line before ends a sentence (. ! ? : » ...)
  or the next line starts like a sentence (capital, digit, quote, dash).
  A hard-wrapped line that continues in lower case is left alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_SENTENCE_END = frozenset(".!?:…»\"”)")
_SENTENCE_OPENING = frozenset("«\"“-–—(")


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after each paragraph break."""
    for i in range(1, len(doc) - 1):
        space = doc[i]
        if not space.is_space or "\n" not in space.text:
            continue
        nxt = doc[i + 1]
        if nxt.is_space:
            continue
        if space.text.count("\n") >= 2:
            nxt.is_sent_start = True
            continue
        prev = doc[i - 1].text
        first = nxt.text[0]
        if prev[-1] in _SENTENCE_END or first.isupper() or first.isdigit() or (
            first in _SENTENCE_OPENING
        ):
            nxt.is_sent_start = True
    return doc


@Language.factory("kzevents_paragraphs")
def make_paragraphs(nlp: Language, name: str):
    """Factory of ``kzevents_paragraphs``: add it before the parser."""
    return mark_paragraph_starts
