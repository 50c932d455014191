"""The view models that templates render (builder/views/pages.py), on the small fixture: what each page
lists, in which group and order, as the site's vocabulary defines the statuses."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from builder.core.dates import PartialDate
from builder.core.model import Origin, Person, Role, Status
from builder.load.loader import load
from builder.views import pages

from conftest import MINI_DATA

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def mini():
    data, problems = load(MINI_DATA)
    assert not problems
    return data


def _ids(rows):
    return [(row["id"], row["status"]) for row in rows]


def test_an_organization_lists_members_by_status_then_name(mini):
    view = pages.organization_page(mini, mini.organizations["csto"], AS_OF).view()
    # Suspended is listed with the members (vocabulary: listed_with members), after full members.
    assert _ids(view["groups"]["members"]) == [("rus", "founding member"), ("uzb", "suspended")]
    assert view["groups"]["partners"] == [] and view["groups"]["former"] == []
    uzbekistan = view["groups"]["members"][1]
    assert [r["status"] for r in uzbekistan["records"]] == ["member", "suspended"]
    assert uzbekistan["summary"] == "member 2006–2012; suspended since 2012"


def test_a_dissolved_organization_shows_its_members_on_its_last_day(mini):
    view = pages.organization_page(mini, mini.organizations["caco"], AS_OF).view()
    assert _ids(view["groups"]["members"]) == [("uzb", "founding member")]


def test_the_vocabulary_decides_the_group_a_status_is_listed_in(mini):
    statuses = tuple(dataclasses.replace(s, listed_with="partners") if s.name == "suspended" else s
                     for s in mini.vocabulary.statuses)
    data = dataclasses.replace(mini, vocabulary=dataclasses.replace(mini.vocabulary, statuses=statuses))
    view = pages.organization_page(data, data.organizations["csto"], AS_OF).view()
    assert _ids(view["groups"]["members"]) == [("rus", "founding member")]
    assert _ids(view["groups"]["partners"]) == [("uzb", "suspended")]


def test_a_country_page_parts_current_and_former_memberships(mini):
    view = pages.country_page(mini, "uzb", AS_OF).view()
    assert [(row["org"]["id"], row["status"]) for row in view["current"]] == [("csto", "suspended")]
    assert [row["org"]["id"] for row in view["former"]] == ["cst", "caco"]  # by first record


def test_a_matrix_counts_only_member_statuses_and_lists_the_statuses_shown(mini):
    view = pages.matrix_page(mini, 2013, range(1992, 2027)).view()
    columns = [c["id"] for c in view["columns"]]
    assert columns == ["cst", "csto"]  # caco was dissolved in 2005
    counts = dict(zip(columns, view["counts"]))
    assert counts["csto"] == 1  # Russia; Uzbekistan is suspended, not counted
    rows = [row for _, group in view["groups"] for row in group]
    uzbekistan = next(row for row in rows if row["id"] == "uzb")
    cell = uzbekistan["cells"][columns.index("csto")]
    assert (cell.abbr, cell.status, cell.span, cell.org) == ("S", "suspended", "since 2012", "CSTO")
    assert [region for region, _ in view["groups"]] == sorted({r["region"] for r in rows},
                                                              key=mini.vocabulary.regions.index)
    assert view["counted"] == sorted(s.name for s in mini.vocabulary.statuses if s.counted)
    assert ("S", "suspended") in view["legend"] and ("F", "founding member") in view["legend"]


def test_a_status_of_the_sites_own_has_its_abbreviation_in_the_matrix(mini):
    statuses = tuple(Status(s.name, "Su" if s.name == "suspended" else s.abbreviation, s.counted,
                            s.listed_with, s.cow_code, s.drawn) for s in mini.vocabulary.statuses)
    data = dataclasses.replace(mini, vocabulary=dataclasses.replace(mini.vocabulary, statuses=statuses))
    view = pages.matrix_page(data, 2013, range(1992, 2027)).view()
    assert ("Su", "suspended") in view["legend"]


def test_the_organizations_index_counts_members_on_the_reference_day(mini):
    view = pages.organizations_index(mini, AS_OF).view()
    entries = {e["id"]: e for group in view["groups"] for e in group["entries"]}
    assert entries["csto"]["members"] == 1 and entries["caco"]["members"] == 1
    assert [g["kind"] for g in view["groups"]] == [k for k in mini.vocabulary.organization_kinds
                                                  if any(o.kind == k for o in mini.organizations.values())]


def test_the_people_index_gives_each_role_its_body_and_years(mini):
    roles = [Role("Secretary-General", org="csto", start=PartialDate.parse("2003-04-28"), end=PartialDate.parse("2017-01")),
             Role("President of Uzbekistan", country="uzb", start=PartialDate.parse("1990"), end=PartialDate.parse("2016")),
             Role("Adviser")]
    person = Person("a-person", "Ann Person", Origin("people.yaml", 1), roles=roles)
    data = dataclasses.replace(mini, people={"a-person": person})
    view = pages.people_index(data, set()).view()
    (entry,) = view["others"]
    assert [(r["title"], r["org"]["label"] if r["org"] else None, r["years"], r["title_names_it"]) for r in entry["roles"]] == [
        ("Adviser", None, "", False),  # undated roles first
        ("President of Uzbekistan", None, "1990–2016", True),  # the title names the country: not repeated
        ("Secretary-General", "CSTO", "2003–2017", False),
    ]


def test_the_people_index_sorts_by_family_name_without_brackets(mini):
    people = {pid: Person(pid, name, Origin("people.yaml", 1)) for pid, name in
              (("filaret", "Filaret (Vakhromeyev)"), ("aganbegyan", "Abel Aganbegyan"), ("yeltsin", "Boris Yeltsin"))}
    view = pages.people_index(dataclasses.replace(mini, people=people), set()).view()
    assert [p["name"] for p in view["others"]] == ["Abel Aganbegyan", "Filaret (Vakhromeyev)", "Boris Yeltsin"]


def _text(slug, kind="chapter", order=1, part=None, collection="book", **publication):
    from builder.load.articles import Article
    return Article(slug=slug, file=f"{slug}.md", title=slug.title(), kind=kind, order=order, part=part,
                   collection=collection, publication=publication)


def test_previous_and_next_stay_within_one_printed_work_in_index_order():
    texts = [_text("preface", kind="preface", order=0), _text("two", order=2, part="II."),
             _text("one", order=1, part="I."), _text("essay", kind="journal-article", collection=None),
             _text("other", kind="journal-article", order=1, collection=None)]
    found = {slug: (n["previous"] and n["previous"].slug, n["next"] and n["next"].slug)
             for slug, n in pages.neighbours(texts).items()}
    assert found == {"preface": (None, "one"), "one": ("preface", "two"), "two": ("one", None),
                     "essay": (None, "other"), "other": ("essay", None)}


def test_a_chapter_header_says_what_its_work_does_not_print():
    assert pages.unprinted_note(_text("a", publisher=None, year=None, editors=None)) == \
        "Publisher, year and editors are not printed in the source."
    assert pages.unprinted_note(_text("a", publisher="P", year=None, editors=["E"])) == \
        "Year is not printed in the source."
    assert pages.unprinted_note(_text("a", publisher="P", year=2009, editors=["E"])) == ""
    assert pages.unprinted_note(_text("a", kind="journal-article")) == ""


def test_every_state_of_the_data_has_a_shape_or_is_named_under_the_map():
    from builder.load.loader import load as load_data
    from builder.views import maps

    from conftest import ROOT
    data, _ = load_data(ROOT / "site_data", ROOT)
    shapes = maps.world_shapes()
    for country in data.countries.values():
        drawn = country.drawn_as or [country.id]
        assert all(key in shapes for key in drawn) or country.id == "ddr", country.id
    russia = shapes["rus"].box  # in one piece across 180°: from the Baltic to Chukotka, not the whole world
    assert 1000 < russia[2] - russia[0] < 1300


def test_a_map_frames_its_states_and_names_those_it_cannot_draw():
    from builder.views import maps
    areas = {"kaz": maps.Area("kaz", "member"), "uzb": maps.Area("uzb", "suspended", "hatched"),
             "ddr": maps.Area("ddr", "member")}
    drawn = maps.member_map(areas, {}, {"ddr": "East Germany"})
    x, y, width, height = map(float, drawn.view_box.split())
    kazakhstan = maps.world_shapes()["kaz"].box
    assert x < kazakhstan[0] and x + width > kazakhstan[2] and y < kazakhstan[1] and y + height > kazakhstan[3]
    assert width < 1000  # a region, not the world
    assert [key for _, key in drawn.areas] == ["kaz", "uzb"] and drawn.not_drawn == ["East Germany"]
    assert "kgz" in drawn.background and "usa" not in drawn.background
    assert maps.member_map({"ddr": maps.Area("ddr", "member")}, {}, {}) is None


def test_the_changes_of_a_year_tell_joined_changed_and_left(mini):
    def told(year):
        return [(c["country"]["name"], c["org"]["id"], c["kind"], c["from"], c["status"])
                for c in pages.year_changes(mini, year, set(mini.organizations))]
    assert ("Uzbekistan", "csto", "changed", "member", "suspended") in told(2012)
    assert any(country == "Uzbekistan" and org == "csto" and kind == "joined" for country, org, kind, _, _ in told(2006))
    assert not any(kind == "left" and org == "csto" for _, org, kind, _, _ in told(2012))  # a change, not a departure


def test_a_page_is_made_from_the_files_of_what_it_shows_and_the_articles_naming_it(mini):
    from builder.load.articles import Article
    from builder.views.inputs import PageInputs

    naming = Article(slug="a", file="content/articles/a.md", title="A", kind="chapter", order=1, mentions={"org:csto": 3})
    other = Article(slug="b", file="content/articles/b.md", title="B", kind="chapter", order=2, mentions={"org:caco": 1})
    inputs = PageInputs(mini, [naming, other])
    files = inputs.of_entity("org", "csto")
    assert {"site_data/organizations.yaml", "site_data/memberships.yaml", "site_data/sources.yaml",
            "content/articles/a.md"} <= files
    assert "content/articles/b.md" not in files  # an article that does not name it is not its content
    assert inputs.of_article(naming) == {"content/articles/a.md"}
    assert {"content/articles/a.md", "content/articles/b.md", "site_data/countries.yaml"} <= inputs.everything()
