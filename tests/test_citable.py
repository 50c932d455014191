"""Citations, metadata, permanence and hosting: what a researcher citing the site relies on."""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from builder.load.articles import Article, Author
from builder.output.cite import (
    bibtex,
    citations,
    csl_json,
    edition_work,
    page_work,
    paragraph_citations,
    printed_work,
    ris,
    short_form,
)

from conftest import PUBLISHED_URL, ROOT, digest, page_facts, run_builder

URL = "https://example.github.io/repo/articles/kazantsev/"
SITE = "Security Organizations in Europe and Eurasia"
KAZANTSEV = Article(
    slug="kazantsev", file="", kind="chapter", order=5,
    title="Post-Soviet Security Organizations With Russia’s Participation: Can the Culture of Free-riding Be Overcome?",
    authors=[Author("Andrey Kazantsev")], pages="50–80", pages_inferred=True,
    publication={"container_title": "International security organizations in Eurasia: Rivalry and co-operation",
                 "year": None, "publisher": None},
)
SAFRANCHUK = Article(
    slug="safranchuk", file="", kind="journal-article", order=0,
    title="The Competition for Security Roles in Central Asia", authors=[Author("Ivan A. Safranchuk")],
    publication={"journal": None, "journal_identified": "Russia in Global Affairs", "issue": "No. 1",
                 "year": 2008, "months": "January–March", "date": "2008-01/03"},
)
PREFACE = Article(slug="editorial-preface", file="", kind="preface", order=0, title="Editorial preface",
                  pages="5", pages_inferred=True, publication=KAZANTSEV.publication)
BOOK = "<i>International security organizations in Eurasia: Rivalry and co-operation</i>"
TITLE = "Post-Soviet Security Organizations With Russia’s Participation: Can the Culture of Free-riding Be Overcome?"
UNPRINTED = "Publisher, year and editors are not printed in the source."


def test_a_chapter_as_printed_no_year_no_editors_and_its_inferred_pages_in_brackets():
    cited = citations(printed_work(KAZANTSEV, UNPRINTED))
    assert cited["Chicago"] == f"Kazantsev, Andrey. n.d. “{TITLE}” In {BOOK}, [50]–[80]."
    assert cited["APA"] == f"Kazantsev, A. (n.d.). {TITLE} In {BOOK} (pp. [50]–[80])."
    assert cited["MLA"] == f"Kazantsev, Andrey. “{TITLE}” {BOOK}, pp. [50]–[80]."


def test_the_preface_is_credited_to_its_unnamed_editors_as_a_group():
    work = printed_work(PREFACE, UNPRINTED)
    cited = citations(work)
    assert cited["Chicago"] == f"The editors. n.d. “Editorial preface.” In {BOOK}, [5]."
    assert cited["APA"] == f"The editors. (n.d.). Editorial preface. In {BOOK} (p. [5])."
    assert cited["MLA"] == f"The editors. “Editorial preface.” {BOOK}, p. [5]."
    assert "author = {{The editors}}" in bibtex(work)  # braced: never split into a person's names
    assert "AU  - The editors" in ris(work)  # no comma: one name, not "editors, The"
    assert json.loads(csl_json(work))[0]["author"] == [{"literal": "The editors"}]


def test_journal_article_with_its_issue_and_months_in_three_styles():
    cited = citations(printed_work(SAFRANCHUK))
    title = "The Competition for Security Roles in Central Asia"
    assert cited["Chicago"] == f"Safranchuk, Ivan A. 2008. “{title}.” <i>Russia in Global Affairs</i>, no. 1 (January–March)."
    assert cited["APA"] == f"Safranchuk, I. A. (2008). {title}. <i>Russia in Global Affairs</i>, (1)."
    assert cited["MLA"] == f"Safranchuk, Ivan A. “{title}.” <i>Russia in Global Affairs</i>, no. 1, Jan.–Mar. 2008."
    work = printed_work(SAFRANCHUK)
    assert json.loads(csl_json(work))[0]["issued"] == {"date-parts": [[2008, 1], [2008, 3]]}
    assert "DA  - 2008/01//January–March" in ris(work)
    assert "date = {2008-01/2008-03}" in bibtex(work)


