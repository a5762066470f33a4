"""Import films of the SCO member states from Wikidata (or any SPARQL endpoint) when online.

``kg import wikidata`` runs a SPARQL query a user can read and change (the one kg ships is
``ontology/importers/wikidata-films.rq``) against https://query.wikidata.org/sparql, or any
endpoint, and writes ``OUT/imports/wikidata.nq`` beside the build, which every store loads.

Why it works the way it does:

- The member states come from the built graph (the SCO is the entity with ``schema:sameAs
  wd:Q485207``; its ``schema:member`` countries carry their own ``wd:`` ids), so the import asks
  for exactly the countries the graph calls members, and the films link to the graph's own
  country IRIs.
- One request per year of publication (and LIMIT/OFFSET pages inside a large year) keeps each
  request well under the Wikidata Query Service's 60-second limit. Every answer is kept as
  received in ``OUT/imports/cache/wikidata/<query hash>/<year>-<page>.json`` before the next is
  asked for, so an interrupted import run again asks only for the pages it lacks. A finished
  import marks its cache complete; the next run starts afresh (that is what a refresh is).
- The query answers one row per fact (see the .rq), so a film with 40 actors costs 40 rows, not
  40 x directors x countries x dates.
- Films join the graph by identifier only: a film whose Wikidata id (``schema:sameAs wd:Q…``) or
  IMDb id (``schema:sameAs <https://www.imdb.com/title/tt…/>``) the graph already has keeps the
  graph's IRI; a shared title is never enough. People, companies and countries join by Wikidata id
  likewise; anything else is minted as ``kgr:wikidata/Q…``, one IRI per Wikidata item. Only
  minted entities get Wikidata's names and labels: a country or person the graph already has
  keeps the names its sources give it (Wikidata calls China "People's Republic of China").
- A publication date keeps the precision Wikidata gives it (``wikibase:timePrecision`` 9 year,
  10 month, 11 day, like :class:`kg.ingest.dates.PartialDate`); a coarser one (a decade) is left
  out rather than turned into a year Wikidata does not state.
- Every imported fact sits in one named graph for the run, a ``prov:Bundle`` that names the
  endpoint or file it was derived from (``prov:wasDerivedFrom``), the retrieval time
  (``prov:generatedAtTime``: when the last page came in; a saved file's modification time) and the query (``prov:wasGeneratedBy`` / ``prov:qualifiedAssociation``
  / ``prov:hadPlan``, a ``prov:Plan`` with ``schema:text``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import http.client
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KGError, Problem, QueryError
from kg.ingest.dates import PartialDate
from kg.ingest.vocabulary import BASE, KGO, RES, SDO, SRC
from kg.project import shipped_ontology
from kg.query.store import IMPORTS_DIR, QUADS_FILE, OxigraphStore, Store, build_files, parse_query

NAME = "wikidata"
DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
#: Where Wikimedia can reach the people running this client (its User-Agent policy asks for one):
#: the project's own address unless the person importing sets ``KG_CONTACT`` (an email or a URL).
CONTACT_VARIABLE = "KG_CONTACT"
FIRST_YEAR = 2001  # the SCO was founded in 2001
DEFAULT_PAGE_SIZE = 500
DEFAULT_RETRIES = 5
#: A Retry-After longer than this is not waited out: the user is told to come back later.
LONGEST_WAIT = 600
TIMEOUT = 90  # seconds per request; the Wikidata Query Service stops a query at 60

ENTITY = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCO_QID = "Q485207"
MINTED = str(RES) + "wikidata/"
LANGUAGES = ("en", "zh", "ru")  # the order a name is chosen in
LINKS = {"P495": "country", "P57": "director", "P161": "actor", "P272": "company"}
PREDICATES = {"director": SDO.director, "actor": SDO.actor, "company": SDO.productionCompany, "country": SDO.countryOfOrigin}
#: Prefixes the Wikidata Query Service declares by itself, for a helpful message when a query lacks one.
WDQS_PREFIXES = {
    "wd": ENTITY,
    "wdt": WDT,
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "psv": "http://www.wikidata.org/prop/statement/value/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "wikibase": "http://wikiba.se/ontology#",
    "rdfs": RDFS,
    "xsd": XSD,
    "schema": "http://schema.org/",
}
_QID = re.compile(r"^http://www\.wikidata\.org/entity/(Q\d+)$")
_IMDB = re.compile(r"imdb\.com/title/(tt\d+)")
_TIME = re.compile(r"^\+?(\d{4,})-(\d{2})-(\d{2})T")
_YEAR = re.compile(r"VALUES\s+\?year\s*\{[^}]*\}")
_COUNTRY = re.compile(r"VALUES\s+\?country\s*\{[^}]*\}")
_PAGE = re.compile(r"LIMIT\s+\d+\s+OFFSET\s+\d+", re.IGNORECASE)


def default_years() -> tuple[int, int]:
    """From the SCO's founding year to this year."""
    return FIRST_YEAR, dt.date.today().year


