"""Words that link Russian and Chinese text to the graph's (mostly English) names.

Three things, kept small and in the open:

- :func:`transliterate`: Cyrillic to Latin, the way English-language news spells Russian names
  (Чуйкина -> Chuykina, Бырькин -> Byrkin, Калюжный -> Kalyuzhnyy). The choices that differ
  between systems (й as y/i/j, ё as e/yo, ь dropped or written ', -ий as -iy/-y/-i, х as kh/h)
  are then set aside by :func:`kg.ingest.names.fold`, which the registry already compares
  Latin names by; :func:`slavic_latin` does the same for names the graph holds with Serbian or
  Czech letters (Miloš Biković -> Milosh Bikovich, as Милош Бикович transliterates).
- :data:`PLACE_NAMES`: the usual Russian and Chinese names of the SCO's member states, a few
  cities and the SCO itself, mapped to the English name the graph knows them by. These are
  dictionary words (the Chinese short name 中国 of the People's Republic, whose Wikidata label is
  中华人民共和国), used to *find* a known entity in a text, never written into the graph as
  labels: a label needs a source (data/reference/).
- :data:`GENRE_WORDS`: Russian and Chinese words for the genres the graph names in English
  ("шпионский триллер", 谍战片 -> spy thriller), in any case ending; used like PLACE_NAMES, to
  find a known genre, never as a label.
- :data:`RU_NATIONS` and :data:`ZH_NATIONS`: the first part of compound adjectives
  ("российско-китайский", 中俄合拍), for countries of origin.
"""

from __future__ import annotations

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ў": "u",
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
}


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin (English-news style, BGN/PCGN without diacritics); others kept.

    A leading Е is "Ye" in most systems (Елена -> Yelena), which :func:`kg.ingest.names.fold`
    equates with "E"; a capital letter stays capital (Чуйкина -> Chuykina).
    """
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in _CYRILLIC:
            out.append(ch)
            continue
        latin = _CYRILLIC[low]
        if low == "е" and (i == 0 or not text[i - 1].isalpha()):
            latin = "ye"
        if ch != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


_SLAVIC = str.maketrans({"š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch", "ć": "ch", "Ć": "Ch", "ž": "zh", "Ž": "Zh", "đ": "dj", "Đ": "Dj"})


def slavic_latin(name: str) -> str | None:
    """A Latin name with Serbian/Czech letters spelled as Russian transliteration does, or None."""
    spelled = name.translate(_SLAVIC)
    return spelled if spelled != name else None


#: Russian and Chinese names of places and organisations -> the English name the graph uses.
PLACE_NAMES = {
    # countries of the SCO, and the Soviet Union
    "Китай": "China",
    "КНР": "China",
    "中国": "China",
    "Россия": "Russia",
    "俄罗斯": "Russia",
    "РФ": "Russia",
    "Казахстан": "Kazakhstan",
    "哈萨克斯坦": "Kazakhstan",
    "Киргизия": "Kyrgyzstan",
    "Кыргызстан": "Kyrgyzstan",
    "吉尔吉斯斯坦": "Kyrgyzstan",
    "Таджикистан": "Tajikistan",
    "塔吉克斯坦": "Tajikistan",
    "Узбекистан": "Uzbekistan",
    "乌兹别克斯坦": "Uzbekistan",
    "Индия": "India",
    "印度": "India",
    "Пакистан": "Pakistan",
    "巴基斯坦": "Pakistan",
    "Иран": "Iran",
    "伊朗": "Iran",
    "Белоруссия": "Belarus",
    "Беларусь": "Belarus",
    "白俄罗斯": "Belarus",
    "СССР": "Soviet Union",
    # cities the graph knows
    "Пекин": "Beijing",
    "北京": "Beijing",
    "Москва": "Moscow",
    "莫斯科": "Moscow",
    "青岛": "Qingdao",
    "山东": "Shandong",
    # the organisation
    "ШОС": "SCO",
    "上合组织": "SCO",
    "上海合作组织": "SCO",
}

#: Russian and Chinese words for genres (patterns, any case ending) -> the English name the graph uses.
GENRE_WORDS = {
    "ru": [
        (r"шпионск\w+\s+триллер\w*", "spy thriller"),
        (r"шпионск\w+\s+боевик\w*", "action-spy film"),
        (r"приключенческ\w+", "adventure"),
        (r"детектив(?:а|е|ом|ы|ов|ам|ами|ах)?", "detective"),
    ],
    "zh": [
        (r"动作谍战片", "action-spy film"),
        (r"谍战片|谍战电影|间谍惊悚片|间谍片", "spy thriller"),
        (r"冒险片|冒险电影|探险片", "adventure"),
        (r"侦探片|推理片|侦探电影", "detective"),
    ],
}

#: The first parts of Russian compound adjectives of nationality -> country.
RU_NATIONS = {
    "российск": "Russia",
    "русск": "Russia",
    "китайск": "China",
    "казахстанск": "Kazakhstan",
    "казахск": "Kazakhstan",
    "киргизск": "Kyrgyzstan",
    "кыргызск": "Kyrgyzstan",
    "таджикск": "Tajikistan",
    "узбекск": "Uzbekistan",
    "узбекистанск": "Uzbekistan",
    "индийск": "India",
    "пакистанск": "Pakistan",
    "иранск": "Iran",
    "белорусск": "Belarus",
    "советск": "Soviet Union",
}

#: One-character abbreviations of country names in Chinese compounds (中俄合拍 = Chinese-Russian).
ZH_NATIONS = {
    "中": "China",
    "俄": "Russia",
    "哈": "Kazakhstan",
    "吉": "Kyrgyzstan",
    "塔": "Tajikistan",
    "乌": "Uzbekistan",
    "印": "India",
    "巴": "Pakistan",
    "伊": "Iran",
    "白": "Belarus",
}

#: Chinese "X方" (the X side) -> country, for a producer's side.
ZH_SIDES = {"中方": "China", "俄方": "Russia", "哈方": "Kazakhstan", "乌方": "Uzbekistan", "印方": "India", "巴方": "Pakistan"}

#: Chinese names of organisations the graph may know by their English name only -> (that English
#: name, the source that gives the Chinese name). Not labels (a label comes from a sheet in
#: data/reference/): a Chinese draft links a name found here to the English name's entity, marked
#: CHECK with the source, so that the curator records the label from it.
ZH_KNOWN_NAMES = {
    # Wikipedia, "China Media Group" (https://en.wikipedia.org/wiki/China_Media_Group), read by the
    # lead: "China Media Group (Chinese: 中央广播电视总台)"
    "中央广播电视总台": ("China Media Group", "https://en.wikipedia.org/wiki/China_Media_Group"),
    # The Wall Street Journal (Cathy Yan), "Welcome to 'Chinawood'", in its bilingual reprint at
    # https://m.tingclass.net/show-138-220393-1.html (tingclass.net, an English-learning site): "Hengdian
    # World Studios, as it is officially known" / "它的正式名称叫横店影视城(Hengdian World Studios)"; the
    # studios' own site (https://www.hengdian.com/zh-hk/news/media-10623, Hengdian World Studios, a China
    # Daily report, 2021-07-19) pairs 橫店影視城 with "Hengdian World Studios" too
    "横店影视城": ("Hengdian World Studios", "https://m.tingclass.net/show-138-220393-1.html"),
}
