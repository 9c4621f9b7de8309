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

# Heads of a place name made from another place ("région de Gao", "province d'Idlib",
# "oblast de Mangystau") -> (Entity kind, precision: 2 province, 3 district, 4 city, 5 below).
PLACE_HEADS: dict[str, tuple[str, int]] = {
    "région": ("region", 2), "province": ("region", 2), "oblast": ("region", 2),
    "état": ("region", 2), "gouvernorat": ("region", 2), "wilaya": ("region", 2),
    "kraï": ("region", 2), "préfecture": ("region", 2), "département": ("region", 2),
    "district": ("district", 3), "cercle": ("district", 3), "comté": ("district", 3),
    "territoire": ("district", 3), "commune": ("city", 4), "ville": ("city", 4),
    "village": ("village", 5), "localité": ("village", 5), "quartier": ("village", 5),
}

# Sites named after their town: a spaCy span "port de Kismayo" is cut to the town
# ("Kismayo"), the place the gazetteers can locate.
SITE_HEADS: frozenset[str] = frozenset({
    "port", "aeroport", "camp", "base", "barrage", "prison", "kibboutz", "poste-frontiere",
    "centrale", "universite", "hopital", "gare", "pont", "place", "musee", "palais"})

# Heads that name a settlement: their complement must be a town, not a region
# ("dernière grande ville du Darfour" is not a town called Darfour).
SETTLEMENT_KINDS: frozenset[str] = frozenset({"city", "village"})

# Words between a town and the region or country that places it ("Odessa, au Texas",
# "Brest (Finistère)", "Saint-Pétersbourg, en Floride").
LOCATING_WORDS: frozenset[str] = frozenset({
    ",", "(", "en", "au", "aux", "dans", "le", "la", "les", "l'", "l’", "du", "de", "d'", "d’"})

# A town outside the countries an article is about is kept only if it is a capital or
# at least this populous ("Moura" in an article on Mali is not Campo Mourão, Brazil).
FOREIGN_TOWN_MIN_POPULATION = 100_000

# Adjectives that may stand between an agent and its demonym ("gouvernement fédéral
# somalien", "police nationale congolaise", "armée régulière syrienne"). Folded.
AGENT_QUALIFIERS: frozenset[str] = frozenset({
    "federal", "federale", "federaux", "federales", "national", "nationale", "nationaux",
    "nationales", "regulier", "reguliere", "reguliers", "regulieres", "militaire",
    "militaires", "interimaire", "provisoire", "central", "centrale", "local", "locale",
    "locaux", "locales", "officiel", "officielle", "officiels", "officielles", "ancien",
    "ancienne", "anciens", "anciennes", "actuel", "actuelle", "nouveau", "nouvelle"})
