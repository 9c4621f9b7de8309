"""French date patterns, as data: atomic pieces composed into bigger patterns.

A linguist adds a month spelling, a weekday or a relative word here without
reading the resolver (``kzevents.pipes.dates.resolve``). Every composed pattern
is a verbose, case-insensitive regex whose named groups the resolver reads;
a group suffix (``d1``, ``d2``) tells the two ends of a range apart.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- atomic words

APOS = "['’]"

MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
# Abbreviations are only read after a day number ("14 sept. 2014"): alone,
# "sept" is a number ("sept soldats").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv": 1, "jan": 1, "févr": 2, "fév": 2, "fevr": 2, "fev": 2, "avr": 4, "juil": 7,
    "sept": 9, "sep": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
# With their full stop, and only before a day ("lun. 5 janv.") or as a whole
# span: alone in running text "mar." may be March and "sam." a name.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "lun.": 0, "mar.": 1, "mer.": 2, "jeu.": 3, "ven.": 4, "sam.": 5, "dim.": 6,
}

# Seasons, astronomical: name -> ((month, day) of the first day, (month, day) of
# the last). Winter starts in December and ends in the next year's March.
SEASONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "printemps": ((3, 20), (6, 20)), "été": ((6, 21), (9, 22)), "ete": ((6, 21), (9, 22)),
    "automne": ((9, 23), (12, 20)), "hiver": ((12, 21), (3, 19)),
}

# Day numbers written as words ("le premier mars", "du treize au 15 juillet").
_UNITS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_TEENS = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept",
          "dix-huit", "dix-neuf"]
NUMBER_WORDS: dict[str, int] = {
    "premier": 1, "une": 1,
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    "vingt": 20, "vingt et un": 21, "vingt-et-un": 21, "trente": 30, "trente et un": 31,
    "trente-et-un": 31, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
    **{f"vingt-{w}": 21 + i for i, w in enumerate(_UNITS) if i > 0},
}

# "il y a cinq jours", "dans deux semaines": unit -> grain of the offset.
UNITS: dict[str, str] = {
    "jour": "day", "jours": "day", "journée": "day", "journées": "day",
    "semaine": "week", "semaines": "week", "mois": "month", "an": "year", "ans": "year",
    "année": "year", "années": "year", "annee": "year", "annees": "year",
}

# Round quantities: "il y a une dizaine de jours", "une quinzaine d'années plus tard".
APPROXIMATE_QUANTITIES: dict[str, int] = {
    f"une {word} {de}": n
    for word, n in (("dizaine", 10), ("douzaine", 12), ("quinzaine", 15), ("vingtaine", 20),
                    ("trentaine", 30))
    for de in ("de", "d'")
}

# Deictic days, relative to the publication date.
DEICTIC_DAYS: dict[str, int] = {
    "aujourd'hui": 0, "ce jour": 0, "hier": -1, "avant-hier": -2,
    "demain": 1, "après-demain": 2, "dans la journée": 0,
    # the present: what holds at publication ("les écoles sont actuellement fermées")
    "actuellement": 0, "en ce moment": 0, "à l'heure actuelle": 0, "à l'heure qu'il est": 0,
}
# Deictic words that also give the part of the day.
DEICTIC_PARTS: dict[str, tuple[int, str]] = {
    "ce matin": (0, "matin"), "ce midi": (0, "midi"), "cet après-midi": (0, "après-midi"),
    "ce soir": (0, "soir"), "cette nuit": (0, "nuit"), "cette matinée": (0, "matin"),
    "cette soirée": (0, "soir"), "la nuit dernière": (-1, "nuit"), "la nuit passée": (-1, "nuit"),
}
# Anaphoric days, relative to the last date resolved in the text.
ANAPHORIC_DAYS: dict[str, int] = {
    "la veille": -1, "l'avant-veille": -2, "le lendemain": 1, "le surlendemain": 2,
    "le jour d'avant": -1, "le jour précédent": -1, "le jour d'après": 1,
    "le jour suivant": 1, "jour suivant": 1, "ce jour-là": 0, "le jour même": 0,
    "le même jour": 0,
}

# Fixed-date holidays: name -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "noël": (12, 25), "noel": (12, 25), "jour de noël": (12, 25), "jour de noel": (12, 25),
    "jour de l'an": (1, 1), "nouvel an": (1, 1), "la toussaint": (11, 1), "toussaint": (11, 1),
    "le jour de la toussaint": (11, 1), "la journée de la toussaint": (11, 1),
    "fête du travail": (5, 1), "la fête du travail": (5, 1), "la saint-sylvestre": (12, 31),
    "le jour des morts": (11, 2), "jour des morts": (11, 2), "la fête nationale": (7, 14),
    "le 14-juillet": (7, 14), "14-juillet": (7, 14), "la saint-valentin": (2, 14),
    "la saint-jean": (6, 24),
}

# Part of the day: what the text says -> the value of ``part_of_day``.
PARTS_OF_DAY: dict[str, str] = {
    "matin": "matin", "matinée": "matin", "midi": "midi", "après-midi": "après-midi",
    "soir": "soir", "soirée": "soir", "nuit": "nuit", "journée": "journée",
    "fin de journée": "soir", "fin de soirée": "soir", "début de soirée": "soir",
    "fin de matinée": "matin", "début de matinée": "matin", "fin d'après-midi": "après-midi",
    "début d'après-midi": "après-midi", "minuit": "nuit",
}

# début / mi / fin: the share of the period (from, to), as fractions of it.
PERIOD_PARTS: dict[str, str] = {"début": "begin", "mi": "mid", "milieu": "mid", "fin": "end"}

# Words after a weekday or a period: direction (-1 past, +1 future, 0 this one).
DIRECTIONS: dict[str, int] = {
    "dernier": -1, "dernière": -1, "derniers": -1, "dernières": -1, "passé": -1,
    "passée": -1, "passés": -1, "passées": -1, "précédent": -1, "précédente": -1,
    "prochain": 1, "prochaine": 1, "prochains": 1, "prochaines": 1, "suivant": 1,
    "suivante": 1, "suivants": 1, "suivantes": 1, "d'après": 1, "qui suit": 1,
    "-ci": 0, "en cours": 0, "derniere": -1, "dernieres": -1, "passee": -1, "passees": -1,
    "precedent": -1, "precedente": -1,
}

# Words that make a four-digit number a year ("en 2023", "depuis 2014").
YEAR_PREPOSITIONS = (
    "en", "depuis", "dès", "de", "d'ici", "d'ici à", "jusqu'en", "avant", "après", "courant",
    "l'an", "l'année", "année", "années", "à partir de", "au printemps", "à l'automne", "à l'été",
    "en été", "en hiver", "au cours de", "bilan", "budget", "printemps", "automne", "été", "hiver",
)
# A number followed by a plural noun is a count, not a year ("de 2000 manifestants").
YEAR_FOLLOWERS_OK = (
    "les", "des", "aux", "dans", "sous", "depuis", "après", "puis", "sans", "alors", "lors",
    "plus", "moins", "très", "mais", "pas", "jusqu'alors",
)
COUNT_BEFORE = ("plus de", "moins de", "près de", "environ", "quelque", "quelques", "au moins")

# ---------------------------------------------------------------- regex pieces


def _alt(words: object) -> str:
    """Alternation of words, longest first, apostrophes matching ' and ’."""
    ordered = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(w.replace("'", APOS).replace(" ", r"\s+").replace(".", r"\.")
                    for w in ordered)


