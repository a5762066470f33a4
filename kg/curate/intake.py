"""``kg add``: register a new document (a text, a saved web page or a PDF) with its metadata and an
empty fact sheet; or every such file in a folder, all or nothing.

For each document these files appear together or not at all:

- ``DATA/documents/NAME.txt``: the document's text, which evidence offsets point into. A .txt is
  copied byte for byte (not re-encoded); for a page or a PDF it is the article's text as extracted
  once by :mod:`kg.curate.pages`, and never extracted again;
- ``DATA/documents/NAME.html`` or ``NAME.pdf``: the original page or PDF, kept as it was;
- ``DATA/documents/NAME.yaml``: headline, publisher, language, date published (at the precision
  known), URL, the original's media type (``encoding_format``) and file name (``original``), each
  value taken from the command's options, else from the file's own metadata, with a comment
  saying where it came from;
- ``DATA/facts/NAME.yaml``: the fact sheet scaffold (``document: NAME`` and empty lists, with
  comments saying what goes where), ready for ``kg draft`` and the curator.

Every check runs before anything is written (for a folder: every check of every file, and every
problem is reported); the files are written to temporary names in their folders and renamed into
place, so a failure leaves nothing behind and nothing is overwritten.
"""

from __future__ import annotations

import os
import re
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.curate import language as languages
from kg.curate.pages import KEPT_SUFFIX, PLAIN, WHAT, Extracted, extract
from kg.errors import InputError, Problem
from kg.ingest.dates import PartialDate
from kg.ingest.factsheets import ID, LANG
from kg.project import data_folder


@dataclass
class Added:
    """What ``kg add`` wrote for one document; ``notes`` say what was read from the file itself."""

    name: str
    text: Path
    metadata: Path
    sheet: Path
    characters: int
    original: Path | None = None
    encoding_format: str = PLAIN
    notes: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    """One document, read and checked, not yet placed under a data folder."""

    name: str
    page: Extracted
    metadata: str
    sheet: str
    notes: list[str]

    def place(self, data: Path) -> tuple[Added, dict[Path, bytes]]:
        """What it will write under ``data``, and where."""
        documents = data / "documents"
        added = Added(
            self.name,
            documents / f"{self.name}.txt",
            documents / f"{self.name}.yaml",
            data / "facts" / f"{self.name}.yaml",
            len(self.page.text),
            documents / f"{self.name}{self.page.kept_suffix}" if self.page.original is not None else None,
            self.page.encoding_format,
            self.notes,
        )
        files = {added.text: self.page.data, added.metadata: self.metadata.encode("utf-8"), added.sheet: self.sheet.encode("utf-8")}
        if added.original is not None and self.page.original is not None:
            files[added.original] = self.page.original
        return added, files


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


def add(
    path: Path | str,
    *,
    headline: str | None = None,
    published: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    name: str | None = None,
    data: Path | str | None = None,
) -> list[Added]:
    """``kg add PATH``: one file (:func:`add_document`) or a folder of them (:func:`add_folder`)."""
    path = Path(path)
    if path.is_dir():
        given = [flag for flag, value in (("--headline", headline), ("--url", url), ("--name", name)) if value is not None]
        if given:
            raise InputError(
                Problem(
                    given[0],
                    None,
                    f"{' and '.join(given)} {'describes' if len(given) == 1 else 'describe'} one article, and {path} is a folder of articles",
                    "add that file on its own (kg add FILE --headline ...), or leave the option out so each file's own metadata is used",
                )
            )
        return add_folder(path, published=published, publisher=publisher, language=language, data=data)
    return [
        add_document(path, headline=headline, published=published, url=url, publisher=publisher, language=language, name=name, data=data)
    ]


def add_document(
    source: Path | str,
    *,
    headline: str | None = None,
    published: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    name: str | None = None,
    data: Path | str | None = None,
) -> Added:
    """Register one .txt, .html/.htm or .pdf file as document NAME.

    Options override what the file's metadata says; the headline, the publication date and a
    publisher (or a URL naming the site) are needed from one or the other; the language is
    detected in the text when neither gives it. Raises InputError (nothing written) for a
    missing, empty, undecodable, encrypted or text-less file, an unsupported suffix, missing or
    malformed metadata, an unusable name, or a document that already exists.
    """
    plan = _plan(Path(source), headline=headline, published=published, url=url, publisher=publisher, language=language, name=name)
    ((added, files),) = _place([plan], data_folder(data))
    _write_all(files)
    return added


