"""Quantities in a text, with the qualifier that makes them vague.

"nearly 1,700" is at most 1,700 (``max``), "more than 40" and "over 1 million" at least that
(``min``), "about 170" approximately (``approx``), a bare "30 films" exact (``value``). The
document's words (qualifier, number, scale and currency) are kept as ``wording``; what is counted
("cast and crew members") is the ``unit``. Amounts of money ("₽689 million", "more than 500
million rubles") carry an ISO 4217 ``currency``. Numbers that are dates, years, or lengths of
time ("three weeks", "146 minutes") are not quantities here, and neither is a number written as a
word without a qualifier ("the two countries"); "some forty films" is. What is counted may come
first: "a crew of about 250" counts the crew (the words kept are "about 250").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUALIFIERS = {
    "max": [
        "nearly",
        "almost",
        "close to",
        "just under",
        "under",
        "less than",
        "fewer than",
        "up to",
        "no more than",
        "at most",
        "as many as",
    ],
    "min": [
        "more than",
        "over",
        "above",
        "at least",
        "exceeding",
        "in excess of",
        "upwards of",
        "no fewer than",
        "no less than",
        "well over",
        "just over",
    ],
    "approx": ["about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "nearly about"],
}
_QUAL_WORDS = sorted((w for ws in QUALIFIERS.values() for w in ws), key=len, reverse=True)
_BOUND = {w: kind for kind, ws in QUALIFIERS.items() for w in ws}
CURRENCY_SIGNS = {"₽": "RUB", "$": "USD", "US$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP", "₸": "KZT", "₹": "INR"}
CURRENCY_WORDS = {
    "rubles": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rouble": "RUB",
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "dollars": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "tenge": "KZT",
    "rupees": "INR",
    "som": "KGS",
    "soms": "KGS",
    "somoni": "TJS",
    "sum": "UZS",
    "sums": "UZS",
    "soum": "UZS",
    "soums": "UZS",
    "rials": "IRR",
    "rial": "IRR",
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mln": 1e6, "bn": 1e9}
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a dozen": 12,
    "dozens of": None,
    "hundreds of": None,
}
TIME_UNITS = re.compile(
    r"^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|times|percent|per cent|%|"
    r"springs?|summers?|autumns?|falls|winters?|seasons?|nights?|evenings?|mornings?)$",
    re.I,
)
#: a verb that makes the figure after it a lower bound, without being part of its words ("box office
#: exceeded ₽1 billion", "бюджет превысит 1 млрд рублей"; "не превысит" is an upper bound)
VERB_BOUNDS = {
    "en": re.compile(
        r"\b(?:(?P<neg>(?:not|never)\s+)?(?:exceed(?:s|ed|ing)?|top(?:s|ped)?|surpass(?:es|ed)?|pass(?:es|ed)|crossed|crosses)|"
        r"(?P<approx>estimated\s+at))\s+$",
        re.I,
    ),
    "ru": re.compile(r"(?<![а-яё])(?P<neg>не\s+)?(?:превы[сш][а-яё]*|перевали[а-яё]*|превзо[а-яё]*|превзош[а-яё]*)\s+$", re.I),
}


def verb_bound(text: str, begin: int, language: str) -> str | None:
    """min (or max after a negation) when a bounding verb comes right before ``text[begin:]``;
    approx after "estimated at" (a figure "put at" is given as a value)."""
    m = VERB_BOUNDS[language].search(text[max(0, begin - 40) : begin])
    if m is None:
        return None
    if m.groupdict().get("approx"):
        return "approx"
    return "max" if m.group("neg") else "min"
_STOP = {
    "in",
    "at",
    "on",
    "for",
    "to",
    "from",
    "by",
    "with",
    "since",
    "during",
    "across",
    "within",
    "into",
    "of",
    "have",
    "has",
    "had",
    "were",
    "was",
    "are",
    "is",
    "will",
    "who",
    "which",
    "that",
    "the",
    "a",
    "an",
    "as",
    "than",
    "this",
    "their",
    "its",
    "each",
    "per",
    "so",
    "while",
}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(w for w in NUMBER_WORDS if NUMBER_WORDS[w]) + r")"
_PATTERN = re.compile(
    r"(?:(?P<qual>\b(?:" + "|".join(re.escape(w) for w in _QUAL_WORDS) + r"))\s+)?"
    r"(?P<sign>US\$|[₽$¥€£₸₹])?\s*" + _NUMBER + r"(?:\s*(?P<scale>thousand|million|billion|mln|bn)\b)?",
    re.I,
)


@dataclass
class QuantityMention:
    """A quantity: its words, where they are, its bounds, what it counts, its currency."""

    begin: int
    end: int
    wording: str
    value: float | None = None
    min: float | None = None
    max: float | None = None
    approx: float | None = None
    unit: str | None = None
    currency: str | None = None

    @property
    def number(self) -> float:
        return next(x for x in (self.value, self.min, self.max, self.approx) if x is not None)


def find_quantities(text: str, skip: list[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Every counted quantity or amount of money in ``text``, outside the spans in ``skip``."""
    found = []
    for m in _PATTERN.finditer(text):
        num_text = m.group("num")
        begin = m.start("qual") if m.group("qual") else m.start("sign") if m.group("sign") else m.start("num")
        if not _word_edge(text, m.start("num"), m.end("num") if not m.group("scale") else m.end("scale")):
            continue
        if any(b < m.end() and begin < e for b, e in skip):
            continue
        if num_text.lower() in NUMBER_WORDS:
            if not m.group("qual"):
                continue  # "two couriers", "the two countries": a figure of speech, not a figure
            number = float(NUMBER_WORDS[num_text.lower()])
        else:
            number = float(num_text.replace(",", ""))
        if m.group("scale"):
            number *= SCALES[m.group("scale").lower()]
        end = m.end()
        currency = CURRENCY_SIGNS.get(m.group("sign") or "")
        after = text[end:]
        unit, unit_end = _unit(after)
        word_currency = CURRENCY_WORDS.get((unit or "").lower())
        if word_currency and not currency:
            currency, end, unit = word_currency, end + unit_end, None
        elif currency:
            unit = None
        if currency is None:
            # "a crew of about 250", "an audience of 5,000 attended", "a crew of 250 people": what is
            # counted comes first, unless a plural noun follows ("a programme of 30 films")
            before = _noun_before(text, begin)
            if before and (unit is None or not re.match(r"(?:staff|crew|(?!people\b|persons\b)\w+[^s\W]s)\b", unit, re.I)):
                unit = before
        if currency is None:
            if unit is None or TIME_UNITS.match(unit.split()[0]):
                continue
            if not m.group("qual") and _after_a_name(text, begin):
                continue  # "the Karo 11 October cinema", "Channel 1": a number inside a name counts nothing
            if re.fullmatch(r"1[89]\d\d|20\d\d", num_text) and not m.group("qual"):
                continue  # a year
        if _is_ordinal_context(text, begin):
            continue
        qual = (m.group("qual") or "").lower()
        if num_text.lower() in NUMBER_WORDS and qual in QUALIFIERS["approx"] and number < 10:
            continue  # "a drama about two sisters": a topic; nobody rounds a count below ten
        q = QuantityMention(begin, end, text[begin:end].strip(), unit=unit, currency=currency)
        setattr(q, _BOUND.get(qual) or verb_bound(text, begin, "en") or "value", number)
        found.append(q)
    return found


