"""The document reader: a stored document's text with every evidence span marked.

    >>> from kg.serve.reader import document_data, render_document
    >>> data = document_data(store, "https://w3id.org/sco-film-kg/document/red-silk-sco-film-week", drafts=Path("data/drafts"))
    >>> html = render_document(data, Links.served())

The text is the document's ``nif:isString`` in the graph (what the offsets count in). Every
evidence graph derived from the document (``kgo:EvidenceSpan``, ``prov:wasDerivedFrom`` it) is a
highlight; the facts it states go into the page as JSON for the hover box, and each span can be
reached at ``#char=BEGIN,END``. Spans overlap (a span inside its sentence), so the text is cut at
every span boundary and each piece lists the spans covering it (``data-ev``).

When the project holds a draft for the document (``data/drafts/NAME.yaml``, written by
``kg draft``), the quotes it proposes are marked in another colour, for review only: accepting a
proposal stays a matter of copying it into the fact sheet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from kg.serve.entity import PREFIXES, RDF_TYPE, node_names
from kg.serve.templates import Links, esc, humanise, json_for_html, layout, local_name, safe_url


@dataclass
class Span:
    begin: int
    end: int
    graph: str
    facts: list[dict[str, Any]] = field(default_factory=list)  # {s, sn, p, o, on}

    @property
    def key(self) -> str:
        return f"{self.begin},{self.end}"


@dataclass
class DocumentData:
    iri: str
    found: bool
    text: str
    headline: str
    publisher: str | None
    date: str | None
    url: str | None
    language: str | None
    spans: list[Span]
    proposals: list[dict[str, Any]] = field(default_factory=list)  # {begin, end, what}
    draft: str | None = None  # the draft file's name, when there is one


def is_document(store, iri: str) -> bool:
    """Whether ``iri`` is a document with stored text (its page is the reader)."""
    return bool(store.query(f"{PREFIXES}ASK {{ {URIRef(iri).n3()} <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }}").boolean)


def document_data(store, iri: str, *, drafts: Path | None = None) -> DocumentData:
    """Read the document, its evidence spans and the facts in each, and the draft's proposals."""
    doc = URIRef(iri).n3()
    rows = store.query(
        f"""{PREFIXES}SELECT ?text ?headline ?pub ?pubname ?date ?url ?lang ?file WHERE {{
          {doc} nif:isString ?text .
          OPTIONAL {{ {doc} schema:headline ?headline }}
          OPTIONAL {{ {doc} schema:publisher ?pub OPTIONAL {{ ?pub schema:name ?pubname }} }}
          OPTIONAL {{ {doc} schema:datePublished ?date }}
          OPTIONAL {{ {doc} schema:url ?url }}
          OPTIONAL {{ {doc} schema:inLanguage ?lang }}
          OPTIONAL {{ {doc} kgo:fileName ?file }}
        }} LIMIT 1"""
    ).rows
    if not rows:
        return DocumentData(iri, False, "", local_name(iri), None, None, None, None, [])
    row = rows[0]
    publisher = row.get("pubname") or row.get("pub")
    publisher = None if publisher is None else (str(publisher) if isinstance(publisher, Literal) else local_name(str(publisher)))
    spans: dict[str, Span] = {}
    for r in store.query(
        f"""{PREFIXES}SELECT ?g ?b ?e ?s ?p ?o WHERE {{
          ?g a kgo:EvidenceSpan ; prov:wasDerivedFrom {doc} ; nif:beginIndex ?b ; nif:endIndex ?e .
          OPTIONAL {{ GRAPH ?g {{ ?s ?p ?o }} }}
        }}"""
    ).rows:
        g = str(r["g"])
        span = spans.setdefault(g, Span(int(r["b"]), int(r["e"]), g))
        if r.get("p") is not None:
            span.facts.append({"s": r["s"], "p": str(r["p"]), "o": r["o"]})
    nodes = {f[k] for sp in spans.values() for f in sp.facts for k in ("s", "o") if isinstance(f[k], URIRef)}
    names, types = node_names(store, nodes) if nodes else ({}, {})
    links = Links.served()
    for span in spans.values():
        shown = []
        for f in span.facts:
            if f["p"] == RDF_TYPE or str(f["s"]) not in names:
                continue
            if types.get(str(f["s"]), set()) & _AUX:
                continue  # role and quantity nodes: their main edge is shown
            o = f["o"]
            shown.append(
                {
                    "s": str(f["s"]),
                    "sn": names.get(str(f["s"])),
                    "p": humanise(local_name(f["p"])),
                    "o": str(o) if isinstance(o, URIRef) and links.page(str(o)) else None,
                    "on": names.get(str(o), local_name(str(o))) if isinstance(o, URIRef) else str(o),
                }
            )
        span.facts = sorted(shown, key=lambda x: (x["sn"] or "", x["p"], x["on"]))
    text = str(row["text"])
    data = DocumentData(
        iri=iri,
        found=True,
        text=text,
        headline=str(row.get("headline") or local_name(iri)),
        publisher=publisher,
        date=str(row["date"]) if row.get("date") is not None else None,
        url=str(row["url"]) if row.get("url") is not None else None,
        language=str(row["lang"]) if row.get("lang") is not None else None,
        spans=sorted(spans.values(), key=lambda s: (s.begin, -s.end)),
    )
    if drafts is not None:
        stem = Path(str(row["file"])).stem if row.get("file") is not None else local_name(iri)
        draft = Path(drafts) / f"{stem}.yaml"
        if draft.is_file():
            data.draft = draft.name
            data.proposals = draft_proposals(draft, text)
    return data


