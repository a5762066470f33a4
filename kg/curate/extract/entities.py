"""Names of entities in a text: the ones the graph knows, and new ones that patterns reveal.

Known names are every name, alias and label (in every language) of every declared entity,
compared after :func:`kg.ingest.names.normalise`. A name that starts with a capital letter only
matches words that do too ("Long" the actor, not "a long film"); short all-capital names (SCO,
CMG) must match their case exactly; a month or weekday ("August") names a film of that title
only in quotation marks. Where names overlap, the longest wins ("SCO Film and
Television Week" over "SCO").

Spelling variants are found among runs of capitalised words: a run of two to four words whose
folded spelling equals a known name's (see :mod:`kg.ingest.names`), and a single family name of
five letters or more that folds to the last word of exactly one known person ("Chuikina said").
A one-letter near miss is not taken for the known entity; the draft says so instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.ingest.names import Match, Registry, compatible, fold, normalise_char, same_spelling, variant_key

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class EntityMention:
    """Words of the text that name an entity: a known one (``known``) or one the draft proposes."""

    begin: int
    end: int
    text: str
    entity: str
    type: str
    how: str  # name, alias, label:ru, alternateName, variant, swapped, family name, new
    known: bool = True
    known_name: str | None = None
    near: list[Match] = field(default_factory=list)  # one-letter look-alikes of a new name


class Normalised:
    """A text compared as names are, with the way back to the original offsets."""

    def __init__(self, text: str):
        self.text = text
        chars: list[str] = []
        self.origin: list[int] = []
        for i, ch in enumerate(text):
            for c in normalise_char(ch):
                chars.append(c)
                self.origin.append(i)
        self.origin.append(len(text))
        self.norm = same_spelling("".join(chars))

    def span(self, begin: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised characters ``begin`` to ``end``."""
        return self.origin[begin], self.origin[end - 1] + 1

    def find_all(self, needle: str):
        start = 0
        while (i := self.norm.find(needle, start)) != -1:
            yield i, i + len(needle)
            start = i + 1


def _boundary(norm: str, begin: int, end: int, needle: str) -> bool:
    if _CJK.search(needle):
        return True
    before = norm[begin - 1] if begin > 0 else " "
    after = norm[end] if end < len(norm) else " "
    return not (before.isalnum() or after.isalnum())


def find_known(text: str, registry: Registry) -> list[EntityMention]:
    """Every mention of an entity the registry knows: by name, alias, label, or spelling variant."""
    n = Normalised(text)
    candidates: list[tuple[int, int, int, EntityMention]] = []
    for needle, known, name in registry.surfaces():
        if len(needle) < 2:
            continue
        for b, e in n.find_all(needle):
            if not _boundary(n.norm, b, e, needle):
                continue
            begin, end = n.span(b, e)
            written = text[begin:end]
            if name.text[:1].isupper() and not written[:1].isupper():
                continue
            if len(name.text) <= 4 and name.text.isupper() and written != name.text:
                continue
            if (written in _MONTH_WORDS or written in _WEEKDAY_WORDS) and not _quoted(text, begin, end):
                continue  # "in August" is the month, not a film called "August"
            m = EntityMention(begin, end, written, known.id, known.type, name.kind, True, name.text)
            candidates.append((begin, end, 0, m))
    for _, _, words in _capitalised_runs(text):
        for size in range(min(4, len(words)), 1, -1):
            for i in range(len(words) - size + 1):
                b, e = words[i][0], words[i + size - 1][1]
                matches = [m for m in registry.resolve(text[b:e], near=False) if m.how in ("variant", "swapped")]
                if len(matches) == 1:
                    m = matches[0]
                    mention = EntityMention(b, e, text[b:e], m.entity.id, m.entity.type, m.how, True, m.known_name)
                    candidates.append((b, e, 1, mention))
    families = _family_names(registry)
    for begin, end, words in _capitalised_runs(text, single=True):
        if len(words) != 1 or end - begin < 5:
            continue
        owners = families.get(fold(text[begin:end]), set())
        if len(owners) == 1:
            (known_id,) = owners
            known = registry.entities[known_id]
            candidates.append(
                (begin, end, 2, EntityMention(begin, end, text[begin:end], known_id, known.type, "family name", True, known.name))
            )
    return _choose(candidates)


def _quoted(text: str, begin: int, end: int) -> bool:
    return begin > 0 and end < len(text) and text[begin - 1] in "\"“«'" and text[end] in "\"”»'"


