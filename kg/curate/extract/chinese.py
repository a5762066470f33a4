"""Reading a Chinese article for ``kg draft``: names, dates, quantities, roles and quotations.

Dates: jionlp's time parser finds and resolves Chinese time expressions against the
publication date ("4日" -> 2025-09-04, "本周六" -> 2025-09-06, "今年2月20日" -> 2025-02-20,
"上周五", "去年2月", "本月底"), run at both ends of the publication date's range so the value
keeps only the precision the date allows. What jionlp resolves by the calendar alone but the
tense decides (a bare "4日", "2月20日", "周六", "8月") is resolved here instead, with the tense
read from the clause: "将", "将于", "即将", "预计" are future; "已", "已经", "曾", "了", "此前",
"日前" past; with no cue the nearer reading is taken, and marked CHECK when the other is about as
near. Words that count from another day than the publication ("当天", "次日") and seasons with no
year ("冬天") are not dates here; a season with one ("去年秋天") gives that year, as jionlp reads it,
and a decade or century ("1920年代", "上世纪90年代") only its words. A month alone ("8月") and "上月/下月", which jionlp rejects, are
read by a small rule.

Names: the graph's Chinese labels and aliases, the Chinese names of
:data:`~kg.curate.extract.lexicon.PLACE_NAMES`, and people named next to a role or a speech
word (导演, 制片人, 主演, 表示, 说). A Chinese name the graph holds only in Latin letters is
linked through its pinyin (杨洋 -> Yang Yang), marked CHECK: many characters share a pinyin.
jieba segments the text where matching needs word edges (a two-character name must be a word
of its own) and tags new places.

jionlp, jieba and pypinyin are imported on the first Chinese document only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from functools import lru_cache

from kg.curate.extract.dates import (
    DateMention,
    Tense,
    _month_end,
    _safe_date,
    finest,
    publication_range,
    range_ends,
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

HAN = r"\u3400-\u9fff"
#: news agencies and sites that begin a dateline (新华社阿斯塔纳12月13日电, 中新网12月13日电)
AGENCIES_ZH = r"新华社|中新社|中新网|新华网|人民网|央视网|央广网|国际在线|环球网|光明网|中国日报网|中国新闻网|澎湃新闻|新京报|央视新闻|中国网"
_WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CLAUSE_ZH = re.compile(r"[，。；：！？、,;:]")
_FUTURE_ZH = re.compile(r"将于|将在|将要|即将|将|定于|定档|预定|预计|计划|拟于|拟|有望|届时|希望|争取|打算|准备")
_PAST_ZH = re.compile(r"已经|已于|已|曾经|曾|此前|日前|此后|截至|截止|以来|了|过")  # (自9月30日上映以来: since, so past)


def sentences_zh(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？ (and the end of a line), closing quotation marks kept."""
    spans = []
    for m in re.finditer(r"[^。！？\n]+(?:[。！？]+[”’」』]?)?", text):
        b, e = m.span()
        while b < e and text[b].isspace():
            b += 1
        if b < e:
            spans.append((b, e))
    return spans


def _cues(part: str, offset: int) -> list[tuple[int, str, str]]:
    found = [(offset + m.start(), "future", m.group()) for m in _FUTURE_ZH.finditer(part)]
    found += [(offset + m.start(), "past", m.group()) for m in _PAST_ZH.finditer(part)]
    return sorted(found)


@lru_cache(maxsize=1)
def _jionlp():
    import logging

    logging.getLogger("jionlp").setLevel(logging.ERROR)
    return need("jionlp", "languages", "kg draft (Chinese)")


# bare forms whose reading depends on the tense: resolved here, not by jionlp's calendar
_BARE_DAY = re.compile(r"^(?P<d>[0-9]{1,2})[日号]$")
_BARE_MONTH_DAY = re.compile(r"^(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})[日号]$")
_BARE_MONTH = re.compile(r"^(?P<m>[0-9]{1,2})月(?:份)?(?:上旬|中旬|下旬|初|底|末|中)?$")
_WEEKEND = re.compile(r"^(?P<r>本|这|这个|下|下个|上|上个)?(?:周末|礼拜末)$")
_BARE_WEEKDAY = re.compile(r"^(?:周|星期|礼拜)(?P<w>[一二三四五六日天])$")
_RELATIVE_MONTH = re.compile(r"^(?:(?P<r>上|下|本|这|次)(?:个)?月(?P<edge>初|底|末|中旬|上旬|下旬)?|月(?:初|底|末|中旬|上旬|下旬))$")
_OWN = re.compile(
    rf"(?:(?:19|20)[0-9]{{2}}年|今年|去年|明年|前年|后年)?[0-9]{{1,2}}月(?:[0-9]{{1,2}}[日号])?"
    rf"|(?<![0-9月])[0-9]{{1,2}}[日号](?![{HAN}]*[前后])"
    rf"|(?:上|下|本|这)(?:个)?月(?:初|底|末|中旬|上旬|下旬)?(?=[^{HAN}]|[在将已于举召开的起以])"
    rf"|(?<![0-9上下本这个次当同每])月(?:初|底|末|中旬|上旬|下旬)(?![{HAN}]*[日号])"
    rf"|(?:上|下|本|这)(?:周|星期|礼拜)[一二三四五六日天]|(?:周|星期|礼拜)[一二三四五六日天]"
)
_DECADE_ZH = re.compile(
    r"(?:(?:上|19|20|二十|十九|二十一)世纪(?:[0-9]0|[一二三四五六七八九]十)年代|(?:19|20)[0-9]0年代|[一二三四五六七八九]十年代|"
    r"(?:上|1[0-9]|2[01]|十[一二三四五六七八九]|二十一?)世纪)(?:初期|中期|末期|后期|初|末|中叶)?"
)
_HOLIDAY = re.compile(r"春节|农历新年|大年初一|正月初一|国庆|中秋|元旦|五一|劳动节|端午|清明|元宵|除夕|新年|圣诞|诺鲁孜|纳乌鲁兹")
_HOLIDAY_PERIOD = re.compile(r"期间|假期|长假|档期|档|前后|黄金周|小长假")
_RANGE_ZH = re.compile(r"(?P<a>.+?[日号月年])(?:至|到|-|–|—|～|~)(?P<b>.+)")
_NOT_OWN_DATE = re.compile(r"^(?:当天|当日|次日|同日|同天|翌日|前一天|后一天|[春夏秋冬][天季]|次年|翌年|同年|当年|第二年|次月|当月|同月|[前中后初末]期)$")
#: a length of time (拍摄了近两个月, 历时三年, 长达两周) or a period counted back to now (过去五年, 近三年来):
#: no date; "三年前" (ago) and "2027年" are dates, and are not matched
_DURATION_ZH = re.compile(
    r"(?:近|最近|过去|未来|今后|长达|历时|整整|前后|头|约|大约|将近|接近)?"
    r"(?:(?:[0-9]+|[一二两三四五六七八九十半几]+)(?:个)?(?:多|半)?(?:个月|周|星期|天|小时|季度)|[一二两三四五六七八九十半几]+(?:多|半)?年"
    r"|(?<=[近去来达时整约接])[0-9]+年)(?:多|半)?(?:来|以来|之内|内|里|间|时间)?"
)
#: words that make a calendar date of what they end in (the month, a year, a holiday): "before" after them is the relation
_CALENDAR_ZH = re.compile(r"月|旬|(?:19|20)[0-9]{2}年|[今去明前后]年|年[底初末中]|[上下]半年|季度|节|元旦|国庆|春节|五一|暑期|寒假|[0-9][日号]")


#: a time of day alone (清晨的薄雾里, 傍晚时分): no date; with a day it is the day's (昨晚, 今晨: _EVENINGS)
_TIME_OF_DAY_ZH = re.compile(
    r"清晨|早晨|早上|上午|中午|正午|午后|下午|傍晚|黄昏|晚上|晚间|夜间|夜晚|夜里|深夜|午夜|半夜|凌晨|拂晓|黎明|破晓|白天|白日|入夜|"
    r"当晚|当夜|当天晚上|当天上午|当天下午|早|晚|夜|晨"
)
#: how a date's words can end (a dateline's 18日 is glued to 电 by jieba, and still a date's end)
_DATE_END_ZH = set("0123456789日号月年天周末初底旬季节旦庆夕午晚晨夜代纪期档一二三四五六七八九十")
#: how a date's words can begin (a digit, a relative word, a number, a holiday or season)
_DATE_START_ZH = re.compile(rf"[0-9０-９今去明前后上下本这昨次同当近日周星礼一二三四五六七八九十两元春夏秋冬国中端清除圣诺纳农正大年月]|{_HOLIDAY.pattern}")


def _unix(day: dt.date) -> float:
    return time.mktime(dt.datetime(day.year, day.month, day.day, 12).timetuple())


