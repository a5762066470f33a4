"""Entity pages: everything the graph says about one IRI, each fact with the sentence or source behind it.

    >>> import kg
    >>> from kg.serve.entity import entity_data, render_entity, entity_rdf
    >>> from kg.serve.templates import Links
    >>> store = kg.open("out")
    >>> data = entity_data(store, "https://w3id.org/sco-film-kg/resource/red-silk")
    >>> html = render_entity(data, Links.served())                 # what kg serve and kg site show
    >>> turtle = entity_rdf(store, data.iri, "turtle")             # what an RDF client gets

:func:`entity_data` reads the page with a handful of small SPARQL SELECTs that all start from the
entity (its statements with their graphs, the statements about it, the names and types of its
neighbours, the qualifier nodes, the evidence spans and sources of those graphs), plus
:func:`kg.curate.conflicts.find_conflicts` restricted to it. On the Oxigraph store every one is an
index lookup, so a page costs a few milliseconds even over a million quads; only the incoming
side is capped (:data:`MAX_INCOMING`), because a country is the object of thousands of films.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Literal, URIRef

from kg.ingest.vocabulary import BASE
from kg.serve.templates import Links, esc, humanise, layout, local_name, safe_url

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA = "https://schema.org/"
KGO = BASE + "ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
WIKIDATA = "http://www.wikidata.org/entity/"
NAME_PROPS = (RDFS_LABEL, SCHEMA + "name", SKOS + "prefLabel")
ALIAS_PROPS = (SCHEMA + "alternateName", SKOS + "altLabel")
#: Nodes that carry qualifiers and quantities: shown inside the fact that points at them.
AUXILIARY = frozenset(
    SCHEMA + t for t in ("Role", "PerformanceRole", "OrganizationRole", "QuantitativeValue", "MonetaryAmount", "PropertyValue")
)
#: Rows of statements about the entity from other nodes read per page (a country is the object of
#: thousands); when there are more, each relation shows SHOWN_INCOMING and the count.
MAX_INCOMING = 300
SHOWN_INCOMING = 75
#: Shown first, in this order; the rest alphabetically.
ORDER = [SCHEMA + "name", RDFS_LABEL, SCHEMA + "alternateName", RDF_TYPE, SCHEMA + "sameAs"]
PREFIXES = f"""PREFIX schema: <{SCHEMA}>
PREFIX nif: <{NIF}>
PREFIX prov: <{PROV}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kgo: <{KGO}>
"""


@dataclass
class Evidence:
    """Where one statement is written: a document span, or a reference source."""

    graph: str
    kind: str  # "document", "source" or "graph" (a graph that says nothing about itself)
    document: str | None = None  # the document IRI (document evidence)
    quote: str | None = None
    begin: int | None = None
    end: int | None = None
    sentence: str | None = None  # the whole sentence holding the quote
    sentence_begin: int | None = None
    title: str | None = None  # headline, or the source's title
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    note: str | None = None

    @property
    def key(self) -> tuple:
        return (self.kind != "document", self.title or "", self.begin or 0, self.graph)


@dataclass
class Fact:
    """One statement: the entity, a property, a value (or, incoming, another node and a property)."""

    predicate: str
    value: Any  # rdflib term: the object (outgoing) or the subject (incoming)
    incoming: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    qualifiers: list[tuple[str, Any]] = field(default_factory=list)  # (property, value) of a role / quantity node


@dataclass
class EntityData:
    """What an entity page shows; plain data, rendered by :func:`render_entity`."""

    iri: str
    found: bool
    label: str
    labels: dict[str, list[str]]  # language ("" for none) -> names
    aliases: list[str]
    types: list[str]
    wikidata: list[str]
    facts: dict[tuple[str, bool], list[Fact]]  # (predicate, incoming) -> facts
    names: dict[str, str]  # IRI -> display name, for every node the page links
    conflicts: list = field(default_factory=list)  # kg.curate.conflicts.Conflict
    incoming_total: dict[str, int] = field(default_factory=dict)  # predicate -> count when capped
    documents: dict[str, str] = field(default_factory=dict)  # document IRI -> headline


def _rows(store, text: str) -> list[dict[str, Any]]:
    return store.query(PREFIXES + text).rows


def _values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ {' '.join(URIRef(i).n3() for i in sorted(iris))} }}"


def _pick(literals: list[Literal], lang: str = "en") -> str | None:
    for want in (lang, "", None):
        for lit in literals:
            if want is None or (lit.language or "") == want:
                return str(lit)
    return None


def node_names(store, iris) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Display names (English first) and types of ``iris``, in one query per 500."""
    iris = sorted({str(i) for i in iris if isinstance(i, URIRef) or (isinstance(i, str) and not isinstance(i, Literal))})
    literals: dict[str, list[Literal]] = defaultdict(list)
    types: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(iris), 500):
        chunk = iris[start : start + 500]
        for row in _rows(
            store,
            f"""SELECT ?n ?p ?v WHERE {{ {_values("n", chunk)} ?n ?p ?v
              FILTER(?p IN (rdfs:label, schema:name, schema:headline, <{RDF_TYPE}>, <{SKOS}prefLabel>)) }}""",
        ):
            if str(row["p"]) == RDF_TYPE:
                types[str(row["n"])].add(str(row["v"]))
            elif isinstance(row["v"], Literal):
                literals[str(row["n"])].append(row["v"])
    names = {}
    for iri in iris:
        names[iri] = _pick(literals.get(iri, [])) or local_name(iri)
    return names, types


