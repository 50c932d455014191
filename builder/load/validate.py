"""Rules across records: references resolve, intervals make sense, nothing overlaps.

Field-level problems (types, dates, vocabularies) are found while loading; these rules need the
whole dataset. Each rule appends `Problem`s and never stops at the first.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from builder.core.dates import PartialDate
from builder.core.model import Dataset, Membership, cited
from builder.load.articles import ARTICLE_KINDS
from builder.load.problems import Problem, did_you_mean

# An article paragraph (`an-essay#p34`) or footnote, by its printed number (`an-essay#fn56`).
ARTICLE_REF = re.compile(r"^(?P<slug>[a-z0-9-]+)#(?P<kind>p|fn)(?P<number>[1-9][0-9]*)$")


def _at(obj, field: str) -> tuple[str, int]:
    return obj.origin.file, getattr(obj, "lines", {}).get(field, obj.origin.line)


class _Checker:
    def __init__(self, data: Dataset, articles: Iterable[str]):
        self.data = data
        self.articles = set(articles)
        self.problems: list[Problem] = []

    def report(self, obj, field: str, message: str) -> None:
        file, line = _at(obj, field)
        self.problems.append(Problem(file, line, message))

    def reference(self, obj, field: str, value: str | None, table: dict, noun: str) -> None:
        if value is not None and value not in table and value not in self.data.unreadable:
            self.report(obj, field, f"unknown {noun} '{value}'{did_you_mean(value, table)}")

    def sources(self, obj) -> None:
        """Every reference the record makes (its own, its other and disputed dates') resolves."""
        for _field, ref, line in cited(obj):
            file = obj.origin.file
            match = ARTICLE_REF.match(ref)
            if match:
                if match["slug"] not in self.articles:
                    self.problems.append(Problem(file, line, f"unknown article '{match['slug']}' in source '{ref}'"
                                                             f"{did_you_mean(match['slug'], self.articles)}"))
            elif "#" in ref:
                self.problems.append(Problem(file, line, f"source '{ref}' is neither a source id nor an article "
                                                         f"paragraph or note like 'slug#p12' or 'slug#fn56'"))
            elif ref not in self.data.sources and ref not in self.data.unreadable:
                self.problems.append(Problem(file, line, f"unknown source '{ref}'{did_you_mean(ref, self.data.sources)}"))

    def disputes(self, obj, own: dict) -> None:
        """A disputed date is another claim: it may not repeat the record's own date."""
        for item in getattr(obj, "disputed", []):
            if own.get(item.field) is not None and own[item.field] == item.date:
                self.problems.append(Problem(obj.origin.file, item.line,
                                             f"disputed '{item.field}' ({item.date}) is the record's own date; "
                                             f"a disputed date is what another source says instead"))

    def interval(self, obj, start: PartialDate | None, end: PartialDate | None,
                 start_field: str, end_field: str) -> bool:
        if start and end and end.last_day <= start.first_day:
            self.report(obj, end_field, f"'{end_field}' ({end}) is not after '{start_field}' ({start})")
            return False
        return True


def validate(data: Dataset, articles: Iterable[str] = (), as_of: dt.date | None = None) -> list[Problem]:
    """Every cross-record problem in `data`; `articles` are the slugs of the known articles.

    With `as_of` (the day the data speaks for), a date after it is a problem: it is a typo or
    a guess, and "members now" would silently read it as a fact.
    """
    check = _Checker(data, articles)
    orgs, countries, people = data.organizations, data.countries, data.people
    if as_of is not None:
        _check_future(check, as_of)

    for org in orgs.values():
        for field, ids in (("predecessor", org.predecessors), ("successor", org.successors)):
            for other in ids:
                check.reference(org, field, other, orgs, "organization")
                if other == org.id:
                    check.report(org, field, f"organization '{org.id}' names itself as its {field}")
        check.reference(org, "parent", org.parent, orgs, "organization")
        if org.parent == org.id:
            check.report(org, "parent", f"organization '{org.id}' names itself as its parent")
        check.interval(org, org.founded, org.dissolved, "founded", "dissolved")
        check.sources(org)
        check.disputes(org, {"founded": org.founded, "dissolved": org.dissolved})

    for country in countries.values():
        _check_country(check, country)

    for membership in data.memberships:
        _check_membership(check, membership)
    by_pair: dict[tuple[str, str], list[Membership]] = {}
    for membership in data.memberships:
        by_pair.setdefault((membership.org, membership.country), []).append(membership)
    for records in by_pair.values():
        for a, b in combinations(sorted(records, key=lambda m: m.start.sort_key()), 2):
            if _definitely_overlap(a, b):
                check.report(b, "from",
                             f"{b.country} in {b.org}: '{b.status}' from {b.start} overlaps "
                             f"'{a.status}' from {a.start} ({a.origin})")

    for event in data.events.values():
        for field, ids, table, noun in (("orgs", event.orgs, orgs, "organization"),
                                        ("countries", event.countries, countries, "country"),
                                        ("people", event.people, people, "person")):
            for value in ids:
                check.reference(event, field, value, table, noun)
        check.sources(event)
        check.disputes(event, {"date": event.date})

    for person in people.values():
        for role in person.roles:
            line = role.line or person.origin.line
            for ref, table, noun in ((role.org, orgs, "organization"), (role.country, countries, "country")):
                if ref is not None and ref not in table and ref not in data.unreadable:
                    check.problems.append(Problem(person.origin.file, line,
                                                  f"unknown {noun} '{ref}'{did_you_mean(ref, table)}"))
            if role.start and role.end and role.end.last_day <= role.start.first_day:
                check.problems.append(Problem(person.origin.file, line,
                                              f"role '{role.title}' ends ({role.end}) before it begins ({role.start})"))
        check.sources(person)

    return check.problems


def _check_future(check: _Checker, as_of: dt.date) -> None:
    data = check.data
    dated: list[tuple[Any, tuple[str, ...]]] = [(o, ("founded", "dissolved")) for o in data.organizations.values()]
    dated += [(m, ("from", "to")) for m in data.memberships]
    dated += [(e, ("date",)) for e in data.events.values()]
    dated += [(c, ("exists_from", "existed_by", "dissolved")) for c in data.countries.values()]
    dated += [(s, ("date",)) for s in data.sources.values()]
    attributes = {"from": "start", "to": "end"}
    for record, fields in dated:
        for field in fields:
            value = getattr(record, attributes.get(field, field), None)
            if value is not None and value.first_day > as_of:
                check.report(record, field, f"'{field}' ({value}) is after {as_of.isoformat()}, the day the "
                                            f"data speaks for (as_of in mkdocs.yml)")
        for name in ("also_dated", "disputed"):
            for item in getattr(record, name, []):
                if item.date.first_day > as_of:
                    check.problems.append(Problem(record.origin.file, item.line,
                                                  f"{name}: '{item.field}' ({item.date}) is after "
                                                  f"{as_of.isoformat()}, the day the data speaks for (as_of in mkdocs.yml)"))
    for person in data.people.values():
        for role in person.roles:
            for field, value in (("from", role.start), ("to", role.end)):
                if value is not None and value.first_day > as_of:
                    check.problems.append(Problem(person.origin.file, role.line or person.origin.line,
                                                  f"role '{role.title}': '{field}' ({value}) is after "
                                                  f"{as_of.isoformat()}, the day the data speaks for "
                                                  f"(as_of in mkdocs.yml)"))


def _check_country(check: _Checker, country) -> None:
    for other in country.successors:
        check.reference(country, "successors", other, check.data.countries, "country")
        if other == country.id:
            check.report(country, "successors", f"country '{country.id}' names itself as its successor")
    check.sources(country)
    if country.exists_from is not None and country.existed_by is not None:
        check.report(country, "existed_by", "give 'exists_from' (the state's first day) or 'existed_by' (a day it "
                                            "already existed, its beginning not recorded), not both")
    start = country.exists_from or country.existed_by
    if start is not None:
        check.interval(country, start, country.dissolved, "exists_from" if country.exists_from else "existed_by",
                       "dissolved")
    if country.iso3166_3 and country.dissolved is None:
        check.report(country, "iso3166_3", "'iso3166_3' is the code of a former state; give 'dissolved' too")


def _check_membership(check: _Checker, m: Membership) -> None:
    data = check.data
    check.reference(m, "org", m.org, data.organizations, "organization")
    check.reference(m, "country", m.country, data.countries, "country")
    check.sources(m)
    check.disputes(m, {"from": m.start, "to": m.end})
    if m.ended_by and m.end is None:
        check.report(m, "ended_by", "'ended_by' is given but the record has no 'to' date")
    if not check.interval(m, m.start, m.end, "from", "to"):
        return
    org = data.organizations.get(m.org)
    if org is not None:
        if m.start.last_day < org.founded.first_day:
            check.report(m, "from", f"{m.country} in {m.org} begins {m.start}, before "
                                    f"{m.org} was founded ({org.founded})")
        if org.dissolved is not None:
            _ends_by(check, m, "org", f"{m.org} was dissolved ({org.dissolved})", org.dissolved)
    country = data.countries.get(m.country)
    if country is not None and country.dissolved is not None:
        _ends_by(check, m, "country", f"{m.country} ceased to exist ({country.dissolved})", country.dissolved)
    if country is not None and country.exists_from is not None and m.start.last_day < country.exists_from.first_day:
        check.report(m, "from", f"{m.country} in {m.org} begins {m.start}, before {m.country} existed "
                                f"(exists_from {country.exists_from})")


def _ends_by(check, m: Membership, field: str, ended: str, end: PartialDate) -> None:
    """A record must close by the day its organization or its state ended (`ended` says which)."""
    if m.end is None:
        check.report(m, field, f"{m.country} in {m.org} is still open, but {ended}; give 'to'")
    elif m.end.first_day > end.last_day:
        check.report(m, "to", f"{m.country} in {m.org} ends {m.end}, after {ended}")


def _definitely_overlap(a: Membership, b: Membership) -> bool:
    """True when some day certainly lies in both intervals."""
    start = max(a.start.last_day, b.start.last_day)
    ends = [m.end.first_day for m in (a, b) if m.end is not None]
    return not ends or start < min(ends)


def missing_article_anchors(data: Dataset, published: set[str]) -> list[Problem]:
    """Article paragraphs and notes cited as sources that the built articles do not have.

    Paragraph numbers exist only once the articles are rendered, so this runs after the build,
    on the set of URLs and anchors it produced (`articles/an-essay/#p34`).
    """
    problems = []
    for record in cited_records(data):
        for _field, ref, line in cited(record):
            match = ARTICLE_REF.match(ref)
            if match and f"articles/{match['slug']}/#{match['kind']}{match['number']}" not in published:
                what = "paragraph" if match["kind"] == "p" else "note"
                problems.append(Problem(record.origin.file, line,
                                        f"source '{ref}': the article has no {what} {match['number']}"))
    return problems


def cited_records(data: Dataset) -> list[Any]:
    """Every record that cites sources."""
    return [*data.organizations.values(), *data.countries.values(), *data.memberships, *data.events.values(),
            *data.people.values()]


def check_plugin_options(options: Mapping[str, Any], data: Dataset, config_text: str, display: str) -> list[Problem]:
    """The plugin options of mkdocs.yml that name things in the data or in the articles:
    `overlap_pairs` (two organization ids a pair) and `article_groups` (headings by article kind).

    MkDocs gives plugin options without their lines; a problem is placed on the first line from
    the option's name on that holds the wrong value."""
    lines = config_text.splitlines()

    def line_of(option: str, value: str) -> int:
        start = next((n for n, line in enumerate(lines) if option in line), 0)
        return next((n + 1 for n in range(start, len(lines)) if value in lines[n]), start + 1)

    problems = []
    for pair in options.get("overlap_pairs") or []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, str) for i in pair)):
            problems.append(Problem(display, line_of("overlap_pairs", str(pair)[:20]), f"overlap_pairs: each pair "
                                    f"is two organization ids, like [a, b]; got {pair!r}"))
            continue
        for org_id in pair:
            if org_id not in data.organizations:
                problems.append(Problem(display, line_of("overlap_pairs", org_id), f"overlap_pairs: '{org_id}' is not "
                                        f"an organization in the data{did_you_mean(org_id, data.organizations)}"))
        if pair[0] == pair[1]:
            problems.append(Problem(display, line_of("overlap_pairs", pair[0]),
                                    f"overlap_pairs: '{pair[0]}' is compared with itself"))
    for kind, heading in (options.get("article_groups") or {}).items():
        if kind not in ARTICLE_KINDS:
            problems.append(Problem(display, line_of("article_groups", str(kind)), f"article_groups: '{kind}' is not "
                                    f"an article kind{did_you_mean(str(kind), ARTICLE_KINDS)}; use one of: "
                                    f"{', '.join(ARTICLE_KINDS)}"))
        elif not isinstance(heading, str) or not heading.strip():
            problems.append(Problem(display, line_of("article_groups", str(kind)),
                                    f"article_groups: the heading for '{kind}' must be text"))
    return problems


def misquoted(data: Dataset, passages: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    """Quotes from an article paragraph or note that the passage does not hold: a quotation is
    the words as the page shows them (typographic quotes and spacing aside). `passages` are the
    rendered articles' (builder.markdown.passages), by slug and anchor."""
    from builder.markdown.passages import quoted

    problems = []
    for record in cited_records(data):
        for _field, ref, line in cited(record):
            match = ARTICLE_REF.match(ref)
            quote = getattr(ref, "quote", None)
            if not (match and quote):
                continue
            passage = passages.get(match["slug"], {}).get(f"{match['kind']}{match['number']}")
            if passage is not None and quoted(quote, passage) is None:
                shown = quote if len(quote) <= 60 else quote[:57] + "…"
                problems.append(Problem(record.origin.file, line, f"source '{ref}': the quote “{shown}” is not in "
                                                                  f"the passage; quote its words as the page shows them"))
    return problems
