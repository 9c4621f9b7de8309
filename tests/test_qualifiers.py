"""Modality (did it happen?) and sources (who says so?) of events, on
annotated sentences and on the seed article."""

from __future__ import annotations

import pytest
import spacy

from kzevents.extractor import KZ_PIPES, add_kzevents_pipes
from kzevents.pipes.qualifiers.lexicon import anaphora_rules, modality_cues, speech_verbs
from tests.conftest import DATA, read_jsonl, shared_file
from tests.hand_events import hand_event, parse, qualify, score_hand

MODALITY = read_jsonl(DATA / "modality.jsonl")
# The blind batch (written by a helper who never read the code), scored once
# before any fix (components alone: modality 0.947, source P 0.772 R 0.657),
# then added here.
HELDOUT = read_jsonl(DATA / "modality_heldout.jsonl")


# ---------------------------------------------------------------- data files, no model

def test_lexicons_are_consistent():
    cues = modality_cues()
    ids = [c.id for c in cues]
    assert len(ids) == len(set(ids))
    code_rules = {"hyp.question"}  # decided in code, cancelled by a pseudo cue
    for cue in cues:
        assert set(cue.cancels) <= set(ids) | code_rules, cue.id
        assert all(f == f.lower() for f in cue.forms), cue.id
    assert {"negated", "hypothetical", "future", "alleged"} <= {c.modality for c in cues}
    verbs = speech_verbs()
    assert {"déclarer", "indiquer", "annoncer", "affirmer", "préciser", "assurer", "rapporter",
            "selon", "d'après"} <= set(verbs)
    assert verbs["selon"].kind == "preposition" and verbs["poursuivre"].frames == ["incise"]
    rules = anaphora_rules()
    assert [r.id for r in rules][:3] == ["anaphora.pronoun_reported", "anaphora.pronoun_speaker",
                                         "anaphora.pronoun_subject"]
    assert all(f == f.lower() for r in rules for f in r.forms)


def test_qualifiers_come_after_events_or_at_the_end():
    names = [name for name, _ in KZ_PIPES]
    assert names[-3:] == ["kzevents_modality", "kzevents_sources", "kzevents_merge"]
    assert dict(KZ_PIPES)["kzevents_modality"] == {"after": "kzevents_events"}
    nlp = spacy.blank("fr")
    for name in ("kzevents_modality", "kzevents_sources", "kzevents_merge"):
        nlp.add_pipe(name)  # a pipeline of one's own without events: they do nothing
    assert nlp("Rien ne s'est passé.")._.kz_events is None
    full = add_kzevents_pipes(spacy.blank("fr"))
    assert full.pipe_names[-4:] == ["kzevents_events", "kzevents_modality", "kzevents_sources",
                                    "kzevents_merge"]


# ---------------------------------------------------------------- annotated sentences

@pytest.mark.model
@pytest.mark.parametrize("records,least", [(MODALITY, 0.98), (HELDOUT, 0.96)],
                         ids=["ours", "heldout"])
def test_annotated_sentences(nlp, records, least):
    """Sentences of our own (every modality, every attribution form, pronouns,
    quotes over several sentences) and the held-out batch, events made by hand
    from the gold triggers: modality and source must stay right."""
    from kzevents.gazetteers import alias_lookup

    result = score_hand(nlp, records, alias_lookup())
    events = result["events"]
    tp, fp, fn = result["source_tp"], result["source_fp"], result["source_fn"]
    shown = "\n".join(map(str, result["mismatches"]))
    assert events == sum(len(r["events"]) for r in records)
    assert result["modality_right"] / events >= least, shown
    assert tp / (tp + fp) >= least and tp / (tp + fn) >= least, shown
    for modality, row in result["by_modality"].items():
        assert row["right"] / row["gold"] >= 0.9, (modality, shown)


@pytest.fixture(scope="module")
def sentence(nlp):
    """Qualify one hand-made event: (text, trigger, **hand_event options) -> event dict."""
    def run(text: str, trigger: str, **options):
        doc = parse(nlp, text)
        event = hand_event(doc, trigger, **options)
        qualify(nlp, doc, [event])
        return doc, event
    return run


