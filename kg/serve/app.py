"""The HTTP SPARQL endpoint behind ``kg serve``: SPARQL 1.1 Protocol, read-only, bounded.

    from kg.serve.app import create_app
    app = create_app("out", timeout=10, max_rows=10000)     # any ASGI server can run it
    kg.serve.app.run_server(data_dir="out", port=8000)         # what `kg serve` does (uvicorn)

Shape: a thin Starlette app. Queries never run in the server process: a pool of worker processes
(kg.serve.worker), each holding the dataset, parses, checks, evaluates and serialises them. The
server only reads the request, negotiates the format, hands the job to a free worker and waits at
most the time limit; a worker that overruns is killed and replaced, so a runaway query costs one
worker for ``timeout`` seconds and never blocks the others.

Routes: ``/sparql`` (GET, POST: the protocol; without a query, the service description) and ``/``
(the query page). One log line per request: time, client, method, path, query hash, status,
duration, rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.errors import KGError, Problem
from kg.project import out_folder
from kg.query.store import BUILD_FILE
from kg.serve.cache import DEFAULT_CACHE_MB, Answer, ResultCache, build_identity, cache_key, etag_for, etag_matches, query_shape
from kg.serve.lanes import Costs, Lanes
from kg.serve.worker import GRAPH_FORMATS, OUT_OF_MEMORY, STORES, Job, Reply, prepare_store, worker_main

log = logging.getLogger("kg.serve.app")

#: Longest request body (a query posted directly, or a form) accepted, in bytes.
MAX_BODY = 1_000_000
#: Seconds a worker may take to load the dataset at start-up (or when replacing a killed one).
LOAD_TIMEOUT = 600.0
#: Added to the nice value of the general workers when there is a fast lane: when both want the
#: cores, the lane's light queries get them first (Linux gives nice 0 about 10x the CPU of nice 10),
#: and a heavy query still has every cycle the lane leaves idle.
GENERAL_NICENESS = 10
#: Memory one query may add to a worker, in MB: a heavy join over a million triples needs a few
#: hundred; a runaway cross join reaches this in seconds and costs one worker, not the machine.
DEFAULT_QUERY_MEMORY_MB = 2048

#: Media types a client may ask for (Accept), per kind of answer, in the server's preference order.
RESULT_MEDIA = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
GRAPH_MEDIA = [
    ("text/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("application/turtle", "turtle"),
    ("text/n3", "turtle"),
    ("text/rdf+n3", "turtle"),
    ("application/rdf+n3", "turtle"),
    ("application/n-triples", "nt"),
    ("text/plain", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/x-json+ld", "json-ld"),
    ("application/json", "json-ld"),
    ("application/rdf+xml", "rdf-xml"),
    ("application/xml", "rdf-xml"),
    ("text/xml", "rdf-xml"),
]
#: Short names in a ``format=`` / ``output=`` / ``results=`` parameter (as SPARQLWrapper and YASGUI send).
RESULT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "json": "json-ld",
    "xml": "rdf-xml",
    "rdf+xml": "rdf-xml",
    "rdfxml": "rdf-xml",
    "rdf": "rdf-xml",
}


# ---- content negotiation -----------------------------------------------------------------------


def parse_accept(header: str) -> list[tuple[str, float, int]]:
    """``Accept`` as (media range, q, position), highest q first; unparseable q counts as 0."""
    entries = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        entries.append((media, q, i))
    return entries


def negotiate(accept: str | None, offers: list[tuple[str, str]], default: str) -> str:
    """The offered format the client wants most (RFC 9110 proactive negotiation).

    A media type matches an Accept range exactly, by ``type/*`` or by ``*/*`` (the most specific
    range decides its q). Highest q wins, then an exact over a wildcard match, then the client's
    order, then ours. Nothing acceptable: the default (lenient, as most SPARQL stores are).
    """
    entries = parse_accept(accept or "")
    best_key, best = None, None
    for rank, (media, fmt) in enumerate(offers):
        match = None
        for rng, q, pos in entries:
            if rng == media:
                specificity = 2
            elif rng.endswith("/*") and media.startswith(rng[:-1]):
                specificity = 1
            elif rng == "*/*":
                specificity = 0
            else:
                continue
            if match is None or specificity > match[1]:
                match = (q, specificity, pos)
        if match is None or match[0] <= 0:
            continue
        key = (match[0], match[1], -match[2], -rank)
        if best_key is None or key > best_key:
            best_key, best = key, fmt
    return best or default


def choose_formats(params: dict[str, list[str]], accept: str | None) -> tuple[str, str]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE) from ``format=`` or Accept."""
    for name in ("format", "output", "results"):
        for value in params.get(name, []):
            value = value.strip().lower()
            result = RESULT_NAMES.get(value) or next((f for m, f in RESULT_MEDIA if m == value), None)
            graph = GRAPH_NAMES.get(value) or next((f for m, f in GRAPH_MEDIA if m == value), None)
            if result or graph:
                return (
                    result or negotiate(accept, RESULT_MEDIA, "json"),
                    graph or negotiate(accept, GRAPH_MEDIA, "turtle"),
                )
    return negotiate(accept, RESULT_MEDIA, "json"), negotiate(accept, GRAPH_MEDIA, "turtle")


