"""The data model: organizations, countries, memberships, events, people and sources.

Every object remembers where it was defined (`origin`), so any later check can point the user
at the file and line to fix.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from builder.core.dates import PartialDate, year_end

# Ids and article slugs become URLs: lowercase letters, digits and single hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ORG_KINDS = {
    "military alliance": "Military alliances",
    "collective security organization": "Collective security organizations",
    "security cooperation organization": "Security cooperation organizations",
    "security conference": "Security conferences",
    "regional organization": "Regional organizations",
    "economic community": "Economic communities and unions",
    "political and economic union": "Political and economic unions",
    "international organization": "International organizations",
    "treaty": "Treaties",
    "forum": "Forums",
    "joint force": "Joint forces",
    "programme": "Programmes",
    "policy": "Policies",
    "operation": "Operations and missions",
    "organ": "Organs of other organizations",
}

@dataclass(frozen=True)
class Status:
    """A membership status as a corpus defines it: how pages show it, count it and code it."""

    name: str
    abbreviation: str  # in a matrix cell
    counted: bool = False  # a member: in the matrix totals, the member counts and the overlaps
    listed_with: str = "partners"  # the group an organization page lists a country in while it holds it
    cow_code: int = 0  # in data/country-year.csv: 1 full, 2 associate, 3 observer, 0 none (COW IGO)
    drawn: str = "dotted"  # its pattern in the membership charts: one of DRAWINGS


LISTED_WITH = ("members", "partners")
# Patterns of the membership charts (site.css draws each): one per status, so that none is told
# from another by colour alone.
DRAWINGS = ("solid", "banded", "half", "striped", "hatched", "backhatched", "crosshatched", "dotted", "grid",
            "outline", "dashed")

# In the order a member list shows them: full membership first. Partners, candidates and
# participants have no COW code of their own; they are 0 (not members) in the export, with their
# status kept in its `status` column.
STATUSES = (
    Status("founding member", "F", counted=True, listed_with="members", cow_code=1, drawn="banded"),
    Status("member", "M", counted=True, listed_with="members", cow_code=1, drawn="solid"),
    Status("associate member", "A", listed_with="members", cow_code=2, drawn="half"),
    Status("participating state", "PS", counted=True, listed_with="members", cow_code=1, drawn="striped"),
    Status("suspended", "S", listed_with="members", cow_code=1, drawn="hatched"),
    Status("observer", "O", cow_code=3, drawn="dotted"),
    Status("partner", "P", drawn="grid"),
    Status("dialogue partner", "D", drawn="outline"),
    Status("associate partner", "AP", drawn="backhatched"),
    Status("participant", "Pa", drawn="crosshatched"),
    Status("candidate", "C", drawn="dashed"),
)

ENDED_BY = (
    "withdrawal",
    "suspension",
    "expulsion",
    "change of status",
    "dissolution of the organization",
    "dissolution of the state",
    "expiry",
)

# What a matrix cell or a year of the export says when no status holds, and what the cell shows
# (a status's own abbreviation is the site's, `Status.abbreviation`).
NOT_YET = "organization did not exist"
NOT_MEMBER = "not a member"
UNKNOWN_STATUS = "unknown"
NO_STATE = "state did not exist"
CELL_MARKS = {NOT_MEMBER: "–", UNKNOWN_STATUS: "?", NOT_YET: "·", NO_STATE: "×"}

# Kinds left out of the matrix: universal bodies and operations have no "membership" in the
# sense the matrix compares (a universal one would add every state of the world).
OUTSIDE_MATRIX = ("international organization", "operation", "policy")

REGIONS = (
    "Central Asia", "South Caucasus", "Eastern Europe", "Baltic", "Northern Europe",
    "Western Europe", "Southern Europe", "Central Europe", "Southeast Europe", "North America",
    "East Asia", "South Asia", "Southeast Asia", "Middle East", "North Africa", "Caribbean",
    "Oceania",
)

EVENT_KINDS = (
    "founding", "treaty", "charter", "summit", "accession", "status change", "suspension", "expulsion",
    "withdrawal", "dissolution", "memorandum", "exercise", "operation", "deployment", "decision", "other",
)

# The kinds of event that change a state's membership: each names, for every organization and
# country it lists, a record that begins or ends on its date (python -m builder audit).
MEMBERSHIP_EVENT_KINDS = ("accession", "status change", "suspension", "expulsion", "withdrawal")

# Which act each date field gives, when several date one fact (the other dates go in a record's
# `also_dated`); pages and data/ say so.
DATE_CONVENTIONS = {
    "founded": "the day the founding act took effect: its entry into force, or, for a body set up by a "
               "decision, declaration or launch that needs no ratification, the day of that act",
    "dissolved": "the first day on which the organization no longer existed",
    "from": "the first day the status held for the state: for a member, the day its accession took effect; "
            "for a status granted by an organ (observer, partner, dialogue partner, candidate), the day of "
            "the organ's decision",
    "to": "the first day on which the status no longer held",
    "exists_from": "the first day the state existed (its declaration of independence, union or split)",
    "date": "the day of the act the event is about",
}

SOURCE_TYPES = (
    "treaty", "charter", "agreement", "protocol", "declaration", "decision", "announcement",
    "web page", "book", "chapter", "article", "report",
)


@dataclass(frozen=True)
class Vocabulary:
    """The words a corpus chooses for its records: the generator's defaults above, or a site's own
    from site_data/vocabularies.yaml (builder.vocabulary)."""

    organization_kinds: dict[str, str] = field(default_factory=lambda: dict(ORG_KINDS))  # kind -> heading
    regions: tuple[str, ...] = REGIONS
    event_kinds: tuple[str, ...] = EVENT_KINDS
    source_types: tuple[str, ...] = SOURCE_TYPES
    statuses: tuple[Status, ...] = STATUSES  # in the order member lists show them
    ended_by: tuple[str, ...] = ENDED_BY
    outside_matrix: tuple[str, ...] = OUTSIDE_MATRIX  # organization kinds the matrix leaves out
    membership_event_kinds: tuple[str, ...] = MEMBERSHIP_EVENT_KINDS
    date_conventions: dict[str, str] = field(default_factory=lambda: dict(DATE_CONVENTIONS))

    @cached_property
    def status(self) -> dict[str, Status]:
        return {s.name: s for s in self.statuses}

    @cached_property
    def status_names(self) -> tuple[str, ...]:
        return tuple(self.status)

    @cached_property
    def drawn(self) -> dict[str, str]:
        """Each status's pattern in charts."""
        return {s.name: s.drawn for s in self.statuses}

    @cached_property
    def counted(self) -> frozenset[str]:
        """The statuses that make a member: matrix totals, member counts, overlaps."""
        return frozenset(s.name for s in self.statuses if s.counted)

    def status_rank(self, status: str | None) -> int:
        """Where a status comes in a member list: unknown ones last."""
        order = self._ranks
        return order.get(status, len(order)) if status is not None else len(order)

    @cached_property
    def _ranks(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.status)}


