"""kg draft on Chinese news phrasings nobody tuned on: dates resolved against the publication date
(right, or marked CHECK when the words leave them open) and names found whole, linked when the
graph knows them (issue 14). The phrasings are the way agencies (Xinhua, CGTN, China Daily's
Chinese edition) write about co-productions, premieres, festivals, box office and shoots; every
expected value below was worked out by hand from the publication date, never copied from output.

Publication dates used: P1 = 2027-12-14 (a Tuesday: the week runs Monday 13 to Sunday 19
December), P2 = 2026-05-20 (a Wednesday: Monday 18 to Sunday 24 May), P3 = 2027-07-06. The Spring
Festival fell on 2026-02-17, 2027-02-06 and 2028-01-26; its holidays run from its eve's eve to a
week after. 国庆, 五一 and 元旦 holidays begin on the day and last a week.
"""

from __future__ import annotations

import pytest

from kg.curate.draft import Draft, draft
from kg.curate.extract.languages import find_dates
from kg.ingest.dates import PartialDate

from .test_draft_languages import sample_graph

P1, P2, P3 = "2027-12-14", "2026-05-20", "2027-07-06"


def dates_in(text: str, published: str) -> dict[str, tuple[str | None, bool]]:
    """{wording: (value, marked CHECK)} of every date ``find_dates`` finds in Chinese ``text``."""
    found = find_dates(text, PartialDate.parse(published), language="zh")
    return {d.wording: (str(d.value) if d.value else None, d.check is not None) for d in found}


