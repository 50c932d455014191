"""The matrix and overlaps against what the texts state, and the chart's structure."""
from __future__ import annotations

import datetime as dt
import re

from bs4 import BeautifulSoup

from builder.load.loader import load
from builder.load.vocabulary import load_vocabulary
from builder.views import matrix
from builder.views.charts import Row, membership_chart

from conftest import MINI_DATA, ROOT, shipped_data

DATA = shipped_data()


def test_2008_csto_had_seven_members_and_the_sco_six_five_in_both():
    # Safranchuk (2008): "Five of the CSTO's seven member-states are also members of the SCO. Five of
    # the six member-states of the SCO are simultaneously members of the CSTO."
    result = matrix.overlap(DATA, "csto", "sco", 2008)
    assert len(result.both) + len(result.only_a) == 7
    assert len(result.both) + len(result.only_b) == 6
    assert result.both == ["kaz", "kgz", "rus", "tjk", "uzb"]
    assert result.only_a == ["arm", "blr"] and result.only_b == ["chn"]


def test_sco_observers_in_2008_include_india_and_pakistan():
    # Safranchuk: "India and Pakistan […] have an observer status in the SCO."
    observers = matrix.members(DATA, "sco", 2008, statuses={"observer"})
    assert {"ind", "pak"} <= observers


def test_nato_sizes_the_texts_give():
    # Adams: "the then 16 nations" (1991); "26+1" and "28+1 after Croatia and Albania".
    assert len(matrix.members(DATA, "nato", 1991)) == 16
    assert len(matrix.members(DATA, "nato", 2008)) == 26
    assert len(matrix.members(DATA, "nato", 2009)) == 28


def test_cst_prolonged_by_six_in_1999_and_cis_of_eleven_in_1991():
    # Kazantsev: the prolongation protocol "signed in Moscow by 6 CIS members"; Alma-Ata "by 11".
    assert matrix.members(DATA, "cst", 1999) == {"arm", "blr", "kaz", "kgz", "rus", "tjk"}
    assert len(matrix.members(DATA, "cis", 1991)) == 11


def test_cells_keep_not_yet_not_a_member_unknown_and_statuses_apart():
    mini, _ = load(MINI_DATA)
    assert matrix.cell(mini, "csto", "uzb", 2001).status == matrix.NOT_YET
    assert matrix.cell(mini, "csto", "uzb", 2005).status == matrix.NOT_MEMBER
    assert matrix.cell(mini, "csto", "uzb", 2006).status == "member"
    assert matrix.cell(mini, "csto", "uzb", 2012).status == "suspended"
    # CACO dissolved in 2005-10: at the end of 2005 it no longer exists
    assert matrix.cell(mini, "caco", "uzb", 2005).status == matrix.NOT_YET
    assert matrix.cell(mini, "cst", "sun", 1992).status == matrix.NO_STATE


def test_an_interval_ending_inside_a_vague_month_is_unknown():
    mini, _ = load(MINI_DATA)
    record = next(m for m in mini.memberships if m.org == "caco")
    assert record.covers(dt.date(2005, 10, 15)) is matrix.UNKNOWN


def test_matrix_2008_page(built_site):
    page = BeautifulSoup((built_site / "matrix/2008/index.html").read_text(), "html.parser")
    headers = [th.get_text(strip=True) for th in page.select("table.matrix thead th")]
    counts = dict(zip(headers[1:], [td.get_text(strip=True) for td in page.select("table.matrix tfoot td")]))
    assert counts["CSTO"] == "7" and counts["SCO"] == "6"
    rows = {tr.th.get_text(strip=True): tr for tr in page.select("table.matrix tbody tr")}
    sco_column = headers.index("SCO")
    india = rows["India"].find_all(["th", "td"])[sco_column]
    assert india.abbr["title"] == "observer"
    assert india.select_one("a.src")["href"].startswith("#src-")
    assert page.select_one('a[href="../../countries/ind/"]') and page.select_one('th a[href="../../organizations/sco/"]')
    assert "observer" in page.select_one(".legend").get_text()
    # A cell without a record is its symbol only; the legend says what it means.
    uzbekistan = rows["Uzbekistan"].find_all(["th", "td"])[headers.index("GUAM")]
    assert uzbekistan.get_text() == "–" and "st-not-a-member" in uzbekistan["class"]
    assert "– not a member" in page.select_one(".legend").get_text(" ", strip=True)


def test_matrix_has_a_page_for_every_year_and_the_latest_at_matrix(built_site):
    years = matrix.matrix_years(DATA, dt.date(2026, 11, 23))
    for year in years:
        assert (built_site / "matrix" / str(year) / "index.html").is_file()
    latest = BeautifulSoup((built_site / "matrix/index.html").read_text(), "html.parser")
    assert latest.h1.get_text() == "Member matrix, 2026"
    links = {a["href"] for a in latest.select("nav.years a")}
    assert "2008/" in links


