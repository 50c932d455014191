"""`python -m builder new DIR` makes a site that builds in strict mode, with no broken link or anchor."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, run_builder
from test_citable import _Links


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "mysite"
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "new", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"mkdocs build -f {folder / 'mkdocs.yml'}" in result.stdout
    # As the message says, from anywhere: mkdocs build -f DIR/mkdocs.yml (strict: true in it).
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(folder / "mkdocs.yml")],
                           capture_output=True, text=True, cwd=folder.parent)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    return folder


def test_the_new_site_has_every_page_kind(new_site):
    site = new_site / "site"
    for page in ["", "articles/", "articles/example-essay/", "organizations/", "organizations/v4/", "countries/",
                 "countries/pol/", "people/ann-example/", "sources/", "matrix/", "matrix/1995/", "timeline/", "overlap/v4-nato/"]:
        assert (site / page / "index.html").is_file(), page
    article = (site / "articles/example-essay/index.html").read_text(encoding="utf-8")
    assert 'href="../../organizations/v4/"' in article and 'id="fn1"' in article
    mentions = (site / "organizations/v4/index.html").read_text(encoding="utf-8")
    assert "example-essay/#p1" in mentions  # the organization's page lists the paragraph


def test_the_new_site_has_no_broken_link_or_anchor(new_site):
    site = new_site / "site"
    pages = {}
    for path in site.rglob("*.html"):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    broken = []
    for path, parser in pages.items():
        if path == site / "404.html":
            continue  # served at any depth, so its links start at the site's root (tests/test_citable.py)
        base = "file://" + path.as_posix()
        for href in parser.links:
            target = urlsplit(urljoin(base, href))
            if target.scheme != "file":
                continue
            file = Path(unquote(target.path))
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif target.fragment and file in pages and target.fragment not in pages[file].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    assert len(pages) > 20
    assert broken == []


def test_the_data_says_today_and_validates(new_site):
    assert '      as_of: "20' in (new_site / "mkdocs.yml").read_text(encoding="utf-8")
    result = run_builder(new_site, "check")
    assert result.returncode == 0, result.stderr
    assert "2 organizations, 5 countries, 9 memberships" in result.stdout


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run_builder(tmp_path, "new", str(tmp_path / "taken"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{tmp_path / 'taken'}: exists and is not an empty folder; choose a new one"
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]
