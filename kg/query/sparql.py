"""Small pieces of SPARQL text that every reader of the store builds queries from.

Kept portable on purpose: they must run on rdflib, Oxigraph and any SPARQL 1.1 server (Virtuoso
refuses long ``IN`` lists and very long ``VALUES`` blocks), so IRI lists go out in blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import URIRef

from kg.ingest.vocabulary import PREFIXES

#: PREFIX lines for every namespace the graph uses.
PREFIX_HEADER = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items())

#: Most IRIs in one VALUES block: a longer list goes out in several queries whose answers the
#: caller merges (Virtuoso rejects very long lists; tests make this small).
CHUNK_SIZE = 500


def values_block(var: str, iris: Iterable[str] | None) -> str:
    """``VALUES ?var { <iri> ... }``, or nothing for ``None`` (no restriction)."""
    if iris is None:
        return ""
    return f"VALUES ?{var} {{ {' '.join(URIRef(i).n3() for i in sorted(iris))} }}"


def values_blocks(var: str, iris: Iterable[str] | None) -> Iterator[str]:
    """One ``VALUES ?var`` block per :data:`CHUNK_SIZE` IRIs: one empty block (no restriction) for
    ``None``, none at all for no IRIs."""
    if iris is None:
        yield ""
        return
    ordered = sorted({str(i) for i in iris})
    size = max(1, CHUNK_SIZE)
    for start in range(0, len(ordered), size):
        yield values_block(var, ordered[start : start + size])
