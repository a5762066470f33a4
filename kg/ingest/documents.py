"""Source documents: their exact text, their metadata, and where a quote sits in them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.errors import InputError, Problem
from kg.ingest.dates import PartialDate
from kg.ingest.yamlfile import YMap, load_yaml, read_text

REQUIRED = ("headline", "publisher", "language", "date_published")
OPTIONAL = ("url", "date_published_earliest", "date_published_latest", "date_published_derivation", "encoding_format", "original")
#: Media types of the file a document's text came from (``kg add`` writes ``encoding_format``).
ENCODING_FORMATS = ("text/plain", "text/html", "application/pdf")


@dataclass(frozen=True)
class Span:
    """Characters ``begin`` (inclusive) to ``end`` (exclusive) of a document's text."""

    begin: int
    end: int


@dataclass
class Document:
    """A document kept byte for byte, plus what we know about its publication."""

    id: str
    path: Path
    text: str
    headline: str
    publisher: str
    language: str
    date_published: PartialDate
    url: str | None = None
    date_published_earliest: PartialDate | None = None
    date_published_latest: PartialDate | None = None
    date_published_derivation: str | None = None
    encoding_format: str | None = None  # the original's media type: text/plain, text/html, application/pdf
    original: str | None = None  # file name of the original page or PDF, kept beside the text
    meta_path: Path = field(default=Path())

    def find(self, quote: str, occurrence: int | None = None) -> Span:
        """The span of ``quote``; ValueError saying why when it is absent or ambiguous."""
        starts = [m.start() for m in re.finditer(re.escape(quote), self.text)]
        if not starts:
            raise ValueError(f"the quote is not in {self.path.name}: {quote!r}")
        if occurrence is None:
            if len(starts) > 1:
                lines = ", ".join(str(self.line_at(s)) for s in starts)
                raise ValueError(
                    f"the quote occurs {len(starts)} times in {self.path.name} (lines {lines}): {quote!r}; "
                    "say which with `evidence: {quote: ..., occurrence: N}` or quote more words"
                )
            occurrence = 1
        if not 1 <= occurrence <= len(starts):
            raise ValueError(f"occurrence {occurrence} asked, but the quote occurs {len(starts)} time(s)")
        begin = starts[occurrence - 1]
        return Span(begin, begin + len(quote))

    def line_at(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans: lines split at sentence ends that are not inside a quotation."""
        spans: list[Span] = []
        offset = 0
        for line in self.text.split("\n"):
            start, inside_quote = 0, False
            for i, ch in enumerate(line):
                if ch == '"':
                    inside_quote = not inside_quote
                elif ch in ".!?" and not inside_quote and (i + 1 == len(line) or line[i + 1] == " "):
                    if i + 2 < len(line) and not line[i + 2].isupper() and line[i + 2] != '"':
                        continue  # an abbreviation such as "Sept. 6"
                    spans.append(Span(offset + start, offset + i + 1))
                    start = i + 2
            if line[start:].strip():
                spans.append(Span(offset + start, offset + len(line.rstrip())))
            offset += len(line) + 1
        return spans

    def sentence_of(self, span: Span) -> Span | None:
        """The sentence holding ``span`` whole, if any."""
        return next((s for s in self.sentences if s.begin <= span.begin and span.end <= s.end), None)


def load_documents(folder: Path) -> dict[str, Document]:
    """Every ``NAME.txt`` in ``folder`` with its ``NAME.yaml``; errors name the file to fix."""
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    for text_path in sorted(folder.glob("*.txt")):
        try:
            documents[text_path.stem] = load_document(text_path)
        except InputError as e:
            problems.extend(e.problems)
    for meta_path in sorted(folder.glob("*.yaml")):
        if not meta_path.with_suffix(".txt").exists():
            problems.append(
                Problem(meta_path, None, "metadata without a document", f"add {meta_path.with_suffix('.txt').name} or remove this file")
            )
    if problems:
        raise InputError(problems)
    return documents


def load_document(text_path: Path) -> Document:
    """One document and its metadata; InputError names the file to fix."""
    meta_path = text_path.with_suffix(".yaml")
    text = read_text(text_path)
    if not text.strip():
        raise InputError(Problem(text_path, 1, "the document is empty", "put the article's text in the file, byte for byte"))
    if not meta_path.exists():
        raise InputError(
            Problem(meta_path, None, "the document has no metadata file", f"write {meta_path.name} with {', '.join(REQUIRED)}")
        )
    meta = load_yaml(meta_path)
    if not isinstance(meta, YMap):
        raise InputError(Problem(meta_path, 1, "metadata must be a mapping of keys to values"))
    problems = [Problem(meta_path, meta.line, f"'{key}' is missing", f"add `{key}: ...`") for key in REQUIRED if key not in meta]
    problems += [
        Problem(meta_path, meta.line_of(key), f"unknown key '{key}'", f"use one of: {', '.join(REQUIRED + OPTIONAL)}")
        for key in meta
        if key not in REQUIRED + OPTIONAL
    ]
    if problems:
        raise InputError(problems)
    values: dict[str, object] = {k: meta[k] for k in meta}
    for key in ("date_published", "date_published_earliest", "date_published_latest"):
        if key in values:
            try:
                values[key] = PartialDate.parse(values[key])
            except ValueError as e:
                raise InputError(
                    Problem(meta_path, meta.line_of(key), f"impossible date: {e}", "write YYYY, YYYY-MM or YYYY-MM-DD")
                ) from None
    for key in ("headline", "publisher", "language", "url", "date_published_derivation", "encoding_format", "original"):
        if key in values and not isinstance(values[key], str):
            raise InputError(Problem(meta_path, meta.line_of(key), f"'{key}' must be text"))
    if "encoding_format" in values and values["encoding_format"] not in ENCODING_FORMATS:
        raise InputError(
            Problem(
                meta_path,
                meta.line_of("encoding_format"),
                f"unknown encoding_format '{values['encoding_format']}'",
                f"use one of: {', '.join(ENCODING_FORMATS)}",
            )
        )
    if "original" in values:
        original = str(values["original"])
        if Path(original).name != original or not (text_path.parent / original).is_file():
            raise InputError(
                Problem(
                    meta_path,
                    meta.line_of("original"),
                    f"the original '{original}' is not a file beside {text_path.name}",
                    f"put the original page or PDF in {text_path.parent}, or remove the `original:` line",
                )
            )
    return Document(id=text_path.stem, path=text_path, text=text, meta_path=meta_path, **values)