def find_dates_zh(
    text: str,
    published: PartialDate,
    earliest: PartialDate | None = None,
    latest: PartialDate | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every Chinese date expression in ``text``, resolved against the publication date."""
    jio = _jionlp()
    p0, p1 = publication_range(published, earliest, latest)
    sentences = sentences or sentences_zh(text)
    spans: list[tuple[int, int]] = []
    coarse = [m.span() for m in _DECADE_ZH.finditer(text)]  # 1920年代, 上世纪90年代: no year to give
    edges = word_edges(text)
    bled: dict[tuple[int, int], str] = {}
    for found in jio.ner.extract_time(text, time_base=_unix(p0), with_parsing=False):
        b, e = found["offset"]
        # a date's words begin and end on word edges: jionlp's span can bleed into the word
        # before or after it (记者从上周五 -> "者从上周五"); trim it to the edges inside it, and
        # when that leaves a span that does not begin like a date, keep it marked CHECK
        tb, te = b, e
        while tb < te and tb not in edges and not _DATE_START_ZH.match(text, tb):
            tb += 1
        while te > tb and te not in edges and text[te - 1] not in _DATE_END_ZH:
            te -= 1
        if (tb, te) != (b, e):
            if tb >= te:
                continue
            if not _DATE_START_ZH.match(text, tb) and not re.match(r"(?:将于|将在|于|在|自|从|至|到)", text[tb:te]):
                bled[(tb, te)] = f"CHECK: jionlp read '{text[b:e]}' as a date, which runs over a word's edge: kept '{text[tb:te]}', its words may be others"
            b, e = tb, te
        if not any(cb < e and b < ce for cb, ce in coarse):
            spans.append((b, e))
    own = r"(?:(?:19|20)[0-9]{2}年|今年|明年|去年)?(?:诺鲁孜节?|纳乌鲁兹节?|农历新年|大年初一|正月初一)|昨晚|昨夜|今晚|今晨|明晚|前晚"
    own += rf"|(?<=[于在至到从])(?:十[一二]?|[一二三四五六七八九])月(?:份)?(?![{HAN}]*[日号])"
    # 上月/下月/本月 before any word (将于下月登陆), when it stands on word edges of its own
    own += r"|(?:上|下|本|这)(?:个)?月(?:初|底|末|中旬|上旬|下旬)?"
    for m in re.finditer(own, text):  # holidays jionlp does not know, evenings, months in words
        if m.group()[0] in "上下本这" and not (m.start() in edges and m.end() in edges):
            continue
        if not any(b < m.end() and m.start() < e for b, e in spans):
            spans.append(m.span())
    for m in _OWN.finditer(text):
        if m.group() and not any(b <= m.start() < e or b < m.end() <= e for b, e in spans):
            spans.append(m.span())
    spans = [sp for sp in spans if not any(cb < sp[1] and sp[0] < ce for cb, ce in coarse)]
    # a range (9月20日至27日, 9月20日至10月3日): each end is a date of its own, resolved by its own
    # tense; a day written alone at the far end takes its partner's month (range_ends, below)
    split = []
    for b, e in spans:
        m = _RANGE_ZH.fullmatch(text, b, e)
        if m:
            split.append((b, m.end("a")))
            if not _BARE_DAY.match(m.group("b")):
                split.append((m.start("b"), e))
        else:
            split.append((b, e))
    spans = split
    out = [DateMention(b, e, text[b:e], None, False, "a decade or a century: coarser than a year, so only the words are kept") for b, e in coarse]
    titles = [(t.start(), t.end()) for t in re.finditer(r"《[^《》\n]*》", text)]
    for b, e in sorted(set(spans)):
        if any(tb < e and b < te for tb, te in titles):
            continue  # 《1950年的春天》: a title's words are no date
        words = text[b:e]
        core = re.sub(r"^(?:将于|将在|于|在|自|从|至|到)", "", words)
        b += len(words) - len(core)
        # 13日上午10时, 当晚7时: a clock time is not the date's words; alone (晚上7点, 当晚7时) it is no date.
        # 从今年1月起, 下周二晚: "since" and the time of day are not the date's words (nor its precision)
        for _ in range(3):  # (晚上7点开始: since, a clock time, a time of day, in any order)
            clock = re.search(r"(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,3})(?:时|点)(?:[0-9]{1,2}分|半|许|整)?$|[0-9]{1,2}[:：][0-9]{2}$", core)
            tail = clock or re.search(r"(?:起|以来|开始|至今|晚上|晚间|晚|上午|下午|早上|中午|凌晨|夜间|傍晚|左右)$", core)
            if not tail or (not clock and (len(core) <= len(tail.group()) or core in _EVENINGS)):
                break
            core = core[: tail.start()]
            e = b + len(core)
        # 今年10月前, 年底前: "before" is the date's relation to the event, not its words (nor its value)
        edge = re.search(r"(?:之前|以前|之后|以后|前夕|前|后)$", core)
        eve = None
        if edge and edge.start() and not _DURATION_ZH.fullmatch(core[: edge.start()]) and _CALENDAR_ZH.search(core[: edge.start()]):
            core = core[: edge.start()]
            e = b + len(core)
            if edge.group() == "前夕":
                eve = f"CHECK: '{core}前夕' is the eve of '{core}', a day or days before it: the value is the day itself"
        # 今年年中, 12月底: a part of the year or month that jionlp left outside the date's words is
        # part of them (the value keeps the year or month); any other word is left out, marked
        part = re.match(r"年中|年初|年底|年末|上半年|下半年|初|底|末|中下旬|上中旬|中旬|上旬|下旬|下旬|(?<=月[上中])(?:中|下)?旬", text[e:])
        if part and (part.group().startswith(("年", "上半", "下半")) and re.search(r"年$", core) or not part.group().startswith(("年", "上半", "下半")) and re.search(r"月[上中]?$", core)):
            core += part.group()
            e += len(part.group())
        # 元旦假期, 国庆长假: the holiday's words are its name; the holidays widen its value (below)
        rest = re.search(r"(?<=[节旦庆一夕])(?:假期|长假|小长假|黄金周|期间)$", core)
        if rest:
            core = core[: rest.start()]
            e = b + len(core)
        # 明年暑期档: a season's release season is one word with it (a holiday's below)
        if re.search(r"(?:暑期|暑假|寒假|贺岁|[春夏秋冬]季)$", core) and text.startswith("档", e) and not text.startswith("档案", e):
            core += "档"
            e += 1
        # 明年春节档, 2027年国庆档: a holiday's release season is one phrase with it too; its value is the
        # holidays around the day (widened below: a season across two months keeps only their year)
        if _HOLIDAY.search(core) and text.startswith("档", e) and not text.startswith(("档案", "档期"), e):
            core += "档"
            e += 1
        if not core or _NOT_OWN_DATE.match(core) or _DURATION_ZH.fullmatch(core) or _TIME_OF_DAY_ZH.fullmatch(core):
            continue  # 近两个月, 历时三年, 过去五年: a length of time (or a period counted back), no date
        if re.fullmatch(r"[0-9]+", core) or (re.fullmatch(r"[0-9]{4}", core[:4] or "") and not re.search("年", core) and len(core) <= 5):
            continue  # a bare number ("1700") is not a year without 年
        if re.fullmatch(rf"[{HAN}]{{2,12}}", text[text.rfind("\n", 0, b) + 1 : b]) and text.startswith("电", e):
            tense = Tense("past", "a dateline's date (本报乌鲁木齐5月14日电): the day of the report")
        else:
            tense = tense_near(text, b, e, sentence_span(text, b, sentences), _cues, _CLAUSE_ZH, sentence_fallback=False)
        resolved = _resolve_zh(core, p0, p1, tense, jio)
        if resolved is None:
            continue
        value, how, check, alt = resolved
        if eve:
            check = check or eve
        for (xb, xe), why in bled.items():
            if xb <= b and e <= xe:
                check = check or why
        if about := re.match(r"左右|前后|上下", text[e:]):  # 10月左右, 国庆前后: about then, so the month may be another
            check = check or f"CHECK: '{core}{about.group()}' is about {core}, not on it: {value} may be another month"
        if value is not None and core.endswith(("年中", "年初", "年底", "年末", "上半年", "下半年")) and not how.endswith("(jionlp)") and value.month:
            value = PartialDate(value.year)
        period = _HOLIDAY_PERIOD.match(text, e) or re.search(r"(?:档期|档|假期|长假|小长假|黄金周)$", core)
        if value is not None and value.day and _HOLIDAY.search(core) and period:
            # 春节期间, 国庆假期: the holidays around the day, not the day (finest of the days they can cover)
            day = dt.date(value.year, value.month, value.day)
            if re.search(r"国庆|五一|劳动节|元旦", core):  # the holidays begin on the day (1-7 October)
                value = finest(day, day + dt.timedelta(days=6))
            else:  # the Spring Festival's holidays begin on its eve
                value = finest(day - dt.timedelta(days=2), day + dt.timedelta(days=7))
            how = f"{core}{'' if period.re is not _HOLIDAY_PERIOD else period.group()}: the holidays around {day}, not the day itself"
        out.append(DateMention(b, e, core, value, not re.match(r"^(?:19|20)[0-9]{2}年", core), how, check, alt))
    return _counted_from_before(text, range_ends(text, sorted(out, key=lambda d: d.begin), "zh"), p0, p1, sentences)


#: dates counted from the date before them (影片2019年开拍，次年上映: 2020), never from the publication
#: date; "两年后" / "三个月后" likewise, else (no date before) from the publication date, marked CHECK
_ANCHORED_ZH = re.compile(
    r"(?P<same>同年|当年|同月|当月)(?![0-9])|(?P<next>次年|翌年|第二年|次月)"
    r"|(?P<n>[0-9]+|[一二两三四五六七八九十]+)(?P<unit>年|个月|周|天)(?P<dir>后|之后|以后|前|之前|以前)(?!夕)"
)


def _counted_from_before(text: str, found: list[DateMention], p0: dt.date, p1: dt.date, sentences) -> list[DateMention]:
    """``found``, with the dates that count from the date before them resolved from it: 次年 (the
    next year), 同年/当年, 次月, and "N年后/N个月后" after a date in the same sentence. "三年前" with
    no date before it counts from the publication date (as jionlp reads it); "两年后" with none is
    kept, marked CHECK: a story often counts "later" from a time it does not date."""
    from kg.curate.extract.dates import _add_months

    out = list(found)
    for m in _ANCHORED_ZH.finditer(text):
        sb, _ = sentence_span(text, m.start(), sentences)
        before = [d for d in out if d.end <= m.start() and d.value is not None and d.begin >= sb and not (d.begin < m.end() and m.start() < d.end)]
        clash = [d for d in out if d.begin < m.end() and m.start() < d.end]
        if not before and not m.group("n"):
            pb = sentence_span(text, sb - 2, sentences)[0] if sb > 1 else sb
            before = [d for d in out if pb <= d.begin and d.end <= sb and d.value is not None]
        anchor = before[-1] if before else None
        check = anchor.check if anchor else None
        if anchor is None:
            if not m.group("n") or p0 != p1:
                continue
            v = PartialDate(p0.year, p0.month, p0.day)  # 三年前: counted from the publication date
            if re.match(r"后|之后|以后", m.group("dir")):
                check = f"CHECK: '{m.group()}' counted from the publication date; it may count from another time the text does not date"
            elif m.group("unit") in ("个月", "周"):
                check = f"CHECK: '{m.group()}' counted from the publication date, {v}: a round number, so the month or day may be another"
            anchor_words = "the publication date"
        else:
            v = anchor.value
            anchor_words = f"'{anchor.wording}' ({anchor.value}), the date before it"
        if m.group("same"):
            value = PartialDate(v.year) if "年" in m.group() else PartialDate(v.year, v.month) if v.month else None
        elif m.group("next"):
            value = PartialDate(v.year + 1) if "年" in m.group() else None
            if "月" in m.group() and v.month:
                first = _add_months(dt.date(v.year, v.month, 1), 1)
                value = PartialDate(first.year, first.month)
        else:
            n = int(m.group("n")) if m.group("n").isdigit() else _chinese_number(m.group("n"))
            sign = -1 if "前" in m.group("dir") else 1
            unit = m.group("unit")
            value = None
            if unit == "年":
                value = PartialDate(v.year + sign * int(n))
            elif unit == "个月" and v.month:
                first = _add_months(dt.date(v.year, v.month, 1), sign * int(n))
                value = PartialDate(first.year, first.month)
            elif v.day:
                day = dt.date(v.year, v.month, v.day) + dt.timedelta(days=sign * int(n) * (7 if unit == "周" else 1))
                value = PartialDate(day.year, day.month, day.day)
        if value is None:
            continue
        out = [d for d in out if d not in clash]
        how = f"'{m.group()}' counted from {anchor_words}"
        out.append(DateMention(m.start(), m.end(), m.group(), value, True, how, check, None))
    return sorted(out, key=lambda d: d.begin)


#: a holiday or a school season named with or without its year (元旦, 明年春节档, 暑期档, 国庆假期)
_HOLIDAY_ALONE = re.compile(
    r"^(?P<year>(?:19|20)[0-9]{2}年|今年|明年|去年|前年|后年)?(?:农历)?(?P<h>春节|农历新年|大年初一|正月初一|正月十五|八月十五|国庆|中秋|元旦|五一|劳动节|端午|清明|元宵|除夕|圣诞|诺鲁孜|纳乌鲁兹|暑期|暑假|寒假)"
    r"(?:节)?(?P<period>档期|档|假期|长假|小长假|黄金周)?$"
)
#: holidays jionlp does not know, by their fixed day
_FIXED_HOLIDAYS = {"诺鲁孜": (3, 21), "纳乌鲁兹": (3, 21)}


def _holiday_zh(m: re.Match, words: str, p0: dt.date, p1: dt.date, tense: Tense, jio):
    """A holiday's day (a school season's months) in the year its words give, else in the year
    the tense picks: 元旦 with 将 in December is the coming New Year, 春节 with 已 in May the one
    just past. The caller widens a day to the holidays around it (期间, 假期, 档)."""
    # the lunar New Year's day, the Lantern Festival and the Mid-Autumn Festival by their lunar dates
    name = {"农历新年": "春节", "大年初一": "春节", "正月初一": "春节", "正月十五": "元宵", "八月十五": "中秋"}.get(m.group("h"), m.group("h"))

    def span_in(year: int) -> tuple[dt.date, dt.date] | None:
        if name in _FIXED_HOLIDAYS:
            day = dt.date(year, *_FIXED_HOLIDAYS[name])
            return day, day
        try:
            parsed = jio.parse_time(name + ("节" if name in ("圣诞", "端午", "清明", "元宵", "中秋", "劳动") else ""), time_base=_unix(dt.date(year, 6, 15)))
            start, end = parsed["time"]
            return dt.date.fromisoformat(start[:10]), dt.date.fromisoformat(end[:10])
        except Exception:  # noqa: BLE001 - jionlp raises on words it cannot read
            return None

    if m.group("year"):
        word = m.group("year")
        years = {p0.year + {"今年": 0, "明年": 1, "去年": -1, "前年": -2, "后年": 2}[word], p1.year + {"今年": 0, "明年": 1, "去年": -1, "前年": -2, "后年": 2}[word]} if not word[0].isdigit() else {int(word[:4])}
        spans = [sp for y in sorted(years) if (sp := span_in(y))]
        if not spans:
            return None
        return finest(spans[0][0], spans[-1][1]), f"{words}: the holiday in the year its words give", None, None
    spans: dict[dt.date, dt.date] = {}
    for y in range(p0.year - 1, p1.year + 2):
        if sp := span_in(y):
            spans[sp[0]] = sp[1]
    if not spans:
        return None
    now = [first for first, last in spans.items() if first < p0 <= last or first < p1 <= last]
    if now:  # the season is under way: this one, but the words could mean the next
        first = now[0]
        return finest(first, spans[first]), f"{words}: the season under way at the publication date", f"CHECK: '{words}' is under way at the publication date; the next one may be meant", None

    def options_at(anchor: dt.date):
        return sorted(spans), anchor

    value, check, alt = tensed(options_at, p0, p1, tense, words, lambda d: (d, spans[d]))
    side = {"past": "on or before", "future": "on or after"}.get(tense.tense, "nearest")
    return value, f"{words}: the holiday {side} the publication date ({tense.why})", check, alt


_EVENINGS = {"昨晚": -1, "昨夜": -1, "前晚": -2, "今晚": 0, "今晨": 0, "明晚": 1}
_MONTH_WORDS = re.compile(r"^(?P<m>十[一二]?|[一二三四五六七八九])月(?:份)?$")


def _resolve_zh(words: str, p0: dt.date, p1: dt.date, tense: Tense, jio):
    side = {"past": "on or before", "future": "on or after"}.get(tense.tense, "nearest")
    if words in _EVENINGS:  # 昨晚: yesterday evening, a day counted from the publication date
        day = p0 + dt.timedelta(days=_EVENINGS[words])
        return (PartialDate(day.year, day.month, day.day) if p0 == p1 else None), f"{words}, counted from the publication date", None, None
    if m := _MONTH_WORDS.match(words):  # 十月: a month in words, read as 10月
        words = str(int(_chinese_number(m.group("m")))) + "月"
    if m := _BARE_DAY.match(words):
        day = int(m.group("d"))

        def options_at(anchor: dt.date):
            months = [(anchor.year + (anchor.month - 2 + k) // 12, (anchor.month - 2 + k) % 12 + 1) for k in range(3)]
            return [d for y, mo in months if (d := _safe_date(y, mo, day))], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, words)
        return value, f"day {day} of the month {side} the publication date ({tense.why})", check, alt
    if m := _BARE_MONTH_DAY.match(words):
        month, day = int(m.group("m")), int(m.group("d"))

        def options_at(anchor: dt.date):
            return [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, words)
        return value, f"{month}月{day}日 {side} the publication date ({tense.why})", check, alt
    if m := _BARE_MONTH.match(words):
        month = int(m.group("m"))

        def options_at(anchor: dt.date):
            return [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)], dt.date(anchor.year, anchor.month, 1)

        value, check, alt = tensed(options_at, p0, p1, tense, words, lambda d: (d, _month_end(d)))
        return value, f"{month}月 {side} the publication date ({tense.why})", check, alt
    if m := _BARE_WEEKDAY.match(words):
        wd = _WEEKDAY_ZH[m.group("w")]

        def options_at(anchor: dt.date):
            return [anchor + dt.timedelta(days=k) for k in range(-7, 8) if (anchor + dt.timedelta(days=k)).weekday() == wd], anchor

        value, check, alt = tensed(options_at, p0, p1, tense, words)
        return value, f"{words} {side} the publication date ({tense.why})", check, alt
    if m := _HOLIDAY_ALONE.match(words):
        return _holiday_zh(m, words, p0, p1, tense, jio)
    if m := _WEEKEND.match(words):
        shift = {"上": -1, "下": 1}.get((m.group("r") or "")[:1], 0)
        if m.group("r") or tense.tense == "either":
            # 本周末: this week's Saturday and Sunday (a weekend, never one day); 周末 alone: the nearest
            sats = []
            for anchor in (p0, p1):
                monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
                sats.append(monday + dt.timedelta(days=5))
            check = None if m.group("r") else uncertain(tense, words, finest(min(sats), max(sats) + dt.timedelta(days=1)))
            return finest(min(sats), max(sats) + dt.timedelta(days=1)), f"{words}: Saturday and Sunday of the week, counted from the publication date", check, None

        def saturdays(anchor: dt.date):
            return [anchor + dt.timedelta(days=k) for k in range(-8, 9) if (anchor + dt.timedelta(days=k)).weekday() == 5], anchor

        value, check, alt = tensed(saturdays, p0, p1, tense, words, lambda d: (d, d + dt.timedelta(days=1)))
        return value, f"{words}: the weekend {side} the publication date ({tense.why})", check, alt
    if m := _RELATIVE_MONTH.match(words):
        shift = {"上": -1, "下": 1, "次": 1}.get(m.group("r") or "", 0)

        def month_of(anchor: dt.date) -> tuple[dt.date, dt.date]:
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
            first = dt.date(y, mo + 1, 1)
            return first, dt.date(y, mo + 1, calendar.monthrange(y, mo + 1)[1])

        first, last = month_of(p0)[0], month_of(p1)[1]
        return finest(first, last), f"{words}, counted from the publication date", None, None
    # everything else: jionlp's calendar, at both ends of the publication range
    ranges = []
    for anchor in (p0, p1):
        try:
            parsed = jio.parse_time(words, time_base=_unix(anchor))
        except Exception:  # noqa: BLE001 - jionlp raises ValueError (and others) on words it cannot read
            return None
        if parsed.get("type") not in ("time_point", "time_span") or not parsed.get("time"):
            return None
        start, end = parsed["time"]
        if not isinstance(start, str) or not isinstance(end, str) or start.startswith("inf") or end.startswith("inf"):
            return None
        ranges.append((dt.date.fromisoformat(start[:10]), dt.date.fromisoformat(end[:10])))
    first, last = min(r[0] for r in ranges), max(r[1] for r in ranges)
    return finest(first, last), f"{words}, from the publication date (jionlp)", None, None


# -- segmentation and pinyin ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _jieba():
    import logging

    jieba = need("jieba", "languages", "kg draft (Chinese)")
    need("jieba.posseg", "languages", "kg draft (Chinese)")
    jieba.setLogLevel(logging.ERROR)
    return jieba


@lru_cache(maxsize=8)
def words(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """jieba's words with part-of-speech tags: (begin, end, word, tag)."""
    posseg = _jieba().posseg
    out, pos = [], 0
    for pair in posseg.cut(text):
        w, tag = pair.word, pair.flag
        out.append((pos, pos + len(w), w, tag))
        pos += len(w)
    return tuple(out)