MONTH = f"(?:{_alt(MONTHS)})"
MONTH_ANY = f"(?:{_alt(MONTHS)}|(?:{_alt(MONTH_ABBREVIATIONS)})\\.?)"
WEEKDAY = f"(?:{_alt(WEEKDAYS)})"
WEEKDAY_ANY = f"(?:{_alt(WEEKDAYS)}|{_alt(WEEKDAY_ABBREVIATIONS)})"
# Before a day number the full stop of an abbreviation may be missing: "Mar 10 Jan",
# "dim 7/12/2014".
_WEEKDAY_STEMS = _alt(w.rstrip(".") for w in WEEKDAY_ABBREVIATIONS)
WEEKDAY_BEFORE_DAY = f"(?:{_alt(WEEKDAYS)}|(?:{_WEEKDAY_STEMS})\\.?)(?:\\s*,)?"
DAY_WORD = f"(?:{_alt(k for k, v in NUMBER_WORDS.items() if v <= 31 and k != 'une')})"
DAY_NUM = r"(?:1er|1re|3[01]|[12]\d|0?[1-9])(?:e|er|ème|eme)?"
DAY = f"(?:{DAY_NUM}|{DAY_WORD})"
YEAR = r"(?:1[89]\d\d|20\d\d)"
SHORT_YEAR = r"(?:'?\d\d)"
QUANTITY = f"(?:\\d{{1,3}}|{_alt(NUMBER_WORDS)}|quelques|{_alt(APPROXIMATE_QUANTITIES)})"
# Between a quantity and its unit: a space, or nothing after "d'" ("une dizaine d'années").
QTY_SEP = r"(?:\s+|(?<=['’]))"
UNIT = f"(?:{_alt(UNITS)})"
PART_OF_DAY = f"(?:{_alt(PARTS_OF_DAY)})"
END = r"(?![\w-])"


