"""The knowledge graph as networkx graphs: the entity graph, projections, focus subgraphs, exports.

Everything is read through ``store.query`` (SPARQL), a handful of queries per graph, so the same
code runs on the in-memory store and on a large on-disk or remote one.

    >>> import kg, kg.network.graphs as kn
    >>> store = kg.open("out")
    >>> g = kn.entity_graph(store)                    # MultiDiGraph: entities and their relations
    >>> g.nodes["https://w3id.org/sco-film-kg/resource/red-silk"]["label_zh"]
    '红丝绸'
    >>> c = kn.projection(store, "countries")         # countries linked by the films they co-produce
    >>> f = kn.focus_graph(store, "Red Silk", hops=1)  # the film and its neighbours
    >>> kn.export(c, "countries.gexf")                # open it in Gephi

Nodes are entities: IRIs under ``https://w3id.org/sco-film-kg/resource/`` that are not auxiliary
(role nodes reached through ``kgo:qualifiedRelation`` and quantity nodes). Their attributes:
``class`` (the fact-sheet type word, e.g. ``Movie``), ``classes``, ``entity_id`` (``red-silk``),
``iri``, ``label`` and ``label_en`` / ``label_zh`` / ``label_ru``, ``wikidata`` (``Q…``), every
literal property by its local name (``startDate``, ``alternateName`` …; a list when there are
several values), quantities as text (``castAndCrewSize: ["nearly 1,700 (at most 1700 cast and
crew members)"]``), ``sources``, and ``disputed`` on a node the sources disagree about (the
lines of :func:`mark_conflicts`).

Edges are relations between entities, keyed by the predicate's compact name (``schema:director``),
with ``predicate`` (IRI), ``label`` (readable), ``evidence`` (a list of ``{quote, sentence,
source, document, publisher, date, url}``), ``sentence`` and ``source`` (the first evidence), the
role-node qualifiers (``roleName``, ``side`` …) and ``implies`` (standard super-properties that the
build materialised for this edge, folded here so Gephi does not count a relation twice).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import KGError, Problem
from kg.ingest.vocabulary import CLASSES, KGO, PREFIXES, RES, SDO, WD, shorten
from kg.query.sparql import CHUNK_SIZE, PREFIX_HEADER, values_blocks

ENTITY_NS = str(RES)
WD_NS = str(WD)
QUALIFIED_RELATION = str(KGO.qualifiedRelation)
RDFS_LABEL = str(RDFS.label)
PROJECTIONS = ("countries", "people", "events")
EXPORT_FORMATS = ("graphml", "gexf", "json")
LANGUAGES = ("en", "zh", "ru")

#: Types of the nodes that carry qualifiers and quantities, not entities of their own.
AUXILIARY = {SDO.Role, SDO.PerformanceRole, SDO.OrganizationRole, SDO.QuantitativeValue, SDO.MonetaryAmount, SDO.PropertyValue}
_AUXILIARY_IRIS = frozenset(str(t) for t in AUXILIARY)


#: Properties whose literal values :func:`pick_label` reads (through their local names).
LABEL_PROPERTIES = ("rdfs:label", "schema:name", "skos:prefLabel", "schema:text")

#: Properties whose literal values name an entity (what :func:`find_entities` looks at).
NAME_PROPERTIES = ("rdfs:label", "schema:name", "schema:alternateName", "skos:prefLabel")

#: Readable labels where the property's own name reads badly; others are split from camelCase.
PREDICATE_LABELS = {
    "releasedEvent": "release",
    "workFeatured": "features",
    "superEvent": "part of",
    "containedInPlace": "in",
    "countryOfOrigin": "country of origin",
    "partOfProgramme": "part of programme",
    "isPartOf": "part of",
    "musicBy": "music by",
    "about": "about",
}

_short = lru_cache(maxsize=4096)(shorten)  # the same few properties and classes, over and over


# ---- reading the store ------------------------------------------------------------------------


def _select(store, body: str) -> list[dict]:
    return store.query(PREFIX_HEADER + body).rows


def _select_chunked(store, var: str, iris: Iterable[str] | None, body) -> list[dict]:
    """``body(values)`` run once per block of :func:`kg.query.sparql.values_blocks`, the rows merged."""
    return [row for values in values_blocks(var, iris) for row in _select(store, body(values))]


def _entity_filter(var: str) -> str:
    return f'FILTER(isIRI(?{var}) && STRSTARTS(STR(?{var}), "{ENTITY_NS}"))'


def local_name(iri: str) -> str:
    """The last segment of an IRI (``.../resource/red-silk`` -> ``red-silk``)."""
    return _local_name(str(iri))


@lru_cache(maxsize=4096)
def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


def entity_id(iri: str) -> str:
    """An entity's id: its IRI after the resource namespace (``red-silk``)."""
    iri = str(iri)
    return iri[len(ENTITY_NS) :] if iri.startswith(ENTITY_NS) else iri


@lru_cache(maxsize=4096)
def predicate_label(iri: str) -> str:
    """``https://schema.org/countryOfOrigin`` -> ``country of origin``."""
    name = local_name(iri)
    if name in PREDICATE_LABELS:
        return PREDICATE_LABELS[name]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def class_word(types: Iterable[str]) -> str:
    """The fact-sheet type word for a set of RDF classes: the most specific one that fits."""
    return _class_word(frozenset(str(t) for t in types))


@lru_cache(maxsize=1024)
def _class_word(types: frozenset[str]) -> str:
    if not types:
        return "Thing"
    best, size = None, 0
    for word, classes in CLASSES.items():
        if all(str(c) in types for c in classes) and len(classes) > size:
            best, size = word, len(classes)
    if best:
        return best
    return local_name(sorted(types)[0]) if types else "Thing"


def _plain(term: Any) -> Any:
    """A literal as a value every exporter can hold: numbers and booleans stay, the rest is text."""
    if isinstance(term, Literal) and term.datatype is not None:
        if term.datatype in _INTEGER_TYPES:
            try:
                return int(term)
            except ValueError:
                return str(term)
        if term.datatype in _DECIMAL_TYPES:
            try:
                number = float(term)
            except ValueError:
                return str(term)
            # a whole number stays whole: Virtuoso keeps an xsd:integer past 2^31 as a decimal
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        if term.datatype == _BOOLEAN:
            return term.toPython() is True
    return str(term)