def shipped_query() -> Path:
    """The query kg ships: ontology/importers/wikidata-films.rq (kg/_ontology/importers in a wheel)."""
    return shipped_ontology() / "importers" / "wikidata-films.rq"


# ---- the query ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportQuery:
    """A query file with the three lines kg rewrites for each page (see the shipped .rq)."""

    path: Path
    text: str

    @classmethod
    def read(cls, path: Path) -> ImportQuery:
        """Read and check ``path``: it must parse, and hold one VALUES ?year line and one LIMIT/OFFSET.

        Checked before any request, so a typo costs no round trip to the endpoint.
        """
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(
                Problem(path, None, f"cannot read the query: {getattr(e, 'strerror', None) or e}", "pass --query a SPARQL file")
            ) from None
        _check_syntax(path, text)
        for pattern, what, example in (
            (_YEAR, "VALUES ?year { … } line", "VALUES ?year { 2001 }"),
            (_PAGE, "LIMIT … OFFSET … clause", "LIMIT 500 OFFSET 0"),
        ):
            found = list(pattern.finditer(text))
            if len(found) != 1:
                line = _line_at(text, found[1].start()) if found else None
                count = "no" if not found else "more than one"
                raise QueryError(
                    Problem(
                        path,
                        line,
                        f"the query has {count} {what}: kg sets it for every page it asks for",
                        f"write exactly one, like `{example}` (see {shipped_query()})",
                    )
                )
        if len(_COUNTRY.findall(text)) > 1:
            raise QueryError(
                Problem(path, None, "the query has more than one VALUES ?country line", "keep one: kg puts the SCO member states there")
            )
        return cls(path, text)

    @property
    def wants_members(self) -> bool:
        return bool(_COUNTRY.search(self.text))

    def with_members(self, qids: Iterable[str]) -> str:
        """The query with the member states in its VALUES ?country line (unchanged if it has none)."""
        values = " ".join(f"wd:{q}" for q in qids)
        return _COUNTRY.sub(lambda _: f"VALUES ?country {{ {values} }}", self.text, count=1)


def _check_syntax(path: Path, text: str) -> None:
    """Raise QueryError at the line and column where the query stops parsing.

    Oxigraph's parser says where it stopped (rdflib's points at the start of the enclosing group),
    so it locates the error; rdflib names an undeclared prefix, which Oxigraph does not.
    """
    import pyoxigraph as ox

    try:
        ox.Store().query(text)  # parsed at once; nothing to evaluate in an empty store
        return
    except SyntaxError as e:
        message = str(e)
    if "Prefix not found" in message:
        try:
            parse_query(text)
        except QueryError as e:
            if m := re.search(r"Unknown namespace prefix : (\w+)", e.problems[0].message):
                prefix = m.group(1)
                declare = f"PREFIX {prefix}: <{WDQS_PREFIXES.get(prefix, '...')}>"
                rows = enumerate(text.splitlines(), 1)
                line = next((n for n, row in rows if not row.lstrip().startswith("#") and re.search(rf"(?<![\w:]){prefix}:", row)), None)
                raise QueryError(Problem(path, line, f"the prefix {prefix}: is not declared", f"add {declare} at the top")) from None
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not m:
        raise QueryError(Problem(path, None, f"SPARQL syntax error: {message[:300]}", "fix the query")) from None
    line, column, expected = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    rows = text.splitlines()
    source = rows[line - 1] if 0 < line <= len(rows) else ""
    expected = expected if len(expected) <= 120 else expected[:120] + "…"
    raise QueryError(
        Problem(
            path,
            line,
            f"SPARQL syntax error at column {column}: {expected}\n    {source}\n    {' ' * (column - 1)}^",
            "fix the query at the ^",
        )
    ) from None


def _page_query(template: str, year: int, limit: int, offset: int) -> str:
    text = _YEAR.sub(lambda _: f"VALUES ?year {{ {year} }}", template, count=1)
    return _PAGE.sub(lambda _: f"LIMIT {limit} OFFSET {offset}", text, count=1)


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


# ---- the answers --------------------------------------------------------------------------------


@dataclass
class _Film:
    labels: set[tuple[str, str]] = field(default_factory=set)
    links: dict[str, set[str]] = field(default_factory=lambda: {role: set() for role in PREDICATES})
    dates: set[PartialDate] = field(default_factory=set)
    imdb: set[str] = field(default_factory=set)


