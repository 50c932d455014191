"""The MkDocs plugin: the adapter between MkDocs' build events and builder/ (the edition itself is
builder.output.edition; the options are builder.mkdocs.options).

on_startup        notes the command: `build` and `gh-deploy` write into a staging folder; sets
                  the garbage collector's pace for the build (on_shutdown restores it)
on_config         loads and validates site_data/ and the articles (all problems at once, before
                  anything is written), adds the article Markdown extension, and stages the output
on_files          adds one virtual page per organization, country, person and index
on_page_markdown  tells the article extension which page it renders (for relative links)
on_page_context   gives a page its article, metadata and breadcrumbs; renders a generated page's
                  body from its template, once every article has rendered and so every mention is
                  known, and after the search plugin has passed (the plugin's index gets their text
                  from the data instead)
on_post_page      lets go of a written page's HTML, noting its citable anchors
on_pre_build, on_env  give the templates an escaping environment and the `rel` filter
on_serve          makes `mkdocs serve` watch site_data/ and the theme too
on_post_build     writes the exports and the files beside the pages and checks the published URLs
on_build_error, on_shutdown  drop the staged output of a failed build, or swap in a good one
                  (after MkDocs' own strict-mode check, which runs after on_post_build)
"""
from __future__ import annotations

import datetime as dt
import gc
import sys
from functools import cache, partial
from pathlib import Path

import mkdocs
from jinja2 import Environment, pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.contrib.search import SearchPlugin
from mkdocs.contrib.search.search_index import SearchIndex
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from builder.core.model import Dataset
from builder.core.urls import relative_url
from builder.load.problems import DataError
from builder.load.project import Project, as_of_day, load_project
from builder.load.revisions import read_revisions
from builder.load.validate import check_plugin_options
from builder.mkdocs.clock import BuildClock
from builder.mkdocs.options import ReferenceConfig
from builder.output import published, search
from builder.output.edition import Edition, SiteFacts
from builder.output.staging import StagedSite
from builder.views.pages import CellView, SiteChoices, anchor_links

log = get_plugin_logger(__name__)


