"""kg draft in English, Russian and Chinese: dates resolved right or marked CHECK, names linked in
three languages, drafts that show where they disagree with the graph; precision and recall per
language on hand-annotated articles, the held-out ones reported apart (issue 14)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

import kg
from kg.curate.draft import Draft, draft
from kg.curate.extract.languages import find_dates
from kg.ingest.dates import PartialDate
from kg.ingest.names import fold

from .articles import ARTICLES
from .conftest import ROOT

#: the articles written for issue 14 (documents/, expected/) and for each later round of held-out
#: articles (docs/curation.md, "In three languages"); the ones held out now say so in expected/
LANGUAGE_ARTICLES = (
    "test-en-beijing-premiere",
    "test-en-winter-apples",
    "test-en-last-shepherd",
    "test-en-night-train-aral",
    "test-en-salt-wind",
    "test-en-river-of-stones",
    "test-en-caravan-saray",
    "test-en-tarbagatai",
    "test-en-harbin-tickets",
    "test-en-monsoon-volga",
    "test-en-ala-too-wind",
    "test-en-aral-lanterns",
    "test-en-snow-fox",
    "test-en-pamir-echo",
    "test-en-golden-crane",
    "test-en-apricot-orchard",
    "test-en-caspian-lighthouse",
    "test-ru-beijing-premiere",
    "test-ru-sco-week",
    "test-ru-northern-caravan",
    "test-ru-melon-president",
    "test-ru-ice-road",
    "test-ru-steppe-song",
    "test-ru-harbin-forum",
    "test-ru-caravan-saray",
    "test-ru-harbin-dreams",
    "test-ru-issyk-kul-sky",
    "test-ru-tea-road",
    "test-ru-khiva-caravan",
    "test-ru-khorgos-road",
    "test-ru-baikal-ice",
    "test-ru-samarkand-nights",
    "test-ru-altai-herd",
    "test-ru-pomegranate-garden",
    "test-zh-beijing-premiere",
    "test-zh-sco-week",
    "test-zh-qingdao-forum",
    "test-zh-snow-leopard",
    "test-zh-steppe-express",
    "test-zh-camel-bells",
    "test-zh-moscow-week",
    "test-zh-samarkand-festival",
    "test-zh-polar-star",
    "test-zh-little-camel",
    "test-zh-ice-lake",
    "test-zh-tianshan-pastoral",
    "test-zh-aurora-station",
    "test-zh-silk-pony",
    "test-zh-ice-city-lights",
    "test-zh-altai-spring",
    "test-zh-birch-postman",
    "test-zh-blue-glaze",
    "test-zh-irtysh-ferry",
    "test-zh-fergana-silkworm",
    "test-zh-minsk-snowfall",
)
#: the English articles that were there before (tests/articles/__init__.py), scored here too
OLDER_ENGLISH = ("test-red-silk-china-release", "test-steppe-wind", "test-sco-week-closing", "test-silk-road-express")
CATEGORIES = ("entities", "dates", "quantities", "roles", "quotations")


#: The graph the annotations were written against: the sample's sheets as they were for issue 14.
#: data/ grows (other sources add Almaty, Tashkent ...), and an annotation that says "new" would
#: then be scored wrong; the drafts are therefore scored against these sheets only.
ANNOTATED_AGAINST = (
    "facts/red-silk-sco-film-week.yaml",
    "reference/astana-times-sco-membership.yaml",
    "reference/cctv-qingdao-tv-week-name.yaml",
    "reference/china-daily-2018-sco-film-festival.yaml",
    "reference/china-daily-asia-red-silk-crew.yaml",
    "reference/china-daily-red-silk-box-office.yaml",
    "reference/chinese-wikipedia-china-daily-red-silk-names.yaml",
    "reference/cmg-globaltimes-red-silk-china-premiere.yaml",
    "reference/ecns-2025-05-08.yaml",
    "reference/imdb-red-silk.yaml",
    "reference/press-release-sco-week-2025.yaml",
    "reference/wikidata.yaml",
    "reference/wikipedia-red-silk.yaml",
)


def sample_graph(dest: Path) -> Path:
    """A data folder holding the first document and the sheets of :data:`ANNOTATED_AGAINST`."""
    for folder in ("documents", "facts", "reference"):
        (dest / folder).mkdir(parents=True, exist_ok=True)
    for suffix in (".txt", ".yaml"):
        shutil.copy(ROOT / "data/documents" / f"red-silk-sco-film-week{suffix}", dest / "documents")
    for sheet in ANNOTATED_AGAINST:
        shutil.copy(ROOT / "data" / sheet, dest / sheet)
    return dest


def _register(data: Path, names) -> None:
    for name in names:
        for suffix in (".txt", ".yaml"):
            shutil.copy(ARTICLES / "documents" / f"{name}{suffix}", data / "documents" / f"{name}{suffix}")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The sample graph with the test articles registered, without reviewed sheets."""
    copy = sample_graph(tmp_path_factory.mktemp("languages") / "data")
    _register(copy, LANGUAGE_ARTICLES + OLDER_ENGLISH)
    return copy


@pytest.fixture(scope="module")
def drafts(data) -> dict[str, Draft]:
    return {name: draft(name, data) for name in LANGUAGE_ARTICLES + OLDER_ENGLISH}


def dates_in(text: str, published: str, language: str = "en") -> dict[str, tuple[str | None, bool]]:
    found = find_dates(text, PartialDate.parse(published), language=language)
    return {d.wording: (str(d.value) if d.value else None, d.check is not None) for d in found}


# -- the cases of issue 14 ----------------------------------------------------------------------


