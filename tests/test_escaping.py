"""Data and front matter are text: a hostile string shows as itself in every place it reaches.

One small project is built with the same string in every text field of the data, in an article's
front matter and in the site's name; each test reads one place of the built site back.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EVIL
from conftest import HOSTILE_SITE_URL as SITE_URL
from conftest import HOSTILE_SOURCE_URL as SOURCE_URL

PAGES = ["", "articles/", "articles/evil/", "organizations/", "organizations/csto/", "countries/",
         "countries/uzb/", "people/", "people/doe/", "sources/", "matrix/", "matrix/2008/",
         "timeline/", "overlap/cis-csto/"]


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _pages(site: Path) -> list[str]:
    return [url for url in PAGES if (site / url / "index.html").is_file()]


def test_the_hostile_project_has_every_page_kind(hostile_site):
    missing = [url for url in PAGES if url != "overlap/cis-csto/" and not (hostile_site / url / "index.html").is_file()]
    assert missing == []


@pytest.mark.parametrize("url", [u for u in PAGES if u != "overlap/cis-csto/"])
def test_body_shows_the_text_and_runs_nothing(hostile_site, url):
    html = _html(hostile_site, url)
    page = BeautifulSoup(html, "html.parser")
    scripts = [s.get_text() for s in page.find_all("script")]
    assert not any("alert(1)" in s for s in scripts if s.lstrip()[:1] != "{"), url  # JSON-LD is text
    assert "<script>alert" not in html and "</script><!--" not in html
    assert "{{ 7*7 }}" in html.replace("&#123;", "{") or url in ("",), url
    assert "49" not in page.get_text() or "{{ 7*7 }}" in page.get_text()
    main = page.find("main").get_text()
    if url not in ("",):
        assert EVIL in main or EVIL in page.find("title").get_text(), url


def test_the_evil_text_is_whole_wherever_it_is_shown(hostile_site):
    org = BeautifulSoup(_html(hostile_site, "organizations/csto/"), "html.parser")
    assert org.h1.get_text(" ", strip=True).startswith(f"Organization {EVIL}")
    assert org.select_one("p.lede").get_text().startswith(f"Summary {EVIL}")
    assert f"Alias {EVIL}" in org.select_one("dd.aliases").get_text()
    assert f"Record {EVIL}" in org.select_one("ul.records").get_text()
    assert org.select_one(".claim-text").get_text() == f"“Quote {EVIL}” (Art. {EVIL})"
    assert f"Quote {EVIL}" in org.select_one(".source-notes blockquote.quote").get_text()
    sources = BeautifulSoup(_html(hostile_site, "sources/"), "html.parser")
    entry = sources.select_one("ol.bibliography li").get_text()
    assert f"Author {EVIL}" in entry and f"Title {EVIL}" in entry and f"SNote {EVIL}" in entry
    article = BeautifulSoup(_html(hostile_site, "articles/evil/"), "html.parser")
    header = article.select_one("header.article-header").get_text()
    for text in (f"Article {EVIL}", f"Ann {EVIL} Author", f"Aff {EVIL}", f"Part {EVIL}", f"Volume {EVIL}"):
        assert text in header
    links = {a.get_text() for a in article.select(".article-body a.entity")}
    assert {f"Country {EVIL}", f"Jane {EVIL} Doe"} <= links


# Every attribute name the theme writes: a quote that ends an attribute early would add others.
KNOWN_ATTRIBUTES = {
    "lang", "charset", "name", "content", "property", "rel", "href", "type", "media", "class", "id",
    "role", "aria-label", "aria-labelledby", "aria-live", "aria-current", "aria-describedby", "aria-hidden",
    "for", "placeholder", "autocomplete", "hidden", "data-index", "data-titles", "data-base", "title", "datetime",
    "data-org", "data-country", "data-cite", "data-kind", "data-region", "data-col", "data-entity", "data-style",
    "value", "scope", "download", "xmlns", "viewbox", "width", "height", "preserveaspectratio", "x",
    "y", "x1", "x2", "y1", "y2", "text-anchor", "fill", "patternunits", "patterntransform", "cx",
    "cy", "r", "stroke-width", "min", "max", "src", "defer", "start", "sizes", "checked", "data-filter",
    "action", "method", "style", "tabindex", "open", "d", "colspan", "data-counted",
}


@pytest.mark.parametrize("url", [u for u in PAGES if u != "overlap/cis-csto/"])
def test_attributes_are_not_broken_open(hostile_site, url):
    page = BeautifulSoup(_html(hostile_site, url), "html.parser")
    for element in page.find_all(True):
        unknown = set(element.attrs) - KNOWN_ATTRIBUTES
        assert not unknown, f"{url}: <{element.name}> has {sorted(unknown)}"


def test_attribute_values_carry_the_whole_text(hostile_site):
    org = BeautifulSoup(_html(hostile_site, "organizations/csto/"), "html.parser")
    assert org.find("meta", attrs={"name": "description"})["content"] == f"Summary {EVIL}"
    assert org.find("meta", property="og:description")["content"] == f"Summary {EVIL}"
    assert org.find("meta", attrs={"name": "DC.title"})["content"].startswith(f"Organization {EVIL}")
    matrix = BeautifulSoup(_html(hostile_site, "matrix/2008/"), "html.parser")
    assert f"Organization {EVIL}" in {a.get("title") for a in matrix.select("table.matrix thead a")}
    article = BeautifulSoup(_html(hostile_site, "articles/evil/"), "html.parser")
    assert article.find("meta", attrs={"name": "citation_title"})["content"] == f"Article {EVIL}"
    sources = BeautifulSoup(_html(hostile_site, "sources/"), "html.parser")
    assert [a["href"] for a in sources.select("a[rel=external]")] == [SOURCE_URL] * len(sources.select("ol.bibliography li"))
    timeline = BeautifulSoup(_html(hostile_site, "timeline/"), "html.parser")
    labels = [e["aria-label"] for e in timeline.find_all(attrs={"aria-label": True})]
    assert all('"' not in label or "dq" in label for label in labels)


@pytest.mark.parametrize("url", ["articles/evil/", "organizations/csto/", "countries/uzb/", "people/doe/"])
def test_jsonld_is_valid_json_that_cannot_close_its_script(hostile_site, url):
    html = _html(hostile_site, url)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in block and ">" not in block and "&" not in block.replace("\\u0026", "")
    data = json.loads(block)
    name = data.get("headline") or data["name"]
    assert EVIL in name


def test_exports_keep_the_text(hostile_site):
    entities = json.loads((hostile_site / "data/entities.json").read_text(encoding="utf-8"))
    names = {o["name"] for o in entities["organizations"]}
    assert f"Organization {EVIL}" in names
    events = json.loads((hostile_site / "data/events.json").read_text(encoding="utf-8"))
    assert events[0]["title"] == f"Event {EVIL}" and events[0]["summary"] == f"ESummary {EVIL}"
    timeline = json.loads((hostile_site / "data/timeline.json").read_text(encoding="utf-8"))
    # TimelineJS reads headline and text as HTML: they hold the text escaped.
    assert html.unescape(timeline["events"][0]["text"]["headline"]) == f"Event {EVIL}"
    assert "<" not in timeline["events"][0]["text"]["headline"] + timeline["title"]["text"]["headline"]
    memberships = json.loads((hostile_site / "data/memberships.json").read_text(encoding="utf-8"))
    assert memberships[0]["claims"][0]["quote"] == f"Quote {EVIL}"
    assert memberships[0]["sources"] == [c["source"] for c in memberships[0]["claims"]]
    rows = list(csv.DictReader(io.StringIO((hostile_site / "data/memberships.csv").read_text(encoding="utf-8"))))
    assert rows and all(set(row) == {"org", "country", "status", "from", "to", "sources", "ended_by"} for row in rows)
    country_year = list(csv.reader(io.StringIO((hostile_site / "data/country-year.csv").read_text(encoding="utf-8"))))
    assert len({len(row) for row in country_year}) == 1


def test_csl_json_keeps_the_text(hostile_site):
    item = json.loads((hostile_site / "articles/evil/cite.json").read_text(encoding="utf-8"))[0]
    assert item["title"] == f"Article {EVIL}"
    assert item["container-title"] == f"Volume {EVIL}"
    page = json.loads((hostile_site / "organizations/csto/cite.json").read_text(encoding="utf-8"))[0]
    assert page["title"].startswith(f"Organization {EVIL}")


def test_ris_keeps_one_field_a_line(hostile_site):
    for url in ("articles/evil/", "organizations/csto/", "people/doe/"):
        lines = (hostile_site / url / "cite.ris").read_bytes().decode("utf-8").split("\r\n")
        assert lines[-1] == ""
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1]), lines
    lines = (hostile_site / "articles/evil/cite.ris").read_bytes().decode("utf-8").split("\r\n")
    assert f"TI  - Article {EVIL}" in lines


def _from_tex(value: str) -> str:
    """Undo the escapes TeX reads as the characters themselves (what biber and LaTeX print)."""
    words = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^", "-{}-": "--"}
    for tex, char in words.items():
        value = value.replace(tex, char)
    return re.sub(r"\\([{}&%$#_])", r"\1", value)


def test_bibtex_parses_and_keeps_the_text(hostile_site):
    pybtex = pytest.importorskip("pybtex.database")
    for url, title in (("articles/evil/", f"Article {EVIL}"), ("organizations/csto/", f"Organization {EVIL}")):
        database = pybtex.parse_string((hostile_site / url / "cite.bib").read_text(encoding="utf-8"), "bibtex")
        (entry,) = database.entries.values()
        assert _from_tex(entry.fields["title"].removeprefix("{").removesuffix("}")).startswith(title)
    (entry,) = pybtex.parse_string((hostile_site / "articles/evil/cite.bib").read_text(encoding="utf-8"),
                                   "bibtex").entries.values()
    (author,) = entry.persons["author"]
    assert _from_tex(" ".join(author.first_names + author.middle_names)) == f"Ann {EVIL}"
    assert _from_tex(entry.fields["booktitle"]) == f"Volume {EVIL}"


def test_sitemap_is_well_formed_xml(hostile_site):
    tree = ElementTree.parse(hostile_site / "sitemap.xml")
    locations = [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{SITE_URL}organizations/csto/" in locations


def test_redirect_pages_keep_targets_as_text(tmp_path):
    from jinja2 import Environment, FileSystemLoader

    from conftest import ROOT

    env = Environment(loader=FileSystemLoader(ROOT / "templates"), autoescape=True)
    target = '../x/"+alert(1)+"</script>/'
    html = env.get_template("redirect.html").render(target=target, anchors={}, canonical=None, title=EVIL)
    script = re.search(r"<script>(.*?)</script>", html, re.S)[1]
    assert "alert(1)+\"" not in script and "</script" not in script
    assert json.loads(re.search(r"\|\| \((.*?) \+ location\.hash", script)[1]) == target
