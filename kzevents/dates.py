"""``parse_date``: one French date expression to a ``TimeRef``, without a spaCy model.

>>> from kzevents import parse_date
>>> parse_date("vendredi 7 janvier", published="2022-01-11").value
'2022-01-07'
>>> parse_date("en juillet 2016").grain
'month'
>>> t = parse_date("hier")          # relative, no publication date: left unresolved
>>> t.relative, t.value
(True, None)
>>> parse_date("sept soldats") is None
True
"""

from __future__ import annotations

import re

from kzevents.errors import InputTypeError, InputValueError
from kzevents.extractor import parse_published
from kzevents.models import TimeRef
from kzevents.pipes.dates.find import TenseAt, cue_tense, find_dates

# Words before a date that parse_date reads past: first with their "de"/"du"
# ("à partir de mars"), then without it ("à partir du 8" reads "du 8").
_LEADING = [re.compile(r"\s*(?:à\s+partir\s+(?:de|du|d')|après|avant|depuis|dès|jusqu'(?:à|au|en)|"
                       r"d'ici(?:\s+à)?|"
                       r"vers|pour|courant|aux\s+alentours\s+(?:de|du))\s*", re.I),
            re.compile(r"\s*(?:à\s+partir|aux\s+alentours|jusqu'|autour)\s*(?=d)", re.I)]
TENSES = (None, "past", "future")


def parse_date(text: str, published: object = None, tense: str | None = None
               ) -> TimeRef | None:
    """The ``TimeRef`` of one date expression, resolved against ``published``.

    The whole text must be the expression (surrounding spaces aside), though
    a part of day or a time after it ("mardi soir", "le 5 janvier à 13 h") is
    read as detail. Returns None when the text is not a date. Without
    ``published``, relative expressions ("hier", "le 7 janvier") come back with
    ``relative=True`` and no value: they are never resolved against today.

    ``tense`` is the tense of the sentence the expression comes from, when the
    caller knows it: "future" makes "mercredi" the coming Wednesday and "le 2"
    the next 2nd; "past" the reverse. Without it, the news convention holds: a
    bare weekday is the most recent one, a yearless date at most nine months
    ahead (the ``kzevents_dates`` component reads the tense from the sentence).

    >>> parse_date("mercredi", published="2022-01-11", tense="future").value
    '2022-01-12'
    """
    if not isinstance(text, str):
        raise InputTypeError(f"parse_date takes a str, not {type(text).__name__}")
    if tense not in TENSES:
        raise InputValueError(f"tense must be one of {TENSES}, not {tense!r}")
    pub = parse_published(published)

    known = tense or cue_tense(text)  # one expression: one tense for all its readings

    def tense_at(start: int, end: int) -> str | None:
        return known

    found = find_dates(text, pub, tense_at, whole=True) or _with_detail(text, pub, tense_at)
    if not found:  # "à partir du 8 mars", "après le 1er novembre": the date after the word
        for leading in _LEADING:
            lead = leading.match(text)
            found = [{**d, "start": d["start"] + lead.end(), "end": d["end"] + lead.end()}
                     for d in find_dates(text[lead.end():], pub, tense_at, whole=True)
                     ] if lead else []
            if found:
                break
    if not found:
        return None
    return TimeRef(text=text[found[0]["start"]: found[0]["end"]], **found[0])


def _with_detail(text: str, pub: object, tense_at: TenseAt) -> list[dict]:
    """A date followed by a part of day or a time, as one span."""
    dates = find_dates(text, pub, tense_at)  # type: ignore[arg-type]
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    if len(dates) == 1 and dates[0]["start"] == lead and dates[0]["end"] == lead + len(stripped):
        return dates
    return []
