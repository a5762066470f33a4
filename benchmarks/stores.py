"""Benchmark of the stores (not a unit test): load, queries, views and memory, side by side.

    .venv/bin/python -m benchmarks.stores                       # 10k, 100k and 1M synthetic quads
    .venv/bin/python -m benchmarks.stores --virtuoso            # and a private Virtuoso server
    .venv/bin/python -m benchmarks.stores --sizes 10000 --runs 3 --no-write
    .venv/bin/python -m benchmarks.stores --data out            # also a real build (e.g. after kg import)

For each corpus, in one run on this machine, each engine runs in its own subprocess (so its peak
memory is its own) and does the same work:

- ``kg oxigraph``: ``kg.open(DIR, "oxigraph")`` (load into DIR/oxigraph with the graphs merged
  into the default graph, then reopened read-only); the same process first times raw pyoxigraph's
  ``Store(path).bulk_load`` of the same files (``raw ox disk`` load), and raw pyoxigraph's
  ``query()`` runs on kg's very store, turn about with kg's (``raw ox disk`` queries), so the two
  differ only by the project's code;
- ``kg ox memory``: ``kg.open(DIR, "oxigraph-memory")``, the same in RAM; likewise ``raw ox mem``
  (``Store().bulk_load`` timed apart; queries on kg's in-memory store, turn about with kg's);
- ``raw ox union``: pyoxigraph as it comes: ``Store().bulk_load``, queries with
  ``use_default_graph_as_union=True`` (no merge: a triple stated in n graphs matches n times);
- ``kg memory``: ``kg.open(DIR, "memory")`` (rdflib's in-memory dataset);
- ``rdflib``: a plain ``rdflib.Dataset(default_union=True)``, ``parse`` and ``query(text)``;
- ``kg virtuoso`` (``--virtuoso``): Debian's Virtuoso on 127.0.0.1, bulk-loaded with ``ld_dir`` +
  ``rdf_loader_run``, queried over the SPARQL protocol through ``kg.open(..., "remote")``.

Work measured: load time; every named competency query, a join-heavy query and an aggregate
(median of up to ``--runs`` runs; fewer when one run is slow); focus-view extraction, the
country projection and the whole graph as networkx (kg stores: ``kg.network.graphs``; raw pyoxigraph
and rdflib: the direct way — a CONSTRUCT around the node, the aggregate, all triples into a
``MultiDiGraph`` with rdflib's ``rdflib_to_networkx_multidigraph``); peak resident memory.

A query is stopped after ``--timeout`` seconds (120; it runs in a forked child, so a query busy
inside pyoxigraph stops too) and reported as "> 120 s", a view after ``--view-timeout`` (60);
each engine gets ``--budget`` seconds per corpus for its queries and views (330;
``--rdflib-budget`` 120 for the two rdflib engines), after which the rest is "skipped". Results
are printed and written to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "ontology" / "queries"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
ENGINES = ("oxigraph", "oxigraph-mem", "raw-ox", "memory", "rdflib", "virtuoso")  # one process each
#: The table's columns: the raw pyoxigraph figures come from the oxigraph engines' processes.
COLUMNS = ("oxigraph", "raw-ox-disk", "oxigraph-mem", "raw-ox-mem", "raw-ox", "memory", "rdflib", "virtuoso")
LABELS = {
    "oxigraph": "kg oxigraph",
    "oxigraph-mem": "kg ox memory",
    "raw-ox": "raw ox union",
    "raw-ox-merged": "raw ox mem + the same merge",  # a load figure only (no column)
    "raw-ox-compacted": "raw ox disk + optimize()",  # a load figure only (no column)
    "raw-ox-mem": "raw ox mem",
    "raw-ox-disk": "raw ox disk",
    "memory": "kg memory",
    "rdflib": "rdflib",
    "virtuoso": "kg virtuoso",
}
#: Load figures without a column, measured inside an oxigraph engine's process: name -> (engine, key).
LOAD_ONLY = {"raw-ox-merged": ("oxigraph-mem", "raw_merged_load_s"), "raw-ox-compacted": ("oxigraph", "raw_compacted_load_s")}
RDFLIB_ENGINES = ("memory", "rdflib")  # rdflib's engine: a smaller time budget per corpus

PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX wd: <http://www.wikidata.org/entity/>
"""

#: Co-productions per pair of countries (the aggregate).
AGGREGATE = (
    PREFIXES
    + """SELECT ?a ?b (COUNT(DISTINCT ?f) AS ?films) WHERE {
  ?f a schema:Movie ; schema:countryOfOrigin ?ca , ?cb .
  ?ca schema:name ?a . ?cb schema:name ?b .
  FILTER(STR(?a) < STR(?b))
}
GROUP BY ?a ?b
ORDER BY DESC(?films) ?a ?b"""
)

#: Directors who worked with an actor from another SCO member state on a film both states co-produced.
JOIN = (
    PREFIXES
    + """SELECT DISTINCT ?director ?partner ?film WHERE {
  ?sco schema:sameAs wd:Q485207 ; schema:member ?c1 , ?c2 .
  FILTER(?c1 != ?c2)
  ?f a schema:Movie ; schema:name ?film ; schema:countryOfOrigin ?c1 , ?c2 ;
     schema:director ?d ; schema:actor ?a .
  ?d schema:nationality ?c1 ; schema:name ?director .
  ?a schema:nationality ?c2 ; schema:name ?partner .
}
ORDER BY ?film ?director ?partner"""
)

#: The direct focus view: triples touching the node, and the names of its neighbours.
FOCUS = (
    PREFIXES
    + """CONSTRUCT { <{iri}> ?p ?o . ?s ?q <{iri}> . ?n schema:name ?name } WHERE {
  { <{iri}> ?p ?o } UNION { ?s ?q <{iri}> }
  UNION { { <{iri}> ?p2 ?n } UNION { ?n ?q2 <{iri}> } ?n schema:name ?name }
}"""
)


