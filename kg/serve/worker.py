"""What one query-worker process of ``kg serve`` does: check a query, run it, serialise the answer.

Each worker loads the built dataset once and then answers jobs sent down a pipe by the server
(kg.serve.app). Everything that costs time with a query's text — parsing, checking, evaluating,
serialising — happens here, so the server's time limit covers all of it: the server kills a
worker that overruns and starts a fresh one.

:func:`answer` is the whole job and is a plain function, so it can be tested without processes.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import signal
import sys
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

from kg.errors import QueryError
from kg.query.store import ox_term_converter, parse_query

#: Answer formats: name -> (media type sent back, rdflib serializer name).
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", "json"),
    "xml": ("application/sparql-results+xml", "xml"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "tsv"),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", "turtle"),
    "nt": ("application/n-triples", "nt"),
    "json-ld": ("application/ld+json", "json-ld"),
    "rdf-xml": ("application/rdf+xml", "xml"),
}

#: Keywords that open an update operation (SPARQL 1.1 Update), after any PREFIX/BASE lines.
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_PROLOGUE_THEN_UPDATE = re.compile(
    r"^(?:\s+|#[^\n]*\n?|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*(" + "|".join(UPDATE_KEYWORDS) + r")\b",
    re.IGNORECASE,
)
#: The pattern rdflib's evaluator applies to a SERVICE clause's text to find the URL it calls.
_RDFLIB_SERVICE_CALL = re.compile(r"^service <(.*)>[ \n]*{(.*)}[ \n]*$", re.DOTALL | re.IGNORECASE)


@dataclass
class Reply:
    """A worker's answer to one job: what the server sends back, plus what it logs."""

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    rows: int | None = None
    kind: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    build: str | None = None  # set by the server: the build of the worker that answered
    cpu: float | None = None  # CPU seconds the worker spent on the job (the fast lane's measure of cost)

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        return cls(status, (message.rstrip() + "\n").encode("utf-8"))


@dataclass(frozen=True)
class Job:
    """One query to answer, with the dataset the protocol request asked for and the formats."""

    query: str
    default_graphs: tuple[str, ...] | None = None  # default-graph-uri (None: not given)
    named_graphs: tuple[str, ...] | None = None  # named-graph-uri (None: not given)
    result_format: str = "json"  # for SELECT / ASK, a key of RESULT_FORMATS
    graph_format: str = "turtle"  # for CONSTRUCT / DESCRIBE, a key of GRAPH_FORMATS


@dataclass(frozen=True)
class Checked:
    """A query that parsed and passed the safety checks, ready to evaluate (reusable)."""

    query: Any  # rdflib.plugins.sparql.sparql.Query with its dataset clause taken out
    kind: str  # SELECT, ASK, CONSTRUCT, DESCRIBE
    from_graphs: tuple[str, ...] | None  # FROM <g> in the query text
    from_named: tuple[str, ...] | None  # FROM NAMED <g>


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status and the message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL update (it parses as one, or opens like one)."""
    try:
        parseUpdate(text)
        return True
    except Exception:  # pyparsing's ParseException and friends: not a well-formed update
        pass
    return bool(_PROLOGUE_THEN_UPDATE.match(text))


def check(text: str, service_allow: frozenset[str] = frozenset()) -> Checked:
    """Parse a query and refuse what the endpoint does not run; raise :class:`Refused` if so.

    400 for a malformed query (with the parser's message), 403 for an update and for a SERVICE
    clause whose endpoint is not in ``service_allow``.
    """
    try:
        query = parse_query(text)
    except QueryError as e:
        if is_update(text):
            raise Refused(403, "updates are refused: this endpoint is read-only (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...)") from None
        raise Refused(400, f"malformed query: {e}") from None
    _check_services(query.algebra, service_allow)
    kind = query.algebra.name.replace("Query", "").upper()
    clause = query.algebra.get("datasetClause") or []
    from_graphs = tuple(str(d.default) for d in clause if d.get("default") is not None)
    from_named = tuple(str(d.named) for d in clause if d.get("named") is not None)
    # Never let rdflib evaluate FROM / FROM NAMED itself: for a graph it does not hold it would
    # fetch the IRI over the network. The dataset is built from the store by dataset_view().
    query.algebra["datasetClause"] = None
    return Checked(query, kind, from_graphs if clause else None, from_named if clause else None)


def _check_services(node: Any, allow: frozenset[str]) -> None:
    """Refuse every SERVICE clause whose endpoint is not allowed, wherever it sits in the query.

    rdflib calls the URL it finds in the *text* of the first SERVICE clause of the query (the
    ``service_string``, which can even come from a comment), not the parsed IRI, so both must be
    the same allowed endpoint.
    """
    for part in _walk(node):
        if part.name != "ServiceGraphPattern":
            continue
        term = part.get("term")
        if not isinstance(term, URIRef) or str(term) not in allow:
            where = f"<{term}>" if isinstance(term, URIRef) else f"?{term}"
            how = f"allowed endpoints: {', '.join(sorted(allow))}" if allow else "no endpoint is allowed (kg serve --allow-service URL)"
            raise Refused(403, f"SERVICE {where} is refused: this endpoint does not call other hosts unless allowed; {how}")
        match = _RDFLIB_SERVICE_CALL.match(part.get("service_string", ""))
        if not match or match.group(1) != str(term):
            raise Refused(
                403,
                f"SERVICE <{term}> is refused: write it as `SERVICE <IRI> {{ ... }}` (no SILENT), once per query, and nowhere else in the text",
            )


def _walk(node: Any, seen: set[int] | None = None):
    """Every CompValue inside a parsed or translated query (graph patterns, filters, EXISTS)."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    if isinstance(node, CompValue):
        seen.add(id(node))
        yield node
        for value in node.values():
            yield from _walk(value, seen)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value, seen)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _walk(value, seen)


