"""The built-in data read straight from its YAML sheets with PyYAML, without kg.

Tests that ask about the whole graph (every film, every country of origin ...) derive what they
expect from here, so the expectation follows data/ as the register grows and is never a figure
copied from an answer. Only plain fields are read (ids, types, names, Wikidata ids, subject /
property / object and date values), so a bug in kg's own reader cannot hide in both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Sheets:
    """Every entity (by id) and every statement of the fact sheets and reference sheets of a data folder."""

    entities: dict[str, dict]
    statements: tuple[dict, ...]

    def ids(self, type_: str) -> set[str]:
        """The ids of the entities declared with this type (as a sheet writes it: Movie, Person ...)."""
        return {i for i, e in self.entities.items() if e.get("type") == type_}

    def names(self, type_: str) -> set[str]:
        """The names of the entities of this type."""
        return {self.entities[i]["name"] for i in self.ids(type_)}

    def name(self, entity: str) -> str:
        return self.entities[entity]["name"]

    def wikidata(self, qid: str) -> set[str]:
        """The ids of the entities a sheet gives this Wikidata id."""
        return {i for i, e in self.entities.items() if e.get("wikidata") == qid}

    def about(self, prop: str, subject: str | None = None) -> list[dict]:
        """The statements with this property (and subject, if given)."""
        return [s for s in self.statements if s.get("property") == prop and (subject is None or s.get("subject") == subject)]

    def pairs(self, prop: str) -> set[tuple[str, str]]:
        """(subject id, object id) of every statement with this property that links two entities."""
        return {(s["subject"], s["object"]) for s in self.about(prop) if "object" in s}

    def dates(self, prop: str, subject: str) -> set[str]:
        """The date values the sheets give for (subject, property), as ISO text at their own precision."""
        found = set()
        for s in self.about(prop, subject):
            date = s.get("date")
            found.add(str(date["value"] if isinstance(date, dict) else date))
        return found


@cache
def sheets(data: Path = DATA) -> Sheets:
    """The sheets under data/facts and data/reference (documents' metadata is not needed here)."""
    entities: dict[str, dict] = {}
    statements: list[dict] = []
    for folder in ("facts", "reference"):
        for path in sorted((data / folder).glob("*.yaml")):
            sheet = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for entity in sheet.get("entities") or []:
                entities[entity["id"]] = entity
            statements.extend(sheet.get("statements") or [])
    return Sheets(entities, tuple(statements))
