"""The machine-readable exports (a contract, see ../shared/DESIGN.md): deterministic text, sorted.

memberships.json / .csv   one object/row per membership record (the contract's keys first, then what
                          was added: ended_by, note, the quotes, other and disputed dates)
events.json               one object per event
entities.json             organizations, countries and people with their names and pages
sources.json              the bibliography: titles as published, addresses and identifiers
timeline.json             the events in TimelineJS's JSON format (Knight Lab)
country-year.csv          one row per organization, country and year, in the style of the
                          Correlates of War IGO data, with a COW-style code beside our status
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from pathlib import Path

from builder.core.dates import PartialDate
from builder.core.model import NO_STATE, NOT_MEMBER, NOT_YET, UNKNOWN_STATUS, Dataset
from builder.views import matrix

# COW IGO codes of the cells without a status: 0 no membership, -9 missing data, -1 state not in
# system; a status's own code is the site's (model.Status.cow_code).
CELL_CODES = {NOT_MEMBER: 0, UNKNOWN_STATUS: -9, NO_STATE: -1, NOT_YET: ""}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _date(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def claims(refs) -> list[dict]:
    """The quotes a list of source references carries: {source, quote, locator}."""
    return [{"source": str(ref), "quote": ref.quote, "locator": getattr(ref, "locator", None)}
            for ref in refs if getattr(ref, "quote", None)]


def dates(record) -> dict:
    """A record's other dates (another act) and disputed dates (another source's claim)."""
    return {
        "also_dated": [{"field": a.field, "date": a.date.iso(), "act": a.act, "sources": [str(r) for r in a.sources]}
                       for a in record.also_dated],
        "disputed": [{"field": d.field, "date": d.date.iso(), "sources": [str(r) for r in d.sources],
                      "claims": claims(d.sources), "note": d.note} for d in record.disputed],
    }


def membership_rows(data: Dataset) -> list[dict]:
    records = sorted(data.memberships, key=lambda m: (m.org, m.country, m.start.sort_key()))
    return [{"org": m.org, "country": m.country, "status": m.status, "from": _date(m.start),
             "to": _date(m.end), "sources": [str(r) for r in m.sources], "ended_by": m.ended_by, "note": m.note,
             "claims": claims(m.sources), **dates(m)} for m in records]


def memberships_json(data: Dataset) -> str:
    return _json(membership_rows(data))


def memberships_csv(data: Dataset) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["org", "country", "status", "from", "to", "sources", "ended_by"])
    for row in membership_rows(data):
        writer.writerow([row["org"], row["country"], row["status"], row["from"], row["to"] or "",
                         ";".join(row["sources"]), row["ended_by"] or ""])
    return out.getvalue()


def events_json(data: Dataset) -> str:
    events = sorted(data.events.values(), key=lambda e: (e.date.sort_key(), e.id))
    return _json([{"id": e.id, "date": e.date.iso(), "title": e.title, "kind": e.kind,
                   "orgs": e.orgs, "countries": e.countries, "people": e.people,
                   "summary": e.summary, "sources": [str(r) for r in e.sources], "claims": claims(e.sources),
                   **dates(e)} for e in events])


def entities_json(data: Dataset) -> str:
    return _json({
        "organizations": [
            {"id": o.id, "name": o.name, "short": o.short, "aliases": o.aliases, "kind": o.kind,
             "founded": _date(o.founded), "dissolved": _date(o.dissolved), "headquarters": o.headquarters,
             "predecessors": o.predecessors, "successors": o.successors, "parent": o.parent,
             "url": f"organizations/{o.id}/", "sources": [str(r) for r in o.sources], **dates(o)}
            for o in sorted(data.organizations.values(), key=lambda o: o.id)],
        "countries": [
            {"id": c.id, "name": c.name, "official_name": c.official_name, "aliases": c.aliases,
             "region": c.region, "dissolved": _date(c.dissolved), "url": f"countries/{c.id}/",
             "exists_from": _date(c.exists_from), "existed_by": _date(c.existed_by), "exists_note": c.exists_note,
             "dissolved_note": c.dissolved_note, "iso3166_3": c.iso3166_3, "successors": c.successors,
             "former_names": [{"name": f.name, "until": f.until.iso()} for f in c.former_names],
             "sources": [str(r) for r in c.sources]}
            for c in sorted(data.countries.values(), key=lambda c: c.id)],
        "people": [
            {"id": p.id, "name": p.name, "aliases": p.aliases,
             "roles": [{"title": r.title, "org": r.org, "country": r.country,
                        "from": _date(r.start), "to": _date(r.end)} for r in p.roles],
             "url": f"people/{p.id}/"}
            for p in sorted(data.people.values(), key=lambda p: p.id)],
    })


def sources_json(data: Dataset) -> str:
    """The bibliography, so that every source a record names can be found."""
    return _json([{"id": s.id, "type": s.type, "title": s.title, "title_descriptive": s.title_descriptive,
                   "title_original": s.title_original, "author": s.author, "date": _date(s.date), "place": s.place,
                   "publisher": s.publisher, "url": s.url, "identifiers": dict(s.identifiers),
                   "url_missing_reason": s.url_missing_reason, "note": s.note, "page": f"sources/#{s.id}"}
                  for s in sorted(data.sources.values(), key=lambda s: s.id)])


def _timeline_date(value: PartialDate) -> dict:
    date = {"year": value.year}
    if value.month:
        date["month"] = value.month
    if value.day:
        date["day"] = value.day
    return date


def timeline_json(data: Dataset, site_name: str) -> str:
    """TimelineJS: {"title": …, "events": [{"start_date": {"year": …}, "text": {…}, "group": …}]}.

    TimelineJS shows `headline` and `text` as HTML, so the data's text is escaped for it.
    """
    events = sorted(data.events.values(), key=lambda e: (e.date.sort_key(), e.id))
    return _json({
        "title": {"text": {"headline": html.escape(site_name), "text": "Foundings, accessions, suspensions, withdrawals, "
                                                          "summits, treaties and exercises, with sources."}},
        "events": [{
            "unique_id": e.id,
            "start_date": _timeline_date(e.date),
            "display_date": e.date.display(),
            "text": {"headline": html.escape(e.title), "text": html.escape(e.summary or "")},
            "group": html.escape(", ".join(data.organizations[o].label for o in e.orgs) or e.kind),
        } for e in events],
    })


def country_year_csv(data: Dataset, as_of: dt.date) -> str:
    """Rows for every organization, each country with a record in it (or its predecessors), and
    every year from the first founding in its line to the as-of year (or its dissolution)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["org", "country", "year", "status", "cow_code"])
    codes = {**CELL_CODES, **{s.name: s.cow_code for s in data.vocabulary.statuses}}
    for org_id in sorted(data.organizations):
        org = data.organizations[org_id]
        lineage = data.lineage(org_id)
        countries = sorted({m.country for o in lineage for m in data.memberships_of_org(o)})
        if not countries:
            continue
        first = min(data.organizations[o].founded.year for o in lineage)
        years = range(first, (org.dissolved.year if org.dissolved else as_of.year) + 1)
        for country in countries:
            writer.writerows([org_id, country, year, cell.status, codes.get(cell.status, 0)]
                             for year, cell in zip(years, matrix.standings(data, org_id, country, years)))
    return out.getvalue()


def all_exports(data: Dataset, as_of: dt.date, site_name: str) -> dict[str, str]:
    """Every export, by its path in the site."""
    return {
        "data/memberships.json": memberships_json(data),
        "data/memberships.csv": memberships_csv(data),
        "data/events.json": events_json(data),
        "data/entities.json": entities_json(data),
        "data/timeline.json": timeline_json(data, site_name),
        "data/country-year.csv": country_year_csv(data, as_of),
        "data/sources.json": sources_json(data),
        **{f"data/schema/{name}": text for name, text in schemas().items()},
    }


SCHEMA_DIR = Path(__file__).parent / "schema"


def schemas() -> dict[str, str]:
    """The JSON Schema of every export, published beside the data (data/schema/)."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}
