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

from kzevents.errors import InputTypeError
from kzevents.extractor import parse_published
from kzevents.models import TimeRef
from kzevents.pipes.dates.resolve import find_dates

_LEADING = re.compile(r"\s*(?:à\s+partir\s+(?:de|du|d')|après|avant|depuis|dès|jusqu'(?:à|au|en)|"
                      r"vers|pour|courant|aux\s+alentours\s+(?:de|du))\s*", re.I)


def parse_date(text: str, published: object = None) -> TimeRef | None:
    """The ``TimeRef`` of one date expression, resolved against ``published``.

    The whole text must be the expression (surrounding spaces aside), though
    a part of day or a time after it ("mardi soir", "le 5 janvier à 13 h") is
    read as detail. Returns None when the text is not a date. Without
    ``published``, relative expressions ("hier", "le 7 janvier") come back with
    ``relative=True`` and no value: they are never resolved against today.
    """
    if not isinstance(text, str):
        raise InputTypeError(f"parse_date takes a str, not {type(text).__name__}")
    pub = parse_published(published)
    found = find_dates(text, pub, whole=True) or _with_detail(text, pub)
    if not found:  # "à partir du 8 mars", "après le 1er novembre": the date after the word
        lead = _LEADING.match(text)
        if lead:
            found = [{**d, "start": d["start"] + lead.end(), "end": d["end"] + lead.end()}
                     for d in find_dates(text[lead.end():], pub, whole=True)]
    if not found:
        return None
    return TimeRef(text=text[found[0]["start"]: found[0]["end"]], **found[0])


def _with_detail(text: str, pub: object) -> list[dict]:
    """A date followed by a part of day or a time, as one span."""
    dates = find_dates(text, pub)  # type: ignore[arg-type]
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    if len(dates) == 1 and dates[0]["start"] == lead and dates[0]["end"] == lead + len(stripped):
        return dates
    return []
