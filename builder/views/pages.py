"""The pages generated from the data, as plain view models for the templates.

Nothing here renders HTML: each function returns the facts a template shows, already sorted and
worded, with links as site-root-relative URLs (the templates make them relative to the page).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from builder.core import identifiers
from builder.core.dates import year_end
from builder.core.model import CELL_MARKS, Dataset, Membership, Organization, Person
from builder.core.urls import country_url, org_url
from builder.load.articles import Article
from builder.views import history, maps, matrix, member_maps
from builder.views.charts import Row, membership_chart
from builder.views.source_notes import SourceNotes, quotation, source_label, source_url


@dataclass
class GeneratedPage:
    src_uri: str  # where MkDocs believes the page lives in docs_dir
    title: str
    template: str  # body template in templates/
    context: dict | Callable[[], dict]  # or a function that makes it when the page renders
    description: str = ""
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (title, url) above the page
    entity: tuple[str, str] | None = None  # (kind, id) whose mentions in the articles the page lists
    searchable: bool = True  # the yearly matrices would only crowd the search results
    citable: bool = False  # a page of the data as a whole gets a Cite block of its own (entity pages always do)
    about: tuple[str, str] | None = None  # (kind, id) of what a page without mentions is about (a map)

    @property
    def subject(self) -> tuple[str, str] | None:
        """The organization, country or person the page is about, if it is about one."""
        return self.entity or self.about

    def view(self) -> dict:
        """The template's context; a large one (a yearly matrix) is made only now, and not kept."""
        return self.context() if callable(self.context) else self.context

    @property
    def url(self) -> str:
        stem = self.src_uri[: -len(".md")]
        return "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


# How a page names a date field in "sources disagree on …" and "also dated".
FIELD_WORDS = {"from": "start", "to": "end", "date": "date", "founded": "founding", "dissolved": "dissolution",
               "exists_from": "beginning"}


def other_dates(record, notes: SourceNotes | None = None) -> dict[str, list[dict]]:
    """A record's other dates (another act, true as well) and disputed dates (another source's
    claim), worded for a page; with `notes`, the disputed dates' sources as note numbers."""
    also = [{"field": FIELD_WORDS.get(a.field, a.field), "date": a.date.display(), "iso": a.date.iso(), "act": a.act}
            for a in record.also_dated]
    disputed = []
    for d in record.disputed:
        claim = {"field": FIELD_WORDS.get(d.field, d.field), "date": d.date.display(), "iso": d.date.iso(),
                 "note": d.note}
        if notes is not None:
            claim["sources"] = notes.cite(d.sources)
            claim["claims"] = notes.quoted(d.sources)
        disputed.append(claim)
    return {"also_dated": also, "disputed": disputed}


