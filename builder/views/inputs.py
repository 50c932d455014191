"""Which files a page is made from, so that its date is its own content's last change.

An organization's page changes when its record, its memberships, its events, the sources they
cite, a person who held an office in it or an article that names it change, and not when another
organization's record does. Pages of the data as a whole (indexes, matrices, the timeline) are
made from all of it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from builder.core.model import Dataset
from builder.load.articles import Article


class PageInputs:
    """The files behind each page; the lookups by entity are indexed once for the whole site."""

    def __init__(self, data: Dataset, articles: Iterable[Article]):
        self.data = data
        self.articles = list(articles)
        self._naming: dict[str, set[str]] = defaultdict(set)  # "org:abc" -> files of the articles naming it
        self._authored: dict[str, set[str]] = defaultdict(set)  # author's name -> files of their articles
        for article in self.articles:
            for key in article.mentions:
                self._naming[key].add(article.file)
            for author in article.authors:
                self._authored[author.name].add(article.file)
        self._office_holders: dict[tuple[str, str], set[str]] = defaultdict(set)  # ("org", id) -> people's files
        for person in data.people.values():
            for role in person.roles:
                if role.org:
                    self._office_holders["org", role.org].add(person.origin.file)
                if role.country:
                    self._office_holders["country", role.country].add(person.origin.file)
        self._everything: frozenset[str] | None = None

    def of_entity(self, kind: str, entity_id: str) -> frozenset[str]:
        """The files behind the page of one organization ("org"), country or person."""
        data = self.data
        if kind == "org":
            files = {data.organizations[entity_id].origin.file}
            records = data.memberships_of_org(entity_id)
        elif kind == "country":
            files = {data.countries[entity_id].origin.file}
            records = data.memberships_of_country(entity_id)
        else:
            person = data.people[entity_id]
            files, records = {person.origin.file} | self._authored.get(person.name, set()), []
        events = data.events_of(kind, entity_id)
        files |= {r.origin.file for r in records} | {e.origin.file for e in events}
        files |= self._office_holders.get((kind, entity_id), set()) | self._naming.get(f"{kind}:{entity_id}", set())
        cited = {s for r in records for s in r.sources} | {s for e in events for s in e.sources}
        files |= {data.sources[s].origin.file for s in cited if s in data.sources}
        return frozenset(files)

    def of_article(self, article: Article) -> frozenset[str]:
        """An article's page: its text and the record of the printed work it belongs to."""
        collection = self.data.collections.get(article.collection or "")
        return frozenset({article.file} | ({collection.origin.file} if collection else set()))

    def everything(self) -> frozenset[str]:
        """Every file of the data and every article: what a page of the whole site is made from."""
        if self._everything is None:
            data = self.data
            tables: list[Iterable[Any]] = [data.organizations.values(), data.countries.values(), data.memberships,
                                           data.events.values(), data.people.values(), data.sources.values(),
                                           data.collections.values()]
            files = {record.origin.file for table in tables for record in table}
            self._everything = frozenset(files | {a.file for a in self.articles})
        return self._everything
