"""Where the sources disagree: claims from different graphs that cannot both hold.

The build never picks a winner: every claim stays in the graph of its evidence span or its
source. :func:`find_conflicts` reads a built graph (any store: it only runs SPARQL SELECTs) and
lists the disagreements, each with every claim involved, its value, the source's own wording,
and its evidence (the quoted span of a document, or the reference source's title and address).

The rules (docs/curation.md explains them for curators):

- **date**: one subject, one date property (start, end, founding, dissolution), two graphs whose
  dates cannot both be true. Dates of different precision that agree are not a conflict: "2025"
  holds "2025-02-20", "2025-09" holds "2025-09-06"; "2025-09-05" and "2025-09-06" conflict, and so
  do "2025-08" and "2025-09-06".
- **quantity**: one subject, one quantity property, the same unit, currency and starting date,
  two graphs whose ranges do not overlap: an exact value is itself, ``min`` / ``max`` are open
  bounds, ``approx`` N is N ± 10 %. "nearly 1,700" (≤ 1,700) and "more than 2,000" conflict;
  ₽643 million and ₽689 million conflict; "about 170 Russian crew" is another unit and is not
  compared with the cast and crew total.
- **spelling**: an entity's ``schema:name`` in one graph and an ``alternateName`` in another
  that are spellings of one name (the same letters once transliteration is set aside, or one
  letter apart: Chuykina / Chuikina). Abbreviations and translations (SCO, СССР) are not listed.
- **lead role**: one graph says a person plays the lead in a film, another names a different
  lead (with what that graph says about the first person, e.g. "billed sixth").
- **premiere**: two different releases of one film in the same country, each called a premiere
  by the graph that dates it (in the name it gives, the wording, or the quoted evidence), with dates that conflict, claimed in
  different graphs (a nationwide "premiere" on 6 September against a premiere in Beijing on 4
  September); or a premiere dated after a release in the same country that another graph
  dates surely earlier (a premiere is the first showing).
- **contested**: a claim the curator marked ``contested_by`` a source (with the note saying what
  that source says), unless it already appears in one of the conflicts above.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from kg.ingest.dates import PartialDate
from kg.ingest.names import _is_latin, spelling_relation
from kg.ingest.vocabulary import RES, shorten
from kg.query.sparql import values_blocks

APPROX_TOLERANCE = 0.10
DATE_PROPERTIES = ("startDate", "endDate", "foundingDate", "dissolutionDate", "datePublished", "dateCreated")
PREFIXES = """\
PREFIX schema: <https://schema.org/>
PREFIX kgo: <https://w3id.org/sco-film-kg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@dataclass
class Claim:
    """One side of a conflict: what one graph says, in its words, and where that is written."""

    value: str  # as shown to people: "2025-09-06", "≥ 700,000,000 RUB", "Svetlana Chuykina"
    graph: str  # the named graph (evidence span or source) holding the claim
    origin: str  # "document" or "source"
    source: str  # the document's name or the source's id
    title: str | None = None  # headline or source title
    publisher: str | None = None
    url: str | None = None
    wording: str | None = None  # the source's own words for the value ("last Friday", "nearly 1,700")
    evidence: str | None = None  # the quoted span, for a document
    begin: int | None = None
    end: int | None = None
    note: str | None = None


@dataclass
class Conflict:
    """Claims about one subject and property that cannot all hold; all stay in the graph."""

    kind: str  # date, quantity, spelling, lead role, premiere, contested
    subject: str  # IRI
    subject_name: str
    property: str  # as schema:startDate
    summary: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def graphs(self) -> set[str]:
        """The named graphs involved (what a view marks)."""
        return {c.graph for c in self.claims}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_conflicts(store, about: Iterable[str] | None = None) -> list[Conflict]:
    """Every disagreement in the built graph ``store`` (see the module's rules), in a stable order.

    ``about``: only the conflicts whose subject is one of these IRIs (a view of part of the graph).
    Each rule then reads those subjects' claims only, so a focus view over a million triples
    pays milliseconds here instead of seconds.
    """
    from kg.progress import progress

    finder = _Finder(store, about)
    conflicts: list[Conflict] = []
    with progress("kg conflicts", unit="found") as shown:
        for rule in (finder.dates, finder.quantities, finder.spellings, finder.names, finder.countries, finder.lead_roles, finder.premieres):
            shown.phase(rule.__name__.replace("_", " "))
            conflicts += rule()
            shown.count = len(conflicts)
        conflicts += finder.contested({g for c in conflicts for g in c.graphs})
    return conflicts


