"""Every notebook under notebooks/ runs from top to bottom without error."""

from __future__ import annotations

import contextlib
import io
import json
import os

import pytest

from .conftest import TESTS

NOTEBOOKS = sorted((TESTS.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, extractor, monkeypatch):
    """Run the code cells in order in one namespace, as a kernel would, from notebooks/."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code_cells = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert code_cells, f"{path.name} has no code"
    monkeypatch.chdir(path.parent)
    namespace: dict = {"__name__": "__main__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for number, source in enumerate(code_cells, 1):
            exec(compile(source, f"{path.name} cell {number}", "exec"), namespace)
    assert os.getcwd() == str(path.parent)
    assert "records 10" in out.getvalue()
    if path.name == "quickstart.ipynb":  # the tour: corpus, pictures, exports
        from matplotlib.figure import Figure

        from kzevents.export import ACLED_COLUMNS

        assert [a.id for a in namespace["articles"]][:2] == ["janaozen", "almaty-mairie"]
        assert isinstance(namespace["timeline"], Figure) and isinstance(namespace["world"], Figure)
        assert list(namespace["acled"].columns) == ACLED_COLUMNS
        assert f"6 articles, {len(namespace['table'])} events" in out.getvalue()