def graph_evidence(store, graphs) -> dict[str, Evidence]:
    """The evidence span (quote, offsets, sentence, document) or the source (title, publisher, date,
    URL) each named graph stands for.

    Query shape matters on Oxigraph (0.5): an OPTIONAL group of several triples after VALUES is
    evaluated over the whole store and then joined (350 ms at 1M quads), while OPTIONALs of one
    triple each, nested where one depends on another, are index lookups (0.05 ms). Likewise two
    VALUES blocks (nodes and properties) made it scan every rdf:type; FILTER(?p IN ...) does not.
    """
    found: dict[str, Evidence] = {}
    graphs = sorted({str(g) for g in graphs})
    for start in range(0, len(graphs), 300):
        chunk = graphs[start : start + 300]
        rows = _rows(
            store,
            f"""SELECT ?g ?quote ?b ?e ?src ?sent ?sb ?headline ?title ?pub ?pubname ?url ?date ?label ?note WHERE {{
              {_values("g", chunk)}
              OPTIONAL {{ ?g nif:anchorOf ?quote }}
              OPTIONAL {{ ?g nif:beginIndex ?b }}
              OPTIONAL {{ ?g nif:endIndex ?e }}
              OPTIONAL {{ ?g nif:sentence ?s OPTIONAL {{ ?s nif:anchorOf ?sent }} OPTIONAL {{ ?s nif:beginIndex ?sb }} }}
              OPTIONAL {{ ?g rdfs:label ?label }}
              OPTIONAL {{ ?g rdfs:comment ?note }}
              OPTIONAL {{ ?g prov:wasDerivedFrom ?src .
                OPTIONAL {{ ?src schema:headline ?headline }}
                OPTIONAL {{ ?src schema:name ?title }}
                OPTIONAL {{ ?src schema:publisher ?pub OPTIONAL {{ ?pub schema:name ?pubname }} }}
                OPTIONAL {{ ?src schema:url ?url }}
                OPTIONAL {{ ?src schema:datePublished ?date }}
              }}
            }}""",
        )
        for row in rows:
            g = str(row["g"])
            if g in found:
                continue
            publisher = row.get("pubname") or row.get("pub")
            publisher = None if publisher is None else (str(publisher) if isinstance(publisher, Literal) else local_name(str(publisher)))
            common = dict(
                publisher=publisher,
                date=str(row["date"]) if row.get("date") is not None else None,
                url=str(row["url"]) if row.get("url") is not None else None,
                note=str(row["note"]) if row.get("note") is not None else None,
            )
            if row.get("quote") is not None and row.get("b") is not None and row.get("e") is not None:
                found[g] = Evidence(
                    g,
                    "document",
                    document=str(row["src"]) if row.get("src") is not None else g.split("#", 1)[0],
                    quote=str(row["quote"]),
                    begin=int(row["b"]),
                    end=int(row["e"]),
                    sentence=str(row["sent"]) if row.get("sent") is not None else None,
                    sentence_begin=int(row["sb"]) if row.get("sb") is not None else None,
                    title=str(row.get("headline") or row.get("title") or local_name(g.split("#", 1)[0])),
                    **common,
                )
            elif row.get("src") is not None:
                title = row.get("title") or row.get("headline") or row.get("label")
                found[g] = Evidence(g, "source", title=str(title) if title is not None else local_name(g), **common)
            else:
                found[g] = Evidence(g, "graph", title=str(row["label"]) if row.get("label") is not None else local_name(g), **common)
    return found


