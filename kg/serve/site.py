"""``kg site OUT``: the entity pages, document pages, search and views as static files.

    >>> import kg
    >>> from kg.serve.site import write_site
    >>> report = write_site(kg.open("out"), "site")          # site/index.html opens from file://

The pages are the ones ``kg serve`` shows (the same renderers in :mod:`kg.serve.entity`,
:mod:`kg.serve.reader` and :mod:`kg.serve.search`), linked relatively (``resource/X.html``), so
the folder works from ``file://`` and from any static host, under any path. Search runs in the
browser over a prebuilt index (``search-index.js``: a script, because a ``file://`` page cannot
fetch JSON). The views are ``kg run``'s (:func:`kg.network.views.write_default_views`). Every
entity page embeds its neighbourhood as the whole-graph view opened at ``graph.html#focus=ID``
(the view shows that entity and its neighbours), so the site carries vis-network once, not once
per entity (0.7 MB each: hundreds of megabytes); the entity of ``kg run``'s focus view embeds that
view. A graph drawn as its summary (more than SUMMARY_THRESHOLD entities) has no whole-graph view
to focus, and its pages show no neighbourhood; ``kg serve`` draws one per entity.

Disagreements are found once for the whole graph (:func:`kg.curate.conflicts.find_conflicts`)
and handed to each page, rather than once per page as the server does.

The site is written into a fresh folder beside OUT and moved into place when complete, so a
failed run leaves the previous site as it was. OUT must be empty, absent, or a site kg wrote.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError, Problem
from kg.ingest.vocabulary import BASE
from kg.serve.templates import STATIC, Links, esc, iri_path, layout

MARKER = ".kg-site"
NIF_STRING = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"
#: The entity whose focus view the site writes (as `kg run` does) and embeds in its page.
FOCUS = "Red Silk"
#: Classes listed on the home page, in this order (the rest under "other").
HOME_CLASSES = [
    ("https://schema.org/Movie", "Films"),
    ("https://schema.org/Person", "People"),
    ("https://schema.org/Organization", "Organisations"),
    ("https://schema.org/Event", "Events"),
    ("https://schema.org/Country", "Countries"),
    ("https://schema.org/Place", "Places"),
]


@dataclass
class SiteReport:
    out: Path
    entity_pages: int
    document_pages: int
    views: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"kg site: {self.entity_pages} entity pages, {self.document_pages} document pages, {self.views} views "
            f"in {self.out} ({self.seconds:.1f} s); open {self.out / 'index.html'}"
        )


def site_iris(store) -> dict[str, str]:
    """Every page the site needs: path -> the IRI it shows (subjects and objects in the namespace)."""
    rows = store.query(
        f'SELECT DISTINCT ?s WHERE {{ {{ ?s ?p ?o }} UNION {{ ?x ?p ?s }} FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}")) }}'
    ).rows
    pages: dict[str, str] = {}
    for row in rows:
        iri = str(row["s"])
        path = iri_path(iri)
        if path is None:
            continue
        pages[path] = iri.split("#", 1)[0]
    return pages


def _target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise KGError(
            Problem(out, None, "is not empty and is not a site kg wrote", "give a new or empty folder (kg site replaces only a site it wrote)")
        )


def write_site(store, out: Path | str, *, drafts: Path | None = None, views: bool = True) -> SiteReport:
    """Write the static site of ``store`` into ``out`` (see the module docstring); returns what it wrote."""
    from urllib.parse import quote

    from kg.curate.conflicts import find_conflicts
    from kg.network.graphs import ENTITY_NS, SUMMARY_THRESHOLD, entity_id
    from kg.network.graphs import entity_count as entity_count_of
    from kg.network.views import default_name
    from kg.serve.entity import PageCache, entity_data, render_entity
    from kg.serve.reader import document_data, render_document
    from kg.serve.search import SearchIndex, render_search

    started = time.monotonic()
    out = Path(out).resolve()
    _target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        (stage / MARKER).write_text("written by kg site; kg site may replace this folder\n", encoding="utf-8")
        shutil.copytree(STATIC / "pages", stage / "assets" / "pages")
        pending = None
        if views:
            folder = getattr(store, "folder", None)
            if folder is not None:  # the on-disk store: draw the views in a second process meanwhile
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
                pending = executor.submit(_write_views_from, str(Path(folder).parent), str(stage / "views"))
                executor.shutdown(wait=False)
            else:
                _write_views(store, stage / "views")
        conflicts = defaultdict(list)
        for c in find_conflicts(store):
            conflicts[c.subject].append(c)
        pages = site_iris(store)
        # each entity's neighbourhood: the whole-graph view focused by its address (graph.html#focus=ID),
        # one copy of vis-network for every page; a graph big enough to be drawn as its summary has none
        whole = default_name(None, None, "en") if views and entity_count_of(store) <= SUMMARY_THRESHOLD else None
        documents = {str(r["d"]) for r in store.query(f"SELECT ?d WHERE {{ ?d <{NIF_STRING}> ?t }}").rows}
        cache = PageCache()
        entity_count = document_count = 0
        labels: dict[str, tuple[str, list[str]]] = {}
        for path, iri in sorted(pages.items()):
            links = Links.static(path)
            file = stage / (path + ".html")
            file.parent.mkdir(parents=True, exist_ok=True)
            if iri in documents:
                text = render_document(document_data(store, iri, drafts=drafts), links)
                document_count += 1
            else:
                data = entity_data(store, iri, conflicts=False, cache=cache)
                data.conflicts = conflicts.get(iri, [])
                key = entity_id(iri) if iri.startswith(ENTITY_NS) else None
                text = render_entity(data, links, view_href=f"{links.root}views/{whole}#focus={quote(key, safe='/')}" if whole and key else None)
                labels[iri] = (data.label, data.types)
                entity_count += 1
            file.write_text(text, encoding="utf-8")
        index = SearchIndex.build(store)
        root = Links.static("")
        (stage / "search-index.js").write_text(index.script(root), encoding="utf-8")
        (stage / "search.html").write_text(render_search("", None, root), encoding="utf-8")
        if pending is not None:
            pending.result()
        view_count = sum(1 for p in (stage / "views").glob("*.html") if p.name != "index.html") if views else 0
        if views and (stage / "views" / focus_name()).exists():
            from kg.network.graphs import find_entities

            view_iris = find_entities(store, FOCUS)
            for iri in view_iris:  # the focus entity's page embeds its view
                path = iri_path(iri)
                if path in pages:
                    data = entity_data(store, iri, conflicts=False)
                    data.conflicts = conflicts.get(iri, [])
                    links = Links.static(path)
                    text = render_entity(data, links, view_href=links.root + "views/" + focus_name())
                    (stage / (path + ".html")).write_text(text, encoding="utf-8")
        (stage / "index.html").write_text(render_home(store, index, labels, pages, root, view_count > 0), encoding="utf-8")
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(old)
            stage.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            stage.rename(out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return SiteReport(out, entity_count, document_count, view_count, time.monotonic() - started)


def focus_name() -> str:
    from kg.network.views import default_name

    return default_name(None, FOCUS)


def _write_views(store, folder: Path) -> None:
    from kg.network.views import write_default_views

    write_default_views(store, folder, focus=FOCUS)


def _write_views_from(build: str, folder: str) -> None:
    """In a second process: open the on-disk store read-only and write the views."""
    from kg.query.store import open_store

    _write_views(open_store(build, store="oxigraph"), Path(folder))


def render_home(store, index, labels, pages: dict[str, str], links: Links, with_views: bool) -> str:
    """The site's front page: documents, then entities by class, each linked."""
    from kg.serve.entity import PREFIXES

    docs = store.query(f"{PREFIXES}SELECT ?d ?h WHERE {{ ?d a schema:NewsArticle ; schema:headline ?h }} ORDER BY ?h").rows
    parts = ["<h1>SCO film knowledge graph</h1>", "<p>Every fact links to the sentence that states it, or to the source that gives it.</p>"]
    if with_views:
        parts.append(f'<p><a href="{esc(links.root)}views/index.html">Interactive views of the graph</a></p>')
    if docs:
        items = "".join(f'<li><a href="{esc(links.page(str(r["d"])))}">{esc(r["h"])}</a></li>' for r in docs if links.page(str(r["d"])))
        parts.append(f"<h2>Documents</h2><ul>{items}</ul>")
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in index.entries:
        types = set(labels.get(entry.iri, ("", []))[1])
        title = next((t for c, t in HOME_CLASSES if c in types), "Other")
        groups[title].append((entry.label, entry.iri))
    for title in [t for _, t in HOME_CLASSES] + ["Other"]:
        entries = sorted(groups.get(title, []), key=lambda e: e[0].casefold())
        if entries:
            items = "".join(f'<li><a href="{esc(links.page(iri))}">{esc(label)}</a></li>' for label, iri in entries)
            parts.append(f'<h2>{esc(title)} <span class="count">{len(entries)}</span></h2><ul class="columns">{items}</ul>')
    return layout("Home", "".join(parts), links)