def _record_view(record: Membership, notes: SourceNotes) -> dict:
    return {
        "status": record.status,
        "dates": history.dates(record),
        "years": history.years(record),
        "ended_by": record.ended_by,
        "note": record.note,
        "sources": notes.cite(record.sources),
        "claims": notes.quoted(record.sources),
        "current": record.is_current,
        **other_dates(record, notes),
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


def organization_page(data: Dataset, org: Organization, as_of: dt.date,
                      periods: list[dict[str, Any]] | None = None) -> GeneratedPage:
    """`periods`: the organization's map_periods, when the caller has them already."""
    notes = SourceNotes(data)
    org_sources = notes.cite(org.sources)
    org_claims = notes.quoted(org.sources)
    org_dates = other_dates(org, notes)
    day = reference_day(org, as_of)
    groups: dict[str, list[dict[str, Any]]] = {"members": [], "partners": [], "former": []}
    for standing in history.standings(data, org.id, day):
        country = data.countries[standing.country]
        row: dict[str, Any] = {
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
        if standing.status is None:
            groups["former"].append(row)
        else:  # "members" or "partners", as the site's vocabulary lists the status
            groups[data.vocabulary.status[standing.status].listed_with].append(row)
    for rows in groups.values():
        rows.sort(key=lambda r: (data.vocabulary.status_rank(r["status"]), r["name"]))
        for row in rows:  # number the sources in reading order: predecessors come first
            for part in row["lineage"]:
                part["records"] = [_record_view(r, notes) for r in part["records"]]
            row["records"] = [_record_view(r, notes) for r in row["records"]]
    children = sorted((o for o in data.organizations.values() if o.parent == org.id), key=lambda o: o.label)
    context = {
        "org": org,
        "kind_label": data.vocabulary.organization_kinds[org.kind],
        "founded": org.founded.display(),
        "dissolved": org.dissolved.display() if org.dissolved else None,
        "reference_day": day,
        "as_of": as_of,
        "predecessors": [_org_link(data, i) for i in _predecessors(data, org)],
        "successors": [_org_link(data, i) for i in _successors(data, org)],
        "parent": _org_link(data, org.parent) if org.parent else None,
        "children": [_org_link(data, o.id) for o in children],
        "org_sources": org_sources,
        "org_claims": org_claims,
        "org_dates": org_dates,
        "groups": groups,
        "notes": notes.entries(),
        "chart": charts_for_org(data, org, as_of),
        "events": events_of(data, org=org.id),
        "map_url": f"{org_url(org.id)}map/" if data.memberships_of_org(org.id) else None,
        **member_maps.latest_map(data, member_maps.map_periods(data, org, as_of) if periods is None else periods),
    }
    title = f"{org.name} ({org.short})" if org.short else org.name
    return GeneratedPage(
        src_uri=f"organizations/{org.id}.md", title=title, template="organization.html",
        context=context, description=org.summary,
        breadcrumbs=[("Organizations", "organizations/")], entity=("org", org.id),
    )


def map_page(data: Dataset, org: Organization, as_of: dt.date,
             known: list[dict[str, Any]] | None = None) -> GeneratedPage:
    def view() -> dict:
        periods = member_maps.map_periods(data, org, as_of) if known is None else known
        drawn = [p["map"] for p in periods if p["map"]]
        return {"org": org, "periods": periods, "shapes": maps.shape_definitions(drawn),
                "statuses": member_maps.statuses_drawn(data, periods)}

    return GeneratedPage(
        src_uri=f"organizations/{org.id}/map.md", title=f"{org.label} on the map, year by year",
        template="org_map.html", context=view,
        description=f"Maps of the states of the {org.label} in each period of its history, with their status.",
        breadcrumbs=[("Organizations", "organizations/"), (org.label, org_url(org.id))], searchable=False,
        about=("org", org.id),
    )


def country_page(data: Dataset, country_id: str, as_of: dt.date) -> GeneratedPage:
    country = data.countries[country_id]
    notes = SourceNotes(data)
    by_org: dict[str, list[Membership]] = {}
    for record in data.memberships_of_country(country_id):
        by_org.setdefault(record.org, []).append(record)
    current: list[dict[str, Any]] = []
    former: list[dict[str, Any]] = []
    for org_id, records in by_org.items():
        org = data.organizations[org_id]
        records.sort(key=lambda m: m.start.sort_key())
        day = reference_day(org, as_of)
        status = next((r.status for r in records if r.covers(day) is True), None)
        row: dict[str, Any] = {
            "org": _org_link(data, org_id),
            "kind": org.kind,
            "status": status if org.dissolved is None else None,
            "first": records[0].start,
            "summary": history.summarize(records),
            "records": records,
            "dissolved": org.dissolved.display() if org.dissolved else None,
        }
        (current if row["status"] else former).append(row)
    current.sort(key=lambda r: (data.vocabulary.status_rank(r["status"]), r["org"]["label"]))
    former.sort(key=lambda r: (r["first"].sort_key(), r["org"]["label"]))
    existence = existence_view(data, country, notes)
    for row in current + former:  # number the sources in reading order
        row["records"] = [_record_view(r, notes) for r in row["records"]]
    context = {
        "country": country,
        "existence": existence,
        "current": current,
        "former": former,
        "as_of": as_of,
        "notes": notes.entries(),
        "chart": charts_for_country(data, country_id, as_of),
        "events": events_of(data, country=country_id),
    }
    return GeneratedPage(
        src_uri=f"countries/{country_id}.md", title=country.name, template="country.html",
        context=context,
        description=f"{country.name}: memberships in international organizations over time, with sources.",
        breadcrumbs=[("Countries", "countries/")], entity=("country", country_id),
    )


def existence_view(data: Dataset, country, notes: SourceNotes) -> dict:
    """When the state existed, and what followed it, worded for its page."""
    return {
        "exists_from": country.exists_from.display() if country.exists_from else None,
        "existed_by": country.existed_by.display() if country.existed_by else None,
        "note": country.exists_note,
        "dissolved_note": country.dissolved_note,
        "successors": [{"name": data.countries[c].name, "url": country_url(c)} for c in country.successors
                       if c in data.countries],
        "predecessors": [{"name": c.name, "url": country_url(c.id)}
                         for c in sorted(data.countries.values(), key=lambda c: c.name) if country.id in c.successors],
        "former_names": [{"name": f.name, "until": f.until.display()} for f in country.former_names],
        "sources": notes.cite(country.sources),
        "claims": notes.quoted(country.sources),
    }


def organizations_index(data: Dataset, as_of: dt.date, noun: str = "site") -> GeneratedPage:
    groups = []
    for kind, heading in data.vocabulary.organization_kinds.items():
        orgs = sorted((o for o in data.organizations.values() if o.kind == kind), key=lambda o: o.label.lower())
        if not orgs:
            continue
        items = []
        for org in orgs:
            members = matrix.members_on(data, org.id, reference_day(org, as_of))
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
        description=f"Every international organization in this {noun}, grouped by kind.",
    )


def countries_index(data: Dataset, as_of: dt.date, noun: str = "site") -> GeneratedPage:
    groups = []
    for region in data.vocabulary.regions:
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
        description=f"Every country in this {noun}, by region, with its current memberships.",
    )


