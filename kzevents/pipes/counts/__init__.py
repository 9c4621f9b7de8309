"""Counts of people and things: "plus de 3 000 manifestants ont été interpellés"."""

from kzevents.pipes.counts.factory import CountsComponent, make_counts

__all__ = ["CountsComponent", "make_counts"]
