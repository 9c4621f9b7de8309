"""Three hand-made Articles with hand-made events: French sentences of our own, exact offsets.

The exports, pictures and crosswalk are tested on these, independently of what the
events component finds. Every mention is located by searching its text (the n-th
occurrence), so the offsets are right by construction and validated by ``Article``.
"""

from __future__ import annotations

import datetime as dt

from kzevents.models import (
    Article,
    Attribution,
    Count,
    Entity,
    Event,
    Mention,
    Participant,
    TimeRef,
    Trigger,
)

ALMATY = {"label": "LOC", "kind": "city", "kb_id": "geonames:1526384", "name": "Almaty",
          "country": "KAZ", "lat": 43.25, "lon": 76.92, "geonameid": 1526384, "precision": 4}
JANAOZEN = {"label": "LOC", "kind": "city", "kb_id": "geonames:610612", "name": "Zhanaozen",
            "country": "KAZ", "lat": 43.34, "lon": 52.86, "geonameid": 610612, "precision": 4}
ASTANA = {"label": "LOC", "kind": "city", "kb_id": "geonames:1526273", "name": "Astana",
          "country": "KAZ", "lat": 51.18, "lon": 71.45, "geonameid": 1526273, "precision": 4}
KAZAKHSTAN = {"label": "LOC", "kind": "country", "kb_id": "Q232", "name": "Kazakhstan",
              "country": "KAZ", "lat": 48.0, "lon": 68.0, "geonameid": 1522867, "precision": 1}


class _Text:
    """Builds mentions of one text: ``at(cls, "mot", 2, ...)`` is the 2nd "mot"."""

    def __init__(self, text: str) -> None:
        self.text = text

    def at(self, cls, needle: str, nth: int = 1, **fields):
        start = -1
        for _ in range(nth):
            start = self.text.index(needle, start + 1)
        return cls(text=needle, start=start, end=start + len(needle), **fields)

    def sentence(self, needle: str) -> Mention:
        """The sentence that contains ``needle`` (sentences end with '. ')."""
        at = self.text.index(needle)
        start = self.text.rfind(". ", 0, at)
        start = 0 if start < 0 else start + 2
        end = self.text.find(". ", at)
        end = len(self.text) if end < 0 else end + 1
        return Mention(text=self.text[start:end], start=start, end=end)


def _day(t: _Text, needle: str, value: str) -> TimeRef:
    day = dt.date.fromisoformat(value)
    return t.at(TimeRef, needle, value=value, grain="day", earliest=day, latest=day)


def almaty_riots() -> Article:
    t = _Text("Mercredi 5 janvier, des milliers de manifestants ont pris d'assaut la mairie "
              "d'Almaty. Huit policiers ont été tués lors des affrontements, selon le "
              "ministère de l'Intérieur. La police a interpellé plus de 200 personnes à Almaty.")
    date = _day(t, "Mercredi 5 janvier", "2022-01-05")
    almaty1, almaty2 = t.at(Entity, "Almaty", 1, **ALMATY), t.at(Entity, "Almaty", 2, **ALMATY)
    ministry = t.at(Entity, "ministère de l'Intérieur", label="ORG", kind="government_body",
                    country="KAZ", sector="GOV")
    crowd = t.at(Count, "des milliers de manifestants", value=2000, low=2000,
                 qualifier="at_least", noun="manifestants", category="participants",
                 sector="CVL")
    police_dead = t.at(Count, "Huit policiers", value=8, noun="policiers", category="killed",
                       sector="COP")
    arrested = t.at(Count, "plus de 200 personnes", value=200, low=200, qualifier="at_least",
                    noun="personnes", category="arrested", sector="CVL")
    events = [
        Event(id="e1", type="PROTEST", mode="riot",
              trigger=t.at(Trigger, "pris d'assaut", lemma="prendre d'assaut"),
              actor=t.at(Participant, "manifestants", country="KAZ", sector="CVL"),
              place=almaty1, date=date, counts=[crowd], sentence=t.sentence("pris d'assaut"),
              rules=["protest.riot.assaut"]),
        Event(id="e2", type="ASSAULT", trigger=t.at(Trigger, "tués", lemma="tuer"),
              recipient=t.at(Participant, "policiers", country="KAZ", sector="COP"),
              counts=[police_dead], sentence=t.sentence("tués"),
              source=Attribution(speaker=t.at(Participant, "ministère de l'Intérieur",
                                               country="KAZ", sector="GOV"), verb="selon"),
              rules=["assault.passive"]),
        Event(id="e3", type="COERCE", mode="arrest",
              trigger=t.at(Trigger, "interpellé", lemma="interpeller"),
              actor=t.at(Participant, "La police", country="KAZ", sector="COP"),
              place=almaty2, counts=[arrested], sentence=t.sentence("interpellé"),
              rules=["coerce.arrest"]),
    ]
    return Article(id="almaty", text=t.text, published=dt.date(2022, 1, 6),
                   entities=[almaty1, ministry, almaty2], dates=[date],
                   counts=[crowd, police_dead, arrested], events=events)


