"""The article extension, on input/output pairs, and the text pass that reports bad annotations."""
from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from builder.load.articles import check_text
from builder.load.loader import load
from builder.markdown.annotations import ArticleExtension

from conftest import MINI_DATA


def render(text: str, article: str = "kazantsev"):
    ext = ArticleExtension(link=lambda url: "../../" + url, label=lambda kind, i: i.upper())
    ext.article = article
    html = markdown.Markdown(extensions=["footnotes", "attr_list", "tables", ext]).convert(text)
    return BeautifulSoup(html, "html.parser"), ext


def test_entity_links_keep_the_authors_words_and_point_to_the_entity_page():
    page, _ = render("The [[org:eurasec|EvrAzEC]] and [[country:kgz|the Kyrgyz Republic]] and [[org:csto]].")
    links = page.select("a.entity")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("EvrAzEC", "../../organizations/eurasec.md"),
        ("the Kyrgyz Republic", "../../countries/kgz.md"),
        ("CSTO", "../../organizations/csto.md"),
    ]


def test_an_annotation_inside_a_table_cell_does_not_split_the_cell():
    page, _ = render("| Row | Policy |\n|---|---|\n| [[org:cis|CIS]] | [[org:eu|EU]] favors one state |\n")
    cells = [td.get_text() for td in page.select("tbody td")]
    assert cells == ["CIS", "EU favors one state"]
    assert page.select_one("tbody a.entity")["href"] == "../../organizations/cis.md"


def test_paragraphs_are_numbered_with_visible_links_and_headings_are_not():
    page, _ = render("## A heading\n\nFirst.\n\n- a list\n- of two\n\n> quoted\n\nLast.")
    assert [e["id"] for e in page.select("[id^=p]")] == ["p1", "p2", "p3", "p4"]
    assert page.select_one("#p1 a.pnum")["href"] == "#p1"
    assert page.select_one("#p1 a.pnum").get_text() == "¶ 1"
    assert page.select_one("#p2").name == "div" and page.select_one("#p2 ul") is not None
    assert page.h2.get("id") is None or not page.h2["id"].startswith("p")


def test_editorial_blocks_standing_alone_get_no_paragraph_number():
    page, _ = render("Before.\n\n{{page:47 inferred}}\n\n## GUUAM\n\n{{ed: The chart is lost.}}\n\n"
                     "{{lacuna: Graph 1 is missing.}}\n\nAfter {{lacuna}}.")
    numbered = [e.get_text(" ", strip=True) for e in page.select("[id^=p]") if e["id"][1:].isdigit()]
    assert numbered == ["¶ 1 Before.", "¶ 2 After […] Text lost in the source. ."]
    assert page.select_one("#page-47") is not None
    assert len(page.select("p.editorial-block")) == 3


def test_a_byline_is_not_a_numbered_paragraph():
    page, _ = render("*Michael Emerson*[^4]\n{: .byline}\n\nText.\n\n[^4]: First appeared in 2004.")
    assert page.select_one("p.byline").get("id") is None
    assert page.select_one("#p1").get_text().endswith("Text.")


def test_footnotes_keep_their_printed_numbers_and_link_back():
    page, _ = render("Text[^56] and more[^57].\n\n[^56]: Note fifty-six.\n[^57]: Note fifty-seven.")
    refs = page.select("sup a.footnote-ref")
    assert [(a.get_text(), a["href"]) for a in refs] == [("56", "#fn56"), ("57", "#fn57")]
    assert [sup["id"] for sup in page.select("sup")] == ["fnref56", "fnref57"]
    items = page.select("div.footnote li")
    assert [(li["id"], li["value"]) for li in items] == [("fn56", "56"), ("fn57", "57")]
    assert page.select_one("#fn56 a.footnote-backref")["href"] == "#fnref56"


def test_page_starts_lacunae_editorial_notes_and_sic_are_marked_visibly():
    page, _ = render("by means {{page:87}} of a new {{page:88 inferred}} EU’s text{{sic}} "
                     "{{lacuna}} {{lacuna: Graph 1 is missing.}} {{ed: see [[country:uzb|Uzbekistan]]}}")
    assert page.select_one("#page-87").get_text() == "[p. 87]"
    assert "inferred" in page.select_one("#page-88")["class"]
    assert page.select_one("#page-88").get_text() == "[p. 88?]"
    lacunae = [s.get_text() for s in page.select(".lacuna")]
    assert lacunae == ["[…] Text lost in the source.", "[…] Graph 1 is missing."]
    note = page.select_one(".editorial")
    assert note.get_text().startswith("Editor’s note: see Uzbekistan")
    assert note.select_one("a.entity")["href"] == "../../countries/uzb.md"
    assert page.select_one(".sic").get_text() == "[sic]"


def test_mentions_are_recorded_by_paragraph_and_footnote():
    _, ext = render("## The [[org:cis|CIS]]\n\nThe [[org:csto|CSTO]].\n\nThe [[org:csto|CSTO]] again[^40].\n\n"
                    "[^40]: See [[org:sco|the SCO]].")
    assert ext.mentions.of("org", "csto") == {"kazantsev": [1, 2]}
    assert ext.mentions.of("org", "cis") == {"kazantsev": [1]}  # a heading counts for the next paragraph
    assert ext.footnote_mentions.of("org", "sco") == {"kazantsev": [40]}


def test_text_pass_reports_unknown_ids_and_footnote_mismatches_with_lines():
    data, _ = load(MINI_DATA)
    text = ("---\ntitle: T\nkind: chapter\n---\n\nThe [[org:ctso|CSTO]] and [[state:uzb|it]].\n"
            "A [[country:uzb\n\nMarker[^5] {{page:x}}.\n\n[^6]: orphan\n")
    assert [str(p) for p in check_text(text, "content/articles/x.md", data)] == [
        "content/articles/x.md:6: unknown organization 'ctso' in '[[org:ctso|CSTO]]' (did you mean 'csto'?)",
        "content/articles/x.md:6: unknown annotation kind 'state' in '[[state:uzb|it]]' (use org, country or person)",
        "content/articles/x.md:7: '[[country:uzb' is not a complete annotation like [[org:id|label]]",
        "content/articles/x.md:9: '{{page:x}}' should be {{page:N}} or {{page:N inferred}}",
        "content/articles/x.md:9: footnote [^5] has no definition '[^5]: …'",
        "content/articles/x.md:11: footnote [^6] is defined but never referenced",
    ]
