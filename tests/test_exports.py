"""Each export opens in the tool its users use, with the values of the hand-made events."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kzevents.export import (
    ACLED_COLUMNS,
    CAMEO_COLUMNS,
    CAMEO_ROOTS,
    COUNT_CATEGORIES,
    EVENT_COLUMNS,
    FORMATS,
    acled_rows,
    articles_to_string,
    plover_records,
    plover_schema,
    to_dataframe,
    to_geojson,
    to_parquet,
    write_articles,
)
from kzevents.models import Article

from .handmade import corpus

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def articles():
    return corpus()


def read_csv(text: str, **options):
    return pd.read_csv(io.StringIO(text), **options)


def test_the_dataframe_spreads_counts_into_category_columns(articles):
    frame = to_dataframe(articles)
    assert list(frame.columns) == EVENT_COLUMNS
    assert len(frame) == 8
    assert set(COUNT_CATEGORIES) <= set(frame.columns)
    riot, killed, arrests = (frame[frame.article_id == "almaty"].set_index("event_id")
                             .loc[["e1", "e2", "e3"]].itertuples())
    assert (riot.participants, killed.killed, arrests.arrested) == (2000, 8, 200)
    assert pd.isna(riot.killed) and pd.isna(killed.arrested)


def test_an_event_with_several_counts_fills_several_columns(articles):
    from kzevents.models import Count

    article = articles[0]
    text = article.text
    hurt = Count(text="Huit policiers", start=text.index("Huit"), end=text.index("Huit") + 14,
                 value=8, category="injured")
    event = article.events[1].model_copy(update={"counts": [*article.events[1].counts, hurt]})
    row = to_dataframe([article.model_copy(update={"events": [event]})]).iloc[0]
    assert (row.killed, row.injured) == (8, 8)


def test_the_csv_reads_back_in_pandas(articles):
    frame = read_csv(articles_to_string(articles, "csv"))
    assert list(frame.columns) == EVENT_COLUMNS and len(frame) == 8
    assert frame.loc[frame.trigger == "interpellé", "arrested"].item() == 200


def test_the_acled_csv_has_acleds_columns_and_values(articles):
    frame = read_csv(articles_to_string(articles, "acled"))
    assert list(frame.columns) == ACLED_COLUMNS
    assert {"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
            "inter2", "country", "admin1", "location", "latitude", "longitude",
            "geo_precision", "event_date", "time_precision", "fatalities", "notes",
            "source"} <= set(frame.columns)
    # meetings, requests, curfews, negated events and an attack of unknown victims stay out
    assert frame.event_id_cnty.tolist() == ["almaty-e1", "almaty-e3", "troupes-e1", "greve-e2"]
    rows = frame.set_index("event_id_cnty")
    riot = rows.loc["almaty-e1"]
    assert (riot.event_type, riot.sub_event_type, riot.actor1, riot.inter1) == (
        "Riots", "Violent demonstration", "Rioters (Kazakhstan)", 5)
    assert (riot.event_date, riot.time_precision, riot.country, riot.location) == (
        "2022-01-05", 1, "Kazakhstan", "Almaty")
    assert (riot.latitude, riot.longitude, riot.geo_precision, riot.fatalities) == (
        43.25, 76.92, 1, 0)
    arrest = rows.loc["almaty-e3"]
    assert (arrest.sub_event_type, arrest.actor1, arrest.inter1, arrest.interaction) == (
        "Arrests", "Police Forces of Kazakhstan", 1, 10)
    assert arrest.time_precision == 3  # no date of its own: the publication date
    troops = rows.loc["troupes-e1"]
    assert (troops.actor1, troops.inter1, troops.actor2, troops.inter2, troops.interaction) == (
        "Government of Russia", 8, "Government of Kazakhstan", 1, 18)  # forces abroad: 8
    assert troops.geo_precision == 3  # the country only
    strike = rows.loc["greve-e2"]
    assert (strike.actor1, strike.assoc_actor_1, strike.inter1, strike.interaction) == (
        "Protesters (Kazakhstan)", "Labour Group (Kazakhstan)", 6, 60)


def test_acled_fatalities_come_from_the_killed_count(articles):
    article = articles[0]
    event = article.events[1].model_copy(update={"mode": "firearms"})
    [row] = acled_rows([article.model_copy(update={"events": [event]})])
    assert (row["event_type"], row["sub_event_type"], row["fatalities"]) == (
        "Battles", "Armed clash", 8)


def test_plover_records_validate_against_the_schema(articles):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(
        plover_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    lines = articles_to_string(articles, "plover").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 8
    for record in records:
        validator.validate(record)
    by_id = {r["id"]: r for r in records}
    riot = by_id["almaty-e1"]
    assert (riot["event"], riot["mode"], riot["date"], riot["quad_code"]) == (
        ["PROTEST"], ["riot"], "2022-01-05", 4)
    assert riot["actor"] == [{"code": "KAZ", "sector": "CVL", "entity_text": "manifestants",
                              "identifier_id": None, "identifier_text": None}]
    assert riot["event_loc"]["resolution"] == 4 and riot["event_loc"]["country_code"] == "KAZ"
    killed = by_id["almaty-e2"]
    assert killed["actor"] == [{"code": None, "sector": "UNK"}]  # the manual's unknown actor
    assert killed["size"] == {"dead": 8, "injured": None, "arrested": None}
    assert killed["date_source"] == "published"
    troops = by_id["troupes-e1"]
    assert troops["mode"] == [] and troops["context"] == ["military"]
    assert by_id["greve-e1"]["context"] == ["negation"]


def test_the_schema_rejects_what_the_manual_forbids(articles):
    jsonschema = pytest.importorskip("jsonschema")
    record = next(plover_records(articles))
    for field, bad in (("event", ["RIOT"]), ("date", "5 janvier 2022"), ("quad_code", 5),
                       ("mode", ["stampede"])):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**record, field: bad}, plover_schema())
    without_actor = {k: v for k, v in record.items() if k != "actor"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(without_actor, plover_schema())


def test_an_event_without_any_date_is_not_a_plover_record(articles):
    undated = articles[0].model_copy(update={"published": None})
    ids = [r["id"] for r in plover_records([undated])]
    assert ids == ["almaty-e1"]  # the only event with a date of its own


def test_the_cameo_tsv_has_valid_codes(articles):
    text = articles_to_string(articles, "cameo")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert len(rows) == 7  # every event but the negated one
    for row in rows:
        assert len(row) == len(CAMEO_COLUMNS)
        record = dict(zip(CAMEO_COLUMNS, row, strict=True))
        assert len(record["date"]) == 8 and record["date"].isdigit()
        assert record["root"] in CAMEO_ROOTS and record["code"].startswith(record["root"])
    as_tuples = {tuple(r[:5]) for r in rows}
    assert ("20220106", "KAZCOP", "---", "173", "17") in as_tuples  # police arrest
    assert ("20220106", "RUSGOV", "KAZGOV", "072", "07") in as_tuples  # military aid
    assert ("20220104", "KAZLAB", "---", "143", "14") in as_tuples  # strike
    frame = read_csv(text, sep="\t", header=None, names=CAMEO_COLUMNS, dtype=str)
    assert frame.root.isin(CAMEO_ROOTS).all()


def test_the_geojson_has_one_point_per_placed_event_in_lon_lat_order(articles):
    data = json.loads(articles_to_string(articles, "geojson"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert len(features) == 6
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    almaty = next(f for f in features if f["properties"]["id"] == "almaty-e1")
    assert almaty["geometry"]["coordinates"] == [76.92, 43.25]  # longitude first
    assert almaty["properties"]["participants"] == 2000
    assert to_geojson([Article(text="Rien.")])["features"] == []


def test_parquet_round_trip(articles, tmp_path):
    pytest.importorskip("pyarrow")
    path = to_parquet(articles, tmp_path / "events.parquet")
    frame = pd.read_parquet(path)
    assert len(frame) == 8 and frame.killed.max() == 8


def test_every_format_writes_something_for_no_events_and_counts_articles():
    empty = [Article(id="vide", text="Rien ne s'est passé.")]
    for fmt in FORMATS:
        out = io.StringIO()
        assert write_articles(empty, out, fmt) == 1
    assert read_csv(articles_to_string(empty, "acled")).columns.tolist() == ACLED_COLUMNS
    assert articles_to_string(empty, "plover") == ""


def test_old_import_paths_still_work():
    from kzevents.export import article_records, event_record, records_to_dataframe  # noqa: F401