def g(name: str, piece: str) -> str:
    """A named group around a piece."""
    return f"(?P<{name}>{piece})"


# A date with day and month: "vendredi 7 janvier", "le 1er mai 2023", "14 sept. 2014".
_YEAR_TAIL = (f"(?:\\s+{g('y', YEAR)}{END}|\\s+{g('yy', SHORT_YEAR)}"
              r"(?!\s*(?:%|\d|[:hH]|[a-zàâéèêîôûç]{3,})))")
DAY_MONTH = (
    f"(?:(?:le|ce|du|au)\\s+)?(?:{g('wd', WEEKDAY_BEFORE_DAY)}\\s+)?{g('d', DAY)}\\s+"
    f"(?:du\\s+mois\\s+(?:de\\s+|d{APOS}))?{g('m', MONTH_ANY)}{END}"
    f"(?:{_YEAR_TAIL}|\\s+{g('dir', 'derniers?|dernières?|passée?|prochaine?')}{END})?"
)

# A range of days: "du 2 au 5 janvier", "les 3 et 4 janvier", "13-15 juillet",
# "entre le 10 juin et le 1er juillet".
_END1 = (f"(?:(?:{g('wd1', WEEKDAY)})\\s+)?{g('d1', DAY)}"
         f"(?:\\s+{g('m1', MONTH_ANY)}{END}(?:\\s+{g('y1', YEAR)})?)?")
_END2 = (f"(?:(?:{g('wd2', WEEKDAY)})\\s+)?{g('d2', DAY)}\\s+{g('m2', MONTH_ANY)}{END}"
         f"(?:\\s+{g('y2', YEAR)}{END})?")
_RANGE_PRE = r"du|des|entre\s+le|entre\s+les|les"
_RANGE_CONN = f"au|à|-|–|jusqu{APOS}au|et\\s+le|et"
DAY_RANGE = f"(?:{g('pre', _RANGE_PRE)}\\s+)?{_END1}\\s*{g('conn', _RANGE_CONN)}\\s*{_END2}"
# "du 13 au 18" with no month: the month of the publication.
DAY_RANGE_NO_MONTH = (
    f"(?:du|entre\\s+le)\\s+{g('d1', DAY)}\\s+(?:au|et\\s+le)\\s+{g('d2', DAY)}"
    r"(?!\s*(?:%|\d|[a-zàâéèêîôûç]))"
)
# "de mardi à jeudi", "nuit de samedi à dimanche".
WEEKDAY_RANGE = f"(?:du|de)\\s+{g('wd1', WEEKDAY)}\\s+(?:au|à)\\s+{g('wd2', WEEKDAY)}{END}"

# "le 16" with no month, when nothing but punctuation or a small word follows:
# the month of the last date in the text, else of the publication.
DAY_ALONE = (f"(?:le|du|au|ce)\\s+{g('d', DAY_NUM)}"
             r"(?=\s*(?:[,;:)]|\.(?!\d)|$)|\s+(?:au|et|à|vers|dans|où|quand)\s+(?!\d)"
             r"|\s+(?:à|vers)\s+\d{1,2}\s*h\b)")

# Numeric dates: "11/01/2022", "2022-01-11", "le 17/02", "dimanche 7/12/2014".
_NUMERIC_PRE = f"(?:(?:le|du|au)\\s+)?(?:{g('wd', WEEKDAY_BEFORE_DAY)}\\s+)?"
NUMERIC_FULL = (r"(?<![\d/.,-])" + _NUMERIC_PRE + g("d", r"[0-3]?\d") + r"(?P<sep>[/.])"
                + g("m", r"[01]?\d")
                + r"(?P=sep)" + g("y", r"\d{4}|\d{2}") + r"(?![\d/]|[.,]\d|\s*%)")
