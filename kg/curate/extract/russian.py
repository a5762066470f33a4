"""Reading a Russian article for ``kg draft``: names, dates, quantities, roles and quotations.

Names come from natasha (its segmenter, news NER tagger and morphology, models shipped in the
wheel): it finds people, places and organisations and puts them in the nominative in context
("Светланой Чуйкиной" -> "Светлана Чуйкина", "Китаю" -> "Китай", and it leaves an unknown
surname such as "Бырькин" alone where a dictionary alone guesses "бырькина"). A name is then
linked to the graph by its Russian label, by the Russian and Chinese names of
:data:`~kg.curate.extract.lexicon.PLACE_NAMES`, or by its transliteration compared as Latin
names are (:mod:`kg.ingest.names`): "Вадим Бырькин" -> Vadim Byrkin, "Елена Подкаминская" ->
Yelena Podkaminskaya, "Милош Бикович" -> Miloš Biković. A family name alone ("сказал Волгин")
links to the one known person who has it.

Dates are read with hand rules for the Russian forms ("в четверг", "20 февраля этого года", "в
марте прошлого года", "на прошлой неделе", "вчера") and resolved by the same machinery as
English (:mod:`kg.curate.extract.dates`), which keeps the precision the publication date allows.
The tense of a bare weekday or a day without a year is read from the verbs of the clause,
tagged by natasha's morphology: "выйдет" (Tense=Fut) is future, "вышла" (Tense=Past) past.
dateparser was measured and not used: it reads "в четверг" and "20 февраля" once it is told
the tense, but returns nothing for "20 февраля этого года" or "в феврале", and a single day for
"на прошлой неделе" and "в следующем месяце" (a precision the words do not give). Seasons are
read by calendar years, as Russian speaks of them ("прошлой осенью" and "осенью прошлого года"
are the autumn of last year, "этой осенью" this year's, even just after it ended: a year
either way, never a month; a winter, across two years, gives no value), a season alone
("зимой") is not a date, and a decade ("в 1920-е годы") keeps its words without a value.

natasha is imported on the first Russian document only (about 1 s to load its models).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.curate.extract.dates import (
    WEEKDAYS,
    DateMention,
    Tense,
    _month_end,
    _over,
    _period,
    _safe_date,
    ago_span,
    finest,
    longest_first,
    publication_range,
    range_ends,
    resolve_season,
    sentence_span,
    tense_near,
    tensed,
    uncertain,
)
from kg.curate.extract.quantities import QuantityMention
from kg.curate.extract.quotations import QuotationMention
from kg.curate.extract.roles import RoleMention
from kg.errors import need
from kg.ingest.dates import PartialDate

# -- the natasha pipeline ------------------------------------------------------------------------


@dataclass
class Token:
    start: int
    stop: int
    text: str
    pos: str
    feats: dict[str, str]


@dataclass
class Span:
    start: int
    stop: int
    text: str
    type: str  # PER, LOC, ORG
    normal: str


@lru_cache(maxsize=1)
def _pipeline():
    natasha = need("natasha", "languages", "kg draft (Russian)")
    embedding = natasha.NewsEmbedding()
    return natasha.Segmenter(), natasha.NewsMorphTagger(embedding), natasha.NewsNERTagger(embedding), natasha.MorphVocab()


@lru_cache(maxsize=8)
def analyse(text: str) -> tuple[list[Token], list[Span]]:
    """natasha's tokens (with part of speech and morphology) and named spans (with normal forms)."""
    segmenter, morph, ner, vocab = _pipeline()
    doc = need("natasha", "languages", "kg draft (Russian)").Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    tokens = [Token(t.start, t.stop, t.text, t.pos, dict(t.feats or {})) for t in doc.tokens]
    spans = []
    for s in doc.spans:
        try:
            s.normalize(vocab)
            normal = s.normal or s.text
        except Exception:  # noqa: BLE001 - a normal form is a help, not a need
            normal = s.text
        spans.append(Span(s.start, s.stop, s.text, s.type, normal))
    return tokens, spans


@lru_cache(maxsize=4096)
def lemmas(word: str) -> tuple[str, ...]:
    """Dictionary forms of one word, most likely first (pymorphy via natasha's MorphVocab)."""
    vocab = _pipeline()[3]
    out: list[str] = []
    for parse in vocab.parse(word):
        form = parse.normal_form
        if word[:1].isupper():
            form = form[:1].upper() + form[1:]
        if form not in out:
            out.append(form)
    return tuple(out)


# -- dates --------------------------------------------------------------------------------------

