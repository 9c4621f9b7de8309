"""The scorer itself, on ten annotated sentences and predictions built from them."""

from __future__ import annotations

import json

import pytest

from kzevents.errors import DataFileError
from kzevents.evaluation import GoldRecord, read_gold, same_name, score
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

from .conftest import DATA

GOLD = DATA / "scorer.jsonl"


def _at(text: str, needle: str | None, fallback: tuple[int, int]) -> tuple[str, int, int]:
    """The mention of ``needle`` in ``text``, or the fallback span when absent."""
    if needle and needle in text:
        start = text.index(needle)
        return needle, start, start + len(needle)
    start, end = fallback
    return text[start:end], start, end


def perfect_article(record: GoldRecord) -> Article:
    """An Article whose events say exactly what the gold says."""
    text = record.text
    events = []
    for gold in record.events:
        _, t0, t1 = _at(text, gold.trigger, (0, 1))
        trig = (t0, t1)

        def part(name, country, cls=Participant, trig=trig, **extra):
            if name is None:
                return None
            mtext, s, e = _at(text, name, trig)
            return cls(text=mtext, start=s, end=e, name=name, country=country, **extra)

        date = None
        if gold.date:
            date = TimeRef(text=text[t0:t1], start=t0, end=t1, value=gold.date,
                           grain=gold.date_grain)
        counts = [Count(text=text[t0:t1], start=t0, end=t1, value=c.value,
                        category=c.category, qualifier=c.qualifier or "exact")
                  for c in gold.counts or []]
        events.append(Event(
            type=gold.type, mode=gold.mode,
            trigger=Trigger(text=text[t0:t1], start=t0, end=t1, lemma=text[t0:t1]),
            actor=part(gold.actor, gold.actor_country),
            recipient=part(gold.recipient, gold.recipient_country),
            place=part(gold.place, gold.place_country, cls=Entity, label="LOC"),
            date=date, counts=counts, modality=gold.modality or "asserted",
            source=Attribution(speaker=part(gold.source, None)) if gold.source else None,
            sentence=Mention(text=text, start=0, end=len(text)),
        ))
    return Article(id=record.id, text=text, events=events)


@pytest.fixture(scope="module")
def gold() -> list[GoldRecord]:
    return read_gold(GOLD)


def test_the_gold_file_has_ten_records_and_ten_events(gold):
    assert len(gold) == 10
    assert sum(len(r.events) for r in gold) == 10


def test_a_perfect_prediction_scores_one_everywhere(gold):
    report = score(gold, [perfect_article(r) for r in gold])
    assert report.paired_events == report.gold_events == 10
    assert report.false_event_rate == 0.0
    assert report.mismatches == []
    for name, slot in report.slots.items():
        assert (name, slot.precision, slot.recall, slot.f1) == (name, 1.0, 1.0, 1.0)
    assert {"type", "actor", "place", "date", "counts", "modality", "source"} <= set(report.slots)


def test_a_missing_event_lowers_recall_not_precision(gold):
    articles = [perfect_article(r) for r in gold]
    articles[0] = articles[0].model_copy(update={"events": []})
    report = score(gold, articles)
    assert report.slots["type"].recall == pytest.approx(9 / 10)
    assert report.slots["type"].precision == 1.0
    assert report.slots["counts"].fn == 1
    assert report.slots["actor"].recall < 1.0


def test_an_extra_event_lowers_precision_and_counts_as_false_event(gold):
    articles = [perfect_article(r) for r in gold]
    calm = articles[5]  # the sentence with no event
    extra = Event(type="PROTEST", trigger=Trigger(text="météo", start=3, end=8, lemma="météo"),
                  sentence=Mention(text=calm.text, start=0, end=len(calm.text)),
                  actor=Participant(text="météo", start=3, end=8))
    articles[5] = calm.model_copy(update={"events": [extra]})
    report = score(gold, articles)
    assert report.slots["type"].precision == pytest.approx(10 / 11)
    assert report.slots["type"].recall == 1.0
    assert report.false_event_rate == pytest.approx(1 / 11)
    assert report.slots["actor"].fp == 1


