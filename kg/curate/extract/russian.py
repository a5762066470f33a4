"""Reading a Russian article for ``kg draft``: names, dates, quantities, roles and quotations.

Names come from natasha (its segmenter, news NER tagger and morphology, models shipped in the
wheel): it finds people, places and organisations and puts them in the nominative in context
("Светланой Чуйкиной" -> "Светлана Чуйкина", "Китаю" -> "Китай", and it leaves an unknown
surname such as "Бырькин" alone where a dictionary alone guesses "бырькина"). A name is then
linked to the graph by its Russian label, by the Russian and Chinese names of
:data:`~kg.curate.extract.lexicon.PLACE_NAMES`, or by its transliteration compared as Latin
names are (:mod:`kg.ingest.names`): "Вадим Бырькин" -> Vadim Byrkin, "Елена Подкаминская" ->
Yelena Podkaminskaya, "Милош Бикович" -> Miloš Biković. A family name alone ("сказал Волгин")
links to the one known person who has it. Names Russian writes with a capital on the first word
only are found by their grammar, not by lists of names: a capitalised adjective inside a sentence
agreeing with a head noun ("на Московском международном кинофестивале", "о Великом шёлковом
пути"), or a capitalised head noun with words in the genitive ("Дни китайского кино"), put in
the nominative with natasha's morphology. An event's or organisation's name whose words
translate one by one into exactly one known English name is linked, marked CHECK ("Фонда кино"
-> Cinema Fund): :data:`CALQUES_RU` is a dictionary of the words such names are made of.

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
("летом", "осенью") is a date only when its own clause's tense places it (and is marked when said
during that season; "зимой" never gives one year), and a decade ("в 1920-е годы") keeps its
words without a value. Dates counted from another date ("неделей позже", "спустя месяц", "в тот
же день", "осень того же года") take the resolved date before them, never the publication date;
"через неделю" alone counts from the publication date and is marked (it is often loose). A date
followed by words that say which one and that no rule reads ("в марте того самого года") is
marked: an unknown modifier next to a date is a reason to check, never to guess.

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
    season_span,
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
        if s.type == "ORG":
            normal = _organisation_normal(s.text, normal, [t for t in tokens if s.start <= t.start and t.stop <= s.stop])
        if s.type != "ORG" and _ORG_BEFORE_QUOTE_RU.search(text[max(0, s.start - 40) : s.start]) and text[s.stop : s.stop + 1] == "»":
            # "телеканала «Россия»", "кинотеатре «Октябрь»": the quoted name of an organisation or a venue, not the place
            spans.append(Span(s.start, s.stop, s.text, "ORG", s.text))
            continue
        if s.text.isupper() and len(s.text) > 2 and _DATELINE_RU.match(text, s.start):
            # "ДУШАНБЕ, 12 сентября.": a dateline names the city the report comes from, whatever the tagger thought
            spans.append(Span(s.start, s.stop, s.text, "LOC", "-".join(part.capitalize() for part in s.text.split("-"))))
            continue
        if s.type == "PER":
            # a foreign name the tagger left as written in an oblique case ("Милоша Биковича" -> "Милоша Бикович"):
            # each word it left, in the nominative by the dictionary, keeping its gender ("Милош Бикович")
            own = [t for t in tokens if s.start <= t.start and t.stop <= s.stop]
            words = normal.split()
            if own and all(t.feats.get("Case") not in (None, "Nom") for t in own) and len(own) == len(words):
                # a woman's family name in -ой names a woman: her first name is put in the nominative as a woman's
                # ("Динаре Омаровой" -> "Динара", where the tagger guessed "Динар")
                woman = len(own) > 1 and re.search(r"(?:ов|ев|ёв|ин|ын|ск|цк)ой$", own[-1].text) is not None
                normal = " ".join(
                    _name_nominative(t.text, t.feats["Case"], "Fem" if woman else None) if w == t.text or (woman and k == 0) else w
                    for k, (t, w) in enumerate(zip(own, words, strict=True))
                )
        if s.type == "PER":
            # a woman's family name in an oblique case, which the dictionary may leave when her first name does not
            # decline ("Айгерим Нурлановой" -> "Айгерим Нурланова"): -овой/-евой/-иной are never a nominative
            normal = re.sub(r"(?<=[а-яё]{2})(ов|ев|ёв|ин|ын)ой$", r"\1а", normal)
        spans.append(Span(s.start, s.stop, s.text, s.type, normal))
    for m in _DATELINE_RU.finditer(text):  # a dateline the tagger did not see
        place = re.match(r"[А-ЯЁ][А-ЯЁ -]*[А-ЯЁ]", m.group())
        if place and not any(sp.start < m.start() + place.end() and m.start() < sp.stop for sp in spans):
            normal = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in place.group().split())
            spans.append(Span(m.start(), m.start() + place.end(), place.group(), "LOC", normal))
    return tokens, sorted(spans, key=lambda sp: sp.start)


def _organisation_normal(text: str, normal: str, tokens: list[Token]) -> str:
    """An organisation's name in the nominative: its words up to its head noun put there (natasha
    does that), the words after the head kept as written, since they depend on it in their own
    case: "Министерства культуры" -> "Министерство культуры" (natasha: "Министерство культура")."""
    written, normals = text.split(), normal.split()
    if len(written) != len(normals) or len(tokens) != len(written):
        return normal
    head = next((i for i, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")), None)
    if head is None:
        return normal
    return " ".join(normals[: head + 1] + written[head + 1 :])


#: the word before a quoted name that makes it an organisation's (or a venue's) name
_ORG_BEFORE_QUOTE_RU = re.compile(
    r"(?<![\wа-яё])(?:теле)?канал\w*\s+«$|(?:кино)?(?:компани|студи|театр|холдинг|платформ|агентств|издани|газет|журнал|радиостанци|фирм|объединени|центр|клуб)\w*\s+«$",
    re.I,
)
#: a dateline at the start of a line: "ДУШАНБЕ, 12 сентября." (the place in capitals, then the day)
_DATELINE_RU = re.compile(r"(?:(?<=\n)|(?<=^))[А-ЯЁ][А-ЯЁ -]+,\s+\d{1,2}\s+[а-яё]+")


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
#: a month in any case; May's forms are spelled out ("майские" is no month: "майские праздники" is read as a holiday)
_MONTH = "(?P<mon>" + "|".join("ма(?:й|я|е|ю|ем)" if n == 5 else f"{stem}[а-я]*" for stem, n in _MONTHS_RU) + ")"
_WEEKDAYS_RU = ["понедельник", "вторник", "сред[ау]", "четверг", "пятниц[ау]", "суббот[ау]", "воскресенье"]
_WEEKDAY = "(?P<wd>" + "|".join(_WEEKDAYS_RU) + ")"
_REL_YEAR = r"(?P<ry>этого|текущего|нынешнего|уходящего|прошлого|позапрошлого|минувшего|будущего|следующего|наступающего|грядущего|того\s+же)\s+года"
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
    "позапрошлого": -2,
    "позапрошлом": -2,
    "позапрошлый": -2,
    "уходящего": 0,
    "уходящем": 0,
    "наступающего": 1,
    "наступающем": 1,
    "наступающий": 1,
    "грядущего": 1,
    "грядущем": 1,
    "грядущий": 1,
}
#: a season in any case ("весной", "на весну", "к осени", "до зимы"); "лет" alone is "years", not summer
_SEASON_RU = r"весн(?:а|у|ой|ою|е|ы)|лет(?:о|ом|а|у|е)|осен(?:ь|ью|и)|зим(?:а|у|ой|ою|е|ы)"
#: a year, with the case ending news often writes after it ("летом 2026-го", "в 2027-м году")
_YEAR = r"(?P<y>(?:19|20)\d\d)(?:-(?:го|м|й|ом)(?![а-яё]))?"
#: a day, with its ending ("5-го декабря")
_DAY = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:-(?:го|е)(?=\s))?"
_PATTERNS_RU = [
    ("full", rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}(?:\s+(?:года|г\.))?"),
    ("day_month", rf"\b{_DAY}\s+{_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])"),
    ("month_year", rf"\b(?:(?:в|во)\s+)?(?:{_EDGE}\s+)?{_MONTH}\s+{_YEAR}(?:\s+(?:года|г\.))?"),
    # "в первых числах декабря", "в последних числах ноября": the month
    (
        "month",
        rf"\b(?:в|во)\s+(?:(?:перв\w+|последн\w+|\d+-х)\s+числах|(?:перв|втор|трет|последн)\w+\s+декад\w+)\s+{_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])",
    ),
    # в начале 2027 года, к концу 2026 года: a part of a year is the year
    # the part's preposition is kept when it is "в" (в начале 2027 года), left out otherwise (на первый квартал, к концу)
    (
        "edge_year",
        rf"(?i:\b(?:(?:в|во)\s+)?(?:начал[оаеу]|середин[аеуы]|кон[её]ц|конц[аеу]|(?:перв|втор)(?:ой|ую|ая)\s+половин[аеуы]|(?:перв|втор|трет|четв[её]рт)(?:ый|ом|ого|ий|ьем|ьего)\s+квартал[аеу]?|(?:перв|втор)(?:ое|ом|ого)\s+полугоди[еяию])\s+{_YEAR}\s+(?:года|г\.))",
    ),
    ("month", rf"\b(?:в|во)\s+(?:{_EDGE}\s+)?{_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])"),
    # "на октябрь", "к ноябрю", "до декабря", "с марта": the month without its preposition
    (
        "month",
        rf"(?:(?<=\bна\s)|(?<=\bк\s)|(?<=\bко\s)|(?<=\bдо\s)|(?<=\bс\s)|(?<=\bпо\s)|(?<=\bпозднее\s)|(?<=\bпозже\s)|(?<=\bраньше\s)|(?<=\bранее\s)|(?<=\bначиная\sс\s)){_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])(?!\s+\d)",
    ),
    # "к концу лета", "в начале осени", "на весну", "к осени": a season the tense places (marked CHECK without a cue of
    # its own); a season with no such word ("снимали зимой") is not proposed: nothing says which
    (
        "bare_season",
        r"(?i:(?:(?:(?<=\bк\s)|(?<=\bдо\s)|(?<=\bна\s)|(?<=\bс\s)|\bв\s+)(?P<edge>начал[аеу]|середин[еуы]|конц[аеу])\s+"
        r"|(?<=\bк\s)|(?<=\bдо\s)|(?<=\bна\s))"
        r"(?P<season>лета|весны|осени|зимы|лету|весне|осени|зиме|лето|весну|осень|зиму))(?![\wа-яё])(?!\s+(?:(?:19|20)\d\d|этого|прошлого|следующего|будущего|текущего))",
    ),
    # "выйдет осенью", "сняли летом": a season alone, proposed only when its own clause's tense says which
    ("season_alone", r"(?i:(?<![\wа-яё-])(?P<season>весной|летом|осенью))(?![\wа-яё])"),
    # 30.11.2027: a full date in figures
    ("numeric", r"(?<![\d.,])(?P<d>[12]\d|3[01]|0?[1-9])\.(?P<m>1[0-2]|0[1-9])\.(?P<y>(?:19|20)\d\d)(?![\d.,]\d)(?:\s+г\.)?"),
    # "до середины января", "к концу ноября", "с начала декабря": a part of a month, the month
    (
        "month",
        rf"(?:(?<=\bк\s)|(?<=\bдо\s)|(?<=\bс\s)|(?<=\bна\s)|(?<=\bпо\s))(?P<edge2>начал[оау]|середин[аыу]|кон[её]ц|конц[ау])\s+{_MONTH}(?:\s+{_REL_YEAR})?(?![\wа-я])(?!\s+\d)",
    ),
    (
        "weekday",
        rf"\b(?:в|во)\s+(?:(?P<rel>прошлую|прошлый|прошлое|минувшую|минувший|минувшее|прошедшую|прошедший|прошедшее|следующую|следующий|следующее|эту|этот|это|ближайшую|ближайший)\s+)?{_WEEKDAY}\b",
    ),
    # "в четверг и пятницу": the second weekday without its preposition (the candidate starts at it)
    (
        "weekday_and",
        r"(?i:\b(?:понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье)\s+(?:и|или)\s+(?P<wd>понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье))\b",
    ),
    # "на майские праздники", "в ноябрьские праздники": the holidays of a month, the month by the tense
    (
        "month_holiday",
        r"(?i:(?:\bв\s+|\bво\s+|(?<=\bна\s))(?P<madj>январск|февральск|мартовск|майск|ноябрьск)\w*\s+(?:праздник\w*|каникул\w*|выходн\w+))(?![\wа-яё])",
    ),
    # "в новогодние праздники", "под Новый год", "в канун Нового года": the New Year, by the tense
    (
        "new_year",
        r"(?i:\b(?:(?P<hol>в|на)\s+новогодн\w+\s+(?:праздник\w*|каникул\w*|выходн\w+)|(?P<eve>в\s+канун|накануне)\s+Нового\s+года|(?P<near>под|к)\s+Нов\w+\s+год\w*))(?![\wа-яё])",
    ),
    # "продлится до воскресенья", "с понедельника": the weekday without its preposition
    (
        "weekday_gen",
        r"(?i:(?<=\bдо\s)|(?<=\bс\s)|(?<=\bсо\s)|(?<=\bк\s)|(?<=\bко\s))(?P<wd>понедельник[ау]|вторник[ау]|сред[ые]|четверг[ау]|пятниц[ые]|суббот[ые]|воскресень[яю])\b",
    ),
    ("day_word", r"(?i:\b(?P<word>позавчера|вчера|сегодня|завтра|послезавтра))\b"),
    (
        "period",
        r"(?i:\b(?:(?:в|во|на|к|до|с|со|по)\s+)?(?:(?P<edge>начал[оаеу]|середин[аеуы]|кон[её]ц|конц[аеу]|(?:перв|втор)(?:ой|ую|ая)\s+половин[аеуы]|(?:перв|втор|трет|четв[её]рт)(?:ый|ом|ого|ий|ьем|ьего)\s+квартал[аеу]?)\s+)?(?P<rel>этого|текущего|нынешнего|уходящего|прошлого|позапрошлого|минувшего|следующего|будущего|наступающего|грядущего|"
        r"этом|текущем|нынешнем|уходящем|прошлом|позапрошлом|минувшем|следующем|будущем|наступающем|грядущем|этой|прошлой|минувшей|следующей|будущей|"
        r"следующий|наступающий|грядущий|прошлый|позапрошлый|этот)\s+"
        r"(?P<unit>года|году|год|месяца|месяце|месяц|недели|неделе))\b",
    ),
    (
        "edge_period",
        r"(?i:\b(?:в|во|до|к|на|с|со|по)\s+(?P<edge>начал[оаеу]|середин[аеуы]|кон[её]ц|конц[аеу]|(?:перв|втор)(?:ой|ую|ая)\s+половин[аеуы]|(?:перв|втор|трет|четв[её]рт)(?:ый|ом|ого|ий|ьем|ьего)\s+квартал[аеу]?)\s+(?P<unit>года|месяца|недели))\b(?!\s+(?:того|этого|прошлого|следующего|будущего))",
    ),
    # "в минувшие выходные", "на этих выходных", "в ближайшие выходные": a weekend, by its word or the tense
    (
        "weekend",
        r"(?i:\b(?:в|во|на|за)\s+(?:(?P<rel>минувш(?:ие|их)|прошл(?:ые|ых)|прошедш(?:ие|их)|эти|этих|ближайш(?:ие|их)|предстоящ(?:ие|их)|следующ(?:ие|их)|будущ(?:ие|их)|грядущ(?:ие|их))\s+)?(?P<wk>выходные|выходных)(?:\s+дни)?"
        r"|\b(?P<rel3>минувш(?:его|их)|прошл(?:ого|ых)|прошедш(?:его|их))\s+(?P<wk3>уикенда|уик-энда|выходных)"
        r"|\b(?:в|во|на|за)\s+(?:(?P<rel2>минувший|прошлый|прошедший|этот|ближайший|предстоящий|следующий|будущий)\s+)?(?P<wk2>уикенд|уик-энд))(?![\wа-яё])",
    ),
    (
        "ago",
        r"(?i:\b(?P<n>\d+|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+(?P<unit>дн[ея]й|день|дня|недел[иья]|месяц[аев]*|год[а]?|лет)\s+назад)\b",
    ),
    # "неделю назад", "месяц назад", "год назад" (one), "полгода назад" (about six months: marked)
    ("ago", r"(?i:(?<![\wа-яё])(?P<n>)(?P<unit>день|неделю|месяц|год|полгода)\s+назад)(?![\wа-яё])"),
    (
        "season",
        rf"(?i:\b(?P<rel>прошл|эт|следующ|будущ|нынешн|текущ|минувш)(?:ой|им|ым|ей|ем|ую|у|ого|ий|ее|ая|ое|ом)\s+(?P<season>{_SEASON_RU}))(?![\wа-я])",
    ),
    (
        "season_year",
        rf"(?i:\b(?P<season>{_SEASON_RU})\s+(?:{_REL_YEAR}|{_YEAR}(?:\s+(?:года|г\.))?))(?![\wа-я])",
    ),
    # в 1920-е годы, в конце 1990-х, в XIX веке: coarser than a year
    (
        "decade",
        r"(?i:\b(?:в\s+)?(?:(?:начале|середине|конце)\s+)?(?:(?:(?:19|20)?\d0)-(?:е|х|ые|ых|м|ми)(?:\s+(?:годы|годах|годов|годам|гг\.))?"
        r"|(?:[XVI]+|\d{2})\s+(?:век|века|веке|веком)))(?![\wа-я])",
    ),
    (
        "year",
        r"\b(?:в\s+)?(?P<y>(?:19|20)\d\d)(?:-(?:м|го|й|ом)(?![а-яё])|(?![\d,.]?\d)(?!-[а-я])(?!\s*(?:млн|млрд|тыс|миллион|человек|фильм|зрител)))"
        r"(?:\s+(?:году|года|годах|годы|год|гг?\.)(?![а-я]))?",
    ),
]
_SEASONS_RU = {"весн": "spring", "лет": "summer", "осен": "autumn", "зим": "winter"}
_SEASON_REL = {"прошл": "last", "минувш": "last", "эт": "this", "нынешн": "this", "текущ": "this", "следующ": "next", "будущ": "next"}
_COMPILED_RU = [(kind, re.compile(p, re.I)) for kind, p in _PATTERNS_RU]
_NUMBER_WORDS_RU = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10}
_CLAUSE_CUTS_RU = re.compile(r",\s|;\s|:\s|\s[—–-]\s|\s(?:а|но|и|когда|пока|после того как|до того как)\s", re.I)
#: a part between commas that is only a date said again ("В пятницу, 15 мая, фильм выйдет"): no clause of its own
_APPOSITION_RU = re.compile(
    rf"\s*(?:(?:в|во)\s+)?(?:{'|'.join(_WEEKDAYS_RU)}|\d{{1,2}}\s+{_MONTH}(?:\s+(?:19|20)\d\d(?:\s+года)?)?)\s*,\s",
    re.I,
)


class _Clauses:
    """Where Russian clauses end (commas, conjunctions, dashes), except around a date said again
    in apposition: "В пятницу, 15 мая, фильм выйдет" is one clause, whose verb dates both."""

    def finditer(self, text: str):
        cuts = list(_CLAUSE_CUTS_RU.finditer(text))
        previous = 0
        for i, cut in enumerate(cuts):
            following = cuts[i + 1] if i + 1 < len(cuts) else None
            if following is not None and _APPOSITION_RU.fullmatch(text, cut.end(), following.end()):
                continue  # ", 15 мая," : the date in apposition belongs to what surrounds it
            if _APPOSITION_RU.fullmatch(text, previous, cut.end()) and previous == 0:
                continue  # "В пятницу, 15 мая, ...": a first part that is only the date
            previous = cut.end()
            yield cut


_CLAUSE_RU = _Clauses()


#: verbs that set a time ahead, whatever their tense: "премьеру перенесли на июнь", "выход назначили на осень"
_SCHEDULE_RU = re.compile(r"(?<![\wа-яё])(?:перен[её]с|перенесл|назнач|запланир|наметил|намечен|отлож|сдвинул|сдвинут|перено)\w*", re.I)


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
            elif (
                t.pos in ("VERB", "ADJ")
                and t.feats.get("VerbForm") == "Part"
                and tense == "Past"
                and low.startswith(("вышедш", "показанн", "снят", "сняв", "прошедш", "представленн", "состоявш"))
            ):
                found.append((t.start, "past", t.text))  # "вышедший в прокат 18 ноября": a past participle of the event
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
            if kind == "weekday_and":
                begin = m.start("wd")
            if kind in ("period", "edge_period") and re.match(r"(?:в|во|на|к|до|с|со|по)\s", text[begin:end], re.I):
                # "на следующий год" is "следующий год", "на конец будущего года" "конец будущего года";
                # "в начале этого года" keeps its "в", as "в конце февраля" does
                begin = m.start("edge") if m.group("edge") else m.start("rel")
                if m.group("edge") and re.match(r"во?\s", text[m.start() : end], re.I):
                    begin = m.start()
            candidates.append((begin, end, order, kind, m))

    def mention(begin: int, end: int, kind: str, m: re.Match) -> DateMention | None:
        if _in_a_name_ru(text, m):
            return None
        if re.fullmatch(r"[А-ЯЁ][А-ЯЁ -]*[А-ЯЁ],\s+", text[text.rfind("\n", 0, begin) + 1 : begin]):
            tense = Tense("past", "a dateline's date (МОСКВА, 23 октября.): the day of the report")
        else:
            tense = tense_near(text, begin, end, sentence_span(text, begin, sentences), cues, _CLAUSE_RU, relational=_RELATIONAL_RU)
        if tense.tense == "past" and re.search(r"(?<![\wа-яё])на\s+$", text[max(0, begin - 4) : begin], re.I):
            sb, se = sentence_span(text, begin, sentences)
            if _SCHEDULE_RU.search(text[sb:se]):
                tense = Tense("future", f"'{_SCHEDULE_RU.search(text[sb:se]).group()}' … на: a time set for later")
            else:
                tense = Tense("either", "a past verb with 'на' (a time aimed at) leaves the year open")
        resolved = _resolve_ru(kind, m, p0, p1, tense)
        if resolved is None:
            return None
        value, how, check, alt = resolved
        return DateMention(
            begin, end, text[begin:end], value, kind not in ("full", "month_year", "year", "edge_year", "decade"), how, check, alt
        )

    found = range_ends(text, longest_first(candidates, mention), "ru")
    found = _days_around(text, found, p0, p1, sentences)
    found = _anchored_ru(text, found, p0, p1, sentences, cues)
    return _unread_words(text, _relative_after_a_year(text, found, p0, sentences))


#: "накануне" (the day before), "на днях" / "на прошлой неделе" ... : days counted from another day
_AROUND_RU = re.compile(
    r"(?<![\wа-яё])(?P<eve>[Нн]акануне)(?![\wа-яё])"
    r"|(?<![\wа-яё])(?P<few>[Нн]а\s+(?:этих\s+)?днях|[Вв]\s+(?:ближайшие|последние|минувшие)\s+(?:дни|недели))(?![\wа-яё])"
)


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
            following is not None
            and not gap.strip()
            and following.pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
            and following.feats.get("Case") == "Gen"
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


#: numbers in words, any case, by their stems ("тремя днями позже", "через две недели", "спустя пять лет")
_NUMWORD_RU = r"\d+|один|одн\w*|дв[аеу]\w*|двух|тр[иеё]\w*|четыр\w*|пят\w*|шест\w*|сем[иь]\w*|семь|восем\w*|восьм\w*|девят\w*|десят\w*|нескольк\w*|пар[ауы]"
_NUM_STEMS_RU = (
    ("один", 1),
    ("одн", 1),
    ("дв", 2),
    ("тр", 3),
    ("четыр", 4),
    ("пят", 5),
    ("шест", 6),
    ("сем", 7),
    ("восем", 8),
    ("восьм", 8),
    ("девят", 9),
    ("десят", 10),
)
_UNIT_WORD_RU = r"дн[её]м|днями|день|дня|дней|сутками|сутки|суток|недел\w*|месяц\w*|полгода|год(?:ом|ами|а)?|лет"
#: dates counted from the date before them: "неделей позже", "тремя днями ранее", "спустя месяц", "через
#: неделю", "месяц спустя", "на следующий день", "в тот же день", "в том же году", "той же осенью"
_ANCHORED_RU = re.compile(
    r"(?i:(?<![\wа-яё])(?:"
    rf"(?:(?P<n1>{_NUMWORD_RU})\s+)?(?P<u1>дн[её]м|днями|сутками|недел(?:ей|ею|ями)|месяц(?:ем|ами)|год(?:ом|ами))\s+(?P<d1>позже|позднее|раньше|ранее)"
    rf"|(?P<d2>спустя|через)\s+(?:(?P<n2>{_NUMWORD_RU})\s+)?(?P<u2>{_UNIT_WORD_RU})(?!\s+(?:после|до|с\s+момента)\b)"
    rf"|(?:(?P<n3>{_NUMWORD_RU})\s+)?(?P<u3>{_UNIT_WORD_RU})\s+(?P<d3>спустя)"
    r"|(?:на|в)\s+(?P<next>следующий|другой|последующий)\s+день(?!\s+после)"
    r"|(?P<same>(?:в|во)\s+(?:тот|этот)(?:\s+же)?\s+(?:день|вечер)|(?:в|во)\s+(?:том|этом)\s+же\s+(?:месяце|году)|в\s+том\s+году|(?:тем|том)\s+же\s+(?:летом|году)|той\s+же\s+(?:осенью|весной|зимой))"
    r"))(?![\wа-яё])"
)
_SAME_YEAR_RU = re.compile(r"того\s+же\s+года", re.I)


def _number_ru(word: str | None) -> int | None:
    """1 for no number ("неделей позже"), the number of a digit or a number word, None for "несколько"."""
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    low = word.lower()
    if low.startswith(("нескольк", "пар")):
        return None
    return next((n for stem, n in _NUM_STEMS_RU if low.startswith(stem)), None)


def _anchor_before(text: str, found: list[DateMention], begin: int, sentences) -> tuple[DateMention | None, bool]:
    """The resolved date before ``begin`` in its sentence, else in the sentence before; and whether it is in the same sentence."""
    sb, _ = sentence_span(text, begin, sentences)
    pb, _ = sentence_span(text, max(0, sb - 2), sentences) if sb > 0 else (sb, sb)
    same = [d for d in found if sb <= d.begin and d.end <= begin and d.value is not None]
    if same:
        return same[-1], True
    earlier = [d for d in found if pb <= d.begin and d.end <= sb and d.value is not None]
    return (earlier[-1] if earlier else None), False


def _shifted(v: PartialDate, unit: str, n: int) -> PartialDate | None:
    """``v`` moved by ``n`` days, weeks, months or years, no finer than ``v`` is."""
    if unit in ("day", "week") and v.day:
        day = dt.date(v.year, v.month, v.day) + dt.timedelta(days=n * (7 if unit == "week" else 1))
        return PartialDate(day.year, day.month, day.day)
    if unit == "month" and v.month:
        first = dt.date(v.year, v.month, 1)
        months = first.year * 12 + first.month - 1 + n
        return PartialDate(months // 12, months % 12 + 1)
    if unit == "year":
        return PartialDate(v.year + n)
    return None


def _anchored_ru(
    text: str, found: list[DateMention], p0: dt.date, p1: dt.date, sentences: list[tuple[int, int]] | None, cues
) -> list[DateMention]:
    """``found`` and the dates counted from the resolved date before them, never from the publication
    date ("В России он выйдет 2 декабря, а в Казахстане — неделей позже": 9 December); "через
    неделю" alone is counted from the publication date, marked CHECK (it may count from an earlier
    date, and it is often loose). "того же года" takes the year of the date before it ("в марте
    2028 года ..., выход намечен на осень того же года": 2028). Each carries its anchor's CHECK;
    with no date before it, the words are kept with no value, marked CHECK."""
    out = []
    for d in found:
        if not _SAME_YEAR_RU.search(d.wording):
            out.append(d)
            continue
        anchor, _ = _anchor_before(text, found, d.begin, sentences)
        if anchor is None or d.value is None:
            check = f"CHECK: '{d.wording}' names the year of a date before it, and there is none"
            out.append(DateMention(d.begin, d.end, d.wording, None, True, "того же года with no year before it", check, None))
            continue
        v = d.value
        value = PartialDate(anchor.value.year, v.month, v.day) if v.month else PartialDate(anchor.value.year)
        how = f"'{d.wording}': the year of '{anchor.wording}' ({anchor.value}), the date before it"
        out.append(DateMention(d.begin, d.end, d.wording, value, True, how, anchor.check, None))
    found = out
    extra = []
    for m in _ANCHORED_RU.finditer(text):
        if any(d.begin < m.end() and m.start() < d.end for d in found):
            continue
        anchor, in_sentence = _anchor_before(text, found, m.start(), sentences)
        g = m.groupdict()
        wording = m.group()
        if g["same"]:
            if anchor is None:
                continue
            v, word = anchor.value, g["same"].lower().split()[-1]
            if word in ("день", "вечер"):
                value = v if v.day else None
            elif word == "месяце":
                value = PartialDate(v.year, v.month) if v.month else None
            elif word == "году":
                value = PartialDate(v.year)
            else:
                season = next(e for stem, e in _SEASONS_RU.items() if word.startswith(stem))
                value = None if season == "winter" else PartialDate(v.year)
            how = f"'{wording}': the time of '{anchor.wording}' ({anchor.value}), the date before it"
            check = anchor.check if value is not None else f"CHECK: '{wording}' is finer than '{anchor.wording}' ({anchor.value}): no value"
            extra.append(DateMention(m.start(), m.end(), wording, value, True, how, check, None))
            continue
        if g["next"]:
            n, unit, sign = 1, "day", 1
        else:
            n = _number_ru(g["n1"] or g["n2"] or g["n3"])
            word = (g["u1"] or g["u2"] or g["u3"]).lower()
            if word == "полгода":
                n, word = (6 if n is not None else None), "месяц"  # half a year: six months, and loose
            unit = (
                "day"
                if word.startswith(("д", "с"))
                else "week"
                if word.startswith("нед")
                else "month"
                if word.startswith("мес")
                else "year"
            )
            sign = -1 if (g["d1"] or "").lower() in ("раньше", "ранее") else 1
        loose = (g["d2"] or "").lower() == "через"
        if loose and anchor is not None and (not in_sentence or n is None or _shifted(anchor.value, unit, n) is None):
            anchor = None  # "вышел в прошлом месяце, а через неделю ...": no day to count from but the publication date
        if anchor is None or (loose and not in_sentence):
            if not loose:
                continue  # "спустя месяц", "неделей позже" with no date before it: counted from nothing said
            if n is None:
                check = f"CHECK: '{wording}' names no single day"
                extra.append(
                    DateMention(m.start(), m.end(), wording, None, True, "a few days or weeks from now: no single date", check, None)
                )
                continue
            first, last = (_shifted(PartialDate(x.year, x.month, x.day), unit, n) for x in (p0, p1))
            value = finest(*(_range_of(first)[0], _range_of(last)[1])) if first and last else None
            check = f"CHECK: '{wording}' counted from the publication date ({value}); it may count from another date, or be loose"
            extra.append(DateMention(m.start(), m.end(), wording, value, True, f"'{wording}' from the publication date", check, None))
            continue
        value = _shifted(anchor.value, unit, sign * n) if n is not None else None
        check = anchor.check
        if n is None:
            check = f"CHECK: '{wording}' gives no number: some time after '{anchor.wording}'"
        elif loose:
            check = (
                f"CHECK: '{wording}' counted from '{anchor.wording}' ({anchor.value}) -> {value}; it may count from the publication date"
            )
        how = f"'{wording}' counted from '{anchor.wording}' ({anchor.value}), the date before it"
        extra.append(DateMention(m.start(), m.end(), wording, value, True, how, check, None))
    return sorted(found + extra, key=lambda x: x.begin)


def _range_of(v: PartialDate) -> tuple[dt.date, dt.date]:
    if v.day:
        d = dt.date(v.year, v.month, v.day)
        return d, d
    if v.month:
        first = dt.date(v.year, v.month, 1)
        return first, _month_end(first)
    return dt.date(v.year, 1, 1), dt.date(v.year, 12, 31)


#: words that count from "now" and that a narrative also uses from the date it is telling of ("в следующем году",
#: "через год"); "этом", "прошлом" always mean now's
_FROM_NOW_RU = re.compile(r"(?:следующ|через)", re.I)


def _relative_after_a_year(text: str, found: list[DateMention], p0: dt.date, sentences) -> list[DateMention]:
    """ "В 2019 году фильм вышел, а в следующем году — сиквел": after a date of another year in its
    sentence, a year counted from now may be counted from that date instead (2020, not the year
    after the publication). Such a date is marked CHECK with the other reading."""
    out = []
    for d in found:
        sb, _ = sentence_span(text, d.begin, sentences)
        earlier = [
            o for o in found if sb <= o.begin and o.end <= d.begin and o.value is not None and not o.relative and o.value.year != p0.year
        ]
        counts_from_now = d.relative and _FROM_NOW_RU.search(d.wording) and re.search(r"(?<![\wа-яё])год(?:у|а)?(?![\wа-яё])", d.wording)
        if d.value is not None and not d.check and earlier and counts_from_now:
            shift = d.value.year - p0.year
            other = PartialDate(earlier[-1].value.year + shift)
            if other != d.value:
                check = f"CHECK: '{d.wording}' after '{earlier[-1].wording}' may count from that year ({other}), not from now ({d.value})"
                d = DateMention(d.begin, d.end, d.wording, d.value, d.relative, d.how, check, other)
        out.append(d)
    return out


#: words right after a date that qualify it and that the finder did not read ("в марте того самого года")
_UNREAD_AFTER_RU = re.compile(r"^\s+(?:[а-яё]+\s+){1,2}(?:года|году|месяца|недели)(?![\wа-яё])", re.I)


def _unread_words(text: str, found: list[DateMention]) -> list[DateMention]:
    """A date followed by words that say which year or month it belongs to, which no rule read
    ("на осень того самого года"), may be another than the one resolved: marked CHECK."""
    out = []
    for d in found:
        m = _UNREAD_AFTER_RU.match(text[d.end : d.end + 40])
        if m and d.value is not None and not d.check and not any(d.end < o.end and o.begin < d.end + m.end() for o in found):
            d = DateMention(
                d.begin, d.end, d.wording, d.value, d.relative, d.how,
                f"CHECK: '{d.wording}' is followed by '{m.group().strip()}', which says which one and was not read: {d.value} may be wrong",
                d.alternative,
            )  # fmt: skip
        out.append(d)
    return out


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
    if word and re.fullmatch(r"того\s+же", word, re.I):
        return 0  # "того же года": the year of the date before it, set by _anchored_ru; this year meanwhile
    return _REL.get(word.lower()) if word else None


def _resolve_ru(kind: str, m: re.Match, p0: dt.date, p1: dt.date, tense: Tense):
    g = m.groupdict()
    wording = m.group(0)
    if kind == "decade":
        return None, "a decade or a century: coarser than a year, so only the words are kept", None, None
    if kind == "numeric":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (PartialDate(d.year, d.month, d.day), "a full date in figures", None, None) if d else None
    if kind in ("bare_season", "season_alone"):
        season = next(v for stem, v in _SEASONS_RU.items() if g["season"].lower().startswith(stem))
        if kind == "season_alone" and (season == "winter" or tense.tense == "either" or not tense.direct or tense.conflict):
            return None  # "снимали зимой", a season no word of its clause places: not proposed
        value, _, how, check, alt = resolve_season(season, p0, p1, tense, "this", None)
        if check is None and value is not None:
            check = uncertain(tense, wording, value)
        inside = season_span(season, p0.year)
        if check is None and value is not None and inside[0] <= p0 <= inside[1] and tense.tense in ("past", "future"):
            # "выйдет осенью" said in November: this autumn's last days, or next autumn
            other = PartialDate(p0.year + (1 if tense.tense == "future" else -1))
            check = f"CHECK: '{wording}' said during that season may be this one ({value}) or the {'next' if tense.tense == 'future' else 'last'} ({other})"
            alt = other
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
            span = _over(p0, p1, lambda a: (d, d) if (d := _safe_date(a.year + shift, month, day)) else None)
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
    if kind == "weekday_and":
        wd = next(i for i, w in enumerate(_WEEKDAYS_RU) if re.fullmatch(w, g["wd"].lower()))

        def options_at(anchor: dt.date):
            return [anchor + dt.timedelta(days=k) for k in range(-7, 8) if (anchor + dt.timedelta(days=k)).weekday() == wd], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, wording)
        return value, _how(WEEKDAYS[wd].capitalize(), tense), check, alt
    if kind == "month_holiday":
        month = {"январск": 1, "февральск": 2, "мартовск": 3, "майск": 5, "ноябрьск": 11}[g["madj"].lower()]

        def options_at(anchor: dt.date):
            return [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)], dt.date(anchor.year, anchor.month, 1)

        value, check, alt = tensed(options_at, p0, p1, tense, wording, lambda d: (d, _month_end(d)))
        return value, _how(f"{g['madj']} holidays", tense), check, alt
    if kind == "new_year":
        # the New Year's holidays (1-8 January), its eve (31 December), or the weeks before it ("под Новый год": December)
        if g["hol"]:
            first_of = lambda y: (dt.date(y, 1, 1), dt.date(y, 1, 8))  # noqa: E731
        elif g["eve"]:
            first_of = lambda y: (dt.date(y - 1, 12, 31), dt.date(y - 1, 12, 31))  # noqa: E731
        else:
            first_of = lambda y: (dt.date(y - 1, 12, 1), dt.date(y - 1, 12, 31))  # noqa: E731

        def options_at(anchor: dt.date):
            return [first_of(y)[0] for y in (anchor.year, anchor.year + 1, anchor.year + 2)], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, wording, lambda d: first_of(d.year + (0 if g["hol"] else 1)))
        if g["near"] and check is None:
            check = f"CHECK: '{wording}' is the weeks around the New Year, taken for December ({value}); it may reach into January"
        return value, f"{wording}: the New Year nearest the publication date by the tense ({tense.why})", check, alt
    if kind == "weekend":
        rel = (g.get("rel") or g.get("rel2") or g.get("rel3") or "").lower()
        shift = -1 if rel.startswith(("минувш", "прошл", "прошедш")) else 0
        if shift == 0 and rel.startswith(("ближайш", "предстоящ", "грядущ")):
            tense = Tense("future", f"'{g['rel']}' (the coming one)")
        elif shift == 0 and rel.startswith(("следующ", "будущ")):
            tense = Tense("future", f"'{g['rel']}' (the coming one, or the one after it)", direct=False)
        span = _over(p0, p1, lambda a: _period(a, "weekend", shift, tense.tense if shift == 0 else None))
        value = finest(*span) if span else None
        if shift == 0 and value is not None and p0.weekday() >= 5:
            check = f"CHECK: published on a weekend day: '{wording}' may be this weekend or another; took {value}"
        else:
            check = uncertain(tense, wording, value) if shift == 0 else None
        return value, f"{wording}: a weekend, counted from the publication date ({tense.why})", check, None
    if kind == "weekday_gen":
        wd = next(
            i
            for i, stem in enumerate(("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресен"))
            if g["wd"].lower().startswith(stem)
        )

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
            value = finest(*span)
            if g["rel"].lower().startswith("следующ") and value is not None and value.day and p0.weekday() < wd:
                later = dt.date(value.year, value.month, value.day) + dt.timedelta(days=7)
                alt = PartialDate(later.year, later.month, later.day)
                check = f"CHECK: '{wording}' said on a {WEEKDAYS[p0.weekday()]} may be this week's ({value}) or next week's ({alt}); took {value}"
                return value, f"the {WEEKDAYS[wd].capitalize()} {side} the publication date", check, alt
            return value, f"the {WEEKDAYS[wd].capitalize()} {side} the publication date", None, None

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
        if g["unit"].lower() == "полгода":
            value = finest(*ago_span(p0, p1, 6, "month"))
            return value, f"{wording}, from the publication date", f"CHECK: '{wording}' is about six months: {value} is a guess", None
        n = 1 if not g["n"] else int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS_RU[g["n"].lower()]
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
    "не менее чем": "min",
    "не менее": "min",
    "не меньше": "min",
    "как минимум": "min",
    "минимум": "min",
    "немногим более": "min",
    "чуть более": "min",
    "чуть больше": "min",
    "почти": "max",
    "без малого": "max",
    "менее чем": "max",
    "менее": "max",
    "меньше": "max",
    "не более чем": "max",
    "не более": "max",
    "не больше": "max",
    "максимум": "max",
    "чуть менее": "max",
    "чуть меньше": "max",
    "немногим менее": "max",
    "до": "max",
    "около": "approx",
    "порядка": "approx",
    "примерно": "approx",
    "приблизительно": "approx",
    "ориентировочно": "approx",
    "в районе": "approx",
    "в пределах": "max",
}
_QUAL_RU = "|".join(sorted((re.escape(q) for q in _QUALIFIERS_RU), key=len, reverse=True))
_SCALES_RU = {"тыс": 1e3, "тысяч": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9, "трлн": 1e12, "триллион": 1e12}
#: currencies by the start of their word, longest first where one starts another (сомони before сом);
#: the SCO's own (сум, сом, сомони, тенге, юань, рупия, риал) and the usual others
_CURRENCIES_RU = {
    "руб": "RUB",
    "₽": "RUB",
    "юан": "CNY",
    "жэньминьби": "CNY",
    "долл": "USD",
    "$": "USD",
    "тенге": "KZT",
    "₸": "KZT",
    "евро": "EUR",
    "€": "EUR",
    "сомони": "TJS",
    "сом": "KGS",
    "сум": "UZS",
    "рупи": "INR",
    "₹": "INR",
    "риал": "IRR",
    "¥": "CNY",
}
#: an adjective of nationality that picks the currency where a word is shared (белорусских рублей, пакистанских рупий)
_CURRENCY_NATIONS_RU = {("белорусск", "RUB"): "BYN", ("пакистанск", "INR"): "PKR", ("иранск", "IRR"): "IRR"}
_CURRENCY_WORD_RU = (
    r"(?:(?P<curadj>[а-яё]+(?:их|ых))\s+)?"
    r"(?P<cur>рубл(?:ей|я|ь|ям|ями|ях)|руб\.?|юан(?:ей|я|ь|ям|ями|ях)|юаней\s+жэньминьби|долларов(?:\s+США)?|доллара(?:\s+США)?|доллар(?:\s+США)?|долл\.(?:\s+США)?"
    r"|тенге|евро|сомони|сом(?:ов|а|ы)?|сум(?:ов|а|ы)?|рупи(?:й|и|я|ю|ями)|риал(?:ов|а|ы)?|[₽₸€₹¥])"
)
_QUANTITY_RU = re.compile(
    rf"(?:(?P<qual>{_QUAL_RU})\s+)?"
    r"(?P<sign>[₽$€¥₸₹])?(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?:\s*(?P<scale>тыс\.?|тысяч[аи]?|млн|миллион(?:а|ов)?|млрд|миллиард(?:а|ов)?|трлн|триллион(?:а|ов)?)(?![а-я]))?"
    rf"(?:\s*{_CURRENCY_WORD_RU}(?![а-яё]))?",
    re.I,
)
#: a verb of estimating right before the amount: "оценивается в 280 млн рублей", "бюджет оценили в ..."; and "по оценкам"
_ESTIMATE_RU = re.compile(
    r"(?:(?:оцениваетс|оцениваютс|оценивают|оценивает|оценил|оценен|оценён|оцениваем|оценочн)[а-яё]*\s+(?:[а-яё]+\s+){0,2}?в\s+"
    r"|по\s+(?:[а-яё]+\s+)?(?:оценк[аеи]м?|подсч[её]там|прогноз(?:ам|у))(?:\s+[а-яё]+){0,2},?\s+(?:[а-яё]+\s+){0,4})$",
    re.I,
)
_UNIT_RU = re.compile(r"\s+([а-яё]+(?:\s+[а-яё]+)?)", re.I)
_TIME_RU = re.compile(r"^(?:год|лет|месяц|недел|дн|день|час|минут|секунд|раз|процент|%|век)", re.I)


#: numbers in words before a scale: "полтора миллиона зрителей", "два миллиарда рублей", "более миллиона", "полмиллиона"
_WORD_NUMBERS_RU = {
    "полтора": 1.5,
    "полторы": 1.5,
    "один": 1,
    "одна": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
}
_WORD_QUANTITY_RU = re.compile(
    rf"(?<![\wа-яё])(?:(?P<qual>{_QUAL_RU})\s+)?(?:(?P<num>{'|'.join(_WORD_NUMBERS_RU)})\s+)?"
    r"(?P<scale>(?:пол)?(?:тысяч[аиу]?|миллион(?:а|ов)?|миллиард(?:а|ов)?))(?![а-яё])"
    rf"(?:\s*{_CURRENCY_WORD_RU}(?![а-яё]))?",
    re.I,
)


def _word_quantities(text: str) -> list[re.Match]:
    """Amounts said in words with a scale; a bare plural ("миллионы зрителей") says no number."""
    out = []
    for m in _WORD_QUANTITY_RU.finditer(text):
        scale = m.group("scale").lower()
        if not (m.group("num") or m.group("qual") or scale.startswith("пол") or scale in ("тысяча", "тысячу", "миллион", "миллиард")):
            continue
        out.append(m)
    return out


def find_quantities_ru(text: str, skip: list[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Counted quantities and amounts of money in Russian text ("более 640 млн рублей", "около 30
    фильмов", "полтора миллиона зрителей")."""
    found = []
    matches = list(_QUANTITY_RU.finditer(text))
    matches += [w for w in _word_quantities(text) if not any(d.start() < w.end() and w.start() < d.end() for d in matches)]
    for m in matches:
        begin = (
            m.start("qual")
            if m.group("qual")
            else m.start("sign")
            if "sign" in m.re.groupindex and m.group("sign")
            else m.start("num")
            if m.group("num")
            else m.start("scale")
        )
        if any(b < m.end() and begin < e for b, e in skip):
            continue
        if m.re is _WORD_QUANTITY_RU:
            scale = m.group("scale").lower()
            number = _WORD_NUMBERS_RU.get((m.group("num") or "").lower(), 0.5 if scale.startswith("пол") else 1)
            number *= next(v for k, v in _SCALES_RU.items() if scale.removeprefix("пол").startswith(k))
        elif (m.start("num") > 0 and text[m.start("num") - 1].isalnum()) or (m.end("num") < len(text) and text[m.end("num")].isalpha()):
            continue
        else:
            number = float(re.sub(r"[  ]", "", m.group("num")).replace(",", "."))
        if m.re is _QUANTITY_RU and m.group("scale"):
            number *= next(v for k, v in _SCALES_RU.items() if m.group("scale").lower().startswith(k))
        currency = None
        sign = m.group("sign") if "sign" in m.re.groupindex else None
        if m.group("cur") or sign:
            word = (m.group("cur") or sign).lower()
            currency = next(v for k, v in _CURRENCIES_RU.items() if word.startswith(k))
            adjective = (m.group("curadj") or "").lower()
            currency = next((v for (a, c), v in _CURRENCY_NATIONS_RU.items() if c == currency and adjective.startswith(a)), currency)
        end = m.end()
        unit = None
        if currency is None:
            u = _UNIT_RU.match(text, end)
            if not u or _TIME_RU.match(u.group(1)):
                continue
            unit = u.group(1).split()[0] if u.group(1).split()[0].lower() not in ("из", "в", "на", "с") else None
            if unit is None:
                continue
            if re.fullmatch(r"(?:19|20)\d\d", m.group("num") or "") and not m.group("qual"):
                continue
        if m.group("qual") == "до" and currency is None and not m.group("scale"):
            continue  # "до 31 августа", "до 12 лет": a limit of time more often than a count
        q = QuantityMention(begin, end, text[begin:end].strip(), unit=unit, currency=currency)
        from kg.curate.extract.quantities import verb_bound

        bound = _QUALIFIERS_RU.get((m.group("qual") or "").lower()) or verb_bound(text, begin, "ru")
        if bound is None and _ESTIMATE_RU.search(text[max(0, begin - 80) : begin]):
            bound = "approx"  # "бюджет оценивается в 280 млн рублей", "по оценкам экспертов, ...": an estimate
        setattr(q, bound or "value", number)
        found.append(q)
    return found


# -- roles and quotations -----------------------------------------------------------------------------

ROLE_NOUNS_RU = [
    (r"режисс[её]р\w*(?:-постановщик\w*)?", "director"),
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
    r"(?:в\s+(?P<lead>главн\w+\s+)?рол\w+\s+(?:снял\w*|сыграл\w*|снимутся|снимется|сыграют|сыграет|появятся|появится|предстанут|предстанет)|в\s+(?:фильме|картине|ленте|сериале|нём|нем|ней)\s+(?:также\s+|тоже\s+|ещё\s+)?снял\w*|снял\w*\s+в\s+главн\w+\s+рол\w+|"
    # "роль бабушки исполнила NAME": the part's name between
    r"(?<![\wа-яё])рол[ьи]\s+(?!в\s)[а-яё]+(?:\s+[а-яё]+)?\s+(?:исполнил\w*|сыграл\w*|сыграют|исполнят|исполнит|сыграет)|"
    r"в\s+(?P<lead4>главн\w+\s+)?рол\w+\s*[—–]|(?P<lead2>главн\w+\s+)?рол[ьи]\w*\s+(?:в\s+(?:нём|нем|ней|них|фильме|картине|сериале|ленте)\s+)?(?:исполнил\w*|сыграл\w*|сыграют|исполнят)|(?:исполнил\w*|сыграл\w*)\s+(?P<lead3>главн\w+\s+)?рол[ьи]\w*|"
    # "одну из главных ролей сыграла NAME", "в одной из главных ролей — NAME": one of several parts
    r"одн\w+\s+из\s+(?:главн\w+\s+)?ролей\s+(?:в\s+(?:нём|нем|ней|фильме|картине|ленте)\s+)?(?:исполнил\w*|сыграл\w*|сыграют|исполнят|снял\w*)|"
    r"в\s+одной\s+из\s+(?:главн\w+\s+)?ролей\s*[—–])\s+$",
    re.I,
)
#: verbs and nouns that give a role without a role noun before the name
_VERB_ROLES_RU = [
    (
        re.compile(
            r"(?:(?:фильм|картину|ленту|сериал|драму|комедию|его|её|ее)\s+(?:снял[аи]?|поставил[аи]?|снимает|снимет|поставит)|,\s+поставил[аи]?)\s+$",
            re.I,
        ),
        "director",
    ),
    (
        re.compile(
            r"(?:музык\w+|саундтрек\w*)\s+(?:(?:к|для)\s+(?:фильму|фильма|картине|картины|ленте|ленты)\s+)?(?:написал[аи]?|создал[аи]?|сочинил[аи]?|напишет|создаст)\s+$",
            re.I,
        ),
        "musicBy",
    ),
    (
        re.compile(
            r"(?:сценари\w+\s+(?:(?:к|для)\s+(?:фильму|фильма|картине|картины|ленте|ленты)\s+|фильма\s+|картины\s+)?(?:написал[аи]?|создал[аи]?|напишет)|автор\w*\s+сценария|по\s+сценарию)\s+$",
            re.I,
        ),
        "author",
    ),
    (
        re.compile(r"(?:фильм|картину|ленту|сериал|проект|его|её|ее)\s+(?:спродюсировал[аи]?|продюсирует|продюсировал[аи]?)\s+$", re.I),
        "producer",
    ),
]
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


_DISTRIBUTOR_BEFORE_RU = re.compile(
    r"(?:прокатчик\w*|дистрибьютор\w*|прокатн\w+\s+компани\w+)(?:\s*[—–]\s*|\s+)(?:(?:кино)?компани\w+|студи\w+|фирм\w+)?\s*«?$", re.I
)
#: a company word, with an adjective or two ("бишкекская студия «Ала-Тоо Синема»", "продюсерский центр")
_COMPANY_WORD_RU = (
    r"(?:[а-яё-]+(?:ая|ий|ый|ой|ое|ую|ого|ей|ом)\s+){0,2}"
    r"(?:(?:кино)?студи\w*|(?:кино)?компани\w*|продюсерск\w+\s+(?:центр|компани|студи)\w*|холдинг\w*|фирм\w+|телеканал\w*|платформ\w+)"
)
#: an organisation named as a producer or distributor: "сопродюсером выступила бишкекская студия «X»",
#: "продюсером фильма является компания X", "производства киностудии «X»", "прокатчиком станет компания X"
_COMPANY_BEFORE_RU = re.compile(
    r"(?P<noun>сопродюсер|продюсер|производител|прокатчик|дистрибьютор)\w*(?:\s+(?:картины|фильма|ленты|проекта|сериала))?(?:\s+(?:в|на)\s+[А-ЯЁ][а-яё]+)?"
    r"\s+(?:(?:уже\s+)?выступ\w+|является|являются|стал[аи]?|станет|станут|будет|будут)\s+(?:" + _COMPANY_WORD_RU + r"\s*)?«?$"
    r"|(?P<made>производств[оа]|совместно\s+с|вместе\s+с|при\s+участии|произвел\w*|произвёл|сняла|снял[и]?|снимает|снимут|производит)\s+"
    + _COMPANY_WORD_RU
    + r"\s*«?$"
    # "в прокат фильм выпустит компания X", "прокатом займётся компания X": the distributor
    r"|(?P<noun3>в\s+(?:[а-яё]+\s+)?прокат\s+(?:[а-яё]+\s+){0,2}?(?:выпустит|выпускает|выпустила|выпустил|выведет|выводит)|прокатом\s+(?:[а-яё]+\s+)?(?:займётся|займется|занимается|занялась|занялся))\s+(?:"
    + _COMPANY_WORD_RU
    + r"\s*)?«?$"
    # "права на прокат фильма в Китае приобрела пекинская компания X": the distributor
    r"|(?P<noun2>прав[ао]?)\s+на\s+(?:показ|прокат|распространение|дистрибуцию)[^.«»]{0,60}?\s(?:приобрел\w*|купил\w*|получил\w*|выкупил\w*)\s+"
    + _COMPANY_WORD_RU
    + r"\s*«?$",
    re.I,
)
#: the same said after the name: "студия «X» выступила сопродюсером", "компания X стала прокатчиком фильма"
_COMPANY_AFTER_RU = re.compile(
    r"»?\s*(?:(?:уже|также)\s+)?(?:выступ\w+|стал[аи]?|станет|станут|будет|будут)\s+(?:его\s+|её\s+|ее\s+|их\s+)?"
    r"(?P<noun>сопродюсер|продюсер|производител|прокатчик|дистрибьютор)\w*",
    re.I,
)
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
        start_of, end_of = max(text.rfind(". ", 0, begin), text.rfind("\n", 0, begin)), text.find(". ", end)
        if m and re.search(r"(?<![\wа-яё])жюри(?![\wа-яё])", text[start_of + 1 : end_of if end_of != -1 else len(text)], re.I):
            continue  # "в жюри вошли актриса A и режиссёр B": professions, not parts in the film
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
            r"(?P<noun>"
            + "|".join(p for p, _ in ROLE_NOUNS_RU)
            + r")(?:\s+(?:картины|фильма|ленты|проекта|сериала))?(?:\s+(?:(?:уже\s+)?выступ(?:ил|ит|ят|или|ила|ает|ают)|является|являются|стал[аи]?|станет|станут|будет|будут)|\s*[—–])\s+$",
            before,
            re.I,
        )
        if m2:
            prop = next(p for pat, p in ROLE_NOUNS_RU if re.fullmatch(pat, m2.group("noun").lower()))
            found.append(RoleMention(offset + m2.start(), end, prop, (begin, end)))
            continue
        verb_role = next((prop for pattern, prop in _VERB_ROLES_RU if pattern.search(before)), None)
        if verb_role:
            found.append(
                RoleMention(
                    offset + next(p.search(before) for p, q in _VERB_ROLES_RU if q == verb_role).start(), end, verb_role, (begin, end)
                )
            )
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
        elif m := _COMPANY_BEFORE_RU.search(text[max(0, b - 130) : b]):
            prop = (
                "distributor"
                if m.group("noun2") or m.group("noun3") or re.match(r"прокат|дистриб", m.group("noun") or "", re.I)
                else "productionCompany"
            )
            found.append(RoleMention(b - len(m.group()), e, prop, (b, e)))
        elif (
            (m := re.search(r"(?:,|\sи)\s+(?:" + _COMPANY_WORD_RU + r")\s*«?$", text[max(0, b - 60) : b], re.I))
            and (
                previous := next(
                    (r for r in reversed(found) if r.target and r.target[1] <= b and r.property in ("producer", "productionCompany")), None
                )
            )
            and re.fullmatch(r"»?", text[previous.target[1] : b - len(m.group())].strip())
        ):
            # "Продюсерами выступили Вадим Быркин и компания «X»": a company in the producers' list
            found.append(RoleMention(previous.begin, e, "productionCompany", (b, e)))
        elif m := _COMPANY_AFTER_RU.match(text, e):
            prop = "distributor" if re.match(r"прокат|дистриб", m.group("noun"), re.I) else "productionCompany"
            found.append(RoleMention(b, m.end(), prop, (b, e)))
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
    # "узбекская драма «Последний караван»": one nationality before a film word and its title
    for m in _ONE_COUNTRY_RU.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == "-":
            continue  # the second half of "российско-китайский", read above
        if country := _nation(m.group("a")):
            found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=country))
    # "фильм совместного производства России и Китая": the countries that make it, in the genitive
    from kg.curate.extract.lexicon import PLACE_NAMES as _PLACES

    for m in _MADE_BY_RU.finditer(text):
        for word in re.findall(r"[А-ЯЁ][а-яё]+", m.group("list")):
            english = next((_PLACES[f] for f in (word, *lemmas(word)) if f in _PLACES), None)
            if english in set(RU_NATIONS.values()):
                found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=english))
    return found


