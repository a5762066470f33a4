"""The HTML shell shared by entity pages, document pages and search, on ``kg serve`` and in ``kg site``.

One renderer, two ways to link: :class:`Links` says where a page of an IRI lives. On the server
(``Links.served()``) an IRI ``https://w3id.org/sco-film-kg/resource/X`` is the path
``/resource/X``; in a static site (``Links.static(depth)``) it is the file ``resource/X.html``,
linked relatively so the site works from ``file://`` and from any sub-folder of any static host.

Safety: every text from the graph goes through :func:`esc` (or into JSON made safe by
:func:`json_for_html`), and the pages run only the package's own script and style files
(``kg/serve/static/pages/``), under a Content-Security-Policy that allows nothing else.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kg.ingest.vocabulary import BASE

STATIC = Path(__file__).resolve().parent / "static"
#: What a served page may load: its own files only; the query page also talks to /sparql.
SERVED_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
#: A static page (file:// or any host): the same, said in a <meta> element (no headers there).
STATIC_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'self'"
_SAFE_PATH = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@/%-]+")


def esc(value: Any) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """An outside address worth linking: http(s) only (never javascript:, data: ...)."""
    if not url:
        return None
    text = str(url).strip()
    return text if re.match(r"https?://", text, re.IGNORECASE) else None


def json_for_html(value: Any) -> str:
    """JSON that is safe inside a <script> element: no tag, comment or entity can start in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for bad, good in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(bad, good)
    return text


def iri_path(iri: str) -> str | None:
    """``https://w3id.org/sco-film-kg/resource/x#frag`` -> ``resource/x``; None outside the namespace."""
    if not iri.startswith(BASE):
        return None
    path = iri[len(BASE) :].split("#", 1)[0]
    if not path or path.startswith("/") or "/../" in f"/{path}/" or "/./" in f"/{path}/" or "//" in path or "?" in path:
        return None
    return path


def path_iri(path: str) -> str:
    """The IRI a server path mirrors: ``resource/x`` -> ``https://w3id.org/sco-film-kg/resource/x``."""
    return BASE + path.lstrip("/")


@dataclass(frozen=True)
class Links:
    """Where pages live: on the server (absolute paths) or in a static site (relative files)."""

    static_site: bool = False
    root: str = "/"  # "/" on the server; "../" * depth in a site

    @classmethod
    def served(cls) -> Links:
        return cls(False, "/")

    @classmethod
    def static(cls, page_path: str) -> Links:
        """Links for the static file of ``page_path`` (``resource/x`` -> resource/x.html, depth 1)."""
        depth = page_path.count("/")
        return cls(True, "../" * depth if depth else "./")

    def page(self, iri: str) -> str | None:
        """The link to the page of ``iri`` (None: not in our namespace, no page)."""
        path = iri_path(iri)
        if path is None:
            return None
        fragment = iri.split("#", 1)[1] if "#" in iri else ""
        target = quote(path, safe="/-._~") + (".html" if self.static_site else "")
        return self.root + target + (f"#{quote(fragment, safe='=,')}" if fragment else "")

    def span(self, document: str, begin: int, end: int) -> str | None:
        """The reader at an evidence span: the document's page, fragment ``#char=B,E`` (RFC 5147 style)."""
        page = self.page(document)
        return None if page is None else f"{page}#char={int(begin)},{int(end)}"

    def asset(self, name: str) -> str:
        return self.root + ("assets/" if self.static_site else "static/") + name

    @property
    def search(self) -> str:
        return self.root + ("search.html" if self.static_site else "search")

    @property
    def home(self) -> str:
        return self.root + ("index.html" if self.static_site else "")

    @property
    def query(self) -> str | None:
        return None if self.static_site else self.root + "query"


def layout(title: str, body: str, links: Links, *, lang: str = "en", scripts: tuple[str, ...] = (), description: str = "", head: str = "") -> str:
    """A whole page: header with the search box, ``body`` (already escaped HTML), footer.

    ``scripts``: extra script files (names under the asset folder, or paths the caller made).
    """
    csp = f'<meta http-equiv="Content-Security-Policy" content="{esc(STATIC_CSP)}">\n' if links.static_site else ""
    nav = [f'<a href="{esc(links.home)}">SCO film knowledge graph</a>']
    if links.query:
        nav.append(f'<a href="{esc(links.query)}">SPARQL</a>')
    script_tags = "".join(f'<script src="{esc(s if "/" in s else links.asset("pages/" + s))}"></script>\n' for s in ("pages.js", *scripts))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n{csp}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)} · SCO film knowledge graph</title>\n"
        + (f'<meta name="description" content="{esc(description)}">\n' if description else "")
        + f'<link rel="stylesheet" href="{esc(links.asset("pages/pages.css"))}">\n'
        + head
        + script_tags
        + "</head>\n<body>\n"
        '<header class="site"><nav>'
        + " · ".join(nav)
        + f'</nav><form class="search" role="search" action="{esc(links.search)}" method="get">'
        '<input type="search" name="q" placeholder="Search names in English, 中文, русский" aria-label="Search" autocomplete="off">'
        "<button type=\"submit\">Search</button></form></header>\n"
        f"<main>\n{body}\n</main>\n"
        '<footer class="site">Every fact links to the sentence that states it or to the source that gives it. '
        "Read-only; nothing on this page is fetched from elsewhere.</footer>\n"
        "</body>\n</html>\n"
    )


def humanise(local: str) -> str:
    """``countryOfOrigin`` -> ``country of origin``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ")
    return words.lower() if not words.isupper() else words


def local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri
