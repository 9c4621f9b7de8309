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

from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

_SENTENCE_END = frozenset(".!?:…»\"”)")
_SENTENCE_OPENING = frozenset("«\"“-–—(")


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set the sentence start of the first token after each paragraph break.

    The starts are written in one ``Doc.from_array`` call: setting
    ``token.is_sent_start`` one token at a time checks the whole doc for a parse
    each time, which made this component quadratic in the length of the text.
    Only whitespace tokens can be line breaks: they are found in one array read.
    """
    spaces = doc.to_array(IS_SPACE).nonzero()[0].tolist()  # the few whitespace tokens
    starts = [i + 1 for i in spaces if 0 < i < len(doc) - 1 and _opens_paragraph(doc, i)]
    if starts:
        column = doc.to_array([SENT_START])
        column[starts] = 1
        doc.from_array([SENT_START], column)
    return doc


def _opens_paragraph(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is a line break after which a new sentence starts."""
    space = doc[i]
    if not space.is_space or "\n" not in space.text:
        return False
    nxt = doc[i + 1]
    if nxt.is_space:
        return False
    if space.text.count("\n") >= 2:
        return True
    first = nxt.text[0]
    return doc[i - 1].text[-1] in _SENTENCE_END or first.isupper() or first.isdigit() or (
        first in _SENTENCE_OPENING)


@Language.factory("kzevents_paragraphs")
def make_paragraphs(nlp: Language, name: str):
    """Factory of ``kzevents_paragraphs``: add it before the parser."""
    return mark_paragraph_starts