_ONE_COUNTRY_RU = re.compile(
    r"(?<![\wа-яё])(?P<a>[а-яё]+?)(?:ий|ый|ая|ое|ой|ую|ого|ом|ие|их)\s+(?:(?:документальн|анимационн|игров|полнометражн|короткометражн|приключенческ|историческ|военн|семейн)\w*\s+)?"
    r"(?:фильм|драм|комеди|картин|лент|сериал|мультфильм|триллер|мелодрам|боевик|детектив|байопик|мюзикл)\w*\s+«",
    re.I,
)
_MADE_BY_RU = re.compile(
    r"(?:совместн\w+\s+)?(?:производств[ао]|копродукци\w+)\s+(?P<list>[А-ЯЁ][а-яё]+(?:,\s+[А-ЯЁ][а-яё]+)*\s+и\s+[А-ЯЁ][а-яё]+)",
)


#: verbs of saying by their stems, in either gender and with -ся ("поделился", "призналась")
_SPEECH_RU = (
    r"(?:(?:сказал|отметил|заявил|рассказал|добавил|подчеркнул|признал|пояснил|поделил|сообщил|уточнил|напомнил|заметил|"
    r"признавал|вспоминал|вспомнил|резюмировал|объяснил|подытожил|заключил|констатировал|пошутил|улыбнул|призвал|ответил)(?:а|и)?(?:ся|сь)?"
    r"|говорит|считает|отмечает|признаётся|признается|рассказывает|вспоминает|объясняет|добавляет|подчёркивает|подчеркивает|"
    r"поясняет|уверяет|шутит|уверен[а]?|убежд[её]н[а]?)(?![а-яё])"
)


