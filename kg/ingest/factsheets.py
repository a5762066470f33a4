"""Fact sheets: what a curator wrote, read into typed records and checked against each other.

Reading happens in two passes. The first reads each file on its own (shape, known words, value
kinds). The second checks the sheets together (every id declared once, every reference known,
types fit the property, every quote found in its document). All problems are collected so the
curator sees every mistake of a run at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, Problem
from kg.ingest.dates import PartialDate
from kg.ingest.documents import Document, Span
from kg.ingest.vocabulary import CLASSES, PROPERTIES, QUALIFIERS
from kg.ingest.yamlfile import YList, YMap, load_yaml

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")
QUANTITY_KEYS = ("value", "min", "max", "approx", "wording", "unit", "currency", "since")


@dataclass
class Evidence:
    quote: str
    occurrence: int | None
    line: int
    span: Span | None = None  # set when the quote is found


@dataclass
class Source:
    id: str
    title: str
    publisher: str
    urls: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    note: str | None = None


@dataclass
class DatedValue:
    date: PartialDate
    wording: str | None = None


@dataclass
class Quantity:
    value: float | None = None
    min: float | None = None
    max: float | None = None
    approx: float | None = None
    wording: str | None = None
    unit: str | None = None
    currency: str | None = None
    since: PartialDate | None = None


@dataclass
class Sheet:
    path: Path
    document: str | None
    source: Source | None
    document_line: int = 1
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Entity:
    id: str
    type: str
    name: str | None
    sheet: Sheet
    line: int
    aliases: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    wikidata: str | None = None
    text: str | None = None
    evidence: Evidence | None = None


@dataclass
class Statement:
    subject: str
    property: str
    sheet: Sheet
    line: int
    lines: dict[str, int]
    object: str | None = None
    value: Any = None
    lang: str | None = None
    date: DatedValue | None = None
    quantity: Quantity | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    evidence: Evidence | None = None
    contested_by: str | None = None
    note: str | None = None


class _Collector:
    """Gathers problems for one file; ``check`` records and tells whether a condition held."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, message, hint))


def read_sheet(path: Path) -> tuple[Sheet, list[Problem]]:
    """Read one sheet on its own; return it with the problems found in it."""
    c = _Collector(path)
    data = load_yaml(path)
    if not isinstance(data, YMap):
        raise InputError(Problem(path, 1, "a fact sheet is a mapping with `document:` or `source:`, `entities:` and `statements:`"))
    for key in data:
        if key not in ("document", "source", "entities", "statements"):
            c.add(data.line_of(key), f"unknown key '{key}'", "a sheet has only document/source, entities and statements")
    document, source = data.get("document"), None
    if ("document" in data) == ("source" in data):
        c.add(data.line, "a sheet names either `document:` (a document sheet) or `source:` (a reference sheet)", "give exactly one of them")
    if document is not None and not (isinstance(document, str) and ID.match(document)):
        c.add(data.line_of("document"), f"`document:` must be a document name like red-silk-sco-film-week, not {document!r}")
    if "source" in data:
        source = _read_source(data["source"], c)
    sheet = Sheet(path, document if isinstance(document, str) else None, source, data.line_of("document"))
    for key, reader, target in (("entities", _read_entity, sheet.entities), ("statements", _read_statement, sheet.statements)):
        items = data.get(key, YList())
        if not isinstance(items, YList):
            c.add(data.line_of(key), f"`{key}:` must be a list (items start with '- ')")
            continue
        for item, line in zip(items, items.lines, strict=False):
            if not isinstance(item, YMap):
                c.add(line, f"each item of `{key}:` must be a mapping of keys to values")
                continue
            read = reader(item, sheet, c)
            if read is not None:
                target.append(read)
    return sheet, c.problems


def _text(m: YMap, key: str, c: _Collector, required: bool = False) -> str | None:
    value = m.get(key)
    if value is None:
        if required:
            c.add(m.line, f"'{key}' is missing", f"add `{key}: ...`")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        c.add(m.line_of(key), f"'{key}' must be text, not {type(value).__name__}")
        return None
    return str(value)


def _date(value: Any, line: int, c: _Collector) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except ValueError as e:
        c.add(
            line, f"impossible date: {e}", "write a real calendar date, only to the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD"
        )
        return None


def _unknown_keys(m: YMap, allowed: tuple[str, ...], what: str, c: _Collector) -> None:
    for key in m:
        if key not in allowed:
            hint = f"use one of: {', '.join(allowed)}"
            if " " in key:
                hint = "this looks like text cut at a comma inside {...}: put the text in quotes"
            c.add(m.line_of(key), f"unknown key '{key}' in {what}", hint)


