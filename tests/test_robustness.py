"""Hostile input: never a crash, a hang or a lost record; offsets always exact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from kzevents.errors import DataFileError, InputTypeError
from kzevents.models import Article
from kzevents.resources import read_jsonl
from kzevents.text import clean_markup

# Text made of French words, markup pieces and odd characters, so that the
# cleaner's rules and spaCy's tokenizer both get exercised.
PIECES = st.sampled_from([
    "Almaty", "manifestants", "2 500", "le 5 janvier", "a déclaré", "l'OTSC", " ", "\n", "\n\n",
    "**", "*", "_", "__", "#", "## ", "[", "]", "(", ")", "](http://x.kz)", "<p>", "</p>", "<b",
    ">", "&amp;", "&#8211;", "&nbsp;", "`", "\\", "«", "»", "’", "'", "-", "…", "https://a.b/c",
    "www.x.fr", "\u00a0", "\u202f", "\t", "\x00", "\u200f", "🔥", "👮‍♂️", "مظاهرات", "Москва",
    "\ud800", "\ufeff",
])
HOSTILE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@given(HOSTILE_TEXT)
def test_clean_text_always_maps_inside_the_original(text):
    clean = clean_markup(text)
    for i, char in enumerate(clean.text):
        a, b = clean.to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
        if b - a == 1 and not char.isspace():
            assert text[a] == char
    assert clean_markup(text) == clean


@given(HOSTILE_TEXT)
def test_any_text_gives_a_valid_article_that_round_trips(extractor, text):
    art = extractor.extract(text, published="2022-01-11")
    for mention in art.mentions():
        assert art.text[mention.start:mention.end] == mention.text
    assert Article.model_validate_json(art.model_dump_json()) == art
    assert Article.model_validate(json.loads(art.model_dump_json())) == art
    assert extractor.extract(text, published="2022-01-11") == art


HOSTILE = {
    "only markup": "<div><p><b></b></p></div>\n**__**\n[]()\n---\n> ",
    "only digits": "0123456789 " * 200,
    "only punctuation": "!?.,;:«»—…" * 300,
    "control characters": "Des\x00 heurts\x07 à\x1b Almaty\x0c.\r\n\x85Suite\x7f.",
    "lone surrogates": "Heurts à Almaty \ud800 et \udfff hier.",
    "emoji": "🔥 Des heurts 🔥 à Almaty 👮‍♂️ 🇰🇿.",
    "right to left": "مظاهرات في ألماتي ‏‮ Des heurts à Almaty ‬.",
    "byte order mark": "\ufeffDes heurts à Almaty.",
    "repeated dates": "le 5 janvier 2022, " * 2000,
    "repeated numbers": "2 500 soldats, " * 2000,
    "one long word": "x" * 100_000,
    "long digit run": "7" * 50_000,
    "apostrophes": "'" * 20_000,
    "month names": "janvier" * 5_000,
    "unbalanced html": "<div><p>Heurts à <b>Almaty</p> <a href='x",
    "unbalanced markdown": "**gras [lien](http://x *ital _sous",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_texts_give_valid_articles(extractor, name):
    text = HOSTILE[name]
    art = extractor.extract(text, published="2022-01-11")
    assert len(art.text) == len(text)
    for mention in art.mentions():
        assert art.text[mention.start:mention.end] == mention.text
    assert Article.model_validate_json(art.model_dump_json()) == art


def test_lone_surrogates_are_replaced_one_for_one(extractor):
    text = HOSTILE["lone surrogates"]
    art = extractor.extract(text)
    assert art.text == text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert len(art.text) == len(text)
    art.model_dump_json()  # JSON can hold it now


@pytest.mark.parametrize("text", [
    "Thousands of protesters clashed with police in Almaty on Wednesday, officials said.",
    "Тысячи протестующих вышли на улицы Алматы в среду, сообщили власти.",
])
def test_other_languages_invent_no_events(extractor, text):
    art = extractor.extract(text, published="2022-01-06")
    assert art.events == []


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["texte"], {"text": "x"}, object()])
def test_non_strings_are_type_errors(extractor, bad):
    with pytest.raises(InputTypeError, match="text must be a str"):
        extractor.extract(bad)


def test_a_batch_of_garbage_keeps_every_good_record(extractor):
    good = ["Des heurts à Almaty.", "Grève à Janaozen."]
    batch = [good[0], None, b"\xff", 12, {"text": None}, {"text": "x", "published": "hier"},
             HOSTILE["apostrophes"][:500], good[1]]
    arts = list(extractor.extract_many(batch, errors="record", batch_size=3))
    assert len(arts) == len(batch)
    assert [a.text for a in arts if a.error is None] == [good[0], batch[6], good[1]]
    assert sum(a.error is not None for a in arts) == 5


# ------------------------------------------------------------ data files


class Row(BaseModel):
    id: str
    name: str


@pytest.mark.parametrize(("content", "message"), [
    ('{"id": "a", "name": "x"}\n{"id": "b", "name": \n', r"line 2: bad JSON"),
    ('{"id": "a", "name": "x"}\n\n{"id": "b"}\n', r"line 3: field 'name': Field required"),
    ('["a", "x"]\n', r"line 1: each line must be a JSON object"),
    ('{"id": "a", "name": 5}\n', r"line 1: field 'name'"),
])
def test_bad_data_lines_name_file_line_and_problem(tmp_path, content, message):
    path = tmp_path / "mine.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine\.jsonl, " + message):
        list(read_jsonl(path, Row))


def test_data_files_skip_blank_and_comment_lines(tmp_path):
    path = tmp_path / "ok.jsonl"
    path.write_text('// a comment\n\n{"id": "a", "name": "x"}\n', encoding="utf-8")
    assert [(n, r.id) for n, r in read_jsonl(path, Row)] == [(3, "a")]


def test_missing_or_undecodable_data_files(tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        list(read_jsonl(tmp_path / "absent.jsonl", Row))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"id": "é", "name": "x"}\n'.encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        list(read_jsonl(latin, Row))


def test_the_package_never_unpickles_evaluates_or_executes_data():
    package = Path(__file__).resolve().parent.parent / "kzevents"
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for forbidden in (r"pickle\.loads?\(", r"\beval\(", r"\bexec\(", r"yaml\.load\(",
                          r"marshal\.loads?\("):
            assert not re.search(forbidden, source), f"{path.name} uses {forbidden}"


# ------------------------------------------------------------ user lexicons


def test_a_user_lexicon_adds_count_cues(tmp_path):
    from kzevents import Extractor

    lexicon = tmp_path / "my_count_categories.jsonl"
    lexicon.write_text('{"category": "killed", "kind": "verb", "cues": ["neutralisés"]}\n',
                       encoding="utf-8")
    sentence = "Selon l'armée, 14 combattants ont été neutralisés près de la frontière."
    ex = Extractor(lexicons=[lexicon])
    assert ex.component_configs()["kzevents_counts"] == {"extra_categories": [str(lexicon)]}
    counts = ex.extract(sentence).counts
    assert [(c.value, c.category) for c in counts] == [(14, "killed")]


def test_a_user_lexicon_with_a_bad_line_names_file_and_line(tmp_path):
    from kzevents import Extractor

    lexicon = tmp_path / "my_count_categories.jsonl"
    lexicon.write_text('{"category": "killed", "cues": ["abattus"]}\n'
                       '{"category": "slain", "cues": ["occis"]}\n', encoding="utf-8")
    expected = r"my_count_categories\.jsonl, line 2: field 'category'"
    with pytest.raises(DataFileError, match=expected):
        Extractor(lexicons=[lexicon]).nlp  # noqa: B018


def test_an_unknown_lexicon_name_says_how_to_name_it(tmp_path):
    from kzevents import Extractor
    from kzevents.errors import InputValueError

    lexicon = tmp_path / "mots.jsonl"
    lexicon.write_text("{}\n", encoding="utf-8")
    with pytest.raises(InputValueError, match=r"mots\.jsonl: unknown lexicon.*count_categories"):
        Extractor(lexicons=[lexicon])