_INTEGER_TYPES = frozenset((XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger))
_DECIMAL_TYPES = frozenset((XSD.decimal, XSD.double, XSD.float))
_BOOLEAN = XSD.boolean


def _ontology_supers(store) -> dict[str, set[str]]:
    """Project property -> its super-properties: from the store if it holds the ontology, else
    (standard ones) from the ontology file shipped beside the package."""
    # the closure is taken here: Virtuoso cannot run rdfs:subPropertyOf+ with neither end bound.
    # Only project properties count: a server's own vocabularies (Virtuoso's system graphs are
    # part of its default graph) say nothing about this graph.
    rows = _select(store, "SELECT DISTINCT ?sub ?super WHERE { ?sub rdfs:subPropertyOf ?super }")
    parents: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        parents[str(row["sub"])].add(str(row["super"]))
    supers = {p: sups for p, sups in transitive_closure(parents).items() if p.startswith(str(KGO))}
    return supers or _shipped_supers()


def transitive_closure(parents: dict[str, set[str]]) -> dict[str, set[str]]:
    """``term -> every term reached through one or more links`` (what a SPARQL ``+`` path gives)."""
    closure: dict[str, set[str]] = {}
    for term in parents:
        seen: set[str] = set()
        todo = list(parents[term])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        closure[term] = seen
    return closure


@lru_cache(maxsize=1)
def _shipped_supers() -> dict[str, set[str]]:
    from kg.project import shipped_ontology

    path = shipped_ontology() / "sco-film.ttl"
    if not path.exists():
        return {}
    from kg.ingest.ontology import load_ontology, standard_supers

    return {str(k): {str(v) for v in vs} for k, vs in standard_supers(load_ontology(path)).items()}


def _evidence(store, graphs: Iterable[str] | None) -> dict[str, dict]:
    """Named graph -> what it stands for: an evidence span (quote, sentence, document) or a source."""
    found: dict[str, dict] = {}
    rows = _select_chunked(
        store,
        "g",
        graphs,
        lambda values: (
            f"""SELECT ?g ?quote ?sentence ?headline ?date ?url ?publisher ?pubname WHERE {{
          {values}
          ?g nif:anchorOf ?quote ; prov:wasDerivedFrom ?doc .
          OPTIONAL {{ ?g nif:sentence ?s . ?s nif:anchorOf ?sentence }}
          OPTIONAL {{ ?doc schema:headline ?headline }}
          OPTIONAL {{ ?doc schema:datePublished ?date }}
          OPTIONAL {{ ?doc schema:url ?url }}
          OPTIONAL {{ ?doc schema:publisher ?publisher OPTIONAL {{ ?publisher schema:name ?pubname }} }}
        }}"""
        ),
    )
    for row in sorted(rows, key=_row_key):  # a graph with two URLs gets the same one on every store
        g = str(row["g"])
        quote = str(row["quote"])
        publisher = row.get("pubname") or row.get("publisher")
        found.setdefault(
            g,
            {
                "quote": quote,
                "sentence": str(row.get("sentence") or quote),
                "source": str(row.get("headline") or publisher or g),
                "document": str(row["headline"]) if row.get("headline") else None,
                "publisher": str(publisher) if publisher is not None else None,
                "date": str(row["date"]) if row.get("date") else None,
                "url": str(row["url"]) if row.get("url") else None,
            },
        )
    rows = _select_chunked(
        store,
        "g",
        graphs,
        lambda values: (
            f"""SELECT ?g ?name ?url ?publisher ?date WHERE {{
          {values}
          ?g a kgo:SourceGraph .
          OPTIONAL {{ ?g rdfs:label ?name }}
          OPTIONAL {{ ?g prov:wasDerivedFrom ?work .
                     OPTIONAL {{ ?work schema:url ?url }} OPTIONAL {{ ?work schema:publisher ?publisher }}
                     OPTIONAL {{ ?work schema:datePublished ?date }} }}
        }}"""
        ),
    )
    for row in sorted(rows, key=_row_key):
        g = str(row["g"])
        found.setdefault(
            g,
            {
                "quote": None,
                "sentence": None,
                "source": str(row.get("name") or g),
                "document": None,
                "publisher": str(row["publisher"]) if row.get("publisher") else None,
                "date": str(row["date"]) if row.get("date") else None,
                "url": str(row["url"]) if row.get("url") else None,
            },
        )
    return {g: {k: v for k, v in e.items() if v is not None} for g, e in found.items()}


def _row_key(row: dict) -> list[tuple[str, str]]:
    return sorted((k, str(v)) for k, v in row.items())


def _literal_key(pair: tuple[str, Any]) -> tuple[str, str, str, str]:
    p, o = pair
    return p, str(o), o.language or "", str(o.datatype or "")


def _quantity_text(values: dict[str, list]) -> str:
    """A quantity node as a line of text that keeps the document's wording."""
    one = {k: v[0] for k, v in values.items() if v}
    unit = one.get("unitText") or one.get("currency") or ""
    if "value" in one:
        amount = f"= {one['value']}"
    elif "minValue" in one and "maxValue" in one:
        amount = f"{one['minValue']}–{one['maxValue']}"
    elif "minValue" in one:
        amount = f"at least {one['minValue']}"
    elif "maxValue" in one:
        amount = f"at most {one['maxValue']}"
    elif "approximateValue" in one:
        amount = f"about {one['approximateValue']}"
    else:
        amount = ""
    detail = " ".join(str(x) for x in (amount, unit) if x != "")
    if "since" in one:
        detail += f", since {one['since']}"
    wording = one.get("wording")
    if wording:
        return f"{wording} ({detail})" if detail else str(wording)
    return detail


