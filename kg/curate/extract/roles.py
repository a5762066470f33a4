"""Who did what on a film, from the phrases news writing uses for it.

Patterns (NAME is a known name at that place, or a run of capitalised words; a list is "A, B
and C"):

- "directed by [Russian director] NAME", "produced by", "co-produced by", "written by",
  "music by", "shot by", "distributed by", "starring A, B and C";
- "[Russian] [lead] director|producer|actress|actor|screenwriter|composer|cinematographer[,] NAME";
- "NAME, [the film's] [Russian] [general] producer|director|... [of the film]" (a role "of"
  anything but a film is not a film role: "director of the film bureau" is skipped);
- "Chinese-Russian film|co-production|thriller", "Uzbek and Russian filmmakers (...) co-produce":
  the countries of origin.

A nationality word before the role ("Russian producer") becomes the role's side and the
person's nationality; "co-produced by" a list of countries gives countries of origin, and by
organisations production companies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.curate.extract.entities import EntityMention, capitalised_name_at, capitalised_name_before

DEMONYMS = {
    "Chinese": "China",
    "Russian": "Russia",
    "Soviet": "Soviet Union",
    "Kazakh": "Kazakhstan",
    "Kazakhstani": "Kazakhstan",
    "Kyrgyz": "Kyrgyzstan",
    "Kyrgyzstani": "Kyrgyzstan",
    "Tajik": "Tajikistan",
    "Tajikistani": "Tajikistan",
    "Uzbek": "Uzbekistan",
    "Uzbekistani": "Uzbekistan",
    "Indian": "India",
    "Pakistani": "Pakistan",
    "Iranian": "Iran",
    "Belarusian": "Belarus",
    "Mongolian": "Mongolia",
    "Serbian": "Serbia",
}
_ADJ = "(?:" + "|".join(DEMONYMS) + ")"
ROLE_NOUNS = {
    "director": "director",
    "producer": "producer",
    "co-producer": "producer",
    "actress": "actor",
    "actor": "actor",
    "star": "actor",
    "screenwriter": "author",
    "scriptwriter": "author",
    "writer": "author",
    "composer": "musicBy",
    "cinematographer": "cinematographer",
    "distributor": "distributor",
}
# words between "directed by" and the name that say nothing of the role: "Almaty-born filmmaker Dana Seitova"
_MODIFIER = r"(?:[A-Z][\w-]*-born|veteran|young|first-time|acclaimed|award-winning|renowned|celebrated|noted|debut|independent)"
_TRADE = r"(?:filmmaker|film-maker|documentarian|documentary\s+maker|animator|auteur)"
_NOUN = "(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + ")"
_RANK = r"(?:lead|leading|main|general|executive|chief|co-)"
BY_VERBS = {
    "directed": "director",
    "produced": "producer",
    "co-produced": "producer",
    "jointly produced": "producer",
    "written": "author",
    "scripted": "author",
    "composed": "musicBy",
    "shot": "cinematographer",
    "distributed": "distributor",
    "music": "musicBy",
    "voiced": "actor",  # an animated film's cast: "voiced by NAME"
    "helmed": "director",
    "penned": "author",
    "lensed": "cinematographer",
    "scored": "musicBy",
    "played": "actor",
}
_BY = re.compile(
    r"\b(?P<verb>(?i:co-produced|jointly produced|directed|produced|written|scripted|composed|shot|distributed|music|voiced|played|helmed|penned|lensed|scored))\s+"
    r"(?:is\s+)?(?:(?:in|across|throughout)\s+(?:[A-Z][\w-]+\s+){1,2})?by\s+"
    rf"(?:the\s+)?(?:{_MODIFIER}\s+)*(?:(?P<adj>{_ADJ})\s+)?(?:{_MODIFIER}\s+)*(?:(?P<rank>{_RANK})\s+)?(?:(?P<noun>{_NOUN})\s+|{_TRADE}\s+)?"
)
_AND_ELSEWHERE_BY = re.compile(r",?\s+and\s+(?:in|across|throughout)\s+(?:[A-Z][\w-]+\s+){1,2}by\s+")
_STARRING = re.compile(r"\b(?:starring|stars|co-starring)\s+")
# a role word at the start of a sentence is capitalised ("Director Andrey Volgin and ...")
_BEFORE_NAME = re.compile(
    rf"\b(?:(?P<adj>{_ADJ})\s+)?(?:(?P<rank>(?i:{_RANK}))\s+)?(?P<noun>{_NOUN}|(?=[A-Z])(?i:{_NOUN[3:-1]}))(?P<comma>,)?\s+"
    # an apposition between the role and the name: "Its director, Indian filmmaker Ravi Menon"
    # or "The film's director, Bollywood veteran Rakesh Mehra"
    rf"(?:(?<=,\s)(?:(?:[A-Z][a-z]+|{_MODIFIER})\s+){{0,2}}(?:{_TRADE}|veteran|star|actor|actress)\s+)?(?=[A-Z])"
)
# "Producers Shukhrat Rizaev and Priya Kapoor", "co-directors A and B": a role word in the plural before a list
_PLURAL_BEFORE = re.compile(
    rf"\b(?:(?P<adj>{_ADJ})\s+)?(?P<noun>(?i:producers|co-producers|directors|co-directors|screenwriters|actors|actresses|stars))\s+(?=[A-Z])"
)
_AFTER_NAME = re.compile(
    rf"^,\s+(?:the\s+|a\s+|an\s+)?(?:(?:film|movie)'s\s+)?(?:(?P<adj>{_ADJ})\s+)?(?:(?P<rank>{_RANK})\s+)?(?P<noun>{_NOUN})\b"
    r"(?P<of>\s+of\s+(?:the\s+(?:film|movie)|\"[^\"]+\"|“[^”]+”|the\s+[\w-]+\s+(?:film|movie)))?(?!\s+of\b)"
)
# "Uzbek and Russian filmmakers signed an agreement to co-produce ...": the countries of a co-production
_PARTNERS = re.compile(
    rf"\b(?P<adjs>{_ADJ}(?:,\s+{_ADJ})*,?\s+and\s+{_ADJ})\s+(?:film\s+)?(?:filmmakers|studios|producers|companies|sides|partners|"
    r"film\s+groups|production\s+companies|crews)\b(?P<rest>[^.\n]{0,100}?)\b(?:co-produc\w*|jointly\s+(?:produc|mak|mad|shoot|shot|film)\w*)"
)
_COUNTRIES = re.compile(
    rf"\b(?P<adjs>{_ADJ}(?:-{_ADJ})+)\s+(?:[\w-]+\s+){{0,2}}?(?:film|movie|co-production|production|thriller|drama|comedy|blockbuster|documentary|"
    r"epic|saga|biopic|feature|animation|cartoon|series|musical|melodrama|romance|fantasy|western|adventure|horror)s?\b"
)
# "the China-Kyrgyzstan co-production": the countries by their names
_COUNTRY = "(?:" + "|".join(sorted(set(DEMONYMS.values()), key=len, reverse=True)) + ")"
_COUNTRY_NAMES = re.compile(
    rf"\b(?P<names>{_COUNTRY}(?:-{_COUNTRY})+)\s+(?:[\w-]+\s+){{0,2}}?(?:film|movie|co-production|production|thriller|drama|comedy|"
    r"documentary|epic|feature|animation|cartoon|series|musical|melodrama|romance|adventure|project)s?\b"
)
# "India and Tajikistan will co-produce a drama": the countries of a co-production named as its partners
_COUNTRY_PARTNERS = re.compile(
    rf"\b(?P<names>{_COUNTRY}(?:,\s+{_COUNTRY})*,?\s+and\s+{_COUNTRY})\s+(?:[\w-]+\s+){{0,4}}?(?:co-produc\w*|jointly\s+(?:produc|mak|shoot)\w*)"
)
# "Vadim Byrkin, who produced "Red Silk"": a role given in a relative clause, on the film it names
_WHO = re.compile(
    r"^,\s+who\s+(?:also\s+|has\s+|had\s+)?(?P<verb>co-produced|produced|directed|wrote|scripted|composed|starred\s+in|played\s+in)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?P<title>\"[^\"\n]+\"|“[^”\n]+”)"
)
# "X and Y signed a deal on Monday to make "Z"": the companies that make the film
_DEAL = re.compile(
    r"\b(?:signed|inked|sealed|struck|announced)\s+(?:a|an)\s+(?:co-production\s+)?(?:deal|agreement|contract|memorandum)\b[^.\n]{0,40}?"
    r"\bto\s+(?:co-produce|produce|make|shoot|film)\s+(?P<title>\"[^\"\n]+\"|“[^”\n]+”)"
)
# "a co-production of Tajikfilm and Kazakhfilm Studios", "co-produced "X" with Mumbai's Y", "co-produced
# with Tajikistan": the partners are production companies, or countries of origin
_COPRODUCTION = re.compile(
    r"\b(?:(?:joint\s+)?co-production\s+(?:of|between|by|from)|co-produc(?:ed|es|e|ing)\s+(?:(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:\"[^\"\n]+\"|“[^”\n]+”)\s+)?(?:together\s+)?with|(?:produced|made)\s+(?:jointly\s+)?with|"
    r"(?<=\S\s)in\s+(?:partnership|cooperation|co-operation|collaboration|association)\s+with)\s+(?:the\s+)?"
)
_WHO_VERBS = {
    "co-produced": "producer",
    "produced": "producer",
    "directed": "director",
    "wrote": "author",
    "scripted": "author",
    "composed": "musicBy",
}
# "stars Gosha Kutsenko and newcomer Dinara Saparova": a word that describes the person is not the name
_DESCRIBED = re.compile(
    rf"(?:(?:{_ADJ})\s+)?(?:newcomer|veteran|actor|actress|star|singer|comedian|rapper|debutant|model|musician|blogger|"
    r"first-time\s+actor|first-time\s+actress|young\s+actor|young\s+actress)\s+(?=[A-Z])"
)
# "produced by Tashkent-based X", "with Beijing's X": the place is not the name
_NAME_PREFIX = re.compile(r"[A-Z][\w-]*(?:-based|['’]s)\s+(?=[A-Z])")


# "Producer Yang Yang ... has joined the project as an adviser": the role word is the person's trade,
# the part in this film is what follows "as"
_AS_PART = re.compile(
    r"\b(?:joined|joins|join|signed\s+on|signs\s+on|came\s+on\s+board|serves?|served|serving|acts?|acted|works?|worked)\b[^.\n]{0,40}?\bas\s+(?:a|an|the|its|their)?\s*(?P<part>[\w-]+)"
)


# "Serbian actor Milos Bikovic will chair the jury": the trade is his, the part here is another
_OTHER_DUTY = re.compile(
    r"^\s+(?:(?:will|is\s+to|is\s+set\s+to|is\s+due\s+to|to|also|has\s+been\s+(?:named|appointed|invited)\s+to)\s+)?"
    r"(?:chair|head|host|preside|present|judge|moderate|lead|give|hold|teach)\w*\s+(?:over\s+)?(?:the|a|an|its|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:jury|ceremony|gala|panel|competition|forum|festival|week|evening|event|discussion|master\s?class|delegation|programme|program|workshop|lecture)s?\b",
    re.I,
)


def _another_part(text: str, after: int) -> bool:
    """The sentence goes on to give the person another part in the project ("joined ... as an
    adviser", "will chair the jury")."""
    if _OTHER_DUTY.match(text[after : after + 120]):
        return True
    stop = min([i for i in (text.find(". ", after), text.find("\n", after)) if i != -1] or [len(text)])
    m = _AS_PART.search(text, after, stop)
    return m is not None and m.group("part").lower() not in ROLE_NOUNS


@dataclass
class RoleMention:
    """A role phrase: the evidence, the property, whose name (span) or which country (text)."""

    begin: int
    end: int
    property: str
    target: tuple[int, int] | None = None  # span of the person's / organisation's name
    country: str | None = None  # for countries of origin named by a nationality word
    role_name: str | None = None  # e.g. "Russian producer", "lead actress"
    side: str | None = None  # the country named by the nationality word
    lead: bool = False
    film: tuple[int, int] | None = None  # the title the phrase itself names ("who produced "Red Silk"")


def find_roles(text: str, mentions: list[EntityMention]) -> list[RoleMention]:
    """Every role phrase in ``text``; names are taken from ``mentions`` where one starts there."""
    found: list[RoleMention] = []
    for m in _BY.finditer(text):
        verb = m.group("verb").lower()
        prop = BY_VERBS[verb]
        targets = _name_list(text, m.end(), mentions)
        for target in targets:
            mention = _mention_at(mentions, target[0])
            kind = mention.type if mention else None
            p = prop
            if verb in ("co-produced", "jointly produced", "produced"):
                p = "countryOfOrigin" if kind == "Country" else "productionCompany" if kind == "Organization" else "producer"
            role_name = _role_name(m.group("adj"), m.group("rank"), m.group("noun"))
            found.append(RoleMention(m.start(), targets[-1][1], p, target, role_name=role_name, side=_side(m.group("adj"))))
        # "distributed in China by X and in Russia by Y": the same role, elsewhere
        more = _AND_ELSEWHERE_BY.match(text, targets[-1][1]) if targets else None
        if more and prop in ("distributor", "producer"):
            for target in _name_list(text, more.end(), mentions):
                mention = _mention_at(mentions, target[0])
                p = "productionCompany" if prop == "producer" and mention and mention.type == "Organization" else prop
                found.append(RoleMention(more.start(), target[1], p, target))
    for m in _STARRING.finditer(text):
        targets = _name_list(text, m.end(), mentions)
        for target in targets:
            found.append(RoleMention(m.start(), targets[-1][1], "actor", target))
    for m in _BEFORE_NAME.finditer(text):
        target = _name_at(text, m.end(), mentions)
        if target is None or _another_part(text, target[1]):
            continue
        noun = m.group("noun").lower()
        rank = m.group("rank").lower() if m.group("rank") else None
        role_name = _role_name(m.group("adj"), rank, noun)
        lead = (rank or "") in ("lead", "leading", "main")
        found.append(
            RoleMention(m.start(), target[1], ROLE_NOUNS[noun], target, role_name=role_name, side=_side(m.group("adj")), lead=lead)
        )
    for m in _PLURAL_BEFORE.finditer(text):
        noun = m.group("noun").lower().removesuffix("s").replace("actresse", "actress")
        for target in _name_list(text, m.end(), mentions):
            found.append(RoleMention(m.start(), target[1], ROLE_NOUNS.get(noun, "director" if "director" in noun else "actor"), target))
    for mention in list(mentions) + _unmentioned_runs(text, mentions):
        m = _AFTER_NAME.match(text[mention.end :])
        if not m or (mention.type not in ("Person", None)):
            continue
        noun = m.group("noun")
        role_name = _role_name(m.group("adj"), m.group("rank"), noun)
        lead = (m.group("rank") or "") in ("lead", "leading", "main")
        found.append(
            RoleMention(
                mention.begin,
                mention.end + m.end(),
                ROLE_NOUNS[noun],
                (mention.begin, mention.end),
                role_name=role_name,
                side=_side(m.group("adj")),
                lead=lead,
            )
        )
    for mention in list(mentions) + _unmentioned_runs(text, mentions):
        m = _WHO.match(text[mention.end :])
        if not m or mention.type not in ("Person", None):
            continue
        verb = " ".join(m.group("verb").split())
        title = (mention.end + m.start("title") + 1, mention.end + m.end("title") - 1)
        found.append(
            RoleMention(mention.begin, mention.end + m.end(), _WHO_VERBS.get(verb, "actor"), (mention.begin, mention.end), film=title)
        )
    for m in _DEAL.finditer(text):
        sentence = max(text.rfind(". ", 0, m.start()) + 1, text.rfind("\n", 0, m.start()) + 1)
        title = (m.start("title") + 1, m.end("title") - 1)
        for mention in mentions:
            if sentence <= mention.begin and mention.end <= m.start() and mention.type == "Organization":
                found.append(RoleMention(mention.begin, m.end(), "productionCompany", (mention.begin, mention.end), film=title))
    for m in _COPRODUCTION.finditer(text):
        targets = _name_list(text, m.end(), mentions, single=True)
        for target in targets:
            mention = _mention_at(mentions, target[0])
            kind = mention.type if mention else None
            p = "countryOfOrigin" if kind == "Country" else "producer" if kind == "Person" else "productionCompany"
            found.append(RoleMention(m.start(), targets[-1][1], p, target))
    for m in [*_COUNTRY_PARTNERS.finditer(text), *_COUNTRY_NAMES.finditer(text)]:
        for name in re.findall(_COUNTRY, m.group("names")):
            found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=name))
    for m in _COUNTRIES.finditer(text):
        for adj in m.group("adjs").split("-"):
            found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=DEMONYMS[adj]))
    for m in _PARTNERS.finditer(text):
        for adj in re.findall(_ADJ, m.group("adjs")):
            found.append(RoleMention(m.start(), m.end(), "countryOfOrigin", country=DEMONYMS[adj]))
    return _dedupe(found)


