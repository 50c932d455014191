"""The exports, against the contract in DESIGN.md and the formats they promise."""
from __future__ import annotations

import csv
import io
import json

from builder.views import matrix

from conftest import shipped_data

DATA = shipped_data()


def test_memberships_json_has_exactly_the_contract_keys(built_site):
    rows = json.loads((built_site / "data/memberships.json").read_text())
    assert len(rows) == len(DATA.memberships)
    for row in rows:
        # The contract's keys first and in their order; then the added ones.
        assert list(row)[:6] == ["org", "country", "status", "from", "to", "sources"]
        assert list(row)[6:] == ["ended_by", "note", "claims", "also_dated", "disputed"]
        assert isinstance(row["sources"], list) and row["sources"], row
        assert row["to"] is None or isinstance(row["to"], str)
    open_uzb = [r for r in rows if r["org"] == "csto" and r["country"] == "uzb" and r["to"] is None]
    assert [r["status"] for r in open_uzb] == ["suspended"]


def test_memberships_csv_matches_the_json(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "data/memberships.csv").read_text())))
    as_json = json.loads((built_site / "data/memberships.json").read_text())
    assert list(rows[0]) == ["org", "country", "status", "from", "to", "sources", "ended_by"]
    assert [(r["org"], r["country"], r["from"], r["sources"].split(";")) for r in rows] == \
        [(r["org"], r["country"], r["from"], r["sources"]) for r in as_json]


def test_events_and_timelinejs(built_site):
    events = json.loads((built_site / "data/events.json").read_text())
    assert len(events) == len(DATA.events)
    assert all(e["sources"] for e in events)
    timeline = json.loads((built_site / "data/timeline.json").read_text())
    assert "headline" in timeline["title"]["text"]
    assert len(timeline["events"]) == len(events)
    for event in timeline["events"]:
        assert isinstance(event["start_date"]["year"], int)
        assert set(event["start_date"]) <= {"year", "month", "day"}
        assert event["text"]["headline"]


def test_entities_json_lists_every_entity_with_its_page(built_site):
    entities = json.loads((built_site / "data/entities.json").read_text())
    assert {o["id"] for o in entities["organizations"]} == set(DATA.organizations)
    assert {c["id"] for c in entities["countries"]} == set(DATA.countries)
    assert {p["id"] for p in entities["people"]} == set(DATA.people)
    for kind in ("organizations", "countries", "people"):
        for entity in entities[kind]:
            assert (built_site / entity["url"] / "index.html").is_file()


def test_country_year_keeps_the_four_kinds_of_absence_apart(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "data/country-year.csv").read_text())))
    assert list(rows[0]) == ["org", "country", "year", "status", "cow_code"]
    by_key = {(r["org"], r["country"], r["year"]): r for r in rows}
    assert by_key[("csto", "uzb", "2001")]["status"] == matrix.NOT_YET
    assert by_key[("csto", "uzb", "2005")]["status"] == matrix.NOT_MEMBER
    assert by_key[("csto", "uzb", "2005")]["cow_code"] == "0"
    assert by_key[("csto", "uzb", "2010")]["status"] == "member"
    assert by_key[("csto", "uzb", "2010")]["cow_code"] == "1"
    assert by_key[("sco", "ind", "2010")]["cow_code"] == "3"
    assert by_key[("csce", "ddr", "1991")]["status"] == matrix.NO_STATE  # the GDR ended in 1990
    assert by_key[("csce", "ddr", "1991")]["cow_code"] == "-1"
    # Before a state existed: -1, not "not a member".
    assert by_key[("un", "kaz", "1990")]["status"] == matrix.NO_STATE
    assert by_key[("un", "kaz", "1990")]["cow_code"] == "-1"
    assert by_key[("un", "kaz", "1992")]["cow_code"] == "1"
    assert by_key[("osce", "mne", "2005")]["cow_code"] == "-1"
    assert by_key[("un", "yug", "1993")]["status"] == matrix.NO_STATE  # the SFRY ended in 1992
    assert by_key[("un", "scg", "2001")]["status"] == "member"  # the FRY, under its later name
    statuses = {r["status"] for r in rows}
    assert {matrix.NOT_YET, matrix.NOT_MEMBER, "member", "observer"} <= statuses


def test_exports_are_deterministic():
    import datetime as dt

    from builder.output.exports import all_exports
    first = all_exports(DATA, dt.date(2026, 11, 23), "site")
    second = all_exports(DATA, dt.date(2026, 11, 23), "site")
    assert first == second


def test_every_year_before_a_states_existence_is_minus_one(built_site):
    from builder.core.dates import year_end

    rows = list(csv.DictReader(io.StringIO((built_site / "data/country-year.csv").read_text())))
    checked = 0
    for row in rows:
        country = DATA.countries[row["country"]]
        if country.exists_from and year_end(int(row["year"])) < country.exists_from.first_day \
                and row["status"] != matrix.NOT_YET:
            assert (row["status"], row["cow_code"]) == (matrix.NO_STATE, "-1"), row
            checked += 1
    assert checked > 500


def test_quotes_and_disputed_dates_reach_the_exports(built_site):
    rows = json.loads((built_site / "data/memberships.json").read_text())
    (uzb,) = [r for r in rows if (r["org"], r["country"], r["status"]) == ("csto", "uzb", "member")]
    assert uzb["from"] == "2006-08-16"
    assert {"source": "kazantsev#p56", "locator": None} == {k: uzb["claims"][0][k] for k in ("source", "locator")}
    assert "16 August 2006" in uzb["claims"][0]["quote"]
    (disputed,) = uzb["disputed"]
    assert disputed["field"] == "from" and disputed["date"] == "2006-06"
    assert disputed["sources"] == ["petrovsky#p57", "csto-minsk-session-2006"]
    sources = json.loads((built_site / "data/sources.json").read_text())
    assert {s["id"] for s in sources} == set(DATA.sources)
    assert sum(s["title_descriptive"] for s in sources) > 30