def _read_source(m: Any, c: _Collector) -> Source | None:
    if not isinstance(m, YMap):
        c.add(None, "`source:` must be a mapping with id, title, publisher")
        return None
    _unknown_keys(m, ("id", "title", "publisher", "url", "date", "note"), "source", c)
    sid = _text(m, "id", c, True)
    if sid and not ID.match(sid):
        c.add(m.line_of("id"), f"source id '{sid}' must be lower-case words joined by hyphens")
    urls = m.get("url", [])
    urls = [urls] if isinstance(urls, str) else list(urls) if isinstance(urls, list) else []
    for url in urls:
        if not str(url).startswith(("http://", "https://")):
            c.add(m.line_of("url"), f"'{url}' is not a web address", "write it in full, starting with https://")
    date = _date(m["date"], m.line_of("date"), c) if "date" in m else None
    return Source(sid or "", _text(m, "title", c, True) or "", _text(m, "publisher", c, True) or "", urls, date, _text(m, "note", c))


def _read_evidence(value: Any, line: int, c: _Collector) -> Evidence | None:
    if isinstance(value, str):
        return Evidence(value, None, line)
    if isinstance(value, YMap) and isinstance(value.get("quote"), str):
        _unknown_keys(value, ("quote", "occurrence"), "evidence", c)
        occurrence = value.get("occurrence")
        if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
            c.add(value.line_of("occurrence"), "`occurrence:` must be a whole number from 1")
            occurrence = None
        return Evidence(value["quote"], occurrence, line)
    c.add(line, "`evidence:` must be a quote from the document, or {quote: ..., occurrence: N}")
    return None


def _read_entity(m: YMap, sheet: Sheet, c: _Collector) -> Entity | None:
    _unknown_keys(m, ("id", "type", "name", "aliases", "labels", "wikidata", "text", "evidence"), "an entity", c)
    eid, etype = _text(m, "id", c, True), _text(m, "type", c, True)
    if eid and not ID.match(eid):
        c.add(m.line_of("id"), f"id '{eid}' must be lower-case words joined by hyphens", "e.g. svetlana-chuykina")
    if etype and etype not in CLASSES:
        c.add(m.line_of("type"), f"unknown type '{etype}'", f"use one of: {', '.join(CLASSES)}")
    name = _text(m, "name", c, required=etype not in ("Quotation", None))
    text = _text(m, "text", c, required=etype == "Quotation")
    aliases = m.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        c.add(m.line_of("aliases"), "`aliases:` must be a list of names")
        aliases = []
    labels = m.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(k, str) and LANG.match(k) and isinstance(v, str) for k, v in labels.items()):
        c.add(m.line_of("labels"), "`labels:` must map language codes to names, e.g. {zh: 红丝绸, ru: Красный шёлк}")
        labels = {}
    wikidata = _text(m, "wikidata", c)
    if wikidata and not re.match(r"^Q\d+$", wikidata):
        c.add(m.line_of("wikidata"), f"'{wikidata}' is not a Wikidata item id", "write it like Q148")
    evidence = _read_evidence(m["evidence"], m.line_of("evidence"), c) if "evidence" in m else None
    if sheet.document is not None:
        if evidence is None and "evidence" not in m:
            c.add(m.line, f"entity '{eid}' has no `evidence:`", "quote the words of the document that name it")
        for key in ("labels", "wikidata"):
            if key in m:
                c.add(m.line_of(key), f"`{key}:` does not come from the document", "put it in a reference sheet that cites its source")
    elif "evidence" in m:
        c.add(
            m.line_of("evidence"), "a reference sheet has no document to quote", "remove `evidence:` or move the entity to a document sheet"
        )
    if not (eid and etype in CLASSES):
        return None
    return Entity(eid, etype, name, sheet, m.line, list(aliases), dict(labels), wikidata, text, evidence)


