"""python -m builder audit: each kind of finding on a small dataset, and the shipped data against
its committed baseline (a count may fall, never grow)."""
from __future__ import annotations

import json

from builder import audit
from builder.core.dates import PartialDate
from builder.core.model import (
    AlsoDated,
    Country,
    Dataset,
    Event,
    Membership,
    Organization,
    Origin,
    Source,
    SourceRef,
)
from builder.markdown.passages import Passage, article_passages, quoted

from conftest import ROOT, make_project, run_builder

D = PartialDate.parse


def _org(org_id="alliance", founded="1990-01-01", **kw) -> Organization:
    return Organization(org_id, org_id.title(), "military alliance", D(founded), "S.", ["treaty"],
                        Origin("orgs.yaml", 1), **kw)


def _record(country="ruri", status="member", start="1995-03-01", end=None, sources=("treaty",), line=10,
            **kw) -> Membership:
    return Membership("alliance", country, status, D(start), list(sources), Origin("m.yaml", line),
                      end=D(end) if end else None, lines={"from": line + 3, "to": line + 4, "sources": line + 5}, **kw)


def _event(event_id="joins", date="1995-03-01", kind="accession", orgs=("alliance",), countries=("ruri",),
           sources=("treaty",), **kw) -> Event:
    return Event(event_id, D(date), event_id, kind, list(sources), Origin("e.yaml", 1), orgs=list(orgs),
                 countries=list(countries), lines={"id": 1}, **kw)


def _data(records=(), events=(), sources=None, countries=None) -> Dataset:
    data = Dataset()
    data.organizations = {"alliance": _org()}
    data.countries = countries or {
        "ruri": Country("ruri", "Ruritania", "Baltic", Origin("c.yaml", 1), exists_from=D("1991-01-01"),
                        sources=["treaty"]),
        "grau": Country("grau", "Grand Fenwick", "Baltic", Origin("c.yaml", 9)),
    }
    data.sources = sources or {"treaty": Source("treaty", "treaty", "The Treaty", Origin("s.yaml", 1),
                                                date=D("1990-01-01"), url="https://example.org/t")}
    data.memberships = list(records)
    data.events = {e.id: e for e in events}
    return data


def test_a_record_start_without_an_event_is_found_and_one_with_an_event_is_not():
    data = _data([_record(), _record(country="grau", start="1996-05-05", line=20)], [_event()])
    found = audit.records_without_events(data)
    assert [(f.file, f.line, f.category) for f in found] == [("m.yaml", 23, "no-event")]
    assert "grau in alliance" in found[0].message and "date 1996-05-05" in found[0].message


def test_an_other_date_of_the_record_can_meet_the_event():
    record = _record(start="1995-04-01", also_dated=[AlsoDated("from", D("1995-03-01"), "signed", [])])
    assert audit.records_without_events(_data([record], [_event()])) == []


def test_a_founding_member_is_explained_by_the_founding_event_of_its_organization():
    founder = _record(start="1990-01-01")
    founding = _event("founded", date="1990-01-01", kind="founding", countries=())
    assert audit.records_without_events(_data([founder], [founding])) == []


def test_an_accession_event_without_a_record_on_its_day_is_a_missing_status():
    data = _data([_record(start="1995-04-01")], [_event()])
    (found,) = audit.missing_statuses_in_events(data)
    assert found.category == "missing-status" and "no record of ruri in alliance" in found.message


def test_an_event_that_grants_a_status_needs_a_record_of_it_for_the_state_it_names_beside_it():
    event = _event("observers", kind="decision", countries=("ruri", "grau"),
                   summary="The council granted Ruritania observer status and Grand Fenwick the status of a candidate.")
    data = _data([_record(country="grau", status="candidate", start="1996-01-01")], [event])
    messages = [f.message for f in audit.missing_statuses_in_events(data)]
    assert messages == ["event 'observers' gives ruri the status 'observer', and no record of ruri in alliance holds it"]


def test_a_sentence_of_a_text_that_gives_a_status_needs_a_record():
    data = _data([_record(status="observer")])
    texts = audit.Texts(files={"essay": "content/articles/essay.md"}, bodies={"essay": (
        "Intro.\n\n[[country:ruri|Ruritania]] has observer status in the [[org:alliance|Alliance]]. "
        "[[country:grau|Grand Fenwick]] – unlike [[country:ruri|Ruritania]] – enjoys the status of an observer.\n", 4)})
    (found,) = audit.missing_statuses_in_texts(data, texts)
    assert (found.file, found.line) == ("content/articles/essay.md", 6)
    assert "Grand Fenwick the status 'observer'" in found.message


def test_a_status_said_in_brackets_belongs_to_the_state_before_them():
    sentence = "It includes [[country:aa|A]], [[country:bb|B]] (suspended its participation) and [[country:cc|C]]."
    phrases = audit.status_phrases(_data())
    ((status, at),) = audit.statuses_said(phrases, audit._as_read(sentence))
    assert status == "suspended" and audit.subjects(sentence, at) == {"bb"}


def test_a_longer_status_name_is_not_read_as_the_shorter_one_too():
    phrases = audit.status_phrases(_data())
    assert [s for s, _ in audit.statuses_said(phrases, "granted dialogue partner status")] == ["dialogue partner"]


