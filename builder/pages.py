"""The pages generated from the data, as plain view models for the templates.

Nothing here renders HTML: each function returns the facts a template shows, already sorted and
worded, with links as site-root-relative URLs (the templates make them relative to the page).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import history
from .citations import SourceNotes
from .articles import Article
from .model import MEMBER_STATUSES, ORG_KINDS, REGIONS, Dataset, Membership, Organization, Person


@dataclass
class GeneratedPage:
    src_uri: str  # where MkDocs believes the page lives in docs_dir
    title: str
    template: str  # body template in templates/
    context: dict
    description: str = ""
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (title, url) above the page
    entity: tuple[str, str] | None = None  # (kind, id) whose mentions in the articles the page lists

    @property
    def url(self) -> str:
        stem = self.src_uri[: -len(".md")]
        return "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def org_url(org_id: str) -> str:
    return f"organizations/{org_id}/"


def country_url(country_id: str) -> str:
    return f"countries/{country_id}/"


def _record_view(record: Membership, notes: SourceNotes) -> dict:
    return {
        "status": record.status,
        "dates": history.dates(record),
        "years": history.years(record),
        "ended_by": record.ended_by,
        "note": record.note,
        "sources": notes.cite(record.sources),
        "current": record.is_current,
    }


def _org_link(data: Dataset, org_id: str) -> dict:
    org = data.organizations[org_id]
    return {"id": org_id, "label": org.label, "name": org.name, "url": org_url(org_id)}


def _predecessors(data: Dataset, org: Organization) -> list[str]:
    declared = list(org.predecessors)
    declared += [o.id for o in data.organizations.values() if org.id in o.successors and o.id not in declared]
    return declared


def _successors(data: Dataset, org: Organization) -> list[str]:
    declared = list(org.successors)
    declared += [o.id for o in data.organizations.values() if org.id in o.predecessors and o.id not in declared]
    return declared


def reference_day(org: Organization, as_of: dt.date) -> dt.date:
    """The day whose standing the page shows: today, or the organization's last day."""
    if org.dissolved is not None:
        return org.dissolved.first_day - dt.timedelta(days=1)
    return as_of


def organization_page(data: Dataset, org: Organization, as_of: dt.date) -> GeneratedPage:
    notes = SourceNotes(data)
    org_sources = notes.cite(org.sources)
    day = reference_day(org, as_of)
    groups = {"members": [], "partners": [], "former": []}
    for standing in history.standings(data, org.id, day):
        country = data.countries[standing.country]
        row = {
            "id": country.id,
            "name": country.name,
            "url": country_url(country.id),
            "status": standing.status,
            "summary": history.summarize(standing.records),
            "records": standing.records,
            "lineage": [
                {"org": _org_link(data, org_id),
                 "summary": history.summarize(r for r in standing.lineage_records if r.org == org_id),
                 "records": [r for r in standing.lineage_records if r.org == org_id]}
                for org_id in dict.fromkeys(r.org for r in standing.lineage_records)
            ],
        }
        if standing.is_member:
            groups["members"].append(row)
        elif standing.status is not None:
            groups["partners"].append(row)
        else:
            groups["former"].append(row)
    for rows in groups.values():
        rows.sort(key=lambda r: (history.status_rank(r["status"]), r["name"]))
        for row in rows:  # number the sources in reading order: predecessors come first
            for part in row["lineage"]:
                part["records"] = [_record_view(r, notes) for r in part["records"]]
            row["records"] = [_record_view(r, notes) for r in row["records"]]
    children = sorted((o for o in data.organizations.values() if o.parent == org.id), key=lambda o: o.label)
    context = {
        "org": org,
        "kind_label": ORG_KINDS[org.kind],
        "founded": org.founded.display(),
        "dissolved": org.dissolved.display() if org.dissolved else None,
        "reference_day": day,
        "as_of": as_of,
        "predecessors": [_org_link(data, i) for i in _predecessors(data, org)],
        "successors": [_org_link(data, i) for i in _successors(data, org)],
        "parent": _org_link(data, org.parent) if org.parent else None,
        "children": [_org_link(data, o.id) for o in children],
        "org_sources": org_sources,
        "groups": groups,
        "member_count": sum(1 for r in groups["members"] if r["status"] in MEMBER_STATUSES),
        "notes": notes.entries(),
    }
    title = f"{org.name} ({org.short})" if org.short else org.name
    return GeneratedPage(
        src_uri=f"organizations/{org.id}.md", title=title, template="organization.html",
        context=context, description=org.summary,
        breadcrumbs=[("Organizations", "organizations/")], entity=("org", org.id),
    )


