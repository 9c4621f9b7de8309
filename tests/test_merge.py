"""Merging the tellings of one event: within an article (kzevents_merge) and
across articles (kzevents.merge)."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest

from kzevents.merge import (
    MERGE_WINDOW_CHARS,
    dates_agree,
    merge_doc_events,
    participants_agree,
    places_agree,
    reconcile_counts,
    same_event,
    to_dataframe,
    to_records,
)
from kzevents.models import Article, MergedEvent
from tests.conftest import DATA, read_jsonl
from tests.hand_events import _find, hand_event, parse, qualify

merge_module = importlib.import_module("kzevents.merge")  # kzevents.merge is also a function

ALMATY = {"start": 0, "end": 6, "name": "Almaty", "kb_id": "geonames:1526384", "country": "KAZ",
          "geonameid": 1526384, "precision": 4, "label": "LOC"}
KAZAKHSTAN = {"start": 0, "end": 10, "name": "Kazakhstan", "kb_id": "Q232", "country": "KAZ",
              "geonameid": 1522867, "precision": 1, "label": "LOC"}
AKTAU = {"start": 0, "end": 6, "name": "Aktaou", "kb_id": "geonames:610611", "country": "KAZ",
         "geonameid": 610611, "precision": 4, "label": "LOC"}


def day(value: str) -> dict[str, Any]:
    return {"start": 0, "end": 5, "value": value, "grain": "day", "earliest": value,
            "latest": value, "relative": False, "part_of_day": None}


def month(value: str, last: int) -> dict[str, Any]:
    return {"start": 0, "end": 5, "value": value, "grain": "month", "earliest": f"{value}-01",
            "latest": f"{value}-{last}", "relative": False, "part_of_day": None}


def killed(value: int, qualifier: str = "exact") -> dict[str, Any]:
    return {"start": 0, "end": 2, "value": value, "low": None, "high": None,
            "qualifier": qualifier, "noun": "morts", "category": "killed", "sector": None}


def event(start: int, sentence: int, **slots: Any) -> dict[str, Any]:
    base = {"id": None, "type": "ASSAULT", "mode": None, "modality": "asserted",
            "trigger": {"start": start, "end": start + 4, "lemma": "tuer"},
            "sentence": {"start": sentence, "end": sentence + 50}, "actor": None,
            "recipient": None, "co_actors": [], "co_recipients": [], "place": None,
            "date": None, "counts": [], "source": None, "confidence": 1.0, "rules": []}
    base.update(slots)
    base["mentions"] = [base["trigger"]]
    return base


# ---------------------------------------------------------------- rules, no model

def test_headline_and_body_become_one_event_with_both_mentions():
    headline = event(0, 0, place=KAZAKHSTAN, counts=[killed(18)])
    body = event(60, 55, place=ALMATY, date=day("2022-01-05"), counts=[killed(18)])
    merged = merge_doc_events([body, headline])
    assert len(merged) == 1
    one = merged[0]
    assert [m["start"] for m in one["mentions"]] == [60, 0]  # the body proves the slots
    assert one["trigger"] == one["mentions"][0] and one["id"] == "e1"
    assert one["place"]["name"] == "Almaty"          # a city beats a country
    assert one["date"]["value"] == "2022-01-05"     # a date beats none
    assert [c["value"] for c in one["counts"]] == [18]
    assert "merge.same_event" in one["rules"]


def test_tellings_further_apart_than_the_window_stay_apart_but_a_chain_reaches_on():
    first = event(0, 0, place=ALMATY, counts=[killed(18)])
    far = event(MERGE_WINDOW_CHARS + 100, MERGE_WINDOW_CHARS + 50, place=ALMATY,
                counts=[killed(18)])
    assert len(merge_doc_events([first, far])) == 2
    step = MERGE_WINDOW_CHARS // 2  # each telling near the one before it: one event
    chain = [event(i * step, i * step, place=ALMATY, counts=[killed(18)]) for i in range(4)]
    assert [len(e["mentions"]) for e in merge_doc_events(chain)] == [4]


def test_merging_a_long_text_costs_in_proportion_to_its_length(monkeypatch):
    calls = []
    real = merge_module.same_event
    monkeypatch.setattr(merge_module, "same_event",
                        lambda a, b: calls.append(1) or real(a, b))

    def comparisons(n: int) -> int:  # n distinct events, one every 500 characters
        calls.clear()
        merge_doc_events([event(i * 500, i * 500, date=day(f"20{i % 90 + 10}-01-05"))
                          for i in range(n)])
        return len(calls)

    assert comparisons(4000) <= 1.2 * 10 * comparisons(400)  # 200 000 and 2 000 000 chars


def test_counts_that_differ_keep_the_range_never_the_sum():
    merged = merge_doc_events([event(0, 0, place=ALMATY, counts=[killed(20, "at_least")]),
                               event(60, 55, place=ALMATY, counts=[killed(23)])])
    (count,) = merged[0]["counts"]
    assert (count["value"], count["low"], count["high"], count["qualifier"]) == (
        20, 20, 23, "range")
    assert "merge.count_range" in merged[0]["rules"]


def test_a_day_beats_a_month():
    merged = merge_doc_events([event(0, 0, place=ALMATY, date=month("2022-01", 31)),
                               event(60, 55, place=ALMATY, date=day("2022-01-05"))])
    assert len(merged) == 1 and merged[0]["date"]["value"] == "2022-01-05"


def test_events_that_differ_in_a_slot_both_state_stay_apart():
    two_days = [event(0, 0, place=ALMATY, date=day("2022-01-05")),
                event(60, 55, place=ALMATY, date=day("2022-01-06"))]
    assert len(merge_doc_events(two_days)) == 2
    two_places = [event(0, 0, place=ALMATY, date=day("2022-01-05")),
                  event(60, 55, place=AKTAU, date=day("2022-01-05"))]
    assert [e["id"] for e in merge_doc_events(two_places)] == ["e1", "e2"]


def test_one_shared_slot_is_not_enough_and_one_sentence_is_never_merged():
    assert not same_event(event(0, 0, place=ALMATY),
                          {**event(60, 55, place=ALMATY), "trigger": {
                              "start": 60, "end": 64, "lemma": "abattre"}})
    assert not same_event(event(0, 0, place=ALMATY, date=day("2022-01-05")),
                          event(20, 0, place=ALMATY, date=day("2022-01-05")))


def test_different_modality_or_type_stays_apart():
    a = event(0, 0, place=ALMATY, date=day("2022-01-05"))
    assert not same_event(a, {**event(60, 55, place=ALMATY, date=day("2022-01-05")),
                              "modality": "negated"})
    assert not same_event(a, {**event(60, 55, place=ALMATY, date=day("2022-01-05")),
                              "type": "COERCE"})


def test_slot_agreement():
    linked = {"name": "Arménie", "kb_id": "Q399", "country": "ARM"}
    ministry = {"name": "ministère de la Défense (Arménie)", "kb_id": "kz:body:ARM:def",
                "country": "ARM"}
    assert participants_agree(linked, ministry) is True
    assert participants_agree(linked, {"name": "Russie", "country": "RUS"}) is False
    assert participants_agree(linked, None) is None
    assert places_agree(ALMATY, KAZAKHSTAN) is True
    assert places_agree(ALMATY, AKTAU) is False
    assert dates_agree(month("2022-01", 31), day("2022-01-07")) is True
    assert dates_agree(day("2022-01-06"), day("2022-01-07")) is False


def test_reconcile_counts_keeps_equal_counts_and_categories_apart():
    counts, ranged = reconcile_counts([[killed(5)], [killed(5), {**killed(30),
                                                                  "category": "arrested"}]])
    assert [(c["value"], c["category"]) for c in counts] == [(5, "killed"), (30, "arrested")]
    assert ranged is False


# ---------------------------------------------------------------- within articles, on parses

MERGE_ARTICLES = read_jsonl(DATA / "merge_articles.jsonl")


@pytest.mark.model
def test_annotated_articles_merge_as_annotated(nlp):
    """A dozen short articles of our own: which tellings are one event, and the
    merged slots. Events are made by hand from the annotated triggers (the
    sentence's place, date and counts stand in for the events component)."""
    docs = [parse(nlp, r["text"], r["published"]) for r in MERGE_ARTICLES]
    for record, doc in zip(MERGE_ARTICLES, docs, strict=True):
        events = []
        for gold in record["events"]:
            for word, occurrence in gold["triggers"]:
                events.append(hand_event(doc, word, gold["type"], occurrence=occurrence,
                                         slots=True))
        qualify(nlp, doc, events, ("kzevents_modality", "kzevents_sources", "kzevents_merge"))
        merged = doc._.kz_events
        assert len(merged) == len(record["events"]), (record["id"], record["note"])
        for gold, got in zip(record["events"], merged, strict=True):
            starts = [_find(doc.text, w, o)[0] for w, o in gold["triggers"]]
            assert sorted(m["start"] for m in got["mentions"]) == starts, record["id"]
            assert got["trigger"] == got["mentions"][0]
            if "place" in gold:
                text = doc.text[got["place"]["start"]: got["place"]["end"]]
                assert text == gold["place"], record["id"]
            if "date" in gold:
                assert got["date"]["value"] == gold["date"], record["id"]
            for want in gold.get("counts", []):
                have = next(c for c in got["counts"] if c["category"] == want["category"])
                assert have["value"] == want["value"], record["id"]
                if "low" in want:
                    assert (have["low"], have["high"]) == (want["low"], want["high"]), record["id"]


# ---------------------------------------------------------------- across articles

MERGE_CORPUS = read_jsonl(DATA / "merge_corpus.jsonl")


@pytest.fixture(scope="module")
def corpus_articles(nlp) -> list[Article]:
    """The corpus as Articles whose events are made by hand on the parse."""
    from kzevents.convert import doc_to_article
    from kzevents.text import clean_markup

    articles = []
    for record in MERGE_CORPUS:
        doc = parse(nlp, record["text"], record["published"])
        events = [hand_event(doc, g["trigger"], g["type"], index=i + 1, slots=True)
                  for i, g in enumerate(record["events"])]
        qualify(nlp, doc, events, ("kzevents_modality", "kzevents_sources", "kzevents_merge"))
        articles.append(doc_to_article(
            doc, clean_markup(record["text"]), model="test", article_id=record["id"],
            published=dt.date.fromisoformat(record["published"])))
    return articles


@pytest.mark.model
def test_three_articles_tell_one_clash_with_different_tolls(corpus_articles):
    import kzevents

    merged = kzevents.merge(corpus_articles)
    assert all(isinstance(m, MergedEvent) for m in merged)
    clusters = {}
    for record in MERGE_CORPUS:
        for gold in record["events"]:
            clusters.setdefault(gold["cluster"], set()).add(record["id"])
    assert sorted(sorted(r.article_id for r in m.reports) for m in merged) == sorted(
        sorted(ids) for ids in clusters.values())
    bunia = next(m for m in merged if len(m.reports) == 3)
    assert bunia.place is not None and bunia.place.text == "Bunia"
    assert bunia.date is not None and bunia.date.value == "2022-02-14"
    (toll,) = [c for c in bunia.counts if c.category == "killed"]
    assert (toll.value, toll.low, toll.high, toll.qualifier) == (12, 12, 17, "range")
    assert (bunia.first_reported, bunia.last_reported) == (dt.date(2022, 2, 15),
                                                           dt.date(2022, 2, 16))
    speakers = [r.source.speaker.text for r in bunia.reports if r.source and r.source.speaker]
    assert speakers == ["un responsable local", "l'armée congolaise", "l'ONU"]
    assert [r.event_id for r in bunia.reports] == ["e1", "e1", "e1"]


@pytest.mark.model
def test_merged_events_as_records_and_dataframe(corpus_articles):
    import kzevents

    merged = kzevents.merge(corpus_articles)
    rows = to_records(merged)
    bunia = next(r for r in rows if r["reports"] == 3)
    assert (bunia["fatalities"], bunia["fatalities_low"], bunia["fatalities_high"]) == (12, 12, 17)
    assert bunia["articles"] == "bunia-1, bunia-2, bunia-3"
    pytest.importorskip("pandas")
    frame = to_dataframe(merged)
    assert len(frame) == len(merged) and "first_reported" in frame.columns


def test_merge_of_nothing_is_empty():
    import kzevents

    assert kzevents.merge([]) == []
    assert kzevents.merge([Article(text="Rien.")]) == []


@pytest.mark.model
def test_corpus_end_to_end(extractor):
    """The same corpus through the whole pipeline: the events component finds
    the clashes, kzevents.merge makes one record of the three Bunia reports."""
    import kzevents

    articles = list(extractor.extract_many(
        {"id": r["id"], "text": r["text"], "published": r["published"]} for r in MERGE_CORPUS))
    merged = kzevents.merge(articles)
    bunia = [m for m in merged if m.place is not None and m.place.text == "Bunia"]
    assert len(bunia) == 1 and len(bunia[0].reports) == 3
    (toll,) = [c for c in bunia[0].counts if c.category == "killed"]
    assert (toll.value, toll.low, toll.high) == (12, 12, 17)
    assert {m.place.text for m in merged if m.place is not None} == {"Bunia", "Beni", "Goma"}