_MONTHS_RU = [
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("ма[йяе]", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
]
_MONTH = "(?P<mon>" + "|".join(f"{stem}[а-я]*" for stem, _ in _MONTHS_RU) + ")"
_WEEKDAYS_RU = ["понедельник", "вторник", "сред[ау]", "четверг", "пятниц[ау]", "суббот[ау]", "воскресенье"]
_WEEKDAY = "(?P<wd>" + "|".join(_WEEKDAYS_RU) + ")"
_REL_YEAR = r"(?P<ry>этого|текущего|нынешнего|прошлого|будущего|следующего)\s+года"
_EDGE = r"(?P<edge>начале|середине|конце)"
_REL = {
    "этого": 0,
    "эту": 0,
    "этот": 0,
    "это": 0,
    "этой": 0,
    "этом": 0,
    "текущего": 0,
    "текущем": 0,
    "нынешнего": 0,
    "нынешнем": 0,
    "прошлого": -1,
    "прошлую": -1,
    "прошлый": -1,
    "прошлое": -1,
    "прошлой": -1,
    "прошлом": -1,
    "минувшего": -1,
    "минувшую": -1,
    "минувший": -1,
    "минувшее": -1,
    "минувшей": -1,
    "минувшем": -1,
    "прошедшую": -1,
    "прошедший": -1,
    "прошедшее": -1,
    "прошедшей": -1,
    "следующего": 1,
    "следующую": 1,
    "следующий": 1,
    "следующее": 1,
    "следующей": 1,
    "следующем": 1,
    "будущего": 1,
    "будущем": 1,
    "будущей": 1,
    "ближайшую": 1,
    "ближайший": 1,
}
#: a season in any case ("весной", "на весну", "к осени", "до зимы"); "лет" alone is "years", not summer
_SEASON_RU = r"весн(?:а|у|ой|ою|е|ы)|лет(?:о|ом|а|у|е)|осен(?:ь|ью|и)|зим(?:а|у|ой|ою|е|ы)"
_PATTERNS_RU = [
    ("full", rf"\b(?P<d>[12]\d|3[01]|0?[1-9])\s+{_MONTH}\s+(?P<y>(?:19|20)\d\d)(?:\s+(?:года|г\.))?"),
    ("day_month", rf"\b(?P<d>[12]\d|3[01]|0?[1-9])\s+{_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])"),
    ("month_year", rf"\b(?:(?:в|во)\s+)?(?:{_EDGE}\s+)?{_MONTH}\s+(?P<y>(?:19|20)\d\d)(?:\s+(?:года|г\.))?"),
    # в начале 2027 года, к концу 2026 года: a part of a year is the year
    ("edge_year", r"(?i:\b(?:(?:в|к|до|с)\s+)?(?:начал[аеу]|середин[еуы]|конц[аеу]|(?:перв|втор)(?:ой|ую|ая)\s+половин[аеуы]|(?:перв|втор|трет|четв[её]рт)(?:ый|ом|ого|ий|ьем|ьего)\s+квартал[аеу]?|(?:перв|втор)(?:ое|ом|ого)\s+полугоди[еяию])\s+(?P<y>(?:19|20)\d\d)\s+(?:года|г\.))"),
    ("month", rf"\b(?:в|во)\s+(?:{_EDGE}\s+)?{_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])"),
    # "на октябрь", "к ноябрю", "до декабря", "с марта": the month without its preposition
    ("month", rf"(?:(?<=\bна\s)|(?<=\bк\s)|(?<=\bко\s)|(?<=\bдо\s)|(?<=\bс\s)|(?<=\bпо\s)){_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])(?!\s+\d)"),
    # "к концу лета", "в начале осени", "на весну", "к осени": a season the tense places (marked CHECK without a cue of
    # its own); a season with no such word ("снимали зимой") is not proposed: nothing says which
    (
        "bare_season",
        r"(?i:(?:(?:(?<=\bк\s)|(?<=\bдо\s)|(?<=\bна\s)|(?<=\bс\s)|\bв\s+)(?P<edge>начал[аеу]|середин[еуы]|конц[аеу])\s+"
        r"|(?<=\bк\s)|(?<=\bдо\s)|(?<=\bна\s))"
        r"(?P<season>лета|весны|осени|зимы|лету|весне|осени|зиме|лето|весну|осень|зиму))(?![\wа-яё])(?!\s+(?:(?:19|20)\d\d|этого|прошлого|следующего|будущего|текущего))",
    ),
    ("weekday", rf"\b(?:в|во)\s+(?:(?P<rel>прошлую|прошлый|прошлое|минувшую|минувший|минувшее|прошедшую|прошедший|прошедшее|следующую|следующий|следующее|эту|этот|это|ближайшую|ближайший)\s+)?{_WEEKDAY}\b"),
    # "продлится до воскресенья", "с понедельника": the weekday without its preposition
    ("weekday_gen", r"(?i:(?<=\bдо\s)|(?<=\bс\s)|(?<=\bсо\s)|(?<=\bк\s)|(?<=\bко\s))(?P<wd>понедельник[ау]|вторник[ау]|сред[ые]|четверг[ау]|пятниц[ые]|суббот[ые]|воскресень[яю])\b"),
    ("day_word", r"(?i:\b(?P<word>позавчера|вчера|сегодня|завтра|послезавтра))\b"),
    (
        "period",
        r"(?i:\b(?:(?:в|на)\s+)?(?:(?P<edge>начале|середине|конце)\s+)?(?P<rel>этого|текущего|прошлого|следующего|будущего|этом|текущем|прошлом|следующем|будущем|этой|прошлой|следующей|будущей|следующий|прошлый|этот)\s+"
        r"(?P<unit>года|году|год|месяца|месяце|месяц|недели|неделе))\b",
    ),
    ("edge_period", r"(?i:\b(?:в|до|к)\s+(?P<edge>начал[аеу]|середин[еуы]|конц[аеу])\s+(?P<unit>года|месяца|недели))\b"),
    ("ago", r"(?i:\b(?P<n>\d+|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+(?P<unit>дн[ея]й|день|дня|недел[иья]|месяц[аев]*|год[а]?|лет)\s+назад)\b"),
    (
        "season",
        rf"(?i:\b(?P<rel>прошл|эт|следующ|будущ|нынешн|текущ|минувш)(?:ой|им|ым|ей|ем|ую|у|ого|ий|ее|ая|ое|ом)\s+(?P<season>{_SEASON_RU}))(?![\wа-я])",
    ),
    (
        "season_year",
        rf"(?i:\b(?P<season>{_SEASON_RU})\s+(?:{_REL_YEAR}|(?P<y>(?:19|20)\d\d)(?:\s+(?:года|г\.))?))(?![\wа-я])",
    ),
    # в 1920-е годы, в конце 1990-х, в XIX веке: coarser than a year
    (
        "decade",
        r"(?i:\b(?:в\s+)?(?:(?:начале|середине|конце)\s+)?(?:(?:(?:19|20)?\d0)-(?:е|х|ые|ых|м|ми)(?:\s+(?:годы|годах|годов|годам|гг\.))?"
        r"|(?:[XVI]+|\d{2})\s+(?:век|века|веке|веком)))(?![\wа-я])",
    ),
    (
        "year",
        r"\b(?:в\s+)?(?P<y>(?:19|20)\d\d)(?![\d,.]?\d)(?!-[а-я])(?!\s*(?:млн|млрд|тыс|миллион|человек|фильм|зрител))"
        r"(?:\s+(?:году|года|год|г\.)(?![а-я]))?",
    ),
]
_SEASONS_RU = {"весн": "spring", "лет": "summer", "осен": "autumn", "зим": "winter"}
_SEASON_REL = {"прошл": "last", "минувш": "last", "эт": "this", "нынешн": "this", "текущ": "this", "следующ": "next", "будущ": "next"}
_COMPILED_RU = [(kind, re.compile(p, re.I)) for kind, p in _PATTERNS_RU]
_NUMBER_WORDS_RU = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10}
_CLAUSE_RU = re.compile(r",\s|;\s|:\s|\s[—–-]\s|\s(?:а|но|и|когда|пока|после того как|до того как)\s", re.I)