NUMERIC_DASHED = (r"(?<![\d/.,-])" + _NUMERIC_PRE + g("d", r"[0-3]?\d") + "-"
                  + g("m", r"[01]?\d") + "-" + g("y", r"(?:19|20)\d\d") + r"(?![\d-])")
NUMERIC_ISO = (r"(?<![\d/.-])" + g("y", YEAR) + "-" + g("m", r"[01]?\d") + "-"
               + g("d", r"[0-3]?\d") + r"(?![\d-])")
NUMERIC_SHORT = (f"(?:(?:le|du|au)\\s+(?:{g('wd', WEEKDAY_BEFORE_DAY)}\\s+)?"
                 f"|{g('wd0', WEEKDAY_BEFORE_DAY)}\\s+)"
                 + g("d", r"[0-3]?\d") + "/" + g("m", r"[01]?\d") + r"(?![\d/])")
# Only as a whole span (parse_date): "17 02 2014", "le 17/2".
NUMERIC_SPACED = (r"(?:le\s+)?" + g("d", r"[0-3]?\d") + r"(?:\s+|/)" + g("m", r"[01]?\d")
                  + r"(?:\s+" + g("y", r"\d{4}|\d{2}") + ")?")

# A month with context: "en juillet 2016", "depuis mars", "septembre dernier",
# "au mois de mai", "décembre 2001".
_MONTH_PREPS = (f"en|depuis|dès|de|d{APOS}|jusqu{APOS}en|courant|avant|après|entre|"
                f"(?:au|le|du)\\s+mois\\s+(?:de|d{APOS})")
MONTH_PHRASE = (
    f"(?:{g('prep', _MONTH_PREPS)}\\s*)?"
    f"{g('m', MONTH)}{END}"
    f"(?:\\s+{g('y', YEAR)}{END}|\\s+{g('dir', 'derniers?|passé|prochain')}{END})?"
)

# "mars-avril", "de mai à juillet 2021".
MONTH_RANGE = (f"(?:(?:de|entre)\\s+)?{g('m1', MONTH)}\\s*(?:-|–|\\s(?:à|au)\\s)\\s*"
               f"{g('m2', MONTH)}{END}(?:\\s+{g('y', YEAR)}{END})?")

# "début janvier", "mi-février", "fin 2021", "à la fin de l'année", "en fin de mois".
_PERIOD_UNITS = f"l{APOS}année|l{APOS}an|la\\s+semaine|semaine|mois|année"
_PART_TARGET = (
    f"(?:{g('m', MONTH)}{END}(?:\\s+{g('y', YEAR)}{END})?|{g('y2', YEAR)}{END}"
    f"|{g('unit', _PERIOD_UNITS)}{END}"
    f"(?:\\s+{g('dir', _alt(DIRECTIONS))}{END})?)"
)
PERIOD_PART = (
    f"(?:(?:au|en\\s+ce|en\\s+cette|en|à\\s+la|vers\\s+la|dès\\s+le|dès\\s+la|la|le|ce|cette|"
    f"jusqu{APOS}à\\s+la)\\s+)?"
    f"{g('part', 'début|milieu|mi|fin')}(?:-|\\s+)"
    f"(?:du\\s+mois\\s+(?:de\\s+|d{APOS})|de\\s+|d{APOS}|du\\s+)?{_PART_TARGET}"
)

# A year with a word that makes it one: "en 2023", "depuis 2014", "l'an 2000".
YEAR_PHRASE = f"{g('prep', _alt(YEAR_PREPOSITIONS))}\\s+{g('y', YEAR)}{END}"
# "entre 1990 et 1999", "de 2015 à 2020".
YEAR_RANGE = (f"(?:(?:entre|de)\\s+{g('y1', YEAR)}\\s+(?:et|à)\\s+{g('y2', YEAR)}"
              f"|(?<![\\d-]){g('y1b', YEAR)}\\s*[-–]\\s*{g('y2b', YEAR)}){END}")

