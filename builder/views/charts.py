"""Geometry of the membership charts: one row per country (or organization) over the years, a
segment per record.

The chart is drawn by `templates/partials/chart.html` as HTML, not as one scaled image: its row
labels and years are text that wraps and keeps its size on a phone, its colours are the theme's
(so their contrast is checked like any text's), and a row's label can be a link. This module
only computes positions, in per cent of the time axis, so that the arithmetic stays testable.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from builder.core.model import Membership
from builder.views import history


@dataclass
class Segment:
    left: float  # per cent of the axis
    width: float
    status: str
    pattern: str
    title: str  # for screen readers and hover: "member, 16 August 2006 – 19 December 2012"
    lineage: str | None = None  # the predecessor the record is in, when it is not the chart's own


@dataclass
class Bar:
    label: str
    url: str | None = None  # the row's own page (a country's, an organization's)
    segments: list[Segment] = field(default_factory=list)

    @property
    def description(self) -> str:
        """The row in words, for the row's image role: "Uzbekistan: member, 2006 – 2012; …"."""
        return f"{self.label}: " + "; ".join(s.title for s in self.segments) + "."


@dataclass
class Chart:
    start: int
    end: int
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (per cent, year)

    @property
    def statuses(self) -> list[tuple[str, str]]:
        """The legend: each status drawn, with its pattern, in order of appearance."""
        seen: dict[str, str] = {}
        for bar in self.bars:
            for segment in bar.segments:
                seen.setdefault(segment.status, segment.pattern)
        return list(seen.items())

    @property
    def lineages(self) -> list[str]:
        """The predecessors whose records the chart also shows (drawn lighter)."""
        return list(dict.fromkeys(s.lineage for bar in self.bars for s in bar.segments if s.lineage))


@dataclass
class Row:
    label: str
    records: list[Membership]
    url: str | None = None
    lineage_records: list[Membership] = field(default_factory=list)  # in predecessors


def _at(day: dt.date, start: int, end: int) -> float:
    span = (dt.date(end + 1, 1, 1) - dt.date(start, 1, 1)).days
    offset = (day - dt.date(start, 1, 1)).days
    return 100 * max(0, min(offset, span)) / span


def membership_chart(rows: list[Row], as_of: dt.date, drawn: Mapping[str, str] | None = None,
                     lineage_label: Mapping[str, str] | None = None) -> Chart | None:
    """A chart of `rows`, from the first record's year to the as-of year; `drawn` gives each
    status its pattern (model.Status.drawn), solid where it says none; `lineage_label` names the
    predecessors whose records rows carry (by organization id)."""
    records = [r for row in rows for r in row.records + row.lineage_records]
    if not records:
        return None
    start = min(r.start.year for r in records)
    end = as_of.year
    bars = []
    for row in rows:
        bar = Bar(label=row.label, url=row.url)
        drawn_records: list[tuple[Membership, str | None]] = [(r, None) for r in row.records]
        drawn_records += [(r, (lineage_label or {}).get(r.org, r.org)) for r in row.lineage_records]
        for record, of in sorted(drawn_records, key=lambda pair: pair[0].start.sort_key()):
            left = _at(record.start.first_day, start, end)
            right = _at(record.end.first_day if record.end else as_of, start, end)
            status = f"{record.status} of the {of}" if of else record.status
            bar.segments.append(Segment(
                left=round(left, 2), width=round(max(right - left, 0.4), 2), status=record.status,
                pattern=(drawn or {}).get(record.status, "solid"),
                title=f"{status}, {history.dates(record)}", lineage=of,
            ))
        bars.append(bar)
    step = next(s for s in (1, 2, 5, 10, 20) if (end - start + 1) / s <= 10)
    first_tick = start + (-start % step)
    ticks = [(round(_at(dt.date(year, 1, 1), start, end), 2), year) for year in range(first_tick, end + 1, step)]
    return Chart(start=start, end=end, bars=bars, ticks=ticks)