DATE_CASES = [
    # a day of a month named relative to this one, and a day alone: the tense of the clause decides
    ("影片已于上月28日在莫斯科首映。", P1, {"上月28日": ("2027-11-28", False)}),
    ("该片将于下月5日在阿拉木图上映。", P1, {"下月5日": ("2028-01-05", False)}),
    ("该片定于明年3月8日在全国上映。", P1, {"明年3月8日": ("2028-03-08", False)}),
    ("首映式12日晚在北京举行。", P1, {"12日": ("2027-12-12", True)}),  # 举行 has no tense: nearest, CHECK
    ("影片已于12日晚在北京举行首映。", P1, {"12日": ("2027-12-12", False)}),
    ("该片将于20日起在全国上映。", P1, {"20日": ("2027-12-20", False)}),
    ("当地时间13日晚，影片在莫斯科举行首映式。", P1, {"13日": ("2027-12-13", True)}),
    ("电影节将于本月18日至24日举行。", P1, {"本月18日": ("2027-12-18", False), "24日": ("2027-12-24", False)}),
    ("影片将于28日至30日在北京展映。", P1, {"28日": ("2027-12-28", False), "30日": ("2027-12-30", False)}),
    ("首映活动已于11月28日至12月3日举行。", P1, {"11月28日": ("2027-11-28", False), "12月3日": ("2027-12-03", False)}),
    # a day and month, or a month, without a year
    ("影片将于3月15日在塔什干上映。", P1, {"3月15日": ("2028-03-15", False)}),
    ("影片已于3月15日在塔什干上映。", P1, {"3月15日": ("2027-03-15", False)}),
    ("该片10月已在俄罗斯上映。", P1, {"10月": ("2027-10", False)}),
    ("影片已于9月下旬在杜尚别杀青。", P2, {"9月下旬": ("2025-09", False)}),  # part of a month: the tense still picks the year
    ("影片将于9月下旬上映。", P2, {"9月下旬": ("2026-09", False)}),
    # years and months named relative to this one
    ("去年12月，双方在北京签署合作协议。", P3, {"去年12月": ("2026-12", False)}),
    ("影片将于明年1月上映。", P1, {"明年1月": ("2028-01", False)}),
    ("上个月，影片在莫斯科上映。", P1, {"上个月": ("2027-11", False)}),
    ("影片将于下个月底上映。", P1, {"下个月底": ("2028-01", False)}),
    ("剧组将于本月中旬赴新疆拍摄。", P1, {"本月中旬": ("2027-12", False)}),
    ("影片计划于下月上旬上映。", P1, {"下月上旬": ("2028-01", False)}),
    ("影片将于本月底上映。", P1, {"本月底": ("2027-12", False)}),
    ("明年，双方还将合拍一部动画片。", P1, {"明年": ("2028", False)}),
    # a date with a full year
    ("2019年，两国签署了电影合拍协议。", P1, {"2019年": ("2019", False)}),
    ("该片2028年3月上映。", P1, {"2028年3月": ("2028-03", False)}),
    ("影片将于2027年12月20日上映。", P1, {"2027年12月20日": ("2027-12-20", False)}),
    # parts of a year keep their words and the year
    ("影片预计明年上半年上映。", P1, {"明年上半年": ("2028", False)}),
    ("该片今年第三季度已完成拍摄。", P1, {"今年第三季度": ("2027", False)}),
    ("续集计划明年初开机。", P1, {"明年初": ("2028", False)}),
    ("该片2026年底已完成拍摄。", P1, {"2026年底": ("2026", False)}),
    ("影片将于今年下半年上映。", P2, {"今年下半年": ("2026", False)}),
    # "before" / "by" after a date is the event's relation to it: the date's words stop before it
    ("今年10月前完成剧本定稿。", P3, {"今年10月": ("2027-10", False)}),
    ("影片将于年底前完成后期制作。", P3, {"年底": ("2027", False)}),
    # weekdays and weekends
    ("影片将于本周五起在全国上映。", P1, {"本周五": ("2027-12-17", False)}),
    ("上周六，影片在塔什干举行首映。", P1, {"上周六": ("2027-12-11", False)}),
    ("下周三将举行新闻发布会。", P1, {"下周三": ("2027-12-22", False)}),
    ("发布会定于周四举行。", P1, {"周四": ("2027-12-16", False)}),  # 定于: scheduled, a future
    ("影片周日已在喀什放映。", P1, {"周日": ("2027-12-12", False)}),
    ("影片将于周五晚在全国上映。", P1, {"周五": ("2027-12-17", False)}),
    ("本周末，影片将在上海举行路演。", P1, {"本周末": ("2027-12", False)}),  # Saturday and Sunday: no single day
    ("影片将于下周末上映。", P2, {"下周末": ("2026-05", False)}),
    ("开幕式将于周末举行。", P1, {"周末": ("2027-12", False)}),
    # days named relative to today
    ("昨天，影片在北京举行看片会。", P1, {"昨天": ("2027-12-13", False)}),
    ("影片明天将在西安首映。", P1, {"明天": ("2027-12-15", False)}),
    ("本报阿拉木图5月14日电 影片昨天在阿拉木图首映。", "2026-05-15", {"5月14日": ("2026-05-14", False), "昨天": ("2026-05-14", False)}),
    # holidays and release seasons: the year its words give, else the one the tense picks
    ("影片计划于明年春节档上映。", P2, {"明年春节": ("2027-02", False)}),
    ("该片将于国庆档上映。", P2, {"国庆": ("2026-10", False)}),
    ("影片预计明年暑期档在两国上映。", P1, {"明年暑期档": ("2028", False)}),
    ("该片今年暑期档已在国内上映。", P1, {"今年暑期档": ("2027", False)}),
    ("影片将于元旦上映。", P1, {"元旦": ("2028-01-01", False)}),  # the New Year ahead, not the one just past
    ("元旦假期期间还将在哈尔滨举行露天放映。", P1, {"元旦": ("2028-01", False)}),
    ("该片曾于春节期间在俄罗斯上映。", P2, {"春节": ("2026-02", False)}),
    ("今年国庆假期，影片票房突破10亿元。", P1, {"今年国庆": ("2027-10", False)}),
    ("中秋节当天，影片在杜尚别举行首映。", P2, {"中秋节": ("2026-09-25", True)}),  # no cue, and last year's is about as near
    ("影片计划于2028年春节期间上映。", P1, {"2028年春节": ("2028", False)}),  # 24 January to 2 February
    ("影片将于诺鲁孜节期间在塔什干上映。", P1, {"诺鲁孜节": ("2028-03", False)}),  # Nowruz, 21 March
    # seasons
    ("今年春天，剧组在伊塞克湖畔取景。", P1, {"今年春天": ("2027", False)}),
    ("续集将于明年夏天开机。", P1, {"明年夏天": ("2028", False)}),
    ("去年夏天，影片在撒马尔罕拍摄。", P1, {"去年夏天": ("2026", False)}),
    # counted back from now, or from the date before them
    ("影片三年前在哈萨克斯坦拍摄。", P1, {"三年前": ("2024", False)}),
    ("两个月前，剧组完成了后期制作。", P1, {"两个月前": ("2027-10", True)}),  # a round number: CHECK
    ("影片2019年开拍，次年在莫斯科上映。", P1, {"2019年": ("2019", False), "次年": ("2020", False)}),
    ("该片于2018年上映，同年获得最佳影片奖。", P1, {"2018年": ("2018", False), "同年": ("2018", False)}),
    ("影片2020年上映，两年后推出续集。", P1, {"2020年": ("2020", False), "两年后": ("2022", False)}),
    ("影片三年前开拍，次年杀青。", P1, {"三年前": ("2024", False), "次年": ("2025", False)}),
    # the words around a date: "as of", "set for", the eve, a range of years, parts of a year or month
    ("截至12月10日，影片累计票房突破5亿元。", P1, {"12月10日": ("2027-12-10", False)}),  # 截至: as of, a past
    ("影片定档12月31日。", P1, {"12月31日": ("2027-12-31", False)}),  # 定档: its release is set for
    ("影片将于月底前杀青。", P1, {"月底": ("2027-12", False)}),
    ("影片将于12月底上映。", P1, {"12月底": ("2027-12", False)}),
    ("影片于月初在北京开机。", P1, {"月初": ("2027-12", False)}),
    ("春节前夕，影片在北京首映。", P1, {"春节": ("2028-01-26", True)}),  # the eve is not the day: CHECK
    ("2025年至2027年间，两国合拍了5部影片。", P1, {"2025年": ("2025", False), "2027年": ("2027", False)}),
    ("影片计划于今年年中开机。", P2, {"今年年中": ("2026", False)}),
    ("影片将于3天后在全国上映。", P1, {"3天后": ("2027-12-17", True)}),  # "later" may count from another time
    ("今后三年，双方将合拍三部影片。", P1, {}),
    ("影片将于10月左右上映。", P1, {"10月": ("2028-10", True)}),  # about October: the month may be another
    ("影片将于国庆前后上映。", P1, {"国庆": ("2028-10", True)}),  # around the holiday: late September too
    ("影片将于12月中下旬上映。", P1, {"12月中下旬": ("2027-12", False)}),
    ("影片将于本月下旬上映。", P1, {"本月下旬": ("2027-12", False)}),
    ("影片将于下月中旬上映。", P1, {"下月中旬": ("2028-01", False)}),
    # months in words, evenings, the lunar New Year by other names
    ("影片已于十月在莫斯科上映。", P1, {"十月": ("2027-10", False)}),
    ("首映式于昨晚在北京举行。", P1, {"昨晚": ("2027-12-13", False)}),
    ("影片于今晚在北京首映。", P1, {"今晚": ("2027-12-14", False)}),
    ("大年初一，影片在全国上映。", P1, {"大年初一": ("2028-01-26", True)}),  # no cue: the nearest, CHECK
    ("影片将于农历新年期间上映。", P1, {"农历新年": ("2028", False)}),  # 24 January to 2 February 2028
    ("该片将于农历正月初一上映。", P1, {"农历正月初一": ("2028-01-26", False)}),  # the coming one, not this year's
    ("该片将于正月十五上映。", P1, {"正月十五": ("2028-02-09", False)}),  # the Lantern Festival, 14 days after
    ("影片计划于明年春季档上映。", P1, {"明年春季档": ("2028", False)}),
    # a title's words are no date
    ("纪录片《1950年的春天》在北京首映。", P1, {}),
    ("电影《八月》将在莫斯科展映。", P1, {}),
    # decades; lengths of time and vague words are no dates
    ("故事发生在上世纪80年代的阿拉木图。", P1, {"上世纪80年代": (None, False)}),
    ("影片日前在北京举行看片会。", P1, {}),
    ("摄制组在松花江畔拍摄了近两个月。", P1, {}),
    ("影片拍摄历时三年。", P1, {}),
    ("过去五年来，两国合拍了十余部影片。", P1, {}),
]


