"""Write a built dataset to disk so a failed or interrupted build never leaves half a result."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

#: File name -> (rdflib format, whether it keeps named graphs).
FORMATS = {
    "kg.trig": ("trig", True),
    "kg.nq": ("nquads", True),
    "kg.ttl": ("turtle", False),
    "kg.jsonld": ("json-ld", True),
}


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all graphs in one graph, for tools that know no named graphs."""
    union = Graph()
    for prefix, ns in dataset.namespaces():
        union.bind(prefix, ns)
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    return union


def write_outputs(dataset: Dataset, out_dir: Path) -> list[Path]:
    """Serialise every format into a scratch folder beside ``out_dir``, then move each into place.

    Serialising everything before touching ``out_dir`` means an error (or Ctrl-C) leaves the last
    good output as it was; each final move is an atomic rename on the same file system.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out_dir))
    try:
        union = None
        for name, (fmt, quads) in FORMATS.items():
            if quads:
                dataset.serialize(scratch / name, format=fmt, encoding="utf-8")
            else:
                union = union if union is not None else union_graph(dataset)
                union.serialize(scratch / name, format=fmt, encoding="utf-8")
        written = []
        for name in FORMATS:
            os.replace(scratch / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