class _Facts:
    """The raw facts about a set of subjects: every statement about them (one query per chunk of
    subjects, or one for all), and the named graphs of their types and relations (another).

    ``literals_only`` fetches the literal statements alone, of the ``literals_only`` properties
    (enough for names and labels).
    """

    def __init__(self, store, subjects: Iterable[str] | None, *, literals_only: Iterable[str] | None = None):
        self.types: dict[str, set[str]] = defaultdict(set)
        self.type_graphs: dict[str, set[str]] = defaultdict(set)
        self.literals: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        self.links: dict[tuple[str, str, str], set[str]] = {}
        self._auxiliary: dict[str, bool] = {}
        rdf_type = str(RDF.type)
        pattern = "?s ?p ?o ."
        if literals_only is not None:
            # a FILTER: VALUES ?p here makes Oxigraph scan, and a UNION of BINDs crashes Virtuoso 7.2
            either = " || ".join(f"?p = {URIRef(p).n3()}" for p in sorted(literals_only))
            pattern = f"?s ?p ?o . FILTER(isLiteral(?o) && ({either}))"
        statements = _select_chunked(
            store, "s", subjects, lambda values: f"SELECT DISTINCT ?s ?p ?o WHERE {{ {values} {pattern} {_entity_filter('s')} }}"
        )
        for row in statements:
            s, p, o = str(row["s"]), str(row["p"]), row["o"]
            if isinstance(o, Literal):
                self.literals[s].append((p, o))
            if p == rdf_type:
                self.types[s].add(str(o))
            elif isinstance(o, URIRef):
                self.links.setdefault((s, p, str(o)), set())
        for pairs in self.literals.values():
            pairs.sort(key=_literal_key)  # the same first label whatever order a store answers in
        if literals_only is not None:
            return
        in_graphs = _select_chunked(
            store,
            "s",
            subjects,
            lambda values: f"SELECT ?s ?p ?o ?g WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} {_entity_filter('s')} FILTER(!isLiteral(?o)) }}",
        )
        for row in in_graphs:
            s, p = str(row["s"]), str(row["p"])
            if p == rdf_type:
                self.type_graphs[s].add(str(row["g"]))
                continue
            graphs = self.links.get((s, p, str(row["o"])))
            if graphs is not None:
                graphs.add(str(row["g"]))

    def is_auxiliary(self, iri: str) -> bool:
        known = self._auxiliary.get(iri)
        if known is None:
            known = self._auxiliary[iri] = not _AUXILIARY_IRIS.isdisjoint(self.types.get(iri, ()))
        return known


def _auxiliary_of(store, entities: set[str]) -> set[str]:
    """Role and quantity nodes hanging off the given entities."""
    # a FILTER, not a second VALUES block: Oxigraph would start from every role node in the store
    aux = " || ".join(f"?t = {URIRef(t).n3()}" for t in sorted(AUXILIARY))
    rows = _select_chunked(
        store, "e", entities, lambda values: f"SELECT DISTINCT ?a WHERE {{ {values} ?e ?p ?a . ?a a ?t . FILTER({aux}) }}"
    )
    return {str(r["a"]) for r in rows}