class PageCache:
    """Names, types and graph descriptions already read, shared by the pages of one (unchanging)
    build: a site's 1,900 pages ask about the same sources and neighbours again and again."""

    def __init__(self, limit: int = 200_000):
        self.limit = limit
        self.names: dict[str, str] = {}
        self.types: dict[str, set[str]] = {}
        self.evidence: dict[str, Evidence] = {}

    def node_names(self, store, iris) -> tuple[dict[str, str], dict[str, set[str]]]:
        iris = {str(i) for i in iris}
        missing = iris - self.names.keys()
        if missing:
            names, types = node_names(store, missing)
            self._room(len(names))
            self.names.update(names)
            for iri in missing:
                self.types[iri] = types.get(iri, set())
        # .get: another thread may have emptied the cache meanwhile (then the name falls back)
        return {i: self.names.get(i) or local_name(i) for i in iris}, {i: self.types.get(i, set()) for i in iris}

    def graph_evidence(self, store, graphs) -> dict[str, Evidence]:
        graphs = {str(g) for g in graphs}
        missing = graphs - self.evidence.keys()
        if missing:
            found = graph_evidence(store, missing)
            self._room(len(found))
            self.evidence.update(found)
        got = {g: self.evidence.get(g) for g in graphs}
        return {g: e for g, e in got.items() if e is not None}

    def _room(self, coming: int) -> None:
        if len(self.names) + len(self.evidence) + coming > self.limit:  # a crude bound: start afresh
            self.names.clear()
            self.types.clear()
            self.evidence.clear()


