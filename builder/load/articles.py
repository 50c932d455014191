"""The articles in content/articles/: their front matter, and a text pass over their annotations.

The text pass runs before anything renders, so that an unknown entity id or a footnote marker
without its note is reported with FILE:LINE together with the data's problems.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.core.model import SLUG, Dataset
from builder.core.syntax import ANNOTATION, DIRECTIVE
from builder.load.problems import Problem, did_you_mean, display_path
from builder.load.yamlfile import Record, read_text
from builder.load.yamlfile import parse as parse_yaml

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MARKER = re.compile(r"\[\^([^\]\s]+)\]")
# As Python-Markdown's footnotes read it: at a line's start, after at most three spaces.
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")


@dataclass
class Author:
    name: str
    printed: str | None = None
    affiliation: str | None = None
    affiliation_source: str | None = None


@dataclass
class Article:
    slug: str
    file: str
    title: str
    kind: str
    order: int
    authors: list[Author] = field(default_factory=list)
    part: str | None = None
    pages: str | None = None
    pages_inferred: bool = True
    publication: dict = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    collection: str | None = None  # the id of the printed work it belongs to (site_data/collections.yaml)
    mentions: dict[str, int] = field(default_factory=dict)  # "org:abc" -> how often the text names it

    @property
    def url(self) -> str:
        return f"articles/{self.slug}/"

    @property
    def byline(self) -> str:
        return ", ".join(a.name for a in self.authors) or "The editors"


def article_files(articles_dir: Path) -> list[Path]:
    if not articles_dir.is_dir():
        return []
    return sorted(p for p in articles_dir.glob("*.md") if p.stem != "index")


ARTICLE_KINDS = ("chapter", "preface", "journal-article")
_AUTHOR_FIELDS = ("name", "printed", "affiliation", "affiliation_source")


class _FrontMatter:
    """Reads front matter fields one by one, collecting a problem per field that is wrong."""

    def __init__(self, meta: Record, display: str):
        self.meta, self.display = meta, display
        self.problems: list[Problem] = []

    def report(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.display, line or self.meta.line_of(key), f"front matter: {message}"))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                self.report(key, f"'{key}' is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(key, f"'{key}' must be text, got {_kind_of(value)}")
            return None
        return str(value).strip()

    def mapping(self, key: str) -> dict:
        value = self.meta.get(key)
        if value is None:
            return {}
        if not isinstance(value, Record):  # every mapping the loader reads is a Record
            self.report(key, f"'{key}' must be key: value lines, got {_kind_of(value)}")
            return {}
        for name, item in value.items():
            if isinstance(item, (list, dict)):
                self.report(key, f"'{key}: {name}' must be text, got {_kind_of(item)}", value.line_of(name))
        return value


def _kind_of(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "key: value lines"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    return repr(value)


def read_article(path: Path, display: str, data: Dataset | None = None) -> tuple[Article | None, list[Problem]]:
    if not SLUG.match(path.stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "article"
        return None, [Problem(display, 1, f"the file name is the article's address: '{path.stem}' must be "
                                          f"lowercase letters, digits and single hyphens (e.g. '{suggestion}.md')")]
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    match = _FRONT.match(text)
    if not match:
        return None, [Problem(display, 1, "an article starts with front matter between '---' lines")]
    meta, _, problems = parse_yaml(match[1] + "\n", display, first_line=2)
    if problems:
        return None, [Problem(p.file, p.line, f"front matter: {p.message}") for p in problems]
    if not isinstance(meta, Record):
        return None, [Problem(display, 2, f"front matter: expected key: value lines, got {_kind_of(meta)}")]
    front = _FrontMatter(meta, display)
    title, kind = front.text("title", required=True), front.text("kind", required=True)
    if kind is not None and kind not in ARTICLE_KINDS:
        front.report("kind", f"'kind' is '{kind}'; use one of {', '.join(ARTICLE_KINDS)}"
                             f"{did_you_mean(kind, ARTICLE_KINDS)}")
    order = meta.get("order", 0)
    if isinstance(order, bool) or not isinstance(order, int):
        front.report("order", f"'order' must be a whole number, got {_kind_of(order)}")
        order = 0
    pages_inferred = meta.get("pages_inferred", True)
    if not isinstance(pages_inferred, bool):
        front.report("pages_inferred", f"'pages_inferred' must be true or false, got {_kind_of(pages_inferred)}")
    authors = _authors(front)
    publication = _publication(front, data)
    article = Article(
        slug=path.stem, file=display, title=title or "", kind=kind or "", order=order, authors=authors,
        part=front.text("part"), pages=front.text("pages"), pages_inferred=pages_inferred is not False,
        publication=publication, source=front.mapping("source"), meta=meta, collection=front.text("collection"),
    )
    if front.problems:
        return None, front.problems
    for match in ANNOTATION.finditer(text):
        key = f"{match['kind']}:{match['id']}"
        article.mentions[key] = article.mentions.get(key, 0) + 1
    return article, check_text(text, display, data)


def _publication(front: _FrontMatter, data: Dataset | None) -> dict:
    """Where the article was printed: its collection's record (site_data/collections.yaml), with
    the article's own `publication` keys over it."""
    own = front.mapping("publication")
    name = front.text("collection")
    if name is None or data is None:
        return own
    collection = data.collections.get(name)
    if collection is None:
        if name not in data.unreadable:
            known = sorted(data.collections)
            front.report("collection", f"collection '{name}' is not in site_data/collections.yaml"
                                       f"{did_you_mean(name, known)}"
                                       + (f"; use one of: {', '.join(known)}" if known else ""))
        return own
    return {**collection.publication(), **own}


