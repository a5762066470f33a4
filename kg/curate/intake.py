"""``kg add``: register a new document, byte for byte, with its metadata and an empty fact sheet.

Three files appear together or not at all:

- ``DATA/documents/NAME.txt``: the text exactly as given (the bytes are copied, not re-encoded);
- ``DATA/documents/NAME.yaml``: headline, publisher, language, date published (at the precision
  given), URL;
- ``DATA/facts/NAME.yaml``: the fact sheet scaffold (``document: NAME`` and empty lists, with
  comments saying what goes where), ready for ``kg draft`` and the curator.

Every check runs before anything is written; the files are written to temporary names in their
folders and renamed into place, so a failure leaves nothing behind and nothing is overwritten.
"""

from __future__ import annotations

import os
import re
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.errors import InputError, Problem
from kg.ingest.dates import PartialDate
from kg.ingest.factsheets import ID, LANG
from kg.project import data_folder


@dataclass
class Added:
    """What ``kg add`` wrote."""

    name: str
    text: Path
    metadata: Path
    sheet: Path
    characters: int


def document_name(source: Path, name: str | None = None) -> str:
    """The document's NAME: ``--name`` as given, or the file name made into lower-case words."""
    if name is not None:
        if not ID.match(name):
            raise InputError(Problem("--name", None, f"'{name}' is not a document name", "use lower-case words joined by hyphens"))
        return name
    slug = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-")
    if not slug:
        raise InputError(Problem(source, None, "cannot make a document name from this file name", "give one with --name"))
    return slug


def add_document(
    source: Path | str,
    *,
    headline: str,
    published: str,
    url: str | None = None,
    publisher: str | None = None,
    language: str = "en",
    name: str | None = None,
    data: Path | str | None = None,
) -> Added:
    """Copy ``source`` into ``data/documents/NAME.txt`` and write its metadata and fact sheet.

    Raises InputError (nothing written) for a missing, empty or non-UTF-8 file, a date that is
    not YYYY, YYYY-MM or YYYY-MM-DD, an unusable name, or a document that already exists.
    """
    source, data = Path(source), data_folder(data)
    raw = _read_source(source)
    doc_name = document_name(source, name)
    date = _parse_published(published)
    headline = " ".join((headline or "").split())
    if not headline:
        raise InputError(Problem("--headline", None, "the headline is empty", "give the article's headline"))
    if not LANG.match(language or ""):
        raise InputError(Problem("--language", None, f"'{language}' is not a language code", "use e.g. en, zh, ru"))
    if url is not None and not url.startswith(("http://", "https://")):
        raise InputError(Problem("--url", None, f"'{url}' is not a web address", "write it in full, starting with https://"))
    guessed = publisher is None
    publisher = _publisher(publisher, url)
    if not data.is_dir():
        raise InputError(Problem(data, None, "no data folder here", "run from the project folder, or pass --data"))
    targets = {
        "text": data / "documents" / f"{doc_name}.txt",
        "metadata": data / "documents" / f"{doc_name}.yaml",
        "sheet": data / "facts" / f"{doc_name}.yaml",
    }
    existing = [p for p in targets.values() if p.exists()]
    if existing:
        raise InputError(
            Problem(
                existing[0],
                None,
                f"a document named '{doc_name}' is already registered; kg add never overwrites",
                "pick another name with --name, or delete the old files first if you mean to replace them",
            )
        )
    contents = {
        "text": raw,
        "metadata": _metadata(source, headline, publisher, url, language, date, guessed).encode("utf-8"),
        "sheet": _scaffold(doc_name, headline).encode("utf-8"),
    }
    _write_all({targets[k]: contents[k] for k in targets})
    return Added(doc_name, targets["text"], targets["metadata"], targets["sheet"], len(raw.decode("utf-8")))


def _read_source(source: Path) -> bytes:
    if not source.exists():
        raise InputError(Problem(source, None, "no such file", "give the path of the article's text (a UTF-8 .txt file)"))
    if not source.is_file():
        raise InputError(Problem(source, None, "not a file", "give the path of the article's text (a UTF-8 .txt file)"))
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(
            Problem(source, line, f"byte 0x{raw[e.start]:02x} is not valid UTF-8", "save the text as UTF-8 and add it again")
        ) from None
    if not text.strip():
        raise InputError(Problem(source, 1, "the document is empty", "put the article's text in the file, byte for byte"))
    return raw


def _parse_published(published: str) -> PartialDate:
    try:
        return PartialDate.parse((published or "").strip())
    except ValueError as e:
        raise InputError(
            Problem(
                "--published",
                None,
                f"unknown date format: {e}",
                "write only what you know: YYYY (2025), YYYY-MM (2025-08) or YYYY-MM-DD (2025-08-24)",
            )
        ) from None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _publisher(publisher: str | None, url: str | None) -> str:
    if publisher is not None:
        publisher = " ".join(publisher.split())
        if not publisher:
            raise InputError(Problem("--publisher", None, "the publisher is empty", "give who published the article"))
        return publisher
    host = _host(url)
    if host is None:
        raise InputError(
            Problem("--publisher", None, "the metadata needs a publisher", "give --publisher NAME (or --url, whose site name is then used)")
        )
    return host


def _metadata(source: Path, headline: str, publisher: str, url: str | None, language: str, date: PartialDate, guessed: bool) -> str:
    def scalar(value: str) -> str:
        return yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True).removesuffix("\n...\n").strip()

    lines = [f"# Metadata of {source.name} as registered by `kg add` (the text is kept byte for byte)."]
    lines.append(f"headline: {scalar(headline)}")
    if guessed:
        lines.append("# the site's name, taken from the URL: replace it with the publisher's name if you know it")
    lines.append(f"publisher: {scalar(publisher)}")
    if url:
        lines.append(f"url: {scalar(url)}")
    lines.append(f"language: {language}")
    lines.append(f"date_published: {date}    # only the precision you know: YYYY, YYYY-MM or YYYY-MM-DD")
    lines += [
        "# If the exact day is not known, you may add bounds and say how you worked them out:",
        "# date_published_earliest: YYYY-MM-DD",
        "# date_published_latest: YYYY-MM-DD",
        "# date_published_derivation: >",
        "#   ...",
    ]
    return "\n".join(lines) + "\n"


def _scaffold(name: str, headline: str) -> str:
    return f"""\
# Every fact stated in data/documents/{name}.txt, each with the words that state it.
# {headline}
#
# Start from a draft: `kg draft {name}` writes data/drafts/{name}.yaml. Review it, then copy the
# entities and statements you accept into this file, keeping their `evidence:` quotes, and run
# `kg build`. docs/factsheets.md describes the format; docs/curation.md walks through it.
document: {name}

# New entities this document names (an entity already in the graph is referred to by its id,
# never declared again): id, type, name, aliases, and the evidence that names it.
entities: []

# What the document says: subject, property (`kg properties`), one value, and evidence.
statements: []
"""


def _write_all(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then rename them all; undo on failure."""
    temps: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps[target] = Path(tmp)
            with os.fdopen(fd, "wb") as f:
                f.write(content)
        for target, tmp in temps.items():
            if target.exists():  # appeared since the check
                raise InputError(Problem(target, None, "the file appeared while kg add was running; nothing was added"))
            os.replace(tmp, target)
            done.append(target)
    except BaseException:
        for target in done:
            target.unlink(missing_ok=True)
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