#: words for a kind of land, which end a place's name without naming a second place
_GEOGRAPHIC_NOUNS = {
    "河谷", "地区", "山区", "草原", "湖区", "盆地", "高原", "平原", "谷地", "山脉", "流域", "沿岸", "一带", "景区", "新区", "市区",
    "城区", "郊区", "林区", "牧区", "边境", "河畔", "湖畔", "江畔", "山谷", "峡谷", "大峡谷", "沙漠", "戈壁", "绿洲", "古城", "老城",
}  # fmt: skip


def place_head(word: str) -> int:
    """Where a second place begins inside one jieba word of two (新疆阿勒泰地区: 2), else 0: the head
    must be a place in jieba's dictionary and the rest a place too, or end in a place word."""
    tags = _jieba().posseg.dt.word_tag_tab
    for k in range(2, len(word) - 1):
        rest = word[k:]
        if rest in _GEOGRAPHIC_NOUNS:
            continue  # 伊犁河谷: the valley of the Ili, one place
        if tags.get(word[:k]) == "ns" and (tags.get(rest) == "ns" or re.search(r"(?:地区|[省市州县湖山河岛])$", rest)) and len(rest) >= 2:
            return k
    return 0


def word_edges(text: str) -> set[int]:
    """Offsets where a jieba word begins or ends."""
    return {b for b, _, _, _ in words(text)} | {e for _, e, _, _ in words(text)}


