"""The article inside what a curator saved: a web page (.html, .htm) or a PDF, as text plus metadata.

``kg add`` keeps a document's text byte for byte because evidence offsets point into it. For a
page or a PDF that text is made once, here, and never again: the extracted text becomes the
document (``NAME.txt``) and the original file is kept beside it.

- Web pages: the main text comes from trafilatura (it drops menus, share buttons, "most read"
  lists, cookie banners and footers, and is maintained against how news sites are really built);
  headline, site name and canonical URL come from trafilatura's metadata reader. The publication
  date and the language are read here, from the page's explicit markup only (JSON-LD
  ``datePublished``, ``article:published_time``, ``<html lang>`` ...), at the precision written:
  trafilatura's date finder (htmldate) also guesses from footers and modification dates and
  fills in a day the page never gave, which a graph that keeps "only the precision the document
  gives" cannot take.
- PDFs: pdfminer.six lays each page out into text boxes (one per paragraph), so a paragraph can
  be put back on one line (a line break inside a paragraph is only where the page ran out of
  width); it ships the CMaps that Chinese and Cyrillic PDFs need and reads encrypted files.

Everything that goes wrong is an :class:`~kg.errors.InputError` naming the file and what to do.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, Problem

#: Media types of the originals kg add accepts (schema:encodingFormat of the document).
PLAIN, HTML, PDF = "text/plain", "text/html", "application/pdf"
SUFFIXES = {".txt": PLAIN, ".html": HTML, ".htm": HTML, ".pdf": PDF}
#: Where the original is kept beside NAME.txt (.htm is kept as .html, so one pattern finds them all).
KEPT_SUFFIX = {HTML: ".html", PDF: ".pdf"}

#: trafilatura's settings for the main text: no reader comments (not the article), tables kept
#: (box-office figures are often in one), no deduplication (it depends on what was seen before, and
#: the text must depend on the page alone).
HTML_OPTIONS: dict[str, Any] = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": False,
}

WHAT = "the article: a .txt file (UTF-8), a web page saved from the browser (.html, .htm) or a PDF, or a folder of them"


@dataclass
class PageMeta:
    """What the file itself says about the article; ``found`` says where each value was read."""

    headline: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    found: dict[str, str] = field(default_factory=dict)


@dataclass
class Extracted:
    """A source file turned into the document's text (``data`` is what NAME.txt holds)."""

    path: Path
    text: str
    data: bytes
    encoding_format: str
    original: bytes | None  # the file to keep beside the text (pages and PDFs)
    meta: PageMeta

    @property
    def kept_suffix(self) -> str | None:
        return KEPT_SUFFIX.get(self.encoding_format)


def extract(path: Path) -> Extracted:
    """Read ``path`` (.txt, .html, .htm, .pdf) into the document text and the file's own metadata."""
    if not path.exists():
        raise InputError(Problem(path, None, "no such file", f"give the path of {WHAT}"))
    if not path.is_file():
        raise InputError(Problem(path, None, "not a file", f"give the path of {WHAT}"))
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            Problem(
                path,
                None,
                f"kg add reads .txt, .html, .htm and .pdf files, not '{path.suffix or '(no suffix)'}'",
                "save the article from the browser as a web page (.html) or PDF, or its text as a UTF-8 .txt file",
            )
        )
    raw = path.read_bytes()
    if kind == PLAIN:
        return _plain(path, raw)
    if kind == HTML:
        return _page(path, raw)
    return _pdf(path, raw)


# -- plain text ---------------------------------------------------------------------------------


