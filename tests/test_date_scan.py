"""The anchored search of date rules (kzevents.pipes.dates.scan) gives exactly the
matches of a scan of the whole text: on every annotated text of tests/data and on
texts made to trip it (glued words, long whitespace, letters that fold oddly)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from kzevents.pipes.dates import find, patterns, scan

DATA = Path(__file__).parent / "data"
TRICKY = [
    "enjanvier 2020, depuismars, lemois prochain, cetété, l'été dernier",
    "Du  \n\n  3   au \t 5  janvier   2022 ;  le\n\n\n\n\n\n\n\n\n\n\n\n16 ,  mardi  \n 4",
    "ſeptembre 2021, le 5 ſept. 2014, İl y a 3 jours, le 1er DÉCEMBRE, JEUDI dernier",
    "semaines semaine-là mais maire demain 2020-2021 11/01/2022 1/2/3/4 12-01-2022",
    "il y a une dizaine d'années, dans deux semaines, trois jours plus tard, "
    "les 3 derniers jours, en 52 av. J.-C., vers 476 apr. J.-C., le 15 mars 44 avant "
    "Jésus-Christ, la nuit dernière, le lendemain, à la Toussaint, ce week-end",
    "1991 : indépendance\n2022 – les émeutes\n1950.\nles années 90, vers 21 h 45, à 13h",
    "",
]


@cache
def _texts() -> list[str]:
    """The tricky texts, and the annotated sentences grouped as articles (anchors
    far apart, several per window)."""
    sentences: list[str] = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str):
                    sentences.append(text)
    return TRICKY + ["\n\n".join(sentences[i : i + 12]) for i in range(0, len(sentences), 12)]


@pytest.mark.parametrize("name", [n for n, (_, whole) in find.COMPILED.items() if not whole])
def test_anchored_search_gives_the_whole_text_matches(name: str) -> None:
    regex = find.COMPILED[name][0]
    for text in _texts():
        anchors = scan.Anchors(text)
        expected = [(m.span(), m.groupdict()) for m in regex.finditer(text)]
        got = [(m.span(), m.groupdict())
               for m in scan.finditer(regex, text, anchors, patterns.ANCHORS.get(name))]
        assert got == expected, (name, text[:80])


def test_every_rule_of_running_text_but_period_has_an_anchor_and_a_bound() -> None:
    for name, (regex, whole) in find.COMPILED.items():
        if whole or name in ("period", "day_range_no_month"):
            continue
        assert name in patterns.ANCHORS, name
        assert scan.bounds(regex.pattern, regex.flags, 1) is not None, name


def test_odd_folding_scans_the_whole_text() -> None:
    assert not scan.Anchors("le 5 ſeptembre").usable
    assert not scan.Anchors("İstanbul, le 5 mars").usable  # lower case is longer
    assert scan.Anchors("le 5 septembre à Zürich").usable
