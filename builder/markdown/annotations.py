"""Python-Markdown extension for the articles: entity links, page starts, lacunae, editorial
notes, paragraph numbers and footnotes that show their printed numbers.

Syntax, in the article's Markdown:

    [[org:an-org|the Organization]]  [[country:fra]]  [[person:a-person|A. Person]]
    {{page:58}}  {{page:57 inferred}}  {{lacuna}}  {{lacuna: Graph 1 is missing}}
    {{ed: an editorial note, which may hold [[org:an-org|links]]}}  {{sic}}

Each inline construct is one processor; the paragraph numbers and footnote labels are tree
processors that add elements (not raw HTML), so MkDocs' anchor validation sees the ids.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from builder.core.syntax import ANNOTATION, DIRECTIVE, ENTITY_KINDS
from builder.core.syntax import PIPE as _PIPE
from builder.markdown.inline import QuickInlineProcessor
from builder.markdown.passages import PassageCollector


@dataclass
class Mentions:
    """Which paragraphs of which article mention each entity: filled while articles render."""

    by_entity: dict[tuple[str, str], dict[str, list[int]]] = field(default_factory=dict)

    def add(self, kind: str, entity_id: str, article: str, paragraph: int) -> None:
        paragraphs = self.by_entity.setdefault((kind, entity_id), {}).setdefault(article, [])
        if paragraph not in paragraphs:
            paragraphs.append(paragraph)

    def of(self, kind: str, entity_id: str) -> dict[str, list[int]]:
        return self.by_entity.get((kind, entity_id), {})


class _EntityLink(InlineProcessor):
    def __init__(self, pattern: str, md: Markdown, ext: ArticleExtension):
        super().__init__(pattern, md)
        self.ext = ext
        self._later: list | None = None  # the inline patterns that run on this one's text
        self._plain: dict[str, bool] = {}

    def handleMatch(self, m, data):
        kind, entity_id = m.group("kind"), m.group("id")
        link = etree.Element("a")
        link.set("class", f"entity entity-{kind}")
        # Filled in by _EntityHrefs, after MkDocs has resolved the page's own links: the entity
        # ids are checked with the data, and MkDocs' resolution of a link costs more than the
        # rest of the annotation. Set here so that the attributes keep their order.
        link.set("href", "")
        link.set("data-entity", f"{kind}:{entity_id}")
        # The author's own link text is Markdown; a label from the data is text, never parsed again.
        text = m.group("text")
        link.text = self._as_parsed(text) if text else AtomicString(self.ext.label(kind, entity_id))
        return link, m.start(0), m.end(0)

    def _as_parsed(self, text: str) -> str:
        """The label as Markdown would leave it: atomic when no later inline pattern finds
        anything in it, which spares Python-Markdown a pass of every pattern over each label."""
        if self._later is None:  # known once every extension has registered its patterns
            patterns = self.md.inlinePatterns
            self._later = [patterns[i].getCompiledRegExp()
                           for i in range(patterns.get_index_for_name("entity-link") + 1, len(patterns))]
        plain = self._plain.get(text)
        if plain is None:
            plain = self._plain[text] = not any(pattern.search(text) for pattern in self._later)
        return AtomicString(text) if plain else text


class _EntityHrefs(Treeprocessor):
    """Points every entity link at its page, once MkDocs has resolved the other links."""

    def __init__(self, md: Markdown, ext: ArticleExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        for link in root.iter("a"):
            entity = link.get("data-entity")
            if entity and link.get("href") == "":
                kind, _, entity_id = entity.partition(":")
                link.set("href", self.ext.link(f"{ENTITY_KINDS.get(kind, kind)}/{entity_id}.md"))


class _ProtectAnnotationPipes(Preprocessor):
    def run(self, lines):
        return [ANNOTATION.sub(lambda m: m[0].replace("|", _PIPE, 1), line) for line in lines]


class _Directive(InlineProcessor):
    def handleMatch(self, m, data):
        name, arg = m.group("name"), (m.group("arg") or "").strip()
        span = etree.Element("span")
        if name == "page":
            number, _, flag = arg.partition(" ")
            inferred = flag.strip() == "inferred"
            span.set("class", "page-start" + (" inferred" if inferred else ""))
            span.set("id", f"page-{number}")
            span.set("title", f"Page {number} of the printed volume begins here"
                              + (" (inferred: the page number is not printed in the source)" if inferred else ""))
            span.text = f"[p. {number}{'?' if inferred else ''}]"
        elif name == "lacuna":
            span.set("class", "lacuna")
            span.set("role", "note")
            span.text = "[…] " + (arg or "Text lost in the source.")
            span.set("title", "Lacuna: text lost in the source")
        elif name == "ed":
            span.set("class", "editorial")
            span.set("role", "note")
            label = etree.SubElement(span, "span")
            label.set("class", "ed-label")
            label.text = "Editor’s note: "
            label.tail = arg
        else:  # sic
            span.set("class", "sic")
            span.text = "[sic]"
        return span, m.start(0), m.end(0)


# Blocks that carry a paragraph number; headings, rules and the footnote list do not.
_NUMBERED = {"p", "blockquote", "ul", "ol", "table", "pre"}


class _ParagraphNumbers(Treeprocessor):
    def __init__(self, md: Markdown, ext: ArticleExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        if not self.ext.article:
            return  # only the articles' paragraphs are numbered and cited
        number = 0
        pending: list[str] = []  # entities named in a heading count for the paragraph after it
        for index, element in enumerate(list(root)):
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                pending += _entities(element)
                label = _contents_label(element)
                if label is not None:
                    element.set("data-toc-label", label)  # read (and removed) by the toc extension
                continue
            if element.tag not in _NUMBERED or "byline" in (element.get("class") or "").split():
                continue
            if element.tag == "p" and _only_editorial(element):
                # A page start before a heading, an editor's note or a lacuna standing alone: not
                # the author's paragraph, so no number (numbers cite the author's text).
                element.set("class", "editorial-block")
                continue
            number += 1
            anchor = f"p{number}"
            mark = etree.Element("a")
            mark.set("class", "pnum")
            mark.set("href", f"#{anchor}")
            mark.set("title", f"Paragraph {number}: link to cite")
            mark.text = f"¶ {number}"
            if element.tag == "p":
                element.set("id", anchor)
                mark.tail = element.text
                element.text = None
                element.insert(0, mark)
                target = element
            else:
                wrapper = etree.Element("div")
                wrapper.set("class", "para")
                wrapper.set("id", anchor)
                wrapper.append(mark)
                root.remove(element)
                if element.tag == "table":
                    # A wide table scrolls inside its own box, never the page; the box takes the
                    # keyboard focus so that it can be scrolled without a mouse.
                    box = etree.SubElement(wrapper, "div")
                    box.set("class", "table-scroll")
                    box.set("tabindex", "0")
                    box.set("role", "region")
                    box.set("aria-label", f"Table of paragraph {number}")
                    box.append(element)
                else:
                    wrapper.append(element)
                root.insert(index, wrapper)
                target = wrapper
            for entity in pending + _entities(target):
                kind, _, entity_id = entity.partition(":")
                self.ext.mentions.add(kind, entity_id, self.ext.article, number)
            pending = []
        paragraphs = number
        for index, element in enumerate(list(root)):
            if element.tag == "div" and "footnote" in (element.get("class") or "").split():
                # The notes get a heading of their own (and so a place in the contents), which
                # takes the place of the rule above them.
                heading = etree.Element("h2")
                heading.text = "Notes"
                root.insert(index, heading)
                rule = element.find("hr")
                if rule is not None:
                    element.remove(rule)
                break
        notes: list[int] = []
        for footnotes in root.iter("div"):
            if "footnote" in (footnotes.get("class") or "").split():
                # The notes themselves, not the items of a list inside a note; id="fn56" (set by the
                # footnotes extension). A note with a name, not a number ([^a], id="fn:a"), has no
                # printed number to cite.
                for item in (item for ol in footnotes.findall("ol") for item in ol.findall("li")):
                    number = (item.get("id") or "").removeprefix("fn")
                    if not (number.isascii() and number.isdigit()):
                        continue
                    notes.append(int(number))
                    for entity in _entities(item):
                        kind, _, entity_id = entity.partition(":")
                        self.ext.footnote_mentions.add(kind, entity_id, self.ext.article, int(number))
        self.ext.numbered[self.ext.article] = (paragraphs, notes)


def _entities(element) -> list[str]:
    """The `kind:id` of every entity link inside `element`."""
    return [a.get("data-entity") for a in element.iter("a") if a.get("data-entity")]


_EDITORIAL_CLASSES = {"page-start", "editorial", "lacuna"}
# The editor's apparatus a heading's entry in the contents leaves out (a lost word stays marked).
_APPARATUS_CLASSES = {"page-start", "editorial", "sic"}


def _contents_label(heading) -> str | None:
    """The heading's text without page starts and editor's notes, for the contents; None when it
    has none (the heading's own text is used). The heading's id is made from its whole text
    before this label is read, so published anchors stay as they are."""
    def apparatus(element) -> bool:
        return bool(_APPARATUS_CLASSES & set((element.get("class") or "").split()))

    if not any(apparatus(e) for e in heading.iter()):
        return None
    parts: list[str] = []

    def walk(element) -> None:
        parts.append(element.text or "")
        for child in element:
            if not apparatus(child):
                walk(child)
            parts.append(child.tail or "")

    walk(heading)
    return " ".join("".join(parts).split())


def _only_editorial(paragraph) -> bool:
    children = list(paragraph)
    if not children or (paragraph.text or "").strip():
        return False
    return all(_EDITORIAL_CLASSES & set((c.get("class") or "").split()) and not (c.tail or "").strip()
               for c in children)


class _PrintedFootnoteNumbers(Treeprocessor):
    """Python-Markdown numbers notes 1, 2, 3 …; the volume's notes run 1–136, so show the labels."""

    def run(self, root):
        # The contract is #fn56 (and #fnref56 for the marker); Python-Markdown writes fn:56.
        for element in root.iter():
            for attr in ("id", "href"):
                value = element.get(attr)
                if value and re.fullmatch(r"#?fn(ref)?:\d+(:\d+)?", value):
                    element.set(attr, value.replace(":", "", 1))
        for sup in root.iter("sup"):
            for link in sup.iter("a"):
                if "footnote-ref" in (link.get("class") or ""):
                    link.text = link.get("href", "#fn").removeprefix("#fn")
        for link in root.iter("a"):
            if "footnote-backref" in (link.get("class") or ""):
                link.set("title", f"Back to the marker of note {link.get('href', '').removeprefix('#fnref')}")
        for div in root.iter("div"):
            if "footnote" in (div.get("class") or "").split():
                for ol in div.iter("ol"):
                    for item in ol:
                        label = item.get("id", "").removeprefix("fn")
                        if label.isdigit():
                            item.set("value", label)


class ArticleExtension(Extension):
    """Configured per page by the plugin: `link` turns an entity page's source path
    ("organizations/an-org.md") into the href of a link to it from the page being converted."""

    def __init__(self, link: Callable[[str], str] | None = None,
                 label: Callable[[str, str], str] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.link = link or (lambda url: url)
        self.label = label or (lambda kind, entity_id: entity_id)
        self.mentions = Mentions()
        self.footnote_mentions = Mentions()
        # By article: how many paragraphs it numbers, and its notes' printed numbers (what a
        # reader can cite in it, #p1 to #pN and #fn<n>).
        self.numbered: dict[str, tuple[int, list[int]]] = {}
        self.passages: dict[str, dict] = {}  # article slug -> its passages (builder.markdown.passages)
        self.article = ""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_ProtectAnnotationPipes(md), "annotation-pipes", 25)
        # Above links (160) and emphasis, so the text inside the brackets is still processed.
        md.inlinePatterns.register(_EntityLink(ANNOTATION.pattern, md, self), "entity-link", 175)
        md.inlinePatterns.register(_Directive(DIRECTIVE.pattern, md), "article-directive", 176)
        # After the footnotes extension has placed its list (50) and handled duplicates (15),
        # After attr_list (8), so that a `{: .byline}` class is already set.
        md.treeprocessors.register(_PrintedFootnoteNumbers(md), "printed-footnote-numbers", 7)
        md.treeprocessors.register(_ParagraphNumbers(md, self), "paragraph-numbers", 6)
        # After MkDocs' link resolution ("relpath", 0): see _EntityLink.
        md.treeprocessors.register(_EntityHrefs(md, self), "entity-hrefs", -10)
        # Last: each article's paragraphs and notes as read, for the quotes that cite them.
        md.treeprocessors.register(PassageCollector(md, self.passages, lambda: self.article), "passages", -20)
        # Python-Markdown's own inline pass, at its own place, minus the fruitless pattern tries.
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)
