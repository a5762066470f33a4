"""The reader for a document's language: English here, Russian and Chinese in their own modules.

:mod:`kg.curate.extract.russian` and :mod:`kg.curate.extract.chinese` import the English
machinery of :mod:`kg.curate.extract.dates` (the resolution against the publication date); this
module sits above all three, so none of them imports another in a circle, and the Russian and
Chinese modules (with their NLP libraries) are imported only for a document in that language.
"""

from __future__ import annotations

from kg.curate.extract import dates
from kg.curate.extract.dates import DateMention
from kg.ingest.dates import PartialDate


def find_dates(
    text: str,
    published: PartialDate,
    earliest: PartialDate | None = None,
    latest: PartialDate | None = None,
    sentences: list[tuple[int, int]] | None = None,
    language: str = "en",
) -> list[DateMention]:
    """Every date expression of a text in ``language`` ("en", "ru", "zh"), resolved against the publication date."""
    if language == "ru":
        from kg.curate.extract.russian import find_dates_ru

        return find_dates_ru(text, published, earliest, latest, sentences)
    if language == "zh":
        from kg.curate.extract.chinese import find_dates_zh

        return find_dates_zh(text, published, earliest, latest, sentences)
    return dates.find_dates(text, published, earliest, latest, sentences)