def test_the_online_edition_is_a_web_page_of_the_site_with_its_version_and_no_access_date():
    online = edition_work(printed_work(KAZANTSEV, UNPRINTED), SITE, URL, dt.date(2026, 12, 3))
    cited = citations(online)
    assert cited["Chicago"] == (f"Kazantsev, Andrey. 2026. “{TITLE}” <i>{SITE}</i>. Last modified December 3, 2026. {URL}.")
    assert cited["APA"] == f"Kazantsev, A. (2026, December 3). <i>{TITLE}</i> {SITE}. {URL}"
    assert cited["MLA"] == f"Kazantsev, Andrey. “{TITLE}” <i>{SITE}</i>, 3 Dec. 2026, {URL}."
    item = json.loads(csl_json(online))[0]
    assert item["type"] == "webpage" and item["issued"] == {"date-parts": [[2026, 12, 3]]} and "accessed" not in item
    assert item["note"].startswith("Online edition of: Kazantsev, Andrey. n.d. “Post-Soviet")
    assert "urldate" not in bibtex(online) and "Y2  -" not in ris(online)


def test_a_page_of_the_site_cites_the_site_with_its_version_and_the_day_its_data_speaks_for():
    url = "https://example.github.io/repo/organizations/csto/"
    work = page_work("org-csto", "Collective Security Treaty Organization (CSTO)", SITE, dt.date(2026, 11, 23), url,
                     dt.date(2026, 12, 3))
    cited = citations(work)
    assert cited["Chicago"] == (f"{SITE}. 2026. “Collective Security Treaty Organization (CSTO).” <i>{SITE}</i>. "
                                f"Last modified December 3, 2026. Data as of November 23, 2026. {url}.")
    assert cited["APA"] == f"{SITE}. (2026, December 3). <i>Collective Security Treaty Organization (CSTO)</i>. {url}"
    assert cited["MLA"] == f"“Collective Security Treaty Organization (CSTO).” <i>{SITE}</i>, 3 Dec. 2026, {url}."
    dataset = page_work("matrix", "Member matrix", SITE, dt.date(2026, 11, 23), url, dt.date(2026, 12, 3), "dataset")
    assert "<i>Member matrix</i> [Data set]." in citations(dataset)["APA"]
    assert ris(dataset).startswith("TY  - DATA")


def test_citation_files_of_a_chapter():
    work = printed_work(KAZANTSEV, UNPRINTED)
    note = f"{UNPRINTED} The source prints no numbers on these pages; they are inferred."
    assert bibtex(work) == (
        "@incollection{kazantsev,\n"
        "  author = {Kazantsev, Andrey},\n"
        f"  title = {{{{{TITLE}}}}},\n"
        "  booktitle = {International security organizations in Eurasia: Rivalry and co-operation},\n"
        "  year = {n.d.},\n"
        "  pages = {[50]--[80]},\n"
        f"  note = {{{note}}}\n}}\n")
    assert ris(work).split("\r\n") == [
        "TY  - CHAP", "AU  - Kazantsev, Andrey", f"TI  - {TITLE}",
        "T2  - International security organizations in Eurasia: Rivalry and co-operation",
        "SP  - [50]", "EP  - [80]", f"N1  - {note}", "ER  - ", ""]
    item = json.loads(csl_json(work))[0]
    assert item == {"id": "kazantsev", "type": "chapter", "title": TITLE,
                    "author": [{"family": "Kazantsev", "given": "Andrey"}],
                    "container-title": "International security organizations in Eurasia: Rivalry and co-operation",
                    "page": "[50]–[80]", "note": note}


def test_each_paragraph_and_note_is_a_csl_citation_with_its_locator_and_address():
    work = printed_work(KAZANTSEV, UNPRINTED)
    assert short_form(work) == "Kazantsev, n.d."
    cited = json.loads(paragraph_citations(work, URL, [1, 2], [36]))
    assert [c["citationID"] for c in cited] == ["kazantsev-p1", "kazantsev-p2", "kazantsev-fn36"]
    item = cited[2]["citationItems"][0]
    assert item == {"id": "kazantsev", "locator": "36", "label": "note", "uris": [f"{URL}#fn36"]}