def test_english_tense_is_read_from_the_clause_that_holds_the_date():
    text = 'The spy thriller "Red Silk" held its premiere in Beijing on Thursday, two days before the film opens in cinemas across China on Saturday.'
    assert dates_in(text, "2025-09-05") == {"Thursday": ("2025-09-04", False), "Saturday": ("2025-09-06", False)}
    text = "Since its release in Russia on Feb. 20, the film has drawn more than 1.4 million viewers."
    assert dates_in(text, "2025-09-05") == {"Feb. 20": ("2025-02-20", False)}
    # reported speech: "would" decides nothing; the nearest reading is taken, marked CHECK
    assert dates_in('The organisers said the film, "Red Silk", would reach cinemas on Sept. 6.', "2025-09-01") == {"Sept. 6": ("2025-09-06", True)}


def test_a_date_the_words_leave_open_is_proposed_marked_check_with_the_other_reading():
    (d,) = find_dates("Fans gather in Moscow on Feb. 20.", PartialDate.parse("2025-09-05"))
    assert d.check and "2026-02-20" in d.check and "2025-02-20" in d.check and d.alternative is not None
    (d,) = find_dates("Fans gather in Moscow on Tuesday.", PartialDate.parse("2025-09-05"))
    assert str(d.value) == "2025-09-02" and str(d.alternative) == "2025-09-09" and "no tense cue" in d.check
    # cues of both kinds in the one clause
    (d,) = find_dates("It was announced that the festival will close on Tuesday.", PartialDate.parse("2025-09-05"))
    assert d.check and "unclear" in d.check
    # a clear cue leaves nothing to check
    (d,) = find_dates("The festival will close on Tuesday.", PartialDate.parse("2025-09-05"))
    assert str(d.value) == "2025-09-09" and d.check is None


def test_russian_dates_use_the_verbs_tense():
    text = "Фильм представили в Пекине в четверг, а в субботу картина выйдет в прокат по всему Китаю. В России картина вышла 20 февраля этого года."
    assert dates_in(text, "2025-09-05", "ru") == {
        "в четверг": ("2025-09-04", False),
        "в субботу": ("2025-09-06", False),
        "20 февраля этого года": ("2025-02-20", False),
    }
    assert dates_in("Съёмки начались в марте прошлого года, а фильм выйдет 20 ноября.", "2025-10-08", "ru") == {
        "в марте прошлого года": ("2024-03", False),
        "20 ноября": ("2025-11-20", False),
    }
    # a week is a week: no single day for "на прошлой неделе"
    assert dates_in("Это случилось на прошлой неделе.", "2025-09-17", "ru") == {"прошлой неделе": ("2025-09", False)}


def test_chinese_dates_day_of_month_this_week_and_this_year():
    text = "中俄合拍电影《红丝绸》4日在北京举行首映礼，该片将于本周六在全国院线上映。该片今年2月20日已在俄罗斯上映。"
    # 举行 has no tense of its own: 4日 is the nearest 4th, but only the words could make it certain: CHECK
    assert dates_in(text, "2025-09-05", "zh") == {
        "4日": ("2025-09-04", True),
        "本周六": ("2025-09-06", False),
        "今年2月20日": ("2025-02-20", False),
    }
    # 将于 puts a day of the month after the publication date, 已 before it
    assert dates_in("影片将于3日上映。", "2025-09-05", "zh") == {"3日": ("2025-10-03", False)}
    assert dates_in("影片已于8日上映。", "2025-09-05", "zh") == {"8日": ("2025-08-08", False)}
    # a month alone (which jionlp rejects) and a publication date known only to the month
    assert dates_in("影片将于12月上映。", "2025-09-05", "zh") == {"12月": ("2025-12", False)}
    assert dates_in("展映周上周五开幕。", "2025-09", "zh") == {"上周五": ("2025", False)}


def test_russian_names_are_linked_in_any_case_and_spelling(drafts):
    d = drafts["test-ru-beijing-premiere"]
    linked = {m.text: (m.entity, m.how) for m in d.mentions}
    assert linked["Светланой Чуйкиной"] == ("svetlana-chuykina", "label:ru")  # instrumental, put in the nominative
    assert linked["Вадим Бырькин"] == ("vadim-byrkin", "transliteration")  # ь, where the label has none
    assert linked["Милош Бикович"] == ("milos-bikovic", "transliteration")  # Miloš Biković
    assert linked["Китаю"][0] == "china" and linked["Пекине"] == ("beijing", "lexicon")
    assert linked["Волгин"] == ("andrey-volgin", "family name")
    assert not d.entities or all(e.data["type"] == "Quotation" for e in d.entities)  # nobody declared twice


def test_chinese_names_by_label_lexicon_and_pinyin(drafts):
    d = drafts["test-zh-beijing-premiere"]
    linked = {m.text: (m.entity, m.how) for m in d.mentions}
    assert linked["红丝绸"] == ("red-silk", "label:zh") and linked["郑涵艺"] == ("zheng-hanyi", "label:zh")
    assert linked["北京"] == ("beijing", "lexicon") and linked["俄罗斯"] == ("russia", "label:zh")
    assert linked["杨洋"] == ("yang-yang", "pinyin")
    roles = {(s.data["property"], s.data.get("object")) for s in d.statements if s.data.get("subject") == "red-silk"}
    assert {("producer", "yang-yang"), ("actor", "zheng-hanyi"), ("countryOfOrigin", "china"), ("countryOfOrigin", "russia")} <= roles