def _month_ru(word: str) -> int:
    word = word.lower()
    return next(n for stem, n in _MONTHS_RU if re.match(stem, word))


def _russian_cues(text: str):
    tokens, _ = analyse(text)

    def cues(part: str, offset: int) -> list[tuple[int, str, str]]:
        found = []
        inside = [t for t in tokens if offset <= t.start and t.stop <= offset + len(part)]
        future_verb = any(t.pos in ("VERB", "AUX") and t.feats.get("Tense") == "Fut" and t.feats.get("VerbForm") == "Fin" for t in inside)
        for t in tokens:
            if not (offset <= t.start and t.stop <= offset + len(part)) or part[t.start - offset : t.stop - offset] != t.text:
                continue  # outside this part, or masked (a quotation, the date itself)
            low = t.text.lower()
            tense = t.feats.get("Tense")
            if t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin" and tense in ("Past", "Fut"):
                found.append((t.start, "past" if tense == "Past" else "future", t.text))
            elif low in ("назад", "ранее") or (low == "уже" and not future_verb):
                # "выйдет уже 5 февраля": with a future verb, "уже" is "as early as", no past
                found.append((t.start, "past", t.text))
            elif low.startswith(("предстоящ", "запланирован", "планиру", "намечен", "намечает", "ожидает", "ожидаем")):
                found.append((t.start, "future", t.text))
        return found

    return cues


