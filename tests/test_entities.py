"""The entity component: corrected spans, labels, links and coordinates.

Annotated sentences live in tests/data/entities.jsonl (gold format, record-level
``entities``); the model tests share the session pipeline of conftest.py.
"""

from __future__ import annotations

import json

import pytest
import spacy

from tests.conftest import DATA, read_jsonl, shared_file

RECORDS = read_jsonl(DATA / "entities.jsonl")
SEED_PUBLISHED = "2022-01-11"


@pytest.fixture(scope="module")
def blank():
    import kzevents.pipes  # noqa: F401

    nlp = spacy.blank("fr")
    nlp.add_pipe("kzevents_entities")
    return nlp


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def info(doc, text):
    span = next(e for e in doc.ents if e.text == text)
    return doc._.kz_entity_info[f"{span.start_char}:{span.end_char}"]


# -- rules on a blank pipeline (no model)

def test_blank_pipeline_spots_bodies_and_acronyms(blank):
    doc = blank("La garde nationale ouzbèke et le ministère de la Justice du Tadjikistan.")
    assert ents(doc) == [("garde nationale ouzbèke", "ORG"),
                         ("ministère de la Justice du Tadjikistan", "ORG")]
    assert info(doc, "garde nationale ouzbèke")["country"] == "UZB"
    assert info(doc, "garde nationale ouzbèke")["sector"] == "MIL"
    assert info(doc, "ministère de la Justice du Tadjikistan")["kb_id"] == (
        "kz:body:TJK:ministere-de-la-justice")


def test_body_without_country_is_not_created(blank):
    doc = blank("Le ministère de la Défense a publié un communiqué.")
    assert ents(doc) == []


def test_accents_and_case_are_ignored(blank):
    doc = blank("Une délégation de l'ORGANISATION DES ETATS TURCS est arrivée en Ouzbekistan.")
    assert [info(doc, t)["kb_id"] for t, _ in ents(doc)] == ["kz:org:ots", "Q265"]


def test_acronym_in_lower_case_is_not_an_entity(blank):
    doc = blank("Il a vu un ami à la gare.")
    assert ents(doc) == []


def test_person_named_before_links_later_surname(nlp):
    doc = nlp("Le chercheur Arman Seitkali a été libéré. Selon M. Seitkali, rien ne change.")
    assert ents(doc)[0] == ("Arman Seitkali", "PER")
    assert info(doc, "Seitkali")["name"] == "Arman Seitkali"
    assert "kb_id" not in info(doc, "Seitkali")


def test_demonym_before_an_unknown_person_gives_the_country(nlp):
    doc = nlp("Le blogueur ouzbek Timur Karimov a été expulsé vers Tachkent.")
    assert ("Timur Karimov", "PER") in ents(doc)
    assert info(doc, "Timur Karimov")["country"] == "UZB"
    assert "kb_id" not in info(doc, "Timur Karimov")


def test_user_gazetteer_on_a_blank_pipeline(tmp_path):
    import kzevents.pipes  # noqa: F401

    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({
        "kb_id": "test:front", "name": "Front uni des steppes", "aliases": ["FUS"],
        "label": "ORG", "kind": "armed_group", "country": "KAZ", "sector": "REB"}) + "\n",
        encoding="utf-8")
    nlp = spacy.blank("fr")
    nlp.add_pipe("kzevents_entities", config={"gazetteers": [str(path)]})
    doc = nlp("Le FUS revendique l'attaque.")
    assert ents(doc) == [("FUS", "ORG")]
    assert info(doc, "FUS")["sector"] == "REB"


def test_extractor_threads_gazetteer_paths(tmp_path):
    from kzevents.extractor import add_kzevents_pipes

    path = tmp_path / "x.jsonl"
    path.write_text("", encoding="utf-8")
    nlp = add_kzevents_pipes(spacy.blank("fr"),
                             {"kzevents_entities": {"gazetteers": [str(path)]}})
    assert nlp.get_pipe("kzevents_entities").gazetteers == (str(path),)