def _family_names(registry: Registry) -> dict[str, set[str]]:
    families: dict[str, set[str]] = {}
    for known in registry.entities.values():
        if known.type != "Person":
            continue
        for name in known.names:
            words = _WORD.findall(name.text)
            if len(words) >= 2 and all(w.isascii() or not w.isalpha() or _latin(w) for w in words):
                families.setdefault(fold(words[-1]), set()).add(known.id)
    return families


def _latin(word: str) -> bool:
    return all("a" <= c <= "z" for c in "".join(normalise_char(ch) for ch in word) if c.isalpha())


def _capitalised_runs(text: str, single: bool = False):
    """Runs of capitalised Latin words separated by single spaces: (begin, end, [(b, e), ...])."""
    run: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        word = m.group().rstrip("'’-")
        end = m.start() + len(word)
        if word[:1].isupper() and _latin(word):
            if run and text[run[-1][1] : m.start()] == " ":
                run.append((m.start(), end))
                continue
            if run:
                yield run[0][0], run[-1][1], run
            run = [(m.start(), end)]
        else:
            if run:
                yield run[0][0], run[-1][1], run
            run = []
    if run:
        yield run[0][0], run[-1][1], run


def _choose(candidates: list[tuple[int, int, int, EntityMention]]) -> list[EntityMention]:
    """Longest first, then exact before variant before family name; no two mentions overlap."""
    chosen: list[EntityMention] = []
    for begin, end, _, m in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if any(begin < o.end and o.begin < end for o in chosen):
            continue
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.begin)


def find_named(text: str, names: dict[str, tuple[str, str]], taken: list[EntityMention]) -> list[EntityMention]:
    """Every occurrence of the new ``names`` ({name: (id, type)}) outside the mentions ``taken``,
    as written or in capitals.

    A new person is also found by a family name of five letters or more that no other person
    has ("Nurlanova said").
    """
    found: list[tuple[int, int, int, EntityMention]] = []
    for name, (eid, etype) in names.items():
        # the name as written, and in capitals (a dateline's ALMATY is the Almaty of the text)
        for form in {name, name.upper()} if len(name) >= 4 else {name}:
            for m in re.finditer(re.escape(form), text):
                if _edge(text, m.start(), m.end()):
                    found.append((m.start(), m.end(), 0, EntityMention(m.start(), m.end(), m.group(), eid, etype, "new", False, name)))
    families: dict[str, set[str]] = {}
    for name, (eid, etype) in names.items():
        words = name.split()
        if etype == "Person" and len(words) >= 2 and len(words[-1]) >= 5:
            families.setdefault(words[-1], set()).add(eid)
    for family, owners in families.items():
        if len(owners) != 1:
            continue
        (eid,) = owners
        for m in re.finditer(rf"\b{re.escape(family)}\b", text):
            found.append((m.start(), m.end(), 2, EntityMention(m.start(), m.end(), family, eid, "Person", "family name", False, None)))
    found = [c for c in found if not any(c[0] < t.end and t.begin < c[1] for t in taken)]
    return _choose(found)