def find_dates_ru(
    text: str,
    published: PartialDate,
    earliest: PartialDate | None = None,
    latest: PartialDate | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every Russian date expression in ``text``, resolved against the publication date."""
    p0, p1 = publication_range(published, earliest, latest)
    cues = _russian_cues(text)
    candidates = []
    for order, (kind, pattern) in enumerate(_COMPILED_RU):
        for m in pattern.finditer(text):
            begin, end = m.span()
            if kind in ("period",) and text[begin:end].lower().startswith(("в ", "на ")):
                begin = m.start("edge") if m.group("edge") else m.start("rel")  # "на следующий год": the date is "следующий год"
                if m.group("edge"):
                    begin = m.start()  # "в начале этого года" keeps its "в"
            candidates.append((begin, end, order, kind, m))

    def mention(begin: int, end: int, kind: str, m: re.Match) -> DateMention | None:
        if _in_a_name_ru(text, m):
            return None
        if re.fullmatch(r"[А-ЯЁ][А-ЯЁ -]*[А-ЯЁ],\s+", text[text.rfind("\n", 0, begin) + 1 : begin]):
            tense = Tense("past", "a dateline's date (МОСКВА, 23 октября.): the day of the report")
        else:
            tense = tense_near(text, begin, end, sentence_span(text, begin, sentences), cues, _CLAUSE_RU, relational=_RELATIONAL_RU)
        resolved = _resolve_ru(kind, m, p0, p1, tense)
        if resolved is None:
            return None
        value, how, check, alt = resolved
        return DateMention(begin, end, text[begin:end], value, kind not in ("full", "month_year", "year", "edge_year", "decade"), how, check, alt)

    found = range_ends(text, longest_first(candidates, mention), "ru")
    return _days_around(text, found, p0, p1, sentences)


#: "накануне" (the day before), "на днях" / "на прошлой неделе" ... : days counted from another day
_AROUND_RU = re.compile(r"(?<![\wа-яё])(?P<eve>[Нн]акануне)(?![\wа-яё])|(?<![\wа-яё])(?P<few>[Нн]а\s+днях)(?![\wа-яё])")


def _days_around(
    text: str, found: list[DateMention], p0: dt.date, p1: dt.date, sentences: list[tuple[int, int]] | None
) -> list[DateMention]:
    """``found`` and the Russian words that date a day from another day.

    "накануне" alone is the day before the resolved day before it (in its sentence, else the one
    before: a dateline's "АЛМАТЫ, 22 января. ... сообщила накануне" is 21 January), else before
    the publication date; "накануне премьеры" (before an event, a noun in the genitive after it)
    is no date. "на днях" is a few days either side of the publication date: the words are kept,
    with no value (no single day, and not always one month), marked CHECK.
    """
    tokens, _ = analyse(text)
    extra = []
    for m in _AROUND_RU.finditer(text):
        if any(d.begin < m.end() and m.start() < d.end for d in found):
            continue
        if m.group("few"):
            how = "на днях: a few days around the publication date, no single day"
            extra.append(DateMention(m.start(), m.end(), m.group(), None, True, how, f"CHECK: '{m.group()}' names no single day", None))
            continue
        own = next((t for t in tokens if t.start == m.start()), None)
        following = next((t for t in tokens if t.start >= m.end()), None)
        gap = text[m.end() : following.start] if following else ""
        if (own is not None and own.pos == "ADP") or (
            following is not None and not gap.strip() and following.pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM") and following.feats.get("Case") == "Gen"
        ):
            continue  # накануне премьеры (a preposition): the eve of an event, not a date
        sb, _ = sentence_span(text, m.start(), sentences)
        pb, _ = sentence_span(text, max(0, sb - 2), sentences) if sb > 0 else (sb, sb)
        before = [d for d in found if sb <= d.begin and d.end <= m.start() and d.value is not None and d.value.day]
        before = before or [d for d in found if pb <= d.begin and d.end <= sb and d.value is not None and d.value.day]
        if before:
            anchor = before[-1]
            day = dt.date(anchor.value.year, anchor.value.month, anchor.value.day) - dt.timedelta(days=1)
            value, check = PartialDate(day.year, day.month, day.day), anchor.check
            how = f"накануне: the day before '{anchor.wording}' ({anchor.value})"
        else:
            value = finest(p0 - dt.timedelta(days=1), p1 - dt.timedelta(days=1))
            check, how = None, "накануне: the day before the publication date"
        extra.append(DateMention(m.start(), m.end(), m.group(), value, True, how, check, None))
    return sorted(found + extra, key=lambda x: x.begin)


#: a clause dated against another time ("за три недели до того, как ...") takes no tense from the sentence
_RELATIONAL_RU = re.compile(r"(?:до того как|после того как|перед тем как|до|после|накануне)\s*$", re.I)


def _in_a_name_ru(text: str, m: re.Match) -> bool:
    """A month or a season inside a title in «…» (a few words: кинотеатр «Октябрь», фестиваль
    «Ташкентская осень»), or a month written with a capital inside a sentence (улица 8 Марта), is
    part of a name, not a date. A quotation in «…» is longer, and its dates are dates."""
    key = "mon" if m.groupdict().get("mon") else "season" if m.groupdict().get("season") else None
    if key is None:
        return False
    start = m.start(key)
    opened, closed = text.rfind("«", 0, start), text.rfind("»", 0, start)
    if opened > closed:
        close = text.find("»", start)
        if close != -1 and len(text[opened + 1 : close].split()) <= 4:
            return True
    first_in_sentence = not text[:start].strip() or bool(re.search(r"[.!?\n«\"]\s*(?:\d+\s+)?$", text[:start]))
    return key == "mon" and m.group(key)[:1].isupper() and not first_in_sentence


def _year_shift(word: str | None) -> int | None:
    return _REL.get(word.lower()) if word else None


def _resolve_ru(kind: str, m: re.Match, p0: dt.date, p1: dt.date, tense: Tense):
    g = m.groupdict()
    wording = m.group(0)
    if kind == "decade":
        return None, "a decade or a century: coarser than a year, so only the words are kept", None, None
    if kind == "bare_season":
        season = next(v for stem, v in _SEASONS_RU.items() if g["season"].lower().startswith(stem))
        value, _, how, check, alt = resolve_season(season, p0, p1, tense, "this", None)
        if check is None and value is not None:
            check = uncertain(tense, wording, value)
        return value, f"{how} ({tense.why})", check, alt
    if kind in ("season", "season_year"):
        season = next(v for stem, v in _SEASONS_RU.items() if g["season"].lower().startswith(stem))
        if kind == "season":
            value, _, how, check, alt = resolve_season(season, p0, p1, tense, _SEASON_REL[g["rel"].lower()], None, by_calendar_year=True)
            return value, how, check, alt
        shift = _year_shift(g.get("ry"))
        if shift is not None and p0.year != p1.year:
            return None, f"{wording}: the publication date spans two years", None, None
        year = int(g["y"]) if g.get("y") else p0.year + shift
        value, _, how, check, alt = resolve_season(season, p0, p1, tense, None, year)
        return value, how, check, alt
    if kind == "full":
        d = _safe_date(int(g["y"]), _month_ru(g["mon"]), int(g["d"]))
        return (PartialDate(d.year, d.month, d.day), "a full date", None, None) if d else None
    if kind == "month_year":
        month = _month_ru(g["mon"])
        return PartialDate(int(g["y"]), month), "a month", None, None
    if kind in ("year", "edge_year"):
        return PartialDate(int(g["y"])), "a year" if kind == "year" else "a part of a year: the year", None, None
    if kind == "day_month":
        month, day = _month_ru(g["mon"]), int(g["d"])
        shift = _year_shift(g.get("ry"))
        if shift is not None:  # "20 февраля этого года": the year is said
            span = _over(p0, p1, lambda a: ((d, d) if (d := _safe_date(a.year + shift, month, day)) else None))
            return (finest(*span) if span else None), f"{g['ry']} года, from the publication date", None, None

        def options_at(anchor: dt.date):
            return [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, wording)
        return value, _how(f"{day} {g['mon']}", tense), check, alt
    if kind == "month":
        month = _month_ru(g["mon"])
        shift = _year_shift(g.get("ry"))
        if shift is not None:
            span = _over(p0, p1, lambda a: (dt.date(a.year + shift, month, 1), _month_end(dt.date(a.year + shift, month, 1))))
            return (finest(*span) if span else None), f"{g['ry']} года, from the publication date", None, None

        def options_at(anchor: dt.date):
            return [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)], dt.date(anchor.year, anchor.month, 1)

        value, check, alt = tensed(options_at, p0, p1, tense, wording, lambda d: (d, _month_end(d)))
        return value, _how(g["mon"], tense), check, alt
    if kind == "weekday_gen":
        wd = next(i for i, stem in enumerate(("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресен")) if g["wd"].lower().startswith(stem))

        def options_at(anchor: dt.date):
            return [anchor + dt.timedelta(days=k) for k in range(-7, 8) if (anchor + dt.timedelta(days=k)).weekday() == wd], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, wording)
        return value, _how(WEEKDAYS[wd].capitalize(), tense), check, alt
    if kind == "weekday":
        wd = next(i for i, w in enumerate(_WEEKDAYS_RU) if re.fullmatch(w, g["wd"].lower()))
        shift = _year_shift(g.get("rel"))
        if shift:

            def rule(anchor: dt.date):
                if shift < 0:
                    d = anchor - dt.timedelta(days=(anchor.weekday() - wd - 1) % 7 + 1)
                else:
                    d = anchor + dt.timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
                return d, d

            span = _over(p0, p1, rule)
            side = "before" if shift < 0 else "after"
            return finest(*span), f"the {WEEKDAYS[wd].capitalize()} {side} the publication date", None, None

        def options_at(anchor: dt.date):
            return [anchor + dt.timedelta(days=k) for k in range(-7, 8) if (anchor + dt.timedelta(days=k)).weekday() == wd], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, wording)
        return value, _how(WEEKDAYS[wd].capitalize(), tense), check, alt
    if kind == "day_word":
        shift = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}[g["word"].lower()]
        return finest(p0 + dt.timedelta(days=shift), p1 + dt.timedelta(days=shift)), f"{g['word']}, from the publication date", None, None
    if kind in ("period", "edge_period"):
        unit = {"г": "year", "м": "month", "н": "week"}[g["unit"][0].lower()]
        shift = _REL.get((g.get("rel") or "этого").lower(), 0)
        span = _over(p0, p1, lambda a: _period(a, unit, shift, None))
        return (finest(*span) if span else None), f"{wording}, counted from the publication date", None, None
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS_RU[g["n"].lower()]
        unit = {"д": "day", "н": "week", "м": "month"}.get(g["unit"][0].lower(), "year")
        return finest(*ago_span(p0, p1, n, unit)), f"{wording}, from the publication date", None, None
    return None


def _how(what: str, tense: Tense) -> str:
    side = {"past": "on or before", "future": "on or after"}.get(tense.tense, "nearest")
    return f"the {what} {side} the publication date ({tense.why})"


# -- quantities ------------------------------------------------------------------------------------

_QUALIFIERS_RU = {
    "более чем": "min",
    "более": "min",
    "свыше": "min",
    "больше": "min",
    "не менее": "min",
    "не меньше": "min",
    "почти": "max",
    "менее": "max",
    "меньше": "max",
    "не более": "max",
    "до": "max",
    "около": "approx",
    "порядка": "approx",
    "примерно": "approx",
    "приблизительно": "approx",
}
_SCALES_RU = {"тыс": 1e3, "тысяч": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9}
_CURRENCIES_RU = {"руб": "RUB", "₽": "RUB", "юан": "CNY", "доллар": "USD", "$": "USD", "тенге": "KZT", "евро": "EUR", "сом": "KGS"}
_QUANTITY_RU = re.compile(
    r"(?:(?P<qual>более чем|не менее|не меньше|не более|более|свыше|больше|почти|менее|меньше|около|порядка|примерно|приблизительно|до)\s+)?"
    r"(?P<sign>[₽$])?(?P<num>\d{1,3}(?:[  ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?:\s*(?P<scale>тыс\.?|тысяч[аи]?|млн|миллион(?:а|ов)?|млрд|миллиард(?:а|ов)?)(?![а-я]))?"
    r"(?:\s*(?P<cur>рублей|рубля|рубль|руб\.|₽|юаней|юаня|юань|долларов|доллара|доллар|тенге|евро|сомов))?",
    re.I,
)
_UNIT_RU = re.compile(r"\s+([а-яё]+(?:\s+[а-яё]+)?)", re.I)
_TIME_RU = re.compile(r"^(?:год|лет|месяц|недел|дн|день|час|минут|секунд|раз|процент|%|век)", re.I)


def find_quantities_ru(text: str, skip: list[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Counted quantities and amounts of money in Russian text ("более 640 млн рублей", "около 30 фильмов")."""
    found = []
    for m in _QUANTITY_RU.finditer(text):
        begin = m.start("qual") if m.group("qual") else m.start("sign") if m.group("sign") else m.start("num")
        if any(b < m.end() and begin < e for b, e in skip):
            continue
        if (m.start("num") > 0 and text[m.start("num") - 1].isalnum()) or (m.end("num") < len(text) and text[m.end("num")].isalpha()):
            continue
        number = float(re.sub(r"[  ]", "", m.group("num")).replace(",", "."))
        if m.group("scale"):
            number *= next(v for k, v in _SCALES_RU.items() if m.group("scale").lower().startswith(k))
        currency = None
        if m.group("cur") or m.group("sign"):
            word = (m.group("cur") or m.group("sign")).lower()
            currency = next(v for k, v in _CURRENCIES_RU.items() if word.startswith(k))
        end = m.end()
        unit = None
        if currency is None:
            u = _UNIT_RU.match(text, end)
            if not u or _TIME_RU.match(u.group(1)):
                continue
            unit = u.group(1).split()[0] if u.group(1).split()[0].lower() not in ("из", "в", "на", "с") else None
            if unit is None:
                continue
            if re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and not m.group("qual"):
                continue
        if m.group("qual") == "до" and currency is None and not m.group("scale"):
            continue  # "до 31 августа", "до 12 лет": a limit of time more often than a count
        q = QuantityMention(begin, end, text[begin:end].strip(), unit=unit, currency=currency)
        from kg.curate.extract.quantities import verb_bound

        setattr(q, _QUALIFIERS_RU.get((m.group("qual") or "").lower()) or verb_bound(text, begin, "ru") or "value", number)
        found.append(q)
    return found


# -- roles and quotations -----------------------------------------------------------------------------

ROLE_NOUNS_RU = [
    (r"режисс[её]р\w*", "director"),
    (r"продюсер\w*", "producer"),
    (r"сопродюсер\w*", "producer"),
    (r"актрис\w*", "actor"),
    (r"акт[её]р\w*", "actor"),
    (r"сценарист\w*", "author"),
    (r"композитор\w*", "musicBy"),
    (r"оператор\w*", "cinematographer"),
]
_ROLE_RU = re.compile(
    r"(?P<adj>российск\w+|китайск\w+|казахстанск\w+|узбекск\w+|генеральн\w+|главн\w+)?\s*"
    r"(?P<noun>" + "|".join(p for p, _ in ROLE_NOUNS_RU) + r")(?:\s+(?:картины|фильма|ленты|проекта))?\s+$",
    re.I,
)
_ROLE_AFTER_RU = re.compile(r"^\s*(?:выступил[аи]?|стал[аи]?|был[аи]?)\s*$", re.I)
_STARRING_RU = re.compile(
    r"(?:в\s+(?P<lead>главн\w+\s+)?рол\w+\s+(?:снял\w*|сыграл\w*)|в\s+фильме\s+снял\w*|снял\w*\s+в\s+главн\w+\s+рол\w+|"
    r"в\s+(?P<lead4>главн\w+\s+)?рол\w+\s*[—–]|(?P<lead2>главн\w+\s+)?рол[ьи]\w*\s+(?:в\s+(?:нём|нем|ней|них|фильме|картине|сериале|ленте)\s+)?(?:исполнил\w*|сыграл\w*|сыграют|исполнят)|(?:исполнил\w*|сыграл\w*)\s+(?P<lead3>главн\w+\s+)?рол[ьи]\w*|"
    # "одну из главных ролей сыграла NAME", "в одной из главных ролей — NAME": one of several parts
    r"одн\w+\s+из\s+(?:главн\w+\s+)?ролей\s+(?:в\s+(?:нём|нем|ней|фильме|картине|ленте)\s+)?(?:исполнил\w*|сыграл\w*|сыграют|исполнят|снял\w*)|"
    r"в\s+одной\s+из\s+(?:главн\w+\s+)?ролей\s*[—–])\s+$",
    re.I,
)
_COUNTRIES_RU = re.compile(
    r"\b(?P<a>[а-яё]+о)-(?P<b>[а-яё]+?)(?:ий|ый|ая|ое|ие|ого|ой|ом|ую|ых|ым)\s+(?:[а-яё]+\s+)?"
    r"(?:фильм|драм|мелодрам|картин|тр[иа]ллер|комеди|лент|сериал|проект|копродукц|постановк|боевик|мультфильм|эпопе|саг|фантастик|детектив|мюзикл|байопик)",
    re.I,
)


def _nation(stem: str) -> str | None:
    from kg.curate.extract.lexicon import RU_NATIONS

    stem = stem.lower().removesuffix("о")
    for key, country in RU_NATIONS.items():
        if stem.startswith(key) or key.startswith(stem) and len(stem) >= 5:
            return country
    return None


_DISTRIBUTOR_BEFORE_RU = re.compile(r"(?:прокатчик\w*|дистрибьютор\w*|прокатн\w+\s+компани\w+)(?:\s*[—–]\s*|\s+)(?:(?:кино)?компани\w+|студи\w+|фирм\w+)?\s*«?$", re.I)
_MAKE_RU = (
    r"\s+(?:[а-яё]+\s+){0,2}?(?:снимут|сняли|снимают|снимали|выпустят|выпустили|создадут|создали|экранизируют|экранизировали)"
    r"\s+(?:совместн\w+\s+)?(?:[а-яё]+\s+){0,2}?(?:фильм|картину|сериал|ленту|драму|комедию|мелодраму|триллер|мультфильм)"
)


def find_roles_ru(text: str, people: list[tuple[int, int]], organisations: list[tuple[int, int]] = ()) -> list[RoleMention]:
    """Role phrases before a person's name ("режиссёр Андрей Волгин", "продюсером выступил Вадим
    Бырькин", "В главной роли снялась Елена Подкаминская") and compound nationality adjectives
    ("российско-китайский фильм") for countries of origin. ``people`` are the names' spans."""
    found: list[RoleMention] = []
    for begin, end in people:
        before = text[max(0, begin - 60) : begin]
        line_start = before.rfind("\n") + 1
        before = before[line_start:]
        offset = begin - len(before)
        m = _ROLE_RU.search(before)
        if m:
            noun = m.group("noun").lower()
            prop = next(p for pat, p in ROLE_NOUNS_RU if re.fullmatch(pat, noun))
            adj = (m.group("adj") or "").lower()
            side = _nation(adj[:-2]) if adj and not adj.startswith(("генеральн", "главн")) else None
            start = offset + (m.start("adj") if m.group("adj") else m.start("noun"))
            found.append(RoleMention(start, end, prop, (begin, end), role_name=None, side=side, lead=adj.startswith("главн")))
            continue
        # "продюсером выступил NAME", "режиссёром картины станет NAME"
        m2 = re.search(
            r"(?P<noun>" + "|".join(p for p, _ in ROLE_NOUNS_RU) + r")(?:\s+(?:картины|фильма|ленты|проекта))?(?:\s+(?:выступ(?:ил|ит|ят|или|ила)|стал[аи]?|станет|станут|будет|будут)|\s*[—–])\s+$",
            before,
            re.I,
        )
        if m2:
            prop = next(p for pat, p in ROLE_NOUNS_RU if re.fullmatch(pat, m2.group("noun").lower()))
            found.append(RoleMention(offset + m2.start(), end, prop, (begin, end)))
            continue
        m3 = _STARRING_RU.search(before)
        if m3:
            found.append(RoleMention(offset + m3.start(), end, "actor", (begin, end), lead="главн" in m3.group().lower()))
            continue
        # "Главные роли исполнили A и B", "режиссёры A и B": the next name in a list has the role of the one before
        previous = found[-1] if found and found[-1].target else None
        if previous and re.fullmatch(r"\s*(?:,|и|,\s*а\s+также)\s*", text[previous.target[1] : begin]):
            found.append(RoleMention(previous.begin, end, previous.property, (begin, end), lead=previous.lead, side=previous.side))
    for b, e in organisations:  # "её прокатчик — компания «Восточный экран»"
        if m := _DISTRIBUTOR_BEFORE_RU.search(text[max(0, b - 50) : b]):
            found.append(RoleMention(b - len(m.group()), e, "distributor", (b, e)))
    # "Узбекистан и Россия снимут совместный фильм": the countries that make it
    from kg.curate.extract.lexicon import PLACE_NAMES, RU_NATIONS

    nations = set(RU_NATIONS.values())
    countries = "|".join(sorted((w for w, en in PLACE_NAMES.items() if en in nations and re.match(r"[А-ЯЁ]", w)), key=len, reverse=True))
    for m in re.finditer(rf"(?P<list>(?:{countries})(?:,\s+(?:{countries}))*\s+и\s+(?:{countries})){_MAKE_RU}", text):
        for name in re.findall(countries, m.group("list")):
            found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=PLACE_NAMES[name]))
    for m in _COUNTRIES_RU.finditer(text):
        for stem in (m.group("a"), m.group("b")):
            country = _nation(stem)
            if country:
                found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=country))
    return found