# "le premier mercredi du mois prochain", "la dernière semaine de septembre 2014",
# "le 3e jour d'octobre", "la première quinzaine d'avril".
ORDINALS: dict[str, int] = {
    "premier": 1, "première": 1, "premiere": 1, "1er": 1, "1re": 1, "1ère": 1,
    "deuxième": 2, "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2ème": 2, "2eme": 2,
    "troisième": 3, "troisieme": 3, "3e": 3, "3ème": 3, "3eme": 3,
    "quatrième": 4, "quatrieme": 4, "4e": 4, "4ème": 4, "4eme": 4,
    "dernier": -1, "dernière": -1, "derniere": -1,
}
_ORDINAL = f"(?:{_alt(ORDINALS)})"
_ORDINAL_UNIT = f"jour|semaine|quinzaine|{WEEKDAY}"
_MONTH_TARGET = (f"(?:(?:du\\s+|de\\s+)?mois\\s+{g('mdir', 'prochain|dernier|suivant|précédent')}"
                 f"|(?:du\\s+mois\\s+)?(?:de\\s+|d{APOS})?{g('m', MONTH)}{END}"
                 f"(?:\\s+{g('y', YEAR)}{END})?)")
ORDINAL_IN = (f"(?:(?:le|la|les)\\s+)?{g('ord', _ORDINAL)}\\s+{g('what', _ORDINAL_UNIT)}"
              f"\\s+(?:de\\s+|du\\s+|d{APOS})?{_MONTH_TARGET}")
# A decade: "les années 1990", "les années 90" (1990-1999), "les années 2000".
_DECADE_DIGITS = r"(?:19|20)\d0|[2-9]0"
DECADE = (f"(?:(?:les|des|aux)\\s+)?années\\s+{g('dec', _DECADE_DIGITS)}"
          r"(?![\w-]|\s*(?:%|\d))")
# A year heading a line of a chronology or a caption: "1991 : indépendance",
# "2022 – les émeutes", a line that is just "1950." (not "2000 manifestants").
YEAR_HEADING = (r"(?:(?<=\n)|(?<![\s\S]))" + g("y", YEAR)
                + r"(?=[ \t]*(?:[:–—-][ \t]|\.?[ \t]*(?:\n|$)))")
# A year of an era, where history is cited: "en 52 av. J.-C.", "le 15 mars 44 avant
# Jésus-Christ", "vers 476 apr. J.-C.". Before the common era the TimeRef has an ISO 8601
# astronomical year as value (1 av. J.-C. is "0000", 52 av. J.-C. "-0051") and no
# earliest/latest (Python dates start in year 1).
ERAS_BEFORE = (r"av(?:\.|ant)\s*J\.?\s*-?\s*C\.?|avant\s+Jésus-Christ|av(?:\.|ant)\s+notre\s+ère"
               r"|av\.\s*n\.\s*è\.?|AEC")
ERAS_AFTER = r"apr(?:\.|ès)\s*J\.?\s*-?\s*C\.?|après\s+Jésus-Christ|de\s+notre\s+ère"
ERA_YEAR_DIGITS = r"[1-9]\d{0,3}"
ERA_YEAR = (
    f"(?:(?:en|vers|dès|depuis|l{APOS}an|jusqu{APOS}en|avant|après)\\s+)?"
    f"(?:(?:le\\s+)?{g('d', DAY)}\\s+{g('m', MONTH_ANY)}\\s+|{g('m2', MONTH)}\\s+)?"
    f"{g('y', ERA_YEAR_DIGITS)}\\s+(?:{g('bce', ERAS_BEFORE)}|{g('ce', ERAS_AFTER)})"
    r"(?!\w)"
)
# Only as a whole span (parse_date): "2023".
YEAR_ALONE = g("y", YEAR)
# Only as a whole span: a month alone, "mars".
MONTH_ALONE = g("m", MONTH)

# A weekday with what situates it: "mercredi", "vendredi dernier", "ce lundi",
# "mardi de la semaine prochaine", "lundi en huit"; never "mardi gras".
WEEKDAY_PHRASE = (
    f"(?:{g('ce', 'ce|le')}\\s+)?{g('wd', WEEKDAY)}{END}(?!\\s+gras)"
    f"(?:\\s+{g('dir', _alt(k for k in DIRECTIONS if k not in ('-ci', 'en cours')))}{END}"
    f"|\\s+en\\s+{g('plus', 'huit|8|quinze|15')}{END}"
    f"|\\s+(?:de\\s+)?(?:la|cette)\\s+semaine(?:\\s+{g('wdir', _alt(DIRECTIONS))})?{END})?"
)
# "mercredi 13": a weekday and a day, no month.
WEEKDAY_DAY = (f"(?:(?:le|ce)\\s+)?{g('wd', WEEKDAY)}\\s+{g('d', DAY_NUM)}"
               r"(?!\s*(?:h\b|heures?|%|\d|[/.,]\d))")

