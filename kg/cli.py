"""The ``kg`` command: a thin layer over the Python API (every command is a few API calls)."""

from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path

import click

import kg
from kg.errors import KGError
from kg.query.results import FORMATS

DATA = click.option(
    "--data",
    "data_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Folder written by `kg build`  [default: the project's out/, or ./out outside a project]",
)
STORE = click.option(
    "--store",
    type=click.Choice(["memory", "oxigraph", "oxigraph-memory", "remote"]),
    default=None,
    help="Where the graph is queried (default: $KG_STORE, else oxigraph): oxigraph (pyoxigraph on disk beside the build, loaded once, "
    "reopened in milliseconds), memory (rdflib, loaded each time; slow past a few thousand triples), oxigraph-memory (pyoxigraph in RAM, loaded each time, fastest queries), remote (--endpoint).",
)
ENDPOINT = click.option("--endpoint", default=None, help="SPARQL endpoint URL for --store remote (or $KG_ENDPOINT).")
SOURCES = click.option(
    "--data",
    "data_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Folder with documents/, facts/, reference/  [default: the project's data/]",
)
OUT = click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Where to write kg.trig, kg.nq, kg.ttl, kg.jsonld (and, for kg run, views/)  [default: the project's out/]",
)
ONTOLOGY = click.option(
    "--ontology",
    "ontology_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Folder with sco-film.ttl and shapes.ttl  [default: the project's own, else the one kg ships]",
)
QUERIES = click.option(
    "--queries",
    "query_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Folder of named queries (.rq)  [default: the ones kg ships, and the project's queries/]",
)