#: a role noun after a verb of saying, in any case, with what it is of: "— сказал режиссёр", "— отметила продюсер картины"
_ROLE_SPEAKER_RU = (
    r"(?P<rnoun>режисс[её]р\w*|продюсер\w*|сопродюсер\w*|актрис\w*|акт[её]р\w*|сценарист\w*|композитор\w*|оператор\w*)"
    r"(?:\s+(?:картины|фильма|ленты|проекта|сериала))?"
)


def _holder(text: str, people: list[tuple[int, int]], noun: str, before: int) -> tuple[int, int] | None:
    """The span of the one person the text gives the role ``noun`` names (режиссёр -> director),
    the last so named before ``before``; None when no one or several different people hold it."""
    prop = next((p for pat, p in ROLE_NOUNS_RU if re.fullmatch(pat, noun.lower())), None)
    roles = [r for r in find_roles_ru(text, people) if r.property == prop and r.target and r.target[1] <= before]
    names = {text[b:e] for b, e in (r.target for r in roles)}
    if not roles or len(names) != 1:
        return None
    return roles[-1].target


#: who a speaker spoke to, between the verb and the speaker: "— рассказал ТАСС режиссёр", "— сказала «Известиям» NAME"
_RECIPIENT_RU = (
    r"(?:«[^«»\n]{1,40}»|[А-ЯЁA-Z][А-ЯЁA-Z]+|журналистам|корреспонденту(?:\s+[А-ЯЁ«][^\s,]*)?|репортёрам|репортерам|зрителям|гостям|собравшимся|прессе"
    r"|(?:своими\s+)?(?:впечатлениями|планами|воспоминаниями)"
    r"|в\s+(?:беседе|интервью|разговоре)\s+с\s+(?:корреспондентом|журналистом|журналистами|репортёром)(?:\s+(?:«[^«»\n]{1,40}»|[А-ЯЁ][А-ЯЁA-Z]+))?"
    r"|в\s+интервью\s+(?:«[^«»\n]{1,40}»|[А-ЯЁ][А-ЯЁA-Z]+|[а-яё]+ому\s+[а-яё]+у|агентству\s+(?:«[^«»\n]{1,40}»|[А-ЯЁ][А-ЯЁA-Z]+)))"
)


