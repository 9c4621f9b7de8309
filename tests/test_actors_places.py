"""Actors and places anywhere in the world (issue 11): agents, composition, roles,
organisations and armed groups, places in context.

Rule tests run on a blank pipeline or the gazetteer alone; the sentences quoted in
the issue run once, batched, on the session pipeline.
"""

from __future__ import annotations

import pytest
import spacy

from kzevents.gazetteers import load_gazetteer


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def blank():
    import kzevents.pipes  # noqa: F401

    nlp = spacy.blank("fr")
    nlp.add_pipe("kzevents_entities")
    return nlp


def infos(doc) -> dict[str, dict]:
    return {e.text: doc._.kz_entity_info.get(f"{e.start_char}:{e.end_char}", {})
            for e in doc.ents}


# -- Gazetteer.agent: the events component's look-up for common nouns

@pytest.mark.parametrize(("text", "name", "sector", "kind"), [
    ("policiers", "police", "COP", "government_body"),
    ("les forces de sécurité", "forces de sécurité", "COP", "government_body"),
    ("Premier ministre", "Premier ministre", "GOV", "role"),
    ("PREMIÈRE MINISTRE", "Premier ministre", "GOV", "role"),
    ("manifestants", "manifestant", "CVL", "group"),
    ("des manifestantes", "manifestant", "CVL", "group"),
    ("autorités", "autorités", "GOV", "government_body"),
    ("soldats", "armée", "MIL", "government_body"),
    ("les rebelles", "rebelle", "REB", "armed_group"),
    ("jihadistes", "jihadiste", "REB", "armed_group"),
    ("journalistes", "journaliste", "JRN", "group"),
    ("députés", "député", "LEG", "group"),
    ("le procureur", "procureur", "JUD", "role"),
    ("réfugiés", "réfugié", "REF", "group"),
    ("l'opposition", "opposition", "PTY", "group"),
    ("son homologue", "ministre", "GOV", "role"),
    ("gardes-frontières", "gardes-frontières", "MIL", "government_body"),
    ("services de renseignement", "services de renseignement", "SPY", "government_body"),
    ("chef des rebelles", "dirigeant", "REB", "role"),
])
def test_agent_names_sector_and_kind(gz, text, name, sector, kind):
    assert gz.agent(text) == {"name": name, "sector": sector, "kind": kind}


@pytest.mark.parametrize(("text", "country"), [
    ("les forces de sécurité iraniennes", "IRN"),
    ("le gouvernement du Soudan", "SDN"),
    ("ministre russe des Affaires étrangères", "RUS"),
    ("chef de la diplomatie russe", "RUS"),
    ("chef du Kremlin", "RUS"),
    ("locataire de l'Élysée", "FRA"),
])
def test_agent_phrase_with_a_country(gz, text, country):
    assert gz.agent(text)["country"] == country


@pytest.mark.parametrize("text", ["tempête", "État islamique", "", "les"])
def test_agent_none_for_other_words(gz, text):
    assert gz.agent(text) is None


def test_agent_whole_refuses_trailing_words(gz):
    assert gz.agent("soldats ont tiré", whole=True) is None
    assert gz.agent("soldats ont tiré")["sector"] == "MIL"


def test_agents_file_is_large_and_every_form_indexed(gz):
    assert len(gz.agents) >= 600
    assert len({a.name for a in gz.agents.values()}) >= 90


@pytest.mark.parametrize(("forms", "country"), [
    (["malien", "malienne", "maliens", "maliennes"], "MLI"),
    (["éthiopien", "éthiopienne", "éthiopiens", "éthiopiennes"], "ETH"),
    (["soudanais", "soudanaise", "soudanaises"], "SDN"),
    (["biélorusse", "biélorusses"], "BLR"),
    (["nigérien", "nigérienne"], "NER"),
    (["nigérian", "nigériane"], "NGA"),
    (["burkinabé", "burkinabè"], "BFA"),
])
def test_demonyms_of_every_country(gz, forms, country):
    from kzevents.text import normalise_name

    assert {gz.demonyms[normalise_name(f)] for f in forms} == {country}


def test_demonyms_cover_almost_every_sovereign_country(gz):
    assert len(set(gz.demonyms.values())) >= 195


# -- composition on a blank pipeline

@pytest.mark.parametrize(("text", "span", "label", "country", "sector"), [
    ("L'armée malienne a attaqué.", "armée malienne", "ORG", "MLI", "MIL"),
    ("La police biélorusse a arrêté dix personnes.", "police biélorusse", "ORG", "BLR", "COP"),
    ("Le gouvernement soudanais a nié.", "gouvernement soudanais", "ORG", "SDN", "GOV"),
    ("Le gouvernement du Soudan a nié.", "gouvernement du Soudan", "ORG", "SDN", "GOV"),
    ("Les forces de sécurité iraniennes ont tiré.", "forces de sécurité iraniennes", "ORG",
     "IRN", "COP"),
    ("Le chef de la diplomatie russe est arrivé.", "chef de la diplomatie russe", "PER",
     "RUS", "GOV"),
    ("Des manifestants kényans ont défilé.", "manifestants kényans", "MISC", "KEN", "CVL"),
])
def test_agent_and_country_make_an_actor(blank, text, span, label, country, sector):
    doc = blank(text)
    found = {e.text: e.label_ for e in doc.ents}
    assert found.get(span) == label
    assert (infos(doc)[span]["country"], infos(doc)[span]["sector"]) == (country, sector)