# ---- the worker pool ---------------------------------------------------------------------------


@dataclass(eq=False)
class Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    fast: bool = False  # in the fast lane: takes only queries known to be cheap (kg.serve.lanes)
    build: str | None = None  # identity of the build it loaded (kg.serve.cache.build_identity)

    @property
    def pid(self) -> int | None:
        return self.process.pid


class PoolBusy(Exception):
    """No worker became free in time (every one is busy with a long query)."""


class WorkerPool:
    """Worker processes that each hold the dataset; one job at a time each; overrunners killed.

    ``start()`` (blocking) spawns them and waits until each has loaded the data; ``attach()``
    hands them to the running event loop; ``await run(job)`` answers a job within ``timeout``.
    ``size`` general workers plus ``fast_workers`` that take only queries known to be cheap
    (kg.serve.lanes); ``cache``: the result cache (kg.serve.cache), or None for none.
    """

    def __init__(
        self,
        data_dir: Path,
        size: int,
        timeout: float,
        max_rows: int,
        service_allow: list[str],
        store: str = "memory",
        query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB,
        fast_workers: int = 1,
        cache_mb: int = DEFAULT_CACHE_MB,
    ):
        if query_memory_mb < 0:
            raise KGError("--max-query-memory must be 0 (no limit) or more")
        self.data_dir = Path(data_dir)
        self.query_memory_mb = query_memory_mb
        self.store = store
        self.size = size
        self.timeout = timeout
        self.max_rows = max_rows
        self.service_allow = list(service_allow)
        self.stats: dict[str, int] = {}
        self.restarts = 0
        self._ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._lock = threading.Lock()
        self._workers: set[Worker] = set()
        self._ready: list[Worker] = []
        self._idle: asyncio.Queue[Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closing = False
        self._waiting = 0
        self.fast_workers = fast_workers
        self.cache = ResultCache(cache_mb * 2**20) if cache_mb > 0 else None
        self.build: str | None = None  # identity of the build the workers hold (kg.serve.cache.build_identity)
        self.costs = Costs()
        self._lanes: Lanes[Worker] = Lanes()
        self._threads = ThreadPoolExecutor(max_workers=2 * (size + fast_workers) + 2, thread_name_prefix="kg-pool")

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.pid for w in self._workers if w.pid)

    def start(self) -> None:
        """Spawn every worker and wait until each has loaded the dataset; KGError if one cannot."""
        try:
            prepare_store(self.data_dir, self.store)
        except KGError:
            raise
        except Exception as e:  # a broken build file, a store that cannot be written
            raise KGError(
                Problem(self.data_dir, None, f"cannot open the graph in the {self.store} store: {e}", "rebuild it with `kg build`")
            ) from None
        self._note_build()
        spawned = [self._spawn() for _ in range(self.size)] + [self._spawn(fast=True) for _ in range(self.fast_workers)]
        try:
            for worker in spawned:
                self._await_ready(worker)
        except BaseException:
            self.close()
            raise
        self._ready.extend(spawned)

    def _note_build(self) -> None:
        """Note the identity of the build on disk (the one workers spawned now load); a new one clears the cache."""
        from kg.query.store import build_files

        self.build = build_identity(build_files(self.data_dir))
        if self.cache is not None and self.cache.use_build(self.build):
            log.info("a new build (%s): the result cache was cleared", self.build[:10])

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._idle = asyncio.Queue()  # kept for code that looks at it; the lanes hand out the workers
        for worker in self._ready:
            self._lanes.add(worker, worker.fast)
        self._ready.clear()

    async def run(self, job: Job, wait: float) -> Reply:
        """Answer ``job`` on a free worker (waiting at most ``wait`` s for one).

        A query whose shape ran cheaply before may take a fast-lane worker and waits ahead of
        the others (kg.serve.lanes); the worker time it takes is recorded for the next time.
        """
        assert self._idle is not None and self._loop is not None, "attach() the pool to the event loop first"
        if self._lanes.waiting >= 64 * (self.size + self.fast_workers):
            raise PoolBusy(f"{self._lanes.waiting} queries are already waiting")
        shape = query_shape(job.query)
        try:
            worker, _ = await self._lanes.take(self.fast_workers > 0 and self.costs.is_cheap(shape), wait)
        except TimeoutError:
            raise PoolBusy(f"no worker became free within {wait:g} s") from None
        # The exchange (and the worker's return to the pool, or its replacement) runs in a thread
        # of its own, so it completes even if this request is cancelled (client gone).
        started = time.monotonic()
        reply = await self._loop.run_in_executor(self._threads, self._exchange, worker, job)
        # CPU time, not wall time: a query's wall time grows with everything else running on the
        # cores, and a cheap query judged by it under load would lose its place in the fast lane
        self.costs.record(shape, reply.cpu if reply.cpu is not None else time.monotonic() - started)
        reply.build = worker.build
        return reply

    def _exchange(self, worker: Worker, job: Job) -> Reply:
        started = time.monotonic()
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self._release(worker)
                return reply
            reply = Reply.error(
                503,
                f"the query was stopped after {self.timeout:g} s, this endpoint's time limit (kg serve --timeout); "
                "narrow it (more specific patterns, LIMIT) or ask whoever runs the server for a longer limit",
            )
            log.warning("worker %s overran the %g s limit: killed, starting a new one", worker.pid, self.timeout)
        except (EOFError, OSError) as e:
            worker.process.join(2)
            if self.query_memory_mb and worker.process.exitcode in (OUT_OF_MEMORY, -signal.SIGABRT):
                reply = Reply.error(
                    503,
                    f"the query needed more than the {self.query_memory_mb} MB of memory one query may use here "
                    "(kg serve --max-query-memory); narrow it (more specific patterns, LIMIT, fewer ORDER BY rows) "
                    "or ask whoever runs the server for a higher limit",
                )
                log.warning("worker %s ran out of its %d MB for a query: starting a new one", worker.pid, self.query_memory_mb)
            else:
                reply = Reply.error(
                    500, f"the worker running the query died ({type(e).__name__}); the query may need more memory than the server has"
                )
                if not self._closing:
                    log.error("worker %s died after %.1f s: %s", worker.pid, time.monotonic() - started, e)
        self._retire(worker)
        if not self._closing:
            self._threads.submit(self._replace, worker.fast)
        return reply

    def _release(self, worker: Worker) -> None:
        if self._closing or self._loop is None or self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._lanes.add, worker, worker.fast)

    def _spawn(self, fast: bool = False) -> Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=worker_main,
            args=(
                child,
                str(self.data_dir),
                self.store,
                self.max_rows,
                self.service_allow,
                os.getpid(),
                self.query_memory_mb,
                GENERAL_NICENESS if self.fast_workers and not fast else 0,
            ),
            name="kg-serve-worker",
            daemon=True,
        )
        process.start()
        child.close()
        worker = Worker(process, parent, fast, self.build)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _await_ready(self, worker: Worker) -> None:
        if not worker.conn.poll(LOAD_TIMEOUT):
            raise KGError(Problem(self.data_dir, None, f"a query worker did not load the graph within {LOAD_TIMEOUT:g} s"))
        try:
            status, detail = worker.conn.recv()
        except (EOFError, OSError):
            status, detail = "failed", f"the worker process exited (code {worker.process.exitcode})"
        if status != "ready":
            raise KGError(Problem(self.data_dir, None, f"cannot serve this graph: {detail}", "rebuild it with `kg build`"))
        self.stats = {k: v for k, v in detail.items() if k != "pid"}

    def _replace(self, fast: bool = False) -> None:
        started = time.monotonic()
        for attempt in range(5):
            if self._closing:
                return
            try:
                self._note_build()  # the replacement loads what is on disk now: a rebuild clears the cache
            except (OSError, KGError) as e:
                log.error("cannot read the build to start a replacement worker: %s", e)
            worker = self._spawn(fast)
            try:
                self._await_ready(worker)
            except KGError as e:
                log.error("could not start a replacement worker (attempt %d): %s", attempt + 1, e)
                self._retire(worker)
                time.sleep(1 + attempt)
                continue
            self.restarts += 1
            log.info("new worker %s ready after %.1f s", worker.pid, time.monotonic() - started)
            if self._closing:
                self._retire(worker)
            else:
                self._release(worker)
            return

    def _retire(self, worker: Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def close(self) -> None:
        """Stop every worker (politely, then by force) and the helper threads."""
        self._closing = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.process.terminate()
        deadline = time.monotonic() + 3
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            with self._lock:
                self._workers.discard(worker)
            with contextlib.suppress(OSError):
                worker.conn.close()
        self._threads.shutdown(wait=False, cancel_futures=True)


# ---- the app -----------------------------------------------------------------------------------


def store_file(data_dir: Path | str) -> Path:
    """The build file ``kg serve --data`` points at (a folder holding kg.trig, or the file)."""
    path = Path(data_dir)
    file = path / BUILD_FILE if path.is_dir() else path
    if not file.exists():
        raise KGError(Problem(file, None, "no built graph here", "run `kg build` first (or pass --data to the folder kg build wrote)"))
    return file


def choose_store(store: str | None, data_dir: Path | str) -> str:
    """The store the workers query: ``--store``, else ``$KG_STORE``, else what ``kg.open`` would pick."""
    from kg.query.store import automatic_store

    store = store or os.environ.get("KG_STORE") or automatic_store(data_dir)
    if store not in STORES:
        hint = "a remote store is an endpoint already: point clients at it" if store == "remote" else ""
        raise KGError(Problem("kg serve", None, f"cannot serve from the '{store}' store: use one of {', '.join(STORES)}", hint))
    return store


def default_workers() -> int:
    """Two at least (one slow query must not block the rest), one per core up to four."""
    return max(2, min(4, os.cpu_count() or 2))


def create_app(
    data_dir: Path | str | None = None,
    *,
    timeout: float = 10.0,
    max_rows: int = 10000,
    cors_origins: list[str] | tuple[str, ...] = (),
    service_allow: list[str] | tuple[str, ...] = (),
    query_dir: Path | str | None = None,
    workers: int | None = None,
    store: str | None = None,
    query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB,
    pool: WorkerPool | None = None,
    on_ready=None,
    fast_workers: int = 1,
    cache_mb: int = DEFAULT_CACHE_MB,
) -> Starlette:
    """The endpoint as an ASGI app. Its lifespan starts (and stops) the worker pool.

    ``pool``: an already started pool (``run_server`` starts it first to report load errors
    cleanly); otherwise one of ``workers`` processes is started with the app.
    """
    if timeout <= 0:
        raise KGError("--timeout must be more than 0 seconds")
    if max_rows < 1:
        raise KGError("--max-rows must be at least 1")
    for url in service_allow:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise KGError(f"--allow-service {url!r}: give the endpoint's full http(s) URL")
    data_dir = out_folder(data_dir)
    store_file(data_dir)
    size = workers or default_workers()
    if size < 1:
        raise KGError("--workers must be at least 1")
    pool = pool or WorkerPool(
        Path(data_dir), size, timeout, max_rows, list(service_allow), choose_store(store, data_dir), query_memory_mb, fast_workers, cache_mb
    )
    examples = _load_examples(query_dir)
    wait = max(30.0, 2 * timeout)
    from kg.serve.web import PageService  # entity pages, reader, search, YASGUI (issue 15)

    pages = PageService(Path(data_dir), pool.store, examples=examples, timeout=timeout, max_rows=max_rows)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if not pool.stats:
            await asyncio.to_thread(pool.start)
        pool.attach(asyncio.get_running_loop())
        if on_ready:
            on_ready(pool)
        try:
            yield
        finally:
            await asyncio.to_thread(pool.close)

    async def sparql(request: Request) -> Response:
        try:
            params = _params(request.url.query)
        except UnicodeDecodeError:
            return _text(400, "the URL's parameters are not UTF-8")
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                return _refuse_update(request, await _body(request))
            body = await _body(request)
            if body is None:
                return _text(413, f"the request body is larger than {MAX_BODY} bytes")
            if media == "application/x-www-form-urlencoded":
                try:
                    for key, values in _params(body.decode("utf-8")).items():
                        params.setdefault(key, []).extend(values)
                except UnicodeDecodeError:
                    return _text(400, "the form is not UTF-8")
            elif media == "application/sparql-query":
                try:
                    params.setdefault("query", []).append(body.decode("utf-8"))
                except UnicodeDecodeError:
                    return _text(400, "the query is not UTF-8")
            else:
                return _text(
                    415,
                    f"POST a query as application/x-www-form-urlencoded (query=...) or application/sparql-query, not {media or 'no Content-Type'}",
                )
        if "update" in params:
            return _refuse_update(request, params["update"][0])
        queries = params.get("query", [])
        if not queries:
            if request.method == "POST":
                return _text(400, "no query: send query=... (form) or the query itself as application/sparql-query")
            return _service_description(request, pool, params)
        if len(queries) > 1:
            return _text(400, "more than one query in the request: send exactly one query parameter")
        text = queries[0]
        request.state.query_hash = query_hash(text)
        if not text.strip():
            return _text(400, "the query is empty")
        result_format, graph_format = choose_formats(params, request.headers.get("accept"))
        job = Job(
            query=text,
            default_graphs=tuple(params["default-graph-uri"]) if "default-graph-uri" in params else None,
            named_graphs=tuple(params["named-graph-uri"]) if "named-graph-uri" in params else None,
            result_format=result_format,
            graph_format=graph_format,
        )
        cache = pool.cache
        key = cache_key(pool.build or "", text, result_format, graph_format, job.default_graphs, job.named_graphs)
        if cache is None:
            request.state.cache = "off"
        elif request.method == "GET" and etag_matches(request.headers.get("if-none-match"), etag_for(key)):
            request.state.cache = "304"  # the client holds this build's answer to this query already
            return Response(status_code=304, headers={"ETag": etag_for(key), "Cache-Control": CACHE_CONTROL, "Vary": "Accept"})
        elif (hit := cache.get(key)) is not None:
            request.state.cache = "hit"
            request.state.rows = hit.rows
            return _cached_response(hit, "hit")
        else:
            request.state.cache = "miss"
        try:
            reply = await pool.run(job, wait)
        except PoolBusy as e:
            return _text(503, f"the server is busy ({e}); try again shortly", {"Retry-After": "5"})
        request.state.rows = reply.rows
        if cache is not None and reply.build is not None:
            if reply.build != pool.build:  # a worker still on an older build answered: keep it apart
                key = cache_key(reply.build, text, result_format, graph_format, job.default_graphs, job.named_graphs)
            answer = Answer(reply.status, reply.body, reply.content_type, reply.rows, etag_for(key))
            cache.put(key, answer, reply.build)
            if reply.status == 200 and not reply.headers:
                return _cached_response(answer, "miss")
        return Response(reply.body, reply.status, headers={"Vary": "Accept", **reply.headers}, media_type=reply.content_type)

    middleware = [Middleware(RequestLog)]
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                max_age=600,
            )
        )
    app = Starlette(
        routes=[Route("/sparql", sparql, methods=["GET", "POST"]), *pages.routes(negotiate)],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.pages = pages
    return app


#: Clients and proxies may keep answers, and must ask again (with If-None-Match: a 304 costs nothing).
CACHE_CONTROL = "public, no-cache"


def _cached_response(answer: Answer, state: str) -> Response:
    headers = {"Vary": "Accept", "X-Cache": state}
    if answer.status == 200:
        headers.update({"ETag": answer.etag, "Cache-Control": CACHE_CONTROL})
    return Response(answer.body, answer.status, headers=headers, media_type=answer.content_type)


def _params(query_string: str) -> dict[str, list[str]]:
    return parse_qs(query_string, keep_blank_values=True, strict_parsing=False, errors="strict")


async def _body(request: Request) -> bytes | None:
    """The request body, or None if it is larger than MAX_BODY (it is not read further)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _refuse_update(request: Request, text: str | bytes | None) -> Response:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    request.state.query_hash = query_hash(text or "")
    return _text(403, "updates are refused: this endpoint is read-only (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...)")


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(message.rstrip() + "\n", status, headers=headers, media_type="text/plain; charset=utf-8")


def query_hash(text: str) -> str:
    """Short hash that names a query in the log (the same query text, the same hash)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _load_examples(query_dir: Path | str | None) -> list:
    """The named queries in ``query_dir`` (default: kg's own and the project's) as the page's examples."""
    from kg.query.queries import named_queries

    try:
        return list(named_queries(query_dir).values())
    except KGError as e:
        log.warning("no example queries for the query page: %s", e)
        return []


def _service_description(request: Request, pool: WorkerPool, params: dict[str, list[str]]) -> Response:
    """SPARQL 1.1 Service Description of this endpoint (Turtle unless the client asks otherwise)."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = Namespace("http://www.w3.org/ns/formats/")
    endpoint = URIRef(str(request.url.replace(query="", fragment="")).rstrip("?"))
    g = Graph()
    g.bind("sd", sd)
    g.bind("formats", formats)
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    g.add((endpoint, RDF.type, sd.Service))
    g.add((endpoint, sd.endpoint, endpoint))
    g.add((endpoint, sd.supportedLanguage, sd.SPARQL11Query))
    g.add((endpoint, sd.feature, sd.UnionDefaultGraph))
    if pool.service_allow:
        g.add((endpoint, sd.feature, sd.BasicFederatedQuery))
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ):
        g.add((endpoint, sd.resultFormat, formats[name]))
    g.add((endpoint, DCTERMS.title, Literal("SCO film knowledge graph", lang="en")))
    limits = (
        f"Read-only: updates, LOAD and SERVICE (unless allowed) are refused with 403. "
        f"A query is stopped after {pool.timeout:g} s (503); an answer of more than {pool.max_rows} rows or triples is refused (422). "
        "Queries without GRAPH see the union of all graphs."
    )
    g.add((endpoint, RDFS.comment, Literal(limits, lang="en")))
    dataset, default = BNode(), BNode()
    g.add((endpoint, sd.defaultDataset, dataset))
    g.add((dataset, RDF.type, sd.Dataset))
    g.add((dataset, sd.defaultGraph, default))
    g.add((default, RDF.type, sd.Graph))
    if pool.stats:
        g.add((dataset, VOID.triples, Literal(pool.stats["quads"], datatype=XSD.integer)))
        g.add((dataset, RDFS.comment, Literal(f"{pool.stats['quads']} quads in {pool.stats['graphs']} named graphs", lang="en")))
    _, fmt = choose_formats(params, request.headers.get("accept"))
    media, name = GRAPH_FORMATS[fmt]
    return Response(g.serialize(format=name, encoding="utf-8"), headers={"Vary": "Accept"}, media_type=media)


class RequestLog:
    """ASGI middleware: one line per request — time, client, method, path, query hash, status, ms, rows."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = [0]

        async def send_and_note(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            state = scope.get("state", {})
            client = scope.get("client") or ("-", 0)
            rows = state.get("rows")
            log.info(
                "%s %s %s %s q=%s %s %.1fms rows=%s%s",
                datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                client[0],
                scope["method"],
                scope["path"],
                state.get("query_hash", "-"),
                status[0] or 500,
                (time.perf_counter() - started) * 1000,
                "-" if rows is None else rows,
                f" cache={state['cache']}" if "cache" in state else "",
            )


# ---- kg serve -----------------------------------------------------------------------------------


def run_server(
    data_dir: Path | str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10000,
    cors_origins: list[str] | tuple[str, ...] = (),
    service_allow: list[str] | tuple[str, ...] = (),
    query_dir: Path | str | None = None,
    workers: int | None = None,
    store: str | None = None,
    query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB,
    fast_workers: int = 1,
    cache_mb: int = DEFAULT_CACHE_MB,
) -> None:
    """Serve until Ctrl-C / SIGTERM: load the graph in the workers, bind, print the URL, log requests.

    ``fast_workers``: workers that take only queries known to be cheap (kg.serve.lanes);
    ``cache_mb``: size of the result cache (kg.serve.cache), 0 for none (``--no-cache``).
    """
    import uvicorn

    _configure_logging()
    size = workers or default_workers()
    data_dir = out_folder(data_dir)
    store_file(data_dir)
    pool = WorkerPool(
        Path(data_dir), size, timeout, max_rows, list(service_allow), choose_store(store, data_dir), query_memory_mb, fast_workers, cache_mb
    )
    sock = _bind(host, port)
    try:
        pool.start()  # load errors surface here as a KGError: a clear message, exit status 1
        bound_host, bound_port = sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        base = f"http://{shown}:{bound_port}"

        def announce(pool: WorkerPool) -> None:
            if host not in ("127.0.0.1", "localhost", "::1"):
                log.warning("listening on %s: anyone who can reach this machine can query the graph", host)
            print(
                f"kg serve: SPARQL endpoint at {base}/sparql, query page at {base}/ "
                f"({pool.size} worker{'s' if pool.size != 1 else ''}"
                f"{f' + {pool.fast_workers} for cheap queries' if pool.fast_workers else ''} on the {pool.store} store, "
                f"time limit {timeout:g} s, at most {max_rows} rows, "
                f"{f'{query_memory_mb} MB' if query_memory_mb else 'no memory limit'} per query, "
                f"{f'result cache {cache_mb} MB' if pool.cache is not None else 'no result cache'}; Ctrl-C stops)",
                flush=True,
            )

        app = create_app(
            data_dir,
            timeout=timeout,
            max_rows=max_rows,
            cors_origins=cors_origins,
            service_allow=service_allow,
            query_dir=query_dir,
            workers=size,
            pool=pool,
            on_ready=announce,
        )
        config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, timeout_graceful_shutdown=5, lifespan="on")
        server = uvicorn.Server(config)
        server.run(sockets=[sock])
    finally:
        pool.close()
        sock.close()


def _bind(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)  # connections wait in the backlog until the server loop takes them
    except OSError as e:
        raise KGError(
            Problem("kg serve", None, f"cannot listen on {host}:{port}: {e.strerror or e}", "pick another --port (0 picks a free one)")
        ) from None
    sock.set_inheritable(False)
    return sock


def _configure_logging() -> None:
    if log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
