"""The main job: build the graph from data/, check it, write it; then report what was built."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset
from rdflib.namespace import RDF

from kg.errors import InputError, Problem
from kg.ingest.dataset import build_dataset, read_data
from kg.ingest.names import Registry, find_duplicates
from kg.ingest.output import render, write_outputs
from kg.ingest.validation import ValidationReport, validate
from kg.ingest.vocabulary import CLASSES, KGO, RES, SDO, shorten
from kg.progress import progress
from kg.project import Project, project, shipped_ontology


@dataclass
class BuildReport:
    """What a build produced, for the one-screen summary and for tests."""

    out_dir: Path
    files: list[Path]
    triples: int
    quads: int
    graphs: int
    entities: Counter = field(default_factory=Counter)
    documents: int = 0
    evidence_spans: int = 0
    sources: int = 0
    validation: ValidationReport | None = None
    seconds: float = 0.0
    duplicates: list = field(default_factory=list)  # kg.ingest.names.Duplicate: entities that are likely one

    def summary(self) -> str:
        lines = [
            f"Built {_shown(self.out_dir)}/ in {self.seconds:.2f} s",
            f"  {self.triples} distinct triples ({self.quads} quads) in {self.graphs} named graphs",
            f"  {self.documents} document(s), {self.evidence_spans} evidence spans, {self.sources} reference sources",
            "  entities: " + ", ".join(f"{n} {c}" for c, n in sorted(self.entities.items(), key=lambda x: (-x[1], x[0]))),
            f"  SHACL: {'conforms' if self.validation.conforms else 'VIOLATIONS'}",
            "  likely duplicates: " + ("; ".join(map(str, self.duplicates)) if self.duplicates else "none"),
            "  wrote: " + ", ".join(p.name for p in self.files),
        ]
        return "\n".join(lines)


def build(data: Path | str | None = None, out: Path | str | None = None, ontology: Path | str | None = None) -> BuildReport:
    """Build the graph from ``data``, validate it, and write it atomically to ``out``.

    Folders not given are the project's (:func:`kg.project`); ``ontology`` defaults to the
    project's own, else the one kg ships. Raises InputError (with file and line) for bad input or
    a SHACL violation; in both cases ``out`` keeps whatever the last good build wrote.
    """
    started = time.perf_counter()
    if data is None or out is None or ontology is None:
        here = Project.find()
        if here is None and (data is None or out is None):
            project()  # raises: outside a project, say where the folders are
        data = data if data is not None else here.data
        out = out if out is not None else here.out
        ontology = ontology if ontology is not None else (here.ontology if here else shipped_ontology())
    data, out, ontology = Path(data), Path(out), Path(ontology)
    with progress("kg build") as shown:
        shown.phase("reading the documents and sheets")
        documents, catalogue = read_data(data)
        shown.phase("making the RDF dataset")
        dataset = build_dataset(documents, catalogue, ontology / "sco-film.ttl")
        quads = list(dataset.quads())
        texts = render(dataset, quads)  # the files' text, not written yet; its N-Quads key the SHACL cache
        shown.phase("checking it with SHACL")
        report = validate(dataset, ontology / "shapes.ttl", quads, content=texts["kg.nq"])
        if not report.conforms:
            raise InputError(
                [Problem(ontology / "shapes.ttl", None, f"SHACL: {v}", "fix the fact sheet that states this") for v in report.violations]
            )
        shown.phase("writing")
        files = write_outputs(dataset, out, texts=texts)
        shown.phase("looking for likely duplicates")
        result = _report(dataset, out, files, report, time.perf_counter() - started, quads)
        result.duplicates = find_duplicates(Registry.from_catalogue(catalogue))
    return result


def _report(
    dataset: Dataset, out: Path, files: list[Path], validation: ValidationReport, seconds: float, quads: list | None = None
) -> BuildReport:
    quads = list(dataset.quads()) if quads is None else quads
    triples = set()
    graphs = set()
    for s, p, o, g in quads:
        triples.add((s, p, o))
        graphs.add(g)
    classes: dict = {}
    for s, p, o in triples:
        if p == RDF.type and str(s).startswith(str(RES)) and o in _MAIN_CLASSES:
            classes.setdefault(s, set()).add(o)
    entities: Counter = Counter()
    for found in classes.values():
        specific = found - _GENERIC or found  # a City is counted as a City, not also as a Place
        entities.update(shorten(str(c)) for c in specific)
    return BuildReport(
        out_dir=out,
        files=files,
        triples=len(triples),
        quads=len(quads),
        graphs=len(graphs - {dataset.default_graph.identifier}),
        entities=entities,
        documents=sum(1 for t in triples if t[1] == RDF.type and t[2] == SDO.NewsArticle),
        evidence_spans=sum(1 for t in triples if t[1] == RDF.type and t[2] == KGO.EvidenceSpan),
        sources=sum(1 for t in triples if t[1] == RDF.type and t[2] == KGO.SourceGraph),
        validation=validation,
        seconds=seconds,
    )


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is below it (out/, not /home/.../out/)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_MAIN_CLASSES = {classes[0] for classes in CLASSES.values()}
_GENERIC = {SDO.Place, SDO.Event}