def test_a_wrong_slot_is_both_a_false_positive_and_a_false_negative(gold):
    articles = [perfect_article(r) for r in gold]
    first = articles[0].events[0]
    wrong = first.model_copy(update={"modality": "negated"})
    articles[0] = articles[0].model_copy(update={"events": [wrong]})
    report = score(gold, articles)
    assert (report.slots["modality"].fp, report.slots["modality"].fn) == (1, 1)
    assert report.mismatches[0].slot == "modality"


def test_null_gold_slot_penalises_a_filled_prediction(gold):
    articles = [perfect_article(r) for r in gold]
    idx = next(i for i, r in enumerate(gold) if r.id == "sc-07")
    event = articles[idx].events[0]
    filled = event.model_copy(update={"actor": Participant(text="tirs", start=33, end=37)})
    articles[idx] = articles[idx].model_copy(update={"events": [filled]})
    report = score(gold, articles)
    assert report.slots["actor"].fp == 1
    assert report.slots["actor"].fn == 0


def test_pairing_needs_trigger_overlap_when_the_gold_gives_one(gold):
    articles = [perfect_article(r) for r in gold]
    event = articles[1].events[0]
    moved = event.model_copy(update={"trigger": Trigger(text="dénoncer", start=54, end=62,
                                                         lemma="dénoncer")})
    articles[1] = articles[1].model_copy(update={"events": [moved]})
    report = score(gold, articles)
    assert report.paired_events == 9
    assert report.false_event_rate == pytest.approx(1 / 10)


def test_type_alternatives_pair_too(gold):
    articles = [perfect_article(r) for r in gold]
    idx = next(i for i, r in enumerate(gold) if r.id == "sc-10")
    event = articles[idx].events[0]
    articles[idx] = articles[idx].model_copy(
        update={"events": [event.model_copy(update={"type": "RETREAT"})]})
    assert score(gold, articles).paired_events == 10


@pytest.mark.parametrize(("gold_name", "candidates", "expected"), [
    ("Nikol Pachinian", ["Pachinian"], True),
    ("policiers", ["18 policiers"], True),
    ("ministère de l'Intérieur du Kazakhstan", ["Le ministère de l'Intérieur du Kazakhstan"], True),
    ("ministère de l'Intérieur du Kazakhstan", ["ministère"], False),
    ("Arménie", ["Azerbaïdjan"], False),
    ("Tokaïev", ["TOKAIEV"], True),
])
def test_same_name(gold_name, candidates, expected):
    assert same_name(gold_name, candidates) is expected


def test_record_level_entities_dates_and_counts_are_scored():
    record = GoldRecord(
        id="x", text="Le 5 janvier, 300 manifestants à Almaty.", published="2022-01-11",
        entities=[{"text": "Almaty", "label": "LOC", "country": "KAZ"}],
        dates=[{"text": "5 janvier", "value": "2022-01-05", "grain": "day"}],
        counts=[{"text": "300 manifestants", "value": 300, "category": "participants",
                 "qualifier": "exact"}],
    )
    article = Article(
        text=record.text,
        entities=[Entity(text="Almaty", start=33, end=39, label="LOC", country="KAZ")],
        dates=[TimeRef(text="5 janvier", start=3, end=12, value="2022-01-05", grain="day")],
        counts=[Count(text="300 manifestants", start=14, end=30, value=300,
                      category="participants")],
    )
    report = score([record], [article])
    for slot in ("entities", "entity_country", "dates", "record_counts",
                 "record_counts_qualifier"):
        assert report.slots[slot].f1 == 1.0, slot
    wrong = article.model_copy(update={"dates": []})
    assert score([record], [wrong]).slots["dates"].recall == 0.0


def test_bad_gold_lines_name_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    good = json.dumps({"id": "a", "text": "x", "events": []})
    path.write_text(good + "\n" + json.dumps({"id": "b", "text": "y", "events": [
        {"type": "RIOT"}]}) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"gold\.jsonl, line 2: .*events\.0\.type"):
        read_gold(path)
    with pytest.raises(DataFileError, match="no such file"):
        read_gold(tmp_path / "absent.jsonl")


