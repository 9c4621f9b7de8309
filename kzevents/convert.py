"""A processed Doc to a public ``Article``: the API boundary.

Components leave plain dicts on the Doc (see ``kzevents._extensions``) with
offsets into the cleaned text. Here every mention (a dict with ``start`` and
``end``, where the data model puts one) is moved back to the caller's string
and given its exact ``text``, then the pydantic model validates the whole article.
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


# Where an event dict (``_extensions.EVENT_DICT``) holds mentions: one (or None) ...
_EVENT_MENTION = ("trigger", "sentence", "actor", "recipient", "place", "date")
# ... or a list of them; ``source`` holds a speaker and a date.
_EVENT_MENTIONS = ("mentions", "co_actors", "co_recipients", "counts", "amounts")
_SOURCE_MENTION = ("speaker", "date")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace at the edges of a span (NER sometimes takes a newline)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _moved(mention: Any, clean: CleanText) -> Any:
    """A copy of a mention dict on the caller's text, trimmed, with its exact ``text``."""
    if not isinstance(mention, dict):
        return mention
    start, end = mention.get("start"), mention.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return mention
    text = clean.text
    if start < end and (text[start].isspace() or text[end - 1].isspace()):
        start, end = _trim(text, start, end)  # seldom: most spans have no edge to trim
    if clean.starts is not None:  # None: cleaning changed nothing, the offsets stand
        start, end = clean.to_original(start, end)
    return {**mention, "start": start, "end": end, "text": clean.original[start:end]}


def _moved_event(event: dict[str, Any], clean: CleanText) -> dict[str, Any]:
    """A copy of an event dict with each of its mentions moved (``_moved``)."""
    out = dict(event)
    for key in _EVENT_MENTION:
        if key in out:
            out[key] = _moved(out[key], clean)
    for key in _EVENT_MENTIONS:
        if out.get(key):
            out[key] = [_moved(m, clean) for m in out[key]]
    source = out.get("source")
    if isinstance(source, dict):
        out["source"] = {**source, **{key: _moved(source[key], clean)
                                      for key in _SOURCE_MENTION if key in source}}
    return out


def _remap(fields: dict[str, Any], clean: CleanText) -> dict[str, Any]:
    """The Article fields with every mention moved back onto the caller's text.

    Components give offsets into the cleaned text; the mentions are where the data
    model puts them, so only those dicts are copied, not every value of the result.
    """
    out = dict(fields)
    for key in ("entities", "dates", "counts", "amounts"):
        if out.get(key):
            out[key] = [_moved(m, clean) for m in out[key]]
    if out.get("events"):
        out["events"] = [_moved_event(e, clean) for e in out["events"]]
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