_NOUN_OF = re.compile(r"\b(?:a|an|the|its|their|his|her|our)\s+(?P<noun>(?:[^\W\d_][\w-]*\s+){0,2}?[^\W\d_][\w-]*)\s+of\s+$", re.I)
#: nouns that measure rather than count ("at the age of 45", "a length of 120"): no count of anything
_MEASURES = re.compile(
    r"\b(?:age|height|length|width|depth|weight|distance|speed|temperature|rate|ratio|score|average|period|duration|term|"
    r"span|time|runtime|running|share|percentage|part|price|cost|value|sum|size|number|total|series|list|one|some|each)$",
    re.I,
)


def _noun_before(text: str, begin: int) -> str | None:
    """What a number counts when it comes after it: "a crew of about 250" -> "crew", "a Russian team of 90"."""
    m = _NOUN_OF.search(text[max(0, begin - 60) : begin])
    if m is None:
        return None
    noun = m.group("noun")
    if _MEASURES.search(noun) or TIME_UNITS.match(noun.split()[-1]) or any(w.lower() in _STOP for w in noun.split()):
        return None
    return noun


def _after_a_name(text: str, begin: int) -> bool:
    """A capitalised word (not the sentence's first, nor a preposition) right before the number."""
    m = re.search(r"(?P<w>[A-Z][\w'’-]*)\s+$", text[max(0, begin - 40) : begin])
    if m is None or m.group("w") in ("On", "In", "By", "Since", "From", "About", "Around", "Some", "Nearly", "Almost", "Over", "More", "The", "A", "An", "Of"):
        return False
    head = text[: max(0, begin - 40) + m.start("w")]
    return bool(head.strip()) and not re.search(r"[.!?\n\"“(]\s*$", head)


def _word_edge(text: str, begin: int, end: int) -> bool:
    before = text[begin - 1] if begin > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-/") and not (after.isalnum() or after in "-/")


def _is_ordinal_context(text: str, begin: int) -> bool:
    """'the first three weeks', 'one of the': not a count of anything."""
    return bool(re.search(r"\b(?:first|last|next|top|one of)\s*$", text[max(0, begin - 12) : begin], re.I))


def _unit(after: str) -> tuple[str | None, int]:
    """What is counted: up to four words after the number, stopping at a verb or a preposition."""
    m = re.match(r"\s+", after)
    pos = m.end() if m else 0
    if m is None or "\n" in after[:pos]:
        return None, 0
    words: list[str] = []
    end = pos
    for w in re.finditer(r"([^\W\d_]+(?:-[^\W\d_]+)*)(\s+|$|(?=[^\w\s]))|(\S)", after[pos:]):
        if w.group(3) is not None or len(words) == 4:
            break
        word = w.group(1)
        low = word.lower()
        if low in _STOP or (words and low.endswith("ed") and "-" not in low) or word[0].isupper() and words:
            break
        if low == "and" and (not words or words[-1].lower().endswith("s")):
            break  # "cast and crew members", but "12 countries and closes ..." ends at "countries"
        words.append(word)
        end = pos + w.start(1) + len(word)
        if not w.group(2) or "\n" in w.group(2):
            break
    while words and words[-1].lower() in ("and", "or"):
        words.pop()
        end = pos + after[pos:end].rfind(" ")
    if not words:
        return None, 0
    return " ".join(words), end
