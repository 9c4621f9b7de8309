"""Dates: French date expressions resolved against the publication date.

``patterns`` holds the regex pieces (data), ``resolve`` finds and resolves
them on plain text, ``factory`` is the spaCy component ``kzevents_dates``.
"""

from kzevents.pipes.dates.factory import DateFinder, make_dates

__all__ = ["DateFinder", "make_dates"]