def sources_index(data: Dataset, noun: str = "site") -> GeneratedPage:
    entries = sorted(data.sources.values(), key=lambda s: (s.date.sort_key() if s.date else (dt.date.max, 0), s.title))
    found = {s.id: [{"scheme": identifiers.label(scheme), "value": value, "url": identifiers.resolver_url(scheme, value)}
                    for scheme, value in s.identifiers.items()] for s in entries}
    return GeneratedPage(
        src_uri="sources/index.md", title="Sources", template="sources.html",
        context={"sources": entries, "identifiers": found},
        description=f"The bibliography behind every membership record and date in this {noun}.",
    )


# The exports (builder.output.exports), what each holds and its schema, for data/ (the data's README).
EXPORTS = [
    ("data/memberships.json", "data/schema/memberships.schema.json",
     "One object per membership record: org, country, status, from, to (null while it holds) and sources "
     "(the contract's keys, in that order); then ended_by, note, claims (the words a source is quoted for), "
     "also_dated (other acts dating the same start or end) and disputed (what other sources say instead)."),
    ("data/memberships.csv", "data/schema/memberships.csv.schema.json",
     "The same records, one row each: org, country, status, from, to (empty while it holds), sources "
     "(joined with ';'), ended_by."),
    ("data/events.json", "data/schema/events.schema.json",
     "One object per event: id, date (at its precision), title, kind, orgs, countries, people, summary, "
     "sources, claims, also_dated, disputed."),
    ("data/entities.json", "data/schema/entities.schema.json",
     "The organizations, countries and people with their names, aliases, dates and pages; a country with "
     "its existence (exists_from, or existed_by for a state older than the data), dissolution, ISO 3166-3 "
     "code, successors and former names."),
    ("data/sources.json", "data/schema/sources.schema.json",
     "The bibliography: each source's title as published (title_descriptive when it is the editor's "
     "description), original title, author, date, place, URL, identifiers (CELEX, DOI, ISBN, ISSN, "
     "document symbol, Treaty Series registration number, OCLC) or the reason it has none."),
    ("data/timeline.json", "data/schema/timeline.schema.json",
     "The events in Knight Lab's TimelineJS format; headline, text and group hold HTML-escaped text."),
    ("data/country-year.csv", "data/schema/country-year.csv.schema.json",
     "One row per organization, country and year, like the Correlates of War IGO state-year data: org, "
     "country, year, status, cow_code. Status in year Y is the status on 31 December of Y."),
]