@dataclass
class _Answers:
    """The facts of every page read so far, merged by Wikidata id (a film may be in several years)."""

    films: dict[str, _Film] = field(default_factory=dict)
    labels: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def read(self, data: object, where: str | Path) -> int:
        """Add one SPARQL JSON answer; return how many distinct films it has.

        ``where`` names the file or page in error messages; a malformed answer raises InputError
        listing its bad rows (by position in results.bindings).
        """
        bindings = _bindings(data, where)
        problems: list[Problem] = []
        films: set[str] = set()
        for number, row in enumerate(bindings, 1):
            try:
                qid = self._row(row)
            except ValueError as e:
                problems.append(
                    Problem(where, number, str(e), "each row needs ?film (a wd:Q… item) and, for a fact, ?property and ?value", unit="row")
                )
                if len(problems) >= 20:
                    break
                continue
            films.add(qid)
        if problems:
            raise InputError(problems)
        return len(films)

    def _row(self, row: object) -> str:
        """Merge one row into the films; return its film's Wikidata id (ValueError for a malformed row)."""
        if not isinstance(row, dict):
            raise ValueError(f"a result must be an object of variable bindings, not {type(row).__name__}")
        terms = {}
        for name, term in row.items():
            if not (isinstance(term, dict) and isinstance(term.get("type"), str) and isinstance(term.get("value"), str)):
                raise ValueError(f"?{name} is not a SPARQL JSON term (an object with type and value)")
            terms[name] = {**term, "type": "literal"} if term["type"] == "typed-literal" else term  # Virtuoso's older spelling
        if "film" not in terms:
            raise ValueError("the row has no ?film")
        qid = _qid(terms["film"])
        if qid is None:
            raise ValueError(f"?film is {terms['film']['value']!r}, not a Wikidata item (http://www.wikidata.org/entity/Q…)")
        film = self.films.setdefault(qid, _Film())
        prop = terms.get("property")
        if prop is None:
            return qid
        value = terms.get("value")
        if value is None:
            raise ValueError(f"?property is {prop['value']} but the row has no ?value")
        if prop["value"] == RDFS + "label":
            lang = value.get("xml:lang", "")
            if value["type"] != "literal" or lang not in LANGUAGES:
                self.skip(f"labels in other languages than {', '.join(LANGUAGES)}")
            else:
                film.labels.add((value["value"], lang))
            return qid
        if not prop["value"].startswith(WDT):
            self.skip(f"rows of properties kg does not import ({_short(prop['value'])})")
            return qid
        pid = prop["value"][len(WDT) :]
        if pid in LINKS:
            item = _qid(value)
            if item is None:
                self.skip("unknown or unnamed values (Wikidata's 'some value')")
                return qid
            film.links[LINKS[pid]].add(item)
            label = terms.get("valueLabel")
            if label and label["type"] == "literal" and label.get("xml:lang") in LANGUAGES:
                self.labels.setdefault(item, set()).add((label["value"], label["xml:lang"]))
        elif pid == "P577":
            date = _date(value, terms.get("precision"))
            if date is None:
                self.skip("publication dates coarser than a year (or without a precision)")
            else:
                film.dates.add(date)
        elif pid == "P345":
            if value["type"] == "literal" and re.fullmatch(r"tt\d+", value["value"]):
                film.imdb.add(value["value"])
            else:
                self.skip("IMDb ids that are not a title id (tt…)")
        else:
            self.skip(f"rows of properties kg does not import (wdt:{pid})")
        return qid


def _bindings(data: object, where: str | Path) -> list:
    """``results.bindings`` of a SPARQL JSON answer, after checking the answer's shape."""
    how = "save the answer of a SELECT query as SPARQL JSON results (application/sparql-results+json)"
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict) or not isinstance(data.get("results"), dict):
        raise InputError(Problem(where, None, "not SPARQL JSON results: expected an object with head and results", how))
    variables = data["head"].get("vars")
    bindings = data["results"].get("bindings")
    if not isinstance(variables, list) or not isinstance(bindings, list):
        raise InputError(Problem(where, None, "not SPARQL JSON results: head.vars and results.bindings must be lists", how))
    missing = [v for v in ("film", "property", "value") if v not in variables]
    if missing:
        raise InputError(
            Problem(
                where,
                None,
                f"the answer has no {', '.join('?' + v for v in missing)} (its variables: {', '.join('?' + str(v) for v in variables) or 'none'})",
                f"select ?film ?property ?value ?valueLabel ?precision, as {shipped_query().name} does",
            )
        )
    return bindings


def _qid(term: dict) -> str | None:
    m = _QID.match(term["value"]) if term["type"] == "uri" else None
    return m.group(1) if m else None