_AUX = frozenset(
    "https://schema.org/" + t for t in ("Role", "PerformanceRole", "OrganizationRole", "QuantitativeValue", "MonetaryAmount", "PropertyValue")
)


def draft_proposals(path: Path, text: str) -> list[dict[str, Any]]:
    """Every ``evidence:`` quote a draft proposes, located in ``text`` (``occurrence:`` picks the
    n-th); what each item proposes, in a few words. Quotes not found are left out."""
    import yaml

    try:
        sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    found: list[dict[str, Any]] = []

    def describe(item: dict) -> str:
        parts = []
        for key in ("id", "type", "name", "subject", "property", "object", "value", "date", "text"):
            if key in item and not isinstance(item[key], (dict, list)):
                parts.append(f"{key}: {item[key]}")
        return "; ".join(parts)[:300] or "proposal"

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            quote = node.get("evidence")
            if isinstance(quote, str) and quote.strip():
                occurrence = node.get("occurrence", 1)
                start = -1
                for _ in range(int(occurrence) if isinstance(occurrence, int) and occurrence > 0 else 1):
                    start = text.find(quote, start + 1)
                    if start < 0:
                        break
                if start >= 0:
                    found.append({"begin": start, "end": start + len(quote), "what": describe(node)})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(sheet)
    return found


def _pieces(text: str, spans: list[Span], proposals: list[dict[str, Any]]) -> str:
    """The text as HTML, cut at every boundary; each piece lists the spans and proposals over it."""
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((max(0, min(len(text), s.begin)), max(0, min(len(text), s.end))))
    for p in proposals:
        cuts.update((p["begin"], p["end"]))
    points = sorted(cuts)
    starts: dict[int, list[str]] = defaultdict(list)
    for s in spans:
        starts[s.begin].append(s.key)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        piece = text[a:b]
        if not piece:
            continue
        keys = [s.key for s in spans if s.begin <= a and b <= s.end]
        drafts = [str(i) for i, p in enumerate(proposals) if p["begin"] <= a and b <= p["end"]]
        anchors = "".join(f'<span class="anchor" id="char={esc(k)}"></span>' for k in starts.pop(a, []))
        if keys or drafts:
            classes = " ".join(c for c, on in (("ev", keys), ("draft", drafts)) if on)
            attrs = f' data-ev="{esc(" ".join(keys))}"' if keys else ""
            attrs += f' data-draft="{esc(" ".join(drafts))}"' if drafts else ""
            out.append(f'{anchors}<span class="{classes}"{attrs}>{esc(piece)}</span>')
        else:
            out.append(anchors + esc(piece))
    return "".join(out)


def render_document(data: DocumentData, links: Links) -> str:
    """The reader page's HTML."""
    if not data.found:
        return layout(data.headline, f"<h1>{esc(data.headline)}</h1><p>No stored text for this document.</p>", links)
    meta = []
    if data.publisher:
        meta.append(f"<dt>publisher</dt><dd>{esc(data.publisher)}</dd>")
    if data.date:
        meta.append(f"<dt>published</dt><dd>{esc(data.date)}</dd>")
    if data.language:
        meta.append(f"<dt>language</dt><dd>{esc(data.language)}</dd>")
    if data.url and not safe_url(data.url):
        meta.append(f"<dt>URL</dt><dd>{esc(data.url)}</dd>")
    elif data.url:
        meta.append(f'<dt>URL</dt><dd><a class="outside" href="{esc(data.url)}" rel="noopener noreferrer">{esc(data.url)}</a></dd>')
    meta.append(f'<dt>IRI</dt><dd><code class="iri">{esc(data.iri)}</code></dd>')
    spans_json = {
        s.key: [
            {"s": links.page(f["s"]) if f["s"] else None, "sn": f["sn"], "p": f["p"], "o": links.page(f["o"]) if f["o"] else None, "on": f["on"]}
            for f in s.facts
        ]
        for s in data.spans
    }
    legend = f'<p class="legend"><span class="ev">evidence of facts in the graph</span> ({len(data.spans)} spans)'
    if data.draft:
        legend += f' · <span class="draft">proposed by the draft {esc(data.draft)}</span> ({len(data.proposals)}; review only — accept in the fact sheet)'
    legend += " · hover or click a marked passage for its facts</p>"
    proposals_json = [{"what": p["what"]} for p in data.proposals]
    body = (
        f'<article class="reader" lang="{esc(data.language or "und")}"><h1>{esc(data.headline)}</h1><dl class="meta">{"".join(meta)}</dl>{legend}'
        f'<div id="text" class="text">{_pieces(data.text, data.spans, data.proposals)}</div>'
        '<aside id="span-facts" hidden aria-live="polite"></aside></article>'
        f'<script type="application/json" id="kg-spans">{json_for_html(spans_json)}</script>'
        f'<script type="application/json" id="kg-proposals">{json_for_html(proposals_json)}</script>'
    )
    return layout(data.headline, body, links, lang="en", description=f"{data.headline}, with its evidence spans")