def data_page(data: Dataset) -> GeneratedPage:
    """`data/`: what every export holds, its schema, its codes and its date conventions."""
    from builder.core.model import NO_STATE, NOT_MEMBER, NOT_YET, UNKNOWN_STATUS
    from builder.output.exports import CELL_CODES

    statuses = [{"name": s.name, "abbreviation": s.abbreviation, "cow_code": s.cow_code, "counted": s.counted}
                for s in data.vocabulary.statuses]
    cells = [{"name": name, "cow_code": CELL_CODES[name], "mark": CELL_MARKS[name]}
             for name in (NOT_MEMBER, UNKNOWN_STATUS, NO_STATE, NOT_YET)]
    return GeneratedPage(
        src_uri="data/index.md", title="Data", template="data.html",
        context={"exports": [{"file": f, "schema": sch, "what": what} for f, sch, what in EXPORTS],
                 "statuses": statuses, "cells": cells,
                 "conventions": [{"field": k, "what": v} for k, v in data.vocabulary.date_conventions.items()],
                 "citation_counts": {"memberships": len(data.memberships), "events": len(data.events),
                                     "sources": len(data.sources), "countries": len(data.countries)}},
        description="The data behind this site, as files: what each holds, its JSON Schema, its codes and its dates.",
    )


def articles_by_author(articles: list[Article]) -> dict[str, list[Article]]:
    """Each author's articles, by the normalized name a person record carries too."""
    by_author: dict[str, list[Article]] = {}
    for article in articles:
        for name in dict.fromkeys(author.name for author in article.authors):
            by_author.setdefault(name, []).append(article)
    return by_author


def _role_views(data: Dataset, person: Person) -> list[dict]:
    """A person's roles, oldest first: title, organization or country, and span (in full and in years)."""
    roles: list[dict[str, Any]] = []
    for role in sorted(person.roles, key=lambda r: r.start.sort_key() if r.start else (dt.date.min, 0)):
        org = _org_link(data, role.org) if role.org else None
        country = data.countries[role.country] if role.country else None
        # The index names the role's body unless its title already does ("President of Ruritania").
        named = ([org["label"], org["name"]] if org else []) + ([country.name] if country else [])
        roles.append({"title": role.title, "span": history.period(role.start, role.end) if role.start else "",
                      "years": history.year_span(role.start, role.end) if role.start else "",
                      "org": org,
                      "country": {"name": country.name, "url": country_url(country.id)} if country else None,
                      "title_names_it": any(n in role.title for n in named)})
    return roles


def person_page(data: Dataset, person: Person, authored: list[Article], noun: str = "site") -> GeneratedPage:
    roles = _role_views(data, person)
    context = {"person": person, "roles": roles, "events": events_of(data, person=person.id),
               "articles": [{"title": a.title, "url": a.url} for a in authored]}
    return GeneratedPage(
        src_uri=f"people/{person.id}.md", title=person.name, template="person.html", context=context,
        description=f"{person.name}: roles, and where the articles of this {noun} mention {person.name}.",
        breadcrumbs=[("People", "people/")], entity=("person", person.id),
    )


def _family_name(person: Person) -> str:
    """What the index sorts by: the name's last word, without brackets ("Brother Anselm (Smith)" under S)."""
    return person.name.split()[-1].strip("()")


def people_index(data: Dataset, author_names: set[str], noun: str = "site") -> GeneratedPage:
    people = [{"id": p.id, "name": p.name, "author": p.name in author_names, "roles": _role_views(data, p)}
              for p in sorted(data.people.values(), key=_family_name)]
    authors = [p for p in people if p["author"]]
    others = [p for p in people if not p["author"]]
    return GeneratedPage(
        src_uri="people/index.md", title="People", template="people.html",
        context={"authors": authors, "others": others},
        description=f"The authors of this {noun} and the people their texts name.",
    )


def search_page(data: Dataset, articles: Iterable[Article] = ()) -> GeneratedPage:
    """`search/`: the results of `?q=` (search.js), and, for a reader without JavaScript, every
    organization, country, person and text by name with its other names, to find in the page."""
    article_list = list(articles)

    def view() -> dict:
        groups = [
            ("Organizations", [(f"{o.name} ({o.short})" if o.short else o.name, org_url(o.id), o.aliases)
                               for o in sorted(data.organizations.values(), key=lambda o: o.name.casefold())]),
            ("Countries", [(c.name, country_url(c.id), c.aliases)
                           for c in sorted(data.countries.values(), key=lambda c: c.name.casefold())]),
            ("People", [(p.name, f"people/{p.id}/", p.aliases) for p in sorted(data.people.values(), key=_family_name)]),
            ("Articles", [(a.title, a.url, [a.byline]) for part in article_parts(article_list).values() for a in part]),
        ]
        return {"groups": [(heading, entries) for heading, entries in groups if entries]}

    return GeneratedPage(src_uri="search/index.md", title="Search", template="search.html", context=view,
                         description="Search this site, or find any organization, country, person or text by name.",
                         searchable=False)


