"""The articles in content/articles/: their front matter, and a text pass over their annotations.

The text pass runs before anything renders, so that an unknown entity id or a footnote marker
without its note is reported with FILE:LINE together with the data's problems.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .annotations import ANNOTATION, DIRECTIVE
from .model import Dataset
from .problems import Problem, did_you_mean, display_path

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MARKER = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)


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


def read_article(path: Path, display: str, data: Dataset | None = None) -> tuple[Article | None, list[Problem]]:
    text = path.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    if not match:
        return None, [Problem(display, 1, "an article starts with front matter between '---' lines")]
    try:
        meta = yaml.safe_load(match[1]) or {}
    except yaml.MarkedYAMLError as error:
        line = (error.problem_mark.line + 2) if error.problem_mark else 1
        return None, [Problem(display, line, f"front matter: YAML syntax error: {error.problem}")]
    problems = [Problem(display, 1, f"front matter is missing '{key}'")
                for key in ("title", "kind") if not meta.get(key)]
    if problems:
        return None, problems
    authors = [Author(**{k: v for k, v in a.items() if k in Author.__dataclass_fields__})
               for a in meta.get("authors") or []]
    article = Article(
        slug=path.stem, file=display, title=str(meta["title"]), kind=str(meta["kind"]),
        order=int(meta.get("order", 0)), authors=authors, part=meta.get("part"),
        pages=str(meta["pages"]) if meta.get("pages") else None,
        pages_inferred=bool(meta.get("pages_inferred", True)),
        publication=meta.get("publication") or {}, source=meta.get("source") or {}, meta=meta,
    )
    return article, check_text(text, display, data)


def check_text(text: str, display: str, data: Dataset | None) -> list[Problem]:
    """Problems in the body's annotations and footnotes (entity ids only when `data` is given)."""
    problems: list[Problem] = []
    tables = {}
    if data is not None:
        tables = {"org": (data.organizations, "organization"), "country": (data.countries, "country"),
                  "person": (data.people, "person")}
    for number, line in enumerate(text.splitlines(), start=1):
        for m in ANNOTATION.finditer(line):
            kind, entity_id = m["kind"], m["id"]
            if kind not in ("org", "country", "person"):
                problems.append(Problem(display, number, f"unknown annotation kind '{kind}' in '{m[0]}' "
                                                         f"(use org, country or person)"))
            elif data is not None and entity_id not in tables[kind][0]:
                table, noun = tables[kind]
                problems.append(Problem(display, number, f"unknown {noun} '{entity_id}' in '{m[0]}'"
                                                         f"{did_you_mean(entity_id, table)}"))
        for m in DIRECTIVE.finditer(line):
            if m["name"] == "page" and not re.fullmatch(r"\d+( inferred)?", (m["arg"] or "").strip()):
                problems.append(Problem(display, number, f"'{m[0]}' should be {{{{page:N}}}} or {{{{page:N inferred}}}}"))
        if "[[" in line and not ANNOTATION.search(line):
            problems.append(Problem(display, number, "'[[' without a complete annotation like [[org:csto|CSTO]]"))
    markers = {m[1]: text[: m.start()].count("\n") + 1 for m in _MARKER.finditer(text)}
    definitions = {m[1]: text[: m.start()].count("\n") + 1 for m in _DEFINITION.finditer(text)}
    for label, line in markers.items():
        if label not in definitions:
            problems.append(Problem(display, line, f"footnote [^{label}] has no definition '[^{label}]: …'"))
    for label, line in definitions.items():
        if label not in markers:
            problems.append(Problem(display, line, f"footnote [^{label}] is defined but never referenced"))
    return problems


def load_articles(articles_dir: Path, root: Path, data: Dataset | None = None) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    for path in article_files(articles_dir):
        article, found = read_article(path, display_path(path, root), data)
        problems += found
        if article is not None:
            articles.append(article)
    return articles, problems