class Unknown:
    """The data cannot tell (a partial date leaves the day open); distinct from "not a member"."""

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN = Unknown()


@dataclass(frozen=True)
class Origin:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class SourceRef(str):
    """A source reference (a bibliography id, or an article paragraph or note `slug#p34`) that may
    carry the words the fact rests on: `quote` (the article's words, or a quotation from the
    document) and `locator` (where in the document: "Article 4", "p. 12").

    A `str`, so that everything that reads a record's sources as ids keeps doing so."""

    quote: str | None
    locator: str | None
    line: int

    def __new__(cls, ref: str, quote: str | None = None, locator: str | None = None, line: int = 0) -> SourceRef:
        made = super().__new__(cls, ref)
        made.quote, made.locator, made.line = quote, locator, line
        return made

    def __reduce__(self):  # pickled (the build hands the project over) with its quote
        return (SourceRef, (str(self), self.quote, self.locator, self.line))


@dataclass(frozen=True)
class AlsoDated:
    """Another act that dates the same fact, true as well: the signature beside the entry into
    force, the memorandum beside the decision. The record's own date follows the field's
    convention (site_data/README.md); this keeps the other one."""

    field: str  # the record's field it dates again: from, to, date, founded, dissolved, …
    date: PartialDate
    act: str  # what happened on that day ("Charter signed in Chisinau")
    sources: list[str]
    line: int = 0


@dataclass(frozen=True)
class Disputed:
    """A source that dates the same fact otherwise: both claims are kept, and the page says that
    the sources disagree."""

    field: str
    date: PartialDate
    sources: list[str]
    note: str | None = None
    line: int = 0


@dataclass
class Source:
    id: str
    type: str
    title: str
    origin: Origin
    author: str | None = None
    date: PartialDate | None = None
    place: str | None = None
    publisher: str | None = None
    url: str | None = None
    note: str | None = None
    # Identifiers by scheme (celex, doi, isbn, issn, un_symbol, unts, oclc): a document can be
    # found by one where it has no stable web address.
    identifiers: dict[str, str] = field(default_factory=dict)
    # Why the entry has neither a URL nor an identifier (a printed book, an unpublished document,
    # an address that could not be verified): stated instead of guessed.
    url_missing_reason: str | None = None
    title_descriptive: bool = False  # the title is the editor's description, not as published
    title_original: str | None = None  # the title as published in its own language
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # YAML key -> line

    @property
    def findable(self) -> bool:
        """A reader can find the document: it has a URL or an identifier."""
        return bool(self.url or self.identifiers)


