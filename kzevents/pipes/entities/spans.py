"""What the entity component's modules share: candidate spans and word folding."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from kzevents.pipes.doc_text import doc_text
from kzevents.pipes.doc_words import doc_words
from kzevents.pipes.entities.patterns import LEADING_TITLES
from kzevents.text import strip_accents

# Articles and prepositions that never start or end a name.
ARTICLES = frozenset({"le", "la", "les", "l'", "de", "du", "des", "d'", "un", "une"})


def fold(text: str) -> str:
    """Lower case without accents, with straight apostrophes (same meaning, for matching).

    >>> fold("Défense’")
    "defense'"
    """
    return _fold(text)


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return strip_accents(text.replace("’", "'"))  # the same words come back: cached



class DocTokens:
    """What the entity component reads of every token, read once per doc.

    A ``Token`` object is made at each ``doc[i]``, and ``span.text`` makes one per
    token of the span: the component's rules read these lists instead (the doc's
    words, ``doc_words``, and their folded forms).
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.doc_text = doc_text(doc)
        words = doc_words(doc)
        # the flags are 1 or 0 (true or false)
        self.starts, self.texts = words.idx, words.text
        self.is_upper, self.like_url, self.is_punct = words.is_upper, words.like_url, words.is_punct
        self.is_space, self.is_alpha, self.is_stop = words.is_space, words.is_alpha, words.is_stop
        self.folds = list(map(_fold, self.texts))
        self.whitespace = [" " if x else "" for x in words.space_after]  # ``token.whitespace_``
        # a line break: a space token (the whitespace after a token is one space or none)
        self.breaks = self.is_space

    def __len__(self) -> int:
        return len(self.texts)

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (``start < end``)."""
        return self.doc_text[self.starts[start] : self.starts[end - 1] + len(self.texts[end - 1])]

    def title(self, i: int) -> bool:
        """A capitalised word not in capitals ("Goïta", not "ONU")."""
        return self.is_alpha[i] and self.texts[i][:1].isupper() and not self.is_upper[i]


@dataclass
class Cand:
    """A candidate entity, in tokens, with its Entity fields."""

    start: int
    end: int
    label: str
    info: dict[str, Any] | None = None
    create: bool = True
    rank: int = 1  # 0: spaCy's own span
    place: tuple[int, str, int] | None = None  # "région de Gao": (name start, kind, precision)


@lru_cache(maxsize=16384)
def strip_titles(text: str) -> str:
    """ "M. Pachinian" -> "Pachinian", "le président Poutine" -> "Poutine"."""
    text = text.strip()
    changed = True
    while changed:
        changed = False
        low = text.lower()
        for title in LEADING_TITLES:
            if low.startswith(title) and (title.endswith(("'", "’"))
                                          or low[len(title) : len(title) + 1] in (" ", "")):
                text = text[len(title) :].strip()
                changed = True
                break
    return text