def _plain(path: Path, raw: bytes) -> Extracted:
    """A .txt is the document as it is: its bytes are copied, never re-encoded."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(
            Problem(path, line, f"byte 0x{raw[e.start]:02x} is not valid UTF-8", "save the text as UTF-8 and add it again")
        ) from None
    if not text.strip():
        raise InputError(Problem(path, 1, "the document is empty", "put the article's text in the file, byte for byte"))
    return Extracted(path, text, raw, PLAIN, None, PageMeta())


# -- web pages ----------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([^\s"';>/]+)""", re.IGNORECASE)
#: Labels browsers read differently from Python's codec of the same name (WHATWG Encoding Standard):
#: a page that says latin-1 or ASCII is decoded as windows-1252, GB2312 as its superset GB18030, and
#: a UTF-16 label inside an ASCII-compatible file as UTF-8.
_AS_BROWSERS_DO = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def decode_page(path: Path, raw: bytes) -> str:
    """The page's characters, decoded as its byte-order mark or ``<meta charset>`` says, else UTF-8.

    No guessing: a page whose bytes do not fit its declared (or the default) encoding is an
    error, because a wrong guess would silently put mojibake into a document kept for ever.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode(path, raw, encoding, f"the byte-order mark says {encoding.removesuffix('-sig').upper()}")
    head = raw[: raw.lower().find(b"</head>") if b"</head>" in raw.lower() else 65536]
    declared = _CHARSET.search(head)
    if declared is None:
        return _decode(path, raw, "utf-8", None)
    label = declared.group(1).decode("ascii", "replace").strip().lower()
    line = raw[: declared.start()].count(b"\n") + 1
    encoding = _AS_BROWSERS_DO.get(label, label)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            Problem(
                path,
                line,
                f"the page declares the character encoding '{label}', which is unknown",
                "save the page again from the browser, or convert the file to UTF-8 and correct its <meta charset>",
            )
        ) from None
    return _decode(path, raw, encoding, f"the page declares {label}")


def _decode(path: Path, raw: bytes, encoding: str, why: str | None) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        name = "UTF-8" if encoding == "utf-8" else encoding
        if why is None:
            what, fix = (
                f"byte 0x{raw[e.start]:02x} is not valid UTF-8, and the page declares no other character encoding",
                "save the page again from the browser (it keeps or declares the encoding), or add <meta charset=...> naming it",
            )
        else:
            what, fix = (
                f"byte 0x{raw[e.start]:02x} is not valid {name} ({why})",
                "the file was changed or saved in another encoding than it declares: save the page again from the browser",
            )
        raise InputError(Problem(path, line, what, fix)) from None


def _page(path: Path, raw: bytes) -> Extracted:
    import trafilatura

    markup = decode_page(path, raw)
    text = page_text(markup)
    if not text or not text.strip() or (len(text) < _SURE_LENGTH and not page_text(markup, favor_precision=True)):
        found = f" (only {' / '.join(text.split(chr(10)))[:80]!r})" if text and text.strip() else ""
        raise InputError(
            Problem(
                path,
                None,
                f"no article text found in the page{found}",
                "open the article itself in the browser and save that page, or copy the article's text into a .txt file",
            )
        )
    meta = PageMeta()
    tree = _tree(markup)
    info = trafilatura.extract_metadata(markup, extensive=False)
    if info.title and info.title.strip():
        meta.headline, meta.found["headline"] = " ".join(info.title.split()), "the page's title"
    if info.url and info.url.startswith(("http://", "https://")):
        meta.url, meta.found["url"] = info.url, "the page's canonical URL"
    if info.sitename and info.sitename.strip() and not _is_host_of(info.sitename, meta.url):
        meta.publisher, meta.found["publisher"] = (
            " ".join(info.sitename.split()),
            "the page's site name",
        )
    if tree is not None:
        ld = list(_json_ld(tree))
        if meta.url is None:
            for node in filter(_is_article, ld):
                address = node.get("url") or node.get("mainEntityOfPage")
                address = address.get("@id") if isinstance(address, dict) else address
                if isinstance(address, str) and address.startswith(("http://", "https://")):
                    meta.url, meta.found["url"] = address, "the page's JSON-LD url"
                    break
        date = _page_date(tree, ld)
        if date is not None:
            value, where = date
            meta.published, meta.found["published"] = value, f"the page's {where}"
        lang = _page_language(tree, ld)
        if lang is not None:
            meta.language, meta.found["language"] = lang[0], f"the page's {lang[1]}"
    return Extracted(path, text, text.encode("utf-8"), HTML, raw, meta)


#: trafilatura's balanced mode (the text) falls back to other extractors and can return a cookie
#: banner from a page that holds no article; its precision mode returns nothing then. A short text
#: that the precision mode does not confirm is taken for "no article" (a real article found only
#: by the fallbacks is long).
_SURE_LENGTH = 500


def page_text(markup: str, favor_precision: bool = False) -> str | None:
    """The main text of a decoded page, exactly as trafilatura gives it (this becomes NAME.txt)."""
    import trafilatura

    with _quiet("trafilatura", "htmldate", "courlan"):
        return trafilatura.extract(markup, **HTML_OPTIONS, favor_precision=favor_precision)


def _tree(markup: str):
    import lxml.html
    from lxml.etree import ParserError

    try:  # lxml refuses str input that carries an XML encoding declaration (XHTML pages)
        return lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", markup))
    except (ParserError, ValueError):
        return None


def _is_host_of(name: str, url: str | None) -> bool:
    """trafilatura names the site after the URL's host when the page gives no name: that is a guess."""
    import urllib.parse

    host = (urllib.parse.urlsplit(url).hostname or "") if url else ""
    return bool(host) and name.strip().lower().removeprefix("www.") == host.lower().removeprefix("www.")


