"""Which language a document is in, read from its text.

kg drafts facts from English, Russian and Chinese (the SCO's working languages and the curators'
reading languages), so ``kg add`` needs the language of every document, and a page's own
declaration is often a site-wide template value. py3langid (a maintained fork of langid.py, by
trafilatura's author) ships its model in the wheel (4.6 MB, works offline), is deterministic
(langdetect is random unless seeded) and knows 140 languages, so a Kazakh or Ukrainian article is
recognised as such rather than forced into en, ru or zh.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

#: The languages kg drafts from.
SUPPORTED = ("en", "ru", "zh")
#: Written Chinese is shared across varieties; the model's Wu and Cantonese labels take some of
#: the probability of a Mandarin text, so they count for ``zh``.
_CHINESE = {"zh", "wuu", "yue"}
#: At or above this the text's language wins over what a page declares.
CONFIDENT = 0.9
#: Below this nothing is concluded from the text alone.
LIKELY = 0.5


@dataclass(frozen=True)
class Guess:
    """The most likely language of a text and the model's probability for it (0 to 1)."""

    language: str
    probability: float

    def __str__(self) -> str:
        return f"{self.language} ({self.probability:.0%})"


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> Guess:
    """The language of ``text``: the model's best label, with Chinese varieties folded into ``zh``."""
    scores: dict[str, float] = {}
    for label, probability in _identifier().rank(text):
        code = "zh" if label in _CHINESE else label
        scores[code] = scores.get(code, 0.0) + float(probability)
    best = max(scores, key=scores.__getitem__)
    return Guess(best, scores[best])
