"""kg add takes what a curator really has: web pages saved from the browser, PDFs, folders of them.

The page's main text (trafilatura) or the PDF's text (pdfminer.six) becomes the document, kept
byte for byte on disk with the original file beside it; headline, date, site, URL and language
come from the file's own metadata unless options say otherwise; the language is detected when
nothing gives it. Bad files are refused with the file named and nothing written. End to end, the
evidence offsets of a graph built from a page or a PDF point at the right words of that text.

The pages in tests/articles/pages/ and the PDFs made here are invented articles marked
[TEST ARTICLE] (tests/articles/README.md).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import trafilatura
import yaml
from click.testing import CliRunner
from reportlab.pdfgen import canvas

import kg
from kg.cli import cli
from kg.curate import pages
from kg.ingest.yamlfile import load_yaml

from .articles import ARTICLES
from .conftest import ROOT

PAGES = ARTICLES / "pages"
EN_PAGE = PAGES / "test-golden-crane-premiere.html"
RU_PAGE = PAGES / "test-golden-crane-ru.html"  # windows-1251, declares no language
ZH_PAGE = PAGES / "test-golden-crane-zh.html"  # says lang="en" (a site template), is in Chinese

#: The PDF article, line by line as drawn, paragraph by paragraph: the line breaks are where the
#: page ran out of width, so the document text must put each paragraph back on one line.
PDF_TITLE = "[TEST ARTICLE] Silver Yurt wins the audience award"
PDF_PARAGRAPHS = [
    ["[TEST ARTICLE] Silver Yurt wins the audience award"],
    ["This article was invented for the test suite of kg; the film, the festival", "and the people in it do not exist."],
    [
        'The Kyrgyz-Russian comedy "Silver Yurt" won the audience award at the invented Issyk-Kul Film',
        "Days on Sunday. The film is directed by Nurbek Asanov and produced by Irina Lebedeva, whose co-",
        "production company is based in Kazan.",
    ],
    ['"We made a small film about a very large family," Asanov said.'],
]
PDF_PAGE_2 = [["Screenings in Bishkek and Moscow are planned for the spring."]]


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add(*args: str | Path):
    return CliRunner().invoke(cli, ["add", *map(str, args)])


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def refused(result):
    """A clear error: exit status 1 from kg's own error report, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output, result.output
    return result.output


def make_pdf(path: Path, pages_: list[list[list[str]]], *, title: str | None = None, encrypt: str | None = None) -> Path:
    """A PDF drawn line by line (Helvetica 11 on 14 pt lines, 22 pt between paragraphs), with a
    footer on every page, as a newspaper's "print to PDF" would look."""
    c = canvas.Canvas(str(path), encrypt=encrypt, invariant=1)
    if title:
        c.setTitle(title)
    for number, paragraphs in enumerate(pages_, 1):
        y = 780.0
        for paragraph in paragraphs:
            for line in paragraph:
                c.setFont("Helvetica", 11)
                c.drawString(60, y, line)
                y -= 14
            y -= 22
        c.setFont("Helvetica", 8)
        c.drawString(60, 40, f"Steppe Screen Weekly (invented) - page {number}")
        c.showPage()
    c.save()
    return path


@pytest.fixture()
def pdf(tmp_path) -> Path:
    return make_pdf(tmp_path / "Silver Yurt.pdf", [PDF_PARAGRAPHS, PDF_PAGE_2], title=PDF_TITLE)


# -- web pages ----------------------------------------------------------------------------------


