"""Every custom spaCy extension kzevents sets, in one table.

Values are plain JSON-able data (dicts, lists, ISO strings) so that docs travel
through ``nlp.pipe(n_process=2)`` and ``DocBin``; pydantic objects are built at
the API boundary (``kzevents.convert``). Offsets inside these values are
character offsets into ``doc.text``.

Components call ``ensure_extensions()`` when they are created: importing
kzevents changes nothing in spaCy by itself.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

# name -> (default, what it holds)
DOC_EXTENSIONS: dict[str, tuple[Any, str]] = {
    "kz_published": (None, "publication date as an ISO string, set before the pipeline runs"),
    "kz_entity_info": (None, "'start:end' of an entity in doc.ents -> its Entity fields"),
    "kz_dates": (None, "list of TimeRef dicts"),
    "kz_counts": (None, "list of Count dicts"),
    "kz_amounts": (None, "list of Amount dicts (money)"),
    "kz_events": (None, "list of Event dicts (EVENT_DICT below)"),
    "kz_context": (None, "set by kzevents.chunking on a piece of a long text: what the text "
                   "before it said (last date, people, countries, antecedents), offsets "
                   "relative to this doc; None for a whole text"),
}

# The Event dict that ``kzevents_events`` writes and later components (modality,
# sources, merging) read and update in place. Keys are those of
# ``kzevents.models.Event``; every mention is ``{"start", "end", ...}`` in
# ``doc.text`` (``convert`` adds ``text`` and moves offsets to the input).
# A component finds the trigger's tokens with
# ``doc.char_span(t["start"], t["end"], alignment_mode="expand")``.
EVENT_DICT: dict[str, str] = {
    "id": '"e1", "e2"... in document order of the trigger',
    "type": "PLOVER type (models.EVENT_TYPES)",
    "mode": "PLOVER mode or None",
    "trigger": '{"start", "end", "lemma"}: the word or phrase that fired',
    "actor": '{"start", "end", "name", "kb_id", "country", "sector"} or None',
    "recipient": "a participant dict as actor, or None",
    "co_actors": "list of participant dicts (the others of a coordinated actor)",
    "co_recipients": "list of participant dicts",
    "place": "an entity dict of doc._.kz_entity_info with start/end/label, or None",
    "date": "a TimeRef dict of doc._.kz_dates, or None",
    "counts": "list of Count dicts of doc._.kz_counts",
    "amounts": "list of Amount dicts of doc._.kz_amounts (kzevents.amounts.amounts_for_event)",
    "modality": '"asserted" until the modality component says otherwise',
    "source": 'None, or {"speaker": participant dict or None, "verb": lemma, "date": TimeRef}',
    "sentence": '{"start", "end"} of the sentence',
    "confidence": "0-1",
    "rules": "ids of the rules that fired, in order (trigger, each slot, qualifiers...)",
    "mentions": "trigger dicts of every telling of this event, the trigger first",
}


def ensure_extensions() -> None:
    """Register the extensions of ``DOC_EXTENSIONS`` (idempotent)."""
    for name, (default, _doc) in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