def _speaker_after(text: str, at: int, people: list[tuple[int, int]], before: int) -> tuple[tuple[int, int], int] | None:
    """The speaker named at ``text[at:]`` after a verb of saying: a person, a role noun and a
    person, or a role noun alone (the one person the text gives that role), each perhaps after
    whom it was said to. Returns (the person's span, where the attribution ends)."""
    for lead in ("", rf"{_RECIPIENT_RU}\s+", rf"{_RECIPIENT_RU}\s+[А-ЯЁ][а-яё]+\s+"):  # "в интервью РИА Новости"
        m = re.match(rf"{lead}(?:{_ROLE_SPEAKER_RU}(?:\s+|(?=[.,;!?]|$)))?", text[at:])
        if not m:
            continue
        pos = at + m.end()
        person = next(((b, e) for b, e in people if b == pos), None)
        if person:
            return person, person[1]
        if m.group("rnoun") and (holder := _holder(text, people, m.group("rnoun"), before)):
            return holder, at + len(m.group().rstrip())
    return None


def find_quotations_ru(text: str, people: list[tuple[int, int]]) -> list[QuotationMention]:
    """«…», — сказал NAME. / NAME сказал: «…» / «…», — сказал режиссёр (the one person the text
    calls that) / Режиссёр отметил: «…» / По словам NAME, «…». The speaker must be one of
    ``people`` (name spans), or the one holder of the role a role noun names."""
    found = []
    for m in re.finditer(r"«(?P<q>[^«»\n]+)»", text):
        inner_b, inner_e = m.start("q"), m.end("q")
        after = re.match(rf"[,.]?\s*[—–-]\s*{_SPEECH_RU}\s+", text[m.end() :], re.I)
        window = max(0, m.start() - 80)
        before = re.search(rf"{_SPEECH_RU}\s*:\s*$", text[window : m.start()], re.I)
        by_words = re.search(
            rf"(?<![\wа-яё])[Пп]о\s+словам\s+(?:{_ROLE_SPEAKER_RU}\s*)?(?P<rest>[^,«»\n]*),\s*$", text[window : m.start()], re.I
        )
        speaker = None
        q = QuotationMention(inner_b, inner_e, m.group("q"), m.start(), m.end())
        if after:
            hit = _speaker_after(text, m.end() + after.end(), people, m.start())
            pronoun = re.match(r"(?:он|она)(?=[\s.,;!?]|$)", text[m.end() + after.end() :], re.I)
            if hit is None and pronoun:
                # "— сказал он": the person named last before the quotation (the draft finds it)
                at = m.end() + after.end()
                q.speaker, q.pronoun = (at, at + pronoun.end()), True
                q.attribution = (m.end() + after.start() + (1 if text[m.end()] in ",." else 0), at + pronoun.end())
                q.span_end = at + pronoun.end() + (1 if text[at + pronoun.end() : at + pronoun.end() + 1] == "." else 0)
                found.append(q)
                continue
            if hit:
                speaker, stop = hit
                q.speaker, q.attribution = speaker, (m.end() + after.start() + (1 if text[m.end()] in ",." else 0), stop)
                q.span_end = stop + (1 if text[stop : stop + 1] == "." else 0)
        elif before:
            verb_start = window + before.start()
            speaker = next(((b, e) for b, e in people if e <= verb_start and text[e:verb_start].strip() == ""), None)
            if speaker:
                q.speaker, q.attribution, q.span_begin = speaker, (speaker[0], window + before.end()), speaker[0]
            elif role := re.search(rf"(?<![\wа-яё]){_ROLE_SPEAKER_RU}\s+$", text[window:verb_start], re.I):
                speaker = _holder(text, people, role.group("rnoun"), m.start())  # "Режиссёр отметил: «…»"
                if speaker:
                    q.speaker, q.attribution, q.span_begin = speaker, (window + role.start(), window + before.end()), window + role.start()
        elif (
            colon := next(((b, e) for b, e in people if e <= m.start() and re.fullmatch(r":\s*", text[e : m.start()])), None)
        ) is not None:
            speaker = colon  # "Рашидов: «Мы снимали историю о дружбе»"
            q.speaker, q.attribution, q.span_begin = speaker, (speaker[0], m.start()), speaker[0]
        elif by_words:
            start = window + by_words.start()
            rest_b = window + by_words.start("rest")
            speaker = next(((b, e) for b, e in people if b == rest_b and text[e : window + by_words.end("rest")].strip() == ""), None)
            if speaker is None and by_words.group("rnoun") and not by_words.group("rest").strip():
                speaker = _holder(text, people, by_words.group("rnoun"), m.start())  # "По словам режиссёра, «…»"
            if speaker:
                q.speaker, q.attribution, q.span_begin = speaker, (start, window + by_words.end()), start
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
            if registry.entities[eid].type != "Organization" and _ORG_BEFORE_QUOTE_RU.search(text[max(0, m.start() - 40) : m.start() + 1]):
                continue  # телеканал «Россия»: an organisation's name, not the country
            found.append((m.start(group), m.end(group), eid, name))
    return sorted(found)