def test_report_table_and_json_show_the_scores(gold):
    from kzevents.evaluation import report_json

    report = score(gold, [perfect_article(r) for r in gold])
    table = report.to_table()
    assert table.splitlines()[0].split() == ["slot", "P", "R", "F1", "tp", "fp", "fn"]
    assert "false-event rate 0.000" in table
    data = json.loads(report_json(report))
    assert data["slots"]["type"]["f1"] == 1.0
    assert data["false_event_rate"] == 0.0


def test_kzevents_evaluate_stays_a_function_after_the_module_is_imported(extractor):
    import kzevents
    import kzevents.evaluation

    first = kzevents.evaluate(GOLD)
    second = kzevents.evaluate(GOLD)
    assert callable(kzevents.evaluate)
    assert first.records == second.records == 10


# ---------------------------------------------------------------- segments of one article

def _records(*rows: tuple[str, str | None]) -> list[GoldRecord]:
    return [GoldRecord(id=f"r{i}", text=text, article=article)
            for i, (text, article) in enumerate(rows)]


def test_records_sharing_an_article_key_are_joined_in_file_order():
    from kzevents.evaluation import in_context

    records = _records(("A un.", "a"), ("A deux.", "a"), ("Seul.", None), ("B un.", "b"),
                       ("A trois.", "a"))
    groups = [([r.id for r in group], text) for group, text in in_context(records)]
    assert groups == [(["r0", "r1"], "A un.\n\nA deux."), (["r2"], "Seul."),
                      (["r3"], "B un."), (["r4"], "A trois.")]
    joined = in_context(_records(("Un.", None), ("Deux.", None)), one_article=True)
    assert [([r.id for r in g], t) for g, t in joined] == [(["r0", "r1"], "Un.\n\nDeux.")]


def test_an_article_is_split_back_into_its_segments_with_their_offsets():
    from kzevents.evaluation import split_article

    first, second = "L'Arménie a envoyé cent soldats.", "Le pays a envoyé 100 soldats."
    text = f"{first}\n\n{second}"
    base = len(first) + 2

    def trigger(start: int) -> Trigger:
        return Trigger(text="envoyé", start=start, end=start + 6, lemma="envoyer")

    at_first, at_second, at_count = first.index("envoyé"), second.index("envoyé"), 17
    told_twice = Event(type="AID", trigger=trigger(base + at_second), mentions=[
        trigger(base + at_second), trigger(at_first)],
        sentence=Mention(text=second, start=base, end=len(text)))
    count = Count(text="100 soldats", start=base + at_count, end=base + at_count + 11, value=100)
    article = Article(text=text, events=[told_twice], counts=[count])
    one, two = split_article(article, [(0, len(first)), (base, len(text))])
    assert [first[e.trigger.start:e.trigger.end] for e in one.events] == ["envoyé"]
    assert [second[e.trigger.start:e.trigger.end] for e in two.events] == ["envoyé"]
    assert one.counts == [] and [second[c.start:c.end] for c in two.counts] == ["100 soldats"]


@pytest.mark.model
def test_a_pronoun_speaker_is_found_when_segments_are_scored_in_context(extractor, tmp_path):
    from kzevents.evaluation import evaluate_file

    event = {"type": "ASSAULT", "trigger": "tués", "source": "ministère de l'Intérieur"}
    rows = [
        {"id": "p1", "text": "Le ministère de l'Intérieur a fait le point jeudi soir.",
         "published": "2023-05-12", "events": []},
        {"id": "p2", "text": "Trois policiers ont été tués lors d'une embuscade près de "
                             "Gao, a-t-il indiqué.", "published": "2023-05-12",
         "events": [event]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    alone = evaluate_file(path, extractor)
    together = evaluate_file(path, extractor, one_article=True)
    assert alone.slots["source"].recall == 0.0, alone.to_table()
    assert together.slots["source"].recall == 1.0, together.to_table()
    assert together.slots["type"].f1 == alone.slots["type"].f1 == 1.0
