"""Long texts in chunks (kzevents.chunking): where the cuts fall, and that an
article cut into small chunks gives what the whole article gives, offsets included.

The articles below are written for this test. The model tests share the
session's pipeline and run each extraction once (module fixtures).
"""

from __future__ import annotations

import pytest

from kzevents import Extractor
from kzevents.chunking import cut_points, shifted
from kzevents.merge import _filled, absorb, merge_doc_events, same_event

PUBLISHED = "2022-01-18"

# A headline and paragraphs whose later ones refer back: "La veille" to the
# Friday of the first paragraph, "M. Seitkali" to the journalist named before,
# "a-t-il précisé" to the ministry that spoke, and the arrest told three times.
ARREST = """Arrestation d'un journaliste à Chymkent

La police a arrêté vendredi 14 janvier le journaliste indépendant Arman Seitkali à Chymkent, \
dans le sud du pays.

Le journaliste Arman Seitkali a été arrêté par la police à Chymkent vendredi, a affirmé son \
avocat. M. Seitkali enquêtait sur la corruption au sein de l'administration régionale.

La veille, le ministère de l'Intérieur avait annoncé l'interpellation de douze militants à \
Taraz. Il a ajouté que d'autres arrestations étaient prévues.

Le 16, une centaine de personnes ont manifesté devant le tribunal pour demander la libération \
de M. Seitkali, a-t-il précisé.
"""

UNREST = """Des milliers de manifestants rassemblés à Almaty contre la hausse du prix du gaz

Plusieurs milliers de personnes se sont rassemblées mardi 4 janvier sur la place de la \
République à Almaty pour protester contre le doublement du prix du gaz liquéfié, selon des \
journalistes présents sur place.

Le président Kassym-Jomart Tokaïev a limogé le gouvernement dans la nuit et a décrété l'état \
d'urgence dans la ville. Il a promis de rétablir l'ordre « par tous les moyens ».

Le lendemain, la police a arrêté 200 manifestants dans le centre-ville, a indiqué le ministère \
de l'Intérieur dans un communiqué. M. Tokaïev a ensuite demandé l'aide de l'Organisation du \
traité de sécurité collective.

La Russie a envoyé 3 000 parachutistes au Kazakhstan le 6 janvier. Selon le ministère russe de \
la Défense, les soldats doivent protéger les bâtiments officiels.

Deux jours plus tard, au moins 26 personnes ont été tuées lors des affrontements à Almaty, a \
annoncé la police. Le ministère de la Santé a fait état de plus de mille blessés.
"""

CHUNK = 250  # a chunk per paragraph (the first with its headline)
FIELDS = ("entities", "dates", "counts", "amounts", "events")


# ------------------------------------------------------------------ cuts (no model)

def _chunks(text: str, size: int) -> list[str]:
    return [text[a:b] for a, b in cut_points(text, size)]


def test_cuts_cover_the_text_and_respect_the_size():
    text = ARREST * 7
    for size in (50, 200, 1000):
        chunks = _chunks(text, size)
        assert "".join(chunks) == text
        assert all(0 < len(c) <= size for c in chunks)


def test_cuts_fall_after_blank_lines():
    chunks = _chunks(ARREST, CHUNK)
    assert len(chunks) == 4  # the headline and the first paragraph fit in one
    assert all(c.endswith("\n\n") for c in chunks[:-1])
    assert chunks[1].startswith("Le journaliste Arman Seitkali")


def test_without_blank_lines_cuts_fall_at_sentence_ends():
    text = ("Le ministre a démissionné mardi. M. Tokaïev a nommé un successeur. "
            "La police a arrêté 12 militants à Taraz. ") * 3
    chunks = _chunks(text, 120)
    assert all(c.rstrip().endswith(".") for c in chunks)
    assert not any(c.rstrip().endswith("M.") for c in chunks)  # not after a civility


def test_cuts_avoid_the_inside_of_a_quotation():
    text = ("Il a déclaré : « Nous resterons.\n\nNous ne partirons pas. »\n\n"
            "La police a dispersé la foule.\n\n")
    chunks = _chunks(text, len(text) - 10)
    assert chunks[0].endswith("pas. »\n\n")


