"""Who belonged to what in a given year: the member matrix, and the overlap of two organizations.

"Status in year Y" is the status on 31 December of Y. A cell distinguishes a status, "not a
member", "unknown" (a partial date leaves the day open), "the organization did not exist" and
"the state did not exist" (before its `exists_from`, or from its `dissolved`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from builder.core.dates import year_end
from builder.core.model import NO_STATE, NOT_MEMBER, NOT_YET, UNKNOWN, UNKNOWN_STATUS, Dataset, Membership


@dataclass(frozen=True)
class Cell:
    status: str  # a membership status, or one of NOT_YET / NOT_MEMBER / UNKNOWN_STATUS / NO_STATE
    record: Membership | None = None


def cell(data: Dataset, org_id: str, country_id: str, year: int) -> Cell:
    """The country's standing in the organization at the end of `year`."""
    return next(standings(data, org_id, country_id, (year,)))


def standings(data: Dataset, org_id: str, country_id: str, years) -> Iterator[Cell]:
    """`cell` for each of `years`, with the organization, the state and the records looked up once."""
    org = data.organizations[org_id]
    country = data.countries.get(country_id)
    records = data.records_of(org_id, country_id)
    for year in years:
        day = year_end(year)
        exists = org.exists_on(day)
        state = country.exists_on(day) if country else True
        if exists is False:
            yield _NOT_YET
        elif state is False:
            yield _NO_STATE
        else:
            yield _held(records, day, UNKNOWN if state is UNKNOWN else exists)


def _held(records: list[Membership], day: dt.date, exists) -> Cell:
    unknown = exists is UNKNOWN
    for record in records:
        held = record.covers(day)
        if held is True:
            return Cell(record.status, record)
        if held is UNKNOWN:
            unknown = True
    return _UNKNOWN if unknown else _NOT_MEMBER


# The cells without a record, one of each: a large matrix is mostly these.
_NOT_YET, _NO_STATE, _UNKNOWN, _NOT_MEMBER = Cell(NOT_YET), Cell(NO_STATE), Cell(UNKNOWN_STATUS), Cell(NOT_MEMBER)


def members_on(data: Dataset, org_id: str, day: dt.date, statuses: Collection[str] | None = None) -> set[str]:
    """Countries certainly holding one of `statuses` (the site's member statuses) in the
    organization on `day`."""
    wanted = data.vocabulary.counted if statuses is None else statuses
    return {m.country for m in data.memberships_of_org(org_id)
            if m.status in wanted and m.covers(day) is True}


def members(data: Dataset, org_id: str, year: int, statuses: Collection[str] | None = None) -> set[str]:
    """Countries holding one of `statuses` in the organization at the end of `year`."""
    return members_on(data, org_id, year_end(year), statuses)


@dataclass
class Overlap:
    year: int
    both: list[str]
    only_a: list[str]
    only_b: list[str]


def overlap(data: Dataset, a: str, b: str, year: int) -> Overlap:
    """Members of both organizations, of the first only and of the second only, at the end of `year`."""
    in_a, in_b = members(data, a, year), members(data, b, year)
    return Overlap(year, sorted(in_a & in_b), sorted(in_a - in_b), sorted(in_b - in_a))


@dataclass
class Matrix:
    year: int
    orgs: list[str]
    countries: list[str]
    rows: dict[str, list[Cell]] = field(default_factory=dict)  # country -> its cells, in `orgs` order
    counted: Collection[str] = frozenset()  # the statuses that make a member

    def member_counts(self) -> list[int]:
        """How many countries are members, column by column (in `orgs` order)."""
        columns = zip(*(self.rows[c] for c in self.countries)) if self.countries else [[] for _ in self.orgs]
        return [sum(1 for cell in column if cell.status in self.counted) for column in columns]

    def memberships_by_country(self) -> dict[str, int]:
        """How many of the matrix's organizations each country is a member of."""
        return {c: sum(1 for cell in self.rows[c] if cell.status in self.counted) for c in self.countries}


def matrix_years(data: Dataset, as_of: dt.date) -> range:
    """Every year the data covers: from the first founding to the as-of year."""
    first = min((o.founded.year for o in data.organizations.values()), default=as_of.year)
    return range(first, as_of.year + 1)


def matrix_orgs(data: Dataset) -> list[str]:
    """The matrix's columns, in a stable order: organizations that have members, those the
    articles name first (most named first), then the others; each group by founding date when
    counts are equal."""
    with_members = {m.org for m in data.memberships}
    orgs = [o for o in data.organizations.values()
            if o.id in with_members and o.kind not in data.vocabulary.outside_matrix]
    return [o.id for o in sorted(orgs, key=lambda o: (-data.mentions.get(f"org:{o.id}", 0),
                                                       o.founded.sort_key(), o.id))]


def named_in_texts(data: Dataset, org_id: str) -> bool:
    return data.mentions.get(f"org:{org_id}", 0) > 0


def build_matrix(data: Dataset, year: int) -> Matrix:
    """Countries with any status in any existing organization that year, by organizations that existed.

    A row starts as the cells of a country without records (most of a large matrix) and only the
    organizations the country has records in are looked at.
    """
    day = year_end(year)
    existing = {o: data.organizations[o].exists_on(day) for o in matrix_orgs(data)}
    orgs = [o for o, exists in existing.items() if exists is not False]
    column = {o: i for i, o in enumerate(orgs)}
    empty_row = [_UNKNOWN if existing[o] is UNKNOWN else _NOT_MEMBER for o in orgs]
    any_unknown = _UNKNOWN in empty_row
    rows = {}
    with_records = {m.country for o in orgs for m in data.memberships_of_org(o)}
    for country_id in sorted(with_records & set(data.countries)):
        country = data.countries[country_id]
        if country.exists_on(day) is False:
            continue  # a row of "state did not exist" only: no record can hold
        by_org: dict[str, list[Membership]] = {}
        for record in data.memberships_of_country(country_id):
            if record.org in column:
                by_org.setdefault(record.org, []).append(record)
        row = list(empty_row)
        for org_id, records in by_org.items():
            row[column[org_id]] = _held(records, day, existing[org_id])
        if any_unknown or any(c.record is not None or c.status == UNKNOWN_STATUS for c in row):
            rows[country_id] = row
    ordered = sorted(rows, key=lambda c: (data.countries[c].region, data.countries[c].name))
    return Matrix(year, orgs, ordered, rows, data.vocabulary.counted)
