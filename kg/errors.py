"""Errors a user can fix, reported as file, line, what is wrong and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One thing wrong with an input file, located so the user can go straight to it."""

    path: Path | str
    line: int | None
    message: str
    hint: str = ""
    unit: str = "line"  # "row" for records of a table, which have no lines

    def __str__(self) -> str:
        if self.line and self.unit == "row":
            where = f"{self.path}, row {self.line}"
        else:
            where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        text = f"{where}: {self.message}"
        return f"{text}\n    how to fix: {self.hint}" if self.hint else text


class KGError(Exception):
    """An error caused by the user's input or request, never by a bug in kg.

    The CLI prints these without a traceback and exits non-zero; the Python API raises them.
    """

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("kg", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class InputError(KGError):
    """A data file (document, fact sheet, reference sheet) is wrong."""


class QueryError(KGError):
    """A SPARQL query is malformed or cannot be run."""


def need(module: str, extra: str, purpose: str):
    """Import an optional library, or say which extra of the package installs it.

    Russian and Chinese drafting use NLP libraries of some 300 MB with their models; they are an
    extra (``languages``) so that building and querying a graph installs in seconds.
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise KGError(
            Problem(
                purpose,
                None,
                f"this needs the Python package {module.split('.')[0]!r}, which is not installed",
                f"pip install 'sco-film-kg[{extra}]' (in a checkout: scripts/setup.sh {extra})",
            )
        ) from None