def entity_graph(store, nodes: Iterable[str] | None = None, *, lang: str = "en") -> nx.MultiDiGraph:
    """Entities as nodes and relations between them as edges, with labels and evidence.

    ``nodes`` limits the graph to those entity IRIs (the induced subgraph), fetched with VALUES
    so the cost follows the subgraph, not the store. ``lang`` picks the language of ``label``.
    """
    wanted = None if nodes is None else {str(n) for n in nodes}
    subjects = None if wanted is None else wanted | _auxiliary_of(store, wanted)
    facts = _Facts(store, subjects)
    supers = _ontology_supers(store)

    entities = {s for s in facts.types if not facts.is_auxiliary(s)}
    # entities only ever named as objects (no type of their own) still belong in the graph
    for s, _p, o in facts.links:
        if not facts.is_auxiliary(s) and o.startswith(ENTITY_NS) and o not in facts.types:
            entities.add(o)
    if wanted is not None:
        entities &= wanted

    links_by_subject: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, p, o in sorted(facts.links):  # sorted: the same attributes whatever order a store answers in
        links_by_subject[s].append((p, o))

    used_graphs = set().union(*facts.links.values(), *facts.type_graphs.values()) if facts.links or facts.type_graphs else set()
    evidence = _evidence(store, used_graphs if wanted is not None else None)

    graph = nx.MultiDiGraph(kind="entities", lang=lang)
    for iri in sorted(entities):
        graph.add_node(iri, **_node_attributes(iri, facts, links_by_subject, supers, evidence, lang))

    # qualifiers from role nodes: the role's property that the subject also states directly is
    # the relation qualified; the role's other properties are its qualifiers
    qualifiers: dict[tuple[str, str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, role in sorted(facts.links):
        if p != QUALIFIED_RELATION or s not in entities:
            continue
        role_links = links_by_subject.get(role, [])
        role_literals = facts.literals.get(role, [])
        direct = [(rp, ro) for rp, ro in role_links if (s, rp, ro) in facts.links]
        for rp, ro in direct:
            target = qualifiers[(s, rp, ro)]
            for qp, qo in role_links:
                if (qp, qo) != (rp, ro):
                    target[local_name(qp)].append(qo)
            for qp, qo in role_literals:
                target[local_name(qp)].append(_plain(qo))

    implied: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, o in facts.links:
        for sup in supers.get(p, ()):
            if (s, sup, o) in facts.links:
                implied[(s, o)].add(sup)

    for (s, p, o), graphs in sorted(facts.links.items()):
        if s not in entities or o not in entities or p == QUALIFIED_RELATION:
            continue
        if p in implied.get((s, o), ()):
            continue  # a standard super-property the build materialised: folded onto the specific edge
        data: dict[str, Any] = {"predicate": p, "property": _short(p), "label": predicate_label(p)}
        sub_supers = sorted(_short(x) for x in supers.get(p, ()) if (s, x, o) in facts.links)
        if sub_supers:
            data["implies"] = sub_supers
        for q, values in qualifiers.get((s, p, o), {}).items():
            values = [_readable(v, graph) for v in values]
            values = list(dict.fromkeys(values))
            data[q] = values[0] if len(values) == 1 else values
        ev = [evidence[g] for g in sorted(graphs) if g in evidence]
        ev.sort(key=lambda e: ("sentence" not in e, e.get("source", "")))
        if ev:
            data["evidence"] = ev
            data["source"] = ev[0]["source"]
            if "sentence" in ev[0]:
                data["sentence"] = ev[0]["sentence"]
        graph.add_edge(s, o, key=_short(p), **data)
    return graph


def _readable(value: Any, graph: nx.MultiDiGraph) -> Any:
    """An entity IRI used as a qualifier value (a producer's side) becomes its label."""
    if isinstance(value, str) and value in graph.nodes:
        return graph.nodes[value].get("label", entity_id(value))
    if isinstance(value, str) and value.startswith(ENTITY_NS):
        return entity_id(value)
    return value


def _node_attributes(iri, facts: _Facts, links_by_subject, supers, evidence, lang) -> dict[str, Any]:
    types = facts.types.get(iri, set())
    attrs: dict[str, Any] = {
        "entity_id": entity_id(iri),
        "iri": iri,
        "class": class_word(types),
        "classes": sorted(_short(t) for t in types),
    }
    labels: dict[str, str] = {}
    values: dict[str, list] = defaultdict(list)
    literal_pairs = facts.literals.get(iri, [])
    sub_values = {(sup, str(o)) for p, o in literal_pairs for sup in supers.get(p, ())}
    for p, o in literal_pairs:
        if (p, str(o)) in sub_values:
            continue  # e.g. schema:description materialised from kgo:claimedDistinction
        if p == RDFS_LABEL:
            if o.language and o.language not in labels:
                labels[o.language] = str(o)
            elif not o.language:
                labels.setdefault("", str(o))
            continue
        values[local_name(p)].append(_plain(o))
    for code, text in sorted(labels.items()):
        if code:
            attrs[f"label_{code}"] = text
    own_links = links_by_subject.get(iri, [])
    own_literals = set(literal_pairs)
    link_supers = {sup for q, _ in own_links for sup in supers.get(q, ())}
    for p, o in own_links:
        if o.startswith(WD_NS):
            attrs["wikidata"] = local_name(o)
        elif p == QUALIFIED_RELATION:
            # role nodes about a literal value (a date's wording) land on the entity
            for rp, ro in facts.literals.get(o, []):
                if (rp, ro) in own_literals:
                    for qp, qo in facts.literals.get(o, []):
                        if qp != rp:
                            values[f"{local_name(rp)}_{local_name(qp)}"].append(_plain(qo))
        elif facts.is_auxiliary(o):
            if p in link_supers:
                continue  # schema:size beside kgo:castAndCrewSize
            parts: dict[str, list] = defaultdict(list)
            for qp, qo in facts.literals.get(o, []):
                parts[local_name(qp)].append(_plain(qo))
            values[local_name(p)].append(_quantity_text(parts))
        elif not o.startswith(ENTITY_NS):
            values[local_name(p)].append(o)  # web addresses (schema:url, other sameAs)
    for key, vals in sorted(values.items()):
        if key in attrs or key in ("label",):
            key = f"{key}_value"
        vals = list(dict.fromkeys(vals))
        attrs[key] = vals[0] if len(vals) == 1 else sorted(vals, key=str)
    attrs["label"] = pick_label(attrs, lang)
    sources = sorted({evidence[g]["source"] for g in facts.type_graphs.get(iri, ()) if g in evidence})
    if sources:
        attrs["sources"] = sources
    return attrs


def pick_label(attrs: dict[str, Any], lang: str = "en") -> str:
    """The node's name in ``lang``, else its ``label``, else in English, else its name, else a
    short text, else its id."""
    for key in (f"label_{lang}", "label", "label_en", "name", "prefLabel"):
        value = attrs.get(key)
        if value:
            return value if isinstance(value, str) else str(value[0])
    for key in attrs:
        if key.startswith("label_") and attrs[key]:
            return str(attrs[key])
    text = attrs.get("text")
    if text:
        text = text if isinstance(text, str) else str(text[0])
        return "“" + (text[:40] + "…" if len(text) > 40 else text) + "”"
    return str(attrs.get("entity_id", ""))


def relabel(graph: nx.Graph, lang: str) -> nx.Graph:
    """A copy of ``graph`` whose ``label`` attributes are in ``lang`` (where a label exists)."""
    graph = graph.copy()
    for _, attrs in graph.nodes(data=True):
        attrs["label"] = pick_label(attrs, lang)
    graph.graph["lang"] = lang
    return graph


# ---- projections --------------------------------------------------------------------------------


def projection(store, name: str, *, lang: str = "en") -> nx.Graph:
    """One of :data:`PROJECTIONS`: ``countries``, ``people`` or ``events``."""
    if name == "countries":
        return country_network(store, lang=lang)
    if name == "people":
        return collaboration_network(store, lang=lang)
    if name == "events":
        return film_event_network(store, lang=lang)
    raise KGError(Problem("projection", None, f"no projection '{name}'", f"use one of: {', '.join(PROJECTIONS)}"))


def _film_links(store, target_class: str, *, predicate: str | None = None, exclude: str | None = None) -> list[tuple[str, str, str, str]]:
    """(film, property, target, named graph) for the films' links to entities of ``target_class``:
    through ``predicate`` only (a fixed property the store looks up by index), or any but ``exclude``."""
    if predicate:
        rows = _select(
            store,
            f"SELECT ?film ?x ?g WHERE {{ ?film a schema:Movie . ?x a {target_class} . GRAPH ?g {{ ?film {predicate} ?x }} }}",
        )
        full = _expand(predicate)
        return [(str(r["film"]), full, str(r["x"]), str(r["g"])) for r in rows]
    rows = _select(
        store,
        f"""SELECT ?film ?p ?x ?g WHERE {{
          ?film a schema:Movie . ?x a {target_class} .
          GRAPH ?g {{ ?film ?p ?x }}
          {f"FILTER(?p != {exclude})" if exclude else ""}
        }}""",
    )
    return [(str(r["film"]), str(r["p"]), str(r["x"]), str(r["g"])) for r in rows]


def _expand(curie: str) -> str:
    prefix, _, name = curie.partition(":")
    return str(PREFIXES[prefix]) + name


def _labels(store, iris: Iterable[str], lang: str) -> dict[str, str]:
    """The ``label`` :func:`entity_graph` gives each of ``iris``, read from the literals
    :func:`pick_label` looks at (and their sub-properties') alone."""
    supers = _ontology_supers(store)
    wanted = {_expand(p) for p in LABEL_PROPERTIES}
    wanted |= {sub for sub, sups in supers.items() if sups & wanted}
    facts = _Facts(store, iris, literals_only=wanted)
    return {iri: _node_attributes(iri, facts, {}, supers, {}, lang)["label"] for iri in iris}


def _pairs_network(store, links, *, kind: str, lang: str, extra_nodes: Iterable[str] = ()) -> nx.Graph:
    """Nodes linked when they share a film; weight = number of films, with names and evidence."""
    by_film: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    graphs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    films_of: dict[str, set[str]] = defaultdict(set)
    for film, p, x, g in links:
        by_film[film][x].add(predicate_label(p))
        graphs_of[(film, x)].add(g)
        films_of[x].add(film)
    members = set(extra_nodes) | set(films_of)
    # the members' own attributes; the films are only named (their relations are not needed)
    facts = entity_graph(store, members, lang=lang)
    film_labels = _labels(store, by_film, lang)
    evidence = _evidence(store, set().union(*graphs_of.values()) if graphs_of else set())

    graph = nx.Graph(kind=kind, lang=lang)
    for x in sorted(members):
        attrs = dict(facts.nodes[x]) if x in facts else {"entity_id": entity_id(x), "iri": x, "label": entity_id(x), "class": "Thing"}
        attrs["films"] = sorted(film_labels[f] for f in films_of.get(x, ()))
        attrs["film_count"] = len(attrs["films"])
        graph.add_node(x, **attrs)
    seen: dict[tuple[str, str], set[tuple]] = defaultdict(set)  # (quote, source) already on an edge
    for film in sorted(by_film):
        film_label = film_labels[film]
        xs = sorted(by_film[film])
        for i, a in enumerate(xs):
            for b in xs[i + 1 :]:
                if not graph.has_edge(a, b):
                    graph.add_edge(a, b, weight=0, films=[], film_ids=[], evidence=[])
                data = graph.edges[a, b]
                data["weight"] += 1
                data["films"].append(film_label)
                data["film_ids"].append(film)
                on_edge = seen[(a, b)]
                for x in (a, b):
                    for g in sorted(graphs_of[(film, x)]):
                        if g in evidence and (evidence[g].get("quote"), evidence[g]["source"]) not in on_edge:
                            on_edge.add((evidence[g].get("quote"), evidence[g]["source"]))
                            data["evidence"].append({**evidence[g], "film": film_label})
                if kind == "people":
                    roles = {graph.nodes[x]["label"]: sorted(by_film[film][x]) for x in (a, b)}
                    data.setdefault("roles", {}).update({f"{who} ({film_label})": r for who, r in roles.items()})
    for _a, _b, data in graph.edges(data=True):
        data["label"] = ", ".join(data["films"]) if data["weight"] <= 2 else f"{data['weight']} films"
        data["evidence"].sort(key=lambda e: ("sentence" not in e, e.get("source", "")))
        if data["evidence"]:
            data["source"] = data["evidence"][0]["source"]
            if "sentence" in data["evidence"][0]:
                data["sentence"] = data["evidence"][0]["sentence"]
    return graph


#: Above this many (film, country) statements the country view carries counts per year only, not
#: each line's film names and evidence (the aggregate is one SPARQL query; the evidence is not).
DETAIL_LIMIT = 5000

#: Seed of the Louvain communities that colour the country view (the same colours every run).
COMMUNITY_SEED = 1


def _year(value: Any) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def country_years(store) -> tuple[dict[tuple[str, str], dict[int | None, int]], dict[str, dict[int | None, int]]]:
    """Films per pair of countries and per country, by year: two SPARQL aggregates.

    A film's year is the earliest year any source gives it (``schema:datePublished``), as in the
    named query ``coproductions-by-pair``; ``None`` holds the films no source dates. Pairs are
    ``(a, b)`` with ``a < b``.
    """
    year = "OPTIONAL { SELECT ?f (MIN(SUBSTR(STR(?d), 1, 4)) AS ?year) WHERE { ?f a schema:Movie ; schema:datePublished ?d } GROUP BY ?f }"
    rows = _select(
        store,
        f"""SELECT ?a ?b ?year (COUNT(DISTINCT ?f) AS ?n) WHERE {{
          ?f a schema:Movie ; schema:countryOfOrigin ?a , ?b . FILTER(STR(?a) < STR(?b))
          ?a a schema:Country . ?b a schema:Country .
          {year}
        }} GROUP BY ?a ?b ?year""",
    )
    pairs: dict[tuple[str, str], dict[int | None, int]] = defaultdict(dict)
    for r in rows:
        by_year = pairs[(str(r["a"]), str(r["b"]))]
        y = _year(r.get("year"))
        by_year[y] = by_year.get(y, 0) + int(r["n"])
    rows = _select(
        store,
        f"""SELECT ?c ?year (COUNT(DISTINCT ?f) AS ?n) WHERE {{
          ?f a schema:Movie ; schema:countryOfOrigin ?c . ?c a schema:Country .
          {year}
        }} GROUP BY ?c ?year""",
    )
    countries: dict[str, dict[int | None, int]] = defaultdict(dict)
    for r in rows:
        by_year = countries[str(r["c"])]
        y = _year(r.get("year"))
        by_year[y] = by_year.get(y, 0) + int(r["n"])
    return dict(pairs), dict(countries)


def memberships(store) -> dict[str, dict[str, str | None]]:
    """Country -> {organisation IRI: the earliest date it joined (ISO text) or None}."""
    rows = _select(
        store,
        """SELECT DISTINCT ?org ?c ?since WHERE {
          ?org a schema:Organization ; schema:member ?c . ?c a schema:Country .
          OPTIONAL { ?org kgo:qualifiedRelation ?r . ?r schema:member ?c ; schema:startDate ?since }
        }""",
    )
    found: dict[str, dict[str, str | None]] = defaultdict(dict)
    for row in rows:
        c, org = str(row["c"]), str(row["org"])
        since = str(row["since"])[:10] if row.get("since") is not None else None
        known = found[c].get(org)
        found[c][org] = since if known is None else min(known, since) if since else known
    return dict(found)


def country_network(store, *, lang: str = "en", detail: bool | None = None) -> nx.Graph:
    """Countries linked by the films they co-produce (``schema:countryOfOrigin``).

    Edge ``weight`` = number of films, ``years`` = films per year (``undated``: films no source
    dates), and, when ``detail`` (default: at most :data:`DETAIL_LIMIT` film–country statements),
    ``films`` their names and ``evidence`` the statements. Weights and years come from SPARQL
    aggregates, so the projection of a million-quad store takes a fraction of a second; the names
    and evidence are what would cost seconds there.

    Nodes carry ``film_count``, ``years``, ``community`` (Louvain over the weighted lines, seeded:
    the same communities every run; ``None`` for a country without a line) and, for member states
    of an organisation (the SCO), ``member_of`` and ``member_since`` (the date it joined, where a
    source gives it). Member states are nodes even without a co-production, so the view shows who
    does not co-produce yet.
    """
    pairs, per_country = country_years(store)
    member_of = memberships(store)
    if detail is None:
        detail = sum(sum(y.values()) for y in per_country.values()) <= DETAIL_LIMIT
    if detail:
        links = _film_links(store, "schema:Country", predicate="schema:countryOfOrigin")
        graph = _pairs_network(store, links, kind="countries", lang=lang, extra_nodes=member_of)
    else:
        members = set(member_of) | set(per_country)
        facts = entity_graph(store, members, lang=lang)
        graph = nx.Graph(kind="countries", lang=lang)
        for x in sorted(members):
            attrs = dict(facts.nodes[x]) if x in facts else {"entity_id": entity_id(x), "iri": x, "label": entity_id(x), "class": "Country"}
            graph.add_node(x, **attrs)
        for (a, b), by_year in sorted(pairs.items()):
            n = sum(by_year.values())
            graph.add_edge(a, b, weight=n, label=f"{n} film{'s' if n != 1 else ''}")
        graph.graph["films_listed"] = False
    for (a, b), by_year in pairs.items():
        if graph.has_edge(a, b):
            data = graph.edges[a, b]
            data["years"] = {y: n for y, n in sorted((k, v) for k, v in by_year.items() if k is not None)}
            if None in by_year:
                data["undated"] = by_year[None]
    for c, attrs in graph.nodes(data=True):
        by_year = per_country.get(c, {})
        attrs["film_count"] = sum(by_year.values())
        attrs["years"] = {y: n for y, n in sorted((k, v) for k, v in by_year.items() if k is not None)}
        if None in by_year:
            attrs["undated"] = by_year[None]
    orgs_of = {o for os_ in member_of.values() for o in os_}
    orgs = entity_graph(store, orgs_of, lang=lang) if orgs_of else nx.MultiDiGraph()
    for c, attrs in graph.nodes(data=True):
        joined = member_of.get(c, {})
        names = sorted(orgs.nodes[o].get("alternateName") or orgs.nodes[o]["label"] for o in joined if o in orgs)
        if names:
            attrs["member_of"] = names if len(names) > 1 else names[0]
            attrs["group"] = f"{names[0]} member state" if len(names) == 1 else "member state"
            dates = [d for d in joined.values() if d]
            if dates:
                attrs["member_since"] = min(dates)
    _communities(graph)
    return graph


def _communities(graph: nx.Graph) -> None:
    """Number the Louvain communities of the linked nodes 1, 2 … by size (then by their first
    label), seeded so a view is coloured the same way every time; unlinked nodes get ``None``."""
    linked = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    found = nx.community.louvain_communities(linked, weight="weight", seed=COMMUNITY_SEED) if linked.number_of_edges() else []
    ordered = sorted(found, key=lambda c: (-len(c), min(str(graph.nodes[n].get("label", n)) for n in c)))
    for n in graph:
        graph.nodes[n]["community"] = None
    for i, members in enumerate(ordered, start=1):
        for n in members:
            graph.nodes[n]["community"] = i


#: A whole-graph view of more entities than this draws :func:`summary_graph` instead.
SUMMARY_THRESHOLD = 3000


def entity_count(store) -> int:
    """How many entities the store holds (typed IRIs under the resource namespace, role and quantity
    nodes left out, as :func:`entity_graph` leaves them out): one aggregate."""
    aux = " ".join(URIRef(t).n3() for t in sorted(AUXILIARY))
    # all typed IRIs less the auxiliary ones: two index scans (a FILTER NOT EXISTS took 3x as long)
    typed = _select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?t . {_entity_filter('s')} }}")
    auxiliary = _select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?t {{ {aux} }} ?s a ?t . {_entity_filter('s')} }}")
    return (int(typed[0]["n"]) if typed else 0) - (int(auxiliary[0]["n"]) if auxiliary else 0)