def _date(value: dict, precision: dict | None) -> PartialDate | None:
    """A Wikidata time value at its precision; ValueError for a value that is no date at all."""
    if precision is None:
        return None
    try:
        level = int(precision["value"])
    except ValueError:
        raise ValueError(f"?precision is {precision['value']!r}, not a number (wikibase:timePrecision)") from None
    m = _TIME.match(value["value"])
    if value["type"] != "literal" or not m:
        raise ValueError(f"?value {value['value']!r} is not a Wikidata time value (like 2019-05-12T00:00:00Z)")
    if level < 9:
        return None
    year, month, day = (int(g) for g in m.groups())
    try:
        if level == 9:
            return PartialDate(year)
        if level == 10:
            return PartialDate.parse(f"{year:04d}-{month:02d}")
        return PartialDate.parse(f"{year:04d}-{month:02d}-{day:02d}")  # 12+ (hours ...) are kept to the day
    except ValueError as e:
        raise ValueError(f"impossible publication date: {e}") from None


def _short(iri: str) -> str:
    for prefix, ns in WDQS_PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


# ---- HTTP ---------------------------------------------------------------------------------------


def user_agent() -> str:
    """Name, version and contact, as the Wikimedia User-Agent policy asks of every client."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("sco-film-kg")
    except PackageNotFoundError:
        own = "unknown"
    contact = " ".join(os.environ.get(CONTACT_VARIABLE, "").split()) or BASE  # one line: it goes in a header
    return f"sco-film-kg/{own} ({contact}; kg import wikidata) Python-urllib/{sys.version_info.major}.{sys.version_info.minor}"


class _Client:
    """Sends a query and returns the parsed JSON answer, retrying what a busy server asks to retry.

    429 and 5xx answers, refused or dropped connections and timeouts are retried ``retries`` times,
    waiting 1, 2, 4 ... seconds, or the Retry-After the server gives (in seconds or as a date).
    """

    def __init__(self, endpoint: str, retries: int, backoff: float = 1.0):
        self.endpoint = endpoint
        self.retries = retries
        self.backoff = backoff
        self.agent = user_agent()
        self.requests = 0

    def ask(self, query: str, what: str, resume_hint: str) -> tuple[bytes, object]:
        last, wait = "", 0.0
        for attempt in range(self.retries + 1):
            time.sleep(wait)  # 0 before the first attempt; then what the failed attempt asked for
            self.requests += 1
            try:
                with urllib.request.urlopen(self._request(query), timeout=TIMEOUT) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
            except urllib.error.HTTPError as e:
                try:
                    detail = _excerpt(e.read())
                except (OSError, http.client.HTTPException):  # the error page itself was cut off
                    detail = ""
                if e.code == 429 or e.code >= 500:
                    last = f"HTTP {e.code} {e.reason}" + (f" ({detail[:150]})" if detail else "")
                    retry_after = _retry_after(e.headers.get("Retry-After"))
                    if retry_after is not None and retry_after > LONGEST_WAIT:
                        raise KGError(
                            Problem(
                                self.endpoint,
                                None,
                                f"the endpoint asks to wait {retry_after:.0f} s before {what} (HTTP {e.code})",
                                resume_hint,
                            )
                        ) from None
                    wait = retry_after if retry_after is not None else self.backoff * 2**attempt
                    continue
                raise KGError(
                    Problem(
                        self.endpoint,
                        None,
                        f"the endpoint refused {what}: HTTP {e.code} {e.reason}" + (f": {detail}" if detail else ""),
                        "check --endpoint (a SPARQL query URL) and the query (run it in the endpoint's own query page)",
                    )
                ) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
                last = str(getattr(e, "reason", None) or e) or type(e).__name__
                wait = self.backoff * 2**attempt
                continue
            try:
                return body, json.loads(body)
            except (ValueError, UnicodeDecodeError):
                raise KGError(
                    Problem(
                        self.endpoint,
                        None,
                        f"the answer to {what} is not SPARQL JSON ({kind or 'no Content-Type'}): {_excerpt(body)}",
                        "check that --endpoint is the SPARQL query URL (for Wikidata: https://query.wikidata.org/sparql)",
                    )
                ) from None
        attempts = self.retries + 1
        raise KGError(
            Problem(self.endpoint, None, f"no answer to {what} after {attempts} attempt{'s' if attempts > 1 else ''}: {last}", resume_hint)
        )

    def _request(self, query: str) -> urllib.request.Request:
        headers = {"Accept": "application/sparql-results+json", "User-Agent": self.agent}
        url = f"{self.endpoint}{'&' if '?' in self.endpoint else '?'}{urllib.parse.urlencode({'query': query})}"
        if len(url) <= 6000:  # GET answers are cached by the Wikidata Query Service; long queries go by POST
            return urllib.request.Request(url, headers=headers)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return urllib.request.Request(self.endpoint, data=urllib.parse.urlencode({"query": query}).encode(), headers=headers)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _excerpt(body: bytes) -> str:
    text = " ".join(body[:2000].decode("utf-8", "replace").split())
    return text[:300] + ("…" if len(text) > 300 else "")


# ---- the cache ----------------------------------------------------------------------------------


class _Cache:
    """The answers of one import (endpoint, query, members, page size), one file per page.

    A page is written (atomically) only once its answer has been read without error; a finished
    import leaves a ``complete`` marker, and the next import with the same key starts afresh.
    """

    def __init__(self, out_dir: Path, endpoint: str, template: str, page_size: int):
        key = hashlib.sha256(f"{endpoint}\n{page_size}\n{template}".encode()).hexdigest()[:16]
        self.folder = out_dir / IMPORTS_DIR / "cache" / NAME / key
        self.marker = self.folder / "complete"
        if self.marker.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        about = self.folder / "query.rq"
        if not about.exists():
            about.write_text(f"# endpoint: {endpoint}\n# page size: {page_size}\n{template}", encoding="utf-8")

    def page(self, year: int, index: int) -> Path:
        return self.folder / f"{year}-{index:03d}.json"

    def store(self, path: Path, body: bytes) -> None:
        fd, scratch = tempfile.mkstemp(prefix=".page-", suffix=".part", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
            os.replace(scratch, path)
        finally:
            if os.path.exists(scratch):
                os.unlink(scratch)

    def finish(self) -> None:
        """Mark this import done, and drop the finished caches of other queries (they only take space)."""
        self.marker.write_text(_now().isoformat(), encoding="utf-8")
        for other in self.folder.parent.iterdir():
            if other != self.folder and (other / "complete").exists():
                shutil.rmtree(other, ignore_errors=True)


# ---- the built graph ----------------------------------------------------------------------------


@dataclass
class _Known:
    """What the built graph already has, by identifier: films by Wikidata and IMDb id, any item by Wikidata id."""

    films_by_qid: dict[str, str]
    films_by_imdb: dict[str, str]
    items_by_qid: dict[str, str]
    members: list[str]


def open_graph(out_dir: Path) -> Store:
    """The build and every import except this importer's own earlier output, in RAM (pyoxigraph).

    Leaving out ``wikidata.nq`` keeps a refresh from matching films to the very run it replaces.
    """
    files = [f for f in build_files(out_dir) if f.name != f"{NAME}.nq"]
    main = files[0]
    quads = main.with_name(QUADS_FILE) if main.with_name(QUADS_FILE).exists() else main
    return OxigraphStore.in_memory([quads, *files[1:]])


def _known(graph: Store) -> _Known:
    wd = f'FILTER(STRSTARTS(STR(?u), "{ENTITY}Q"))'
    items: dict[str, str] = {}
    films: dict[str, str] = {}
    for r in graph.query(
        f"SELECT ?x ?u ?film WHERE {{ ?x <{SDO.sameAs}> ?u {wd} OPTIONAL {{ ?x a ?film FILTER(?film = <{SDO.Movie}>) }} }}"
    ).rows:
        qid = str(r["u"])[len(ENTITY) :]
        iri = str(r["x"])
        items[qid] = min(items.get(qid, iri), iri)  # one IRI per id (the least, so every run picks the same)
        if "film" in r:
            films[qid] = min(films.get(qid, iri), iri)
    by_imdb: dict[str, str] = {}
    for r in graph.query(
        f'SELECT ?f ?u WHERE {{ ?f a <{SDO.Movie}> ; <{SDO.sameAs}> ?u FILTER(CONTAINS(STR(?u), "imdb.com/title/tt")) }}'
    ).rows:
        if m := _IMDB.search(str(r["u"])):
            by_imdb[m.group(1)] = min(by_imdb.get(m.group(1), str(r["f"])), str(r["f"]))
    members = graph.query(
        f"""SELECT DISTINCT ?u WHERE {{ ?sco <{SDO.sameAs}> <{ENTITY}{SCO_QID}> ; <{SDO.member}> ?c . ?c <{SDO.sameAs}> ?u {wd} }}"""
    ).rows
    qids = sorted({str(r["u"])[len(ENTITY) :] for r in members}, key=lambda q: int(q[1:]))
    return _Known(films, by_imdb, items, qids)


# ---- the import ---------------------------------------------------------------------------------


@dataclass
class WikidataReport:
    """What an import fetched, matched and wrote; :meth:`summary` is what the CLI prints."""

    path: Path
    source: str
    films: int = 0
    quads: int = 0
    matched_by_qid: list[tuple[str, str]] = field(default_factory=list)
    matched_by_imdb: list[tuple[str, str]] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    people: int = 0
    companies: int = 0
    countries_known: int = 0
    countries_new: int = 0
    pages_fetched: int = 0
    pages_cached: int = 0
    requests: int = 0
    members: list[str] = field(default_factory=list)
    years: tuple[int, int] | None = None
    skipped: dict[str, int] = field(default_factory=dict)
    graph: str = ""
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"Imported {self.films} films ({self.quads} quads) from {self.source} into {self.path}"]
        if self.years:
            lines.append(
                f"  {self.years[0]}-{self.years[1]}, {len(self.members)} SCO member states; {self.pages_fetched} pages fetched "
                f"({self.requests} requests), {self.pages_cached} pages from the cache of an interrupted import"
            )
        lines.append(
            f"  films the graph already had: {len(self.matched_by_qid)} by Wikidata id, {len(self.matched_by_imdb)} by IMDb id; "
            f"{self.people} {'person' if self.people == 1 else 'people'}, {self.companies} compan{'y' if self.companies == 1 else 'ies'}; "
            f"countries: {self.countries_known} of the graph, {self.countries_new} new"
        )
        lines += [f"  {d}" for d in self.disagreements]
        lines += [f"  left out: {n} {why}" for why, n in sorted(self.skipped.items())]
        lines.append(f"  named graph {self.graph} ({self.seconds:.2f} s)")
        return "\n".join(lines)


def import_wikidata(
    out_dir: Path,
    *,
    endpoint: str | None = None,
    query: Path | None = None,
    results: Path | None = None,
    years: tuple[int, int] | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    retries: int = DEFAULT_RETRIES,
    progress: Callable[[int], None] | None = None,
) -> WikidataReport:
    """Fetch (or, with ``results``, read) films and write ``out_dir/imports/wikidata.nq`` atomically.

    ``out_dir`` holds the build (``kg build``): the member states and the films to match come
    from it. ``progress(year)`` is called as each year's pages are in. Raises KGError (nothing
    written) for a bad query or results file, or an endpoint that does not answer after
    ``retries`` retries; the pages fetched by then stay cached for the next run.
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    target = out_dir / IMPORTS_DIR / f"{NAME}.nq"
    plan = ImportQuery.read(query) if query else None  # every input is checked before the graph is read
    answers = _Answers()
    cache = None
    if results is not None:
        answers.read(_load_results(results), results)
        known = _known(open_graph(out_dir))
        source, plan_text = results.resolve().as_uri(), plan.text if plan else None
        report = WikidataReport(target, str(results))
        retrieved = [dt.datetime.fromtimestamp(results.stat().st_mtime, dt.UTC)]  # when the answer was saved
    else:
        source = _check_endpoint(endpoint or DEFAULT_ENDPOINT)
        plan = plan or ImportQuery.read(shipped_query())
        known = _known(open_graph(out_dir))
        if plan.wants_members and not known.members:
            raise KGError(
                Problem(
                    out_dir,
                    None,
                    f"the built graph names no SCO member states with Wikidata ids (the SCO is the entity with schema:sameAs wd:{SCO_QID})",
                    "run `kg build` on data whose reference sheets list the SCO and its members (kg's sample data does)",
                )
            )
        years = years or default_years()
        report = WikidataReport(target, source, years=years, members=known.members)
        plan_text = plan.with_members(known.members)
        cache = _Cache(out_dir, source, plan_text, page_size)
        retrieved = _fetch(cache, source, plan_text, years, page_size, retries, answers, report, progress)
    report.skipped = answers.skipped
    generated = max(retrieved)
    report.graph = graph = f"{SRC}wikidata-import/{generated:%Y-%m-%dT%H%M%SZ}"
    lines = list(_describe_run(graph, source, plan, plan_text, min(retrieved), generated, report))
    lines += _film_quads(answers, known, graph, report)
    _write(target, lines)
    if cache:
        cache.finish()
    report.quads = len(lines)
    report.seconds = time.monotonic() - started
    return report