def _read_statement(m: YMap, sheet: Sheet, c: _Collector) -> Statement | None:
    allowed = ("subject", "property", "object", "value", "lang", "date", "quantity", "qualifiers", "evidence", "contested_by", "note")
    _unknown_keys(m, allowed, "a statement", c)
    subject, prop = _text(m, "subject", c, True), _text(m, "property", c, True)
    if prop and prop not in PROPERTIES:
        c.add(m.line_of("property"), f"unknown property '{prop}'", "run `kg properties` for the list of property words")
        return None
    if not (subject and prop):
        return None
    st = Statement(subject, prop, sheet, m.line, dict(m.lines))
    kind = PROPERTIES[prop].kind
    given = [k for k in ("object", "value", "date", "quantity") if k in m]
    expected = {"entity": "object", "date": "date", "quantity": "quantity", "money": "quantity"}.get(kind, "value")
    if given != [expected]:
        c.add(
            m.line,
            f"property '{prop}' takes `{expected}:` ({kind}); this statement gives {', '.join('`' + g + ':`' for g in given) or 'no value'}",
        )
        return None
    if expected == "object":
        st.object = _text(m, "object", c)
    elif expected == "date":
        st.date = _read_dated(m["date"], m.line_of("date"), c)
    elif expected == "quantity":
        st.quantity = _read_quantity(m["quantity"], m.line_of("quantity"), kind, c)
    else:
        st.value = _read_value(m, kind, c)
    if "lang" in m:
        st.lang = _text(m, "lang", c)
        if kind != "langtext":
            c.add(m.line_of("lang"), f"property '{prop}' is not language-tagged; remove `lang:`")
        elif not (st.lang and LANG.match(st.lang)):
            c.add(m.line_of("lang"), f"'{st.lang}' is not a language code", "use e.g. en, zh, ru")
    elif kind == "langtext":
        c.add(m.line, f"property '{prop}' needs `lang:` (en, zh, ru ...)")
    if "qualifiers" in m:
        st.qualifiers = _read_qualifiers(m["qualifiers"], m.line_of("qualifiers"), c)
    if "evidence" in m:
        st.evidence = _read_evidence(m["evidence"], m.line_of("evidence"), c)
        if sheet.source is not None:
            c.add(m.line_of("evidence"), "a reference sheet has no document to quote", "remove `evidence:`")
    elif sheet.document is not None:
        c.add(m.line, f"statement '{subject} {prop}' has no `evidence:`", "quote the words of the document that state it")
    st.contested_by, st.note = _text(m, "contested_by", c), _text(m, "note", c)
    return st


def _read_value(m: YMap, kind: str, c: _Collector) -> Any:
    value, line = m["value"], m.line_of("value")
    if kind == "duration":
        if not (isinstance(value, str) and DURATION.match(value)):
            c.add(line, f"'{value}' is not an ISO 8601 duration", "write e.g. PT146M for 146 minutes")
    elif kind == "iri":
        if not (isinstance(value, str) and value.startswith(("http://", "https://"))):
            c.add(line, f"'{value}' is not a web address", "write it in full, starting with https://")
    elif not isinstance(value, str | int | float) or isinstance(value, bool):
        c.add(line, f"the value must be text, not {type(value).__name__}")
    return str(value)