# ================================================================================================
# the worker: one engine, one corpus, in its own process
# ================================================================================================


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_files(data: Path) -> list[Path]:
    from kg.query.store import build_files

    return build_files(data)


def oxigraph_files(data: Path) -> list[Path]:
    """What kg's oxigraph store loads: kg.nq (not kg.trig) and the imports."""
    files = corpus_files(data)
    if files[0].suffix == ".trig" and files[0].with_name("kg.nq").exists():
        files[0] = files[0].with_name("kg.nq")
    return files


class KgEngine:
    """One of the project's stores, through kg.open and kg.network.graphs."""

    def __init__(self, kind: str, data: Path, scratch: Path, timeout: float):
        self.kind, self.data, self.scratch, self.timeout = kind, data, scratch, timeout
        self.server = None
        self.twin = None
        self.extra: dict = {}

    def load(self) -> float:
        import kg

        if self.kind == "oxigraph":
            # raw pyoxigraph's bulk load of the same files into a fresh on-disk store, for comparison
            raw = RawOxigraph("raw-ox-disk", self.data, self.scratch, self.timeout)
            self.extra["raw_load_s"] = raw.load()
            t = time.perf_counter()
            raw.store.optimize()  # the compaction kg does after its load, done by pyoxigraph alone
            raw.store.flush()
            self.extra["raw_compacted_load_s"] = self.extra["raw_load_s"] + time.perf_counter() - t
            del raw
            shutil.rmtree(self.scratch / "raw-oxigraph", ignore_errors=True)
            shutil.rmtree(self.data / "oxigraph", ignore_errors=True)
            t = time.perf_counter()
            self.store = kg.open(self.data, "oxigraph")
            seconds = time.perf_counter() - t
            del self.store
            t = time.perf_counter()
            self.store = kg.open(self.data, "oxigraph")  # as every later command does: reuse, read-only
            self.extra["reopen_s"] = time.perf_counter() - t
            self.twin = RawOxigraph("raw-ox-disk", self.data, self.scratch, self.timeout)
            self.twin.store = self.store.store  # raw pyoxigraph on kg's very store, timed turn about with kg's
            return seconds
        if self.kind == "memory":
            t = time.perf_counter()
            self.store = kg.open(self.data, "memory")
            return time.perf_counter() - t
        if self.kind == "oxigraph-mem":
            raw = RawOxigraph("raw-ox-mem", self.data, self.scratch, self.timeout)
            self.extra["raw_load_s"] = raw.load()  # raw pyoxigraph's load, measured apart, then dropped
            self.extra["raw_rss_after_load_mb"] = rss_mb()
            from kg.query.store import MERGE

            t = time.perf_counter()
            raw.store.update(MERGE)  # what kg adds to the load, done by pyoxigraph alone: the same work
            self.extra["raw_merged_load_s"] = self.extra["raw_load_s"] + time.perf_counter() - t
            del raw
            t = time.perf_counter()
            self.store = kg.open(self.data, "oxigraph-memory")
            seconds = time.perf_counter() - t
            self.twin = RawOxigraph("raw-ox-mem", self.data, self.scratch, self.timeout)
            self.twin.store = self.store.store  # raw pyoxigraph on the very same store, timed turn about with kg's
            return seconds
        return self._load_virtuoso()

    def _load_virtuoso(self) -> float:
        sys.path.insert(0, str(ROOT))
        from kg.query.push import PROVENANCE_GRAPH
        from kg.query.store import RemoteStore
        from tests import virtuoso

        files = corpus_files(self.data)
        quads = [f for f in files if f.suffix == ".nq"]
        main = self.data / "kg.nq"
        if main.exists() and files[0].suffix == ".trig":
            quads.insert(0, main)
        # tests/virtuoso.py moves the database files but not the LockFile, so a second instance
        # (the test suite's, running at the same time) refuses to start: give ours its own
        template = self.scratch / "virtuoso-template.ini"
        lock = self.scratch / "virtuoso" / "virtuoso.lck"
        lines = virtuoso.TEMPLATE.read_text().splitlines()
        template.write_text("\n".join(f"LockFile = {lock}" if line.strip().startswith("LockFile") else line for line in lines) + "\n")
        virtuoso.TEMPLATE = template
        t = time.perf_counter()
        self.server = virtuoso.start(self.scratch / "virtuoso", data_dirs=sorted({f.parent for f in quads}))
        self.extra["server_start_s"] = time.perf_counter() - t
        t = time.perf_counter()
        for f in quads:
            self.server.isql(f"ld_dir('{f.parent}', '{f.name}', '{PROVENANCE_GRAPH}');")
        self.server.isql("rdf_loader_run();")
        self.server.isql("checkpoint;")
        seconds = time.perf_counter() - t
        self.store = RemoteStore(self.server.endpoint, timeout=self.timeout)
        return seconds

    def query(self, text: str) -> int:
        return len(self.store.query(text))

    def focus(self, info: dict) -> tuple[int, int]:
        import kg.network.graphs as kn

        g = kn.focus_graph(self.store, info["focus_film"], hops=1)
        return g.number_of_nodes(), g.number_of_edges()

    def projection(self) -> tuple[int, int]:
        import kg.network.graphs as kn

        g = kn.projection(self.store, "countries")
        return g.number_of_nodes(), g.number_of_edges()

    def export_all(self) -> tuple[int, int]:
        import kg.network.graphs as kn

        g = kn.entity_graph(self.store)
        return g.number_of_nodes(), g.number_of_edges()

    def server_peak_mb(self) -> float | None:
        if not self.server or not self.server.process:
            return None
        with open(f"/proc/{self.server.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return None

    def close(self) -> None:
        if self.server:
            self.server.stop()


class RawOxigraph:
    """pyoxigraph used directly, every solution read. ``raw-ox``: bulk_load, queries over the union of
    graphs (pyoxigraph's option); the twins (``raw-ox-disk``, ``raw-ox-mem``): queries on kg's store,
    whose default graph already holds the merge."""

    def __init__(self, kind: str, data: Path, scratch: Path, timeout: float):
        self.kind, self.data, self.scratch = kind, data, scratch
        self.union = kind == "raw-ox"
        self.twin = None
        self.extra: dict = {}

    def load(self) -> float:
        import pyoxigraph as ox

        files = oxigraph_files(self.data)
        t = time.perf_counter()
        if self.kind in ("raw-ox-mem", "raw-ox"):
            self.store = ox.Store()
        else:
            self.store = ox.Store(str(self.scratch / "raw-oxigraph"))
        for f in files:
            self.store.bulk_load(path=str(f), format=ox.RdfFormat.TRIG if f.suffix == ".trig" else ox.RdfFormat.N_QUADS)
        if self.kind == "raw-ox-disk":
            self.store.flush()
        return time.perf_counter() - t

    def _run(self, text: str):
        return self.store.query(text, use_default_graph_as_union=self.union)

    def query(self, text: str) -> int:
        import pyoxigraph as ox

        result = self._run(text)
        if isinstance(result, ox.QueryBoolean):
            return 1
        if isinstance(result, ox.QuerySolutions):
            return len([tuple(row) for row in result])
        return len(list(result))

    def focus(self, info: dict) -> tuple[int, int]:
        import networkx as nx

        g = nx.MultiDiGraph()
        for t in self._run(FOCUS.replace("{iri}", info["focus_iri"])):
            g.add_edge(t.subject, t.object, key=t.predicate)
        return g.number_of_nodes(), g.number_of_edges()

    def projection(self) -> tuple[int, int]:
        import networkx as nx

        g = nx.Graph()
        for row in self._run(AGGREGATE):
            g.add_edge(row["a"].value, row["b"].value, weight=int(row["films"].value))
        return g.number_of_nodes(), g.number_of_edges()

    def export_all(self) -> tuple[int, int]:
        import networkx as nx

        g = nx.MultiDiGraph()
        for q in self.store:
            g.add_edge(q.subject, q.object, key=q.predicate)
        return g.number_of_nodes(), g.number_of_edges()

    def close(self) -> None:
        pass


class PlainRdflib:
    """A plain rdflib Dataset: parse, query(text), rdflib_to_networkx_multidigraph."""

    def __init__(self, kind: str, data: Path, scratch: Path, timeout: float):
        self.data = data
        self.twin = None
        self.extra: dict = {}

    def load(self) -> float:
        from rdflib import Dataset

        files = corpus_files(self.data)
        # rdflib's N-Quads parser empties the dataset's default graph: parse the N-Quads first
        files = [f for f in files if f.suffix != ".trig"] + [f for f in files if f.suffix == ".trig"]
        t = time.perf_counter()
        self.dataset = Dataset(default_union=True)
        for f in files:
            self.dataset.parse(f, format="trig" if f.suffix == ".trig" else "nquads")
        return time.perf_counter() - t

    def query(self, text: str) -> int:
        result = self.dataset.query(text)
        if result.type == "ASK":
            return 1
        if result.type == "SELECT":
            return len(list(result))
        return len(result.graph)

    def focus(self, info: dict) -> tuple[int, int]:
        from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

        g = rdflib_to_networkx_multidigraph(self.dataset.query(FOCUS.replace("{iri}", info["focus_iri"])).graph)
        return g.number_of_nodes(), g.number_of_edges()

    def projection(self) -> tuple[int, int]:
        import networkx as nx

        g = nx.Graph()
        for row in self.dataset.query(AGGREGATE):
            g.add_edge(str(row.a), str(row.b), weight=int(row.films))
        return g.number_of_nodes(), g.number_of_edges()

    def export_all(self) -> tuple[int, int]:
        from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

        g = rdflib_to_networkx_multidigraph(self.dataset.triples((None, None, None)))
        return g.number_of_nodes(), g.number_of_edges()

    def close(self) -> None:
        pass


def make_engine(kind: str, data: Path, scratch: Path, timeout: float):
    if kind in ("oxigraph", "oxigraph-mem", "memory", "virtuoso"):
        return KgEngine(kind, data, scratch, timeout)
    if kind == "rdflib":
        return PlainRdflib(kind, data, scratch, timeout)
    if kind == "raw-ox":
        return RawOxigraph(kind, data, scratch, timeout)
    raise ValueError(kind)


def operations(info: dict) -> list[tuple[str, str, object]]:
    """(name, kind, argument): the aggregate and join first (the targets), the focus view, the named
    queries, then the two views that read the whole graph."""
    sys.path.insert(0, str(ROOT))
    from kg.query.queries import named_queries

    ops: list[tuple[str, str, object]] = [("aggregate: co-productions per country pair", "query", AGGREGATE)]
    ops.append(("join: directors and actors across SCO states", "query", JOIN))
    ops.append(("view: focus on one film (1 hop)", "focus", info))
    for name, q in named_queries(QUERY_DIR).items():
        ops.append((name, "query", q.sparql))
    ops.append(("view: country projection", "projection", None))
    ops.append(("view: whole graph to networkx", "export", None))
    return ops


def worker(args) -> int:
    """Load one corpus into one engine, run every operation, write a JSON report."""
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    info = json.loads((args.corpus / "synthetic.json").read_text()) if (args.corpus / "synthetic.json").exists() else {}
    if "focus_film" not in info and args.focus:
        info["focus_film"], info["focus_iri"] = args.focus
    # import what the operations use now, so that no operation's first run pays for an import
    import networkx  # noqa: F401
    from rdflib.extras import external_graph_libs  # noqa: F401

    import kg.network.graphs  # noqa: F401

    report: dict = {"engine": args.worker, "rss_start_mb": rss_mb(), "loadavg_start": os.getloadavg()[0], "ops": {}}
    scratch = Path(tempfile.mkdtemp(prefix=f"kg-bench-{args.worker}-"))
    engine = make_engine(args.worker, args.corpus, scratch, args.timeout)
    try:
        report["load_s"] = engine.load()
        report.update(engine.extra)
        report["rss_after_load_mb"] = rss_mb()
        report["peak_after_load_mb"] = peak_mb()
        deadline = time.monotonic() + (args.rdflib_budget if args.worker in RDFLIB_ENGINES else args.budget)
        for name, kind, arg in operations(info):
            if kind == "focus" and "focus_film" not in info:
                continue
            limit = args.timeout if kind == "query" else min(args.timeout, args.view_timeout)
            report["ops"][name], twin = measure(engine, kind, arg, args.runs, limit, deadline)
            if twin is not None:
                report.setdefault("twin_ops", {})[name] = twin
            line = f"  {LABELS[args.worker]:14} {name[:48]:48} {fmt_op(report['ops'][name])}"
            print(line + (f"   raw: {fmt_op(twin)}" if twin else ""), file=sys.stderr, flush=True)
        if hasattr(engine, "server_peak_mb"):
            report["server_peak_mb"] = engine.server_peak_mb()
    except Exception as e:  # report what failed instead of losing the engine's other figures
        report["error"] = f"{type(e).__name__}: {e}"[:2000]
    finally:
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report["peak_mb"] = max(peak_mb(), children)
        report["loadavg_end"] = os.getloadavg()[0]
        engine.close()
        shutil.rmtree(scratch, ignore_errors=True)
    args.result.write_text(json.dumps(report, indent=1))
    return 0


def measure(engine, kind: str, arg, runs: int, timeout: float, deadline: float) -> tuple[dict, dict | None]:
    """Run one operation up to ``runs`` times in a forked child (so a run that overstays its time,
    in Python or inside a native library, can be stopped); the median of the runs that finished.

    An engine with a ``twin`` (raw pyoxigraph on the same store) has the twin do the same work
    turn about, each run, so the two are compared under the same conditions.
    """
    engines = [engine, engine.twin] if engine.twin is not None else [engine]
    calls = [
        {
            "query": lambda e=e: e.query(arg),
            "focus": lambda e=e: e.focus(arg),
            "projection": e.projection,
            "export": e.export_all,
        }[kind]
        for e in engines
    ]
    if deadline - time.monotonic() <= 1:
        return {"status": "skipped"}, ({"status": "skipped"} if len(calls) > 1 else None)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report each call as a line, exit without cleanup
        os.close(read_end)
        code = 0
        try:
            first = 0.0
            for i in range(runs):
                # the twin (raw pyoxigraph, quick) first on the first run: its figure stands even if kg's run is stopped
                for k in reversed(range(len(calls))) if i % 2 == 0 else range(len(calls)):
                    os.write(write_end, (json.dumps({"start": k}) + "\n").encode())
                    t = time.perf_counter()
                    size = calls[k]()
                    took = time.perf_counter() - t
                    os.write(write_end, (json.dumps({"k": k, "time": took, "size": size}) + "\n").encode())
                    first = max(first, took) if i == 0 else first
                if first > 10 or (first > 1 and i >= 2):
                    break
        except BaseException as e:  # noqa: B036 - the child must always exit here
            os.write(write_end, (json.dumps({"error": f"{type(e).__name__}: {e}"[:500]}) + "\n").encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    times: list[list[float]] = [[] for _ in calls]
    sizes: list = [None] * len(calls)
    errors: list = [None] * len(calls)
    late: list = [None] * len(calls)  # the limit a call overran
    buffer, finished, running = b"", False, 0
    call_limit = min(timeout, deadline - time.monotonic())
    call_deadline = time.monotonic() + call_limit
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            left = call_deadline - time.monotonic()
            if left <= 0:
                late[running] = round(call_limit)
                break
            ready, _, _ = select.select([pipe], [], [], left)
            if not ready:
                continue
            chunk = pipe.read(65536)
            if not chunk:
                finished = True
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                message = json.loads(line)
                if "start" in message:
                    running = message["start"]
                    call_limit = min(timeout, max(0.0, deadline - time.monotonic()))
                    call_deadline = time.monotonic() + call_limit
                elif "error" in message:
                    errors[running] = message["error"]
                else:
                    times[message["k"]].append(message["time"])
                    sizes[message["k"]] = message["size"]
    if not finished:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    results = []
    for k in range(len(calls)):
        if times[k]:
            results.append(_done(times[k], sizes[k]))
        elif errors[k]:
            results.append({"status": "error", "error": errors[k]})
        elif late[k] is not None:
            results.append({"status": "timeout", "limit": late[k]})
        else:
            results.append({"status": "skipped"})
    return results[0], (results[1] if len(results) > 1 else None)


def _done(times: list[float], size) -> dict:
    return {"status": "ok", "median": statistics.median(times), "times": times, "size": size}


# ================================================================================================
# the driver: corpora, subprocesses, table, RESULTS.md
# ================================================================================================


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1:
        return f"{seconds * 1000:.3g} ms" if seconds >= 0.001 else f"{seconds * 1000:.2f} ms"
    return f"{seconds:.3g} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_op(op: dict | None) -> str:
    if not op:
        return "–"
    status = op.get("status")
    if status == "ok":
        return fmt_s(op["median"]) + ("" if len(op["times"]) > 1 else " ¹")
    if status == "timeout":
        return f"> {op['limit']} s"
    if status == "skipped":
        return "skipped"
    return "error"


def size_of(op: dict | None):
    if not op or op.get("status") != "ok":
        return None
    s = op["size"]
    return tuple(s) if isinstance(s, list) else s


def ratio(a: dict | None, b: dict | None) -> str:
    """a / b as 'N.NNx' (how many times slower a is than b); bounds when one side timed out."""
    if not a or not b:
        return "–"
    if a.get("status") == "ok" and b.get("status") == "ok":
        return f"{a['median'] / b['median']:.2f}x" if b["median"] > 0 else "–"
    if a.get("status") == "timeout" and b.get("status") == "ok" and b["median"] > 0:
        return f"> {a['limit'] / b['median']:.0f}x"
    return "–"


def speedup(slow: dict | None, fast: dict | None) -> tuple[str, float | None]:
    """How many times faster ``fast`` is: a number, or a lower bound when ``slow`` timed out."""
    if not slow or not fast or fast.get("status") != "ok" or fast["median"] <= 0:
        return "–", None
    if slow.get("status") == "ok":
        x = slow["median"] / fast["median"]
        return f"{x:.0f}x" if x >= 10 else f"{x:.1f}x", x
    if slow.get("status") == "timeout":
        x = slow["limit"] / fast["median"]
        return f"> {x:.0f}x", x
    return "–", None


def find_iri(files: list[Path], name: str) -> str | None:
    """The subject of the first ``<iri> schema:name "name"`` line in the N-Quads files."""
    needle = f'> <https://schema.org/name> "{name}"'.encode()
    for f in files:
        if f.suffix != ".nq":
            continue
        with open(f, "rb") as lines:
            for line in lines:
                if needle in line and line.startswith(b"<"):
                    return line[1 : line.index(b">")].decode()
    return None


def run_worker(engine: str, data: Path, args, results_dir: Path, focus: tuple[str, str] | None = None) -> dict:
    out = results_dir / f"{data.name}-{engine}.json"
    cmd = [
        sys.executable, "-m", "benchmarks.stores", "--worker", engine, "--corpus", str(data), "--result", str(out),
        "--runs", str(args.runs), "--timeout", str(args.timeout), "--view-timeout", str(args.view_timeout), "--budget", str(args.budget), "--rdflib-budget", str(args.rdflib_budget),
    ]  # fmt: skip
    if focus:
        cmd += ["--focus", *focus]
    print(f"[{data.name}] {LABELS[engine]} …", file=sys.stderr, flush=True)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, timeout=args.budget * 3 + 1800)
    if proc.returncode != 0 or not out.exists():
        return {"engine": engine, "error": f"worker exited with {proc.returncode}", "ops": {}}
    report = json.loads(out.read_text())
    report["wall_s"] = time.perf_counter() - t
    return report


def machine() -> dict:
    def cpuinfo() -> str:
        with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        return platform.processor() or "unknown"

    def meminfo() -> str:
        with contextlib.suppress(OSError), open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 2**20:.1f} GiB"
        return "unknown"

    from importlib.metadata import PackageNotFoundError, version

    libs = {}
    for name in ("rdflib", "pyoxigraph", "networkx", "oxrdflib"):
        try:
            libs[name] = version(name)
        except PackageNotFoundError:
            pass
    virtuoso = None
    if shutil.which("virtuoso-t"):
        with contextlib.suppress(Exception):
            text = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True, timeout=10).stderr
            virtuoso = next((line.strip() for line in text.splitlines() if line.startswith("Version")), None)
    return {
        "cpus": os.cpu_count(),
        "cpu": cpuinfo(),
        "memory": meminfo(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libs": libs,
        "virtuoso": virtuoso,
    }


def corpus_label(quads: int) -> str:
    if quads >= 1_000_000 and quads % 1_000_000 < 50_000:
        return f"{round(quads / 1_000_000)}M"
    if quads >= 1_000:
        return f"{round(quads / 1_000)}k"
    return str(quads)


def prepare(size: int, work: Path) -> tuple[Path, dict]:
    from benchmarks.synthetic import SEED, generate

    folder = work / f"synthetic-{size}"
    meta = folder / "synthetic.json"
    if meta.exists():
        info = json.loads(meta.read_text())
        if info.get("requested_quads") == size and info.get("seed") == SEED:
            return folder, info
    print(f"generating {size:,} quads into {folder} …", file=sys.stderr, flush=True)
    return folder, generate(folder, size)


#: The comparison columns: (heading, engine measured, engine it is compared with, kind).
COMPARISONS = (
    ("kg ox / raw disk", "oxigraph", "raw-ox-disk", "ratio"),
    ("kg ox mem / raw mem", "oxigraph-mem", "raw-ox-mem", "ratio"),
    ("kg ox mem / raw union", "oxigraph-mem", "raw-ox", "ratio"),
    ("kg ox vs rdflib", "oxigraph", "rdflib", "speedup"),
    ("kg ox mem vs rdflib", "oxigraph-mem", "rdflib", "speedup"),
)
NOT_NAMED = ("aggregate", "join", "view")


def short(error: str) -> str:
    """An error's first line, without the query text a server echoes back."""
    first = " ".join(error.split("SPARQL query:")[0].split())
    return first[:240] + ("…" if len(first) > 240 else "")


def compare(kind: str, a: dict | None, b: dict | None) -> str:
    return ratio(a, b) if kind == "ratio" else speedup(b, a)[0]


def expand(reports: dict) -> dict:
    """Give the raw pyoxigraph figures measured inside the oxigraph engines' processes their own columns."""
    ox, mem = reports.get("oxigraph"), reports.get("oxigraph-mem")
    if ox and "raw_load_s" in ox:
        reports["raw-ox-disk"] = {"engine": "raw-ox-disk", "load_s": ox["raw_load_s"], "ops": ox.get("twin_ops", {})}
    if mem and "raw_load_s" in mem:
        reports["raw-ox-mem"] = {
            "engine": "raw-ox-mem",
            "load_s": mem["raw_load_s"],
            "ops": mem.get("twin_ops", {}),
            "rss_after_load_mb": mem.get("raw_rss_after_load_mb"),
        }
    for name, (engine, key) in LOAD_ONLY.items():
        if key in reports.get(engine, {}):
            reports[name] = {"engine": name, "load_s": reports[engine][key], "ops": {}}
    return reports


def tables(corpora: list[dict], engines: list[str]) -> tuple[str, list[dict]]:
    """Markdown: one table per corpus; and the target checks at the largest synthetic corpus."""
    out: list[str] = []
    engines = [
        e
        for e in COLUMNS
        if e in engines or (e == "raw-ox-disk" and "oxigraph" in engines) or (e == "raw-ox-mem" and "oxigraph-mem" in engines)
    ]
    columns = [c for c in COMPARISONS if c[1] in engines and c[2] in engines]
    for c in corpora:
        reports = c["reports"]
        title = f"### {c['label']}: {c['quads']:,} quads"
        if c.get("info", {}).get("films"):
            i = c["info"]
            title += f" ({i['films']:,} films, {i['people']:,} people, {i['festivals']:,} festivals, {i['named_graphs']:,} named graphs)"
        out += [title, ""]
        head = ["operation", *(LABELS[e] for e in engines), *(col[0] for col in columns)]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))

        def row(name: str, cells: list[str], extra: list[str], out: list[str] = out) -> None:
            out.append("| " + " | ".join([name, *cells, *extra]) + " |")

        loads = {e: {"status": "ok", "median": reports[e]["load_s"]} if "load_s" in reports.get(e, {}) else None for e in COLUMNS}
        row(
            "load",
            [fmt_s(loads[e]["median"]) if loads[e] else "error" for e in engines],
            [compare(k, loads[a], loads[b]) for _, a, b, k in columns],
        )
        if "reopen_s" in reports.get("oxigraph", {}):
            row(
                "reopen (kg oxigraph, loaded before)",
                [fmt_s(reports["oxigraph"]["reopen_s"]) if e == "oxigraph" else "" for e in engines],
                [""] * len(columns),
            )
        names: list[str] = []
        for e in engines:
            for n in reports.get(e, {}).get("ops", {}):
                if n not in names:
                    names.append(n)
        mismatches = []
        for n in names:
            ops = {e: reports.get(e, {}).get("ops", {}).get(n) for e in COLUMNS}
            sizes = {e: size_of(op) for e, op in ops.items() if e in engines and size_of(op) is not None}
            reference = next((sizes[e] for e in ("raw-ox-mem", "raw-ox-disk", "oxigraph", "rdflib") if e in sizes), None)
            label = n
            if reference is not None and not n.startswith("view:"):
                label += f" ({reference:,} rows)"
            elif n.startswith("view:") and "oxigraph" in sizes:
                label += " ({:,} nodes, {:,} edges)".format(*sizes["oxigraph"])
            cells = []
            for e in engines:
                cell = fmt_op(ops[e])
                if not n.startswith("view:") and reference is not None and e in sizes and sizes[e] != reference:
                    cell += " ≠"
                    mismatches.append(f"{n}: {LABELS[e]} {sizes[e]:,} rows")
                cells.append(cell)
            # views: kg.network.graphs does more than the direct way, so their times are not ratios of the same work
            ratios = [compare(k, ops[a], ops[b]) if not n.startswith("view:") else "" for _, a, b, k in columns]
            row(label, cells, ratios)
        peaks = []
        for e in engines:
            r = reports.get(e, {})
            cell = f"{r['peak_mb']:.0f} MB" if "peak_mb" in r else "–"
            if "peak_mb" not in r and r.get("rss_after_load_mb"):
                cell = f"{r['rss_after_load_mb']:.0f} MB after load"
            if r.get("server_peak_mb"):
                cell += f" + server {r['server_peak_mb']:.0f} MB"
            peaks.append(cell)
        row("peak memory (RSS)", peaks, [""] * len(columns))
        out.append("")
        if mismatches:
            out.append("≠ row counts that differ from raw pyoxigraph's: " + "; ".join(mismatches) + ".")
            out.append("")
        errors = [f"{LABELS[e]}: {short(reports[e]['error'])}" for e in engines if reports.get(e, {}).get("error")]
        for e in engines:
            for n, op in reports.get(e, {}).get("ops", {}).items():
                if op.get("status") == "error":
                    errors.append(f"{LABELS[e]}, {n}: {short(op['error'])}")
        if errors:
            out.append("Errors: " + "; ".join(errors))
            out.append("")
        loadavg = [
            f"{LABELS[e]} {reports[e]['loadavg_start']:.1f}→{reports[e]['loadavg_end']:.1f}"
            for e in engines
            if "loadavg_start" in reports.get(e, {})
        ]
        out.append("Machine load average (1 min) before→after each engine: " + ", ".join(loadavg) + ".")
        out.append("")
    return "\n".join(out), targets(corpora)


