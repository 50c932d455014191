"""What the member maps show: an organization's states period by period, and on the matrix page
how many of its organizations each state belongs to (the drawing is `maps`, the pages `pages`)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from builder.core.model import Dataset, Organization
from builder.core.urls import country_url
from builder.views import maps, matrix


def map_periods(data: Dataset, org: Organization, as_of: dt.date) -> list[dict[str, Any]]:
    """The organization's states, period by period: each period the years (at their end, as the
    matrix counts) in which every state held the same status, with its map and its lists."""
    countries = sorted({r.country for r in data.memberships_of_org(org.id)})
    first = min((r.start.year for r in data.memberships_of_org(org.id)), default=None)
    if first is None:
        return []
    last = min(as_of.year, org.dissolved.year if org.dissolved else as_of.year)
    years = range(min(first, org.founded.year), last + 1)  # every year the matrix may link to
    known = data.vocabulary.status
    columns = {c: list(matrix.standings(data, org.id, c, years)) for c in countries}
    periods: list[dict[str, Any]] = []
    for at, year in enumerate(years):
        held = {c: cells[at].status for c, cells in columns.items() if cells[at].status in known}
        if periods and periods[-1]["held"] == held:
            periods[-1]["years"].append(year)
        else:
            periods.append({"years": [year], "held": held})
    labels = {c.id: c.name for c in data.countries.values()}
    drawn_as = {c.id: c.drawn_as for c in data.countries.values() if c.drawn_as}
    views = []
    for period in periods:
        held = period["held"]
        areas = {c: maps.Area(c, status, data.vocabulary.status[status].drawn, f"{labels[c]}: {status}")
                 for c, status in held.items()}
        by_status = [(s.name, sorted((labels[c] for c, st in held.items() if st == s.name), key=str.casefold))
                     for s in data.vocabulary.statuses]
        span = period["years"]
        views.append({
            "id": f"y{span[0]}", "years": span,
            "label": str(span[0]) if len(span) == 1 else f"{span[0]}–{span[-1]}",
            "map": maps.member_map(areas, drawn_as, labels) if held else None,
            "statuses": [(status, names) for status, names in by_status if names],
            "description": "; ".join(f"{status}: {', '.join(names)}" for status, names in by_status if names),
        })
    return views


def latest_map(data: Dataset, all_periods: list[dict[str, Any]]) -> dict[str, Any]:
    """The organization page's map: its states in the last period (its page has the others)."""
    periods = [p for p in all_periods if p["map"]]
    if not periods:
        return {"latest_map": None}
    latest = periods[-1]
    return {"latest_map": latest, "map_shapes": maps.shape_definitions([latest["map"]]),
            "map_statuses": statuses_drawn(data, [latest])}


def statuses_drawn(data: Dataset, periods: list[dict[str, Any]]) -> list[tuple[str, str]]:
    used = {status for p in periods for status, _ in p["statuses"]}
    return [(s.name, s.drawn) for s in data.vocabulary.statuses if s.name in used]


# The member map of the matrix page: how many of the matrix's organizations a state belongs to.
_BANDS = ((10, "10 or more", "crosshatched"), (6, "6 to 9", "hatched"), (3, "3 to 5", "striped"), (1, "1 or 2", "dotted"))


def memberships_map(data: Dataset, grid: matrix.Matrix) -> dict[str, Any]:
    counts = {c: n for c, n in grid.memberships_by_country().items() if n}
    labels = {c.id: c.name for c in data.countries.values()}
    areas, bands = {}, []
    for floor, label, pattern in _BANDS:
        members = sorted((c for c, n in counts.items() if n >= floor and c not in areas), key=lambda c: labels[c])
        for country in members:
            areas[country] = maps.Area(country, f"band-{floor}", pattern, f"{labels[country]}: {counts[country]}")
        if members:
            bands.append({"label": label, "pattern": pattern, "floor": floor,
                          "states": [(labels[c], counts[c], country_url(c)) for c in members]})
    drawn = {c.id: c.drawn_as for c in data.countries.values() if c.drawn_as}
    member_map = maps.member_map(areas, drawn, labels) if areas else None
    return {"memberships_map": member_map, "memberships_bands": bands,
            "map_shapes": maps.shape_definitions([member_map]) if member_map else []}
