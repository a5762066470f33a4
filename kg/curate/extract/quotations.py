"""Quotations and who said them.

A quotation is text in double quotes ("…" or “…”) of six words or more, or a shorter one with a
speech verb next to it; shorter quoted text is a title ("Red Silk"). The speaker is read from
the attribution next to it:

- after: '"…," said NAME[, ROLE]', '"…," NAME said', '"…," she said', '"…," he added';
- before: 'NAME said: "…"', 'She told reporters: "…"'.

A pronoun (or "the director", "the actress") is not a name: ``pronoun`` is set and the draft
takes the nearest person named before the quotation, and says so for the curator to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERB = r"(?:said|says|added|adds|noted|notes|explained|explains|stressed|stresses|recalled|recalls|remarked|told\s+(?!that\b)\w+|according\s+to)"
_PRONOUN = r"(?:he|she|they|He|She|They|the\s+(?:director|producer|actress|actor|star|filmmaker|screenwriter|composer)|the\s+[\w-]+\s+(?:director|producer|actress|actor))"
_NAME = r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
_AFTER = re.compile(
    rf"^\s*(?:(?P<verb>{_VERB})\s+(?P<who>{_PRONOUN}|{_NAME})|(?P<who2>{_PRONOUN}|{_NAME})(?:,\s+\d{{1,3}},)?\s+(?P<verb2>{_VERB}))"
    r"(?P<role>,\s+[^.;\"“”\n]+)?(?P<stop>[.;])?"
)
_BEFORE = re.compile(rf"(?P<who>{_PRONOUN}|{_NAME})\s+(?P<verb>{_VERB})\s*[:,]\s*$")
_QUOTED = re.compile(r"\"(?P<a>[^\"\n]+)\"|“(?P<b>[^”\n]+)”")


@dataclass
class QuotationMention:
    """A quotation: the words inside the marks, the attribution, and the speaker as written."""

    begin: int  # the quoted words, without the marks
    end: int
    text: str
    span_begin: int  # the quotation with its attribution
    span_end: int
    speaker: tuple[int, int] | None = None
    pronoun: bool = False
    attribution: tuple[int, int] | None = None  # e.g. 'said Vadim Byrkin, Russian producer of the film'
    role: str | None = None  # e.g. 'Russian producer of the film'


def find_quotations(text: str) -> list[QuotationMention]:
    """Every quotation in ``text`` with its speaker, where the attribution names one."""
    found = []
    for m in _QUOTED.finditer(text):
        group = "a" if m.group("a") is not None else "b"
        begin, end = m.start(group), m.end(group)
        inner = m.group(group)
        after = _AFTER.match(text[m.end() :])
        before = _BEFORE.search(text[max(0, m.start() - 80) : m.start()])
        if len(inner.split()) < 6 and not (after or before):
            continue
        q = QuotationMention(begin, end, inner, m.start(), m.end())
        if after:
            who = "who" if after.group("who") else "who2"
            q.speaker = (m.end() + after.start(who), m.end() + after.end(who))
            q.pronoun = bool(re.fullmatch(_PRONOUN, after.group(who)))
            q.attribution = (m.end() + after.start() + (len(after.group()) - len(after.group().lstrip())), m.end() + after.end())
            if after.group("stop"):
                q.attribution = (q.attribution[0], q.attribution[1] - 1)
            if after.group("role"):
                q.role = after.group("role")[1:].strip()
            q.span_end = m.end() + after.end()
        elif before:
            offset = max(0, m.start() - 80)
            q.speaker = (offset + before.start("who"), offset + before.end("who"))
            q.pronoun = bool(re.fullmatch(_PRONOUN, before.group("who")))
            q.attribution = (offset + before.start(), offset + before.end())
            q.span_begin = offset + before.start()
            tail = re.match(r"\s*[.]", text[m.end() :])
            if tail:
                q.span_end = m.end() + tail.end()
        found.append(q)
    return found