@pytest.mark.parametrize("text,published,expected", DATE_CASES, ids=[c[0][:12] for c in DATE_CASES])
def test_chinese_dates_resolved_right_or_marked(text, published, expected):
    assert dates_in(text, published) == expected


# -- names: people, companies, organisations, places, festivals and films, new and known ----------------

#: (sentence, {name as written: known id, or "new"}) – every name the sentence holds, found whole,
#: nothing else; the known ids are those of the sample graph (tests/test_draft_languages.py)
NAME_CASES = [
    # people after a role, a title or a nationality; foreign names in characters read back to the graph's Latin
    ("俄罗斯演员玛丽亚·涅费多娃在片中饰演一名驯鹿人。", {"俄罗斯": "russia", "玛丽亚·涅费多娃": "maria-nefedova"}),
    ("导演黄浩南表示，影片将于明年春节档上映。", {"黄浩南": "huang-haonan"}),
    ("主演郑涵艺和俄罗斯演员格列布·卡柳日内一同出席。", {"郑涵艺": "zheng-hanyi", "俄罗斯": "russia", "格列布·卡柳日内": "gleb-kalyuzhny"}),
    ("制片人马克西姆·米哈纽克透露，续集已在筹备中。", {"马克西姆·米哈纽克": "maksim-mikhanyuk"}),
    ("在北京举行的发布会上，导演安德烈·沃尔金介绍了影片。", {"北京": "beijing", "安德烈·沃尔金": "andrey-volgin"}),
    ("巴基斯坦影星哈姆扎·阿里与中国演员杨紫华共同主演。", {"巴基斯坦": "pakistan", "哈姆扎·阿里": "new", "中国": "china", "杨紫华": "yang-zihua"}),
    ("吉尔吉斯斯坦女演员阿伊达·卡瑟莫娃凭借该片获得最佳女主角奖。", {"吉尔吉斯斯坦": "kyrgyzstan", "阿伊达·卡瑟莫娃": "new"}),
    ("青年导演刘思远携新作《北方的河》亮相电影节。", {"刘思远": "new", "北方的河": "new"}),
    ("西安电影制片厂厂长李建国表示，两国合拍前景广阔。", {"西安电影制片厂": "new", "李建国": "new"}),
    ("配音演员包括杨洋、王晓雨和哈萨克斯坦演员努尔兰·阿巴耶夫。", {"杨洋": "yang-yang", "王晓雨": "new", "哈萨克斯坦": "kazakhstan", "努尔兰·阿巴耶夫": "new"}),
    ("主演有郑涵艺和叶莲娜·波德卡明斯卡娅。", {"郑涵艺": "zheng-hanyi", "叶莲娜·波德卡明斯卡娅": "yelena-podkaminskaya"}),
    ("塔吉克斯坦导演法鲁赫·拉希多夫的新片《帕米尔之鹰》在杜尚别开机。",
     {"塔吉克斯坦": "tajikistan", "法鲁赫·拉希多夫": "new", "帕米尔之鹰": "new", "杜尚别": "new"}),
    ("喀山国际穆斯林电影节艺术总监伊戈尔·别洛夫发来贺信。", {"喀山国际穆斯林电影节": "new", "伊戈尔·别洛夫": "new"}),
    # companies and organisations, alone, in lists, with a country before them
    ("影片由莫斯科电影制片厂与长安影视集团联合出品。", {"莫斯科电影制片厂": "new", "长安影视集团": "new"}),
    ("影片由塔吉克斯坦电影公司和新疆天山电影制片厂联合出品。", {"塔吉克斯坦电影公司": "new", "新疆天山电影制片厂": "new"}),
    ("影片由白俄罗斯电影制片厂与俄罗斯伏尔加影业公司合作拍摄。", {"白俄罗斯电影制片厂": "new", "俄罗斯": "russia", "伏尔加影业公司": "new"}),
    ("据中国电影家协会介绍，今年共有12部合拍片上映。", {"中国电影家协会": "new"}),
    ("由北方星光影业集团出品的动作片《长空之鹰》将于下月上映。", {"北方星光影业集团": "new", "长空之鹰": "new"}),
    ("乌兹别克斯坦文化部与吉尔吉斯斯坦国家电影中心签署了合作备忘录。", {"乌兹别克斯坦文化部": "new", "吉尔吉斯斯坦国家电影中心": "new"}),
    ("乌兹别克斯坦国家电影局局长沙赫佐德·拉希莫娃在开幕式上致辞。", {"乌兹别克斯坦国家电影局": "new", "沙赫佐德·拉希莫娃": "new"}),
    ("记者从中国电影集团公司获悉，影片已完成后期制作。", {"中国电影集团公司": "new"}),
    ("哈萨克斯坦电影制片厂厂长阿斯兰·努尔别科夫出席发布会。", {"哈萨克斯坦电影制片厂": "new", "阿斯兰·努尔别科夫": "new"}),
    # places: cities, regions, lakes, rivers, routes, venues holding a city
    ("影片在吉尔吉斯斯坦伊塞克湖畔取景。", {"吉尔吉斯斯坦": "kyrgyzstan", "伊塞克湖": "new"}),
    ("该片在莫斯科、圣彼得堡和喀山三地同步上映。", {"莫斯科": "moscow", "圣彼得堡": "new", "喀山": "new"}),
    ("中哈合拍片《音乐家》在阿拉木图举行首映礼。", {"音乐家": "new", "阿拉木图": "new"}),
    ("剧组将赴撒马尔罕和布哈拉考察外景。", {"撒马尔罕": "new", "布哈拉": "new"}),
    ("影片讲述商队沿丝绸之路穿越帕米尔高原的故事。", {"丝绸之路": "new", "帕米尔高原": "new"}),
    ("摄制组在黑龙江畔拍摄了冬季戏份。", {"黑龙江": "new"}),
    ("露天放映将在青岛东方影都举行。", {"青岛东方影都": "new"}),
    ("首映式在哈尔滨冰雪大世界举行。", {"哈尔滨冰雪大世界": "new"}),
    ("电影节期间，来自印度、巴基斯坦和伊朗的电影人齐聚青岛。", {"印度": "india", "巴基斯坦": "pakistan", "伊朗": "iran", "青岛": "qingdao"}),
    ("剧组在乌兹别克斯坦撒马尔罕取景。", {"乌兹别克斯坦": "uzbekistan", "撒马尔罕": "new"}),
    # festivals, events, film titles
    ("第十届上海合作组织国家电影节将于明年6月在青岛举行。", {"第十届上海合作组织国家电影节": "new", "青岛": "qingdao"}),
    ("该片入围第二十届塔什干国际电影节主竞赛单元。", {"第二十届塔什干国际电影节": "new"}),
    ("影片曾在第七届丝绸之路国际电影节上获得最佳导演奖。", {"第七届丝绸之路国际电影节": "new"}),
    ("本届展映周共展出来自上合组织成员国的30部影片。", {"上合组织": "sco"}),
    ("动画片《熊猫与小骆驼》将于明年1月在中国和乌兹别克斯坦同步上映。", {"熊猫与小骆驼": "new", "中国": "china", "乌兹别克斯坦": "uzbekistan"}),
    ("中俄合拍片《红丝绸》在俄罗斯上映后反响热烈。", {"红丝绸": "red-silk", "俄罗斯": "russia"}),
    ("据《人民日报》报道，影片《阿拉木图的秋天》已在北京开机。", {"人民日报": "new", "阿拉木图的秋天": "new", "北京": "beijing"}),
    ("上合组织国家电影论坛当天在青岛开幕。", {"上合组织国家电影论坛": "new", "青岛": "qingdao"}),
    ("首届中国—中亚电影节将于明年在西安举行。", {"首届中国—中亚电影节": "new", "西安": "new"}),  # two places joined by a dash
    # national bodies, schools, embassies; a venue named after a person is no person
    ("俄罗斯联邦文化部副部长伊万·彼得罗夫出席签约仪式。", {"俄罗斯联邦文化部": "new", "伊万·彼得罗夫": "new"}),
    ("哈萨克斯坦共和国文化与信息部当天发布消息。", {"哈萨克斯坦共和国文化与信息部": "new"}),
    ("乌兹别克斯坦电影署与中国星河电影股份有限公司签署合作协议。", {"乌兹别克斯坦电影署": "new", "中国星河电影股份有限公司": "new"}),
    ("莫斯科国立电影学院的学生参与了拍摄。", {"莫斯科国立电影学院": "new"}),
    ("中国驻哈萨克斯坦大使馆文化参赞李红出席活动。", {"中国驻哈萨克斯坦大使馆": "new", "李红": "new"}),
    ("该片在塔什干市中心的阿里舍尔·纳沃伊剧院举行首映。", {"塔什干": "new", "阿里舍尔·纳沃伊剧院": "new"}),
    # a region and a place in it
    ("剧组在海南岛和云南西双版纳完成外景拍摄。", {"海南岛": "new", "云南": "new", "西双版纳": "new"}),
    ("影片主要在俄罗斯远东地区的符拉迪沃斯托克拍摄。", {"俄罗斯": "russia", "远东地区": "new", "符拉迪沃斯托克": "new"}),
    ("影片中的外景地包括新疆的那拉提草原和哈萨克斯坦的恰伦大峡谷。",
     {"新疆": "new", "那拉提草原": "new", "哈萨克斯坦": "kazakhstan", "恰伦大峡谷": "new"}),
    # datelines: the city, never the agency; a title is a film, whatever its words (《远山》)
    ("中新网12月13日电 中哈合拍片《音乐家》13日在阿拉木图举行首映礼。", {"音乐家": "new", "阿拉木图": "new"}),
    ("新华社阿斯塔纳12月13日电（记者张伟）哈萨克斯坦电影《远山》日前在阿斯塔纳首映。",
     {"阿斯塔纳": "new", "张伟": "new", "哈萨克斯坦": "kazakhstan", "远山": "new"}),
    # people before the verb of their role, and after a quotation
    ("该片由刘思远执导，郑涵艺、杨洋主演。", {"刘思远": "new", "郑涵艺": "zheng-hanyi", "杨洋": "yang-yang"}),
    ("“这是一部关于友谊的电影。”刘思远说。", {"刘思远": "new"}),
    ("《雪豹的山谷》导演萨法罗夫说，影片将在明年上映。", {"雪豹的山谷": "new", "萨法罗夫": "new"}),  # a foreign name without a dot
    ("该片制片方之一、乌兹别克斯坦“撒马尔罕影业”负责人卡里莫夫介绍了拍摄情况。",
     {"乌兹别克斯坦": "uzbekistan", "撒马尔罕影业": "new", "卡里莫夫": "new"}),
    ("哈萨克斯坦国家电影发展中心主席阿扎玛特·努尔兰诺夫表示，两国将继续合作。", {"哈萨克斯坦国家电影发展中心": "new", "阿扎玛特·努尔兰诺夫": "new"}),
    ("中国电影导演协会会长王海涛出席并致辞。", {"中国电影导演协会": "new", "王海涛": "new"}),  # 导演 in a name; 协会会长 one word for jieba
    ("俄罗斯国家电影基金会与中方签署了联合摄制协议。", {"俄罗斯国家电影基金会": "new"}),
    # festivals with a quoted name or an ordinal inside
    ("第五届“丝路电影桥”国际电影周在乌鲁木齐开幕。", {"第五届“丝路电影桥”国际电影周": "new", "乌鲁木齐": "new"}),
    ("影片获得第八届金砖国家电影节最佳影片奖。", {"第八届金砖国家电影节": "new"}),
    # a region and a place in one jieba word; a place after a verb of arriving
    ("影片取景地位于新疆阿勒泰地区的喀纳斯湖。", {"新疆": "new", "阿勒泰地区": "new", "喀纳斯湖": "new"}),
    ("剧组一行30余人抵达奥什后，立即开始了拍摄。", {"奥什": "new"}),
    ("剧组在伊犁河谷拍摄了草原戏。", {"伊犁河谷": "new"}),  # a valley's name, not two places
]


