"""The prebuilt gazetteer index: the package gazetteers compiled once, loaded in a blink.

Reading the JSONL gazetteers validates 35 000 lines and normalises 80 000 names (seconds
at start-up). ``data/gazetteers/index.pickle.gz``, written by
``python data/gazetteers/build/build_index.py``, holds the result: the alias tables as
they are after loading, and each entry as one JSON string that becomes a
``GazetteerEntry`` when first asked for (``EntryTable``). It is plain data (dicts,
lists, strings, numbers), read by an unpickler that refuses any class, so it runs no
code. It records a digest of the files it was built from: when a linguist edits one of
them, the digest differs, and the loader reads the JSONL files instead (with a warning
saying how to rebuild), so an edit is never ignored; ``tests/test_gazetteers.py`` fails
until the index is rebuilt.

>>> index_state()
'fresh'
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import io
import pickle
import warnings
from pathlib import Path
from typing import Any

from kzevents.gazetteers import (
    ENTRY_FILES,
    Agent,
    EntryTable,
    Gazetteer,
    read_sources,
)
from kzevents.resources import data_path, read_jsonl

FORMAT = 1  # bump when the layout below or the meaning of a table changes
INDEX = "index.pickle.gz"
SOURCES = (*ENTRY_FILES, "demonyms.jsonl", "agents.jsonl")
# Gazetteer tables stored as they are, and those stored as sorted lists (sets: a sorted
# list gives the same bytes on every build)
TABLES = ("index", "spot", "acronyms", "spot_acronyms", "demonyms", "countries", "holders")
SETS = ("lower_starts", "lower_words", "spot_starts", "known_countries")


def index_path() -> Path:
    return data_path("gazetteers", INDEX)


def sources_digest() -> str:
    """SHA-256 of the index format and of every source file (name and bytes)."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in SOURCES:
        digest.update(f"{name}\n".encode())
        digest.update(data_path("gazetteers", name).read_bytes())
    return digest.hexdigest()


def write_index(path: Path | None = None) -> Path:
    """Compile the package gazetteers from their JSONL files into the index file."""
    gz = read_sources()
    data: dict[str, Any] = {
        "format": FORMAT,
        "sources": sources_digest(),
        "entries": gz.entries.packed(),
        "labels": gz.entries.labels(),
        "agents": [agent.model_dump() for _line, agent in
                   read_jsonl(data_path("gazetteers", "agents.jsonl"), Agent)],
        **{name: getattr(gz, name) for name in TABLES},
        **{name: sorted(getattr(gz, name)) for name in SETS},
    }
    path = path or index_path()
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        pickle.dump(data, out, protocol=5)  # mtime 0: the same sources give the same bytes
    return path


class _PlainData(pickle.Unpickler):
    """Unpickles containers, strings and numbers only: a class in the file is an error."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}: the gazetteer index holds plain "
                                     "data only")


def _read(path: Path) -> dict[str, Any]:
    with gzip.open(path, "rb") as handle:
        blob = handle.read()
    enabled = gc.isenabled()
    gc.disable()  # a million new containers: the collector would walk them again and again
    try:
        return _PlainData(io.BytesIO(blob)).load()
    finally:
        if enabled:
            gc.enable()


def index_state() -> str:
    """``fresh``, ``stale`` (built from other versions of the files) or ``missing``."""
    path = index_path()
    if not path.is_file():
        return "missing"
    try:
        data = _read(path)
    except (OSError, EOFError, pickle.UnpicklingError):
        return "stale"
    fresh = data.get("format") == FORMAT and data.get("sources") == sources_digest()
    return "fresh" if fresh else "stale"


def load_index() -> Gazetteer | None:
    """The package gazetteer from the index, or None (with a warning) when the index
    is missing, unreadable or stale."""
    path = index_path()
    try:
        data = _read(path)
        fresh = data.get("format") == FORMAT and data.get("sources") == sources_digest()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError) as exc:
        problem = f"cannot be read ({exc})"
    else:
        if fresh:
            return _gazetteer(data)
        problem = "was built from other versions of the gazetteer files"
    warnings.warn(f"{path} {problem}: reading the JSONL files instead (a slower start). "
                  "Rebuild it: python data/gazetteers/build/build_index.py", stacklevel=3)
    return None


def _gazetteer(data: dict[str, Any]) -> Gazetteer:
    gz = Gazetteer(entries=EntryTable(data["entries"], data["labels"]),
                   **{name: data[name] for name in TABLES},
                   **{name: set(data[name]) for name in SETS})
    for raw in data["agents"]:
        gz.add_agent(Agent.model_validate(raw))
    return gz