def _named_ratio(ops: dict, a: str, b: str) -> tuple[float, float, float, str | None, int] | None:
    """(sum of a's medians, sum of b's, the worst single ratio, its query, how many) over the named queries."""
    total_a = total_b = worst = 0.0
    worst_name, count = None, 0
    for n, op in ops.get(a, {}).items():
        other = ops.get(b, {}).get(n)
        if n.startswith(NOT_NAMED) or not other or op.get("status") != "ok" or other.get("status") != "ok":
            continue
        count += 1
        total_a += op["median"]
        total_b += other["median"]
        x = op["median"] / other["median"] if other["median"] > 0 else 0.0
        if x > worst:
            worst, worst_name = x, n
    return (total_a, total_b, worst, worst_name, count) if count else None


def targets(corpora: list[dict]) -> list[dict]:
    synthetic = [c for c in corpora if c.get("synthetic")]
    if not synthetic:
        return []
    c = max(synthetic, key=lambda c: c["quads"])
    r = c["reports"]
    ops = {e: r.get(e, {}).get("ops", {}) for e in COLUMNS}
    at = c["label"]
    checks: list[dict] = []
    for a, b in (("oxigraph", "raw-ox-disk"), ("oxigraph-mem", "raw-ox-mem"), ("oxigraph-mem", "raw-ox")):
        found = _named_ratio(ops, a, b)
        if not found:
            continue
        total_a, total_b, worst, worst_name, count = found
        agg = total_a / total_b
        checks.append(
            {
                "target": f"named queries: {LABELS[a]} within 1.2x of {LABELS[b]} ({at})",
                "figure": f"{count} queries together {agg:.2f}x ({fmt_s(total_a)} vs {fmt_s(total_b)}); worst single query {worst:.2f}x ({worst_name})",
                "met": agg <= 1.2,
            }
        )
    for n in ("aggregate: co-productions per country pair", "join: directors and actors across SCO states"):
        for fast in ("oxigraph", "oxigraph-mem"):
            for slow in ("rdflib", "memory"):
                if not ops[fast] or not ops[slow]:
                    continue
                text, x = speedup(ops[slow].get(n), ops[fast].get(n))
                bound = text.startswith(">")
                met = x is not None and x >= 20
                checks.append(
                    {
                        "target": f"{n.split(':')[0]} query: {LABELS[fast]} >= 20x faster than {LABELS[slow]} ({at})",
                        "figure": f"{text} ({fmt_op(ops[fast].get(n))} vs {fmt_op(ops[slow].get(n))})",
                        "met": met if (met or not bound) else None,
                    }
                )
    for a, b in (
        ("oxigraph", "raw-ox-disk"),
        ("oxigraph", "raw-ox-compacted"),
        ("oxigraph-mem", "raw-ox-mem"),
        ("oxigraph-mem", "raw-ox"),
        ("oxigraph-mem", "raw-ox-merged"),
    ):
        ta, tb = r.get(a, {}).get("load_s"), r.get(b, {}).get("load_s")
        if ta and tb:
            checks.append(
                {
                    "target": f"load: {LABELS[a]} at >= 0.8x the speed of {LABELS[b]}'s load ({at})",
                    "figure": f"{tb / ta:.2f}x ({fmt_s(ta)} vs {fmt_s(tb)})",
                    "met": tb / ta >= 0.8,
                }
            )
    return checks