@pytest.fixture(scope="module")
def name_drafts(tmp_path_factory) -> dict[int, Draft]:
    """Each sentence of :data:`NAME_CASES` as an invented article of its own, drafted against the sample graph."""
    data = sample_graph(tmp_path_factory.mktemp("chinese-names") / "data")
    for i, (sentence, _) in enumerate(NAME_CASES):
        (data / "documents" / f"zh-names-{i}.txt").write_text(sentence + "\n", encoding="utf-8")
        (data / "documents" / f"zh-names-{i}.yaml").write_text(
            f'headline: "[TEST ARTICLE] Chinese names {i}"\npublisher: kg test suite (invented article, not a real source)\n'
            f"language: zh\ndate_published: {P1}\n",
            encoding="utf-8",
        )
    return {i: draft(f"zh-names-{i}", data) for i in range(len(NAME_CASES))}


@pytest.mark.parametrize("i", range(len(NAME_CASES)), ids=[c[0][:12] for c in NAME_CASES])
def test_chinese_names_found_whole_and_linked(name_drafts, i):
    found = {(m.text, m.entity if m.known else "new") for m in name_drafts[i].mentions}
    assert found == set(NAME_CASES[i][1].items())


#: (sentence, {(property, known id or the new entity's name)}): the roles a film is given
ROLE_CASES = [
    ("中俄合拍动画片《雪孩子》由长安影视集团与俄罗斯伏尔加影业公司共同出品。",
     {("countryOfOrigin", "china"), ("countryOfOrigin", "russia"), ("productionCompany", "长安影视集团"), ("productionCompany", "伏尔加影业公司")}),
    ("影片《天山之恋》由中国和哈萨克斯坦两国电影人联合摄制，导演刘思远，主演郑涵艺。",
     {("countryOfOrigin", "china"), ("countryOfOrigin", "kazakhstan"), ("director", "刘思远"), ("actor", "zheng-hanyi")}),
    ("动画电影《小雪豹》的配音演员包括杨洋和王晓雨。", {("actor", "yang-yang"), ("actor", "王晓雨")}),
    ("中哈合拍片《音乐家》的制片人为阿斯兰·努尔别科夫。",
     {("countryOfOrigin", "china"), ("countryOfOrigin", "kazakhstan"), ("producer", "阿斯兰·努尔别科夫")}),
    ("该片由塔吉克斯坦导演法鲁赫·拉希多夫执导，中国演员郑涵艺领衔主演。", {("director", "法鲁赫·拉希多夫"), ("actor", "zheng-hanyi")}),
    ("中乌合拍片《丝路驼铃》主演有郑涵艺、杨洋和乌兹别克斯坦演员阿利舍尔·卡里莫夫。",
     {("countryOfOrigin", "china"), ("countryOfOrigin", "uzbekistan"), ("actor", "zheng-hanyi"), ("actor", "yang-yang"), ("actor", "阿利舍尔·卡里莫夫")}),
    ("乌兹别克斯坦影片《撒马尔罕之夜》将在北京展映。", {("countryOfOrigin", "uzbekistan")}),
    ("该片总导演黄浩南、制片人杨洋和主演叶莲娜·波德卡明斯卡娅出席了首映式。",
     {("director", "huang-haonan"), ("producer", "yang-yang"), ("actor", "yelena-podkaminskaya")}),
    ("影片《远山》由俄罗斯与吉尔吉斯斯坦合拍。", {("countryOfOrigin", "russia"), ("countryOfOrigin", "kyrgyzstan")}),
    ("中俄两国电影人共同创作的《边城》在全国院线上映。", {("countryOfOrigin", "china"), ("countryOfOrigin", "russia")}),
    ("影片《远方》由天山电影制片厂出品，上海星海影视股份有限公司发行。",
     {("productionCompany", "天山电影制片厂"), ("distributor", "上海星海影视股份有限公司")}),  # one 由 for both clauses
    ("该片由刘思远执导，郑涵艺、杨洋主演。", {("director", "刘思远"), ("actor", "zheng-hanyi"), ("actor", "yang-yang")}),
    ("影片监制为黄浩南，出品人为杨洋。", {("producer", "huang-haonan"), ("producer", "yang-yang")}),
    ("该片女主角由哈萨克斯坦演员萨尔塔纳特·努尔兰饰演。", {("actor", "萨尔塔纳特·努尔兰")}),
    ("中吉合拍片《草原之歌》由西安曲江影视集团与吉尔吉斯斯坦国家电影中心联合摄制。",
     {("countryOfOrigin", "china"), ("countryOfOrigin", "kyrgyzstan"), ("productionCompany", "西安曲江影视集团"),
      ("productionCompany", "吉尔吉斯斯坦国家电影中心")}),
]