def country_page(data: Dataset, country_id: str, as_of: dt.date) -> GeneratedPage:
    country = data.countries[country_id]
    notes = SourceNotes(data)
    by_org: dict[str, list[Membership]] = {}
    for record in data.memberships_of_country(country_id):
        by_org.setdefault(record.org, []).append(record)
    current, former = [], []
    for org_id, records in by_org.items():
        org = data.organizations[org_id]
        records.sort(key=lambda m: m.start.sort_key())
        day = reference_day(org, as_of)
        status = next((r.status for r in records if r.covers(day) is True), None)
        row = {
            "org": _org_link(data, org_id),
            "kind": org.kind,
            "status": status if org.dissolved is None else None,
            "first": records[0].start,
            "summary": history.summarize(records),
            "records": records,
            "dissolved": org.dissolved.display() if org.dissolved else None,
        }
        (current if row["status"] else former).append(row)
    current.sort(key=lambda r: (history.status_rank(r["status"]), r["org"]["label"]))
    former.sort(key=lambda r: (r["first"].sort_key(), r["org"]["label"]))
    for row in current + former:  # number the sources in reading order
        row["records"] = [_record_view(r, notes) for r in row["records"]]
    context = {
        "country": country,
        "current": current,
        "former": former,
        "as_of": as_of,
        "notes": notes.entries(),
    }
    return GeneratedPage(
        src_uri=f"countries/{country_id}.md", title=country.name, template="country.html",
        context=context,
        description=f"{country.name}: memberships in international organizations over time, with sources.",
        breadcrumbs=[("Countries", "countries/")], entity=("country", country_id),
    )


def organizations_index(data: Dataset, as_of: dt.date) -> GeneratedPage:
    groups = []
    for kind, heading in ORG_KINDS.items():
        orgs = sorted((o for o in data.organizations.values() if o.kind == kind), key=lambda o: o.label.lower())
        if not orgs:
            continue
        items = []
        for org in orgs:
            day = reference_day(org, as_of)
            members = {m.country for m in data.memberships_of_org(org.id)
                       if m.covers(day) is True and m.status in MEMBER_STATUSES}
            items.append({
                **_org_link(data, org.id),
                "founded": org.founded.year,
                "dissolved": org.dissolved.year if org.dissolved else None,
                "members": len(members),
            })
        groups.append({"kind": kind, "heading": heading, "entries": items})
    return GeneratedPage(
        src_uri="organizations/index.md", title="Organizations", template="organizations.html",
        context={"groups": groups, "as_of": as_of, "count": len(data.organizations)},
        description="Every international organization in this edition, grouped by kind.",
    )


def countries_index(data: Dataset, as_of: dt.date) -> GeneratedPage:
    groups = []
    for region in REGIONS:
        countries = sorted((c for c in data.countries.values() if c.region == region), key=lambda c: c.name)
        if not countries:
            continue
        items = []
        for country in countries:
            orgs = sorted({
                m.org for m in data.memberships_of_country(country.id)
                if m.covers(reference_day(data.organizations[m.org], as_of)) is True
                and data.organizations[m.org].dissolved is None
            }, key=lambda i: data.organizations[i].label)
            items.append({"id": country.id, "name": country.name, "url": country_url(country.id),
                          "dissolved": country.dissolved.year if country.dissolved else None,
                          "orgs": [_org_link(data, o) for o in orgs]})
        groups.append({"region": region, "entries": items})
    return GeneratedPage(
        src_uri="countries/index.md", title="Countries", template="countries.html",
        context={"groups": groups, "as_of": as_of, "count": len(data.countries)},
        description="Every country in this edition, by region, with its current memberships.",
    )


