"""Where a graph's files are: the curator's project folder, and what the package ships.

A project is a folder with a ``kg.toml`` marker (``kg init DIR`` makes one). Every command and
notebook finds the project it stands in the way git finds its repository: the working folder,
then each folder above it. The marker may move the folders from their defaults::

    [project]
    data = "data"            # documents/, facts/, reference/
    out = "out"              # what kg build writes
    queries = "queries"      # your own named queries (.rq), beside the ones kg ships
    # ontology = "ontology"  # your own sco-film.ttl, shapes.ttl (default: the ones kg ships)

The package ships the ontology, the SHACL shapes, the named queries and the built-in sample data
(``kg init DIR --sample`` copies it). In a wheel they sit inside the package (``kg/_ontology``,
``kg/_sample``); in a source checkout they are the checkout's own ``ontology/`` and ``data/``.

    >>> import kg
    >>> project = kg.Project.here()     # or KGError: not inside a kg project
    >>> project.data, project.out
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kg.errors import KGError, Problem

MARKER = "kg.toml"
_CHECKOUT = Path(__file__).resolve().parent.parent


def _shipped(packaged: str, checkout: str) -> Path:
    inside = Path(str(files("kg"))) / packaged  # a wheel: package data
    return inside if inside.is_dir() else _CHECKOUT / checkout  # a source checkout (pip install -e)


def shipped_ontology() -> Path:
    """The folder of the ontology kg ships: sco-film.ttl, shapes.ttl, queries/."""
    return _shipped("_ontology", "ontology")


def shipped_sample() -> Path:
    """The built-in sample data: documents/, facts/, reference/."""
    return _shipped("_sample", "data")


@dataclass(frozen=True)
class Project:
    """A curator's project folder and where its parts are (absolute paths)."""

    root: Path
    data: Path
    out: Path
    queries: Path
    ontology: Path

    @classmethod
    def read(cls, root: Path) -> Project:
        """The project whose marker is ``root/kg.toml``; a broken marker is reported with its line."""
        marker = root / MARKER
        try:
            settings = tomllib.loads(marker.read_text(encoding="utf-8")).get("project", {})
        except tomllib.TOMLDecodeError as e:
            line = getattr(e, "lineno", None) or _line_of(str(e))
            raise KGError(Problem(marker, line, f"kg.toml does not parse: {e}", "fix the TOML, or delete the file and run kg init")) from None
        unknown = set(settings) - {"data", "out", "queries", "ontology"}
        if unknown:
            raise KGError(
                Problem(marker, None, f"unknown setting(s) in [project]: {', '.join(sorted(unknown))}", "use data, out, queries or ontology")
            )

        def folder(key: str, default: str | None) -> Path | None:
            value = settings.get(key, default)
            return None if value is None else (root / value).resolve()

        return cls(
            root=root.resolve(),
            data=folder("data", "data"),
            out=folder("out", "out"),
            queries=folder("queries", "queries"),
            ontology=folder("ontology", None) or shipped_ontology(),
        )

    @classmethod
    def find(cls, start: Path | str | None = None) -> Project | None:
        """The project at or above ``start`` (default: the working folder), or None."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / MARKER).is_file():
                return cls.read(folder)
        return None

    @classmethod
    def here(cls, start: Path | str | None = None) -> Project:
        """Like :meth:`find`, but outside a project a clear error says what to do."""
        return project(start)


def project(start: Path | str | None = None) -> Project:
    """The project at or above ``start`` (default: the working folder); a clear error outside one."""
    found = Project.find(start)
    if found is None:
        where = Path(start or Path.cwd()).resolve()
        raise KGError(
            Problem(
                where,
                None,
                f"not inside a kg project (no {MARKER} here or in any folder above)",
                "run `kg init DIR` (add --sample for the built-in data) and cd into it, or give the folders with --data/--out",
            )
        )
    return found


MARKER_TEXT = """\
# A kg project: every `kg` command run in this folder or below it uses these folders.
[project]
data = "data"          # documents/, facts/, reference/ (what kg build reads)
out = "out"            # what kg build writes, and what kg query, view and serve read
queries = "queries"    # your own named queries (.rq), beside the ones kg ships
# ontology = "ontology"  # your own sco-film.ttl and shapes.ttl (default: the ones kg ships)
"""

GITIGNORE_TEXT = "out/\ndata/drafts/\n"


def init_project(folder: Path | str, *, sample: bool = False) -> Project:
    """Create a project folder: the marker, data/{documents,facts,reference}, queries/.

    With ``sample``, data/ holds a copy of the built-in sample data. All or nothing: the folder
    is assembled beside its place and moved in once complete; an existing project is never
    touched, and a folder with files in it is refused.
    """
    target = Path(folder).resolve()
    if (target / MARKER).exists():
        raise KGError(Problem(target / MARKER, None, "this folder is already a kg project", "use it as it is, or pick another folder"))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise KGError(Problem(target, None, "the folder exists and is not empty", "give a new or empty folder"))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        (staging / ".gitignore").write_text(GITIGNORE_TEXT, encoding="utf-8")
        (staging / "queries").mkdir()
        if sample:
            shutil.copytree(shipped_sample(), staging / "data", ignore=shutil.ignore_patterns("drafts", "__pycache__", "__init__.py"))
        for part in ("documents", "facts", "reference"):
            (staging / "data" / part).mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.rmdir()  # empty, checked above
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Project.read(target)


def _line_of(message: str) -> int | None:
    import re

    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def data_folder(given: Path | str | None = None) -> Path:
    """``given``, else the project's data/ (a clear error outside a project)."""
    return Path(given) if given is not None else project().data


def out_folder(given: Path | str | None = None) -> Path:
    """``given``, else the project's out/, else ./out (where `kg run` outside a project writes)."""
    if given is not None:
        return Path(given)
    found = Project.find()
    return found.out if found else Path("out")
