"""Long texts in chunks: memory bounded by the chunk, offsets into the whole text.

A spaCy Doc and its parse grow with the text (about 1 GB per 100 000 characters
at the peak of the parser, spaCy's own estimate), and spaCy refuses a text
longer than ``nlp.max_length``. ``Extractor`` therefore cuts a cleaned text
longer than ``max_chunk_chars`` into chunks and runs the pipeline on one chunk
at a time: only one chunk's Doc is alive at once, and each chunk's results are
moved to offsets in the whole text before the next one starts.

Where a cut falls (``cut_points``): after the last blank line (the end of a
paragraph) that fits, else after a line that ends a sentence, else after a full
stop followed by a capital, else at a space (a paragraph longer than a chunk);
never inside « ... » when another cut of the same kind closes the quote. A
chunk therefore holds whole paragraphs whenever a paragraph fits in one.

What a later chunk inherits from the text before it (``doc._.kz_context``,
offsets relative to the chunk, negative before it; see ``next_context``):

- the last resolved date, the anchor of "le lendemain", "la veille", "le 16",
  "trois jours plus tard" (``kzevents_dates``);
- the people named so far, so that "M. Tokaïev" takes the link of an earlier
  "Kassym-Jomart Tokaïev" (``kzevents_entities``);
- the countries named so far, which choose among same-named towns;
- the anaphora antecedents: the last ``MAX_ANTECEDENTS`` linked entities, noun
  subjects and speakers (``kzevents_sources``: "il", "le ministère",
  "a-t-il ajouté", "son bureau").

Done once after the chunks, over the whole article: the merging of the
tellings of one event (``kzevents.merge.merge_doc_events``), so a headline and
its body sentence merge whichever chunks they lie in; event ids are numbered
over the whole article.

Not carried: countries named only in a *later* chunk do not help to place a
town of an earlier one (the whole text would use them); speakers of a chunk
without any event are not remembered (the sources component does not run
there); and the statistical model sees no words across a cut, so the first and
last few words of a chunk may be tagged or parsed slightly differently from
the same words in the whole text (cuts at paragraph ends keep this rare).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kzevents.convert import doc_entities
from kzevents.merge import merge_doc_events
from kzevents.pipes.entities.spans import fold, strip_titles
from kzevents.pipes.qualifiers.anaphora import article_memory
from kzevents.pipes.qualifiers.participants import reading

DEFAULT_MAX_CHUNK_CHARS = 100_000
MAX_ANTECEDENTS = 200  # per kind: the anaphora rules look back a few sentences
FIELDS = ("entities", "dates", "counts", "amounts", "events")

# Places to cut, best first; a cut is at the end of a match (whitespace taken in).
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),                              # a blank line
    re.compile(r"(?<=[.!?…:»\"”)])[ \t]*\n\s*"),               # a line that ends a sentence
    re.compile(r"(?<=[a-zà-ÿ0-9)»”][a-zà-ÿ0-9.)»”])[.!?…][ \t]+(?=[A-ZÀ-ÖØ-Þ«\"“])"),
    re.compile(r"\s+"),                                        # any space
)
_CANDIDATES_CHECKED = 100  # quote balance is checked on the last few cuts of a kind


def cut_points(text: str, max_chars: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each chunk of ``text``, none longer than ``max_chars``.

    >>> text = "Un.\\n\\nDeux trois.\\n\\nQuatre."
    >>> [text[a:b] for a, b in cut_points(text, 16)]
    ['Un.\\n\\n', 'Deux trois.\\n\\n', 'Quatre.']
    """
    if max_chars < 1:
        raise ValueError(f"max_chars={max_chars}: give a positive number of characters")
    spans = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    """The end of a chunk that starts at ``start`` and may not pass ``limit``:
    the last cut of the best kind found (``_BREAKS``), quotes closed if possible."""
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(text, start, limit) if m.end() > start]
        if not ends:
            continue
        for end in reversed(ends[-_CANDIDATES_CHECKED:]):
            if _quotes_closed(text, start, end):
                return end
        return ends[-1]
    return limit  # one word longer than a chunk: cut it


def _quotes_closed(text: str, start: int, end: int) -> bool:
    return (text.count("«", start, end) <= text.count("»", start, end)
            and text.count("“", start, end) <= text.count("”", start, end))


