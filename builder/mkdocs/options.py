"""The plugin's options under `plugins: - reference:` in mkdocs.yml, checked by MkDocs as the
build starts (the README's "Plugin options" is their documentation)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from builder.views.pages import ARTICLES_DESCRIPTION


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
    # A JSON file (beside mkdocs.yml) for the build's time by kind of page and by phase
    # (builder.mkdocs.clock); `python -m builder bench` sets it. Off by default.
    timings = c.Optional(c.Type(str))
