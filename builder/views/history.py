"""Membership histories in words: "founding member 1992–1999; member 2006–2012; suspended since 2012"."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from builder.core.dates import PartialDate
from builder.core.model import Dataset, Membership


def years(record: Membership) -> str:
    """The record's span in years, en dash between, "since" while it still holds."""
    return year_span(record.start, record.end)


def year_span(start: PartialDate, end: PartialDate | None) -> str:
    """A span in years: "since 1992", "1998", "1992–1999"."""
    if end is None:
        return f"since {start.year}"
    if end.year == start.year:
        return str(start.year)
    return f"{start.year}–{end.year}"


def period(start: PartialDate, end: PartialDate | None) -> str:
    """A span at the precision of its dates: "since May 1992", "1998", "15 May 1992 – April 1999"."""
    if end is None:
        return f"since {start.display()}"
    if end == start:
        return start.display()
    return f"{start.display()} – {end.display()}"


def dates(record: Membership) -> str:
    """The record's span at the precision of its dates."""
    return period(record.start, record.end)


def summarize(records: Iterable[Membership]) -> str:
    """One line per country: statuses in order of first appearance, their spans after each."""
    spans: dict[str, list[str]] = {}
    for record in sorted(records, key=lambda m: m.start.sort_key()):
        spans.setdefault(record.status, []).append(years(record))
    return "; ".join(f"{status} {', '.join(parts)}" for status, parts in spans.items())


@dataclass
class Standing:
    """A country's place in one organization: where it stands on a day, and its whole record."""

    country: str
    status: str | None  # on the reference day; None = not then
    records: list[Membership]  # this organization's own records
    lineage_records: list[Membership]  # records in predecessors, oldest first


def standings(data: Dataset, org_id: str, day: dt.date) -> list[Standing]:
    """Every country with a record in the organization or its predecessors, with its status on `day`."""
    lineage = data.lineage(org_id)
    by_country: dict[str, Standing] = {}
    in_lineage = set(lineage)
    for record in data.memberships:
        if record.org not in in_lineage:
            continue
        standing = by_country.setdefault(record.country, Standing(record.country, None, [], []))
        (standing.records if record.org == org_id else standing.lineage_records).append(record)
    for standing in by_country.values():
        status = None
        for record in standing.records:
            held = record.status_on(day)
            if isinstance(held, str):  # neither None (not then) nor UNKNOWN
                status = held
        standing.status = status
        standing.records.sort(key=lambda m: m.start.sort_key())
        standing.lineage_records.sort(key=lambda m: m.start.sort_key())
    return list(by_country.values())
