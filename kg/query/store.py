"""Where a built graph lives and how a SPARQL query reaches it.

Four stores answer the same two verbs, ``query`` and ``quads``:

- ``memory``: rdflib's in-memory dataset. No set-up; the fastest to open for the built-in data.
- ``oxigraph``: an on-disk pyoxigraph store beside the build output, loaded once and reopened
  read-only afterwards in milliseconds; for millions of triples and one-shot commands.
- ``oxigraph-memory``: the same engine in RAM, loaded at every open (seconds per million quads);
  the fastest queries, for the endpoint's workers and long notebook sessions.
- ``remote``: any SPARQL 1.1 Protocol endpoint (Virtuoso, Fuseki, GraphDB, Oxigraph server ...),
  filled with ``kg push``; for a graph a team shares.

Pick one with ``kg.open(path, store=...)``, the ``--store`` option, or the ``KG_STORE`` and
``KG_ENDPOINT`` environment variables (so every command and notebook follows one setting).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import _castLexicalToPython, _check_well_formed_types, _toPythonMapping, _well_formed_by_value
from rdflib.xsd_datetime import duration_isoformat

from kg.errors import KGError, Problem, QueryError
from kg.progress import Progress, progress
from kg.project import out_folder
from kg.query.queries import NamedQuery
from kg.query.results import QueryResult

BUILD_FILE = "kg.trig"
QUADS_FILE = "kg.nq"
IMPORTS_DIR = "imports"
STORES = ("memory", "oxigraph", "oxigraph-memory", "remote")
#: Below this many bytes of build output rdflib in memory opens fastest; above it (an imported
#: corpus) the on-disk store is chosen unless the caller asks for one.


class Store(Protocol):
    """A place that holds a built dataset and answers SPARQL over it."""

    def query(self, sparql: str | NamedQuery) -> QueryResult:
        """Run SPARQL (text, or a named query); queries without GRAPH see the union of graphs."""
        ...

    def quads(self) -> Iterator[tuple]:
        """Every (subject, predicate, object, graph) as rdflib terms."""
        ...


# ---- memory -------------------------------------------------------------------------------------


class MemoryStore:
    """rdflib's in-memory dataset: no set-up, fastest to load for small graphs."""

    name = "memory"

    def __init__(self, dataset: Dataset, files: list[Path] = ()):
        self.dataset = dataset
        self.files = list(files)

    def __repr__(self) -> str:
        return f"<MemoryStore of {', '.join(str(f) for f in self.files) or 'a dataset'}: {sum(1 for _ in self.dataset.quads())} quads>"

    @classmethod
    def load(cls, files: list[Path]) -> MemoryStore:
        dataset = Dataset(default_union=True)
        with progress("loading the graph into memory (rdflib)") as shown:
            for file in files:
                shown.phase(f"reading {file.name}")
                try:
                    if file.suffix == ".trig":
                        dataset.parse(file, format="trig")
                        continue
                    # rdflib's N-Quads parser (7.6) empties the default graph of the dataset it parses
                    # into: keep the triples already there (the build's provenance descriptions)
                    kept = list(dataset.default_graph)
                    dataset.parse(file, format="nquads")
                except Exception as e:  # rdflib's ParserError, BadSyntax and friends
                    raise _unreadable(file, e) from None
                for triple in kept:
                    dataset.default_graph.add(triple)
        return cls(dataset, files)

    def query(self, sparql: str | NamedQuery) -> QueryResult:
        result = self.dataset.query(parse_query(sparql))
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars]
            rows = [{k: v for k, v in zip(variables, row, strict=True) if v is not None} for row in result]
            return QueryResult("SELECT", variables, rows)
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        return QueryResult(result.type, graph=result.graph)

    def quads(self) -> Iterator[tuple]:
        return self.dataset.quads()


# ---- oxigraph -----------------------------------------------------------------------------------

