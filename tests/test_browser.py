"""What a reader sees and clicks, in a real Chromium, with the site served under a sub-path."""
from __future__ import annotations

import re

import pytest

from browsing import require_chromium

pytestmark = pytest.mark.browser

require_chromium()  # or skip the module


def open_page(tab, url, **options):
    """The worker's shared page (tests/browsing.py, Tab) at `url`, and what it has asked for since."""
    page, _ = tab.open(url, **options)
    return page, tab.requests


def test_search_finds_a_country_and_the_result_opens_its_page(tab, server):
    page, requests = open_page(tab, server + "organizations/csto/")
    box = page.get_by_role("searchbox", name="Search this site")
    box.fill("uzbek")
    result = page.locator(".search-results a", has_text="Uzbekistan").first
    result.wait_for()
    result.click()
    page.wait_for_url("**/repo/countries/uzb/")
    assert page.locator("h1").inner_text() == "Uzbekistan"
    assert all(url.startswith(server) for url in requests), requests


def test_search_finds_an_organization_by_an_alias(tab, server):
    page, _ = open_page(tab, server)
    page.get_by_role("searchbox", name="Search this site").fill("GUUAM")
    page.locator(".search-results a", has_text="GUAM").first.wait_for()


def test_search_loads_nothing_before_a_search_and_first_results_need_only_the_titles(tab, server, built_site):
    page = tab.page
    page.route("**/search/search_index.json", lambda route: route.abort())  # the full text never arrives
    try:
        _search_with_titles_only(tab, server, built_site)
    finally:
        page.unroute("**/search/search_index.json")


def _search_with_titles_only(tab, server, built_site):
    page, requests = open_page(tab, server + "countries/")
    box = page.get_by_role("searchbox", name="Search this site")
    box.focus()
    page.wait_for_timeout(300)
    assert [url for url in requests if "/search/" in url] == []
    box.fill("csto")
    page.locator(".search-results a", has_text="Collective Security Treaty Organization").first.wait_for()
    assert server + "search/titles.json" in requests
    assert (built_site / "search/titles.json").stat().st_size <= 300_000


def test_without_javascript_the_search_box_leads_to_every_name(tab_without_js, server):
    page, _ = open_page(tab_without_js, server + "countries/")
    box = page.get_by_role("searchbox", name="Search this site")
    box.fill("Bordyuzha")
    box.press("Enter")
    page.wait_for_url("**/repo/search/?q=Bordyuzha")
    assert page.locator("form.search-page").is_hidden()  # its results need the script
    names = page.locator("main .name-list")
    names.get_by_role("link", name="Nikolai Bordyuzha").click()
    page.wait_for_url("**/repo/people/bordyuzha/")
    page.get_by_role("link", name="Organizations", exact=True).first.click()
    page.get_by_role("link", name=re.compile(r"^CSTO\b")).click()
    assert "Collective Security Treaty Organization" in page.locator("h1").inner_text()


def _first_result(page, query: str) -> str:
    page.get_by_role("searchbox", name="Search this site").fill(query)
    first = page.locator(".search-results li a").first
    first.wait_for()
    page.wait_for_load_state("networkidle")  # the full index has come in and re-ranked
    return page.locator(".search-results li a").first.get_attribute("href")


@pytest.mark.parametrize("query, page_url", [
    ("CSTO", "organizations/csto/"),            # the organization before the overlap page that names it
    ("ОДКБ", "organizations/csto/"),            # its Russian acronym
    ("Бордюжа", "people/bordyuzha/"),           # a name in Cyrillic, read in Latin letters
    ("Bordjuzha", "people/bordyuzha/"),         # one letter off
    ("Moldavia", "countries/mda/"),             # an old name
    ("shanghai cooperation", "organizations/sco/"),
])
def test_search_ranks_the_page_of_what_is_named_first(tab, server, query, page_url):
    page, _ = open_page(tab, server + "countries/")
    assert _first_result(page, query).endswith("/" + page_url), query


def test_search_by_keyboard_alone(tab, server):
    page, _ = open_page(tab, server + "countries/")
    box = page.get_by_role("searchbox", name="Search this site")
    box.focus()
    page.keyboard.type("uzbek")
    page.locator(".search-results li a").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Uzbekistan"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-query"
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url("**/repo/countries/uzb/")