def test_agent_without_country_is_not_an_entity(blank):
    assert [e.text for e in blank("L'armée a tiré sur les manifestants.").ents] == []


def dated(blank, text: str, published: str | None):
    """The entity component alone on a doc with a publication date."""
    doc = blank.make_doc(text)
    doc._.kz_published = published
    return blank.get_pipe("kzevents_entities")(doc)


def test_bare_role_links_to_the_office_holder_of_the_day(blank):
    text = "Le président kazakh a parlé au chef du Kremlin."
    assert "kb_id" not in infos(dated(blank, text, None))["président kazakh"]  # no date
    found = infos(dated(blank, text, "2022-01-11"))
    assert found["président kazakh"]["kb_id"] == "kz:person:tokaev"
    assert found["chef du Kremlin"]["name"] == "Vladimir Poutine"
    assert infos(dated(blank, "Le président russe a parlé.", "2010-06-01"))[
        "président russe"]["name"] == "Dmitri Medvedev"


def test_office_holders_change_with_the_date(gz):
    assert gz.holder("Premier ministre", "GBR", "2020-01-01").name == "Boris Johnson"
    assert gz.holder("Premier ministre", "GBR", "2023-01-01").name == "Rishi Sunak"
    assert gz.holder("président", "USA", "2010-05-01").name == "Barack Obama"
    assert gz.holder("président", "RUS", "2010-05-01").name == "Dmitri Medvedev"
    assert gz.holder("président", "MLI", "2023-03-01").name == "Assimi Goïta"
    assert gz.holder("président", "ATA", "2023-03-01") is None


# -- organisations and armed groups

@pytest.mark.parametrize(("name", "kb_id", "country", "sector"), [
    ("Wagner", "kz:org:wagner", "RUS", "MIL"),
    ("M23", "kz:org:m23", "COD", "REB"),
    ("TPLF", "kz:org:tplf", "ETH", "REB"),
    ("Hamas", "kz:org:hamas", "PSE", "REB"),
    ("Hezbollah", "kz:org:hezbollah", "LBN", "REB"),
    ("Daech", "kz:org:isis", None, "REB"),
    ("État islamique au Grand Sahara", "kz:org:eigs", "MLI", "REB"),
    ("Boko Haram", "kz:org:bokoharam", "NGA", "REB"),
    ("shebab", "kz:org:shabaab", "SOM", "REB"),
    ("JNIM", "kz:org:jnim", "MLI", "REB"),
    ("Forces de soutien rapide", "kz:org:rsf_sudan", "SDN", "REB"),
    ("Minusma", "kz:org:minusma", None, "IGO"),
    ("HCR", "kz:org:unhcr", None, "IGO"),
    ("Cédéao", "kz:org:cedeao", None, "IGO"),
    ("Médecins sans frontières", "kz:org:msf", None, "NGO"),
    ("Associated Press", "kz:org:ap", "USA", "JRN"),
])
def test_organisations_and_armed_groups(gz, name, kb_id, country, sector):
    entry = gz.exact(name)
    assert (entry.kb_id, entry.country, entry.sector) == (kb_id, country, sector)


# -- places

@pytest.mark.parametrize(("name", "country"), [
    ("Ménaka", "MLI"), ("Tessalit", "MLI"), ("Douentza", "MLI"), ("Djibo", "BFA")])
def test_towns_are_read_from_the_compact_file(gz, name, country):
    assert country in {t.country for t in gz.places(name)}


@pytest.mark.parametrize(("name", "country", "precision"), [
    ("Tigré", "ETH", 2), ("Darfour", "SDN", 2), ("Nord-Kivu", "COD", 2),
    ("Cabo Delgado", "MOZ", 2), ("Mogadiscio", "SOM", 4), ("Palestine", "PSE", 1)])
def test_regions_and_exonyms(gz, name, country, precision):
    entry = gz.exact(name)
    assert (entry.country, entry.precision) == (country, precision)


def test_place_head_takes_the_precision_of_the_head(blank):
    doc = blank("Des frappes ont touché la province d'Idlib et le district de Gao.")
    found = infos(doc)
    assert (found["province d'Idlib"]["country"], found["province d'Idlib"]["precision"]) == (
        "SYR", 2)
    assert (found["district de Gao"]["country"], found["district de Gao"]["precision"]) == (
        "MLI", 3)


# -- the sentences quoted in issue 11, on the full pipeline

