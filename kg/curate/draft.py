"""``kg draft``: propose a fact sheet for a document, for a curator to review.

The draft is a YAML file in the fact-sheet format (docs/factsheets.md), written to
``data/drafts/NAME.yaml`` (or ``--out``), never to ``data/facts/``: ``kg build`` does not read
it, so nothing enters the graph until the curator copies what they accept into the document's
sheet. Every proposed entity and statement carries its ``evidence:`` quote, checked to occur in
the document (with ``occurrence:`` when the words occur more than once), so the build finds it.

What is proposed (the finders are in :mod:`kg.curate.extract`):

- names of entities the graph already knows, resolved to their ids (names, aliases, labels in
  every language, spelling variants; see :mod:`kg.ingest.names`) — they are listed, not declared
  again, and a new spelling is proposed as an ``alternateName`` with its evidence;
- new people, films, organisations and events, found by role and speech patterns, quoted titles
  and name endings ("... Film Festival", "... Studios"), declared with a fresh id;
- roles (director, producer, actor ...), with role name, side and nationality;
- quotations with their speaker ("she said": the nearest person named before);
- dates (release, premiere, opening, closing), resolved against the publication date with the
  document's words as ``wording``;
- quantities, with ``value`` / ``min`` / ``max`` / ``approx`` from their qualifier.

What the draft cannot attach to a subject is listed at the end, commented out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.curate.extract.dates import DateMention, find_dates
from kg.curate.extract.entities import EntityMention, find_known, find_named
from kg.curate.extract.quantities import QuantityMention, find_quantities
from kg.curate.extract.quotations import QuotationMention, find_quotations
from kg.curate.extract.roles import RoleMention, find_roles
from kg.errors import InputError, Problem
from kg.ingest.documents import Document, load_document
from kg.ingest.factsheets import ID
from kg.ingest.names import Match, Registry
from kg.ingest.vocabulary import EVENTS, PLACES
from kg.project import data_folder

_RELEASE = re.compile(
    r"\b(?:releas\w*|premier\w*|debut\w*|hit\s+(?:the\s+)?(?:big\s+)?(?:screens?|theaters|theatres|cinemas)|"
    r"(?:opens?|opened|opening)\s+(?:in|across)\s+(?:\w+\s+)?(?:cinemas|theaters|theatres))",
    re.I,
)
_START = re.compile(r"\b(?:kick\w*\s+off|open\w*|began|begins?|start\w*|launch\w*|held|runs?|unveil\w*)\b", re.I)
_END = re.compile(r"\b(?:clos\w*|end\w*|conclud\w*|wrap\w*\s+up)\b", re.I)
_TITLE_BEFORE = re.compile(
    r"\b(?:film|movie|thriller|drama|comedy|documentary|animation|blockbuster|feature|co-production|series)\s+[\"“](?P<t>[^\"”\n]{1,60})[\"”]"
)
_TITLE_AFTER = re.compile(
    r"[\"“](?P<t>[^\"”\n]{1,60})[\"”],?\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:film|movie|thriller|drama|comedy|documentary|co-production)\b"
)
ORG_ENDINGS = (
    "Group",
    "Studio",
    "Studios",
    "Pictures",
    "Corporation",
    "Company",
    "Administration",
    "Fund",
    "Association",
    "Bureau",
    "Media",
    "Ministry",
    "Agency",
    "Academy",
    "University",
    "Government",
    "Committee",
    "Council",
    "Distribution",
)
EVENT_ENDINGS = {"Festival": "Festival", "Week": "Festival", "Forum": "Event", "Awards": "Event", "Summit": "Event", "Expo": "Event"}


@dataclass
class Item:
    """One proposed entity or statement (keys in fact-sheet order), with notes for the curator."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    attached: bool = True


@dataclass
class Draft:
    """What ``kg draft`` found in a document and proposes; :meth:`to_yaml` is the file."""

    document: Document
    mentions: list[EntityMention]
    dates: list[DateMention]
    quantities: list[QuantityMention]
    quotations: list[tuple[QuotationMention, str | None]]  # with the speaker's id
    roles: list[tuple[RoleMention, str | None, str | None]]  # with the subject's and the object's ids
    entities: list[Item] = field(default_factory=list)
    statements: list[Item] = field(default_factory=list)
    unattached: list[Item] = field(default_factory=list)
    near_misses: dict[str, list[Match]] = field(default_factory=dict)

    def to_yaml(self) -> str:
        return _render(self)