def test_new_names_in_russian_and_chinese_get_latin_ids(data, tmp_path):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    (trial / "documents" / "ru-new.txt").write_text("Режиссёр Иван Сидоров представил фильм «Долгая дорога» в Казани.\n", encoding="utf-8")
    (trial / "documents" / "ru-new.yaml").write_text(
        'headline: "[TEST ARTICLE] x"\npublisher: kg test suite\nlanguage: ru\ndate_published: 2025-09-05\n', encoding="utf-8"
    )
    d = draft("ru-new", trial)
    # the film has no country of origin in the text: held back with what is said about it (below)
    new = {e.data["name"]: (e.data["id"], e.data["type"]) for e in d.entities + d.held_back if "name" in e.data}
    assert new["Иван Сидоров"] == ("ivan-sidorov", "Person") and new["Долгая дорога"] == ("dolgaya-doroga", "Movie")
    assert any(
        s.data == {"subject": "dolgaya-doroga", "property": "director", "object": "ivan-sidorov", "evidence": "Режиссёр Иван Сидоров"}
        for s in d.held_back
    )


# -- seasons, decades, places without a cue, counts after their noun, names in Chinese ----------------


@pytest.mark.parametrize(
    "sentence,published,expected",
    [
        ("It was shot in Shymkent last autumn.", "2025-09-05", {"last autumn": ("2024", False)}),  # a season is not a month
        ("It was shot in Shymkent last autumn.", "2025-10-16", {"last autumn": ("2024", False)}),  # this autumn is not over
        ("Shooting is scheduled to start next spring.", "2025-10-03", {"next spring": ("2026", False)}),
        ("They met last winter.", "2025-10-16", {"last winter": (None, False)}),  # December to February: two years
        ("It was filmed in the summer of 2024.", "2025-10-16", {"the summer of 2024": ("2024", False)}),
        ("a historical adventure set in the 1920s", "2025-10-03", {"the 1920s": (None, False)}),  # coarser than a year
        ("It was shot last autumn.", "2025-12-10", {"last autumn": ("2025", True)}),  # by the equinoxes autumn runs on
        ("The winter shoot was demanding.", "2025-10-16", {}),  # a season with no word that says which
        ("Next year's festival will run longer.", "2025-09-29", {"Next year": ("2026", False)}),
        ("The producers plan to release it early in 2027.", "2025-12-12", {"early in 2027": ("2027", False)}),
    ],
)
def test_seasons_and_decades_keep_the_precision_the_words_give(sentence, published, expected):
    assert dates_in(sentence, published) == expected


def test_russian_and_chinese_seasons_and_decades():
    assert dates_in("Съёмки проходили прошлой осенью в Самарканде.", "2025-12-03", "ru") == {"прошлой осенью": ("2024", False)}
    assert dates_in("Фильм выйдет следующей весной.", "2025-10-16", "ru") == {"следующей весной": ("2026", False)}
    assert dates_in("Действие происходит в 1920-е годы.", "2025-10-16", "ru") == {"в 1920-е годы": (None, False)}
    assert dates_in("Съёмки начнутся следующей зимой.", "2026-02-13", "ru") == {"следующей зимой": (None, False)}
    assert dates_in("В 2024 году фильм вышел в прокат.", "2025-10-16", "ru") == {"В 2024 году": ("2024", False)}
    assert dates_in("Фестиваль продлится до воскресенья.", "2025-12-03", "ru") == {"воскресенья": ("2025-12-07", False)}
    assert dates_in("该片去年秋天在哈萨克斯坦拍摄。", "2025-10-16", "zh") == {"去年秋天": ("2024", False)}
    assert dates_in("故事发生在1920年代。", "2025-10-16", "zh") == {"1920年代": (None, False)}  # not the year 1920
    assert dates_in("该片明年春节期间上映。", "2025-10-29", "zh") == {"明年春节": ("2026-02", False)}  # the holidays, not the day


def test_places_without_a_cue_word_are_proposed_new_and_marked(data, tmp_path):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    _add(
        trial,
        "places",
        'KARAKOL, Oct. 16 -- The drama "Blue Lake" was shot in Tokmok and Balykchy near Lake Issyk-Kul, far from the '
        "Bishkek-based studio that produced it. It opens in Russian cinemas in March.\n",
        "en",
        "2025-10-16",
    )
    d = draft("places", trial)
    new = {e.data["name"]: e for e in d.entities if "name" in e.data}
    assert new["Karakol"].data["type"] == "City" and new["Karakol"].data["evidence"] == "KARAKOL"  # the dateline
    for name in ("Tokmok", "Balykchy", "Lake Issyk-Kul", "Bishkek"):
        assert new[name].data["type"] == "Place" and any(n.startswith("CHECK: taken for a place") for n in new[name].notes), name
    assert "Russian" not in new and "March" not in new
    # a film needs a country of origin and the text gives none: held back, commented out, so the rest builds
    (film,) = [e for e in d.held_back if e.data.get("name") == "Blue Lake"]
    assert film.data["type"] == "Movie" and any("no country of origin" in n for n in film.notes)
    text = d.to_yaml()
    assert "# - id: blue-lake" in text[text.index("# HELD BACK") :] and "blue-lake" not in str(yaml.safe_load(text))
    assert ("Oct. 16", "2025-10-16") in {(x.wording, str(x.value)) for x in d.dates}
    assert not any(s.data.get("date", {}) == "2025-10-16" for s in d.statements)  # the dateline's date is not an event's


def test_a_count_after_its_noun_is_a_quantity():
    from kg.curate.extract.quantities import find_quantities

    (q,) = find_quantities("It was shot with a crew of about 250, and it opens soon.")
    assert (q.wording, q.approx, q.unit) == ("about 250", 250, "crew")
    assert find_quantities("at the age of 45, and a period of 10") == []


