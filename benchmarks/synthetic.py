"""A SYNTHETIC film corpus in the shape of the project's data contract, for benchmarks.

    .venv/bin/python -m benchmarks.synthetic --triples 1000000 --out /tmp/kg-synthetic-1m

Nothing in it is real except the SCO member states (the graph's own country IRIs, with their
Wikidata ids, so the named queries about countries answer) and the SCO itself. Films, people,
festivals, releases and news articles are invented, are called "Synthetic Film 123", "Synthetic
Person 45" …, live under ``https://w3id.org/sco-film-kg/resource/synthetic/`` (entities: under the
resource namespace so the network views treat them as entities) and
``https://w3id.org/sco-film-kg/synthetic/`` (graphs, documents, the source), and every named graph
is derived from a source named "synthetic benchmark corpus" (reference graphs directly, evidence
graphs through their synthetic news article).

The output folder looks like a build that has one imported corpus, so ``kg.open(DIR, store)``,
``kg query --data DIR`` and ``kg push --data DIR`` work on it unchanged:

- ``DIR/kg.trig`` and ``DIR/kg.nq``: a few triples describing the synthetic source;
- ``DIR/imports/synthetic.nq``: the corpus, N-Quads, written as it is generated (streaming);
- ``DIR/synthetic.json``: what was generated (counts, seed, a film to focus on);
- ``DIR/README.txt``: a note that the data is synthetic.

The output is deterministic: the same ``--triples`` and ``--seed`` give the same bytes. The count
is of quads (lines of N-Quads; a fact stated in two graphs counts twice) and is met to within
one film's facts (~100 quads).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

BASE = "https://w3id.org/sco-film-kg/"
RES = BASE + "resource/"
ENT = RES + "synthetic/"  # synthetic entities
SYN = BASE + "synthetic/"  # synthetic graphs, documents, source
SOURCE_NAME = "synthetic benchmark corpus"
SOURCE = SYN + "source/corpus"
SOURCE_GRAPH = SYN + "graph/source"

SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
KGO = BASE + "ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WD = "http://www.wikidata.org/entity/"

FILMS_PER_PART = 500  # films per reference graph ("synthetic benchmark corpus, part N")
FILMS_PER_FESTIVAL = 60
SEED = 20250822

# The SCO member states: the graph's own IRIs, real Wikidata ids and accession dates; weights
# for how often a synthetic film names each as a country of origin.
COUNTRIES = [
    # slug, name, Wikidata id, member since, weight, adjective
    ("china", "China", "Q148", "2001-06-15", 25, "Chinese"),
    ("russia", "Russia", "Q159", "2001-06-15", 20, "Russian"),
    ("india", "India", "Q668", "2017-06-09", 18, "Indian"),
    ("iran", "Iran", "Q794", "2023-07-04", 8, "Iranian"),
    ("kazakhstan", "Kazakhstan", "Q232", "2001-06-15", 7, "Kazakh"),
    ("pakistan", "Pakistan", "Q843", "2017-06-09", 6, "Pakistani"),
    ("uzbekistan", "Uzbekistan", "Q265", "2001-06-15", 5, "Uzbek"),
    ("kyrgyzstan", "Kyrgyzstan", "Q813", "2001-06-15", 4, "Kyrgyz"),
    ("tajikistan", "Tajikistan", "Q863", "2001-06-15", 4, "Tajik"),
    ("belarus", "Belarus", "Q184", "2024-07-04", 3, "Belarusian"),
]
GENRES = [
    "drama", "comedy", "action film", "thriller", "spy thriller", "historical film", "war film",
    "romance", "documentary", "animated film", "adventure film", "family film", "crime film",
    "science fiction", "fantasy", "musical", "biographical film", "sports film", "horror", "western",
]  # fmt: skip
CITIES_PER_COUNTRY = 3
NEW_PERSON = 0.15  # chance that a credit goes to someone new rather than a returning person


def iri(value: str) -> str:
    return f"<{value}>"


def number(term: str) -> str:
    """``<…/person/45>`` -> ``45``."""
    return term[:-1].rsplit("/", 1)[1]


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


class Writer:
    """N-Quads lines, buffered and counted."""

    def __init__(self, file):
        self.file = file
        self.lines: list[str] = []
        self.count = 0

    def quad(self, s: str, p: str, o: str, g: str | None = None) -> None:
        self.lines.append(f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n")

    def flush(self) -> None:
        self.count += len(self.lines)
        self.file.write("".join(self.lines))
        self.lines.clear()


def _p(ns: str, name: str) -> str:
    return f"<{ns}{name}>"


TYPE = iri(RDF_TYPE)
NAME, LABEL = _p(SCHEMA, "name"), _p(RDFS, "label")
S = {n: _p(SCHEMA, n) for n in (
    "Movie", "Person", "Country", "Place", "City", "AdministrativeArea", "Organization", "Festival", "Event",
    "PublicationEvent", "Role", "PerformanceRole", "QuantitativeValue", "Quotation", "NewsArticle", "CreativeWork",
    "countryOfOrigin", "genre", "director", "actor", "producer", "nationality", "sameAs", "member", "alternateName",
    "startDate", "endDate", "location", "containedInPlace", "workFeatured", "releasedEvent", "roleName", "dateCreated",
    "minValue", "maxValue", "value", "unitText", "size", "text", "creator", "about", "headline", "datePublished",
    "publisher", "description", "inLanguage",
)}  # fmt: skip
K = {n: _p(KGO, n) for n in (
    "qualifiedRelation", "side", "leadRole", "castAndCrewSize", "wording", "since", "coProducedFilmCount",
    "EvidenceSpan", "SourceGraph",
)}  # fmt: skip
N = {n: _p(NIF, n) for n in ("anchorOf", "beginIndex", "endIndex", "referenceContext", "String", "sentence")}
P = {n: _p(PROV, n) for n in ("wasDerivedFrom", "Bundle", "Entity")}
CONCEPT, PREF_LABEL = _p(SKOS, "Concept"), _p(SKOS, "prefLabel")


class Corpus:
    """Generates the corpus in units (a film with its credits, releases and news) until the count is met."""

    def __init__(self, out: Writer, seed: int):
        self.w = out
        self.rng = random.Random(seed)
        self.people: dict[str, list[int]] = {c[0]: [] for c in COUNTRIES}
        self.person_count = 0
        self.film_count = 0
        self.festival_count = 0
        self.document_count = 0
        self.graph_count = 0
        self.recent_films: list[int] = []
        self.focus_film: int | None = None
        self.country_weights = [c[4] for c in COUNTRIES]
        self.by_slug = {c[0]: c for c in COUNTRIES}

    # ---- shared entities ------------------------------------------------------------------

    def part_graph(self, film: int) -> str:
        return iri(f"{SYN}graph/part/{film // FILMS_PER_PART}")

    def describe_part(self, part: int) -> None:
        g = iri(f"{SYN}graph/part/{part}")
        q = self.w.quad
        q(g, TYPE, K["SourceGraph"])
        q(g, TYPE, P["Bundle"])
        q(g, LABEL, lit(f"{SOURCE_NAME}, part {part}"))
        q(g, P["wasDerivedFrom"], iri(SOURCE))
        self.graph_count += 1

    def preamble(self) -> None:
        q = self.w.quad
        self.describe_part(0)
        g = self.part_graph(0)
        sco = iri(RES + "sco")
        q(sco, TYPE, S["Organization"], g)
        q(sco, NAME, lit("Shanghai Cooperation Organisation"), g)
        q(sco, S["alternateName"], lit("SCO"), g)
        q(sco, S["sameAs"], iri(WD + "Q485207"), g)
        for slug, name, qid, since, _weight, _adj in COUNTRIES:
            c = iri(RES + slug)
            q(c, TYPE, S["Country"], g)
            q(c, TYPE, S["Place"], g)
            q(c, NAME, lit(name), g)
            q(c, LABEL, lit(name, "en"), g)
            q(c, S["sameAs"], iri(WD + qid), g)
            q(sco, S["member"], c, g)
            role = iri(f"{ENT}sco/member/{slug}")
            q(sco, K["qualifiedRelation"], role, g)
            q(role, TYPE, S["Role"], g)
            q(role, S["member"], c, g)
            q(role, S["startDate"], lit(since, datatype=XSD + "date"), g)
            for k in range(CITIES_PER_COUNTRY):
                province, city = iri(f"{ENT}province/{slug}-{k}"), iri(f"{ENT}city/{slug}-{k}")
                q(province, TYPE, S["AdministrativeArea"], g)
                q(province, TYPE, S["Place"], g)
                q(province, NAME, lit(f"Synthetic Province {name} {k}"), g)
                q(province, S["containedInPlace"], c, g)
                q(city, TYPE, S["City"], g)
                q(city, TYPE, S["Place"], g)
                q(city, NAME, lit(f"Synthetic City {name} {k}"), g)
                q(city, S["containedInPlace"], province, g)
        for k, genre in enumerate(GENRES):
            c = iri(f"{ENT}genre/{k}")
            q(c, TYPE, CONCEPT, g)
            q(c, PREF_LABEL, lit(genre, "en"), g)
            q(c, NAME, lit(genre), g)
        # one synthetic claim about the SCO's co-production count, with its evidence span
        doc, text = self.document("Synthetic overview of SCO film co-production", "2025-01-15")
        g2 = self.span(doc, text, "more than 40 co-produced films (synthetic)")
        count = iri(f"{ENT}sco/coProducedFilmCount")
        q(sco, K["coProducedFilmCount"], count, g2)
        q(count, TYPE, S["QuantitativeValue"], g2)
        q(count, S["minValue"], lit("41", datatype=XSD + "integer"), g2)
        q(count, K["wording"], lit("more than 40"), g2)
        q(count, K["since"], lit("2020", datatype=XSD + "gYear"), g2)
        self.w.flush()

    def person(self, country: str) -> str:
        pool = self.people[country]
        if pool and self.rng.random() > NEW_PERSON:
            return iri(f"{ENT}person/{self.rng.choice(pool)}")
        n = self.person_count
        self.person_count += 1
        pool.append(n)
        p = iri(f"{ENT}person/{n}")
        g = self.part_graph(self.film_count)
        q = self.w.quad
        q(p, TYPE, S["Person"], g)
        q(p, NAME, lit(f"Synthetic Person {n}"), g)
        q(p, LABEL, lit(f"Synthetic Person {n}", "en"), g)
        q(p, S["nationality"], iri(RES + country), g)
        return p

    def crew_country(self, countries: list[str]) -> str:
        if self.rng.random() < 0.8:
            return self.rng.choice(countries)
        return self.rng.choices(COUNTRIES, self.country_weights)[0][0]

    def document(self, headline: str, date: str) -> tuple[str, str]:
        n = self.document_count
        self.document_count += 1
        d = iri(f"{SYN}document/{n}")
        q = self.w.quad
        q(d, TYPE, S["NewsArticle"])
        q(d, TYPE, P["Entity"])
        q(d, S["headline"], lit(f"{headline} (synthetic)", "en"))
        q(d, S["datePublished"], lit(date, datatype=XSD + "date"))
        q(d, S["publisher"], lit(SOURCE_NAME))
        q(d, S["inLanguage"], lit("en"))
        q(d, P["wasDerivedFrom"], iri(SOURCE))
        return d, f"{SYN}document/{n}"

    def span(self, doc: str, doc_iri: str, text: str, at: list[int] | None = None) -> str:
        """An evidence span (a named graph) of ``text`` in ``doc``; ``at`` carries the next offset."""
        at = at if at is not None else [0]
        begin, end = at[0], at[0] + len(text)
        at[0] = end + 1
        g = iri(f"{doc_iri}#char={begin},{end}")
        q = self.w.quad
        q(g, TYPE, N["String"])
        q(g, TYPE, K["EvidenceSpan"])
        q(g, TYPE, P["Bundle"])
        q(g, N["anchorOf"], lit(text))
        q(g, N["beginIndex"], lit(str(begin), datatype=XSD + "nonNegativeInteger"))
        q(g, N["endIndex"], lit(str(end), datatype=XSD + "nonNegativeInteger"))
        q(g, N["referenceContext"], doc)
        q(g, P["wasDerivedFrom"], doc)
        self.graph_count += 1
        return g

    # ---- one film --------------------------------------------------------------------------

    def film(self) -> None:
        rng, q = self.rng, self.w.quad
        i = self.film_count
        if i % FILMS_PER_PART == 0 and i:
            self.describe_part(i // FILMS_PER_PART)
        g = self.part_graph(i)
        f = iri(f"{ENT}film/{i}")
        name = f"Synthetic Film {i}"
        k = rng.choices((1, 2, 3), (55, 33, 12))[0]
        countries: list[str] = []
        while len(countries) < k:
            c = rng.choices(COUNTRIES, self.country_weights)[0][0]
            if c not in countries:
                countries.append(c)
        year = rng.randint(1990, 2025)
        q(f, TYPE, S["Movie"], g)
        q(f, NAME, lit(name), g)
        q(f, LABEL, lit(name, "en"), g)
        q(f, S["dateCreated"], lit(str(year), datatype=XSD + "gYear"), g)
        for c in countries:
            q(f, S["countryOfOrigin"], iri(RES + c), g)
        for genre in rng.sample(range(len(GENRES)), rng.choice((1, 1, 2))):
            q(f, S["genre"], iri(f"{ENT}genre/{genre}"), g)

        directors = list(dict.fromkeys(self.person(self.crew_country(countries)) for _ in range(2 if rng.random() < 0.1 else 1)))
        actors = list(dict.fromkeys(self.person(self.crew_country(countries)) for _ in range(rng.randint(3, 8))))
        producers = [(c, self.person(c)) for c in countries[:2]]
        for p in directors:
            q(f, S["director"], p, g)
        for p in actors:
            q(f, S["actor"], p, g)
        for _c, p in producers:
            q(f, S["producer"], p, g)
        if k > 1 and rng.random() < 0.5:  # the producers' sides, on role nodes
            for c, p in producers:
                r = iri(f"{ENT}film/{i}/producer/{c}")
                q(f, K["qualifiedRelation"], r, g)
                q(r, TYPE, S["Role"], g)
                q(r, S["producer"], p, g)
                q(r, S["roleName"], lit(f"{self.by_slug[c][5]} producer"), g)
                q(r, K["side"], iri(RES + c), g)
        if rng.random() < 0.25:  # a lead role
            r = iri(f"{ENT}film/{i}/actor/lead")
            q(f, K["qualifiedRelation"], r, g)
            q(r, TYPE, S["PerformanceRole"], g)
            q(r, S["actor"], actors[0], g)
            q(r, S["roleName"], lit(f"Synthetic Character {i}"), g)
            q(r, K["leadRole"], lit("true", datatype=XSD + "boolean"), g)
        if rng.random() < 0.1:  # a vague cast-and-crew size
            n = rng.randint(2, 40) * 50
            s = iri(f"{ENT}film/{i}/castAndCrewSize")
            q(f, K["castAndCrewSize"], s, g)
            q(f, S["size"], s, g)
            q(s, TYPE, S["QuantitativeValue"], g)
            q(s, S["maxValue"], lit(str(n), datatype=XSD + "integer"), g)
            q(s, K["wording"], lit(f"nearly {n:,}"), g)
            q(s, S["unitText"], lit("cast and crew members"), g)
        for c in countries[:2]:  # releases, one per producing country (at most two)
            r = iri(f"{ENT}film/{i}/release/{c}")
            cname = self.by_slug[c][1]
            q(f, S["releasedEvent"], r, g)
            q(r, TYPE, S["PublicationEvent"], g)
            q(r, TYPE, S["Event"], g)
            q(r, NAME, lit(f"Release of {name} in {cname}"), g)
            q(r, S["location"], iri(RES + c), g)
            if rng.random() < 0.2:
                q(r, S["startDate"], lit(str(min(year + 1, 2025)), datatype=XSD + "gYear"), g)
            else:
                q(
                    r,
                    S["startDate"],
                    lit(f"{min(year + 1, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype=XSD + "date"),
                    g,
                )

        if rng.random() < 0.25:  # a synthetic news article restating some facts, with evidence spans
            date = f"{min(year + 1, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            doc, doc_iri = self.document(f"Synthetic report on {name}", date)
            at = [0]
            names = " and ".join(self.by_slug[c][1] for c in countries)
            e = self.span(doc, doc_iri, f'"{name}", co-produced by {names}', at)
            q(f, TYPE, S["Movie"], e)
            q(f, NAME, lit(name), e)
            for c in countries:
                q(f, S["countryOfOrigin"], iri(RES + c), e)
            e = self.span(doc, doc_iri, f"directed by Synthetic Person {number(directors[0])}", at)
            q(f, S["director"], directors[0], e)
            c, p = producers[0]
            e = self.span(doc, doc_iri, f"said Synthetic Person {number(p)}, {self.by_slug[c][5]} producer of the film", at)
            r = iri(f"{ENT}film/{i}/producer/{c}/document/{self.document_count - 1}")
            q(f, S["producer"], p, e)
            q(f, K["qualifiedRelation"], r, e)
            q(r, TYPE, S["Role"], e)
            q(r, S["producer"], p, e)
            q(r, S["roleName"], lit(f"{self.by_slug[c][5]} producer"), e)
            q(r, K["side"], iri(RES + c), e)
            if rng.random() < 0.3:
                text = f"Working on {name} was a synthetic pleasure."
                e = self.span(doc, doc_iri, f'"{text}" she said', at)
                quote = iri(f"{ENT}quote/{self.document_count - 1}")
                q(quote, TYPE, S["Quotation"], e)
                q(quote, S["text"], lit(text), e)
                q(quote, S["creator"], p, e)
                q(quote, S["about"], f, e)
            if self.focus_film is None and k > 1:
                self.focus_film = i

        self.recent_films.append(i)
        self.film_count += 1
        if len(self.recent_films) >= FILMS_PER_FESTIVAL:
            self.festival()

    def festival(self) -> None:
        rng, q = self.rng, self.w.quad
        n = self.festival_count
        self.festival_count += 1
        g = self.part_graph(self.film_count - 1)
        e = iri(f"{ENT}festival/{n}")
        name = f"SCO Film and Television Week (synthetic {n})" if n % 10 == 0 else f"SCO Synthetic Film Festival {n}"
        slug = rng.choices(COUNTRIES, self.country_weights)[0][0]
        year = rng.randint(2005, 2025)
        month, day = rng.randint(1, 12), rng.randint(1, 20)
        start = f"{year}-{month:02d}-{day:02d}"
        q(e, TYPE, S["Festival"], g)
        q(e, TYPE, S["Event"], g)
        q(e, NAME, lit(name), g)
        q(e, LABEL, lit(name, "en"), g)
        q(e, S["location"], iri(f"{ENT}city/{slug}-{rng.randrange(CITIES_PER_COUNTRY)}"), g)
        q(e, S["startDate"], lit(start, datatype=XSD + "date"), g)
        q(e, S["endDate"], lit(f"{year}-{month:02d}-{day + 7:02d}", datatype=XSD + "date"), g)
        featured = rng.sample(self.recent_films, min(len(self.recent_films), rng.randint(5, 15)))
        for film in featured:
            q(e, S["workFeatured"], iri(f"{ENT}film/{film}"), g)
        doc, doc_iri = self.document(f"{name} opens", start)
        opening = featured[0]
        ev = self.span(doc, doc_iri, f'The opening film of the {name} is "Synthetic Film {opening}"')
        f = iri(f"{ENT}film/{opening}")
        r = iri(f"{ENT}festival/{n}/opening-film")
        q(e, S["workFeatured"], f, ev)
        q(e, K["qualifiedRelation"], r, ev)
        q(r, TYPE, S["Role"], ev)
        q(r, S["workFeatured"], f, ev)
        q(r, S["roleName"], lit("opening film"), ev)
        q(e, S["startDate"], lit(start, datatype=XSD + "date"), ev)
        self.recent_films.clear()


def header_lines(seed: int, target: int) -> list[str]:
    """The few triples of DIR/kg.trig and DIR/kg.nq: what the synthetic source is."""
    s = iri(SOURCE)
    comment = (
        f"Generated by benchmarks/synthetic.py (seed {seed}, {target} quads asked for) to benchmark the stores. "
        "Synthetic: the films, people, festivals, releases and news articles are invented; "
        "only the SCO member states and their Wikidata ids are real."
    )
    g = iri(SOURCE_GRAPH)
    lines = [
        (s, TYPE, S["CreativeWork"]),
        (s, TYPE, P["Entity"]),
        (s, NAME, lit(SOURCE_NAME)),
        (s, S["publisher"], lit(SOURCE_NAME)),
        (s, _p(RDFS, "comment"), lit(comment)),
        (g, TYPE, K["SourceGraph"]),
        (g, LABEL, lit(SOURCE_NAME)),
        (g, P["wasDerivedFrom"], s),
    ]
    return [f"{a} {b} {c} .\n" for a, b, c in lines]


def generate(out: Path | str, triples: int, seed: int = SEED) -> dict:
    """Write the corpus into ``out`` (replaced atomically); returns what ``synthetic.json`` says."""
    out = Path(out)
    started = time.perf_counter()
    tmp = out.with_name(out.name + ".generating")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "imports").mkdir(parents=True)
    header = header_lines(seed, triples)
    for name in ("kg.trig", "kg.nq"):
        (tmp / name).write_text("".join(header), encoding="utf-8")
    with open(tmp / "imports" / "synthetic.nq", "w", encoding="utf-8", newline="\n") as f:
        writer = Writer(f)
        corpus = Corpus(writer, seed)
        corpus.preamble()
        while writer.count + len(header) < triples:
            corpus.film()
            writer.flush()
    if corpus.focus_film is None:
        corpus.focus_film = 0
    info = {
        "synthetic": True,
        "source": SOURCE_NAME,
        "seed": seed,
        "requested_quads": triples,
        "quads": writer.count + len(header),
        "films": corpus.film_count,
        "people": corpus.person_count,
        "festivals": corpus.festival_count,
        "documents": corpus.document_count,
        "named_graphs": corpus.graph_count,
        "focus_film": f"Synthetic Film {corpus.focus_film}",
        "focus_iri": f"{ENT}film/{corpus.focus_film}",
        "seconds": round(time.perf_counter() - started, 2),
    }
    (tmp / "synthetic.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    (tmp / "README.txt").write_text(
        "SYNTHETIC DATA for benchmarking (benchmarks/synthetic.py): invented films, people, festivals\n"
        "and news articles in the shape of the SCO film knowledge graph. Not facts. Do not publish as data.\n",
        encoding="utf-8",
    )
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="how many quads to write (10000, 100000, 1000000 …)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    if args.triples < 500:
        parser.error("--triples must be at least 500 (the countries, genres and places alone take ~400)")
    info = generate(args.out, args.triples, args.seed)
    print(
        f"wrote {info['quads']:,} quads to {args.out} in {info['seconds']} s: {info['films']:,} films, {info['people']:,} people, "
        f"{info['festivals']:,} festivals, {info['documents']:,} documents, {info['named_graphs']:,} named graphs (SYNTHETIC)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