class ReferencePlugin(BasePlugin[ReferenceConfig]):
    command: str | None = None  # MkDocs' command, when it says (on_startup)
    staged: StagedSite | None = None
    dirty = False  # mkdocs build --dirty (on_startup)
    as_of: dt.date | None = None

    # How many new objects start a collection of the youngest generation while MkDocs runs with
    # this plugin (CPython's default is 700). A build makes millions of short-lived objects and
    # keeps a few hundred thousand (the data, the pages, the search entries): at the default pace
    # the older generations are scanned over and over, and the full collections grow with the
    # site (2.7 s of a 5,700-page build against 0.2 s of an 830-page one; 0.6 s and 0.03 s at this
    # pace). Garbage is still collected; it only waits for more of it.
    GC_THRESHOLD = 5000
    _gc_thresholds: tuple[int, int, int] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._gc_thresholds = gc.get_threshold()
        gc.set_threshold(max(self.GC_THRESHOLD, self._gc_thresholds[0]), *self._gc_thresholds[1:])
        # `serve` builds into its own temporary folder, and a dirty build keeps what is there.
        self.command = command if not dirty else None
        self.dirty = dirty  # a dirty build writes only the pages that changed

    # Where the build's time goes, kept always (a few clock readings a page) and written to the
    # `timings` option's file when it names one.
    clock: BuildClock
    timings_path: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.clock = BuildClock()
        self.timings_path = root / self.config.timings if self.config.timings else None
        self.clock.begin_phase("load")
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
            self.as_of = self.as_of or dt.date.today()
        assert self.as_of is not None
        data_dir = self.config.data_dir
        docs = Path(config.docs_dir).resolve()
        docs_display = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.as_posix()
        revisions = read_revisions(root, [data_dir, docs_display], get_build_datetime().date())
        self.edition = Edition(project, self.as_of, root / data_dir / published.MANIFEST,
                               f"{data_dir}/{published.MANIFEST}", revisions, docs_display)
        config.markdown_extensions.append(self.edition.extension)  # type: ignore[arg-type]
        self.built = False
        if self.command in ("build", "gh-deploy"):
            self.staged = StagedSite(Path(config.site_dir))
            self.site_config = config
            config.site_dir = str(self.staged.begin())
        self.clock.end_phase()
        return config

    def _load(self, config: MkDocsConfig, root: Path) -> Project:
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

    def on_build_error(self, *, error: Exception) -> None:
        if getattr(self, "edition", None) is not None:
            self.edition.stop_output()
        if self.staged is not None:
            self.staged.abort()

    def on_shutdown(self) -> None:
        if getattr(self, "edition", None) is not None:
            self.edition.stop_output()  # a build that stopped before its end
        if self._gc_thresholds is not None:
            gc.set_threshold(*self._gc_thresholds)
        staged, self.staged = self.staged, None
        if staged is not None:
            self.clock.begin_phase("swap")
            if self.built and staged.path is not None:
                staged.commit()
            else:
                staged.abort()
            self.site_config.site_dir = str(staged.target)  # gh-deploy publishes from here next
        if self.timings_path and self.built:
            self.clock.end_phase()
            self.clock.write(self.timings_path)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        """`mkdocs serve` rebuilds when the data or the theme changes, not only the Markdown
        (MkDocs watches an installed theme only with --watch-theme)."""
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.data_dir))
        mkdocs_own = Path(mkdocs.__file__).parent / "templates"
        for folder in config.theme.dirs:
            if Path(folder).resolve() != mkdocs_own.resolve():
                server.watch(folder)
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The cite files go beside the pages as they are built. MkDocs has emptied the site
        # folder by now (on_pre_build comes before it does).
        self.edition.begin_output(Path(config.site_dir))
        if self.failure:  # serve: the theme's files, and one page (main.html shows the problems)
            kept = Files([f for f in files if not f.is_documentation_page()])
            kept.append(File.generated(config, "index.md", content="---\ntitle: The site could not be built\n---\n"))
            return kept
        self.clock.begin_phase("files")
        choices = SiteChoices(self.config.overlap_pairs, self.config.article_groups,
                              self.config.articles_description, self.config.site_noun)
        for src_uri, front_matter in self.edition.generated_pages(choices):
            files.append(File.generated(config, src_uri, content=front_matter))
        self.clock.end_phase()
        return files

    @event_priority(-50)  # after the search plugin has made its index
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        search_plugin = config.plugins.get("search")
        self.search_index = None
        if isinstance(search_plugin, SearchPlugin) and type(search_plugin.search_index) is SearchIndex:
            self.search_index = search_plugin.search_index = search.QuickIndex(**search_plugin.config)
            edition = self.edition
            self.search_index.changes = lambda: search.changes(edition.pages.values(), edition.other_names)
        # Generated bodies are rendered outside MkDocs' own template pass, so they get an environment.
        self.body_env = self.on_env(config.theme.get_env(), config=config, files=None)
        cell = self.body_env.get_template("partials/matrix_cell.html").module.cell  # type: ignore[attr-defined]
        self.body_env.globals["matrix_cells"] = _cells_renderer(cell)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files | None) -> Environment:
        # MkDocs' theme environment does not escape; ours does, so data and front matter are
        # always text. Only values built as markup on purpose (Markup) pass through.
        env.autoescape = True
        env.filters["rel"] = _rel_filter
        env.filters["anchor_links"] = anchor_links
        env.globals["as_of"] = self.as_of
        env.globals["search_placeholder"] = self.config.search_placeholder
        env.globals["site_noun"] = self.config.site_noun
        env.globals["has_articles"] = bool(self.edition.articles)  # no articles, no articles index to link to
        env.globals["build_failure"] = self.failure  # serve: main.html shows it on every page, the 404 too
        env.globals["articles_intro"] = Markup(self.config.articles_intro)
        return env

    @event_priority(100)  # the first to see the page
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.clock.begin_page()
        return page

    @event_priority(-100)  # the last
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.clock.end_page(page.url, last=False)
        return html

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # An article links the same few dozen entities hundreds of times: each href is made once.
        self.edition.extension.link = cache(partial(_entity_href, page, files))
        self.edition.extension.article = self.edition.article_slug(page.file.src_uri) or ""
        # The sitemap's lastmod (MkDocs writes the sitemap before the pages): its content's last change.
        page.update_date = self.edition.last_change(page.file.src_uri).isoformat()
        return markdown

    @event_priority(100)  # the first
    def _on_page_context_clock(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        self.clock.begin_page()
        return context

    @event_priority(50)  # before the search plugin reads page.content
    def _on_page_context_body(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if page.file.src_uri in self.edition.pages:
            # Rendered below, after the search plugin: parsing thousands of generated pages back out
            # of their HTML would be a third of the build. Their index entries are made from the
            # data instead (search.changes).
            page.content = ""
        site = SiteFacts(config.site_name, config.site_url, config.site_description)
        context.update(self.edition.page_context(page.file.src_uri, page.url, page.title, page.meta, site))
        return context

    @event_priority(-50)  # after the search plugin
    def _on_page_context_unsearched(self, context: dict, *, page: Page, config: MkDocsConfig,
                                    nav: Navigation) -> dict:
        generated = self.edition.pages.get(page.file.src_uri)
        if generated is not None:
            template = self.body_env.get_template(f"pages/{generated.template}")
            page.content = template.render(page=page, config=config, **self.edition.body_context(generated))
        return context

    on_page_context = CombinedEvent(_on_page_context_clock, _on_page_context_body, _on_page_context_unsearched)

    @event_priority(-100)  # after every other plugin has seen the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Written out: the page's HTML is not needed again, and 5,000 pages of it would add up.
        page.content = None
        self.edition.written(page.url, page.file.dest_uri, output)
        self.clock.end_page(page.url, last=True)
        return output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.failure:
            return
        site = SiteFacts(config.site_name, config.site_url, config.site_description)
        self.clock.begin_phase("finish")
        try:
            self.edition.finish(Path(config.site_dir), site, self.search_index, self.config.cname,
                                self.body_env.get_template("redirect.html"), self.dirty)
        except DataError as lost:  # a published URL or anchor gone without a redirect, by name
            raise PluginError(lost.report("the build is refused.")) from None
        self.clock.end_phase()
        self.built = True


# Stands for a cell's source number while the cell's markup is rendered (a private-use character).
_SOURCE_NUMBER = "\ue000"
_SOURCE_AT = CellView._fields.index("source")


def _cells_renderer(cell_macro):
    """`matrix_cells(row.cells)`: a row of cells, each distinct cell rendered by the macro once.

    A cell with a record shows its source's number, which differs from page to page: the macro
    renders the record's cell once with a stand-in for the number, put in afterwards. A record
    spans many years, so at 1,000 articles this is 3,600 calls of the macro instead of 57,000."""
    plain: dict[tuple, str] = {}
    sourced: dict[tuple, str] = {}

    def numbered(view) -> str:
        key = view[:_SOURCE_AT] + view[_SOURCE_AT + 1:]  # the cell without its number
        html = sourced.get(key)
        if html is None:
            garbled = any(_SOURCE_NUMBER in str(value) for value in view)  # never in real data
            html = sourced[key] = "" if garbled else str(cell_macro(view._replace(source=_SOURCE_NUMBER)))
        return html.replace(_SOURCE_NUMBER, str(view.source)) if html else str(cell_macro(view))

    def row(cells) -> Markup:
        out = []
        for view in cells:
            html = plain.get(view)
            if html is None:
                if view.source is None:
                    html = plain[view] = str(cell_macro(view))
                else:
                    html = numbered(view)
            out.append(html)
        return Markup("".join(out))

    return row


def _entity_href(page: Page, files: Files, source: str) -> str:
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