def test_chinese_foreign_names_end_where_the_name_ends():
    from kg.curate.extract.chinese import foreign_names

    def names(text: str) -> list[str]:
        return [text[b:e] for b, e in foreign_names(text)]

    assert names("俄罗斯导演安德烈·沃尔金当天通过视频致辞。") == ["安德烈·沃尔金"]
    assert names("主演格列布·卡柳日内在发布会上说") == ["格列布·卡柳日内"]
    assert names("导演法鲁赫·拉希多夫和俄罗斯制片人瓦季姆·贝尔金签署协议") == ["法鲁赫·拉希多夫", "瓦季姆·贝尔金"]
    assert names("《哈利·波特》上映") == []  # a title


def test_a_chinese_event_or_organisation_name_holds_a_known_name(drafts):
    linked = {m.text: (m.entity, m.known) for m in drafts["test-zh-qingdao-forum"].mentions}
    assert linked["上合组织国家电影论坛"][1] is False and "国家电影论坛" not in linked and "上合组织" not in linked
    d = drafts["test-zh-snow-leopard"]
    new = {e.data["name"]: e.data["type"] for e in d.entities if "name" in e.data}
    assert new["塔吉克斯坦文化部"] == "Organization" and new["雪豹的山谷"] == "Movie" and new["杜尚别"] == "Place"


def test_a_foreign_name_in_characters_is_linked_by_its_role_on_a_known_film_marked_check(drafts):
    d = drafts["test-zh-beijing-premiere"]
    assert {m.text: m.entity for m in d.mentions}["安德烈·沃尔金"] == "andrey-volgin"
    (spelling,) = [s for s in d.statements if s.data["property"] == "alternateName" and s.data["subject"] == "andrey-volgin"]
    assert spelling.data["value"] == "安德烈·沃尔金" and spelling.notes[0].startswith("CHECK:") and "director of red-silk" in spelling.notes[0]
    assert not any(e.data.get("type") == "Person" and "·" in e.data.get("name", "") for e in d.entities)


# -- rounds 3 and 4: ranges, parts of a year, seasons in any case, bounding verbs, names read across scripts --


@pytest.mark.parametrize(
    "sentence,published,language,expected",
    [
        # a day written alone at the other end of a range takes its partner's month and year
        ("Next year's festival will run from Sept. 20 to 27, the organisers said.", "2025-09-29", "en",
         {"Next year": ("2026", False), "Sept. 20": ("2026-09-20", False), "27": ("2026-09-27", False)}),
        ("The festival ran 20-27 September.", "2025-10-03", "en", {"20": ("2025-09-20", False), "27 September": ("2025-09-27", False)}),
        ("It opens on June 20 and runs until the 27th.", "2026-03-06", "en", {"June 20": ("2026-06-20", False), "27th": ("2026-06-27", False)}),
        ("В Харбине с 14 по 16 октября прошёл форум.", "2026-10-19", "ru", {"14": ("2026-10-14", False), "16 октября": ("2026-10-16", False)}),
        ("Неделя откроется 20 июня и продлится до 27-го.", "2026-03-06", "ru", {"20 июня": ("2026-06-20", False), "27-го": ("2026-06-27", False)}),
        ("明年的展映周将于9月20日至27日举行。", "2025-09-29", "zh", {"明年": ("2026", False), "9月20日": ("2026-09-20", False), "27日": ("2026-09-27", False)}),
        # a season or a part of a year keeps its words: never a bare year under other words
        ("Премьера запланирована на весну 2027 года.", "2026-02-13", "ru", {"весну 2027 года": ("2027", False)}),
        ("Съёмки завершатся к осени 2026 года.", "2026-02-13", "ru", {"осени 2026 года": ("2026", False)}),
        ("Съёмки прошли прошлым летом.", "2026-03-06", "ru", {"прошлым летом": ("2025", False)}),
        ("Съёмки начнутся в начале 2027 года.", "2026-10-19", "ru", {"в начале 2027 года": ("2027", False)}),
        ("The film will open in the autumn.", "2026-04-23", "en", {"autumn": ("2026", False)}),
        # "said ... would": the saying is past, what it reports is not; no cue decides, so CHECK
        ("Karimova said the crew would move to Xinjiang in late summer.", "2026-04-23", "en", {"late summer": ("2026", True)}),
        # Chinese: "since" and the time of day are not the date's words
        ("剧组从今年1月起在撒马尔罕取景。", "2026-05-14", "zh", {"今年1月": ("2026-01", False)}),
        ("开幕式将于下周二晚举行。", "2026-11-27", "zh", {"下周二": ("2026-12-01", False)}),
        ("上个月举行的选片会收到报名影片。", "2026-11-27", "zh", {"上个月": ("2026-10", False)}),
    ],
)
def test_ranges_and_parts_of_years_keep_their_words(sentence, published, language, expected):
    assert dates_in(sentence, published, language) == expected


def test_bounding_verbs_and_numbers_in_words():
    from kg.curate.extract.chinese import find_quantities_zh
    from kg.curate.extract.quantities import find_quantities
    from kg.curate.extract.russian import find_quantities_ru

    def bounds(found):
        return [(q.wording, {k: getattr(q, k) for k in ("value", "min", "max", "approx") if getattr(q, k) is not None}) for q in found]

    assert bounds(find_quantities_ru("бюджет превысит 1 млрд рублей, а сборы не превысят 300 млн рублей")) == [
        ("1 млрд рублей", {"min": 1e9}),
        ("300 млн рублей", {"max": 3e8}),
    ]
    assert bounds(find_quantities("Its box office exceeded 500 million yuan.")) == [("500 million yuan", {"min": 5e8})]
    assert find_quantities("a drama about two sisters, shot over two winters") == []  # a topic and a length of time
    assert bounds(find_quantities_zh("预计有逾千名观众到场，拍摄历时4个多月。")) == [("逾千", {"min": 1000.0})]


