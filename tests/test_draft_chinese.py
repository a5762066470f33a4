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
