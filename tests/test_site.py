"""A real build of the shipped data and content, read back from the produced HTML."""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from conftest import page_facts, shipped_data

DATA = shipped_data()


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def member_rows(page: BeautifulSoup, section: str) -> dict[str, str]:
    rows = page.select(f"section[aria-labelledby={section}] tbody tr")
    return {row.th.get_text(" ", strip=True): row.get_text(" ", strip=True) for row in rows}


def test_csto_lists_its_six_members_with_years(built_site):
    page = soup(built_site, "organizations/csto")
    members = member_rows(page, "members")
    for country in ("Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"):
        assert country in members, f"{country} not among the CSTO members"
        assert re.search(r"since (\d+ \w+ )?(19|20)\d\d", members[country]), members[country]
    full_members = [c for c, text in members.items() if "suspended" not in text.split(" In the")[0]]
    assert len([c for c in full_members if c != "Uzbekistan"]) == 6


def test_csto_shows_uzbekistans_whole_history(built_site):
    page = soup(built_site, "organizations/csto")
    rows = {**member_rows(page, "members"), **member_rows(page, "former")}
    history = rows["Uzbekistan"]
    treaty, csto = history.split("In the CSTO")
    assert "Collective Security Treaty" in treaty  # the 1992 treaty, its predecessor
    # From the treaty's entry into force (the date convention), its signature of 15 May 1992 beside it.
    assert re.search(r"20 April 1994 – (\w+ )?1999", treaty) and "15 May 1992" in treaty
    assert "16 August 2006" in csto
    assert re.search(r"suspended since (\d+ \w+ )?2012", csto)


def test_uzbekistan_page_shows_its_records_across_organizations(built_site):
    page = soup(built_site, "countries/uzb")
    linked = {a["href"].rstrip("/").split("/")[-1] for a in page.select("main table th[scope=row] a")}
    for org in ("csto", "sco", "cis", "eurasec", "guam", "caco"):
        assert org in linked, f"{org} missing from Uzbekistan's page"
    former = page.select_one("section[aria-labelledby=former]").get_text(" ", strip=True)
    assert "GUAM" in former and "EurAsEC" in former


def test_every_organization_and_country_has_a_page(built_site):
    for org_id in DATA.organizations:
        assert (built_site / "organizations" / org_id / "index.html").is_file()
    for country_id in DATA.countries:
        assert (built_site / "countries" / country_id / "index.html").is_file()


def test_organization_page_shows_aliases_founding_and_sources(built_site):
    page = soup(built_site, "organizations/eurasec")
    facts = page.select_one("dl.facts").get_text(" ", strip=True)
    assert "EvrAzEC" in facts
    assert "Founded" in facts
    assert "Eurasian Economic Union" in facts  # successor link
    notes = page.select("section.source-notes li")
    # Each note leads to its entry in the bibliography, or to the article paragraph it is.
    assert notes and all(li.a["href"].startswith(("../../sources/#", "../../articles/")) for li in notes)
    for cite in page.select("a.src"):
        assert page.select_one(cite["href"]) is not None


def test_every_membership_record_shown_cites_a_source(built_site):
    for org_id in DATA.organizations:
        page = soup(built_site, f"organizations/{org_id}")
        for item in page.select("ul.records li"):
            assert item.select("a.src"), f"{org_id}: record without source: {item.get_text(' ', strip=True)}"


def test_organizations_index_groups_by_kind(built_site):
    page = soup(built_site, "organizations")
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert "Collective security organizations" in headings
    assert "Military alliances" in headings
    links = {a["href"] for a in page.select("main a")}
    assert {f"{org_id}/" for org_id in DATA.organizations} <= links


def test_front_page_leads_to_every_part(built_site):
    page = BeautifulSoup((built_site / "index.html").read_text(), "html.parser")
    hrefs = {a["href"] for a in page.select("main a")}
    assert {"articles/", "organizations/", "countries/", "people/", "sources/", "matrix/", "timeline/",
            "matrix/#overlaps"} <= hrefs


def test_pages_do_not_carry_the_whole_site_navigation(built_site):
    page = soup(built_site, "countries/uzb")
    country_links = [a for a in page.select("a[href]") if "/countries/" in a["href"] and not a["href"].endswith("countries/")]
    assert len(country_links) < 5
    assert len((built_site / "countries/uzb/index.html").read_bytes()) < 150_000


def test_no_external_requests(built_site):
    for html, facts in page_facts(built_site).items():
        for tag, value, rel in facts.loads:
            if tag == "link" and rel == "canonical":
                continue
            assert not urlsplit(value).scheme and not value.startswith("//"), f"{html}: {value}"
    css = (built_site / "assets/site.css").read_text()
    assert "@import" not in css
    assert re.findall(r"url\((?!#)", css) == []  # only in-page references such as url(#pat-hatched)


def test_internal_links_and_anchors_resolve(built_site):
    pages = page_facts(built_site)
    broken = []
    for html, facts in pages.items():
        if html.name == "404.html":
            continue  # its links are absolute to site_url, so it works at any depth
        for href in facts.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = html if not parts.path else (html.parent / parts.path)
            target = Path(posixpath.normpath(str(target)))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html.relative_to(built_site)}: {href}")
            elif parts.fragment and parts.fragment not in (pages[target].ids if target in pages else set()):
                broken.append(f"{html.relative_to(built_site)}: {href} (no such anchor)")
    assert broken == []


def test_search_index_covers_entity_pages_and_aliases(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "organizations/csto/" in locations and "countries/uzb/" in locations
    guam = next(doc for doc in index["docs"] if doc["location"] == "organizations/guam/")
    assert "GUUAM" in guam["text"]


def test_dissolved_organization_shows_members_at_its_dissolution(built_site):
    page = soup(built_site, "organizations/caco")
    heading = page.select_one("#members")
    assert heading is not None and "dissolution" in heading.get_text()
    assert "Dissolved" in page.select_one("dl.facts").get_text()


def test_pages_are_light_and_no_script_blocks_rendering(built_site):
    assets = [p for p in (built_site / "assets").iterdir() if p.suffix in (".css", ".js")]
    assert sum(p.stat().st_size for p in assets) <= 60_000
    for url in ("", "articles/kazantsev/", "organizations/csto/", "matrix/2008/", "timeline/"):
        page = soup(built_site, url)
        for script in page.find_all("script", src=True):
            assert script.has_attr("defer") or script.has_attr("async"), (url, script)


def test_the_titles_index_names_every_searchable_page(built_site):
    full = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = json.loads((built_site / "search/titles.json").read_text(encoding="utf-8"))
    pages = {d["location"] for d in full["docs"] if "#" not in d["location"]}
    assert {d["location"] for d in titles["docs"]} == pages
    assert not any(loc.startswith("matrix/19") or loc.startswith("matrix/20") for loc in pages)
    eurasec = next(d for d in titles["docs"] if d["location"] == "organizations/eurasec/")
    assert "EvrAzEC" in eurasec["text"]


def test_an_organization_map_has_every_year_and_its_states(built_site):
    page = BeautifulSoup((built_site / "organizations/sco/map/index.html").read_text(), "html.parser")
    for year in range(2001, 2027):
        assert page.find(id=f"y{year}") is not None, year
    in_2024 = page.find(id="y2024").find_parent("section") or page.find(id="y2024")
    states = {li.select_one(".status").get_text(): li.get_text() for li in in_2024.select(".map-states li")}
    assert "Belarus" in states["member"] and "Belarus" not in states.get("observer", "")
    svg = in_2024.select_one(".member-map svg")
    defined = {path["id"] for path in page.select("svg.map-shapes path[id]")}
    used = {use["href"].lstrip("#") for use in svg.select("use")}
    assert used <= defined and "shape-blr" in used and "shape-chn" in used
    org = BeautifulSoup((built_site / "organizations/sco/index.html").read_text(), "html.parser")
    assert org.select_one("section.org-map .member-map svg[role=img]") is not None
    assert org.select_one("section.org-map a[href='map/']") is not None


def test_an_overlap_names_a_lesser_status_in_the_other_organization(built_site):
    page = BeautifulSoup((built_site / "overlap/csto-sco/index.html").read_text(), "html.parser")
    row = page.find(id="y2014")
    sco_only = row.find_all("td")[2].get_text(" ", strip=True)
    assert re.search(r"Uzbekistan \(suspended in the CSTO\)", sco_only), sco_only
    assert "would mean" in page.select_one("main > p").get_text()


def test_the_matrix_page_maps_how_many_organizations_each_state_belongs_to(built_site):
    page = BeautifulSoup((built_site / "matrix/index.html").read_text(), "html.parser")
    section = page.find("section", attrs={"aria-labelledby": "membership-map"})
    svg = section.select_one(".member-map svg[role=img]")
    assert "10 or more" in svg["aria-label"]
    bands = {li.strong.get_text(): li.get_text(" ", strip=True) for li in section.select(".map-states li")}
    assert re.search(r"Russia \(\d+\)", bands["10 or more"])
    used = {use["href"].lstrip("#") for use in svg.select("use")}
    assert "shape-rus" in used and used <= {p["id"] for p in section.select("svg.map-shapes path[id]")}
    assert page.select_one("table.matrix") is not None  # the map is beside the matrix, not instead of it