def conflicts_json(conflicts: list[Conflict]) -> str:
    return json.dumps([c.to_dict() for c in conflicts], ensure_ascii=False, indent=1) + "\n"


def conflicts_table(conflicts: list[Conflict]) -> str:
    """Plain text for a terminal: one block per conflict, one indented line per claim."""
    if not conflicts:
        return "No conflicts: no two graphs disagree (by the rules in docs/curation.md).\n"
    out = []
    for i, c in enumerate(conflicts, 1):
        out.append(f"{i}. {c.kind}: {c.subject_name} ({shorten(c.subject)}) {c.property}")
        out.append(f"   {c.summary}")
        for claim in c.claims:
            words = f' "{claim.wording}"' if claim.wording and claim.wording != claim.value else ""
            where = f"{claim.origin} {claim.source}"
            if claim.publisher:
                where += f" ({claim.publisher})"
            out.append(f"   - {claim.value}{words}  [{where}]")
            if claim.evidence:
                quote = claim.evidence if len(claim.evidence) <= 160 else claim.evidence[:157] + "..."
                out.append(f'       evidence: "{quote}" (characters {claim.begin}-{claim.end})')
            elif claim.title:
                out.append(f"       source: {claim.title}" + (f" <{claim.url}>" if claim.url else ""))
            if claim.note:
                out.append(f"       note: {claim.note}")
        out.append("")
    out.append(f"{len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''}; every claim stays in the graph with its evidence.")
    return "\n".join(out) + "\n"


# -- the finder -------------------------------------------------------------------------------------


def _entity(iri: Any) -> bool:
    """An entity IRI (kgr:<id>), not a role or quantity node (kgr:<id>/<property>/...)."""
    text = str(iri)
    return text.startswith(str(RES)) and "/" not in text[len(str(RES)) :]


def _other_name(a: str, b: str) -> bool:
    """Two Latin-script names that are not an abbreviation of one another: a title or a
    transliteration another source uses. Names in other scripts are labels, not disagreements."""
    if not (_is_latin(a) and _is_latin(b)):
        return False
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", a)).upper()
    return not (b.isupper() and b.replace(".", "") in (initials, a.upper()))


def _own_property(node: Any, prop: Any) -> bool:
    """Whether ``prop`` is the property a quantity node was made for, not a materialised super-property.

    Quantity nodes are named ``kgr:<subject>/<property word>/<origin>`` by the build; the
    standard triple beside the project one (kgo:castAndCrewSize and schema:size) would
    otherwise count the same claim twice.
    """
    parts = str(node)[len(str(RES)) :].split("/")
    local = str(prop).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return len(parts) < 2 or parts[1] == local


def _date(value: Any) -> PartialDate | None:
    try:
        return PartialDate.parse(str(value))
    except ValueError:
        return None