def reports_errors(command):
    """Print a user's mistake as a short message with exit status 1, never a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KGError as e:
            count = len(e.problems)
            click.echo(f"error: {count} problem{'s' if count != 1 else ''}:" if count > 1 else "error:", err=True)
            for problem in e.problems:
                click.echo(str(problem), err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sco-film-kg")
def cli() -> None:
    """SCO film knowledge graph: build it from fact sheets, query it, draw it.

    Start with `kg run` (build the built-in data, run the example queries, write the views).
    """


@cli.command()
@SOURCES
@OUT
@ONTOLOGY
@reports_errors
def build(data_dir: Path, out_dir: Path, ontology_dir: Path) -> None:
    """Build the graph from fact sheets, check it with SHACL, write it atomically.

    On any error nothing in --out changes: the last good build stays.
    """
    click.echo(kg.build(data_dir, out_dir, ontology_dir).summary())


@cli.command()
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Read the SPARQL from a file.")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format (CONSTRUCT/DESCRIBE: turtle)."
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their descriptions and parameters.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set a named query's parameter (repeatable; a parameter given twice matches either value).",
)
@DATA
@STORE
@ENDPOINT
@QUERIES
@reports_errors
def query(
    query: str | None,
    query_file: Path | None,
    fmt: str,
    list_queries: bool,
    params: tuple[str, ...],
    data_dir: Path,
    store: str | None,
    endpoint: str | None,
    query_dir: Path,
) -> None:
    """Run SPARQL: a named query (see --list), a query string, or --file.

    Queries without GRAPH see the union of all graphs.

    \b
    Examples:
      kg query film-directors
      kg query evidence --param name="SCO Film and Television Week"
      kg query 'PREFIX schema: <https://schema.org/> SELECT ?n WHERE { ?f a schema:Movie ; schema:name ?n }'
      kg query --file my.rq --format csv
    """
    named = kg.named_queries(query_dir)
    if list_queries:
        width = max(map(len, named), default=0)
        for q in named.values():
            click.echo(f"{q.name.ljust(width)}  {q.title}")
            if q.description:
                click.echo(f"{' ' * width}  {q.description}")
            for param, what in q.params.items():
                click.echo(f"{' ' * width}  --param {param}=...  {what}")
        return
    if params and query not in named:
        raise click.UsageError("--param sets a named query's parameters: give the query's name (kg query --list)")
    values: dict[str, list[str]] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: write NAME=VALUE", param_hint="--param")
        values.setdefault(key.strip(), []).append(value)
    if query_file is not None:
        sparql = query_file.read_text(encoding="utf-8")
    elif query is None:
        raise click.UsageError("give a query, a named query (kg query --list) or --file")
    else:
        sparql = named[query].bind(**values) if query in named else query
    result = kg.open(data_dir, store, endpoint).query(sparql)
    if result.kind in ("CONSTRUCT", "DESCRIBE") and fmt == "table":
        fmt = "turtle"
    try:
        click.echo(result.serialize(fmt), nl=False)
    except ValueError as e:
        raise KGError(str(e)) from None


@cli.command()
@SOURCES
@OUT
@ONTOLOGY
@reports_errors
def run(data_dir: Path | None, out_dir: Path | None, ontology_dir: Path | None) -> None:
    """The main job: build the graph, run every named query, write the HTML views.

    Outside a project (no kg.toml here or above) it runs on the built-in sample data and writes
    ./out; `kg init DIR --sample` makes a project of your own from the same data.
    """
    from kg.project import Project, shipped_sample

    if data_dir is None and Project.find() is None:
        data_dir, out_dir = shipped_sample(), out_dir or Path("out")
        click.echo(f"Not inside a kg project: building the built-in sample data into {out_dir}/ (start your own with `kg init DIR`).\n")
    report = kg.build(data_dir, out_dir, ontology_dir)
    click.echo(report.summary())
    graph = kg.open(report.out_dir)
    for q in kg.named_queries().values():
        click.echo(f"\n== {q.name}: {q.title}")
        click.echo(graph.query(q).serialize("table"), nl=False)
    from kg.network.views import write_default_views

    index = write_default_views(graph, report.out_dir / "views")
    click.echo(f"\nViews: open {index} in a browser (they work offline).")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--sample", is_flag=True, help="Start from a copy of the built-in sample data (the articles, fact sheets and reference sheets kg ships).")
@reports_errors
def init(folder: Path, sample: bool) -> None:
    """Create a project folder: kg.toml, data/{documents,facts,reference}/, queries/.

    Every kg command run inside FOLDER (or below it) then uses its data/ and out/, the way git
    finds its repository. The ontology and the named queries kg ships are used unless the
    project has its own (kg.toml says how).

    \b
    Example:
      kg init mygraph --sample && cd mygraph && kg run
    """
    from kg.project import init_project

    made = init_project(folder, sample=sample)
    documents = len(list((made.data / "documents").glob("*.txt")))
    sheets = len(list(made.data.glob("*/*.yaml"))) - documents
    click.echo(f"created {made.root}: kg.toml, data/ ({documents} documents, {sheets} fact and reference sheets), queries/")
    click.echo(f"next: cd {folder} && kg {'run' if sample else 'add ARTICLE'}")


@cli.command()
def properties() -> None:
    """List the words fact sheets use: types, properties (with their value kind), qualifiers."""
    from kg.ingest.vocabulary import CLASSES, PROPERTIES, QUALIFIERS, shorten

    click.echo("types:")
    for word, classes in CLASSES.items():
        click.echo(f"  {word:<20} {', '.join(shorten(str(c)) for c in classes)}")
    click.echo("\nproperties:")
    for word, p in PROPERTIES.items():
        rng = f" -> {'|'.join(p.range)}" if p.range else ""
        dom = f"  (on {'|'.join(p.domain)})" if p.domain else ""
        click.echo(f"  {word:<26} {shorten(str(p.iri)):<30} {p.kind}{rng}{dom}")
    click.echo("\nqualifiers:")
    for word, (iri, kind) in QUALIFIERS.items():
        click.echo(f"  {word:<20} {shorten(str(iri)):<24} {kind}")


# ---- endpoint (kg/server.py) ------------------------------------------------------------------


@cli.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind; anything but loopback exposes the graph to the network."
)
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on (0 picks a free one).")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run before it is stopped.")
@click.option(
    "--max-rows",
    default=10000,
    show_default=True,
    type=int,
    help="Most result rows (or triples) for one query; a larger answer is refused (422).",
)
@click.option(
    "--store",
    type=click.Choice(["memory", "oxigraph", "oxigraph-memory"]),
    default=None,
    help="What the workers query (default: $KG_STORE, else as kg.open picks by size): memory (rdflib; each worker holds the graph), oxigraph (on disk, shared, for large graphs), "
    "oxigraph-memory (each worker loads the graph into pyoxigraph in RAM: the fastest queries, memory per worker).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Query worker processes; a query over the time limit holds one until it is stopped [default: one per core, 2 to 4].",
)
@click.option(
    "--max-query-memory",
    "query_memory_mb",
    default=2048,
    show_default=True,
    type=click.IntRange(min=0),
    help="MB of memory one query may use on top of the loaded graph (Linux); a query past it gets 503. 0: no limit.",
)
@click.option(
    "--cors", "cors_origins", multiple=True, help="Allow browser pages from this origin (repeatable; '*' for any). Off by default."
)
@click.option(
    "--allow-service", "service_allow", multiple=True, help="Endpoint a SERVICE clause may call (repeatable). SERVICE is refused otherwise."
)
@click.option(
    "--fast-workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=0),
    help="Extra workers that take only queries known to be cheap, so light questions never wait behind heavy ones. 0: none.",
)
@click.option(
    "--cache-mb",
    default=256,
    show_default=True,
    type=click.IntRange(min=0),
    help="MB of answers kept in memory and sent again for the same query (until the build changes).",
)
@click.option("--no-cache", is_flag=True, help="Keep no answers: compute every query again (and send no ETag).")
@DATA
@QUERIES
@reports_errors
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    store: str | None,
    workers: int | None,
    query_memory_mb: int,
    cors_origins: tuple[str, ...],
    service_allow: tuple[str, ...],
    fast_workers: int,
    cache_mb: int,
    no_cache: bool,
    data_dir: Path,
    query_dir: Path,
) -> None:
    """Serve the graph at http://HOST:PORT/sparql (SPARQL 1.1 Protocol, read-only), with YASGUI at /.

    Also a page per IRI (https://w3id.org/sco-film-kg/resource/X at /resource/X; Turtle, JSON-LD,
    N-Triples by Accept), the document reader (/document/NAME), and /search?q=.
    """
    from kg.serve.app import run_server

    run_server(
        data_dir=data_dir,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        cors_origins=list(cors_origins),
        service_allow=list(service_allow),
        query_dir=query_dir,
        workers=workers,
        store=store,
        query_memory_mb=query_memory_mb,
        fast_workers=fast_workers,
        cache_mb=0 if no_cache else cache_mb,
    )


# ---- networks and views (kg/network.py, kg/views.py) --------------------------------------------

_PROJECTION = click.option(
    "--projection",
    type=click.Choice(["countries", "people", "events"]),
    help="A projection instead of the whole graph: countries (co-production), people (collaboration), events (films and events).",
)
_FOCUS = click.option("--focus", metavar="NAME", help="Only the entity called NAME (id, name or label in any language) and its neighbours.")
_HOPS = click.option("--hops", default=1, show_default=True, type=click.IntRange(0, 10), help="How many relations away from --focus to go.")
_LANG = click.option("--lang", type=click.Choice(["en", "zh", "ru"]), default="en", show_default=True, help="Language of the labels.")


@cli.command()
@click.option(
    "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="HTML file to write  [default: DATA/views/<view>.html]"
)
@_PROJECTION
@_FOCUS
@_HOPS
@_LANG
@click.option(
    "--large-threshold",
    default=400,
    show_default=True,
    type=click.IntRange(1),
    help="Above this many nodes: precomputed layout, physics off.",
)
@click.option(
    "--summary-threshold",
    default=3000,
    show_default=True,
    type=click.IntRange(1),
    help="The whole graph with more entities than this is drawn as a summary (classes and counts).",
)
@click.option("--timeline", is_flag=True, help="Co-productions per year per pair of SCO member states, with events marked.")
@click.option("--membership", is_flag=True, help="With --timeline: count a film only from the year both countries were members.")
@click.option("--open", "open_browser", is_flag=True, help="Open the view in the web browser.")
@DATA
@reports_errors
def view(
    out_file: Path | None,
    projection: str | None,
    focus: str | None,
    hops: int,
    lang: str,
    large_threshold: int,
    summary_threshold: int,
    timeline: bool,
    membership: bool,
    open_browser: bool,
    data_dir: Path,
) -> None:
    """Write an interactive HTML view of the graph (one file; works offline).

    Colours and shapes by class, with a legend; hover a node or an edge for its facts and the
    sentence that states them, click for all the evidence.

    \b
    Examples:
      kg view                                   # the whole graph -> out/views/graph.html
      kg view --projection countries --open
      kg view --focus "Red Silk" --hops 2 --lang zh --out red-silk.html
      kg view --timeline --membership           # -> out/views/timeline.html
    """
    from kg.network.views import default_name, open_in_browser
    from kg.network.views import view as write
    from kg.project import out_folder

    data_dir = out_folder(data_dir)
    if timeline:
        from kg.network.timeline import write_timeline

        if projection or focus:
            from kg.errors import Problem

            raise KGError(Problem("kg", None, "give --timeline alone, without --projection or --focus"))
        path = write_timeline(kg.open(data_dir), out_file or data_dir / "views" / "timeline.html", membership=membership, lang=lang)
        click.echo(f"wrote {path}")
    else:
        path = out_file or data_dir / "views" / default_name(projection, focus, lang)
        path, graph = write(
            kg.open(data_dir),
            path,
            projection=projection,
            focus=focus,
            hops=hops,
            lang=lang,
            large_threshold=large_threshold,
            summary_threshold=summary_threshold,
        )
        click.echo(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
    if open_browser:
        open_in_browser(path)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), help="File format  [default: from the --out suffix]")
@click.option(
    "--out", "out_file", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write (.graphml, .gexf or .json)."
)
@_PROJECTION
@_FOCUS
@_HOPS
@_LANG
@DATA
@reports_errors
def export(fmt: str | None, out_file: Path, projection: str | None, focus: str | None, hops: int, lang: str, data_dir: Path) -> None:
    """Export the graph for networkx or Gephi: GraphML, GEXF or node-link JSON.

    Nodes are entities (class, labels, Wikidata id, literal facts as attributes); edges are
    relations with their predicate, label and evidence. In GraphML and GEXF, lists are written
    as "a; b" and the evidence as JSON text.

    \b
    Examples:
      kg export --out graph.graphml
      kg export --projection countries --format gexf --out countries.gexf
      kg export --focus "Red Silk" --hops 1 --out red-silk.json
    """
    from kg.network.graphs import build_graph
    from kg.network.graphs import export as write

    graph = build_graph(kg.open(data_dir), projection_name=projection, focus=focus, hops=hops, lang=lang)
    path = write(graph, out_file, fmt)
    click.echo(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--no-views", is_flag=True, help="Leave out the interactive views (views/).")
@DATA
@reports_errors
def site(out: Path, no_views: bool, data_dir: Path) -> None:
    """Write the entity pages, document pages, search and views as static files into OUT.

    The same pages `kg serve` shows, linked relatively: OUT/index.html opens from file:// and the
    folder works on any static host. OUT must be new, empty, or a site kg wrote (it is replaced
    only once the new one is complete).
    """
    from kg.serve.site import write_site
    from kg.serve.web import project_drafts

    store = kg.open(data_dir)
    click.echo(str(write_site(store, out, drafts=project_drafts(Path(store.folder).parent if getattr(store, "folder", None) else Path.cwd()), views=not no_views)))


# ---- curation: adding documents, drafts, duplicates, conflicts (kg/intake.py, kg/draft.py, kg/conflicts.py)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--headline", default=None, help="The article's headline  [default: the page's or the PDF's title]")
@click.option(
    "--published",
    default=None,
    help="Date published, only as precise as known: YYYY, YYYY-MM or YYYY-MM-DD  [default: the page's datePublished; "
    "for a FOLDER, the date of the files that give none]",
)
@click.option("--url", default=None, help="Where the article was published  [default: the page's canonical URL]")
@click.option(
    "--publisher",
    default=None,
    help="Who published it  [default: the page's site name, else the site named by the URL; for a FOLDER, the publisher of the files that name none]",
)
@click.option(
    "--language", default=None, help="Language code of the text  [default: detected in the text (en, ru, zh); a FOLDER: every file]"
)
@click.option("--name", default=None, help="The document's NAME  [default: from the file name]")
@SOURCES
@reports_errors
def add(
    path: Path,
    headline: str | None,
    published: str | None,
    url: str | None,
    publisher: str | None,
    language: str | None,
    name: str | None,
    data_dir: Path,
) -> None:
    """Register an article: a .txt, a web page saved from the browser (.html, .htm), a PDF, or a folder of them.

    Writes DATA/documents/NAME.txt (a .txt's bytes as they are; a page's or PDF's main text, as
    extracted once), the original page or PDF beside it (NAME.html, NAME.pdf), the metadata
    NAME.yaml and an empty fact sheet DATA/facts/NAME.yaml, all or nothing (for a folder: every
    file or none); never overwrites. Options override what the file's own metadata says; the
    headline and the date are needed from one or the other. Next: `kg draft NAME`.

    \b
    Examples:
      kg add ~/Downloads/golden-crane.html
      kg add report.pdf --published 2025-10 --publisher "Steppe Screen Weekly"
      kg add article.txt --headline "Red Silk opens across China" --published 2025-09-08 --url https://example.com/news/1
      kg add ~/articles/october/ --published 2025-10
    """
    from kg.curate.intake import add as add_path

    added = add_path(
        path, headline=headline, published=published, url=url, publisher=publisher, language=language, name=name, data=data_dir
    )
    for doc in added:
        original = f", {doc.original}" if doc.original is not None else ""
        click.echo(f"added {doc.name}: {doc.text} ({doc.characters} characters){original}, {doc.metadata}, {doc.sheet}")
        for note in doc.notes:
            click.echo(f"  {note}")
    for doc in added:
        click.echo(f"next: kg draft {doc.name}" + (f" --data {data_dir}" if data_dir is not None else ""))


@cli.command()
@click.argument("name")
@SOURCES
@click.option("--out", "out_file", default=None, help="Where to write the draft (default DATA/drafts/NAME.yaml; '-' prints it).")
@reports_errors
def draft(name: str, data_dir: Path, out_file: str | None) -> None:
    """Propose a fact sheet for a registered document, for review; nothing enters the graph.

    Finds known entities (names, aliases, labels, spelling variants), new names, roles,
    quotations and their speakers, dates (relative ones resolved against the publication date)
    and quantities, each with its evidence quote. Copy what you accept into
    DATA/facts/NAME.yaml, then run `kg build`.
    """
    from kg.curate.draft import draft as make_draft
    from kg.curate.draft import write_draft
    from kg.project import data_folder

    data_dir = data_folder(data_dir)
    result = make_draft(name, data_dir)
    if out_file == "-":
        click.echo(result.to_yaml(), nl=False)
        return
    path = write_draft(result, out_file, data_dir)
    known = len({m.entity for m in result.mentions if m.known})
    checks = sum(1 for item in result.entities + result.statements if any(n.startswith("CHECK") for n in item.notes))
    click.echo(
        f"wrote {path}: {known} known entities named, {len(result.entities)} new entities, "
        f"{len(result.statements)} statements ({checks} marked CHECK), {len(result.unattached)} left for you to attach"
    )
    click.echo(f"review it, copy what you accept into {data_dir / 'facts' / (result.document.id + '.yaml')}, then run kg build")


@cli.command()
@DATA
@STORE
@ENDPOINT
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format.")
@reports_errors
def conflicts(data_dir: Path, store: str | None, endpoint: str | None, fmt: str) -> None:
    """List claims from different sources that disagree, each with its value, wording and evidence.

    Dates of different precision that agree (2025 and 2025-02-20) are not conflicts; the rules
    are in docs/curation.md. Every claim stays in the graph.
    """
    from kg.curate.conflicts import conflicts_json, conflicts_table, find_conflicts

    found = find_conflicts(kg.open(data_dir, store, endpoint))
    click.echo(conflicts_json(found) if fmt == "json" else conflicts_table(found), nl=False)


# ---- stores and scale (kg/store.py, kg/importers/) ----------------------------------------------


@cli.command()
@click.argument("graph_store")
@click.option("--user", default=None, help="User for the Graph Store (digest or basic authentication).")
@click.option("--password", default=None, envvar="KG_PASSWORD", help="Password (or $KG_PASSWORD).")
@DATA
@reports_errors
def push(graph_store: str, user: str | None, password: str | None, data_dir: Path) -> None:
    """Upload the build (and imports) to a triple store's Graph Store Protocol URL.

    Every named graph is replaced with PUT; the build's default graph (provenance descriptions)
    goes into the named graph https://w3id.org/sco-film-kg/graph/provenance. Then query the
    server with `kg query --store remote --endpoint URL`.

    \b
    Example (Virtuoso):
      kg push http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba
    """
    from kg.query.push import push as push_build

    report = push_build(data_dir, graph_store, user, password)
    click.echo(f"pushed {report.graphs} graphs, {report.triples} triples to {graph_store}")


@cli.command(name="import")
@click.argument("corpus", type=click.Choice(["wikidata", "wikidata-films"]))
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="wikidata-films: the corpus file (default: the copy the import extra installs).",
)
@click.option(
    "--endpoint",
    "sparql_endpoint",
    default=None,
    metavar="URL",
    help="wikidata: the SPARQL endpoint to ask  [default: https://query.wikidata.org/sparql]",
)
@click.option(
    "--query",
    "query_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="wikidata: your own query (start from ontology/importers/wikidata-films.rq)  [default: the one kg ships]",
)
@click.option(
    "--from",
    "results_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="wikidata: import a saved SPARQL JSON results file instead of asking an endpoint (offline).",
)
@click.option(
    "--years", default=None, metavar="FROM-TO", help="wikidata: years of publication to fetch, e.g. 2001-2025  [default: 2001 to this year]"
)
@click.option("--page-size", type=click.IntRange(min=1), default=500, show_default=True, help="wikidata: films per request within a year.")
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="wikidata: retries of a request on 429, 5xx or a lost connection.",
)
@DATA
@reports_errors
def import_corpus(
    corpus: str,
    db: Path | None,
    sparql_endpoint: str | None,
    query_file: Path | None,
    results_file: Path | None,
    years: str | None,
    page_size: int,
    retries: int,
    data_dir: Path,
) -> None:
    """Import an external film corpus into the build folder (DATA/imports/CORPUS.nq).

    \b
    wikidata: films of the SCO member states from Wikidata, live. Runs a SPARQL query you can
    read and change (ontology/importers/wikidata-films.rq; --query for your own) against
    https://query.wikidata.org/sparql or --endpoint, one request per year of publication:
    titles (en/zh/ru), countries of origin, directors, cast, production companies, publication
    dates at Wikidata's precision, IMDb ids. The member states come from the built graph, and
    films the graph already has (same Wikidata or IMDb id) keep their IRI. Answers are cached
    in DATA/imports/cache/wikidata/, so an interrupted import run again fetches only what it
    lacks. Offline: --from FILE reads a saved SPARQL JSON answer of the same query (add --query
    to record which query made it).

    \b
    wikidata-films: 17,472 films (1940-2014) from the Wikidata snapshot in bokeh_sampledata
    (CC0); install it with `scripts/setup.sh import`.

    Imported films link to the countries the graph already has; every imported fact sits in a
    graph naming the source. Every store loads the imports together with the build.

    \b
    Examples:
      kg import wikidata --years 2015-2025
      kg import wikidata --from answer.json --query ontology/importers/wikidata-films.rq
      kg import wikidata-films
    """
    from kg.project import out_folder

    data_dir = out_folder(data_dir)
    wikidata_only = {"--endpoint": sparql_endpoint, "--query": query_file, "--from": results_file, "--years": years}
    if corpus == "wikidata-films":
        given = [name for name, value in wikidata_only.items() if value is not None]
        if given:
            raise click.UsageError(f"{', '.join(given)}: only for `kg import wikidata`")
        from kg.importers.wikidata_films import default_database, import_films

        db = db or default_database()
        store = kg.open(data_dir, "memory")
        rows = _count_rows(db)
        with click.progressbar(length=rows, label=f"importing {db.name}", file=sys.stderr) as bar:
            report = import_films(store, data_dir, db, progress=bar.update)
        click.echo(report.summary())
        _load_default_store(data_dir)
        return

    from kg.importers.wikidata import default_years, import_wikidata

    if db is not None:
        raise click.UsageError("--db: only for `kg import wikidata-films`")
    if results_file is not None and (sparql_endpoint or years):
        raise click.UsageError("--from reads a saved answer: --endpoint and --years do not apply")
    span = _years(years) if years else None
    options = dict(endpoint=sparql_endpoint, query=query_file, results=results_file, years=span, page_size=page_size, retries=retries)
    if results_file is None and sys.stderr.isatty():
        first, last = span or default_years()
        with click.progressbar(
            length=last - first + 1, label=f"fetching the films of {first}-{last}", item_show_func=lambda y: str(y or ""), file=sys.stderr
        ) as bar:
            report = import_wikidata(data_dir, progress=lambda year: bar.update(1, year), **options)
    else:
        report = import_wikidata(data_dir, **options)
    click.echo(report.summary())
    _load_default_store(data_dir)


def _load_default_store(data_dir: Path) -> None:
    """Load the store later commands open (the on-disk one), so the next query answers at once."""
    opened = kg.open(data_dir)
    click.echo(f"loaded the {opened.name} store: the next query answers at once")


def _years(text: str) -> tuple[int, int]:
    """``2001-2025`` or ``2019`` as (first, last)."""
    import re

    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?", text)
    if not m or int(m.group(2) or m.group(1)) < int(m.group(1)):
        raise click.BadParameter(f"{text!r}: write FROM-TO with four-digit years, the earlier first (e.g. 2001-2025)", param_hint="--years")
    return int(m.group(1)), int(m.group(2) or m.group(1))


def _count_rows(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT COUNT(*) FROM omdb").fetchone()[0]
    except sqlite3.Error:
        return 0  # import_films reports the problem with the file


def main() -> None:
    cli(prog_name="kg")
