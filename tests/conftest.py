"""Shared fixtures: one spaCy pipeline per test session, and the shared eval data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
# ../shared beside the repository: present in the developers' and CI's clones,
# absent in a user's clone, where the tests that need it skip.
SHARED = TESTS.parent.parent / "shared"


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSONL test file (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (it lies beside the repository)")
    return path


@pytest.fixture(scope="session")
def extractor():
    """The default Extractor, its spaCy pipeline loaded once for the session."""
    from kzevents import default_extractor

    ex = default_extractor()
    ex.nlp  # noqa: B018  (load now, once)
    return ex


@pytest.fixture(scope="session")
def nlp(extractor):
    """The full kzevents spaCy pipeline."""
    return extractor.nlp


# Hypothesis profiles: "ci" (default) is sized for 2 cores and a 10-minute suite;
# HYPOTHESIS_PROFILE=dev explores more.
try:
    import os

    from hypothesis import HealthCheck, settings

    settings.register_profile("ci", max_examples=40, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("dev", max_examples=300, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    pass