def dates_agree(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates can both be true: equal as far as the less precise one goes."""
    return all(x == y for x, y in zip((a.year, a.month, a.day), (b.year, b.month, b.day), strict=True) if x is not None and y is not None)


def _first_day(d: PartialDate) -> dt.date:
    return dt.date(d.year, d.month or 1, d.day or 1)


def _last_day(d: PartialDate) -> dt.date:
    if d.day:
        return dt.date(d.year, d.month, d.day)
    month = d.month or 12
    return dt.date(d.year, month, calendar.monthrange(d.year, month)[1])


def _number(x: Any) -> float | None:
    if x is None:
        return None
    try:
        return float(str(x))
    except ValueError:
        return None


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


#: Where a named graph comes from: a span of a document, or a reference source. ``{values}``
#: binds ``?g`` to the graphs asked about, inside each branch: outside the UNION, Oxigraph
#: evaluated each branch over the whole store first (0.45 s for one entity at a million quads).
ORIGINS = """
SELECT DISTINCT ?g ?kind ?quote ?begin ?end ?doc ?file ?title ?publisher ?url WHERE {
  { {values}
    ?g a kgo:EvidenceSpan ; nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?doc kgo:fileName ?file } OPTIONAL { ?doc schema:headline ?title }
    OPTIONAL { ?doc schema:publisher ?p . ?p schema:name ?publisher } OPTIONAL { ?doc schema:url ?url }
    BIND("document" AS ?kind) }
  UNION
  { {values}
    ?g a kgo:SourceGraph . OPTIONAL { ?g rdfs:label ?title }
    OPTIONAL { ?g prov:wasDerivedFrom ?w . OPTIONAL { ?w schema:publisher ?publisher } OPTIONAL { ?w schema:url ?url } }
    BIND("source" AS ?kind) }
}"""


class _Finder:
    """The rules, as SPARQL over the store; names and origins are read only for what is shown."""

    def __init__(self, store, about: Iterable[str] | None = None):
        self.store = store
        self.about = None if about is None else list(about)
        self._origins: dict[str, dict] = {}
        self._names: dict[str, str] = {}

    def query(self, body: str) -> list[dict[str, Any]]:
        return list(self.store.query(PREFIXES + body).rows)

    def rule(self, var: str, body: str) -> list[dict[str, Any]]:
        """``body`` with ``?var`` bound to the subjects asked about (unbound when none were given)."""
        return self.select(var, self.about, body)

    def select(self, var: str, iris: Iterable[str] | None, body: str) -> list[dict[str, Any]]:
        """``body`` with ``{values}`` binding ``?var`` to ``iris``, a few hundred per query; ``None``: unbound."""
        return [row for values in values_blocks(var, iris) for row in self.query(body.replace("{values}", values))]

    # -- where claims come from ------------------------------------------------------------------
    def origin(self, graph: Any) -> dict:
        self.read_origins([graph])
        return self._origins[str(graph)]

    def read_origins(self, graphs: Iterable[Any]) -> None:
        """Learn where each of ``graphs`` comes from, a few hundred graphs per query."""
        missing = sorted({str(g) for g in graphs} - self._origins.keys())
        for r in self.select("g", missing, ORIGINS):
            g = str(r["g"])
            if g in self._origins:
                continue
            kind = str(r["kind"])
            if kind == "document":
                source = str(r.get("file", "")).removesuffix(".txt") or str(r["doc"]).rsplit("/", 1)[-1]
            else:
                source = g.rsplit("/", 1)[-1]
            self._origins[g] = {
                "origin": kind,
                "source": source,
                "title": str(r["title"]) if r.get("title") else None,
                "publisher": str(r["publisher"]) if r.get("publisher") else None,
                "url": str(r["url"]) if r.get("url") else None,
                "evidence": str(r["quote"]) if r.get("quote") else None,
                "begin": int(r["begin"]) if r.get("begin") is not None else None,
                "end": int(r["end"]) if r.get("end") is not None else None,
            }
        for g in missing:
            self._origins.setdefault(g, {"origin": "graph", "source": g})

    def claim(self, value: str, graph: Any, wording: Any = None, note: str | None = None) -> Claim:
        o = self.origin(graph)
        return Claim(value=value, graph=str(graph), wording=str(wording) if wording else None, note=note, **o)

    def name(self, iri: Any) -> str:
        iri = str(iri)
        if iri not in self._names:
            rows = self.query(f"SELECT ?n WHERE {{ <{iri}> schema:name ?n }} ORDER BY ?n LIMIT 1")
            self._names[iri] = str(rows[0]["n"]) if rows else shorten(iri)
        return self._names[iri]

    # -- dates -----------------------------------------------------------------------------------
    def dates(self) -> list[Conflict]:
        props = ", ".join(f"schema:{p}" for p in DATE_PROPERTIES)
        rows = self.rule(
            "s",
            f"""