def entity_data(store, iri: str, *, conflicts: bool = True, cache: PageCache | None = None) -> EntityData:
    """Read what the page of ``iri`` shows (see the module docstring for the queries)."""
    lookup_names = cache.node_names if cache is not None else node_names
    lookup_evidence = cache.graph_evidence if cache is not None else graph_evidence
    node = URIRef(iri).n3()
    # 1. its statements: each with every graph that states it (unbound ?g: the merged/default copy)
    out_rows = _rows(store, f"SELECT ?p ?o ?g WHERE {{ {{ GRAPH ?g {{ {node} ?p ?o }} }} UNION {{ {node} ?p ?o }} }}")
    # 2. statements about it, capped: a country is the object of thousands of films
    in_rows = _rows(
        store, f"SELECT ?s ?p ?g WHERE {{ {{ GRAPH ?g {{ ?s ?p {node} }} }} UNION {{ ?s ?p {node} }} }} LIMIT {MAX_INCOMING}"
    )
    incoming_total: dict[str, int] = {}
    if len(in_rows) >= MAX_INCOMING:
        for row in _rows(store, f"SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p {node} }} GROUP BY ?p"):
            incoming_total[str(row["p"])] = int(row["n"])
    found = bool(out_rows or in_rows)

    facts: dict[tuple[str, Any, bool], Fact] = {}
    graphs_of: dict[tuple[str, Any, bool], set[str]] = defaultdict(set)
    for rows, incoming in ((out_rows, False), (in_rows, True)):
        for row in rows:
            value = row["s"] if incoming else row["o"]
            key = (str(row["p"]), value, incoming)
            facts.setdefault(key, Fact(str(row["p"]), value, incoming))
            if row.get("g") is not None:
                graphs_of[key].add(str(row["g"]))

    neighbours = {f.value for f in facts.values() if isinstance(f.value, URIRef)}
    names, types = lookup_names(store, neighbours | {URIRef(iri)})
    names = dict(names)
    own_types = sorted(types.get(iri, ()))
    # qualifier nodes (roles, quantities) are shown inside the fact that reaches them
    auxiliary = {n for n in map(str, neighbours) if types.get(n, set()) & AUXILIARY}
    qualifiers: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    if auxiliary:
        for row in _rows(store, f"SELECT ?n ?p ?v WHERE {{ {_values('n', auxiliary)} ?n ?p ?v }}"):
            if str(row["p"]) != RDF_TYPE:
                qualifiers[str(row["n"])].append((str(row["p"]), row["v"]))
        more = {v for q in qualifiers.values() for _, v in q if isinstance(v, URIRef) and str(v) not in names}
        if more:
            extra, _ = lookup_names(store, more)
            names.update(extra)
    qualified_targets: dict[tuple[str, str], list[str]] = defaultdict(list)  # (predicate, object) -> role nodes
    for key, fact in list(facts.items()):
        if fact.predicate == KGO + "qualifiedRelation" and not fact.incoming:
            for p, v in qualifiers.get(str(fact.value), []):
                if p.startswith(SCHEMA) and isinstance(v, URIRef):
                    qualified_targets[(p, str(v))].append(str(fact.value))
            del facts[key]
        elif fact.incoming and str(fact.value) in auxiliary:
            del facts[key]  # a role node repeating the edge: the direct edge is shown

    all_graphs = {g for gs in graphs_of.values() for g in gs}
    evidence = lookup_evidence(store, all_graphs) if all_graphs else {}
    grouped: dict[tuple[str, bool], list[Fact]] = defaultdict(list)
    for key, fact in facts.items():
        fact.evidence = sorted((evidence[g] for g in graphs_of.get(key, ()) if g in evidence), key=lambda e: e.key)
        value = str(fact.value)
        if value in auxiliary:
            fact.qualifiers = [(p, v) for p, v in qualifiers.get(value, [])]
        for role in qualified_targets.get((fact.predicate, value), []):
            fact.qualifiers += [(p, v) for p, v in qualifiers.get(role, []) if p != fact.predicate]
        grouped[(fact.predicate, fact.incoming)].append(fact)
    for group in grouped.values():
        group.sort(key=lambda f: (names.get(str(f.value), str(f.value)).casefold(), str(f.value)))
    if incoming_total:  # cap each incoming group; the count says how many there are
        for (_, inc), group in grouped.items():
            if inc and len(group) > SHOWN_INCOMING:
                del group[SHOWN_INCOMING:]

    labels: dict[str, list[str]] = defaultdict(list)
    aliases: list[str] = []
    wikidata: list[str] = []
    for fact in facts.values():
        if fact.incoming:
            continue
        if fact.predicate in NAME_PROPS and isinstance(fact.value, Literal):
            if str(fact.value) not in labels[fact.value.language or ""]:
                labels[fact.value.language or ""].append(str(fact.value))
        elif fact.predicate in ALIAS_PROPS and isinstance(fact.value, Literal):
            if str(fact.value) not in aliases:
                aliases.append(str(fact.value))
        elif fact.predicate == SCHEMA + "sameAs" and str(fact.value).startswith(WIKIDATA):
            wikidata.append(str(fact.value))
    label = names.get(iri) or local_name(iri)

    found_conflicts = []
    if conflicts and found:
        from kg.curate.conflicts import find_conflicts

        found_conflicts = find_conflicts(store, about=[iri])
    documents = {e.document: e.title for f in facts.values() for e in f.evidence if e.kind == "document" and e.document}
    return EntityData(
        iri=iri,
        found=found,
        label=label,
        labels=dict(labels),
        aliases=aliases,
        types=own_types,
        wikidata=sorted(set(wikidata)),
        facts=dict(grouped),
        names=names,
        conflicts=found_conflicts,
        incoming_total=incoming_total,
        documents=documents,
    )


# ---- HTML -----------------------------------------------------------------------------------------


def _type_word(types) -> str:
    words = [local_name(t) for t in types if str(t).startswith(SCHEMA) or str(t).startswith(KGO)]
    return ", ".join(sorted(set(words))) or "Thing"


