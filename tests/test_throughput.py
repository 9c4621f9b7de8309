"""Scale: per-word cost stays flat with the length of a text, and long runs free memory.

Only ratios measured in the same run, with generous bounds: never a time. The
texts come from bench/news_corpus.py (generated French news, no copied text).
"""

from __future__ import annotations

import gc
import time
import weakref

import pytest
import spacy

# The generator lives with the benchmarks (absent from an sdist: skip there).
news_corpus = pytest.importorskip("bench.news_corpus")

# A quadratic path makes the per-word cost of a text 30 times longer grow about
# 30 times; a linear one stays near 1. The bound leaves room for a busy machine.
FLATNESS = 5.0
SHORT_WORDS, LONG_WORDS = 1_000, 30_000


def _per_word(component, nlp, text: str, repeat: int) -> float:
    """Best time per word of one component on ``text`` (docs made before timing)."""
    best = float("inf")
    for _ in range(repeat):
        doc = nlp.make_doc(text)
        for _name, earlier in nlp.pipeline:
            if earlier is component:
                break
            doc = earlier(doc)
        start = time.perf_counter()
        component(doc)
        best = min(best, time.perf_counter() - start)
    return best / news_corpus.words(text)


@pytest.fixture(scope="module")
def blank_pipeline():
    """The text-only components on a blank French pipeline (no model needed)."""
    nlp = spacy.blank("fr")
    for name in ("kzevents_paragraphs", "kzevents_dates", "kzevents_counts",
                 "kzevents_amounts"):
        nlp.add_pipe(name)
    nlp.max_length = 2_000_000
    return nlp


@pytest.mark.parametrize("name", ["kzevents_paragraphs", "kzevents_dates", "kzevents_counts",
                                  "kzevents_amounts"])
def test_per_word_cost_is_flat(blank_pipeline, name):
    short = news_corpus.text_of(SHORT_WORDS, seed=3)
    long = news_corpus.text_of(LONG_WORDS, seed=4)
    component = blank_pipeline.get_pipe(name)
    component(blank_pipeline.make_doc(short))  # warm-up: lexicons, compiled patterns
    ratio = _per_word(component, blank_pipeline, long, 2) / _per_word(
        component, blank_pipeline, short, 5)
    assert ratio < FLATNESS, f"{name}: a word of a long text costs {ratio:.1f} times more"


@pytest.mark.model
def test_extract_many_frees_the_strings_of_its_texts(extractor, monkeypatch):
    """``extract_many`` runs in ``nlp.memory_zone()``: once the tokenizer's cache is
    full, a word first seen in a text is not kept in the vocabulary afterwards, and
    results are those of ``extract``."""
    monkeypatch.setattr(extractor, "_cached_chunks", None)  # cache full
    texts = ["Le village de Zorblaxiquet a accueilli 300 manifestants mardi.",
             "Plus de 40 policiers ont été déployés à Almaty."]
    strings = extractor.nlp.vocab.strings
    assert "Zorblaxiquet" not in strings
    many = list(extractor.extract_many(texts, published="2022-01-11"))
    assert "Zorblaxiquet" not in strings
    assert [a.model_dump() for a in many] == [
        extractor.extract(t, published="2022-01-11").model_dump() for t in texts]
    assert [c.value for c in many[0].counts] == [300]


@pytest.mark.model
def test_no_component_keeps_a_doc_alive(nlp, extractor):
    """Per-doc tables are kept weakly, beside their doc: none may hold the doc itself,
    or every doc of a long run stays in memory (0.7 MB an article)."""
    text = ("Le ministère a annoncé mardi que 2 000 manifestants avaient été arrêtés à "
            "Almaty. La police ne s'est pas retirée, selon des témoins.")
    doc = nlp(text)
    assert doc._.kz_dates and doc._.kz_counts and doc._.kz_events  # every component ran
    ref = weakref.ref(doc)
    del doc
    gc.collect()
    assert ref() is None


@pytest.mark.model
def test_the_first_texts_fill_the_tokenizer_cache(extractor, monkeypatch):
    """spaCy's tokenizer caches nothing inside a memory zone, so a pipeline's first
    texts are tokenised outside it: their words stay (as in bare spaCy), until as
    many distinct chunks as the cache holds have been seen."""
    monkeypatch.setattr(extractor, "_cached_chunks", set())
    strings = extractor.nlp.vocab.strings
    assert "Vrandoulieu" not in strings
    [article] = extractor.extract_many(["Le bourg de Vrandoulieu a vu 25 manifestants."])
    assert "Vrandoulieu" in strings
    assert [c.value for c in article.counts] == [25]
    size = extractor.nlp.tokenizer.max_cache_size
    extractor._fill_tokenizer_cache([" ".join(f"mot{n}" for n in range(size))])
    assert extractor._cached_chunks is None  # full: nothing more is tokenised twice
    [article] = extractor.extract_many(["Le bourg de Plounevrazec a vu 30 manifestants."])
    assert "Plounevrazec" not in strings


@pytest.mark.model
def test_extract_many_inside_a_callers_memory_zone(extractor):
    """A caller's own zone is not nested into (spaCy forbids it): results are right."""
    text = "Plus de 40 policiers ont été déployés à Almaty."
    with extractor.nlp.memory_zone():
        inside = list(extractor.extract_many([text, text]))
    assert [c.value for a in inside for c in a.counts] == [40, 40]


@pytest.mark.model
def test_workers_keep_input_order_and_each_inputs_error(extractor):
    """With ``n_process=2`` the whole extraction runs in workers: results come back
    in input order, a bad input is recorded in its place, and the good ones match."""
    texts = [f"Plus de {n} policiers ont été déployés à Almaty." for n in (10, 20, 30, 40, 50)]
    items = [*texts[:2], b"pas un texte", *texts[2:]]
    arts = list(extractor.extract_many(items, n_process=2, batch_size=2, errors="record"))
    assert [a.error is not None for a in arts] == [False, False, True, False, False, False]
    assert "decode it first" in arts[2].error
    assert [c.value for a in arts for c in a.counts] == [10, 20, 30, 40, 50]
    with pytest.raises(Exception, match="decode it first"):
        list(extractor.extract_many(items, n_process=2, batch_size=2))