SELECT DISTINCT ?s ?p ?d ?g ?w WHERE {{
  {{values}}
  GRAPH ?g {{ ?s ?p ?d . FILTER(?p IN ({props}))
    OPTIONAL {{ ?s kgo:qualifiedRelation ?r . ?r ?p ?d ; kgo:wording ?w }} }}
}}""",
        )
        groups: dict[tuple[str, str], list[tuple[PartialDate, str, Any]]] = {}
        for r in rows:
            d = _date(r["d"])
            if d is None or not _entity(r["s"]):
                continue
            groups.setdefault((str(r["s"]), str(r["p"])), []).append((d, str(r["g"]), r.get("w")))
        out = []
        for (s, p), claims in sorted(groups.items()):
            clashes = [(a, b) for a in claims for b in claims if a[1] < b[1] and not dates_agree(a[0], b[0])]
            if not clashes:
                continue
            values = sorted({str(c[0]) for c in claims})
            summary = f"the sources give {', '.join(values)}; {len(clashes)} pair(s) of claims cannot both hold"
            conflict = Conflict("date", s, self.name(s), shorten(p), summary)
            conflict.claims = [self.claim(str(d), g, w) for d, g, w in sorted(claims, key=lambda c: (str(c[0]), c[1]))]
            out.append(conflict)
        return out

    # -- quantities ------------------------------------------------------------------------------
    def quantities(self) -> list[Conflict]:
        rows = self.rule(
            "s",
            """
SELECT DISTINCT ?s ?p ?q ?g ?value ?min ?max ?approx ?w ?unit ?cur ?since WHERE {
  {values}
  GRAPH ?g { ?s ?p ?q .
    { ?q a schema:QuantitativeValue } UNION { ?q a schema:MonetaryAmount }
    OPTIONAL { ?q schema:value ?value } OPTIONAL { ?q schema:minValue ?min } OPTIONAL { ?q schema:maxValue ?max }
    OPTIONAL { ?q kgo:approximateValue ?approx } OPTIONAL { ?q kgo:wording ?w } OPTIONAL { ?q schema:unitText ?unit }
    OPTIONAL { ?q schema:currency ?cur } OPTIONAL { ?q kgo:since ?since } }
}""",
        )
        groups: dict[tuple, dict[str, tuple]] = {}
        for r in rows:
            if not _entity(r["s"]) or not _own_property(r["q"], r["p"]):
                continue
            key = (
                str(r["s"]),
                str(r["p"]),
                " ".join(str(r.get("unit", "")).lower().split()),
                str(r.get("cur", "")),
                str(r.get("since", "")),
            )
            value, low, high, approx = (_number(r.get(k)) for k in ("value", "min", "max", "approx"))
            if value is not None:
                interval, shown = (value, value), f"= {_fmt(value)}"
            elif approx is not None:
                interval, shown = (approx * (1 - APPROX_TOLERANCE), approx * (1 + APPROX_TOLERANCE)), f"≈ {_fmt(approx)}"
            elif low is not None or high is not None:
                interval = (low if low is not None else float("-inf"), high if high is not None else float("inf"))
                shown = " and ".join(x for x in (low is not None and f"≥ {_fmt(low)}", high is not None and f"≤ {_fmt(high)}") if x)
            else:
                continue
            if r.get("cur"):
                shown += f" {r['cur']}"
            if r.get("unit"):
                shown += f" {r['unit']}"
            groups.setdefault(key, {})[str(r["q"]) + "|" + str(r["g"])] = (interval, shown, str(r["g"]), r.get("w"))
        out = []
        for (s, p, unit, cur, since), claims in sorted(groups.items()):
            items = list(claims.values())
            clashes = [(a, b) for a in items for b in items if a[2] < b[2] and (a[0][1] < b[0][0] or b[0][1] < a[0][0])]
            if not clashes:
                continue
            what = " ".join(x for x in (unit, cur) if x) or "the figure"
            summary = f"the ranges do not overlap ({what}{', since ' + since if since else ''}; 'about' is read as ±{APPROX_TOLERANCE:.0%})"
            conflict = Conflict("quantity", s, self.name(s), shorten(p), summary)
            conflict.claims = [self.claim(shown, g, w) for _, shown, g, w in sorted(items, key=lambda c: (c[0], c[2]))]
            out.append(conflict)
        return out

    # -- spellings -------------------------------------------------------------------------------
    def spellings(self) -> list[Conflict]:
        rows = self.rule(
            "s",
            """
