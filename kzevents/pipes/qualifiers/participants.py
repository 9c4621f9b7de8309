"""Participant dicts (``{"start", "end", "name", "kb_id", "country", "sector"}``)
for speakers and antecedents, linked through ``doc._.kz_entity_info``.

A speaker's mention is its noun phrase without a relative clause or what
follows a comma; its link is the entity that holds the phrase's head, else a
person in apposition ("Le porte-parole du ministère, Vahan Hunanian"), else
only the country and sector of an entity inside it ("le porte-parole du
ministère arménien": ARM, GOV).
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.tokens import Doc, Span, Token

from kzevents.pipes.doc_text import doc_text as whole_text

PRONOUNS = frozenset(("il", "elle", "ils", "elles", "lui", "eux"))
LINK_KEYS = ("name", "kb_id", "country", "sector")

# doc -> what was read of it once, while a component reads it (see ``reading``)
_READ_ONCE: weakref.WeakKeyDictionary[Doc, dict[str, Any]] = weakref.WeakKeyDictionary()
# the doc of the innermost block and its reading: found without a weak reference
_CURRENT: list[Any] = [None, None]


@contextmanager
def reading(doc: Doc) -> Iterator[Doc]:
    """Within the block, ``doc_text`` and ``doc_ents`` answer from one reading.

    ``doc.text`` and ``doc.ents`` each walk every token of the doc: asked once
    per speaker or participant, they made long articles quadratic. The block
    must not change ``doc.ents``.
    """
    read = _READ_ONCE[doc] = {"text": whole_text(doc)}  # the entities when first asked
    outer = list(_CURRENT)
    _CURRENT[:] = [doc, read]
    try:
        yield doc
    finally:
        _READ_ONCE.pop(doc, None)
        _CURRENT[:] = outer


def doc_memo(doc: Doc, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per doc within ``reading(doc)`` (every time outside)."""
    read = _CURRENT[1] if _CURRENT[0] is doc else _READ_ONCE.get(doc)
    if read is None:
        return compute()
    if key not in read:
        read[key] = compute()
    return read[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once within ``reading(doc)``."""
    return doc_memo(doc, "text", lambda: doc.text)


def doc_ents(doc: Doc) -> list[Span]:
    """``doc.ents``, read once within ``reading(doc)``."""
    return doc_memo(doc, "ents", lambda: list(doc.ents))


def ents_overlapping(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities that share a token with ``doc[start:end]``, in text order."""
    ents = doc_ents(doc)
    ends = doc_memo(doc, "ends", lambda: [e.end for e in ents])
    found = []
    for k in range(bisect_right(ends, start), len(ents)):  # entities never overlap:
        if ents[k].start >= end:                           # their ends are sorted
            break
        found.append(ents[k])
    return found


def entity_info(doc: Doc, ent: Span) -> dict[str, Any]:
    """What the linker knows of an entity of ``doc.ents`` (may be empty)."""
    return (doc._.kz_entity_info or {}).get(f"{ent.start_char}:{ent.end_char}") or {}


def bare(text: str) -> str:
    """A mention as the anaphora rules compare it: lower case, no "-t-"/"-"."""
    text = text.lower().replace("’", "'").strip()
    for prefix in ("-t-", "-"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def pronoun_bounds(tok: Token) -> tuple[int, int]:
    """Character offsets of a pronoun without the hyphen of an inversion ("-il")."""
    return tok.idx + len(tok.text) - len(tok.text.lstrip("-")), tok.idx + len(tok.text)


def phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``, cut before a comma, a relative
    clause or a parenthesis after the head."""
    from kzevents.pipes.doc_words import morph_values
    from kzevents.pipes.qualifiers.words import read_words  # (it reads us)

    doc = tok.doc
    words = read_words(doc)
    text, dep, head = words.text, words.dep, words.head
    start = tok.left_edge.i
    end = tok.i + 1
    for i in range(tok.i + 1, tok.right_edge.i + 1):
        if text[i] in (",", "(", "«", ";", ":") or "acl:relcl" in (dep[i], dep[head[i]]) or (
                dep[i] == "acl" and "Fin" in morph_values(doc[i], "VerbForm")):
            break  # "L'agence Tass rapporte que ...": the finite verb is not in the phrase
        end = i + 1
    while start < tok.i and (doc[start].is_punct or _preposition_of(doc[start], tok)):
        start += 1
    while end - 1 > tok.i and (doc[end - 1].is_punct or dep[end - 1] in ("case", "det")):
        end -= 1  # "les forces russes d'« actes »": not the "d'" of what follows
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text.startswith("-"):
        end = _hyphen_tail(doc, end)  # "l'état-major des forces armées", cut by the tokenizer
    for ent in ents_overlapping(doc, end - 1, end):
        end = max(end, ent.end)  # "le porte-parole Isaac Mwaura", the surname parsed apart
    return doc[start:end]


_STOP_AFTER = frozenset((",", ".", ";", ":", "(", "«", "»", "dans", "lors", "selon", "à", "sur",
                         "après", "avant", "pendant", "sous", "qui", "que"))


def _hyphen_tail(doc: Doc, end: int) -> int:
    """Carry a phrase over a hyphenated word and its complements."""
    while end < len(doc) and doc[end].lower_ not in _STOP_AFTER and doc[end].text != "\n":
        end += 1
    return end


def _preposition_of(word: Token, head: Token) -> bool:
    """"selon", "d'après" (and "après", fixed to "d'") before the phrase's head."""
    if word.dep_ == "case":
        return word.head.i == head.i
    return word.dep_ == "fixed" and word.head.dep_ == "case" and word.head.head.i == head.i


def make_participant(doc: Doc, tok: Token) -> dict[str, Any]:
    """The participant dict of the phrase headed by ``tok``, linked when possible
    (a new dict: the caller may fill it)."""
    made = doc_memo(doc, "participants", dict)
    if tok.i not in made:
        made[tok.i] = _make_participant(doc, tok)
    return dict(made[tok.i])


def _make_participant(doc: Doc, tok: Token) -> dict[str, Any]:
    if tok.pos_ == "PRON" or bare(tok.text) in PRONOUNS:
        start, end = pronoun_bounds(tok)
        return {"start": start, "end": end, **dict.fromkeys(LINK_KEYS)}
    span = phrase(tok)
    ents = ents_overlapping(doc, tok.left_edge.i, tok.right_edge.i + 1)
    holding = next((e for e in ents if e.start <= tok.i < e.end), None)
    person = next((e for e in ents if e.label_ in ("PER", "PERSON") and e.start > tok.i
                   and e.end <= span.end and e[0].pos_ == "PROPN" and not any(
                       t.lower_ in ("de", "du", "des", "d'", "d’") for t in doc[tok.i: e.start])),
                  None) or _apposed_person(doc, span)
    if holding is None and person is not None:
        holding = person  # "le chef du renseignement ukrainien, Kyrylo Boudanov"
    if holding is not None:
        info = entity_info(doc, holding)
        if holding.start < span.start or holding.end > span.end or (
                holding.label_ in ("PER", "PERSON") and holding.root.i != tok.i):
            role = next((entity_info(doc, e) for e in ents if e is not holding
                         and entity_info(doc, e).get("country")), {})
            span = holding
            info = {**{k: role.get(k) for k in ("country", "sector")},
                    **{k: v for k, v in info.items() if v is not None}}
        return {"start": span.start_char, "end": span.end_char,
                **{k: info.get(k) for k in LINK_KEYS}}
    inner = next((entity_info(doc, e) for e in ents if entity_info(doc, e).get("country")), {})
    return {"start": span.start_char, "end": span.end_char, "name": None, "kb_id": None,
            "country": inner.get("country"), "sector": inner.get("sector")}


def _apposed_person(doc: Doc, span: Span) -> Span | None:
    """A person named right after the phrase and a comma ("le ministre de la
    Communication, Moussa Bocar Thiam", "le porte-parole de l'armée, le colonel X"),
    even when the parser attached it elsewhere."""
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    by_start = doc_memo(doc, "by_start", lambda: {e.start: e for e in doc_ents(doc)})
    for k in range(span.end + 1, min(span.end + 4, len(doc))):
        e = by_start.get(k)  # entities never overlap: one starts there at most
        if e is not None:
            if e.label_ in ("PER", "PERSON") or (
                    all(t.pos_ == "PROPN" for t in e) and not entity_info(doc, e)):
                return e
            return None
        if not (doc[k].pos_ == "DET" or (doc[k].pos_ == "NOUN" and doc[k].is_lower)):
            return None  # only a title may come first: "le colonel", "la générale"
    return None


# morph key -> (gender, number): few analyses, many words
_AGREEMENTS: dict[int, tuple[str | None, str | None]] = {}


def agreement(tok: Token) -> tuple[str | None, str | None]:
    """(gender, number) of a head word when the morphology gives them."""
    morph = tok.morph
    found = _AGREEMENTS.get(morph.key)
    if found is None:
        gender = next(iter(morph.get("Gender")), None)
        number = next(iter(morph.get("Number")), None)
        found = _AGREEMENTS[morph.key] = (gender, number)
    return found


def agrees(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Gender and number agree wherever both are known."""
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))
