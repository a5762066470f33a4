"""Write a built dataset to disk so a failed or interrupted build never leaves half a result.

The four files (TriG, N-Quads, the union as Turtle, JSON-LD) are written by pyoxigraph's
serialisers, in Rust: on the built-in data that is a fraction of rdflib's time (most of which
went to its Turtle pretty-printer), and the quads are sorted first (graph, subject, predicate,
object), so two builds of the same data are the same bytes and a changed sheet shows as a small
diff. tests/test_build.py parses every file with rdflib and checks that they hold the same quads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal

from kg.ingest.vocabulary import PREFIXES

#: File name -> (pyoxigraph format, whether it keeps named graphs).
FORMATS = {
    "kg.trig": (ox.RdfFormat.TRIG, True),
    "kg.nq": (ox.RdfFormat.N_QUADS, True),
    "kg.ttl": (ox.RdfFormat.TURTLE, False),
    "kg.jsonld": (ox.RdfFormat.JSON_LD, True),
}


def _ox(term, terms: dict):
    """The pyoxigraph term of an rdflib term (each distinct term converted once)."""
    found = terms.get(term)
    if found is None:
        if isinstance(term, Literal):
            if term.language:
                found = ox.Literal(str(term), language=term.language)
            elif term.datatype is not None:
                found = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            else:
                found = ox.Literal(str(term))
        elif isinstance(term, BNode):
            found = ox.BlankNode(str(term))
        else:
            found = ox.NamedNode(str(term))
        terms[term] = found
    return found


def render(dataset: Dataset, quads: Iterable[tuple] | None = None) -> dict[str, str]:
    """The text of each file in :data:`FORMATS` (``quads``: the dataset's, if already listed)."""
    default = dataset.default_graph.identifier
    terms: dict = {}
    converted = {
        ox.Quad(_ox(s, terms), _ox(p, terms), _ox(o, terms), ox.DefaultGraph() if g is None or g == default else _ox(g, terms))
        for s, p, o, g in (dataset.quads() if quads is None else quads)
    }
    text = {q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)) for q in converted}
    ordered = sorted(converted, key=text.__getitem__)
    union = sorted({q.triple for q in ordered}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    texts = {}
    for name, (fmt, named) in FORMATS.items():
        data = ordered if named else union
        texts[name] = ox.serialize(data, format=fmt, prefixes=None if fmt in (ox.RdfFormat.N_QUADS,) else prefixes).decode("utf-8")
    return texts


def write_outputs(dataset: Dataset, out_dir: Path, quads: Iterable[tuple] | None = None, texts: dict[str, str] | None = None) -> list[Path]:
    """Serialise every format into a scratch folder beside ``out_dir``, then move each into place.

    Serialising everything before touching ``out_dir`` means an error (or Ctrl-C) leaves the last
    good output as it was; each final move is an atomic rename on the same file system.
    ``texts``: what :func:`render` made of the dataset already.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out_dir))
    try:
        for name, text in (texts or render(dataset, quads)).items():
            (scratch / name).write_text(text, encoding="utf-8")
        written = []
        for name in FORMATS:
            os.replace(scratch / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
