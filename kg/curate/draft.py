"""``kg draft``: propose a fact sheet for a document, for a curator to review.

The draft is a YAML file in the fact-sheet format (docs/factsheets.md), written to
``data/drafts/NAME.yaml`` (or ``--out``), never to ``data/facts/``: ``kg build`` does not read
it, so nothing enters the graph until the curator copies what they accept into the document's
sheet. Every proposed entity and statement carries its ``evidence:`` quote, checked to occur in
the document (with ``occurrence:`` when the words occur more than once), so the build finds it.

What is proposed (the finders are in :mod:`kg.curate.extract`):

- names of entities the graph already knows, resolved to their ids (names, aliases, labels in
  every language, spelling variants; see :mod:`kg.ingest.names`) — they are listed, not declared
  again, and a new spelling is proposed as an ``alternateName`` with its evidence;
- new people, films, organisations, events and places, found by role and speech patterns, quoted
  titles, name endings ("... Film Festival", "... Studios") and where a name stands (a dateline,
  "in Shymkent", "the Ala-Too cinema"), declared with a fresh id; a guess from position alone
  is marked CHECK;
- roles (director, producer, actor ...), with role name, side and nationality;
- quotations with their speaker ("she said": the nearest person named before);
- dates (release, premiere, opening, closing), resolved against the publication date with the
  document's words as ``wording``;
- quantities, with ``value`` / ``min`` / ``max`` / ``approx`` from their qualifier.

What the draft cannot attach to a subject is listed at the end, commented out.

Russian and Chinese documents (``language: ru`` / ``zh``) are read by
:mod:`kg.curate.extract.russian` and :mod:`kg.curate.extract.chinese`, which load their NLP
libraries on first use (an English draft loads none): names are linked through labels,
morphology, transliteration and pinyin, and new people, places, films and events are proposed.

The draft knows what the graph already says: a date or figure it proposes for a subject and
property that another sheet (a document's, or a reference source's) already gives is compared
with it. When they agree the draft says so; when they disagree the item goes to a section of
its own, commented out, with both values and both sources, never among the plain proposals.
The fact sheets (:class:`~kg.ingest.names.Registry`) are read rather than a built graph: they
are always current (no build needed after adding a sheet), they hold the same statements, and
they say where each one is written (file and line) for the curator to look at.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.curate.extract.dates import DateMention
from kg.curate.extract.entities import (
    NATIONALITY_WORDS,
    EntityMention,
    capitalised_name_at,
    family_owner,
    find_known,
    find_named,
    find_places,
    link_name,
)
from kg.curate.extract.languages import find_dates
from kg.curate.extract.quantities import QuantityMention, find_quantities
from kg.curate.extract.quotations import QuotationMention, find_quotations
from kg.curate.extract.roles import DEMONYMS, RoleMention, find_roles
from kg.errors import InputError, Problem
from kg.ingest.documents import Document, load_document
from kg.ingest.factsheets import ID
from kg.ingest.names import Match, Registry
from kg.ingest.vocabulary import EVENTS, PLACES
from kg.project import data_folder

_RELEASE = re.compile(
    r"\b(?:releas\w*|premier\w*|debut\w*|hit\s+(?:the\s+)?(?:big\s+)?(?:screens?|theaters|theatres|cinemas)|"
    r"(?:opens?|opened|opening)\s+(?:in|across)\s+(?:\w+\s+)?(?:cinemas|theaters|theatres)|"
    r"(?:film|movie|picture|comedy|drama|thriller)\s+(?:will\s+)?(?:opens?|opened)\s+in\s+(?=[A-Z]))",
    re.I,
)
_START = re.compile(r"\b(?:kick\w*\s+off|open\w*|began|begins?|start\w*|launch\w*|held|runs?|unveil\w*)\b", re.I)
_END = re.compile(r"\b(?:clos\w*|end\w*|conclud\w*|wrap\w*\s+up)\b", re.I)
# the same cues in Russian and Chinese (no \b between Chinese characters)
_RELEASE_OTHER = re.compile(r"прокат|премьер|вышл[аи]|вышел|выйд[её]т|выйдут|представил[аи]?|上映|首映|公映|院线|定档", re.I)
_CLAUSE = re.compile(r",\s|;\s|[，；]|\s[—–]\s|\s--\s|\s(?:and|but|before|after|while|when|а|но|и|когда)\s", re.I)
_SPEECH = re.compile(r"\b(?:said|says|told|announced|сказал\w*|заявил\w*|сообщил\w*|рассказал\w*|отметил\w*)\b|表示|介绍|透露|宣布", re.I)
#: words before an event's name that are no part of it (本届论坛: this year's forum)
#: a news agency between a dateline and its dash: "TASHKENT, Dec. 9 (Caravan News) --"
_DATELINE_AGENCY = re.compile(
    r"^[A-Z][A-Z'’. -]*[A-Z],[^\n()]{0,40}?\((?P<n>[A-Z][\w&'’.]*(?:\s+[A-Z][\w&'’.]*){0,4})\)\s*(?:--|[-—–])", re.M
)
#: words jieba may tag as places that name no place: 城市 ("the city"), 两国 ("the two countries")
_ZH_GENERIC_PLACES = {
    "城市",
    "两国",
    "三国",
    "各国",
    "多国",
    "全国",
    "国家",
    "本国",
    "外国",
    "中外",
    "当地",
    "各地",
    "世界",
    "全球",
    "海外",
    "国内",
    "国外",
    "边境",
    "地区",
    "沿线",
    "周边",
    "首都",
    "城乡",
    "农村",
    "乡村",
    "草原",
    "山区",
    "家乡",
    "故乡",
}
_ZH_NOT_IN_NAMES = {"主办方", "本届", "该", "此次", "这次", "今年", "去年", "明年", "届时", "首次", "本次", "上届", "下届", "各国"}
# the parties of a film or an event, which name a company's part, never begin its name (出品方哈萨克斯坦卡扎赫电影制片厂)
_ZH_NOT_IN_NAMES |= {"出品方", "制作方", "制片方", "发行方", "承办方", "协办方", "合作方", "中方", "外方", "俄方", "哈方", "乌方", "方"}
# nouns jieba tags as verbs, which names hold (中国电影导演协会, 华夏电影发行有限公司)
_ZH_IN_NAMES = {"导演", "编剧", "制片", "发行", "出品", "制作", "摄影", "表演", "动画", "翻译", "创作", "研究", "发展", "交流", "合作"}
# words that say what a company does, not which it is (传媒有限公司, 影视文化公司): a name of them alone has its own words before
_ZH_DESCRIPTORS = {"影视", "文化", "影视文化", "传媒", "文化传媒", "影视传媒", "电影", "影业", "娱乐", "文娱", "国际", "数字", "艺术"}
# words jieba tags as locations that say where, never a name's (在国内发行公司)
_ZH_NOT_NAME_WORDS = {"国内", "海外", "国外", "境内", "境外", "当地", "本地", "城里", "城外", "两岸", "各地", "全国", "现场", "线上", "线下"}
# verbs jieba tags as nouns, which a name never holds (亮相电影节: appeared at the festival)
_ZH_NOT_IN_NAMES |= {"亮相", "参加", "出席", "入围", "参展", "参赛", "角逐", "举办", "开幕", "闭幕", "落幕", "登陆", "举行"}
_ATTENDING = re.compile(
    r"\b(?:attend\w*|audiences?|guests?|gather\w*|welcom\w*|visitors?)\b|посети\w*|гост\w*|зрител\w*|出席|嘉宾|观众|参加", re.I
)
_PREMIERE_OTHER = re.compile(r"премьер|首映", re.I)
_START_OTHER = re.compile(r"откр[ыо]\w*|стартовал\w*|начал\w*|начн\w*|пройд\w*|開幕|开幕|举行|启动|开幕式", re.I)
_END_OTHER = re.compile(r"закр[ыо]\w*|заверш\w*|продлится до|продолжится до|闭幕|持续至|持续到|结束", re.I)
#: words for a film (and its genres) that put a quoted title next to them
_FILM_WORDS = (
    r"(?:film|movie|thriller|drama|comedy|documentary|animation|blockbuster|feature|co-production|series|adventure|epic|"
    r"biopic|musical|melodrama|romance|fantasy|western|cartoon|saga|picture|sequel|remake|tragedy|satire|mystery|horror)"
)
_TITLE_BEFORE = re.compile(
    rf"\b(?:{_FILM_WORDS}|(?:co-)?produce|(?:co-)?produced|shoot|direct|directed|star\s+in|starred\s+in|remake\s+of|sequel\s+to)\s+"
    r"[\"“](?P<t>[^\"”\n]{1,60})[\"”]"
)
_TITLE_AFTER = re.compile(rf"[\"“](?P<t>[^\"”\n]{{1,60}})[\"”],?\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{_FILM_WORDS}\b")
# a short quotation in title case ("Winter Apples", "The Silk Road Express"): a title, not speech
_QUOTED_TITLE = re.compile(r"[\"“](?P<t>[A-Z0-9][^\"”\n,.;!?]{0,58})[\"”]")
_SMALL_WORDS = {"of", "the", "and", "a", "an", "in", "on", "at", "to", "for", "from", "with", "or", "by", "over", "under", "into"}
_EVENT_BEFORE = re.compile(r"\b(?:festival|forum|week|programme|program|section|award|prize|competition|campaign|initiative)\s+$", re.I)
#: the East, the West ...: natasha tags them places, but they name none a graph could hold
_COMPASS_RU = {"восток", "запад", "север", "юг", "ближний восток", "дальний восток", "средняя азия", "европа", "азия"}
ORG_ENDINGS = (
    "Group",
    "Studio",
    "Studios",
    "Pictures",
    "Films",
    "Productions",
    "Entertainment",
    "Corporation",
    "Company",
    "Administration",
    "Fund",
    "Association",
    "Bureau",
    "Media",
    "Ministry",
    "Agency",
    "Academy",
    "University",
    "Government",
    "Committee",
    "Council",
    "Distribution",
    "Bank",
    "Holding",
    "Holdings",
    "Partnership",
    "Channel",
    "Television",
    "TV",
    "Network",
    "Institute",
    "Centre",
    "Center",
    "Foundation",
    "Union",
    "Federation",
    "Service",
    "Department",
    "Commission",
    "Society",
    "Guild",
    "Chamber",
    "Alliance",
    "Consortium",
    "Trust",
    "Ltd",
    "Inc",
    "LLC",
)
EVENT_ENDINGS = {
    "Festival": "Festival",
    "Week": "Festival",
    "Days": "Festival",
    "Showcase": "Festival",
    "Biennale": "Festival",
    "Forum": "Event",
    "Awards": "Event",
    "Summit": "Event",
    "Expo": "Event",
    "Market": "Event",
    "Fair": "Event",
    "Conference": "Event",
    "Congress": "Event",
    "Exhibition": "Event",
}
# titles that put a person's name after them and are no film role ("Altyn Studios chief Yerlan Dosanov")
_TITLE_BEFORE_PERSON = re.compile(
    r"\b(?i:chief|head|chairman|chairwoman|chairperson|chair|president|vice-president|CEO|minister|spokes(?:person|man|woman)|"
    r"founder|co-founder|ambassador|mayor|governor|curator|programmer|critic|official|secretary-general|general\s+director|"
    r"director\s+general|festival\s+director|artistic\s+director|filmmaker|film-maker|film\s+director|documentarian|"
    r"animator|novelist|writer|journalist|critic|scholar|expert|analyst|singer|musician|poet|astronomer|scientist|explorer|"
    r"philosopher|painter|artist|travell?er|merchant|emperor|king|queen|prince|princess|khan|sultan|hero|athlete|boxer|wrestler|"
    r"champion|cosmonaut|astronaut|pilot|teacher|businessman|businesswoman|entrepreneur|politician|diplomat|leader|counterpart|"
    r"legend|blogger|composer|conductor|choreographer|designer|photographer|historian|ethnographer|commander|warrior)\s+(?=[A-Z])"
)
_SAID_NAME = re.compile(r"\b(?:said|says|told|added|noted|explained|according\s+to)\s+(?=[A-Z][a-z])")
# "at the Ala-Too cinema": a venue named before its kind, in lower case
_VENUE = re.compile(
    r"\bthe\s+(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?P<kind>cinema|movie\s+theater|theatre|theater|concert\s+hall|hall|arena|"
    r"stadium|museum|palace|square|park|cultural\s+centre|cultural\s+center|centre|center|film\s+studio|hotel|"
    r"(?:film\s+|movie\s+|cinema\s+)?(?:festival|forum|awards|market))\b"
)
# "Uzbekfilm head Firdavs Abdukhalikov": the one capitalised word before a title and a name is an organisation
_ORG_BEFORE_TITLE = re.compile(
    r"(?<![\w'’-] )(?<![A-Za-z])(?P<o>[A-Z][\w-]{3,})\s+(?:head|chief|chairman|chairwoman|president|CEO|boss|spokes(?:man|woman|person)|"
    r"director\s+general|general\s+director)\s+(?=[A-Z][a-z])"
)
# "Russian studio Mosfilm", "the streaming platform Kinopoisk": an organisation named after its kind
_ORG_AFTER_KIND = re.compile(
    r"\b(?:studio|film\s+company|production\s+company|company|distributor|broadcaster|channel|streaming\s+(?:service|platform)|"
    r"platform|news\s+agency|agency|publisher|newspaper|cinema\s+chain)\s+(?=[A-Z][\w-]{2,})"
)
# "the Maoyan ticketing platform", "the Kazinform news agency": an organisation named before its kind
_ORG_BEFORE_KIND = re.compile(
    r"\bthe\s+(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?:ticketing\s+)?(?:platform|news\s+agency|agency|studio|studios|"
    r"film\s+company|company|group|newspaper|website|channel|broadcaster|app|service|foundation|fund)\b"
)
# "Kazakhfilm", "Uzbekkino", "Belarusfilm": one word ending in -film or -kino is a studio
_STUDIO_WORD = re.compile(r"\b[A-Z][a-z]{2,}(?:film|kino)\b")
# "the documentary Roads of Friendship opened": a title without quotation marks after its kind
_UNQUOTED_TITLE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Nn]ew|upcoming|animated)\s+(?:(?:new|upcoming|animated|historical|feature|[A-Z][a-z]+-[A-Z][a-z]+)\s+)?"
    r"(?:documentary|film|movie|drama|comedy|thriller|cartoon|biopic|melodrama|blockbuster)\s+"
    r"(?P<t>[A-Z][\w'’-]*(?:\s+(?:of|the|and|in|on|to|a|from)\s+[A-Z][\w'’-]*|\s+[A-Z][\w'’-]*){0,5})"
)
# "based on a novel by Mukhtar Auezov": the author of a work is a person
_WORK_BY = re.compile(
    r"\b(?:novel|book|story|stories|play|poem|script|screenplay|song|painting|memoir|documentary|short\s+film|music|lyrics)\s+by\s+(?=[A-Z][a-z])"
)


@dataclass
class Item:
    """One proposed entity or statement (keys in fact-sheet order), with notes for the curator."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    attached: bool = True


