"""Dates of the precision a source gives: a year, a month or a day, never more."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``2025``, ``2025-08`` or ``2025-08-22``; raise ValueError saying what is wrong."""
        text = str(value).strip()
        m = _PATTERN.match(text)
        if not m:
            raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has month {month}; months run from 01 to 12")
        if day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}' is not a day of the calendar ({dt.date(year, month, 1):%B %Y} has no day {day})") from None
        return cls(year, month, day)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    def literal(self) -> Literal:
        """As xsd:gYear, xsd:gYearMonth or xsd:date, matching the precision."""
        datatype = XSD.date if self.day else XSD.gYearMonth if self.month else XSD.gYear
        return Literal(str(self), datatype=datatype)
