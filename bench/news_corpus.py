"""A generated corpus of French news-style articles, for timing (not for scoring).

Every sentence is assembled here from our own templates and word lists, drawn
with a seeded random generator: the same seed gives the same corpus on every
machine, so throughput figures compare across runs without shipping texts.
The articles read like wire copy about unrest, troops, arrests, aid and money,
so that every kzevents component (entities, dates, counts, amounts, events)
has work to do, in the proportions of a real news feed.

>>> arts = articles(3, seed=1)
>>> len(arts), all(300 <= words(a) <= 800 for a in arts)
(3, True)
"""

from __future__ import annotations

import random
import re

CITIES = ("Almaty", "Astana", "Aktaou", "Chymkent", "Taraz", "Karaganda", "Jañaozen",
          "Bichkek", "Tachkent", "Douchanbé", "Minsk", "Erevan", "Moscou", "Paris", "Lyon",
          "Marseille", "Kiev", "Tbilissi")
COUNTRIES = ("le Kazakhstan", "le Kirghizistan", "l'Ouzbékistan", "la Russie", "la Biélorussie",
             "l'Arménie", "la France", "la Chine", "le Tadjikistan", "la Géorgie")
IN_COUNTRY = ("au Kazakhstan", "au Kirghizistan", "en Ouzbékistan", "en Russie", "en Arménie",
              "en France", "en Chine", "au Tadjikistan", "en Géorgie")
LEADERS = ("le président Kassym-Jomart Tokaïev", "le Premier ministre", "le ministre de "
           "l'Intérieur", "le porte-parole du gouvernement", "le maire de la ville",
           "le chef de la police régionale", "le procureur général")
BODIES = ("le ministère de l'Intérieur", "le gouvernement", "l'Organisation du traité de "
          "sécurité collective", "l'Union européenne", "les Nations unies", "la Croix-Rouge",
          "le parquet", "la Banque mondiale")
SPEAKERS = ("a déclaré", "a affirmé", "a annoncé", "a indiqué", "a assuré", "a précisé")
SOURCES = ("selon le ministère de l'Intérieur", "selon des témoins", "d'après l'agence "
           "officielle", "selon les autorités locales", "selon une ONG de défense des droits")
GROUPS = ("manifestants", "policiers", "soldats", "militants", "civils", "journalistes",
          "habitants", "ouvriers du pétrole", "étudiants", "membres des forces de l'ordre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre",
          "octobre", "novembre", "décembre")
SMALL = ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "douze", "quinze",
         "vingt", "une trentaine de", "une centaine de", "plusieurs centaines de",
         "des milliers de")
QUALIFIERS = ("", "", "plus de ", "au moins ", "environ ", "près de ")
CURRENCIES = ("tenges", "dollars", "euros", "roubles")
REASONS = ("la hausse du prix du gaz", "la corruption", "le chômage", "la vie chère",
           "la réforme des retraites", "les coupures d'électricité")
WEATHER = ("Il faisait froid", "Une neige fine tombait", "Le vent soufflait fort",
           "Le ciel était dégagé")

