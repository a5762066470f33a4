"""The browsing side of ``kg serve``: entity pages, the document reader, search, the YASGUI page.

:class:`PageService` adds these routes to the endpoint's app (``kg.serve.app.create_app``):

- ``/resource/X`` and every other path under the graph's namespace (``https://w3id.org/sco-film-kg/P``
  is served at ``/P``): the page of that IRI — the reader for a document, an entity page
  otherwise — or, by content negotiation on the same URL (``Accept`` or ``?format=``), its
  description with each statement's provenance as Turtle, JSON-LD, N-Triples, TriG or N-Quads;
  ``Link`` headers name the alternates, ``Vary: Accept`` says the answer depends on it;
- ``/view/P``: the focus view of the entity (kg.network.views), embedded in its page;
- ``/search?q=``: JSON for programs, an HTML page for browsers;
- ``/`` (and ``/query``): YASGUI on ``/sparql``; ``/static/...``: the package's own CSS, JS and YASGUI.

How the pages' queries run: not through the worker pool. The pool is for the public's SPARQL —
arbitrary text that may run for the whole time limit, so it is checked, killed when it overruns
and queued behind other queries. A page's queries are ours: fixed shapes that start from one IRI
and read a bounded neighbourhood (incoming statements are capped), a few milliseconds each on
Oxigraph. They run in the server process, in a thread, on a read-only handle of the same on-disk
Oxigraph store the workers share (for the ``memory`` store, an in-RAM pyoxigraph copy of the
build). That saves, per page, the round trips through the pool's pipe (about 7 queries, each
serialised to SPARQL JSON and parsed back) and, above all, waiting behind a user's slow query for
a free worker: a page stays fast while every worker is busy. benchmarks/pages.py measures it.
"""

from __future__ import annotations

import asyncio
import functools
import json
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.serve.templates import SERVED_CSP, STATIC, Links, esc, iri_path, layout, path_iri

