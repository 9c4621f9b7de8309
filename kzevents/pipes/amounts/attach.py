"""Which amounts of a sentence are arguments of an event (aid, sanctions, fines, ransoms)."""

from __future__ import annotations

from typing import Any

# Event types whose size is money: aid given, sanctions and fines.
MONEY_EVENT_TYPES: frozenset[str] = frozenset({"AID", "SANCTION"})
# (type, mode) pairs that take money too: the ransom of an abduction.
MONEY_EVENT_MODES: frozenset[tuple[str, str]] = frozenset({("ASSAULT", "abduct")})


def amounts_for_event(event: dict[str, Any], amounts: list[dict[str, Any]],
                      sentence_start: int, sentence_end: int) -> list[dict[str, Any]]:
    """The Amount dicts that are arguments of an event dict (``_extensions.EVENT_DICT``).

    The rule: an AID or SANCTION event (a fine is a SANCTION), or an abduction
    (ASSAULT mode ``abduct``, for its ransom), takes every amount of its
    sentence; other events take none.

    >>> aid = {"type": "AID", "mode": "military"}
    >>> money = [{"start": 20, "end": 43, "value": 8e8}, {"start": 70, "end": 75, "value": 5}]
    >>> [a["value"] for a in amounts_for_event(aid, money, 0, 60)]
    [800000000.0]
    >>> amounts_for_event({"type": "PROTEST", "mode": None}, [{"start": 5, "end": 9}], 0, 60)
    []
    """
    kind = (event.get("type"), event.get("mode"))
    if kind[0] not in MONEY_EVENT_TYPES and kind not in MONEY_EVENT_MODES:
        return []
    return [a for a in amounts if sentence_start <= a["start"] and a["end"] <= sentence_end]
