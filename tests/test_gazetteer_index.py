"""The prebuilt gazetteer index and the towns file: same answers as the sources, fresh,
plain data only, and a stale index is never used."""

from __future__ import annotations

import gzip
import pickle
import warnings
from pathlib import Path

import pytest

import kzevents.gazetteer_index as gi
from kzevents import gazetteers
from kzevents.gazetteers import TownIndex, read_sources
from kzevents.resources import data_path


def test_index_is_fresh():
    assert gi.index_state() == "fresh", (
        "a gazetteer file changed since the index was built: run "
        "python data/gazetteers/build/build_index.py and commit data/gazetteers/index.pickle.gz")


def test_index_holds_what_the_sources_give():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a stale index would warn
        fast = gi.load_index()
    slow = read_sources()
    assert list(fast.entries) == list(slow.entries)
    for kb_id, entry in slow.entries.items():
        built = fast.entries[kb_id]
        assert (type(built), built, built.model_fields_set) == (
            type(entry), entry, entry.model_fields_set), kb_id
        assert fast.entries.label(kb_id) == entry.label
    for name in (*gi.TABLES, *gi.SETS):
        assert getattr(fast, name) == getattr(slow, name), name
    for name in ("index", "spot", "holders"):  # order too: the first id wins ties
        assert list(getattr(fast, name).items()) == list(getattr(slow, name).items())
    assert ({k: v.model_dump() for k, v in fast.agents.items()}
            == {k: v.model_dump() for k, v in slow.agents.items()})
    assert [b.model_dump() for b in fast.bodies] == [b.model_dump() for b in slow.bodies]


def test_stale_index_is_not_used(monkeypatch):
    monkeypatch.setattr(gi, "sources_digest", lambda: "an edited file")
    with pytest.warns(UserWarning, match=r"other versions.*build_index\.py"):
        assert gi.load_index() is None
    assert gi.index_state() == "stale"
    monkeypatch.setattr(gazetteers, "read_sources", lambda extra=(): "read from the JSONL")
    with pytest.warns(UserWarning):
        assert gazetteers.build_gazetteer() == "read from the JSONL"


def test_index_with_a_class_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "index.pickle.gz"
    with gzip.open(path, "wb") as out:
        pickle.dump({"format": gi.FORMAT, "entries": Path("x")}, out)
    monkeypatch.setattr(gi, "index_path", lambda: path)
    with pytest.warns(UserWarning, match="plain data only"):
        assert gi.load_index() is None


def test_town_index_finds_what_the_file_says():
    path = data_path("gazetteers", "towns.tsv.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows, keys, numbers = handle.read().rstrip("\n").split("\n\n")
    lines, keys, numbers = rows.split("\n"), keys.split("\n"), numbers.split("\n")
    towns = TownIndex(path)
    assert towns.size == len(lines)
    for key, found in list(zip(keys, numbers, strict=True))[::53]:
        assert towns.rows(key) == [lines[int(n)] for n in found.split(",")], key
    assert towns.rows(keys[0]) and towns.rows(keys[-1])  # both ends of the search
    for absent in ("", "zzzz zzzz", keys[0][:-1] + "~", "\uffff"):
        assert absent in keys or towns.rows(absent) == []