#: verbs of saying by their stems, in either gender and with -ся ("поделился", "призналась")
_SPEECH_RU = (
    r"(?:(?:сказал|отметил|заявил|рассказал|добавил|подчеркнул|признал|пояснил|поделил|сообщил|уточнил|напомнил|заметил|"
    r"признавал|вспоминал|вспомнил|резюмировал|объяснил)(?:а|и)?(?:ся|сь)?|говорит|считает|отмечает|признаётся|признается|уверен[а]?)(?![а-яё])"
)


def find_quotations_ru(text: str, people: list[tuple[int, int]]) -> list[QuotationMention]:
    """«…», — сказал NAME. / NAME сказал: «…». The speaker must be one of ``people`` (name spans)."""
    found = []
    for m in re.finditer(r"«(?P<q>[^«»\n]+)»", text):
        inner_b, inner_e = m.start("q"), m.end("q")
        after = re.match(rf"[,.]?\s*[—–-]\s*{_SPEECH_RU}\s+", text[m.end() :], re.I)
        before = re.search(rf"{_SPEECH_RU}\s*:\s*$", text[max(0, m.start() - 60) : m.start()], re.I)
        speaker = None
        q = QuotationMention(inner_b, inner_e, m.group("q"), m.start(), m.end())
        if after:
            pos = m.end() + after.end()
            speaker = next(((b, e) for b, e in people if b == pos), None)
            if speaker:
                q.speaker, q.attribution = speaker, (m.end() + after.start() + (1 if text[m.end()] in ",." else 0), speaker[1])
                q.span_end = speaker[1] + (1 if text[speaker[1] : speaker[1] + 1] == "." else 0)
        elif before:
            offset = max(0, m.start() - 60)
            verb_start = offset + before.start()
            speaker = next(((b, e) for b, e in people if e <= verb_start and text[e:verb_start].strip() == ""), None)
            if speaker:
                q.speaker, q.attribution, q.span_begin = speaker, (speaker[0], offset + before.end()), speaker[0]
        if len(m.group("q").split()) < 4 and speaker is None:
            continue  # a short «…» without a speaker is a title
        found.append(q)
    return found