def dataset_view(dataset: Dataset, default: tuple[str, ...], named: tuple[str, ...]) -> Dataset:
    """The RDF dataset a request names: a default graph merged from ``default``, the ``named`` graphs.

    Graphs are copied from the store; an IRI the store does not hold is an empty graph (nothing is
    ever fetched from the network).
    """
    view = Dataset(default_union=False)
    for prefix, ns in dataset.namespaces():
        view.bind(prefix, ns, override=True)
    for iri in default:
        for triple in dataset.get_context(URIRef(iri)):
            view.default_context.add(triple)
    for iri in named:
        graph = view.graph(URIRef(iri))
        for triple in dataset.get_context(URIRef(iri)):
            graph.add(triple)
    return view


class Answerer:
    """Answers jobs against one loaded dataset; keeps recently checked queries for reuse."""

    def __init__(self, dataset: Dataset, max_rows: int, service_allow: frozenset[str] = frozenset(), cache_size: int = 256):
        self.dataset = dataset
        self.max_rows = max_rows
        self.service_allow = frozenset(service_allow)
        self.cache_size = cache_size
        self._checked: OrderedDict[str, Checked | Refused] = OrderedDict()

    def check(self, text: str) -> Checked:
        hit = self._checked.get(text)
        if hit is None:
            try:
                hit = check(text, self.service_allow)
            except Refused as e:
                hit = e
            self._checked[text] = hit
            if len(self._checked) > self.cache_size:
                self._checked.popitem(last=False)
        else:
            self._checked.move_to_end(text)
        if isinstance(hit, Refused):
            raise hit
        return hit

    def answer(self, job: Job) -> Reply:
        try:
            checked = self.check(job.query)
            return self._run(checked, job)
        except Refused as e:
            return Reply.error(e.status, e.message)

    def _run(self, checked: Checked, job: Job) -> Reply:
        if job.default_graphs is not None or job.named_graphs is not None:  # the protocol's wins over FROM
            target = dataset_view(self.dataset, job.default_graphs or (), job.named_graphs or ())
        elif checked.from_graphs is not None:
            target = dataset_view(self.dataset, checked.from_graphs, checked.from_named or ())
        else:
            target = self.dataset  # the union of all graphs as the default graph
        # rdflib reads this switch when the query starts: a view's default graph is only its own.
        rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = target is self.dataset
        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        try:
            result = target.query(checked.query)
            if checked.kind == "SELECT":
                return self._select(list(result.vars or []), iter(result), job.result_format)
            if checked.kind == "ASK":
                return self._ask(bool(result.askAnswer), job.result_format)
            if len(result.graph) > self.max_rows:
                return self._too_many("triples")
            return self._graph(result.graph, checked.kind, job.graph_format)
        finally:
            rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = True

    def _too_many(self, count: str) -> Reply:
        return Reply.error(
            422,
            f"the answer has more than {self.max_rows} {count} (this endpoint's result-size cap, kg serve --max-rows); "
            "nothing was returned: add LIMIT (and OFFSET to page), or narrow the query",
        )

    def _select(self, variables: list, rows: Iterator[tuple], fmt: str) -> Reply:
        """``rows``: tuples of terms in ``variables`` order (None where unbound), read lazily."""
        rows = list(itertools.islice(rows, self.max_rows + 1))
        if len(rows) > self.max_rows:
            return self._too_many("rows")
        bindings = [{v: t for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        media, name = RESULT_FORMATS[fmt]
        if name == "tsv":
            body = tsv_results(variables, bindings)
        else:
            out = Result("SELECT")
            out.vars = variables
            out.bindings = bindings
            body = out.serialize(format=name, encoding="utf-8")
        return Reply(200, body, media, rows=len(rows), kind="SELECT")

    def _ask(self, answer: bool, fmt: str) -> Reply:
        media, name = RESULT_FORMATS[fmt]
        value = "true" if answer else "false"
        if name == "csv":  # CSV and TSV results are defined for SELECT; answer as other stores do
            body = f"_askResult\r\n{value}\r\n".encode()
        elif name == "tsv":
            body = f"?_askResult\n{value}\n".encode()
        else:
            out = Result("ASK")
            out.askAnswer = answer
            body = out.serialize(format=name, encoding="utf-8")
        return Reply(200, body, media, rows=1, kind="ASK")

    def _graph(self, graph: Graph, kind: str, fmt: str) -> Reply:
        from kg.ingest.vocabulary import PREFIXES

        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True)
        media, name = GRAPH_FORMATS[fmt]
        body = graph.serialize(format=name, encoding="utf-8")
        return Reply(200, body, media, rows=len(graph), kind=kind)


class OxigraphAnswerer(Answerer):
    """Answers jobs with Oxigraph over kg's on-disk store (``--store oxigraph``), opened read-only.

    The query is checked exactly as for rdflib (rdflib's parser: updates, SERVICE), then the same
    text is evaluated by Oxigraph, which is much faster on large graphs. Oxigraph takes FROM /
    FROM NAMED from the store and never fetches them; the protocol's graphs override them.
    """

    def __init__(self, store: Any, max_rows: int, service_allow: frozenset[str] = frozenset(), cache_size: int = 256):
        super().__init__(Dataset(), max_rows, service_allow, cache_size)
        self.store = store

    def _run(self, checked: Checked, job: Job) -> Reply:
        import pyoxigraph as ox

        options: dict[str, Any] = {}
        try:
            if job.default_graphs is not None or job.named_graphs is not None:
                options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
                options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
        except ValueError as e:
            return Reply.error(400, f"default-graph-uri / named-graph-uri: not an IRI: {e}")
        result = self.store.query(job.query, **options)
        if isinstance(result, ox.QueryBoolean):
            return self._ask(bool(result), job.result_format)
        convert = ox_term_converter()
        if isinstance(result, ox.QuerySolutions):
            variables = [Variable(v.value) for v in result.variables]
            # Refuse early: read Oxigraph's solutions (lazily evaluated) up to the cap + 1 and
            # convert none of them until the answer is known to fit, so an answer over the cap
            # costs less than one at the cap (tests/test_server.py times both).
            raw = list(itertools.islice(result, self.max_rows + 1))
            if len(raw) > self.max_rows:
                return self._too_many("rows")
            rows = (tuple(None if t is None else convert(t) for t in row) for row in raw)
            return self._select(variables, rows, job.result_format)
        raw = list(itertools.islice(result, self.max_rows + 1))
        if len(raw) > self.max_rows:
            return self._too_many("triples")
        graph = Graph()
        for triple in raw:
            graph.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))
        return self._graph(graph, checked.kind, job.graph_format)