# How the articles index groups the texts, by kind (mkdocs.yml `article_groups` may rename them);
# chapters go under their part when they name one.
ARTICLE_GROUPS = {"preface": "Front matter", "chapter": "Chapters", "journal-article": "Journal articles"}
ARTICLES_DESCRIPTION = "The texts of this site, complete and faithful to their sources."


def article_parts(articles: Iterable[Article], groups: dict[str, str] | None = None) -> dict[str, list[Article]]:
    """The articles under the articles index's headings (a chapter under its part), in order."""
    groups = {**ARTICLE_GROUPS, **(groups or {})}
    parts: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: a.order):
        heading = article.part if article.kind == "chapter" and article.part else groups[article.kind]
        parts.setdefault(heading, []).append(article)
    return parts


def neighbours(articles: Iterable[Article], groups: dict[str, str] | None = None) -> dict[str, dict]:
    """Each article's previous and next text in the same printed work (or, for texts that name
    none, among the other such texts), in the articles index's order: by slug, {"previous": …,
    "next": …}, either None at the ends."""
    by_work: dict[str | None, list[Article]] = {}
    for part in article_parts(articles, groups).values():
        for article in part:
            by_work.setdefault(article.collection, []).append(article)
    found: dict[str, dict] = {}
    for same in by_work.values():
        for at, article in enumerate(same):
            found[article.slug] = {"previous": same[at - 1] if at > 0 else None,
                                   "next": same[at + 1] if at + 1 < len(same) else None}
    return found


def unprinted_note(article: Article) -> str:
    """What a chapter's header says of what its printed work does not print ("Publisher, year and
    editors are not printed in the source."), or "" when it prints them all or is a journal article."""
    if article.kind == "journal-article":
        return ""
    missing = [key for key in ("publisher", "year", "editors") if not article.publication.get(key)]
    if not missing:
        return ""
    words = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return f"{words.capitalize()} {'is' if len(missing) == 1 else 'are'} not printed in the source."


def articles_index(articles: list[Article], groups: dict[str, str] | None = None,
                   description: str = ARTICLES_DESCRIPTION) -> GeneratedPage:
    parts = article_parts(articles, groups)
    return GeneratedPage(
        src_uri="articles/index.md", title="Articles", template="articles.html",
        context={"parts": parts}, description=description,
    )


@dataclass(frozen=True)
class SiteChoices:
    """What a site decides about its generated pages (the plugin's options in mkdocs.yml, checked
    by validate.check_plugin_options): the pairs of organizations compared on pages of their own,
    the articles index's headings by article kind, its description, and the site's own noun."""
    overlap_pairs: Sequence[Sequence[str]] = ()
    article_groups: dict[str, str] | None = None
    articles_description: str = ARTICLES_DESCRIPTION
    site_noun: str = "site"