@dataclass
class Collection:
    """A printed work the articles belong to (a chapter's book): one record, named by each
    article's `collection`, instead of the same lines in every chapter's front matter."""
    id: str
    title: str
    origin: Origin
    title_source: str | None = None  # where the title is read, when the work does not print it plainly
    publisher: str | None = None
    editors: list[str] | None = None
    year: int | None = None
    institution: str | None = None
    note: str | None = None

    def publication(self) -> dict:
        """The record as an article's `publication` keys (an article's own keys override them)."""
        return {"container_title": self.title, "container_title_source": self.title_source,
                "publisher": self.publisher, "editors": self.editors, "year": self.year,
                "institution": self.institution}


@dataclass
class Organization:
    id: str
    name: str
    kind: str
    founded: PartialDate
    summary: str
    sources: list[str]
    origin: Origin
    short: str | None = None
    aliases: list[str] = field(default_factory=list)
    founded_note: str | None = None
    dissolved: PartialDate | None = None
    dissolved_note: str | None = None
    headquarters: str | None = None
    predecessors: list[str] = field(default_factory=list)
    successors: list[str] = field(default_factory=list)
    parent: str | None = None
    also_dated: list[AlsoDated] = field(default_factory=list)
    disputed: list[Disputed] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # YAML key -> line

    @property
    def label(self) -> str:
        return self.short or self.name

    def exists_on(self, day: dt.date) -> bool | Unknown:
        if day < self.founded.first_day:
            return False
        if self.dissolved and day >= self.dissolved.last_day:
            return False
        if day < self.founded.last_day or (self.dissolved and day >= self.dissolved.first_day):
            return UNKNOWN
        return True


@dataclass(frozen=True)
class FormerName:
    name: str
    until: PartialDate  # the first day of the next name


@dataclass
class Country:
    id: str
    name: str
    region: str
    origin: Origin
    official_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    dissolved: PartialDate | None = None
    # A former state on a map: the present-day states (ISO alpha-3) whose shapes cover it.
    drawn_as: list[str] = field(default_factory=list)
    # When the state began: `exists_from` (its first day), or `existed_by` (a day on which it
    # already existed, for a state older than the data: its beginning is not recorded).
    exists_from: PartialDate | None = None
    existed_by: PartialDate | None = None
    exists_note: str | None = None  # which act (declaration of independence, union, split)
    dissolved_note: str | None = None
    iso3166_3: str | None = None  # a former state's four-letter ISO 3166-3 code (SUHH)
    successors: list[str] = field(default_factory=list)  # the states that followed it
    former_names: list[FormerName] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # for its existence and dissolution
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # YAML key -> line

    def exists_on(self, day: dt.date) -> bool | Unknown:
        """Whether the state existed on `day`; UNKNOWN where a partial date leaves it open. A
        state without dates counts as existing (the audit lists it)."""
        if self.exists_from is not None:
            if day < self.exists_from.first_day:
                return False
            if day < self.exists_from.last_day:
                return UNKNOWN
        if self.dissolved is not None:
            if day >= self.dissolved.last_day:
                return False
            if day >= self.dissolved.first_day:
                return UNKNOWN
        return True

    def name_on(self, day: dt.date) -> str:
        """The state's name on `day` (a former name until the day it changed)."""
        for former in sorted(self.former_names, key=lambda f: f.until.sort_key()):
            if day < former.until.first_day:
                return former.name
        return self.name



@dataclass
class Membership:
    org: str
    country: str
    status: str
    start: PartialDate
    sources: list[str]
    origin: Origin
    end: PartialDate | None = None
    ended_by: str | None = None
    note: str | None = None
    also_dated: list[AlsoDated] = field(default_factory=list)
    disputed: list[Disputed] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # YAML key -> line

    def covers(self, day: dt.date) -> bool | Unknown:
        """Whether this status held on `day`; UNKNOWN where a partial date leaves it open."""
        if day < self.start.first_day:
            return False
        if self.end is not None and day >= self.end.last_day:
            return False
        if day < self.start.last_day:
            return UNKNOWN
        if self.end is not None and day >= self.end.first_day:
            return UNKNOWN
        return True

    def status_on(self, day: dt.date) -> str | None | Unknown:
        """The status on `day`, None when this record does not hold then."""
        held = self.covers(day)
        if held is UNKNOWN:
            return UNKNOWN
        return self.status if held else None

    def status_in(self, year: int) -> str | None | Unknown:
        """Status in year Y is the status on 31 December of Y."""
        return self.status_on(year_end(year))

    @property
    def is_current(self) -> bool:
        return self.end is None


