"""Where the package data lives, and one strict JSONL reader for it.

Data ships inside the wheel as ``kzevents/data`` and lives at the top of the
repository as ``data/`` in a checkout (editable installs read it there).
Every data file, ours or a user's, is read by ``read_jsonl``: a bad line fails
with the file, the line number and what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kzevents.errors import DataFileError

M = TypeVar("M", bound=BaseModel)


@cache
def data_dir() -> Path:
    """The folder holding ``gazetteers/`` and ``lexicons/``."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise DataFileError(package / "data", "the package data folder is missing: reinstall kzevents")


def data_path(*parts: str) -> Path:
    """A file of the package data, e.g. ``data_path("lexicons", "triggers.jsonl")``."""
    return data_dir().joinpath(*parts)


def read_jsonl(path: str | Path, model: type[M]) -> Iterator[tuple[int, M]]:
    """Yield ``(line_number, record)`` for each non-blank line, validated by ``model``.

    Lines starting with ``//`` are comments. Raises ``DataFileError`` naming the
    file and line for a missing file, bad encoding, bad JSON or a bad field.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "no such file") from None
    except IsADirectoryError:
        raise DataFileError(path, "is a directory, not a JSONL file") from None
    with handle:
        number = 0
        try:
            for number, line in enumerate(handle, 1):
                stripped = line.strip()
                if not stripped or stripped.startswith("//"):
                    continue
                try:
                    raw = json.loads(stripped)
                except json.JSONDecodeError as exc:
                    raise DataFileError(path, f"bad JSON ({exc.msg} at column {exc.colno})",
                                        line=number) from None
                if not isinstance(raw, dict):
                    raise DataFileError(path, "each line must be a JSON object", line=number)
                try:
                    yield number, model.model_validate(raw)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    field = ".".join(str(p) for p in first["loc"]) or "(record)"
                    raise DataFileError(path, f"field {field!r}: {first['msg']}",
                                        line=number) from None
        except UnicodeDecodeError as exc:
            raise DataFileError(path, f"not UTF-8 ({exc.reason})", line=number + 1) from None