def test_names_read_across_scripts():
    from kg.curate.extract.chinese import latin_transcription, sound_key
    from kg.curate.extract.russian import palladius_name

    # a Chinese name in Cyrillic, by its pinyin; a Russian name is none
    assert [palladius_name(n) for n in ("Ян Ян", "Лю Хуэйминь", "Чжэн Лун", "Глеб Калюжный", "Анна Ли")] == [
        "Yang Yang", "Liu Huimin", "Zheng Long", None, None,
    ]  # fmt: skip
    # a foreign name in characters, back in Latin letters; and compared by sound with the graph's spelling
    assert latin_transcription("阿斯兰·努尔别科夫") == "Aslan Nurbekov" and latin_transcription("王立新") is None
    assert sound_key(latin_transcription("安德烈·沃尔金")) == sound_key("Andrey Volgin")
    assert sound_key(latin_transcription("米洛什·比科维奇")) == sound_key("Milosh Bikovich")


def test_known_names_in_another_case_or_language_are_linked_and_marked(drafts):
    ice = {m.text: (m.entity, m.how) for m in drafts["test-ru-ice-road"].mentions}
    assert ice["Красного шёлка"] == ("red-silk", "lemma")  # quoted, in the genitive, inside a quotation
    assert ice["Неделе кино и телевидения ШОС"] == ("sco-film-and-television-week", "translation")
    (label,) = [s for s in drafts["test-ru-ice-road"].statements if s.data["property"] == "label"]
    assert label.data["value"] == "Неделя кино и телевидения ШОС" and label.data["lang"] == "ru"  # the head noun in the nominative
    assert label.notes[0].startswith("CHECK:")
    harbin = {m.text: (m.entity, m.how) for m in drafts["test-ru-harbin-forum"].mentions}
    assert harbin["Ян Ян"] == ("yang-yang", "palladius")
    moscow = drafts["test-zh-moscow-week"]
    assert {m.text: (m.entity, m.how) for m in moscow.mentions}["米洛什·比科维奇"] == ("milos-bikovic", "transcription")
    (spelling,) = [s for s in moscow.statements if s.data["property"] == "alternateName" and s.data["subject"] == "milos-bikovic"]
    assert spelling.notes[0].startswith("CHECK:") and "Milosh Bikovich" in spelling.notes[0]


# -- drafts that know the graph ------------------------------------------------------------------


def _add(trial: Path, name: str, text: str, language: str, published: str) -> None:
    (trial / "documents" / f"{name}.txt").write_text(text, encoding="utf-8")
    (trial / "documents" / f"{name}.yaml").write_text(
        f'headline: "[TEST ARTICLE] {name}"\npublisher: kg test suite (invented article, not a real source)\n'
        f"language: {language}\ndate_published: {published}\n",
        encoding="utf-8",
    )


def test_a_draft_that_contradicts_the_graph_shows_both_values_and_sources(data, tmp_path):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    _add(
        trial,
        "contradicts",
        'The spy thriller "Red Silk" will open in cinemas across China on Sunday.\n'
        "In Russia the film earned 900 million rubles at the box office.\n",
        "en",
        "2025-09-05",
    )
    d = draft("contradicts", trial)
    plain = [s.data for s in d.statements]
    assert not any(s.get("subject") == "red-silk-china-release" and "date" in s for s in plain), "not offered as a plain fact"
    (date,) = [i for i in d.disagreements if "date" in i.data]
    assert date.data["subject"] == "red-silk-china-release" and date.data["date"] == {"value": "2025-09-07", "wording": "Sunday"}
    note = next(n for n in date.notes if n.startswith("DISAGREES"))
    assert "2025-09-07" in note and "2025-09-06" in note and "cmg-globaltimes-red-silk-china-premiere.yaml" in note
    (money,) = [i for i in d.disagreements if "quantity" in i.data]
    note = next(n for n in money.notes if n.startswith("DISAGREES"))
    assert "900 million rubles" in note and "₽643 million" in note and "wikipedia-red-silk" in note
    text = d.to_yaml()
    section = text[text.index("# DISAGREEMENTS") :]
    assert "# - subject: red-silk-china-release" in section and "2025-09-06" in section
    parsed = yaml.safe_load(text)
    assert all(s.get("subject") != "red-silk-china-release" for s in parsed["statements"] or []), "commented out, not among the proposals"


@pytest.mark.parametrize(
    "language,text,wording",
    [
        ("ru", "Шпионский триллер «Красный шёлк» выйдет в прокат по всему Китаю в воскресенье.\n", "в воскресенье"),
        ("zh", "中俄合拍电影《红丝绸》将于本周日在中国全国院线上映。\n", "本周日"),
    ],
)
def test_a_russian_or_chinese_draft_that_contradicts_a_date_shows_the_disagreement(data, tmp_path, language, text, wording):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    _add(trial, "contradicts", text, language, "2025-09-05")  # a Friday: Sunday is 7 September, the graph says the 6th
    d = draft("contradicts", trial)
    assert not any(s.data.get("subject") == "red-silk-china-release" and "date" in s.data for s in d.statements)
    (item,) = d.disagreements
    assert item.data["date"] == {"value": "2025-09-07", "wording": wording}
    note = next(n for n in item.notes if n.startswith("DISAGREES"))
    assert "2025-09-06" in note and "cmg-globaltimes-red-silk-china-premiere.yaml" in note
    assert "# DISAGREEMENTS" in d.to_yaml()