@pytest.mark.model
def test_threat_is_asserted_the_threatened_act_is_not(sentence):
    text = "Le Kremlin menace de couper le gaz à l'Ukraine."
    assert sentence(text, "menace", type_="THREATEN")[1]["modality"] == "asserted"
    _, act = sentence(text, "couper", type_="SANCTION")
    assert act["modality"] == "hypothetical"
    assert any(rule.startswith("modality.hyp.") for rule in act["rules"])


@pytest.mark.model
def test_speech_date_verb_and_reported_pronoun_actor(sentence):
    doc, event = sentence("Le ministère kazakh de l'Intérieur a déclaré mardi 4 janvier qu'il "
                          "avait arrêté 200 émeutiers.", "arrêté", type_="COERCE", actor="il")
    source = event["source"]
    assert source["verb"] == "déclarer" and source["date"]["value"] == "2022-01-04"
    assert source["speaker"]["country"] == "KAZ" and source["speaker"]["sector"] == "GOV"
    assert event["actor"]["country"] == "KAZ"
    assert doc.text[event["actor"]["start"]: event["actor"]["end"]] == "il"
    assert "anaphora.pronoun_reported" in event["rules"]


@pytest.mark.model
def test_quote_over_several_sentences(sentence):
    text = ("Le porte-parole de l'armée a déclaré : « Nos soldats ont repris le pont. "
            "Les rebelles ont fui vers le nord. Nous avons arrêté douze combattants. »")
    _, event = sentence(text, "arrêté", type_="COERCE")
    assert event["source"]["verb"] == "déclarer"
    assert "source.quote_continued" in event["rules"]


@pytest.mark.model
@pytest.mark.parametrize("text,words,rule,name", [
    ("Le Kazakhstan a fermé ses frontières. Mardi, le pays a expulsé deux journalistes.",
     "le pays", "anaphora.le_pays", "Kazakhstan"),
    ("L'OTAN a réuni ses ministres. Jeudi, l'organisation a déployé des avions en Roumanie.",
     "l'organisation", "anaphora.l_organisation", "Organisation du traité de l'Atlantique nord"),
    ("Le président kazakh Kassym-Jomart Tokaïev a réuni son gouvernement. Jeudi, le président "
     "a limogé le Premier ministre.", "le président", "anaphora.le_president",
     "Kassym-Jomart Tokaïev"),
])
def test_general_noun_phrases_refer_back(nlp, text, words, rule, name):
    doc = parse(nlp, text)
    trigger = next(w for w in ("expulsé", "déployé", "limogé") if w in text)
    event = hand_event(doc, trigger, actor=words)
    qualify(nlp, doc, [event])
    assert event["actor"]["name"] == name and rule in event["rules"]


# ---------------------------------------------------------------- the seed article

@pytest.fixture(scope="module")
def seed(nlp):
    path = shared_file("seeds", "000_3b69c0a7b1b9c053.txt")
    return parse(nlp, path.read_text(encoding="utf-8"), "2022-01-11")


@pytest.mark.model
def test_seed_modalities(nlp, seed):
    events = [hand_event(seed, "blessé", "ASSAULT", index=1),
              hand_event(seed, "évacuer", "RETREAT", index=2),
              hand_event(seed, "quitter le pouvoir", "RETREAT", index=3),
              hand_event(seed, "liquidés", "ASSAULT", index=4),
              hand_event(seed, "poursuivront", "COERCE", index=5)]
    qualify(nlp, seed, events)
    assert [e["modality"] for e in events] == [
        "negated", "negated", "hypothetical", "asserted", "future"]
    liquidated = events[3]["source"]["speaker"]
    assert liquidated["name"] == "ministère de l'Intérieur (Kazakhstan)"
    assert events[0]["source"]["speaker"]["name"] == "Vahan Hunanian"  # "a-t-il ajouté"
    assert events[4]["source"]["speaker"]["name"] == "Kassym-Jomart Tokaïev"  # "il a précisé"