def add_folder(
    folder: Path | str,
    *,
    published: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    data: Path | str | None = None,
) -> list[Added]:
    """Register every .txt, .html, .htm and .pdf file in ``folder`` (not its sub-folders), all or nothing.

    ``published`` and ``publisher`` fill in what a file's own metadata lacks (a PDF gives no date,
    a page may name no site): one value cannot be every article's date, and a page's own is kept.
    ``language`` applies to every file. If any file fails, nothing is written and every problem
    of every file is reported.
    """
    folder = Path(folder)
    files = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file())
    skipped = sorted(p.name + "/" for p in folder.iterdir() if not p.name.startswith(".") and p.is_dir())
    if not files:
        raise InputError(Problem(folder, None, "the folder holds no files to add", f"put {WHAT} in it"))
    if published is not None:  # checked once here, not once per file
        _parse_published(published)
    if language is not None and not LANG.match(language):
        raise InputError(Problem("--language", None, f"'{language}' is not a language code", "use e.g. en, zh, ru"))
    if publisher is not None and not publisher.strip():
        raise InputError(Problem("--publisher", None, "the publisher is empty", "give who published the articles"))
    plans: list[_Plan] = []
    problems: list[Problem] = []
    names: dict[str, Path] = {}
    for source in files:
        try:
            plan = _plan(source, published=published, publisher=publisher, language=language, fill_in=True)
        except InputError as e:
            problems += e.problems
            continue
        if plan.name in names:
            problems.append(
                Problem(source, None, f"makes the same document name '{plan.name}' as {names[plan.name].name}", "rename one of them")
            )
            continue
        names[plan.name] = source
        plans.append(plan)
    if problems:
        raise InputError(problems)
    placed = _place(plans, data_folder(data))
    if skipped:
        placed[0][0].notes.append(f"not searched: the sub-folder(s) {', '.join(skipped)} of {folder}")
    _write_all({target: content for _, files in placed for target, content in files.items()})
    return [added for added, _ in placed]


def _plan(
    source: Path,
    *,
    headline: str | None = None,
    published: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    name: str | None = None,
    fill_in: bool = False,
) -> _Plan:
    """Read and check one file and its metadata; nothing is written. Collects every missing value."""
    page = extract(source)
    doc_name = document_name(source, name)
    meta = page.meta
    found: dict[str, str] = {}
    problems: list[Problem] = []
    # in a folder, --headline names no single file, and --published / --publisher fill in for all that lack them
    alone = f"add this file on its own: kg add {source} " if fill_in else "give "

    if headline is not None:
        headline, found["headline"] = " ".join(headline.split()), "--headline"
        if not headline:
            raise InputError(Problem("--headline", None, "the headline is empty", "give the article's headline"))
    elif meta.headline:
        headline, found["headline"] = meta.headline, meta.found["headline"]
    else:
        problems.append(Problem(source, None, f"no headline: {_lacks(page)} none", f'{alone}--headline "..."'))

    date: PartialDate | None = None
    if published is not None and not (fill_in and meta.published):
        date, found["published"] = _parse_published(published), "--published"
    elif meta.published:
        try:
            date, found["published"] = PartialDate.parse(meta.published), meta.found["published"]
        except ValueError as e:
            problems.append(
                Problem(source, None, f"{meta.found['published']} is not a usable date: {e}", f"{alone}--published YYYY[-MM[-DD]]")
            )
    else:
        problems.append(
            Problem(
                source,
                None,
                f"no publication date: {_lacks(page)} none",
                ("give the folder --published (the files without a date take it), or " if fill_in else "give ")
                + "--published, only as precise as you know: YYYY, YYYY-MM or YYYY-MM-DD",
            )
        )

    if url is not None:
        if not url.startswith(("http://", "https://")):
            raise InputError(Problem("--url", None, f"'{url}' is not a web address", "write it in full, starting with https://"))
        found["url"] = "--url"
    elif meta.url:
        url, found["url"] = meta.url, meta.found["url"]

    guessed = False
    if publisher is not None and not (fill_in and meta.publisher):
        publisher = " ".join(publisher.split())
        if not publisher:
            raise InputError(Problem("--publisher", None, "the publisher is empty", "give who published the article"))
        found["publisher"] = "--publisher"
    elif meta.publisher:
        publisher, found["publisher"] = meta.publisher, meta.found["publisher"]
    elif host := _host(url):
        publisher, guessed, found["publisher"] = host, True, "the site named by the URL"
    else:
        problems.append(
            Problem(
                source,
                None,
                "the metadata needs a publisher" + ("" if page.encoding_format == PLAIN else f": {_lacks(page)} no site name and no URL"),
                "give the folder --publisher NAME (the files that name none take it)"
                if fill_in
                else "give --publisher NAME (or --url, whose site name is then used)",
            )
        )

    notes: list[str] = []
    try:
        lang, found["language"], notes = _language(page, language)
    except InputError as e:
        problems += e.problems
    if problems:
        raise InputError(problems)
    assert headline is not None and date is not None and publisher is not None
    values = {"headline": headline, "published": str(date), "url": url, "publisher": publisher, "language": lang}
    notes = [f"{key}: {values[key]}  [from {where}]" for key, where in found.items() if not where.startswith("--")] + notes
    metadata = _metadata(page, doc_name, headline, publisher, url, lang, date, guessed, found)
    return _Plan(doc_name, page, metadata, _scaffold(doc_name, headline), notes)