# -- known names in another case or another language's words -------------------------------------------

#: quoted words, each kind of quotation mark on its own (a title in "…" inside a quotation in «…»)
_QUOTED_RU = (re.compile(r"«(?P<t>[^«»\n]{2,80})»"), re.compile(r"\"(?P<t>[^\"\n]{2,80})\""), re.compile(r"„(?P<t>[^„“”\n]{2,80})[“”]"))


def _lemma_set(word: str) -> frozenset[str]:
    from kg.ingest.names import normalise

    return frozenset(normalise(f) for f in (word, *lemmas(word)))


def inflected_titles(text: str, registry) -> list[tuple[int, int, str, str]]:
    """Quoted names the graph knows, in another grammatical case: «…успех "Красного шёлка"» is
    Red Silk («Красный шёлк»). Each word of the quoted words must share a dictionary form with
    the word at its place in one known Russian name, and only one entity may match.
    Returns ``(begin, end, id, known name)``."""
    from kg.curate.extract.lexicon import has_cyrillic

    index: dict[int, list[tuple[tuple[frozenset[str], ...], str, str]]] = {}
    for known in registry.entities.values():
        for n in known.names:
            words = n.text.split()
            if has_cyrillic(n.text) and 1 <= len(words) <= 6:
                index.setdefault(len(words), []).append((tuple(_lemma_set(w.strip(",.")) for w in words), known.id, n.text))
    found = []
    for m in (m for pattern in _QUOTED_RU for m in pattern.finditer(text)):
        group = "t"
        words = m.group(group).split()
        if not words or not words[0][:1].isupper() or len(words) not in index:
            continue
        forms = [_lemma_set(w.strip(",.")) for w in words]
        ids = {(eid, name) for key, eid, name in index[len(words)] if all(a & b for a, b in zip(forms, key, strict=True))}
        if len({eid for eid, _ in ids}) == 1:
            eid, name = sorted(ids)[0]
            found.append((m.start(group), m.end(group), eid, name))
    return sorted(found)


