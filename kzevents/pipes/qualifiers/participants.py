"""Participant dicts (``{"start", "end", "name", "kb_id", "country", "sector"}``)
for speakers and antecedents, linked through ``doc._.kz_entity_info``.

A speaker's mention is its noun phrase without a relative clause or what
follows a comma; its link is the entity that holds the phrase's head, else a
person in apposition ("Le porte-parole du ministère, Vahan Hunanian"), else
only the country and sector of an entity inside it ("le porte-parole du
ministère arménien": ARM, GOV).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from kzevents.pipes.doc_words import Words
from kzevents.pipes.qualifiers.words import doc_ents, doc_memo, read_words
from kzevents.pipes.qualifiers.words import reading as reading  # (chunking.py reads it here)

PRONOUNS = frozenset(("il", "elle", "ils", "elles", "lui", "eux"))
LINK_KEYS = ("name", "kb_id", "country", "sector")


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
    infos = doc_memo(doc, "entity_info", lambda: doc._.kz_entity_info or {})
    return infos.get(f"{ent.start_char}:{ent.end_char}") or {}


@lru_cache(maxsize=4096)
def bare(text: str) -> str:
    """A mention as the anaphora rules compare it: lower case, no "-t-"/"-"."""
    text = text.lower().replace("’", "'").strip()
    for prefix in ("-t-", "-"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def pronoun_bounds(words: Words, i: int) -> tuple[int, int]:
    """Character offsets of pronoun ``i`` without the hyphen of an inversion ("-il")."""
    text = words.text[i]
    return words.idx[i] + len(text) - len(text.lstrip("-")), words.end_char(i)


def phrase(doc: Doc, i: int, left: int, right: int) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``i`` (whose subtree spans
    ``left``..``right``), cut before a comma, a relative clause or a
    parenthesis after the head."""
    words = read_words(doc)
    text, dep, head = words.text, words.dep, words.head
    start = left
    end = i + 1
    for k in range(i + 1, right + 1):
        if text[k] in (",", "(", "«", ";", ":") or "acl:relcl" in (dep[k], dep[head[k]]) or (
                dep[k] == "acl" and "Fin" in words.values(doc, k, "VerbForm")):
            break  # "L'agence Tass rapporte que ...": the finite verb is not in the phrase
        end = k + 1
    while start < i and (words.is_punct[start] or _preposition_of(words, start, i)):
        start += 1
    while end - 1 > i and (words.is_punct[end - 1] or dep[end - 1] in ("case", "det")):
        end -= 1  # "les forces russes d'« actes »": not the "d'" of what follows
    if end < len(words) and not words.space_after[end - 1] and text[end].startswith("-"):
        end = _hyphen_tail(words, end)  # "l'état-major des forces armées", cut by the tokenizer
    for ent in ents_overlapping(doc, end - 1, end):
        end = max(end, ent.end)  # "le porte-parole Isaac Mwaura", the surname parsed apart
    return start, end


_STOP_AFTER = frozenset((",", ".", ";", ":", "(", "«", "»", "dans", "lors", "selon", "à", "sur",
                         "après", "avant", "pendant", "sous", "qui", "que"))


def _hyphen_tail(words: Words, end: int) -> int:
    """Carry a phrase over a hyphenated word and its complements."""
    while end < len(words) and words.lower[end] not in _STOP_AFTER and words.text[end] != "\n":
        end += 1
    return end


def _preposition_of(words: Words, word: int, head: int) -> bool:
    """"selon", "d'après" (and "après", fixed to "d'") before the phrase's head."""
    if words.dep[word] == "case":
        return words.head[word] == head
    above = words.head[word]
    return words.dep[word] == "fixed" and words.dep[above] == "case" and words.head[above] == head