def site_pages(data: Dataset, as_of: dt.date, articles: Iterable[Article] = (),
               choices: SiteChoices = SiteChoices()) -> list[GeneratedPage]:
    """Every page generated from the data, in a stable order."""
    overlap_pairs, article_groups = choices.overlap_pairs, choices.article_groups
    articles_description, noun = choices.articles_description, choices.site_noun
    pairs = [(a, b) for a, b in overlap_pairs]
    article_list = list(articles)
    by_author = articles_by_author(article_list)
    pages = [organizations_index(data, as_of, noun), countries_index(data, as_of, noun), sources_index(data, noun),
             people_index(data, set(by_author), noun), data_page(data)]
    if article_list:
        pages.append(articles_index(article_list, article_groups, articles_description))
    # An organization's periods serve its page (the latest map) and its map page: made once.
    periods = {i: member_maps.map_periods(data, data.organizations[i], as_of) for i in sorted(data.organizations)}
    pages += [organization_page(data, data.organizations[i], as_of, periods[i]) for i in sorted(data.organizations)]
    pages += [map_page(data, data.organizations[i], as_of, periods[i]) for i in sorted(data.organizations)
              if data.memberships_of_org(i)]
    pages += [country_page(data, i, as_of) for i in sorted(data.countries)]
    pages += [person_page(data, data.people[i], by_author.get(data.people[i].name, []), noun) for i in sorted(data.people)]
    years = matrix.matrix_years(data, as_of)
    pages.append(matrix_page(data, as_of.year, years, pairs, latest=True))
    pages += [matrix_page(data, year, years, pairs) for year in years]
    pages.append(changes_page(data, years))
    pages += [overlap_page(data, a, b, as_of) for a, b in pairs]
    pages.append(timeline_page(data))
    pages.append(search_page(data, article_list))
    return pages


def anchor_links(numbers: list[int], url: str, prefix: str) -> Markup:
    """`{{ m.paragraphs | anchor_links(article, "p") }}`: "1, 4, 9", each number a link to
    `url#p<N>`. A filter, not a template loop: an entity page of a large site lists thousands of
    paragraphs, and the loop was a tenth of the build."""
    href = f"{escape(url)}#{escape(prefix)}"
    return Markup(", ".join(f'<a href="{href}{n:d}">{n:d}</a>' for n in numbers))


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


# --- Matrices, overlaps and timelines -------------------------------------------------------


class CellView(NamedTuple):
    """What a matrix cell shows; a tuple, so that equal cells are rendered once (see the plugin)."""

    status: str
    abbr: str
    span: str = ""
    source: int | None = None
    title: str = ""
    org: str = ""  # the column's organization, for a phone's layout by row (cells with a record only)


def abbreviations(data: Dataset) -> dict[str, str]:
    """Every status and cell state with its abbreviation, in the matrix legend's order."""
    return {**{s.name: s.abbreviation for s in data.vocabulary.statuses}, **CELL_MARKS}


def _matrix_cell_view(cell: matrix.Cell, notes: SourceNotes, records: dict, abbreviations: dict,
                      org: str) -> CellView:
    record = cell.record
    assert record is not None  # cells without a record are looked up in _PLAIN_CELLS
    known = records.get(id(record))
    if known is None:  # a record spans many years: its words are made once per page
        known = records[id(record)] = (history.years(record), f"{record.status}, {history.dates(record)}")
    span, title = known
    return CellView(cell.status, abbreviations.get(cell.status, "?"), span,
                    notes.cite(record.sources[:1])[0], title, org)