#: words of Russian event and organisation names, in the dictionary form, with their English word or
#: words (a tuple: any of them; None: a word English names of the kind leave out: "стран ШОС" is "SCO").
#: A general dictionary of the words such names are made of, not a list of names.
CALQUES_RU: dict[str, str | tuple[str, ...] | None] = {
    "неделя": "week",
    "фестиваль": "festival",
    "кинофестиваль": "film festival",
    "форум": "forum",
    "день": "days",
    "дни": "days",
    "кино": ("film", "cinema"),
    "фильм": "film",
    "кинематограф": ("film", "cinema", "cinematography"),
    "кинематография": ("film", "cinema", "cinematography"),
    "телевидение": "television",
    "тв": "television",
    "телевизионный": "television",
    "шос": "sco",
    "выдающийся": "outstanding",
    "международный": "international",
    "медиа": "media",
    "фонд": "fund",
    "министерство": "ministry",
    "культура": "culture",
    "информация": "information",
    "агентство": "agency",
    "союз": "union",
    "ассоциация": "association",
    "академия": "academy",
    "центр": ("centre", "center"),
    "комитет": "committee",
    "совет": "council",
    "национальный": "national",
    "государственный": "state",
    "развитие": "development",
    "поддержка": "support",
    "студия": "studio",
    "киностудия": "film studio",
    "премия": ("award", "prize"),
    "конкурс": "competition",
    "документальный": "documentary",
    "анимационный": ("animation", "animated"),
    "молодёжный": "youth",
    "молодежный": "youth",
    "детский": ("children", "children's"),
    "евразийский": "eurasian",
    "азиатский": "asian",
    "кинематографист": "filmmakers",
    "управление": "administration",
    "первый": "first",
    "второй": "second",
    "третий": "third",
    "четвёртый": "fourth",
    "четвертый": "fourth",
    "пятый": "fifth",
    "и": None,
    "страна": None,
    "государство": None,
    "государство-член": None,
}
#: the head nouns such names start with (after capitalised adjectives): where a candidate name begins
_HEADS_RU = frozenset(
    {"неделя", "фестиваль", "кинофестиваль", "форум", "день", "дни", "фонд", "министерство", "агентство", "союз",
     "ассоциация", "академия", "центр", "комитет", "совет", "студия", "киностудия", "премия", "конкурс", "управление"}
)  # fmt: skip
_ENGLISH_FILLER = {"and", "of", "the", "countries", "member", "states"}