# Only as a whole span (parse_date): "lun.", "ven.".
WEEKDAY_ABBREVIATED = g("wd", _alt(WEEKDAY_ABBREVIATIONS))

# "cet été", "l'hiver dernier", "au printemps 2021", "à l'automne prochain";
# never "été" without its article ("a été tué"), nor "le printemps arabe".
_SEASON_DETS = f"cet|ce|l{APOS}|au|en|du|à\\s+l{APOS}"
_SEASON_NAMES = r"(?!\s+(?:arabes?|des\s+peuples|de\s+prague|de\s+pékin|érable))"
SEASON = (f"{g('det', _SEASON_DETS)}\\s*{g('season', _alt(SEASONS))}{END}{_SEASON_NAMES}"
          f"(?:\\s+{g('y', YEAR)}{END}|\\s+{g('dir', 'derniers?|dernières?|passée?|prochaine?')}"
          f"{END})?")
# "la nouvelle année": the year that starts nearest the publication.
NEW_YEAR = f"(?:la|cette)\\s+nouvelle\\s+année{END}"

# "ce week-end", "le week-end dernier", "le week-end du 8 janvier" (that one via PREFIX).
WEEKEND = (f"(?:(?:ce|le|du|au)\\s+week-?end|cette\\s+fin\\s+de\\s+semaine){END}"
           f"(?:\\s+{g('dir', 'dernier|passé|prochain|suivant|précédent')}{END})?")
DEICTIC = f"{g('w', _alt(list(DEICTIC_DAYS) + list(DEICTIC_PARTS)))}{END}"
ANAPHORIC = f"{g('w', _alt(ANAPHORIC_DAYS))}{END}"
HOLIDAY = f"{g('w', _alt(HOLIDAYS))}{END}"

# "il y a cinq jours", "dans deux semaines", "trois jours plus tard".
AGO = f"il\\s+y\\s+a\\s+{g('n', QUANTITY)}{QTY_SEP}{g('unit', UNIT)}{END}"
IN = f"dans\\s+{g('n', QUANTITY)}{QTY_SEP}{g('unit', UNIT)}{END}(?!\\s+d(?:e\\s|{APOS}))"
# "après"/"avant" only when nothing follows ("deux jours après la fin" is another anchor).
_LATER_WORDS = (r"plus\s+tard|plus\s+tôt|auparavant|(?:après|avant)(?=\s*(?:[,.;:!?)]|$))")
LATER = (f"{g('n', QUANTITY)}{QTY_SEP}{g('unit', UNIT)}\\s+"
         f"{g('dir', _LATER_WORDS)}{END}")
# "les trois derniers jours", "3 prochaines semaines", "2 années passées".
LAST_N = (f"(?:(?:les|ces)\\s+)?{g('n', QUANTITY)}\\s+(?:{g('dir', _alt(DIRECTIONS))}\\s+)?"
          f"{g('unit', UNIT)}(?:\\s+{g('dir2', _alt(DIRECTIONS))})?{END}")
# "la semaine dernière", "cette année", "l'an dernier", "le mois prochain", "dans la semaine".
_PERIOD_DETS = f"la|le|l{APOS}|cette|ce|cet|dans\\s+la|en"
PERIOD = (
    f"{g('det', _PERIOD_DETS)}\\s*"
    f"{g('unit', 'semaine|mois|année|an')}"
    f"(?:\\s*{g('dir', _alt(DIRECTIONS))})?{END}"
)