def russian_troops() -> Article:
    t = _Text("Jeudi 6 janvier, la Russie a envoyé des parachutistes au Kazakhstan à la demande "
              "du président Tokaïev. Le gouvernement a décrété le couvre-feu à Almaty.")
    date = _day(t, "Jeudi 6 janvier", "2022-01-06")
    russia = t.at(Entity, "Russie", label="LOC", kind="country", kb_id="Q159", name="Russie",
                  country="RUS", lat=55.75, lon=37.62, precision=1)
    kazakhstan = t.at(Entity, "Kazakhstan", **KAZAKHSTAN)
    tokayev = t.at(Entity, "Tokaïev", label="PER", kind="person", name="Kassym-Jomart Tokaïev",
                   country="KAZ", sector="GOV")
    almaty = t.at(Entity, "Almaty", **ALMATY)
    events = [
        Event(id="e1", type="AID", mode="military",
              trigger=t.at(Trigger, "envoyé", lemma="envoyer"),
              actor=t.at(Participant, "la Russie", name="Russie", kb_id="Q159", country="RUS",
                         sector="GOV"),
              recipient=t.at(Participant, "Kazakhstan", name="Kazakhstan", kb_id="Q232",
                             country="KAZ", sector="GOV"),
              place=kazakhstan, date=date, sentence=t.sentence("envoyé"), confidence=0.9,
              rules=["aid.military.envoyer"]),
        Event(id="e2", type="REQUEST", mode="assist",
              trigger=t.at(Trigger, "demande", lemma="demande"),
              actor=t.at(Participant, "président Tokaïev", name="Kassym-Jomart Tokaïev",
                         country="KAZ", sector="GOV"),
              date=date, sentence=t.sentence("demande"), rules=["request.nominal"]),
        Event(id="e3", type="COERCE", mode="curfew",
              trigger=t.at(Trigger, "couvre-feu", lemma="couvre-feu"),
              actor=t.at(Participant, "Le gouvernement", country="KAZ", sector="GOV"),
              place=almaty, sentence=t.sentence("couvre-feu"), rules=["coerce.curfew"]),
    ]
    return Article(id="troupes", text=t.text, published=dt.date(2022, 1, 7),
                   entities=[russia, kazakhstan, tokayev, almaty], dates=[date], events=events)


def oil_strike() -> Article:
    t = _Text("Les autorités n'ont pas fermé l'aéroport d'Astana. Le 4 janvier, des ouvriers du "
              "pétrole ont fait grève à Janaozen.")
    date = _day(t, "Le 4 janvier", "2022-01-04")
    astana = t.at(Entity, "Astana", **ASTANA)
    janaozen = t.at(Entity, "Janaozen", **JANAOZEN)
    events = [
        Event(id="e1", type="COERCE", mode="restrict",
              trigger=t.at(Trigger, "fermé", lemma="fermer"),
              actor=t.at(Participant, "autorités", country="KAZ", sector="GOV"),
              place=astana, modality="negated", sentence=t.sentence("fermé"),
              rules=["coerce.restrict", "modality.negated"]),
        Event(id="e2", type="PROTEST", mode="strike",
              trigger=t.at(Trigger, "fait grève", lemma="faire grève"),
              actor=t.at(Participant, "ouvriers du pétrole", country="KAZ", sector="LAB"),
              place=janaozen, date=date, sentence=t.sentence("fait grève"),
              rules=["protest.strike"]),
    ]
    return Article(id="greve", text=t.text, published=dt.date(2022, 1, 10),
                   entities=[astana, janaozen], dates=[date], events=events)


def corpus() -> list[Article]:
    """The three articles, eight events: six placed, five with their own date."""
    return [almaty_riots(), russian_troops(), oil_strike()]