def pinyin_name(name: str) -> str | None:
    """The pinyin of a Chinese personal name as English news writes it: 杨洋 -> Yang Yang, 郑涵艺 -> Zheng Hanyi.

    Two-character family names (欧阳, 司马 ...) are taken when the name has four characters.
    """
    if not re.fullmatch(rf"[{HAN}]{{2,4}}", name):
        return None
    lazy_pinyin = need("pypinyin", "languages", "kg draft (Chinese)").lazy_pinyin
    syllables = lazy_pinyin(name)
    family = 2 if len(name) == 4 else 1
    parts = ["".join(syllables[:family]), "".join(syllables[family:])]
    return " ".join(p.capitalize() for p in parts if p)


def all_transcription(word: str) -> bool:
    """Whether every character of ``word`` is one used to write foreign names (撒马尔罕, 塔拉兹)."""
    return bool(word) and all(ch in _TRANSCRIPTION for ch in word)


def pinyin_slug(name: str) -> str:
    """An id for a new name in Chinese characters: its pinyin (安德烈·沃尔金 -> andelie-woerjin)."""
    lazy_pinyin = need("pypinyin", "languages", "kg draft (Chinese)").lazy_pinyin
    parts = [p for p in re.split(r"[·•・\s]+", name) if p]
    if latin := latin_transcription(name):  # 阿斯兰·努尔别科夫 -> aslan-nurbekov
        return latin.lower().replace(" ", "-")
    if len(parts) == 1 and (spelled := pinyin_name(parts[0])):
        return spelled.lower().replace(" ", "-")
    if len(parts) == 1:
        # a name of words (青岛星河影业有限公司): one hyphen between words, as a curator writes
        # qingdao-xinghe-yingye-youxian-gongsi; a four-character word is two words of two
        # (有限公司); a longer one is a transliteration (哈萨克斯坦) and stays whole
        pieces = []
        for _, _, w, _ in words(name):
            if pieces and all_transcription(w) and all_transcription(pieces[-1]):
                pieces[-1] += w  # 撒马|尔罕: a transliteration jieba cut up stays whole (samaerhan)
                continue
            pieces += [w[:2], w[2:]] if len(w) == 4 and re.fullmatch(rf"[{HAN}]+", w) and not all_transcription(w) else [w]
        slug = "-".join("".join(lazy_pinyin(w)) for w in pieces if re.search(rf"[{HAN}\w]", w))
        return re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
    return "-".join("".join(lazy_pinyin(p)) for p in parts).lower()


# -- organisation names translated word by word ------------------------------------------------------

#: Chinese words of organisation and event names -> the English words they may be (None: no word;
#: 公司 and 有限公司 end Chinese company names where English ones need not say "company")
CALQUES_ZH: dict[str, tuple[str | None, ...]] = {
    "国家": ("national", "state", None), "国立": ("national", "state"), "中央": ("central",), "国际": ("international",),
    "成员国": (None,), "媒体": ("media",), "传媒": ("media",), "集团": ("group",), "电影": ("film", "cinema"),
    "影视": ("film and television", "film"), "发行": ("distribution",), "公司": (None, "company"), "有限公司": (None, "company"),
    "有限": (None,), "股份": (None,), "广播": ("radio",), "电视": ("television", "tv"), "广播电视": ("radio and television",),
    "电视台": ("television", "tv"), "中心": ("centre", "center"), "协会": ("association",), "联合会": ("union", "federation"),
    "联盟": ("alliance", "union"), "委员会": ("committee", "commission"), "组委会": ("organising committee", "organizing committee"),
    "基金会": ("foundation", "fund"), "基金": ("fund",), "文化": ("culture", "cultural"), "部": ("ministry",),
    "文化部": ("ministry of culture",), "旅游": ("tourism",), "和": (None,), "与": (None,), "信息": ("information",),
    "局": ("administration", "bureau"), "电影局": ("film administration",), "署": ("agency",), "大学": ("university",),
    "学院": ("academy", "institute", "college"), "研究院": ("institute", "academy"), "研究所": ("institute",),
    "制片厂": ("studio", "studios"), "电影制片厂": ("film studio", "film studios"), "电影厂": ("film studio",), "工作室": ("studio",),
    "影业": ("pictures", "films"), "动画": ("animation",), "纪录片": ("documentary",), "青年": ("youth",), "儿童": ("children",),
    "发展": ("development",), "支持": ("support",), "优秀": ("outstanding",), "作品": ("works", None), "周": ("week",),
    "电影周": ("film week",), "电影节": ("film festival",), "艺术节": ("arts festival",), "论坛": ("forum",), "峰会": ("summit",),
    "博览会": ("expo",), "奖": ("award", "prize"), "丝绸之路": ("silk road",), "丝路": ("silk road",), "亚洲": ("asian", "asia"),
    "欧亚": ("eurasian",), "中亚": ("central asia", "central asian"),
}  # fmt: skip
_FILLER_EN = {"and", "of", "the", "countries", "member", "states", "co", "ltd", "limited"}
_ENGLISH_NAMES: dict[int, dict[frozenset[str], set[tuple[str, str]]]] = {}


def _english_names(registry) -> dict[frozenset[str], set[tuple[str, str]]]:
    """The words of every known organisation's and event's English names -> (id, name), once per registry."""
    from kg.ingest.names import normalise

    if id(registry) not in _ENGLISH_NAMES:
        index: dict[frozenset[str], set[tuple[str, str]]] = {}
        for known in registry.entities.values():
            if known.type != "Organization" and "Festival" not in known.type and "Event" not in known.type:
                continue
            for n in known.names:
                found = re.findall(r"[a-z']+", normalise(n.text))
                if found and n.text.isascii():
                    index.setdefault(frozenset(w for w in found if w not in _FILLER_EN), set()).add((known.id, n.text))
        _ENGLISH_NAMES.clear()  # one registry at a time
        _ENGLISH_NAMES[id(registry)] = index
    return _ENGLISH_NAMES[id(registry)]


def translated_name(name: str, registry) -> tuple[str, str] | None:
    """(id, English name) of the one known organisation or event whose English name ``name``'s
    words translate into, one by one (国家媒体集团电影发行公司 -> National Media Group Film
    Distribution), or None: every word must be in :data:`CALQUES_ZH` or be a country
    (:data:`~kg.curate.extract.lexicon.PLACE_NAMES`), and two words at least must say something.
    A draft marks it CHECK: a translation word by word is a guess, however close (as for Russian)."""
    from itertools import product

    from kg.curate.extract.lexicon import PLACE_NAMES
    from kg.ingest.names import normalise

    options = []
    for w in _jieba().lcut(name):  # (not words(): its small cache is the document's)
        if w in CALQUES_ZH:
            options.append([tuple(o.split()) if o else () for o in CALQUES_ZH[w]])
        elif w in PLACE_NAMES and re.match(r"[A-Z]", PLACE_NAMES[w]):
            options.append([tuple(normalise(PLACE_NAMES[w]).split())])
        else:
            return None
    if sum(1 for o in options if o != [()]) < 2:
        return None
    index, ids = _english_names(registry), set()
    for combo in list(product(*options))[:512]:
        ids |= index.get(frozenset(x for part in combo for x in part if x not in _FILLER_EN), set())
    return sorted(ids)[0] if len({eid for eid, _ in ids}) == 1 else None


# -- names next to roles and speech ---------------------------------------------------------------

ROLE_WORDS_ZH = {
    "总导演": "director",
    "导演": "director",
    "总制片人": "producer",
    "制片人": "producer",
    "出品人": "producer",
    "监制": "producer",
    "主演": "actor",
    "演员": "actor",
    "女主角": "actor",
    "男主角": "actor",
    "编剧": "author",
    "作曲": "musicBy",
    "摄影指导": "cinematographer",
    "配音演员": "actor",  # the voice cast of an animated film: "voiced by" is a part in the film
    "主要配音": "actor",
}
_ROLE_WORD = "|".join(sorted(ROLE_WORDS_ZH, key=len, reverse=True))
#: verbs after a name that give it a role on the film (由刘思远执导, 郑涵艺主演)
ROLE_VERBS_ZH = {"执导": "director", "导演": "director", "领衔主演": "actor", "主演": "actor", "出演": "actor", "饰演": "actor", "配音": "actor",
                 "客串": "actor", "扮演": "actor",
                 "监制": "producer", "编剧": "author", "作曲": "musicBy"}  # fmt: skip