#: Offers of a page URL: (media type, format), the server's preference first (browsers get HTML).
PAGE_MEDIA = [
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("text/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"),
    ("application/trig", "trig"),
    ("application/n-quads", "nquads"),
    ("application/json", "json-ld"),
]
FORMAT_NAMES = {
    "html": "html",
    "ttl": "turtle",
    "turtle": "turtle",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "json": "json-ld",
    "nt": "nt",
    "ntriples": "nt",
    "trig": "trig",
    "nq": "nquads",
    "nquads": "nquads",
}
ALTERNATES = [("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"), ("trig", "application/trig"), ("nq", "application/n-quads")]
HTML_HEADERS = {"Content-Security-Policy": SERVED_CSP, "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}


def page_store_kind(store: str) -> str:
    """The store the pages read: the workers' on-disk Oxigraph, else a pyoxigraph copy in RAM."""
    return "oxigraph" if store == "oxigraph" else "oxigraph-memory"


def project_drafts(data_dir: Path) -> Path | None:
    """``data/drafts`` of the project whose build ``data_dir`` is, if there is one."""
    from kg.project import Project

    try:
        project = Project.find(Path(data_dir))
    except Exception:  # no kg.toml, or one that does not read: no drafts to show
        project = None
    if project is None or getattr(project, "data", None) is None:
        return None
    folder = Path(project.data) / "drafts"
    return folder if folder.is_dir() else None


class PageService:
    """Entity pages, reader, search and query page over one build (see the module docstring)."""

    def __init__(self, data_dir: Path, store: str, *, examples=(), timeout: float | None = None, max_rows: int | None = None, drafts: Path | None = None):
        self.data_dir = Path(data_dir)
        self.store_kind = page_store_kind(store)
        self.examples = list(examples)
        self.timeout = timeout
        self.max_rows = max_rows
        self.drafts = drafts if drafts is not None else project_drafts(self.data_dir)
        self._store = None
        self._index = None
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._views: OrderedDict[str, str] = OrderedDict()
        self._conflicts: dict[str, list] | None = None
        from kg.serve.entity import PageCache

        self.cache = PageCache()  # names and graph descriptions: the served build does not change
        self.links = Links.served()

    # -- the store and the index, opened on first use (after the pool has loaded the store) --

    @property
    def store(self):
        with self._lock:
            if self._store is None:
                from kg.query.store import open_store

                self._store = open_store(self.data_dir, store=self.store_kind)
                threading.Thread(target=self._prepare, args=(self._store,), name="kg-pages-prepare", daemon=True).start()
            return self._store

    def conflicts(self, iri: str) -> list:
        """The disagreements about ``iri``: from the whole-graph list once it is ready, else its own.

        The served graph does not change, so :func:`kg.curate.conflicts.find_conflicts` runs once
        over all of it, in a background thread started with the store (12 s at 1M quads). Until
        then a page asks about its own entity, which costs up to ~0.5 s at that size.
        """
        from kg.curate.conflicts import find_conflicts

        ready = self._conflicts
        if ready is not None:
            return ready.get(iri, [])
        return find_conflicts(self.store, about=[iri])

    def _prepare(self, store) -> None:
        """In the background, once: the disagreements of the whole graph, then the search index."""
        self._find_all_conflicts(store)
        try:
            _ = self.index
        except Exception as e:  # pragma: no cover - the first search will say what is wrong
            import logging

            logging.getLogger("kg.serve.app").warning("could not build the search index: %s", e)

    def _find_all_conflicts(self, store) -> None:
        from kg.curate.conflicts import find_conflicts

        found: dict[str, list] = {}
        try:
            for c in find_conflicts(store):
                found.setdefault(c.subject, []).append(c)
        except Exception as e:  # pragma: no cover - pages then keep asking per entity
            import logging

            logging.getLogger("kg.serve.app").warning("could not list the disagreements for the pages: %s", e)
            return
        self._conflicts = found

    @property
    def index(self):
        store = self.store
        with self._index_lock:  # its own lock: pages are not held up while the index is built
            if self._index is None:
                from kg.serve.search import SearchIndex

                self._index = SearchIndex.build(store)
            return self._index

    # -- what the routes answer (plain functions: the benchmark and tests call them directly) --

    def page(self, iri: str) -> tuple[int, str]:
        """(status, HTML) of the page of ``iri``: the reader for a document, else the entity page."""
        from kg.serve.entity import entity_data, render_entity
        from kg.serve.reader import document_data, is_document, render_document

        store = self.store
        if is_document(store, iri):
            return 200, render_document(document_data(store, iri, drafts=self.drafts), self.links)
        data = entity_data(store, iri, conflicts=False, cache=self.cache)
        data.conflicts = self.conflicts(iri) if data.found else []
        if not data.found:
            return 404, not_found(iri, self.links)
        path = iri_path(iri)
        view = f"/view/{quote(path, safe='/-._~')}" if path and path.startswith("resource/") else None
        return 200, render_entity(data, self.links, view_href=view)

    def rdf(self, iri: str, fmt: str) -> tuple[int, bytes, str]:
        from kg.serve.entity import RDF_FORMATS, entity_data, entity_rdf

        data = entity_data(self.store, iri, conflicts=False)
        if not data.found:
            return 404, f"nothing is known about <{iri}>\n".encode(), "text/plain; charset=utf-8"
        return 200, entity_rdf(self.store, data, fmt), RDF_FORMATS[fmt][0]

    def view(self, iri: str) -> str | None:
        """The focus view of ``iri`` (kg.network.views, self-contained), cached; None if unknown."""
        with self._lock:
            if iri in self._views:
                self._views.move_to_end(iri)
                return self._views[iri]
        from kg.errors import KGError
        from kg.network import views
        from kg.network.graphs import build_graph

        try:
            graph = build_graph(self.store, focus=iri, hops=1)
        except KGError:
            return None
        title, subtitle = views.describe(None, graph.nodes[iri].get("label", iri) if iri in graph else iri, 1)
        text = views.render(graph, title=title, subtitle=subtitle)
        with self._lock:
            self._views[iri] = text
            while len(self._views) > 32:
                self._views.popitem(last=False)
        return text

    def search(self, q: str, limit: int = 20) -> list[dict]:
        return self.index.search(q, limit=limit, links=self.links)

    # -- routes ---------------------------------------------------------------------------------

    def routes(self, negotiate) -> list:
        """Routes to put after ``/sparql`` (the catch-all for IRI paths comes last).

        ``negotiate``: the endpoint's content negotiation (kg.serve.app.negotiate), handed in so
        that this module does not import the app that imports it.
        """
        self._negotiate = negotiate
        return [
            Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
            Route("/", self._query_page, methods=["GET"]),
            Route("/query", self._query_page, methods=["GET"]),
            Route("/search", self._search, methods=["GET"]),
            Route("/view/{path:path}", self._view, methods=["GET"]),
            Route("/{path:path}", self._iri, methods=["GET", "HEAD"]),
        ]

    @functools.cached_property
    def _query_html(self) -> str:
        """The YASGUI page: the same for every request (the examples are fixed when the server starts)."""
        from kg.serve.yasgui import render_query_page

        return render_query_page(self.examples, timeout=self.timeout, max_rows=self.max_rows)

    async def _query_page(self, request: Request) -> Response:
        from kg.serve.yasgui import QUERY_CSP

        return Response(self._query_html, headers={**HTML_HEADERS, "Content-Security-Policy": QUERY_CSP}, media_type="text/html; charset=utf-8")

    async def _search(self, request: Request) -> Response:
        from kg.serve.search import render_search

        q = request.query_params.get("q", "")[:200]
        results = await asyncio.to_thread(self.search, q, 50)
        fmt = request.query_params.get("format") or self._negotiate(
            request.headers.get("accept"), [("application/json", "json"), ("text/html", "html")], "json"
        )
        if fmt == "html":
            return Response(render_search(q, results, self.links), headers={**HTML_HEADERS, "Vary": "Accept"}, media_type="text/html; charset=utf-8")
        body = json.dumps({"query": q, "results": results}, ensure_ascii=False)
        return Response(body, headers={"Vary": "Accept"}, media_type="application/json")

    async def _view(self, request: Request) -> Response:
        path = request.path_params["path"]
        if iri_path(path_iri(path)) is None:
            return Response("not a path of the graph's namespace\n", 404, media_type="text/plain; charset=utf-8")
        text = await asyncio.to_thread(self.view, path_iri(path))
        if text is None:
            return Response(not_found(path_iri(path), self.links), 404, headers=HTML_HEADERS, media_type="text/html; charset=utf-8")
        # the view carries its own CSP (hashes of its inline script) in a <meta> element
        return Response(text, headers={"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}, media_type="text/html; charset=utf-8")

    async def _iri(self, request: Request) -> Response:
        path = request.path_params["path"]
        iri = path_iri(path)
        if not path or iri_path(iri) is None:
            return Response(not_found(iri, self.links), 404, headers=HTML_HEADERS, media_type="text/html; charset=utf-8")
        asked = request.query_params.get("format")
        if asked is not None:
            fmt = FORMAT_NAMES.get(asked.strip().lower())
            if fmt is None:
                return Response(
                    f"unknown format {asked!r}: use one of {', '.join(sorted(FORMAT_NAMES))}\n", 400, media_type="text/plain; charset=utf-8"
                )
        else:
            fmt = self._negotiate(request.headers.get("accept"), PAGE_MEDIA, "html")
        here = "/" + quote(path, safe="/-._~")
        link = ", ".join(f'<{here}?format={name}>; rel="alternate"; type="{media}"' for name, media in ALTERNATES)
        link += f', <{here}>; rel="alternate"; type="text/html"'
        headers = {"Vary": "Accept", "Link": link}
        if fmt == "html":
            status, text = await asyncio.to_thread(self.page, iri)
            return Response(text, status, headers={**HTML_HEADERS, **headers}, media_type="text/html; charset=utf-8")
        status, body, media = await asyncio.to_thread(self.rdf, iri, fmt)
        return Response(body, status, headers=headers, media_type=media)


def not_found(iri: str, links: Links) -> str:
    body = f'<h1>Not in the graph</h1><p>The graph says nothing about <code class="iri">{esc(iri)}</code>.</p><p>Try the search box above.</p>'
    return layout("Not found", body, links)
