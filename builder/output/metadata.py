"""What reference managers and search engines read in a page's head, and the page's Cite block.

Decided for each kind of page with Zotero's Embedded Metadata translator (and the RDF translator
it hands Dublin Core and Open Graph to) and Google Scholar's inclusion guidelines in view; the
README ("Citing") gives the reasons. In short:

- an article page describes the printed text: Highwire Press `citation_*` tags make it a book
  section (`citation_inbook_title`) or a journal article (`citation_journal_title`), with pages
  marked as inferred ("[50]"), and nothing the source does not print: no publisher (the site
  publishes the online edition, not the volume), no date where none is printed, no editors;
- a page of an organization, a country or a person is a web page of the site (`og:type` website,
  no `citation_*` tags); a page of the data as a whole (the matrix, the timeline) is a data set;
- every page's JSON-LD is the web page of this edition, with the day its content last changed
  (`dateModified`) and what it is about (`mainEntity`, `about`).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from builder.core.model import Dataset
from builder.load.articles import Article
from builder.output import cite
from builder.output.cite import Work
from builder.views.pages import GeneratedPage, unprinted_note

JSONLD_TYPES = {"org": "Organization", "country": "Country", "person": "Person"}


@dataclass(frozen=True)
class PageFacts:
    """What the metadata of one page is made from, beyond its article or generated view."""

    title: str | None
    description: str | None
    site_name: str
    site_url: str | None  # the published address of the site, or None
    url: str | None  # the page's published address, or None
    modified: dt.date  # its content's last change
    as_of: dt.date  # the day the data speaks for


def _personal(work: Work) -> list[str]:
    """Creators for fields a reference manager splits into given and family names: people only.
    A group ("The editors") would be read as a person called "editors, The"."""
    return [n.sort_form for n in work.authors if not n.literal]


def article_meta(article: Article, printed: Work, url: str | None) -> list[tuple[str, str]]:
    tags = [("citation_title", article.title)]
    tags += [("citation_author", name) for name in _personal(printed)]
    if printed.kind == "journal-article":
        if printed.container:
            tags.append(("citation_journal_title", printed.container))
        if printed.issue:
            tags.append(("citation_issue", printed.issue))
        if printed.year:
            tags.append(("citation_publication_date", str(printed.year)))  # Google Scholar reads a year
            if printed.month_range:  # Zotero takes the last date it reads: the issue's months
                tags.append(("citation_cover_date", f"{printed.month_range} {printed.year}"))
    else:
        if printed.container:
            tags += [("citation_inbook_title", printed.container), ("citation_book_title", printed.container)]
        if printed.year:
            tags.append(("citation_publication_date", str(printed.year)))
    publisher = (article.publication or {}).get("publisher")
    if publisher:  # the printed work's own, when it prints one
        tags.append(("citation_publisher", publisher))
    if printed.marked_pages:
        first, last = printed.marked_pages
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    if url:
        tags.append(("citation_fulltext_html_url", url))
    tags.append(("citation_language", "en"))
    tags += dublin_core(article.title, _personal(printed), str(printed.year) if printed.year else None, "Text",
                        url, publisher)
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


def open_graph(title: str, description: str | None, site_name: str, url: str | None,
               kind: str | None = "website") -> list[tuple[str, str]]:
    tags = [("og:title", title)] + ([("og:type", kind)] if kind else []) + [("og:site_name", site_name)]
    if description:
        tags.append(("og:description", description))
    if url:
        tags.append(("og:url", url))
    return tags


# --- JSON-LD ----------------------------------------------------------------------------------


def _web_page(facts: PageFacts, name: str, kind: str = "WebPage") -> dict[str, Any]:
    """The page itself as schema.org sees it: this edition's page, and the day it last changed."""
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": kind, "name": name, "inLanguage": "en",
                            "dateModified": facts.modified.isoformat()}
    if facts.description:
        page["description"] = facts.description
    if facts.url:
        page["url"] = facts.url
    site: dict[str, Any] = {"@type": "WebSite", "name": facts.site_name}
    if facts.site_url:
        site["url"] = facts.site_url
    page["isPartOf"] = site
    return page


def _person(name: cite.Name) -> dict[str, str]:
    return {"@type": "Person", "name": f"{name.given} {name.family}".strip(), "familyName": name.family,
            **({"givenName": name.given} if name.given else {})}


def printed_jsonld(printed: Work) -> dict[str, Any]:
    """The printed text: a chapter of its book, or an article of a journal's issue."""
    work: dict[str, Any] = {"@type": "Chapter" if printed.kind == "chapter" else "ScholarlyArticle",
                            "name": printed.title, "headline": printed.title}
    people = [_person(n) for n in printed.authors if not n.literal]
    if people:
        work["author"] = people
    else:  # credited to a group whose members are not named (the editors)
        work["creditText"] = ", ".join(n.literal for n in printed.authors)
    if printed.kind == "chapter" and printed.container:
        work["isPartOf"] = {"@type": "Book", "name": printed.container}
    elif printed.container:
        issue: dict[str, Any] = {"@type": "PublicationIssue", "isPartOf": {"@type": "Periodical", "name": printed.container}}
        if printed.issue:
            issue["issueNumber"] = printed.issue
        work["isPartOf"] = issue
    if printed.year:
        work["datePublished"] = str(printed.year)
    if printed.page_range:
        work["pagination"] = printed.page_range  # "[50]–[80]": brackets mark inferred pages
    return work