#: A summary shows at most this many communities; the smallest beyond them are merged into one node.
SUMMARY_GROUPS = 60


def summary_graph(store, *, lang: str = "en", examples: int = 3, entities: int | None = None, seed: int = COMMUNITY_SEED) -> nx.Graph:
    """The whole graph in a few nodes: one per community of linked entities, with how many
    entities it holds, of which classes, and a few of its best-linked entities to focus on; lines
    count the links between two communities.

    Communities are found by networkx's fast label propagation (seeded: the same every run)
    over the links between entities, read with one SPARQL query. At a million quads that is
    about 4 s to read 400k links and 3 s to find the communities; Louvain took 21 s there.
    Entities linked to nothing are one node of their own. At most :data:`SUMMARY_GROUPS` nodes:
    smaller communities beyond them are merged into one.
    """
    links = _select(
        store,
        f"""SELECT ?s ?o WHERE {{ ?s ?p ?o . FILTER(?p != rdf:type && ?p != kgo:qualifiedRelation)
          {_entity_filter("s")} {_entity_filter("o")} }}""",
    )
    typed = _select(store, f"SELECT ?s ?t WHERE {{ ?s a ?t . {_entity_filter('s')} }}")
    types: dict[str, set[str]] = defaultdict(set)
    for r in typed:
        types[str(r["s"])].add(str(r["t"]))
    kinds = {e: class_word(ts) for e, ts in types.items() if not ts & _AUXILIARY_IRIS}
    linked = nx.Graph()
    linked.add_edges_from((a, b) for a, b in ((str(r["s"]), str(r["o"])) for r in links) if a != b and a in kinds and b in kinds)
    found = sorted(nx.community.fast_label_propagation_communities(linked, seed=seed), key=lambda c: (-len(c), min(c)))
    merged = SUMMARY_GROUPS - 1 if len(found) > SUMMARY_GROUPS else None  # where the smaller ones go
    if merged is not None:
        found = [*found[:merged], set().union(*found[merged:])]
    alone = set(kinds) - set(linked)
    if alone:
        found.append(alone)
    group_of = {e: i for i, members in enumerate(found) for e in members}
    best = {i: sorted(members, key=lambda e: (-linked.degree(e) if e in linked else 0, e))[:examples] for i, members in enumerate(found)}
    names = {}
    for r in _select_chunked(
        store,
        "s",
        [e for picks in best.values() for e in picks],
        lambda values: f'SELECT ?s ?l WHERE {{ {values} ?s rdfs:label|schema:name ?l . FILTER(LANG(?l) = "{lang}" || LANG(?l) = "") }}',
    ):
        names.setdefault(str(r["s"]), str(r["l"]))
    graph = nx.Graph(kind="summary", lang=lang, entities=len(kinds) if entities is None else entities)  # as entity_count() counts them
    for i, members in enumerate(found):
        counts: dict[str, int] = defaultdict(int)
        for e in members:
            counts[kinds[e]] += 1
        classes = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if members is alone:
            title = "linked to nothing"
        elif i == merged:
            title = "smaller groups"
        else:
            title = " + ".join(w for w, _ in classes[:2])
        shown = [names.get(e, entity_id(e)) for e in best[i]]
        attrs = {
            "label": f"{title} ({len(members):,})",
            "class": classes[0][0],
            "entities": len(members),
            "classes": ", ".join(f"{w} {n:,}" for w, n in classes[:5]),
            "examples": shown,
        }
        if shown:
            attrs["focus with"] = f'kg view --focus "{shown[0]}"'
        graph.add_node(f"group-{i + 1}", **attrs)
    between: dict[tuple[int, int], int] = defaultdict(int)
    for a, b in linked.edges():
        x, y = group_of[a], group_of[b]
        if x != y:
            between[(min(x, y), max(x, y))] += 1
    for (x, y), n in between.items():
        graph.add_edge(f"group-{x + 1}", f"group-{y + 1}", weight=n, relations=n)
    total = graph.graph["entities"]
    graph.graph["note"] = (
        f"{total:,} entities: too many to draw one by one. Each node is a community of entities linked more among themselves "
        "than to the rest (its size: how many; its colour: its commonest class), a line the links between two communities. "
        "To see entities, focus: kg view --focus NAME --hops 1 (a node's tooltip names some), kg view --projection "
        "countries|people|events, or kg.network.focus_graph(store, NAME) in Python."
    )
    return graph