def test_sources_without_address_or_reason_and_descriptive_titles():
    sources = {
        "a": Source("a", "treaty", "A", Origin("s.yaml", 1)),
        "b": Source("b", "book", "B", Origin("s.yaml", 5), url_missing_reason="a printed book"),
        "c": Source("c", "treaty", "C", Origin("s.yaml", 9), identifiers={"unts": "I-1"}, title_descriptive=True,
                    lines={"title_descriptive": 11}),
    }
    data = _data(sources=sources)
    assert [(f.line, f.category) for f in audit.unlinked_sources(data)] == [(1, "no-link")]
    assert [(f.line, f.category) for f in audit.descriptive_titles(data)] == [(11, "descriptive-title")]


def test_a_source_dated_before_the_fact_it_is_cited_for():
    data = _data([_record(start="1989-06-01"), _record(country="grau", start="1995-01-01", line=30)])
    data.sources["treaty"].date = D("1992")
    (found,) = audit.sources_before_facts(data, audit.Texts())
    assert found.line == 35 and "'treaty' (1992) is cited for 'from' 1995-01-01" in found.message


def test_a_citation_that_rests_on_the_editors_note_alone():
    passage = Passage("p3", "The alliance grew in April 2008.", "Ruritania joined on 1 March 1995.",
                      {"org:alliance"}, {"country:ruri"})
    texts = audit.Texts(passages={"essay": {"p3": passage}})
    circular = _record(sources=["essay#p3"])
    quoted_author = _record(country="grau", sources=[SourceRef("essay#p3", quote="grew in April 2008")], line=30)
    data = _data([circular, quoted_author])
    (found,) = audit.editorial_only(data, texts)
    assert found.category == "editorial-only" and found.line == 15


def test_a_citation_of_a_passage_about_something_else():
    texts = audit.Texts(passages={"essay": {"p1": Passage("p1", "Other things.", entities={"country:grau"}),
                                            "p2": Passage("p2", "Ruritania.", entities={"country:ruri"})}})
    data = _data([_record(sources=["essay#p1", "essay#p2"])])
    (found,) = audit.off_topic(data, texts)
    assert "'essay#p1'" in found.message


def test_countries_without_existence_dates_or_without_their_source():
    data = _data()
    data.countries["ruri"].sources = []
    found = {(f.category, f.message.split("'")[1]) for f in audit.countries_without_existence(data)}
    assert found == {("unsourced-existence", "ruri"), ("no-existence", "grau")}


def test_counts_and_growth_against_a_baseline():
    findings = [audit.Finding("f", 1, "no-event", "x"), audit.Finding("f", 2, "no-event", "y")]
    counts = audit.counts(findings)
    assert counts["no-event"] == 2 and set(counts) == set(audit.CATEGORIES)
    assert audit.grown(counts, {"no-event": 1}) == ["'no-event' grew from 1 to 2"]
    assert audit.grown(counts, {"no-event": 5}) == []
    assert audit.report(findings).splitlines()[:2] == ["f:1: x", "f:2: y"]


def test_passages_keep_the_authors_words_apart_from_the_editors():
    body = ("A first paragraph.[^1]\n\n{{ed: a note standing alone}}\n\n"
            "Second, with [[org:alliance|the Alliance]] {{ed: joined in [[country:ruri|1995]]}} and a page "
            "{{page:5}}mark.\n\n[^1]: The note names [[country:grau|Fenwick]].\n")
    passages = article_passages(body)
    assert set(passages) == {"p1", "p2", "fn1"}
    assert passages["p1"].notes == [1]
    second = passages["p2"]
    assert second.words == "Second, with the Alliance and a page mark."
    assert second.editorial == "joined in 1995"
    assert second.entities == {"org:alliance"} and second.editorial_entities == {"country:ruri"}
    assert passages["fn1"].words == "The note names Fenwick." and passages["fn1"].entities == {"country:grau"}
    assert quoted("with the  Alliance", second) == "words"
    assert quoted("joined in 1995", second) == "editorial"
    assert quoted("not there", second) is None


def test_the_shipped_data_stays_within_its_baseline():
    result = run_builder(ROOT, "audit", "--baseline")
    assert result.returncode == 0, result.stderr[-2000:]
    baseline = json.loads((ROOT / "site_data/audit-baseline.json").read_text(encoding="utf-8"))
    assert set(baseline) == set(audit.CATEGORIES)
    counted = {line.split(":")[0].split()[-1]: int(line.split()[0])
               for line in result.stdout.splitlines() if line[:5].strip().isdigit() and ": " in line}
    assert counted == baseline, "the audit found fewer: record the new counts with --update-baseline"
    finding_lines = [line for line in result.stdout.splitlines() if not line[:5].strip().isdigit()]
    assert len(finding_lines) == sum(baseline.values())


def test_a_grown_count_fails_the_run(tmp_path):
    # The small fixture's records have no events at all: its no-event count is above a baseline of 0.
    project = make_project(tmp_path / "project")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({category: 0 for category in audit.CATEGORIES}), encoding="utf-8")
    result = run_builder(project, "audit", "--baseline", str(baseline))
    assert result.returncode == 1
    assert "audit: 'no-event' grew from 0 to" in result.stderr