def test_a_saved_page_is_added_with_its_main_text_its_metadata_and_the_original(data_copy):
    out = ok(add(EN_PAGE, "--data", data_copy)).output
    name = "test-golden-crane-premiere"
    docs = data_copy / "documents"
    text = (docs / f"{name}.txt").read_bytes()
    # the document is trafilatura's main text, byte for byte, with nothing added or re-encoded
    assert text == trafilatura.extract(EN_PAGE.read_text(encoding="utf-8"), **pages.HTML_OPTIONS).encode("utf-8")
    lines = text.decode("utf-8").split("\n")
    for paragraph in (  # every paragraph of the story, whole, one a line
        "This article was invented for the test suite of kg; the film, the studio and the people in it do not exist.",
        "The film is directed by Marat Ospanov and produced by Lin Qiaomei of the invented Blue Lake Studio. It stars Aruzhan Bekova "
        "as a young ornithologist who follows a flock of cranes from Lake Balkhash to Yunnan.",
        "The film will be released in Kazakhstan next month and in China early next year.",
    ):
        assert paragraph in lines, paragraph
    for boilerplate in ("cookies", "Subscribe", "Most read", "Weekend box office", "newsletter", "All rights reserved", "About us"):
        assert boilerplate not in text.decode("utf-8"), boilerplate
    assert (docs / f"{name}.html").read_bytes() == EN_PAGE.read_bytes()  # the original, as saved
    meta = load_yaml(docs / f"{name}.yaml")
    assert meta["headline"] == "[TEST ARTICLE] Kazakh-Chinese film Golden Crane premieres in Astana"  # not the <title> with its site suffix
    assert meta["date_published"] == "2025-10-14"  # JSON-LD datePublished, in the publisher's own time zone
    assert meta["publisher"] == "Steppe Screen Daily (invented test site)"
    assert meta["url"] == "https://steppe-screen.example.org/news/2025/10/golden-crane-premiere"
    assert meta["language"] == "en"
    assert meta["encoding_format"] == "text/html" and meta["original"] == f"{name}.html"
    assert load_yaml(data_copy / "facts" / f"{name}.yaml")["document"] == name
    assert f"added {name}" in out and "published: 2025-10-14  [from the page's JSON-LD datePublished]" in out
    assert f"next: kg draft {name}" in out


def test_options_override_what_the_page_says(data_copy):
    ok(
        add(
            EN_PAGE,
            *("--headline", "[TEST ARTICLE] Golden Crane opens", "--published", "2025-10", "--publisher", "Another paper"),
            *("--url", "https://another.example.org/golden-crane", "--language", "en", "--name", "golden-crane", "--data", data_copy),
        )
    )
    meta = load_yaml(data_copy / "documents/golden-crane.yaml")
    assert (meta["headline"], meta["date_published"], meta["publisher"], meta["url"]) == (
        "[TEST ARTICLE] Golden Crane opens",
        "2025-10",
        "Another paper",
        "https://another.example.org/golden-crane",
    )
    assert meta["original"] == "golden-crane.html" and (data_copy / "documents/golden-crane.html").is_file()


def test_a_page_in_another_encoding_is_decoded_as_it_declares_and_its_language_detected(data_copy):
    raw = RU_PAGE.read_bytes()
    assert b"charset=windows-1251" in raw and "Золотой".encode("cp1251") in raw and " lang=" not in raw.decode("cp1251")
    out = ok(add(RU_PAGE, "--data", data_copy)).output
    text = (data_copy / "documents/test-golden-crane-ru.txt").read_text(encoding="utf-8")  # the text is UTF-8 now
    assert "Режиссёр фильма — Марат Оспанов, продюсер — Линь Цяомэй" in text and "Все права защищены" not in text
    assert (data_copy / "documents/test-golden-crane-ru.html").read_bytes() == raw  # the original keeps its bytes
    meta = load_yaml(data_copy / "documents/test-golden-crane-ru.yaml")
    assert meta["language"] == "ru" and "detected" in out
    assert meta["date_published"] == "2025-10-15"  # <meta itemprop="datePublished">
    assert meta["publisher"] == "Степной экран (выдуманный тестовый сайт)"


def test_the_text_s_language_wins_over_a_page_template_and_language_overrides_both(data_copy, tmp_path):
    out = ok(add(ZH_PAGE, "--data", data_copy)).output
    meta = load_yaml(data_copy / "documents/test-golden-crane-zh.yaml")
    assert meta["language"] == "zh" and "<html lang> says 'en'" in out  # the curator is told
    assert meta["date_published"] == "2025-10-16" and meta["url"] == "https://caoyuan-yinmu.example.org/news/jinhe"
    ok(add(RU_PAGE, "--name", "forced", "--language", "en", "--data", data_copy))
    assert load_yaml(data_copy / "documents/forced.yaml")["language"] == "en"


