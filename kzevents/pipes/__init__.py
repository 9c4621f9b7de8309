"""spaCy components of kzevents, one module (or folder) each.

Each is registered as a factory (``@Language.factory``) and as a
``spacy_factories`` entry point, so ``nlp.add_pipe("kzevents_...")`` works in a
pipeline of your own.
"""

from kzevents.pipes import (
    amounts,
    counts,
    dates,
    entities,
    events,
    merge,
    paragraphs,
    qualifiers,
    web_entities,
)

__all__ = ["amounts", "counts", "dates", "entities", "events", "merge", "paragraphs", "qualifiers",
           "web_entities"]
