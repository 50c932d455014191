"""The citable passages of a rendered article: each numbered paragraph (`p12`) and each printed
note (`fn56`), with the author's words apart from the editor's notes.

A fact may rest on an article's words: a source reference `slug#p12` with a `quote`. The quote
must be the author's (builder.load.validate.misquoted), and a fact that only the editor's note of
a paragraph states is circular (python -m builder audit). Both need the paragraph's text as the
reader sees it, numbered as the page numbers it, so the text is read from the rendered tree.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

# The editor's apparatus, not the author's words: notes, page starts, [sic], paragraph marks.
_EDITORIAL = "editorial"
# Raw HTML kept aside by Python-Markdown until the page is serialized (a note's back link).
_STASHED = re.compile("\x02[^\x03]*\x03")
_SKIPPED = {"page-start", "pnum", "sic", "ed-label", "footnote-backref", "copy-link"}


@dataclass(slots=True)  # 70,000 of them at 1,000 articles, each kept to the end of the build
class Passage:
    anchor: str  # "p12" or "fn56"
    words: str  # the author's text, as read (entity labels included)
    editorial: str = ""  # the text of the editor's notes in it
    entities: set[str] = field(default_factory=set)  # "org:an-org" named in the author's words
    editorial_entities: set[str] = field(default_factory=set)
    notes: list[int] = field(default_factory=list)  # printed numbers of the notes it calls


def normalized(text: str) -> str:
    """Text compared for quotation: typographic quotes and dashes as plain ones, one space."""
    text = unicodedata.normalize("NFKC", text)
    for fancy, plain in (("‘’ʼ`", "'"), ("“”„«»", '"'), ("–—‒", "-")):
        text = re.sub(f"[{fancy}]", plain, text)
    return " ".join(text.split())


def quoted(quote: str, passage: Passage) -> str | None:
    """Where a quotation stands in the passage: "words" (the author's), "editorial" (only in an
    editor's note), or None (not in the passage)."""
    wanted = normalized(quote)
    if wanted in normalized(passage.words):
        return "words"
    if wanted in normalized(passage.editorial):
        return "editorial"
    return None


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _read(element, passage: Passage, editorial: bool, words: list[str], notes: list[str]) -> None:
    """Walks the element's text in reading order into `words` or `notes` (the editor's)."""
    classes = _classes(element)
    if classes & _SKIPPED or (element.tag == "sup" and element.find("a") is not None
                              and "footnote-ref" in _classes(element.find("a"))):
        if element.tag == "sup":
            number = (element.find("a").text or "").strip()
            if number.isdigit():
                passage.notes.append(int(number))
        (notes if editorial else words).append(element.tail or "")
        return
    inside = editorial or _EDITORIAL in classes
    target = notes if inside else words
    target.append(element.text or "")
    entity = element.get("data-entity")
    if entity:
        (passage.editorial_entities if inside else passage.entities).add(entity)
    for child in element:
        _read(child, passage, inside, words, notes)
    (notes if editorial else words).append(element.tail or "")


def read_passage(anchor: str, element) -> Passage:
    passage = Passage(anchor, "")
    words: list[str] = []
    notes: list[str] = []
    element_tail, element.tail = element.tail, None  # the text after the block is not in it
    try:
        _read(element, passage, False, words, notes)
    finally:
        element.tail = element_tail
    passage.words = " ".join(_STASHED.sub("", "".join(words)).split())
    passage.editorial = " ".join(_STASHED.sub("", "".join(notes)).split())
    return passage


def passages_of(root) -> dict[str, Passage]:
    """The numbered paragraphs and printed notes of a rendered article body."""
    found: dict[str, Passage] = {}
    for element in root.iter():
        anchor = element.get("id") or ""
        if re.fullmatch(r"p[1-9]\d*", anchor) or (element.tag == "li" and re.fullmatch(r"fn[1-9]\d*", anchor)):
            found[anchor] = read_passage(anchor, element)
    return found


class PassageCollector(Treeprocessor):
    """Keeps each article's passages as it renders (last, once every link and number is in)."""

    def __init__(self, md: Markdown, store: dict[str, dict[str, Passage]], article: Callable[[], str]):
        super().__init__(md)
        self.store = store
        self.article = article

    def run(self, root):
        slug = self.article()
        if slug:
            self.store[slug] = passages_of(root)


def article_passages(body: str, extensions: list | None = None) -> dict[str, Passage]:
    """Render an article's Markdown body on its own, as the site does, and read its passages."""
    from builder.markdown.annotations import ArticleExtension

    extension = ArticleExtension()
    extension.article = "article"
    md = Markdown(extensions=[extension, *(extensions if extensions is not None else ["footnotes", "attr_list",
                                                                                      "tables"])])
    md.convert(body)
    return extension.passages.get("article", {})
