"""Quotations, disagreements between sources and the existence of states, on the built pages."""
from __future__ import annotations

from bs4 import BeautifulSoup


def _page(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_quoted_source_shows_its_words_beside_the_fact_and_in_the_source_list(built_site):
    page = _page(built_site, "organizations/csto/")
    row = page.select_one("#former-uzb, #members-uzb, #partners-uzb")
    claim = row.select_one(".claim")
    mark, tip = claim.select_one("a.claim-mark"), claim.select_one(".claim-text")
    assert mark["aria-describedby"] == tip["id"] and tip["role"] == "tooltip"
    assert "Uzbekistan’s return to the organization on 16 August 2006" in tip.get_text()
    note = page.select_one(mark["href"])
    assert note.name == "li" and "16 August 2006" in note.select_one("blockquote.quote").get_text()
    ids = [e["id"] for e in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_where_sources_disagree_the_page_says_so_with_both_claims(built_site):
    page = _page(built_site, "countries/uzb/")
    disputed = [d.get_text(" ", strip=True) for d in page.select(".disputed")]
    assert any("Sources disagree on the start: June 2006" in d for d in disputed), disputed
    timeline = _page(built_site, "timeline/")
    event = timeline.select_one("#event-uzbekistan-returns-csto-2006")
    assert "Sources disagree on the date: June 2006" in event.get_text(" ", strip=True)
    assert "16 August 2006" in event.select_one("time").get_text()


def test_a_state_page_gives_its_existence_and_its_successors(built_site):
    fry = _page(built_site, "countries/scg/")
    facts = fry.select_one("dl.facts").get_text(" ", strip=True)
    assert "Existed from 27 April 1992" in facts
    assert "Federal Republic of Yugoslavia (until 4 February 2003)" in facts
    assert "ISO 3166-3 code CSXX" in facts
    assert {a.get_text() for a in fry.select("dl.facts a")} >= {"Serbia", "Montenegro", "Yugoslavia"}
    sfry = _page(built_site, "countries/yug/").select_one("dl.facts").get_text(" ", strip=True)
    assert "Ceased to exist 1992" in sfry and "Followed by" in sfry


def test_the_matrix_names_a_state_as_it_was_called_that_year(built_site):
    names = {a.get_text() for a in _page(built_site, "matrix/2001/").select("tbody th a")}
    assert "Federal Republic of Yugoslavia" in names and "Serbia and Montenegro" not in names
    later = {a.get_text() for a in _page(built_site, "matrix/2004/").select("tbody th a")}
    assert "Serbia and Montenegro" in later


def test_the_bibliography_marks_descriptive_titles(built_site):
    page = _page(built_site, "sources/")
    marked = page.select("ol.bibliography li .descriptive")
    assert len(marked) > 30
