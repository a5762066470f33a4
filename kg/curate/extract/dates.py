"""Dates in a text, absolute and relative, resolved against the publication date.

Every expression is first turned into the range of days it can mean, given everything the
publication date allows (a document dated only "2025-08" with bounds 23-29 August is every day
of that week); the value is then the finest date (day, month or year) that holds the whole
range, and nothing finer. "last Friday" said between 23 and 29 August 2025 is 2025-08-22; said
some time in August 2025 it is only 2025; "early this year" is the year; "last week" is the
month when the whole week lies in one month. A range that spans two years gives no value; the
words are kept either way.

Conventions (those of news writing, and of docs/data-model.md):

- "last Friday": the most recent Friday before the publication day (never the day itself);
  "this Friday" / "next Friday": the first Friday after it;
- a day of a month without a year ("Sept. 6"): the nearest such day to the publication date,
  before or after it (news reports rarely reach half a year either way);
- a bare weekday ("on Monday", "Monday's ceremony") and a month without a year ("in March"):
  the nearest such day or month on or before the publication date when the sentence speaks of
  the past, on or after it when it speaks of the future ("will", "is set to", "is scheduled
  to", "next", "upcoming" ...), and otherwise the nearest either way;
- "early", "mid-", "late", "earlier", "later" keep the precision of what they qualify: "early
  this year" is the year, "late March" is March.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kg.ingest.dates import PartialDate

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_EDGE = r"(?:early|mid|late|the end of|the start of|the beginning of|the middle of)"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is set to|are set to|set to|is scheduled|are scheduled|scheduled for|is due|are due|is expected to|"
    r"are expected to|plans? to|planned for|is to|are to|upcoming|coming|next|later this)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|has been|have been|said|told|ago|last|earlier|already|began|held|took|made|met|saw|went|came|won|"
    r"drew|grew|brought|gave|became|led|ran|shot|sold|spoke|wrote|\w{3,}ed)\b",
    re.I,
)

# Alternatives tried in this order at each position; the longest match wins.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    # Saturday, Sept. 6, 2025 / Sept. 6, 2025 / Sept. 6 / September 6th
    (
        "month_day",
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?(?!\s*(?:million|billion|%))",
    ),
    # Saturday 6 September 2025 / 6 Sept. / 6 September
    ("day_month", rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<d>{_DAY})\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR})\b)?"),
    # (early) September 2025 / mid-March 2024
    ("month_year", rf"\b(?:(?P<edge>{_EDGE})[-\s]+(?:of\s+)?)?(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    # early this year / later this month / last week / next month / this weekend
    (
        "relative_period",
        r"(?i:\b(?P<edge>early|earlier|mid|late|later|the end of|the start of|the beginning of|the middle of)?\s*(?:-\s*)?"
        r"(?P<rel>this|last|next|past|previous|coming)\s+(?P<unit>year|month|week|weekend)\b)",
    ),
    ("over_the_weekend", r"\b(?:over|during|at)\s+the\s+(?P<unit>weekend)\b"),
    # by the end of the month / the start of the year: this month, this year
    ("relative_period", r"(?i:\b(?P<edge>the end of|the start of|the beginning of|the middle of)\s+the\s+(?P<unit>year|month|week)\b)"),
    # last Friday / this Monday / next Sunday
    ("rel_weekday", rf"\b(?P<rel>(?i:last|this|next|past|coming))\s+(?P<wd>{_WEEKDAY})\b"),
    ("day_word", r"\b(?P<word>(?i:yesterday|today|tomorrow|tonight))\b"),
    ("ago", r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    # in March / early March / mid-September / last March
    (
        "month",
        rf"(?:\b(?P<rel>(?i:last|this|next))\s+|\b(?P<edge>(?i:{_EDGE}))[-\s]+(?:of\s+)?|\b(?P<prep>(?i:in|by|since|until|till|from|through|during|to|between|and|or|of))\s+)"
        rf"(?P<mon>{_MONTH})(?!\s*\d)(?!\w)",
    ),
    ("weekday", rf"\b(?P<wd>{_WEEKDAY})\b"),
    (
        "year",
        rf"(?:\b(?P<edge>early|mid|late)[-\s]+)?(?<![\d,.$₽¥€£-])\b(?P<y>{_YEAR})\b(?![,.]?\d)(?!\s*(?:million|billion|thousand|films|people|viewers|members))",
    ),
]
_COMPILED = [(kind, re.compile(p)) for kind, p in _PATTERNS]


@dataclass
class DateMention:
    """A date expression: its words, where they are, and what they resolve to (None: cannot say)."""

    begin: int
    end: int
    wording: str
    value: PartialDate | None
    relative: bool
    how: str


def publication_range(
    published: PartialDate, earliest: PartialDate | None = None, latest: PartialDate | None = None
) -> tuple[dt.date, dt.date]:
    """Every day the publication date (and its bounds) allows."""
    first, last = _range(published)
    if earliest is not None:
        first = max(first, _range(earliest)[0])
    if latest is not None:
        last = min(last, _range(latest)[1])
    return first, last


def find_dates(
    text: str,
    published: PartialDate,
    earliest: PartialDate | None = None,
    latest: PartialDate | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every date expression in ``text``, resolved against the publication date."""
    p0, p1 = publication_range(published, earliest, latest)
    candidates = []
    for order, (kind, pattern) in enumerate(_COMPILED):
        for m in pattern.finditer(text):
            begin, end = m.span()
            if m.groupdict().get("prep"):
                begin = m.start("mon")  # "in March": the date is "March"
            while begin < end and text[begin].isspace():
                begin += 1
            if begin < end:
                candidates.append((begin, end, order, kind, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for begin, end, _, kind, m in candidates:
        if any(begin < e and b < end for b, e in taken):
            continue
        sentence = _sentence(text, begin, sentences)
        tense = _tense(sentence)
        resolved = _resolve(kind, m, p0, p1, tense)
        if resolved is False:
            continue
        taken.append((begin, end))
        value, relative, how = resolved
        found.append(DateMention(begin, end, text[begin:end], value, relative, how))
    return sorted(found, key=lambda d: d.begin)


def _sentence(text: str, pos: int, sentences: list[tuple[int, int]] | None) -> str:
    if sentences:
        for b, e in sentences:
            if b <= pos < e:
                return text[b:e]
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    stop = min([i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1] or [len(text)])
    return text[start:stop]


def _tense(sentence: str) -> str:
    """The narrative's tense: words inside quotation marks are the speaker's, not the report's."""
    sentence = re.sub(r"\"[^\"]*\"|“[^”]*”", " ", sentence)
    if _FUTURE.search(sentence):
        return "future"
    if _PAST.search(sentence):
        return "past"
    return "either"


def _month(word: str) -> int:
    return MONTHS[word.lower()[:3]]


def _range(d: PartialDate) -> tuple[dt.date, dt.date]:
    if d.day:
        day = dt.date(d.year, d.month, d.day)
        return day, day
    if d.month:
        return dt.date(d.year, d.month, 1), dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)


def finest(first: dt.date, last: dt.date) -> PartialDate | None:
    """The finest date (day, month, year) that holds every day from ``first`` to ``last``."""
    if first == last:
        return PartialDate(first.year, first.month, first.day)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return None


def _pick(options: list[dt.date], anchor: dt.date, tense: str) -> dt.date | None:
    """The nearest option on or before ``anchor`` (past), on or after it (future), or either way."""
    before = [o for o in options if o <= anchor]
    after = [o for o in options if o >= anchor]
    if tense == "past":
        return max(before) if before else None
    if tense == "future":
        return min(after) if after else None
    return min(options, key=lambda o: (abs((o - anchor).days), o > anchor)) if options else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _over(p0: dt.date, p1: dt.date, fn) -> tuple[dt.date, dt.date] | None:
    """Apply ``fn(anchor) -> (first, last)`` at both ends of the publication range and join them.

    Every rule here moves monotonically with the anchor, so the two ends bound all the days.
    """
    a, b = fn(p0), fn(p1)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), max(a[1], b[1])