_ROLE_VERB = "|".join(sorted(ROLE_VERBS_ZH, key=len, reverse=True))
_FOREIGN_NAME = rf"[{HAN}]{{1,6}}(?:[·•・][{HAN}]{{1,8}})+"
_SPEECH_ZH = r"表示|说|称|介绍|指出|谈到|透露|坦言"
#: titles a person's name follows (not film roles: those are ROLE_WORDS_ZH)
_TITLE_ZH = (
    r"负责人|总经理|经理|主任|部长|会长|秘书长|总裁|董事长|局长|市长|大使|总统|总理|发言人|主席|院长|所长|团长|馆长|总监|"
    r"策展人|选片人|评委|创始人|记者|研究员|教授|厂长|台长|社长|校长|处长|司长|署长|理事长|艺术总监|参赞|领事|总领事"
)


# words that follow a name and are no part of it (安德烈·沃尔金|当天通过视频致辞, 卡柳日内|在发布会上说):
# none of these characters is used to write foreign names in Chinese
_AFTER_NAME = re.compile(
    r"当天|当日|昨天|今天|明天|日前|近日|此前|随后|表示|介绍|指出|谈到|透露|坦言|宣布|执导|主演|出演|出席|参加|签署|通过|"
    r"作为|担任|饰演|带来|亮相|获得|荣获|凭借|发表|接受|一同|一起|一道|共同|分别|先后|相继|首次|再次|发来|致信|致辞|出任|"
    r"领衔|联袂|携手|搭档|扮演|客串|主持|监制|编剧|配音|献唱|演唱|率领|带领|"
    r"[在与和及的将已曾于对向被把也还则都等是为同跟从到就又均共再所以由称说携凭、，。]"
)
# words before a name that are no part of it (俄罗斯导演|安德烈·沃尔金, 与|米洛什·比科维奇)
_BEFORE_NAME = re.compile(
    rf"(?:{_ROLE_WORD}|{_TITLE_ZH}|演员|女|男|著名|知名|青年|新锐|资深|总统|主席|部长|大使|代表|嘉宾|籍|人|国|斯坦|罗斯|"
    r"表示|介绍|指出|说|与|和|及|的|由|对|向|同|跟|是|为|在|、)$"
)


#: what is named after a person (阿里舍尔·纳沃伊剧院, 纳沃伊奖): no person's name, but a venue's, a body's or an award's
_NAMED_AFTER = re.compile(r"大剧院|歌剧院|剧院|电影院|影院|影城|广场|博物馆|纪念馆|大街|大道|公园|宫|学院|大学|电影制片厂|制片厂|基金会|中心|奖")
_NAMED_AFTER_PLACE = re.compile(r"大剧院|歌剧院|剧院|电影院|影院|影城|广场|博物馆|纪念馆|大街|大道|公园|宫")


def is_transcription(name: str) -> bool:
    """Whether ``name`` is four characters or more, every one used to write foreign names (乌斯季卡缅诺戈尔斯克),
    however jieba cut it (乌斯季|卡缅诺|戈尔斯|克, the last a numeral to it)."""
    return len(name) >= 4 and all(ch in _TRANSCRIPTION for ch in name)


#: where a long transcribed name is a place: after a verb of going (转场至, 前往, 抵达), and a region's
#: inside before it (哈方境内的); and before the clause's end or a verb of shooting
_GOING_TO = re.compile(
    rf"(?:转场至|转场|转战|移师|前往|飞往|飞抵|抵达|到达|来到|奔赴|途经|经停|赶赴|至|到|赴)"
    rf"(?:[{HAN}]{{1,8}}?(?:境内|境外|地区|一带|北部|南部|东部|西部|中部|边境|附近|郊外)的?)?(?P<p>[{HAN}]{{4,14}}?)"
    r"(?=[，。；、！？\n）)]|的|和|与|及|等地|等|拍摄|取景|举行|开机|杀青|继续|进行|参加|$)"
)


def transcribed_places(text: str) -> list[tuple[int, int]]:
    """Long transcribed place names after a verb of going (剧组将转场至哈方境内的乌斯季卡缅诺戈尔斯克):
    jieba knows few of them and cuts them into pieces it tags as names and numerals."""
    return [m.span("p") for m in _GOING_TO.finditer(text) if is_transcription(m.group("p"))]


def named_after_people(text: str) -> list[tuple[int, int, str]]:
    """Venues and bodies named with a foreign person's name (阿里舍尔·纳沃伊剧院): (begin, end, type),
    a Place for a venue, an Organization for a school or a studio; an award is left out ("")."""
    out = []
    for b, e in _foreign_spans(text, keep_named_after=True):
        if m := _NAMED_AFTER.match(text, e):
            kind = "Place" if _NAMED_AFTER_PLACE.fullmatch(m.group()) else "" if m.group() == "奖" else "Organization"
            out.append((b, m.end(), kind))
    return out


def foreign_names(text: str) -> list[tuple[int, int]]:
    """Foreign names of people written with a middle dot (安德烈·沃尔金), cut where the name ends;
    a name that a venue or a body bears (阿里舍尔·纳沃伊剧院) is none: see :func:`named_after_people`."""
    return _foreign_spans(text)


def _foreign_spans(text: str, keep_named_after: bool = False) -> list[tuple[int, int]]:
    """Foreign names written with a middle dot (安德烈·沃尔金), cut where the name ends.

    The dot joins the parts of one name, but nothing marks where the name begins or ends in
    running text: the last part ends before the first word that cannot be part of a name
    (当天, 通过, 在, 说 ...), and the first part begins after a role, country or function word
    (导演, 俄罗斯, 与 ...), or where jieba begins the word before the dot. Names in 《》 are titles.
    """
    segs = words(text)
    pairs = []
    for m in re.finditer(rf"(?<=[{HAN}])[·•・](?=[{HAN}])", text):
        dot = m.start()
        if text.rfind("《", 0, dot) > text.rfind("》", 0, dot):
            continue  # inside a title
        tail = re.match(rf"[{HAN}]+", text[dot + 1 :]).group()
        cut = next((i for i in range(1, len(tail)) if _AFTER_NAME.match(tail, i) or _NAMED_AFTER.match(tail, i)), len(tail))
        # 格列布·卡柳日内领衔主演: a word of two characters or more, none of them one used to write foreign
        # names, is no part of the name, whatever the word (a role verb, an adverb, a noun)
        plain = [b - dot - 1 for b, e, w, tag in segs if dot + 3 <= b < dot + 1 + cut and e - b >= 2 and not tag.startswith("nr")
                 and not any(ch in _TRANSCRIPTION for ch in w)]
        cut = min([cut, *plain])
        end = dot + 1 + min(cut, 8)
        head_start = dot - len(re.search(rf"[{HAN}]{{1,6}}$", text[max(0, dot - 6) : dot]).group())
        start = next((i for i in range(dot - 1, head_start, -1) if _BEFORE_NAME.search(text[head_start:i])), None)
        if start is None:  # no boundary word: where jieba begins the name's words
            start = dot
            for b, e, _, tag in reversed([x for x in segs if x[1] <= dot and x[0] >= head_start]):
                if e != start or (start != dot and not tag.startswith("nr")):
                    break
                start = b
            start = start if start < dot else head_start
        pairs.append((start, end))
    out: list[tuple[int, int]] = []
    for b, e in pairs:  # A·B·C: the pairs A·B and B·C are one name
        if out and b < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((b, e))
    return out if keep_named_after else [(b, e) for b, e in out if not _NAMED_AFTER.match(text, e)]