def tsv_results(variables: list, bindings: list[dict]) -> bytes:
    """SPARQL 1.1 Query Results TSV: ``?var`` headers, terms in Turtle syntax, one row a line."""
    buf = io.StringIO()
    buf.write("\t".join(f"?{v}" for v in variables) + "\n")
    for row in bindings:
        buf.write("\t".join(_tsv_term(row.get(v)) for v in variables) + "\n")
    return buf.getvalue().encode("utf-8")


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)


# ---- the worker process ------------------------------------------------------------------------


STORES = ("memory", "oxigraph", "oxigraph-memory")


def open_answerer(data_dir: Path, store: str, max_rows: int, service_allow: frozenset[str]) -> tuple[Answerer, dict[str, int]]:
    """Open the built graph in ``store`` (via kg.query.store) and the answerer for it, with its sizes.

    ``memory``: each worker parses the build into rdflib. ``oxigraph``: kg's on-disk store beside
    the build (loaded once by :func:`prepare_store` in the server), opened read-only by every worker.
    """
    from kg.query.store import open_store

    opened = open_store(data_dir, store=store)
    if store in ("oxigraph", "oxigraph-memory"):
        return OxigraphAnswerer(opened.store, max_rows, service_allow), dict(opened.counts)
    dataset = opened.dataset
    quads = graphs = 0
    for graph in dataset.graphs():
        quads += len(graph)
        graphs += graph.identifier != dataset.default_context.identifier
    return Answerer(dataset, max_rows, service_allow), {"quads": quads, "graphs": graphs}


