"""The world map of reach: country shapes, their projection, and the colour classes of a choropleth.

One source of shapes for the dashboard's SVG and the documents' PNG: Natural Earth's 1:50m admin-0
countries as the npm package world-atlas 2.0.2 ships them (data/world-atlas/, pinned in package.json;
a test checks the copy is the package's, byte for byte). Nothing is downloaded at run time.

The shapes are projected once per process with the Equal Earth projection (an equal-area map, so a
country's colour is not exaggerated by its latitude), in a plane `WIDTH` units wide, y pointing down
as in SVG. Countries too small to see at that size (most small island developing States) are drawn as
a dot as well, so a programme's reach among them shows on the map. Antarctica is left out.

Names are not the atlas's: the caller names countries in the UN's words (un_countries).
"""

import json
import math
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np
from django_countries import countries

from .chart_colours import CLASS_COLOURS, NO_DATA_COLOUR

ATLAS_FILE = Path(__file__).resolve().parent / "data" / "world-atlas" / "countries-50m.json"
ATLAS_SOURCE = "Natural Earth 1:50m boundaries (world-atlas 2.0.2)"
# The disclaimer United Nations maps carry.
DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)
ANTARCTICA = "AQ"
WIDTH = 1000.0
MARGIN = 4.0
# Below this area (in square units of the WIDTH-wide plane) a country also gets a dot.
SMALL_AREA = 12.0
# Points closer than this to the last one kept are dropped: invisible at the map's size, and they
# would triple the SVG.
PRECISION = 1.0


# The shapes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryShape:
    code: str  # ISO 3166-1 alpha-2, as django-countries and un_countries key countries
    rings: tuple  # numpy arrays of (x, y) points in the plane; exterior rings and holes alike
    area: float
    centre: tuple[float, float]  # of its largest ring: where its dot goes

    @property
    def is_small(self) -> bool:
        return self.area < SMALL_AREA

    @cached_property
    def svg_path(self) -> str:
        return _svg_path(self.rings)


def _decoded_arcs(topology: dict) -> list[np.ndarray]:
    """TopoJSON stores each arc as quantized deltas: undo both, giving longitude and latitude."""
    scale = np.array(topology["transform"]["scale"])
    translate = np.array(topology["transform"]["translate"])
    return [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"]]


def _ring(arcs: list[np.ndarray], indexes: list[int]) -> np.ndarray:
    """A ring joins arcs end to start; a negative index (~i) is arc i reversed."""
    parts = []
    for position, index in enumerate(indexes):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if position == 0 else arc[1:])
    return np.concatenate(parts)


def _clipped(ring: np.ndarray, keep_west: bool, limit: float) -> np.ndarray:
    """Sutherland–Hodgman against one meridian: the part of `ring` west (or east) of `limit`."""

    def inside(point) -> bool:
        return point[0] <= limit if keep_west else point[0] >= limit

    kept = []
    for start, end in zip(ring, np.roll(ring, -1, axis=0), strict=True):
        if inside(end):
            if not inside(start):
                kept.append(_crossing(start, end, limit))
            kept.append(end)
        elif inside(start):
            kept.append(_crossing(start, end, limit))
    return np.array(kept)


def _crossing(start, end, limit: float) -> np.ndarray:
    share = (limit - start[0]) / (end[0] - start[0])
    return np.array([limit, start[1] + share * (end[1] - start[1])])


def _cut_at_the_antimeridian(ring: np.ndarray) -> list[np.ndarray]:
    """The atlas is spherical: a ring may step from 180° to -180° (Chukotka, Fiji's Taveuni). Drawn
    on a plane that step would cross the whole map, so such a ring is made continuous, then cut in
    two at the antimeridian, the far part moved back by a full turn."""
    steps = np.diff(ring[:, 0])
    if not (np.abs(steps) > 180).any():
        return [ring]
    unwrapped = ring.copy()
    unwrapped[1:, 0] -= 360 * np.cumsum(np.round(steps / 360))
    pieces = []
    for low, high in ((-180, 180), (180, 540), (-540, -180)):
        piece = _clipped(_clipped(unwrapped, True, high), False, low)
        if len(piece) >= 3:
            piece[:, 0] -= low + 180  # back into [-180, 180]
            pieces.append(piece)
    return pieces