ISSUE = [
    "Le Premier ministre éthiopien Abiy Ahmed a ordonné une offensive.",
    "L'armée malienne a repoussé l'attaque.",
    "La police biélorusse a arrêté des opposants.",
    "Le gouvernement soudanais a rejeté l'accusation.",
    "À Moura, l'armée malienne et ses alliés ont tué des civils, selon l'ONU.",
    "Les combats ont repris au Tigré, dans le nord de l'Éthiopie.",
    "Des violences ont éclaté dans la région du Darfour.",
    "Wagner a combattu aux côtés de l'armée malienne.",
    "Le Front populaire de libération du Tigré (TPLF) a signé l'accord.",
    "Assimi Goïta, le président de la transition malienne, a reçu l'envoyé de la Cédéao.",
]


@pytest.fixture(scope="module")
def issue(extractor):
    arts = extractor.extract_many(ISSUE, published="2022-06-01")
    return [{e.text: e for e in a.entities} for a in arts]


@pytest.mark.parametrize(("k", "text", "label", "country", "sector", "kb_id"), [
    (0, "Abiy Ahmed", "PER", "ETH", "GOV", "kz:person:abiy"),
    (0, "Premier ministre éthiopien", "PER", "ETH", "GOV", "kz:person:abiy"),
    (1, "armée malienne", "ORG", "MLI", "MIL", "kz:body:MLI:armee"),
    (2, "police biélorusse", "ORG", "BLR", "COP", "kz:body:BLR:police"),
    (3, "gouvernement soudanais", "ORG", "SDN", "GOV", "kz:body:SDN:gouvernement"),
    (7, "Wagner", "ORG", "RUS", "MIL", "kz:org:wagner"),
    (8, "Front populaire de libération du Tigré", "ORG", "ETH", "REB", "kz:org:tplf"),
    (8, "TPLF", "ORG", "ETH", "REB", "kz:org:tplf"),
    (9, "Assimi Goïta", "PER", "MLI", "GOV", "kz:person:goita"),
])
def test_issue_actors(issue, k, text, label, country, sector, kb_id):
    entity = issue[k][text]
    assert (entity.label, entity.country, entity.sector, entity.kb_id) == (
        label, country, sector, kb_id)


@pytest.mark.parametrize(("k", "text", "country", "precision"), [
    (4, "Moura", "MLI", 4),
    (5, "Tigré", "ETH", 2),
    (6, "région du Darfour", "SDN", 2),
])
def test_issue_places(issue, k, text, country, precision):
    entity = issue[k][text]
    assert (entity.label, entity.country, entity.precision) == ("LOC", country, precision)
    assert entity.lat is not None and entity.lon is not None


# -- the blind held-out sets (written by helpers who never read the code), scored by
# bench/bench_actors_places.py; first scores before any fix: actors country 0.655,
# sector 0.642; places country 0.765, within 161 km 0.660. The floors below hold the
# scores after the fixes of issue 11.

@pytest.fixture(scope="module")
def blind(extractor):
    import sys

    from tests.conftest import DATA, read_jsonl

    sys.path.insert(0, str(DATA.parent.parent))
    from bench import bench_actors_places as bench

    actors = read_jsonl(DATA / "blind_actors.jsonl")
    places = read_jsonl(DATA / "blind_places.jsonl")
    records = [{"text": r["text"], "published": r.get("published")} for r in actors + places]
    articles = list(extractor.extract_many(records))
    return bench, actors, places, articles[: len(actors)], articles[len(actors) :]


def test_blind_sets_are_large_and_varied(blind):
    _bench, actors, places, _a, _p = blind
    assert sum(len(r["actors"]) for r in actors) >= 150
    assert sum(len(r["places"]) for r in places) >= 150
    assert len({a["country"] for r in actors for a in r["actors"] if a.get("country")}) >= 25
    assert len({p["country"] for r in places for p in r["places"]}) >= 25


def test_blind_actors_country_and_sector(blind):
    bench, actors, _places, articles, _p = blind
    country = sector = n = 0
    for record, article in zip(actors, articles, strict=True):
        for gold in record["actors"]:
            got = bench.actor_reading(article, record["text"], gold["text"])
            n += 1
            country += got["country"] == gold.get("country")
            sector += got["sector"] == gold.get("sector")
    assert country / n >= 0.87
    assert sector / n >= 0.90


def test_blind_places_country_and_distance(blind):
    bench, _actors, places, _a, articles = blind
    country = near = n = 0
    for record, article in zip(places, articles, strict=True):
        for gold in record["places"]:
            n += 1
            start = bench.find(record["text"], gold["text"])
            entity = bench.covering(article, start, start + len(gold["text"]))
            country += entity is not None and entity.country == gold["country"]
            near += entity is not None and entity.lat is not None and bench.km(
                gold["lat"], gold["lon"], entity.lat, entity.lon) <= bench.NEAR_KM
    assert country / n >= 0.92
    assert near / n >= 0.91