def _edge(text: str, begin: int, end: int) -> bool:
    before = text[begin - 1] if begin > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def capitalised_name_at(text: str, pos: int, max_words: int = 4) -> tuple[int, int] | None:
    """The run of capitalised words starting at ``pos`` (after spaces), if any."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    words = []
    for m in _WORD.finditer(text, pos):
        if m.start() != pos:
            break
        possessive = re.search(r"['’]s$", m.group())  # "Temir Asanov's documentary": the name ends there
        word = (m.group()[: possessive.start()] if possessive else m.group()).rstrip("'’-")
        if not (word[:1].isupper() and _latin(word)) or len(words) == max_words:
            break
        words.append((m.start(), m.start() + len(word)))
        pos = m.start() + len(word)
        if possessive or text[pos : pos + 1] != " ":
            break
        pos += 1
    if not words:
        return None
    return words[0][0], words[-1][1]


def capitalised_name_before(text: str, pos: int, max_words: int = 4) -> tuple[int, int] | None:
    """The run of capitalised words ending at ``pos`` (before spaces), if any."""
    end = pos
    while end > 0 and text[end - 1] == " ":
        end -= 1
    first = None
    cursor, count = end, 0
    while count < max_words:
        m = re.search(r"[^\W\d_][\w'’-]*$", text[:cursor])
        if not m or not (m.group()[:1].isupper() and _latin(m.group())):
            break
        first, count = m.start(), count + 1
        if m.start() == 0 or text[m.start() - 1] != " ":
            break
        cursor = m.start() - 1
    return None if first is None else (first, end)


# -- linking names written in Russian or Chinese ------------------------------------------------------


def link_name(forms: list[str], registry: Registry, etype: str | None = None) -> tuple[str, str, str] | None:
    """The one known entity that any of ``forms`` (a name as written, its normal form ...) names.

    Tried in order, for each form: a name, alias or label in any language; the English name of a
    Russian or Chinese place name (:data:`~kg.curate.extract.lexicon.PLACE_NAMES`); the Latin
    transliteration of a Cyrillic name, compared as Latin names are (exactly, or as a spelling
    variant), also against names the graph spells with Serbian or Czech letters (Miloš Biković).
    Returns ``(id, how, known name)``; ``how`` is the kind of name, ``lexicon`` or
    ``transliteration``. Two candidates, or a one-letter near miss, link nothing.
    """
    from kg.curate.extract.lexicon import PLACE_NAMES, has_cyrillic, transliterate

    for form in forms:
        if not form:
            continue
        exact = [m for m in registry.resolve(form, etype, near=False) if m.certain]
        if len(exact) == 1:
            return exact[0].entity.id, exact[0].how, exact[0].known_name
        if form in PLACE_NAMES:
            english = [m for m in registry.resolve(PLACE_NAMES[form], near=False) if m.certain]
            if len(english) == 1:
                return english[0].entity.id, "lexicon", english[0].known_name
        if has_cyrillic(form):
            latin = transliterate(form)
            matches = registry.resolve(latin, etype, near=False)
            if len(matches) == 1:
                return matches[0].entity.id, "transliteration", matches[0].known_name
            slavic = _slavic_index(registry).get(variant_key(latin) or ())
            if slavic and len(slavic) == 1 and (etype is None or compatible(etype, slavic[0][1])):
                return slavic[0][0], "transliteration", slavic[0][2]
    return None


_SLAVIC_CACHE: dict[int, dict[tuple[str, ...], list[tuple[str, str, str]]]] = {}


def _slavic_index(registry: Registry) -> dict[tuple[str, ...], list[tuple[str, str, str]]]:
    """Known Latin names with Serbian/Czech letters, keyed as their Russian transliteration folds."""
    from kg.curate.extract.lexicon import slavic_latin

    key = id(registry)
    if key not in _SLAVIC_CACHE:
        index: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
        for known in registry.entities.values():
            for name in known.names:
                spelled = slavic_latin(name.text)
                folded = variant_key(spelled) if spelled else None
                if folded and all(k[0] != known.id for k in index.get(folded, [])):
                    index.setdefault(folded, []).append((known.id, known.type, name.text))
        _SLAVIC_CACHE.clear()
        _SLAVIC_CACHE[key] = index
    return _SLAVIC_CACHE[key]


def family_owner(word: str, registry: Registry) -> str | None:
    """The one known person whose family name (in Latin letters) is ``word`` or its transliteration."""
    from kg.curate.extract.lexicon import has_cyrillic, transliterate

    latin = transliterate(word) if has_cyrillic(word) else word
    owners = _family_names(registry).get(fold(latin), set())
    return next(iter(owners)) if len(owners) == 1 else None


# -- places that no cue word names -----------------------------------------------------------------

_MONTH_WORDS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
}  # fmt: skip
_WEEKDAY_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
#: words that start a capitalised run after "in" without naming a place
_NOT_PLACE_START = {
    "The", "A", "An", "This", "That", "These", "Those", "Its", "His", "Her", "Their", "Our", "My", "Your", "Christmas",
    "Easter", "Ramadan", "Nowruz", "Navruz", "Eid", "Mr", "Mrs", "Ms", "Dr", "Episode", "Part", "Chapter", "Act", "Season",
}  # fmt: skip
#: one-word runs that are nationality or language words ("in Russian", "in Chinese cinemas")
NATIONALITY_WORDS = _ADJECTIVES = {
    "English", "French", "German", "Spanish", "Italian", "Portuguese", "Arabic", "Mandarin", "Cantonese", "Hindi", "Urdu",
    "Persian", "Farsi", "Japanese", "Korean", "Turkish", "Turkic", "Mongolian", "Soviet", "European", "Asian", "Eurasian",
    "American", "British", "Western", "Eastern", "Northern", "Southern", "Central", "Latin", "Slavic", "Orthodox",
    "Muslim", "Christian", "Buddhist", "Hollywood", "Bollywood", "Celsius", "Fahrenheit", "Kazakhstani", "Uzbekistani",
}  # fmt: skip
_PLACE_PREPOSITIONS = r"in|near|outside|at|from|across|around|throughout|between|inside"
_MOTION = r"visit|visits|visited|visiting|trip|journey|tour|flight|return|delegation|moving|moved|move|moves|travell?ing|travell?ed|travels?|returning|returned|returns?|going|went|goes|heading|headed|heads|relocating|relocated|flew|flying|flies|sailed|drove|driving|transferred"
# "starred in Brother", "a role in Winter Apples": "in" a work, not a place
_WORK_BEFORE = re.compile(
    r"\b(?:starr\w*|appear\w*|roles?|act\w*|play\w*|featur\w*|cast|part|invest\w*|interest\w*|participat\w*|involved|"
    r"wins?|won|winning|scenes?|characters?|shown|screened|premiered|included|named|listed|published|reported|written)\s+$",
    re.I,
)
_FEATURE_BEFORE = re.compile(r"\b(?:Lake|Mount|Mt\.|River|Gulf|Cape|Bay\s+of|Sea\s+of|Isle\s+of)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")
_FEATURE_AFTER = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:River|Mountains|Lake|Desert|Valley|Sea|Plateau|Island|Islands|Region|Province|"
    r"Oblast|Krai|District|Gorge|Canyon|Peninsula|Highway|Road|Route|Trail|Railway|Street|Avenue|Boulevard|Square|Bridge|Canal|"
    r"Pass|Range|Steppe|Hills|Glacier|Falls|Bay|Coast|Basin|Delta|Plain|Prefecture|County|Reserve|Republic|Autonomous\s+Region|National\s+Park)\b(?!\s+[A-Z])"
)
# "the provincial capital Jinan", "the city of Kashgar", "the port town Aktau": a place named after its kind
_KIND_BEFORE = re.compile(
    r"(?:\b[Tt]he|['’]s)\s+(?:[A-Za-z]+\s+)?(?P<kind>capital|city|town|village|port|resort|settlement|county|district|region|province|oblast|republic)"
    r"(?:\s+of)?\s+(?=[A-Z])"
)
# "Mumbai's Saffron Frame Pictures", "Dushanbe's Tajikfilm": one capitalised word that owns a name is a place
_OWNER = re.compile(
    r"(?<![\w'’-])(?P<p>[A-Z][a-z][\w-]*)['’]s\s+(?=[A-Z]|(?:provincial|regional|national|state|main|oldest|largest|biggest)\s)"
)
# "ALMATY, Oct. 16 --", "QINGDAO, China, Aug. 22 (Xinhua) --", "MOSCOW (TASS) -": a dateline names the city
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.]*[A-Z](?:[ -][A-Z][A-Z'’.]*[A-Z])*)(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)??"
    r"(?=,\s+(?:[A-Z][a-z]{2,}\.?\s+\d|\d{1,2}\s+[A-Z][a-z]{2})|\s+\([A-Z][\w .]*\)\s*[-—–]|\s+[-—–]{1,2}\s)",
    re.M,
)


@dataclass
class PlaceCandidate:
    """Words that name a place by where they stand (a dateline, "in X", "Lake X"), not by a known name."""

    begin: int
    end: int
    name: str  # as a sheet would write it ("Almaty" for the dateline's ALMATY)
    type: str  # City for a dateline, Place otherwise
    why: str


def title_case(word: str) -> str:
    """ALMATY -> Almaty, NUR-SULTAN -> Nur-Sultan, XI'AN -> Xi'an: a name written in capitals."""
    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)?", lambda m: m.group()[:1].upper() + m.group()[1:].lower(), word)


def find_places(text: str, nationalities: Iterable[str] = ()) -> list[PlaceCandidate]:
    """Places that a news text names without a known name or a cue word of its own.

    - a dateline: the city in capitals that opens a line before the date or the agency;
    - a capitalised name after a preposition of place ("in Shymkent", "near Lake Baikal",
      "from Bishkek"), and the names listed with it ("in Samarkand and Bukhara"), unless it is
      a month, a weekday, a nationality (``nationalities``: "Russian", "Kazakh" ...) or language
      word, or the name of a work ("starred in X");
    - a geographic word before or after a name ("Lake Baikal", "Altai Mountains") and "X-based".

    The caller drops the ones that overlap names it knows better (an event, a person, a film).
    """
    adjectives = _ADJECTIVES | set(nationalities)
    found: list[PlaceCandidate] = []
    for m in _DATELINE.finditer(text):
        raw = m.group("place")
        if raw in ("UPDATE", "BREAKING", "EXCLUSIVE") or len(raw) < 3:
            continue
        found.append(PlaceCandidate(m.start("place"), m.end("place"), title_case(raw), "City", "the dateline"))
    for m in re.finditer(rf"\b(?:(?P<motion>{_MOTION})\s+)?(?P<prep>{_PLACE_PREPOSITIONS}|to)\s+(?=[A-Z])", text):
        if _WORK_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or (m.group("prep") == "to" and not m.group("motion")):
            continue  # "to" is a place's preposition only after a verb of going ("moving to Xinjiang")
        pos, first = m.end(), True
        while True:
            span = capitalised_name_at(text, pos, 3)
            if span is None:
                break
            b, e = span
            words = text[b:e].split()
            after = text[e : e + 2]
            longer = after[:1] == " " and after[1:2].isupper()  # more than three capitalised words: a longer name
            if (
                not longer
                and words[0] not in _NOT_PLACE_START
                and not any(w.rstrip(".") in _MONTH_WORDS or w in _WEEKDAY_WORDS for w in words)
                and not (len(words) == 1 and words[0] in adjectives)
                and not (words[0].isupper() and len(words[0]) <= 5 and len(words) == 1)  # an acronym: SCO, CMG
            ):
                prep = m.group("prep")
                found.append(PlaceCandidate(b, e, text[b:e], "Place", f"'{prep} {text[b:e]}'" if first else f"listed after '{prep}'"))
            sep = re.match(r",\s+and\s+|\s+and\s+|\s+or\s+|,\s+(?=[A-Z][^\W\d_]+(?:\s+and\s+|,))", text[e:])
            if not sep:
                break
            pos, first = e + sep.end(), False
    for pattern in (_FEATURE_BEFORE, _FEATURE_AFTER):
        for m in pattern.finditer(text):
            b = m.start()
            if "-based" in m.group():  # "Almaty-based Steppe Pictures": a company, and "Almaty-based" is found below
                continue
            if own := re.match(r".*['’]s\s+", m.group()):  # "China's Shandong Province": the province
                b += own.end()
            found.append(PlaceCandidate(b, m.end(), text[b : m.end()], "Place", "a geographic word"))
    # "the Tarbagatai mountains", "the Ili river": a name before a geographic word in lower case
    for m in re.finditer(
        r"\bthe\s+(?P<p>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)?)\s+(?:mountains|mountain\s+range|range|river|valley|desert|steppe|"
        r"lake|sea|gorge|canyon|plateau|hills|peninsula|delta|basin|region|province|district|oblast|area|county|republic|highway)\b",
        text,
    ):
        found.append(PlaceCandidate(m.start("p"), m.end("p"), m.group("p"), "Place", f"'{m.group()}'"))
    for m in _KIND_BEFORE.finditer(text):
        span = capitalised_name_at(text, m.end(), 3)
        if span and text[span[0] : span[1]] not in _MONTH_WORDS | _WEEKDAY_WORDS:
            kind = "City" if m.group("kind") in ("capital", "city", "town", "village", "port", "resort", "settlement") else "Place"
            found.append(PlaceCandidate(span[0], span[1], text[span[0] : span[1]], kind, f"'{text[m.start() : span[1]]}'"))
    for m in _OWNER.finditer(text):
        if m.group("p") not in adjectives | _MONTH_WORDS | _WEEKDAY_WORDS | _NOT_PLACE_START and not re.search(
            r"[A-Z][\w'’-]*\s+$", text[max(0, m.start() - 30) : m.start()]
        ):
            found.append(
                PlaceCandidate(m.start("p"), m.end("p"), m.group("p"), "Place", f"'{m.group().strip()}' (a word that owns a name)")
            )
    for m in re.finditer(r"\b(?P<p>[A-Z][a-z][\w'’]*(?:\s+[A-Z][a-z][\w'’]*)?)-based\b", text):
        found.append(PlaceCandidate(m.start("p"), m.end("p"), m.group("p"), "Place", f"'{m.group()}'"))
    best: dict[tuple[int, int], PlaceCandidate] = {}
    for p in sorted(found, key=lambda p: (p.begin, -(p.end - p.begin))):
        if not any(o.begin <= p.begin and p.end <= o.end for o in best.values()):
            best[(p.begin, p.end)] = p
    return sorted(best.values(), key=lambda p: p.begin)
