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


def validate(dataset: Dataset, shapes_file: Path, quads: list | None = None, content: str | None = None) -> ValidationReport:
    """Validate the union of all graphs, plus the rule that every named graph has a source.

    pyshacl validates each named graph of a Dataset on its own, but our shapes span graphs (a
    film's name and its countries come from different sources), so we hand it the union. The
    graph names themselves are typed prov:Bundle here so the shapes can reach every one.

    ``quads``: the dataset's quads if already listed. ``content``: the dataset as sorted N-Quads
    (kg.ingest.output.render): the outcome is then kept in the build cache under a hash of it,
    of the shapes and of this code (kg.ingest.buildcache), and a rebuild of the same data skips
    pyshacl (0.3 s of the built-in data's build).
    """
    if content is not None:
        from importlib.metadata import version

        from kg.ingest.buildcache import cached, content_key

        try:
            shapes = shapes_file.read_bytes()
        except FileNotFoundError:
            raise InputError(Problem(shapes_file, None, "the SHACL shapes file is missing")) from None
        key = content_key(content, shapes, Path(__file__).read_bytes(), version("pyshacl"), version("rdflib"))
        outcome = cached("shacl", key, lambda: vars(validate(dataset, shapes_file, quads)))
        return ValidationReport(bool(outcome["conforms"]), list(outcome["violations"]))
    from pyshacl import validate as shacl  # heavy import, only when a build validates

    union = Graph()
    for s, p, o, _ in dataset.quads() if quads is None else quads:
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