def test_a_text_in_a_language_kg_does_not_draft_is_refused_unless_given(data_copy, tmp_path):
    kazakh = tmp_path / "kazakh.txt"
    kazakh.write_text(
        "[TEST ARTICLE] Қазақстан мен Қытай бірлесіп түсірген «Алтын тырна» драмасының тұсаукесері дүйсенбі күні Астанада өтті.\n"
        "Бұл мақала kg сынақтары үшін ойдан шығарылған.\n",
        encoding="utf-8",
    )
    before = files_under(data_copy)
    message = refused(add(kazakh, "--headline", "H", "--published", "2025", "--publisher", "P", "--data", data_copy))
    assert "kazakh.txt: the text reads as language 'kk'" in message and "--language" in message
    assert files_under(data_copy) == before
    ok(add(kazakh, "--headline", "H", "--published", "2025", "--publisher", "P", "--language", "kk", "--data", data_copy))
    assert load_yaml(data_copy / "documents/kazakh.yaml")["language"] == "kk"


# -- PDF ----------------------------------------------------------------------------------------


def test_a_pdf_is_added_one_paragraph_a_line_with_the_original(data_copy, pdf):
    out = ok(add(pdf, "--published", "2025-10", "--publisher", "Steppe Screen Weekly (invented)", "--data", data_copy)).output
    docs = data_copy / "documents"
    text = (docs / "silver-yurt.txt").read_bytes()
    assert text == pages.extract(pdf).data  # what the extractor gives, byte for byte
    lines = text.decode("utf-8").split("\n")
    # each drawn paragraph is one line again; a word broken at the line end keeps its hyphen
    for paragraph in PDF_PARAGRAPHS + PDF_PAGE_2:
        assert " ".join(paragraph).replace("co- production", "co-production") in lines, paragraph
    assert "Steppe Screen Weekly (invented) - page 2" in lines  # the running footer is text of the PDF too
    assert (docs / "silver-yurt.pdf").read_bytes() == pdf.read_bytes()
    meta = load_yaml(docs / "silver-yurt.yaml")
    assert meta["headline"] == PDF_TITLE and "[from the PDF's Title]" in out
    assert (meta["date_published"], meta["language"], meta["encoding_format"], meta["original"]) == (
        "2025-10",
        "en",
        "application/pdf",
        "silver-yurt.pdf",
    )


def test_metadata_that_neither_the_file_nor_the_options_give_is_asked_for(data_copy, tmp_path):
    bare = make_pdf(tmp_path / "bare.pdf", [PDF_PARAGRAPHS])  # no Title, and a PDF has no publication date
    before = files_under(data_copy)
    message = refused(add(bare, "--data", data_copy))
    assert "bare.pdf: no headline: the PDF's metadata gives none" in message and '--headline "..."' in message
    assert "bare.pdf: no publication date" in message and "--published" in message
    assert "bare.pdf: the metadata needs a publisher" in message and "--publisher NAME" in message
    assert files_under(data_copy) == before
    ok(add(bare, "--headline", "[TEST ARTICLE] H", "--published", "2025", "--url", "https://weekly.example.org/a", "--data", data_copy))
    assert load_yaml(data_copy / "documents/bare.yaml")["publisher"] == "weekly.example.org"


# -- folders ------------------------------------------------------------------------------------


def test_a_folder_of_a_page_a_russian_page_and_a_pdf_is_added_whole(data_copy, tmp_path, pdf):
    folder = tmp_path / "october"
    folder.mkdir()
    for source in (EN_PAGE, pdf):
        shutil.copy(source, folder / source.name)
    shutil.copy(RU_PAGE, folder / "test-golden-crane-ru.htm")  # kept as .html, like every page
    (folder / "test-golden-crane-premiere_files").mkdir()  # what "Save page as, complete" writes beside a page
    (folder / "test-golden-crane-premiere_files" / "site.css").write_text("body {}", encoding="utf-8")
    out = ok(add(folder, "--published", "2025-10", "--publisher", "Steppe Screen Weekly (invented)", "--data", data_copy)).output
    names = ["silver-yurt", "test-golden-crane-premiere", "test-golden-crane-ru"]
    for name in names:
        assert f"added {name}" in out and f"next: kg draft {name}" in out
        assert (data_copy / "facts" / f"{name}.yaml").is_file()
    metas = {name: load_yaml(data_copy / "documents" / f"{name}.yaml") for name in names}
    # --published and --publisher fill in what a file lacks; a page keeps its own
    assert [metas[n]["date_published"] for n in names] == ["2025-10", "2025-10-14", "2025-10-15"]
    assert metas["test-golden-crane-premiere"]["publisher"] == "Steppe Screen Daily (invented test site)"
    assert metas["silver-yurt"]["publisher"] == "Steppe Screen Weekly (invented)"
    assert [metas[n]["language"] for n in names] == ["en", "en", "ru"]
    assert metas["test-golden-crane-ru"]["original"] == "test-golden-crane-ru.html"
    assert (data_copy / "documents/test-golden-crane-ru.html").read_bytes() == RU_PAGE.read_bytes()
    assert "not searched: the sub-folder(s) test-golden-crane-premiere_files/" in out
    assert not list((data_copy / "documents").glob("site*"))


