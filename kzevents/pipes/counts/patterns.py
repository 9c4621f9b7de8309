"""Pure data of the counts component: qualifiers and the false friends of counts.

Every phrase is lower case; matching folds accents and apostrophes, so
"jusqu'à" also matches "jusqu’à" and "jusqu a".
"""

from __future__ import annotations

from kzevents.pipes.dates.patterns import MONTHS, SEASONS, WEEKDAYS

# Phrases right before a number, and the qualifier they give it (longest first wins).
QUALIFIERS_BEFORE: dict[str, str] = {
    "plus de": "at_least", "plus d'": "at_least", "au moins": "at_least",
    "pas moins de": "at_least", "au minimum": "at_least", "plus d'une": "at_least",
    "plus d'un": "at_least", "davantage que": "at_least", "largement plus de": "at_least",
    "bien plus de": "at_least", "quelque": "approx", "environ": "approx", "près de": "approx",
    "pres d'": "approx", "près d'une": "approx", "près d'un": "approx", "autour de": "approx",
    "approximativement": "approx", "à peu près": "approx", "quasiment": "approx",
    "presque": "approx", "une estimation de": "approx",
    "moins de": "at_most", "moins d'": "at_most", "jusqu'à": "at_most", "au plus": "at_most",
    "au maximum": "at_most", "pas plus de": "at_most", "tout au plus": "at_most",
}
# Words right after a number that qualify it: "200 personnes au moins", "300 environ".
QUALIFIERS_AFTER: dict[str, str] = {
    "au moins": "at_least", "environ": "approx", "au plus": "at_most", "au maximum": "at_most",
}
# "entre 10 et 20", "de 10 à 20": the first word before the low number, the word between.
RANGES: tuple[tuple[str, str], ...] = (("entre", "et"), ("de", "à"), ("d'", "à"))

# Words after a number that make it a measure, an amount, a duration or a date.
UNITS_AFTER: frozenset[str] = frozenset({
    # percentages and money
    "%", "pour cent", "pourcent", "€", "$", "euros", "euro", "dollars", "dollar", "tenges",
    "tenge", "roubles", "rouble", "francs", "livres", "usd", "eur", "rub", "yuans", "dinars",
    # measures
    "m", "km", "mètres", "mètre", "kilomètres", "kilomètre", "kg", "kilos", "tonnes", "tonne",
    "litres", "litre", "hectares", "degrés", "°", "°c", "cm", "mm", "barils", "km²", "m²",
    "kilogrammes", "milles", "mégawatts", "mw",
    # durations and ages
    "ans", "an", "années", "année", "mois", "semaines", "semaine", "jours", "jour", "heures",
    "heure", "h", "minutes", "minute", "secondes", "siècles", "siècle",
    # dates
    *MONTHS, "heures du matin",
    # scores and votes
    "à 0", "voix", "points", "buts", "sièges",
})
# Scales written between the number and a currency: "3 millions de dollars".
SCALE_WORDS: tuple[str, ...] = ("millions de", "milliards de", "mille", "millions d'",
                                "milliards d'")

# Words right before a number that make it a name, a reference, a date or an age.
REFERENCES_BEFORE: frozenset[str] = frozenset({
    "résolution", "résolutions", "numéro", "n°", "no", "article", "articles", "page", "pages",
    "chapitre", "loi", "décret", "vol", "route", "rue", "avenue", "boulevard", "salle",
    "section", "alinéa", "paragraphe", "point", "kilomètre", "km", "l'an", *SEASONS, *MONTHS,
    *WEEKDAYS, "année", "années", "score", "mi", "âgé", "âgée", "âgés", "âgées", "âge",
    "jusqu'en", "₸", "$", "€", "£", "tour", "phase", "acte", "groupe", "niveau", "catégorie",
    "classe", "numéros", "lot", "vague",
})

# Years written in digits: a four-digit number in this range without a thousands
# separator is a year unless a group noun follows it ("2000 manifestants").
YEAR_RANGE: tuple[int, int] = (1800, 2100)

# Counted nouns that say "participants" when nothing else in the clause gives a category:
# "5 000 manifestants dans les rues" (but "5 000 manifestants ont été arrêtés" is arrested).
PARTICIPANT_NOUNS: frozenset[str] = frozenset({
    "manifestants", "manifestantes", "protestataires", "grévistes", "marcheurs", "participants",
})
