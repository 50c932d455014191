"""Member maps: the states of an organization in a period, drawn from Natural Earth's boundaries.

The shapes come from `world/countries-50m.json` (the world-atlas TopoJSON, shipped with the
package: world/README.md), decoded once per build and projected once for the whole site, so that
a map is only a choice of shapes and a frame around them. The projection is equirectangular with
the longitudes narrowed by the cosine of 45° (true to scale where most of Europe and Eurasia
lies); east of 169° W counts as east of 180°, so that Chukotka stays beside the rest of Russia.

A former state is drawn with the shapes of the states that now cover it (a country's
`drawn_as`); one without them (drawn_as: []) is named under the map instead.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

WORLD = Path(__file__).parent / "world"
_NARROW = math.cos(math.radians(45))
_WRAP = -160.0  # a part of a state that lies across 180° and wholly west of this is drawn east of 180°
_UNIT = 10  # map units per degree of latitude
_TOLERANCE = 1.5  # units: a point this near the line through its neighbours adds nothing at map size
_ISLAND = 6.0  # square units: a smaller polygon than this is left out, unless it is all the state has
_SMALL = 6  # units: a state smaller than this across gets a dot, or it could not be seen
# Shapes the boundary data gives no ISO code, by name: the code in common use.
_UNCODED = {"Kosovo": "xkx"}


@dataclass(frozen=True)
class Shape:
    key: str  # alpha-3 code in lowercase, or a name for a shape without a code
    path: str  # SVG path data in map units
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 of its main parts (not far islands)
    centre: tuple[float, float]


@dataclass
class Area:
    country: str | None  # the data's country id, or None for a shape the data has no country for
    status: str | None = None
    pattern: str = "solid"
    label: str = ""


@dataclass
class MemberMap:
    """One map: its frame, and the shapes it uses by key (a page defines each shape once, and
    its maps refer to them: one page can hold a map for every period without repeating Russia)."""
    view_box: str
    background: list[str] = field(default_factory=list)  # keys of the shapes of states not shown
    areas: list[tuple[Area, str]] = field(default_factory=list)
    dots: list[tuple[Area, tuple[float, float]]] = field(default_factory=list)  # small states
    not_drawn: list[str] = field(default_factory=list)  # labels of states without a shape

    @property
    def keys(self) -> set[str]:
        return set(self.background) | {key for _, key in self.areas}

    @property
    def background_ids(self) -> list[str]:
        return [shape_id(key) for key in self.background]

    @property
    def area_ids(self) -> list[tuple[Area, str]]:
        return [(area, shape_id(key)) for area, key in self.areas]


def shape_definitions(maps: Iterable[MemberMap]) -> list[tuple[str, str]]:
    """(element id, path data) of every shape the maps use, once each, in a stable order."""
    shapes = world_shapes()
    keys = sorted(set[str]().union(*(m.keys for m in maps)))
    return [(shape_id(key), shapes[key].path) for key in keys]


def shape_id(key: str) -> str:
    return "shape-" + "".join(c if c.isalnum() else "-" for c in key.lower())


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _project(lon: float, lat: float) -> tuple[float, float]:
    return lon * _NARROW * _UNIT, -lat * _UNIT


def _unwrapped(polygons: list[list[list[tuple[float, float]]]]) -> list[list[list[tuple[float, float]]]]:
    """A state with parts on both sides of 180° (Russia's Chukotka, Fiji, the Aleutians): the
    parts that lie west of 160° W, and the western half of a ring cut at 180°, moved east by
    360°, so that the state is drawn in one piece."""
    points = [point for rings in polygons for ring in rings for point in ring]
    if not (any(lon > -_WRAP for lon, _ in points) and any(lon < _WRAP for lon, _ in points)):
        return polygons

    def moved(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
        lons = [lon for lon, _ in ring]
        if max(lons) > 170 and min(lons) < -170:  # cut at 180°
            return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
        if sum(lons) / len(lons) < _WRAP:
            return [(lon + 360, lat) for lon, lat in ring]
        return ring

    return [[moved(ring) for ring in rings] for rings in polygons]


def _simplified(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas and Peucker's line simplification, without recursion."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        far, at = 0.0, -1
        if dx or dy:  # distances to the chord, times its length (compared with the tolerance times it)
            limit = _TOLERANCE * math.hypot(dx, dy)
            for i in range(first + 1, last):
                x, y = points[i]
                distance = abs(dy * (x - x0) - dx * (y - y0))
                if distance > far:
                    far, at = distance, i
        else:
            limit = _TOLERANCE
            for i in range(first + 1, last):
                x, y = points[i]
                distance = math.hypot(x - x0, y - y0)
                if distance > far:
                    far, at = distance, i
        if far > limit:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [point for point, kept in zip(points, keep) if kept]


def _ring_path(ring: list[tuple[float, float]]) -> tuple[str, list[tuple[float, float]]]:
    projected = [_project(lon, lat) for lon, lat in ring]
    # A closed ring: simplified as two halves, so that its first point is not the only one kept.
    middle = len(projected) // 2
    kept = _simplified(projected[: middle + 1])[:-1] + _simplified(projected[middle:])
    if len(kept) < 4:  # a small island or state: its own points, few as they are
        kept = projected
    if len(kept) < 3:
        return "", kept
    start = kept[0]
    moves = [f"M{start[0]:.0f} {start[1]:.0f}"]
    last = (round(start[0]), round(start[1]))
    for x, y in kept[1:]:
        point = (round(x), round(y))
        if point != last:
            moves.append(f"l{point[0] - last[0]} {point[1] - last[1]}")
            last = point
    return "".join(moves) + "z", kept


def _box(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs), max(ys)


def _area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


@cache
def world_shapes() -> dict[str, Shape]:
    """Every shape of the boundary data by alpha-3 code in lowercase, or by its name when it has none."""
    topology = json.loads((WORLD / "countries-50m.json").read_text(encoding="utf-8"))
    alpha3 = json.loads((WORLD / "iso3166-numeric.json").read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        outlines = []
        for polygon in _unwrapped([[_ring(arcs, ring) for ring in polygon] for polygon in polygons]):
            rings = [_ring_path(ring) for ring in polygon]
            if rings and rings[0][0]:
                outlines.append((_area(rings[0][1]), [d for d, _ in rings if d], rings[0][1]))
        if not outlines:
            continue
        largest = max(area for area, _, _ in outlines)
        outlines = [o for o in outlines if o[0] >= _ISLAND or o[0] == largest]
        paths = [d for _, ds, _ in outlines for d in ds]
        main = [point for area, _, points in outlines if area >= largest / 20 for point in points]  # not far islands
        box = _box(main)
        name = geometry["properties"]["name"]
        key = alpha3.get(geometry.get("id", ""), _UNCODED.get(name, name))
        shapes[key] = Shape(key, "".join(paths), box, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
    return shapes


def member_map(shown: Mapping[str, Area], drawn_as: Mapping[str, list[str]], labels: Mapping[str, str]) -> MemberMap | None:
    """A map of the states in `shown` (country id -> its area: status, pattern, label), framed
    around them with a margin, the other states in the frame as background. `drawn_as` gives a
    former state's present-day shapes; `labels` names the states for the list of those not drawn."""
    shapes = world_shapes()
    areas: list[tuple[Area, Shape]] = []
    not_drawn = []
    for country, area in shown.items():
        keys = drawn_as.get(country, [country])
        found = [shapes[k] for k in keys if k in shapes]
        if not found:
            not_drawn.append(labels.get(country, country))
        areas += [(area, shape) for shape in found]
    if not areas:
        return None
    x0, y0, x1, y1 = _box(point for _, shape in areas for point in (shape.box[:2], shape.box[2:]))
    margin = max(x1 - x0, y1 - y0) * 0.08 + 20
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    if (x1 - x0) < 1.4 * (y1 - y0):  # not taller than wide: a page has more width than height
        grow = (1.4 * (y1 - y0) - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    used = {shape.key for _, shape in areas}
    background = [shape.key for shape in shapes.values() if shape.key not in used
                  and shape.box[2] >= x0 and shape.box[0] <= x1 and shape.box[3] >= y0 and shape.box[1] <= y1]
    dots = [(area, shape.centre) for area, shape in areas
            if max(shape.box[2] - shape.box[0], shape.box[3] - shape.box[1]) < _SMALL]
    return MemberMap(f"{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}", sorted(background),
                     [(area, shape.key) for area, shape in areas], dots, sorted(not_drawn))
