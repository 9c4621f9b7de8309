"""Keep the objects that exist before a run out of the garbage collector's scans.

A loaded pipeline holds about a million Python containers (spaCy's French
lemmatizer tables alone are 865 000 one-word lists), and the gazetteers more.
Extraction allocates many short-lived containers, so the collector runs a full
collection every hundred articles or so, and each one walks all of them again:
0.2 to 0.4 s each time, a few per cent of the whole run.

``frozen()`` moves every object tracked at its start into the permanent
generation (``gc.freeze``) and back into the oldest one at its end
(``gc.unfreeze``): both are constant-time list splices. During the run the
collector walks only what the run allocates. The one cost: a reference cycle
among objects that existed at the start and are dropped during the run is
freed at the end of the run instead of at the next full collection.

When something else has already frozen objects (the caller, a worker process
of ``kzevents.parallel`` or ``kzevents.partitions``), ``frozen()`` does nothing,
so that it never unfreezes what it did not freeze.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen() -> Iterator[None]:
    """``gc.freeze()`` for the duration of the block, unless objects are frozen already."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