# Before a date: a part of the day ("dans la nuit du", "dans la soirée de"),
# an anaphoric shift ("le lendemain du"), or a week around it ("la semaine du").
_PREFIX_PP = r"dans|durant|pendant|au\s+cours\s+de|tard|tôt|en"
_SHIFTS = f"la\\s+veille|le\\s+lendemain|l{APOS}avant-veille|le\\s+surlendemain"
_OF = f"(?:du|de|d{APOS})"
_WEEK = r"la\s+semaine"
PREFIX = (
    f"(?:(?:{g('pp', _PREFIX_PP)})\\s+)?(?:la\\s+|l{APOS})?{g('pod', PART_OF_DAY)}"
    f"(?:\\s+{_OF})?\\s*$"
    f"|{g('shift', _SHIFTS)}(?:\\s+{_OF})?\\s*$"
    f"|{g('week', _WEEK)}(?:\\s+{_OF})?\\s*$"
)
# After a date: part of the day ("mardi soir", "hier dans la soirée") or a
# time ("vers 21 h 45"), which is kept as detail of the date.
_HOUR = r"[012]?\d"
_MINUTE = r"\d\d"
# A clock time: "21 h 45", "19:00", "12h", "12h30".
_CLOCK = (f"(?:\\s*(?:h|heures?){END}(?:\\s*{_MINUTE}{END})?|:{_MINUTE}(?!\\d)"
          f"|h{_MINUTE}{END})")
_TIME_PREPS = r"à|vers|dès|aux\s+alentours\s+de|peu\s+avant|peu\s+après|avant|après"
SUFFIX = (
    f"^(?:\\s*,)?\\s+(?:(?:dans\\s+la\\s+|en\\s+|au\\s+|à\\s+|dans\\s+l{APOS}|tard\\s+dans\\s+la\\s+|"
    f"tôt\\s+dans\\s+la\\s+|le\\s+|au\\s+cours\\s+de\\s+la\\s+)?{g('pod', PART_OF_DAY)}{END}"
    f"|(?:{_TIME_PREPS})\\s+{g('h', _HOUR)}{_CLOCK}"
    # without a preposition, only a time that cannot be a count: "5 mai 12h", "le 12 juillet 19:00"
    f"|{g('h2', _HOUR)}(?::{_MINUTE}(?!\\d)|h(?:{_MINUTE})?{END}))"
)

# A time of day alone, "à 13 h", "vers 21 h 45", "dès 6 heures": never a date
# itself, it gives its part of day to the date of its sentence.
TIME_ALONE = (f"(?:à|vers|dès|aux\\s+alentours\\s+de|peu\\s+avant|peu\\s+après|jusqu{APOS}à)\\s+"
              f"{g('h', _HOUR)}{_CLOCK}")

# Sentence words that tell the tense when the morphology is missing.
# Futures by their ending: "resteront", "pourront", "viendra", "fermera"
# ("front" and "caméra" are not).
FUTURE_CUES = (r"\b(?:sera|seront|aura|auront|va|vont|devrait|devraient|doit|doivent|prévu|"
               r"prévue|prévus|prévues|prochaine?s?|aura\s+lieu|se\s+tiendra|"
               r"(?-i:(?!(?:af)?fronts?\b)[a-zàâéèêîôûç]+ront|[a-zàâéèêîôûç]+(?:er|ir|rr|dr|vr)a))\b")

# A compound past ("a déclaré", "ont été tués", "avait prévu"): with a future cue
# in the same sentence, the tense is left undecided.
PAST_CUES = (r"\b(?:a|ont|avait|avaient|eut|eurent|est|sont|était|étaient)\s+(?:\w+\s+)?"
             r"\w+(?:é|ée|és|ées|i|is|ie|ies|it|u|us|ue|ues|int|ert|erts)\b")

