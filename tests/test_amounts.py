"""Amounts of money: parse_amount, the kzevents_amounts component, events and exports.

The annotated sentences (tests/data/amounts.jsonl) run on the pure finder and on
``spacy.blank("fr")``; one batched model test runs them through the full pipeline.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import kzevents
from kzevents.amounts import amounts_for_event, parse_amount
from kzevents.errors import InputTypeError
from kzevents.export import EVENT_COLUMNS, event_record
from kzevents.models import Amount, Article, Event, Mention, Trigger
from kzevents.pipes.amounts.currencies import currency_lexicon
from kzevents.pipes.amounts.find import find_amounts
from tests.conftest import DATA, read_jsonl

RECORDS = read_jsonl(DATA / "amounts.jsonl")
# Written and annotated blind (by someone who had not read the code), then scored once:
# value+currency P 0.885 R 0.831, qualifiers 1.000, before the fixes it led to (crores,
# "un demi-milliard", country adjectives such as "argentin", cédis, réals, bolivars, "un
# franc succès"). The one range was relabelled to our convention: value = the low end.
HELDOUT = read_jsonl(DATA / "amounts_heldout.jsonl")
ALL = RECORDS + HELDOUT


def test_enough_annotated_sentences():
    assert len(RECORDS) >= 80
    assert sum(1 for r in RECORDS if not r["amounts"]) >= 20  # false friends


def _check(got: list[dict], record: dict) -> None:
    """Value, currency and qualifier of every amount in order; bounds when annotated;
    the span overlaps the annotated text."""
    want = record["amounts"]
    assert [(a["value"], a["currency"], a["qualifier"]) for a in got] == [
        (a["value"], a["currency"], a["qualifier"]) for a in want]
    for found, expected in zip(got, want, strict=True):
        span = record["text"][found["start"]:found["end"]]
        assert expected["text"] in span or span in expected["text"]
        for bound in ("low", "high"):
            if bound in expected:
                assert found[bound] == expected[bound]


@pytest.mark.parametrize("record", ALL, ids=[r["id"] for r in ALL])
def test_sentence(record):
    _check(find_amounts(record["text"]), record)


@pytest.mark.parametrize(("text", "value", "currency", "qualifier"), [
    ("800 millions de dollars", 800_000_000, "USD", "exact"),
    ("2,5 milliards d'euros", 2_500_000_000, "EUR", "exact"),
    ("1,2 Md€", 1_200_000_000, "EUR", "exact"),
    ("5 M$", 5_000_000, "USD", "exact"),
    ("5M$", 5_000_000, "USD", "exact"),
    ("300 k€", 300_000, "EUR", "exact"),
    ("300 000 francs CFA", 300_000, "XOF", "exact"),
    ("300 000 FCFA", 300_000, "XOF", "exact"),
    ("plus de 10 millions de roubles", 10_000_000, "RUB", "at_least"),
    ("huit euros et dix centimes", 8.1, "EUR", "exact"),
    ("une enveloppe d'environ 50 millions", 50_000_000, None, "approx"),
    ("une amende de 300 000", 300_000, None, "exact"),
    ("$5 millions", 5_000_000, "USD", "exact"),
    ("USD 300", 300, "USD", "exact"),
    ("12 £", 12, "GBP", "exact"),
    ("1 000 ¥", 1000, "JPY", "exact"),
    ("un milliard et demi d'euros", 1_500_000_000, "EUR", "exact"),
    ("deux cents dollars", 200, "USD", "exact"),
    ("12 dollars et 26 cents", 12.26, "USD", "exact"),
    ("vingt-six centimes d'euro", 0.26, "EUR", "exact"),
    ("3 millions de livres sterling", 3_000_000, "GBP", "exact"),
    ("10 millions de dollars canadiens", 10_000_000, "CAD", "exact"),
    ("50 000 tenges kazakhs", 50_000, "KZT", "exact"),
    ("5 000 hryvnias", 5000, "UAH", "exact"),
    ("100 $CA", 100, "CAD", "exact"),
    ("jusqu'à 15 000 tenges", 15_000, "KZT", "at_most"),
    ("des millions de dollars", 2_000_000, "USD", "approx"),
    ("Une aide de 800 millions de dollars.", 800_000_000, "USD", "exact"),
])
def test_parse_amount(text, value, currency, qualifier):
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency, amount.qualifier) == (value, currency, qualifier)


def test_parse_amount_range():
    amount = parse_amount("entre 2 et 3 milliards de dollars")
    assert (amount.value, amount.low, amount.high, amount.qualifier) == (
        2_000_000_000, 2_000_000_000, 3_000_000_000, "range")
    assert amount.text == "entre 2 et 3 milliards de dollars"


@pytest.mark.parametrize("text", [
    "", "50 millions", "300 manifestants", "8,4 %", "68 ans", "3-1", "01 45 67 89 10", "2022",
    "trois livres", "deux couronnes", "l'Euro 2024", "des francs-tireurs", "le dollar",
    "40 tonnes", "résolution 2231", "800 millions de dollars et 5 M€",
])
def test_not_an_amount(text):
    assert parse_amount(text) is None


def test_parse_amount_rejects_non_strings():
    with pytest.raises(InputTypeError, match="parse_amount takes a str"):
        parse_amount(12)  # type: ignore[arg-type]


def test_public_api():
    assert "parse_amount" in kzevents.__all__ and "Amount" in kzevents.__all__
    assert kzevents.parse_amount("5 M$").currency == "USD"


def test_currency_names_come_from_cldr():
    lex = currency_lexicon()
    # full names and plurals of babel's French CLDR data, not written in our file
    assert lex.resolve(lex.names["roubles russes"], "") == "RUB"
    assert lex.resolve(lex.names["couronnes suedoises"], "") == "SEK"
    assert lex.resolve(lex.names["nairas nigerians"], "") == "NGN"
    assert lex.resolve(lex.symbols["$AU"], "") == "AUD"


@pytest.mark.parametrize(("text", "currency"), [
    ("Au Cameroun, 300 000 francs CFA ont été versés.", "XAF"),
    ("A Dakar, 300 000 francs CFA ont été versés.", "XOF"),
    ("La CEMAC a prêté 300 000 francs CFA.", "XAF"),
    ("En Tunisie, 500 dinars ont été volés.", "TND"),
    ("500 dinars ont été volés.", None),                 # which dinar: the text does not say
    ("La Suisse a gelé 5 millions de francs.", "CHF"),
    ("Au Canada, l'aide atteint 5 millions de dollars.", "USD"),  # "dollars" alone: USD
    ("Le Liban a reçu 3 000 livres.", "LBP"),           # "livres" needs its country
])
def test_the_country_of_the_text_chooses_the_currency(text, currency):
    assert [a["currency"] for a in find_amounts(text)] == [currency]


def test_bare_amount_takes_the_currency_of_the_amount_before():
    text = "L'aide atteint 800 millions de dollars, dont une enveloppe d'environ 50 millions."
    assert [(a["value"], a["currency"]) for a in find_amounts(text)] == [
        (800_000_000, "USD"), (50_000_000, "USD")]


def test_component_on_a_blank_pipeline():
    import kzevents.pipes  # noqa: F401  (registers the factories)

    nlp = spacy.blank("fr")
    nlp.add_pipe("kzevents_amounts")
    doc = nlp("Une rançon de 5 M$ a été réclamée. Le score : 3-1.")
    assert doc._.kz_amounts == [{"start": 14, "end": 18, "value": 5_000_000, "low": None,
                                 "high": None, "qualifier": "exact", "currency": "USD"}]


# ------------------------------------------------------------------ events and exports

_SENTENCE = (0, 80)
_MONEY = [{"start": 10, "end": 30, "value": 8e8, "currency": "USD"},
          {"start": 90, "end": 95, "value": 5, "currency": "EUR"}]


@pytest.mark.parametrize(("event_type", "mode", "values"), [
    ("AID", "military", [8e8]), ("AID", "economic", [8e8]), ("SANCTION", "convict", [8e8]),
    ("SANCTION", None, [8e8]), ("ASSAULT", "abduct", [8e8]), ("ASSAULT", "firearms", []),
    ("PROTEST", "demo", []), ("COERCE", "arrest", []),
])
def test_amounts_for_event(event_type, mode, values):
    event = {"type": event_type, "mode": mode, "trigger": {"start": 2, "end": 6}}
    got = amounts_for_event(event, _MONEY, *_SENTENCE)
    assert [a["value"] for a in got] == values   # only the amounts of its sentence


def test_event_and_article_carry_amounts_and_exports_show_them():
    text = "Washington a annoncé une aide de 800 millions de dollars à Kiev."
    amount = Amount(text="800 millions de dollars", start=33, end=56, value=800_000_000,
                    currency="USD")
    event = Event(type="AID", mode="military", trigger=Trigger(text="aide", start=25, end=29,
                                                                lemma="aide"),
                  sentence=Mention(text=text, start=0, end=len(text)), amounts=[amount])
    art = Article(text=text, amounts=[amount], events=[event])
    assert Article.model_validate_json(art.model_dump_json()) == art
    assert amount in list(art.mentions())
    record = event_record(event)
    assert (record["amount_value"], record["amount_currency"]) == (800_000_000, "USD")
    assert {"amount_value", "amount_currency"} <= set(EVENT_COLUMNS)
    assert "Amount" in kzevents.json_schema()["$defs"]


def test_a_mention_must_match_the_text():
    with pytest.raises(ValueError, match="does not match"):
        Article(text="Une aide de 5 M$.", amounts=[Amount(text="5 M€", start=12, end=16)])


# ------------------------------------------------------------------ full pipeline

@pytest.mark.model
def test_sentences_through_full_pipeline(extractor):
    """Every annotated sentence at once: Article.amounts as annotated, and no count
    is taken from an amount (money is no count of people)."""
    articles = list(extractor.extract_many(
        [{"text": r["text"], "published": r["published"]} for r in ALL]))
    for record, art in zip(ALL, articles, strict=True):
        got = [a.model_dump() for a in art.amounts]
        _check(got, record)
        for count in art.counts:
            assert not any(a.start < count.end and count.start < a.end for a in art.amounts), (
                record["id"], count.text)


# ------------------------------------------------------------------ robustness

_WORDS = ["5", "2,5", "300 000", "un", "deux", "millions", "milliard", "de", "d'", "euros",
          "dollars", "M$", "Md€", "€", "$", "USD", "francs", "CFA", "et", "centimes", "entre",
          "à", "plus", "environ", "amende", "dont", "demi-", "crores", "roupies", "livres",
          ",", ".", "%", "ans", "Cameroun", "pakistanais", "k€", "-", "cents"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14))
def test_find_amounts_never_breaks(words):
    text = " ".join(words)
    for a in find_amounts(text):
        assert 0 <= a["start"] < a["end"] <= len(text)
        assert a["value"] is not None and a["qualifier"] in (
            "exact", "at_least", "at_most", "approx", "range")
        assert a["currency"] is None or len(a["currency"]) == 3
    assert parse_amount(text) is None or parse_amount(text).value is not None


@pytest.mark.model
def test_amounts_reach_events_and_every_export(extractor):
    from kzevents.export import articles_to_string
    from kzevents.export.acled import acled_rows
    from kzevents.export.plover import plover_records

    art = extractor.extract("Deux ingénieurs ont été enlevés à Gao par des hommes armés qui "
                            "exigent une rançon de 500 000 dollars.", published="2024-05-02")
    (event,) = [e for e in art.events if e.type == "ASSAULT"]
    assert event.mode == "abduct"
    assert [(a.value, a.currency) for a in event.amounts] == [(500000, "USD")]
    (record,) = [r for r in plover_records([art]) if r["event"] == ["ASSAULT"]]
    assert record["kz_amounts"][0]["value"] == 500000
    (row,) = [r for r in acled_rows([art]) if r["sub_event_type"].startswith("Abduction")]
    assert "500 000 dollars (500000 USD)" in row["notes"]
    assert "500000" in articles_to_string([art], "csv").splitlines()[1]


def test_a_currency_name_with_a_doubled_space_inside():
    # the patterns let any run of spaces join the words of a name: the look-up too
    found = find_amounts("Le village a reçu 300 000 francs  CFA et 12 dollars\u00a0 américains.")
    assert [(a["value"], a["currency"]) for a in found] == [(300_000, "XOF"), (12, "USD")]