def test_docs_survive_docbin(blank):
    from spacy.tokens import DocBin

    doc = blank("Le Kremlin et l'OTAN.")
    again = next(iter(DocBin(docs=[doc], store_user_data=True).get_docs(blank.vocab)))
    assert again._.kz_entity_info == doc._.kz_entity_info


# -- annotated sentences (model)

@pytest.fixture(scope="module")
def predicted(extractor):
    articles = extractor.extract_many([r["text"] for r in RECORDS], published="2022-01-12")
    return {r["id"]: a for r, a in zip(RECORDS, articles, strict=True)}


GOLD = [pytest.param(r["id"], g, id=f"{r['id']}-{g['text']}")
        for r in RECORDS for g in r["entities"]]


def test_enough_sentences():
    assert len(RECORDS) >= 60


@pytest.mark.parametrize(("rid", "gold"), GOLD)
def test_annotated_entity(predicted, rid, gold):
    found = {e.text: e for e in predicted[rid].entities}
    assert gold["text"] in found, f"{gold['text']!r} not among {sorted(found)}"
    entity = found[gold["text"]]
    assert (entity.label, entity.kb_id, entity.country) == (
        gold["label"], gold["kb_id"], gold["country"])


def test_scorer_uses_gazetteer_aliases(extractor, tmp_path):
    from kzevents.evaluation import evaluate_file

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "x", "text": "Toqaev a envoyé des troupes à Almaty.", "published": "2022-01-07",
        "entities": [{"text": "Toqaev", "label": "PER", "kb_id": "kz:person:tokaev"}],
        "events": []}) + "\n", encoding="utf-8")
    report = evaluate_file(gold, extractor)
    assert report.slots["entity_kb_id"].tp == 1


# -- the seed article

@pytest.fixture(scope="module")
def seed(extractor):
    path = next(iter(sorted(shared_file("seeds").glob("*.txt"))))
    return extractor.extract(path.read_text(encoding="utf-8"), published=SEED_PUBLISHED)


def by_text(article, text):
    return [e for e in article.entities if e.text == text]


@pytest.mark.parametrize(("text", "label", "kb_id", "country"), [
    ("ministère arménien de la Défense", "ORG", "kz:body:ARM:ministere-de-la-defense", "ARM"),
    ("Pachinian", "PER", "kz:person:pashinyan", "ARM"),
    ("Erdogan", "PER", "Q39259", "TUR"),
    ("OSTC", "ORG", "kz:org:csto", None),
    ("Toqaev", "PER", "kz:person:tokaev", "KAZ"),
    ("Nazarbayev", "PER", "kz:person:nazarbaev", "KAZ"),
])
def test_seed_errors_are_fixed(seed, text, label, kb_id, country):
    found = by_text(seed, text)
    assert found
    assert {(e.label, e.kb_id, e.country) for e in found} == {(label, kb_id, country)}


def test_seed_drops_url_and_heading_word(seed):
    texts = {e.text for e in seed.entities}
    assert not any("commonspace" in t.lower() for t in texts)
    assert "Rappel" not in texts


def test_seed_people_and_organisations_are_linked(seed):
    unlinked = {e.text for e in seed.entities if e.label in ("PER", "ORG") and not e.kb_id}
    # the byline signs with a pen name; the Soviet Union is history, not an actor here
    assert unlinked <= {"Jules Ferry", "Union soviétique"}


@pytest.mark.parametrize(("text", "lat", "lon"), [("Almaty", 43.25, 76.91),
                                                  ("Erevan", 40.18, 44.51)])
def test_seed_places_have_coordinates(seed, text, lat, lon):
    place = by_text(seed, text)[0]
    assert (place.lat, place.lon) == (pytest.approx(lat, abs=0.01), pytest.approx(lon, abs=0.01))
    assert place.precision == 4
    assert place.geonameid is not None