def test_a_word_longer_than_a_chunk_is_cut():
    assert _chunks("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_shifted_moves_every_mention():
    event = {"trigger": {"start": 3, "end": 8}, "counts": [{"start": 10, "end": 12}],
             "sentence": {"start": 0, "end": 20}, "type": "PROTEST"}
    moved = shifted(event, 100)
    assert moved["trigger"] == {"start": 103, "end": 108}
    assert moved["counts"][0] == {"start": 110, "end": 112}
    assert moved["sentence"] == {"start": 100, "end": 120}
    assert event["trigger"]["start"] == 3  # a copy


def test_max_chunk_chars_is_checked():
    with pytest.raises(ValueError, match="max_chunk_chars"):
        Extractor(max_chunk_chars=0)


# ------------------------------------------------------------------ with the model

@pytest.fixture(scope="module")
def results(extractor):
    """(whole, chunked) Articles of each article, the chunked ones cut every paragraph."""
    chunked = Extractor(max_chunk_chars=CHUNK)
    chunked._nlp = extractor.nlp  # the session's pipeline, not a second copy
    whole = Extractor(max_chunk_chars=None)
    whole._nlp = extractor.nlp
    return {name: (whole.extract(text, published=PUBLISHED),
                   chunked.extract(text, published=PUBLISHED))
            for name, text in (("arrest", ARREST), ("unrest", UNREST))}


def _dump(article, field):
    return [item.model_dump(mode="json") for item in getattr(article, field)]


@pytest.mark.model
@pytest.mark.parametrize("name", ["arrest", "unrest"])
def test_chunked_article_equals_the_whole_one(results, name):
    whole, chunked = results[name]
    text = ARREST if name == "arrest" else UNREST
    assert len(cut_points(text, CHUNK)) >= 4
    assert chunked.text == text
    for field in FIELDS:
        assert _dump(chunked, field) == _dump(whole, field), field
    assert len(chunked.events) >= 5 and len(chunked.dates) == 4
    for event in chunked.events:
        for mention in [event.trigger, *event.mentions, event.actor, event.recipient]:
            if mention is not None:
                assert text[mention.start : mention.end] == mention.text


def _chunk_of(text: str, offset: int) -> int:
    return next(k for k, (a, b) in enumerate(cut_points(text, CHUNK)) if a <= offset < b)


@pytest.mark.model
def test_relative_dates_after_a_cut(results):
    """ "La veille" and "Le lendemain" open a chunk: they count from the last
    date of the chunk before, not from the publication date."""
    _, arrest = results["arrest"]
    veille = next(d for d in arrest.dates if d.text == "La veille")
    friday = next(d for d in arrest.dates if d.text == "vendredi 14 janvier")
    assert _chunk_of(ARREST, veille.start) > _chunk_of(ARREST, friday.start)
    assert veille.value == "2022-01-13"
    _, unrest = results["unrest"]
    assert [(d.text, d.value) for d in unrest.dates] == [
        ("mardi 4 janvier", "2022-01-04"), ("Le lendemain", "2022-01-05"),
        ("le 6 janvier", "2022-01-06"), ("Deux jours plus tard", "2022-01-08")]


@pytest.mark.model
def test_people_speakers_and_merging_across_cuts(results):
    _, arrest = results["arrest"]
    seitkali = [e for e in arrest.entities if e.text == "Seitkali" and e.label == "PER"]
    assert seitkali and all(e.name == "Arman Seitkali" for e in seitkali)
    protest = next(e for e in arrest.events if e.type == "PROTEST")
    assert protest.source is not None and protest.source.speaker is not None
    assert protest.source.speaker.text == "il"
    assert protest.source.speaker.name == "ministère de l'Intérieur"
    arrested = next(e for e in arrest.events if e.type == "COERCE" and len(e.mentions) > 1)
    chunks = {_chunk_of(ARREST, m.start) for m in arrested.mentions}
    assert "Arrestation" in [m.text for m in arrested.mentions] and len(chunks) >= 2
    assert [e.id for e in arrest.events] == [f"e{k}" for k in range(1, len(arrest.events) + 1)]


@pytest.mark.model
def test_a_long_text_in_many_chunks(extractor):
    """Generated news (bench/news_corpus.py) cut into several chunks: the
    results reach the end of the text, every offset holds, and ``extract_many``
    gives the same Article as ``extract``."""
    news_corpus = pytest.importorskip("bench.news_corpus")
    text = news_corpus.text_of(2_500, seed=21)
    small = Extractor(max_chunk_chars=2_000)
    small._nlp = extractor.nlp
    article = small.extract(text, published=PUBLISHED)
    assert len(cut_points(text, 2_000)) >= 6
    assert article.events and article.events[-1].trigger.start > 0.8 * len(text)
    for entity in article.entities:
        assert text[entity.start : entity.end] == entity.text
    (again,) = small.extract_many([{"text": text, "published": PUBLISHED}])
    assert again.model_dump() == article.model_dump()


def _merge_every_pair(events):
    """``merge_doc_events`` as first written: each event against every merged one."""
    merged = []
    for event in sorted(events, key=lambda e: e["trigger"]["start"]):
        event.setdefault("mentions", [event["trigger"]])
        index = next((i for i, m in enumerate(merged) if same_event(m, event)), None)
        if index is None:
            merged.append(event)
        elif _filled(event) > _filled(merged[index]):
            absorb(event, merged[index])
            merged[index] = event
        else:
            absorb(merged[index], event)
    merged.sort(key=lambda e: e["trigger"]["start"])
    for number, event in enumerate(merged, 1):
        event["id"] = f"e{number}"
    return merged


@pytest.mark.model
def test_merging_by_type_equals_merging_every_pair(nlp):
    """The merge of a long article compares an event only with those of its type
    and modality: on generated news it merges exactly what every pair would."""
    import copy

    news_corpus = pytest.importorskip("bench.news_corpus")
    doc = nlp(news_corpus.text_of(2_500, seed=22), disable=["kzevents_merge"])
    events = doc._.kz_events
    merged = merge_doc_events(copy.deepcopy(events))
    assert merged == _merge_every_pair(copy.deepcopy(events))
    assert len(merged) < len(events)  # some tellings were merged