def _authors(front: _FrontMatter) -> list[Author]:
    value = front.meta.get("authors")
    if value is None:
        return []
    if not isinstance(value, list):
        front.report("authors", f"'authors' must be a list of '- name: …' entries, got {_kind_of(value)}")
        return []
    authors = []
    for item in value:
        line = item.line if isinstance(item, Record) else front.meta.line_of("authors")
        if not isinstance(item, Record) or not isinstance(item.get("name"), str) or not item["name"].strip():
            front.report("authors", "each author needs a 'name' (text)", line)
            continue
        unknown = sorted(str(k) for k in item if k not in _AUTHOR_FIELDS)
        if unknown:
            front.report("authors", f"an author has unknown field '{unknown[0]}'"
                                    f"{did_you_mean(unknown[0], _AUTHOR_FIELDS)}", item.line_of(unknown[0]))
            continue
        wrong = [k for k in _AUTHOR_FIELDS if item.get(k) is not None and not isinstance(item[k], str)]
        if wrong:
            front.report("authors", f"an author's '{wrong[0]}' must be text, got {_kind_of(item[wrong[0]])}",
                         item.line_of(wrong[0]))
            continue
        authors.append(Author(**{k: item[k].strip() for k in _AUTHOR_FIELDS if item.get(k)}))
    return authors


DIRECTIVE_NAMES = ("page", "lacuna", "ed", "sic")
_DIRECTIVE_START = re.compile(r"\{\{\s*([A-Za-z]*)")


def check_text(text: str, display: str, data: Dataset | None) -> list[Problem]:
    """Problems in the body's annotations and footnotes (entity ids only when `data` is given)."""
    problems: list[Problem] = []
    tables: dict[str, tuple[dict, str]] = {}
    if data is not None:
        tables = {"org": (data.organizations, "organization"), "country": (data.countries, "country"),
                  "person": (data.people, "person")}
    markers: dict[str, int] = {}
    definitions: dict[str, int] = {}
    front = _FRONT.match(text)
    body_starts = text[: front.end()].count("\n") + 1 if front else 1  # front matter is data, not text
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: \f is not a line end
        if number < body_starts:
            continue
        for m in ANNOTATION.finditer(line):
            kind, entity_id = m["kind"], m["id"]
            if kind not in ("org", "country", "person"):
                problems.append(Problem(display, number, f"unknown annotation kind '{kind}' in '{m[0]}' "
                                                         f"(use org, country or person)"))
            elif data is not None and entity_id not in tables[kind][0] and entity_id not in data.unreadable:
                # (an id whose record could not be read is reported there, once)
                table, noun = tables[kind]
                problems.append(Problem(display, number, f"unknown {noun} '{entity_id}' in '{m[0]}'"
                                                         f"{did_you_mean(entity_id, table)}"))
        rest = ANNOTATION.sub("", line)
        for bracket in ("[[", "]]"):
            if bracket in rest:
                at = rest.index(bracket)
                fragment = rest[max(0, at - 20 if bracket == "]]" else at):at + 30].strip()
                problems.append(Problem(display, number, f"'{fragment}' is not a complete annotation "
                                                         f"like [[org:id|label]]"))
                break
        for m in DIRECTIVE.finditer(rest):
            if m["name"] == "page" and not re.fullmatch(r"\d+( inferred)?", (m["arg"] or "").strip()):
                problems.append(Problem(display, number, f"'{m[0]}' should be {{{{page:N}}}} or {{{{page:N inferred}}}}"))
        problems += _stray_directives(DIRECTIVE.sub("", rest), display, number)
        definition = _DEFINITION.match(line)
        for m in _MARKER.finditer(line, definition.end() if definition else 0):
            markers.setdefault(m[1], number)
        if definition:
            label = definition[1]
            if label in definitions:
                problems.append(Problem(display, number, f"footnote [^{label}] is defined twice "
                                                         f"(first on line {definitions[label]})"))
            else:
                definitions[label] = number
    for label, at in markers.items():
        if label not in definitions:
            problems.append(Problem(display, at, f"footnote [^{label}] has no definition '[^{label}]: …'"))
    for label, at in definitions.items():
        if label not in markers:
            problems.append(Problem(display, at, f"footnote [^{label}] is defined but never referenced"))
    return problems


def _stray_directives(rest: str, display: str, number: int) -> list[Problem]:
    """What is left of '{{' or '}}' once every directive is read: a misspelt or unclosed one."""
    for m in _DIRECTIVE_START.finditer(rest):
        fragment = rest[m.start():m.start() + 30].split("}}")[0] + ("}}" if "}}" in rest[m.start():] else "")
        name = m[1]
        if name and name not in DIRECTIVE_NAMES:
            return [Problem(display, number, f"unknown directive '{fragment}'{did_you_mean(name, DIRECTIVE_NAMES)}"
                                             f"; the directives are {{{{page:N}}}}, {{{{lacuna}}}}, "
                                             f"{{{{ed: …}}}} and {{{{sic}}}}")]
        if "}}" not in rest[m.start():]:
            return [Problem(display, number, f"'{fragment}' is not closed with '}}}}'")]
        return [Problem(display, number, f"'{fragment}' is not a directive like {{{{page:N}}}}, {{{{lacuna}}}}, "
                                         f"{{{{ed: …}}}} or {{{{sic}}}}")]
    if "}}" in rest:
        at = rest.index("}}")
        return [Problem(display, number, f"'{rest[max(0, at - 20):at + 2].strip()}' closes a directive that "
                                         f"was never opened")]
    return []


def load_articles(articles_dir: Path, root: Path, data: Dataset | None = None) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    for path in article_files(articles_dir):
        article, found = read_article(path, display_path(path, root), data)
        problems += found
        if article is not None:
            articles.append(article)
    return articles, problems