SELECT DISTINCT ?s ?name ?gn ?alt ?ga WHERE {
  {values}
  GRAPH ?gn { ?s schema:name ?name } GRAPH ?ga { ?s schema:alternateName ?alt } FILTER(?gn != ?ga)
}""",
        )
        groups: dict[str, dict[tuple, Claim]] = {}
        for r in rows:
            relation = spelling_relation(str(r["name"]), str(r["alt"]))
            if relation not in ("variant", "swapped", "one letter") or not _entity(r["s"]):
                continue
            s = str(r["s"])
            claims = groups.setdefault(s, {})
            claims.setdefault(("name", str(r["name"]), str(r["gn"])), self.claim(str(r["name"]), r["gn"], note="schema:name"))
            claims.setdefault(("alt", str(r["alt"]), str(r["ga"])), self.claim(str(r["alt"]), r["ga"], note="schema:alternateName"))
        out = []
        for s, claims in sorted(groups.items()):
            names = sorted({c.value for c in claims.values()})
            conflict = Conflict(
                "spelling",
                s,
                self.name(s),
                "schema:name / schema:alternateName",
                f"the sources spell the name differently: {' / '.join(names)}; one node holds every spelling",
            )
            conflict.claims = sorted(claims.values(), key=lambda c: (c.note != "schema:name", c.value, c.graph))
            out.append(conflict)
        return out

    # -- other names -----------------------------------------------------------------------------
    def names(self) -> list[Conflict]:
        """A name one graph gives and another graph's different name for the same entity, when that
        other graph does not give the first name too (then it lists an alias, it does not disagree)."""
        rows = self.rule(
            "s",
            """