@dataclass
class Role:
    title: str
    org: str | None = None
    country: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    line: int = 0


@dataclass
class Person:
    id: str
    name: str
    origin: Origin
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    affiliation: str | None = None
    sources: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # YAML key -> line


@dataclass
class Event:
    id: str
    date: PartialDate
    title: str
    kind: str
    sources: list[str]
    origin: Origin
    orgs: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    summary: str | None = None
    also_dated: list[AlsoDated] = field(default_factory=list)
    disputed: list[Disputed] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # YAML key -> line


@dataclass
class Dataset:
    organizations: dict[str, Organization] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    collections: dict[str, Collection] = field(default_factory=dict)
    # The author(s) of each article, by slug: how a paragraph cited as a source is named ("Author, ¶ 34").
    article_labels: dict[str, str] = field(default_factory=dict, repr=False)
    # How often the articles name each entity ("org:abc" -> 212): the matrix puts theirs first.
    mentions: dict[str, int] = field(default_factory=dict, repr=False)
    # Ids of records that exist but could not be read; references to them are not reported again.
    unreadable: set[str] = field(default_factory=set, repr=False)
    vocabulary: Vocabulary = field(default_factory=Vocabulary, repr=False)
    _index: dict | None = field(default=None, repr=False)
    _index_size: tuple[int, int] = field(default=(-1, -1), repr=False)

    def _indexed(self, name: str) -> dict:
        """Records by organization, by country, by pair; events by entity. Built once: pages ask
        for them thousands of times, and a scan of every record each time would grow as the
        square of the data."""
        size = (len(self.memberships), len(self.events))
        if self._index is None or self._index_size != size:
            index: dict[str, dict] = {"pair": {}, "org": {}, "country": {}, "events": {}, "year": {}}
            for record in self.memberships:
                index["pair"].setdefault((record.org, record.country), []).append(record)
                for year in {record.start.year, record.end.year if record.end else None} - {None}:
                    index["year"].setdefault(year, []).append(record)
                index["org"].setdefault(record.org, []).append(record)
                index["country"].setdefault(record.country, []).append(record)
            for event in self.events.values():
                for kind, ids in (("org", event.orgs), ("country", event.countries), ("person", event.people)):
                    for entity_id in dict.fromkeys(ids):
                        index["events"].setdefault((kind, entity_id), []).append(event)
            self._index, self._index_size = index, size
        return self._index[name]

    def records_of(self, org_id: str, country_id: str) -> list[Membership]:
        """One country's records in one organization."""
        return self._indexed("pair").get((org_id, country_id), [])

    def memberships_in_year(self, year: int) -> list[Membership]:
        """The records that begin or end in `year`."""
        return list(self._indexed("year").get(year, []))

    def memberships_of_org(self, org_id: str) -> list[Membership]:
        return list(self._indexed("org").get(org_id, []))

    def memberships_of_country(self, country_id: str) -> list[Membership]:
        return list(self._indexed("country").get(country_id, []))

    def events_of(self, kind: str, entity_id: str) -> list[Event]:
        """The events naming an entity (`kind` is org, country or person), in the file's order."""
        return list(self._indexed("events").get((kind, entity_id), []))

    def status_on(self, org_id: str, country_id: str, day: dt.date) -> str | None | Unknown:
        """The country's status in the organization on `day` (None: not a member)."""
        found: str | None | Unknown = None
        for record in self.records_of(org_id, country_id):
            status = record.status_on(day)
            if status is UNKNOWN:
                found = UNKNOWN
            elif status is not None:
                return status
        return found

    def lineage(self, org_id: str) -> list[str]:
        """The organization and all its predecessors, oldest last, each once."""
        seen: list[str] = []
        queue = [org_id]
        while queue:
            current = queue.pop(0)
            if current in seen or current not in self.organizations:
                continue
            seen.append(current)
            queue.extend(self.organizations[current].predecessors)
        return seen


def cited(record) -> list[tuple[str, str, int]]:
    """Every source reference a record makes, with the field it is in and its line: its own
    `sources`, and those of its other and disputed dates."""
    lines = getattr(record, "lines", {})
    found = [("sources", ref, getattr(ref, "line", 0) or lines.get("sources", record.origin.line))
             for ref in getattr(record, "sources", [])]
    for name in ("also_dated", "disputed"):
        for item in getattr(record, name, []):
            found += [(name, ref, getattr(ref, "line", 0) or item.line or lines.get(name, record.origin.line))
                      for ref in item.sources]
    return found
