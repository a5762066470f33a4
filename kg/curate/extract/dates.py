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
- a bare weekday ("on Monday", "Monday's ceremony"), a day of a month without a year and a
  month without a year ("in March"): the nearest such day or month on or before the
  publication date when the words around it speak of the past, on or after it when they speak
  of the future, and otherwise the nearest either way. The tense is read from the clause that
  holds the date first ("held its premiere on Thursday, two days before the film opens ... on
  Saturday": "held" is past, "opens" future), then from the rest of the sentence, never from
  words inside quotation marks. English cues: "since", "has drawn", "held", "-ed" ... are past;
  "will", "is set to", "ahead of", a scheduled event in the present ("opens", "premieres") are
  future; "would" (reported speech) is neither. Russian and Chinese read their cues in
  :mod:`kg.curate.extract.russian` and :mod:`kg.curate.extract.chinese`;
- a date whose reading depends on the tense is proposed plain only when a cue in its own
  clause decides it (:func:`uncertain`). When the cues disagree, when there is none (the
  nearest reading is taken; ``alternative`` is the other one when it is about as near: "Feb.
  20" in September), or when the only cue is another verb's elsewhere in the sentence, the
  value is proposed with ``check`` saying why: never silently. A clause dated against another
  time ("three weeks before its release on Nov. 26") takes no tense from the rest of the
  sentence;
- a day and a month inside a capitalised name ("the Karo 11 October cinema") are no date;
- "six days later", "later that year", "the same day" are counted from the resolved date
  before them (:func:`anchored`), never from the publication date;
- a range whose year is said at one end only ("from April to June 2025", "с сентября по ноябрь
  2025 года", 去年4月至6月) gives that year to both ends (:func:`shared_year`);
- "early", "mid-", "late", "earlier", "later" keep the precision of what they qualify: "early
  this year" is the year, "late March" is March.
- a season is not a month: "last autumn", "next spring", "this summer", "the spring of 2024"
  give the year that holds the season (spring, summer and autumn lie in one year; a winter
  runs across the new year, so "last winter" and "winter 2024" give no value, only their
  words). "last autumn" is the last autumn that is over by the publication date, "next spring"
  the first that has not begun; seasons are counted by months (autumn is September to November), and where the astronomical seasons (autumn from about 22 September
  to 20 December) give another year, the value is marked CHECK with that reading. A season
  without such a word ("the winter shoot", "in spring") is not proposed: nothing says which.
- a decade or a century ("the 1920s", "the late 1990s", "the 19th century") is kept with its
  words and no value: it is coarser than any year.
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
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June|Jun\.?|July|Jul\.?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_EDGE = r"(?:early|mid|late|the end of|the start of|the beginning of|the middle of)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
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
    r"\b(?:will|shall|is set to|are set to|set to|is scheduled|are scheduled|scheduled for|scheduled to|is due|are due|"
    r"is expected to|are expected to|expected to|plans? to|planned for|(?:is\s+|are\s+)?(?:set|slated|pencil+ed\s+in)\s+(?:for|to)|is planned|are planned|is being planned|hopes? (?:to|for)|"
    r"aims? to|intends? to|is to|are to|upcoming|coming|ahead of|later this|"
    r"due to (?=(?:begin|start|open|be|run|close|premiere|arrive|launch|wrap|finish|end|hit|go|shoot|air|screen|reach)\b)|"
    r"(?:opens|premieres|starts|begins|closes|debuts|arrives|launches|hits|runs|ends|wraps up|goes on)\b(?!\s+(?:was|were|had)\b))\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:since|was|were|had|did|has|have|has been|have been|said|told|ago|last(?!\s+(?:until|till|for|through|into|about|around|over)\b)|"
    r"earlier|already|began|held|took|made|met|saw|went|"
    r"came|won|drew|drawn|grew|brought|gave|became|led|ran|shot|sold|spoke|wrote|\w{3,}ed)\b",
    re.I,
)
# where one clause ends and another begins, for reading the tense next to a date
_CLAUSE_EN = re.compile(r",\s|;\s|:\s|\s[—–]\s|\s--\s|\s(?:before|after|while|but|and|when|whereas)\s", re.I)
_DATELINE = re.compile(r"[A-Z][A-Z'’. -]*[A-Z](?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?,\s+")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|„[^“”]*[“”]")
# a clause dated against another time: it takes no tense from the rest of the sentence
_RELATIONAL_EN = re.compile(r"\b(?:before|after|ahead of|until|till)\s*$", re.I)
_CAPITALISED_BEFORE = re.compile(r"(?P<w>[A-Z][\w'’.-]*)\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+(?P<w>[A-Z][a-z][\w'’-]*)")
_NOT_NAME_WORDS = {w.capitalize() for w in WEEKDAYS} | {
    "On", "In", "By", "Since", "From", "Until", "Till", "Through", "During", "Before", "After", "And", "Or", "The", "To", "Between", "Of", "At",
}  # fmt: skip


def part_of_a_name(text: str, begin: int, end: int, month_alone: bool = False) -> bool:
    """Date-like words inside a capitalised name are not a date: "the Karo 11 October cinema",
    "the October Cinema". A day and a month (or a month alone) are read as part of a name when
    a capitalised word that is not the sentence's first (nor a weekday, a month or a preposition)
    stands right before them, or (a month alone) a capitalised word right after them."""
    if (m := _CAPITALISED_BEFORE.search(text[max(0, begin - 40) : begin])) and m.group("w") not in _NOT_NAME_WORDS:
        start = max(0, begin - 40) + m.start("w")
        head = text[max(0, start - 3) : start]
        if not re.match(_MONTH + r"$", m.group("w")) and start > 0 and not re.search(r"(?:[.!?\n\"“(]\s*|^\s*)$", head):
            return True
    # a month alone before a capitalised word ("the October Cinema"); a day and month before one
    # is still a date ("On Sept. 6 Russia and China signed ...")
    after = _CAPITALISED_AFTER.match(text, end)
    return bool(month_alone and after and after.group("w") not in _NOT_NAME_WORDS and not re.match(_MONTH + r"\b", after.group("w")))


@dataclass
class Tense:
    """Whether the words next to a date speak of the past or the future, and which words say so."""

    tense: str  # past, future or either
    why: str  # the deciding words, or why nothing decided
    conflict: bool = False  # cues of both kinds in the deciding words
    direct: bool = True  # read from the date's own clause (the words that govern it), not elsewhere in the sentence


def tense_near(
    text: str,
    begin: int,
    end: int,
    sentence: tuple[int, int],
    cues,
    clause: re.Pattern,
    sentence_fallback: bool = True,
    relational: re.Pattern | None = None,
) -> Tense:
    """The tense of the clause holding ``text[begin:end]``, else of its sentence (quotations masked).

    ``cues(part, offset)`` lists ``(position, kind, words)`` of the tense cues in ``part``
    (which starts at ``offset`` in the text); each language brings its own. Chinese clauses
    between commas are often sentences of their own, so Chinese reads the clause only
    (``sentence_fallback=False``). A kind "reported"
    ("would" after "said") decides nothing, and stops the search for cues further away.

    A tense read from the sentence, not the clause, is ``direct=False``: another verb's tense,
    which the caller proposes only marked CHECK. A clause that ``relational`` says is dated
    against another time ("three weeks before its release on Nov. 26") takes no tense from the
    rest of the sentence at all: the premiere's past says nothing of the release.
    """
    sb, se = sentence
    masked = _QUOTED.sub(lambda m: " " * len(m.group()), text[sb:se])
    masked = masked[: begin - sb] + " " * (end - begin) + masked[end - sb :]  # the date's own words are no cue
    cut = [0] + [m.end() for m in clause.finditer(masked)] + [len(masked)]
    i = max(k for k in range(len(cut) - 1) if cut[k] <= begin - sb)
    cb, ce = cut[i], next((c for c in cut if c > begin - sb), len(masked))
    if cb == 0 and ce < len(masked) and masked[:ce].rstrip().endswith(",") and not cues(masked[cb:ce], sb):
        # "On Tuesday, the ministry approved ...", "At a briefing on Monday, NAME said ...": a phrase put
        # first, with no verb of its own, has the tense of the clause it fronts
        ce = next((c for c in cut if c > ce), len(masked))
    elif cb > 0 and len(re.findall(r"\w+", masked[cb:ce])) <= 2 and not cues(masked[cb:ce], sb + cb):
        # "... will announce the winners on the final day, June 27.": a date in apposition to the clause before
        cb = max(c for c in cut if c < cb)
    if relational is not None and relational.search(masked[max(0, cb - 12) : cb]):
        sentence_fallback = False
    scopes = [("clause", (cb, ce))] + ([("sentence", (0, len(masked)))] if sentence_fallback else [])
    for scope, (a, b) in scopes:
        found = cues(masked[a:b], sb + a)
        reported = [c for c in found if c[1] == "reported"]
        if reported:
            # "X said the crew would move ...": the saying is past, what it reports is not dated by it;
            # only cues after the "would" speak of the date
            found = [c for c in found if c[0] > reported[-1][0] and c[1] != "reported"]
            if not found:
                return Tense("either", f"'{reported[-1][2]}' reports what someone expected, not when")
        if not found:
            continue
        kinds = {k for _, k, _ in found}
        words = ", ".join(f"'{w}' ({k})" for _, k, w in found[:4])
        direct = scope == "clause"
        if len(kinds) == 1:
            (kind,) = kinds
            return Tense(kind, f"{words} in the {scope}" + ("" if direct else ", not in the date's own clause"), direct=direct)
        before = [c for c in found if c[0] < begin]
        nearest = before[-1] if before else found[0]
        return Tense(nearest[1], f"the {scope} has {words}; took the nearest before the date, '{nearest[2]}'", True, direct)
    return Tense("either", "no tense cue in the " + ("sentence" if sentence_fallback else "date's clause"))


def uncertain(tense: Tense, wording: str, value) -> str | None:
    """Why a date whose reading depends on the tense must be checked, or None when it is certain.

    Certain means one thing only: a cue in the date's own clause, all of one kind. No cue, cues
    of both kinds, or a cue found only elsewhere in the sentence (another verb's tense) leave the
    reading open, and the date is proposed marked CHECK with the reason, never plain.
    """
    if tense.conflict:
        return f"CHECK: the tense is unclear ({tense.why}), so '{wording}' -> {value} may be wrong"
    if tense.tense == "either":
        return f"CHECK: {tense.why}: '{wording}' taken for the reading nearest the publication date, {value}"
    if not tense.direct:
        return f"CHECK: the tense comes from another verb ({tense.why}): '{wording}' -> {value} may be wrong"
    return None


def _in_a_name(part: str, m: re.Match) -> bool:
    """A capitalised cue word inside a sentence is part of a name ("The Last Shepherd will open"), not a tense."""
    return m.group()[:1].isupper() and bool(part[: m.start()].strip()) and not re.search(r"[.!?]\s*$", part[: m.start()])


def english_cues(part: str, offset: int) -> list[tuple[int, str, str]]:
    found = [(offset + m.start(), "reported", m.group()) for m in re.finditer(r"\bwould\b", part, re.I)]
    found += [(offset + m.start(), "future", m.group()) for m in _FUTURE.finditer(part) if not _in_a_name(part, m)]
    taken = [(m.start(), m.end()) for m in _FUTURE.finditer(part)]
    for m in _PAST.finditer(part):
        if any(a <= m.start() < b for a, b in taken) or _in_a_name(part, m):
            continue
        if re.search(r"\b(?:be|being|is|are|to|get|gets)\s+$", part[: m.start()], re.I):
            continue  # a participle after "be" ("will be released", "will be held", "is based"): no tense of its own
        found.append((offset + m.start(), "past", m.group()))
    return sorted(found)


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
        r"(?i:\b(?P<edge>early|earlier|mid|late|later|the end of|the start of|the beginning of|the middle of|"
        r"(?:the\s+)?(?:first|second)\s+half\s+of|(?:the\s+)?(?:first|second|third|fourth|last)\s+quarter\s+of)?\s*(?:-\s*)?"
        r"(?<!the\s)(?<!the\s\s)(?P<rel>this|last|next|past|previous|coming)\s+(?P<unit>year|month|week|weekend)\b)",
    ),
    ("over_the_weekend", r"\b(?:over|during|at)\s+the\s+(?P<unit>weekend)\b"),
    # by the end of the month / the start of the year: this month, this year
    ("relative_period", r"(?i:\b(?P<edge>the end of|the start of|the beginning of|the middle of)\s+the\s+(?P<unit>year|month|week)\b)"),
    # last Friday / this Monday / next Sunday
    ("rel_weekday", rf"\b(?P<rel>(?i:last|this|next|past|coming))\s+(?P<wd>{_WEEKDAY})\b"),
    ("day_word", r"\b(?P<word>(?i:yesterday|today|tomorrow|tonight))\b"),
    ("ago", r"\b(?P<n>\d+|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten))\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    # last autumn / next spring / this past summer / the coming winter
    (
        "rel_season",
        rf"(?i:\b(?:(?P<edge>early|mid|late|earlier|later)[-\s]+)?(?P<rel>last|this past|this|next|past|coming|previous)\s+(?P<season>{_SEASON})\b(?!\s+festival\b))",
    ),
    # (the) spring of 2024 / autumn 2025 / late summer 2024
    (
        "season_year",
        rf"(?i:\b(?:the\s+)?(?:(?P<edge>early|mid|late)[-\s]+)?(?P<season>{_SEASON})\s+(?:of\s+)?(?P<y>{_YEAR})\b)",
    ),
    # in late summer / by the spring / during the winter: the season nearest in the tense of the clause
    (
        "bare_season",
        rf"(?i:\b(?P<prep>in|by|during|until|till|through|over|for|throughout)\s+(?:the\s+)?(?:(?P<edge>early|mid|late)[-\s]+)?(?P<season>{_SEASON})\b(?!\s+(?:of\s+)?\d)(?!\s+(?:festival|session|school|games|season)\b))",
    ),
    # the end of 2027 / the first half of 2028 / the third quarter of 2026: a part of a year is the year
    (
        "edge_year",
        rf"(?i:\b(?:the\s+)?(?:end|start|beginning|middle|close|turn|(?:first|second)\s+half|(?:first|second|third|fourth|last)\s+quarter)\s+of\s+(?P<y>{_YEAR})\b)",
    ),
    # the 1920s / the late 1990s / the '90s / the 19th century: coarser than a year
    (
        "decade",
        r"(?i:\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?:1[5-9]|20)\d0s\b|['’]\d0s\b|(?:1[0-9]|2[01])(?:st|nd|rd|th)\s+century\b))",
    ),
    # in March / early March / mid-September / last March
    (
        "month",
        rf"(?:\b(?P<rel>(?i:last|this|next))\s+|\b(?P<edge>(?i:{_EDGE}))[-\s]+(?:of\s+)?|\b(?P<prep>(?i:in|by|since|until|till|from|through|during|to|between|and|or|of))\s+|"
        r"\b(?P<art>(?i:a|an))\s+(?=\w+\s+(?:release|premiere|opening|launch|debut|screening|shoot|start|bow)\b))"
        rf"(?P<mon>{_MONTH})(?!\s*\d)(?!\w)",
    ),
    ("weekday", rf"\b(?P<wd>{_WEEKDAY})\b"),
    (
        "year",
        rf"(?:\b(?P<edge>early|mid|late)(?:\s+in\s+|[-\s]+)|(?<![\d,.$₽¥€£-]))\b(?P<y>{_YEAR})\b(?![,.]?\d)(?!\s*(?:million|billion|thousand|films|people|viewers|members))",
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
    check: str | None = None  # why a curator must look: the cues disagree, or none decides between two readings
    alternative: PartialDate | None = None  # the other reading, when the words allow two


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
    """Every English date expression in ``text``, resolved against the publication date.

    Russian and Chinese: :func:`kg.curate.extract.languages.find_dates` picks the reader.
    """
    p0, p1 = publication_range(published, earliest, latest)
    candidates = []
    for order, (kind, pattern) in enumerate(_COMPILED):
        for m in pattern.finditer(text):
            begin, end = m.span()
            if m.groupdict().get("prep") or m.groupdict().get("art"):
                begin = (
                    m.start("mon") if kind == "month" else m.start("edge") if m.group("edge") else m.start("season")
                )  # "in March": "March"
            while begin < end and text[begin].isspace():
                begin += 1
            if begin < end:
                candidates.append((begin, end, order, kind, m))

    def mention(begin: int, end: int, kind: str, m: re.Match) -> DateMention | None:
        line = text[text.rfind("\n", 0, begin) + 1 : begin]
        if _DATELINE.fullmatch(line):  # "ALMATY, Oct. 16 --": the day the report was filed, not a later one
            tense = Tense("past", "a dateline's date: the day of the report")
        elif (
            kind in ("day_month", "month_day", "month")
            and text[begin].isalnum()
            and not m.groupdict().get("rel")
            and part_of_a_name(text, begin, end, kind == "month")
        ):
            return None
        else:
            tense = tense_near(text, begin, end, sentence_span(text, begin, sentences), english_cues, _CLAUSE_EN, relational=_RELATIONAL_EN)
        resolved = _resolve(kind, m, p0, p1, tense)
        return None if resolved is False else DateMention(begin, end, text[begin:end], *resolved)

    return anchored(text, following(text, range_ends(text, longest_first(candidates, mention), "en"), sentences), sentences)


def longest_first(candidates: list[tuple], mention) -> list[DateMention]:
    """The date mentions among overlapping ``(begin, end, order, kind, match)`` candidates: the
    longest first (then pattern order), each kept unless it overlaps one already kept or
    ``mention(begin, end, kind, match)`` declines it (None). Shared by every language's finder."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for begin, end, _, kind, m in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if any(begin < e and b < end for b, e in taken):
            continue
        made = mention(begin, end, kind, m)
        if made is not None:
            taken.append((begin, end))
            found.append(made)
    return sorted(found, key=lambda d: d.begin)


def ago_span(p0: dt.date, p1: dt.date, n: int, unit: str) -> tuple[dt.date, dt.date]:
    """The days "n units ago" can mean for a text published between ``p0`` and ``p1``; ``unit``
    is day, week, month or year (a week is read as give or take three days)."""
    if unit == "day":
        return p0 - dt.timedelta(days=n), p1 - dt.timedelta(days=n)
    if unit == "week":
        return p0 - dt.timedelta(days=7 * n + 3), p1 - dt.timedelta(days=7 * n - 3)
    if unit == "month":
        return _add_months(p0, -n).replace(day=1), _month_end(_add_months(p1, -n))
    return dt.date(p0.year - n, 1, 1), dt.date(p1.year - n, 12, 31)


def sentence_span(text: str, pos: int, sentences: list[tuple[int, int]] | None) -> tuple[int, int]:
    if sentences:
        for b, e in sentences:
            if b <= pos < e:
                return b, e
    start = max(text.rfind(". ", 0, pos) + 1, text.rfind("\n", 0, pos) + 1, 0)
    stop = min([i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1] or [len(text)])
    return start, stop


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


def _rival(options: list[dt.date], anchor: dt.date, chosen: dt.date) -> dt.date | None:
    """The nearest reading on the other side of ``anchor`` when it is less than twice as far as ``chosen``."""
    other = [o for o in options if (o < anchor) != (chosen < anchor) and o != chosen and o != anchor]
    if not other or chosen == anchor:
        return None
    rival = min(other, key=lambda o: abs((o - anchor).days))
    return rival if abs((rival - anchor).days) < 2 * abs((chosen - anchor).days) else None


def tensed(options_at, p0: dt.date, p1: dt.date, tense: Tense, wording: str, unit=None):
    """Resolve a tense-dependent expression at both ends of the publication range.

    ``options_at(anchor)`` gives the candidate first days (and ``anchor`` as compared); ``unit``
    turns a first day into its (first, last) span (a month for "in March"). Returns ``(value,
    check, alternative)``: a check when the cues disagree, or when there are none and a reading
    on the other side of the publication date is about as near.
    """
    unit = unit or (lambda d: (d, d))
    picks, rivals = [], []
    for anchor in (p0, p1):
        options, here = options_at(anchor)
        chosen = _pick(options, here, tense.tense)
        if chosen is None:
            return None, None, None
        picks.append(chosen)
        rivals.append(_rival(options, here, chosen) if tense.tense == "either" else None)
    first, last = unit(min(picks))[0], unit(max(picks))[1]
    value = finest(first, last)
    alternative, check = None, None
    if tense.conflict:
        check = uncertain(tense, wording, value)
    elif any(rivals):
        r = [x for x in rivals if x]
        alternative = finest(unit(min(r))[0], unit(max(r))[1])
        check = (
            f"CHECK: {tense.why}, and '{wording}' reads as {value} or {alternative}, about as near the publication date; "
            f"took the nearer, {value}"
        )
    else:
        check = uncertain(tense, wording, value)
    return value, check, alternative


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


def _resolve(kind: str, m: re.Match, p0: dt.date, p1: dt.date, tense: Tense):
    """(value, relative, how, check, alternative) for one expression, or False when it is not a date."""
    found = _resolve_plain(kind, m, p0, p1, tense)
    if found is False or len(found) == 5:
        return found
    return (*found, None, None)


def _resolve_plain(kind: str, m: re.Match, p0: dt.date, p1: dt.date, tense: Tense):
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (PartialDate(d.year, d.month, d.day), False, "a full date") if d else False
    if kind in ("month_day", "day_month"):
        month, day = _month(g["mon"]), int(re.match(r"\d+", g["d"]).group())
        if g.get("y"):
            d = _safe_date(int(g["y"]), month, day)
            return (PartialDate(d.year, d.month, d.day), False, "a full date") if d else False

        def options_at(anchor: dt.date):
            options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
            if g.get("wd"):  # the weekday names the year
                options = [d for d in options if WEEKDAYS[d.weekday()] == g["wd"].lower()] or options
            return options, anchor

        value, check, alt = tensed(options_at, p0, p1, tense, m.group(0))
        how = f"the {g['mon']} {day} " + (
            f"on or before the publication date ({tense.why})"
            if tense.tense == "past"
            else f"on or after the publication date ({tense.why})"
            if tense.tense == "future"
            else "nearest the publication date"
        )
        return value, True, how, check, alt
    if kind == "month_year":
        month, year = _month(g["mon"]), int(g["y"])
        return PartialDate(year, month), False, "a month"
    if kind in ("relative_period", "over_the_weekend"):
        rel = (g.get("rel") or "this").lower()
        unit = g["unit"].lower()
        if kind == "over_the_weekend":
            rel = {"future": "next", "past": "last"}.get(tense.tense, "this")
        shift = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]

        def rule(anchor: dt.date):
            return _period(anchor, unit, shift, tense.tense if rel == "this" else None)

        span = _over(p0, p1, rule)
        value = finest(*span) if span else None
        # "over the weekend", "this weekend": the last or the next one, as the tense says
        check = uncertain(tense, m.group(0).strip(), value) if unit == "weekend" and (kind == "over_the_weekend" or rel == "this") else None
        return value, True, f"{rel} {unit}, counted from the publication date", check, None
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

        def options_at(anchor: dt.date):
            return [anchor + dt.timedelta(days=k) for k in range(-7, 8) if (anchor + dt.timedelta(days=k)).weekday() == wd], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, m.group(0))
        side = {"past": "on or before", "future": "on or after"}.get(tense.tense, "nearest")
        return value, True, f"the {g['wd']} {side} the publication date ({tense.why})", check, alt
    if kind == "day_word":
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
        span = (p0 + dt.timedelta(days=shift), p1 + dt.timedelta(days=shift))
        return finest(*span), True, f"{g['word']}, from the publication date"
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS[g["n"].lower()]
        return finest(*ago_span(p0, p1, n, g["unit"].lower())), True, f"{m.group(0)}, from the publication date"
    if kind == "month":
        month = _month(g["mon"])
        rel = (g.get("rel") or "").lower()

        if rel in ("last", "next", "this"):

            def rule(anchor: dt.date):
                here = dt.date(anchor.year, anchor.month, 1)
                options = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
                if rel == "last":
                    d = max(o for o in options if o < here)
                elif rel == "next":
                    d = min(o for o in options if o > here)
                else:
                    d = dt.date(anchor.year, month, 1)
                return d, _month_end(d)

            span = _over(p0, p1, rule)
            return (finest(*span) if span else None, True, f"{rel} {g['mon']}, from the publication date")

        def options_at(anchor: dt.date):
            return [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)], dt.date(anchor.year, anchor.month, 1)

        value, check, alt = tensed(options_at, p0, p1, tense, m.group(0), lambda d: (d, _month_end(d)))
        return value, True, f"{g['mon']}, from the publication date ({tense.why})", check, alt
    if kind == "year":
        return PartialDate(int(g["y"])), False, "a year"
    if kind == "edge_year":
        return PartialDate(int(g["y"])), False, "a part of a year: the year"
    if kind == "bare_season":
        value, relative, how, check, alt = resolve_season(g["season"], p0, p1, tense, "this", None)
        if check is None and value is not None:
            check = uncertain(tense, m.group(0).strip(), value)
        return value, relative, f"{how} ({tense.why})", check, alt
    if kind in ("rel_season", "season_year"):
        return resolve_season(g["season"], p0, p1, tense, (g.get("rel") or "").lower() or None, int(g["y"]) if g.get("y") else None)
    if kind == "decade":
        return None, False, "a decade or a century: coarser than a year, so only the words are kept"
    return False


#: Seasons (northern hemisphere) by months, as news counts them: (first month, first day) to
#: (last month, last day), the winter running into the next year.
SEASONS_BY_MONTH = {"spring": ((3, 1), (5, 31)), "summer": ((6, 1), (8, 31)), "autumn": ((9, 1), (11, 30)), "winter": ((12, 1), (2, 28))}
#: The astronomical seasons (from the equinox or solstice, to the day), the other reading.
SEASONS_BY_SUN = {"spring": ((3, 20), (6, 20)), "summer": ((6, 21), (9, 21)), "autumn": ((9, 22), (12, 20)), "winter": ((12, 21), (3, 19))}
SEASON_WORDS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}


def season_span(season: str, year: int, table: dict = SEASONS_BY_MONTH) -> tuple[dt.date, dt.date]:
    """The days of ``season`` that begins in ``year`` (a winter ends in the next year)."""
    (m0, d0), (m1, d1) = table[season]
    last_year = year + 1 if m1 < m0 else year
    return dt.date(year, m0, d0), dt.date(last_year, m1, min(d1, calendar.monthrange(last_year, m1)[1]))


def resolve_season(word: str, p0: dt.date, p1: dt.date, tense: Tense, rel: str | None, year: int | None, by_calendar_year: bool = False):
    """(value, relative, how, check, alternative) of a season: "last autumn", "next spring", "spring 2024".

    ``rel`` is last / this / next (and their synonyms) or None with ``year``. The value is the
    finest date that holds the whole season (a year, or nothing for a winter); counted by months
    first, then by the sun: when the two give different values, the value is marked CHECK.
    ``by_calendar_year``: "last" and "this" count calendar years, as Russian does ("прошлой
    осенью" in December is the autumn of last year; the autumn just over is "этой осенью").
    """
    season = SEASON_WORDS[word.lower()]
    if by_calendar_year and year is None and season != "winter":
        shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "this past": 0, "next": 1, "coming": 1}[rel or "this"]
        if p0.year == p1.year:
            return (
                PartialDate(p0.year + shift),
                True,
                f"the {season} of the {'last' if shift < 0 else 'next' if shift > 0 else 'this'} calendar year (a season is not a month: the year)",
                None,
                None,
            )
        return None, True, f"{rel} {season}: the publication date spans two years", None, None
    if year is not None:
        value = PartialDate(year)
        if season == "winter":  # the one that ends early in that year, or the one that begins in its December
            return None, False, f"the winter of {year}: it runs across the new year, so only the words are kept", None, None
        return value, False, f"the {season} of {year} (a season is not a month: the year)", None, None
    rel = {"this past": "last", "past": "last", "previous": "last", "coming": "next"}.get(rel or "this", rel or "this")

    by_tense = []  # whether the tense chose between the last and the next season ("this summer" in October)

    def pick(anchor: dt.date, table: dict) -> tuple[dt.date, dt.date]:
        spans = [season_span(season, y, table) for y in range(anchor.year - 2, anchor.year + 2)]
        ended = [s for s in spans if s[1] < anchor]
        coming = [s for s in spans if s[0] > anchor]
        current = [s for s in spans if s[0] <= anchor <= s[1]]
        if rel == "this" and not current:
            by_tense.append(True)
        if rel == "last" or (rel == "this" and not current and tense.tense == "past"):
            return ended[-1]
        if rel == "next" or (rel == "this" and not current and tense.tense == "future"):
            return coming[0]
        if current:
            return current[0]
        return min((ended[-1], coming[0]), key=lambda s: min(abs((s[0] - anchor).days), abs((s[1] - anchor).days)))

    def value_by(table: dict) -> PartialDate | None:
        (a0, a1), (b0, b1) = pick(p0, table), pick(p1, table)
        return finest(min(a0, b0), max(a1, b1))

    value, by_sun = value_by(SEASONS_BY_MONTH), value_by(SEASONS_BY_SUN)
    how = (
        f"{rel} {season}, counted from the publication date (a season is not a month: "
        + ("the year" if value else "it spans two years")
        + ")"
    )
    if by_sun != value and value is not None:
        check = (
            f"CHECK: '{rel} {season}' counted by months (autumn = September to November) is {value}; counted by the "
            f"equinoxes and solstices it is {by_sun or 'a season across two years'}; took {value}"
        )
        return value, True, how, check, by_sun
    return value, True, how, uncertain(tense, f"{rel} {season}", value) if by_tense and value is not None else None, None


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


# -- a range whose other end is a day written alone ("Sept. 20 to 27", "с 20 по 27 сентября", "9月20日至27日")

#: (after, before, later): what joins a day written alone to a dated day after it ("Sept. 20 to
#: 27") and before it ("20-27 September"), and a day said alone later in the same sentence ("opens
#: on June 20 and runs until the 27th", "откроется 20 июня и продлится до 27-го"), per language. The lone day must not be followed by a unit
#: ("Sept. 20 and 27 films") or a month (then it is a date of its own).
RANGE_JOINS = {
    "en": (
        re.compile(
            r"\s*(?:-|–|—|to|through|until|till|and)\s*(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
            r"(?=\s*(?:[,.;:)!?]|$|\s(?:in|at|on|and|with|for|when|while|during|under|across|the|a|an|after|before)\b))"
        ),
        re.compile(r"(?<![\d.,$])(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|and)\s*$"),
        re.compile(r"\b(?:until|till|through|to)\s+the\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"),
    ),
    "ru": (
        re.compile(r"\s*(?:-|–|—|по|до|и)\s*(?P<d>[12]\d|3[01]|0?[1-9])(?=\s*(?:[,.;:)!?»]|$|\s(?:в|на|и|а|но|при)\s))"),
        re.compile(r"(?<![\d.,])(?P<d>[12]\d|3[01]|0?[1-9])\s*(?:-|–|—|по|до|и)\s*$"),
        re.compile(r"(?<![\wа-яё])(?:до|по|к|с)\s+(?P<d>[12]\d|3[01]|0?[1-9])-(?:го|е|м)(?![\wа-яё])", re.I),
    ),
    "zh": (re.compile(r"(?:至|到|-|–|—|～|~)(?P<d>[0-9]{1,2})[日号]"), None, None),
}


def range_ends(text: str, found: list[DateMention], language: str = "en") -> list[DateMention]:
    """``found`` and the days written alone at the other end of a range whose one end is dated.

    "from Sept. 20 to 27": "27" is the 27th of the month and year "Sept. 20" resolved to, marked
    CHECK when that date is; "20-27 September" likewise for "20". A lone day that cannot follow
    (or precede) its partner in the same month gives nothing: a range across months names both.
    """
    after, before, later = RANGE_JOINS[language]
    taken = [(d.begin, d.end) for d in found]
    extra = []
    for d in found:
        v = d.value
        if v is None or v.day is None:
            continue
        candidates = []
        if after is not None and (m := after.match(text, d.end)):
            candidates.append((m.start("d"), m.end(), int(m.group("d")), True))
        if before is not None and d.wording[:1].isdigit() and (m := before.search(text[max(0, d.begin - 24) : d.begin])):
            offset = max(0, d.begin - 24)
            suffix = re.match(r"\d+(?:st|nd|rd|th)?", m.group()[m.start("d") - m.start() :]).group()
            candidates.append((offset + m.start("d"), offset + m.start("d") + len(suffix), int(m.group("d")), False))
        if later is not None and not candidates:
            stop = min([i for i in (text.find(". ", d.end), text.find("\n", d.end)) if i != -1] or [len(text)])
            m = later.search(text, d.end, stop)
            if m and not any(d.end <= o.begin < m.start() for o in found if o is not d):
                candidates.append((m.start("d"), m.end(), int(m.group("d")), True))
        for begin, end, day, is_after in candidates:
            if any(begin < e and b < end for b, e in taken) or (day <= v.day if is_after else day >= v.day):
                continue
            if _safe_date(v.year, v.month, day) is None:
                continue
            side = "after" if is_after else "before"
            alt = None
            if d.alternative is not None and d.alternative.day and _safe_date(d.alternative.year, d.alternative.month, day):
                alt = PartialDate(d.alternative.year, d.alternative.month, day)
            check = d.check and f"CHECK: the other end of '{d.wording}' ({d.check.removeprefix('CHECK: ')})"
            how = f"day {day} written alone {side} '{d.wording}' in a range: the month and year of {v}"
            extra.append(DateMention(begin, end, text[begin:end], PartialDate(v.year, v.month, day), d.relative, how, check, alt))
            taken.append((begin, end))
    return shared_year(text, sorted(found + extra, key=lambda x: x.begin), language)


#: the words between the two ends of a range of months or days ("from April to June 2025", "с
#: сентября по ноябрь 2025 года", "去年4月至6月", "between May and July last year")
_RANGE_BETWEEN = {
    "en": re.compile(r"\s*(?:-|–|—|to|through|until|till|and)\s*", re.I),
    "ru": re.compile(r"\s*(?:-|–|—|по|до|и)\s*", re.I),
    "zh": re.compile(r"\s*(?:至|到|-|–|—|～|~)\s*"),
}
#: a wording that says its year (a number, or "this/last year", "прошлого года", 今年, 2025年)
_SAYS_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|\byears?\b|год|年", re.I)


def shared_year(text: str, found: list[DateMention], language: str = "en") -> list[DateMention]:
    """A range whose year is said at one end only: the other end takes it.

    "с сентября по ноябрь 2025 года": "сентября" is September 2025, not the September the tense
    would pick; "from April to June last year", "去年4月至6月" ("6月" takes 去年) likewise. The
    start is in the year said at the end (the year before when its month comes later: "from
    November to February 2026"), the end in the year said at the start (the year after, likewise).
    The value replaces the tense's reading and carries the CHECK of the end that said the year.
    """
    between = _RANGE_BETWEEN.get(language)
    if between is None:
        return found
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.value is None or b.value is None or a.value.month is None or b.value.month is None:
            continue
        if not between.fullmatch(text[a.end : b.begin]):
            continue
        said_a, said_b = bool(_SAYS_YEAR.search(a.wording)), bool(_SAYS_YEAR.search(b.wording))
        if said_a == said_b:
            continue
        key = lambda v: (v.month, v.day or 0)  # noqa: E731
        if said_b:
            year = b.value.year - (1 if key(a.value) > key(b.value) else 0)
            out[i] = _with_year(a, year, b)
        else:
            year = a.value.year + (1 if key(b.value) < key(a.value) else 0)
            out[i + 1] = _with_year(b, year, a)
    return out


def _with_year(d: DateMention, year: int, other: DateMention) -> DateMention:
    v = d.value
    if v.day is not None and _safe_date(year, v.month, v.day) is None:
        return d
    value = PartialDate(year, v.month, v.day) if v.day is not None else PartialDate(year, v.month)
    how = f"one end of a range whose year '{other.wording}' says at the other end: {value}"
    check = other.check and f"CHECK: the year of '{d.wording}' comes from '{other.wording}' ({other.check.removeprefix('CHECK: ')})"
    return DateMention(d.begin, d.end, d.wording, value, d.relative, how, check, None)


_FOLLOWING = re.compile(r"(?i:\bthe\s+(?:following|subsequent|next)\s+(?P<what>year|spring|summer|autumn|fall|winter))\b")
#: dates counted from the date before them: "six days later", "two weeks earlier", "later that year",
#: "the same day", "the next day". "three weeks before its release" is not one: a noun follows.
_ANCHORED = re.compile(
    r"(?i:\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>later|earlier|after|before)(?=\s*[,.;:!?)]|\s*$|\s+(?:and|when|on|in|at|with|by)\b)"
    r"|\b(?:(?P<edge>later|earlier)\s+that|that\s+same|the\s+same)\s+(?P<same>year|month|day)\b"
    r"|\bthe\s+(?:next|following)\s+(?P<next>day|week|month)\b)"
)


def anchored(text: str, found: list[DateMention], sentences: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """``found`` and the dates counted from the resolved date before them: in their sentence, else
    the sentence before ("opens on May 12 and closes six days later": 18 May; "early 2027 ...,
    with a Chinese release possible later that year": 2027). Never from the publication date: with
    no date before them, they are not proposed. The value is no finer than the anchor allows, and
    carries the anchor's CHECK."""
    extra = []
    for m in _ANCHORED.finditer(text):
        if any(d.begin < m.end() and m.start() < d.end for d in found):
            continue
        sb, _ = sentence_span(text, m.start(), sentences)
        pb, _ = sentence_span(text, max(0, sb - 2), sentences) if sb > 0 else (sb, sb)
        before = [d for d in found if sb <= d.begin and d.end <= m.start() and d.value is not None]
        before = before or [d for d in found if pb <= d.begin and d.end <= sb and d.value is not None]
        if not before:
            continue
        anchor = before[-1]
        v = anchor.value
        value = None
        if m.group("same"):
            unit = m.group("same").lower()
            value = (
                PartialDate(v.year)
                if unit == "year"
                else PartialDate(v.year, v.month)
                if unit == "month" and v.month
                else v
                if v.day
                else None
            )
        else:
            n = 1 if m.group("next") else int(m.group("n")) if m.group("n").isdigit() else _NUMBER_WORDS[m.group("n").lower()]
            unit = m.group("next").lower() if m.group("next") else m.group("unit").lower()
            sign = -1 if (m.group("dir") or "").lower() in ("earlier", "before") else 1
            if m.group("next") == "week" and v.day:  # "the following week": the whole week after the anchor's
                monday = dt.date(v.year, v.month, v.day) + dt.timedelta(days=7 - dt.date(v.year, v.month, v.day).weekday())
                value = finest(monday, monday + dt.timedelta(days=6))
            elif unit in ("day", "week") and v.day:
                day = dt.date(v.year, v.month, v.day) + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
                value = PartialDate(day.year, day.month, day.day)
            elif unit == "month" and v.month:
                first = _add_months(dt.date(v.year, v.month, 1), sign * n)
                value = PartialDate(first.year, first.month)
            elif unit == "year":
                value = PartialDate(v.year + sign * n)
        if value is None:
            continue
        how = f"'{m.group().strip()}' counted from '{anchor.wording}' ({anchor.value}), the date before it"
        extra.append(DateMention(m.start(), m.end(), m.group(), value, True, how, anchor.check, None))
    return sorted(found + extra, key=lambda d: d.begin)


def following(text: str, found: list[DateMention], sentences: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """``found`` and "the following year / spring ..." counted from the date before it in its
    sentence ("wrap by the end of 2027, with a premiere the following spring": spring 2028), not
    from the publication date; with no date before it in the sentence, it is not proposed."""
    extra = []
    for m in _FOLLOWING.finditer(text):
        if any(d.begin < m.end() and m.start() < d.end for d in found):
            continue
        sb, _ = sentence_span(text, m.start(), sentences)
        before = [d for d in found if sb <= d.begin and d.end <= m.start() and d.value is not None]
        if not before:
            continue
        anchor = before[-1]
        last = _range(anchor.value)[1]
        what = SEASON_WORDS.get(m.group("what").lower(), "year")
        if what == "year":
            value = PartialDate(last.year + 1)
        else:
            start = next(season_span(what, y)[0] for y in (last.year, last.year + 1) if season_span(what, y)[0] > last)
            value = finest(*season_span(what, start.year))
        how = f"the {what} after '{anchor.wording}' ({anchor.value}), the date before it in the sentence"
        check = anchor.check
        if check is None and re.search(r"\bnext\b", m.group(), re.I):
            check = f"CHECK: '{m.group()}' counted from '{anchor.wording}' ({anchor.value}); it may mean the twelve months after the publication"
        extra.append(DateMention(m.start(), m.end(), m.group(), value, True, how, check, None))
    return sorted(found + extra, key=lambda d: d.begin)
