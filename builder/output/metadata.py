"""What reference managers and search engines read in a page's head.

Articles get Highwire Press `citation_*` tags (what Zotero's embedded-metadata reader and Google
Scholar use), Dublin Core and schema.org JSON-LD (ScholarlyArticle). Entity pages get Dublin Core,
Open Graph and JSON-LD but no `citation_*` tags, so reference managers file them as web pages.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from builder.core.model import Dataset
from builder.load.articles import Article
from builder.output import cite
from builder.output.cite import Work
from builder.views.pages import GeneratedPage

JSONLD_TYPES = {"org": "Organization", "country": "Country", "person": "Person"}


def article_meta(article: Article, work: Work) -> list[tuple[str, str]]:
    tags = [("citation_title", article.title)]
    tags += [("citation_author", f"{a.family}, {a.given}") for a in work.authors]
    if work.year:
        tags.append(("citation_publication_date", str(work.year)))
    if work.kind == "journal-article":
        if work.container:
            tags.append(("citation_journal_title", work.container))
        if work.issue:
            tags.append(("citation_issue", work.issue))
    elif work.container:
        tags.append(("citation_inbook_title", work.container))
        tags.append(("citation_book_title", work.container))
    publisher = (article.publication or {}).get("publisher")
    if publisher:
        tags.append(("citation_publisher", publisher))
    if article.pages and not article.pages_inferred and "–" in article.pages:
        first, last = article.pages.split("–", 1)
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    if work.url:
        tags.append(("citation_fulltext_html_url", work.url))
    tags.append(("citation_language", "en"))
    # DC.publisher is the printed work's publisher, when it prints one: this site publishes the
    # online edition, not the chapter, and Zotero would file the site as the book's publisher.
    tags += dublin_core(work.title, [f"{a.family}, {a.given}" for a in work.authors],
                        str(work.year) if work.year else None, "Text", work.url, publisher)
    return tags


def dublin_core(title: str, creators: list[str], date: str | None, kind: str, url: str | None,
                publisher: str | None) -> list[tuple[str, str]]:
    tags = [("DC.title", title)] + [("DC.creator", c) for c in creators]
    if date:
        tags.append(("DC.date", date))
    tags += [("DC.type", kind), ("DC.language", "en")]
    if publisher:
        tags.append(("DC.publisher", publisher))
    if url:
        tags.append(("DC.identifier", url))
    return tags


def entity_meta(title: str, description: str, site_name: str, as_of: dt.date, url: str | None) -> list[tuple[str, str]]:
    # No DC.creator: the only creator to name is the site, and a reference manager reads a name in
    # that field as a person's ("Eurasia, S. O. in E. and"); the site is the page's publisher.
    return dublin_core(title, [], as_of.isoformat(), "Dataset", url, site_name)


def open_graph(title: str, description: str | None, site_name: str, url: str | None, kind: str = "website") -> list[tuple[str, str]]:
    tags = [("og:title", title), ("og:type", kind), ("og:site_name", site_name)]
    if description:
        tags.append(("og:description", description))
    if url:
        tags.append(("og:url", url))
    return tags


def article_jsonld(article: Article, work: Work) -> Markup:
    data: dict[str, object] = {
        "@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": article.title,
        "name": article.title, "inLanguage": "en",
        "author": [{"@type": "Person", "name": f"{a.given} {a.family}"} for a in work.authors],
    }
    if work.container:
        data["isPartOf"] = {"@type": "Periodical" if work.kind == "journal-article" else "Book", "name": work.container}
    if work.year:
        data["datePublished"] = str(work.year)
    if work.url:
        data["url"] = work.url
    return _script(data)


def entity_jsonld(kind: str, name: str, aliases: list[str], description: str, url: str | None,
                  extra: dict | None = None) -> Markup:
    data: dict[str, object] = {"@context": "https://schema.org", "@type": JSONLD_TYPES[kind], "name": name}
    if aliases:
        data["alternateName"] = aliases
    if description:
        data["description"] = description
    if url:
        data["url"] = url
    data.update(extra or {})
    return _script(data)


# Inside a <script> element nothing may close the tag or open a comment, whatever the data holds:
# <, > and & are written as JSON escapes, which every JSON parser reads back as the same text.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _script(data: dict) -> Markup:
    """JSON-LD ready for a <script> element: still valid JSON, and markup on purpose."""
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE))


def entity_facts(data: Dataset, kind: str, entity_id: str) -> tuple[str, list[str], dict]:
    """An entity's name, its other names (for search and JSON-LD) and its JSON-LD details."""
    if kind == "org":
        org = data.organizations[entity_id]
        details = {"foundingDate": org.founded.iso()}
        if org.dissolved:
            details["dissolutionDate"] = org.dissolved.iso()
        if org.headquarters:
            details["location"] = org.headquarters
        return org.name, [a for a in [org.short, *org.aliases] if a], details
    if kind == "country":
        country = data.countries[entity_id]
        return country.name, [a for a in [country.official_name, *country.aliases] if a], {}
    person = data.people[entity_id]
    titles = [r.title for r in person.roles]
    return person.name, person.aliases, ({"jobTitle": titles} if titles else {})


def page_description(article: Article | None, generated: GeneratedPage | None, meta: Mapping[str, Any], fallback: str | None) -> str | None:
    """The page's one-sentence description (meta description, Open Graph, search)."""
    if article is not None:
        where = article.publication.get("container_title") or article.publication.get("journal_identified")
        return (f"{article.byline}, “{article.title}”" + (f", in {where}" if where else "")
                + ". The full text, with numbered paragraphs and the printed footnotes.")
    if generated is not None:
        return generated.description
    return meta.get("description", fallback)


def citation_context(data: Dataset, as_of: dt.date, article: Article | None, generated: GeneratedPage | None,
                     title: str | None, description: str | None, site_name: str,
                     url: str | None) -> tuple[dict, dict[str, str] | None]:
    """The Cite block and the head's metadata for one page, and its cite files (None: not citable)."""
    if article is not None:
        work = cite.article_work(article, url)
        extra = {"meta_tags": article_meta(article, work)
                 + open_graph(article.title, description, site_name, url, "article"),
                 "jsonld": article_jsonld(article, work)}
    elif generated is not None and generated.entity:
        kind, entity_id = generated.entity
        name, aliases, details = entity_facts(data, kind, entity_id)
        work = cite.page_work(f"{kind}-{entity_id}", generated.title, site_name, as_of, url)
        about = description or ""
        extra = {"meta_tags": entity_meta(generated.title, about, site_name, as_of, url)
                 + open_graph(generated.title, about, site_name, url),
                 "jsonld": entity_jsonld(kind, name, aliases, about, url, details)}
    elif generated is not None and generated.citable:  # a page of the data as a whole (the timeline)
        key = generated.url.strip("/").replace("/", "-") or "home"
        work = cite.page_work(key, generated.title, site_name, as_of, url)
        about = description or ""
        extra = {"meta_tags": entity_meta(generated.title, about, site_name, as_of, url)
                 + open_graph(generated.title, about, site_name, url)}
    else:
        return {"meta_tags": open_graph(title or site_name, description, site_name, url)}, None
    downloads = cite.downloads(work)
    return {**extra, "citations": cite.citations(work), "cite_downloads": list(downloads)}, downloads