#: words of Russian event and organisation names, in the dictionary form, with their English word
#: (None: a word English names of the kind leave out: "стран ШОС" is "SCO")
CALQUES_RU = {
    "неделя": "week",
    "фестиваль": "festival",
    "кинофестиваль": "film festival",
    "форум": "forum",
    "день": "days",
    "дни": "days",
    "кино": "film",
    "фильм": "film",
    "кинематограф": "film",
    "телевидение": "television",
    "тв": "television",
    "телевизионный": "television",
    "шос": "sco",
    "выдающийся": "outstanding",
    "международный": "international",
    "медиа": "media",
    "и": None,
    "страна": None,
    "государство": None,
    "государство-член": None,
}
_EVENT_HEAD_RU = re.compile(r"(?<![\wа-яё])(?:Недел|Кинофестивал|Фестивал|Форум|Дн)[а-яё]*(?:\s+[а-яё]+){0,5}\s+ШОС(?![\wа-яё])")
_ENGLISH_FILLER = {"and", "of", "the", "countries", "member", "states"}


def translated_names(text: str, registry) -> list[tuple[int, int, str, str]]:
    """Russian names of events whose words translate, one by one, into a known English name:
    "Неделе кино и телевидения ШОС" -> SCO Film and Television Week. Only when every word is in
    :data:`CALQUES_RU` and exactly one known event or festival has those English words; a draft
    marks it CHECK (a word-for-word translation is a guess, however close)."""
    from kg.ingest.names import normalise

    english: dict[frozenset[str], set[tuple[str, str]]] = {}
    for known in registry.entities.values():
        if known.type not in ("Event", "Festival", "FilmFestival", "Organization") and "Festival" not in known.type and "Event" not in known.type:
            continue
        for n in known.names:
            words = re.findall(r"[a-z]+", normalise(n.text))
            if words and all(w.isascii() for w in words):
                english.setdefault(frozenset(w for w in words if w not in _ENGLISH_FILLER), set()).add((known.id, n.text))
    found = []
    for m in _EVENT_HEAD_RU.finditer(text):
        words = []
        for w in m.group().split():
            forms = [normalise(f) for f in (w, *lemmas(w))]
            hit = next((f for f in forms if f in CALQUES_RU), "?")
            if hit == "?":
                break
            if CALQUES_RU[hit]:
                words += CALQUES_RU[hit].split()
        else:
            ids = english.get(frozenset(words), set())
            if len({eid for eid, _ in ids}) == 1:
                eid, name = sorted(ids)[0]
                found.append((m.start(), m.end(), eid, name))
    return found


