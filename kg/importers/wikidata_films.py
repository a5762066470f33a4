"""Import the Wikidata film snapshot shipped by ``bokeh_sampledata`` (SQLite, table ``omdb``).

17,472 films from 1940 to 2014 (CC0, "Wikidata contributors", retrieved 2026-10-18) with
title, year, release date, director, writer, cast, language, countries and IMDb id.

How records become entities:

- Films are identified by IMDb id (``kgr:film/imdb-tt…``); a film the curated graph already
  knows with the same IMDb address keeps its curated IRI. Two rows with one IMDb id are one film.
- Countries are matched by name, alternate name or English label against the countries already
  in the graph (so "People's Republic of China" is ``kgr:china`` and "Soviet Union" is
  ``kgr:soviet-union``, never Russia); a name with no match becomes a new country entity
  (``kgr:country/<name>``), e.g. Hong Kong stays apart from China, as the source keeps it.
- People carry only a name in this source. Within the corpus one name is one person
  (``kgr:wikidata-films/person/<name>``); they are never merged with curated people, because
  a shared name is not proof of one person: exact name matches are listed as candidates instead.
- Release dates: the source writes a year-only date as YYYY-01-01; those become ``xsd:gYear``
  (a real 1 January release loses its day, the lesser harm), others stay ``xsd:date``.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KGError, Problem
from kg.ingest.dates import PartialDate
from kg.ingest.vocabulary import BASE, KGO, RES, SDO, SRC
from kg.query.store import Store

NAME = "wikidata-films"
SOURCE = SRC[NAME]
PERSON = BASE + "resource/wikidata-films/person/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
COLUMNS = ("imdbID", "Title", "Year", "Released", "Director", "Writer", "Cast", "Language", "Country", "Genre")


@dataclass
class ImportReport:
    path: Path
    films: int = 0
    quads: int = 0
    countries_matched: dict[str, str] = field(default_factory=dict)
    countries_new: list[str] = field(default_factory=list)
    people: int = 0
    person_candidates: list[str] = field(default_factory=list)
    duplicates: int = 0

    def summary(self) -> str:
        lines = [
            f"Imported {self.films} films ({self.quads} quads) into {self.path}",
            f"  {self.people} people; {self.duplicates} repeated IMDb ids merged",
            f"  countries matched to the graph: {len(self.countries_matched)}; new country entities: {len(self.countries_new)}",
        ]
        if self.person_candidates:
            lines.append(f"  people sharing a name with a curated person (not merged): {', '.join(self.person_candidates)}")
        return "\n".join(lines)


def default_database() -> Path:
    """movies.db inside the installed bokeh_sampledata package (the ``import`` extra)."""
    try:
        import bokeh_sampledata
    except ImportError:
        raise KGError(
            Problem(
                "kg import",
                None,
                "the Wikidata film corpus is not installed",
                "install the import extra: scripts/setup.sh import (or pass --db PATH)",
            )
        ) from None
    return Path(bokeh_sampledata.__file__).parent / "_data" / "movies.db"


def import_films(store: Store, out_dir: Path, db: Path | None = None, progress: Callable[[int], None] | None = None) -> ImportReport:
    """Read ``db`` (default: the packaged snapshot), write ``out_dir/imports/wikidata-films.nq``.

    ``store`` is the built graph: its countries and films are what imported records link to.
    Raises InputError naming every bad row; nothing is written then.
    """
    db = db or default_database()
    rows = list(_read_rows(db))
    problems = [p for number, row in rows for p in _check(db, number, row)]
    if problems:
        raise InputError(problems)
    countries = _known_countries(store)
    films_by_imdb = _known_films(store)
    curated_people = _curated_people(store)
    target = out_dir / "imports" / f"{NAME}.nq"
    target.parent.mkdir(parents=True, exist_ok=True)
    report = ImportReport(target)
    fd, scratch = tempfile.mkstemp(prefix=".wikidata-films-", suffix=".nq", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            seen: set[str] = set()
            people: set[str] = set()
            new_countries: dict[str, str] = {}
            for line in _describe_source():
                out.write(line)
                report.quads += 1
            for _, row in rows:
                film_id = row["imdbID"].strip()
                if film_id in seen:
                    report.duplicates += 1
                else:
                    seen.add(film_id)
                    report.films += 1
                film = films_by_imdb.get(film_id, f"{RES}film/imdb-{film_id}")
                for quad in _film_quads(film, row, countries, new_countries, people, curated_people, report):
                    out.write(quad)
                    report.quads += 1
                if progress:
                    progress(1)
        os.chmod(scratch, 0o644)
        os.replace(scratch, target)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)
    report.people = len(people)
    report.countries_new = sorted(new_countries)
    return report


def _read_rows(db: Path) -> Iterator[tuple[int, dict]]:
    if not db.exists():
        raise KGError(Problem(db, None, "no such database file", "pass --db with the path to movies.db"))
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        cursor = connection.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in COLUMNS)} FROM omdb ORDER BY rowid")
    except sqlite3.Error as e:
        raise InputError(Problem(db, None, f"cannot read the film table: {e}", "the file must be SQLite with a table omdb")) from None
    for number, values in enumerate(cursor, 1):
        yield number, dict(zip(COLUMNS, values, strict=True))
    connection.close()


def _check(db: Path, number: int, row: dict) -> list[Problem]:
    problems = []
    if not re.fullmatch(r"tt\d+", str(row["imdbID"] or "").strip()):
        problems.append(Problem(db, number, f"IMDb id {row['imdbID']!r} is not of the form tt1234567", "fix or remove the row", unit="row"))
    if not str(row["Title"] or "").strip():
        problems.append(Problem(db, number, "the film has no title", "fix or remove the row", unit="row"))
    if row["Released"]:
        try:
            PartialDate.parse(row["Released"])
        except ValueError as e:
            problems.append(Problem(db, number, f"impossible release date: {e}", "write YYYY-MM-DD", unit="row"))
    if row["Year"] is not None and not (isinstance(row["Year"], int) and 1870 <= row["Year"] <= 2100):
        problems.append(Problem(db, number, f"year {row['Year']!r} is not a year", "write four digits", unit="row"))
    return problems


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _known_countries(store: Store) -> dict[str, str]:
    rows = store.query(
        f"""SELECT ?c ?n WHERE {{ ?c a <{SDO.Country}> .
            {{ ?c <{SDO.name}> ?n }} UNION {{ ?c <{SDO.alternateName}> ?n }} UNION {{ ?c <{RDFS}label> ?n FILTER(lang(?n) = "en") }} }}"""
    ).rows
    return {_key(str(r["n"])): str(r["c"]) for r in rows}


def _known_films(store: Store) -> dict[str, str]:
    rows = store.query(
        f"SELECT ?f ?u WHERE {{ ?f a <{SDO.Movie}> ; <{SDO.sameAs}> ?u FILTER(STRSTARTS(STR(?u), 'https://www.imdb.com/title/')) }}"
    ).rows
    return {str(r["u"]).rstrip("/").rsplit("/", 1)[-1]: str(r["f"]) for r in rows}


def _curated_people(store: Store) -> dict[str, str]:
    rows = store.query(f"SELECT ?n WHERE {{ ?p a <{SDO.Person}> ; <{SDO.name}> ?n }}").rows
    return {_key(str(r["n"])): str(r["n"]) for r in rows}


def _iri(value: str) -> str:
    return f"<{value}>"


def _literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{escaped}"@{lang}'
    return f'"{escaped}"^^<{datatype}>' if datatype else f'"{escaped}"'


def _quad(s: str, p: str, o: str, graph: str | None = SOURCE) -> str:
    return f"{s} {p} {o} <{graph}> .\n" if graph else f"{s} {p} {o} .\n"


def _describe_source() -> Iterator[str]:
    work = _iri(SOURCE + "/work")
    g = _iri(SOURCE)
    yield _quad(g, _iri(RDF_TYPE), _iri(PROV + "Bundle"), None)
    yield _quad(g, _iri(RDF_TYPE), _iri(str(KGO.SourceGraph)), None)
    yield _quad(g, _iri(PROV + "wasDerivedFrom"), work, None)
    yield _quad(g, _iri(RDFS + "label"), _literal("Wikidata film snapshot (bokeh_sampledata 2026.1)"), None)
    yield _quad(work, _iri(RDF_TYPE), _iri(str(SDO.Dataset)), None)
    yield _quad(work, _iri(str(SDO.name)), _literal("Wikidata film snapshot, table omdb of movies.db in bokeh_sampledata 2026.1"), None)
    yield _quad(work, _iri(str(SDO.publisher)), _literal("Wikidata contributors"), None)
    yield _quad(work, _iri(str(SDO.url)), _iri("https://www.wikidata.org/"), None)
    yield _quad(work, _iri(str(SDO.license)), _iri("https://creativecommons.org/publicdomain/zero/1.0/"), None)
    yield _quad(work, _iri(str(SDO.dateCreated)), _literal("2026-10-18", XSD + "date"), None)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _film_quads(
    film: str, row: dict, countries: dict, new_countries: dict, people: set, curated_people: dict, report: ImportReport
) -> Iterator[str]:
    f = _iri(film)
    yield _quad(f, _iri(RDF_TYPE), _iri(str(SDO.Movie)))
    yield _quad(f, _iri(str(SDO.name)), _literal(row["Title"].strip()))
    yield _quad(f, _iri(RDFS + "label"), _literal(row["Title"].strip(), lang="en"))
    yield _quad(f, _iri(str(SDO.sameAs)), _iri(f"https://www.imdb.com/title/{row['imdbID'].strip()}/"))
    if row["Released"]:
        date = PartialDate.parse(row["Released"])
        if date.month == 1 and date.day == 1:
            date = PartialDate(date.year)
        literal = date.literal()
        yield _quad(f, _iri(str(SDO.datePublished)), _literal(str(literal), str(literal.datatype)))
    for language in _split(row["Language"]):
        yield _quad(f, _iri(str(SDO.inLanguage)), _literal(language))
    for name in _split(row["Country"]):
        key = _key(name)
        if key in countries:
            country = countries[key]
            report.countries_matched[name] = country
        else:
            if name not in new_countries:
                new_countries[name] = country = f"{RES}country/{key}"
                yield _quad(_iri(country), _iri(RDF_TYPE), _iri(str(SDO.Country)))
                yield _quad(_iri(country), _iri(RDF_TYPE), _iri(str(SDO.Place)))
                yield _quad(_iri(country), _iri(str(SDO.name)), _literal(name))
                yield _quad(_iri(country), _iri(RDFS + "label"), _literal(name, lang="en"))
            country = new_countries[name]
        yield _quad(f, _iri(str(SDO.countryOfOrigin)), _iri(country))
    for genre in _split(row["Genre"]):
        g = _iri(f"{RES}genre/{_key(genre)}")
        yield _quad(f, _iri(str(SDO.genre)), g)
        yield _quad(g, _iri(RDF_TYPE), _iri(SKOS + "Concept"))
        yield _quad(g, _iri(SKOS + "prefLabel"), _literal(genre, lang="en"))
    for column, predicate in (("Director", SDO.director), ("Writer", SDO.author), ("Cast", SDO.actor)):
        for name in _split(row[column]):
            key = _key(name)
            if not key:
                continue
            p = _iri(PERSON + key)
            yield _quad(f, _iri(str(predicate)), p)
            if key not in people:
                people.add(key)
                yield _quad(p, _iri(RDF_TYPE), _iri(str(SDO.Person)))
                yield _quad(p, _iri(str(SDO.name)), _literal(name))
                yield _quad(p, _iri(RDFS + "label"), _literal(name, lang="en"))
                if key in curated_people and curated_people[key] not in report.person_candidates:
                    report.person_candidates.append(curated_people[key])