def person_spans(text: str) -> list[tuple[int, int, str | None]]:
    """Names of people next to a role word (导演安德烈·沃尔金, 制片人杨洋) or a speech word (郑涵艺表示),
    with the role's property; names in a list after one role word (导演A、制片人B和主演C) each get theirs.
    A foreign name with a middle dot is a person wherever it stands."""
    found: dict[tuple[int, int], str | None] = {}
    segs = words(text)
    foreign = foreign_names(text)
    for b, e in foreign:
        role = next((w for w in sorted(ROLE_WORDS_ZH, key=len, reverse=True) if text[:b].endswith(w)), None)
        found[(b, e)] = ROLE_WORDS_ZH[role] if role else None
    for m in re.finditer(rf"(?P<role>{_ROLE_WORD})", text):
        start = m.end()
        if any(b <= start < e for b, e in found):
            continue
        span = _han_name_at(text, start, segs)
        if span:
            found[span] = ROLE_WORDS_ZH[m.group("role")]
    # 配音演员包括杨洋和阿依古丽, 主演有A、B和C, 导演为A: the names of a list after the role word and a
    # linking verb, each with the role, until a name that has a role word of its own
    for m in re.finditer(rf"(?P<role>{_ROLE_WORD})(?P<link>包括|包含|有|为|是|分别是|分别为|[：:])", text):
        pos, prop = m.end(), ROLE_WORDS_ZH[m.group("role")]
        while True:
            span = next(((b, e) for b, e in foreign if b == pos), None) or _han_name_at(text, pos, segs)
            if not span or any(b < span[1] and span[0] < e and (b, e) != span for b, e in found):
                break
            if found.get(span) is None:
                found[span] = prop
            if text[span[1] : span[1] + 1] not in ("、", "和", "及", "与"):
                break
            pos = span[1] + 1
    # 由刘思远执导, 郑涵艺、杨洋主演: names before a role verb, a list of them after 由 or a clause's start
    for m in re.finditer(rf"(?:共同|联合|联袂|搭档|携手)?(?P<v>{_ROLE_VERB})", text):
        pos, names = m.start(), []
        while True:
            span = next(((b, e) for b, e in foreign if e == pos), None)
            span = span or next(((s0, pos) for s0 in (pos - 3, pos - 2) if s0 >= 0 and _han_name_at(text, s0, segs) == (s0, pos)), None)
            if span is None:
                break
            names.append(span)
            # 杨洋与俄罗斯演员斯维特兰娜·丘伊金娜主演: a role word (and a country) before a name of the list
            # is the name's; the list goes on before it
            q = span[0]
            if said := re.search(rf"(?<=[、和与])[{HAN}]{{0,6}}?(?:{_ROLE_WORD})$", text[max(0, q - 12) : q]):
                q = max(0, q - 12) + said.start()
            if text[q - 1 : q] not in ("、", "和", "与") or q < 2:
                break
            pos = q - 1
        # (or after a role word that gave the first name its role: 俄罗斯演员A与B搭档出演)
        if names and (names[-1][0] == 0 or text[names[-1][0] - 1] in "由，。；：:\n" or found.get(names[-1]) == ROLE_VERBS_ZH[m.group("v")]):
            for span in names:
                if not any(b < span[1] and span[0] < e and (b, e) != span for b, e in found) and found.get(span) is None:
                    found[span] = ROLE_VERBS_ZH[m.group("v")]
    # a foreign name without a dot after a title (组委会主席卡里莫娃): every character one used for transcribing
    # (and after a role word: 《雪豹的山谷》导演萨法罗夫说)
    for m in re.finditer(rf"(?:主席|总经理|主任|部长|会长|秘书长|总裁|董事长|局长|市长|大使|总统|总理|(?P<role>{_ROLE_WORD}))(?P<name>[{HAN}]{{3,6}})", text):
        name = m.group("name")
        cut = next((i for i in range(2, len(name) + 1) if _AFTER_NAME.match(text, m.start("name") + i)), None)
        span = (m.start("name"), m.start("name") + cut) if cut else None
        if span and (span[1] - span[0] >= 3 or not m.group("role")) and all(ch in _TRANSCRIPTION for ch in text[span[0] : span[1]]) and not any(b < span[1] and span[0] < e for b, e in found):
            if not (m.group("role") and text[span[0]] in _FAMILY_NAMES and latin_transcription(text[span[0] : span[1]]) is None):
                found[span] = ROLE_WORDS_ZH[m.group("role")] if m.group("role") else None
    # a Chinese name after a title (发行负责人张琳, 新闻发言人王立新): jieba's name, or a family name and one or two characters
    for m in re.finditer(_TITLE_ZH, text):
        span = _han_name_at(text, m.end(), segs)
        if span and not any(b < span[1] and span[0] < e for b, e in found):
            found[span] = None
    for m in re.finditer(rf"(?:^|[，。；、\n“”\s])(?P<name>[{HAN}]{{2,3}})(?:{_SPEECH_ZH})[：:，,]|”[，,]?(?P<after>[{HAN}]{{2,3}})(?:{_SPEECH_ZH})。", text):
        span = m.span("name") if m.group("name") else m.span("after")
        if not any(b < span[1] and span[0] < e for b, e in found) and _looks_like_person(text, span, segs):
            found[span] = None
    return sorted((b, e, p) for (b, e), p in found.items())


def _han_name_at(text: str, start: int, segs) -> tuple[int, int] | None:
    """A person's name of two or three characters starting at ``start``, by jieba's word edges."""
    for b, e, w, tag in segs:
        if b == start and tag in ("nr", "nrfg", "nrt") and 2 <= len(w) <= 4:
            return b, e
        if b == start and len(w) == 3 and w[0] in _FAMILY_NAMES and re.fullmatch(rf"[{HAN}]+", w):
            return b, e  # after a role word, a three-character word a family name begins (黄浩南, tagged a place)
        if b == start and len(w) == 1 and tag in ("nr", "nrfg", "nrt", "n", "ng", "v", "vg", "a", "ag"):
            # jieba cut an unknown name in two: family name + given name (王/立新)
            nxt = next(((b2, e2, w2, t2) for b2, e2, w2, t2 in segs if b2 == e), None)
            if nxt and len(nxt[2]) <= 2 and re.fullmatch(rf"[{HAN}]+", nxt[2]) and w in _FAMILY_NAMES:
                return b, nxt[1]
        if b > start:
            break
    return None


def _looks_like_person(text: str, span: tuple[int, int], segs) -> bool:
    name = text[span[0] : span[1]]
    if "·" in name:
        return True
    return name[0] in _FAMILY_NAMES and not any(b == span[0] and tag not in ("nr", "nrfg", "nrt") and len(w) == len(name) for b, _, w, tag in segs)


_FAMILY_NAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


# -- quantities ------------------------------------------------------------------------------------

_QUANTITY_ZH = re.compile(
    r"(?P<qual>超过|超出|突破|逾|超|多于|高于|不少于|至少|近|将近|接近|不到|不足|低于|少于|约为|约|大约|大概|预计)?"
    r"(?P<num>[0-9]+(?:\.[0-9]+)?|(?<=[超过出破逾于近足到约概少])[一二两三四五六七八九十百千]+)(?P<scale>万|亿|千)?(?P<more>多|余)?(?P<scale2>万|亿)?"
    r"(?P<cur>卢布|元人民币|人民币|美元|元|坚戈|欧元)?(?P<approx>左右)?"
    r"(?P<unit>(?:名|部|个|位|家|场|人次|人|位|届|支|块|座|所|间|张|项|集|家|套|台)[\u3400-\u9fff]{0,4})?"
)
_BOUNDS_ZH = {
    "超过": "min",
    "超出": "min",
    "突破": "min",
    "逾": "min",
    "超": "min",
    "多于": "min",
    "高于": "min",
    "不少于": "min",
    "至少": "min",
    "近": "max",
    "将近": "max",
    "接近": "max",
    "不到": "max",
    "不足": "max",
    "低于": "max",
    "少于": "max",
    "约为": "approx",
    "约": "approx",
    "大约": "approx",
    "大概": "approx",
    "预计": "approx",
}
#: qualifiers that are verbs (票房已突破3.5亿元: "has broken through"): they bound the figure but are no part
#: of its words, as "превысит" in Russian (tests/articles/README.md); 超过/逾/近/约 are read as "more than",
#: "nearly", "about" and kept
_BOUND_VERBS_ZH = {"突破", "超出"}
_CURRENCY_ZH = {"卢布": "RUB", "元人民币": "CNY", "人民币": "CNY", "元": "CNY", "美元": "USD", "坚戈": "KZT", "欧元": "EUR"}
_SCALE_ZH = {"万": 1e4, "亿": 1e8, "千": 1e3}


_DIGITS_ZH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS_ZH = {"十": 10, "百": 100, "千": 1000}