@lru_cache(maxsize=1)
def _normal_calques() -> dict[str, str | tuple[str, ...] | None]:
    """:data:`CALQUES_RU` keyed as :func:`kg.ingest.names.normalise` spells words (й as и, ё as е)."""
    from kg.ingest.names import normalise

    return {normalise(k): v for k, v in CALQUES_RU.items()}


def _translations(word: str) -> list[tuple[str, ...]] | None:
    """The English words one Russian word of a name may be (a country by its usual English name), or None."""
    from kg.curate.extract.lexicon import PLACE_NAMES
    from kg.ingest.names import normalise

    forms = (word, *lemmas(word))
    calques = _normal_calques()
    for f in forms:
        key = normalise(f)
        if key in calques:
            english = calques[key]
            options = english if isinstance(english, tuple) else (english,)
            return [tuple(o.split()) if o else () for o in options]
    for f in forms:
        if f in PLACE_NAMES and re.match(r"[A-Z]", PLACE_NAMES[f]):  # "Казахстана" -> Kazakhstan
            return [tuple(normalise(PLACE_NAMES[f]).split())]
    return None


def translated_names(text: str, registry) -> list[tuple[int, int, str, str]]:
    """Russian names of events and organisations whose words translate, one by one, into a known
    English name: "Неделе кино и телевидения ШОС" -> SCO Film and Television Week, "Фонда кино" ->
    Cinema Fund. A candidate starts at a capitalised head noun (Фонд, Неделя, Министерство ...:
    :data:`_HEADS_RU`), or at capitalised adjectives before one, and runs word by word; the longest
    run whose every word is in :data:`CALQUES_RU` (or is a country) and whose English words, in any
    of each word's translations, are those of exactly one known event, festival or organisation is
    taken. A draft marks it CHECK (a word-for-word translation is a guess, however close)."""
    from itertools import product

    from kg.ingest.names import normalise

    english: dict[frozenset[str], set[tuple[str, str]]] = {}
    for known in registry.entities.values():
        if (
            known.type not in ("Event", "Festival", "FilmFestival", "Organization")
            and "Festival" not in known.type
            and "Event" not in known.type
        ):
            continue
        for n in known.names:
            words = re.findall(r"[a-z']+", normalise(n.text))
            if words and all(w.isascii() for w in words):
                english.setdefault(frozenset(w for w in words if w not in _ENGLISH_FILLER), set()).add((known.id, n.text))
    found: list[tuple[int, int, str, str]] = []
    words = list(re.finditer(r"[А-ЯЁA-Zа-яё][А-ЯЁа-яё-]*", text))
    for i, first in enumerate(words):
        if not first.group()[:1].isupper() or (found and first.start() < found[-1][1]):
            continue
        run = [first]
        for w in words[i + 1 : i + 8]:
            if not re.fullmatch(r"\s+", text[run[-1].end() : w.start()]):
                break
            run.append(w)
        options = []
        for w in run:
            t = _translations(w.group())
            if t is None:
                break
            options.append(t)
        heads = [k for k, w in enumerate(run[: len(options)]) if any(normalise(f) in _HEADS_RU for f in (w.group(), *lemmas(w.group())))]
        if not heads or not all(run[k].group()[:1].isupper() for k in range(heads[0])):
            continue  # a name starts at its head noun, or at the capitalised adjectives before it
        for size in range(len(options), heads[0] + 1, -1) if len(options) > 1 else ():
            if options[size - 1] == [()]:
                continue  # a name does not end on "и" ("Фонд кино и Министерство ...")
            combos = list(product(*options[:size]))[:256]
            ids = set()
            for combo in combos:
                key = frozenset(x for part in combo for x in part if x not in _ENGLISH_FILLER)
                ids |= english.get(key, set())
            if len({eid for eid, _ in ids}) == 1:
                eid, name = sorted(ids)[0]
                found.append((first.start(), run[size - 1].end(), eid, name))
                break
    return found