@pytest.fixture(scope="module")
def role_drafts(tmp_path_factory) -> dict[int, Draft]:
    """Each sentence of :data:`ROLE_CASES` as an invented article of its own, drafted against the sample graph."""
    data = sample_graph(tmp_path_factory.mktemp("chinese-roles") / "data")
    for i, (sentence, _) in enumerate(ROLE_CASES):
        (data / "documents" / f"zh-roles-{i}.txt").write_text(sentence + "\n", encoding="utf-8")
        (data / "documents" / f"zh-roles-{i}.yaml").write_text(
            f'headline: "[TEST ARTICLE] Chinese roles {i}"\npublisher: kg test suite (invented article, not a real source)\n'
            f"language: zh\ndate_published: {P1}\n",
            encoding="utf-8",
        )
    return {i: draft(f"zh-roles-{i}", data) for i in range(len(ROLE_CASES))}


@pytest.mark.parametrize("i", range(len(ROLE_CASES)), ids=[c[0][:12] for c in ROLE_CASES])
def test_chinese_roles_of_a_film(role_drafts, i):
    d = role_drafts[i]
    names = {e.data["id"]: e.data.get("name") for e in d.entities + d.held_back if "id" in e.data}
    found = {(r.property, names.get(obj, obj) if obj else r.country and r.country.lower()) for r, _, obj in d.roles}
    assert found == ROLE_CASES[i][1]


