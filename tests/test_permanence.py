"""Published URLs and anchors stay: a removal without a redirect fails the build, by name."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from builder.output import published

from conftest import run_builder, write

ARTICLE = """---
title: A test article
kind: chapter
---

First paragraph on the [[org:csto|CSTO]].

Second paragraph[^1].

Third paragraph.

[^1]: A note.
"""


def manifest(project):
    return published.read_manifest(project / "site_data" / published.MANIFEST)


def test_urls_update_records_pages_and_citable_anchors(project):
    write(project / "content/articles/test.md", ARTICLE)
    result = run_builder(project, "urls", "--update")
    assert result.returncode == 0, result.stderr
    entries = manifest(project)
    assert "organizations/caco/" in entries and "" in entries
    assert {"articles/test/#p1", "articles/test/#p3", "articles/test/#fn1"} <= set(entries)
    assert entries == sorted(entries)
    again = run_builder(project, "urls", "--update")
    assert "0 new URLs" in again.stdout


def test_removing_an_organization_without_a_redirect_fails_the_build(project):
    assert run_builder(project, "urls", "--update").returncode == 0
    assert run_builder(project, "build").returncode == 0
    before = (project / "site/organizations/caco/index.html").read_text()
    text = (project / "site_data/organizations.yaml").read_text()
    write(project / "site_data/organizations.yaml", text[: text.index("- id: caco")])
    members = (project / "site_data/memberships.yaml").read_text()
    write(project / "site_data/memberships.yaml", members[: members.index("- org: caco")])
    result = run_builder(project, "build")
    assert result.returncode == 1
    line = next(n for n, entry in enumerate((project / "site_data/published-urls.txt").read_text().splitlines(), 1)
                if entry == "/organizations/caco/")
    assert (f"site_data/published-urls.txt:{line}: '/organizations/caco/' was published and is gone; keep it, "
            "or add a redirect for it to site_data/redirects.yaml") in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site/organizations/caco/index.html").read_text() == before  # old site kept

    write(project / "site_data/redirects.yaml", "- from: organizations/caco/\n  to: organizations/csto/\n"
                                                "- from: organizations/caco/map/\n  to: organizations/csto/map/\n")
    result = run_builder(project, "build")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project / "site/organizations/caco/index.html").read_text(), "html.parser")
    assert page.find("link", rel="canonical") is not None
    assert 'content="0; url=../csto/"' in str(page.find("noscript"))
    assert '"../csto/" + location.hash' in page.script.string


def test_a_moved_paragraph_needs_an_anchor_redirect(project):
    write(project / "content/articles/test.md", ARTICLE)
    assert run_builder(project, "urls", "--update").returncode == 0
    write(project / "content/articles/test.md", ARTICLE.replace("Third paragraph.\n\n", ""))
    result = run_builder(project, "build")
    assert result.returncode == 1
    assert "'/articles/test/#p3' was published and is gone" in result.stderr
    write(project / "site_data/redirects.yaml", "- from: articles/test/#p3\n  to: articles/test/#p2\n")
    result = run_builder(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project / "site/articles/test/index.html").read_text()
    assert re.search(r'var moved = \{"p3": "#p2"\}', html)


def test_a_redirect_must_lead_somewhere(project):
    write(project / "site_data/redirects.yaml", "- from: organizations/old/\n  to: organizations/nowhere/\n")
    result = run_builder(project, "build")
    assert result.returncode == 1
    assert "site_data/redirects.yaml:1: redirect target 'organizations/nowhere/' is not a page or anchor of the site" in result.stderr