def _json_ld(tree) -> Iterator[dict]:
    """Every JSON-LD node of the page (inside @graph and lists too); broken JSON is skipped."""

    def walk(node: Any) -> Iterator[dict]:
        if isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            yield node
            yield from walk(node.get("@graph", []))

    for script in tree.xpath('//script[translate(@type, "LDJSONAPLICT+", "ldjsonaplict+")="application/ld+json"]'):
        try:
            yield from walk(json.loads(script.text_content() or "null"))
        except ValueError:
            continue


def _types(node: dict) -> list[str]:
    kind = node.get("@type", [])
    return [str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in (kind if isinstance(kind, list) else [kind])]


def _is_article(node: dict) -> bool:
    return any(t.endswith("Article") or t in ("BlogPosting", "LiveBlogPosting", "Report", "SocialMediaPosting") for t in _types(node))


_DATE_VALUE = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?=$|[T\s])")
#: ``<meta>`` names and properties that state the publication date (not the modification date).
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)


def _as_date(value: object) -> str | None:
    """``2025-10-14T09:30:00+05:00`` -> ``2025-10-14``: the date as written, at its precision, in the
    publisher's own time zone (a converted zone would move late-evening articles to the next day)."""
    m = _DATE_VALUE.match(str(value)) if isinstance(value, str) else None
    if not m:
        return None
    year, month, day = m.groups()
    return "-".join([year] + [f"{int(p):02d}" for p in (month, day) if p])


def _page_date(tree, ld: list[dict]) -> tuple[str, str] | None:
    """The publication date the page's markup states, and where; None when it states none."""
    for nodes, where in (([n for n in ld if _is_article(n)], "JSON-LD datePublished"), (ld, "JSON-LD datePublished")):
        for node in nodes:
            date = _as_date(node.get("datePublished"))
            if date:
                return date, where
    metas: dict[str, tuple[str, str]] = {}
    for meta in tree.xpath("//meta[@content]"):
        for attribute in ("property", "name", "itemprop"):
            if meta.get(attribute):
                metas.setdefault(
                    meta.get(attribute).strip().lower(), (f'<meta {attribute}="{meta.get(attribute).strip()}">', meta.get("content"))
                )
    for key in _DATE_META:
        where, value = metas.get(key, ("", None))
        date = _as_date(value)
        if date:
            return date, where
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        date = _as_date(element.get("datetime") or element.get("content"))
        if date:
            return date, 'itemprop="datePublished"'
    return None