#: The RDF merge of every graph, copied into the default graph once at load. Queries without GRAPH
#: then read one indexed graph instead of pyoxigraph's union-of-graphs view, which (in 0.5) answers
#: a triple once per graph that states it (oxigraph#1919) and is 2-10x slower on joins.
MERGE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
#: Bumped when the on-disk layout changes, so an older store is reloaded rather than misread.
LAYOUT = 2


class OxigraphStore:
    """pyoxigraph, on disk in ``<out>/oxigraph/`` (``oxigraph``) or in RAM (``oxigraph-memory``).

    On disk, the store remembers which build files it was loaded from (name, size, modification
    time); opening it again after the same build reuses it read-only in milliseconds, and several
    processes (the endpoint's workers) can share it. A changed build is loaded into a fresh folder
    that replaces the old one only when the load has finished. In RAM, every open loads the build
    again (about 8 s per million quads here) and queries run several times faster than on disk.

    Both hold the named graphs as built plus, in the default graph, the build's provenance
    descriptions and one copy of every triple of every graph (:data:`MERGE`).
    """

    def __init__(self, store, folder: Path | None = None, counts: dict[str, int] | None = None):
        self.store = store
        self.folder = folder
        self.counts = counts or {}
        self.name = "oxigraph" if folder else "oxigraph-memory"

    def __repr__(self) -> str:
        return f"<OxigraphStore in {self.folder or 'memory'}: {self.counts.get('quads', '?')} quads>"

    @classmethod
    def in_memory(cls, files: list[Path]) -> OxigraphStore:
        """Load the build files into a pyoxigraph store in RAM."""
        store, counts = _load_merged(files)
        return cls(store, None, counts)

    @classmethod
    def load(cls, files: list[Path], folder: Path) -> OxigraphStore:
        """Open the on-disk store in ``folder``, loading it first if the build changed."""
        import pyoxigraph as ox

        stamp = [[f.name, f.stat().st_size, f.stat().st_mtime_ns] for f in files]
        marker = folder / "kg-loaded-from.json"
        try:
            loaded = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or a load that was cut short: load again
            loaded = None
        if not (isinstance(loaded, dict) and loaded.get("files") == stamp and loaded.get("layout") == LAYOUT):
            fresh = folder.with_name(folder.name + ".loading")
            shutil.rmtree(fresh, ignore_errors=True)
            store = ox.Store(str(fresh))
            # one bulk write of the quads and their default-graph copies, straight from the files:
            # 1.1x the time of a plain bulk_load at 1M quads, where making the merge in RAM first
            # took 2x and 2.2 GB (RocksDB's own INSERT of the merge: 35 s)
            counts = {"quads": 0}
            with progress(f"loading the on-disk store ({folder})", unit="quads") as shown:
                shown.phase("reading the build")
                try:
                    store.bulk_extend(_stated_and_merged(files, counts, shown))
                except KGError:
                    del store
                    shutil.rmtree(fresh, ignore_errors=True)
                    raise
                counts["graphs"] = sum(1 for _ in store.named_graphs())
                # compacting RocksDB once per build costs ~6 s at 1M quads and makes every later
                # query 1.3-1.8x faster (aggregate 2.3 -> 1.7 s, join 14 -> 8 s here)
                shown.phase("compacting")
                store.optimize()
                store.flush()
                del store
            loaded = {"layout": LAYOUT, "files": stamp, **counts}
            (fresh / marker.name).write_text(json.dumps(loaded), encoding="utf-8")
            shutil.rmtree(folder, ignore_errors=True)
            fresh.rename(folder)
        counts = {k: v for k, v in loaded.items() if k not in ("layout", "files")}
        return cls(ox.Store.read_only(str(folder)), folder, counts)

    def query(self, sparql: str | NamedQuery) -> QueryResult:
        import pyoxigraph as ox

        text = getattr(sparql, "sparql", sparql)
        try:
            result = self.store.query(text)
        except SyntaxError as e:
            parse_query(text)  # rdflib's parser says where; Oxigraph's message is the fallback
            raise QueryError(Problem("query", None, f"SPARQL syntax error: {e}")) from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        convert = ox_term_converter()  # an answer repeats its terms (a film on every row of its cast)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [{name: convert(t) for name, t in zip(variables, row, strict=True) if t is not None} for row in result]
            return QueryResult("SELECT", variables, rows)
        graph = Graph()
        for t in result:
            graph.add((convert(t.subject), convert(t.predicate), convert(t.object)))
        return QueryResult("CONSTRUCT", graph=graph)

    def quads(self) -> Iterator[tuple]:
        """The quads as built: the merged copies in the default graph are left out."""
        import pyoxigraph as ox

        for q in self.store:
            if isinstance(q.graph_name, ox.DefaultGraph):
                stated = self.store.quads_for_pattern(q.subject, q.predicate, q.object)
                if any(not isinstance(x.graph_name, ox.DefaultGraph) for x in stated):
                    continue
                yield _from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), None
            else:
                yield _from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), _from_ox(q.graph_name)