def shifted(value: Any, offset: int) -> Any:
    """A copy of ``value`` with every mention dict (``start``, ``end``) moved by ``offset``."""
    if isinstance(value, list | tuple):
        return [shifted(v, offset) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: shifted(v, offset) for k, v in value.items()}
    if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
        out["start"] += offset
        out["end"] += offset
    return out


def next_context(doc: Doc, nlp: Language) -> dict[str, Any]:
    """What the chunk after ``doc`` inherits (module docstring), with offsets
    relative to that next chunk. ``doc._.kz_context`` is what ``doc`` inherited."""
    before = doc._.kz_context or {}
    last = before.get("last_date")
    for date in doc._.kz_dates or []:
        if date.get("earliest") is not None:
            last = {k: v for k, v in date.items() if k not in ("start", "end")}
    people = dict(before.get("people") or {})
    countries = set(before.get("countries") or ())
    is_town_of_one_country = _town_test(nlp)
    info = doc._.kz_entity_info or {}
    for ent in doc.ents:
        fields = info.get(f"{ent.start_char}:{ent.end_char}") or {}
        if ent.label_ == "PER" and (words := strip_titles(ent.text).split()):
            people.setdefault(fold(words[-1]),
                              fields or {"kind": "person", "name": " ".join(words)})
        if fields.get("country") and (fields.get("kind") != "city"
                                      or is_town_of_one_country(fields)):
            countries.add(fields["country"])
    with reading(doc):
        memory = article_memory(doc)  # the inherited antecedents, then this chunk's
    carried = before.get("antecedents") or {}
    speakers = before.get("speakers")  # written by kzevents_sources when it ran
    if speakers is None:
        speakers = carried.get("speakers") or []
    length = len(doc.text)

    def moved(items: list[Any]) -> list[dict[str, Any]]:
        kept = items[-MAX_ANTECEDENTS:]
        return [{**a, "start": a["start"] - length, "agreement": list(a["agreement"])}
                for a in (x if isinstance(x, dict) else asdict(x) for x in kept)]

    return {
        "last_date": last,
        "people": people,
        "countries": sorted(countries),
        "antecedents": {"entities": moved(memory.entities),
                        "subjects": moved(memory.subjects),
                        "speakers": moved(speakers)},
    }


def _town_test(nlp: Language) -> Callable[[dict[str, Any]], bool]:
    """Whether a town's country tells what the article is about: its name is
    nowhere else, as the entity component decides (``places._context_countries``)."""
    if "kzevents_entities" not in nlp.pipe_names:
        return lambda fields: False
    gz = nlp.get_pipe("kzevents_entities").gz

    def test(fields: dict[str, Any]) -> bool:
        if gz.metonym_country(fields.get("kb_id")) is not None:
            return True
        return len({p.country for p in gz.places(fields.get("name") or "")}) == 1

    return test


def extract_fields(nlp: Language, text: str, published: str | None, max_chars: int,
                   zone: Callable[[], AbstractContextManager[object]]
                   ) -> dict[str, list[dict[str, Any]]]:
    """The Article lists of a long ``text``, processed chunk by chunk, with
    offsets into ``text``; ``zone()`` wraps each chunk (``nlp.memory_zone``).

    Event merging runs once over the whole article instead of per chunk.
    """
    merging = "kzevents_merge" in nlp.pipe_names
    disable = ["kzevents_merge"] if merging else []
    fields: dict[str, list[dict[str, Any]]] = {key: [] for key in FIELDS}
    context: dict[str, Any] = {}
    spans = cut_points(text, max_chars)
    for number, (start, end) in enumerate(spans, 1):
        with zone():
            doc = nlp.make_doc(text[start:end])
            doc._.kz_published = published
            doc._.kz_context = context
            doc = nlp(doc, disable=disable)
            fields["entities"] += shifted(doc_entities(doc), start)
            for key in FIELDS[1:]:
                fields[key] += shifted(getattr(doc._, f"kz_{key}") or [], start)
            if number < len(spans):
                context = next_context(doc, nlp)
            del doc
    if merging:
        fields["events"] = merge_doc_events(fields["events"])
    else:
        for number, event in enumerate(fields["events"], 1):
            event["id"] = f"e{number}"
    return fields
