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
    help="Where the graph is queried: memory (rdflib; default under 20 MB of build, or $KG_STORE), oxigraph (pyoxigraph on disk, "
    "reopened in milliseconds; default above), oxigraph-memory (pyoxigraph in RAM, loaded each time, fastest queries), remote (--endpoint).",
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
    data_dir: Path,
    query_dir: Path,
) -> None:
    """Serve the graph at http://HOST:PORT/sparql (SPARQL 1.1 Protocol, read-only) with a query page at /."""
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
    """
    from kg.network.views import default_name, open_in_browser
    from kg.network.views import view as write
    from kg.project import out_folder

    data_dir = out_folder(data_dir)
    path = out_file or data_dir / "views" / default_name(projection, focus, lang)
    path, graph = write(kg.open(data_dir), path, projection=projection, focus=focus, hops=hops, lang=lang, large_threshold=large_threshold)
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


# ---- curation: adding documents, drafts, duplicates, conflicts (kg/intake.py, kg/draft.py, kg/conflicts.py)


@cli.command()
@click.argument("document", type=click.Path(path_type=Path))
@click.option("--headline", required=True, help="The article's headline.")
@click.option("--published", required=True, help="Date published, only as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--url", default=None, help="Where the article was published.")
@click.option("--publisher", default=None, help="Who published it (default: the site named by --url).")
@click.option("--language", default="en", show_default=True, help="Language code of the text.")
@click.option("--name", default=None, help="The document's NAME (default: from the file name).")
@SOURCES
@reports_errors
def add(
    document: Path, headline: str, published: str, url: str | None, publisher: str | None, language: str, name: str | None, data_dir: Path
) -> None:
    """Register an article: copy its text byte for byte, write its metadata and an empty fact sheet.

    Writes DATA/documents/NAME.txt and NAME.yaml and DATA/facts/NAME.yaml, all or nothing; never
    overwrites. Next: `kg draft NAME`.
    """
    from kg.curate.intake import add_document

    added = add_document(
        document, headline=headline, published=published, url=url, publisher=publisher, language=language, name=name, data=data_dir
    )
    click.echo(f"added {added.name}: {added.text} ({added.characters} characters), {added.metadata}, {added.sheet}")
    click.echo(f"next: kg draft {added.name}" + (f" --data {data_dir}" if data_dir is not None else ""))


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
@click.argument("corpus", type=click.Choice(["wikidata-films"]))
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The corpus file (default: the copy the import extra installs).",
)
@DATA
@reports_errors
def import_corpus(corpus: str, db: Path | None, data_dir: Path) -> None:
    """Import an external film corpus into the build folder (DATA/imports/CORPUS.nq).

    wikidata-films: 17,472 films (1940-2014) from the Wikidata snapshot in bokeh_sampledata
    (CC0); install it with `scripts/setup.sh import`. Imported films link to the countries the
    graph already has; every imported fact sits in a graph naming the source. Every store loads
    the imports together with the build.
    """
    from kg.importers.wikidata_films import default_database, import_films

    db = db or default_database()
    from kg.project import out_folder

    data_dir = out_folder(data_dir)
    store = kg.open(data_dir, "memory")
    rows = _count_rows(db)
    with click.progressbar(length=rows, label=f"importing {db.name}", file=sys.stderr) as bar:
        report = import_films(store, data_dir, db, progress=bar.update)
    click.echo(report.summary())


def _count_rows(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT COUNT(*) FROM omdb").fetchone()[0]
    except sqlite3.Error:
        return 0  # import_films reports the problem with the file


def main() -> None:
    cli(prog_name="kg")
