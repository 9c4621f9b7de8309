"""parse_number and find_numbers: every form of the issue, and the shared number sets."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzevents
from kzevents.errors import InputTypeError
from kzevents.numbers import find_numbers, parse_number
from tests.conftest import shared_file

FORMS = [
    # digits and French thousands separators
    ("2 500", 2500), ("2\u00a0500", 2500), ("2\u202f500", 2500), ("2.500", 2500),
    ("1 200 000", 1200000), ("3.000.000", 3000000), ("6,7", 6.7), ("6.700,54", 6700.54),
    ("2.5", 2.5), ("100K", 100000), ("1,2M", 1200000), ("-1200000", -1200000),
    ("moins 12", -12), ("3 millions", 3000000), ("3,5 millions", 3500000),
    ("2,5 milliards", 2500000000), ("1er", 1), ("2e", 2), ("1ère", 1),
    # words
    ("deux mille cinq cents", 2500), ("quatre-vingt-dix-sept", 97), ("quatre vingt dix sept", 97),
    ("vingt et un", 21), ("vingt-et-une", 21), ("cent", 100), ("cent un", 101),
    ("soixante et onze", 71), ("soixante-dix-huit", 78), ("quatre-vingts", 80),
    ("mille", 1000), ("deux cent mille", 200000), ("un million deux cent mille", 1200000),
    ("trois millions", 3000000), ("un milliard vingt-cinq millions", 1025000000),
    ("dix-neuf cent soixante-treize", 1973), ("zéro", 0), ("trente 3", 33),
    # Belgian and Swiss
    ("septante", 70), ("septante-huit", 78), ("huitante-et-un", 81), ("octante huit", 88),
    ("nonante-neuf", 99),
    # ordinals
    ("vingt-cinquième", 25), ("vingt et unième", 21), ("centième", 100), ("premier", 1),
    # approximate nouns
    ("une centaine", 100), ("des centaines", 200), ("une dizaine", 10), ("des dizaines", 20),
    ("des milliers", 2000), ("un millier", 1000), ("une vingtaine", 20),
    ("plusieurs milliers", 2000), ("des dizaines de milliers", 20000),
    # issue 15: decimals read digit by digit, "8me", the long scale, money phrases
    ("dix-sept virgule quatre deux", 17.42), ("zéro virgule zéro cinq", 0.05),
    ("trois virgule un quatre un six", 3.1416), ("douze virgule vingt-cinq", 12.25),
    ("8me", 8), ("21me", 21), ("un milliard", 10**9), ("un billion", 10**12),
    ("deux billiards", 2 * 10**15), ("un trillion", 10**18),
    ("huit euros et vingt-six centimes", 8.26), ("2,5 milliards d'euros", 2500000000),
    ("5 M$", 5000000), ("vingt-six centimes", 0.26),
]

NOT_NUMBERS = ["", "   ", "manifestants", "vingt un", "mille mille deux cent", "quarante douze",
               "dix deux", "soixante et", "cinquante trois zéro", "un cent", "2 500 soldats",
               "vingtième cinq", "mis en quarantaine", "une amende de 300 000", "50 euros de plus"]


@pytest.mark.parametrize(("text", "value"), FORMS)
def test_parse_number(text: str, value: float) -> None:
    got = parse_number(text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number_is_none(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("bad", [None, 12, b"12", ["douze"]])
def test_parse_number_rejects_non_strings(bad: object) -> None:
    with pytest.raises(InputTypeError, match="parse_number takes a str"):
        parse_number(bad)  # type: ignore[arg-type]


def test_public_api_exports_parse_number() -> None:
    assert kzevents.parse_number("deux mille cinq cents") == 2500
    assert "parse_number" in kzevents.__all__


def test_find_numbers_offsets_and_ranges() -> None:
    text = "Plus de 3 000 arrêtés, des centaines de blessés et vingt-six morts."
    found = find_numbers(text)
    assert [text[m.start : m.end] for m in found] == ["3 000", "des centaines", "vingt-six"]
    assert [(m.value, m.low, m.high, m.approximate) for m in found] == [
        (3000, None, None, False), (200, 200, 999, True), (26, None, None, False)]


@pytest.mark.parametrize(("text", "values"), [
    ("C'est un logement neuf.", []),
    ("le neuf février", [9]),
    ("l'un comme l'autre", []),
    ("un, deux, trois", [1, 2, 3]),
    ("deux-cent-mille quatorze-mille", [200000, 14000]),
    ("quatre-vingt-dix un", [90, 1]),
    ("douze virgule cinq", [12.5]),
])
def test_find_numbers_words_with_other_readings(text: str, values: list[float]) -> None:
    assert [m.value for m in find_numbers(text)] == values


def _rows(name: str) -> list[dict]:
    with shared_file("eval", "numbers", name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize("name", ["text2num_values_fr.jsonl", "duckling_numeral_fr.jsonl"])
def test_shared_value_sets(name: str) -> None:
    rows = _rows(name)
    right = sum(parse_number(row["text"]) == row["value"] for row in rows)
    assert right / len(rows) >= 0.98


_ALPHABET = "0123456789 ,.-\u00a0\u202fkMGeèrdunxtqcsimlvgaoé'’%€"


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_offsets_hold(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, int | float)
    for m in find_numbers(text):
        assert 0 <= m.start < m.end <= len(text)


_PIECES = [" ", "\u00a0", "\u202f", "-", ",", ".", "_", "°", "'", "’", "\n", "3", "2 500",
           "1er", "2ème", "un", "Une", "VINGT", "deux", "cent", "mille", "et", "zéro", "ZÉRO",
           "Première", "cinquième", "neuvièmes", "quatorzième", "virgule", "millions",
           "été", "général", "à", "Île", "œuvre", "ﬁn", "２", "des", "milliers", "centaine",
           "abc", "x", "k", "Md"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_number_tokens_are_the_number_atoms_of_lex(text: str) -> None:
    """``find_numbers`` reads only the words that may be numbers: the same atoms as
    reading every word, accents, capitals and odd characters included."""
    from kzevents.numbers import _lex, _number_tokens

    def atoms(tokens: list) -> list:
        return [(a.kind, a.value, a.word, a.ordinal, s, e) for a, s, e in tokens if a]

    assert atoms(_number_tokens(text)) == atoms(_lex(text))