def test_the_results_page_shows_the_query_in_its_address(tab, server):
    page, _ = open_page(tab, server + "search/?q=GUUAM")
    results = page.locator(".search-page-results li a")
    results.first.wait_for()
    assert "GUAM" in results.first.inner_text()
    box = page.get_by_role("searchbox", name="Search for")
    assert box.input_value() == "GUUAM"
    box.fill("Kazakhstan")
    page.wait_for_function("location.search === '?q=Kazakhstan'")
    page.locator(".search-page-results li a", has_text="Kazakhstan").first.wait_for()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["", "organizations/", "organizations/csto/", "countries/uzb/", "sources/",
                                  "articles/", "articles/kazantsev/", "articles/emerson/", "articles/grigorieva/",
                                  "people/bordyuzha/", "organizations/sco/map/", "organizations/nato/"])
def test_no_page_scrolls_sideways(tab, server, path, width):
    """Wide tables scroll inside their own box (articles' tables, the matrices), never the page."""
    page, _ = open_page(tab, server + path, viewport={"width": width, "height": 740})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path or 'front page'} is {overflow}px too wide at {width}px"


def test_a_wide_table_scrolls_in_its_box_by_keyboard(tab, server):
    page, _ = open_page(tab, server + "articles/kazantsev/", viewport={"width": 1280, "height": 740})
    box = page.locator("#p92 .table-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "Table 1 is expected to be wider than the text"
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('#p92 .table-scroll').scrollLeft > 0")


def test_a_paragraph_link_lands_on_its_paragraph(tab, server):
    page, _ = open_page(tab, server + "organizations/csto/")
    mentions = page.locator("section[aria-labelledby=mentions]")
    link = mentions.get_by_role("link", name="34").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/articles/**#{target}")
    assert page.locator(f"#{target}").is_visible()
    assert page.evaluate("location.hash") == f"#{target}"


def test_breadcrumbs_lead_back_up(tab, server):
    page, _ = open_page(tab, server + "countries/uzb/")
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="Countries").click()
    page.wait_for_url("**/repo/countries/")
    assert page.locator("h1").inner_text() == "Countries"


def test_dark_scheme_changes_the_colours(tab, server):
    style = "getComputedStyle(document.body).backgroundColor"
    light = open_page(tab, server, color_scheme="light")[0].evaluate(style)
    dark = open_page(tab, server, color_scheme="dark")[0].evaluate(style)
    assert light != dark


def test_changing_the_matrix_year(tab, server):
    page, _ = open_page(tab, server + "matrix/")
    page.locator("details.all-years summary").click()
    page.get_by_role("link", name="2008", exact=True).click()
    page.wait_for_url("**/repo/matrix/2008/")
    assert page.locator("h1").inner_text() == "Member matrix, 2008"
    page.get_by_role("link", name="2009 →").click()
    page.wait_for_url("**/repo/matrix/2009/")
    slider = page.locator("#year-range")
    slider.evaluate("(el) => { el.value = '1994'; el.dispatchEvent(new Event('change')); "
                    "el.value = '1995'; el.dispatchEvent(new Event('change')); }")
    page.wait_for_url("**/repo/matrix/1995/")  # one page load for two steps of the slider
    assert page.locator("h1").inner_text() == "Member matrix, 1995"


def _matrix_column(page, label: str) -> int:
    return page.locator("table.matrix thead th").all_inner_texts().index(label)


def test_matrix_filters_recount_and_stay_in_the_address_across_years(tab, server):
    page, _ = open_page(tab, server + "matrix/2008/")
    csto = _matrix_column(page, "CSTO")
    total = lambda: page.locator("table.matrix tfoot td").nth(csto - 1).inner_text()  # noqa: E731
    assert total() == "7"  # Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan
    page.locator(".region-filter").select_option("Central Asia")
    visible = page.locator("table.matrix tbody tr:visible th[scope=row]").all_inner_texts()
    assert "Kazakhstan" in visible and "France" not in visible
    assert total() == "4"  # the totals follow the filter
    page.locator("details.column-picker summary").click()
    page.get_by_role("checkbox", name="SCO", exact=True).uncheck()
    assert "SCO" not in page.locator("table.matrix thead th:visible").all_inner_texts()
    page.wait_for_function("location.search.includes('region=Central+Asia') && location.search.includes('hide=sco')")
    page.get_by_role("link", name="2009 →").click()
    page.wait_for_url("**/repo/matrix/2009/?*")
    assert page.locator(".region-filter").input_value() == "Central Asia"
    assert not page.get_by_role("checkbox", name="SCO", exact=True).is_checked()
    assert "France" not in page.locator("table.matrix tbody tr:visible th[scope=row]").all_inner_texts()


def test_matrix_header_row_and_country_column_stay_in_view(tab, server):
    page, _ = open_page(tab, server + "matrix/2008/", viewport={"width": 1280, "height": 800})
    box = page.locator(".matrix-scroll")
    box.evaluate("b => { b.scrollTop = 600; b.scrollLeft = 900; }")
    top = box.bounding_box()["y"]
    left = box.bounding_box()["x"]
    header = page.locator("table.matrix thead th").nth(3).bounding_box()
    country = page.locator("table.matrix tbody th[scope=row]").nth(12).bounding_box()
    assert abs(header["y"] - top) < 3, (header, top)
    assert abs(country["x"] - left) < 3, (country, left)


def test_on_a_phone_a_country_of_the_matrix_reads_as_its_organizations(tab, server):
    page, _ = open_page(tab, server + "matrix/2008/", viewport={"width": 360, "height": 740})
    row = page.locator("table.matrix tbody tr", has=page.get_by_role("link", name="Kazakhstan", exact=True))
    # What the card shows: each cell that is drawn, with the organization its ::before names.
    shown = row.evaluate("""r => [...r.cells].filter((c) => c.tagName === 'TD' && c.getClientRects().length)
        .map((c) => getComputedStyle(c, '::before').content.replaceAll('"', '').trim())""")
    for org in ("CIS", "CSTO", "SCO", "EurAsEC"):
        assert org in shown, shown
    assert row.bounding_box()["width"] <= 360
    assert "NATO" not in shown  # cells without a status are left out of the card


def test_what_changed_in_a_year(tab, server):
    page, _ = open_page(tab, server + "matrix/2006/")
    changes = page.locator("section[aria-labelledby=changes]").inner_text()
    assert re.search(r"Uzbekistan joined the CSTO", changes) or re.search(r"Uzbekistan.*CSTO", changes), changes


def test_cite_copies_a_paragraphs_and_a_notes_citation_with_its_locator_and_address(tab, server):
    page, _ = open_page(tab, server + "articles/kazantsev/", permissions=["clipboard-read", "clipboard-write"])
    button = page.locator("#p3 .copy-link")
    assert button.get_attribute("aria-label") == "Copy a citation of paragraph 3"
    button.click()
    page.wait_for_function("document.querySelector('#p3 .copy-link').textContent === 'copied'")
    assert page.evaluate("navigator.clipboard.readText()") == f"Kazantsev, n.d., ¶ 3. {server}articles/kazantsev/#p3"
    note = page.locator("#fn56 .copy-link")
    note.click()
    page.wait_for_function("document.querySelector('#fn56 .copy-link').textContent === 'copied'")
    assert page.evaluate("navigator.clipboard.readText()") == f"Kazantsev, n.d., n. 56. {server}articles/kazantsev/#fn56"


def test_without_javascript_the_paragraph_number_is_the_permalink(tab_without_js, server):
    page, _ = open_page(tab_without_js, server + "articles/kazantsev/")
    assert page.locator(".copy-link").count() == 0
    page.locator("#p3 a.pnum").click()
    page.wait_for_url("**/articles/kazantsev/#p3")


@pytest.mark.parametrize("path", ["organizations/csto/", "countries/kaz/"])
def test_chart_text_keeps_its_size_on_a_phone_in_both_schemes(tab, server, path):
    """The chart reflows (a row's label above its bar) instead of shrinking as one image would."""
    for scheme in ("light", "dark"):
        page, _ = open_page(tab, server + path, viewport={"width": 360, "height": 740}, color_scheme=scheme)
        sizes = page.evaluate("""() => [...document.querySelectorAll(
            '.chart-label, .chart-axis span, .chart-legend, .chart figcaption')]
            .filter((e) => e.getClientRects().length).map((e) => parseFloat(getComputedStyle(e).fontSize))""")
        assert sizes and min(sizes) >= 12, (path, scheme, min(sizes))
        chart = page.locator("figure.chart").bounding_box()
        assert chart["x"] >= 0 and chart["x"] + chart["width"] <= 360


def test_the_members_of_a_year_on_the_map_on_a_phone(tab, server):
    """organizations/sco/map/#y2024: the map of the period holding 2024, with 2024's states."""
    page, _ = open_page(tab, server + "organizations/sco/map/#y2024", viewport={"width": 360, "height": 740},
                        color_scheme="dark")
    period = page.locator("section.map-period", has=page.locator("#y2024"))
    if not period.count():  # 2024 opens its own period
        period = page.locator("section#y2024")
    assert "2024" in period.locator("h2").inner_text()
    assert period.locator(".map-states").inner_text().count("Belarus") == 1
    svg = period.locator(".member-map svg")
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 150 and box["x"] + box["width"] <= 360
    assert "Belarus" in svg.get_attribute("aria-label")
    member = period.locator("use.area.st-member").first
    assert member.evaluate("e => getComputedStyle(e).fill") not in ("", "none", "rgb(0, 0, 0)")


def test_timeline_filters_stay_in_the_address_and_year_links_follow_them(tab, server):
    page, _ = open_page(tab, server + "timeline/?org=sco")
    assert page.locator(".timeline-filters select[data-filter=org]").input_value() == "sco"
    shown_years = page.locator("section.year:visible h2").all_inner_texts()
    links = page.locator("nav.years a:visible").all_inner_texts()
    assert shown_years and links == shown_years
    assert "1949" not in links  # no event of the SCO then
    page.locator(".timeline-filters select[data-filter=kind]").select_option("summit")
    page.wait_for_function("location.search.includes('org=sco') && location.search.includes('kind=summit')")
    assert all(e.get_attribute("data-kind") == "summit"
               for e in page.locator("section.year li[data-kind]:visible").all())


def test_the_changes_between_two_years_stay_in_the_address(tab, server):
    page, _ = open_page(tab, server + "matrix/changes/?from=2004&to=2006")
    years = page.locator("section.change-year:visible h2").all_inner_texts()
    assert years and all(2004 <= int(y) <= 2006 for y in years)
    assert "Uzbekistan" in page.locator("section.change-year:visible").all_inner_texts()[-1]
    page.locator("select[data-range=to]").select_option("2012")
    page.wait_for_function("location.search === '?from=2004&to=2012'")
    assert "2012" in page.locator("section.change-year:visible h2").all_inner_texts()


def test_a_quotation_shows_on_hover_and_on_keyboard_focus(tab, server):
    page, _ = open_page(tab, server + "organizations/csto/")
    claim = page.locator("#members-uzb, #partners-uzb, #former-uzb").locator(".claim").first
    tip = claim.locator(".claim-text")

    def shown() -> bool:  # out of sight it is a clipped box of one pixel, still read by a screen reader
        return tip.bounding_box()["width"] > 50 and tip.evaluate("e => getComputedStyle(e).clip") == "auto"

    assert not shown()
    claim.locator("a.claim-mark").hover()
    assert shown() and "16 August 2006" in tip.inner_text()
    page.mouse.move(0, 0)
    assert not shown()
    claim.locator("a.claim-mark").focus()
    assert shown()


def test_on_a_phone_a_quotation_shows_whole_inside_the_screen(tab, server):
    page, _ = open_page(tab, server + "countries/uzb/", viewport={"width": 360, "height": 700}, color_scheme="dark")
    marks = page.locator(".claim a.claim-mark")
    for index in range(marks.count()):  # marks near the right edge too
        marks.nth(index).focus()
        box = marks.nth(index).locator("xpath=following-sibling::*[1]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 700, box


def test_without_javascript_a_quotation_is_read_in_the_source_list(tab_without_js, server):
    page, _ = open_page(tab_without_js, server + "organizations/csto/")
    mark = page.locator(".claim a.claim-mark").first
    target = mark.get_attribute("href")
    mark.click()
    page.wait_for_url("**/organizations/csto/" + target)
    assert "16 August 2006" in page.locator(target + " blockquote.quote").first.inner_text()
