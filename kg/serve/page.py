"""The single-file query page ``kg serve`` shows at ``/`` (YASGUI is at ``/query``, kg.serve.yasgui).

It works offline; it carries the search box the entity pages have and links to YASGUI.

No CDN and no fetch but the endpoint's own ``/sparql``: the CSS and JavaScript are inline and a
Content-Security-Policy (hashes of exactly these inline blocks, ``connect-src 'self'``) makes the
browser refuse anything else. Everything inserted into the HTML is escaped; results are put into
the page with ``textContent`` only, never as markup.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json

from kg.ingest.vocabulary import PREFIXES

STYLE = """
:root { color-scheme: light dark; --line: #8884; --accent: #1f6feb; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
p.lead { margin: 0 0 1rem; opacity: .8; }
label { font-weight: 600; }
select, button, textarea { font: inherit; }
.bar { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; margin: .5rem 0; }
textarea { width: 100%; min-height: 15rem; font-family: ui-monospace, monospace; font-size: 13px; padding: .5rem; border: 1px solid var(--line); border-radius: 4px; }
button { padding: .35rem 1.1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button:disabled { opacity: .6; cursor: progress; }
#description { margin: .25rem 0 .5rem; opacity: .8; min-height: 1.2em; }
#status { opacity: .8; }
pre.error { white-space: pre-wrap; padding: .6rem; border-left: 4px solid #d1242f; background: #d1242f14; }
table.results { border-collapse: collapse; width: 100%; margin-top: .75rem; font-size: 14px; }
table.results th, table.results td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
table.results th { position: sticky; top: 0; background: Canvas; }
td .meta { opacity: .6; font-size: 12px; margin-left: .35rem; }
a.iri { color: var(--accent); text-decoration: none; overflow-wrap: break-word; }
a.iri:hover { text-decoration: underline; }
a.iri.short { white-space: nowrap; }
.bnode { font-family: ui-monospace, monospace; opacity: .8; }
footer { margin-top: 2rem; font-size: 13px; opacity: .7; }
code { font-family: ui-monospace, monospace; }
"""

SCRIPT = r"""
"use strict";
const endpoint = "sparql";
const data = JSON.parse(document.getElementById("kg-data").textContent);
const $ = (id) => document.getElementById(id);
const editor = $("query"), picker = $("examples"), out = $("results"), status = $("status");

function shorten(iri) {
  for (const [prefix, ns] of data.prefixes) {
    if (iri.startsWith(ns) && !iri.slice(ns.length).includes("/")) return prefix + ":" + iri.slice(ns.length);
  }
  return iri;
}
function describeHref(iri) {
  return "?query=" + encodeURIComponent("DESCRIBE <" + iri + ">");
}
function iriLink(iri) {
  const a = document.createElement("a");
  a.className = "iri";
  a.href = describeHref(iri);
  a.title = "DESCRIBE <" + iri + ">";
  a.textContent = shorten(iri);
  if (a.textContent.length <= 40) a.classList.add("short");
  return a;
}
function meta(text) {
  const span = document.createElement("span");
  span.className = "meta";
  span.textContent = text;
  return span;
}
// One cell from a SPARQL JSON term.
function termCell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") td.appendChild(iriLink(term.value));
  else if (term.type === "bnode") { td.className = "bnode"; td.textContent = "_:" + term.value; }
  else {
    td.appendChild(document.createTextNode(term.value));
    if (term["xml:lang"]) td.appendChild(meta("@" + term["xml:lang"]));
    else if (term.datatype) td.appendChild(meta(shorten(term.datatype)));
  }
  return td;
}
// A term from expanded JSON-LD (what the endpoint sends for CONSTRUCT / DESCRIBE).
function ldTerm(value) {
  if (value["@id"] !== undefined) {
    const id = value["@id"];
    return id.startsWith("_:") ? { type: "bnode", value: id.slice(2) } : { type: "uri", value: id };
  }
  const term = { type: "literal", value: String(value["@value"]) };
  if (value["@language"]) term["xml:lang"] = value["@language"];
  else if (value["@type"]) term.datatype = value["@type"];
  return term;
}
function ldTriples(doc) {
  const triples = [];
  const nodes = Array.isArray(doc) ? doc : (doc["@graph"] || [doc]);
  for (const node of nodes) {
    const s = ldTerm({ "@id": node["@id"] });
    for (const [key, values] of Object.entries(node)) {
      if (key === "@id") continue;
      const p = { type: "uri", value: key === "@type" ? "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" : key };
      for (const v of values) triples.push([s, p, key === "@type" ? { type: "uri", value: v } : ldTerm(v)]);
    }
  }
  return triples;
}
function table(vars, rows) {
  const t = document.createElement("table");
  t.className = "results";
  const head = t.createTHead().insertRow();
  for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  const body = t.createTBody();
  for (const row of rows) { const tr = body.insertRow(); for (const cell of row) tr.appendChild(termCell(cell)); }
  return t;
}
function showError(text) {
  const pre = document.createElement("pre");
  pre.className = "error";
  pre.textContent = text;
  out.replaceChildren(pre);
}
async function run() {
  const query = editor.value;
  const button = $("run");
  button.disabled = true;
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json, application/ld+json" },
      body: new URLSearchParams({ query }),
    });
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      status.textContent = "";
      showError(response.status + " " + response.statusText + "\n\n" + await response.text());
      return;
    }
    const doc = await response.json();
    let count;
    if (type.includes("ld+json")) {
      const triples = ldTriples(doc);
      count = triples.length + " triple" + (triples.length === 1 ? "" : "s");
      out.replaceChildren(table(["subject", "predicate", "object"], triples));
    } else if (doc.boolean !== undefined) {
      count = "ASK";
      const p = document.createElement("p");
      p.className = "ask";
      p.textContent = doc.boolean ? "yes (true)" : "no (false)";
      out.replaceChildren(p);
    } else {
      const vars = doc.head.vars, rows = doc.results.bindings;
      count = rows.length + " row" + (rows.length === 1 ? "" : "s");
      out.replaceChildren(table(vars, rows.map((b) => vars.map((v) => b[v]))));
    }
    status.textContent = count + " in " + ms + " ms";
  } catch (e) {
    status.textContent = "";
    showError("the endpoint could not be reached: " + e);
  } finally {
    button.disabled = false;
  }
}
function pick() {
  const q = data.examples.find((e) => e.name === picker.value);
  if (!q) { $("description").textContent = ""; return; }
  editor.value = q.sparql;
  $("description").textContent = q.description;
}
picker.addEventListener("change", pick);
$("form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
editor.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } });
const given = new URLSearchParams(location.search).get("query");
if (given) { editor.value = given; run(); }
else if (data.examples.length) { picker.value = data.examples[0].name; pick(); }
else { editor.value = data.starter; }
"""

STARTER = """PREFIX schema: <https://schema.org/>
SELECT ?film ?name WHERE {
  ?film a schema:Movie ; schema:name ?name .
}
LIMIT 100
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def _json_for_script(value) -> str:
    """JSON that is safe inside a <script> element (no '</script>', no '<!--')."""
    return json.dumps(value, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_page(examples, timeout: float, max_rows: int) -> tuple[str, str]:
    """(HTML of the query page, its Content-Security-Policy) for these named queries."""
    esc = html.escape
    data = {
        "examples": [{"name": q.name, "title": q.title, "description": q.description, "sparql": q.sparql} for q in examples],
        "prefixes": [[prefix, str(ns)] for prefix, ns in PREFIXES.items()],
        "starter": STARTER,
    }
    options = "\n".join(
        ['      <option value="">— choose an example —</option>']
        + [f'      <option value="{esc(q.name)}">{esc(q.title)}</option>' for q in examples]
    )
    picker = (
        f'<label for="examples">Example</label>\n    <select id="examples">\n{options}\n    </select>'
        if examples
        else '<select id="examples" hidden></select>'
    )
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCO film knowledge graph — SPARQL</title>
<link rel="icon" href="data:,">
<style>{STYLE}</style>
</head>
<body>
<h1>SCO film knowledge graph — SPARQL</h1>
<form class="bar" action="search" method="get" role="search"><input type="search" name="q" placeholder="Search names in English, 中文, русский" aria-label="Search">
  <button type="submit">Search</button> <a href="query">YASGUI editor</a></form>
<p class="lead">Ask the graph in SPARQL 1.1. Queries without <code>GRAPH</code> see the union of all graphs;
click an IRI in the results to <code>DESCRIBE</code> it.</p>
<form id="form">
  <div class="bar">
    {picker}
  </div>
  <p id="description"></p>
  <textarea id="query" spellcheck="false" aria-label="SPARQL query"></textarea>
  <div class="bar"><button id="run" type="submit">Run</button><span id="status"></span><span>Ctrl+Enter runs the query</span></div>
</form>
<div id="results"></div>
<footer>Endpoint for any SPARQL client: <code>{esc("/sparql")}</code> (SPARQL 1.1 Protocol, read-only).
A query is stopped after {esc(f"{timeout:g}")} s; answers are limited to {esc(str(max_rows))} rows.</footer>
<script type="application/json" id="kg-data">{_json_for_script(data)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_hash(SCRIPT)}",
            f"style-src {_hash(STYLE)}",
            "connect-src 'self'",
            "img-src data:",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return page, csp