def test_a_date_the_graph_agrees_with_says_so_and_the_graph_settles_two_readings(data, tmp_path):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    # no tense cue: "Feb. 20" could be 2025 or 2026; the graph's release in Russia settles it, marked CHECK
    _add(trial, "reading", "Red Silk: its release in Russia on Feb. 20 and 900 screens.\n", "en", "2025-09-05")
    d = draft("reading", trial)
    (item,) = [s for s in d.statements if s.data.get("subject") == "red-silk-russia-release"]
    assert item.data["date"] == {"value": "2025-02-20", "wording": "Feb. 20"}
    assert any(n.startswith("CHECK: took 2025-02-20") and re.search(r"(ecns-2025-05-08|wikipedia-red-silk)\.yaml:\d+", n) for n in item.notes)


# -- import time: the NLP libraries load only for the language that needs them -------------------


def test_an_english_draft_loads_no_russian_or_chinese_library(data):
    code = (
        "import sys, time; t = time.time(); import kg.curate.draft as d; imported = time.time() - t\n"
        f"d.draft('test-en-beijing-premiere', {str(data)!r})\n"
        "heavy = [m for m in ('natasha', 'jionlp', 'jieba', 'pypinyin', 'slovnet') if m in sys.modules]\n"
        "print(heavy, round(imported, 2))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    heavy, seconds = done.stdout.strip().rsplit(" ", 1)
    assert heavy == "[]" and float(seconds) < 2.0


# -- drafts build as they stand ---------------------------------------------------------------------


def test_russian_and_chinese_drafts_build_as_they_stand(data, tmp_path):
    """Each draft accepted as it stands before the next is drafted, as a curator works: a later
    article that names a place an earlier one declared (Almaty, Байкал) refers to it, never
    declares it twice."""
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    for name in LANGUAGE_ARTICLES:
        (trial / "facts" / f"{name}.yaml").write_text(draft(name, trial).to_yaml(), encoding="utf-8")
    for name in OLDER_ENGLISH:
        (trial / "documents" / f"{name}.txt").unlink()
        (trial / "documents" / f"{name}.yaml").unlink()
    report = kg.build(trial, tmp_path / "out", ROOT / "ontology")
    assert report.validation.conforms


# -- precision and recall per language ------------------------------------------------------------------


def _starts(text: str) -> str:
    """A quotation's first words (three), or first six characters in Chinese, without punctuation."""
    if re.search(r"[\u3400-\u9fff]", text[:3]):
        return re.sub(r"[^\w]", "", text)[:6]
    return " ".join(re.sub(r"[^\w\s'-]", "", text).split()[:3])


def _person(eid: str | None) -> str | None:
    """Ids compared as the names they spell (aygerim-nurlanova is aigerim-nurlanova)."""
    return "-".join(fold(part) for part in eid.split("-")) if eid else eid


def _found(d: Draft) -> dict[str, Counter]:
    bounds = ("value", "min", "max", "approx")
    return {
        "entities": Counter((m.text, m.entity if m.known else "new") for m in d.mentions),
        "dates": Counter((x.wording, str(x.value) if x.value else None) for x in d.dates),
        "quantities": Counter((q.wording, k, float(getattr(q, k))) for q in d.quantities for k in bounds if getattr(q, k) is not None),
        "quotations": Counter((_starts(q.text), _person(s)) for q, s in d.quotations),
        "roles": Counter({(r.property, _person(o)): 1 for r, _, o in d.roles}),
    }


def _expected(annotations: dict) -> dict[str, Counter]:
    bounds = ("value", "min", "max", "approx")
    return {
        "entities": Counter((e["text"], e["id"]) for e in annotations["entities"]),
        "dates": Counter((e["wording"], str(e["value"]) if e["value"] else None) for e in annotations["dates"]),
        "quantities": Counter((e["wording"], k, float(e[k])) for e in annotations["quantities"] for k in bounds if k in e),
        "quotations": Counter((_starts(e["starts"]), _person(e["speaker"])) for e in annotations["quotations"]),
        "roles": Counter((e["property"], _person(e["object"])) for e in annotations["roles"]),
    }


def score(drafts: dict[str, Draft]) -> dict[tuple[str, str], dict[str, list[int]]]:
    """{(language, 'tuned' | 'held-out'): {category: [true positives, found, expected]}}, and for
    dates a fourth count: found dates that are wrong and not marked CHECK."""
    totals: dict[tuple[str, str], dict[str, list[int]]] = {}
    for name, d in drafts.items():
        annotations = yaml.safe_load((ARTICLES / "expected" / f"{name}.yaml").read_text(encoding="utf-8"))
        group = (d.document.language, "held-out" if annotations.get("held_out") else "tuned")
        found, expected = _found(d), _expected(annotations)
        counts = totals.setdefault(group, {c: [0, 0, 0, 0] for c in CATEGORIES})
        for category in CATEGORIES:
            counts[category][0] += sum((found[category] & expected[category]).values())
            counts[category][1] += sum(found[category].values())
            counts[category][2] += sum(expected[category].values())
        right = expected["dates"]
        counts["dates"][3] += sum(1 for x in d.dates if (x.wording, str(x.value) if x.value else None) not in right and not x.check)
    return totals


def test_precision_and_recall_per_language(drafts, capsys):
    started = time.time()
    totals = score(drafts)
    lines = [f"kg draft precision / recall per language ({dt.date.today()}; dates P* = right or marked CHECK):"]
    lines.append(f"  {'language':8} {'group':8} " + "  ".join(f"{c:>22}" for c in CATEGORIES))
    for (language, group), counts in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1] != "tuned")):
        cells = []
        for category in CATEGORIES:
            tp, found, expected, unmarked = counts[category]
            p = tp / found if found else 1.0
            r = tp / expected if expected else 1.0
            cell = f"P {p:.2f} R {r:.2f} ({tp}/{found}/{expected})"
            if category == "dates":
                cell += f" P* {1 - unmarked / found if found else 1.0:.2f}"
            cells.append(f"{cell:>22}")
        lines.append(f"  {language:8} {group:8} " + "  ".join(cells))
    with capsys.disabled():
        print("\n" + "\n".join(lines) + f"\n  (scored in {time.time() - started:.2f} s)")
    # Targets (issue 14): entity and date recall >= 0.9, and every resolved date right or marked
    # CHECK (P* 1.0). The tuned articles are held to them. The held-out ones (written and annotated
    # before kg draft was run on them, scored once, never tuned on; docs/curation.md) are held to
    # what they reached on that first run, where it is below the target: HELD_OUT_FLOORS. Raise
    # a floor only with new held-out articles, never by fixing the finders on these.
    for (language, group), counts in totals.items():
        tp_e, _, exp_e, _ = counts["entities"]
        tp_d, found_d, exp_d, unmarked = counts["dates"]
        entity_floor, date_floor, precision_floor = (0.9, 0.9, 1.0) if group == "tuned" else HELD_OUT_FLOORS.get(language, (0.9, 0.9, 1.0))
        assert tp_e / exp_e >= entity_floor, (language, group, "entity recall", counts["entities"])
        assert tp_d / exp_d >= date_floor, (language, group, "date recall", counts["dates"])
        assert 1 - unmarked / found_d >= precision_floor, (language, group, "dates resolved wrong and not marked CHECK", counts["dates"])