def _role_name(adj: str | None, rank: str | None, noun: str | None) -> str | None:
    words = [w for w in (adj, rank, noun) if w]
    if not noun or len(words) == 1 and noun in ("director", "producer", "actor", "screenwriter", "composer", "cinematographer"):
        return None
    return " ".join(words).replace("co- ", "co-")


def _side(adj: str | None) -> str | None:
    return DEMONYMS.get(adj) if adj else None


def _mention_at(mentions: list[EntityMention], pos: int) -> EntityMention | None:
    return next((m for m in mentions if m.begin == pos), None)


def _name_at(text: str, pos: int, mentions: list[EntityMention], single: bool = False) -> tuple[int, int] | None:
    """The name at ``pos``: a mention, else a run of capitalised words (two or more unless ``single``)."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if prefix := _NAME_PREFIX.match(text, pos):
        pos = prefix.end()
    if described := _DESCRIBED.match(text, pos):  # "stars Gosha Kutsenko and newcomer Dinara Saparova"
        pos = described.end()
    mention = _mention_at(mentions, pos)
    if mention is not None:
        return mention.begin, mention.end
    span = capitalised_name_at(text, pos)
    if span and (span[1] - span[0]) > 2 and (single or " " in text[span[0] : span[1]]):
        return span
    return None


def _name_list(text: str, pos: int, mentions: list[EntityMention], single: bool = False) -> list[tuple[int, int]]:
    """'A', 'A and B', 'A, B and C', 'A, B, and C' starting at ``pos``."""
    names = []
    while True:
        span = _name_at(text, pos, mentions, single)
        if span is None:
            break
        names.append(span)
        sep = re.match(r",\s+and\s+|\s+and\s+|,\s+(?=[A-Z])|,?\s+(?:together|along)\s+with\s+", text[span[1] :])
        if not sep:
            break
        pos = span[1] + sep.end()
    return names


def _unmentioned_runs(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """Runs of two or more capitalised words followed by ', ... role': names not known yet."""
    runs = []
    for m in re.finditer(r",\s+(?:the\s+|a\s+|an\s+)?(?:(?:film|movie)'s\s+)?", text):
        span = capitalised_name_before(text, m.start())
        if span is None or " " not in text[span[0] : span[1]]:
            continue
        if any(x.begin <= span[0] < x.end or x.begin < span[1] <= x.end for x in mentions):
            continue
        runs.append(EntityMention(span[0], span[1], text[span[0] : span[1]], "", None, "run", False))
    return runs


def _dedupe(found: list[RoleMention]) -> list[RoleMention]:
    """One mention per (property, who): the one that says most (role name, side, lead), else the first.

    The phrase that gives the qualifiers is the evidence for them, so it wins over a bare one
    ("Yang Yan, a Chinese producer" over "produced by Yang Yan").
    """
    best: dict[tuple, RoleMention] = {}
    for r in sorted(found, key=lambda r: (r.begin, -(r.end - r.begin))):
        key = (r.property, r.target, r.country)
        if key not in best or _detail(r) > _detail(best[key]):
            best[key] = r
    return sorted(best.values(), key=lambda r: r.begin)


def _detail(r: RoleMention) -> int:
    return bool(r.role_name) + bool(r.side) + r.lead