def test_a_new_foreign_name_takes_its_id_from_the_latin_given_beside_it(tmp_path):
    """努尔别克·阿利耶夫（Nurbek Aliev）: the bearer's own spelling, not a reading of the characters;
    a known person's Latin name beside the characters links them; a speaker after the quotation."""
    data = sample_graph(tmp_path / "data")
    text = (
        "吉尔吉斯斯坦导演努尔别克·阿利耶夫（Nurbek Aliev）执导了中吉合拍片《远方的雪》，"
        "俄罗斯演员叶莲娜·波德卡明斯卡娅（Yelena Podkaminskaya）主演。“这是一部关于友谊的电影。”努尔别克·阿利耶夫说。\n"
    )
    (data / "documents" / "zh-gloss.txt").write_text(text, encoding="utf-8")
    (data / "documents" / "zh-gloss.yaml").write_text(
        f'headline: "[TEST ARTICLE] gloss"\npublisher: kg test suite (invented article, not a real source)\nlanguage: zh\ndate_published: {P1}\n',
        encoding="utf-8",
    )
    d = draft("zh-gloss", data)
    people = {m.text: m.entity for m in d.mentions if m.type == "Person"}
    assert people["努尔别克·阿利耶夫"] == "nurbek-aliev" and people["叶莲娜·波德卡明斯卡娅"] == "yelena-podkaminskaya"
    assert {(r.property, o) for r, _, o in d.roles if r.property in ("director", "actor")} == {
        ("director", "nurbek-aliev"),
        ("actor", "yelena-podkaminskaya"),
    }
    assert [(q.text, speaker) for q, speaker in d.quotations] == [("这是一部关于友谊的电影。", "nurbek-aliev")]
