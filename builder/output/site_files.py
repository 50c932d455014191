"""The files a build writes beside the pages at its end: the data exports, GitHub Pages' hosting
files and the redirect pages; and the check that nothing published has gone. (The cite files are
written as their pages are built: builder.output.writer.)"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Template

from builder.core.model import Dataset
from builder.core.urls import relative_url
from builder.load.problems import Problem
from builder.load.redirects import Redirect, anchor_map, check_targets, page_redirects
from builder.load.validate import missing_article_anchors
from builder.output import published
from builder.output.exports import all_exports


def write_exports(site_dir: Path, data: Dataset, as_of: dt.date, site_name: str) -> None:
    for path, text in all_exports(data, as_of, site_name).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def write_hosting_files(site_dir: Path, site_url: str | None, cname: str | None) -> None:
    """GitHub Pages: no Jekyll processing; robots.txt pointing at the sitemap; an optional CNAME."""
    (site_dir / ".nojekyll").write_text("", encoding="utf-8")
    robots = "User-agent: *\nAllow: /\n"
    if site_url:
        robots += f"Sitemap: {site_url}sitemap.xml\n"
    (site_dir / "robots.txt").write_text(robots, encoding="utf-8")
    if cname:
        (site_dir / "CNAME").write_text(cname.strip() + "\n", encoding="utf-8")


def write_redirect_pages(site_dir: Path, template: Template, redirects: list[Redirect],
                         titles: dict[str, str], site_url: str | None) -> None:
    """A real page at each moved address, forwarding the fragment (`old/#p12` lands on `new/#p12`)."""
    for redirect in page_redirects(redirects):
        anchors = {a: relative_url(t, redirect.source) for a, t in anchor_map(redirects, redirect.source).items()}
        target = relative_url(redirect.target, redirect.source)
        canonical = site_url + redirect.target if site_url else None
        page = site_dir / redirect.source / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(template.render(target=target, anchors=anchors, canonical=canonical,
                                        title=titles.get(redirect.target.split("#")[0], redirect.target)),
                        encoding="utf-8")


def lost_publications(data: Dataset, redirects: list[Redirect], current: set[str], manifest_path: Path,
                      manifest_display: str) -> list[Problem]:
    """Each published URL or anchor that is gone without a redirect, and each redirect or article
    anchor that points nowhere."""
    problems = check_targets(redirects, current) + missing_article_anchors(data, current)
    lines = published.manifest_lines(manifest_path)
    manifest = [entry.removeprefix("/") for entry in lines]
    redirected = {r.source for r in redirects}
    for entry in published.lost(manifest, current, redirected):  # as written, with the leading "/"
        problems.append(Problem(manifest_display, lines[entry],
                                f"'{entry}' was published and is gone; keep it, or add a redirect "
                                f"for it to site_data/redirects.yaml"))
    return problems
