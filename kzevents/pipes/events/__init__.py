"""The ``kzevents_events`` component: triggers, participants, place, date and counts."""

from kzevents.pipes.events import factory

__all__ = ["factory"]
