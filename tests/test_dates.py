"""Dates: annotated sentences (tests/data/dates.jsonl) and parse_date units.

The sentence tests run ``kzevents_dates`` on ``spacy.blank("fr")`` (no model);
one model test checks the same file through the full pipeline.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import kzevents
from kzevents.errors import InputTypeError, InputValueError
from tests.conftest import DATA, read_jsonl, shared_file

RECORDS = read_jsonl(DATA / "dates.jsonl")
# Written and annotated blind (by someone who had not read the code), then scored:
# 82 of 86 dates right in the first set, 111 of 113 in the second, before the fixes
# they led to (in the second, "dans deux semaines" was relabelled a day, the convention).
HELDOUT = read_jsonl(DATA / "dates_heldout.jsonl") + read_jsonl(DATA / "dates_heldout2.jsonl")


@pytest.fixture(scope="module")
def blank():
    import kzevents.pipes  # noqa: F401  (registers the factories)

    nlp = spacy.blank("fr")
    nlp.add_pipe("kzevents_dates")
    return nlp


def test_enough_annotated_sentences():
    assert len(RECORDS) >= 60
    assert sum(1 for r in RECORDS if not r["dates"]) >= 5  # negatives too


def _check(got: list[dict], record: dict) -> None:
    """Value and grain of every date in order; span overlapping; bounds when annotated."""
    want = record["dates"]
    assert [(d["value"], d["grain"]) for d in got] == [(d["value"], d["grain"]) for d in want]
    for found, expected in zip(got, want, strict=True):
        text = record["text"][found["start"]:found["end"]]
        assert expected["text"] in text or text in expected["text"]
        for bound in ("earliest", "latest"):
            if bound in expected:
                assert found[bound] == expected[bound]


def _found(nlp, record: dict) -> list[dict]:
    doc = nlp.make_doc(record["text"])
    doc._.kz_published = record["published"]
    return nlp(doc)._.kz_dates


# Sentences marked model_only need the parser's tenses (the journalistic present).
@pytest.mark.parametrize("record", [r for r in RECORDS if not r.get("model_only")],
                         ids=[r["id"] for r in RECORDS if not r.get("model_only")])
def test_sentence(blank, record):
    _check(_found(blank, record), record)


@pytest.mark.model
@pytest.mark.parametrize("record", RECORDS + HELDOUT, ids=[r["id"] for r in RECORDS + HELDOUT])
def test_sentence_through_full_pipeline(nlp, record):
    _check(_found(nlp, record), record)


def test_extract_fills_article_dates(extractor):
    text = "Des blindés sont entrés dans Almaty vendredi 7 janvier."
    art = extractor.extract(text, published="2022-01-11")
    assert [(d.text, d.value, d.grain) for d in art.dates] == [
        ("vendredi 7 janvier", "2022-01-07", "day")]


# ------------------------------------------------------------------ parse_date

PUB = "2022-01-11"  # a Tuesday


@pytest.mark.parametrize(("text", "value", "grain", "earliest", "latest"), [
    ("vendredi 7 janvier", "2022-01-07", "day", "2022-01-07", "2022-01-07"),
    ("mercredi", "2022-01-05", "day", "2022-01-05", "2022-01-05"),
    ("mardi", "2022-01-11", "day", "2022-01-11", "2022-01-11"),
    ("mercredi prochain", "2022-01-12", "day", "2022-01-12", "2022-01-12"),
    ("mardi dernier", "2022-01-04", "day", "2022-01-04", "2022-01-04"),
    ("hier", "2022-01-10", "day", "2022-01-10", "2022-01-10"),
    ("avant-hier", "2022-01-09", "day", "2022-01-09", "2022-01-09"),
    ("aujourd'hui", "2022-01-11", "day", "2022-01-11", "2022-01-11"),
    ("aujourd’hui", "2022-01-11", "day", "2022-01-11", "2022-01-11"),
    ("il y a cinq jours", "2022-01-06", "day", "2022-01-06", "2022-01-06"),
    ("du 2 au 5 janvier", "2022-01-02", "day", "2022-01-02", "2022-01-05"),
    ("les 3 et 4 janvier", "2022-01-03", "day", "2022-01-03", "2022-01-04"),
    ("début janvier", "2022-01", "month", "2022-01-01", "2022-01-10"),
    ("mi-février", "2022-02", "month", "2022-02-10", "2022-02-20"),
    ("fin 2021", "2021", "year", "2021-11-01", "2021-12-31"),
    ("en novembre 2021", "2021-11", "month", "2021-11-01", "2021-11-30"),
    ("en février 2024", "2024-02", "month", "2024-02-01", "2024-02-29"),
    ("en juillet 2016", "2016-07", "month", "2016-07-01", "2016-07-31"),
    ("en 2023", "2023", "year", "2023-01-01", "2023-12-31"),
    ("2023", "2023", "year", "2023-01-01", "2023-12-31"),
    ("l'an dernier", "2021", "year", "2021-01-01", "2021-12-31"),
    ("la semaine dernière", "2022-W01", "week", "2022-01-03", "2022-01-09"),
    ("la semaine prochaine", "2022-W03", "week", "2022-01-17", "2022-01-23"),
    ("le 1er mai 2023", "2023-05-01", "day", "2023-05-01", "2023-05-01"),
    ("11/01/2022", "2022-01-11", "day", "2022-01-11", "2022-01-11"),
    ("2022-01-11", "2022-01-11", "day", "2022-01-11", "2022-01-11"),
    ("le 28 décembre", "2021-12-28", "day", "2021-12-28", "2021-12-28"),
    ("le 8 mars dernier", "2021-03-08", "day", "2021-03-08", "2021-03-08"),
    ("le lendemain du 13 février", "2022-02-14", "day", "2022-02-14", "2022-02-14"),
    ("la première quinzaine d'avril", "2022-04-01", "day", "2022-04-01", "2022-04-15"),
    ("le dernier jour de février 2024", "2024-02-29", "day", "2024-02-29", "2024-02-29"),
    ("à partir du 8 mars", "2022-03-08", "day", "2022-03-08", "2022-03-08"),
    ("de mai à juillet 2021", "2021-05", "month", "2021-05-01", "2021-07-31"),
    ("1982-1990", "1982", "year", "1982-01-01", "1990-12-31"),
    ("la dernière semaine de janvier", "2022-W04", "week", "2022-01-24", "2022-01-30"),
    ("cet hiver", "2021-12", "month", "2021-12-21", "2022-03-19"),
    ("l'été dernier", "2021-06", "month", "2021-06-21", "2021-09-22"),
    ("l'hiver 2022", "2022-12", "month", "2022-12-21", "2023-03-19"),
    ("ven.", "2022-01-07", "day", "2022-01-07", "2022-01-07"),
    ("mar. 11 janv. 2022", "2022-01-11", "day", "2022-01-11", "2022-01-11"),
    ("à partir du 8", "2022-01-08", "day", "2022-01-08", "2022-01-08"),
    ("Noël", "2021-12-25", "day", "2021-12-25", "2021-12-25"),
    ("en ce moment", "2022-01-11", "day", "2022-01-11", "2022-01-11"),
    ("il y a une dizaine de jours", "2022-01-01", "day", "2022-01-01", "2022-01-01"),
    ("les années 90", "1990", "year", "1990-01-01", "1999-12-31"),
    ("les années 2000", "2000", "year", "2000-01-01", "2009-12-31"),
    ("10-01-2022", "2022-01-10", "day", "2022-01-10", "2022-01-10"),
    ("la nuit dernière", "2022-01-10", "day", "2022-01-10", "2022-01-10"),
    ("en ce début janvier", "2022-01", "month", "2022-01-01", "2022-01-10"),
    ("d'ici la fin de l'année", "2022", "year", "2022-11-01", "2022-12-31"),
    ("d'ici à 2030", "2030", "year", "2030-01-01", "2030-12-31"),
])
def test_parse_date(text, value, grain, earliest, latest):
    ref = kzevents.parse_date(text, published=PUB)
    assert ref is not None
    assert (ref.value, ref.grain) == (value, grain)
    assert (ref.earliest.isoformat(), ref.latest.isoformat()) == (earliest, latest)


@pytest.mark.parametrize(("text", "past", "future"), [
    ("mercredi", "2022-01-05", "2022-01-12"),
    ("Noël", "2021-12-25", "2022-12-25"),
    ("le 2", "2022-01-02", "2022-02-02"),
    ("le 20", "2021-12-20", "2022-01-20"),
    ("jeudi 13", "2021-05-13", "2022-01-13"),
    ("au début du mois", "2022-01", "2022-02"),
    ("l'été", "2021-06", "2022-06"),
])
def test_tense_chooses_the_occurrence(text, past, future):
    assert kzevents.parse_date(text, published=PUB, tense="past").value == past
    assert kzevents.parse_date(text, published=PUB, tense="future").value == future


def test_tense_must_be_known():
    with pytest.raises(InputValueError, match="tense"):
        kzevents.parse_date("mercredi", published=PUB, tense="futur")


def test_weekday_picks_the_year():
    # 7 January is a Friday in 2022, a Thursday in 2021.
    assert kzevents.parse_date("vendredi 7 janvier", published="2022-06-01").value == "2022-01-07"
    assert kzevents.parse_date("jeudi 7 janvier", published="2022-06-01").value == "2021-01-07"


@pytest.mark.parametrize(("text", "part"), [
    ("mardi soir", "soir"), ("hier matin", "matin"), ("dans la nuit du 5 au 6 janvier", "nuit"),
    ("le 6 janvier à 13 h", "midi"), ("ce soir", "soir"), ("le 1er janvier à minuit", "nuit"),
])
def test_part_of_day(text, part):
    assert kzevents.parse_date(text, published=PUB).part_of_day == part


def test_time_alone_gives_its_part_of_day_to_the_date_of_its_sentence(blank):
    doc = blank.make_doc("Mardi, des centaines de personnes se sont rassemblées vers 21 h 30 "
                         "devant l'akimat. Le lendemain, la police a dispersé la foule.")
    doc._.kz_published = PUB
    found = [(d["value"], d["part_of_day"]) for d in blank(doc)._.kz_dates]
    assert found == [("2022-01-11", "soir"), ("2022-01-12", None)]


def test_night_spans_two_days():
    ref = kzevents.parse_date("dans la nuit du 5 au 6 janvier", published=PUB)
    assert (ref.value, ref.earliest, ref.latest) == (
        "2022-01-05", dt.date(2022, 1, 5), dt.date(2022, 1, 6))


@pytest.mark.parametrize("text", ["hier", "le 7 janvier", "mercredi", "la semaine dernière",
                                  "il y a cinq jours", "l'an dernier", "début janvier"])
def test_relative_without_publication_stays_unresolved(text):
    ref = kzevents.parse_date(text)
    assert ref is not None
    assert (ref.relative, ref.value, ref.earliest) == (True, None, None)


def test_absolute_without_publication_is_resolved():
    ref = kzevents.parse_date("le 7 janvier 2022")
    assert (ref.value, ref.relative) == ("2022-01-07", False)


@pytest.mark.parametrize("text", ["sept soldats", "il a 45 ans", "mardi gras", "Premier ministre",
                                  "74", "deux trois", "2-1", "à 13 h", "3 000", "", "   ",
                                  "31/02/2022", "le 32 janvier"])
def test_not_dates(text):
    assert kzevents.parse_date(text, published=PUB) is None


def test_real_month_lengths():
    assert kzevents.parse_date("29 février 2023") is None
    assert kzevents.parse_date("29 février 2024").value == "2024-02-29"
    assert kzevents.parse_date("fin février 2023").latest == dt.date(2023, 2, 28)


def test_published_accepts_date_and_datetime():
    for pub in (dt.date(2022, 1, 11), dt.datetime(2022, 1, 11, 9, 30), "2022-01-11T09:30:00"):
        assert kzevents.parse_date("hier", published=pub).value == "2022-01-10"


def test_bad_input():
    with pytest.raises(InputTypeError):
        kzevents.parse_date(None)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError):
        kzevents.parse_date(b"hier")  # type: ignore[arg-type]
    with pytest.raises(InputValueError):
        kzevents.parse_date("hier", published="onze janvier")
    with pytest.raises(InputTypeError):
        kzevents.parse_date("hier", published=20220111)


def test_parse_date_is_public():
    assert "parse_date" in kzevents.__all__


# ------------------------------------------------------------------ shared sets

def _start(value: str, grain: str) -> str:
    text = value.split("/")[0]
    return {"year": text[:4], "month": text[:7]}.get(grain, text[:10])


@pytest.mark.parametrize(("name", "floor"), [("duckling_time_fr.jsonl", 0.8),
                                             ("ftib_timex_dev.jsonl", 0.8)])
def test_shared_sets_floor(name, floor):
    rows = [r for r in read_jsonl(shared_file("eval", "dates", name))
            if r["grain"] in ("day", "month", "year")]
    right = 0
    for r in rows:
        ref = kzevents.parse_date(r["text"], published=r["reference"][:10])
        right += bool(ref and ref.earliest and
                      _start(ref.earliest.isoformat(), r["grain"]) == _start(r["expected"],
                                                                             r["grain"]))
    assert right / len(rows) >= floor


def test_shared_negatives_are_no_dates():
    rows = read_jsonl(shared_file("eval", "dates", "duckling_time_fr_negative.jsonl"))
    assert [r["text"] for r in rows if kzevents.parse_date(r["text"], r["reference"])] == []


# ------------------------------------------------------------------ robustness

_WORDS = ["le", "du", "au", "les", "et", "entre", "fin", "mi-", "début", "dans", "la", "nuit",
          "il", "y", "a", "0", "1er", "29", "31", "02", "13", "/", "-", "2022", "99",
          "février", "sept", "mardi", "dernier", "prochain", "semaine", "an", "l'", "veille",
          "lendemain", "hier", "soir", "à", "13", "h", "jours", "plus", "tard", "en", "huit"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.sampled_from([None, "2024-02-29"]))
def test_parse_date_never_breaks(words, published):
    ref = kzevents.parse_date(" ".join(words), published=published)
    if ref is not None and ref.earliest is not None:
        assert ref.earliest <= ref.latest


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, ",", ".", "manifestants"]), max_size=25))
def test_spans_point_into_the_text(words):
    from kzevents.pipes.dates.find import find_dates

    text = " ".join(words)
    for d in find_dates(text, dt.date(2022, 1, 11)):
        assert 0 <= d["start"] < d["end"] <= len(text)
        assert text[d["start"]].strip() and text[d["end"] - 1].strip()


def test_every_rule_has_a_resolver():
    from kzevents.pipes.dates.patterns import RULES
    from kzevents.pipes.dates.resolve import RESOLVERS

    assert set(RULES) == set(RESOLVERS)


# ------------------------------------------------------------------ issue 15 forms

@pytest.mark.parametrize(("text", "value", "part"), [
    ("dimanche 7/12/2014", "2014-12-07", None),          # weekday before a numeric date
    ("dim. 7/12/2014", "2014-12-07", None),
    ("le vendredi 7/01", "2022-01-07", None),
    ("le 12 juillet à 19:00", "2022-07-12", "soir"),     # a date followed by a time
    ("5 mai 12h", "2022-05-05", "midi"),
    ("le 5 mai 8h30", "2022-05-05", "matin"),
    ("le 6 janvier, vers 21 h 45", "2022-01-06", "soir"),
    ("dim. 15 sept.", "2024-09-15", None),               # abbreviations, dot or not
    ("dim 15 sept", "2024-09-15", None),
    ("Mar 10 Jan", "2023-01-10", None),
    ("ven. 7 janv.", "2022-01-07", None),
    ("Jeu 13 janv 2022", "2022-01-13", None),
])
def test_issue_15_date_forms(text, value, part):
    ref = kzevents.parse_date(text, published=PUB)
    assert ref is not None and ref.text == text
    assert (ref.value, ref.grain, ref.part_of_day) == (value, "day", part)


def test_time_with_colon_in_running_text(blank):
    doc = blank.make_doc("Le rassemblement est prévu le 12 juillet à 19:00 devant l'akimat.")
    doc._.kz_published = PUB
    assert [(d["value"], d["part_of_day"]) for d in blank(doc)._.kz_dates] == [
        ("2022-07-12", "soir")]


def test_a_time_is_not_a_short_year():
    assert kzevents.parse_date("5 mai 12h", published=PUB).value == "2022-05-05"   # not 2012


@pytest.mark.parametrize(("text", "value", "grain"), [
    ("en 52 av. J.-C.", "-0051", "year"),                # ISO 8601 astronomical years
    ("1 av. J.-C.", "0000", "year"),
    ("vers 3000 avant notre ère", "-2999", "year"),
    ("le 15 mars 44 av. J.-C.", "-0043-03-15", "day"),
    ("en mars 44 avant Jésus-Christ", "-0043-03", "month"),
])
def test_years_before_the_common_era(text, value, grain):
    ref = kzevents.parse_date(text, published=PUB)
    assert (ref.value, ref.grain, ref.earliest, ref.latest, ref.relative) == (
        value, grain, None, None, False)


def test_years_of_the_common_era():
    ref = kzevents.parse_date("en 476 apr. J.-C.")
    assert (ref.value, ref.earliest, ref.latest) == ("0476", dt.date(476, 1, 1),
                                                      dt.date(476, 12, 31))


def test_a_date_before_the_era_anchors_no_later_date(blank):
    doc = blank.make_doc("César franchit le Rubicon en 49 av. J.-C. Le lendemain, rien.")
    doc._.kz_published = PUB
    assert [d["value"] for d in blank(doc)._.kz_dates] == ["-0048", "2022-01-12"]
