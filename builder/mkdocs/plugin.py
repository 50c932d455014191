"""The MkDocs plugin: a thin adapter between MkDocs' build events and the stages of builder/.

on_startup        notes the command: `build` and `gh-deploy` write into a staging folder
on_config         loads and validates site_data/ and the articles (all problems at once, before
                  anything is written), adds the article Markdown extension, and stages the output
on_files          adds one virtual page per organization, country, person and index
on_page_markdown  tells the article extension which page it renders (for relative links)
on_page_context   renders a generated page's body from its template, once every article has
                  rendered and so every mention is known, and after the search plugin has passed
                  (the plugin's index gets their text from the data instead); adds breadcrumbs
                  and article metadata
on_post_page      lets go of a written page's HTML
on_pre_build, on_env  give the templates the `rel` filter for relative links
on_serve          makes `mkdocs serve` watch site_data/ too
on_post_build     writes the machine-readable exports into data/ and checks the published URLs
on_build_error, on_shutdown  drop the staged output of a failed build, or swap in a good one
                  (after MkDocs' own strict-mode check, which runs after on_post_build)
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from functools import cache, partial
from pathlib import Path

import mkdocs
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.contrib.search import SearchPlugin
from mkdocs.contrib.search.search_index import SearchIndex
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from builder.core.model import Dataset
from builder.core.urls import breadcrumbs, relative_url
from builder.load.problems import DataError
from builder.load.project import Project, as_of_day, load_project
from builder.load.redirects import anchor_map
from builder.load.validate import check_plugin_options
from builder.markdown.annotations import ArticleExtension
from builder.output import metadata, published, search, site_files
from builder.output.staging import StagedSite
from builder.views.pages import ARTICLES_DESCRIPTION, GeneratedPage, anchor_links, mention_view, site_pages

log = get_plugin_logger(__name__)


class ReferenceConfig(Config):
    data_dir = c.Type(str, default="site_data")
    # GitHub Pages: a custom domain, written to CNAME when set (e.g. "eurasia-security.org").
    cname = c.Optional(c.Type(str))
    # The day the data speaks for: "members now" means members on this day. Set in mkdocs.yml, not
    # read from the clock, so two builds of one commit are identical.
    as_of = c.Type(str)
    # Words a reader sees that belong to this site, not to the generator. The articles index's
    # first sentence is HTML the site's author writes (as MkDocs' `copyright` is).
    search_placeholder = c.Type(str, default="Search this site…")
    # What the site calls itself in running text ("the articles of this site"); this one: "edition".
    site_noun = c.Type(str, default="site")
    articles_intro = c.Type(str, default="The texts of this site, complete and faithful to their sources.")
    # The articles index: its groups' headings by article kind, and its description (meta, search).
    article_groups = c.Type(dict, default={})
    articles_description = c.Type(str, default=ARTICLES_DESCRIPTION)
    # Pairs of organizations compared year by year on pages of their own (overlap/A-B/).
    overlap_pairs = c.Type(list, default=[])


class ReferencePlugin(BasePlugin[ReferenceConfig]):
    command: str | None = None  # MkDocs' command, when it says (on_startup)
    staged: StagedSite | None = None
    dirty = False  # mkdocs build --dirty (on_startup)

    def on_startup(self, *, command, dirty):
        # `serve` builds into its own temporary folder, and a dirty build keeps what is there.
        self.command = command if not dirty else None
        self.dirty = dirty  # a dirty build writes only the pages that changed

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        # While `mkdocs serve` runs, a mistake in the data gives a site of one page that shows the
        # problems, not a failed build: MkDocs' server holds every request until a build succeeds.
        self.failure: str | None = None
        try:
            project = self._load(config, root)
        except PluginError as error:
            if self.command != "serve":
                raise
            self.failure = str(error)
            print(self.failure, file=sys.stderr)  # not the log: in strict mode an error fails the build
            project = Project(Dataset(), [], [])
            self.as_of = getattr(self, "as_of", None) or dt.date.today()
        self.data, self.redirects = project.data, project.redirects
        self.articles = {a.slug: a for a in project.articles}
        self.people_by_name = {p.name: p.id for p in sorted(self.data.people.values(), key=lambda p: p.id)}
        self.manifest_path = root / self.config.data_dir / published.MANIFEST
        self.manifest_display = f"{self.config.data_dir}/{published.MANIFEST}"
        self.pages: dict[str, GeneratedPage] = {}
        self.other_names: dict[str, list[str]] = {}  # set in on_files
        self.titles: dict[str, str] = {}  # URL -> title, for breadcrumbs
        self.cite_files: dict[str, dict[str, str]] = {}  # page URL -> {"cite.bib": …}
        self.published_found: set[str] = set()  # page URLs and citable anchors (on_post_page)
        self.extension = ArticleExtension(label=self._entity_label)
        config.markdown_extensions.append(self.extension)
        self.built = False
        if self.command in ("build", "gh-deploy"):
            self.staged = StagedSite(Path(config.site_dir))
            self.site_config = config
            config.site_dir = str(self.staged.begin())
        return config

    def _load(self, config, root: Path):
        """The data and the articles, or a PluginError that lists every problem."""
        try:
            self.as_of = as_of_day(self.config.as_of)
        except ValueError as error:
            raise PluginError(str(error)) from None
        try:
            project = load_project(root / self.config.data_dir, Path(config.docs_dir), root, self.as_of)
        except DataError as error:
            raise PluginError(error.report()) from None
        config_file = Path(config.config_file_path)
        problems = check_plugin_options(self.config, project.data, config_file.read_text(encoding="utf-8"),
                                        config_file.name)
        if problems:
            raise PluginError(DataError(problems).report())
        return project

    def on_build_error(self, error):
        if self.staged is not None:
            self.staged.abort()

    def on_shutdown(self):
        staged, self.staged = self.staged, None
        if staged is None:
            return
        if self.built and staged.path is not None:
            staged.commit()
        else:
            staged.abort()
        self.site_config.site_dir = str(staged.target)  # gh-deploy publishes from here next

    def on_serve(self, server, config, builder):
        """`mkdocs serve` rebuilds when the data or the theme changes, not only the Markdown
        (MkDocs watches an installed theme only with --watch-theme)."""
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.data_dir))
        mkdocs_own = Path(mkdocs.__file__).parent / "templates"
        for folder in config.theme.dirs:
            if Path(folder).resolve() != mkdocs_own.resolve():
                server.watch(folder)
        return server

    def _entity_label(self, kind: str, entity_id: str) -> str:
        if kind == "org":
            return self.data.organizations[entity_id].label
        table = self.data.countries if kind == "country" else self.data.people
        return table[entity_id].name

    def on_files(self, files, config):
        if self.failure:  # serve: the theme's files, and one page (main.html shows the problems)
            kept = Files([f for f in files if not f.is_documentation_page()])
            kept.append(File.generated(config, "index.md", content="---\ntitle: The site could not be built\n---\n"))
            return kept
        for page in site_pages(self.data, self.as_of, self.articles.values(), self.config.overlap_pairs,
                               self.config.article_groups, self.config.articles_description, self.config.site_noun):
            self.pages[page.src_uri] = page
            self.titles[page.url] = page.title
            front = f"---\ntitle: {json.dumps(page.title)}\n---\n"
            files.append(File.generated(config, page.src_uri, content=front))
        # By page URL: the aliases, acronyms and official names of what a generated page is about
        # (both search indexes use them).
        self.other_names = {page.url: metadata.entity_facts(self.data, *page.entity)[1]
                            for page in self.pages.values() if page.entity}
        return files

    @event_priority(-50)  # after the search plugin has made its index
    def on_pre_build(self, config):
        search_plugin = config.plugins.get("search")
        self.search_index = None
        if isinstance(search_plugin, SearchPlugin) and type(search_plugin.search_index) is SearchIndex:
            self.search_index = search_plugin.search_index = search.QuickIndex(**search_plugin.config)
            self.search_index.changes = lambda: search.changes(self.pages.values(), self.other_names)
        # Generated bodies are rendered outside MkDocs' own template pass, so they get an environment.
        self.body_env = self.on_env(config.theme.get_env(), config, None)
        cell = self.body_env.get_template("partials/matrix_cell.html").module.cell
        self.body_env.globals["matrix_cells"] = _cells_renderer(cell)

    def on_env(self, env, config, files):
        # MkDocs' theme environment does not escape; ours does, so data and front matter are
        # always text. Only values built as markup on purpose (Markup) pass through.
        env.autoescape = True
        env.filters["rel"] = _rel_filter
        env.filters["anchor_links"] = anchor_links
        env.globals["as_of"] = self.as_of
        env.globals["search_placeholder"] = self.config.search_placeholder
        env.globals["site_noun"] = self.config.site_noun
        env.globals["has_articles"] = bool(self.articles)  # no articles, no articles index to link to
        env.globals["build_failure"] = self.failure  # serve: main.html shows it on every page, the 404 too
        env.globals["articles_intro"] = Markup(self.config.articles_intro)
        return env

    def on_page_markdown(self, markdown, page, config, files):
        # An article links the same few dozen entities hundreds of times: each href is made once.
        self.extension.link = cache(partial(_entity_href, page, files))
        slug = self._article_slug(page)
        self.extension.article = slug or ""
        return markdown

    def _article_slug(self, page) -> str | None:
        stem = page.file.src_uri.removesuffix(".md")
        folder, _, slug = stem.partition("/")
        return slug if folder == "articles" and slug in self.articles else None

    @event_priority(50)  # before the search plugin reads page.content
    def _on_page_context_body(self, context, page, config, nav):
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # Rendered below, after the search plugin: parsing thousands of generated pages back out
            # of their HTML would be a third of the build. Their index entries are made from the
            # data instead (search.changes).
            page.content = ""
        slug = self._article_slug(page)
        if slug:
            context["article"] = self.articles[slug]
            context["author_pages"] = {a.name: f"people/{self.people_by_name[a.name]}/"
                                       for a in self.articles[slug].authors if a.name in self.people_by_name}
        article = self.articles[slug] if slug else None
        description = metadata.page_description(article, generated, page.meta, config.site_description)
        context["page_description"] = description
        url = f"{config.site_url}{page.url}" if config.site_url else None
        cited, downloads = metadata.citation_context(self.data, self.as_of, article, generated, page.title,
                                                     description, config.site_name, url)
        context.update(cited)
        if downloads is not None:
            self.cite_files[page.url] = downloads
        moved = anchor_map(self.redirects, page.url)
        context["moved_anchors"] = {anchor: relative_url(target, page.url) for anchor, target in moved.items()}
        crumbs = [("Home", "")] + generated.breadcrumbs if generated and generated.breadcrumbs \
            else breadcrumbs(page.url, self.titles)
        context["breadcrumbs"] = [{"title": t, "url": u} for t, u in crumbs]
        return context

    @event_priority(-50)  # after the search plugin
    def _on_page_context_unsearched(self, context, page, config, nav):
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            self._render_body(page, generated, config)
        return context

    on_page_context = CombinedEvent(_on_page_context_body, _on_page_context_unsearched)

    def _render_body(self, page, generated: GeneratedPage, config) -> None:
        """A generated page's body, from its template, once every article has rendered."""
        extra = {}
        if generated.entity:
            kind, entity_id = generated.entity
            extra["mentions"] = mention_view(self.extension.mentions.of(kind, entity_id),
                                             self.extension.footnote_mentions.of(kind, entity_id),
                                             self.articles)
        template = self.body_env.get_template(f"pages/{generated.template}")
        page.content = template.render(page=page, config=config, **generated.view(), **extra)

    @event_priority(-100)  # after every other plugin has seen the page
    def on_post_page(self, output, page, config):
        # Written out: the page's HTML is not needed again, and 5,000 pages of it would add up.
        page.content = None
        if page.file.dest_uri.rpartition("/")[2] == "index.html":  # what published.collect reads
            self.published_found |= published.published_by(page.url, output)
        return output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config):
        if self.failure:
            return
        site_dir = Path(config.site_dir)
        names = {**self.other_names, **{article.url: [article.byline] for article in self.articles.values()}}
        search.write_indexes(site_dir, self.search_index, self.pages.values(), names)
        site_files.write_exports(site_dir, self.data, self.as_of, config.site_name)
        site_files.write_hosting_files(site_dir, config.site_url, self.config.cname)
        site_files.write_cite_files(site_dir, self.cite_files)
        site_files.write_redirect_pages(site_dir, self.body_env.get_template("redirect.html"), self.redirects,
                                        self.titles, config.site_url)
        # Collected as the pages were written, without reading them back; a dirty build wrote
        # only some.
        current = published.collect(site_dir) if self.dirty else self.published_found
        problems = site_files.lost_publications(self.data, self.redirects, current, self.manifest_path,
                                                self.manifest_display)
        if problems:  # a published URL or anchor that is gone without a redirect fails the build, by name
            raise PluginError(DataError(problems).report("the build is refused."))
        self.built = True


def _cells_renderer(cell_macro):
    """`matrix_cells(row.cells)`: a row of cells, each distinct cell rendered by the macro once."""
    rendered: dict[tuple, str] = {}

    def row(cells) -> Markup:
        out = []
        for view in cells:
            html = rendered.get(view)
            if html is None:
                html = rendered[view] = str(cell_macro(view))
            out.append(html)
        return Markup("".join(out))

    return row


def _entity_href(page, files, source: str) -> str:
    """The URL of the page built from `source`, relative to `page`: what MkDocs makes of a link
    to a source file, without its search for the file a link could mean."""
    target = files.src_uris.get(source)  # `source` is already a POSIX source URI
    if target is None:  # article annotations are checked with the data; this is another page's
        log.warning(f"Doc file '{page.file.src_uri}' links to '{source}', "
                    f"which is not among the documentation files.")
        return relative_url(source, page.file.src_uri)
    return relative_url(target.url, page.url)


@pass_context
def _rel_filter(context, target: str) -> str:
    """`{{ 'countries/uzb/' | rel }}`: a site-root URL made relative to the page being rendered."""
    return relative_url(str(target), context["page"].url)