def _check_endpoint(endpoint: str) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r'[\s<>"{}|\\^`]', endpoint):
        raise KGError(
            Problem("--endpoint", None, f"{endpoint!r} is not an http(s) URL", f"give the SPARQL query URL, like {DEFAULT_ENDPOINT}")
        )
    return endpoint


def _load_results(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Problem(path, None, "no such file", "pass --from the SPARQL JSON results file you saved")) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(
            Problem(path, None, f"cannot read the file: {getattr(e, 'strerror', None) or e}", "save the results as UTF-8 JSON")
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            Problem(
                path, e.lineno, f"not JSON (column {e.colno}: {e.msg})", "save the query's answer as SPARQL JSON results (Download → JSON)"
            )
        ) from None


def _fetch(
    cache: _Cache,
    endpoint: str,
    template: str,
    years: tuple[int, int],
    page_size: int,
    retries: int,
    answers: _Answers,
    report: WikidataReport,
    progress: Callable[[int], None] | None,
) -> list[dt.datetime]:
    """Read every page of every year, from the cache where an earlier run left it, else from the endpoint."""
    client = _Client(endpoint, retries)
    retrieved: list[dt.datetime] = []
    try:
        for year in range(years[0], years[1] + 1):
            index = 0
            while True:
                page = cache.page(year, index)
                what = f"the films of {year}" + (f" (page {index + 1})" if index else "")
                if page.exists():
                    report.pages_cached += 1
                    count = answers.read(_load_results(page), page)
                else:
                    hint = (
                        f"check the endpoint and your connection (an endpoint that times out wants a smaller --page-size), then run "
                        f"the same command again: the pages already fetched are kept in {cache.folder} and are not asked for again"
                    )
                    body, data = client.ask(_page_query(template, year, page_size, index * page_size), what, hint)
                    count = answers.read(data, f"{endpoint} ({what})")
                    cache.store(page, body)
                    report.pages_fetched += 1
                retrieved.append(dt.datetime.fromtimestamp(page.stat().st_mtime, dt.UTC))
                if count < page_size:
                    break
                index += 1
            if progress:
                progress(year)
    finally:
        report.requests = client.requests
    return retrieved