def _load_merged(files: list[Path]):
    """An in-memory pyoxigraph store holding ``files`` and the merge of their graphs, with counts.

    In RAM, Oxigraph's own INSERT makes the merge 1.5 s faster at 1M quads than feeding the
    copies in with :func:`_stated_and_merged`, which the on-disk store needs.
    """
    import pyoxigraph as ox

    store = ox.Store()
    with progress("loading the graph into memory (oxigraph)") as shown:
        for file in files:
            shown.phase(f"reading {file.name}")
            try:
                store.bulk_load(path=str(file), format=_rdf_format(file))
            except (SyntaxError, OSError) as e:
                raise _unreadable(file, e) from None
        quads = len(store)
        graphs = sum(1 for _ in store.named_graphs())
        shown.phase("merging the graphs")
        store.update(MERGE)
    return store, {"quads": quads, "graphs": graphs}


def _stated_and_merged(files: list[Path], counts: dict[str, int], shown: Progress | None = None) -> Iterator:
    """Every quad of ``files``, each one in a named graph followed by its copy in the default graph.

    RocksDB keeps one copy of a triple however often it comes, so this is the :data:`MERGE`
    without a second pass; ``counts["quads"]`` is the number of quads read.
    """
    import pyoxigraph as ox

    quad, default = ox.Quad, ox.DefaultGraph
    for file in files:
        try:
            for q in ox.parse(path=str(file), format=_rdf_format(file)):
                counts["quads"] += 1
                if shown is not None:
                    shown.count = counts["quads"]
                yield q
                if not isinstance(q.graph_name, default):
                    yield quad(q.subject, q.predicate, q.object)
        except (SyntaxError, OSError) as e:
            raise _unreadable(file, e) from None


def _rdf_format(file: Path):
    import pyoxigraph as ox

    return ox.RdfFormat.TRIG if file.suffix == ".trig" else ox.RdfFormat.N_QUADS


def _unreadable(file: Path, error: Exception) -> KGError:
    """A build file that does not parse, located at the line where Oxigraph's parser stops.

    rdflib's N-Quads parser does not say which line it failed on, so its errors are located by
    parsing the file again with Oxigraph.
    """
    import pyoxigraph as ox

    if isinstance(error, OSError):
        return KGError(
            Problem(file, None, f"cannot be read: {error.strerror or error}", "check the file's permissions, or run kg build again")
        )
    if not isinstance(error, SyntaxError):
        try:
            for _ in ox.parse(path=str(file), format=_rdf_format(file)):
                pass
        except SyntaxError as located:
            error = located
    message = getattr(error, "msg", None) or str(error)
    return KGError(
        Problem(
            file,
            getattr(error, "lineno", None),
            f"not valid {'TriG' if file.suffix == '.trig' else 'N-Quads'}: {message}",
            "this file is written by `kg build` or `kg import`: run that again (or remove the file if you put it there)",
        )
    )


