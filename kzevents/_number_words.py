"""French number words, as pure data (read by ``kzevents.numbers``).

A linguist can add a word here without reading the parser. Every key is lower
case with its accents; the parser also accepts the unaccented spelling.
"""

from __future__ import annotations

# Units 1-9 (and 0): they combine with tens ("trente-deux") and hundreds ("deux cents").
UNITS: dict[str, int] = {
    "zéro": 0, "zero": 0,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9,
}

# 10-16: "dix" also starts 17-19 ("dix-sept"); all follow "soixante" and "quatre-vingt".
TEENS: dict[str, int] = {
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16,
}

# Tens. Belgian and Swiss French say septante, huitante (octante), nonante.
TENS: dict[str, int] = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}

HUNDRED: frozenset[str] = frozenset({"cent", "cents"})

# Multipliers above a hundred, in the order they may follow one another.
SCALES: dict[str, int] = {
    "mille": 1_000, "mil": 1_000,
    "million": 1_000_000, "millions": 1_000_000,
    "milliard": 1_000_000_000, "milliards": 1_000_000_000,
    # the long scale of French: a billion is a million millions, a trillion a million billions
    "billion": 10**12, "billions": 10**12, "billiard": 10**15, "billiards": 10**15,
    "trillion": 10**18, "trillions": 10**18, "trilliard": 10**21, "trilliards": 10**21,
}

# Ordinal stems that do not simply drop the "e" of the cardinal ("cinquième", "neuvième").
ORDINAL_STEMS: dict[str, str] = {"cinqu": "cinq", "neuv": "neuf", "un": "un"}
# Stand-alone ordinals that are not "-ième" forms.
FIRST: frozenset[str] = frozenset({"premier", "première", "premiers", "premières"})

# Approximate nouns: "une centaine", "des milliers", "une dizaine de milliers".
APPROX_NOUNS: dict[str, int] = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1_000, "million": 1_000_000, "milliard": 1_000_000_000,
}
# Determiners that make an approximate noun a quantity ("mis en quarantaine" is not one).
APPROX_SINGULAR: frozenset[str] = frozenset({"une", "un"})
APPROX_PLURAL: frozenset[str] = frozenset({"des", "plusieurs", "quelques", "de"})

# Suffixes of digits: "100K", "3M", "1,2G", "2 Md".
DIGIT_SUFFIXES: dict[str, int] = {
    "k": 1_000, "m": 1_000_000, "g": 1_000_000_000, "md": 1_000_000_000, "mds": 1_000_000_000,
}

# Words after which a lone "neuf" is a number ("le neuf février", "numéro neuf"),
# not the adjective "new" ("un logement neuf").
NEUF_NUMBER_AFTER: frozenset[str] = frozenset({
    "le", "la", "les", "l", "du", "au", "aux", "des", "de", "numéro", "n°", "à", "et", "ou",
    "sur", "par", "sont", "soit", "plus", "moins",
})
