"""The PLOVER -> CAMEO -> ACLED crosswalk (data/formats/crosswalk.jsonl), row by row."""

from __future__ import annotations

import pytest

from kzevents.export.crosswalk import (
    CAMEO_ROOTS,
    QUAD,
    EventRow,
    event_row,
    load_crosswalk,
    sector_row,
)
from kzevents.export.plover import plover_schema
from kzevents.models import EVENT_TYPES

from .conftest import TESTS

EVENT_ROWS, SECTOR_ROWS = load_crosswalk()
SCHEMA = plover_schema()

# The PLOVER manual's table "PLOVER equivalents to CAMEO cue categories".
PLOVER_OF_CAMEO_ROOT = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "08": ("CONCEDE", "RETREAT"), "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE",
    "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
    "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
# Rows whose CAMEO root is not the manual's root for their type, and why (README).
ROOT_EXCEPTIONS = {("ASSAULT", "crowd-control"): "17"}  # CAMEO 175: tactics of violent repression

# ACLED's event types and their sub-event types (ACLED codebook).
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def _row_id(row: EventRow) -> str:
    sectors = "+".join(row.recipient_sectors) if row.recipient_sectors else "any"
    return f"{row.type}-{row.mode}-{sectors}"


@pytest.mark.parametrize("row", EVENT_ROWS, ids=[_row_id(r) for r in EVENT_ROWS])
def test_event_row(row):
    assert row.type in EVENT_TYPES
    # the CAMEO code is a real one of the manual's roots for this PLOVER type
    assert row.cameo_root in CAMEO_ROOTS
    expected = ROOT_EXCEPTIONS.get((row.type, row.mode))
    if expected is None:
        allowed = PLOVER_OF_CAMEO_ROOT[row.cameo_root]
        assert row.type in (allowed if isinstance(allowed, tuple) else (allowed,))
    else:
        assert row.cameo_root == expected
    # what the PLOVER record gets is in the manual's vocabularies
    modes = SCHEMA["properties"]["mode"]["items"]["enum"]
    contexts = SCHEMA["properties"]["context"]["items"]["enum"]
    assert row.plover_mode is None or row.plover_mode in modes
    assert set(row.plover_context) <= set(contexts)
    # a PLOVER mode is the kzevents mode itself; only kzevents' own modes become contexts
    if row.plover_mode is not None:
        assert row.plover_mode == row.mode
    elif row.mode is not None:
        assert row.plover_context, f"{_row_id(row)}: a mode PLOVER lacks is kept as a context"
    # ACLED: both or neither, from ACLED's own list
    assert (row.acled_event_type is None) == (row.acled_sub_event_type is None)
    if row.acled_event_type is not None:
        assert row.acled_sub_event_type in ACLED_TYPES[row.acled_event_type]
    if row.acled_actor1_inter is not None:  # crowds: protesters in protests, rioters in riots
        assert (row.acled_event_type, row.acled_actor1_inter) in (("Protests", 6), ("Riots", 5))
    # the row is what the lookup finds for it
    sector = row.recipient_sectors[0] if row.recipient_sectors else None
    assert event_row(row.type, row.mode, sector) is row


def test_every_type_has_a_row_for_any_mode_and_recipient():
    for type_ in EVENT_TYPES:
        bare = event_row(type_, None)
        assert bare.mode is None and bare.recipient_sectors is None
        assert event_row(type_, "a-mode-nobody-wrote").mode is None  # falls back to the type


def test_rows_are_unique_and_sector_rows_follow_their_general_row():
    keys = [(r.type, r.mode, tuple(r.recipient_sectors or ())) for r in EVENT_ROWS]
    assert len(keys) == len(set(keys))
    for row in EVENT_ROWS:
        if row.recipient_sectors:  # a general row of the same type and mode comes after it
            later = EVENT_ROWS[EVENT_ROWS.index(row) + 1:]
            assert any((r.type, r.mode, r.recipient_sectors) == (row.type, row.mode, None)
                       for r in later)


def test_recipient_sectors_decide_where_they_should():
    assert event_row("ASSAULT", "firearms", "CVL").acled_event_type == "Violence against civilians"
    assert event_row("ASSAULT", "firearms", "MIL").acled_sub_event_type == "Armed clash"
    assert event_row("ASSAULT", "firearms", None).acled_event_type is None  # unknown victims
    assert event_row("ASSAULT", None, "COP").acled_event_type is None


def test_plover_scores_are_the_manuals():
    assert event_row("PROTEST", "riot").plover_scale == -7
    assert event_row("AID").plover_scale == 10
    assert event_row("COERCE", "curfew").plover_scale == -6.5
    assert event_row("ASSAULT", "unconventional").plover_scale == -10
    assert all(QUAD[r.type] in (1, 2, 3, 4) for r in EVENT_ROWS)


@pytest.mark.parametrize("code", sorted(SECTOR_ROWS))
def test_sector_row(code):
    row = SECTOR_ROWS[code]
    sectors = SCHEMA["$defs"]["entity"]["properties"]["sector"]["enum"]
    assert row.plover_sector in sectors
    assert row.acled_inter is None or 1 <= row.acled_inter <= 8
    assert row.cameo_role == "" or (len(row.cameo_role) == 3 and row.cameo_role.isupper())
    if row.acled_actor:
        assert "{country}" in row.acled_actor
    assert sector_row(code) is row


def test_every_sector_of_the_gazetteers_and_count_nouns_has_a_row():
    import json

    used = set()
    for path in (TESTS.parent / "data" / "gazetteers").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("//"):
                sector = json.loads(line).get("sector")
                if sector:
                    used.add(sector)
    assert used and used <= set(SECTOR_ROWS), used - set(SECTOR_ROWS)


def test_state_sectors_are_acled_state_forces():
    assert {c for c, r in SECTOR_ROWS.items() if r.acled_inter == 1} == {
        "GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
    assert sector_row("REB").acled_inter == 2 and sector_row("CVL").acled_inter == 7
    assert sector_row("JRN").cameo_role == "MED"  # CAMEO's media code


def test_the_readme_documents_every_row():
    """data/formats/README.md lists each row with its CAMEO code and ACLED types."""
    readme = (TESTS.parent / "data" / "formats" / "README.md").read_text(encoding="utf-8")
    table = [line.split("|")[1:-1] for line in readme.splitlines() if line.startswith("| ")]
    documented = {tuple(cell.strip() for cell in cells) for cells in table}
    event_cells = {(c[0], c[1], c[4], c[6]) for c in documented if len(c) == 8}
    for row in EVENT_ROWS:
        assert (row.type, row.mode or "-", row.cameo, row.acled_event_type or "-") in event_cells
    assert len([c for c in documented if len(c) == 8]) - 1 == len(EVENT_ROWS)  # minus header
    sector_cells = {(c[0], c[3]) for c in documented if len(c) == 5}
    for code, row in SECTOR_ROWS.items():
        assert (code, str(row.acled_inter or "-")) in sector_cells
