"""Pure data of the entity component: words that are not names, titles before names.

Edit these lists to change behaviour; the code is in ``factory.py``.
"""

# Capitalised common words spaCy tags as a person when they open a heading or a
# parenthesis ("(Rappel des faits)", "Photo : ..."). Compared lower-cased, accents kept.
NOT_NAMES: frozenset[str] = frozenset({
    "rappel", "photo", "photos", "vidéo", "video", "lire", "voir", "source", "sources",
    "crédit", "crédits", "légende", "mise", "màj", "édito", "éditorial", "analyse",
    "entretien", "tribune", "chronique", "dépêche", "communiqué", "selon", "panturquisme",
})

# Titles and articles dropped before looking a name up ("M. Pachinian", "le président Poutine").
LEADING_TITLES: tuple[str, ...] = (
    "m.", "mm.", "mme", "mmes", "mlle", "monsieur", "madame", "dr", "dr.", "général",
    "président", "présidente", "premier ministre", "ministre", "le", "la", "les", "l'", "l’",
)

# Country names that are also first names or common words: they link a span spaCy
# found but never create one ("Maurice Barrès", "la Dominique").
NEVER_SPOT: frozenset[str] = frozenset({
    "maurice", "dominique", "salvador", "jersey", "man", "christmas", "georgie", "guernesey",
    "grenade", "saint-martin", "sainte-lucie", "niue", "nauru", "tokelau", "turcs", "union",
})

# Prepositions that introduce the country of a government body ("du Kazakhstan").
COUNTRY_COMPLEMENTS: tuple[str, ...] = ("du", "de la", "de l'", "de l’", "des", "d'", "d’", "de")