def render(corpora: list[dict], engines: list[str], info: dict, args, started: str, seconds: float) -> str:
    body, checks = tables(corpora, engines)
    libs = ", ".join(f"{k} {v}" for k, v in info["libs"].items())
    lines = [
        "# Store benchmark results",
        "",
        "Written by `.venv/bin/python -m benchmarks.stores " + " ".join(args.argv) + "` (see benchmarks/README.md).",
        "",
        f"- date: {started} (the run took {seconds / 60:.1f} min)",
        f"- machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory']} memory, {info['os']}",
        f"- Python {info['python']}; {libs}" + (f"; Virtuoso {info['virtuoso']}" if info.get("virtuoso") else ""),
        f"- runs: median of up to {args.runs} runs per operation (3 when a run takes over 1 s, 1 over 10 s: marked ¹); "
        f"a query is stopped after {args.timeout:.0f} s, a view after {min(args.timeout, args.view_timeout):.0f} s; "
        f"each engine gets {args.budget:.0f} s per corpus for all its queries and views "
        f"({args.rdflib_budget:.0f} s for the rdflib engines), then the rest is skipped",
        "- corpora: SYNTHETIC (benchmarks/synthetic.py: invented films, people and events in the contract's shape; "
        "only the SCO member states are real)" + (", and the builds given with --data" if args.data else ""),
        "",
    ]
    if checks:
        lines += ["## Targets (issue 6)", "", "| target | figure | met? |", "|---|---|---|"]
        for ch in checks:
            met = {True: "met", False: "NOT met", None: "not shown (both sides hit the time limit)"}[ch["met"]]
            lines.append(f"| {ch['target']} | {ch['figure']} | {met} |")
        lines.append("")
    lines += [
        "## Figures",
        "",
        "Engines first (see the key below), then comparisons: a ratio is the first engine's time over the second's",
        '(1.00x = the same, lower is better); "vs rdflib" is how many times faster than plain rdflib ("> N" when',
        "rdflib hit the time limit).",
        "",
        body,
        "## Key",
        "",
        '- **kg oxigraph**: `kg.open(DIR, "oxigraph")`, the project\'s on-disk store: pyoxigraph (RocksDB) in DIR/oxigraph,',
        "  loaded with kg.nq and imports/*.nq plus one copy of every triple in the default graph (the RDF merge of the",
        "  graphs: each parsed quad and its copy go to one `bulk_extend`), compacted (`optimize()`), reopened read-only;",
        "  answers converted to rdflib terms.",
        "- **raw ox disk**: load: pyoxigraph `Store(path)` + `bulk_load` + `flush` of the same files (no merge), timed in",
        "  kg oxigraph's process, then its `optimize()` (the \"+ optimize()\" load target); queries: pyoxigraph's own",
        "  `query()` on kg oxigraph's store, each run turn about with",
        '  kg\'s, every solution read (`tuple(row)`), nothing converted. So "kg ox / raw disk" is the cost of the',
        "  project's code alone.",
        '- **kg ox memory**: `kg.open(DIR, "oxigraph-memory")`: the same engine and merge in RAM, loaded at each open.',
        "- **raw ox mem**: load: pyoxigraph `Store()` + `bulk_load` (no merge), timed apart in kg ox memory's process, then",
        '  the merge\'s `INSERT` (the "+ the same merge" load target);',
        "  queries: on kg ox memory's store, turn about with kg's, as for raw ox disk.",
        "- **raw ox union**: pyoxigraph as it comes, in its own process: `Store()` + `bulk_load`, queries with",
        "  `use_default_graph_as_union=True` (pyoxigraph 0.5 matches a triple once per graph that states it, hence the",
        "  ≠ row counts, and joins over the union view are slower).",
        '- **kg memory**: `kg.open(DIR, "memory")`: rdflib\'s in-memory `Dataset`, queries parsed and translated by rdflib.',
        "- **rdflib**: a plain `rdflib.Dataset(default_union=True)`, `parse`, `query(text)`, results listed.",
        "- **kg virtuoso**: Debian's Virtuoso on 127.0.0.1 (a private instance per corpus), bulk-loaded with `ld_dir` +",
        '  `rdf_loader_run` + `checkpoint`, queried through `kg.open(..., "remote")` over the SPARQL 1.1 protocol (JSON',
        "  results); its peak memory is the client's plus the server's (VmHWM).",
        "- **aggregate**: co-productions per pair of countries (`COUNT(DISTINCT ?f)` grouped by two country names);",
        "  **join**: directors and actors of different SCO member states on a film both states co-produced (nine patterns).",
        "- **view: focus**: kg stores: `kg.network.graphs.focus_graph(store, name, hops=1)` (find the film by name, its",
        "  neighbours, their attributes and evidence: a few SPARQL queries); raw and rdflib: one CONSTRUCT of the triples",
        "  touching the film and its neighbours' names, into a networkx `MultiDiGraph` (rdflib:",
        "  `rdflib_to_networkx_multidigraph`).",
        '- **view: country projection**: kg stores: `kg.network.graphs.projection(store, "countries")` (countries linked by',
        "  co-produced films, with every film's attributes and evidence); raw and rdflib: the aggregate into a weighted",
        "  `nx.Graph`.",
        "- **view: whole graph to networkx**: kg stores: `kg.network.graphs.entity_graph(store)` (every entity, its attributes",
        "  and evidence); raw: every quad into a `MultiDiGraph`; rdflib: `rdflib_to_networkx_multidigraph` of the union",
        "  graph (literals become nodes). The kg views do more than the direct ones: compare kg stores with each other.",
        "- Rows after a query's name are raw pyoxigraph's; ≠ marks an engine that returned a different number of rows.",
        "- Peak memory: the engine process's `ru_maxrss` (the interpreter, the libraries and the data) or, if larger, that",
        "  of the forked child that ran an operation (kg's oxigraph stores include the raw runs on their store); raw ox mem: the",
        "  resident size right after its own load.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stores", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="synthetic corpus sizes in quads, comma-separated ('' for none)"
    )
    parser.add_argument(
        "--data", type=Path, action="append", default=[], help="also benchmark this built folder (kg.trig + imports/*.nq); repeatable"
    )
    parser.add_argument("--focus-name", default="Red Silk", help="the film the focus view starts from in --data builds (default: Red Silk)")
    parser.add_argument("--virtuoso", action="store_true", help="also bulk-load and query a private Virtuoso server")
    parser.add_argument("--engines", default="", help=f"only these engines, comma-separated ({', '.join(ENGINES)})")
    parser.add_argument("--runs", type=int, default=5, help="runs per operation (median), default 5")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds an operation may take before it is stopped, default 120")
    parser.add_argument(
        "--view-timeout", type=float, default=60.0, help="the same for the views (focus, projection, whole graph), default 60"
    )
    parser.add_argument("--budget", type=float, default=330.0, help="seconds of queries and views per engine and corpus, default 330")
    parser.add_argument("--rdflib-budget", type=float, default=120.0, help="the same for the two rdflib engines, default 120")
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench", help="where corpora are generated (kept for reuse)"
    )
    parser.add_argument("--no-write", action="store_true", help="print the table without writing benchmarks/RESULTS.md")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the results (default benchmarks/RESULTS.md)")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--focus", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.argv = argv
    if args.worker:
        return worker(args)

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    started_at = time.perf_counter()
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    engines = [e for e in ENGINES if e != "virtuoso" or args.virtuoso]
    if args.engines:
        wanted = args.engines.split(",")
        engines = [e for e in ENGINES if e in wanted]
    if "virtuoso" in engines:
        from tests import virtuoso

        if not virtuoso.available():
            parser.error("--virtuoso: Debian's virtuoso-opensource is not installed (scripts/install-test-deps.sh)")
    args.work.mkdir(parents=True, exist_ok=True)
    results_dir = Path(tempfile.mkdtemp(prefix="kg-bench-results-"))
    corpora: list[dict] = []
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        folder, info = prepare(size, args.work)
        corpora.append(
            {"label": corpus_label(info["quads"]) + " synthetic", "quads": info["quads"], "folder": folder, "info": info, "synthetic": True}
        )
    for folder in args.data:
        quads = sum(1 for f in oxigraph_files(folder) for _ in open(f, "rb"))
        iri = find_iri(oxigraph_files(folder), args.focus_name)
        info = {"focus_film": args.focus_name, "focus_iri": iri} if iri else {}
        imports = ", ".join(f.name for f in oxigraph_files(folder)[1:]) or "no imports"
        label = f"{folder.name} (a build + {imports})"
        corpora.append({"label": label, "quads": quads, "folder": folder.resolve(), "info": info, "synthetic": False})
    for c in corpora:
        focus = (c["info"]["focus_film"], c["info"]["focus_iri"]) if not c["synthetic"] and c["info"] else None
        c["reports"] = expand({e: run_worker(e, c["folder"], args, results_dir, focus) for e in engines})
        text, _ = tables([c], engines)
        print(text, flush=True)
    seconds = time.perf_counter() - started_at
    document = render(corpora, engines, machine(), args, started, seconds)
    print(document.split("## Figures")[0])
    if not args.no_write:
        args.output.write_text(document, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    shutil.rmtree(results_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