def language_code(value: object) -> str | None:
    """``en-GB``, ``ru_RU``, ``zh-Hans-CN`` -> ``en``, ``ru``, ``zh``; None when it is not a language tag."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value) if isinstance(value, str) else None
    return m.group(1).lower() if m else None


def _page_language(tree, ld: list[dict]) -> tuple[str, str] | None:
    for node in [n for n in ld if _is_article(n)]:
        if code := language_code(node.get("inLanguage")):
            return code, "JSON-LD inLanguage"
    if code := language_code(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")):
        return code, "<html lang>"
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language") and (code := language_code(meta.get("content"))):
            return code, f"<meta {key}>"
    return None


# -- PDF ----------------------------------------------------------------------------------------

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
#: A PDF title that names the file it was made from rather than the article.
_FILE_TITLE = re.compile(r"(?i)^(untitled|microsoft \w+ - |.*\.(docx?|odt|rtf|indd|pdf|txt|html?)$)")


def _pdf(path: Path, raw: bytes) -> Extracted:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    paragraphs: list[str] = []
    try:
        with _quiet("pdfminer"):
            document = PDFDocument(PDFParser(io.BytesIO(raw)))  # opens files whose user password is empty
            manager = PDFResourceManager()
            device = PDFPageAggregator(manager, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            for page in PDFPage.create_pages(document):
                interpreter.process_page(page)
                paragraphs += [p for box in _text_boxes(device.get_result()) if (p := _unwrap(box))]
            meta = _pdf_meta(document)
    except PDFPasswordIncorrect:
        raise InputError(
            Problem(
                path,
                None,
                "the PDF is encrypted with a password",
                "open it with the password and save or print an unprotected copy, then add that",
            )
        ) from None
    except PDFEncryptionError as e:
        raise InputError(
            Problem(path, None, f"the PDF is encrypted in a way kg cannot read ({e})", "save or print an unprotected copy")
        ) from None
    except Exception as e:  # a damaged file makes the parser fail in many ways (PSEOF, KeyError, IndexError ...)
        raise InputError(
            Problem(path, None, f"not a readable PDF ({type(e).__name__}: {e})", "check that the download finished; save it again")
        ) from None
    text = "\n".join(paragraphs)
    if text.count("(cid:") > max(3, len(text) // 200):
        raise InputError(
            Problem(
                path,
                None,
                "the PDF's fonts carry no character map, so its text comes out as (cid:NN) codes",
                "run OCR on it (e.g. `ocrmypdf --force-ocr`) and add the result, or copy the article's text into a .txt file",
            )
        )
    if not text.strip():
        raise InputError(
            Problem(
                path,
                None,
                "the PDF has no text layer (a scan or pictures of text)",
                "run OCR on it (e.g. `ocrmypdf`) and add the result, or copy the article's text into a .txt file",
            )
        )
    return Extracted(path, text, text.encode("utf-8"), PDF, raw, meta)


def _text_boxes(layout) -> Iterator[str]:
    """The text of each box in reading order, looking inside figures (form XObjects) too."""
    from pdfminer.layout import LTFigure, LTTextContainer

    for item in layout:
        if isinstance(item, LTTextContainer):
            yield item.get_text()
        elif isinstance(item, LTFigure):
            yield from _text_boxes(item)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _unwrap(box: str) -> str:
    """One paragraph on one line: a word broken at the line end keeps its hyphen and is joined
    (``co-`` + ``production``), Chinese lines join without a space, other lines with one."""
    out = ""
    for line in box.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        if not out:
            out = line
        elif (out.endswith("-") and len(out) > 1 and out[-2].isalpha()) or _wide(out[-1]) or _wide(line[0]):
            out += line
        else:
            out += " " + line
    return "".join(_LIGATURES.get(ch, ch) for ch in out)


def _pdf_meta(document) -> PageMeta:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    def text(value: object) -> str | None:
        value = resolve1(value)
        if isinstance(value, bytes):
            value = decode_text(value)
        return " ".join(value.split()) if isinstance(value, str) and value.strip() else None

    meta = PageMeta()
    info = document.info[0] if document.info else {}
    title = text(info.get("Title"))
    if title and not _FILE_TITLE.match(title):
        meta.headline, meta.found["headline"] = title, "the PDF's Title"
    lang = language_code(text(document.catalog.get("Lang")))
    if lang:
        meta.language, meta.found["language"] = lang, "the PDF's /Lang"
    # The PDF's CreationDate is when the file was made (often when someone printed the page), not
    # when the article was published: it is never taken for the publication date.
    return meta


@contextmanager
def _quiet(*loggers: str) -> Iterator[None]:
    """Silence the libraries' own warnings (e.g. pdfminer's "ignoring the no-copy flag"):
    kg reports what matters itself, as a Problem or a note."""
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)
