"""Turn checked fact sheets and documents into an RDF dataset that meets the data contract.

Every fact goes into a named graph that says where it comes from: the evidence span of a
document for document sheets, the source for reference sheets. Descriptions of documents,
sources and spans sit in the default graph. Standard triples implied by project terms are
materialised, so clients need no reasoner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.ingest.documents import Document, Span, load_documents
from kg.ingest.factsheets import Catalogue, Entity, Quantity, Sheet, Statement, load_catalogue
from kg.ingest.ontology import load_ontology, standard_supers
from kg.ingest.vocabulary import CLASSES, DOC, KGO, NIF, PREFIXES, PROPERTIES, QUALIFIERS, RES, SDO, SRC, WD

Triple = tuple[URIRef | BNode, URIRef, object]


def read_data(data_dir: Path) -> tuple[dict[str, Document], Catalogue]:
    """Read ``data_dir`` (documents/, facts/, reference/): the documents and every sheet, checked
    together. Raises :class:`kg.errors.InputError` listing every problem found in the input."""
    documents = load_documents(data_dir / "documents")
    sheets = sorted((data_dir / "facts").glob("*.yaml")) + sorted((data_dir / "reference").glob("*.yaml"))
    return documents, load_catalogue(sheets, documents)


def build_dataset(documents: dict[str, Document], catalogue: Catalogue, ontology_file: Path) -> Dataset:
    """The RDF dataset of what :func:`read_data` read, with the standard terms the ontology implies."""
    supers = standard_supers(load_ontology(ontology_file))
    return _Builder(documents, supers).build(catalogue)


def span_iri(document: Document, span: Span) -> URIRef:
    """The IRI of a span (NIF's RFC 5147 style), stable while the document text is unchanged."""
    return URIRef(f"{DOC[document.id]}#char={span.begin},{span.end}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Builder:
    def __init__(self, documents: dict[str, Document], supers: dict[URIRef, set[URIRef]]):
        self.documents = documents
        self.supers = supers
        self.ds = Dataset(default_union=True)
        for prefix, ns in PREFIXES.items():
            self.ds.bind(prefix, ns)
        self.meta = self.ds.default_graph
        self.described_spans: set[URIRef] = set()
        self.node_names: dict[str, int] = {}

    def build(self, catalogue: Catalogue) -> Dataset:
        for document in self.documents.values():
            self._describe_document(document)
        for sheet in catalogue.sheets:
            if sheet.source is not None:
                self._describe_source(sheet)
            for entity in sheet.entities:
                self._add(self._graph_for(sheet, entity.evidence), self._entity_triples(entity))
            for st in sheet.statements:
                graph = self._graph_for(sheet, st.evidence)
                self._add(graph, self._statement_triples(st, catalogue))
                if st.contested_by:
                    self.meta.add((graph.identifier, KGO.contestedBy, SRC[st.contested_by]))
                if st.note:
                    self.meta.add((graph.identifier, RDFS.comment, Literal(st.note)))
        return self.ds

    # -- graphs ---------------------------------------------------------------------------
    def _graph_for(self, sheet: Sheet, evidence) -> object:
        if sheet.source is not None:
            return self.ds.graph(SRC[sheet.source.id])
        document = self.documents[sheet.document]
        iri = span_iri(document, evidence.span)
        self._describe_span(document, evidence.span, evidence=True)
        return self.ds.graph(iri)

    def _describe_span(self, document: Document, span: Span, evidence: bool) -> URIRef:
        iri = span_iri(document, span)
        m = self.meta
        if iri not in self.described_spans:
            self.described_spans.add(iri)
            m.add((iri, RDF.type, NIF.String))
            m.add((iri, NIF.anchorOf, Literal(document.text[span.begin : span.end])))
            m.add((iri, NIF.beginIndex, Literal(span.begin, datatype=XSD.nonNegativeInteger)))
            m.add((iri, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)))
            m.add((iri, NIF.referenceContext, DOC[document.id]))
            m.add((iri, PROV.wasDerivedFrom, DOC[document.id]))
            sentence = document.sentence_of(span)
            if sentence == span:
                m.add((iri, RDF.type, NIF.Sentence))
            elif sentence is not None:
                m.add((iri, NIF.sentence, self._describe_span(document, sentence, evidence=False)))
        if evidence:
            m.add((iri, RDF.type, KGO.EvidenceSpan))
            m.add((iri, RDF.type, PROV.Bundle))
        return iri

    def _describe_document(self, d: Document) -> None:
        iri, m = DOC[d.id], self.meta
        publisher = RES["publisher/" + _slug(d.publisher)]
        for t in (SDO.NewsArticle, NIF.Context, PROV.Entity):
            m.add((iri, RDF.type, t))
        m.add((iri, SDO.headline, Literal(d.headline, lang=d.language)))
        m.add((iri, SDO.publisher, publisher))
        m.add((publisher, RDF.type, SDO.Organization))
        m.add((publisher, SDO.name, Literal(d.publisher)))
        m.add((iri, SDO.inLanguage, Literal(d.language)))
        m.add((iri, SDO.datePublished, d.date_published.literal()))
        if d.date_published_earliest:
            m.add((iri, KGO.datePublishedEarliest, d.date_published_earliest.literal()))
        if d.date_published_latest:
            m.add((iri, KGO.datePublishedLatest, d.date_published_latest.literal()))
        if d.date_published_derivation:
            m.add((iri, KGO.dateDerivation, Literal(" ".join(d.date_published_derivation.split()))))
        if d.url:
            m.add((iri, SDO.url, URIRef(d.url)))
        if d.encoding_format:
            m.add((iri, SDO.encodingFormat, Literal(d.encoding_format)))
        m.add((iri, NIF.isString, Literal(d.text)))
        m.add((iri, KGO.fileName, Literal(d.path.name)))
        for sentence in d.sentences:
            self._describe_span(d, sentence, evidence=False)

    def _describe_source(self, sheet: Sheet) -> None:
        s, m = sheet.source, self.meta
        graph, work = SRC[s.id], SRC[s.id + "/work"]
        for t in (PROV.Bundle, KGO.SourceGraph):
            m.add((graph, RDF.type, t))
        m.add((graph, PROV.wasDerivedFrom, work))
        m.add((graph, RDFS.label, Literal(s.title)))
        m.add((work, RDF.type, SDO.CreativeWork))
        m.add((work, RDF.type, PROV.Entity))
        m.add((work, SDO.name, Literal(s.title)))
        m.add((work, SDO.publisher, Literal(s.publisher)))
        for url in s.urls:
            m.add((work, SDO.url, URIRef(url)))
        if s.date:
            m.add((work, SDO.datePublished, s.date.literal()))
        if s.note:
            m.add((work, RDFS.comment, Literal(" ".join(s.note.split()))))

    def _add(self, graph, triples: Iterator[Triple]) -> None:
        for s, p, o in triples:
            graph.add((s, p, o))
            for standard in self.supers.get(p, ()):
                graph.add((s, standard, o))
            if p == RDF.type:
                for standard in self.supers.get(o, ()):
                    graph.add((s, RDF.type, standard))

    # -- triples ----------------------------------------------------------------------------
    def _entity_triples(self, e: Entity) -> Iterator[Triple]:
        iri = RES[e.id]
        for cls in CLASSES[e.type]:
            yield iri, RDF.type, cls
        if e.name:
            yield iri, SDO.name, Literal(e.name)
            yield iri, RDFS.label, Literal(e.name, lang="en")
            if e.type == "Genre":
                yield iri, SKOS.prefLabel, Literal(e.name, lang="en")
        if e.text:
            yield iri, SDO.text, Literal(e.text)
        for alias in e.aliases:
            yield iri, SDO.alternateName, Literal(alias)
        for lang, label in e.labels.items():
            yield iri, RDFS.label, Literal(label, lang=lang)
            if e.type == "Genre":
                yield iri, SKOS.prefLabel, Literal(label, lang=lang)
        if e.wikidata:
            yield iri, SDO.sameAs, WD[e.wikidata]

    def _statement_triples(self, st: Statement, catalogue: Catalogue) -> Iterator[Triple]:
        prop = PROPERTIES[st.property]
        subject = RES[st.subject]
        origin = st.sheet.document or st.sheet.source.id
        if st.quantity is not None:
            node = self._node(f"{st.subject}/{st.property}/{origin}")
            yield subject, prop.iri, node
            yield from self._quantity_triples(node, st.quantity, prop.kind)
            return
        if st.object is not None:
            value = RES[st.object]
        elif st.date is not None:
            value = st.date.date.literal()
        elif prop.kind == "iri":
            value = URIRef(st.value)
        elif prop.kind == "duration":
            value = Literal(st.value, datatype=XSD.duration)
        else:
            value = Literal(st.value, lang=st.lang)
        yield subject, prop.iri, value
        if prop.kind == "langtext" and catalogue.entities[st.subject].type == "Genre":
            yield subject, SKOS.prefLabel, value
        wording = st.date.wording if st.date else None
        if st.qualifiers or wording:
            role = self._node(f"{st.subject}/{st.property}/{st.object or 'value'}/{origin}")
            yield subject, KGO.qualifiedRelation, role
            yield role, RDF.type, prop.role_class
            if prop.role_class != SDO.Role:
                yield role, RDF.type, SDO.Role
            yield role, prop.iri, value
            if wording:
                yield role, KGO.wording, Literal(wording)
            for key, q in st.qualifiers.items():
                iri, kind = QUALIFIERS[key]
                if kind == "entity":
                    yield role, iri, RES[q]
                elif kind == "date":
                    yield role, iri, q.literal()
                else:
                    yield role, iri, Literal(q)

    def _quantity_triples(self, node: URIRef, q: Quantity, kind: str) -> Iterator[Triple]:
        yield node, RDF.type, SDO.MonetaryAmount if kind == "money" else SDO.QuantitativeValue
        for attr, iri in (("value", SDO.value), ("min", SDO.minValue), ("max", SDO.maxValue), ("approx", KGO.approximateValue)):
            number = getattr(q, attr)
            if number is not None:
                yield node, iri, Literal(number)
        if q.wording:
            yield node, KGO.wording, Literal(q.wording)
        if q.unit:
            yield node, SDO.unitText, Literal(q.unit)
        if q.currency:
            yield node, SDO.currency, Literal(q.currency)
        if q.since:
            yield node, KGO.since, q.since.literal()

    def _node(self, name: str) -> URIRef:
        """A readable, build-stable IRI for an auxiliary node; numbered when a name repeats."""
        n = self.node_names.get(name, 0) + 1
        self.node_names[name] = n
        return RES[name if n == 1 else f"{name}-{n}"]