def _place(plans: list[_Plan], data: Path) -> list[tuple[Added, dict[Path, bytes]]]:
    """Every plan at its place under ``data``; an error for every file that already exists."""
    if not data.is_dir():
        raise InputError(Problem(data, None, "no data folder here", "run from the project folder, or pass --data"))
    placed = [plan.place(data) for plan in plans]
    existing = [(added.name, path) for added, files in placed for path in files if path.exists()]
    if existing:
        raise InputError(
            [
                Problem(
                    path,
                    None,
                    f"a document named '{name}' is already registered; kg add never overwrites",
                    "pick another name with --name (or rename the file), or delete the old files first if you mean to replace them",
                )
                for name, path in existing
            ]
        )
    return placed


def _lacks(page: Extracted) -> str:
    return {PLAIN: "a .txt file carries", "text/html": "the page's metadata gives", "application/pdf": "the PDF's metadata gives"}[
        page.encoding_format
    ]


def _language(page: Extracted, given: str | None) -> tuple[str, str, list[str]]:
    """The document's language, where it was found, and notes for the curator.

    ``--language`` wins. Otherwise the text is read: when the model is confident, the text's
    language wins over a page's declaration (which is often a site-wide template value); when it
    is not, the page's declaration is taken, then a likely guess. Only en, ru and zh are taken
    without ``--language``; a text in another language is an error saying so.
    """
    path = page.path
    if given is not None:
        if not LANG.match(given):
            raise InputError(Problem("--language", None, f"'{given}' is not a language code", "use e.g. en, zh, ru"))
        notes = [] if given in languages.SUPPORTED else [f"language {given}: kg draft proposes facts from en, ru and zh texts only"]
        return given, "--language", notes
    guess = languages.detect(page.text)
    declared, where = page.meta.language, page.meta.found.get("language", "")
    supported = ", ".join(languages.SUPPORTED)
    other = Problem(
        path,
        None,
        f"the text reads as language '{guess.language}' ({guess.probability:.0%} sure), not one of {supported}",
        f"kg drafts facts from {supported}; if the text is in one of them, or to register it anyway, give --language CODE",
    )
    detected = f"the text: detected, {guess.probability:.0%} sure"
    if declared == guess.language and declared in languages.SUPPORTED and guess.probability >= languages.LIKELY:
        return declared, f"{where}; the text agrees, {guess.probability:.0%} sure", []
    if guess.probability >= languages.CONFIDENT:
        if guess.language not in languages.SUPPORTED:
            raise InputError(other)
        if declared and declared != guess.language:
            note = f"{where} says '{declared}'"
            return guess.language, f"{detected}; {note}", []
        return guess.language, detected, []
    if declared:
        if declared not in languages.SUPPORTED:
            raise InputError(
                Problem(
                    path,
                    None,
                    f"{where} says the language is '{declared}', not one of {supported}",
                    f"kg drafts facts from {supported}; if the text is in one of them, or to register it anyway, give --language CODE",
                )
            )
        return declared, where, []
    if guess.probability >= languages.LIKELY:
        if guess.language not in languages.SUPPORTED:
            raise InputError(other)
        return guess.language, detected, [f"language {guess.language} is a guess from a short or mixed text ({guess}): check it"]
    raise InputError(
        Problem(path, None, f"cannot tell the language of the text (best guess: {guess})", "give it with --language en, ru or zh")
    )


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


def _metadata(
    page: Extracted,
    name: str,
    headline: str,
    publisher: str,
    url: str | None,
    language: str,
    date: PartialDate,
    guessed: bool,
    found: dict[str, str],
) -> str:
    def scalar(value: str) -> str:
        return yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True).removesuffix("\n...\n").strip()

    def origin(key: str) -> str:
        where = found.get(key, "")
        return "" if not where or where.startswith("--") else f"    # from {where}"

    kept = KEPT_SUFFIX.get(page.encoding_format)
    if kept is None:
        lines = [f"# Metadata of {page.path.name} as registered by `kg add` (the text is kept byte for byte)."]
    else:
        lines = [
            f"# Metadata of {page.path.name} as registered by `kg add`: {name}.txt is the article's text as extracted",
            f"# from it (kept byte for byte; evidence offsets point into it), {name}{kept} the original file.",
        ]
    lines.append(f"headline: {scalar(headline)}{origin('headline')}")
    if guessed:
        lines.append("# the site's name, taken from the URL: replace it with the publisher's name if you know it")
    lines.append(f"publisher: {scalar(publisher)}{origin('publisher')}")
    if url:
        lines.append(f"url: {scalar(url)}{origin('url')}")
    lines.append(f"language: {language}{origin('language')}")
    lines.append(
        f"date_published: {date}    # {'from ' + found['published'] + '; ' if not found['published'].startswith('--') else ''}only the precision you know: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    lines += [
        "# If the exact day is not known, you may add bounds and say how you worked them out:",
        "# date_published_earliest: YYYY-MM-DD",
        "# date_published_latest: YYYY-MM-DD",
        "# date_published_derivation: >",
        "#   ...",
        f"encoding_format: {page.encoding_format}    # the media type of the original",
    ]
    if kept is not None:
        lines.append(f"original: {name}{kept}")
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
