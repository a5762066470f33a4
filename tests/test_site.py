"""`kg site OUT`: the entity pages, document pages, search and views as static files, opened from
file:// in headless chromium with every request that is not a local file blocked and recorded."""

from __future__ import annotations

import re
import time
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.serve.site import write_site

from .browser import Tab, chromium

BASE = "https://w3id.org/sco-film-kg/"
ARTICLE = BASE + "document/red-silk-sco-film-week"



@pytest.fixture(scope="module")
def site(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    report = write_site(store, out)
    print(f"\n{report}")
    return out, report


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def local_links(page_file: Path) -> list[Path]:
    """Every relative link and resource of a written page, as the file it points at."""
    text = page_file.read_text(encoding="utf-8")
    found = []
    for href in re.findall(r'(?:href|src)="([^"]+)"', text):
        if re.match(r"[a-z]+:", href) or href.startswith("#"):
            continue
        target = urllib.parse.unquote(href.split("#", 1)[0].split("?", 1)[0])
        found.append((page_file.parent / target).resolve())
    return found


def test_site_is_written_quickly_with_a_page_per_entity_and_document(site, store):
    out, report = site
    # the issue asks for under 10 s on the built-in data (benchmarks/PAGES.md records it on an idle
    # machine); the bound here leaves room for a CI machine busy with other tests
    assert report.seconds < 30, report
    films = store.query(kg.SPARQL_PREFIXES + 'SELECT ?f WHERE { ?f a schema:Movie FILTER(STRSTARTS(STR(?f), "' + BASE + 'resource/")) }').rows
    assert films and all((out / (str(r["f"])[len(BASE) :] + ".html")).is_file() for r in films)
    assert (out / "document" / "red-silk-sco-film-week.html").is_file()
    assert (out / "views" / "index.html").is_file() and (out / "views" / "countries.html").is_file()
    assert report.document_pages == 1 and report.entity_pages > 800


def test_links_resolve_to_written_files(site):
    out, _ = site
    pages = [out / "index.html", out / "search.html", out / "resource" / "red-silk.html", out / "resource" / "russia.html", out / "document" / "red-silk-sco-film-week.html"]
    checked = 0
    for page in pages:
        for target in local_links(page):
            assert target.exists(), f"{page.relative_to(out)} links {target}"
            checked += 1
    assert checked > 300


def test_site_works_from_file_urls(site, browser):
    out, _ = site
    tab = Tab(browser, out / "index.html")
    page = tab.page
    page.locator("a", has_text=re.compile(r"^Red Silk$")).first.click()
    page.wait_for_url(re.compile(r"/resource/red-silk\.html$"))
    assert page.inner_text("h1") == "Red Silk"
    ev = page.locator('section.relation[data-predicate="https://schema.org/director"] li.ev.doc', has_text="directed by Russian director Andrey Volgin")
    assert "directed by Russian director Andrey Volgin" in ev.first.locator("mark").inner_text()
    # the embedded focus view draws from its own file
    page.locator("iframe.focus").scroll_into_view_if_needed()
    page.frame_locator("iframe.focus").locator("#network canvas").first.wait_for(timeout=30000)
    # into the reader at the span
    ev.first.locator("a.reader").click()
    page.wait_for_url(re.compile(r"/document/red-silk-sco-film-week\.html#char=\d+,\d+$"))
    page.wait_for_selector("#text span.current")
    assert "Andrey Volgin" in "".join(page.locator("#text span.current").all_text_contents())
    # search from the box, with the prebuilt index, in Russian (ё written as е) and Chinese
    for query in ("красный шелк", "红丝绸"):
        page.fill("form.search input", query)
        page.press("form.search input", "Enter")
        page.wait_for_url(re.compile(r"/search\.html\?q="))
        page.wait_for_selector("ol.results a")
        first = page.locator("ol.results a").first
        assert first.inner_text() == "Red Silk", query
    first.click()
    page.wait_for_url(re.compile(r"/resource/red-silk\.html$"))
    assert not tab.blocked, tab.blocked
    assert not tab.errors, tab.errors
    # readable on a phone
    phone = Tab(browser, out / "resource" / "red-silk.html", size=(375, 900))
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375


def test_every_entity_page_shows_its_neighbourhood_from_the_one_whole_graph_view(site, browser, store):
    out, _ = site
    person = BASE + "resource/andrey-volgin"
    neighbours = {
        str(r["x"])
        for r in store.query(
            f"SELECT DISTINCT ?x WHERE {{ {{ <{person}> ?p ?x }} UNION {{ ?x ?p <{person}> }} ?x a ?t . "
            f'FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{BASE}resource/")) }}'
        ).rows
    }
    tab = Tab(browser, out / "resource" / "andrey-volgin.html")
    frame = tab.page.locator("iframe.focus")
    assert frame.get_attribute("src") == "../views/graph.html#focus=andrey-volgin"
    frame.scroll_into_view_if_needed()
    view = frame.element_handle().content_frame()
    end = time.monotonic() + 30  # polled with evaluate: the view's CSP refuses the eval wait_for_function uses
    while not view.evaluate("!!(window.kgView && window.kgView.focus && window.kgView.fittedAt !== undefined)"):
        assert time.monotonic() < end, f"the view did not focus: {tab.errors}"
        time.sleep(0.05)
    shown = view.evaluate(
        "(function () { var d = JSON.parse(document.getElementById('kg-data').textContent);"
        " return network.body.data.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return d.nodes[n.id].key; }); })()"
    )
    assert "andrey-volgin" in shown and view.evaluate("network.getSelectedNodes().length") == 1
    # the entity and exactly what the graph links it to, out of the whole graph's nodes
    assert {BASE + "resource/" + k for k in shown if k} == neighbours | {person}
    assert len(shown) == len(neighbours) + 1 < view.evaluate("window.kgView.nodes")
    assert not tab.blocked and not tab.errors, (tab.blocked, tab.errors)


def test_site_refuses_a_folder_it_did_not_write(tmp_path, built_out):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own file", encoding="utf-8")
    result = CliRunner().invoke(cli, ["site", str(folder), "--data", str(built_out), "--no-views"])
    assert result.exit_code == 1
    assert "is not a site kg wrote" in result.output and "Traceback" not in result.output
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my own file"