def term_html(value: Any, names: dict[str, str], links: Links) -> str:
    """A value as HTML: a link to the entity's page, an outside link, or escaped text."""
    if isinstance(value, URIRef):
        iri = str(value)
        name = names.get(iri) or local_name(iri)
        href = links.page(iri)
        if href:
            return f'<a class="entity" href="{esc(href)}">{esc(name)}</a>'
        if safe_url(iri):
            return f'<a class="outside" href="{esc(iri)}" rel="noopener noreferrer">{esc(name if name != local_name(iri) else iri)}</a>'
        return f"<code>{esc(iri)}</code>"
    if isinstance(value, BNode):
        return "<i>(blank node)</i>"
    if isinstance(value, Literal):
        lang = f' <span class="lang">{esc(value.language)}</span>' if value.language else ""
        return f'<span class="literal">{esc(str(value))}</span>{lang}'
    return esc(value)


def marked_sentence(ev: Evidence) -> str:
    """The evidence sentence with the quoted words in <mark> (the quote alone when no sentence)."""
    quote = esc(ev.quote or "")
    if ev.sentence and ev.sentence_begin is not None and ev.begin is not None:
        start = ev.begin - ev.sentence_begin
        stop = start + len(ev.quote or "")
        if 0 <= start <= stop <= len(ev.sentence) and ev.sentence[start:stop] == ev.quote:
            return f"{esc(ev.sentence[:start])}<mark>{quote}</mark>{esc(ev.sentence[stop:])}"
    return f"<mark>{quote}</mark>"


def evidence_html(ev: Evidence, links: Links) -> str:
    """One line of provenance: the marked sentence linked into the reader, or the source, linked."""
    if ev.kind == "document":
        href = links.span(ev.document, ev.begin, ev.end) if ev.document else None
        where = f'<a class="reader" href="{esc(href)}">{esc(ev.title)}</a>' if href else esc(ev.title)
        meta = ", ".join(esc(x) for x in (ev.publisher, ev.date) if x)
        return f'<li class="ev doc" data-graph="{esc(ev.graph)}"><q>{marked_sentence(ev)}</q> <span class="where">— {where}{", " + meta if meta else ""}</span></li>'
    title = esc(ev.title)
    if safe_url(ev.url):
        title = f'<a class="source" href="{esc(ev.url)}" rel="noopener noreferrer">{title}</a>'
    meta = ", ".join(esc(x) for x in (ev.publisher, ev.date) if x)
    kind = "source" if ev.kind == "source" else "graph"
    note = f' <span class="note">{esc(ev.note)}</span>' if ev.note and ev.kind == "source" else ""
    return f'<li class="ev {kind}" data-graph="{esc(ev.graph)}"><span class="badge">{kind}</span> {title}{", " + meta if meta else ""}{note}</li>'


def _qualifiers_html(fact: Fact, names: dict[str, str], links: Links) -> str:
    if not fact.qualifiers:
        return ""
    parts = [f"{esc(humanise(local_name(p)))}: {term_html(v, names, links)}" for p, v in sorted(fact.qualifiers, key=lambda q: q[0])]
    return f' <span class="qualifiers">({"; ".join(parts)})</span>'


def relation_label(predicate: str, incoming: bool) -> str:
    word = humanise(local_name(predicate))
    if predicate == RDF_TYPE:
        word = "type"
    return f"{word} of" if incoming else word


def _conflicts_html(data: EntityData, links: Links) -> str:
    if not data.conflicts:
        return ""
    blocks = []
    for c in data.conflicts:
        cells = []
        for claim in c.claims:
            if claim.origin == "document" and claim.evidence is not None:
                doc = claim.graph.split("#", 1)[0]
                href = links.span(doc, claim.begin, claim.end) if claim.begin is not None else links.page(doc)
                where = f'<q><mark>{esc(claim.evidence)}</mark></q> — <a class="reader" href="{esc(href)}">{esc(claim.title or claim.source)}</a>'
            else:
                title = esc(claim.title or claim.source)
                where = f'<a class="source" href="{esc(claim.url)}" rel="noopener noreferrer">{title}</a>' if safe_url(claim.url) else title
            who = esc(claim.publisher) if claim.publisher else ""
            wording = f'<div class="wording">“{esc(claim.wording)}”</div>' if claim.wording else ""
            note = f'<div class="note">{esc(claim.note)}</div>' if claim.note else ""
            cells.append(
                f'<div class="claim"><div class="value">{esc(claim.value)}</div>{wording}<div class="says">{who + ": " if who else ""}{where}</div>{note}</div>'
            )
        blocks.append(
            f'<section class="conflict"><h3>{esc(c.kind)}: {esc(c.property)}</h3><p>{esc(c.summary)}</p>'
            f'<div class="sides">{"".join(cells)}</div></section>'
        )
    return '<section id="disagreements"><h2>Where the sources disagree</h2>' + "".join(blocks) + "</section>"


def _order(key: tuple[str, bool]) -> tuple:
    p, incoming = key
    return (incoming, ORDER.index(p) if p in ORDER else len(ORDER), humanise(local_name(p)))


def render_entity(data: EntityData, links: Links, *, view_href: str | None = None) -> str:
    """The entity page's HTML (``view_href``: the focus view to embed, if any)."""
    names = data.names
    heading = f'<h1>{esc(data.label)}</h1><p class="kind">{esc(_type_word(data.types))} · <code class="iri">{esc(data.iri)}</code></p>'
    label_rows = []
    for lang, title in (("en", "English"), ("zh", "中文"), ("ru", "Русский"), ("", "name")):
        for value in data.labels.get(lang, []):
            if lang == "" and any(value in data.labels.get(other, []) for other in ("en", "zh", "ru")):
                continue  # the plain name repeats a label already shown
            label_rows.append(f'<tr><th>{esc(title)}</th><td lang="{esc(lang or "und")}">{esc(value)}</td></tr>')
    for lang, values in sorted(data.labels.items()):
        if lang not in ("en", "zh", "ru", ""):
            label_rows += [f'<tr><th>{esc(lang)}</th><td lang="{esc(lang)}">{esc(v)}</td></tr>' for v in values]
    if data.aliases:
        label_rows.append(f"<tr><th>also</th><td>{esc('; '.join(data.aliases))}</td></tr>")
    for wd in data.wikidata:
        label_rows.append(f'<tr><th>Wikidata</th><td><a class="wikidata" href="{esc(wd)}" rel="noopener noreferrer">{esc(local_name(wd))}</a></td></tr>')
    labels_html = f'<table class="labels">{"".join(label_rows)}</table>' if label_rows else ""

    groups = []
    for key in sorted(data.facts, key=_order):
        predicate, incoming = key
        facts = data.facts[key]
        total = data.incoming_total.get(predicate) if incoming else None
        more = ""
        if total and total > len(facts):
            more = f'<p class="more">{len(facts)} of {total} shown; ask the rest with SPARQL: <code>SELECT ?s WHERE {{ ?s &lt;{esc(predicate)}&gt; &lt;{esc(data.iri)}&gt; }}</code></p>'
        items = []
        for fact in facts:
            ev = "".join(evidence_html(e, links) for e in fact.evidence)
            if not fact.evidence:
                ev = '<li class="ev none">no evidence recorded (a fact the build derives)</li>'
            items.append(
                f'<li class="fact" data-value="{esc(str(fact.value))}">{term_html(fact.value, names, links)}{_qualifiers_html(fact, names, links)}'
                f'<ul class="evidence">{ev}</ul></li>'
            )
        groups.append(
            f'<section class="relation" data-predicate="{esc(predicate)}" data-direction="{"in" if incoming else "out"}"><h3>{esc(relation_label(predicate, incoming))} '
            f'<span class="count">{len(facts)}</span></h3><ul class="facts">{"".join(items)}</ul>{more}</section>'
        )
    facts_html = '<section id="facts"><h2>Facts</h2>' + ("".join(groups) or "<p>The graph says nothing about this IRI.</p>") + "</section>"
    view_html = ""
    if view_href:
        view_html = (
            f'<section id="neighbourhood"><h2>Neighbourhood</h2><iframe class="focus" src="{esc(view_href)}" title="focus view of {esc(data.label)}" loading="lazy"></iframe>'
            f'<p><a href="{esc(view_href)}">open the view on its own</a></p></section>'
        )
    alternates = ""
    if not links.static_site:
        path = links.page(data.iri) or ""
        alternates = '<p class="formats">As data: ' + " · ".join(
            f'<a href="{esc(path)}?format={fmt}">{label}</a>' for fmt, label in (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("trig", "TriG"))
        ) + "</p>"
    body = f'<article class="entity">{heading}{labels_html}{_conflicts_html(data, links)}{facts_html}{view_html}{alternates}</article>'
    return layout(data.label, body, links, description=f"{data.label}: facts with their evidence")