TEMPLATES = (
    "{day_cap}, {qual}{num} {group} se sont rassemblés sur la place centrale de {city} pour "
    "protester contre {reason}.",
    "La police a interpellé {qual}{num} {group} à {city}, {source}.",
    "{qual_cap}{num} {group} ont été tués et {num2} autres blessés lors des affrontements "
    "de {day} soir à {city}.",
    "{leader_cap} {speak} que « l'ordre sera rétabli dans les prochains jours ».",
    "{body_cap} a annoncé l'envoi de {num} soldats {in_country} pour une mission de "
    "maintien de la paix.",
    "Un couvre-feu a été instauré à {city} de 23 heures à 7 heures jusqu'au {date}.",
    "{body_cap} a débloqué une aide de {money} {currency} pour les familles des victimes.",
    "Les manifestants réclamaient la démission du gouvernement et la baisse des prix.",
    "Le {date}, {leader} s'est entretenu par téléphone avec son homologue de {country}.",
    "Des renforts ont été déployés autour des bâtiments officiels de {city}.",
    "La grève des ouvriers du pétrole s'est étendue à {city} {day}, {source}.",
    "{qual_cap}{num} personnes ont été placées en détention provisoire depuis le début des "
    "troubles, {source}.",
    "{body_cap} a condamné la répression et demandé la libération des personnes arrêtées.",
    "Selon {body}, les dégâts sont estimés à {money} {currency}.",
    "{weather} sur {city} quand les premiers coups de feu ont éclaté.",
    "Internet a été coupé dans toute la région pendant {num} heures.",
    "Les autorités ont accusé des « groupes terroristes » d'avoir attaqué la mairie de {city}.",
    "{leader_cap} a limogé le gouvernement {day} matin, après une nuit de violences.",
    "L'aéroport de {city} a été pris d'assaut par des émeutiers le {date}.",
    "Les prix du carburant avaient doublé en {month}, passant de {price} à {price2} tenges "
    "le litre.",
    "Aucun bilan officiel n'a été communiqué pour les villes de {city} et de {city2}.",
    "Des journalistes étrangers ont été empêchés de se rendre à {city}, {source}.",
    "{body_cap} pourrait imposer des sanctions si les violences se poursuivent.",
    "Le calme semblait revenu {day} dans les rues de {city}, où les commerces ont rouvert.",
)
HEADLINES = (
    "Manifestations à {city} : {num} {group} interpellés",
    "Violences {in_country} : le gouvernement limogé",
    "{city} sous couvre-feu après des affrontements meurtriers",
    "Aide de {money} {currency} : {body} au chevet de {city}",
)


def words(text: str) -> int:
    """Words as the benchmark counts them: runs of letters or digits."""
    return len(re.findall(r"\w+", text))


def _fill(template: str, rng: random.Random) -> str:
    values = {
        "day": rng.choice(WEEKDAYS), "city": rng.choice(CITIES), "city2": rng.choice(CITIES),
        "country": rng.choice(COUNTRIES), "in_country": rng.choice(IN_COUNTRY),
        "leader": rng.choice(LEADERS), "body": rng.choice(BODIES), "speak": rng.choice(SPEAKERS),
        "source": rng.choice(SOURCES), "group": rng.choice(GROUPS), "reason": rng.choice(REASONS),
        "qual": rng.choice(QUALIFIERS), "num": _number(rng), "num2": _number(rng),
        "date": f"{rng.randint(1, 28)} {rng.choice(MONTHS)}", "month": rng.choice(MONTHS),
        "money": _money(rng), "money2": _money(rng), "currency": rng.choice(CURRENCIES),
        "weather": rng.choice(WEATHER), "price": rng.randint(50, 90),
        "price2": rng.randint(100, 180),
    }
    for key in ("day", "leader", "body", "qual"):
        values[f"{key}_cap"] = values[key][:1].upper() + values[key][1:]
    text = re.sub(r"\b([Dd])e ([AEIOUÉ])", r"\1'\2", template.format(**values))  # d'Astana
    return text[:1].upper() + text[1:]


def _number(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(SMALL)
    value = rng.choice((12, 18, 35, 164, 250, 400, 1200, 2500, 3000, 8000, 12000))
    return f"{value:,}".replace(",", "\u00a0")


def _money(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.randint(2, 900)} millions de"
    return f"{rng.randint(1, 9)},{rng.randint(1, 9)} milliards de"


def article(rng: random.Random) -> str:
    """One article of 300 to 800 words: a headline, then paragraphs of 2 to 5 sentences."""
    target = rng.randint(320, 760)
    paragraphs = [_fill(rng.choice(HEADLINES), rng)]
    total = words(paragraphs[0])
    while total < target:
        paragraph = " ".join(_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(2, 5)))
        if total + words(paragraph) > 790:
            break
        paragraphs.append(paragraph)
        total += words(paragraph)
    return "\n\n".join(paragraphs)


def articles(n: int, seed: int = 14) -> list[str]:
    """``n`` articles, the same for the same seed."""
    rng = random.Random(seed)
    return [article(rng) for _ in range(n)]


def text_of(n_words: int, seed: int = 14) -> str:
    """One text of about ``n_words`` words: whole generated articles end to end."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < n_words:
        parts.append(article(rng))
        total += words(parts[-1])
    text = "\n\n".join(parts)
    cut = [m.end() for m in re.finditer(r"\w+", text)]
    end = text.find(".", cut[min(n_words, len(cut)) - 1])
    return text if end < 0 else text[: end + 1]
