"""CAMEO dyads, tab-separated as PETRARCH writes them.

Each line: ``date`` (YYYYMMDD), ``source`` and ``target`` actor codes (country
ISO 3166 alpha-3 followed by the CAMEO role code, "KAZCOP"; ``---`` when
unknown), the CAMEO event ``code`` (three digits), its ``root`` (two digits),
the record ``id`` and the article id, no header (``CAMEO_COLUMNS`` names them).
The date is the event's first day, else the publication date. Only events that
happened or are reported as happened are written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kzevents.export.common import event_day, record_id, recorded
from kzevents.export.crosswalk import event_row, sector_row
from kzevents.models import Article, Participant

CAMEO_COLUMNS = ["date", "source", "target", "code", "root", "id", "article"]
UNKNOWN_ACTOR = "---"


def actor_code(part: Participant | None) -> str:
    """The CAMEO actor code of a participant: country then role ("KAZCOP", "RUSMIL").

    >>> actor_code(Participant(text="la police", start=0, end=9, country="KAZ", sector="COP"))
    'KAZCOP'
    """
    if part is None:
        return UNKNOWN_ACTOR
    row = sector_row(part.sector)
    code = (part.country or "") + (row.cameo_role if row else "")
    return code or UNKNOWN_ACTOR


def cameo_rows(articles: Iterable[Article]) -> Iterator[list[str]]:
    """One list of ``CAMEO_COLUMNS`` values per recorded event with a known date."""
    for article in articles:
        for position, event in enumerate(article.events):
            first, _last, _source = event_day(article, event)
            if first is None or not recorded(event):
                continue
            recipient_sector = event.recipient.sector if event.recipient else None
            row = event_row(event.type, event.mode, recipient_sector)
            yield [first.strftime("%Y%m%d"), actor_code(event.actor),
                   actor_code(event.recipient), row.cameo, row.cameo_root,
                   record_id(article, event, position), article.id or ""]
