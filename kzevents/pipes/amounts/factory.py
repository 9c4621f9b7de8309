"""The ``kzevents_amounts`` spaCy component: every amount of money on ``doc._.kz_amounts``.

>>> import spacy
>>> import kzevents.pipes  # registers the factories
>>> nlp = spacy.blank("fr")
>>> _ = nlp.add_pipe("kzevents_amounts")
>>> [(a["value"], a["currency"]) for a in nlp("Une amende de 2,5 milliards d'euros.")._.kz_amounts]
[(2500000000, 'EUR')]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kzevents._extensions import ensure_extensions
from kzevents.pipes.amounts.currencies import currency_lexicon
from kzevents.pipes.amounts.find import _Finder
from kzevents.pipes.doc_text import doc_text


class AmountsComponent:
    """Finds amounts of money (``find.py``) and drops the counts of ``kzevents_counts``
    that an amount covers (a currency it does not know, "200 millions de zlotys")."""

    def __init__(self, currencies: str | None = None) -> None:
        self.currencies = currencies
        self.lexicon = currency_lexicon(currencies)

    def __call__(self, doc: Doc) -> Doc:
        amounts = _Finder(doc_text(doc), self.lexicon).run()
        doc._.kz_amounts = amounts
        if doc._.kz_counts and amounts:  # money is no count: "200 millions de zlotys"
            doc._.kz_counts = [c for c in doc._.kz_counts if not any(
                a["start"] < c["end"] and c["start"] < a["end"] for a in amounts)]
        return doc


@Language.factory("kzevents_amounts", default_config={"currencies": None})
def make_amounts(nlp: Language, name: str, currencies: str | None) -> AmountsComponent:
    """Factory of ``kzevents_amounts``; add it after ``kzevents_counts`` (it reads the text).

    ``currencies`` names a JSONL file that replaces the package's
    data/lexicons/currencies.jsonl (same format).
    """
    ensure_extensions()
    return AmountsComponent(currencies)