def _equal_earth(longitude_latitude: np.ndarray) -> np.ndarray:
    """Šavrič, Patterson and Jenny (2018), the projection d3-geo calls geoEqualEarth."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    longitude = np.radians(longitude_latitude[:, 0])
    theta = np.arcsin(math.sqrt(3) / 2 * np.sin(np.radians(longitude_latitude[:, 1])))
    theta2 = theta * theta
    theta6 = theta2 * theta2 * theta2
    x = longitude * np.cos(theta) / (math.sqrt(3) / 2 * (a1 + 3 * a2 * theta2 + theta6 * (7 * a3 + 9 * a4 * theta2)))
    y = theta * (a1 + a2 * theta2 + theta6 * (a3 + a4 * theta2))
    return np.column_stack([x, y])


def _area_and_centre(ring: np.ndarray) -> tuple[float, float, float]:
    """Signed area (a hole winds the other way round from its outline, so it subtracts) and centroid."""
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    signed = cross.sum() / 2
    if abs(signed) < 1e-12:
        return 0.0, float(x.mean()), float(y.mean())
    centre_x = ((x + np.roll(x, -1)) * cross).sum() / (6 * signed)
    centre_y = ((y + np.roll(y, -1)) * cross).sum() / (6 * signed)
    return float(signed), float(centre_x), float(centre_y)


@dataclass(frozen=True)
class WorldShapes:
    countries: dict[str, CountryShape]  # by code, in the atlas's order
    unnamed: tuple  # rings of areas the atlas gives no ISO code (drawn grey, never counted)
    height: float


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


@cache
def world_shapes() -> WorldShapes:
    """Decoded, projected and fitted to WIDTH once per process (a quarter of a second)."""
    topology = json.loads(ATLAS_FILE.read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)
    by_code: dict[str, list[np.ndarray]] = {}
    unnamed = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [
            _equal_earth(piece)
            for polygon in _polygons(geometry)
            for ring in polygon
            for piece in _cut_at_the_antimeridian(_ring(arcs, ring))
        ]
        code = countries.alpha2(int(geometry["id"])) if geometry.get("id") else ""
        if code == ANTARCTICA:
            continue
        if code:
            by_code.setdefault(code, []).extend(rings)
        else:
            unnamed.extend(rings)
    every_point = np.concatenate([ring for rings in [*by_code.values(), unnamed] for ring in rings])
    low, high = every_point.min(axis=0), every_point.max(axis=0)
    factor = (WIDTH - 2 * MARGIN) / (high[0] - low[0])

    def fitted(ring: np.ndarray) -> np.ndarray:
        x = (ring[:, 0] - low[0]) * factor + MARGIN
        y = (high[1] - ring[:, 1]) * factor + MARGIN
        return np.column_stack([x, y])

    shapes = {}
    for code, rings in by_code.items():
        placed = tuple(fitted(ring) for ring in rings)
        measured = [_area_and_centre(ring) for ring in placed]
        _, *centre = max(measured, key=lambda ring: abs(ring[0]))
        area = abs(sum(signed for signed, *_ in measured))
        shapes[code] = CountryShape(code=code, rings=placed, area=area, centre=tuple(centre))
    height = (high[1] - low[1]) * factor + 2 * MARGIN
    return WorldShapes(countries=shapes, unnamed=tuple(fitted(ring) for ring in unnamed), height=float(height))


def _thinned(ring: np.ndarray) -> list[tuple[float, float]]:
    points = [tuple(ring[0])]
    for x, y in ring[1:]:
        last_x, last_y = points[-1]
        if abs(x - last_x) >= PRECISION or abs(y - last_y) >= PRECISION:
            points.append((x, y))
    return points


@cache
def _unnamed_areas_svg_path() -> str:
    return _svg_path(world_shapes().unnamed)


def _svg_path(rings) -> str:
    parts = []
    for ring in rings:
        points = _thinned(ring)
        if len(points) < 3:
            continue
        coordinates = " ".join(f"{x:.1f} {y:.1f}" for x, y in points)
        parts.append(f"M{coordinates}Z")
    return "".join(parts)


# The colour classes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColourClass:
    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def colour_classes(counts) -> list[ColourClass]:
    """Up to five classes with about as many countries in each (quantiles of the counts), whole
    numbers that never overlap. With five distinct counts or fewer, each count is its own class."""
    values = sorted(count for count in counts if count > 0)
    if not values:
        return []
    distinct = sorted(set(values))
    if len(distinct) <= len(CLASS_COLOURS):
        bounds = [(value, value) for value in distinct]
    else:
        tops = sorted({values[math.ceil(len(values) * step / len(CLASS_COLOURS)) - 1] for step in range(1, 6)})
        bounds, low = [], values[0]
        for top in tops:
            if top >= low:
                bounds.append((low, top))
                low = top + 1
    # The darkest colour for the most participants, whatever the number of classes.
    colours = CLASS_COLOURS[len(CLASS_COLOURS) - len(bounds) :]
    return [ColourClass(low, high, colour) for (low, high), colour in zip(bounds, colours, strict=True)]


def colour_for(count: int, classes: list[ColourClass]) -> str:
    for colour_class in classes:
        if colour_class.low <= count <= colour_class.high:
            return colour_class.colour
    return NO_DATA_COLOUR


# A map of counts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MappedCountry:
    shape: CountryShape
    count: int
    colour: str


@dataclass(frozen=True)
class ReachMap:
    """Countries with a count, coloured; the rest of the world grey; counted places the atlas cannot
    draw (Tuvalu, an unknown code) named so that a caption can say so."""

    mapped: list[MappedCountry]
    unmapped_codes: list[str]
    others: list[CountryShape]
    classes: list[ColourClass]
    width: float
    height: float

    @property
    def dots(self) -> list[MappedCountry]:
        return [country for country in self.mapped if country.shape.is_small]

    @property
    def background_svg_path(self) -> str:
        """The countries without a count and the areas without a code, as one grey shape."""
        return "".join(shape.svg_path for shape in self.others) + _unnamed_areas_svg_path()


def reach_map(counts_by_code: dict[str, int]) -> ReachMap:
    shapes = world_shapes()
    counted = {code: count for code, count in counts_by_code.items() if code and count > 0}
    classes = colour_classes(counted.values())
    mapped = [
        MappedCountry(shape, counted[code], colour_for(counted[code], classes))
        for code, shape in shapes.countries.items()
        if code in counted
    ]
    return ReachMap(
        mapped=mapped,
        unmapped_codes=sorted(code for code in counted if code not in shapes.countries),
        others=[shape for code, shape in shapes.countries.items() if code not in counted],
        classes=classes,
        width=WIDTH,
        height=shapes.height,
    )