# name -> (pattern, only as a whole span)
# Where two rules match the same span, the first listed wins ("au printemps
# 2021" is a season, not just the year).
RULES: dict[str, tuple[str, bool]] = {
    "era_year": (ERA_YEAR, False),
    "season": (SEASON, False),
    "day_range": (DAY_RANGE, False),
    "day_range_no_month": (DAY_RANGE_NO_MONTH, False),
    "weekday_range": (WEEKDAY_RANGE, False),
    "day_month": (DAY_MONTH, False),
    "numeric_full": (NUMERIC_FULL, False),
    "numeric_iso": (NUMERIC_ISO, False),
    "numeric_dashed": (NUMERIC_DASHED, False),
    "numeric_short": (NUMERIC_SHORT, False),
    "numeric_spaced": (NUMERIC_SPACED, True),
    "period_part": (PERIOD_PART, False),
    "month_phrase": (MONTH_PHRASE, False),
    "month_range": (MONTH_RANGE, False),
    "decade": (DECADE, False),
    "year_range": (YEAR_RANGE, False),
    "year_phrase": (YEAR_PHRASE, False),
    "year_heading": (YEAR_HEADING, False),
    "year_alone": (YEAR_ALONE, True),
    "month_alone": (MONTH_ALONE, True),
    "weekday_day": (WEEKDAY_DAY, False),
    "day_alone": (DAY_ALONE, False),
    "ordinal_in": (ORDINAL_IN, False),
    "weekday": (WEEKDAY_PHRASE, False),
    "weekday_abbreviated": (WEEKDAY_ABBREVIATED, True),
    "new_year": (NEW_YEAR, False),
    "weekend": (WEEKEND, False),
    "deictic": (DEICTIC, False),
    "anaphoric": (ANAPHORIC, False),
    "holiday": (HOLIDAY, False),
    "ago": (AGO, False),
    "in": (IN, False),
    "later": (LATER, False),
    "last_n": (LAST_N, False),
    "period": (PERIOD, False),
}

# ---------------------------------------------------------------- anchors (speed only)
# A rule is searched only around a piece every one of its matches contains (see
# ``kzevents.pipes.dates.scan``), so these lists change no result, only the time.
# Words: class -> (words, must start a word, must end a word), where "must start/end
# a word" holds only when the rule always has a space, an apostrophe or a hyphen
# there ("en\s*janvier" also reads "enjanvier": a month need not start a word).
# A rule without an anchor ("period": "la\s*an" has no sure word but a frequent
# "an") is run over the whole text: when you change a rule,
# check that each of its anchors is still a piece every match has.


def _key_words(phrases: object) -> tuple[str, ...]:
    """The longest word of each phrase: a phrase rule contains one of them."""
    return tuple(max(re.findall(r"\w+", p), key=len) for p in phrases)  # type: ignore[attr-defined]


ANCHOR_WORDS: dict[str, tuple[tuple[str, ...], bool, bool]] = {
    "month": (tuple(MONTHS) + tuple(MONTH_ABBREVIATIONS), False, True),
    "weekday": (tuple(WEEKDAYS), True, True),
    "unit": (tuple(UNITS), True, True),
    "ordinal": (tuple(ORDINALS), True, True),
    "period_part": (tuple(PERIOD_PARTS), True, True),
    "season": (tuple(SEASONS), False, True),
    "new_year": (("nouvelle",), True, True),
    "weekend": (("week", "semaine"), True, False),
    "era": (("av", "apr", "notre", "aec"), True, False),
    "deictic": (_key_words(list(DEICTIC_DAYS) + list(DEICTIC_PARTS)), True, True),
    "anaphoric": (_key_words(ANAPHORIC_DAYS), True, True),
    "holiday": (_key_words(HOLIDAYS), True, True),
}
# Regexes: class -> a piece of the rules (any run of digits, a year, two numbers
# joined by "/", "." or "-").
ANCHOR_PATTERNS: dict[str, str] = {
    "digit": r"\d+", "year": YEAR, "digit_sep": r"\d[/.-]\d",
}
# rule -> its anchor classes: the rule is run near the class with the fewest places.
ANCHORS: dict[str, tuple[str, ...]] = {
    "era_year": ("digit", "era"), "season": ("season",), "day_range": ("month",),
    "weekday_range": ("weekday",), "day_month": ("month",), "numeric_full": ("digit_sep",),
    "numeric_iso": ("digit_sep", "year"), "numeric_dashed": ("digit_sep",),
    "numeric_short": ("digit_sep",), "period_part": ("period_part",),
    "month_phrase": ("month",), "month_range": ("month",), "decade": ("digit",),
    "year_range": ("year",), "year_phrase": ("year",), "year_heading": ("year",),
    "weekday_day": ("weekday",), "day_alone": ("digit",), "ordinal_in": ("ordinal",),
    "weekday": ("weekday",), "new_year": ("new_year",), "weekend": ("weekend",),
    "deictic": ("deictic",), "anaphoric": ("anaphoric",), "holiday": ("holiday",),
    "ago": ("unit",), "in": ("unit",), "later": ("unit",), "last_n": ("unit",),
}