def test_overlap_page_shows_the_five_common_members_of_2008(built_site):
    page = BeautifulSoup((built_site / "overlap/csto-sco/index.html").read_text(), "html.parser")
    row = page.select_one("#y2008")
    assert re.search(r"5 of 7 / 6", row.get_text(" ", strip=True))


def test_chart_structure():
    mini, _ = load(MINI_DATA)
    records = [m for m in mini.memberships if m.country == "uzb" and m.org in ("cst", "csto")]
    own = [m for m in records if m.org == "csto"]
    earlier = [m for m in records if m.org == "cst"]
    chart = membership_chart([Row("Uzbekistan", own, "countries/uzb/", earlier)], dt.date(2026, 11, 23),
                             mini.vocabulary.drawn, {"cst": "CST"})
    assert chart.start == 1992 and chart.end == 2026
    segments = chart.bars[0].segments
    assert [(s.status, s.lineage) for s in segments] == [("founding member", "CST"), ("member", None),
                                                         ("suspended", None)]
    assert [s.pattern for s in segments] == ["banded", "solid", "hatched"]
    assert all(a.left + a.width <= b.left + 0.01 for a, b in zip(segments, segments[1:]))  # in order, not overlapping
    assert all(0 <= s.left and s.left + s.width <= 100.01 for s in segments)
    assert [year for _, year in chart.ticks][:2] == [1995, 2000]
    assert chart.lineages == ["CST"]
    assert chart.bars[0].description.startswith("Uzbekistan: founding member of the CST, 15 May 1992")


def test_every_status_has_a_pattern_of_its_own():
    vocabulary = load_vocabulary(ROOT / "site_data", ROOT)[0]
    drawn = [status.drawn for status in vocabulary.statuses]
    assert len(set(drawn)) == len(drawn), drawn


def test_chart_on_the_page_links_outside_its_images_and_shows_the_predecessor(built_site):
    page = BeautifulSoup((built_site / "organizations/csto/index.html").read_text(), "html.parser")
    chart = page.select_one("figure.chart")
    assert chart.figcaption.get_text(" ", strip=True).startswith("Membership of the CSTO")
    rows = {row.select_one(".chart-label").get_text(strip=True): row for row in chart.select(".chart-row")}
    uzbekistan = rows["Uzbekistan"].select_one(".chart-track")
    assert uzbekistan["role"] == "img" and "member, 16 August 2006" in uzbekistan["aria-label"]
    assert uzbekistan.select(".seg-hatched")  # the suspension, by pattern as well as colour
    assert not chart.select("[role=img] a")  # the rows' links are outside the images
    assert rows["Uzbekistan"].select_one(".chart-label a")["href"] == "../../countries/uzb/"
    # A state that was only in the predecessor is on the chart, drawn as the predecessor's.
    assert "Georgia" in rows and all("seg-lineage" in s["class"] for s in rows["Georgia"].select(".seg"))
    assert "lighter bars are the years in the CST" in " ".join(chart.figcaption.get_text().split())


def test_the_texts_organizations_come_first_in_the_matrix():
    from builder.load.project import load_project
    project = load_project(ROOT / "site_data", ROOT / "content", ROOT)
    columns = matrix.matrix_orgs(project.data)
    named = [o for o in columns if matrix.named_in_texts(project.data, o)]
    assert columns[: len(named)] == named and columns[0] == "csto"  # the most named, first
    counts = [project.data.mentions[f"org:{o}"] for o in named]
    assert counts == sorted(counts, reverse=True)


def test_a_row_of_cells_is_what_the_macro_makes_of_each_cell():
    """The plugin renders a sourced cell once a record and puts each page's source number in
    afterwards: the row must be, byte for byte, the macro's own rendering of every cell."""
    from jinja2 import Environment, FileSystemLoader

    from builder.mkdocs.plugin import _cells_renderer
    from builder.views.pages import CellView

    env = Environment(loader=FileSystemLoader(str(ROOT / "templates")), autoescape=True)
    cell = env.get_template("partials/matrix_cell.html").module.cell
    views = [CellView("member", "M"), CellView("member", "M", "since 1995", 3, "NATO: member since 1995", "nato"),
             CellView("member", "M", "since 1995", 12, "NATO: member since 1995", "nato"),
             CellView("observer", "O", "1995–2003", 7, "<b>A & B</b> \"quoted\"", "a&b"),
             CellView("member", "M", "since 1995", 4, "a title with \ue000 in it", "nato"),
             CellView("none", "·")]
    row = _cells_renderer(cell)
    expected = "".join(str(cell(v)) for v in views)
    assert str(row(views)) == expected
    assert str(row(list(reversed(views)))) == "".join(str(cell(v)) for v in reversed(views))  # from the caches
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in expected and "[12]" in expected