def _matrix_view(data: Dataset, year: int, years: range, latest: bool, pairs=()) -> dict:
    grid = matrix.build_matrix(data, year)
    notes = SourceNotes(data)
    columns = [{**_org_link(data, o), "named": matrix.named_in_texts(data, o)} for o in grid.orgs]
    labels = [c["label"] for c in columns]
    records: dict[int, tuple] = {}
    abbr = abbreviations(data)
    # A cell without a record shows only its status: one view of each.
    plain = {status: CellView(status, a, title=status) for status, a in abbr.items()}
    seen: set[str] = set()
    regions = data.vocabulary.regions
    by_region: dict[str, list[dict]] = {}
    # Rows by region (the site's order of regions), then by name: the matrix's sources are
    # numbered in that reading order.
    ordered = sorted(grid.countries, key=lambda c: (regions.index(data.countries[c].region)
                                                    if data.countries[c].region in regions else len(regions),
                                                    data.countries[c].name))
    for country_id in ordered:
        country = data.countries[country_id]
        # Most cells have no record: their view is looked up here, without a call per cell.
        cells = [plain[cell.status] if cell.record is None
                 else _matrix_cell_view(cell, notes, records, abbr, labels[at])
                 for at, cell in enumerate(grid.rows[country_id])]
        seen.update(map(attrgetter("status"), cells))
        by_region.setdefault(country.region, []).append(
            {"id": country_id, "name": country.name_on(year_end(year)), "url": country_url(country_id),
             "region": country.region,
             "cells": cells})
    decades: dict[int, list[int]] = {}
    for y in years:
        decades.setdefault(y // 10 * 10, []).append(y)
    return {
        "year": year, "columns": columns, "groups": list(by_region.items()),
        "counts": grid.member_counts(),
        "counted": sorted(s.name for s in data.vocabulary.statuses if s.counted),
        "decades": decades, "first_year": years.start, "last_year": years.stop - 1,
        "previous_year": year - 1 if year - 1 in years else None,
        "next_year": year + 1 if year + 1 in years else None,
        "legend": [(a, s) for s, a in abbr.items() if s in seen],
        "regions": list(by_region),
        "changes": year_changes(data, year, set(grid.orgs)),
        **(member_maps.memberships_map(data, grid) if latest else {}),
        "notes": notes.entries(), "latest": latest,
        "pairs": [{"a": _org_link(data, a), "b": _org_link(data, b), "url": f"overlap/{a}-{b}/"}
                  for a, b in pairs],
    }


def year_changes(data: Dataset, year: int, orgs: set[str]) -> list[dict]:
    """What changed in the matrix's organizations during `year`: each state that joined, changed
    its status or left, in date order (a record that ends on the day the next begins is a change
    of status, not a departure and an accession)."""
    found = []
    for record in data.memberships_in_year(year):
        if record.org not in orgs or record.country not in data.countries:
            continue
        pair = [r for r in data.records_of(record.org, record.country) if r is not record]
        if record.start.year == year:
            before = next((r for r in pair if r.end is not None and r.end.first_day == record.start.first_day), None)
            found.append((record.start, "changed" if before else "joined", before.status if before else None, record))
        if record.end is not None and record.end.year == year \
                and not any(r.start.first_day == record.end.first_day for r in pair):
            found.append((record.end, "left", None, record))
    found.sort(key=lambda c: (c[0].sort_key(), data.organizations[c[3].org].label, data.countries[c[3].country].name))
    return [{"date": day.display(), "kind": kind, "from": earlier, "status": record.status,
             "ended_by": record.ended_by if kind == "left" else None, "org": _org_link(data, record.org),
             "country": {"name": data.countries[record.country].name, "url": country_url(record.country)}}
            for day, kind, earlier, record in found]


def matrix_page(data: Dataset, year: int, years: range, pairs=(), latest: bool = False) -> GeneratedPage:
    title = "Member matrix" if latest else f"Member matrix, {year}"
    return GeneratedPage(
        src_uri="matrix/index.md" if latest else f"matrix/{year}.md", title=title, template="matrix.html",
        context=partial(_matrix_view, data, year, years, latest, pairs),
        description=f"Which country belonged to which organization at the end of {year}, with sources.",
        breadcrumbs=[] if latest else [("Member matrix", "matrix/")], searchable=latest, citable=latest,
    )


def changes_page(data: Dataset, years: range) -> GeneratedPage:
    """`matrix/changes/`: every change in the matrix's organizations, year by year; with
    JavaScript (filters.js), only those between two years a reader picks."""
    def view() -> dict:
        orgs = set(matrix.matrix_orgs(data))
        by_year = [(year, year_changes(data, year, orgs)) for year in years]
        # Every year, with changes or without: the anchors #y<YYYY> stay when the data changes.
        return {"years": by_year,
                "first_year": years.start, "last_year": years.stop - 1}

    return GeneratedPage(
        src_uri="matrix/changes.md", title="Changes in membership, year by year", template="changes.html",
        context=view, description="Every state that joined, changed its status in or left an organization, by year.",
        breadcrumbs=[("Member matrix", "matrix/")], citable=True,
    )


def overlap_page(data: Dataset, a: str, b: str, as_of: dt.date) -> GeneratedPage:
    org_a, org_b = data.organizations[a], data.organizations[b]
    start = max(org_a.founded.year, org_b.founded.year)
    end = min(org_a.dissolved.year if org_a.dissolved else as_of.year,
              org_b.dissolved.year if org_b.dissolved else as_of.year)
    name = lambda c: data.countries[c].name  # noqa: E731
    known = data.vocabulary.status

    def other_status(country: str, other: str, year: int) -> str | None:
        """A member of one that holds a lesser status in the other (suspended, observer, …)."""
        status = matrix.cell(data, other, country, year).status
        return status if status in known else None

    years = []
    for year in range(start, end + 1):
        result = matrix.overlap(data, a, b, year)
        years.append({"year": year, "both": [(c, name(c), None) for c in result.both],
                      "only_a": [(c, name(c), other_status(c, b, year)) for c in result.only_a],
                      "only_b": [(c, name(c), other_status(c, a, year)) for c in result.only_b],
                      "count_a": len(result.both) + len(result.only_a),
                      "count_b": len(result.both) + len(result.only_b)})
    title = f"{org_a.label} and {org_b.label}: common members"
    return GeneratedPage(
        src_uri=f"overlap/{a}-{b}.md", title=title, template="overlap.html",
        context={"a": _org_link(data, a), "b": _org_link(data, b), "years": years},
        description=f"Which countries belonged to both the {org_a.name} and the {org_b.name}, year by year.",
        breadcrumbs=[("Member matrix", "matrix/")],
    )


def event_view(data: Dataset, event) -> dict:
    return {
        "id": event.id, "date": event.date.display(), "iso": event.date.iso(), "year": event.date.year,
        "title": event.title, "kind": event.kind, "summary": event.summary,
        "orgs": [_org_link(data, o) for o in event.orgs],
        "countries": [{"id": c, "name": data.countries[c].name, "url": country_url(c)} for c in event.countries],
        "people": [{"id": p, "name": data.people[p].name, "url": f"people/{p}/"} for p in event.people],
        "sources": [{"label": source_label(data, s), "url": source_url(s), "claim": quotation(s)}
                    for s in event.sources],
        **other_dates(event),
        "disputed_sources": [[{"label": source_label(data, s), "url": source_url(s), "claim": quotation(s)}
                              for s in d.sources] for d in event.disputed],
    }


def events_of(data: Dataset, *, org: str | None = None, country: str | None = None,
              person: str | None = None) -> list[dict]:
    """The events involving an entity, in date order, as views for a page's timeline section."""
    chosen = {e.id: e for kind, entity_id in (("org", org), ("country", country), ("person", person)) if entity_id
              for e in data.events_of(kind, entity_id)}.values()
    return [event_view(data, e) for e in sorted(chosen, key=lambda e: (e.date.sort_key(), e.id))]


def timeline_page(data: Dataset) -> GeneratedPage:
    events = [event_view(data, e) for e in sorted(data.events.values(), key=lambda e: (e.date.sort_key(), e.id))]
    years: dict[int, list[dict]] = {}
    for event in events:
        years.setdefault(event["year"], []).append(event)
    orgs = sorted({o["id"]: o for e in events for o in e["orgs"]}.values(), key=lambda o: o["label"].lower())
    countries = sorted({c["id"]: c for e in events for c in e["countries"]}.values(), key=lambda c: c["name"])
    return GeneratedPage(
        src_uri="timeline/index.md", title="Timeline", template="timeline.html",
        context={"years": years, "count": len(events), "filter_orgs": orgs, "filter_countries": countries,
                 "kinds": sorted({e["kind"] for e in events})},
        description="Foundings, accessions, suspensions, withdrawals, summits, treaties and exercises, with sources.",
        citable=True,
    )


def charts_for_org(data: Dataset, org: Organization, as_of: dt.date):
    """The organization's members over the years, with their years in its predecessors."""
    rows = []
    for standing in sorted(history.standings(data, org.id, as_of), key=lambda s: data.countries[s.country].name):
        if standing.records or standing.lineage_records:
            country = data.countries[standing.country]
            rows.append(Row(country.name, standing.records, country_url(country.id), standing.lineage_records))
    labels = {o: data.organizations[o].label for o in data.lineage(org.id) if o != org.id}
    return membership_chart(rows, as_of, data.vocabulary.drawn, labels)


def charts_for_country(data: Dataset, country_id: str, as_of: dt.date):
    by_org: dict[str, list[Membership]] = {}
    for record in data.memberships_of_country(country_id):
        by_org.setdefault(record.org, []).append(record)
    rows = [Row(data.organizations[o].label, recs, org_url(o))
            for o, recs in sorted(by_org.items(), key=lambda kv: min(r.start.sort_key() for r in kv[1]))]
    return membership_chart(rows, as_of, data.vocabulary.drawn)