def _chinese_number(words: str) -> float:
    """一千五百 -> 1500, 千 -> 1000, 两百 -> 200, 十 -> 10 (below ten thousand; 万 and 亿 are scales)."""
    total, digit = 0, None
    for ch in words:
        if ch in _DIGITS_ZH:
            digit = _DIGITS_ZH[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS_ZH[ch]
            digit = None
    return float(total + (digit or 0))


def find_quantities_zh(text: str, skip: list[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Counts and amounts in Chinese text: 超过6亿卢布 (min), 近1700名 (max), 约200名 (approx), 30部影片."""
    found = []
    for m in _QUANTITY_ZH.finditer(text):
        if not m.group("num"):
            continue
        begin = m.start("qual") if m.group("qual") and m.group("qual") not in _BOUND_VERBS_ZH else m.start("num")
        stop = m.start("unit") + 1 if m.group("unit") else m.end()  # the measure word, not the words after it
        if any(b < stop and begin < e for b, e in skip):
            continue
        if m.group("unit") and re.match(r"个(?:多|半)?(?:月|小时|星期|钟头)", m.group("unit")):
            continue  # 4个多月: a length of time
        after = text[m.end("num") : m.end("num") + 1]
        if after in "年月日号岁%％" and after and not m.group("scale"):
            continue
        scale = (m.group("scale") or "") + (m.group("scale2") or "")
        if not m.group("num")[0].isdigit() and not m.group("qual"):
            continue  # 三国, 两部: a number in words counts only with a qualifier (逾千名), as in English
        number = float(m.group("num")) if m.group("num")[0].isdigit() else _chinese_number(m.group("num"))
        for ch in scale:
            number *= _SCALE_ZH[ch]
        currency = _CURRENCY_ZH.get(m.group("cur") or "")
        unit = m.group("unit")
        if currency is None and not unit and m.group("qual"):
            counted = re.search(r"(人次|观众|人数|影片|作品|嘉宾|演职人员|员工|观影人次)[^，。；0-9]{0,2}$", text[max(0, m.start() - 8) : m.start()])
            unit = counted.group(1) if counted else None  # 观众人次超过4.5万: what is counted comes first
        if currency is None and not unit:
            continue
        bound = _BOUNDS_ZH.get(m.group("qual") or "", "value")
        if m.group("more") and bound == "value":
            bound = "min"  # 300多万: more than three million
        if m.group("approx"):
            bound = "approx"
        end_words = max(e for e in (m.end("num"), m.end("scale") if m.group("scale") else 0, m.end("more") if m.group("more") else 0,
                                    m.end("scale2") if m.group("scale2") else 0, m.end("cur") if m.group("cur") else 0,
                                    m.end("approx") if m.group("approx") else 0))
        q = QuantityMention(begin, end_words, text[begin:end_words], unit=unit, currency=currency)
        setattr(q, bound, number)
        found.append(q)
    return found


# -- roles and quotations -------------------------------------------------------------------------


_COMPANY_BEFORE_ZH = re.compile(r"(?:(?P<side>中方|俄方|哈方|外方)?(?P<kind>出品方|出品公司|出品单位|制作方|制片方|发行方|发行公司)(?:为|是|：|:)?)$")
#: 由X联合出品, and 由X在俄罗斯发行 (where, between the company and the verb)
_COMPANY_AFTER_ZH = re.compile(rf"^(?:(?:负责|独家|将|已|则)?在[{HAN}]{{1,10}}?(?:境内|地区|市场)?)?(?:联合|共同|独家|负责)?(?P<kind>出品|制作|摄制|发行)(?![人方])")
#: 影片国内发行由X负责: the task first, then 由 the company, then a verb of taking it on
_TASK_BEFORE_ZH = re.compile(r"(?P<kind>出品|制作|摄制|发行)(?:工作|业务|事宜)?(?:则|将|均|也|主要|统一|全部)?由$")
_TASK_AFTER_ZH = re.compile(r"^(?:负责|承担|担纲|完成|担任|承办|操作)")
#: X将负责该片在俄罗斯的发行: a company first in its clause, taking the task on
_TAKES_ON_ZH = re.compile(rf"^(?:将|已|还|也|则|主要)?(?:负责|承担|担纲)(?:该片|影片|本片|此片|这部影片|其)?(?:在[{HAN}]{{1,10}}?)?(?:的)?(?:国内|海外|全球)?(?P<kind>发行|出品|制作|摄制)")


def find_roles_zh(
    text: str, people: list[tuple[int, int, str | None]], organisations: list[tuple[int, int]] = ()
) -> list[RoleMention]:
    """Roles from the word before a name (导演, 制片人, 主演 ...; 中方制片人 gives the side),
    companies from the words around them (中方出品方为X, 发行方为X, 由X出品) and countries of origin
    from 中俄合拍 / 中俄合作 / 中国和塔吉克斯坦联合摄制."""
    from kg.curate.extract.lexicon import PLACE_NAMES, ZH_NATIONS, ZH_SIDES

    found = []
    organisations = sorted(organisations)
    starts = {b: e for b, e in organisations}
    # (longest first: 白俄罗斯 before the 俄罗斯 it ends in)
    countries_zh = sorted((w for w, en in PLACE_NAMES.items() if en in ZH_NATIONS.values() and re.match(rf"[{HAN}]", w)), key=len, reverse=True)
    for b, e in organisations:
        # (出品方哈萨克斯坦卡扎赫电影制片厂: the company's country between the party word and its name)
        country_b = b - len(next((w for w in countries_zh if text[:b].endswith(w)), ""))
        before = _COMPANY_BEFORE_ZH.search(text[max(0, country_b - 8) : country_b])
        # 由A与B联合出品, 由A、B和C共同出品: every company of the list, the verb after the last
        # (a country before a company of the list says where it is from: 和俄罗斯伏尔加影业公司)
        last = e
        while text[last : last + 1] in ("与", "和", "及", "、") and text[last : last + 1]:
            # (the next company, or a country and the company after it; 中国电影股份有限公司 begins with its country)
            nxt = last + 1 if last + 1 in starts else last + 1 + len(next((w for w in countries_zh if text.startswith(w, last + 1) and last + 1 + len(w) in starts), ""))
            if nxt not in starts:
                break
            last = starts[nxt]
        first = b
        while first >= 2:
            lead = next((w for w in countries_zh if text[:first].endswith(w)), "")
            if text[first - 1 - len(lead) : first - len(lead)] not in ("与", "和", "及", "、") or not any(oe == first - 1 - len(lead) for _, oe in organisations):
                break
            first = next(ob for ob, oe in organisations if oe == first - 1 - len(lead))
        # 由俄罗斯伏尔加影业公司负责, ，哈萨克斯坦草原之光影视公司出品: a country before the first company says where it is from
        if (lead := next((w for w in countries_zh if text[:first].endswith(w)), "")) and text[max(0, first - len(lead) - 1) : first - len(lead)] in ("由", "，"):
            first -= len(lead)
        after = None if before else _COMPANY_AFTER_ZH.match(text[last : last + 20]) if text[max(0, first - 1) : first] == "由" else None
        if not before and not after and text[max(0, first - 1) : first] == "由" and (task := _TASK_BEFORE_ZH.search(text[max(0, first - 10) : first])):
            after = _TASK_AFTER_ZH.match(text[last : last + 4])  # 国内发行由北京星河影业有限公司负责
            kind_of_task = task.group("kind") if after else None
        else:
            kind_of_task = None
        if not before and not after and text[max(0, first - 1) : first] == "，" and re.search(r"由[^。，]{2,40}(?:出品|摄制|制作|发行|执导|导演|监制|主演|领衔主演)$", text[max(0, first - 60) : first - 1]):
            after = _COMPANY_AFTER_ZH.match(text[last : last + 20])  # 由A出品，B发行: B after the comma, in the same 由
            first += 1 if after else 0
        head = first - len(next((w for w in countries_zh if text[:first].endswith(w)), ""))
        if not before and not after and (head == 0 or text[head - 1] in "，。；：\n") and (takes := _TAKES_ON_ZH.match(text[last : last + 24])):
            after, first = takes, head + 1  # 俄罗斯北极光影业集团将负责影片在俄发行 (first: as after 由, one before the name)
        if before or after:
            kind = kind_of_task or (before or after).group("kind")
            prop = "distributor" if kind.startswith("发行") else "productionCompany"
            start = country_b - len(before.group()) if before else first - 1
            side = ZH_SIDES.get(before.group("side")) if before and before.group("side") else None
            found.append(RoleMention(start, e if before else last + after.end(), prop, (b, e), side=side))
    for b, e, prop in people:
        if prop is None:
            continue
        role = next((w for w in sorted(ROLE_WORDS_ZH, key=len, reverse=True) if text[:b].endswith(w)), None)
        # (the list may hold a country, a role word and a long foreign name: 与乌兹别克斯坦演员迪尔诺扎·卡里莫娃主演)
        verb = re.match(rf"(?:[、和与][^，。；]{{1,24}}?)?(?:共同|联合|联袂|搭档|携手)?(?P<v>{_ROLE_VERB})", text[e:])
        if role is None and verb and ROLE_VERBS_ZH[verb.group("v")] == prop:  # 由刘思远执导: the verb after the name
            start = b - 1 if text[b - 1 : b] == "由" else b
            found.append(RoleMention(start, e + verb.end(), prop, (b, e)))
            continue
        if role is None:  # a name further on in a list after the role word (配音演员包括A和B)
            heads = [x for x in re.finditer(rf"{_ROLE_WORD}", text[max(0, b - 40) : b]) if ROLE_WORDS_ZH[x.group()] == prop]
            if not heads:
                continue
            start = max(0, b - 40) + heads[-1].start()
        else:
            start = b - len(role)
        side = next((country for word, country in ZH_SIDES.items() if text[:start].endswith(word)), None)
        if side:
            start -= 2
        found.append(RoleMention(start, e, prop, (b, e), side=side))
    makers = r"(?:的)?(?:电影人|影人|电影工作者|主创|团队|主创团队|剧组|公司|电影公司|片方|艺术家)?"
    # (the verbs of making a film: 摄制, 拍摄, 出品, 制作, 创作, 打造, 推出)
    for m in re.finditer(
        rf"(?P<n>[中俄哈吉塔乌印巴伊白]{{2,4}})(?:合拍|合作拍摄|联合摄制|合作|(?:两国|三国){makers}(?:共同|联合|合作|携手)(?:创作|摄制|拍摄|出品|制作|打造|推出))"
        r"(?![片]?(?:论坛|电影节|展映|峰会|会议|项目|协议))",
        text,
    ):
        title = re.match(rf"[{HAN}]{{0,6}}?《(?P<t>[^《》\n]+)》", text[m.end() : m.end() + 40])
        film = (m.end() + title.start("t"), m.end() + title.end("t")) if title else None
        for ch in m.group("n"):
            found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=ZH_NATIONS[ch], film=film))
    # 哈萨克斯坦影片《白骆驼》: a country's film
    countries_ = "|".join(sorted((w for w, en in PLACE_NAMES.items() if en in ZH_NATIONS.values() and re.match(rf"[{HAN}]", w)), key=len, reverse=True))
    for m in re.finditer(rf"(?P<c>{countries_})(?:电影|影片|纪录片|动画片|故事片|新片)《(?P<t>[^《》\n]+)》", text):
        found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=PLACE_NAMES[m.group("c")], film=m.span("t")))
    # 中国和塔吉克斯坦联合摄制, 由俄罗斯与哈萨克斯坦合拍: countries named in full
    countries = "|".join(sorted((w for w, en in PLACE_NAMES.items() if en in ZH_NATIONS.values() and re.match(rf"[{HAN}]", w)), key=len, reverse=True))
    # (由中国、乌兹别克斯坦两国电影人联合摄制: the film's makers of each country between the list and the verb)
    for m in re.finditer(rf"(?P<list>(?:{countries})(?:(?:和|与|、|及)(?:{countries}))+)(?:两国|三国|四国|多国|等国)?{makers}(?:共同|联合|合作|携手)?(?:摄制|合拍|出品|拍摄|制作|打造|创作)", text):
        title = re.match(rf"[{HAN}]{{0,8}}?《(?P<t>[^《》\n]+)》", text[m.end() : m.end() + 40])
        film = (m.end() + title.start("t"), m.end() + title.end("t")) if title else None
        for name in re.findall(countries, m.group("list")):
            found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=PLACE_NAMES[name], film=film))
    return found


def curly_quotes(text: str) -> str:
    """``text`` with the other quotation marks Chinese text uses, 「…」 and straight "…" (typed or
    converted text), written “…”, character for character (so offsets hold)."""
    text = text.replace("「", "“").replace("」", "”")
    return re.sub(r'"([^"\n]*)"', lambda m: f"“{m.group(1)}”", text)


def find_quotations_zh(text: str, people: list[tuple[int, int, str | None]]) -> list[QuotationMention]:
    """“…” with NAME表示：/ NAME说：before it, or ，NAME说 after it; 她/他 is the nearest person before."""
    found = []
    text = curly_quotes(text)  # (same length: every offset holds)
    for m in re.finditer(r"“(?P<q>[^“”\n]+)”", text):
        q = QuotationMention(m.start("q"), m.end("q"), m.group("q"), m.start(), m.end())
        head = text[max(0, m.start() - 30) : m.start()]
        before = re.search(rf"(?P<who>{_FOREIGN_NAME}|[{HAN}]{{1,6}}?)(?:在[^，。“”]{{1,10}}?[上中时]|当天|随后|还|也|则)?(?:{_SPEECH_ZH})[：:，,]\s*$", head)
        if before:
            offset = max(0, m.start() - 30)
            wb, we = offset + before.start("who"), offset + before.end("who")
            speaker = next(((b, e) for b, e, _ in people if b <= wb < e or wb <= b < we and e == we), None)
            if before.group("who") in ("她", "他", "她们", "他们"):
                q.speaker, q.pronoun = (wb, we), True
            elif speaker:
                q.speaker = speaker
            if q.speaker:
                q.attribution = (q.speaker[0], offset + before.end())
                q.span_begin = q.speaker[0]
                if text[m.end() : m.end() + 1] == "。":
                    q.span_end = m.end() + 1
        after = None if before else re.match(rf"[，,]?(?P<who>{_FOREIGN_NAME}|[{HAN}]{{2,4}}?)(?:{_SPEECH_ZH})[。，,]", text[m.end() :])
        if after:  # “……”刘思远说。: the speaker after the quotation
            wb, we = m.end() + after.start("who"), m.end() + after.end("who")
            speaker = next(((b, e) for b, e, _ in people if (b, e) == (wb, we)), None)
            if speaker:
                q.speaker, q.attribution, q.span_end = speaker, (speaker[0], m.end() + after.end() - 1), m.end() + after.end()
        if len(m.group("q")) < 8 and q.speaker is None:
            continue  # a short quoted phrase without a speaker
        if q.speaker is None and not re.search(r"[，。！？；：,!?;:]", m.group("q")) and (
            re.search(r"(?:获评|评为|获得|荣获|获|授予|颁发|摘得|称为|誉为|名为|题为|主题为|命名为|入选|被评为|列为)$", text[max(0, m.start() - 4) : m.start()])
            or re.match(r"奖|称号|荣誉|单元|项目|计划|活动|倡议|主题|系列|品牌|栏目|节目|专题", text[m.end() :])
        ):
            continue  # 获评“最受观众喜爱影片”: the title of an award, a programme or a theme, not anyone's words
        found.append(q)
    return found


# -- foreign names in characters, read back into Latin letters ------------------------------------------

#: the characters Chinese uses to write Russian and Central Asian names (the Xinhua tables), with
#: the Latin letters they usually stand for in an English-style transcription of the name
_TRANSCRIPTION = {
    "阿": "a", "艾": "ay", "安": "an", "昂": "an", "奥": "o", "巴": "ba", "拜": "bay", "班": "ban", "邦": "bon", "鲍": "bo",
    "贝": "be", "本": "ben", "比": "bi", "彼": "pe", "得": "t", "别": "be", "宾": "bin", "波": "bo", "博": "bo", "布": "b", "茨": "ts", "采": "tse",
    "达": "da", "代": "de", "丹": "dan", "德": "d", "迪": "di", "蒂": "ti", "东": "don", "杜": "du", "多": "do", "厄": "e",
    "恩": "n", "尔": "r", "法": "fa", "凡": "van", "菲": "fi", "费": "fe", "芬": "fen", "夫": "v", "弗": "f", "福": "fo",
    "伏": "vo", "嘎": "ga", "冈": "gan", "戈": "go", "格": "g", "贡": "gon", "古": "gu", "哈": "kha", "海": "khay",
    "汉": "khan", "汗": "khan", "赫": "kh", "霍": "kho", "基": "ki", "吉": "gi", "季": "di", "加": "ga", "贾": "dzha",
    "杰": "ge", "捷": "te", "金": "kin", "卡": "ka", "凯": "ke", "坎": "kan", "科": "ko", "柯": "ko", "克": "k", "库": "ku",
    "拉": "la", "莱": "le", "赖": "ray", "兰": "lan", "朗": "lan", "劳": "lau", "勒": "l", "雷": "re", "里": "ri", "利": "li",
    "丽": "li", "莉": "li", "列": "le", "连": "len", "廖": "lyo", "林": "lin", "琳": "lin", "柳": "lyu", "龙": "lon",
    "卢": "lu", "鲁": "ru", "伦": "ren", "罗": "ro", "洛": "lo", "马": "ma", "玛": "ma", "迈": "may", "曼": "man",
    "梅": "me", "门": "men", "米": "mi", "敏": "min", "明": "min", "莫": "mo", "姆": "m", "穆": "mu", "娜": "na",
    "纳": "na", "南": "nan", "内": "ne", "涅": "ne", "尼": "ni", "妮": "ni", "纽": "nyu", "诺": "no", "努": "nu",
    "帕": "pa", "潘": "pan", "佩": "pe", "皮": "pi", "普": "p", "奇": "ch", "契": "che", "恰": "cha", "切": "che",
    "钦": "chin", "琴": "chen", "丘": "chu", "秋": "chu", "萨": "sa", "赛": "say", "桑": "san", "瑟": "s", "森": "sen",
    "沙": "sha", "莎": "sha", "舍": "she", "申": "shen", "什": "sh", "施": "sh", "斯": "s", "松": "son", "索": "so",
    "苏": "su", "塔": "ta", "泰": "te", "坦": "tan", "特": "t", "提": "ti", "廷": "tin", "通": "ton", "图": "tu",
    "托": "to", "瓦": "va", "娃": "va", "万": "van", "韦": "ve", "维": "vi", "温": "vin", "文": "ven", "沃": "vo",
    "乌": "u", "西": "si", "希": "shi", "谢": "se", "辛": "sin", "休": "syu", "雅": "ya", "亚": "ya", "扬": "yan",
    "耶": "ye", "叶": "ye", "伊": "i", "因": "in", "英": "in", "尤": "yu", "约": "yo", "扎": "za", "泽": "ze",
    "兹": "z", "佐": "zo", "热": "zhe", "日": "zh", "卓": "zho", "朱": "zhu", "烈": "rey", "蒙": "mon",
    "娅": "ya", "依": "i", "莲": "len", "芙": "f", "琪": "ki", "蕾": "re", "薇": "vi", "黛": "de", "茹": "zhu", "哲": "zhe",
    "塞": "se", "宗": "zon", "祖": "zu", "欧": "o", "埃": "e", "爱": "ay", "根": "gen", "绍": "sho", "舒": "shu", "肖": "sho",
    "留": "lyu", "久": "dyu", "卜": "b", "阔": "ko", "铁": "te", "木": "mu", "孜": "z", "缅": "men", "乔": "cho",
    "符": "v", "甫": "f", "堡": "burg", "干": "gan", "喀": "ka", "罕": "khan", "撒": "sa", "楚": "chu",
    "济": "zi", "齐": "zi",
}  # fmt: skip


#: common roots of Central Asian and Russian names, as English-language news spells them. The
#: characters leave r/l (拉, 尔) and kh/sh (希) open; a reading that begins with one of these roots is
#: taken over one that only sounds like it (拉希莫娃: Rakhimova, not Lashimova; 苏尔坦诺夫: Sultanov)
_NAME_ELEMENTS = (
    "rakhim", "rakhman", "rakhmon", "rashid", "rasul", "ramazan", "rauf", "rais", "sultan", "kamal", "jamal", "khalil", "iqbal",
    "abdul", "akhmat", "akhmed", "mukhtar", "mukham", "bakhyt", "bakhti", "farkhod", "shukhrat", "lyudmil", "larisa", "alisher",
    "olga", "galina", "gulnar", "elmir", "marat", "murat", "rinat", "ravil", "renat", "rustam", "ruslan", "roza", "raushan",
    "dilnoz", "dilshod", "dilfuz", "dildor", "gulchekhr", "aziz",
)  # fmt: skip


def _merged(latin: str) -> str:
    """A Latin spelling with what the characters cannot tell apart made one: r/l, kh/sh/h."""
    return re.sub(r"kh|sh|h", "H", latin.lower()).replace("l", "r")


def _name_element(word: str) -> str:
    """``word`` (a name read back from characters) beginning with the spelling of a known name root
    when it sounds like one (Lashimova -> Rakhimova), else as it is."""
    low, head = word.lower(), _merged(word)
    for element in _NAME_ELEMENTS:
        if low.startswith(element) or not head.startswith(_merged(element)):
            continue
        cut = next((k for k in range(len(low) + 1) if _merged(low[:k]) == _merged(element) and not low[k : k + 1] == "h"), None)
        if cut is not None:
            return (element + low[cut:]).capitalize()
    return word


def latin_transcription(name: str) -> str | None:
    """A foreign name in characters read back into Latin letters, word by word: 阿斯兰·努尔别科夫
    -> "Aslan Nurbekov", 阿利舍尔·卡里莫夫 -> "Alisher Karimov". None unless every character is
    one of :data:`_TRANSCRIPTION` (a name that is not a transcription, or uses a rarer one)."""
    parts = [p for p in re.split(r"[·•・]", name) if p]
    if len(parts) < 2 and not (parts and len(parts[0]) >= 3 and parts[0][0] not in _FAMILY_NAMES):
        return None  # one word: only a name of three characters or more that no Han family name begins
    words = []
    for part in parts:
        if not all(ch in _TRANSCRIPTION for ch in part):
            return None
        word = "".join(_TRANSCRIPTION[ch] for ch in part)
        # the Turkic name element gul ("flower": Aigul, Gulnara), which Chinese writes 古丽
        word = word.replace("guli", "gul") if "古丽" in part else word
        word = _name_element(word)
        word = re.sub(r"([^aeiouy])\1+", r"\1", word)  # 尔·德 -> rd, never rr
        # 科瓦廖夫, 戈尔巴乔夫: the surname ending -ёв(а), which English news writes -ev(a) (Kovalev,
        # Gorbachev), as lexicon.transliterate writes ё
        word = re.sub(r"(?<=l)yo(?=va?$)|(?<=ch)o(?=va?$)", "e", word)
        words.append(word.capitalize())
    return " ".join(words)


def sound_key(latin: str) -> tuple[str, ...]:
    """The consonants of each word of a Latin name, with the distinctions a transcription into
    characters loses set aside (r/l, g/k/kh/h, v/f, d/t, b/p, z/s, zh/sh/ch/ts): "Andrey
    Volgin" and "Andrei Vorkin" (安德烈·沃尔金) share ("ntl", "vlkn")."""
    from kg.ingest.names import normalise

    key = []
    for word in normalise(latin).split():
        w = re.sub(r"kh|zh|sh|ch|ts|dzh|tch", lambda m: {"kh": "k", "dzh": "s", "tch": "s"}.get(m.group(), "s"), word)
        w = w.translate(str.maketrans("rgh fdbzwjcq", "lkk vtpsvysk"))
        key.append(re.sub(r"[^bcdfgjklmnpqstvxz]", "", w))
    return tuple(key)