def collaboration_network(store, *, lang: str = "en") -> nx.Graph:
    """People linked through the films they worked on together (any role: director, actor …)."""
    links = _film_links(store, "schema:Person", exclude="kgo:qualifiedRelation")
    return _pairs_network(store, links, kind="people", lang=lang)


def film_event_network(store, *, lang: str = "en") -> nx.MultiDiGraph:
    """Films and events (festivals, screenings, releases, programmes) and how they are linked."""
    rows = _select(store, "SELECT DISTINCT ?x WHERE { { ?x a schema:Movie } UNION { ?x a schema:Event } }")
    graph = entity_graph(store, {str(r["x"]) for r in rows}, lang=lang)
    graph.graph["kind"] = "events"
    return graph


# ---- focus subgraphs ------------------------------------------------------------------------------


def find_entities(store, name: str) -> list[str]:
    """Entities whose id, name or label in any language is ``name`` (case-insensitive).

    The name as given is looked up first (an indexed lookup of the literal, plain and in each of
    :data:`LANGUAGES`); only when neither it nor an id matches are all names compared ignoring case.
    """
    given = name.strip()
    wanted = given.casefold()
    if not wanted:
        return []
    found = _exact_names(store, given)
    ident = given.removeprefix(ENTITY_NS)
    if re.fullmatch(r"[A-Za-z0-9._~/-]+", ident):
        for candidate in {ident, ident.lower()}:
            iri = URIRef(ENTITY_NS + candidate)
            if _select(store, f"SELECT ?t WHERE {{ {iri.n3()} a ?t }} LIMIT 1"):
                found.add(str(iri))
    if not found:
        text = Literal(wanted).n3()
        rows = _select(
            store,
            f"""SELECT DISTINCT ?e WHERE {{
              ?e {"|".join(NAME_PROPERTIES)} ?n . FILTER(LCASE(STR(?n)) = {text})
              {_entity_filter("e")}
            }}""",
        )
        found = {str(r["e"]) for r in rows}
    if not found:
        return []
    aux = _select_chunked(store, "e", found, lambda values: f"SELECT DISTINCT ?e ?t WHERE {{ {values} ?e a ?t }}")
    auxiliary = {str(r["e"]) for r in aux if str(r["t"]) in _AUXILIARY_IRIS}
    return sorted(found - auxiliary)


