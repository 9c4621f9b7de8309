"""The pydantic data model: validation, JSON round trip, schema, records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

import kzevents
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

TEXT = "Selon le ministère, 300 manifestants ont été arrêtés le 6 janvier à Almaty."


def sample_article() -> Article:
    def m(cls, s, **kw):
        start = TEXT.index(s)
        return cls(text=s, start=start, end=start + len(s), **kw)

    date = m(TimeRef, "6 janvier", value="2022-01-06", grain="day",
             earliest=dt.date(2022, 1, 6), latest=dt.date(2022, 1, 6))
    count = m(Count, "300 manifestants", value=300, qualifier="exact", noun="manifestants",
              category="arrested", sector="CVL")
    place = m(Entity, "Almaty", label="LOC", kind="city", kb_id="Q35493", name="Almaty",
              country="KAZ", lat=43.25, lon=76.92, geonameid=1526384, precision=4)
    event = Event(
        type="COERCE", mode="arrest", trigger=m(Trigger, "arrêtés", lemma="arrêter"),
        recipient=m(Participant, "manifestants", sector="CVL"), place=place, date=date,
        counts=[count], modality="asserted",
        source=Attribution(speaker=m(Participant, "ministère", sector="GOV"), verb="selon"),
        sentence=Mention(text=TEXT, start=0, end=len(TEXT)), confidence=0.8,
        rules=["coerce.arrest.passive"],
    )
    return Article(id="a1", text=TEXT, published=dt.date(2022, 1, 11), model="m",
                   entities=[place], dates=[date], counts=[count], events=[event])


def test_json_round_trip_is_lossless():
    art = sample_article()
    again = Article.model_validate_json(art.model_dump_json())
    assert again == art
    assert again.events[0].place.lat == 43.25
    assert again.published == dt.date(2022, 1, 11)


def test_a_mention_that_does_not_match_the_text_is_rejected():
    data = json.loads(sample_article().model_dump_json())
    data["entities"][0]["start"] += 1
    with pytest.raises(ValidationError, match="does not match the text"):
        Article.model_validate(data)
    data = json.loads(sample_article().model_dump_json())
    data["dates"][0]["end"] = 10_000
    with pytest.raises(ValidationError, match="past the end"):
        Article.model_validate(data)


def test_closed_vocabularies_are_enforced():
    with pytest.raises(ValidationError):
        Entity(text="x", start=0, end=1, label="GPE")
    with pytest.raises(ValidationError):
        Count(text="x", start=0, end=1, category="dead")
    with pytest.raises(ValidationError):
        Mention(text="x", start=3, end=1)


def test_json_schema_describes_the_article():
    schema = kzevents.json_schema()
    assert schema["title"] == "Article"
    assert {"Entity", "TimeRef", "Count", "Event", "Participant", "Attribution"} <= set(
        schema["$defs"])
    assert schema["$defs"]["Event"]["properties"]["type"]["enum"][0] == "AGREE"


def test_records_flatten_one_row_per_event():
    rows = sample_article().to_records()
    assert len(rows) == 1
    row = rows[0]
    assert (row["article_id"], row["type"], row["mode"], row["trigger"]) == (
        "a1", "COERCE", "arrest", "arrêtés")
    assert (row["place_name"], row["place_country"], row["date"], row["count_value"]) == (
        "Almaty", "KAZ", "2022-01-06", 300)
    assert row["source"] == "ministère" and row["rules"] == "coerce.arrest.passive"
    entities = sample_article().to_records("entities")
    assert entities[0]["kb_id"] == "Q35493"


def test_dataframe_has_the_event_columns():
    pd = pytest.importorskip("pandas")
    frame = sample_article().to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc[0, "count_category"] == "arrested"
    empty = Article(text="").to_dataframe()
    assert list(empty.columns) == list(frame.columns) and len(empty) == 0


def test_all_mentions_are_walked():
    texts = {m.text for m in sample_article().mentions()}
    assert {"arrêtés", "manifestants", "Almaty", "6 janvier", "300 manifestants",
            "ministère", TEXT} <= texts