def _meta(page: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in page.find_all("meta"):
        name = tag.get("name") or tag.get("property")
        if name:
            found.setdefault(name, []).append(tag.get("content"))
    return found


def test_every_article_has_zotero_metadata_citations_and_downloads(published_site):
    for path in sorted((ROOT / "content/articles").glob("*.md")):
        page_dir = published_site / "articles" / path.stem
        page = BeautifulSoup((page_dir / "index.html").read_text(), "html.parser")
        meta = _meta(page)
        assert meta["citation_title"] and meta["citation_fulltext_html_url"] == [f"{PUBLISHED_URL}articles/{path.stem}/"]
        if path.stem != "editorial-preface":
            assert meta["citation_author"], path.stem
        assert "citation_journal_title" in meta or "citation_inbook_title" in meta
        assert meta["DC.title"] and meta["og:type"] == ["article"]
        ld = json.loads(page.find("script", type="application/ld+json").string)
        assert ld["@type"] == "WebPage" and ld["mainEntity"]["@type"] in ("Chapter", "ScholarlyArticle")
        assert ld["dateModified"] == meta["article:modified_time"][0]
        assert page.find("link", rel="canonical")["href"] == f"{PUBLISHED_URL}articles/{path.stem}/"
        layers = [h.get_text() for h in page.select(".cite-block h3")]
        assert layers == ["The text as printed", "This online edition"]
        for layer in page.select(".cite-layer"):
            assert [dt_.get_text() for dt_ in layer.select("dt")] == ["Chicago", "APA", "MLA"]
        for name in ("cite.bib", "cite.ris", "cite.json", "cite-online.bib", "cite-online.ris", "cite-online.json",
                     "cite-paragraphs.json"):
            assert (page_dir / name).is_file() and page.select_one(f'.cite-block a[href="{name}"]'), name


def test_entity_pages_are_web_pages_for_reference_managers(published_site):
    for url, kind in (("organizations/csto", "Organization"), ("countries/uzb", "Country"), ("people/bordyuzha", "Person")):
        page = BeautifulSoup((published_site / url / "index.html").read_text(), "html.parser")
        meta = _meta(page)
        assert not [name for name in meta if name.startswith("citation_")]
        assert meta["DC.title"] and meta["og:title"] and meta["og:url"] == [f"{PUBLISHED_URL}{url}/"]
        ld = json.loads(page.find("script", type="application/ld+json").string)
        assert (ld.get("about") or ld.get("mainEntity"))["@type"] == kind and ld["dateModified"]
        assert (published_site / url / "cite.ris").read_text().startswith("TY  - ELEC")


def test_every_page_has_a_canonical_link(published_site):
    for html, facts in page_facts(published_site).items():
        if html.name != "index.html" or facts.redirect:
            continue
        url = html.parent.relative_to(published_site).as_posix()
        expected = PUBLISHED_URL + ("" if url == "." else url + "/")
        assert facts.canonical == expected, html


def test_hosting_files(published_site):
    assert (published_site / ".nojekyll").is_file()
    assert f"Sitemap: {PUBLISHED_URL}sitemap.xml" in (published_site / "robots.txt").read_text()
    sitemap = (published_site / "sitemap.xml").read_text()
    assert f"<loc>{PUBLISHED_URL}organizations/csto/</loc>" in sitemap
    # the 404 page works at any depth: every link of its own is absolute to the site's path
    page = BeautifulSoup((published_site / "404.html").read_text(), "html.parser")
    for element in page.find_all(["a", "link", "script"]):
        target = element.get("href") or element.get("src")
        if target and not target.startswith(("#", "http")):
            assert target.startswith("/repo/"), target


def test_the_committed_manifest_covers_the_site(published_site):
    from builder.output import published
    manifest = set(published.read_manifest(ROOT / "site_data" / published.MANIFEST))
    assert manifest, "site_data/published-urls.txt is missing"
    assert published.collect(published_site) <= manifest, "run: python -m builder urls --update"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag in ("link", "script") and (attributes.get("href") or attributes.get("src")):
            if attributes.get("rel") != "canonical":
                self.links.append(attributes.get("href") or attributes["src"])


def test_crawl_under_a_sub_path_finds_no_broken_link_or_anchor(published_site, tmp_path):
    (tmp_path / "repo").symlink_to(published_site, target_is_directory=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    start = f"http://127.0.0.1:{httpd.server_address[1]}/repo/"
    pages: dict[str, _Links] = {}
    # Each address with the first page and link that led to it; one GET each (a missing one is
    # the broken link).
    queue, seen, broken = [(start, "the start page")], {start}, []
    try:
        while queue:
            url, referrer = queue.pop()
            try:
                with urllib.request.urlopen(url) as response:
                    if "html" not in response.headers.get("Content-Type", ""):
                        pages[url] = _Links()
                        continue
                    parser = _Links()
                    parser.feed(response.read().decode("utf-8"))
            except urllib.error.HTTPError:
                broken.append(referrer)
                continue
            pages[url] = parser
            for href in parser.links:
                target = urljoin(url, href)
                if not target.startswith(start):
                    continue
                page_url = target.split("#")[0]
                if page_url not in seen:
                    seen.add(page_url)
                    queue.append((page_url, f"{url} -> {href}"))
        for url, parser in pages.items():
            for href in parser.links:
                target = urljoin(url, href)
                page_url, _, anchor = target.partition("#")
                if anchor and target.startswith(start) and page_url in pages and anchor not in pages[page_url].ids:
                    broken.append(f"{url} -> {href} (no such anchor)")
    finally:
        httpd.shutdown()
    assert len(pages) > 300
    assert broken == []


def test_two_builds_of_one_commit_are_identical(published_site, tmp_path):
    again = tmp_path / "site"
    result = run_builder(ROOT, "build", "--site-dir", str(again), env={"SITE_URL": PUBLISHED_URL})
    assert result.returncode == 0, result.stderr
    first, second = digest(published_site), digest(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.parametrize("url", ["timeline/", "matrix/", "matrix/changes/"])
def test_the_pages_of_the_whole_data_can_be_cited(built_site, url):
    page = BeautifulSoup((built_site / url / "index.html").read_text(), "html.parser")
    assert page.select_one("aside.cite-block dd.citation") is not None
    assert page.find("meta", attrs={"name": "DC.title"}) is not None
    for name in ("cite.bib", "cite.ris", "cite.json"):
        assert (built_site / url / name).stat().st_size > 50


def _meta_tags(built_site, url: str) -> list[tuple[str, str]]:
    page = BeautifulSoup((built_site / url / "index.html").read_text(), "html.parser")
    return [(m["name"], m["content"]) for m in page.find_all("meta", attrs={"name": True})]


def test_no_page_names_the_site_as_what_it_is_not(built_site):
    """The site publishes the online edition, not the printed chapter; and it is no person, so it
    is not a page's DC.creator (a reference manager would split its name into one)."""
    site = "Security Organizations in Europe and Eurasia"
    chapter = dict(_meta_tags(built_site, "articles/kazantsev/"))
    assert "DC.publisher" not in chapter and "citation_publisher" not in chapter  # not printed
    for url in ("organizations/csto/", "countries/uzb/", "people/bordyuzha/", "timeline/"):
        tags = _meta_tags(built_site, url)
        assert ("DC.publisher", site) in tags, url
        assert not [value for name, value in tags if name == "DC.creator"], url


@pytest.mark.parametrize("url", ["organizations/csto/", "timeline/"])
def test_a_page_of_the_data_gives_its_date_and_leaves_the_access_date_to_the_reader(built_site, url):
    bib = (built_site / url / "cite.bib").read_text()
    ris = (built_site / url / "cite.ris").read_text()
    assert "urldate" not in bib and "\nY2  -" not in ris  # the reader's tool fills in the day it was read
    # The item's date is the page's version: the day its content last changed, as its JSON-LD says
    # (never after the build's own date, 2 December 2025 in this build); the data's own day is a note.
    page = BeautifulSoup((built_site / url / "index.html").read_text(), "html.parser")
    modified = dt.date.fromisoformat(json.loads(page.find("script", type="application/ld+json").string)["dateModified"])
    assert modified <= dt.date(2025, 12, 2)
    assert f"date = {{{modified.isoformat()}}}" in bib and f"\nDA  - {modified:%Y/%m/%d}" in ris
    assert "Data as of 2026-11-23." in bib and "N1  - Data as of 2026-11-23." in ris
    item = json.loads((built_site / url / "cite.json").read_text())[0]
    assert "accessed" not in item and item["issued"] == {"date-parts": [[modified.year, modified.month, modified.day]]}