@dataclass
class Draft:
    """What ``kg draft`` found in a document and proposes; :meth:`to_yaml` is the file."""

    document: Document
    mentions: list[EntityMention]
    dates: list[DateMention]
    quantities: list[QuantityMention]
    quotations: list[tuple[QuotationMention, str | None]]  # with the speaker's id
    roles: list[tuple[RoleMention, str | None, str | None]]  # with the subject's and the object's ids
    entities: list[Item] = field(default_factory=list)
    statements: list[Item] = field(default_factory=list)
    unattached: list[Item] = field(default_factory=list)
    near_misses: dict[str, list[Match]] = field(default_factory=dict)
    disagreements: list[Item] = field(default_factory=list)  # what the graph already states otherwise
    held_back: list[Item] = field(default_factory=list)  # about a new film the text gives no country of origin

    def to_yaml(self) -> str:
        return _render(self)


def draft(name: str, data: Path | str | None = None, registry: Registry | None = None) -> Draft:
    """Read ``data/documents/NAME.txt`` and propose its fact sheet (nothing is written).

    The known entities are those of every sheet in ``data`` (``registry`` overrides that, e.g.
    to leave out the document's own sheet when measuring the draft against a curated one).
    """
    data = data_folder(data)
    document = _document(name, data)
    registry = registry if registry is not None else Registry.from_data(data)
    return _Drafter(document, registry).run()


