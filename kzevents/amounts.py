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

from kzevents.errors import InputTypeError
from kzevents.models import Amount
from kzevents.pipes.amounts.attach import amounts_for_event
from kzevents.pipes.amounts.find import find_amounts

__all__ = ["amounts_for_event", "parse_amount"]

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