def article_jsonld(printed: Work, facts: PageFacts) -> Markup:
    page = _web_page(facts, printed.title)
    page["mainEntity"] = printed_jsonld(printed)
    return _script(page)


def entity_jsonld(kind: str, name: str, aliases: list[str], description: str, url: str | None,
                  extra: dict | None, facts: PageFacts, title: str) -> Markup:
    about: dict[str, object] = {"@type": JSONLD_TYPES[kind], "name": name}
    if aliases:
        about["alternateName"] = aliases
    if description:
        about["description"] = description
    about.update(extra or {})
    page = _web_page(facts, title, "ProfilePage" if kind == "person" else "WebPage")
    page["about" if kind != "person" else "mainEntity"] = about
    return _script(page)


def dataset_jsonld(facts: PageFacts, title: str) -> Markup:
    """A page of the data as a whole (the matrix, the timeline): a data set, with its downloads."""
    page = _web_page(facts, title, "Dataset")
    page["creator"] = {"@type": "Organization", "name": facts.site_name}
    page["temporalCoverage"] = f"../{facts.as_of.isoformat()}"
    if facts.site_url:
        page["distribution"] = [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": f"{facts.site_url}data/{name}"}
            for name, kind in (("memberships.csv", "text/csv"), ("memberships.json", "application/json"),
                               ("events.json", "application/json"), ("country-year.csv", "text/csv"))]
    return _script(page)


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


# --- The Cite block and the files beside the page ------------------------------------------------


def _layer(title: str, work: Work, stem: str) -> tuple[dict[str, Any], dict[str, str]]:
    files = cite.downloads(work, stem)
    return {"title": title, "citations": cite.citations(work), "files": list(files)}, files


def citation_context(data: Dataset, article: Article | None, generated: GeneratedPage | None,
                     facts: PageFacts, numbered: tuple[int, list[int]] = (0, [])) -> tuple[dict, dict[str, str]]:
    """The Cite block and the head's metadata for one page, and the files written beside it
    (`numbered`: an article's count of paragraphs and its notes' numbers)."""
    url, title = facts.url, facts.title or facts.site_name
    if article is not None:
        printed = cite.printed_work(article, unprinted_note(article))
        online = cite.edition_work(printed, facts.site_name, url, facts.modified)
        printed_layer, files = _layer("The text as printed", printed, "cite")
        online_layer, online_files = _layer("This online edition", online, "cite-online")
        files = {**files, **online_files}
        paragraphs, notes = numbered
        files["cite-paragraphs.json"] = cite.paragraph_citations(printed, url, list(range(1, paragraphs + 1)), notes)
        return {"meta_tags": article_meta(article, printed, url)
                + open_graph(article.title, facts.description, facts.site_name, url, "article")
                + [("article:modified_time", facts.modified.isoformat())],
                "jsonld": article_jsonld(printed, facts),
                "cite_layers": [printed_layer, online_layer],
                "cite_short": cite.short_form(printed)}, files
    if generated is not None and generated.entity:
        kind, entity_id = generated.entity
        name, aliases, details = entity_facts(data, kind, entity_id)
        work = cite.page_work(f"{kind}-{entity_id}", generated.title, facts.site_name, facts.as_of, url, facts.modified)
        layer, files = _layer("This page", work, "cite")
        about = facts.description or ""
        return {"meta_tags": data_page_meta(generated.title, facts, "Text")
                + open_graph(generated.title, about, facts.site_name, url),
                "jsonld": entity_jsonld(kind, name, aliases, about, url, details, facts, generated.title),
                "cite_layers": [layer]}, files
    if generated is not None and generated.citable:  # a page of the data as a whole (the timeline)
        key = generated.url.strip("/").replace("/", "-") or "home"
        work = cite.page_work(key, generated.title, facts.site_name, facts.as_of, url, facts.modified, "dataset")
        layer, files = _layer("This page", work, "cite")
        # No og:type: "website" would make Zotero file a web page, and Open Graph has no data set.
        return {"meta_tags": data_page_meta(generated.title, facts, "Dataset")
                + open_graph(generated.title, facts.description, facts.site_name, url, None),
                "jsonld": dataset_jsonld(facts, generated.title), "cite_layers": [layer]}, files
    return {"meta_tags": open_graph(title, facts.description, facts.site_name, url),
            "jsonld": _script(_web_page(facts, title))}, {}


def data_page_meta(title: str, facts: PageFacts, kind: str) -> list[tuple[str, str]]:
    # No DC.creator: the only creator to name is the site, and a reference manager reads a name in
    # that field as a person's ("Eurasia, S. O. in E. and"); the site is the page's publisher.
    return dublin_core(title, [], facts.modified.isoformat(), kind, facts.url, facts.site_name)