SELECT DISTINCT ?s ?name ?gn ?alt ?ga WHERE {
  {values}
  GRAPH ?gn { ?s schema:name ?name } GRAPH ?ga { ?s schema:alternateName ?alt } FILTER(?gn != ?ga)
  FILTER NOT EXISTS { GRAPH ?ga { ?s schema:name ?name } }
  FILTER NOT EXISTS { GRAPH ?ga { ?s schema:alternateName ?name } }
  FILTER NOT EXISTS { GRAPH ?gn { ?s schema:alternateName ?alt } }
}""",
        )
        groups: dict[str, dict[tuple, Claim]] = {}
        for r in rows:
            name, alt = str(r["name"]), str(r["alt"])
            if not _entity(r["s"]) or spelling_relation(name, alt) is not None or not _other_name(name, alt):
                continue
            claims = groups.setdefault(str(r["s"]), {})
            claims.setdefault(("name", name, str(r["gn"])), self.claim(name, r["gn"], note="schema:name"))
            claims.setdefault(("alt", alt, str(r["ga"])), self.claim(alt, r["ga"], note="schema:alternateName"))
        out = []
        for s, claims in sorted(groups.items()):
            names = sorted({c.value for c in claims.values()})
            conflict = Conflict("name", s, self.name(s), "schema:name / schema:alternateName", f"the sources call it differently: {' / '.join(names)}")
            conflict.claims = sorted(claims.values(), key=lambda c: (c.note != "schema:name", c.value, c.graph))
            out.append(conflict)
        return out

    # -- countries of origin -----------------------------------------------------------------------
    def countries(self) -> list[Conflict]:
        """Graphs that each list a film's countries of origin, and do not list the same ones."""
        rows = self.rule("s", "SELECT DISTINCT ?s ?c ?g WHERE { {values} GRAPH ?g { ?s schema:countryOfOrigin ?c } }")
        by_film: dict[str, dict[str, set[str]]] = {}
        for r in rows:
            by_film.setdefault(str(r["s"]), {}).setdefault(str(r["g"]), set()).add(str(r["c"]))
        out = []
        for film, sets in sorted(by_film.items()):
            if len({frozenset(v) for v in sets.values()}) < 2:
                continue
            conflict = Conflict(
                "countries",
                film,
                self.name(film),
                "schema:countryOfOrigin",
                f"the sources list different countries of origin ({len(sets)} sources, {len({frozenset(v) for v in sets.values()})} different lists)",
            )
            conflict.claims = sorted(
                (self.claim(", ".join(sorted(self.name(c) for c in countries)), g) for g, countries in sets.items()),
                key=lambda c: (c.value, c.graph),
            )
            out.append(conflict)
        return out

    # -- lead roles ------------------------------------------------------------------------------
    def lead_roles(self) -> list[Conflict]:
        rows = self.rule(
            "film",
            """
SELECT DISTINCT ?film ?actor ?g ?lead ?desc ?roleName WHERE {
  {values}
  GRAPH ?g { ?film schema:actor ?actor ; kgo:qualifiedRelation ?r . ?r schema:actor ?actor .
    OPTIONAL { ?r kgo:leadRole ?lead } OPTIONAL { ?r schema:description ?desc } OPTIONAL { ?r schema:roleName ?roleName } }
}""",
        )
        by_film: dict[str, list[dict]] = {}
        for r in rows:
            by_film.setdefault(str(r["film"]), []).append(r)
        out = []
        for film, roles in sorted(by_film.items()):
            leads = [r for r in roles if r.get("lead") is not None and str(r["lead"]).lower() in ("true", "1")]
            pairs = [(a, b) for a in leads for b in leads if str(a["actor"]) != str(b["actor"]) and str(a["g"]) < str(b["g"])]
            if not pairs:
                continue
            involved: dict[tuple[str, str], dict] = {}
            for a, b in pairs:
                involved[(str(a["actor"]), str(a["g"]))] = a
                involved[(str(b["actor"]), str(b["g"]))] = b
                for other in roles:  # what each lead's graph says about the other lead
                    if str(other["g"]) in (str(a["g"]), str(b["g"])) and str(other["actor"]) in (str(a["actor"]), str(b["actor"])):
                        involved[(str(other["actor"]), str(other["g"]))] = other
            claims = []
            for (actor, g), r in sorted(involved.items(), key=lambda x: (x[0][1], x[0][0])):
                is_lead = r.get("lead") is not None and str(r["lead"]).lower() in ("true", "1")
                detail = ", ".join(str(x) for x in (r.get("roleName"), r.get("desc")) if x)
                value = f"{self.name(actor)}: {'lead' if is_lead else 'not the lead'}" + (f" ({detail})" if detail else "")
                claims.append(self.claim(value, g))
            names = sorted({self.name(str(r["actor"])) for r in leads})
            conflict = Conflict(
                "lead role", film, self.name(film), "schema:actor (kgo:leadRole)", f"the sources name different leads: {' / '.join(names)}"
            )
            conflict.claims = claims
            out.append(conflict)
        return out

    # -- premieres -------------------------------------------------------------------------------
    def premieres(self) -> list[Conflict]:
        rows = self.rule(
            "film",
            """
SELECT DISTINCT ?film ?r ?d ?g ?w ?country WHERE {
  {values}
  ?film schema:releasedEvent ?r .
  GRAPH ?g { ?r schema:startDate ?d . OPTIONAL { ?r kgo:qualifiedRelation ?q . ?q schema:startDate ?d ; kgo:wording ?w } }
  ?r schema:location ?loc . ?loc schema:containedInPlace* ?country . ?country a schema:Country .
}""",
        )
        named = {
            (str(r["r"]), str(r["g"])): str(r["n"])
            for r in self.select("r", (r["r"] for r in rows), "SELECT DISTINCT ?r ?g ?n WHERE { {values} GRAPH ?g { ?r schema:name ?n } }")
        }
        self.read_origins(r["g"] for r in rows)
        out = []
        groups: dict[tuple[str, str], list[tuple]] = {}
        for r in rows:
            d = _date(r["d"])
            if d is None:
                continue
            release, g = str(r["r"]), str(r["g"])
            # a premiere in this claim's own words: its wording, its evidence, or a name given in the same graph
            words = " ".join(str(x or "") for x in (named.get((release, g)), r.get("w"), self.origin(g).get("evidence"))).lower()
            wording = str(r["w"]) if r.get("w") else None
            groups.setdefault((str(r["film"]), str(r["country"])), []).append((release, d, g, wording, "premiere" in words))
        for (film, country), claims in sorted(groups.items()):
            unique = sorted(set(claims), key=lambda c: (str(c[1]), c[0], c[2]))
            two_premieres = [
                (a, b) for a in unique for b in unique if a[4] and b[4] and a[0] < b[0] and a[2] != b[2] and not dates_agree(a[1], b[1])
            ]
            # a premiere is the first showing: a release in the same country that surely came before it disagrees
            release_first = [
                (a, b)
                for a in unique
                for b in unique
                if b[4] and not a[4] and a[0] != b[0] and a[2] != b[2] and _last_day(a[1]) < _first_day(b[1])
            ]
            if not (two_premieres or release_first):
                continue
            involved = {c for pair in two_premieres + release_first for c in pair}
            summary = "; ".join(
                text
                for text, found in (
                    (f"two premieres of {self.name(film)} in {self.name(country)} on different dates", two_premieres),
                    (f"a premiere in {self.name(country)} dated after a release there", release_first),
                )
                if found
            )
            conflict = Conflict("premiere", film, self.name(film), "schema:releasedEvent / schema:startDate", summary)
            conflict.claims = [
                self.claim(f"{d} {self.name(release)}", g, w) for release, d, g, w, _ in sorted(involved, key=lambda c: (str(c[1]), c[2]))
            ]
            out.append(conflict)
        return out

    # -- contested claims ------------------------------------------------------------------------
    def contested(self, covered: set[str]) -> list[Conflict]:
        rows = self.rule(
            "s",
            """
SELECT DISTINCT ?g ?src ?note ?s ?p ?o WHERE {
  {values}
  ?g kgo:contestedBy ?src . OPTIONAL { ?g rdfs:comment ?note }
  GRAPH ?g { ?s ?p ?o }
}""",
        )
        graphs: dict[str, dict] = {}
        for r in rows:
            g = str(r["g"])
            entry = graphs.setdefault(g, {"src": str(r["src"]), "note": str(r["note"]) if r.get("note") else None, "triples": []})
            if _entity(r["s"]) and not str(r["p"]).endswith("#qualifiedRelation") and str(r["p"]) != str(_RDF_TYPE):
                entry["triples"].append((str(r["s"]), str(r["p"]), r["o"]))
        out = []
        for g, entry in sorted(graphs.items()):
            if g in covered or not entry["triples"]:
                continue
            s, p, o = sorted(entry["triples"], key=lambda t: (not t[1].startswith("https://w3id.org/"), t[1]))[0]
            shown = self.name(o) if str(o).startswith(str(RES)) else str(o)
            claim = self.claim(shown, g)
            against = self.claim("(see note)", entry["src"], note=entry["note"])
            conflict = Conflict(
                "contested",
                s,
                self.name(s),
                shorten(p),
                f"the curator marked this claim as contested by {entry['src'].rsplit('/', 1)[-1]}",
            )
            conflict.claims = [claim, against]
            out.append(conflict)
        return out


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