def _exact_names(store, text: str) -> set[str]:
    """Entities with ``text`` itself as a name: the literal bound with VALUES, so looked up by index."""
    literals = " ".join(Literal(text, lang=code).n3() for code in (None, *LANGUAGES))
    rows = _select(
        store,
        f"""SELECT DISTINCT ?e WHERE {{
          VALUES ?n {{ {literals} }} VALUES ?p {{ {" ".join(NAME_PROPERTIES)} }}
          ?e ?p ?n . {_entity_filter("e")}
        }}""",
    )
    return {str(r["e"]) for r in rows}


def _suggest(store, name: str) -> str:
    import difflib

    rows = _select(store, f"SELECT DISTINCT ?n WHERE {{ ?e rdfs:label|schema:name ?n . {_entity_filter('e')} }}")
    names = sorted({str(r["n"]) for r in rows})
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    if not close:
        close = [n for n in names if name.casefold() in n.casefold()][:5]
    return f"did you mean: {', '.join(close)}?" if close else "give an entity's id, name or label (kg query can list them)"


def focus_nodes(store, seeds: Iterable[str], hops: int = 1) -> dict[str, int]:
    """Entities within ``hops`` relations of the seeds (either direction) -> their distance."""
    aux = " ".join(URIRef(t).n3() for t in sorted(AUXILIARY))
    distance = {s: 0 for s in seeds}
    frontier = set(distance)
    for hop in range(1, hops + 1):
        if not frontier:
            break
        rows = _select_chunked(
            store,
            "x",
            frontier,
            lambda values: (
                f"""SELECT DISTINCT ?n WHERE {{
              {values}
              {{ ?x ?p ?n }} UNION {{ ?n ?p ?x }}
              FILTER(?p != kgo:qualifiedRelation && ?p != rdf:type)
              {_entity_filter("n")}
              FILTER NOT EXISTS {{ ?n a ?aux . VALUES ?aux {{ {aux} }} }}
            }}"""
            ),
        )
        frontier = {str(r["n"]) for r in rows} - set(distance)
        for n in frontier:
            distance[n] = hop
    return distance