def prepare_store(data_dir: Path, store: str) -> None:
    """Make the store ready for the workers before they start (Oxigraph: the one bulk load)."""
    if store == "oxigraph":
        from kg.query.store import open_store

        opened = open_store(data_dir, store=store)
        del opened


def worker_main(
    conn,
    data_dir: str,
    store: str,
    max_rows: int,
    service_allow: list[str],
    parent_pid: int,
    query_memory_mb: int = 0,
    niceness: int = 0,
) -> None:
    """Entry point of a worker process: load once, then answer jobs until the pipe closes.

    Replies on the pipe: first ("ready", stats) or ("failed", message), then one Reply per Job.
    A query that runs out of the worker's memory allowance ends the process (exit status
    :data:`OUT_OF_MEMORY`, or Oxigraph's abort); the server answers for it and starts another.
    ``niceness``: added to the process's nice value once the graph is loaded (the general workers
    of a pool with a fast lane run at a lower CPU priority than the lane, kg.serve.lanes).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    try:
        answerer, stats = open_answerer(Path(data_dir), store, max_rows, frozenset(service_allow))
        stats["pid"] = os.getpid()
    except Exception as e:  # a broken build file: the server reports it and does not start
        conn.send(("failed", f"{data_dir}: cannot load the graph: {e}"))
        return
    limit_query_memory(query_memory_mb)
    if niceness:
        try:
            os.nice(niceness)
        except (AttributeError, OSError):  # no nice on this system: the lane still has its own worker
            pass
    conn.send(("ready", stats))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        cpu = time.process_time()
        try:
            reply = answerer.answer(job)
            reply.cpu = time.process_time() - cpu
        except MemoryError:  # rdflib over the allowance: the heap may be in any state, start afresh
            os._exit(OUT_OF_MEMORY)
        except OSError as e:  # urllib's URLError included: only an allowed SERVICE call reaches the network
            reply = Reply.error(502, f"a SERVICE endpoint could not be reached: {e}")
        except Exception as e:  # a bug or an engine failure on an odd query: tell the client, keep serving
            traceback.print_exc(file=sys.stderr)
            reply = Reply.error(500, f"the query failed in the SPARQL engine: {type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return


#: Exit status of a worker whose query ran out of memory.
OUT_OF_MEMORY = 75


def limit_query_memory(headroom_mb: int) -> None:
    """Let this worker grow at most ``headroom_mb`` beyond what it holds once the graph is loaded.

    A query past it fails to allocate (rdflib raises MemoryError, Oxigraph aborts), so one query
    ends one worker rather than exhausting the machine's memory. Linux counts the heap and private
    mappings (RLIMIT_DATA); elsewhere there is no limit. 0: no limit.
    """
    if headroom_mb <= 0:
        return
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            loaded = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmData:"))
    except (ImportError, OSError, StopIteration):
        return
    limit = loaded + headroom_mb * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _exit_with_parent(parent_pid: int) -> None:
    """Leave no stray worker: exit as soon as the server process is gone, even mid-query."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)
