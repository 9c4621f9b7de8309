"""The ``kzevents_merge`` component: one event per real-world event in a doc.

The last of the kzevents components: a headline and the body sentence that
tell the same event become one Event dict whose ``mentions`` hold both
triggers (rules in ``kzevents.merge.merge_doc_events``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kzevents._extensions import ensure_extensions
from kzevents.merge import merge_doc_events


class EventMerger:
    """Merges the tellings of one event within a doc; holds no state."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kz_events:
            doc._.kz_events = merge_doc_events(doc._.kz_events)
        return doc


@Language.factory("kzevents_merge")
def make_merge(nlp: Language, name: str) -> EventMerger:
    """Factory of ``kzevents_merge``: add it last, after ``kzevents_sources``."""
    ensure_extensions()
    return EventMerger()
