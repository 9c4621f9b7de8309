"""The crosswalk from PLOVER events to CAMEO codes and ACLED types, read from data.

``data/formats/crosswalk.jsonl`` holds two kinds of rows (documented in the
README beside it): ``event`` rows map a PLOVER type and mode (and, where it
decides, the recipient's sector) to the PLOVER mode/context written, a CAMEO
event code and an ACLED event and sub-event type; ``sector`` rows map a PLOVER
sector to a CAMEO role code, an ACLED ``inter`` code and an ACLED actor name.

>>> event_row("COERCE", "arrest").cameo, event_row("COERCE", "arrest").acled_sub_event_type
('173', 'Arrests')
>>> event_row("ASSAULT", "firearms", recipient_sector="CVL").acled_event_type
'Violence against civilians'
>>> sector_row("COP").acled_inter
1
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kzevents.errors import DataFileError
from kzevents.models import EVENT_TYPES
from kzevents.resources import data_path, read_jsonl

# The quad class of each PLOVER type: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict (the manual's category chapters; SANCTION is
# material conflict there and in CAMEO, whose 16 "reduce relations" is quad 4).
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# CAMEO's twenty root codes ("01" make public statement ... "20" unconventional mass violence).
CAMEO_ROOTS = tuple(f"{n:02d}" for n in range(1, 21))


class EventRow(BaseModel):
    """One PLOVER type + mode and what it becomes in CAMEO and ACLED."""

    model_config = ConfigDict(extra="forbid")
    row: Literal["event"]
    type: str
    mode: str | None
    recipient_sectors: list[str] | None = None
    plover_mode: str | None
    plover_context: list[str] = Field(default_factory=list)
    cameo: str = Field(pattern=r"^(0[1-9]|1[0-9]|20)[0-9]$")
    plover_scale: float = Field(ge=-10, le=10)
    acled_event_type: str | None
    acled_sub_event_type: str | None
    acled_actor1_inter: int | None = Field(default=None, ge=1, le=8)
    note: str | None = None

    @property
    def cameo_root(self) -> str:
        """The CAMEO root code: the first two digits of the event code."""
        return self.cameo[:2]


class SectorRow(BaseModel):
    """One PLOVER sector code and its CAMEO role and ACLED inter code."""

    model_config = ConfigDict(extra="forbid")
    row: Literal["sector"]
    sector: str
    plover_sector: str
    cameo_role: str
    acled_inter: int | None = Field(ge=1, le=8)
    acled_actor: str | None = None
    note: str | None = None


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")
    row: Literal["event", "sector"]


@cache
def load_crosswalk() -> tuple[tuple[EventRow, ...], dict[str, SectorRow]]:
    """The event rows in file order and the sector rows by code, validated once."""
    path = data_path("formats", "crosswalk.jsonl")
    events: list[EventRow] = []
    sectors: dict[str, SectorRow] = {}
    for line, raw in read_jsonl(path, _Row):
        data = raw.model_dump()
        if raw.row == "event":
            row = EventRow.model_validate(data)
            if row.type not in EVENT_TYPES:
                raise DataFileError(path, f"unknown PLOVER type {row.type!r}", line=line)
            events.append(row)
        else:
            sector = SectorRow.model_validate(data)
            if sector.sector in sectors:
                raise DataFileError(path, f"sector {sector.sector} listed twice", line=line)
            sectors[sector.sector] = sector
    return tuple(events), sectors


def event_row(type_: str, mode: str | None = None, recipient_sector: str | None = None
              ) -> EventRow:
    """The crosswalk row of an event: its type and mode, else its type alone.

    Rows restricted to recipient sectors match only a recipient of one of them;
    the first matching row in file order wins.
    """
    events, _ = load_crosswalk()
    for wanted_mode in ((mode, None) if mode is not None else (None,)):
        for row in events:
            if row.type != type_ or row.mode != wanted_mode:
                continue
            if row.recipient_sectors is None or recipient_sector in row.recipient_sectors:
                return row
    raise KeyError(f"no crosswalk row for {type_} {mode}")  # every type has a bare row (tested)


def sector_row(sector: str | None) -> SectorRow | None:
    """The crosswalk row of a PLOVER sector code, or None."""
    return load_crosswalk()[1].get(sector) if sector else None
