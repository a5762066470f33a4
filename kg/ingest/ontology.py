"""The ontology file: what the build needs from it (the standard term each project term specialises)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.errors import InputError, Problem
from kg.ingest.vocabulary import KGO


def load_ontology(path: Path) -> Graph:
    """Parse the ontology, or say which line of it is broken."""
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise InputError(
            Problem(path, None, "the ontology file is missing", "run kg from the project folder, or pass --ontology")
        ) from None
    except Exception as e:  # rdflib raises several parser error types
        raise InputError(Problem(path, getattr(e, "lineno", None), f"the ontology does not parse: {e}")) from None


def standard_supers(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    """Project term -> every standard (non-project) term above it, through sub-class/-property chains."""
    parents: dict[URIRef, set[URIRef]] = {}
    for link in (RDFS.subClassOf, RDFS.subPropertyOf):
        for child, parent in ontology.subject_objects(link):
            parents.setdefault(child, set()).add(parent)
    supers: dict[URIRef, set[URIRef]] = {}
    for term in parents:
        if not str(term).startswith(str(KGO)):
            continue
        seen, todo = set(), list(parents[term])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        supers[term] = {p for p in seen if not str(p).startswith(str(KGO))}
    return supers
