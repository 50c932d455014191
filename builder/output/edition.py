"""One build of a site, as a static site generator walks through it, without the generator.

The MkDocs plugin hands this object the loaded project and then each page as MkDocs reaches it;
the edition answers with what the page needs (its generated pages, a page's template context and
body view) and collects what the build writes at the end (titles, cite files, the published URLs
and anchors). What is here is what the site is made of; what is in the plugin is how MkDocs asks.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template

from builder.core.model import Dataset
from builder.core.urls import breadcrumbs, relative_url
from builder.load.articles import Article
from builder.load.problems import DataError
from builder.load.project import Project
from builder.load.redirects import anchor_map
from builder.load.revisions import Revisions
from builder.load.validate import misquoted
from builder.markdown.annotations import ArticleExtension
from builder.output import metadata, published, search, site_files
from builder.output.writer import BackgroundWriter
from builder.views.inputs import PageInputs
from builder.views.pages import GeneratedPage, SiteChoices, mention_view, neighbours, site_pages, unprinted_note


@dataclass(frozen=True)
class SiteFacts:
    """What the generator's configuration says about the whole site (mkdocs.yml's own keys)."""
    name: str
    url: str | None = None  # the published address, ending in "/", or None
    description: str | None = None  # the fallback meta description


class Edition:
    def __init__(self, project: Project, as_of: dt.date, manifest_path: Path, manifest_display: str,
                 revisions: Revisions, docs_display: str = "content"):
        self.data: Dataset = project.data
        # When each input file last changed, and which files each page is made from: a page's date.
        self.revisions, self.docs_display = revisions, docs_display
        self.inputs = PageInputs(project.data, project.articles)
        self._last_changes: dict[str, dt.date] = {}  # by source URI
        self.redirects = project.redirects
        self.as_of = as_of
        self.articles: dict[str, Article] = {a.slug: a for a in project.articles}
        self.people_by_name = {p.name: p.id for p in sorted(self.data.people.values(), key=lambda p: p.id)}
        self.manifest_path, self.manifest_display = manifest_path, manifest_display
        self.pages: dict[str, GeneratedPage] = {}  # by source URI
        self.titles: dict[str, str] = {}  # URL -> title, for breadcrumbs and redirect pages
        # By page URL: the aliases, acronyms and official names of what a generated page is about
        # (both search indexes use them).
        self.other_names: dict[str, list[str]] = {}
        # `cite.bib`, `cite.ris`, … beside each citable page, written as the pages are built.
        self._writer: BackgroundWriter | None = None
        self.published_found: set[str] = set()  # page URLs and citable anchors, as pages are written
        self.extension = ArticleExtension(label=self.entity_label)
        self.neighbours: dict[str, dict] = {}  # article slug -> its previous and next text

    def entity_label(self, kind: str, entity_id: str) -> str:
        if kind == "org":
            return self.data.organizations[entity_id].label
        table = self.data.countries if kind == "country" else self.data.people
        return table[entity_id].name

    def generated_pages(self, choices: SiteChoices) -> list[tuple[str, str]]:
        """Each generated page's source URI and the front matter MkDocs reads its title from."""
        for page in site_pages(self.data, self.as_of, self.articles.values(), choices):
            self.pages[page.src_uri] = page
            self.titles[page.url] = page.title
        self.neighbours = neighbours(self.articles.values(), choices.article_groups)
        self.other_names = {page.url: metadata.entity_facts(self.data, *page.entity)[1]
                            for page in self.pages.values() if page.entity}
        return [(page.src_uri, f"---\ntitle: {json.dumps(page.title)}\n---\n") for page in self.pages.values()]

    def article_slug(self, src_uri: str) -> str | None:
        folder, _, slug = src_uri.removesuffix(".md").partition("/")
        return slug if folder == "articles" and slug in self.articles else None

    def page_context(self, src_uri: str, url: str, title: str | None, meta: Mapping[str, Any], site: SiteFacts) -> dict[str, Any]:
        """What the page's templates get beyond MkDocs' own context: its article, description,
        Cite block and head metadata, moved anchors and breadcrumbs. Notes its cite files."""
        context: dict[str, Any] = {}
        generated = self.pages.get(src_uri)
        slug = self.article_slug(src_uri)
        article = self.articles[slug] if slug else None
        if article is not None:
            context["article"] = article
            context["author_pages"] = {a.name: f"people/{self.people_by_name[a.name]}/"
                                       for a in article.authors if a.name in self.people_by_name}
            context["unprinted"] = unprinted_note(article)
            context["neighbours"] = self.neighbours.get(article.slug, {})
        description = metadata.page_description(article, generated, meta, site.description)
        context["page_description"] = description
        modified = self.last_change(src_uri)
        context["modified"] = modified
        facts = metadata.PageFacts(title, description, site.name, site.url, f"{site.url}{url}" if site.url else None,
                                   modified, self.as_of)
        numbered = self.extension.numbered.get(article.slug, (0, [])) if article else (0, [])
        context["article_notes"] = numbered[1]
        cited, files = metadata.citation_context(self.data, article, generated, facts, numbered)
        context.update(cited)
        if files:
            assert self._writer is not None, "begin_output() comes first"
            self._writer.write(url, files)
        moved = anchor_map(self.redirects, url)
        context["moved_anchors"] = {anchor: relative_url(target, url) for anchor, target in moved.items()}
        crumbs = [("Home", "")] + generated.breadcrumbs if generated and generated.breadcrumbs \
            else breadcrumbs(url, self.titles)
        context["breadcrumbs"] = [{"title": t, "url": u} for t, u in crumbs]
        return context

    def last_change(self, src_uri: str) -> dt.date:
        """The day the page's own content last changed (its JSON-LD dateModified, its sitemap entry);
        worked out once a page, for the sitemap asks before the page's context does."""
        if src_uri not in self._last_changes:
            self._last_changes[src_uri] = self._content_date(src_uri)
        return self._last_changes[src_uri]

    def _content_date(self, src_uri: str) -> dt.date:
        generated = self.pages.get(src_uri)
        slug = self.article_slug(src_uri)
        article = self.articles[slug] if slug else None
        if article is not None:
            files = self.inputs.of_article(article)
        elif generated is not None and generated.subject:
            files = self.inputs.of_entity(*generated.subject)
        elif generated is not None:
            files = self.inputs.everything()
        else:  # a page of the site's own Markdown (the front page)
            files = frozenset({f"{self.docs_display}/{src_uri}"})
        return self.revisions.of(files)

    def body_context(self, generated: GeneratedPage) -> dict[str, Any]:
        """A generated page's body view, once every article has rendered and so every mention is known."""
        view = dict(generated.view())
        if generated.entity:
            kind, entity_id = generated.entity
            view["mentions"] = mention_view(self.extension.mentions.of(kind, entity_id),
                                            self.extension.footnote_mentions.of(kind, entity_id), self.articles)
        return view

    def begin_output(self, site_dir: Path) -> None:
        """The pages go into `site_dir` (emptied by now, unless the build is dirty)."""
        self.stop_output()
        self._writer = BackgroundWriter(site_dir)

    def stop_output(self) -> None:
        """A failed build: no file is being written once this returns."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

    def written(self, url: str, dest_uri: str, html: str) -> None:
        if dest_uri.rpartition("/")[2] == "index.html":  # what published.collect reads
            self.published_found |= published.published_by(url, html)

    def finish(self, site_dir: Path, site: SiteFacts, quick_index: search.QuickIndex | None, cname: str | None,
               redirect_template: Template, dirty: bool) -> None:
        """The files beside the pages, then the permanence check: DataError names each published
        URL or anchor that is gone without a redirect."""
        names = {**self.other_names, **{article.url: [article.byline] for article in self.articles.values()}}
        search.write_indexes(site_dir, quick_index, self.pages.values(), names)
        site_files.write_exports(site_dir, self.data, self.as_of, site.name)
        site_files.write_hosting_files(site_dir, site.url, cname)
        if self._writer is not None:
            self._writer.finish()  # every cite file on disk, or the first failure raised
            self._writer = None
        site_files.write_redirect_pages(site_dir, redirect_template, self.redirects, self.titles, site.url)
        # Collected as the pages were written, without reading them back; a dirty build wrote only some.
        current = published.collect(site_dir) if dirty else self.published_found
        problems = site_files.lost_publications(self.data, self.redirects, current, self.manifest_path,
                                                self.manifest_display)
        problems += misquoted(self.data, self.extension.passages)
        if problems:
            raise DataError(problems)
