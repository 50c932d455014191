"""Geometry of the membership charts: one bar per row over the years, a segment per record.

The chart is drawn by `templates/partials/chart.svg.html`; this module only computes positions,
so that the drawing stays markup and the arithmetic stays testable.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from builder.core.model import Membership
from builder.views import history

LABEL_WIDTH = 150  # px for the row labels
PLOT_WIDTH = 560
ROW_HEIGHT = 22
BAR_HEIGHT = 14
AXIS_HEIGHT = 24
TOP = 6

@dataclass
class Segment:
    x: float
    width: float
    status: str
    pattern: str
    title: str  # for screen readers and hover: "member, 16 August 2006 – 19 December 2012"
    label: str  # printed inside the bar when it fits, else ""


@dataclass
class Bar:
    label: str
    y: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Chart:
    width: int
    height: int
    start: int
    end: int
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (x, year)
    plot_left: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    axis_y: float = 0.0

    @property
    def statuses(self) -> list[tuple[str, str]]:
        """The legend: each status drawn, with its pattern, in order of appearance."""
        seen: dict[str, str] = {}
        for bar in self.bars:
            for segment in bar.segments:
                seen.setdefault(segment.status, segment.pattern)
        return list(seen.items())


def _x(day: dt.date, start: int, end: int) -> float:
    span = (dt.date(end + 1, 1, 1) - dt.date(start, 1, 1)).days
    offset = (day - dt.date(start, 1, 1)).days
    return LABEL_WIDTH + PLOT_WIDTH * max(0, min(offset, span)) / span


def membership_chart(rows: list[tuple[str, list[Membership]]], as_of: dt.date,
                     drawn: Mapping[str, str] | None = None) -> Chart | None:
    """A chart of `rows` (label, records), from the first record's year to the as-of year;
    `drawn` gives each status its pattern (model.Status.drawn), solid where it says none.

    The chart is one image (role="img"): its rows carry no links, the tables below it do.
    """
    records = [r for _, recs in rows for r in recs]
    if not records:
        return None
    start = min(r.start.year for r in records)
    end = as_of.year
    bars = []
    for index, (label, recs) in enumerate(rows):
        bar = Bar(label=label, y=TOP + index * ROW_HEIGHT)
        for record in sorted(recs, key=lambda m: m.start.sort_key()):
            x0 = _x(record.start.first_day, start, end)
            x1 = _x(record.end.first_day if record.end else as_of, start, end)
            width = max(x1 - x0, 1.5)
            text = record.status
            bar.segments.append(Segment(
                x=round(x0, 1), width=round(width, 1), status=record.status,
                pattern=(drawn or {}).get(record.status, "solid"),
                title=f"{label}: {record.status}, {history.dates(record)}",
                label=text if width > 7 * len(text) else "",
            ))
        bars.append(bar)
    axis_y = TOP + len(rows) * ROW_HEIGHT + 4
    step = next(s for s in (1, 2, 5, 10, 20) if (end - start + 1) / s <= 10)
    first_tick = start + (-start % step)
    ticks = [(round(_x(dt.date(year, 1, 1), start, end), 1), year) for year in range(first_tick, end + 1, step)]
    return Chart(width=LABEL_WIDTH + PLOT_WIDTH + 10, height=int(axis_y + AXIS_HEIGHT), start=start,
                 end=end, bars=bars, ticks=ticks, axis_y=axis_y)
