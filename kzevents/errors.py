"""One family of errors, each message saying what to do about it.

Catch ``KzeventsError`` to handle everything the library raises on purpose. The
input errors also derive from the built-in exception a Python user would expect
(``TypeError`` for a wrong type, ``ValueError`` for a bad value), so existing
``except ValueError`` code keeps working.
"""

from __future__ import annotations


class KzeventsError(Exception):
    """Base class of every error kzevents raises on purpose."""


class ModelNotFoundError(KzeventsError):
    """No French spaCy pipeline could be loaded."""


class InputTypeError(KzeventsError, TypeError):
    """An argument has the wrong type (``None`` or ``bytes`` instead of ``str``...)."""


class InputValueError(KzeventsError, ValueError):
    """An argument has the right type but a value that cannot be used."""


class DataFileError(KzeventsError, ValueError):
    """A gazetteer, lexicon or gold file is missing or malformed.

    The message names the file, the line and the fix.
    """

    def __init__(self, path: object, problem: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem

