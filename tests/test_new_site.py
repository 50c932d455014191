"""`python -m builder new DIR` makes a site that builds in strict mode, with no broken link or anchor."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import run_builder
from test_citable import _Links


def test_the_new_site_has_every_page_kind(new_site):
    site = new_site / "site"
    for page in ["", "articles/", "articles/example-essay/", "organizations/", "organizations/v4/", "countries/",
                 "countries/pol/", "people/ann-example/", "sources/", "matrix/", "matrix/1995/", "timeline/", "overlap/v4-nato/"]:
        assert (site / page / "index.html").is_file(), page
    article = (site / "articles/example-essay/index.html").read_text(encoding="utf-8")
    assert 'href="../../organizations/v4/"' in article and 'id="fn1"' in article
    mentions = (site / "organizations/v4/index.html").read_text(encoding="utf-8")
    assert "example-essay/#p1" in mentions  # the organization's page lists the paragraph


@pytest.mark.parametrize("which", ["new_site", "second_site"])
def test_no_broken_link_or_anchor(which, request):
    site = request.getfixturevalue(which) / "site"
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


def test_the_second_corpus_has_its_table_parts_and_no_overlap_pages(second_site):
    site = second_site / "site"
    article = BeautifulSoup((site / "articles/accessions/index.html").read_text(encoding="utf-8"), "html.parser")
    cells = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in article.select("table tbody tr")]
    assert cells == [["1999", "Poland", "NATO"], ["2004", "Slovakia", "the Alliance"]]
    assert article.select_one('table a[href="../../organizations/nato/"]')
    index = (site / "articles/index.html").read_text(encoding="utf-8")
    assert ">Part One</h2>" in index and ">Journal articles</h2>" in index
    assert not (site / "overlap").exists()
    assert "overlap/" not in (site / "matrix/index.html").read_text(encoding="utf-8")
    nato = (site / "organizations/nato/index.html").read_text(encoding="utf-8")
    assert "accessions/#p1" in nato and "accessions/#fn1" in nato


def test_the_timings_option_accounts_for_every_page_by_kind(second_site):
    """`timings:` (what `bench` reads): each page counted once under its kind, the pages' time
    within the build's, and the phases around them."""
    spent = json.loads((second_site / "build-timings.json").read_text(encoding="utf-8"))
    site = second_site / "site"
    written: dict[str, int] = {}
    for page in site.rglob("index.html"):
        kind = page.relative_to(site).parts[0] if len(page.relative_to(site).parts) > 1 else "home"
        written[kind] = written.get(kind, 0) + 1
    counted = {kind: entry["pages"] for kind, entry in spent["kinds"].items()}
    assert counted == written
    assert 0 < spent["in_pages"] < spent["seconds"]
    assert sum(e["seconds"] for e in spent["kinds"].values()) == pytest.approx(spent["in_pages"], abs=0.01)
    assert set(spent["phases"]) == {"load", "files", "finish", "swap"}
    assert not (site / "build-timings.json").exists()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run_builder(tmp_path, "new", str(tmp_path / "taken"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{tmp_path / 'taken'}: exists and is not an empty folder; choose a new one"
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]


def test_a_site_chooses_its_own_regions_and_kinds(tmp_path):
    site = tmp_path / "africa"
    assert run_builder(tmp_path, "new", str(site)).returncode == 0
    (site / "site_data/vocabularies.yaml").write_text(
        "organization_kinds:\n  economic community: Economic communities\n  military alliance: Alliances\n"
        "regions: [Central Europe, Sub-Saharan Africa]\n", encoding="utf-8")
    countries = (site / "site_data/countries.yaml").read_text(encoding="utf-8")
    (site / "site_data/countries.yaml").write_text(
        countries + "- id: gha\n  name: Ghana\n  region: Sub-Saharan Africa\n", encoding="utf-8")
    orgs = (site / "site_data/organizations.yaml").read_text(encoding="utf-8")
    (site / "site_data/organizations.yaml").write_text(orgs.replace("kind: regional organization", "kind: economic community"),
                                                       encoding="utf-8")
    result = run_builder(site, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    index = (site / "site/countries/index.html").read_text(encoding="utf-8")
    assert index.index("Central Europe") < index.index("Sub-Saharan Africa") < index.index("Ghana")
    organizations = (site / "site/organizations/index.html").read_text(encoding="utf-8")
    assert organizations.index("Economic communities") < organizations.index("Alliances")
    # A value of the defaults that the site's own list leaves out is refused.
    (site / "site_data/organizations.yaml").write_text(orgs, encoding="utf-8")
    result = run_builder(site, "check")
    assert result.returncode == 1
    assert ("'kind' 'regional organization' is not one of the allowed values; use one of: economic community, "
            "military alliance") in result.stderr


def test_a_site_chooses_its_own_statuses(tmp_path):
    """A status vocabulary of the site's own decides what a matrix cell shows, what is counted as a
    member, how the export codes it and where an organization page lists it."""
    site = tmp_path / "statuses"
    assert run_builder(tmp_path, "new", str(site)).returncode == 0
    (site / "site_data/vocabularies.yaml").write_text(
        "statuses:\n"
        "  founding member: {abbreviation: FM, counted: true, listed_with: members, cow_code: 1, drawn: solid}\n"
        "  full member: {abbreviation: Full, counted: true, listed_with: members, cow_code: 1}\n"
        "  affiliate: {abbreviation: Af, listed_with: members, cow_code: 2, drawn: half}\n", encoding="utf-8")
    records = (site / "site_data/memberships.yaml").read_text(encoding="utf-8")
    assert records.count("status: member\n") >= 2
    records = records.replace("status: member\n", "status: full member\n")
    records = records.replace("status: full member\n", "status: affiliate\n", 1)  # one of them an affiliate
    (site / "site_data/memberships.yaml").write_text(records, encoding="utf-8")
    result = run_builder(site, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    out = site / "site"
    rows = list(csv.DictReader((out / "data/country-year.csv").read_text(encoding="utf-8").splitlines()))
    codes = {(r["status"], r["cow_code"]) for r in rows}
    assert {("founding member", "1"), ("full member", "1"), ("affiliate", "2")} <= codes
    latest = sorted((out / "matrix").glob("[0-9]*/index.html"))[-1].read_text(encoding="utf-8")
    assert ">Af</abbr> affiliate<" in latest and ">Full</abbr> full member<" in latest
    # The affiliate is listed among the members but not counted as one.
    affiliate = next(r for r in rows if r["status"] == "affiliate")
    org_page = BeautifulSoup((out / f"organizations/{affiliate['org']}/index.html").read_text(encoding="utf-8"), "html.parser")
    members = org_page.find(id="members").find_parent("section")
    assert "affiliate" in members.get_text()
    year = max(int(r["year"]) for r in rows)
    counted = {r["country"] for r in rows if r["org"] == affiliate["org"] and int(r["year"]) == year
               and r["status"] in ("founding member", "full member")}
    index = BeautifulSoup((out / "organizations/index.html").read_text(encoding="utf-8"), "html.parser")
    entry = index.find("a", href=f"{affiliate['org']}/").find_parent("li")
    assert f"· {len(counted)} member" in entry.get_text(" ")
    # A status the vocabulary does not name is refused, with the site's own values.
    (site / "site_data/memberships.yaml").write_text(records.replace("status: affiliate", "status: member"), encoding="utf-8")
    result = run_builder(site, "check")
    assert result.returncode == 1
    assert ("'status' 'member' is not one of the allowed values (did you mean 'full member'?); "
            "use one of: founding member, full member, affiliate") in result.stderr