def test_a_folder_with_one_bad_file_adds_nothing_and_names_it(data_copy, tmp_path, pdf):
    folder = tmp_path / "batch"
    folder.mkdir()
    for source in (EN_PAGE, RU_PAGE, pdf):
        shutil.copy(source, folder / source.name)
    make_pdf(folder / "locked.pdf", [PDF_PARAGRAPHS], title=PDF_TITLE, encrypt="secret")
    before = files_under(data_copy)
    message = refused(add(folder, "--published", "2025-10", "--publisher", "P", "--data", data_copy))
    assert "locked.pdf: the PDF is encrypted with a password" in message
    assert files_under(data_copy) == before


def test_options_that_name_one_article_are_refused_for_a_folder(data_copy, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(EN_PAGE, folder)
    before = files_under(data_copy)
    message = refused(add(folder, "--headline", "H", "--data", data_copy))
    assert "--headline describes one article" in message and "kg add FILE" in message
    assert files_under(data_copy) == before


# -- bad files ----------------------------------------------------------------------------------

NO_ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Steppe Screen Daily (invented)</title></head><body>
<header><nav><ul><li><a href="/news">News</a></li><li><a href="/reviews">Reviews</a></li><li><a href="/festivals">Festivals</a></li></ul></nav></header>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<footer><p>© 2025 Steppe Screen Daily. All rights reserved.</p><nav><a href="/about">About us</a> | <a href="/contact">Contact</a></nav></footer>
</body></html>"""


def bad_files(folder: Path) -> list[tuple[Path, str]]:
    """Each bad file and what its error must say."""
    article = EN_PAGE.read_text(encoding="utf-8")
    cases: list[tuple[Path, str]] = [
        (make_pdf(folder / "locked.pdf", [PDF_PARAGRAPHS], title=PDF_TITLE, encrypt="secret"), "the PDF is encrypted with a password"),
        (folder / "scan.pdf", "the PDF has no text layer"),
        (folder / "broken.pdf", "not a readable PDF"),
        (folder / "menu-only.html", "no article text found in the page"),
        (folder / "mislabelled.html", "is not valid UTF-8 (the page declares utf-8)"),
        (folder / "undeclared.html", "is not valid UTF-8, and the page declares no other character encoding"),
        (folder / "unknown-charset.html", "the page declares the character encoding 'x-steppe-8', which is unknown"),
        (folder / "article.docx", "kg add reads .txt, .html, .htm and .pdf files, not '.docx'"),
        (folder / "empty.txt", "the document is empty"),
    ]
    scan = canvas.Canvas(str(folder / "scan.pdf"))
    scan.setTitle(PDF_TITLE)
    scan.rect(60, 300, 400, 400, fill=1)  # a picture of a page, no text
    scan.save()
    (folder / "broken.pdf").write_bytes(make_pdf(folder / "whole.pdf", [PDF_PARAGRAPHS], title=PDF_TITLE).read_bytes()[:900])
    (folder / "whole.pdf").unlink()
    (folder / "menu-only.html").write_text(NO_ARTICLE, encoding="utf-8")
    # a Russian page saved in windows-1251 that says (or, without a declaration, is taken for) UTF-8
    (folder / "mislabelled.html").write_bytes(article.replace("Astana", "Астана").encode("cp1251", errors="replace"))
    (folder / "undeclared.html").write_bytes(
        article.replace('<meta charset="utf-8">', "").replace("Astana", "Астана").encode("cp1251", errors="replace")
    )
    (folder / "unknown-charset.html").write_bytes(article.replace('charset="utf-8"', 'charset="x-steppe-8"').encode("utf-8"))
    (folder / "article.docx").write_bytes(b"PK\x03\x04 not a page")
    (folder / "empty.txt").write_text(" \n", encoding="utf-8")
    return cases


def first_line_with(word: str, page: Path) -> int:
    return next(n for n, line in enumerate(page.read_bytes().split(b"\n"), 1) if word.encode("cp1251") in line)


def test_bad_files_get_a_clear_error_naming_them_and_leave_nothing(data_copy, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    before = files_under(data_copy)
    for path, what in bad_files(folder):
        flags = ["--headline", "H", "--published", "2025", "--publisher", "P", "--language", "en"]
        message = refused(add(path, *flags, "--data", data_copy))
        assert f"{path}" in message and what in message, (path.name, message)
        if path.suffix == ".html" and "valid" in what:  # the line and the byte are named: 0xc0 is the "А" of Астана in the title
            assert f"{path}:{first_line_with('Астана', path)}: byte 0xc0" in message, message
        assert "how to fix:" in message, message
        assert files_under(data_copy) == before, path.name


def test_the_build_checks_the_original_and_its_media_type(data_copy):
    ok(add(EN_PAGE, "--data", data_copy))
    meta = data_copy / "documents/test-golden-crane-premiere.yaml"
    text = meta.read_text(encoding="utf-8")
    (data_copy / "documents/test-golden-crane-premiere.html").unlink()
    with pytest.raises(kg.InputError, match="the original 'test-golden-crane-premiere.html' is not a file beside"):
        kg.build(data_copy, data_copy.parent / "out", ROOT / "ontology")
    meta.write_text(text.replace("original: test-golden-crane-premiere.html", "").replace("text/html", "text/markdown"), encoding="utf-8")
    with pytest.raises(kg.InputError, match="unknown encoding_format 'text/markdown'"):
        kg.build(data_copy, data_copy.parent / "out", ROOT / "ontology")


# -- end to end: add, draft, accept, build; the evidence points at the extracted text -------------

EVIDENCE = (
    kg.SPARQL_PREFIXES
    + """
SELECT ?anchor ?begin ?end ?property WHERE {
  ?span nif:referenceContext ?doc ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end ; a kgo:EvidenceSpan .
  GRAPH ?span { ?s ?property ?o }
  FILTER(?doc = <%s>)
}"""
)


def plain(value):
    """YAML as read (YMap, YList) back to plain dicts and lists, to write it again."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def accept_draft(data: Path, name: str, properties: set[str]) -> dict:
    """What a curator does with `kg draft`: keep the drafted statements of ``properties`` and the
    new entities they need, evidence quotes unchanged, as the document's fact sheet."""
    ok(CliRunner().invoke(cli, ["draft", name, "--data", str(data)]))
    drafted = load_yaml(data / "drafts" / f"{name}.yaml")
    statements = [plain(s) for s in drafted["statements"] if s["property"] in properties]
    needed = {s["subject"] for s in statements} | {s.get("object") for s in statements}
    entities = [plain(e) for e in drafted["entities"] if e["id"] in needed]
    sheet = {"document": name, "entities": entities, "statements": statements}
    (data / "facts" / f"{name}.yaml").write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sheet


def built_evidence(data: Path, out: Path, name: str) -> tuple[str, list[dict], object]:
    report = kg.build(data, out, ROOT / "ontology")
    assert report.duplicates == []
    graph = kg.open(out)
    from kg.ingest.vocabulary import DOC

    rows = graph.query(EVIDENCE % DOC[name]).records()
    text = (data / "documents" / f"{name}.txt").read_bytes().decode("utf-8")  # the file on disk, not a copy in memory
    return text, rows, graph


def document_facts(graph, name: str) -> dict[str, str]:
    from kg.ingest.vocabulary import DOC

    rows = graph.query(
        kg.SPARQL_PREFIXES
        + f"SELECT ?format ?language ?url WHERE {{ <{DOC[name]}> schema:encodingFormat ?format ; schema:inLanguage ?language . "
        f"OPTIONAL {{ <{DOC[name]}> schema:url ?url }} }}"
    ).records()
    assert len(rows) == 1, rows
    return rows[0]


def check_offsets(text: str, rows: list[dict], quotes: list[str]) -> None:
    assert rows, "no evidence spans were built"
    for row in rows:
        begin, end = int(row["begin"]), int(row["end"])
        assert text[begin:end] == row["anchor"], row  # every span is the words at its offsets
    spans = {(int(r["begin"]), int(r["end"])): r["anchor"] for r in rows}
    for quote in quotes:
        assert text.count(quote) == 1, quote
        begin = text.index(quote)
        assert spans.get((begin, begin + len(quote))) == quote, (quote, sorted(spans.items()))


def test_a_page_goes_from_kg_add_through_draft_to_evidence_in_the_graph(data_copy, tmp_path):
    ok(add(EN_PAGE, "--data", data_copy))
    name = "test-golden-crane-premiere"
    sheet = accept_draft(data_copy, name, {"director", "producer", "actor", "countryOfOrigin"})
    quotes = [s["evidence"] for s in sheet["statements"]]
    assert "directed by Marat Ospanov" in quotes and "produced by Lin Qiaomei" in quotes
    text, rows, graph = built_evidence(data_copy, tmp_path / "out", name)
    check_offsets(text, rows, quotes)
    by_anchor = {r["anchor"]: r for r in rows}
    assert by_anchor["directed by Marat Ospanov"]["property"].endswith("director")
    assert document_facts(graph, name) == {
        "format": "text/html",
        "language": "en",
        "url": "https://steppe-screen.example.org/news/2025/10/golden-crane-premiere",
    }


def test_a_pdf_goes_from_kg_add_through_draft_to_evidence_in_the_graph(data_copy, tmp_path, pdf):
    ok(add(pdf, "--published", "2025-10", "--publisher", "Steppe Screen Weekly (invented)", "--data", data_copy))
    sheet = accept_draft(data_copy, "silver-yurt", {"director", "producer", "countryOfOrigin"})
    # and an entity the curator adds, quoting words the PDF had broken over two lines
    sheet["entities"].append(
        {"id": "issyk-kul-film-days", "type": "Festival", "name": "Issyk-Kul Film Days", "evidence": "the invented Issyk-Kul Film Days"}
    )
    (data_copy / "facts/silver-yurt.yaml").write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text, rows, graph = built_evidence(data_copy, tmp_path / "out", "silver-yurt")
    check_offsets(
        text,
        rows,
        ["directed by Nurbek Asanov", "produced by Irina Lebedeva", "the invented Issyk-Kul Film Days"],
    )
    assert document_facts(graph, "silver-yurt") == {"format": "application/pdf", "language": "en", "url": None}


def test_offsets_into_a_russian_page_count_characters(data_copy, tmp_path):
    ok(add(RU_PAGE, "--data", data_copy))
    name = "test-golden-crane-ru"
    sheet = {
        "document": name,
        "entities": [
            {"id": "marat-ospanov", "type": "Person", "name": "Marat Ospanov", "evidence": "Режиссёр фильма — Марат Оспанов"},
            {"id": "golden-crane", "type": "Movie", "name": "Golden Crane", "evidence": {"quote": "«Золотой журавль»", "occurrence": 2}},
        ],
        "statements": [
            {"subject": "golden-crane", "property": "director", "object": "marat-ospanov", "evidence": "Режиссёр фильма — Марат Оспанов"},
            {"subject": "golden-crane", "property": "countryOfOrigin", "object": "kazakhstan", "evidence": "казахстанско-китайской драмы"},
            {"subject": "golden-crane", "property": "countryOfOrigin", "object": "china", "evidence": "казахстанско-китайской драмы"},
        ],
    }
    (data_copy / "facts" / f"{name}.yaml").write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text, rows, graph = built_evidence(data_copy, tmp_path / "out", name)
    check_offsets(text, rows, ["Режиссёр фильма — Марат Оспанов"])
    film = [r for r in rows if r["anchor"] == "«Золотой журавль»"]
    second = text.index("«Золотой журавль»", text.index("«Золотой журавль»") + 1)
    assert {(int(r["begin"]), int(r["end"])) for r in film} == {(second, second + len("«Золотой журавль»"))}
    assert document_facts(graph, name)["language"] == "ru"