def ox_term_converter():
    """:func:`_from_ox` that converts each distinct term once (rdflib terms are immutable)."""
    cache: dict = {}

    def convert(term):
        value = cache.get(term)
        if value is None:
            value = cache[term] = _from_ox(term)
        return value

    return convert


def _from_ox(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    language = term.language
    if language:
        return _literal(term.value, None, language)
    datatype = term.datatype.value
    return _literal(term.value, None if datatype == XSD_STRING else _datatype(datatype), None)


XSD_STRING = str(XSD.string)


@functools.cache
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


def _literal(lexical: str, datatype: URIRef | None, language: str | None) -> Literal:
    """``Literal(lexical, lang=language, datatype=datatype, normalize=False)``, three times faster.

    rdflib's constructor re-validates what Oxigraph has already checked and was most of the cost
    of an answer (16 µs a literal; a query returning 100k dates spent more time here than in
    Oxigraph). This sets the same four fields; tests/test_stores.py compares the two on every kind
    of literal the project writes, so an rdflib release that changes them fails a test.
    """
    value = _castLexicalToPython(lexical, datatype)
    literal = str.__new__(Literal, lexical)
    literal._language = language
    literal._datatype = datatype
    literal._value = value
    literal._ill_typed = None
    if datatype is not None and datatype in _toPythonMapping:
        literal._ill_typed = not _check_well_formed_types.get(datatype, _well_formed_by_value)(lexical, value)
    return literal


# ---- remote -------------------------------------------------------------------------------------


class RemoteStore:
    """Any SPARQL 1.1 Protocol endpoint; the build output gets there with :func:`kg.query.push.push`.

    Queries are parsed here first, so a malformed query gets the same pointed message as with
    the local stores, and the endpoint is asked for the result format that fits the query form.
    """

    name = "remote"

    def __init__(self, endpoint: str, timeout: float = 60.0):
        self.endpoint = endpoint
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"<RemoteStore at {self.endpoint}>"

    def query(self, sparql: str | NamedQuery) -> QueryResult:
        text = getattr(sparql, "sparql", sparql)
        form = _query_form(text)
        accept = "text/turtle" if form in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        body = urllib.parse.urlencode({"query": text}).encode()
        request = urllib.request.Request(
            self.endpoint, data=body, headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as e:
            raise QueryError(
                Problem(self.endpoint, None, f"the endpoint answered {e.code}: {e.read()[:500].decode(errors='replace')}")
            ) from None
        except (urllib.error.URLError, TimeoutError) as e:
            raise KGError(
                Problem(
                    self.endpoint, None, f"cannot reach the SPARQL endpoint: {e}", "is the server running? check --endpoint / KG_ENDPOINT"
                )
            ) from None
        if form in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult(form, graph=Graph().parse(data=payload, format="turtle"))
        doc = json.loads(payload)
        if "boolean" in doc:
            return QueryResult("ASK", boolean=bool(doc["boolean"]))
        variables = doc["head"]["vars"]
        rows = [{k: _from_json(v) for k, v in b.items()} for b in doc["results"]["bindings"]]
        return QueryResult("SELECT", variables, rows)

    def quads(self) -> Iterator[tuple]:
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in result.rows:
            yield row["s"], row["p"], row["o"], row["g"]


def _query_form(text: str) -> str:
    parsed = parse_query(text)
    return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}[parsed.algebra.name]


def _from_json(value: dict):
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    seconds = _seconds(value["value"]) if datatype == XSD_DURATION else None
    if seconds is not None:
        # Virtuoso 7.2 stores xsd:duration as seconds ("PT2H26M" comes back as "8760.0"): say it
        # the standard way again, as the other stores do
        return Literal(duration_isoformat(timedelta(seconds=seconds)), datatype=XSD.duration)
    if datatype and datatype != str(XSD.string):
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


XSD_DURATION = str(XSD.duration)


def _seconds(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


# ---- opening ------------------------------------------------------------------------------------


def parse_query(sparql: str | NamedQuery):
    """Parse and translate a query, or raise QueryError pointing at the line and column.

    rdflib's SPARQL parser is imported here, not at the top: building its grammar costs 55 ms,
    which a query answered by Oxigraph never needs.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    sparql = getattr(sparql, "sparql", sparql)
    try:
        return translateQuery(parseQuery(sparql))
    except Exception as e:  # pyparsing's ParseException, rdflib's own errors
        line, col = getattr(e, "lineno", None), getattr(e, "col", None)
        if line is None:
            raise QueryError(Problem("query", None, f"the query cannot be run: {e}")) from None
        source_line = sparql.splitlines()[line - 1] if 0 < line <= len(sparql.splitlines()) else ""
        pointer = f"\n    {source_line}\n    {' ' * (col - 1)}^"
        message = getattr(e, "msg", str(e))
        raise QueryError(
            Problem("query", line, f"SPARQL syntax error at column {col}: {message}{pointer}", "fix the query at the ^")
        ) from None


def build_files(path: Path) -> list[Path]:
    """The files a store loads: the build's quads plus every imported corpus beside them."""
    folder = path if path.is_dir() else path.parent
    main = folder / BUILD_FILE if path.is_dir() else path
    if not main.exists():
        raise KGError(Problem(main, None, "no built graph here", "run `kg build` first (or pass --data to the folder kg build wrote)"))
    return [main, *sorted((folder / IMPORTS_DIR).glob("*.nq"))]


def automatic_store(path: Path | str) -> str:
    """The store for a build when none is asked for: on-disk Oxigraph, whatever the size.

    It was rdflib for builds under 20 MB until the built-in register (12k quads) made the views
    minutes slower on rdflib than on Oxigraph (the people projection: 295 s against 0.23 s). The
    on-disk store loads once per build (0.5 s at that size) and reopens in milliseconds.
    """
    build_files(Path(path))  # a missing or broken build is reported here, whatever the store
    return "oxigraph"


def open_store(path: Path | str | None = None, store: str | None = None, endpoint: str | None = None) -> Store:
    """Open the graph built at ``path`` (default: the project's out/, or ./out outside a project) in the store asked for.

    With no ``store`` and no ``KG_STORE``: oxigraph, on disk beside the build (see
    :func:`automatic_store`); ``memory`` (rdflib) on request. ``oxigraph-memory`` is never chosen
    by itself: it pays a full load at every open, which only long-lived processes win back.

    ``remote`` needs ``endpoint`` (or ``KG_ENDPOINT``): the SPARQL query URL of a server that
    ``kg push`` has filled.
    """
    store = store or os.environ.get("KG_STORE") or None
    if store == "remote":
        endpoint = endpoint or os.environ.get("KG_ENDPOINT")
        if not endpoint:
            raise KGError(Problem("kg", None, "the remote store needs an endpoint", "pass --endpoint URL or set KG_ENDPOINT"))
        return RemoteStore(endpoint)
    path = out_folder(path)
    files = build_files(path)
    store = store or automatic_store(path)
    if store == "memory":
        return MemoryStore.load(files)
    if store in ("oxigraph", "oxigraph-memory"):
        main = files[0]
        quads = main.with_name(QUADS_FILE) if main.with_name(QUADS_FILE).exists() else main
        if store == "oxigraph-memory":
            return OxigraphStore.in_memory([quads, *files[1:]])
        return OxigraphStore.load([quads, *files[1:]], main.parent / "oxigraph")
    raise KGError(Problem("kg", None, f"unknown store '{store}'", f"use one of: {', '.join(STORES)}"))
