"""kzevents: French news articles to structured political events.

>>> import kzevents
>>> art = kzevents.extract("Des manifestants se sont rassemblés à Almaty.", published="2022-01-05")
>>> art.entities[0].text, art.entities[0].label
('Almaty', 'LOC')

The public API is what this module exports; everything else may change.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzevents._version import __version__
from kzevents.display import display
from kzevents.errors import KzeventsError

# The function shadows its module's name on the package on purpose:
# ``kzevents.merge(articles)``; import helpers with ``from kzevents.merge import ...``.
# (``merge`` and ``display`` are imported here, not lazily, for that reason.)
from kzevents.merge import merge
from kzevents.models import (
    Amount,
    Article,
    Attribution,
    Count,
    Entity,
    Event,
    EventReport,
    Mention,
    MergedEvent,
    Participant,
    TimeRef,
    Trigger,
    json_schema,
)

if TYPE_CHECKING:
    from kzevents import plot
    from kzevents.amounts import parse_amount
    from kzevents.dates import parse_date
    from kzevents.evaluation import Report
    from kzevents.extractor import Extractor
    from kzevents.numbers import parse_number

# Names whose modules import spaCy, dateparser or text2num (seconds of start-up): imported
# on first use, so ``import kzevents`` (and a model-free helper such as ``merge``) is fast.
_LAZY = {"Extractor": "kzevents.extractor", "parse_amount": "kzevents.amounts",
         "parse_date": "kzevents.dates", "parse_number": "kzevents.numbers",
         "plot": "kzevents.plot"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kzevents' has no attribute {name!r}")
    imported = importlib.import_module(module)
    value = imported if name == "plot" else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Amount",
    "Article",
    "Attribution",
    "Count",
    "Entity",
    "Event",
    "EventReport",
    "Extractor",
    "KzeventsError",
    "Mention",
    "MergedEvent",
    "Participant",
    "TimeRef",
    "Trigger",
    "__version__",
    "default_extractor",
    "display",
    "evaluate",
    "extract",
    "extract_many",
    "json_schema",
    "merge",
    "parse_amount",
    "parse_date",
    "parse_number",
    "plot",
]

_default: Extractor | None = None


def default_extractor() -> Extractor:
    """The shared ``Extractor()`` that ``extract`` and ``extract_many`` use."""
    global _default
    if _default is None:
        from kzevents.extractor import Extractor

        _default = Extractor()
    return _default


def extract(text: str, published: object = None) -> Article:
    """Extract entities, dates, counts and events from one French article.

    ``published`` (date, datetime or ISO string) anchors relative dates;
    without it they stay unresolved. See ``Extractor.extract``.
    """
    return default_extractor().extract(text, published=published)


def extract_many(texts_or_records: Iterable[object], *, n_process: int = 1,
                 batch_size: int = 32, errors: str = "raise", progress: bool = False,
                 published: object = None) -> Iterator[Article]:
    """Extract from many texts or records, in input order. See ``Extractor.extract_many``."""
    return default_extractor().extract_many(
        texts_or_records, n_process=n_process, batch_size=batch_size,
        errors=errors,  # type: ignore[arg-type]
        progress=progress, published=published,
    )


def evaluate(gold: str | Path, extractor: Extractor | None = None,
             one_article: bool = False) -> Report:
    """Score the extractor on a gold file (JSONL, format of SPEC.md).

    ``one_article``: the records are the segments of one article, extracted
    together and scored segment by segment (``kzevents.evaluation.in_context``).
    """
    from kzevents.evaluation import evaluate_file

    return evaluate_file(gold, extractor or default_extractor(), one_article=one_article)