def focus_graph(store, name: str, hops: int = 1, *, lang: str = "en") -> nx.MultiDiGraph:
    """The entities within ``hops`` relations of the entity called ``name``, and their relations.

    Raises :class:`KGError` (with close names) when nothing is called ``name``.
    """
    if hops < 0:
        raise KGError(Problem("--hops", None, f"hops must be 0 or more, not {hops}"))
    seeds = find_entities(store, name)
    if not seeds:
        raise KGError(Problem("--focus", None, f"no entity is called '{name}'", _suggest(store, name)))
    distance = focus_nodes(store, seeds, hops)
    graph = entity_graph(store, distance, lang=lang)
    for node, attrs in graph.nodes(data=True):
        attrs["hops"] = distance.get(node, 0)
        if attrs["hops"] == 0:
            attrs["focus"] = True
    graph.graph.update(kind="focus", focus=name, hops=hops)
    return graph


def build_graph(store, *, projection_name: str | None = None, focus: str | None = None, hops: int = 1, lang: str = "en") -> nx.Graph:
    """What ``kg view`` and ``kg export`` draw: a projection, a focus subgraph, or the whole graph,
    with the nodes the sources disagree about marked (:func:`mark_conflicts`)."""
    from kg.curate.conflicts import find_conflicts

    if lang not in LANGUAGES:
        raise KGError(Problem("--lang", None, f"no language '{lang}'", f"use one of: {', '.join(LANGUAGES)}"))
    if projection_name and focus:
        raise KGError(Problem("kg", None, "give --projection or --focus, not both"))
    if projection_name:
        graph = projection(store, projection_name, lang=lang)
    elif focus:
        graph = focus_graph(store, focus, hops, lang=lang)
    else:
        graph = entity_graph(store, lang=lang)
    nodes = [str(n) for n in graph] if (projection_name or focus) and graph.number_of_nodes() <= CHUNK_SIZE else None
    mark_conflicts(graph, find_conflicts(store, nodes))
    return graph


def mark_conflicts(graph: nx.Graph, conflicts: Iterable) -> None:
    """Give every node the sources disagree about a ``disputed`` list of lines: the disagreement,
    then what each claim says and who says it.

    The build keeps every claim; without this a view shows them side by side as if they agreed
    (two box-office figures, two premiere dates). Exports carry the lines too, for Gephi.
    """
    for conflict in conflicts:
        if conflict.subject not in graph:
            continue
        lines = graph.nodes[conflict.subject].setdefault("disputed", [])
        lines.append(f"{conflict.kind} ({conflict.property}): {conflict.summary}")
        for claim in conflict.claims:
            words = f' "{claim.wording}"' if claim.wording and claim.wording != claim.value else ""
            lines.append(f"• {claim.value}{words} — {claim.publisher or claim.source}")


# ---- exports -----------------------------------------------------------------------------------


def _scalar(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set)) and all(isinstance(v, (str, int, float, bool)) for v in value):
        return "; ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def scalar_copy(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all strings, numbers or booleans (what GraphML and GEXF hold):
    lists become ``a; b``, structures (evidence) JSON text, missing values are left out."""
    out = graph.__class__()
    out.graph.update({k: _scalar(v) for k, v in graph.graph.items() if v is not None})
    for node, attrs in graph.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    if graph.is_multigraph():
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            out.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in attrs.items() if x is not None})
    else:
        for u, v, attrs in graph.edges(data=True):
            out.add_edge(u, v, **{k: _scalar(x) for k, x in attrs.items() if x is not None})
    return out


def node_link(graph: nx.Graph) -> dict:
    """The graph as node-link JSON data (``nodes``, ``edges``), attributes kept as they are."""
    return nx.node_link_data(graph, edges="edges")


def export(graph: nx.Graph, path: Path | str, fmt: str | None = None) -> Path:
    """Write ``graph`` as GraphML, GEXF or node-link JSON (format from ``fmt`` or the suffix).

    The file is written atomically; the graph is not changed.
    """
    path = Path(path)
    fmt = fmt or {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}.get(path.suffix.lower())
    if fmt not in EXPORT_FORMATS:
        raise KGError(
            Problem(path, None, "unknown export format", f"use --format {'|'.join(EXPORT_FORMATS)} or a .graphml/.gexf/.json file")
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        data = json.dumps(node_link(graph), ensure_ascii=False, indent=1, default=str).encode("utf-8")
    else:
        import io

        buf = io.BytesIO()
        flat = scalar_copy(graph)
        if fmt == "graphml":
            nx.write_graphml(flat, buf, encoding="utf-8")
        else:
            nx.write_gexf(flat, buf, encoding="utf-8")
        data = buf.getvalue()
    write_atomic(path, data)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (no half-written file)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