#: (entity recall, date recall, date precision P*) the held-out articles reached on their first run
#: where below issue 14's targets (0.9, 0.9, 1.0); none is now. Held out now: round 9's English
#: (test-en-apricot-orchard + test-en-caspian-lighthouse: 34/36 entities, 15/15 dates, none wrong)
#: and Russian (test-ru-altai-herd + test-ru-pomegranate-garden: 36/36, 15/15, none wrong), and
#: round 11's Chinese (test-zh-fergana-silkworm + test-zh-minsk-snowfall: 33/36, 16/16, none
#: wrong). Chinese rounds 9 (0.78 entities) and 10 (0.89 entities, 0.80 dates, 3 wrong) missed them
#: and were tuned (docs/curation.md). A floor below the targets comes only with new held-out
#: articles that miss them, never by fixing the finders on these.
HELD_OUT_FLOORS: dict[str, tuple[float, float, float]] = {}


# -- round 7: a date is plain only when its reading is certain -------------------------------------------


@pytest.mark.parametrize(
    "sentence,published,language,expected",
    [
        # the tense of another verb in the sentence is no cue for the date: the date is marked
        ('"Monsoon" premiered on Tuesday night, three weeks before its nationwide release on Nov. 26.', "2026-11-04", "en",
         {"Tuesday": ("2026-11-03", False), "Nov. 26": ("2026-11-26", True)}),
        ("The festival ran well, and the jury met on Monday.", "2026-03-20", "en", {"Monday": ("2026-03-16", False)}),
        ("Organisers said the awards, with a ceremony on Feb. 20, drew crowds.", "2025-09-05", "en", {"Feb. 20": ("2025-02-20", True)}),
        # numbers inside a name are no date (nor a count)
        ("It premiered at the Karo 11 October cinema on Tuesday.", "2026-11-04", "en", {"Tuesday": ("2026-11-03", False)}),
        ("Показ прошёл в кинотеатре «Октябрь» в четверг.", "2026-09-14", "ru", {"в четверг": ("2026-09-10", False)}),
        ("Фестиваль «Ташкентская осень» открылся в понедельник.", "2025-09-17", "ru", {"в понедельник": ("2025-09-15", False)}),
        # a date counted from the date before it, never from the publication date
        ("The festival opens on May 12 and closes six days later.", "2026-03-20", "en",
         {"May 12": ("2026-05-12", False), "six days later": ("2026-05-18", False)}),
        ("Distribution is planned for early 2027, with a Chinese release later that year.", "2026-11-04", "en",
         {"early 2027": ("2027", False), "later that year": ("2027", False)}),
        ("The jury will meet two weeks later.", "2026-03-20", "en", {}),
        # Russian: a month and a season after на / к, "минувшую"
        ("Монтаж планируется завершить к концу лета, премьера намечена на октябрь.", "2026-05-29", "ru",
         {"концу лета": ("2026", False), "октябрь": ("2026-10", False)}),
        ("Премьера состоялась в минувшую субботу.", "2026-09-14", "ru", {"в минувшую субботу": ("2026-09-12", False)}),
        # a dateline's date is the day of the report; "this summer" in October is read by the tense, so it is marked
        ("МОСКВА, 23 октября. Фильм покажут в Казани.", "2026-10-23", "ru", {"23 октября": ("2026-10-23", False)}),
        ("本报乌鲁木齐5月14日电 影片在新疆取景。", "2026-05-15", "zh", {"5月14日": ("2026-05-14", False)}),
        ("The crew, which is small, will shoot this summer.", "2026-10-16", "en", {"this summer": ("2027", False)}),
        ("The crew is small; this summer they shoot.", "2026-10-16", "en", {"this summer": ("2026", True)}),
        ("The screening is in October Cinema.", "2026-10-16", "en", {}),
    ],
)
def test_a_date_is_plain_only_when_its_own_words_decide_it(sentence, published, language, expected):
    assert dates_in(sentence, published, language) == expected