def write_draft(result: Draft, out: Path | str | None = None, data: Path | str | None = None) -> Path:
    """Write the draft to ``out`` (default ``data/drafts/NAME.yaml``); never into facts/ or reference/."""
    data = data_folder(data)
    out = Path(out) if out is not None else data / "drafts" / f"{result.document.id}.yaml"
    for folder in ("facts", "reference", "documents"):
        guarded = (data / folder).resolve()
        if out.resolve().parent == guarded or guarded in out.resolve().parents:
            raise InputError(
                Problem(
                    out,
                    None,
                    f"a draft is never written into {data / folder}/: the build would read it as accepted facts",
                    f"leave --out out (the draft goes to {data / 'drafts'}/), then copy what you accept into {data / 'facts' / (result.document.id + '.yaml')}",
                )
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(result.to_yaml(), encoding="utf-8")
    tmp.replace(out)
    return out


def _document(name: str, data: Path) -> Document:
    stem = Path(name).name.removesuffix(".txt").removesuffix(".yaml")
    folder = data / "documents"
    path = folder / f"{stem}.txt"
    if not path.exists():
        known = sorted(p.stem for p in folder.glob("*.txt")) if folder.is_dir() else []
        hint = (
            f"registered documents: {', '.join(known)}" if known else "register it first with `kg add FILE --headline ... --published ...`"
        )
        raise InputError(Problem(path, None, f"no document named '{stem}'", hint))
    return load_document(path)


def _named_runs(text: str):
    """Capitalised runs that may join words with of/and/for ("SCO Film and Television Week"),
    split at an "and" that follows a complete name ("Nota Bene Film Group and Hengdian World
    Studios" is two names)."""
    endings = set(ORG_ENDINGS) | set(EVENT_ENDINGS)
    for m in re.finditer(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z0-9][\w'’-]*)+", text):
        parts = re.split(r"(\s+and\s+)", m.group())
        current, current_start = parts[0], m.start()
        pos = m.start() + len(parts[0])
        for sep, nxt in zip(parts[1::2], parts[2::2], strict=True):
            # "X Relations and Tajikistan's Committee": a possessive begins another name
            if current.split()[-1] in endings or re.match(r"[A-Z][\w-]*['’]s\b", nxt):
                yield current_start, current
                current, current_start = nxt, pos + len(sep)
            else:
                current += sep + nxt
            pos += len(sep) + len(nxt)
        yield current_start, current


#: words that head a name whose complement follows with "of" or "for" ("Ministry of Culture", "State
#: Centre for Support of National Cinema", "Festival of Asian Cinema")
_HEADS = {
    "Ministry", "Academy", "University", "Institute", "Centre", "Center", "Union", "Association", "Federation", "Committee",
    "Council", "Department", "Agency", "Bureau", "Fund", "Foundation", "Festival", "Forum", "Museum", "Society", "Chamber",
    "Guild", "Commission", "Office", "Service", "Administration", "Directorate",
}  # fmt: skip


def _name_of_a_kind(start: int, name: str, text: str) -> tuple[int, str]:
    """A capitalised run cut to the name it holds: "Golden Crane Youth Film Week of SCO countries"
    is the Golden Crane Youth Film Week, the "of SCO" belonging to a phrase in lower case that
    goes on after the run; "Ministry of Culture" stays whole."""
    words = name.split()
    after = text[start + len(name) : start + len(name) + 2]
    if len(words) >= 3 and words[-2] in ("of", "for") and re.match(r" [a-z]", after):
        tail = words[-1]
        if (tail.isupper() and len(tail) <= 5) or tail in DEMONYMS:  # "of SCO countries", "of Russian cinema"
            cut = " ".join(words[:-2])
            if cut.split()[-1] in ORG_ENDINGS or cut.split()[-1] in EVENT_ENDINGS:
                return start, cut
    return start, name


def _inside(m: EntityMention, span: tuple[int, int]) -> bool:
    """Whether known mention ``m`` may be part of a longer new name over ``span``.

    A one-word name ("SCO" in "SCO Film and Television Week", "China" in "China-Russia Years
    of Culture") may; a known name of several words may not ("Vadim Byrkin of Russia's Nota
    Bene Film Group" is two known entities, not a new organisation).
    """
    return span[0] <= m.begin and m.end <= span[1] and (m.end - m.begin) < (span[1] - span[0]) and " " not in m.text


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"


class _Drafter:
    def __init__(self, document: Document, registry: Registry):
        self.doc = document
        self.text = document.text
        self.registry = registry
        self.ids: set[str] = set(registry.ids)  # ids in use: new ones never collide with declared ones
        self.new_names: dict[str, tuple[str, str]] = {}
        self.new_first: dict[str, tuple[int, int]] = {}
        self.near: dict[str, list[Match]] = {}
        self.quoted: set[str] = set()  # new titles found in quotation marks: whatever known name they hold is theirs
        self.why: dict[str, str] = {}  # why a new entity is taken to be what it is, when only its place says so
        self.role_links: dict[str, tuple[str, str, str]] = {}  # person -> (name as written, film, role): see _link_by_role
        self.sound_links: dict[str, tuple[str, str]] = {}  # person -> (name as written, read back in Latin): see _link_by_sound
        self.entities: list[Item] = []
        self.statements: list[Item] = []
        self.unattached: list[Item] = []
        self.seen: set[tuple] = set()
        # what this document's own sheet already states is not proposed again
        self.stated: set[tuple] = set()
        for st in registry.statements:
            if st.sheet.document == document.id:
                self.stated.add((st.subject, st.property))
                self.stated.add((st.subject, st.property, st.object if st.object is not None else st.value))
        self.language = (document.language or "en").lower().split("-")[0]
        if self.language == "zh":
            from kg.curate.extract.chinese import sentences_zh

            self.sentences = sentences_zh(self.text)  # 。！？ end Chinese sentences
        else:
            self.sentences = [(s.begin, s.end) for s in document.sentences]
        self.disagreements: list[Item] = []
        self.held_back: list[Item] = []
        self._zh_people: list[tuple[int, int, str | None]] = []

    # -- the run -------------------------------------------------------------------------------
    def run(self) -> Draft:
        text = self.text
        if self.language in ("ru", "zh"):
            mentions, roles_found, quotes_found = self._read_other_language()
        else:
            known = self._audiences_attending(find_known(text, self.registry))
            known = self._short_names(known)
            self._collect_new_names(known)
            new = find_named(text, self.new_names, [])

            def holds(n: EntityMention, k: EntityMention) -> bool:  # a known name that is part of a new one
                if n.entity in self.quoted:  # any known name inside a quoted title
                    return n.begin <= k.begin and k.end <= n.end and k.end - k.begin < n.end - n.begin
                return _inside(k, (n.begin, n.end))

            new = [n for n in new if not any(k.begin < n.end and n.begin < k.end and not holds(n, k) for k in known)]
            known = [k for k in known if not any(holds(n, k) for n in new)]
            mentions = self._short_names(sorted(known + new, key=lambda m: m.begin))  # "Li said" after "Li Na", a new person
        self.mentions = mentions
        dates = find_dates(
            text,
            self.doc.date_published,
            self.doc.date_published_earliest,
            self.doc.date_published_latest,
            self.sentences,
            self.language,
        )
        skip = [(d.begin, d.end) for d in dates]
        if self.language == "ru":
            from kg.curate.extract.russian import find_quantities_ru

            quantities = find_quantities_ru(text, skip)
        elif self.language == "zh":
            from kg.curate.extract.chinese import find_quantities_zh

            quantities = find_quantities_zh(text, skip)
        else:
            quantities = find_quantities(text, skip=skip)
            roles_found, quotes_found = find_roles(text, mentions), find_quotations(text)
        roles = [(r, self._film_named(r) or self._film_at(r.begin), self._role_object(r)) for r in roles_found]
        if self.language == "zh":
            roles = self._link_by_sound(self._link_by_role(roles))
        quotations = [(q, self._speaker(q)) for q in quotes_found]
        mentions = self.mentions
        result = Draft(self.doc, mentions, dates, quantities, quotations, roles, near_misses=self.near)

        self._propose_new_entities(mentions)
        self._propose_spellings([m for m in mentions if m.known])
        for r, film, obj in roles:
            self._propose_role(r, film, obj)
        for q, speaker in quotations:
            self._propose_quotation(q, speaker)
        used_dates = self._propose_quantities(quantities, dates)
        self._propose_dates([d for d in dates if id(d) not in used_dates])
        self._hold_back_films_without_country()
        result.entities, result.statements, result.unattached = self.entities, self.statements, self.unattached
        result.disagreements, result.held_back = self.disagreements, self.held_back
        return result

    def _link_by_role(self, roles: list[tuple[RoleMention, str | None, str | None]]) -> list[tuple[RoleMention, str | None, str | None]]:
        """A foreign name in Chinese characters (安德烈·沃尔金) that the graph cannot spell-check,
        given a role on a known film whose only holder of that role in the graph is a person the
        graph names in Latin letters only, is taken to be that person, marked CHECK.

        A transliteration into characters cannot be compared with a Latin name (沃尔金 is Volgin,
        but no rule says so), while "《红丝绸》导演" is a strong clue when the graph knows one
        director of Red Silk. A Han name (王立新) can be compared through its pinyin, so it is left alone.
        """
        relinked: dict[str, str] = {}
        for r, film, obj in roles:
            if film is None or obj is None or obj in relinked or film not in self.registry.entities:
                continue
            name = next((n for n, (i, t) in self.new_names.items() if i == obj and t == "Person"), None)
            if name is None or not re.search(r"[·•・]", name):
                continue
            holders = {st.object for st in self.registry.statements if st.subject == film and st.property == r.property and st.object}
            people = [
                self.registry.entities[h] for h in holders if h in self.registry.entities and self.registry.entities[h].type == "Person"
            ]
            if len(people) != 1 or len(holders) != 1:
                continue
            (person,) = people
            if any(n.kind == "label:zh" or not n.text.isascii() and re.search(r"[\u3400-\u9fff]", n.text) for n in person.names):
                continue  # the graph has the person's Chinese name, and it is not this one
            if len(re.split(r"[·•・]", name)) != len(person.name.split()):
                continue
            relinked[obj] = person.id
            self.role_links[person.id] = (name, film, r.property)
            del self.new_names[name]
            self.ids.discard(obj)
        return self._relink(roles, relinked, "role")

    def _link_by_sound(self, roles: list[tuple[RoleMention, str | None, str | None]]) -> list[tuple[RoleMention, str | None, str | None]]:
        """A foreign name in characters whose transcription back into Latin letters sounds like
        exactly one person the graph names in Latin letters (米洛什·比科维奇 -> Milosh Bikovich ->
        Miloš Biković), is taken for that person, marked CHECK: the characters lose r/l, g/k, v/f.
        Every word must agree, and no other known person may share the sound."""
        from kg.curate.extract.chinese import latin_transcription, sound_key
        from kg.curate.extract.lexicon import slavic_latin

        sounds: dict[tuple[str, ...], set[str]] = {}
        for known in self.registry.entities.values():
            if known.type != "Person":
                continue
            for n in known.names:
                if n.text.replace("-", "").replace(" ", "").isalpha() and not re.search(r"[\u0400-\u04ff\u3400-\u9fff]", n.text):
                    sounds.setdefault(sound_key(slavic_latin(n.text) or n.text), set()).add(known.id)
        relinked: dict[str, str] = {}
        for name, (eid, etype) in list(self.new_names.items()):
            latin = latin_transcription(name) if etype == "Person" else None
            owners = sounds.get(sound_key(latin), set()) if latin else set()
            if len(owners) != 1 or any(len(part) < 2 for part in sound_key(latin)):
                continue
            (person,) = owners
            relinked[eid] = person
            self.sound_links[person] = (name, latin)
            del self.new_names[name]
            self.ids.discard(eid)
        return self._relink(roles, relinked, "transcription")

    def _relink(
        self, roles: list[tuple[RoleMention, str | None, str | None]], relinked: dict[str, str], how: str
    ) -> list[tuple[RoleMention, str | None, str | None]]:
        """Point the mentions and roles of new people in ``relinked`` (new id -> known person) at
        the known person, each mention marked with ``how`` it was linked."""
        for m in self.mentions:
            if m.entity in relinked:
                m.entity, m.known, m.how = relinked[m.entity], True, how
                m.known_name = self.registry.entities[m.entity].name
                m.type = "Person"
        return [(r, film, relinked.get(obj, obj)) for r, film, obj in roles]

    def _hold_back_films_without_country(self) -> None:
        """A new film needs a country of origin (the graph's shapes say so), and when the text
        names none, the draft cannot propose one: the film and everything said about it are
        held back, commented out, for the curator to complete, so that the rest builds as it is."""
        held = {
            e.data["id"]
            for e in self.entities
            if e.data.get("type") == "Movie"
            and not any(s.data.get("subject") == e.data["id"] and s.data.get("property") == "countryOfOrigin" for s in self.statements)
        }
        if not held:
            return

        def names(value: Any) -> bool:
            if isinstance(value, dict):
                return any(names(v) for v in value.values())
            if isinstance(value, list):
                return any(names(v) for v in value)
            return isinstance(value, str) and value in held

        while True:  # a release of a held-back film is held back too, and what refers to it
            more = {
                e.data["id"] for e in self.entities if e.data["id"] not in held and names({k: v for k, v in e.data.items() if k != "id"})
            }
            if not more:
                break
            held |= more
        keep_e, keep_s = [], []
        for item in self.entities:
            (self.held_back if item.data["id"] in held else keep_e).append(item)
        for item in self.statements:
            (self.held_back if names(item.data) else keep_s).append(item)
        self.entities, self.statements = keep_e, keep_s
        for item in self.held_back:
            if item.data.get("type") == "Movie" and item.data["id"] in held:
                item.notes.append("CHECK: the text names no country of origin for this film, and the graph needs one: add it from a source")

    def _short_names(self, known: list[EntityMention]) -> list[EntityMention]:
        """One word of a known person's name, alone, when the text has named that person in full
        and no other person it names has that word ("Zheng told reporters" after "Zheng Hanyi"):
        a family name too short for the graph-wide rule, settled by the document."""
        people: dict[str, set[str]] = {}
        for m in known:
            if m.type == "Person" and " " in m.text:
                for word in m.text.split():
                    people.setdefault(word, set()).add(m.entity)
        first = {m.entity: m.end for m in known if m.type == "Person"}
        is_known = {m.entity: m.known for m in known}
        added = []
        for word, owners in people.items():
            if len(owners) != 1 or len(word) < 2 or not word[:1].isupper():
                continue
            (eid,) = owners
            for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", self.text):
                if m.start() < first[eid] or any(k.begin < m.end() and m.start() < k.end for k in known + added):
                    continue
                if re.match(r"\s+[A-Z]", self.text[m.end() :]):
                    continue  # the first word of another name
                name = next(k.known_name for k in known if k.entity == eid)
                added.append(EntityMention(m.start(), m.end(), word, eid, "Person", "family name", is_known[eid], name))
        return sorted(known + added, key=lambda m: m.begin)

    def _audiences_attending(self, known: list[EntityMention]) -> list[EntityMention]:
        """Known audience groups ("filmmakers", "diplomats") only where the sentence speaks of attending.

        Their names are common nouns: "Uzbek and Russian filmmakers signed an agreement" names
        filmmakers, not the group that attended an event.
        """
        kept = []
        for m in known:
            if m.type == "Audience":
                sb, se = self._sentence(m.begin)
                if not _ATTENDING.search(self.text[sb:se]):
                    continue
            kept.append(m)
        return kept

    # -- Russian and Chinese ---------------------------------------------------------------------
    def _read_other_language(self) -> tuple[list[EntityMention], list[RoleMention], list[QuotationMention]]:
        """Mentions (known and new), roles and quotations of a Russian or Chinese text."""
        text = self.text
        known = self._audiences_attending(find_known(text, self.registry))
        if self.language == "zh":
            from kg.curate.extract import chinese

            edges = chinese.word_edges(text)
            # a known name of one or two characters must be a word of its own (jieba's edges)
            known = [k for k in known if len(k.text) > 2 or (k.begin in edges and k.end in edges)]
        candidates: list[tuple[int, int, int, EntityMention]] = [(k.begin, k.end, 0, k) for k in known]
        people: list[tuple[int, int]] = []
        if self.language == "ru":
            self._names_ru(candidates, people)
        else:
            self._names_zh(candidates)
        chosen: list[EntityMention] = []
        for begin, end, _, m in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
            if not any(begin < o.end and o.begin < end for o in chosen):
                chosen.append(m)
        mentions = sorted(chosen, key=lambda m: m.begin)
        used = {m.entity for m in mentions}
        for name, (eid, _) in list(self.new_names.items()):
            if eid not in used:  # a new name that lost to a longer known one
                del self.new_names[name]
        person_spans = [(m.begin, m.end) for m in mentions if m.type == "Person"]
        if self.language == "ru":
            from kg.curate.extract.russian import find_quotations_ru, find_roles_ru

            organisations = [(m.begin, m.end) for m in mentions if m.type == "Organization"]
            return mentions, find_roles_ru(text, person_spans, organisations), find_quotations_ru(text, person_spans)
        from kg.curate.extract.chinese import find_quotations_zh, find_roles_zh

        people_zh = [(b, e, p) for b, e, p in self._zh_people if any(m.begin == b and m.end == e for m in mentions)]
        people_zh = sorted(people_zh + [(m.begin, m.end, None) for m in mentions if m.how == "family name"])
        organisations = [(m.begin, m.end) for m in mentions if m.type == "Organization"]
        # (a speaker may be named where no role or speech word found the name: 陈牧野在开机仪式上说)
        speakers_zh = sorted(set(people_zh) | {(m.begin, m.end, None) for m in mentions if m.type == "Person" and not any(b == m.begin for b, _, _ in people_zh)})
        return mentions, find_roles_zh(text, people_zh, organisations), find_quotations_zh(text, speakers_zh)

    def _add_new(self, name: str, etype: str, span: tuple[int, int], slug: str) -> str:
        """The id of new entity ``name`` (declared once, however often it is named)."""
        if name in self.new_names:
            return self.new_names[name][0]
        base = slug or "entity"
        if etype != "Person" and base in self.ids:
            base = f"{base}-{etype.lower()}"
        eid, n = base, 2
        while eid in self.ids or not ID.match(eid):
            eid, n = f"{base}-{n}", n + 1
        self.ids.add(eid)
        self.new_names[name] = (eid, etype)
        self.new_first[eid] = span
        return eid

    def _names_ru(self, candidates: list, people: list) -> None:
        from kg.curate.extract.lexicon import transliterate
        from kg.curate.extract.russian import analyse, lemmas, palladius_name

        text = self.text
        _, found = analyse(text)
        # a known place's name quoted after an organisation word is the organisation's ("телеканала «Россия»")
        quoted_orgs = {(sp.start, sp.stop) for sp in found if sp.type == "ORG" and text[sp.start - 1 : sp.start] == "«"}
        candidates[:] = [c for c in candidates if not ((c[0], c[1]) in quoted_orgs and c[3].known and c[3].type in PLACES)]
        types = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
        singles = []
        spans = []
        for sp in found:  # "Агентства кинематографии" + "Узбекистана": the country in the genitive ends the organisation's name
            last = spans[-1] if spans else None
            if last is not None and last.type == "ORG" and sp.type == "LOC" and text[last.stop : sp.start] == " " and sp.text != sp.normal:
                spans[-1] = type(sp)(last.start, sp.stop, text[last.start : sp.stop], "ORG", f"{last.normal} {sp.text}")
            else:
                spans.append(sp)
        for sp in spans:
            etype = types.get(sp.type)
            if etype is None or (etype == "Place" and sp.normal.lower() in _COMPASS_RU):
                continue  # "связывали Восток и Запад": the East and the West, no place to declare
            words = sp.text.split()
            forms = [sp.normal, sp.text]
            if len(words) == 1:
                forms += list(lemmas(sp.text))
            linked = link_name(forms, self.registry, None if etype == "Place" else etype)
            if linked and (sp.start, sp.stop) in quoted_orgs and self.registry.entities[linked[0]].type in PLACES:
                linked = None  # телеканал «Россия» is no country
            # a Chinese name in Cyrillic (Ян Ян, Лю Хуэйминь): compared, and given an id, by its pinyin
            chinese = (palladius_name(sp.normal) or palladius_name(sp.text)) if etype == "Person" else None
            if not linked and chinese:
                matches = self.registry.resolve(chinese, "Person", near=False)
                if len(matches) == 1:
                    linked = (matches[0].entity.id, "palladius", matches[0].known_name)
            if linked:
                eid, how, known_name = linked
                ktype = self.registry.entities[eid].type
                candidates.append((sp.start, sp.stop, 1, EntityMention(sp.start, sp.stop, sp.text, eid, ktype, how, True, known_name)))
                continue
            if etype == "Person" and len(words) == 1:
                singles.append(sp)
                continue
            eid = self._add_new(sp.normal, etype, (sp.start, sp.stop), _slug(chinese or transliterate(sp.normal)))
            candidates.append((sp.start, sp.stop, 2, EntityMention(sp.start, sp.stop, sp.text, eid, etype, "new", False, sp.normal)))
        new_families = {name.split()[-1]: eid for name, (eid, t) in self.new_names.items() if t == "Person" and " " in name}
        for sp in singles:  # "сказала Нурланова", "сказал Волгин": a person named in full before, or known
            if sp.normal in new_families:
                eid = new_families[sp.normal]
                candidates.append(
                    (sp.start, sp.stop, 2, EntityMention(sp.start, sp.stop, sp.text, eid, "Person", "family name", False, None))
                )
            elif owner := family_owner(sp.normal, self.registry):
                candidates.append(
                    (
                        sp.start,
                        sp.stop,
                        2,
                        EntityMention(sp.start, sp.stop, sp.text, owner, "Person", "family name", True, self._name_of(owner)),
                    )
                )
        # capitalised words natasha did not tag: a country or city in another case ("Казахстана")
        for m in re.finditer(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", text):
            if any(m.start() < c[1] and c[0] < m.end() for c in candidates):
                continue
            linked = link_name(list(lemmas(m.group())), self.registry, None)
            if linked and self.registry.entities[linked[0]].type in PLACES + ("Organization",):
                eid, how, known_name = linked
                candidates.append(
                    (
                        m.start(),
                        m.end(),
                        3,
                        EntityMention(m.start(), m.end(), m.group(), eid, self.registry.entities[eid].type, "lemma", True, known_name),
                    )
                )
        # a known title in another case ("Красного шёлка"), an event named in words that translate into its English name
        from kg.curate.extract.russian import inflected_titles, translated_names

        for b, e, eid, name in inflected_titles(text, self.registry):
            candidates.append((b, e, 0, EntityMention(b, e, text[b:e], eid, self.registry.entities[eid].type, "lemma", True, name)))
        for b, e, eid, name in translated_names(text, self.registry):
            candidates.append((b, e, 1, EntityMention(b, e, text[b:e], eid, self.registry.entities[eid].type, "translation", True, name)))
        self._genres(candidates, "ru")
        # an event named by a capitalised word inside a sentence before форум / фестиваль ... and what it is
        # of: "прошёл первый Российско-китайский форум совместного кино"
        for m in re.finditer(
            r"(?<=[а-яё,] )(?P<n>[А-ЯЁ][а-яё]+(?:-[а-яё]+)?\s+(?:[а-яё]+(?:ий|ый|ой|ая|ое)\s+)?"
            r"(?P<kind>форум|кинофестиваль|фестиваль|кинорынок|конкурс|смотр)"
            r"(?:\s+(?:[а-яё]+(?:ого|его|ой|ей|ых|их)\s+)?(?:кино|фильмов|кинематографа|искусств|анимации|сериалов|документального\s+кино))?)(?![а-яё])",
            text,
        ):
            b, e = m.span("n")
            if any(c[0] < e and b < c[1] for c in candidates):
                continue
            etype = "Festival" if "фестиваль" in m.group("kind") else "Event"
            eid = self._add_new(m.group("n"), etype, (b, e), _slug(transliterate(m.group("n"))))
            self.why[eid] = f"CHECK: a capitalised name before '{m.group('kind')}', taken for an event's name; put it in the nominative"
            candidates.append((b, e, 2, EntityMention(b, e, m.group("n"), eid, etype, "new", False, m.group("n"))))
        # quoted titles after a film or festival word: «Северный караван», кинофестиваль «Золотая степь»
        for m in re.finditer(
            r"(?P<kind>фильм\w*|картин\w*|драм\w*|комеди\w*|триллер\w*|лент\w*|сериал\w*|мелодрам\w*|(?:кино)?фестивал\w*|форум\w*)\s+«(?P<t>[^«»\n]{1,60})»",
            text,
            re.I,
        ):
            b, e = m.span("t")
            if any(c[0] < e and b < c[1] for c in candidates):
                continue
            etype = (
                "Festival"
                if re.match(r"(?:кино)?фестивал", m.group("kind"), re.I)
                else "Event"
                if m.group("kind").lower().startswith("форум")
                else "Movie"
            )
            linked = link_name([m.group("t")], self.registry, etype)
            if linked:
                candidates.append(
                    (
                        b,
                        e,
                        1,
                        EntityMention(b, e, m.group("t"), linked[0], self.registry.entities[linked[0]].type, linked[1], True, linked[2]),
                    )
                )
                continue
            eid = self._add_new(m.group("t"), etype, (b, e), _slug(transliterate(m.group("t"))))
            candidates.append((b, e, 1, EntityMention(b, e, m.group("t"), eid, etype, "new", False, m.group("t"))))
        # a name with a capital on its first word only: "на Московском международном кинофестивале", "о Великом шёлковом пути"
        from kg.curate.extract.russian import adjective_names

        for b, e, name, etype in adjective_names(text):
            if any(c[0] < e and b < c[1] and c[1] - c[0] >= e - b for c in candidates):
                continue  # a longer name found by another rule ("Российско-китайский форум совместного кино")
            eid = self._add_new(name, etype, (b, e), _slug(transliterate(name)))
            self.why.setdefault(eid, f"CHECK: a capitalised adjective and '{text[b:e].split()[-1]}', taken for the name of a {etype.lower()}")
            candidates.append((b, e, 2, EntityMention(b, e, text[b:e], eid, etype, "new", False, name)))

    def _genres(self, candidates: list, language: str) -> None:
        """Known genres named in Russian or Chinese words (шпионский триллер, 谍战片)."""
        from kg.curate.extract.lexicon import GENRE_WORDS

        for pattern, english in GENRE_WORDS[language]:
            linked = link_name([english], self.registry, "Genre")
            if not linked:
                continue
            for m in re.finditer(pattern, self.text, re.I):
                if language == "ru" and (m.start() > 0 and self.text[m.start() - 1].isalpha()):
                    continue
                b, e = m.span()
                candidates.append((b, e, 2, EntityMention(b, e, m.group(), linked[0], "Genre", "lexicon", True, linked[2])))

    def _names_zh(self, candidates: list) -> None:
        from kg.curate.extract import chinese
        from kg.curate.extract.lexicon import PLACE_NAMES, ZH_KNOWN_NAMES

        text = self.text
        edges = chinese.word_edges(text)
        # 中央广播电视总台: the Chinese name a source gives for an organisation the graph may know in English
        # only, linked marked CHECK (see _propose_spellings); a graph with the label links it by the label
        for word, (english, _) in ZH_KNOWN_NAMES.items():
            linked = link_name([english], self.registry) if word in text and not link_name([word], self.registry) else None
            for m in re.finditer(re.escape(word), text) if linked else ():
                eid, _, known_name = linked
                candidates.append((m.start(), m.end(), 1, EntityMention(m.start(), m.end(), word, eid, self.registry.entities[eid].type, "sourced", True, known_name)))
        for word in PLACE_NAMES:
            if not re.search(chinese.HAN, word[:1]) and not re.match(rf"[{chinese.HAN}]", word):
                continue
            for m in re.finditer(re.escape(word), text):
                if len(word) <= 2 and not (m.start() in edges and m.end() in edges):
                    continue
                linked = link_name([word], self.registry)
                if linked:
                    eid, how, known_name = linked
                    candidates.append(
                        (
                            m.start(),
                            m.end(),
                            1,
                            EntityMention(m.start(), m.end(), word, eid, self.registry.entities[eid].type, how, True, known_name),
                        )
                    )
        self._genres(candidates, "zh")
        self._zh_people = chinese.person_spans(text)
        names: dict[str, tuple[str, str, str, str | None]] = {}  # name -> (id, type, how, known name)
        for b, e, _ in self._zh_people:
            name = text[b:e]
            if name in names:
                continue
            # 努尔别克·阿利耶夫（Nurbek Aliev）: the name as its bearer spells it, given in brackets after it
            gloss = re.match(r"[（(]\s*(?P<g>[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){1,3})\s*[)）]", text[e:])
            gloss = gloss.group("g") if gloss else None
            linked = link_name([name] + ([gloss] if gloss else []), self.registry, "Person")
            if linked:
                names[name] = (linked[0], "Person", linked[1], linked[2])
                continue
            spelled = chinese.pinyin_name(name)
            matches = [m for m in self.registry.resolve(spelled, "Person", near=False)] if spelled else []
            if len(matches) == 1:
                names[name] = (matches[0].entity.id, "Person", "pinyin", matches[0].known_name)
                continue
            slug = _slug(gloss) if gloss else chinese.pinyin_slug(name)
            names[name] = (self._add_new(name, "Person", (b, e), slug), "Person", "new", None)
        for name, (eid, etype, how, known_name) in names.items():
            for m in re.finditer(re.escape(name), text):
                candidates.append(
                    (m.start(), m.end(), 1, EntityMention(m.start(), m.end(), name, eid, etype, how, how != "new", known_name or name))
                )
        # 沃尔金 alone, after 安德烈·沃尔金: the family name of a foreign name given in full (if only one has it)
        families: dict[str, set[str]] = {}
        for name in names:
            if re.search(r"[·•・]", name):
                families.setdefault(re.split(r"[·•・]", name)[-1], set()).add(name)
        for family, owners in families.items():
            if len(family) < 2 or len(owners) != 1:
                continue
            (name,) = owners
            eid, etype, how, known_name = names[name]
            for m in re.finditer(re.escape(family), text):
                candidates.append(
                    (
                        m.start(),
                        m.end(),
                        3,
                        EntityMention(m.start(), m.end(), family, eid, etype, "family name", how != "new", known_name or name),
                    )
                )
        # a venue or a body named after a person (阿里舍尔·纳沃伊剧院): its whole name
        for b, e, kind in chinese.named_after_people(text):
            if kind:
                self._zh_named(candidates, text[b:e], kind, (b, e))
        # events named by their last word, places by jieba's tag and a place word
        segs = chinese.words(text)
        for m in re.finditer(r"论坛|电影节|展映周|电影周|影视周|艺术节|文化节|峰会|博览会|影展|电影展|文化年", text):
            if m.end() not in edges:
                continue  # 电影节目 is a programme, not a festival
            start = _zh_name_start(m.start(), candidates, segs)
            if ordinal := re.search(r"(?:第[0-9一二三四五六七八九十百]+|首)届$", text[max(0, start - 6) : start]):
                start -= len(ordinal.group())  # 第三届上合组织国家电影节: the edition is the event
            name = text[start : m.end()]
            if len(name) <= len(m.group()) or re.fullmatch(
                r"(?:第[0-9一二三四五六七八九十百]+|首|本|上|下|下一|每)届", name[: -len(m.group())] or "x"
            ):
                continue  # the word alone (本届论坛, 第三届电影节) names no event
            kind = "Festival" if re.search(r"节|周|影展|电影展", m.group()) else "Event"
            self._zh_named(candidates, name, kind, (start, m.end()))
        # organisations named by their last word (塔吉克斯坦文化部, 博纳影业集团), a known place before it included
        # a ministry before its officials (信息部副部长: jieba joins 部副) ends in 部 too
        for m in re.finditer(
            r"文化和旅游部|文化部|外交部|电影局|总局|管理局|委员会|组委会|协会|联合会|联盟|有限公司|公司|集团|制片厂|电影厂|基金会|大学|学院|研究院|研究所|"
            r"电视台|总台|影业|出版社|工作室|(?<=电影|影视|艺术|文化|制作|发展|发行|交流)中心|(?:信息|新闻|教育|体育|商务)部(?!副?部长)|电影署|总署|"
            r"大使馆|总领事馆|领事馆|部(?=副?部长)",
            text,
        ):
            # (jieba may glue the verb after the name to it: 公司出品)
            if (m.end() not in edges and m.group() != "部" and not re.match(r"会长|主席|秘书长|理事长|局长|主任|院长|厂长|台长|总经理|出品|发行|摄制|制作|联合|共同|负责", text[m.end() :])) or any(
                c[0] <= m.start() and m.end() <= c[1] for c in candidates if c[3].type == "Organization"
            ):
                continue
            start = _zh_name_start(m.start(), candidates, segs)
            start = _zh_joined_start(text, start, m.start(), candidates, segs)
            start = _zh_after_country(text, start, m.start(), candidates, segs)
            # 由华影天下发行公司: a name that begins with a descriptor jieba tags a verb (发行公司) has its own
            # words before it, nouns and words jieba tags as locations (天下), back to a preposition or a comma
            first = next((x for x in segs if x[0] == start), None)
            while first is not None and (first[2] in _ZH_IN_NAMES or first[2] in _ZH_DESCRIPTORS):
                seg = next((x for x in segs if x[1] == start), None)
                if seg is None or not (seg[3][:1] in ("n", "j") or seg[3] == "s") or seg[2] in _ZH_NOT_IN_NAMES or seg[2] in _ZH_NOT_NAME_WORDS:
                    break
                start = seg[0]
            if start < m.start():  # the word alone (该公司) names nothing
                self._zh_named(candidates, text[start : m.end()], "Organization", (start, m.end()))
        # places by jieba's tag: with a place word (湖, 山 ...), after 在/于, or next to another place
        # (在阿拉木图和新疆伊犁: 新疆 after "和" and a place, 伊犁 right after one); never a count (三国)
        places = [(c[0], c[1]) for c in candidates if c[3].type in PLACES]
        for _ in range(2):
            for b, e, w, tag in segs:
                if tag not in ("ns", "nrt") or len(w) < 2 or re.match(r"[一二三四五六七八九十两几多各本该全]", w) or (b, e) in places:
                    continue
                if text.rfind("《", 0, b) > text.rfind("》", 0, b):
                    continue  # a word of a title (《远山》) is the title's
                # 在塔什干市中心: a transliterated name before 市中心 is a city's
                if tag == "nrt" and text[max(0, b - 1) : b] in ("在", "于", "赴", "到", "从") and re.match(r"市中心|市区|市郊|郊区|市内", text[e:]):
                    tag = "ns"
                # 抵达奥什: a transliterated name after a verb of arriving is a place's
                if tag == "nrt" and text[max(0, b - 2) : b] in ("抵达", "前往", "来到", "飞抵", "到达", "奔赴", "飞往"):
                    tag = "ns"
                if tag != "ns":
                    continue
                # 俄罗斯远东地区: jieba's one word for a known country and a place in it: the country is found
                # by its name; the rest is the place
                lead = next((c for c in candidates if c[0] == b and c[1] < e and c[3].known and c[3].type in PLACES), None)
                if lead is not None and e - lead[1] >= 2:
                    b, w = lead[1], text[lead[1] : e]
                elif (k := chinese.place_head(w)) and (b, b + k) not in places:  # 新疆阿勒泰地区: a region and a place in it
                    self._zh_named(candidates, w[:k], "Place", (b, b + k))
                    places += [(b, b + k), (b, e)]  # (the whole word is done with)
                    b, w = b + k, w[k:]
                # (美丽的海滨城市阿克套: a word jieba tags a place, before a description ending in a kind of town and a
                # name, describes the town; an unknown word with no place word in it names none)
                if not re.search(r"[湖山河岛省市州县镇村湾海江谷疆]$", w) and re.match(
                    rf"的[{chinese.HAN}]{{0,6}}?(?:港口城市|城市|小城|古城|边城|名城|重镇|小镇|港城|山城|水城|县城)[{chinese.HAN}]{{2}}", text[e:]
                ):
                    continue
                if re.fullmatch(r"[中俄哈吉塔乌印巴伊白蒙]+", w) or w in _ZH_GENERIC_PLACES:
                    continue  # 中俄, 中哈: countries abbreviated, no place; 城市, 两国: no name
                after_place = any(pe == b or (pe == b - 1 and text[pe] in "和、与及同") for _, pe in places)
                w, b, e = _zh_place_word(text, w, b, e, segs)
                if (
                    re.search(r"(?:[湖山河岛省市州县镇村湾海江谷]|地区|盆地|高原|草原)$", w)
                    or text[max(0, b - 1) : b] in ("在", "于", "赴", "到", "从", "驻", "沿")
                    or text[max(0, b - 2) : b] in ("抵达", "前往", "来到", "飞抵", "到达", "途经", "奔赴", "转场")
                    or after_place
                ):
                    self._zh_named(candidates, w, "Place", (b, e))
                    places.append((b, e))
        # 沿丝绸之路, 途经帕米尔高原: a route or a place that something travels along or through
        # and a road's name with a position after it (古丝绸之路上, 丝绸之路沿线)
        routes = rf"(?:沿着|沿|途经|穿越|穿过|重走|经由)(?P<p>[{chinese.HAN}]{{2,8}}?(?:之路|古道|公路|铁路|走廊|高原|山脉|沙漠))"
        for m in re.finditer(rf"{routes}|(?P<r>[{chinese.HAN}]{{2,6}}(?:之路|古道))(?=上|沿线|沿途)", text):
            b, e = m.span("p") if m.group("p") else m.span("r")
            if m.group("r"):  # the road's name is jieba's word (丝绸之路), not the words before it
                b = next((x[0] for x in segs if x[0] >= b and x[1] == e and len(x[2]) >= 4 and re.search(r"(?:之路|古道)$", x[2])), -1)
                if b < 0:
                    continue
            if b in edges and e in edges and not any(c[0] < e and b < c[1] for c in candidates):
                self._zh_named(candidates, text[b:e], "Place", (b, e))
        # 在杜尚别举行, 在撒马尔罕、布哈拉和喀什取景: where something is held or shot, whatever jieba's tag;
        # and a dateline (本报乌鲁木齐5月14日电): the city the report was filed from
        spots = []
        for m in re.finditer(
            rf"(?:在|于|赴)(?P<p>[{chinese.HAN}、]{{2,30}}?)的?(?:举行|举办|开幕|闭幕|落幕|首映|拍摄|召开|启动|取景|开机|开拍|杀青|上映|公映|点映|首演|签约|签署|亮相|揭幕|勘景|再见|见面|相聚|会面|采风|考察|调研|取材|选景|参展|路演|展映|放映|宣传|交流|访问)",
            text,
        ):
            pos = m.start("p")
            # 在俄罗斯远东地区的符拉迪沃斯托克拍摄: a place "of" a place, when both are names (jieba's place
            # or transliteration tags, or a known place), is where, and so is the region it is in
            pieces = m.group("p").split("的")
            if len(pieces) == 2 and all(
                piece and all(x[3] in ("ns", "nrt", "nz") or any(c[0] <= x[0] and x[1] <= c[1] and c[3].type in PLACES for c in candidates)
                              for x in segs if pos + off <= x[0] and x[1] <= pos + off + len(piece))
                for piece, off in ((pieces[0], 0), (pieces[1], len(pieces[0]) + 1))
            ):
                spots += [(pos, pos + len(pieces[0])), (pos + len(pieces[0]) + 1, m.end("p"))]
                continue
            # 在圣彼得堡、新西伯利亚和叶卡捷琳堡三座城市同步上映: the count of the places and an adverb end the list
            # (not 两国, 中俄两国: countries abbreviated, no place, which the generic words below turn away)
            listed = re.sub(r"(?:[一二两三四五六七八九十0-9]+(?:座|个)?(?:城市|地|市)|等地|等城市)?(?:同步|同时|先后|陆续|分别|相继|巡回|集中)?$", "", m.group("p"))
            for part in re.split(r"(、|和|与|及)", listed):
                if part and part not in "、和与及":
                    spots.append((pos, pos + len(part)))
                pos += len(part)
        # 外景地包括新疆的那拉提草原和哈萨克斯坦的恰伦大峡谷: the places a film was shot in, listed (a region
        # "of" a place names both)
        for m in re.finditer(
            rf"(?:外景地|取景地|拍摄地|拍摄地点|外景)(?:主要)?(?:包括|包含|为|是|有|选在|设在)(?P<p>[{chinese.HAN}、]{{2,40}})(?=[，。；！？,;\n]|$)", text
        ):
            pos = m.start("p")
            for part in re.split(r"(、|和|与|及|的)", m.group("p")):
                if part and part not in "、和与及的":
                    spots.append((pos, pos + len(part)))
                pos += len(part)
        # 取景于俄罗斯摩尔曼斯克和中国黑龙江漠河: the verb first, the places after 于, to the clause's end
        for m in re.finditer(rf"(?:举行|举办|拍摄|取景|上映|首映|落户|位)于(?P<p>[{chinese.HAN}、]{{2,30}})(?=[，。；！？,;\n]|$)", text):
            pos = m.start("p")
            for part in re.split(r"(、|和|与|及)", m.group("p")):
                if part and part not in "、和与及":
                    spots.append((pos, pos + len(part)))
                pos += len(part)
        for m in re.finditer(
            rf"(?m)^(?:本报|本台|(?P<a>{chinese.AGENCIES_ZH}))?(?P<p>[{chinese.HAN}]{{2,5}}?)[0-9]{{1,2}}月[0-9]{{1,2}}日电", text
        ):
            if not re.fullmatch(chinese.AGENCIES_ZH, m.group("p")):  # 中新网12月13日电: the agency, and no city
                spots.append(m.span("p"))
            # 新华社青岛11月8日电: the agency that filed the report is an organisation named in it ("本报", this paper, is none)
            agency = m.span("a") if m.group("a") else m.span("p") if re.fullmatch(chinese.AGENCIES_ZH, m.group("p")) else None
            if agency and not any(c[0] < agency[1] and agency[0] < c[1] for c in candidates):
                self._zh_named(candidates, text[agency[0] : agency[1]], "Organization", agency)
        # 据新华社报道: a news agency named anywhere else is an organisation too
        for m in re.finditer(chinese.AGENCIES_ZH, text):
            if (m.start() in edges or m.start() == 0) and (m.end() in edges or re.match(r"报道|消息|记者|援引|发布|电", text[m.end() :])):
                if not any(c[0] < m.end() and m.start() < c[1] for c in candidates):
                    self._zh_named(candidates, m.group(), "Organization", m.span())
        for b, e in spots:
            # a country or a province before a city names two places (乌兹别克斯坦撒马尔罕); a known city
            # that begins a longer name (青岛东方影都) is part of it, as in English; anything else blocks it
            region = next((c for c in candidates if c[0] == b and c[1] < e and c[3].type in ("Country", "AdministrativeArea")), None)
            # (and a place found before, known or new, followed by a name of its own: 在新疆|阿勒泰开机, 新疆 tagged a
            # place and 阿勒泰 a name by jieba; never a venue's words, 哈尔滨|冰雪大世界)
            region = region or next(
                (c for c in candidates if c[0] == b and c[1] <= e - 2 and c[3].type in PLACES
                 and (rest := [x for x in segs if c[1] <= x[0] and x[1] <= e]) and rest[0][0] == c[1] and rest[-1][1] == e
                 and all(x[3] in ("nr", "ns", "nrt", "nrfg") for x in rest)),
                None,
            )  # fmt: skip
            if region is not None:
                b = region[1]
            # 塔吉克斯坦的霍罗格, 哈萨克斯坦东部城市乌斯季卡缅诺戈尔斯克: "of" and the kind of place before its name are no part of it
            # 陶瓷小城里什坦, 历史文化名城撒马尔罕: a description ending in a kind of town before the name is no part of it
            described = re.match(rf"[{chinese.HAN}]{{1,8}}?(?:港口城市|城市|小城|古城|边城|名城|重镇|小镇|港城|山城|水城|县城)(?=[{chinese.HAN}]{{2}})", text[b:e])
            if region is None and described and not chinese.is_transcription(described.group()) and not any(
                c[0] < b + described.end() and b < c[1] and c[3].known for c in candidates
            ):
                b += described.end()  # (jieba may glue the kind's last character to the name: 小|城里|什坦)
            else:
                described = None
            kind = re.match(r"的?(?:(?:[东西南北中]|东南|东北|西南|西北)部|边境|沿海)?的?(?:港口城市|城市|首府|首都|小城|古城|边城|重镇|小镇|港城)?", text[b:e])
            if (region is not None or kind.group().endswith(("城市", "首府", "首都", "城", "重镇", "小镇"))) and kind.group() and e - b - len(kind.group()) >= 2:
                b += len(kind.group())
            name = text[b:e]
            # a place is made of names and nouns: 中俄两国同步 (an adverb) or 两国 names none
            inner = [x for x in segs if b <= x[0] and x[1] <= e]
            # a generic word is no name alone or first (两国, 中俄两国); inside a longer one it is (哈尔滨冰雪大世界)
            # (a name before it makes it a name: 那拉提草原)
            named = inner and inner[0][3] in ("nr", "ns", "nrt", "nz", "nrfg") and not re.fullmatch(r"[中俄哈吉塔乌印巴伊白蒙]+", inner[0][2])
            generic = [x for k, x in enumerate(inner) if x[2] in _ZH_GENERIC_PLACES and (k == 0 or (len(inner) <= 2 and not named))]
            # (after a kind of town, a name of transcription characters is one, however jieba tags them: 古城塔拉|兹)
            if (any(x[3][:1] in ("d", "p", "c", "u", "r", "m") for x in inner) or generic or (inner and inner[-1][3][:1] == "v")) and not (
                chinese.is_transcription(name) or described and chinese.all_transcription(name)
            ):
                continue  # ... nor a verb before the verb (在喀山巡回展映)
            if (
                not (2 <= len(name) <= 8 or chinese.is_transcription(name) and len(name) <= 14)
                or (b not in edges and not (described and text[b - 1] in "城市镇"))
                or e not in edges
                or re.search(
                    r"全国|院线|影院|国内|海外|线上|现场|当地|本地|期间|之际|各地|多地|北京时间|[中上下里内外前后的]$|^(?:上|下|本|这)?(?:周|星期|礼拜)|[年月]|[日号天]$|今天|明天|昨天|当天|近日|日前",
                    name,
                )
            ):
                continue
            # a new city that begins a venue's name gives way to it (哈尔滨冰雪大世界), as a known one does
            venue = re.search(r"(?:世界|广场|公园|影城|影院|剧院|中心|体育馆|博物馆|影视城|影视基地|影都|乐园|大厦|会堂|宫|馆|园)$", name)
            if any(
                c[0] < e and b < c[1] and not (c[0] == b and c[1] < e and c[3].type in PLACES and (c[3].known or venue))
                for c in candidates
            ):
                continue
            self._zh_named(candidates, name, "Place", (b, e))
        # 转场至哈方境内的乌斯季卡缅诺戈尔斯克: a long transcribed name after a verb of going, which jieba cuts up
        for b, e in chinese.transcribed_places(text):
            if b in edges and e in edges and not any(c[0] < e and b < c[1] for c in candidates):
                self._zh_named(candidates, text[b:e], "Place", (b, e))
        # a place found once is the same place wherever else its name stands as a word (中国驻阿拉木图总领事)
        for c in [c for c in candidates if c[3].type in PLACES and not c[3].known]:
            name = c[3].text
            for m in re.finditer(re.escape(name), text):
                if m.start() in edges and m.end() in edges and not any(x[0] < m.end() and m.start() < x[1] for x in candidates):
                    self._zh_named(candidates, name, c[3].type, m.span())
        # titles in 《》: a film unless the words say a newspaper or a journal (据《人民日报》报道)
        for m in re.finditer(r"《(?P<t>[^《》\n]{1,30})》", text):
            b, e = m.span("t")
            if any(c[0] <= b and e <= c[1] for c in candidates):
                continue
            paper = re.search(r"(?:报|日报|晚报|杂志|周刊|月刊)$", m.group("t")) or text[e + 1 : e + 3] in ("报道", "刊登", "发表")
            self._zh_named(candidates, m.group("t"), "Organization" if paper else "Movie", (b, e))

    def _zh_named(self, candidates: list, name: str, etype: str, span: tuple[int, int]) -> None:
        from kg.curate.extract.chinese import pinyin_slug, translated_name

        if any(c[0] <= span[0] and span[1] <= c[1] and c[3].known for c in candidates):
            return  # part of a known name
        linked = link_name([name], self.registry, etype)
        if linked:
            eid, how, known_name = linked
            candidates.append(
                (span[0], span[1], 1, EntityMention(span[0], span[1], name, eid, self.registry.entities[eid].type, how, True, known_name))
            )
            return
        # 国家媒体集团电影发行公司: a name whose words translate one by one into a known English name (CHECK)
        if etype in ("Organization", "Festival", "Event") and (translated := translated_name(name, self.registry)):
            eid, known_name = translated
            candidates.append(
                (span[0], span[1], 1, EntityMention(span[0], span[1], name, eid, self.registry.entities[eid].type, "translation", True, known_name))
            )
            return
        eid = self._add_new(name, etype, span, pinyin_slug(name)[:60].strip("-"))
        candidates.append((span[0], span[1], 2, EntityMention(span[0], span[1], name, eid, etype, "new", False, name)))

    # -- names ---------------------------------------------------------------------------------
    def _new(
        self, name: str, etype: str, span: tuple[int, int], known: list[EntityMention], quoted: bool = False, why: str | None = None
    ) -> None:
        """Propose ``name`` as a new entity unless a known one overlaps it or it resolves to one;
        ``why`` is the CHECK note for what only its place in the text says it is."""
        name = name.strip()
        # a known name inside a longer new one ("SCO" in "SCO Film and Television Week") is no obstacle,
        # nor is any known name inside a quoted title ("Silk Road" in "The Silk Road Express")
        inside = (
            (lambda m: span[0] <= m.begin and m.end <= span[1] and m.end - m.begin < span[1] - span[0])
            if quoted
            else (lambda m: _inside(m, span))
        )
        if name in self.new_names or any(m.begin < span[1] and span[0] < m.end and not inside(m) for m in known):
            return
        matches = self.registry.resolve(name, etype)
        if any(m.certain or m.how in ("variant", "swapped") for m in matches):
            return
        base = _slug(name)
        if etype not in ("Person",) and base in self.ids:
            base = f"{base}-{etype.lower()}"
        eid, n = base, 2
        while eid in self.ids or not ID.match(eid):
            eid, n = f"{base}-{n}", n + 1
        self.ids.add(eid)
        self.new_names[name] = (eid, etype)
        self.new_first[eid] = span
        if quoted:
            self.quoted.add(eid)
        if why:
            self.why[eid] = why
        near = [m for m in matches if m.how == "one letter"]
        if near:
            self.near[eid] = near

    def _collect_new_names(self, known: list[EntityMention]) -> None:
        text = self.text
        for r in find_roles(text, known):
            if r.target is None:
                continue
            name = text[r.target[0] : r.target[1]]
            if r.property in ("productionCompany", "distributor") or name.split()[-1] in ORG_ENDINGS:
                etype = "Organization"
            elif r.property == "countryOfOrigin":
                continue
            else:
                etype = "Person"
            self._new(name, etype, r.target, known)
        for q in find_quotations(text):
            if q.speaker and not q.pronoun:
                self._new(text[q.speaker[0] : q.speaker[1]], "Person", q.speaker, known)
        self._drop_family_names()
        for pattern in (_TITLE_BEFORE, _TITLE_AFTER):
            for m in pattern.finditer(text):
                title = m.group("t").strip().rstrip(",.")
                if title[:1].isupper() and len(title.split()) <= 8:
                    self._new(title, "Movie", (m.start("t"), m.start("t") + len(title)), known, quoted=True)
        for m in _QUOTED_TITLE.finditer(text):
            title = m.group("t").strip()
            words = title.split()
            if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w[:1].isdigit() or w in _SMALL_WORDS for w in words):
                continue
            etype = "Event" if _EVENT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) else "Movie"
            span = (m.start("t"), m.start("t") + len(title))
            if title not in self.new_names:
                why = f"CHECK: a quoted name in title case, taken for a {'film' if etype == 'Movie' else 'named event'}"
                self._new(title, etype, span, known, quoted=True, why=why)
        roles_taken = list(self.new_first.values())  # names a role phrase gave: "a co-production of A and B Studios" is two
        for start, name in _named_runs(text):
            taken_here = [e for b, e in roles_taken if b < start + len(name) and start < e]
            if taken_here:  # "Timur Akhmetov of Almaty-based Steppe Pictures": what follows the person may be a name
                rest = re.match(r"\s+(?:of|for|at)\s+", text[max(taken_here) : start + len(name)])
                if not rest:
                    continue
                name = text[max(taken_here) + rest.end() : start + len(name)]
                start = max(taken_here) + rest.end()
            start, name = _name_of_a_kind(start, name, text)
            words = name.split()
            last = words[-1] if words else ""
            headed = [w for w, nxt in zip(words, words[1:], strict=False) if w in _HEADS and nxt in ("of", "for")]  # "Ministry of Culture"
            if last in ORG_ENDINGS or last in EVENT_ENDINGS or headed:
                while words and (
                    words[0] in ("The", "A", "An", "In", "At", "On", "By", "For", "With", "From", "During")
                    or words[0].endswith(("-based", "'s", "’s"))
                ):
                    start += len(words[0]) + 1
                    words = words[1:]
                if len(words) < 2:
                    continue
                head = last if last in ORG_ENDINGS or last in EVENT_ENDINGS else headed[0]
                etype = EVENT_ENDINGS[head] if head in EVENT_ENDINGS else "Organization"
                name = " ".join(words)
                self._new(name, etype, (start, start + len(name)), known)
        for m in _TITLE_BEFORE_PERSON.finditer(text):
            self._person_after(m.end(), known)
        # "said Li Na, a spokeswoman for ...", "according to Aibek Usenov": who speaks is a person
        for m in _SAID_NAME.finditer(text):
            span = capitalised_name_at(text, m.end(), 3)
            if span and " " in text[span[0] : span[1]] and not re.match(r"\s*(?:of|for|at)\s", text[span[1] :]):
                words = text[span[0] : span[1]].split()
                if words[-1] not in ORG_ENDINGS and words[-1] not in EVENT_ENDINGS and not _HEADS.intersection(words):
                    self._new(text[span[0] : span[1]], "Person", span, known)
        for m in _ORG_BEFORE_TITLE.finditer(text):
            if m.group("o") not in DEMONYMS and m.group("o") not in ("The", "Festival", "Film", "Studio", "Jury", "Project"):
                why = f"CHECK: taken for an organisation from '{m.group().strip()}'"
                self._new(m.group("o"), "Organization", m.span("o"), known, why=why)
        for m in _STUDIO_WORD.finditer(text):
            self._new(m.group(), "Organization", m.span(), known)
        for m in _UNQUOTED_TITLE.finditer(text):
            title = m.group("t")
            if title.split()[0] in DEMONYMS or title.split()[0] in NATIONALITY_WORDS or title in self.new_names:
                continue
            self._new(title, "Movie", m.span("t"), known, why=f"CHECK: a title without quotation marks, taken from '{m.group().strip()}'")
        for m in _WORK_BY.finditer(text):
            self._person_after(m.end(), known)
        for m in _ORG_BEFORE_KIND.finditer(text):
            name = m.group("n")
            if re.search(r"-based$|-born$|['’]s$", name) or name.split()[0] in DEMONYMS or name.split()[0] == "SCO":
                continue  # "the Bishkek-based studio": a place, found as one
            if name not in self.new_names and name not in NATIONALITY_WORDS:
                self._new(name, "Organization", m.span("n"), known)
        for m in _ORG_AFTER_KIND.finditer(text):
            span = capitalised_name_at(text, m.end(), 4)
            if span and text[span[0] : span[1]] not in self.new_names and text[span[0] : span[1]].split()[0] not in DEMONYMS:
                self._new(text[span[0] : span[1]], "Organization", span, known)
        self._drop_family_names()
        for m in _VENUE.finditer(text):
            name = m.group("n")
            if name.split()[0] in ("SCO",) or name in self.new_names or name in DEMONYMS or name in NATIONALITY_WORDS:
                continue  # "the Chinese market" is no event
            kind = m.group("kind").split()[-1]
            etype = "MovieTheater" if re.match(r"cinema|movie|theat", kind) else EVENT_ENDINGS.get(kind.capitalize(), "Place")
            if etype != "Place" and etype != "MovieTheater":
                name = text[m.start("n") : m.end("kind")]  # "the Kinotavr festival": the event is named with its kind
                if name in self.new_names:
                    continue
                self._new(name, etype, (m.start("n"), m.end("kind")), known)
                continue
            self._new(name, etype, m.span("n"), known, why=f"CHECK: a venue, taken from '{m.group()}'")
        # the agency in a dateline: "TASHKENT, Dec. 9 (Caravan News) --"
        for m in _DATELINE_AGENCY.finditer(text):
            self._new(m.group("n"), "Organization", m.span("n"), known)
        # places named by where they stand: a dateline, "in Shymkent", "near Lake Baikal"
        taken = [(m.begin, m.end) for m in known + find_named(text, self.new_names, [])]
        for place in find_places(text, DEMONYMS):
            if any(place.begin < e and b < place.end for b, e in taken) or place.name in self.new_names:
                continue
            why = (
                f"CHECK: taken for a {'city' if place.type == 'City' else 'place'} from {place.why}; "
                "say City, AdministrativeArea or Country if it is one, or drop it if it is no place"
            )
            self._new(place.name, place.type, (place.begin, place.end), known, why=why)
            if place.name in self.new_names:
                taken.append((place.begin, place.end))

    def _person_after(self, pos: int, known: list[EntityMention]) -> None:
        """A person named by two or more capitalised words at ``pos`` (after a title, a trade, "a novel by")."""
        span = capitalised_name_at(self.text, pos, 3)
        if span and " " in self.text[span[0] : span[1]]:
            self._new(self.text[span[0] : span[1]], "Person", span, known)

    def _drop_family_names(self) -> None:
        """A one-word 'new person' that is the family name of a new person named in full is that person."""
        # the last word, or the first of a name in Chinese order ("Li said" after "Li Na")
        families = {
            w
            for name, (_, etype) in self.new_names.items()
            if etype == "Person" and " " in name
            for w in (name.split()[0], name.split()[-1])
        }
        for name, (eid, etype) in list(self.new_names.items()):
            if etype == "Person" and " " not in name and name in families:
                del self.new_names[name]
                self.ids.discard(eid)
                self.new_first.pop(eid, None)

    def _propose_new_entities(self, mentions: list[EntityMention]) -> None:
        for name, (eid, etype) in self.new_names.items():
            first = next((m for m in mentions if m.entity == eid), None)
            span = (first.begin, first.end) if first else self.new_first[eid]
            item = Item({"id": eid, "type": etype, "name": name, "evidence": self._evidence(*span)})
            item.notes.append(f"new {etype}: no known entity has this name in any language or spelling")
            if eid in self.why:
                item.notes.append(self.why[eid])
            for m in self.near.get(eid, []):
                item.notes.append(
                    f"CHECK: one letter away from '{m.known_name}' ({m.entity.id}); two people can be named that alike, "
                    f"so it is not merged: if it is the same {etype.lower()}, use {m.entity.id} and drop this entity"
                )
            self.entities.append(item)

    def _propose_spellings(self, known: list[EntityMention]) -> None:
        """A known entity named in a new way: the spelling as an alternate name (a translated event
        name as a label in the nominative), always marked CHECK with why it was taken for it."""
        for m in known:
            if m.how not in ("role", "transcription", "translation", "variant", "swapped", "palladius", "sourced"):
                continue
            prop = "label" if m.how in ("translation", "sourced") else "alternateName"
            key = (m.entity, prop, m.text)
            if key in self.seen or key in self.stated:
                continue
            self.seen.add(key)
            statement = {"subject": m.entity, "property": prop, "value": m.text, "evidence": self._evidence(m.begin, m.end)}
            if m.how == "role":
                _, film, role = self.role_links[m.entity]
                note = (
                    f"CHECK: '{m.text}' is taken for {m.entity} ('{m.known_name}') only because the graph's one {role} of {film} "
                    "is that person and the name cannot be compared letter by letter: if it is someone else, declare a new person"
                )
            elif m.how == "transcription":
                _, latin = self.sound_links[m.entity]
                note = (
                    f"CHECK: '{m.text}' reads back as '{latin}', which sounds like {m.entity} ('{m.known_name}') and no other "
                    "person the graph knows; characters cannot tell r from l or g from k: if it is someone else, declare a new person"
                )
            elif m.how == "sourced":  # Chinese: a name of ZH_KNOWN_NAMES, with the source that gives it
                from kg.curate.extract.lexicon import ZH_KNOWN_NAMES

                statement.update(lang=self.language)
                note = (
                    f"CHECK: '{m.text}' is taken for {m.entity} ('{m.known_name}'): {ZH_KNOWN_NAMES[m.text][1]} gives it as its "
                    "Chinese name; cite that source for the label, and keep it only if the article means this organisation"
                )
            elif m.how == "translation" and self.language == "zh":  # no case endings to undo
                statement.update(lang=self.language)
                note = (
                    f"CHECK: '{m.text}' is taken for {m.entity} ('{m.known_name}') because its words translate one by one into "
                    "that name; no sheet gives this name: keep it only if the article means this organisation"
                )
            elif m.how == "translation":
                from kg.curate.extract.russian import lemmas

                head, _, rest = m.text.partition(" ")  # the head noun in the nominative, its genitive words as they are
                statement.update(value=" ".join(w for w in ((lemmas(head) or (head,))[0], rest) if w), lang=self.language)
                note = (
                    f"CHECK: '{m.text}' is taken for {m.entity} ('{m.known_name}') because its words translate one by one into "
                    "that name; no sheet gives this name: keep it only if the article means that event (put it in the nominative)"
                )
            else:
                why = {
                    "swapped": "the same name with its words swapped",
                    "palladius": "a Chinese name in Russian (Palladius) spelling with the same pinyin, which many Chinese names share",
                }.get(m.how, "the same name in another transliteration")
                note = f"CHECK: '{m.text}' is taken for {m.entity} ('{m.known_name}'): {why}; keep this to record the spelling"
            item = Item({k: statement[k] for k in ("subject", "property", "value", "lang", "evidence") if k in statement})
            item.notes.append(note)
            self.statements.append(item)

    def _mention_at(self, begin: int, end: int) -> EntityMention | None:
        return next((m for m in self.mentions if m.begin <= begin and end <= m.end), None) or next(
            (m for m in self.mentions if m.begin < end and begin < m.end), None
        )

    def _film_named(self, r: RoleMention) -> str | None:
        """The film the role phrase itself names ("who produced "Red Silk""), if it is one."""
        if r.film is None:
            return None
        m = self._mention_at(*r.film)
        return m.entity if m is not None and m.type == "Movie" else None

    def _film_at(self, pos: int) -> str | None:
        """The film a phrase at ``pos`` is about: the last one named before it, or later in its sentence.

        No guess beyond that: a film named only further on may be another film, so the
        statement is left for the curator to attach.
        """
        films = [m for m in self.mentions if m.type == "Movie"]
        before = [m for m in films if m.begin <= pos]
        if before:
            return before[-1].entity
        sb, se = self._sentence(pos)
        later = [m for m in films if pos < m.begin < se]
        return later[0].entity if later else None

    def _country(self, name: str | None) -> str | None:
        if not name:
            return None
        matches = [m for m in self.registry.resolve(name, "Country") if m.certain]
        return matches[0].entity.id if matches else None

    # -- roles -----------------------------------------------------------------------------------
    def _role_object(self, r: RoleMention) -> str | None:
        if r.country:
            return self._country(r.country)
        if r.target is None:
            return None
        m = self._mention_at(*r.target)
        return m.entity if m else None

    def _propose_role(self, r: RoleMention, film: str | None, obj: str | None) -> None:
        evidence = self._evidence(r.begin, r.end)
        data: dict[str, Any] = {"subject": film or "FILM", "property": r.property, "object": obj or "WHO"}
        qualifiers: dict[str, Any] = {}
        if r.role_name:
            qualifiers["roleName"] = r.role_name
        side = self._country(r.side)
        if side and r.property == "producer":
            qualifiers["side"] = side
        if r.lead:
            qualifiers["leadRole"] = True
        if qualifiers:
            data["qualifiers"] = qualifiers
        data["evidence"] = evidence
        key = (data["subject"], r.property, data["object"])
        if key in self.seen or key in self.stated:
            return
        self.seen.add(key)
        item = Item(data)
        if film is None or obj is None:
            item.attached = False
            item.notes.append("no film named before this role" if film is None else "the name could not be resolved")
            self.unattached.append(item)
            return
        from kg.ingest.vocabulary import PROPERTIES

        prop = PROPERTIES.get(r.property)
        kind = self._type(obj)
        if prop is not None and prop.range and kind is not None and kind not in prop.range:
            # "Directed by Almaty-born filmmaker X" read as directed by Almaty: the graph would refuse it
            item.attached = False
            item.notes.append(f"'{r.property}' takes a {' or '.join(prop.range)}, but '{obj}' is a {kind}: the role's name is another")
            self.unattached.append(item)
            return
        self.statements.append(item)
        if side and obj and self._type(obj) == "Person":
            key = (obj, "nationality", side)
            if key not in self.seen and key not in self.stated:
                self.seen.add(key)
                self.statements.append(Item({"subject": obj, "property": "nationality", "object": side, "evidence": evidence}))

    def _type(self, eid: str) -> str | None:
        if eid in self.registry.entities:
            return self.registry.entities[eid].type
        return next((t for i, t in self.new_names.values() if i == eid), None)

    # -- quotations ------------------------------------------------------------------------------
    def _speaker(self, q: QuotationMention) -> str | None:
        if q.speaker is None:
            return None
        if not q.pronoun:
            m = self._mention_at(*q.speaker)
            return m.entity if m and self._type(m.entity) == "Person" else None
        people = [m for m in self.mentions if m.type == "Person" and m.end <= q.span_begin]
        return people[-1].entity if people else None

    def _propose_quotation(self, q: QuotationMention, speaker: str | None) -> None:
        span_evidence = self._evidence(q.span_begin, q.span_end)
        qid = self.registry.quotations.get(q.text)
        if qid is None:  # a quotation not declared yet
            base = f"quote-{speaker or 'unknown'}-{self.doc.id}"  # unique across drafts accepted one by one
            qid, n = base, 2
            while qid in self.ids:
                qid, n = f"{base}-{n}", n + 1
            self.ids.add(qid)
            quotation = Item({"id": qid, "type": "Quotation", "text": q.text, "evidence": span_evidence})
            if speaker is None:  # a quotation needs its speaker (the graph's shapes say so): both left for the curator
                quotation.notes.append("no speaker found: name who said it below, then move both up")
                self.unattached.append(quotation)
            else:
                self.entities.append(quotation)
        elif (qid, "creator") in self.stated:
            return
        if speaker is None:
            self.unattached.append(
                Item({"subject": qid, "property": "creator", "object": "WHO", "evidence": span_evidence}, ["no speaker found"])
            )
            return
        attribution = self.text[q.attribution[0] : q.attribution[1]] if q.attribution else None
        evidence = self._evidence(*q.attribution) if attribution and not q.pronoun else span_evidence
        item = Item({"subject": qid, "property": "creator", "object": speaker, "evidence": evidence})
        if q.pronoun:
            who = self.text[q.speaker[0] : q.speaker[1]]
            item.notes.append(f"CHECK: '{who}' is taken to be {speaker}, the nearest person named before the quotation")
        self.statements.append(item)
        if q.role and not q.pronoun:
            self.statements.append(Item({"subject": qid, "property": "spokenByRole", "value": q.role, "evidence": evidence}))

    # -- dates -----------------------------------------------------------------------------------
    def _sentence(self, pos: int) -> tuple[int, int]:
        return next(((b, e) for b, e in self.sentences if b <= pos < e), (pos, pos))

    def _clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos`` (split at commas, semicolons, dashes, and/but/а/и …) in its sentence."""
        sb, se = self._sentence(pos)
        cuts = [sb] + [sb + m.end() for m in _CLAUSE.finditer(self.text[sb:se])] + [se]
        begin = max(c for c in cuts if c <= pos)
        return begin, min(c for c in cuts if c > pos) if any(c > pos for c in cuts) else se

    def _date_value(self, d: DateMention) -> Any:
        if d.value is None:
            return None
        return {"value": str(d.value), "wording": d.wording} if d.relative else str(d.value)

    def _propose_dates(self, dates: list[DateMention]) -> None:
        for d in dates:
            sb, se = self._sentence(d.begin)
            sentence = self.text[sb:se]
            in_sentence = [m for m in self.mentions if sb <= m.begin < se]
            subject, notes, extra = self._date_subject(d, sentence, in_sentence)
            prop = "endDate" if self._ends_before(sentence[: d.begin - sb]) else "startDate"
            graph_notes: list[str] = []
            if subject is not None and d.value is not None:
                d, graph_notes = self._date_against_graph(d, subject, prop)
            notes.insert(0, f"'{d.wording}' -> {d.value or 'no date (the words allow more than one year)'}: {d.how}")
            if d.check:
                notes.insert(1, d.check)
            notes += graph_notes
            value = self._date_value(d)
            evidence = self._evidence(sb, se)
            if value is None or subject is None:
                self.unattached.append(
                    Item({"subject": subject or "WHAT", "property": prop, "date": value or "YYYY", "evidence": evidence}, notes, False)
                )
                continue
            for item in extra:
                self._add_statement(item)
            self._add_statement(Item({"subject": subject, "property": prop, "date": value, "evidence": evidence}, notes))

    def _ends_before(self, prefix: str) -> bool:
        """Whether the last start/end word before a date is an end word ("opened ... and runs until")."""
        starts = [m.start() for p in (_START, _START_OTHER) for m in p.finditer(prefix)]
        ends = [m.start() for p in (_END, _END_OTHER) for m in p.finditer(prefix)]
        return bool(ends) and (not starts or max(ends) > max(starts))

    def _graph_says(self, subject: str, prop: str, kind: str) -> list[Any]:
        """What other sheets state for ``subject`` / ``prop`` (dates or quantities), with where."""
        return [
            st
            for st in self.registry.statements
            if st.subject == subject and st.property == prop and st.sheet.document != self.doc.id and getattr(st, kind) is not None
        ]

    def _date_against_graph(self, d: DateMention, subject: str, prop: str) -> tuple[DateMention, list[str]]:
        """Compare a proposed date with the graph's; pick the reading the graph holds when the words allow two."""
        from kg.curate.conflicts import dates_agree

        held = sorted(self._graph_says(subject, prop, "date"), key=lambda st: -len(str(st.date.date)))  # the most precise first
        if not held:
            return d, []
        agree = [st for st in held if dates_agree(st.date.date, d.value)]
        if not agree and d.alternative is not None and any(dates_agree(st.date.date, d.alternative) for st in held):
            st = next(st for st in held if dates_agree(st.date.date, d.alternative))
            how = re.sub(r"^the (.*?) (?:nearest|on or before|on or after) ", r"the \1 the graph holds, not the nearest to ", d.how)
            chosen = DateMention(d.begin, d.end, d.wording, d.alternative, d.relative, how, None, d.value)
            return chosen, [
                f"CHECK: took {d.alternative}, the other reading of '{d.wording}', because the graph has {subject} {prop} "
                f"{st.date.date} ({_where(st)}); the words alone allow {d.value} too"
            ]
        clash = [st for st in held if st not in agree]
        agreeing = f"the graph agrees: {', '.join(f'{st.date.date} ({_where(st)})' for st in agree)}"
        if not clash:
            return d, [agreeing]
        notes = [
            "DISAGREES with the graph: this document says "
            f"{d.value} ('{d.wording}'); "
            + "; ".join(f"{_where(st)} says {st.date.date}" + (f" ('{st.date.wording}')" if st.date.wording else "") for st in clash)
        ]
        return d, notes + ([agreeing.replace("the graph agrees", "it agrees with")] if agree else [])

    def _date_subject(self, d: DateMention, sentence: str, in_sentence: list[EntityMention]) -> tuple[str | None, list[str], list[Item]]:
        """What the date is the date of: a release, a premiere, an event's opening, or nothing."""
        events = [m for m in in_sentence if m.type in EVENTS and m.type != "Release"]
        cb, ce = self._clause(d.begin)
        clause = self.text[cb:ce]
        released = lambda t: _RELEASE.search(t) or _RELEASE_OTHER.search(t)  # noqa: E731
        if "dateline" in d.how:
            return None, ["the dateline's date says when the report was filed, not when something happened"], []
        happened = lambda t: released(t) or any(p.search(t) for p in (_START, _END, _START_OTHER, _END_OTHER))  # noqa: E731
        if happened(sentence) and not happened(clause) and _SPEECH.search(clause):
            # "王立新昨天表示，合拍片将于9月6日上映", "..., the organisers announced on Tuesday": when it was said
            return None, ["the date is in the clause that says who spoke, not in the one about what happened"], []
        if released(sentence):
            film = self._film_at(d.begin)
            places = [m for m in in_sentence if m.type in PLACES]
            nationwide = []
            if (
                self.language == "zh"
                and "全国" in clause
                and not any(cb <= m.begin < ce for m in places)
                and "china" in self.registry.entities
            ):
                at = cb + clause.index("全国")
                places.append(EntityMention(at, at + 2, "全国", "china", "Country", "nationwide", True, "China"))
                nationwide = ["CHECK: '全国' (nationwide) is taken to be China"]
            if film and places:
                told = clause if (_RELEASE.search(clause) or _RELEASE_OTHER.search(clause)) else sentence
                premiere = bool(re.search(r"premier", told, re.I) or _PREMIERE_OTHER.search(told))
                near = [m for m in places if cb <= m.begin < ce]  # "… в четверг, а в субботу картина выйдет … по всему Китаю"
                before = [m for m in places if m.end <= d.begin]
                # "in Kazakhstan next month and in China early next year": the place named last before the date
                place = min(near, key=lambda m: abs(m.begin - d.begin)) if near else before[-1] if before else places[0]
                known = self.registry.release_of(film, place.entity, premiere)
                if known:
                    return known[0].id, [f"the release {known[0].id} ({known[0].name}) is already in the graph", *nationwide], []
                kind = "premiere" if premiere else "release"
                rid = f"{film}-{place.entity}-{kind}"
                film_name = self._name_of(film)
                sb, se = self._sentence(d.begin)
                evidence = self._evidence(sb, se)
                if rid not in self.ids:
                    self.ids.add(rid)
                    self.entities.append(
                        Item(
                            {
                                "id": rid,
                                "type": "Release",
                                "name": f"{kind.capitalize()} of {film_name} in {place.text}",
                                "evidence": evidence,
                            },
                            [f"new Release: no known {kind} of {film} located at {place.entity}"],
                        )
                    )
                extra = [
                    Item({"subject": film, "property": "releasedEvent", "object": rid, "evidence": evidence}),
                    Item({"subject": rid, "property": "location", "object": place.entity, "evidence": evidence}),
                ]
                return rid, list(nationwide), extra
        if events and (_START.search(sentence) or _END.search(sentence) or _START_OTHER.search(sentence) or _END_OTHER.search(sentence)):
            return events[0].entity, [], []
        return None, ["attach it to what happened then (a release, an event ...), or leave it out"], []

    def _name_of(self, eid: str) -> str:
        if eid in self.registry.entities:
            return self.registry.entities[eid].name
        return next((n for n, (i, _) in self.new_names.items() if i == eid), eid)

    # -- quantities ------------------------------------------------------------------------------
    def _propose_quantities(self, quantities: list[QuantityMention], dates: list[DateMention]) -> set[int]:
        used: set[int] = set()
        for q in quantities:
            sb, se = self._sentence(q.begin)
            sentence = self.text[sb:se]
            in_sentence = [m for m in self.mentions if sb <= m.begin < se]
            prop, subject = self._quantity_target(q, sentence, in_sentence)
            quantity: dict[str, Any] = {}
            for key in ("value", "min", "max", "approx"):
                number = getattr(q, key)
                if number is not None:
                    quantity[key] = int(number) if float(number).is_integer() else number
            quantity["wording"] = q.wording
            if q.unit:
                quantity["unit"] = q.unit
            if q.currency:
                quantity["currency"] = q.currency
            since = next((d for d in dates if sb <= d.begin < se and re.search(r"\bsince\s*$", self.text[sb : d.begin], re.I)), None)
            if since is not None and since.value is not None:
                quantity["since"] = str(since.value)
                used.add(id(since))
            item = Item(
                {"subject": subject or "WHAT", "property": prop or "PROPERTY", "quantity": quantity, "evidence": self._evidence(sb, se)}
            )
            if prop is None or subject is None:
                item.attached = False
                item.notes.append(
                    f"what does this count? ({prop} of which film or event?)"
                    if prop
                    else "which property counts this? (`kg properties` lists castAndCrewSize, boxOffice, audienceSize ...)"
                )
                self.unattached.append(item)
            else:
                self._add_statement(item)
        return used

    def _quantity_target(self, q: QuantityMention, sentence: str, in_sentence: list[EntityMention]) -> tuple[str | None, str | None]:
        film = self._film_at(q.begin)
        unit = (q.unit or "").lower()
        events = [m.entity for m in in_sentence if m.type in EVENTS and m.type != "Release"]
        orgs = [m.entity for m in in_sentence if m.type == "Organization"]
        if q.currency:
            if re.search(r"\b(?:budget|cost)|бюджет|预算|投资|成本", sentence, re.I):
                return "budget", film
            return "boxOffice", film
        if re.search(
            r"viewer|admission|moviegoer|audience|spectator|cinemagoer|зрител|人次|观众|观影",
            unit + (" 观影" if "观影" in sentence and "人次" in unit else ""),
        ):
            return "audienceSize", film
        if re.search(r"\bcast\b|\bcrew\b|extras|staff|演职人员|剧组|工作人员|群众演员", unit) or (
            self.language == "zh" and re.search(r"演职人员|剧组人员|工作人员", sentence[sentence.find(q.wording) :])
        ):
            return "castAndCrewSize", film
        if self.language in ("ru", "zh"):
            films = re.search(r"фильм|картин|影片|部", unit)
            countries = re.search(
                r"стран|国家|个国", unit + sentence[sentence.find(q.wording) : sentence.find(q.wording) + len(q.wording) + 4]
            )
            if films and events:
                return "screeningCount", events[0]
            if countries and events:
                return "participatingCountryCount", events[0]
        if "film" in unit and re.search(r"co-produc", sentence + unit, re.I):
            return "coProducedFilmCount", (orgs[0] if orgs else "sco" if "sco" in self.registry.entities else None)
        if re.search(r"\b(?:films?|movies?|screenings?)\b", unit) and events:
            return "screeningCount", events[0]
        if re.search(r"\b(?:countries|nations)\b", unit) and events:
            return "participatingCountryCount", events[0]
        return None, None

    def _quantity_against_graph(self, item: Item) -> bool:
        """Note what the graph says of the same figure; True when it disagrees (ranges that cannot overlap)."""
        d = item.data
        q = d["quantity"]
        held = [
            st
            for st in self._graph_says(d["subject"], d["property"], "quantity")
            if (st.quantity.currency or None) == (q.get("currency") or None)
            and (str(st.quantity.since) if st.quantity.since else None) == q.get("since")
            and _same_unit(q.get("unit"), st.quantity.unit)
        ]
        if not held:
            return False
        mine = _interval(q.get("value"), q.get("min"), q.get("max"), q.get("approx"))
        clash, agree = [], []
        for st in held:
            theirs = _interval(st.quantity.value, st.quantity.min, st.quantity.max, st.quantity.approx)
            if mine is None or theirs is None:
                continue
            (clash if mine[1] < theirs[0] or theirs[1] < mine[0] else agree).append(st)
        shown = lambda st: f"{_where(st)} says " + (st.quantity.wording or _range_words(st.quantity))  # noqa: E731
        if clash:
            item.notes.append(f"DISAGREES with the graph: this document says '{q.get('wording')}'; " + "; ".join(shown(st) for st in clash))
            if agree:
                item.notes.append("the graph agrees elsewhere: " + "; ".join(shown(st) for st in agree))
            return True
        item.notes.append("the graph agrees: " + "; ".join(shown(st) for st in agree))
        return False

    # -- shared ----------------------------------------------------------------------------------
    def _add_statement(self, item: Item) -> None:
        d = item.data
        key = (
            d["subject"],
            d["property"],
            json.dumps(d.get("object") or d.get("date") or d.get("quantity") or d.get("value"), default=str),
        )
        if key in self.seen or (d["subject"], d["property"], d.get("object") or d.get("value")) in self.stated:
            return
        if ("date" in d or "quantity" in d) and (d["subject"], d["property"]) in self.stated:
            return  # the sheet already gives this date or figure from this document
        self.seen.add(key)
        if "quantity" in d and self._quantity_against_graph(item) or any(n.startswith("DISAGREES") for n in item.notes):
            self.disagreements.append(item)  # never offered as a plain fact
            return
        self.statements.append(item)

    def _evidence(self, begin: int, end: int) -> Any:
        """The quote for characters ``begin``..``end``, with ``occurrence`` when it repeats."""
        text = self.text
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        quote = text[begin:end]
        starts = [m.start() for m in re.finditer(re.escape(quote), text)]
        if starts == [begin]:
            return quote
        if begin in starts:
            return {"quote": quote, "occurrence": starts.index(begin) + 1}
        sb, se = self._sentence(begin)  # overlapping repeats: quote the sentence instead
        return self._evidence(sb, max(se, end)) if (sb, se) != (begin, end) else quote


def _where(st: Any) -> str:
    """Where a statement is written: the source or document, file and line."""
    sheet = st.sheet
    who = sheet.source.id if sheet.source is not None else f"document {sheet.document}"
    return f"{who}, {sheet.path.name}:{st.line}"


def _same_unit(mine: str | None, theirs: str | None) -> bool:
    """Whether two figures count the same thing: the same words, or one says nothing more than the property.

    A unit in Russian or Chinese is compared with any (the property says what is counted):
    "近1700名演职人员" and "nearly 1,700 cast and crew members" are one figure.
    """
    if not mine or not theirs or not mine.isascii():
        return True
    return " ".join(mine.lower().split()) == " ".join(theirs.lower().split())


def _interval(value: Any, low: Any, high: Any, approx: Any) -> tuple[float, float] | None:
    """The numbers a quantity allows (about N is N ± 10 %, as `kg conflicts` reads it)."""
    from kg.curate.conflicts import APPROX_TOLERANCE

    if value is not None:
        return float(value), float(value)
    if approx is not None:
        return float(approx) * (1 - APPROX_TOLERANCE), float(approx) * (1 + APPROX_TOLERANCE)
    if low is None and high is None:
        return None
    return (float(low) if low is not None else float("-inf")), (float(high) if high is not None else float("inf"))


def _range_words(q: Any) -> str:
    parts = [f"{k} {getattr(q, k):,.0f}" for k in ("value", "min", "max", "approx") if getattr(q, k) is not None]
    return " ".join(parts) + (f" {q.currency}" if q.currency else "")


# -- rendering --------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n:#,\[\]{}\"]*(?<!\s)$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and not re.search(r"\s-\s|: |\s#", text):
        try:
            if yaml.safe_load(text) == text or re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", text):
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _block(item: Item, indent: str = "  ") -> list[str]:
    lines = [f"{indent}# {note}" for note in item.notes]
    first = True
    for key, value in item.data.items():
        prefix = f"{indent}- " if first else f"{indent}  "
        lines.append(f"{prefix}{key}: {_flow(value)}")
        first = False
    return lines


def _render(d: Draft) -> str:
    doc = d.document
    today = dt.date.today().isoformat()
    data = doc.path.parent.parent
    out = [
        f"# DRAFT fact sheet for {doc.path}, proposed by `kg draft` on {today}.",
        f"# Nothing in this file is in the graph: `kg build` reads {data / 'facts'}/ and {data / 'reference'}/, never drafts.",
        "#",
        "# To accept: check each item against the document, then copy the entities and statements you accept",
        f"# into {data / 'facts' / (doc.id + '.yaml')} (keep their `evidence:`), correct what is wrong, leave out the rest,",
        "# and run `kg build`. Items marked CHECK are guesses; what that sheet already states is not proposed again.",
        "# docs/curation.md walks through it.",
        f"# Dates are resolved against the publication date {doc.date_published}"
        + (f" (between {doc.date_published_earliest} and {doc.date_published_latest})" if doc.date_published_earliest else "")
        + ".",
        f"document: {doc.id}",
        "",
    ]
    known: dict[str, list[EntityMention]] = {}
    for m in d.mentions:
        if m.known:
            known.setdefault(m.entity, []).append(m)
    if known:
        out.append("# Entities already in the graph that this document names (refer to them by id; never declare them again):")
        for eid, ms in known.items():
            words = []
            for m in ms:
                w = json.dumps(m.text, ensure_ascii=False)
                if w not in words:
                    words.append(w)
            how = sorted({m.how for m in ms} - {"name"})
            out.append(f"#   {eid} ({ms[0].type}): {', '.join(words)}" + (f"  [{', '.join(how)}]" if how else ""))
        out.append("")
    out.append("entities:" if d.entities else "entities: []")
    for item in d.entities:
        out += _block(item)
    out.append("")
    out.append("statements:" if d.statements else "statements: []")
    for item in d.statements:
        out += _block(item)
    if d.disagreements:
        out += [
            "",
            "# DISAGREEMENTS with what the graph already states (both values and both sources are in the notes). These are this",
            "# document's claims, not facts to copy blindly: if the document really says so, uncomment the item and keep it (the",
            "# graph then holds both claims, and `kg conflicts` lists them); add `contested_by:` and a `note:` if one source is wrong.",
        ]
        for item in d.disagreements:
            out += ["# " + line.lstrip() if line.lstrip().startswith("#") else "# " + line for line in _block(item, "")]
    if d.held_back:
        out += [
            "",
            "# HELD BACK: a new film the document gives no country of origin, and what it says about the film. A film needs",
            "# one (the graph's shapes check it): add `- {subject: FILM, property: countryOfOrigin, object: COUNTRY, evidence: ...}`",
            "# from a source that says so, then uncomment these and keep them; or leave them out.",
        ]
        for item in d.held_back:
            out += ["# " + line.lstrip() if line.lstrip().startswith("#") else "# " + line for line in _block(item, "")]
    if d.unattached:
        out += ["", "# Found, but not attached to a subject or property: fill in the CAPITALS and move them up, or leave them out."]
        for item in d.unattached:
            out += ["# " + line.lstrip() if line.lstrip().startswith("#") else "# " + line for line in _block(item, "")]
    return "\n".join(out) + "\n"


def _zh_after_country(text: str, start: int, end_word: int, candidates: list, segs) -> int:
    """Where a company's name begins when a known country stands before it: after the country when
    the company has a name of its own (俄罗斯|伏尔加影业公司: the country says where it is from),
    at the country when the rest is plain nouns (吉尔吉斯斯坦国家电影中心, 塔吉克斯坦文化部: the
    country is part of a national body's name). A foreign country before a company (公司, 影业,
    集团) whose words are not all the trade's (哈萨克斯坦|草原之光影视公司) is where the company is from,
    whatever jieba's tags; a Chinese company's registered name begins with 中国 (中国星河电影股份有限公司),
    and 国家/国立/联邦 begin a national body's (哈萨克斯坦国家电影公司)."""
    country = next((c for c in candidates if c[0] == start and c[3].known and c[3].type == "Country" and c[1] < end_word), None)
    if country is None:
        return start
    first = next((x for x in segs if x[0] == country[1]), None)
    if first is not None and first[1] <= end_word and (first[3] in ("nr", "nrt", "nrfg", "ns", "nz") or first[3][:1] == "x"):
        return country[1]
    rest = [x[2] for x in segs if country[1] <= x[0] and x[1] <= end_word]
    if (
        country[3].text not in ("中国", "中华人民共和国")
        and re.match(r"有限公司|公司|影业|集团|工作室", text[end_word:])
        and rest
        and not re.match(r"国家|国立|国营|国有|联邦|共和国|全国|中央|皇家", rest[0])
        and any(w not in _ZH_TRADE_WORDS for w in rest)
    ):
        return country[1]
    return start


#: the words of a trade that a company's name may be made of alone, after its country (塔吉克斯坦电影公司)
_ZH_TRADE_WORDS = {
    "电影", "影视", "影业", "公司", "有限", "有限公司", "股份", "责任", "集团", "文化", "传媒", "媒体", "制片", "制片厂", "电影厂",
    "发行", "娱乐", "艺术", "国际", "动画", "纪录片", "制作", "出品", "电视", "广播", "影像", "数字", "网络", "科技", "投资", "控股",
}  # fmt: skip


def _zh_place_word(text: str, w: str, b: int, e: int, segs) -> tuple[str, int, int]:
    """A place as jieba gave it, put right: the position word after it is no part of it (松花江畔,
    伊塞克湖边: the river, the lake), and an administrative word jieba cut off is (楚河|州)."""
    if pos := re.search(r"(?<=[江河湖海山岛])(?:畔|边|岸|沿岸|之滨|一带|附近|脚下)$", w):
        return w[: pos.start()], b, b + pos.start()
    nxt = next((x for x in segs if x[0] == e), None)
    if nxt is not None and len(nxt[2]) == 1 and nxt[2] in "州省市县镇村旗盟" and not re.search(r"[州省市县镇村旗盟]$", w):
        return w + nxt[2], b, e + 1
    return w, b, e


def _zh_joined_start(text: str, start: int, end_word: int, candidates: list, segs) -> int:
    """Where an organisation name that joins two nouns with 与/和 begins (哈萨克斯坦文化与信息部):
    back over "NOUN与" when the part after 与 is plain nouns (信息部) and the noun before it is no
    name's end (新疆天山电影制片厂与哈萨克斯坦国家电影公司 are two companies: the second begins
    with a country, the first ends in an organisation word)."""
    if start < 2 or text[start - 1] not in "与和" or start >= end_word + 1:
        return start
    after = [x for x in segs if start <= x[0] and x[1] <= end_word]
    if any(x[3] not in ("n", "vn", "nz") for x in after) or any(c[0] == start and c[3].known for c in candidates):
        return start
    left = next((x for x in segs if x[1] == start - 1), None)
    if left is None or left[3] not in ("n", "vn") or re.search(r"公司|集团|厂|影业|协会|委员会|部|局|台|院|馆", left[2]):
        return start
    return _zh_name_start(left[0], candidates, segs)


def _zh_text_of(segs) -> str:
    """The text jieba's words were cut from."""
    return "".join(x[2] for x in segs)


def _zh_name_start(end_word: int, candidates: list, segs) -> int:
    """Where a Chinese event or organisation name ending in the word at ``end_word`` begins:
    back over the nouns jieba found before it, and over a known place or organisation (上合组织,
    青岛), however jieba cut it."""
    start = next((b for b, e, _, _ in segs if b <= end_word < e), end_word)
    while True:
        known_before = [c for c in candidates if c[1] == start and c[3].known and c[3].type in PLACES + ("Organization",)]
        if known_before:
            start = min(c[0] for c in known_before)
            continue
        seg = next((x for x in segs if x[1] == start), None)
        # a place joined by a dash (中国—中亚电影节) or 驻 (中国驻哈萨克斯坦大使馆) to the one before is part of the name
        joined = seg is not None and seg[2] in ("—", "–", "-", "－", "驻") and any(c[1] == seg[0] and c[3].type in PLACES for c in candidates)
        if seg is not None and seg[2] == "”" and (opening := _zh_text_of(segs).rfind("“", 0, seg[0])) >= 0 and seg[0] - opening <= 12:
            start = opening  # 第五届“丝路电影桥”国际电影周: a quoted name inside the event's name
            continue
        if joined:
            start = next(c[0] for c in candidates if c[1] == seg[0] and c[3].type in PLACES)
            continue
        # 草原之光影视公司, 丝路之声: "X之Y" (the Y of X), a name's words joined by 之, when a noun is before it
        # (and the one character after 之, whatever jieba's tag: 丝路之声, 声 a measure word to it)
        of = seg if seg is not None and seg[2] == "之" else next((x for x in segs if x[1] == seg[0] and x[2] == "之"), None) if seg is not None and len(seg[2]) == 1 else None
        before_of = next((x for x in segs if x[1] == of[0]), None) if of is not None else None
        if before_of is not None and before_of[3][:1] == "n" and before_of[2] not in _ZH_NOT_IN_NAMES:
            start = before_of[0]
            continue
        if (
            seg is None
            or not (seg[3][:1] in ("n", "j") or seg[3] in ("vn", "l", "nz", "b") or (seg[3] == "f" and len(seg[2]) >= 2) or seg[2] in _ZH_IN_NAMES)
            or seg[2] in _ZH_NOT_IN_NAMES
        ):
            return start  # (a direction of two characters begins names: 北方星光影业, 东方影都; and 国立: 莫斯科国立电影学院)
        start = seg[0]
