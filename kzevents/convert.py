"""A processed Doc to a public ``Article``: the API boundary.

Components leave plain dicts on the Doc (see ``kzevents._extensions``) with
offsets into the cleaned text. Here every dict that has ``start`` and ``end``
is moved back to the caller's string and given its exact ``text``, then the
pydantic model validates the whole article.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Doc

from kzevents.models import Article
from kzevents.text import CleanText

# spaCy's labels that are not ours map onto PER ORG LOC MISC.
_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC",
           "MISC": "MISC"}


_LEAVES = frozenset({str, int, float, bool, type(None)})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace at the edges of a span (NER sometimes takes a newline)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _remap(value: Any, clean: CleanText) -> Any:
    """Recursively move every mention dict back onto the original text."""
    if type(value) in _LEAVES:  # most values: nothing to look into
        return value
    # leaves are taken as they are here, not by a call each
    if isinstance(value, list | tuple):  # DocBin gives lists back as tuples
        return [v if type(v) in _LEAVES else _remap(v, clean) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: v if type(v) in _LEAVES else _remap(v, clean) for k, v in value.items()}
    if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
        start, end = _trim(clean.text, out["start"], out["end"])
        start, end = clean.to_original(start, end)
        out["start"], out["end"] = start, end
        out["text"] = clean.original[start:end]
    return out


def doc_entities(doc: Doc) -> list[dict[str, Any]]:
    """Entities of ``doc.ents`` as dicts, with what the linker added."""
    info = doc._.kz_entity_info or {}
    entities = []
    for ent in doc.ents:
        label = _LABELS.get(ent.label_, "MISC")
        extra = info.get(f"{ent.start_char}:{ent.end_char}", {})
        entities.append({"start": ent.start_char, "end": ent.end_char, "label": label, **extra})
    return entities


def doc_to_article(doc: Doc, clean: CleanText, *, published: dt.date | None,
                   model: str | None, article_id: str | None = None) -> Article:
    """Build the validated ``Article`` of one processed doc."""
    fields = {
        "entities": doc_entities(doc),
        "dates": doc._.kz_dates or [],
        "counts": doc._.kz_counts or [],
        "amounts": doc._.kz_amounts or [],
        "events": doc._.kz_events or [],
    }
    fields = _remap(fields, clean)
    return Article(id=article_id, text=clean.original, published=published, model=model,
                   **fields)
