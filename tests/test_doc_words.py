"""The shared word lists of a doc give what spaCy's Token properties give."""

from __future__ import annotations

import pytest

from kzevents.pipes.doc_words import doc_words, morph_values

TEXT = ("Le ministère de l'Intérieur a annoncé mardi que 120 manifestants avaient été "
        "interpellés à Almaty. Les forces de l’ordre ne se sont pas retirées.")


@pytest.fixture(scope="module")
def parsed(nlp):
    return nlp(TEXT)


def test_each_list_holds_the_token_property(parsed):
    words = doc_words(parsed)
    assert len(words) == len(parsed)
    for tok in parsed:
        i = tok.i
        assert (words.text[i], words.lower[i], words.lemma[i]) == (tok.text, tok.lower_,
                                                                   tok.lemma_)
        assert (words.pos[i], words.dep[i], words.head[i]) == (tok.pos_, tok.dep_, tok.head.i)
        assert (words.idx[i], words.end_char(i)) == (tok.idx, tok.idx + len(tok.text))
        assert (words.sent_start[i], words.sent_end[i]) == (tok.sent.start, tok.sent.end)
        assert words.children[i] == [c.i for c in tok.children]
        assert words.subtree(i) == [t.i for t in tok.subtree]
        assert words.folded[i] == tok.lower_.replace("’", "'")
        assert (words.lemma_key[i], words.pos_key[i], words.dep_key[i]) == (
            tok.lemma, tok.pos, tok.dep)
        assert (words.is_punct[i], words.is_alpha[i], words.is_stop[i], words.is_space[i]) == (
            tok.is_punct, tok.is_alpha, tok.is_stop, tok.is_space)
        assert words.space_after[i] == bool(tok.whitespace_)
        for field in ("Tense", "VerbForm", "Mood", "Polarity", "Number"):
            assert words.values(parsed, i, field) == tuple(tok.morph.get(field))
            assert morph_values(tok, field) == tuple(tok.morph.get(field))
    assert words.sentences() == [(s.start, s.end) for s in parsed.sents]


def test_char_offsets_give_spacys_expanded_span_and_its_root(parsed):
    """Every (start, end) pair over a stretch of the text, the edges and the spaces
    between words included, and offsets outside the text."""
    words = doc_words(parsed)
    length = len(parsed.text)
    offsets = [*range(0, 60), *range(length - 30, length + 2)]
    for start in offsets:
        for end in offsets:
            if start >= end:
                continue
            span = parsed.char_span(start, end, alignment_mode="expand")
            bounds = None if span is None else (span.start, span.end)
            assert words.char_tokens(start, end) == bounds, (start, end)
            root = span.root.i if span is not None and len(span) else None
            assert words.span_root(start, end) == root, (start, end)
    for start in range(len(parsed)):
        for end in range(start + 1, len(parsed) + 1):
            assert words.root(start, end) == parsed[start:end].root.i, (start, end)


def test_the_lists_are_read_once_per_doc(parsed):
    assert doc_words(parsed) is doc_words(parsed)


def test_the_lists_are_read_again_when_the_doc_changes(nlp):
    doc = nlp("Des soldats russes sont arrivés à Nour-Soultan jeudi.")
    before = doc_words(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    after = doc_words(doc)
    assert after is not before
    assert after.text[0] == "Des soldats" and len(after) == len(doc)
    assert after.head == [tok.head.i for tok in doc]