#: the head noun of a name made of a capitalised adjective and lowercase words ("Московский
#: международный кинофестиваль") -> the kind of thing it names; a head not here makes no name
NAME_HEADS_RU = {
    "фестиваль": "Festival",
    "кинофестиваль": "Festival",
    "смотр": "Festival",
    "кинофорум": "Event",
    "форум": "Event",
    "неделя": "Event",
    "кинорынок": "Event",
    "рынок": "Event",
    "конкурс": "Event",
    "биеннале": "Event",
    "выставка": "Event",
    "театр": "Organization",
    "музей": "Organization",
    "университет": "Organization",
    "институт": "Organization",
    "фонд": "Organization",
    "агентство": "Organization",
    "студия": "Organization",
    "киностудия": "Organization",
    "академия": "Organization",
    "союз": "Organization",
    "министерство": "Organization",
    "комитет": "Organization",
    "телеканал": "Organization",
    "путь": "Place",
    "площадь": "Place",
    "озеро": "Place",
    "река": "Place",
    "гора": "Place",
    "хребет": "Place",
    "пустыня": "Place",
    "море": "Place",
    "улица": "Place",
    "проспект": "Place",
    "парк": "Place",
    "дворец": "Place",
    "остров": "Place",
    "долина": "Place",
    "ущелье": "Place",
    "полигон": "Place",
    "заповедник": "Place",
    "мост": "Place",
    "вокзал": "Place",
    "аэропорт": "Place",
    "набережная": "Place",
    "бульвар": "Place",
    "монастырь": "Place",
    "собор": "Place",
    "кремль": "Place",
    "крепость": "Place",
    "стадион": "Place",
    "галерея": "Organization",
    "библиотека": "Organization",
    "консерватория": "Organization",
    "киноакадемия": "Organization",
    "кинокомпания": "Organization",
    "кинотеатр": "Place",
    "перевал": "Place",
    "область": "Place",
    "край": "Place",
    "район": "Place",
}


