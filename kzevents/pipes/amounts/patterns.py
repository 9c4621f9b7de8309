"""Pure data of the amounts finder: scales, cents, money nouns.

Currency names and symbols are not here: they come from babel's CLDR data and
data/lexicons/currencies.jsonl (``currencies.py``). Qualifiers ("plus de",
"environ", "entre ... et") are those of counts (``kzevents.pipes.counts.patterns``).
Phrases are lower case without accents (matching folds the text the same way).
"""

from __future__ import annotations

# Scale letters written between a number and a symbol: "5 M$", "1,2 Md€", "300 k€".
# Matched with their case ("M" is a million, "m" a metre).
SCALE_LETTERS: dict[str, int] = {
    "k": 1_000, "K": 1_000, "M": 1_000_000, "Mio": 1_000_000, "Md": 1_000_000_000,
    "Mds": 1_000_000_000, "Mrd": 1_000_000_000, "Mrds": 1_000_000_000, "md": 1_000_000_000,
    "mds": 1_000_000_000, "mrd": 1_000_000_000, "mrds": 1_000_000_000, "G": 1_000_000_000,
}
# Scales of South Asia, between a number and its currency: "10 000 crores de roupies".
SCALE_NAMES: dict[str, int] = {"crore": 10**7, "crores": 10**7, "lakh": 10**5, "lakhs": 10**5}
# Scale words a number may end with ("800 millions"): their value, to scale the low end
# of a range ("entre 2 et 3 milliards": 2 milliards).
SCALE_WORDS: dict[str, int] = {
    "mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000,
    "milliards": 1_000_000_000, "billion": 10**12, "billions": 10**12,
}

# Hundredths of a currency: "huit euros et dix centimes", "26 cents".
CENTS: tuple[str, ...] = ("centimes", "centime", "cents", "cent")
# "centimes d'euro", "cents de dollar": the currency of cents alone.
CENTS_OF: tuple[str, ...] = ("d'euro", "d'euros", "de dollar", "de dollars", "de franc",
                             "de francs")

# Nouns of money: "une amende de 300 000", "une enveloppe d'environ 50 millions". A number
# with no currency after "NOUN [adjective] de" is an amount when nothing but punctuation
# or one of FOLLOWERS_OK comes after it; its currency is that of the last amount before
# it in the text that has one, else unknown (None).
MONEY_NOUNS: tuple[str, ...] = (
    "amende", "amendes", "rancon", "enveloppe", "budget", "aide", "aides", "pret", "prets",
    "don", "dons", "somme", "sommes", "montant", "cout", "dette", "dettes", "subvention",
    "subventions", "indemnisation", "indemnisations", "indemnite", "indemnites",
    "dommages et interets", "dommages-interets", "caution", "investissement",
    "investissements", "financement", "financements", "credit", "credits", "tranche",
    "rallonge", "programme d'aide", "plan d'aide", "paquet", "pot-de-vin", "pots-de-vin",
    "salaire", "prime", "facture", "recompense", "prime", "rancons", "rachat",
)
# Words that make a bare number a part of the amount before it, in the same sentence:
# "800 millions de dollars, dont 300 millions pour l'armement".
PART_OF: tuple[str, ...] = ("dont", "soit", "y compris", "notamment")
FOLLOWERS_OK: tuple[str, ...] = (
    "pour", "a", "au", "aux", "en", "dont", "et", "ou", "qui", "que", "a ete", "ont", "sera",
    "seront", "serait", "avait", "afin", "sur", "par", "contre", "selon", "destinee",
    "destine", "destines", "destinees", "versee", "verse", "versees", "allouee", "alloue",
    "debloquee", "debloque", "accordee", "accorde", "prevue", "prevu", "supplementaire",
    "supplementaires", "annuelle", "annuel", "environ", "au moins", "d'ici", "cette",
    "l'an", "par an", "sous", "entre", "avant", "apres", "lors", "symbolique", "de", "d'",
    "par", "chacun", "chacune", "net", "nets", "brut", "bruts", "le", "la", "les", "l'",
    "ce", "hier", "aujourd'hui", "demain", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche",
)

# "un milliard et demi": half the scale more.
HALF: tuple[str, ...] = ("et demi", "et demie")

# Words before "de X à Y" that make it a change, two amounts, not a range: "le prix est
# passé de 60 à 120 tenges", "relevée de 40 000 à 60 000 tenges". Stems, folded.
CHANGE_STEMS: tuple[str, ...] = (
    "pass", "grimp", "bondi", "augment", "mont", "baiss", "chut", "recul", "relev", "redui",
    "hauss", "port", "ramen", "double", "tripl", "envol", "evolu", "glisse", "tomb",
)

# Endings that make a country adjective of a CLDR country name or of that name less its
# final vowel: "pakistan-ais", "argentin(e)", "keny(a)-ans", "ghan(a)-éen", "syri(e)-en".
# Such an adjective names the country for currency words that several countries share.
DEMONYM_ENDINGS: tuple[str, ...] = (
    "", "e", "es", "s", "ien", "ienne", "iens", "iennes", "en", "enne", "ens", "ennes", "een",
    "eenne", "eens", "eennes", "ais", "aise", "aises", "ain", "aine", "ains", "aines", "an",
    "ane", "ans", "anes", "ois", "oise", "oises", "in", "ine", "ins", "ines", "ote", "otes",
    "ite", "ites", "i", "is",
)

# ISO 4217 codes of current currencies are read after or before a number, with their case
# ("5 millions SEK"), except those that are also words or other abbreviations.
CODES_NOT_READ: frozenset[str] = frozenset({
    "ALL", "TOP", "CUP", "SOS", "PEN", "BAM", "MOP", "GEL", "BOB", "ERN", "NIO", "PAB",
    "LAK", "MAD", "CVE", "FOK", "GGP", "IMP", "JEP", "TVD", "KID",
})