def draft(name: str, data: Path | str | None = None, registry: Registry | None = None) -> Draft:
    """Read ``data/documents/NAME.txt`` and propose its fact sheet (nothing is written).

    The known entities are those of every sheet in ``data`` (``registry`` overrides that, e.g.
    to leave out the document's own sheet when measuring the draft against a curated one).
    """
    data = data_folder(data)
    document = _document(name, data)
    registry = registry if registry is not None else Registry.from_data(data)
    return _Drafter(document, registry).run()


def write_draft(result: Draft, out: Path | str | None = None, data: Path | str | None = None) -> Path:
    """Write the draft to ``out`` (default ``data/drafts/NAME.yaml``); never into facts/ or reference/."""
    data = data_folder(data)
    out = Path(out) if out is not None else data / "drafts" / f"{result.document.id}.yaml"
    for folder in ("facts", "reference", "documents"):
        guarded = (data / folder).resolve()
        if out.resolve().parent == guarded or guarded in out.resolve().parents:
            raise InputError(
                Problem(
                    out,
                    None,
                    f"a draft is never written into {data / folder}/: the build would read it as accepted facts",
                    f"leave --out out (the draft goes to {data / 'drafts'}/), then copy what you accept into {data / 'facts' / (result.document.id + '.yaml')}",
                )
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(result.to_yaml(), encoding="utf-8")
    tmp.replace(out)
    return out


def _document(name: str, data: Path) -> Document:
    stem = Path(name).name.removesuffix(".txt").removesuffix(".yaml")
    folder = data / "documents"
    path = folder / f"{stem}.txt"
    if not path.exists():
        known = sorted(p.stem for p in folder.glob("*.txt")) if folder.is_dir() else []
        hint = (
            f"registered documents: {', '.join(known)}" if known else "register it first with `kg add FILE --headline ... --published ...`"
        )
        raise InputError(Problem(path, None, f"no document named '{stem}'", hint))
    return load_document(path)


def _named_runs(text: str):
    """Capitalised runs that may join words with of/and/for ("SCO Film and Television Week"),
    split at an "and" that follows a complete name ("Nota Bene Film Group and Hengdian World
    Studios" is two names)."""
    endings = set(ORG_ENDINGS) | set(EVENT_ENDINGS)
    for m in re.finditer(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z0-9][\w'’-]*)+", text):
        parts = re.split(r"(\s+and\s+)", m.group())
        current, current_start = parts[0], m.start()
        pos = m.start() + len(parts[0])
        for sep, nxt in zip(parts[1::2], parts[2::2], strict=True):
            if current.split()[-1] in endings:
                yield current_start, current
                current, current_start = nxt, pos + len(sep)
            else:
                current += sep + nxt
            pos += len(sep) + len(nxt)
        yield current_start, current


def _inside(m: EntityMention, span: tuple[int, int]) -> bool:
    """Whether known mention ``m`` may be part of a longer new name over ``span``.

    A one-word name ("SCO" in "SCO Film and Television Week", "China" in "China-Russia Years
    of Culture") may; a known name of several words may not ("Vadim Byrkin of Russia's Nota
    Bene Film Group" is two known entities, not a new organisation).
    """
    return span[0] <= m.begin and m.end <= span[1] and (m.end - m.begin) < (span[1] - span[0]) and " " not in m.text


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"


class _Drafter:
    def __init__(self, document: Document, registry: Registry):
        self.doc = document
        self.text = document.text
        self.registry = registry
        self.ids: set[str] = set(registry.ids)  # ids in use: new ones never collide with declared ones
        self.new_names: dict[str, tuple[str, str]] = {}
        self.new_first: dict[str, tuple[int, int]] = {}
        self.near: dict[str, list[Match]] = {}
        self.entities: list[Item] = []
        self.statements: list[Item] = []
        self.unattached: list[Item] = []
        self.seen: set[tuple] = set()
        # what this document's own sheet already states is not proposed again
        self.stated: set[tuple] = set()
        for st in registry.statements:
            if st.sheet.document == document.id:
                self.stated.add((st.subject, st.property))
                self.stated.add((st.subject, st.property, st.object if st.object is not None else st.value))
        self.sentences = [(s.begin, s.end) for s in document.sentences]

    # -- the run -------------------------------------------------------------------------------
    def run(self) -> Draft:
        text = self.text
        known = find_known(text, self.registry)
        self._collect_new_names(known)
        new = find_named(text, self.new_names, [])
        new = [n for n in new if not any(k.begin < n.end and n.begin < k.end and not _inside(k, (n.begin, n.end)) for k in known)]
        known = [k for k in known if not any(_inside(k, (n.begin, n.end)) for n in new)]
        mentions = sorted(known + new, key=lambda m: m.begin)
        self.mentions = mentions
        dates = find_dates(
            text,
            self.doc.date_published,
            self.doc.date_published_earliest,
            self.doc.date_published_latest,
            self.sentences,
        )
        quantities = find_quantities(text, skip=[(d.begin, d.end) for d in dates])
        quotations = [(q, self._speaker(q)) for q in find_quotations(text)]
        roles = [(r, self._film_at(r.begin), self._role_object(r)) for r in find_roles(text, mentions)]
        result = Draft(self.doc, mentions, dates, quantities, quotations, roles, near_misses=self.near)

        self._propose_new_entities(mentions)
        self._propose_spellings(known)
        for r, film, obj in roles:
            self._propose_role(r, film, obj)
        for q, speaker in quotations:
            self._propose_quotation(q, speaker)
        used_dates = self._propose_quantities(quantities, dates)
        self._propose_dates([d for d in dates if id(d) not in used_dates])
        result.entities, result.statements, result.unattached = self.entities, self.statements, self.unattached
        return result

    # -- names ---------------------------------------------------------------------------------
    def _new(self, name: str, etype: str, span: tuple[int, int], known: list[EntityMention]) -> None:
        name = name.strip()
        # a known name inside a longer new one ("SCO" in "SCO Film and Television Week") is no obstacle
        if name in self.new_names or any(m.begin < span[1] and span[0] < m.end and not _inside(m, span) for m in known):
            return
        matches = self.registry.resolve(name, etype)
        if any(m.certain or m.how in ("variant", "swapped") for m in matches):
            return
        base = _slug(name)
        if etype not in ("Person",) and base in self.ids:
            base = f"{base}-{etype.lower()}"
        eid, n = base, 2
        while eid in self.ids or not ID.match(eid):
            eid, n = f"{base}-{n}", n + 1
        self.ids.add(eid)
        self.new_names[name] = (eid, etype)
        self.new_first[eid] = span
        near = [m for m in matches if m.how == "one letter"]
        if near:
            self.near[eid] = near

    def _collect_new_names(self, known: list[EntityMention]) -> None:
        text = self.text
        for r in find_roles(text, known):
            if r.target is None:
                continue
            name = text[r.target[0] : r.target[1]]
            if r.property in ("productionCompany", "distributor") or name.split()[-1] in ORG_ENDINGS:
                etype = "Organization"
            elif r.property == "countryOfOrigin":
                continue
            else:
                etype = "Person"
            self._new(name, etype, r.target, known)
        for q in find_quotations(text):
            if q.speaker and not q.pronoun:
                self._new(text[q.speaker[0] : q.speaker[1]], "Person", q.speaker, known)
        self._drop_family_names()
        for pattern in (_TITLE_BEFORE, _TITLE_AFTER):
            for m in pattern.finditer(text):
                title = m.group("t").strip().rstrip(",.")
                if title[:1].isupper() and len(title.split()) <= 8:
                    self._new(title, "Movie", (m.start("t"), m.start("t") + len(title)), known)
        for start, name in _named_runs(text):
            words = name.split()
            last = words[-1]
            if last in ORG_ENDINGS or last in EVENT_ENDINGS:
                while words and words[0] in ("The", "A", "An", "In", "At", "On", "By", "For", "With", "From", "During"):
                    start += len(words[0]) + 1
                    words = words[1:]
                if len(words) < 2:
                    continue
                etype = "Organization" if last in ORG_ENDINGS else EVENT_ENDINGS[last]
                name = " ".join(words)
                self._new(name, etype, (start, start + len(name)), known)

    def _drop_family_names(self) -> None:
        """A one-word 'new person' that is the family name of a new person named in full is that person."""
        families = {name.split()[-1] for name, (_, etype) in self.new_names.items() if etype == "Person" and " " in name}
        for name, (eid, etype) in list(self.new_names.items()):
            if etype == "Person" and " " not in name and name in families:
                del self.new_names[name]
                self.ids.discard(eid)
                self.new_first.pop(eid, None)

    def _propose_new_entities(self, mentions: list[EntityMention]) -> None:
        for name, (eid, etype) in self.new_names.items():
            first = next((m for m in mentions if m.entity == eid), None)
            span = (first.begin, first.end) if first else self.new_first[eid]
            item = Item({"id": eid, "type": etype, "name": name, "evidence": self._evidence(*span)})
            item.notes.append(f"new {etype}: no known entity has this name in any language or spelling")
            for m in self.near.get(eid, []):
                item.notes.append(
                    f"CHECK: one letter away from '{m.known_name}' ({m.entity.id}); two people can be named that alike, "
                    f"so it is not merged: if it is the same {etype.lower()}, use {m.entity.id} and drop this entity"
                )
            self.entities.append(item)

    def _propose_spellings(self, known: list[EntityMention]) -> None:
        for m in known:
            if m.how not in ("variant", "swapped"):
                continue
            key = (m.entity, "alternateName", m.text)
            if key in self.seen or key in self.stated:
                continue
            self.seen.add(key)
            item = Item({"subject": m.entity, "property": "alternateName", "value": m.text, "evidence": self._evidence(m.begin, m.end)})
            why = "the same name with its words swapped" if m.how == "swapped" else "the same name in another transliteration"
            item.notes.append(f"CHECK: '{m.text}' is taken for {m.entity} ('{m.known_name}'): {why}; keep this to record the spelling")
            self.statements.append(item)

    def _mention_at(self, begin: int, end: int) -> EntityMention | None:
        return next((m for m in self.mentions if m.begin <= begin and end <= m.end), None) or next(
            (m for m in self.mentions if m.begin < end and begin < m.end), None
        )

    def _film_at(self, pos: int) -> str | None:
        """The film a phrase at ``pos`` is about: the last one named before it, or later in its sentence.

        No guess beyond that: a film named only further on may be another film, so the
        statement is left for the curator to attach.
        """
        films = [m for m in self.mentions if m.type == "Movie"]
        before = [m for m in films if m.begin <= pos]
        if before:
            return before[-1].entity
        sb, se = self._sentence(pos)
        later = [m for m in films if pos < m.begin < se]
        return later[0].entity if later else None

    def _country(self, name: str | None) -> str | None:
        if not name:
            return None
        matches = [m for m in self.registry.resolve(name, "Country") if m.certain]
        return matches[0].entity.id if matches else None

    # -- roles -----------------------------------------------------------------------------------
    def _role_object(self, r: RoleMention) -> str | None:
        if r.country:
            return self._country(r.country)
        if r.target is None:
            return None
        m = self._mention_at(*r.target)
        return m.entity if m else None

    def _propose_role(self, r: RoleMention, film: str | None, obj: str | None) -> None:
        evidence = self._evidence(r.begin, r.end)
        data: dict[str, Any] = {"subject": film or "FILM", "property": r.property, "object": obj or "WHO"}
        qualifiers: dict[str, Any] = {}
        if r.role_name:
            qualifiers["roleName"] = r.role_name
        side = self._country(r.side)
        if side and r.property == "producer":
            qualifiers["side"] = side
        if r.lead:
            qualifiers["leadRole"] = True
        if qualifiers:
            data["qualifiers"] = qualifiers
        data["evidence"] = evidence
        key = (data["subject"], r.property, data["object"])
        if key in self.seen or key in self.stated:
            return
        self.seen.add(key)
        item = Item(data)
        if film is None or obj is None:
            item.attached = False
            item.notes.append("no film named before this role" if film is None else "the name could not be resolved")
            self.unattached.append(item)
            return
        self.statements.append(item)
        if side and obj and self._type(obj) == "Person":
            key = (obj, "nationality", side)
            if key not in self.seen and key not in self.stated:
                self.seen.add(key)
                self.statements.append(Item({"subject": obj, "property": "nationality", "object": side, "evidence": evidence}))

    def _type(self, eid: str) -> str | None:
        if eid in self.registry.entities:
            return self.registry.entities[eid].type
        return next((t for i, t in self.new_names.values() if i == eid), None)

    # -- quotations ------------------------------------------------------------------------------
    def _speaker(self, q: QuotationMention) -> str | None:
        if q.speaker is None:
            return None
        if not q.pronoun:
            m = self._mention_at(*q.speaker)
            return m.entity if m and self._type(m.entity) == "Person" else None
        people = [m for m in self.mentions if m.type == "Person" and m.end <= q.span_begin]
        return people[-1].entity if people else None

    def _propose_quotation(self, q: QuotationMention, speaker: str | None) -> None:
        span_evidence = self._evidence(q.span_begin, q.span_end)
        qid = self.registry.quotations.get(q.text)
        if qid is None:  # a quotation not declared yet
            base = "quote-" + (speaker or "unknown")
            qid, n = base, 2
            while qid in self.ids:
                qid, n = f"{base}-{n}", n + 1
            self.ids.add(qid)
            self.entities.append(Item({"id": qid, "type": "Quotation", "text": q.text, "evidence": span_evidence}))
        elif (qid, "creator") in self.stated:
            return
        if speaker is None:
            self.unattached.append(
                Item({"subject": qid, "property": "creator", "object": "WHO", "evidence": span_evidence}, ["no speaker found"])
            )
            return
        attribution = self.text[q.attribution[0] : q.attribution[1]] if q.attribution else None
        evidence = self._evidence(*q.attribution) if attribution and not q.pronoun else span_evidence
        item = Item({"subject": qid, "property": "creator", "object": speaker, "evidence": evidence})
        if q.pronoun:
            who = self.text[q.speaker[0] : q.speaker[1]]
            item.notes.append(f"CHECK: '{who}' is taken to be {speaker}, the nearest person named before the quotation")
        self.statements.append(item)
        if q.role and not q.pronoun:
            self.statements.append(Item({"subject": qid, "property": "spokenByRole", "value": q.role, "evidence": evidence}))

    # -- dates -----------------------------------------------------------------------------------
    def _sentence(self, pos: int) -> tuple[int, int]:
        return next(((b, e) for b, e in self.sentences if b <= pos < e), (pos, pos))

    def _date_value(self, d: DateMention) -> Any:
        if d.value is None:
            return None
        return {"value": str(d.value), "wording": d.wording} if d.relative else str(d.value)

    def _propose_dates(self, dates: list[DateMention]) -> None:
        for d in dates:
            sb, se = self._sentence(d.begin)
            sentence = self.text[sb:se]
            in_sentence = [m for m in self.mentions if sb <= m.begin < se]
            subject, notes, extra = self._date_subject(d, sentence, in_sentence)
            prop = "endDate" if _END.search(sentence[: d.begin - sb]) and not _START.search(sentence[: d.begin - sb]) else "startDate"
            value = self._date_value(d)
            evidence = self._evidence(sb, se)
            notes.insert(0, f"'{d.wording}' -> {d.value or 'no date (the range spans two years)'}: {d.how}")
            if value is None or subject is None:
                self.unattached.append(
                    Item({"subject": subject or "WHAT", "property": prop, "date": value or "YYYY", "evidence": evidence}, notes, False)
                )
                continue
            for item in extra:
                self._add_statement(item)
            self._add_statement(Item({"subject": subject, "property": prop, "date": value, "evidence": evidence}, notes))

    def _date_subject(self, d: DateMention, sentence: str, in_sentence: list[EntityMention]) -> tuple[str | None, list[str], list[Item]]:
        """What the date is the date of: a release, a premiere, an event's opening, or nothing."""
        events = [m for m in in_sentence if m.type in EVENTS and m.type != "Release"]
        if _RELEASE.search(sentence):
            film = self._film_at(d.begin)
            places = [m for m in in_sentence if m.type in PLACES]
            if film and places:
                premiere = bool(re.search(r"premier", sentence, re.I))
                before = [m for m in places if m.end <= d.begin]
                place = before[-1] if before else places[0]  # "in Kazakhstan next month and in China early next year"
                known = self.registry.release_of(film, place.entity, premiere)
                if known:
                    return known[0].id, [f"the release {known[0].id} ({known[0].name}) is already in the graph"], []
                kind = "premiere" if premiere else "release"
                rid = f"{film}-{place.entity}-{kind}"
                film_name = self._name_of(film)
                sb, se = self._sentence(d.begin)
                evidence = self._evidence(sb, se)
                if rid not in self.ids:
                    self.ids.add(rid)
                    self.entities.append(
                        Item(
                            {
                                "id": rid,
                                "type": "Release",
                                "name": f"{kind.capitalize()} of {film_name} in {place.text}",
                                "evidence": evidence,
                            },
                            [f"new Release: no known {kind} of {film} located at {place.entity}"],
                        )
                    )
                extra = [
                    Item({"subject": film, "property": "releasedEvent", "object": rid, "evidence": evidence}),
                    Item({"subject": rid, "property": "location", "object": place.entity, "evidence": evidence}),
                ]
                return rid, [], extra
        if events and (_START.search(sentence) or _END.search(sentence)):
            return events[0].entity, [], []
        return None, ["attach it to what happened then (a release, an event ...), or leave it out"], []

    def _name_of(self, eid: str) -> str:
        if eid in self.registry.entities:
            return self.registry.entities[eid].name
        return next((n for n, (i, _) in self.new_names.items() if i == eid), eid)

    # -- quantities ------------------------------------------------------------------------------
    def _propose_quantities(self, quantities: list[QuantityMention], dates: list[DateMention]) -> set[int]:
        used: set[int] = set()
        for q in quantities:
            sb, se = self._sentence(q.begin)
            sentence = self.text[sb:se]
            in_sentence = [m for m in self.mentions if sb <= m.begin < se]
            prop, subject = self._quantity_target(q, sentence, in_sentence)
            quantity: dict[str, Any] = {}
            for key in ("value", "min", "max", "approx"):
                number = getattr(q, key)
                if number is not None:
                    quantity[key] = int(number) if float(number).is_integer() else number
            quantity["wording"] = q.wording
            if q.unit:
                quantity["unit"] = q.unit
            if q.currency:
                quantity["currency"] = q.currency
            since = next((d for d in dates if sb <= d.begin < se and re.search(r"\bsince\s*$", self.text[sb : d.begin], re.I)), None)
            if since is not None and since.value is not None:
                quantity["since"] = str(since.value)
                used.add(id(since))
            item = Item(
                {"subject": subject or "WHAT", "property": prop or "PROPERTY", "quantity": quantity, "evidence": self._evidence(sb, se)}
            )
            if prop is None or subject is None:
                item.attached = False
                item.notes.append(
                    f"what does this count? ({prop} of which film or event?)"
                    if prop
                    else "which property counts this? (`kg properties` lists castAndCrewSize, boxOffice, audienceSize ...)"
                )
                self.unattached.append(item)
            else:
                self._add_statement(item)
        return used

    def _quantity_target(self, q: QuantityMention, sentence: str, in_sentence: list[EntityMention]) -> tuple[str | None, str | None]:
        film = self._film_at(q.begin)
        unit = (q.unit or "").lower()
        events = [m.entity for m in in_sentence if m.type in EVENTS and m.type != "Release"]
        orgs = [m.entity for m in in_sentence if m.type == "Organization"]
        if q.currency:
            if re.search(r"\b(?:budget|cost)", sentence, re.I):
                return "budget", film
            return "boxOffice", film
        if re.search(r"viewer|admission|moviegoer|audience|spectator|cinemagoer", unit):
            return "audienceSize", film
        if re.search(r"\bcast\b|\bcrew\b|extras|staff", unit):
            return "castAndCrewSize", film
        if "film" in unit and re.search(r"co-produc", sentence + unit, re.I):
            return "coProducedFilmCount", (orgs[0] if orgs else "sco" if "sco" in self.registry.entities else None)
        if re.search(r"\b(?:films?|movies?|screenings?)\b", unit) and events:
            return "screeningCount", events[0]
        if re.search(r"\b(?:countries|nations)\b", unit) and events:
            return "participatingCountryCount", events[0]
        return None, None

    # -- shared ----------------------------------------------------------------------------------
    def _add_statement(self, item: Item) -> None:
        d = item.data
        key = (
            d["subject"],
            d["property"],
            json.dumps(d.get("object") or d.get("date") or d.get("quantity") or d.get("value"), default=str),
        )
        if key in self.seen or (d["subject"], d["property"], d.get("object") or d.get("value")) in self.stated:
            return
        if ("date" in d or "quantity" in d) and (d["subject"], d["property"]) in self.stated:
            return  # the sheet already gives this date or figure from this document
        self.seen.add(key)
        self.statements.append(item)

    def _evidence(self, begin: int, end: int) -> Any:
        """The quote for characters ``begin``..``end``, with ``occurrence`` when it repeats."""
        text = self.text
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        quote = text[begin:end]
        starts = [m.start() for m in re.finditer(re.escape(quote), text)]
        if starts == [begin]:
            return quote
        if begin in starts:
            return {"quote": quote, "occurrence": starts.index(begin) + 1}
        sb, se = self._sentence(begin)  # overlapping repeats: quote the sentence instead
        return self._evidence(sb, max(se, end)) if (sb, se) != (begin, end) else quote


# -- rendering --------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n:#,\[\]{}\"]*(?<!\s)$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and not re.search(r"\s-\s|: |\s#", text):
        try:
            if yaml.safe_load(text) == text or re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", text):
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _block(item: Item, indent: str = "  ") -> list[str]:
    lines = [f"{indent}# {note}" for note in item.notes]
    first = True
    for key, value in item.data.items():
        prefix = f"{indent}- " if first else f"{indent}  "
        lines.append(f"{prefix}{key}: {_flow(value)}")
        first = False
    return lines


def _render(d: Draft) -> str:
    doc = d.document
    today = dt.date.today().isoformat()
    data = doc.path.parent.parent
    out = [
        f"# DRAFT fact sheet for {doc.path}, proposed by `kg draft` on {today}.",
        f"# Nothing in this file is in the graph: `kg build` reads {data / 'facts'}/ and {data / 'reference'}/, never drafts.",
        "#",
        "# To accept: check each item against the document, then copy the entities and statements you accept",
        f"# into {data / 'facts' / (doc.id + '.yaml')} (keep their `evidence:`), correct what is wrong, leave out the rest,",
        "# and run `kg build`. Items marked CHECK are guesses; what that sheet already states is not proposed again.",
        "# docs/curation.md walks through it.",
        f"# Dates are resolved against the publication date {doc.date_published}"
        + (f" (between {doc.date_published_earliest} and {doc.date_published_latest})" if doc.date_published_earliest else "")
        + ".",
        f"document: {doc.id}",
        "",
    ]
    known: dict[str, list[EntityMention]] = {}
    for m in d.mentions:
        if m.known:
            known.setdefault(m.entity, []).append(m)
    if known:
        out.append("# Entities already in the graph that this document names (refer to them by id; never declare them again):")
        for eid, ms in known.items():
            words = []
            for m in ms:
                w = json.dumps(m.text, ensure_ascii=False)
                if w not in words:
                    words.append(w)
            how = sorted({m.how for m in ms} - {"name"})
            out.append(f"#   {eid} ({ms[0].type}): {', '.join(words)}" + (f"  [{', '.join(how)}]" if how else ""))
        out.append("")
    out.append("entities:" if d.entities else "entities: []")
    for item in d.entities:
        out += _block(item)
    out.append("")
    out.append("statements:" if d.statements else "statements: []")
    for item in d.statements:
        out += _block(item)
    if d.unattached:
        out += ["", "# Found, but not attached to a subject or property: fill in the CAPITALS and move them up, or leave them out."]
        for item in d.unattached:
            out += ["# " + line.lstrip() if line.lstrip().startswith("#") else "# " + line for line in _block(item, "")]
    return "\n".join(out) + "\n"