def _resolve(kind: str, m: re.Match, p0: dt.date, p1: dt.date, tense: str):
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (PartialDate(d.year, d.month, d.day), False, "a full date") if d else False
    if kind in ("month_day", "day_month"):
        month, day = _month(g["mon"]), int(re.match(r"\d+", g["d"]).group())
        if g.get("y"):
            d = _safe_date(int(g["y"]), month, day)
            return (PartialDate(d.year, d.month, d.day), False, "a full date") if d else False

        def rule(anchor: dt.date):
            options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
            if g.get("wd"):  # the weekday names the year
                options = [d for d in options if WEEKDAYS[d.weekday()] == g["wd"].lower()] or options
            d = _pick(options, anchor, "either")
            return (d, d) if d else None

        span = _over(p0, p1, rule)
        how = f"the {g['mon']} {day} nearest the publication date"
        return (finest(*span) if span else None, True, how)
    if kind == "month_year":
        month, year = _month(g["mon"]), int(g["y"])
        return PartialDate(year, month), False, "a month"
    if kind in ("relative_period", "over_the_weekend"):
        rel = (g.get("rel") or "this").lower()
        unit = g["unit"].lower()
        if kind == "over_the_weekend":
            rel = {"future": "next", "past": "last"}.get(tense, "this")
        shift = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]

        def rule(anchor: dt.date):
            return _period(anchor, unit, shift, tense if rel == "this" else None)

        span = _over(p0, p1, rule)
        return (finest(*span) if span else None, True, f"{rel} {unit}, counted from the publication date")
    if kind == "rel_weekday":
        rel, wd = g["rel"].lower(), WEEKDAYS.index(g["wd"].lower())

        def rule(anchor: dt.date):
            if rel in ("last", "past"):
                d = anchor - dt.timedelta(days=(anchor.weekday() - wd - 1) % 7 + 1)
            else:
                d = anchor + dt.timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
            return d, d

        span = _over(p0, p1, rule)
        direction = "before" if rel in ("last", "past") else "after"
        return (finest(*span) if span else None, True, f"the {g['wd']} {direction} the publication date")
    if kind == "weekday":
        wd = WEEKDAYS.index(g["wd"].lower())

        def rule(anchor: dt.date):
            options = [anchor + dt.timedelta(days=k) for k in range(-7, 8) if (anchor + dt.timedelta(days=k)).weekday() == wd]
            d = _pick(options, anchor, tense)
            return (d, d) if d else None

        span = _over(p0, p1, rule)
        return (
            finest(*span) if span else None,
            True,
            f"the {tense if tense != 'either' else 'nearest'} {g['wd']} from the publication date",
        )
    if kind == "day_word":
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
        span = (p0 + dt.timedelta(days=shift), p1 + dt.timedelta(days=shift))
        return finest(*span), True, f"{g['word']}, from the publication date"
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "day":
            span = (p0 - dt.timedelta(days=n), p1 - dt.timedelta(days=n))
        elif unit == "week":
            span = (p0 - dt.timedelta(days=7 * n + 3), p1 - dt.timedelta(days=7 * n - 3))
        elif unit == "month":
            span = (_add_months(p0, -n).replace(day=1), _month_end(_add_months(p1, -n)))
        else:
            span = (dt.date(p0.year - n, 1, 1), dt.date(p1.year - n, 12, 31))
        return finest(*span), True, f"{m.group(0)}, from the publication date"
    if kind == "month":
        month = _month(g["mon"])
        rel = (g.get("rel") or "").lower()

        def rule(anchor: dt.date):
            here = dt.date(anchor.year, anchor.month, 1)
            options = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            if rel == "last":
                d = max(o for o in options if o < here)
            elif rel == "next":
                d = min(o for o in options if o > here)
            elif rel == "this":
                d = dt.date(anchor.year, month, 1)
            else:
                d = _pick(options, here, tense)
            return (d, _month_end(d)) if d else None

        span = _over(p0, p1, rule)
        return (finest(*span) if span else None, True, f"{(rel + ' ') if rel else ''}{g['mon']}, from the publication date")
    if kind == "year":
        return PartialDate(int(g["y"])), False, "a year"
    return False


def _period(anchor: dt.date, unit: str, shift: int, tense: str | None) -> tuple[dt.date, dt.date]:
    if unit == "year":
        y = anchor.year + shift
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if unit == "month":
        first = _add_months(anchor.replace(day=1), shift)
        return first, _month_end(first)
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
    if unit == "week":
        return monday, monday + dt.timedelta(days=6)
    # weekend: "this weekend" is the coming one in the future tense, the last one in the past
    saturday = monday + dt.timedelta(days=5)
    if tense == "past" and saturday > anchor:
        saturday -= dt.timedelta(weeks=1)
    return saturday, saturday + dt.timedelta(days=1)


def _add_months(d: dt.date, n: int) -> dt.date:
    months = d.year * 12 + d.month - 1 + n
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _month_end(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
