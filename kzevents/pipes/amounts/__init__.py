"""Amounts of money: "une aide de 800 millions de dollars", "une rançon de 5 M$".

``currencies`` builds the currency lexicon (babel's CLDR French names and
symbols plus data/lexicons/currencies.jsonl), ``patterns`` holds the rest of
the data, ``find`` reads amounts on plain text, ``factory`` is the spaCy
component ``kzevents_amounts``.
"""

from kzevents.pipes.amounts.factory import AmountsComponent, make_amounts

__all__ = ["AmountsComponent", "make_amounts"]
