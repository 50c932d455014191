"""One bad input per rule: the exact one-line message, at the right file and line."""
from __future__ import annotations

import pytest

from builder.core.model import REGIONS, STATUSES
from builder.load.problems import DataError
from builder.load.project import load_dataset, load_project

from conftest import write

# A vocabulary error lists the allowed values, in their order.
REGIONS_LIST, STATUSES_LIST = ", ".join(REGIONS), ", ".join(s.name for s in STATUSES)


def problems(project):
    with pytest.raises(DataError) as error:
        load_dataset(project / "site_data", project / "content", project)
    return [str(p) for p in error.value.problems]


def test_the_fixture_data_is_valid(project):
    data = load_dataset(project / "site_data", project / "content", project)
    assert set(data.organizations) == {"cst", "csto", "caco"}


def test_broken_yaml_names_file_and_line(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: kaz
          name: Kazakhstan
          region: Central Asia
        - id: kgz
          name: [Kyrgyzstan
          region: Central Asia
        """)
    assert problems(project) == [
        "site_data/countries/extra.yaml:6: YAML syntax error: expected ',' or ']', but got ':'",
    ]


def test_a_file_that_is_not_a_list(project):
    write(project / "site_data/sources.yaml", "id: x\ntitle: y\n")
    assert "site_data/sources.yaml:1: expected a list of records (each starting with '- ')" in problems(project)


def test_a_list_item_that_is_not_a_record(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: kaz
          name: Kazakhstan
          region: Central Asia
        - just text
        """)
    assert problems(project) == ["site_data/countries/extra.yaml:4: expected a record (key: value lines), got 'just text'"]


def test_duplicate_key_in_a_record(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: kaz
          name: Kazakhstan
          name: Qazaqstan
          region: Central Asia
        """)
    assert problems(project) == ["site_data/countries/extra.yaml:3: duplicate key 'name' (first given on line 2)"]


def test_missing_required_field(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: kaz
          region: Central Asia
        """)
    assert problems(project) == ["site_data/countries/extra.yaml:1: country 'kaz' is missing required field 'name'"]


def test_unknown_field_with_suggestion(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: kaz
          name: Kazakhstan
          regoin: Central Asia
        """)
    assert problems(project) == [
        "site_data/countries/extra.yaml:1: country 'kaz' is missing required field 'region'",
        "site_data/countries/extra.yaml:3: unknown field 'regoin' in country (did you mean 'region'?)",
    ]


def test_duplicate_id_points_at_the_first_definition(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: uzb
          name: Uzbekistan
          region: Central Asia
        """)
    assert problems(project) == [
        "site_data/countries/extra.yaml:1: duplicate country id 'uzb' (first defined at site_data/countries.yaml:1)",
    ]


def test_bad_country_code(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: KAZ
          name: Kazakhstan
          region: Central Asia
        """)
    assert problems(project) == [
        "site_data/countries/extra.yaml:1: 'id' 'KAZ' must be an ISO 3166 alpha-3 code in lowercase, like 'kaz'",
    ]


def test_bad_organization_id(project):
    text = (project / "site_data/organizations.yaml").read_text().replace("id: caco", "id: CACO_2")
    write(project / "site_data/organizations.yaml", text)
    line = text.splitlines().index("- id: CACO_2") + 1
    assert problems(project) == [
        "site_data/memberships.yaml:33: unknown organization 'caco'",
        f"site_data/organizations.yaml:{line}: 'id' 'CACO_2' must be lowercase letters, digits and single hyphens",
    ]


def test_unknown_vocabulary_value(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: rus
          status: membr
          from: 2003
          sources: [cst-1992]
        """)
    # the record is unreadable, so no overlap with Russia's real CSTO record is reported
    assert problems(project) == [
        "site_data/memberships/extra.yaml:3: 'status' 'membr' is not one of the allowed values (did you mean 'member'?); use one of: " + STATUSES_LIST,
    ]


@pytest.mark.parametrize("value, message", [
    ("2002-13", "'from' is not a valid date: '2002-13' has month 13; a month is 01 to 12"),
    ("2002-02-30", "'from' is not a valid date: '2002-02-30' does not exist: February 2002 has 28 days"),
    ("soon", "'from' is not a valid date: 'soon' is not a date like 2002, 2002-10 or 2002-10-07"),
])
def test_bad_or_impossible_date(project, value, message):
    write(project / "site_data/memberships/extra.yaml", f"""
        - org: cst
          country: sun
          status: member
          from: {value}
          to: 1991
          sources: [cst-1992]
        """)
    assert problems(project) == [f"site_data/memberships/extra.yaml:4: {message}"]


def test_dangling_country_reference_suggests_the_near_id(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: uzb2
          status: observer
          from: 2004
          sources: [csto-charter-2002]
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:2: unknown country 'uzb2' (did you mean 'uzb'?)"]


def test_dangling_organization_reference(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: ctso
          country: rus
          status: member
          from: 2004
          sources: [csto-charter-2002]
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:1: unknown organization 'ctso' (did you mean 'csto'?)"]


def test_dangling_source_reference(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: rus
          status: observer
          from: 2002-10-07
          to: 2003-09-18
          sources:
            - csto-charter-2002
            - cst-1993
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:6: unknown source 'cst-1993' (did you mean 'cst-1992'?)"]


def test_article_paragraph_reference_needs_the_article(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: rus
          status: observer
          from: 2002-10-07
          to: 2003-09-18
          sources: [kazantsev-2009#p34]
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:6: unknown article 'kazantsev-2009' in source 'kazantsev-2009#p34'"]
    write(project / "content/articles/kazantsev-2009.md", "---\ntitle: Post-Soviet Security Organizations\nkind: chapter\n---\n\nText.\n")
    load_dataset(project / "site_data", project / "content", project)


def test_membership_without_sources(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: sun
          status: observer
          from: 2003
          sources: []
        """)
    assert "site_data/memberships/extra.yaml:1: membership is missing required field 'sources'" in problems(project)


def test_end_before_start(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: cst
          country: sun
          status: member
          from: 1992-05-15
          to: 1991-12
          sources: [cst-1992]
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:5: 'to' (1991-12) is not after 'from' (1992-05-15)"]


def test_overlapping_records_of_one_country_in_one_organization(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: uzb
          status: observer
          from: 2010
          to: 2011
          sources: [csto-charter-2002]
        """)
    assert problems(project) == [
        "site_data/memberships/extra.yaml:4: uzb in csto: 'observer' from 2010 overlaps "
        "'member' from 2006-08-16 (site_data/memberships.yaml:21)",
    ]


def test_adjacent_records_and_vague_boundaries_do_not_overlap(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: cst
          country: rus
          status: observer
          from: 2003
          to: 2003-12
          sources: [cst-1992]
        """)
    # ends 2003-09-18 vs starts "some time in 2003": not certainly overlapping
    load_dataset(project / "site_data", project / "content", project)


def test_membership_before_the_organization_was_founded(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: sun
          status: member
          from: 1991
          to: 1991-12
          sources: [cst-1992]
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:4: sun in csto begins 1991, before csto was founded (2002-10-07)"]


def test_membership_open_after_the_organization_was_dissolved(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: caco
          country: rus
          status: member
          from: 2004-10-18
          sources: [cst-1992]
        """)
    assert problems(project) == [
        "site_data/memberships/extra.yaml:1: rus in caco is still open, but caco was dissolved (2005-10); give 'to'",
    ]


def test_membership_ending_after_the_organization_was_dissolved(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: caco
          country: rus
          status: member
          from: 2004-10-18
          to: 2006
          sources: [cst-1992]
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:5: rus in caco ends 2006, after caco was dissolved (2005-10)"]


def test_membership_of_a_state_after_it_ceased_to_exist(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: cst
          country: sun
          status: member
          from: 1992-05-15
          to: 1993
          sources: [cst-1992]
        """)
    assert problems(project) == ["site_data/memberships/extra.yaml:5: sun in cst ends 1993, after sun ceased to exist (1991-12-26)"]


def test_ended_by_without_an_end(project):
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: sun
          status: observer
          from: 2003
          ended_by: withdrawal
          sources: [cst-1992]
        """)
    found = problems(project)
    assert "site_data/memberships/extra.yaml:5: 'ended_by' is given but the record has no 'to' date" in found


def test_organization_links_must_resolve_and_not_be_circular(project):
    text = (project / "site_data/organizations.yaml").read_text()
    text = text.replace("  predecessor: cst\n", "  predecessor: cts\n  parent: csto\n")
    write(project / "site_data/organizations.yaml", text)
    lines = text.splitlines()
    assert problems(project) == [
        f"site_data/organizations.yaml:{lines.index('  predecessor: cts') + 1}: unknown organization 'cts' (did you mean 'cst'?)",
        f"site_data/organizations.yaml:{lines.index('  parent: csto') + 1}: organization 'csto' names itself as its parent",
    ]


def test_dissolution_before_founding(project):
    text = (project / "site_data/organizations.yaml").read_text().replace("dissolved: 2005-10", "dissolved: 2001")
    write(project / "site_data/organizations.yaml", text)
    line = text.splitlines().index("  dissolved: 2001") + 1
    found = problems(project)
    assert f"site_data/organizations.yaml:{line}: 'dissolved' (2001) is not after 'founded' (2002-02-28)" in found


def test_event_and_person_references(project):
    write(project / "site_data/events.yaml", """
        - id: csto-charter
          date: 2002-10-07
          title: CSTO Charter signed
          kind: charter
          orgs: [csto, cstoo]
          countries: [rus]
          sources: [csto-charter-2002]
        """)
    write(project / "site_data/people.yaml", """
        - id: bordyuzha
          name: Nikolai Bordyuzha
          roles:
            - title: Secretary-General
              org: csto
              from: 2003-04
              to: 2002
        """)
    assert problems(project) == [
        "site_data/events.yaml:5: unknown organization 'cstoo' (did you mean 'csto'?)",
        "site_data/people.yaml:4: role 'Secretary-General' ends (2002) before it begins (2003-04)",
    ]


def test_references_to_records_of_an_unreadable_file_are_not_reported_twice(project):
    write(project / "site_data/countries/extra.yaml", "- id: kgz\n  name: [Kyrgyzstan\n")
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: kgz
          status: member
          from: 2003-09-18
          sources: [csto-charter-2002]
        """)
    assert problems(project) == [
        "site_data/countries/extra.yaml:3: YAML syntax error: expected ',' or ']', but got '<stream end>'",
    ]


def test_every_problem_is_reported_at_once(project):
    write(project / "site_data/countries/extra.yaml", """
        - id: kaz
          name: Kazakhstan
          region: Centrl Asia
        """)
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: kgz
          status: member
          from: 2003-09-18
          sources: [csto-charter-2002]
        """)
    write(project / "site_data/sources/broken.yaml", "- id: x\n  title: [\n")
    assert problems(project) == [
        "site_data/countries/extra.yaml:3: 'region' 'Centrl Asia' is not one of the allowed values (did you mean 'Central Asia'?); use one of: " + REGIONS_LIST,
        "site_data/memberships/extra.yaml:2: unknown country 'kgz'",
        "site_data/sources/broken.yaml:3: YAML syntax error: expected the node content, but found '<stream end>'",
    ]


def test_an_article_takes_its_collection_record_and_its_own_keys_win(project):
    write(project / "site_data/collections.yaml", """
        - id: the-book
          title: The Book of Regions
          editors: [Ann Editor, Bo Editor]
          year: 2009
          institution: An Institute
        """)
    write(project / "content/articles/short.md", """
        ---
        title: A short chapter
        kind: chapter
        collection: the-book
        publication:
          year: 2010
        ---

        The [[org:csto|CSTO]].
        """)
    project_data = load_project(project / "site_data", project / "content", project)
    (article,) = [a for a in project_data.articles if a.slug == "short"]
    assert article.publication == {"container_title": "The Book of Regions", "container_title_source": None,
                                   "publisher": None, "editors": ["Ann Editor", "Bo Editor"], "year": 2010,
                                   "institution": "An Institute"}


def test_a_checked_project_is_handed_over_once_and_only_while_its_files_are_unchanged(project):
    """`python -m builder build` checks, then builds in the same process: the build takes over
    what the check loaded, unless a file changed in between, and only once."""
    def load(**options):
        return load_project(project / "site_data", project / "content", project, **options)

    checked = load(hand_over=True)
    assert load() is checked          # the build that follows the check
    assert load() is not checked      # once only: a later build reads the files again
    checked = load(hand_over=True)
    countries = project / "site_data" / "countries.yaml"
    countries.write_text(countries.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = load()
    assert again is not checked and again.data.countries.keys() == checked.data.countries.keys()
