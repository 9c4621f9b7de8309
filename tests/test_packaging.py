"""The wheel carries the package data, so an install outside the repository finds it."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import TESTS

ROOT = TESTS.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{done.stderr[-2000:]}")
    return next(out.glob("kzevents-*.whl"))


def test_every_data_file_is_in_the_wheel(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [p for p in (ROOT / "data").rglob("*") if p.is_file() and "build" not in p.parts]
    assert data, "the repository has data files"
    for path in data:
        inside = "kzevents/data/" + path.relative_to(ROOT / "data").as_posix()
        assert inside in names, f"{inside} is missing from the wheel"


def test_the_wheel_declares_the_spacy_factories(wheel):
    archive = zipfile.ZipFile(wheel)
    entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    text = archive.read(entry_points).decode()
    assert "[spacy_factories]" in text
    for factory in ("kzevents_paragraphs", "kzevents_web_entities", "kzevents_dates",
                    "kzevents_counts"):
        assert f"{factory} = kzevents.pipes." in text


def test_a_users_own_pipeline_finds_the_components_by_entry_point():
    """spaCy finds our factories without ``import kzevents`` (entry points)."""
    code = (
        "import spacy\n"
        "nlp = spacy.blank('fr')\n"
        "for name in ('kzevents_paragraphs', 'kzevents_dates', 'kzevents_counts'):\n"
        "    nlp.add_pipe(name)\n"
        "doc = nlp('Le 5 janvier, 300 manifestants ont été arrêtés.')\n"
        "doc._.kz_published = '2022-01-11'\n"
        "doc = nlp(doc)\n"
        "print(doc._.kz_dates[0]['value'], doc._.kz_counts[0]['value'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["2022-01-05", "300"]