@pytest.mark.model
def test_seed_dispatch_is_one_event_with_both_mentions(nlp, seed):
    headline = hand_event(seed, "envoyé", "AID", occurrence=0, index=1, actor="Arménie",
                          recipient="Kazakhstan", slots=True)
    body = hand_event(seed, "envoyé", "AID", occurrence=1, index=2, actor="il",
                      recipient="Kazakhstan", slots=True)
    qualify(nlp, seed, [headline, body],
            ("kzevents_modality", "kzevents_sources", "kzevents_merge"))
    (event,) = seed._.kz_events
    assert [m["start"] for m in event["mentions"]] == [body["trigger"]["start"],
                                                      headline["trigger"]["start"]]
    source = event["source"]
    assert source["speaker"]["name"] == "ministère de la Défense (Arménie)"
    assert source["verb"] == "déclarer" and source["date"]["value"] == "2022-01-07"
    assert event["actor"]["country"] == "ARM"
    assert [(c["value"], c["category"]) for c in event["counts"]] == [(100, "deployed")]


@pytest.mark.model
def test_seed_end_to_end(extractor):
    """The issue's checks through the whole pipeline (events found by kzevents_events)."""
    text = shared_file("seeds", "000_3b69c0a7b1b9c053.txt").read_text(encoding="utf-8")
    article = extractor.extract(text, published="2022-01-11")
    by_trigger = {}
    for event in article.events:
        for text in dict.fromkeys(m.text for m in event.mentions or [event.trigger]):
            by_trigger.setdefault(text, []).append(event)
    dispatch = [e for e in by_trigger["envoyé"] if len(e.mentions) == 2]
    assert len(dispatch) == 1, [e.mentions for e in by_trigger["envoyé"]]
    source = dispatch[0].source
    assert source.speaker.name == "ministère de la Défense (Arménie)"
    assert source.verb == "déclarer" and source.date.value == "2022-01-07"
    (liquidated,) = by_trigger["liquidés"]
    assert liquidated.source.speaker.name == "ministère de l'Intérieur (Kazakhstan)"
    assert [e.modality for e in by_trigger["blessé"]] == ["negated"]
    assert [e.modality for e in by_trigger["évacuer"]] == ["negated"]
    assert [e.modality for e in by_trigger["quitter le pouvoir"]] == ["hypothetical"]


# ---------------------------------------------------------------- end to end, rules of batch 3

def _sources(extractor, text: str) -> list[tuple[str, str, str | None]]:
    article = extractor.extract(text, published="2022-01-11")
    return [(e.type, e.trigger.text, e.source.speaker.name or e.source.speaker.text
             if e.source and e.source.speaker else None) for e in article.events]


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    # a present participle is no incise: the noun after it is its object, not a speaker
    ("Le Kenya a rappelé son ambassadeur à Kampala, accusant la police ougandaise de "
     "brutalités.", [("SANCTION", "rappelé son ambassadeur", None), ("ACCUSE", "accusant", None)]),
    # the speaker's own act, in a relative clause on the speaker, is not reported by it
    ("Des militaires ont arrêté 12 opposants à Niamey, a rapporté la radio nationale, qui "
     "dénonce un complot.", [("COERCE", "arrêté", "la radio nationale"),
                             ("ACCUSE", "dénonce", None)]),
    # an incise closing a quote does not reach back before the colon
    ("Le président a exigé le départ des troupes étrangères : « Nous ne céderons pas », "
     "a-t-il déclaré.", [("REQUEST", "exigé", None)]),
    # a title between the role and the person: the person speaks
    ("Trois soldats ont été tués, a indiqué le porte-parole de l'armée, le colonel Souleymane "
     "Dembélé.", [("ASSAULT", "tués", "Souleymane Dembélé")]),
])
def test_who_is_and_is_not_the_source(extractor, text, expected):
    assert _sources(extractor, text) == expected


@pytest.mark.model
def test_a_pronominal_commitment_is_future_a_light_verb_is_not(extractor):
    (release,) = extractor.extract("Le gouvernement s'est engagé mardi à libérer 200 "
                                   "prisonniers politiques.", published="2022-01-11").events
    (fight,) = extractor.extract("L'armée a engagé des combats contre les rebelles près de "
                                 "Goma.", published="2022-01-11").events
    assert (release.type, release.modality) == ("RETREAT", "future")
    assert "modality.fut.plan" in release.rules
    assert (fight.type, fight.modality) == ("ASSAULT", "asserted")
