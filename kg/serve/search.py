"""Finding entities by any of their names, in English, Chinese or Russian.

    >>> index = SearchIndex.build(store)
    >>> index.search("красный шелк")        # [{'iri': '.../red-silk', 'label': 'Red Silk', 'matched': 'Красный шёлк', ...}]

Every ``rdfs:label``, ``schema:name``, ``schema:alternateName`` and ``skos:prefLabel`` /
``skos:altLabel`` of an entity is indexed, folded by :func:`fold`: case folded, accents and other
combining marks dropped after compatibility decomposition (so "é" finds "e", and the Russian
"ё" finds "е": NFKD splits ё into е + a combining diaeresis). The same folding runs in the
browser for the static site's prebuilt index (``search-index.js``, see :func:`index_script`).
Ranking: a whole-name match, then a name that starts with the query, then a word that does, then
anywhere; shorter names first.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kg.ingest.vocabulary import BASE
from kg.serve.entity import AUXILIARY, PREFIXES, RDF_TYPE, local_name
from kg.serve.templates import Links, json_for_html

RESOURCE = BASE + "resource/"
NAME_PREDICATES = (
    "rdfs:label",
    "schema:name",
    "schema:alternateName",
    "<http://www.w3.org/2004/02/skos/core#prefLabel>",
    "<http://www.w3.org/2004/02/skos/core#altLabel>",
)


def fold(text: str) -> str:
    """Text as the search compares it: NFKD, combining marks dropped, case folded, spaces squeezed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass
class Entry:
    iri: str
    label: str  # the English (or first) name
    kind: str
    names: list[str]  # every name as written
    folded: list[str]


class SearchIndex:
    """Names of every entity, folded, in memory (about 100 bytes a name)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries

    @classmethod
    def build(cls, store) -> SearchIndex:
        """Read every name of every entity (one query) and their main types (one more)."""
        names: dict[str, list[tuple[str, str]]] = {}
        for row in store.query(
            f"{PREFIXES}SELECT ?e ?n WHERE {{ VALUES ?p {{ {' '.join(NAME_PREDICATES)} }} ?e ?p ?n FILTER(isIRI(?e) && STRSTARTS(STR(?e), \"{RESOURCE}\")) }}"
        ).rows:
            n = row["n"]
            names.setdefault(str(row["e"]), []).append((str(n), getattr(n, "language", None) or ""))
        kinds: dict[str, set[str]] = {}
        for row in store.query(
            f"SELECT ?e ?t WHERE {{ ?e <{RDF_TYPE}> ?t FILTER(isIRI(?e) && STRSTARTS(STR(?e), \"{RESOURCE}\")) }}"
        ).rows:
            kinds.setdefault(str(row["e"]), set()).add(str(row["t"]))
        entries = []
        for iri, values in names.items():
            types = kinds.get(iri, set())
            if types & AUXILIARY:
                continue
            unique = list(dict.fromkeys(v for v, _ in values))
            english = next((v for v, lang in values if lang == "en"), None) or next((v for v, lang in values if not lang), unique[0])
            kind = ", ".join(sorted({local_name(t) for t in types if t.startswith("https://schema.org/")})) or "Thing"
            entries.append(Entry(iri, english, kind, unique, [fold(v) for v in unique]))
        entries.sort(key=lambda e: (e.label.casefold(), e.iri))
        return cls(entries)

    def search(self, query: str, limit: int = 20, links: Links | None = None) -> list[dict]:
        """Entities with a name matching ``query`` (folded), best first."""
        q = fold(query)
        if not q:
            return []
        links = links or Links.served()
        hits = []
        for entry in self.entries:
            best = None
            for name, folded in zip(entry.names, entry.folded, strict=True):
                if q not in folded:
                    continue
                if folded == q:
                    rank = 0
                elif folded.startswith(q):
                    rank = 1
                elif f" {q}" in f" {folded}":
                    rank = 2
                else:
                    rank = 3
                if best is None or (rank, len(folded)) < best[:2]:
                    best = (rank, len(folded), name)
            if best:
                hits.append((best, entry))
        hits.sort(key=lambda h: (h[0][0], h[0][1], h[1].label.casefold()))
        return [
            {"iri": e.iri, "label": e.label, "matched": b[2], "type": e.kind, "href": links.page(e.iri), "names": e.names}
            for b, e in hits[:limit]
        ]

    def script(self, links_for_root: Links) -> str:
        """The prebuilt index of a static site as a script (a file:// page cannot fetch JSON)."""
        rows = [[links_for_root.page(e.iri), e.label, e.kind, e.names] for e in self.entries]
        return f"window.KG_SEARCH_INDEX = {json_for_html(rows)};\n"


def render_search(query: str, results: list[dict] | None, links: Links) -> str:
    """The search page: results rendered here (server), or by the page's script from the prebuilt
    index (static site: ``results`` None)."""
    from kg.serve.templates import esc, layout

    items = ""
    if results is not None and query.strip():
        rows = "".join(
            f'<li><a class="entity" href="{esc(r["href"])}">{esc(r["label"])}</a><span class="type"> {esc(r["type"])}</span>'
            + (f'<div class="matched">{esc(r["matched"])}</div>' if r["matched"] != r["label"] else "")
            + "</li>"
            for r in results
        )
        summary = f"{len(results)} found for “{esc(query)}”" if results else f"Nothing is called “{esc(query)}”."
        items = f'<p class="summary">{summary}</p><ol class="results">{rows}</ol>'
    body = (
        '<h1>Search</h1><p class="note">Any name, alias or label, in English, Chinese or Russian; case and accents do not matter.</p>'
        f'<div id="search-results">{items}</div>'
    )
    scripts = () if results is not None else (links.root + "search-index.js",)
    return layout(f"Search: {query}" if query else "Search", body, links, scripts=scripts)