# ---- RDF (content negotiation) ----------------------------------------------------------------------


def entity_dataset(store, data: EntityData):
    """The entity's description as an rdflib Dataset: each statement in its own named graph (as
    built), and, in the default graph, what each graph stands for (span, document, source)."""
    from rdflib import Dataset, Namespace

    from kg.ingest.vocabulary import PREFIXES as KG_PREFIXES

    ds = Dataset()
    for prefix, ns in KG_PREFIXES.items():
        ds.bind(prefix, Namespace(str(ns)), override=True)
    subject = URIRef(data.iri)
    graphs: set[str] = set()
    for (predicate, incoming), facts in data.facts.items():
        for fact in facts:
            triple = (fact.value, URIRef(predicate), subject) if incoming else (subject, URIRef(predicate), fact.value)
            if not fact.evidence:
                ds.add(triple)
            for ev in fact.evidence:
                ds.graph(URIRef(ev.graph)).add(triple)
                graphs.add(ev.graph)
    if graphs:
        for row in _rows(store, f"SELECT ?g ?p ?v WHERE {{ {_values('g', graphs)} ?g ?p ?v }}"):
            ds.add((row["g"], row["p"], row["v"]))
        sources = {str(r["v"]) for r in _rows(store, f"SELECT ?v WHERE {{ {_values('g', graphs)} ?g prov:wasDerivedFrom ?v }}")}
        if sources:
            for row in _rows(
                store,
                f"""SELECT ?s ?p ?v WHERE {{ {_values('s', sources)} ?s ?p ?v
                  FILTER(?p IN (rdf:type, schema:name, schema:headline, schema:publisher, schema:url, schema:datePublished, schema:inLanguage))
                  }}""".replace("rdf:type", f"<{RDF_TYPE}>"),
            ):
                ds.add((row["s"], row["p"], row["v"]))
    return ds


#: name -> (media type, rdflib format, whether it carries named graphs)
RDF_FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", "turtle", False),
    "nt": ("application/n-triples", "nt", False),
    "json-ld": ("application/ld+json", "json-ld", True),
    "trig": ("application/trig", "trig", True),
    "nquads": ("application/n-quads", "nquads", True),
}


def entity_rdf(store, data: EntityData | str, fmt: str = "turtle") -> bytes:
    """The entity's description with each statement's provenance, in ``fmt`` (a key of RDF_FORMATS).

    Formats with named graphs (JSON-LD, TriG, N-Quads) keep every statement in the graph of its
    evidence span or source, as built. Turtle and N-Triples have no graphs: they carry each
    statement directly, plus an ``rdf:Statement`` per (statement, graph) saying
    ``prov:wasDerivedFrom`` that graph, and the graphs' own descriptions.
    """
    from rdflib import Graph
    from rdflib.namespace import PROV, RDF

    if isinstance(data, str):
        data = entity_data(store, data, conflicts=False)
    ds = entity_dataset(store, data)
    _, name, quads = RDF_FORMATS[fmt]
    if quads:
        return ds.serialize(format=name, encoding="utf-8")
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True)
    for s, p, o, c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
        if c is not None and str(c) != str(ds.default_context.identifier) and not str(c).startswith("urn:x-rdflib:"):
            st = BNode()
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            g.add((st, PROV.wasDerivedFrom, c))
    return g.serialize(format=name, encoding="utf-8")