def sources_index(data: Dataset) -> GeneratedPage:
    entries = sorted(data.sources.values(), key=lambda s: (s.date.sort_key() if s.date else (dt.date.max, 0), s.title))
    return GeneratedPage(
        src_uri="sources/index.md", title="Sources", template="sources.html",
        context={"sources": entries},
        description="The bibliography behind every membership record and date in this edition.",
    )


def authored_by(person: Person, articles: list[Article]) -> list[Article]:
    """The articles whose author is this person (matched on the normalized name)."""
    return [a for a in articles if any(author.name == person.name for author in a.authors)]


def person_page(data: Dataset, person: Person, articles: list[Article]) -> GeneratedPage:
    roles = []
    for role in sorted(person.roles, key=lambda r: r.start.sort_key() if r.start else (dt.date.min, 0)):
        span = ""
        if role.start and role.end:
            span = f"{role.start.display()} – {role.end.display()}"
        elif role.start:
            span = f"since {role.start.display()}"
        roles.append({"title": role.title, "span": span,
                      "org": _org_link(data, role.org) if role.org else None,
                      "country": {"name": data.countries[role.country].name, "url": country_url(role.country)}
                      if role.country else None})
    context = {"person": person, "roles": roles,
               "articles": [{"title": a.title, "url": a.url} for a in authored_by(person, articles)]}
    return GeneratedPage(
        src_uri=f"people/{person.id}.md", title=person.name, template="person.html", context=context,
        description=f"{person.name}: roles, and where the articles of this edition mention {person.name}.",
        breadcrumbs=[("People", "people/")], entity=("person", person.id),
    )


def people_index(data: Dataset, articles: list[Article]) -> GeneratedPage:
    people = sorted(data.people.values(), key=lambda p: p.name.split()[-1])
    authors = [p for p in people if authored_by(p, articles)]
    others = [p for p in people if p not in authors]
    return GeneratedPage(
        src_uri="people/index.md", title="People", template="people.html",
        context={"authors": authors, "others": others},
        description="The authors of this edition and the people their texts name.",
    )


def articles_index(articles: list[Article]) -> GeneratedPage:
    parts: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: a.order):
        if article.kind == "journal-article":
            heading = "Journal article"
        elif article.kind == "preface":
            heading = "Front matter"
        else:
            heading = article.part or "Chapters"
        parts.setdefault(heading, []).append(article)
    return GeneratedPage(
        src_uri="articles/index.md", title="Articles", template="articles.html",
        context={"parts": parts},
        description="The texts of this edition: the collected volume by its parts, and the journal article.",
    )


def site_pages(data: Dataset, as_of: dt.date, articles: list[Article] = ()) -> list[GeneratedPage]:
    """Every page generated from the data, in a stable order."""
    articles = list(articles)
    pages = [organizations_index(data, as_of), countries_index(data, as_of), sources_index(data),
             people_index(data, articles)]
    if articles:
        pages.append(articles_index(articles))
    pages += [organization_page(data, data.organizations[i], as_of) for i in sorted(data.organizations)]
    pages += [country_page(data, i, as_of) for i in sorted(data.countries)]
    pages += [person_page(data, data.people[i], articles) for i in sorted(data.people)]
    return pages


def mention_view(mentions: dict[str, list[int]], footnotes: dict[str, list[int]],
                 articles: dict[str, Article]) -> list[dict]:
    """Where the articles mention an entity: per article, its paragraphs and notes, in volume order."""
    view = []
    for slug in sorted(set(mentions) | set(footnotes), key=lambda s: (articles[s].kind == "journal-article", articles[s].order)):
        article = articles[slug]
        view.append({
            "title": article.title, "byline": article.byline, "url": article.url,
            "paragraphs": sorted(mentions.get(slug, [])), "notes": sorted(footnotes.get(slug, [])),
        })
    return view
