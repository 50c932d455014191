"""The search index reads pages as MkDocs' own search plugin does (builder.output.search.page_sections)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.contrib.search.search_index import ContentParser

from builder.output.search import page_sections


def _mkdocs_reads(content: str):
    parser = ContentParser()
    parser.feed(content)
    parser.close()
    return parser.data, parser.stripped_html


def _reads_alike(content: str) -> bool:
    """page_sections reads `content` as ContentParser does, or declines to read it."""
    read = page_sections(content)
    return read is None or read == _mkdocs_reads(content)


def test_every_built_page_is_read_as_mkdocs_reads_it(built_site):
    read = 0
    for html in sorted(built_site.rglob("*.html")):
        page = html.read_text(encoding="utf-8")
        assert _reads_alike(page.replace("<!doctype html>", "", 1)), html
        main = re.search(r"<main\b.*</main>", page, flags=re.S)
        if main:  # the body the search index reads: the site's own markup is always read quickly
            assert page_sections(main[0]) is not None, html
            assert _reads_alike(main[0]), html
            read += 1
    assert read > 300


@pytest.mark.parametrize("content", [
    '<h2 id="a">Title &amp; more</h2><p>Text &lt;here&gt; and&nbsp;there</p>\n<h3 id=\'b\' class="x">B</h3>tail',
    '<p title="a > b">x</p><h2 title="id=wrong" id="right">T</h2>y',
    "before<h1>No id</h1><p>after</p>",
    '<h2 id="one" id="two">Twice</h2>',
    "<P>Upper</P><H2 ID=\"up\">Case</H2>z\n\n",
    "text with &amp; at the end &",
])
def test_well_formed_markup_is_read_alike(content):
    assert page_sections(content) is not None
    assert page_sections(content) == _mkdocs_reads(content)


@pytest.mark.parametrize("content", [
    "<!-- a comment --><h2 id=x>T</h2>",
    "<h2 id=x>T</h2><script>if (a < b) {}</script>",
    "<p>a < b</p>",
    "<style>p > a {}</style>",
    "<h2 id=x/>",
    '<p title="a<b">x</p>',
])
def test_what_the_pattern_cannot_read_is_left_to_html_parser(content):
    assert page_sections(content) is None


_markup = st.lists(st.one_of(
    st.sampled_from(["<h2 id=\"s\">", "</h2>", "<h1>", "</h1>", "<p>", "</p>", "<br>", "<br />", "<a href=\"#x\">",
                     "</a>", "<em>", "</em>", "&amp;", "&lt;", "&#39;", "&", "<", ">", "\n", "<!--", "-->",
                     "<p title='q\"'>", "<script>", "</script>"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_markup)
def test_any_markup_is_read_alike_or_declined(content):
    assert _reads_alike(content)
