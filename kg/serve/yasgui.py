"""The query page of ``kg serve`` (``/``, also ``/query``): YASGUI, vendored from npm, served from the package.

YASGUI (@zazuko/yasgui, see kg/serve/static/yasgui/README.md) is what SPARQL users know from
Fuseki, GraphDB and Oxigraph's server: highlighting, prefix completion, sortable paged result
tables, pivot and charts. Here it is pointed at this server's ``/sparql``, offered the named
queries as examples, kept from calling services elsewhere (no LOV or prefix.cc look-ups, no
endpoint catalogue), and the IRIs of the graph in its results open their entity pages.

Every file comes from the package (``/static/...``) under a Content-Security-Policy of 'self'.
"""

from __future__ import annotations

from kg.ingest.vocabulary import BASE, PREFIXES
from kg.serve.templates import Links, esc, json_for_html

YASGUI_VERSION = "@zazuko/yasgui 4.6.2"
#: Only this server: scripts, styles, fonts, images (and data: images YASGUI's CSS uses), /sparql.
QUERY_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"


def render_query_page(examples, *, endpoint: str = "/sparql", timeout: float | None = None, max_rows: int | None = None) -> str:
    """The YASGUI page; ``examples``: kg.query.queries.NamedQuery objects."""
    links = Links.served()
    config = {
        "endpoint": endpoint,
        "base": BASE,
        "prefixes": {p: str(ns) for p, ns in PREFIXES.items()},
        "examples": [
            {"name": q.name, "title": getattr(q, "title", None) or q.name, "description": getattr(q, "description", "") or "", "sparql": q.sparql}
            for q in examples
        ],
    }
    limits = ""
    if timeout is not None and max_rows is not None:
        limits = f" Queries stop after {timeout:g} s; answers over {max_rows} rows are refused (add LIMIT)."
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="referrer" content="no-referrer">\n'
        "<title>SPARQL · SCO film knowledge graph</title>\n"
        f'<link rel="stylesheet" href="{links.asset("yasgui/yasgui.min.css")}">\n'
        f'<link rel="stylesheet" href="{links.asset("pages/pages.css")}">\n'
        f'<script src="{links.asset("yasgui/yasgui.min.js")}"></script>\n'
        f'<script src="{links.asset("pages/pages.js")}"></script>\n'
        "</head>\n<body class=\"query\">\n"
        '<header class="site"><nav><a href="/">SCO film knowledge graph</a> · SPARQL</nav>'
        '<form class="search" role="search" action="/search" method="get"><input type="search" name="q" placeholder="Search names in English, 中文, русский" aria-label="Search">'
        '<button type="submit">Search</button></form></header>\n<main>\n'
        f'<p class="note">Endpoint <code>{esc(endpoint)}</code> (SPARQL 1.1, read-only).{esc(limits)} Example: '
        '<select id="examples" aria-label="named queries"><option value="">choose a named query…</option></select> '
        '<span id="example-about"></span></p>\n<div id="yasgui"></div>\n'
        f'<p class="note">Editor: YASGUI ({esc(YASGUI_VERSION)}, MIT licence, served from this package: '
        f'<a href="{links.asset("yasgui/LICENSE.txt")}">licence</a>).</p>\n</main>\n'
        f'<script type="application/json" id="kg-query-config">{json_for_html(config)}</script>\n'
        f'<script src="{links.asset("pages/query.js")}"></script>\n'
        "</body>\n</html>\n"
    )
