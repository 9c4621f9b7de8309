"""What the entity component's modules share: candidate spans and word folding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kzevents.pipes.entities.patterns import LEADING_TITLES
from kzevents.text import strip_accents

# Articles and prepositions that never start or end a name.
ARTICLES = frozenset({"le", "la", "les", "l'", "de", "du", "des", "d'", "un", "une"})


def fold(text: str) -> str:
    """Lower case without accents, with straight apostrophes (same meaning, for matching).

    >>> fold("Défense’")
    "defense'"
    """
    return strip_accents(text.replace("’", "'"))


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
