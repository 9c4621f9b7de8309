"""The gazetteer entity component ``kzevents_entities`` (see ``factory.py``)."""

from kzevents.pipes.entities.factory import EntityLinker, make_entities

__all__ = ["EntityLinker", "make_entities"]