def _write(target: Path, lines: list[str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(prefix=f".{NAME}-", suffix=".nq", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(lines)
        os.chmod(scratch, 0o644)
        os.replace(scratch, target)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# ---- writing N-Quads ----------------------------------------------------------------------------


def _iri(value: str) -> str:
    return f"<{value}>"


def _literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{escaped}"@{lang}'
    return f'"{escaped}"^^<{datatype}>' if datatype else f'"{escaped}"'


def _quad(s: str, p: str, o: str, graph: str | None) -> str:
    return f"{s} {p} {o} <{graph}> .\n" if graph else f"{s} {p} {o} .\n"


def _timestamp(moment: dt.datetime) -> str:
    return _literal(moment.replace(microsecond=0).isoformat().replace("+00:00", "Z"), XSD + "dateTime")


def _describe_run(
    graph: str, source: str, plan: ImportQuery | None, plan_text: str | None, first: dt.datetime, last: dt.datetime, report: WikidataReport
) -> Iterator[str]:
    """The graph's provenance, in the default graph as the build describes its own source graphs."""
    g, run, src = _iri(graph), _iri(graph + "/run"), _iri(source)
    a, t = _iri(RDF_TYPE), lambda p: _iri(PROV + p)
    from_file = source.startswith("file:")
    yield _quad(g, a, t("Bundle"), None)
    yield _quad(g, a, _iri(str(KGO.SourceGraph)), None)
    label = f"Wikidata films from {'the saved results ' + source if from_file else source}, retrieved {last:%Y-%m-%d %H:%M} UTC"
    yield _quad(g, _iri(RDFS + "label"), _literal(label), None)
    yield _quad(g, t("wasDerivedFrom"), src, None)
    yield _quad(g, t("generatedAtTime"), _timestamp(last), None)
    yield _quad(g, t("wasGeneratedBy"), run, None)
    yield _quad(src, _iri(RDFS + "label"), _literal("SPARQL JSON results file" if from_file else "SPARQL endpoint"), None)
    if urllib.parse.urlsplit(source).hostname in ("query.wikidata.org", "www.wikidata.org"):
        yield _quad(src, _iri(str(SDO.publisher)), _literal("Wikidata contributors"), None)
        yield _quad(src, _iri(str(SDO.license)), _iri("https://creativecommons.org/publicdomain/zero/1.0/"), None)
    yield _quad(run, a, t("Activity"), None)
    yield _quad(run, t("used"), src, None)
    yield _quad(run, t("startedAtTime"), _timestamp(first), None)
    yield _quad(run, t("endedAtTime"), _timestamp(last), None)
    if plan_text is None:
        return
    association, software, query = _iri(graph + "/association"), _iri(graph + "/software"), _iri(graph + "/query")
    yield _quad(run, t("qualifiedAssociation"), association, None)
    yield _quad(association, a, t("Association"), None)
    yield _quad(association, t("agent"), software, None)
    yield _quad(association, t("hadPlan"), query, None)
    yield _quad(software, a, t("SoftwareAgent"), None)
    yield _quad(software, _iri(str(SDO.name)), _literal(user_agent().split(" (")[0] + " (kg import wikidata)"), None)
    yield _quad(query, a, t("Plan"), None)
    yield _quad(query, a, _iri(str(SDO.SoftwareSourceCode)), None)
    yield _quad(query, _iri(str(SDO.programmingLanguage)), _literal("SPARQL"), None)
    yield _quad(query, _iri(str(SDO.name)), _literal(plan.path.name if plan else "query"), None)
    yield _quad(query, _iri(str(SDO.text)), _literal(plan_text), None)
    if report.years:
        how = (
            f"Sent once per page: VALUES ?year set to each year {report.years[0]}-{report.years[1]} in turn and "
            f"LIMIT/OFFSET to the page; VALUES ?country holds the SCO member states of the built graph."
        )
        yield _quad(query, _iri(str(SDO.description)), _literal(how), None)


def _name(labels: set[tuple[str, str]]) -> str | None:
    """The label to use as schema:name: English, else Chinese, else Russian (the first in sort order)."""
    for lang in LANGUAGES:
        texts = sorted(text for text, lg in labels if lg == lang)
        if texts:
            return texts[0]
    return None


def _film_quads(answers: _Answers, known: _Known, graph: str, report: WikidataReport) -> list[str]:
    lines: list[str] = []

    def q(s: str, p: str, o: str) -> None:
        lines.append(_quad(s, p, o, graph))

    kinds = {"director": SDO.Person, "actor": SDO.Person, "company": SDO.Organization, "country": SDO.Country}
    typed: set[tuple[str, object]] = set()
    described: set[str] = set()
    seen: dict[str, set[str]] = {"person": set(), "company": set(), "country": set(), "known country": set()}

    def item(qid: str, role: str) -> str:
        """The graph's IRI for a Wikidata item; else a minted one, described once with its labels."""
        seen["person" if role in ("director", "actor") else role].add(qid)
        if qid in known.items_by_qid:
            if role == "country":
                seen["known country"].add(qid)
            return known.items_by_qid[qid]
        iri = MINTED + qid
        e = _iri(iri)
        if (iri, kinds[role]) not in typed:  # typed by the role it plays (a 'company' may be a person)
            typed.add((iri, kinds[role]))
            q(e, _iri(RDF_TYPE), _iri(str(kinds[role])))
            if role == "country":
                q(e, _iri(RDF_TYPE), _iri(str(SDO.Place)))
        if iri not in described:
            described.add(iri)
            labels = answers.labels.get(qid, set())
            if name := _name(labels):
                q(e, _iri(str(SDO.name)), _literal(name))
            for text, lang in sorted(labels):
                q(e, _iri(RDFS + "label"), _literal(text, lang=lang))
            q(e, _iri(str(SDO.sameAs)), _iri(ENTITY + qid))
        return iri

    for qid in sorted(answers.films, key=lambda x: int(x[1:])):
        film = answers.films[qid]
        iri = known.films_by_qid.get(qid)
        by_imdb = [(imdb, known.films_by_imdb[imdb]) for imdb in sorted(film.imdb) if imdb in known.films_by_imdb]
        if iri:
            report.matched_by_qid.append((qid, iri))
            for imdb, other in by_imdb:
                if other != iri:
                    report.disagreements.append(f"{qid} is {iri} by its Wikidata id but {other} by IMDb id {imdb}: kept {iri}")
        elif by_imdb:
            iri = by_imdb[0][1]
            report.matched_by_imdb.append((qid, iri))
        else:
            iri = MINTED + qid
        f = _iri(iri)
        q(f, _iri(RDF_TYPE), _iri(str(SDO.Movie)))
        if name := _name(film.labels):
            q(f, _iri(str(SDO.name)), _literal(name))
        for text, lang in sorted(film.labels):
            q(f, _iri(RDFS + "label"), _literal(text, lang=lang))
        q(f, _iri(str(SDO.sameAs)), _iri(ENTITY + qid))
        for imdb in sorted(film.imdb):
            q(f, _iri(str(SDO.sameAs)), _iri(f"https://www.imdb.com/title/{imdb}/"))
        for date in sorted(film.dates):
            literal = date.literal()
            q(f, _iri(str(SDO.datePublished)), _literal(str(literal), str(literal.datatype)))
        for role, predicate in PREDICATES.items():
            for linked in sorted(film.links[role], key=lambda x: int(x[1:])):
                q(f, _iri(str(predicate)), _iri(item(linked, role)))
    report.films = len(answers.films)
    report.people = len(seen["person"])
    report.companies = len(seen["company"])
    report.countries_known = len(seen["known country"])
    report.countries_new = len(seen["country"]) - len(seen["known country"])
    return lines