def _name_nominative(word: str, case: str, gender: str | None = None) -> str:
    """A name's word in the nominative by the dictionary's guesses, the accusative of a person read
    as the genitive it equals ("Милоша" -> "Милош"), of the given gender when one is given."""
    vocab = _pipeline()[3]
    cases = {case, "Gen"} if case == "Acc" else {case}
    for parse in vocab.parse(word):
        if parse.pos in ("NOUN", "PROPN") and parse.feats.get("Case") in cases and (gender is None or parse.feats.get("Gender") == gender):
            try:
                form = parse.inflect({"Nom"})
            except (KeyError, ValueError):
                form = None
            if form is not None:
                return form.word[:1].upper() + form.word[1:]
    return word


def _nominative(word: str, feats: dict[str, str], pos: str) -> str:
    """``word`` in the nominative, keeping its gender and number (an adjective agrees with its noun)."""
    vocab = _pipeline()[3]
    for parse in vocab.parse(word):
        if parse.pos == pos and all(parse.feats.get(k) == feats.get(k) for k in ("Case", "Number", "Gender") if feats.get(k)):
            try:
                form = parse.inflect({"Nom"})
            except (KeyError, ValueError):
                form = None
            if form is not None:
                out = form.word
                return out[:1].upper() + out[1:] if word[:1].isupper() else out
    return word


#: head nouns that start a name written "Head + words in the genitive" ("Дни китайского кино", "Неделя
#: российского кино", "Фестиваль детского кино", "Союз кинематографистов")
_GENITIVE_HEADS_RU = {
    "день": "Event",
    "дни": "Event",
    "неделя": "Event",
    "фестиваль": "Festival",
    "кинофестиваль": "Festival",
    "форум": "Event",
    "смотр": "Festival",
    "конкурс": "Event",
    "союз": "Organization",
    "фонд": "Organization",
    "ассоциация": "Organization",
    "академия": "Organization",
    "агентство": "Organization",
    "министерство": "Organization",
    "дом": "Organization",
    "музей": "Organization",
}


def _in_title(text: str, at: int) -> bool:
    """Inside a short «…» (a title), not a long one (a quotation)."""
    opened, closed = text.rfind("«", 0, at), text.rfind("»", 0, at)
    ends = text.find("»", at)
    return opened > closed and (ends == -1 or len(text[opened + 1 : ends].split()) <= 6)


def _head_and_genitives(text: str, tokens: list[Token], i: int) -> tuple[int, int, str, str, int] | None:
    """A capitalised head noun inside a sentence and the lowercase words in the genitive that follow it
    (adjectives and a noun, perhaps twice joined by "и", perhaps an abbreviation: "Неделе кино и
    телевидения ШОС"): (begin, end, name with its head in the nominative, type, next token)."""
    head = tokens[i]
    kind = next((_GENITIVE_HEADS_RU[f.lower()] for f in (head.text, *lemmas(head.text)) if f.lower() in _GENITIVE_HEADS_RU), None)
    if kind is None:
        return None
    j, last = i + 1, None
    while j < len(tokens):
        tok = tokens[j]
        if not re.fullmatch(r"\s+", text[tokens[j - 1].stop : tok.start]):
            break
        if tok.text.islower() and tok.pos in ("ADJ", "NOUN") and tok.feats.get("Case") == "Gen":
            j += 1
            if tok.pos == "NOUN" or tok.text in ("кино",):
                last = j
            continue
        if tok.text.islower() and tok.text == "кино":  # indeclinable: any case
            j += 1
            last = j
            continue
        if (
            tok.text == "и"
            and last == j
            and j + 1 < len(tokens)
            and tokens[j + 1].text.islower()
            and tokens[j + 1].feats.get("Case") == "Gen"
        ):
            j += 1
            continue
        if tok.text.isupper() and len(tok.text) >= 2 and last == j:  # ШОС, СНГ, ЕАЭС
            j += 1
            last = j
        break
    if last is None:
        return None
    words = text[head.start : tokens[last - 1].stop].split(" ", 1)
    number = head.feats.get("Number")
    first = _nominative(head.text, {"Case": head.feats.get("Case"), **({"Number": number} if number else {})}, "NOUN")
    name = " ".join([first[:1].upper() + first[1:], *words[1:]])
    return head.start, tokens[last - 1].stop, name, kind, last


def adjective_names(text: str) -> list[tuple[int, int, str, str]]:
    """Names Russian writes with a capital on their first word only: a capitalised adjective inside
    a sentence, lowercase adjectives agreeing with it, and a noun from :data:`NAME_HEADS_RU` in the
    same case and number ("на Московском международном кинофестивале", "о Великом шёлковом пути",
    "в Большом театре"). Not at a sentence's start (every word is capitalised there), not inside
    «…» (a title). Returns ``(begin, end, name in the nominative, type)``."""
    tokens, _ = analyse(text)
    found = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        prev = tokens[i - 1] if i else None
        starts = prev is None or prev.text in (".", "!", "?", "«", '"', "„", "…") or "\n" in text[prev.stop : t.start]
        if t.pos in ("NOUN", "PROPN") and t.text[:1].isupper() and not t.text.isupper() and not starts and not _in_title(text, t.start):
            named = _head_and_genitives(text, tokens, i)
            if named is not None:
                found.append(named[:4])
                i = named[4]
                continue
        if t.pos != "ADJ" or not t.text[:1].isupper() or t.text.isupper() or starts:
            i += 1
            continue
        opened, closed = text.rfind("«", 0, t.start), text.rfind("»", 0, t.start)
        ends = text.find("»", t.start)
        if opened > closed and (ends == -1 or len(text[opened + 1 : ends].split()) <= 6):
            i += 1
            continue  # a title in «…»; a quotation is longer, and its names are names
        case, number = t.feats.get("Case"), t.feats.get("Number")

        def kind_of(token: Token) -> str | None:  # the head by its dictionary form, whatever the tagger called it
            return next((NAME_HEADS_RU[f.lower()] for f in lemmas(token.text) if f.lower() in NAME_HEADS_RU), None)

        j = i + 1
        while (
            j < len(tokens)
            and j - i <= 3
            and tokens[j].pos == "ADJ"
            and tokens[j].text.islower()
            and tokens[j].feats.get("Case") == case
            and kind_of(tokens[j]) is None
        ):
            j += 1
        head = tokens[j] if j < len(tokens) else None
        etype = kind_of(head) if head is not None else None
        if (
            etype is None
            or head.pos not in ("NOUN", "ADJ")
            or not head.text.islower()
            or head.feats.get("Case") != case
            or head.feats.get("Number") != number
            or any(not re.fullmatch(r"\s+", text[a.stop : b.start]) for a, b in zip(tokens[i:j], tokens[i + 1 : j + 1], strict=True))
            or re.match(r"\s*«", text[head.stop :])  # "Международный кинофестиваль «Дидор»": the name is the title
        ):
            i += 1
            continue
        noun = next((f for f in _pipeline()[3].parse(head.text) if f.pos == "NOUN" and f.feats.get("Case") == case), None)
        gender = (noun.feats if noun is not None else head.feats).get("Gender") if number == "Sing" else None
        agree = {k: v for k, v in (("Case", case), ("Number", number), ("Gender", gender)) if v}
        words = [_nominative(x.text, agree, x.pos) for x in tokens[i:j]] + [
            _nominative(head.text, {"Case": case, "Number": number}, "NOUN")
        ]
        found.append((t.start, head.stop, " ".join(words), etype))
        i = j + 1
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
    """``word`` cut into at most ``most`` Palladius syllables, as pinyin; None when it cannot be.
    A hard sign or an apostrophe marks a syllable's end ("Дунъюй" is дун-юй, Dongyu, never ду-нюй)."""
    word = word.lower().replace("ё", "е").replace("-", "")
    parts = re.split(r"[ъ'’]", word)
    if len(parts) > 1:
        cut = [_syllables(part, table, most) for part in parts if part]
        return None if any(c is None for c in cut) or sum(len(c) for c in cut) > most else [x for c in cut for x in c]
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
