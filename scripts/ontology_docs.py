"""Write docs/ontology.html, the human-readable ontology documentation, from ontology/sco-film.ttl.

Run:   .venv/bin/python scripts/ontology_docs.py           (writes the page)
       .venv/bin/python scripts/ontology_docs.py --check   (exit 1 when the page is not current)

pyLODE (the `docs` or `test` extra) renders the page offline: its CSS and icons are inlined and it
fetches nothing, neither while rendering nor when the page is opened. The page is byte-stable for
one pyLODE version (pinned in pyproject.toml), so tests/test_ontology.py can compare it with a
fresh render.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology/sco-film.ttl"
TARGET = ROOT / "docs/ontology.html"
WIKIDATA = "http://www.wikidata.org/entity/"


def _import_pylode():
    """pyLODE's OntPub, imported without letting pyLODE reconfigure the caller's logging.

    Importing pylode runs logging.basicConfig(level=DEBUG) (in its supermodel loader), which would
    turn on debug output for the whole process, a test session included: the root logger's
    handlers and level are put back as they were.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


def _show_mappings() -> None:
    """Make pyLODE list a term's SKOS mappings (exact/close/broad/narrow/related match).

    Its OntPub profile shows only the properties in fixed module-level lists, and the mappings to
    schema.org and Wikidata are the point of those terms' documentation. The lists are extended
    in place (OntPub holds references to the same list objects), once, in the order SKOS gives them.
    """
    from pylode import rdf_elements, utils
    from rdflib.namespace import SKOS

    mappings = [SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch]
    for listed in (rdf_elements.CLASS_PROPS, rdf_elements.PROP_PROPS):
        listed.extend(m for m in mappings if m not in listed)
    for known in (rdf_elements.PROPS, utils.PROPS):  # the set pyLODE labels properties from
        known.update(mappings)


def render(ontology: Path = ONTOLOGY) -> str:
    """The documentation page of ``ontology`` as HTML text."""
    from rdflib import Graph

    OntPub = _import_pylode()
    _show_mappings()
    graph = _for_the_page(Graph().parse(ontology, format="turtle"))
    # sort_subjects: sections in IRI order, whatever order the Turtle declares them in
    html = OntPub(graph, sort_subjects=True).make_html()
    return html.rstrip("\n") + "\n"


def _for_the_page(graph):
    """The ontology as the page should show it; the Turtle file itself is not changed.

    - The project's prefixes (kgo: for the terms, as the rest of the docs write them; kg: for the
      ontology's own IRI) instead of the empty prefix and a made-up ns1:.
    - A Wikidata term's link reads "box office (wd:P2142)", not the bare label: a reader sees at
      once that the match is a Wikidata property and which one.
    """
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, RDFS

    terms = next(str(ns) for prefix, ns in graph.namespaces() if prefix == "")
    graph.bind("kgo", terms, override=True, replace=True)
    graph.bind("kg", terms.rsplit("/", 1)[0] + "/", override=True, replace=True)
    for subject, label in list(graph.subject_objects(RDFS.label)):
        if str(subject).startswith(WIKIDATA):
            graph.remove((subject, RDFS.label, label))
            graph.add((subject, DCTERMS.title, Literal(f"{label} (wd:{str(subject)[len(WIKIDATA):]})", lang=label.language)))
    return graph


def write(text: str, target: Path) -> None:
    """Replace ``target`` atomically: a reader never sees half a page."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/ontology.html is not what the ontology renders to")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is not current: run .venv/bin/python scripts/ontology_docs.py", file=sys.stderr)
            return 1
        print(f"{TARGET.relative_to(ROOT)} is current", file=sys.stderr)
        return 0
    write(text, TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
