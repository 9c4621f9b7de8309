"""Qualifiers of events: did it happen (``kzevents_modality``), who says so
(``kzevents_sources``, with the anaphora rules that name a pronoun's referent).

Both read and update the Event dicts of ``doc._.kz_events`` in place; every
cue list is a data file of data/lexicons/ (README there).
"""

from kzevents.pipes.qualifiers import modality, sources

__all__ = ["modality", "sources"]
