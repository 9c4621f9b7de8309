"""Event dicts built by hand on a parsed doc, to test the qualifiers on their
own (before and beside ``kzevents_events``): find the trigger's words, make
the EVENT_DICT with its offsets and sentence, then run one component."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def _find(text: str, needle: str, occurrence: int = 0, after: int = 0) -> tuple[int, int]:
    spans = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)
             if m.start() >= after]
    if len(spans) <= occurrence:
        raise ValueError(f"{needle!r} not found in {text!r}")
    return spans[occurrence]


def participant(doc: Doc, words: str, after: int = 0) -> dict[str, Any]:
    """An unlinked participant dict on the first ``words`` at or after ``after``."""
    start, end = _find(doc.text, words, after=after)
    return {"start": start, "end": end, "name": None, "kb_id": None, "country": None,
            "sector": None}


def hand_event(doc: Doc, trigger: str, type_: str = "ASSAULT", occurrence: int = 0,
               index: int = 1, actor: str | None = None, recipient: str | None = None
               ) -> dict[str, Any]:
    """The EVENT_DICT of the ``occurrence``-th ``trigger`` of the doc."""
    start, end = _find(doc.text, trigger, occurrence)
    span = doc.char_span(start, end, alignment_mode="expand")
    assert span is not None, trigger
    sent = span.sent
    event: dict[str, Any] = {
        "id": f"e{index}", "type": type_, "mode": None,
        "trigger": {"start": start, "end": end, "lemma": span.root.lemma_},
        "actor": None, "recipient": None, "co_actors": [], "co_recipients": [],
        "place": None, "date": None, "counts": [], "modality": "asserted", "source": None,
        "sentence": {"start": sent.start_char, "end": sent.end_char}, "confidence": 1.0,
        "rules": [], "mentions": [{"start": start, "end": end, "lemma": span.root.lemma_}],
    }
    if actor:
        event["actor"] = participant(doc, actor, after=sent.start_char)
    if recipient:
        event["recipient"] = participant(doc, recipient, after=sent.start_char)
    return event


def parse(nlp: Language, text: str, published: str | None = "2022-01-11") -> Doc:
    """Run the pipeline on the text as the extractor cleans it (markup out);
    whatever events it finds are replaced by hand-made ones."""
    from kzevents.text import clean_markup

    doc = nlp.make_doc(clean_markup(text).text)
    doc._.kz_published = published
    return nlp(doc)


def qualify(nlp: Language, doc: Doc, events: list[dict[str, Any]],
            components: tuple[str, ...] = ("kzevents_modality", "kzevents_sources")) -> Doc:
    """Put ``events`` on the doc and run the qualifier components on it."""
    doc._.kz_events = events
    for name in components:
        doc = nlp.get_pipe(name)(doc)
    return doc
