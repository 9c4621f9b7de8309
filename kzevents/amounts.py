"""Money: ``parse_amount`` (one phrase, no model) and ``amounts_for_event``.

>>> a = parse_amount("2,5 milliards d'euros")
>>> a.value, a.currency, a.qualifier
(2500000000, 'EUR', 'exact')
>>> parse_amount("plus de 10 millions de roubles").qualifier
'at_least'
>>> parse_amount("300 manifestants") is None
True
"""

from __future__ import annotations

from typing import Any

from kzevents.errors import InputTypeError
from kzevents.models import Amount
from kzevents.pipes.amounts.find import find_amounts

# Event types whose size is money: aid given, sanctions and fines.
MONEY_EVENT_TYPES: frozenset[str] = frozenset({"AID", "SANCTION"})
# (type, mode) pairs that take money too: the ransom of an abduction.
MONEY_EVENT_MODES: frozenset[tuple[str, str]] = frozenset({("ASSAULT", "abduct")})


def parse_amount(text: str) -> Amount | None:
    """The ``Amount`` of one French money phrase, or None when it is not one.

    The whole text must be the amount (surrounding spaces and a final full
    stop aside): "800 millions de dollars", "1,2 Md€", "5 M$", "300 000 francs
    CFA", "huit euros et dix centimes", "$5 millions", "entre 2 et 3 milliards
    de dollars". A number with no currency is no amount ("50 millions"), except
    after a money noun ("une amende de 300 000", currency None).

    >>> parse_amount("huit euros et dix centimes").value
    8.1
    """
    if not isinstance(text, str):
        raise InputTypeError(f"parse_amount takes a str, not {type(text).__name__}: pass the "
                             "text of the amount, e.g. parse_amount('5 M$')")
    stripped = text.strip().rstrip(".").rstrip()
    lead = len(text) - len(text.lstrip())
    found = [a for a in find_amounts(text) if a["end"] == lead + len(stripped) and (
        not text[lead:a["start"]].strip() or _money_noun_head(text[lead:a["start"]]))]
    if len(found) != 1:
        return None
    a = found[0]
    return Amount(text=text[a["start"]:a["end"]], **a)


def _money_noun_head(head: str) -> bool:
    """Whether what comes before the amount is only its money noun ("une amende de")."""
    return bool(head.strip()) and len(head.split()) <= 4 and head.rstrip().endswith(("de", "d'",
                                                                                      "d’"))


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