def _read_dated(value: Any, line: int, c: _Collector) -> DatedValue | None:
    if isinstance(value, YMap):
        _unknown_keys(value, ("value", "wording"), "a date", c)
        if "value" not in value:
            c.add(line, "a date needs `value:` (YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        date = _date(value["value"], value.line_of("value"), c)
        wording = _text(value, "wording", c)
        return DatedValue(date, wording) if date else None
    date = _date(value, line, c)
    return DatedValue(date) if date else None


def _number(value: Any, line: int, key: str, c: _Collector) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        c.add(line, f"`{key}:` must be a number, not {value!r}", "write digits only, e.g. 1700 (keep the words in `wording:`)")
        return None
    return value


def _read_quantity(value: Any, line: int, kind: str, c: _Collector) -> Quantity | None:
    if not isinstance(value, YMap):
        c.add(line, "`quantity:` must be a mapping, e.g. {max: 1700, wording: nearly 1,700}")
        return None
    _unknown_keys(value, QUANTITY_KEYS, "a quantity", c)
    q = Quantity()
    for key in ("value", "min", "max", "approx"):
        if key in value:
            setattr(q, key, _number(value[key], value.line_of(key), key, c))
    for key in ("wording", "unit", "currency"):
        setattr(q, key, _text(value, key, c))
    if "since" in value:
        q.since = _date(value["since"], value.line_of("since"), c)
    if q.value is None and q.min is None and q.max is None and q.approx is None:
        c.add(line, "a quantity needs `value:` (exact), or `min:`/`max:` bounds, or `approx:`")
    if q.value is None and not q.wording:
        c.add(line, "an inexact quantity needs the source's own `wording:` (e.g. 'nearly 1,700')")
    if q.value is not None and any(x is not None for x in (q.min, q.max, q.approx)):
        c.add(line, "give `value:` for an exact number or bounds for an inexact one, not both")
    if q.min is not None and q.max is not None and q.min > q.max:
        c.add(line, f"`min:` {q.min} is above `max:` {q.max}")
    if kind == "money" and not (q.currency and re.match(r"^[A-Z]{3}$", q.currency)):
        c.add(line, "an amount of money needs `currency:` as an ISO 4217 code", "e.g. currency: RUB")
    return q


def _read_qualifiers(value: Any, line: int, c: _Collector) -> dict[str, Any]:
    if not isinstance(value, YMap):
        c.add(line, "`qualifiers:` must be a mapping, e.g. {roleName: Russian producer, side: russia}")
        return {}
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key not in QUALIFIERS:
            c.add(value.line_of(key), f"unknown qualifier '{key}'", f"use one of: {', '.join(QUALIFIERS)}")
            continue
        kind = QUALIFIERS[key][1]
        if kind == "date":
            out[key] = _date(v, value.line_of(key), c)
        elif kind == "boolean":
            if not isinstance(v, bool):
                c.add(value.line_of(key), f"`{key}:` must be true or false")
            out[key] = v
        else:
            out[key] = _text(value, key, c)
    return out


@dataclass
class Catalogue:
    """All sheets, checked together: entities by id, every statement resolved."""

    sheets: list[Sheet]
    entities: dict[str, Entity]
    sources: dict[str, Source]


def load_catalogue(paths: list[Path], documents: dict[str, Document]) -> Catalogue:
    """Read and cross-check every sheet; raise one InputError listing all problems."""
    sheets, problems = [], []
    for path in paths:
        try:
            sheet, found = read_sheet(path)
        except InputError as e:
            problems.extend(e.problems)
            continue
        sheets.append(sheet)
        problems.extend(found)
    entities: dict[str, Entity] = {}
    sources: dict[str, Source] = {}
    for sheet in sheets:
        if sheet.source and sheet.source.id:
            if sheet.source.id in sources:
                problems.append(
                    Problem(sheet.path, 1, f"source id '{sheet.source.id}' is used by another sheet too", "give each source its own id")
                )
            sources[sheet.source.id] = sheet.source
        for e in sheet.entities:
            if e.id in entities:
                first = entities[e.id]
                problems.append(
                    Problem(
                        sheet.path,
                        e.line,
                        f"duplicate id '{e.id}': already declared at {first.sheet.path}:{first.line}",
                        "declare an entity once and refer to it by id elsewhere",
                    )
                )
            else:
                entities[e.id] = e
    for sheet in sheets:
        problems.extend(_cross_check(sheet, entities, sources, documents))
    if problems:
        raise InputError(problems)
    return Catalogue(sheets, entities, sources)


def _cross_check(sheet: Sheet, entities: dict[str, Entity], sources: dict[str, Source], documents: dict[str, Document]) -> list[Problem]:
    c = _Collector(sheet.path)
    document = None
    if sheet.document is not None:
        document = documents.get(sheet.document)
        if document is None:
            c.add(
                sheet.document_line,
                f"no document '{sheet.document}' in data/documents/",
                f"add data/documents/{sheet.document}.txt and .yaml, or fix the name",
            )
    evidences = [e.evidence for e in sheet.entities] + [s.evidence for s in sheet.statements]
    if document is not None:
        for ev in filter(None, evidences):
            try:
                ev.span = document.find(ev.quote, ev.occurrence)
            except ValueError as err:
                c.add(ev.line, f"evidence not found: {err}", "copy the quote again from the document (was the document edited?)")
    for e in sheet.entities:
        if e.type == "Quotation" and document is not None and e.text and e.text not in document.text:
            c.add(e.line, f"the quotation text of '{e.id}' is not in the document", "copy the speaker's words exactly")
    for st in sheet.statements:
        prop = PROPERTIES[st.property]
        subject = entities.get(st.subject)
        if subject is None:
            c.add(
                st.lines.get("subject", st.line),
                f"unknown entity id '{st.subject}'",
                "declare it under `entities:` in some sheet, or fix the spelling",
            )
        elif prop.domain and subject.type not in prop.domain:
            c.add(
                st.lines.get("property", st.line),
                f"'{st.property}' applies to {' or '.join(prop.domain)}, but '{st.subject}' is a {subject.type}",
            )
        if st.object is not None:
            obj = entities.get(st.object)
            if obj is None:
                c.add(
                    st.lines.get("object", st.line),
                    f"unknown entity id '{st.object}'",
                    "declare it under `entities:` in some sheet, or fix the spelling",
                )
            elif prop.range and obj.type not in prop.range:
                c.add(
                    st.lines.get("object", st.line),
                    f"'{st.property}' takes a {' or '.join(prop.range)}, but '{st.object}' is a {obj.type}",
                    "check the id, or use another property",
                )
        side = st.qualifiers.get("side")
        if side is not None and side not in entities:
            c.add(st.lines.get("qualifiers", st.line), f"unknown entity id '{side}' in `side:`")
        if st.contested_by is not None and st.contested_by not in sources:
            c.add(
                st.lines.get("contested_by", st.line),
                f"unknown source '{st.contested_by}'",
                f"use a source id: {', '.join(sorted(sources))}",
            )
    return c.problems
