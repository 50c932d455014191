"""The site search's two indexes, made from the one MkDocs' search plugin writes.

`search/search_index.json` (the plugin's, without the yearly matrices) has the full text of every
article and its sections; a page generated from the data is indexed by its description and the
names of what it is about (its tables and link lists are only other pages' names). `search/titles.json` has one entry per page: its title and the other names of
what it is about (aliases, acronyms, official names). The search box loads the small one as soon
as a search starts, so the first results come quickly even on a slow line, and the full text after.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.contrib.search.search_index import ContentSection, SearchIndex

if TYPE_CHECKING:
    from builder.views.pages import GeneratedPage


def trimmed(index: dict, hidden: set[str]) -> dict:
    """The index without the pages in `hidden` (page URLs) and their sections."""
    return {**index, "docs": [d for d in index["docs"] if d["location"].split("#", 1)[0] not in hidden]}


def with_texts(index: dict, texts: dict[str, str]) -> dict:
    """The index with the text of the pages in `texts` (page URL -> text) put in."""
    return {**index, "docs": [{**d, "text": texts[d["location"]]} if d["location"] in texts else d
                              for d in index["docs"]]}


def titles(index: dict, names: dict[str, list[str]]) -> dict:
    """One entry a page: `title`, `location`, and as `text` the other names it is known by."""
    docs = [{"location": d["location"], "title": d["title"], "text": " · ".join(names.get(d["location"], []))}
            for d in index["docs"] if "#" not in d["location"]]
    return {"docs": docs}


def dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# A tag as Python-Markdown and our templates write it: a name, then attributes whose quoted values
# may hold ">".
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
_HEADINGS = {f"h{level}" for level in range(1, 7)}
_RAW_TEXT = {"script", "style"}  # html.parser reads their content as text, not as tags


def page_sections(content: str) -> tuple[list[ContentSection], str] | None:
    """What MkDocs' search ContentParser reads in `content` (its sections, and the page's text),
    found with one regular expression instead of html.parser, which takes a search-indexed page's
    longest step. None when the page holds anything the pattern cannot read exactly as
    html.parser does (a comment, a declaration, a "<" that starts no tag, a script or style)."""
    tags = list(_TAG.finditer(content))
    if len(tags) != content.count("<") or "<!" in content or "<?" in content:
        return None
    sections: list[ContentSection] = []
    texts: list[str] = []
    section, in_heading, at = None, False, 0

    def text(data: str) -> None:
        data = html.unescape(data)
        texts.append(data)
        if section is None:
            return
        if in_heading:
            section.title = data
        else:
            section.text.append(data.rstrip("\n"))

    for tag in tags:
        if tag.start() > at:
            text(content[at:tag.start()])
        at = tag.end()
        name = tag[2].lower()
        if name in _RAW_TEXT or (name in _HEADINGS and tag[3].rstrip().endswith("/")):
            return None
        if name in _HEADINGS:
            if tag[1]:
                in_heading = False
            else:
                in_heading, section = True, ContentSection()
                section.id = _heading_id(tag[0])
                sections.append(section)
    if at < len(content):
        text(content[at:])
    return sections, "\n".join(texts)


def _heading_id(tag: str) -> str | None:
    """The id html.parser reads from a heading's start tag (a few a page: parsed exactly)."""
    found: list[str | None] = [None]

    class _Tag(HTMLParser):
        def handle_starttag(self, name, attrs):
            for key, value in attrs:
                if key == "id":
                    found[0] = value

    reader = _Tag()
    reader.feed(tag)
    reader.close()
    return found[0]


class QuickIndex(SearchIndex):
    """MkDocs' search index, with its entries made from page_sections where that reads the page,
    written once in its final form: `changes` gives the pages to leave out and the texts to put
    in (see trimmed, with_texts), and `final` keeps what was written for titles.json. Reading
    70 MB of JSON back in to change it took longer than writing it."""

    changes: Callable[[], tuple[set[str], dict[str, str]]] | None = None
    final: dict | None = None

    def generate_search_index(self) -> str:
        if self.changes is None or self.config["prebuild_index"]:
            return super().generate_search_index()
        hidden, texts = self.changes()
        config = json.loads(json.dumps(self.config, default=str))  # as MkDocs writes it
        self.final = with_texts(trimmed({"docs": self._entries, "config": config}, hidden), texts)
        return dumps(self.final)

    def add_entry_from_context(self, page) -> None:
        read = page_sections(page.content) if page.content is not None else None
        if read is None:
            return super().add_entry_from_context(page)
        sections, text = read
        full = self.config["indexing"] == "full"
        self._add_entry(title=page.title, text=text.rstrip("\n") if full else "", loc=page.url)
        if self.config["indexing"] in ("full", "sections"):
            for section in sections:
                self.create_entry_for_section(section, page.toc, page.url)



def changes(pages: Iterable[GeneratedPage], other_names: dict[str, list[str]]) -> tuple[set[str], dict[str, str]]:
    """The pages the full index leaves out, and the texts it gives generated pages."""
    pages = list(pages)
    hidden = {p.url for p in pages if not p.searchable}
    texts = {page.url: " ".join([page.description, *other_names.get(page.url, [])]).strip()
             for page in pages if page.searchable}
    return hidden, texts


def write_indexes(site_dir: Path, quick: QuickIndex | None, pages: Iterable[GeneratedPage],
                  names: dict[str, list[str]]) -> None:
    """The yearly matrices left out of the full index (they would crowd every result list), and
    the small index of page titles and names (page URL -> other names) that a search loads first."""
    index_file = site_dir / "search" / "search_index.json"
    if quick is not None and quick.final is not None:
        index = quick.final  # written so already
    elif index_file.is_file():  # another search index than ours, or a prebuilt one
        hidden, texts = changes(pages, names)
        index = with_texts(trimmed(json.loads(index_file.read_text(encoding="utf-8")), hidden), texts)
        index_file.write_text(dumps(index), encoding="utf-8")
    else:
        return
    (site_dir / "search" / "titles.json").write_text(dumps(titles(index, names)), encoding="utf-8")
