"""The README's quick start runs as written and prints what the README shows."""

from __future__ import annotations

import contextlib
import io
import re

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


def test_the_numbers_and_dates_snippet_gives_what_its_comments_say():
    section = README.split("Numbers and dates on their own", 1)[1]
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
