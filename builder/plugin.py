"""The MkDocs plugin: a thin adapter between MkDocs' build events and the modules beside it.

on_config  loads and validates site_data/ (all problems at once, before anything is written)
on_files   adds one virtual page per organization, country and index
on_pre_build, on_env  give the templates the `rel` filter for relative links
on_page_content  renders a generated page's body from its template
on_page_context  adds breadcrumbs and page metadata for the layout
"""
from __future__ import annotations

import json
from pathlib import Path

from jinja2 import pass_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from .dates import DateError, PartialDate
from .pages import GeneratedPage, site_pages
from .problems import DataError
from .project import load_dataset
from .urls import breadcrumbs, relative_url


class ReferenceConfig(Config):
    data_dir = c.Type(str, default="site_data")
    # The day the data speaks for: "members now" means members on this day. Set in mkdocs.yml, not
    # read from the clock, so two builds of one commit are identical.
    as_of = c.Type(str)


class ReferencePlugin(BasePlugin[ReferenceConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        try:
            self.as_of = PartialDate.parse(self.config.as_of).last_day
        except DateError as error:
            raise PluginError(f"mkdocs.yml: plugin 'reference', option 'as_of': {error}") from None
        try:
            self.data = load_dataset(root / self.config.data_dir, Path(config.docs_dir), root)
        except DataError as error:
            raise PluginError(error.report()) from None
        self.pages: dict[str, GeneratedPage] = {}
        self.titles: dict[str, str] = {}  # URL -> title, for breadcrumbs
        return config

    def on_files(self, files, config):
        for page in site_pages(self.data, self.as_of):
            self.pages[page.src_uri] = page
            self.titles[page.url] = page.title
            front = f"---\ntitle: {json.dumps(page.title)}\n---\n"
            files.append(File.generated(config, page.src_uri, content=front))
        return files

    def on_pre_build(self, config):
        # Page bodies render before MkDocs makes the layout's environment, so they get their own.
        self.body_env = self.on_env(config.theme.get_env(), config, None)

    def on_env(self, env, config, files):
        env.filters["rel"] = _rel_filter
        env.globals["as_of"] = self.as_of
        return env

    def on_page_content(self, html, page, config, files):
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return html
        template = self.body_env.get_template(f"pages/{generated.template}")
        return template.render(page=page, config=config, **generated.context)

    def on_page_context(self, context, page, config, nav):
        generated = self.pages.get(page.file.src_uri)
        crumbs = breadcrumbs(page.url, self.titles)
        context["breadcrumbs"] = [{"title": t, "url": u} for t, u in crumbs]
        context["page_description"] = (
            generated.description if generated else page.meta.get("description", config.site_description)
        )
        return context


@pass_context
def _rel_filter(context, target: str) -> str:
    """`{{ 'countries/uzb/' | rel }}`: a site-root URL made relative to the page being rendered."""
    return relative_url(str(target), context["page"].url)