# -- Chinese names written in Cyrillic (the Palladius system) ----------------------------------------------

#: the commonest Chinese family names, in characters; their Palladius spellings come from pypinyin
_HAN_FAMILY_NAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


@lru_cache(maxsize=1)
def _palladius_tables() -> tuple[dict[str, str], frozenset[str]]:
    """(Palladius syllable -> pinyin syllable, the Palladius spellings of common family names)."""
    from kg.errors import need

    pypinyin = need("pypinyin", "languages", "kg draft (Russian)")
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    syllables: dict[str, str] = {}
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            latin = convert(reading, pypinyin.Style.NORMAL, strict=True)
            cyrillic = re.sub(r"\d", "", convert(reading, pypinyin.Style.CYRILLIC, strict=True))
            if latin.isalpha() and cyrillic:
                syllables.setdefault(cyrillic, latin)
    families = frozenset(re.sub(r"\d", "", c) for c in pypinyin.lazy_pinyin(_HAN_FAMILY_NAMES, style=pypinyin.Style.CYRILLIC))
    return syllables, families


def _syllables(word: str, table: dict[str, str], most: int) -> list[str] | None:
    """``word`` cut into at most ``most`` Palladius syllables, as pinyin; None when it cannot be."""
    word = word.lower().replace("ё", "е").replace("-", "").replace("'", "").replace("’", "")
    best: dict[int, list[str]] = {0: []}
    for i in range(len(word)):
        if i not in best:
            continue
        for j in range(i + 1, min(len(word), i + 6) + 1):
            if word[i:j] in table and (j not in best or len(best[j]) > len(best[i]) + 1):
                best[j] = best[i] + [table[word[i:j]]]
    found = best.get(len(word))
    return found if found and len(found) <= most else None


def palladius_name(name: str) -> str | None:
    """The pinyin of a Chinese person's name written in Cyrillic: "Ян Ян" -> "Yang Yang", "Лю
    Хуэйминь" -> "Liu Huimin". Only a name of two words whose first is a common Chinese family
    name and whose second is one or two syllables (a Russian name seldom passes: "Анна Ли" has
    its family name last); None otherwise."""
    words = name.split()
    if len(words) != 2 or not all(w[:1].isupper() for w in words):
        return None
    table, families = _palladius_tables()
    family, given = words[0].lower().replace("ё", "е"), words[1]
    if family not in families:
        return None
    rest = _syllables(given, table, 2)
    if rest is None:
        return None
    return f"{table[family].capitalize()} {''.join(rest).capitalize()}"