def make_participant(doc: Doc, i: int) -> dict[str, Any]:
    """The participant dict of the phrase headed by token ``i``, linked when
    possible (a new dict: the caller may fill it)."""
    made = doc_memo(doc, "participants", dict)
    if i not in made:
        made[i] = _make_participant(doc, i)
    return dict(made[i])


def _make_participant(doc: Doc, i: int) -> dict[str, Any]:
    words = read_words(doc)
    if words.pos[i] == "PRON" or bare(words.text[i]) in PRONOUNS:
        start, end = pronoun_bounds(words, i)
        return {"start": start, "end": end, **dict.fromkeys(LINK_KEYS)}
    tok = doc[i]
    left, right = tok.left_edge.i, tok.right_edge.i
    start, end = phrase(doc, i, left, right)
    ents = ents_overlapping(doc, left, right + 1)
    holding = next((e for e in ents if e.start <= i < e.end), None)
    person = next((e for e in ents if e.label_ in ("PER", "PERSON") and e.start > i
                   and e.end <= end and words.pos[e.start] == "PROPN" and not any(
                       words.lower[k] in ("de", "du", "des", "d'", "d’")
                       for k in range(i, e.start))),
                  None) or _apposed_person(doc, words, end)
    if holding is None and person is not None:
        holding = person  # "le chef du renseignement ukrainien, Kyrylo Boudanov"
    if holding is not None:
        info = entity_info(doc, holding)
        if holding.start < start or holding.end > end or (
                holding.label_ in ("PER", "PERSON") and holding.root.i != i):
            role = next((entity_info(doc, e) for e in ents if e is not holding
                         and entity_info(doc, e).get("country")), {})
            info = {**{k: role.get(k) for k in ("country", "sector")},
                    **{k: v for k, v in info.items() if v is not None}}
            return {"start": holding.start_char, "end": holding.end_char,
                    **{k: info.get(k) for k in LINK_KEYS}}
        return {"start": words.idx[start], "end": words.end_char(end - 1),
                **{k: info.get(k) for k in LINK_KEYS}}
    inner = next((entity_info(doc, e) for e in ents if entity_info(doc, e).get("country")), {})
    return {"start": words.idx[start], "end": words.end_char(end - 1), "name": None,
            "kb_id": None, "country": inner.get("country"), "sector": inner.get("sector")}


def _apposed_person(doc: Doc, words: Words, end: int) -> Span | None:
    """A person named right after the phrase that ends before token ``end``
    and a comma ("le ministre de la Communication, Moussa Bocar Thiam", "le
    porte-parole de l'armée, le colonel X"), even when the parser attached it elsewhere."""
    if end + 1 >= len(words) or words.text[end] != ",":
        return None
    by_start = doc_memo(doc, "by_start", lambda: {e.start: e for e in doc_ents(doc)})
    for k in range(end + 1, min(end + 4, len(words))):
        e = by_start.get(k)  # entities never overlap: one starts there at most
        if e is not None:
            if e.label_ in ("PER", "PERSON") or (
                    all(words.pos[t] == "PROPN" for t in range(e.start, e.end))
                    and not entity_info(doc, e)):
                return e
            return None
        if not (words.pos[k] == "DET" or (words.pos[k] == "NOUN" and doc[k].is_lower)):
            return None  # only a title may come first: "le colonel", "la générale"
    return None


# morph key -> (gender, number): few analyses, many words
_AGREEMENTS: dict[int, tuple[str | None, str | None]] = {}


def agreement(doc: Doc, i: int) -> tuple[str | None, str | None]:
    """(gender, number) of head word ``i`` when the morphology gives them."""
    words = read_words(doc)
    key = words.morph[i]
    found = _AGREEMENTS.get(key)
    if found is None:
        features = words.features(doc, i)
        gender = next(iter(features.get("Gender", ())), None)
        number = next(iter(features.get("Number", ())), None)
        found = _AGREEMENTS[key] = (gender, number)
    return found


def agrees(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Gender and number agree wherever both are known."""
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))