def test_names_after_titles_and_parts_that_are_no_role(drafts, data, tmp_path):
    from kg.curate.extract.chinese import find_quantities_zh, person_spans
    from kg.curate.extract.quantities import find_quantities

    text = "发行负责人张琳表示，影片已在国内约3000块银幕开启预售。"
    assert [text[b:e] for b, e, _ in person_spans(text)] == ["张琳"]
    assert [(q.wording, q.approx) for q in find_quantities_zh(text)] == [("约3000", 3000.0)]
    assert find_quantities("It premiered at the Karo 11 October cinema.") == []
    monsoon = drafts["test-en-monsoon-volga"]
    assert ("director", "ravi-menon") in {(r.property, o) for r, _, o in monsoon.roles}  # "Its director, Indian filmmaker Ravi Menon"
    ala = drafts["test-en-ala-too-wind"]
    assert not any(r.property == "producer" for r, _, _ in ala.roles)  # "Producer Yang Yang ... has joined the project as an adviser"
    sky = drafts["test-ru-issyk-kul-sky"]
    assert [s for _, s in sky.quotations] == ["marat-aliev"]  # «…», — поделился Алиев


# -- round 8: round 7's misses fixed in general ways -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence,published,language,expected",
    [
        # a range whose year is said at one end: the other end takes it, in every language
        ("Режиссёр снимал картину с сентября по ноябрь 2025 года.", "2027-01-22", "ru",
         {"сентября": ("2025-09", False), "ноябрь 2025 года": ("2025-11", False)}),
        ("Фильм снимали с апреля по июнь прошлого года.", "2026-10-23", "ru",
         {"апреля": ("2025-04", False), "июнь прошлого года": ("2025-06", False)}),
        ("It was shot from April to June 2025.", "2027-01-10", "en", {"April": ("2025-04", False), "June 2025": ("2025-06", False)}),
        ("It was shot between November and February 2026, in the cold.", "2027-01-10", "en",
         {"November": ("2025-11", False), "February 2026": ("2026-02", False)}),  # the start in the year before
        ("该片于去年4月至6月在新疆拍摄。", "2026-10-16", "zh", {"去年4月": ("2025-04", False), "6月": ("2025-06", False)}),
        # Russian days counted from another day: "накануне" alone is the day before the date before it
        ("АЛМАТЫ, 22 января. Фильм получил приз, сообщила накануне пресс-служба.", "2027-01-22", "ru",
         {"22 января": ("2027-01-22", False), "накануне": ("2027-01-21", False)}),
        ("Фильм покажут накануне премьеры.", "2027-01-22", "ru", {}),  # the eve of an event: no date
        ("На днях авторы покажут первые кадры.", "2027-01-22", "ru", {"На днях": (None, True)}),  # no single day
        # "уже" with a future verb is "as early as", no past
        ("В прокат он выйдет уже 5 февраля.", "2027-01-22", "ru", {"5 февраля": ("2027-02-05", False)}),
        ("Production is due to begin in the autumn.", "2027-03-17", "en", {"autumn": ("2027", False)}),
    ],
)
def test_ranges_share_their_year_and_days_counted_from_another_day(sentence, published, language, expected):
    assert dates_in(sentence, published, language) == expected


def test_chinese_organisations_joined_by_yu_companies_in_a_list_and_generic_words(data, tmp_path):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    _add(
        trial,
        "zh-orgs",
        "本报阿拉木图11月18日电 中哈合拍电影《草原之歌》17日在阿拉木图首映，哈萨克斯坦文化与信息部副部长和中国驻阿拉木图总领事出席。"
        "该片由新疆天山电影制片厂与哈萨克斯坦国家电影公司联合出品，在伊犁河谷拍摄，大部分场景取景于俄罗斯摩尔曼斯克和中国漠河。"
        "导演说：“草原上的生活和城市一样在变化。”影片将于下月在中哈两国同步上映。\n",
        "zh",
        "2026-11-19",
    )
    d = draft("zh-orgs", trial)
    found = Counter((m.text, m.entity if m.known else "new") for m in d.mentions)
    assert found[("阿拉木图", "new")] == 3  # the dateline, 在阿拉木图首映, 驻阿拉木图
    assert found[("哈萨克斯坦文化与信息部", "new")] == 1 and ("哈萨克斯坦", "kazakhstan") not in found
    for place in ("伊犁河谷", "摩尔曼斯克", "漠河"):
        assert found[(place, "new")] == 1, place
    assert not any(m.text in ("城市", "两国") or "同步" in m.text for m in d.mentions)
    companies = {o for r, _, o in d.roles if r.property == "productionCompany"}
    assert companies == {"xinjiang-tianshan-dianying-zhipianchang", "hasakesitan-guojia-dianying-gongsi"}


def test_english_dateline_agency_and_voice_cast():
    from kg.curate.extract.roles import find_roles

    assert [r.property for r in find_roles("The feature was voiced by Svetlana Chuikina.", [])] == ["actor"]
    from kg.curate.draft import _DATELINE_AGENCY

    (m,) = _DATELINE_AGENCY.finditer("TASHKENT, Dec. 9 (Caravan News) -- The festival opens.")
    assert m.group("n") == "Caravan News"
