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
    "kz_events": (None, "list of Event dicts"),
}


def ensure_extensions() -> None:
    """Register the extensions of ``DOC_EXTENSIONS`` (idempotent)."""
    for name, (default, _doc) in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
