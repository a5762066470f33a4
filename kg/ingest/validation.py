"""SHACL check of a built dataset against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF, SH

from kg.errors import InputError, Problem


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[str]


def validate(dataset: Dataset, shapes_file: Path) -> ValidationReport:
    """Validate the union of all graphs, plus the rule that every named graph has a source.

    pyshacl validates each named graph of a Dataset on its own, but our shapes span graphs (a
    film's name and its countries come from different sources), so we hand it the union. The
    graph names themselves are typed prov:Bundle here so the shapes can reach every one.
    """
    from pyshacl import validate as shacl  # heavy import, only when a build validates

    union = Graph()
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    for g in dataset.graphs():
        if isinstance(g.identifier, URIRef) and g.identifier != dataset.default_graph.identifier and len(g):
            union.add((g.identifier, RDF.type, PROV.Bundle))
    try:
        shapes = Graph().parse(shapes_file, format="turtle")
    except FileNotFoundError:
        raise InputError(Problem(shapes_file, None, "the SHACL shapes file is missing")) from None
    conforms, results, _ = shacl(union, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        violations.append(f"{focus}: {message}" + (f" ({path})" if path else ""))
    return ValidationReport(bool(conforms), sorted(violations))
